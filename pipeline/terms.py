"""Terminology: the terms never translated (no-loc) and the per-locale glossary, read from the
settings and their files, and matched against a segment's English and translation. The rules
that report them are in ``checks.terminology``.

- no-loc terms come from ``[tool.pipeline] no-loc``, a docs-wide file (``no-loc-file``: one term
  a line, ``#`` comments) and an article's own ``no-loc`` front matter list. A term is matched
  as a whole word, case-sensitively; in the translation it must appear as it is.
- a glossary is a folder (``glossary``) of ``<locale>.csv`` (``english,translation[,another
  accepted translation…]``) and ``<locale>.tbx`` files. Its English terms are matched as whole
  words, case-insensitively, plural ``-s``/``-es`` included, except where it looks like part of
  a name (capitalized mid-sentence: "Dynamics 365 Customer Voice") or stands in the translation
  as the English wrote it (a name or a title kept in English). Its translations are matched
  leniently, to keep the check quiet on correct text: case- and accent-insensitively, anywhere
  in a word (German compounds: "Aufbewahrungsrichtlinie" holds "Richtlinie"), each word by its
  stem (less its last two letters when it has six or more, then any ending), markup allowed
  between the words: "groupe de ressources" accepts "groupes de ressources", "подписка"
  "подписку", "Postfach" "Archivpostfächer".

Both ignore code spans, link targets and URLs: code-changed and link-target-changed own those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.wide import wide_form

if TYPE_CHECKING:
    from pipeline.article import Article

# Letters that make a word go on: a term next to one of these is part of a longer word. CJK is
# not among them: "在Azure中" holds the term Azure.
_WORDISH = r"0-9A-Za-z_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
_NOT_PROSE = re.compile(
    r"`+[^`]*`+|\]\([^)]*\)|<(?:https?|ftp|mailto):[^>]*>|(?:https?|ftp)://[^\s)\"'<>]+"
    r"|<xref:[^>]*>")
# In the English only: a path such as /subscriptions/{id}/resourceGroups is an identifier (a
# space-less translation may run a whole clause into one "token" with a slash in it)
_PATH = re.compile(r"[^\s()\[\]`]*/[^\s()\[\]`]*")
_ALPHABETIC = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]")


class TermsError(Exception):
    """A no-loc file or glossary that cannot be read: the message names the file and line."""


def prose(text: str, paths: bool = False) -> str:
    """``text`` less its code spans, link targets and URLs (and paths, with ``paths``)."""
    text = _NOT_PROSE.sub(" ", text)
    return _PATH.sub(" ", text) if paths else text


def _edge(term: str, pattern: str) -> str:
    left = f"(?<![{_WORDISH}])" if re.match(f"[{_WORDISH}]", term[:1]) else ""
    right = f"(?![{_WORDISH}])" if re.match(f"[{_WORDISH}]", term[-1:]) else ""
    return left + pattern + right


def _spaced(term: str) -> str:
    return r"\s+".join(re.escape(word) for word in term.split())


def fold(text: str) -> str:
    """``text`` less its accents and umlauts, lower case: Postfächer -> postfacher."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _accepts(required: str) -> re.Pattern[str]:
    """What counts as the required translation being there, in ``fold``ed text (see the
    module's docstring)."""
    words = []
    for word in fold(required).split():
        if not _ALPHABETIC.search(word):  # CJK: no endings, no stems
            words.append(re.escape(word))
            continue
        stem = word[:-2] if len(word) >= 6 else word
        words.append(re.escape(stem) + f"[{_WORDISH}]*")
    return re.compile(r"[\s\-\[\]*_]+".join(words))


@dataclass(frozen=True, eq=False)
class Terms:
    """The terminology of a run: no-loc terms and each locale's glossary (locale folder name,
    lower case -> (English, accepted translations) pairs). ``digest`` tells two runs' terms
    apart (for the run cache). Patterns are compiled once per process, on first use."""

    no_loc: tuple[str, ...] = ()
    glossary: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    digest: str = ""
    _compiled: dict[object, object] = field(default_factory=dict, repr=False)

    def with_article(self, extra: Sequence[str]) -> Terms:
        """These terms and an article's own no-loc list."""
        merged = tuple(dict.fromkeys((*self.no_loc, *extra)))
        if merged == self.no_loc:
            return self
        key = ("article", merged)
        found = self._compiled.get(key)
        if not isinstance(found, Terms):
            found = self._compiled[key] = Terms(merged, self.glossary, self.digest)
        return found

    def has_any(self, locale: str) -> bool:
        return bool(self.no_loc) or bool(self.glossary.get(locale.lower()))

    def _no_loc(self) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
        found = self._compiled.get("no-loc")
        if found is None:
            ordered = sorted(set(self.no_loc), key=lambda t: (-len(t), t))
            each = {t: re.compile(_edge(t, _spaced(t))) for t in ordered}
            # a plain alternation of the terms, no lookarounds: the regex engine skips to a
            # possible first character, which makes this test cheap on the many segments
            # that hold no term
            union = re.compile("|".join(_spaced(t) for t in ordered) or "(?!)")
            found = self._compiled["no-loc"] = (union, each)
        return found  # type: ignore[return-value]

    def no_loc_missing(self, source: str, translation: str) -> list[str]:
        """The no-loc terms of the English that the translation does not keep."""
        if not self.no_loc:
            return []
        union, each = self._no_loc()
        if union.search(source) is None:  # most segments hold no term at all
            return []
        english, target = prose(source, paths=True), prose(translation)
        return [t for t, p in each.items() if p.search(english) and not p.search(target)]

    def _glossary(self, locale: str) -> tuple[re.Pattern[str], re.Pattern[str],
                                              dict[str, tuple[str, ...]],
                                              dict[str, list[re.Pattern[str]]]]:
        key = ("glossary", locale)
        found = self._compiled.get(key)
        if found is None:
            entries: dict[str, list[str]] = {}
            for english, translations in self.glossary.get(locale, ()):
                entries.setdefault(english.casefold(), []).extend(translations)
            terms = sorted(entries, key=lambda t: (-len(t), t))
            union = re.compile(
                "|".join(f"(?:{_edge(t, _spaced(t) + '(?:e?s)?')})" for t in terms) or "(?!)",
                re.IGNORECASE)
            quick = re.compile("|".join(_spaced(t) for t in terms) or "(?!)", re.IGNORECASE)
            accepted = {t: [_accepts(r) for r in dict.fromkeys(entries[t])] for t in terms}
            found = self._compiled[key] = (
                quick, union, {t: tuple(dict.fromkeys(entries[t])) for t in terms}, accepted)
        return found  # type: ignore[return-value]

    def glossary_missing(self, locale: str, source: str,
                         translation: str) -> list[tuple[str, tuple[str, ...]]]:
        """(English term, accepted translations) for each glossary term of the English whose
        translation the translation lacks."""
        locale = locale.lower()
        if not self.glossary.get(locale):
            return []
        quick, union, required, accepted = self._glossary(locale)
        if quick.search(source) is None:  # most segments hold no term at all
            return []
        target = prose(translation)
        folded = fold(target)
        english = prose(source, paths=True)
        seen: dict[str, None] = {}
        for m in union.finditer(english):
            written = m.group()
            if written.casefold() in target.casefold() or (
                    written[:1].isupper() and _mid_sentence(english, m.start())):
                continue  # a name, or English the translation keeps as it is
            term = re.sub(r"\s+", " ", written).casefold()
            term = term if term in required else re.sub(r"e?s\Z", "", term)
            if term in required:
                seen.setdefault(term)
        return [(t, required[t]) for t in seen
                if not any(p.search(folded) for p in accepted[t])]


def _mid_sentence(text: str, at: int) -> bool:
    """Whether ``at`` is inside a sentence rather than at its start (a capital there is a
    name's, not the sentence's)."""
    before = text[:at].rstrip(" *_[\"'(")
    return bool(before) and before[-1] not in ".!?:;|#>\n"


# ---------------------------------------------------------------- reading


def front_matter_terms(article: Article) -> tuple[str, ...]:
    """The article's ``no-loc`` front matter list (a single string is one term). The article
    reader has already refused hostile front matter; this reads the one key's values from the
    YAML events, as the reader does, constructing nothing."""
    if "no-loc" not in article.text[: article.body_start]:
        return ()
    import yaml

    from pipeline.article import split_front_matter

    try:
        loader = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML without libyaml
        loader = yaml.SafeLoader  # type: ignore[assignment]
    try:
        _, text = split_front_matter(article.text, article.path)
        return _list_of(yaml.parse(text, Loader=loader), "no-loc")
    except Exception:  # the reader accepted it; anything odd here means no terms
        return ()


def _list_of(events: Iterable[object], wanted: str) -> tuple[str, ...]:
    import yaml

    depth = 0
    key: str | None = None
    inside = False  # within the wanted key's value
    anchors: dict[str, str] = {}
    out: list[str] = []
    for event in events:
        if isinstance(event, yaml.ScalarEvent) and event.anchor:
            anchors[event.anchor] = event.value
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            if inside and depth == 1:
                return tuple(out)
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            continue
        value = (event.value if isinstance(event, yaml.ScalarEvent)
                 else anchors.get(event.anchor or ""))
        if inside and depth == 2 and value:
            out.append(value.strip())
        elif depth == 1:
            if key is None:
                key = value
                if key == wanted:
                    inside = True
            else:
                if inside:  # a single string
                    return (value.strip(),) if value and value.strip() else ()
                key = None
    return tuple(out)


READ_LIMIT = 64 * 1024 * 1024  # a terms file is read whole: a bound, as for articles


def _read(path: Path, what: str) -> bytes:
    """A terms file's bytes, read as articles are (``io.read_bytes``): only a regular file, at
    most ``READ_LIMIT`` bytes. A FIFO or a device (``/dev/zero``) named in the settings had
    blocked the run, or read until memory ran out."""
    from pipeline.findings import InputError
    from pipeline.io import read_bytes

    try:
        return read_bytes(path, READ_LIMIT, str(path))
    except InputError as exc:
        raise TermsError(f"{path}: cannot read the {what}: {exc.finding.message}") from None
    except OSError as exc:  # the reason, not Python's "[Errno 2] …: 'path'" again
        raise TermsError(f"{path}: cannot read the {what}: {exc.strerror or exc} (check "
                         f"the path in the settings, [tool.pipeline])") from None


def _read_text(path: Path, what: str) -> str:
    """A terms file's text, UTF-8 (a byte order mark allowed); else an error at the line of
    the first byte that is not (Python's codec message named an offset and no remedy)."""
    data = _read(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        form = wide_form(data)
        if form is not None:
            raise TermsError(f"{path}:1: cannot read the {what}: the file is {form}; save "
                             "it as UTF-8") from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise TermsError(f"{path}:{line}: cannot read the {what}: invalid UTF-8 (byte "
                         f"0x{data[exc.start]:02x}); save the file as UTF-8") from None


def read_no_loc_file(path: Path) -> list[str]:
    text = _read_text(path, "no-loc list")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


GLOSSARY_SUFFIXES = (".csv", ".tbx")  # the files of a glossary folder read (any case)


def read_glossary(folder: Path) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Each locale's entries from ``folder``/<locale>.csv and .tbx (other files are left)."""
    if not folder.is_dir():  # a file there is no folder either, and said so
        raise TermsError(f"{folder}: the glossary folder does not exist" if not folder.exists()
                         else f"{folder}: the glossary setting names a folder of <locale>.csv "
                         "or .tbx files, and this is a file")
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            entries = _csv(path)
        elif suffix == ".tbx":
            entries = _tbx(path, path.stem)
        else:
            continue
        found.setdefault(path.stem.lower(), []).extend(entries)
    return {locale: tuple(entries) for locale, entries in sorted(found.items())}


def _csv(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    import csv

    text = _read_text(path, "glossary")
    out = []
    rows = csv.reader(text.splitlines())
    n = 1  # the line the row starts on: a quoted cell may hold a line break
    for row in rows:
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#") or (n == 1 and cells[0].lower() ==
                                                           "english"):  # a header row
            n = rows.line_num + 1
            continue
        if len(cells) < 2 or not cells[0] or not any(cells[1:]):
            sep = next((f" (this row has a {name}: save the file with commas)" for c, name in
                        ((";", "semicolon"), ("\t", "tab")) if len(cells) == 1 and c in row[0]),
                       "")
            raise TermsError(f"{path}:{n}: a glossary row is an English term, then its "
                             f"translation (and other accepted translations){sep}")
        out.append((cells[0], tuple(c for c in cells[1:] if c)))
        n = rows.line_num + 1
    return out


def _tbx(path: Path, locale: str) -> list[tuple[str, tuple[str, ...]]]:
    """TBX (2008 termEntry/langSet or v3 conceptEntry/langSec): per entry, the English terms
    and those of the file's locale (else of any other language)."""
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; a dependency of translate-toolkit

    # no DTD, no entities, no network: a glossary is data from outside
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    data = _read(path, "glossary")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 0)
        said = re.sub(r", line \d+, column \d+$", "", exc.msg or "")  # lxml's; said in front
        raise TermsError(f"{path}:{line}:{column}: not a readable TBX file: {said}; export it "
                         "again from the terminology tool") from None
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    want = locale.lower()
    out = []
    entries = list(root.iter("{*}termEntry", "{*}conceptEntry"))
    for entry in entries:
        by_lang: dict[str, list[str]] = {}
        for lang_set in entry.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(lang_attr) or "").lower()
            terms = ["".join(t.itertext()).strip() for t in lang_set.iter("{*}term")]
            by_lang.setdefault(lang, []).extend(t for t in terms if t)
        english = [t for lang, ts in by_lang.items() if lang.split("-")[0] == "en" for t in ts]
        target = (by_lang.get(want) or by_lang.get(want.split("-")[0])
                  or [t for lang, ts in by_lang.items() if lang.split("-")[0] != "en"
                      for t in ts])
        for term in english:
            if target:
                out.append((term, tuple(dict.fromkeys(target))))
    if entries and not out:  # the language tags not what they should be: the check is off
        raise TermsError(f"{path}:{entries[0].sourceline or 1}: none of its {len(entries)} "
                         "term entries has an English term (xml:lang=\"en\" or \"en-US\") and "
                         "a translation; set each language's xml:lang, or export the file again")
    return out


def load(no_loc: Sequence[str], no_loc_file: Path | None, glossary: Path | None) -> Terms | None:
    """The run's terms from the settings; None when there are none (the checks then cost
    nothing). Raises TermsError for a file that cannot be read."""
    terms = list(no_loc)
    if no_loc_file is not None:
        terms.extend(read_no_loc_file(no_loc_file))
    entries = read_glossary(glossary) if glossary is not None else {}
    if not terms and not any(entries.values()):
        return None
    import hashlib

    text = repr((sorted(set(terms)), sorted(entries.items())))
    return Terms(tuple(dict.fromkeys(t for t in terms if t)), entries,
                 hashlib.sha256(text.encode()).hexdigest()[:16])
