"""Article against catalog: the two in step. (The checks over the whole tree, an orphan catalog
and one article in step across its locales, are in ``tree``.)"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

import pipeline.checks.inputs as inputs
from pipeline.checks.base import Check, Options, quote
from pipeline.checks.rule import CatalogRule, Pairing, catalog_rule
from pipeline.findings import Finding, Severity
from pipeline.locale_names import SAME_LANGUAGE
from pipeline.merge import is_machine_translated
from pipeline.provenance import OBSOLETE_NOTE, UNKNOWN, disagrees, recorded

if TYPE_CHECKING:
    from pipeline.catalog import Catalog, Message

# Reported by the job, which finds the catalog missing before any rule here could run.
MISSING_CATALOG = Check(
    "missing-catalog", "sync", Severity.ERROR,
    "an article has no catalog",
    "run `pipeline extract`",
)
Out = Iterator[tuple[str, int, int, str | None, str]]


@catalog_rule(
    "missing-entry", "sync", Severity.ERROR,
    "a segment of the article has no entry in its catalog",
    "run `pipeline extract` to bring the catalog in step",
)
def missing_entry(p: Pairing, options: Options) -> Out:
    if p.complete:  # every segment has its entry: the common case
        return
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        if msg is not None:
            continue
        drifted = p.by_id.get(seg.id)
        if drifted is None or drifted.msgid == seg.source:
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"segment {seg.id} {quote(seg.source, 60)} has no catalog entry"
            )


@catalog_rule(
    "source-drift", "sync", Severity.ERROR,
    "the article's English differs from the msgid of the segment's entry",
    "run `pipeline extract`: changed English becomes a fuzzy entry for review",
)
def source_drift(p: Pairing, options: Options) -> Out:
    if p.complete:
        return
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        drifted = p.by_id.get(seg.id) if msg is None else None
        if drifted is not None and drifted.msgid != seg.source:
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"article English {quote(seg.source, 60)} differs from the catalog's msgid "
                f"{quote(drifted.msgid, 60)} ({p.po_path}:{p.entry_line(drifted)})"
            )


@catalog_rule(
    "orphan-entry", "sync", Severity.WARNING,
    "a catalog entry that no segment of the article uses (obsolete entries aside)",
    "run `pipeline extract`: it marks the entry obsolete and keeps its translation",
)
def orphan_entry(p: Pairing, options: Options) -> Out:
    keys = set(p.keys)
    ids: set[str] | None = None  # made for the first entry no segment uses: most have none
    for msg in p.catalog.active():
        if msg.key in keys:
            continue
        if ids is None:
            ids = {seg.id for seg in p.article.segments}
        if any(c in ids for c in msg.extracted_comments):
            continue  # reported as source drift at the segment
        if OBSOLETE_NOTE in msg.translator_comments:
            continue  # obsolete, made active by a tool (po2xliff): extract puts it back
        yield p.po_path, p.entry_line(msg), 1, None, (
            f"entry {quote(msg.msgid, 60)} matches no segment of {p.article.path}"
        )


@catalog_rule(
    "catalog-overrides-article", "sync", Severity.INFO,
    "a reviewed catalog translation differs from the article's; the catalog's is used",
    "expected after a vendor edit; nothing to do unless the catalog is wrong",
)
def override(p: Pairing, options: Options) -> Out:
    machine = is_machine_translated(p.article)
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        if (msg is not None and seg.translation and msg.msgstr != seg.translation
                and msg.reviewed):  # the cheap tests first: one segment after another
            if disagrees(msg, seg.translation, machine):
                continue  # the warning below says more
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"catalog translation {quote(msg.msgstr, 50)} ({p.po_path}:{p.entry_line(msg)}) "
                f"differs from the article's {quote(seg.translation, 50)}; the catalog's is "
                f"published unless a check holds it back"
            )


@catalog_rule(
    "handoff-disagrees", "sync", Severity.WARNING,
    "a translator changed a catalog translation, and a newer human handoff delivers another; "
    "the catalog's is used (the handoff's while the catalog's is fuzzy)",
    "compare the two: to take the handoff's, copy it into msgstr; if the catalog's is right, "
    "send the catalog to the vendor so that their next handoff carries it",
)
def handoff_disagrees(p: Pairing, options: Options) -> Out:
    machine = is_machine_translated(p.article)
    if machine:  # machine translation never stands against a translator's text
        return
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        if msg is not None and disagrees(msg, seg.translation, machine):
            # an entry a tool took the record of as another handoff came: nobody can tell
            # whether a translator changed it
            unknown = recorded(msg) == UNKNOWN
            who = ("has no record of the handoff it came from (a tool dropped the #. notes)"
                   if unknown else "was changed by a translator")
            at = f"catalog translation {quote(msg.msgstr, 50)} ({p.po_path}:{p.entry_line(msg)})"
            if not msg.reviewed:  # their work in progress
                yield p.article.path, seg.line, seg.column, seg.id, (
                    f"{at} was changed by a translator and is not reviewed yet (fuzzy), and "
                    f"this handoff delivers {quote(seg.translation, 50)}, which is published "
                    "until the catalog's is reviewed, unless a check holds it back"
                )
                continue
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"{at} {who}, and this handoff delivers {quote(seg.translation, 50)}"
                f"{'' if unknown else ', not the text they changed'}; the catalog's is "
                "published unless a check holds it back"
            )


@catalog_rule(
    "format-flag", "sync", Severity.WARNING,
    "a catalog entry flagged as a format string (c-format, python-format …): msgfmt -c then "
    "checks its translation as one and refuses the catalog where the two differ",
    "remove the flag: a Markdown segment is no format string ('50% off' reads as a C '% o')",
)
def format_flag(p: Pairing, options: Options) -> Out:
    for msg in p.catalog.active():
        if msg.flags and msg.flags != _FUZZY_ONLY:  # most entries: none, or fuzzy alone
            flagged = [f for f in msg.flags if f.endswith("-format") and not f.startswith("no-")]
            if flagged:
                yield p.po_path, p.entry_line(msg), 1, None, (
                    f"entry {quote(msg.msgid, 60)} is flagged {', '.join(flagged)}: msgfmt -c "
                    "checks its translation as a format string")


_FUZZY_ONLY = ("fuzzy",)


@catalog_rule(
    "fuzzy-lookalike", "sync", Severity.WARNING,
    "a catalog entry marked fuzzy in a way no gettext tool reads as fuzzy (#, Fuzzy, a no-break "
    "space, a # fuzzy comment): its translation counts as reviewed and is published",
    "write the flag line as '#, fuzzy' (lower case) if the translation is not reviewed yet; "
    "remove the mark if it is",
)
def fuzzy_lookalike(p: Pairing, options: Options) -> Out:
    for msg in p.catalog.active():
        # most entries: no flag but fuzzy, no translator comment; a draft marked so is fuzzy
        if (msg.flags and msg.flags != _FUZZY_ONLY) or msg.translator_comments:
            mark = next((m for m in (*[f"#, {f}" for f in msg.flags if f != "fuzzy"],
                                     *[f"# {c}" for c in msg.translator_comments])
                         if _reads_fuzzy(m)), None)
            if mark is not None and not msg.fuzzy:
                yield p.po_path, p.entry_line(msg), 1, None, (
                    f"entry {quote(msg.msgid, 60)} is marked {mark!r}, which no gettext tool "
                    "reads as fuzzy: its translation counts as reviewed and is published")


def _reads_fuzzy(mark: str) -> bool:
    """Whether a person who wrote ``mark`` meant the fuzzy flag: its letters, whatever their
    case, width and the spaces or commas around them."""
    return "".join(c for c in unicodedata.normalize("NFKC", mark)
                   if c.isalnum()).casefold() == "fuzzy"


def entries_by_segment_id(catalog: Catalog) -> dict[str, Message]:
    out: dict[str, Message] = {}
    for msg in catalog.active():
        for note in msg.extracted_comments:
            out.setdefault(note, msg)
    return out


# The sync rules in the order they run and are listed.
RULES: tuple[CatalogRule, ...] = (
    missing_entry,
    source_drift,
    orphan_entry,
    override,
    handoff_disagrees,
    format_flag,
    fuzzy_lookalike,
)
OVERRIDE = override.check  # the rules extract runs alone (job)
DISAGREES = handoff_disagrees.check


# A segment id as the #. comments of an earlier handoff's entries hold it.
SEGMENT_ID_RE = re.compile(r"[^\s-]+-p?\d+\Z")


def foreign_entries(catalog: Catalog, english: Collection[str], path: str) -> list[Finding]:
    """Entries someone added by hand: active, with English that is not in the article, and no
    segment id or handoff record in their #. comments. (Entries of an earlier handoff carry
    the old ids; extract makes them obsolete, keeping the record alone, which a tool that
    makes them active again, ``msgattrib --clear-obsolete``, leaves; Translate Toolkit's
    po2xliff and xliff2po drop the record too, and keep the # comment ``OBSOLETE_NOTE`` that
    extract gives every obsolete entry.) Where a vendor's tool
    dropped the #. comments of every entry, an entry's #: line is the mark of extraction
    instead. Where it dropped both (msgmerge with a bare template does), nothing tells a
    hand's entry from an earlier handoff's: an entry with
    English the article no longer has is taken as the earlier handoff's (extract makes it
    obsolete, its translation kept) while at least half the entries still have the article's
    English (the bar a renamed article's catalog meets; one shared "Next steps" does not make
    another article's catalog this one's). A catalog holding a foreign entry is left as is and
    nothing is published from it: the English it translates is not the article's."""
    out: list[Finding] = []
    active = list(catalog.active())
    ids = [any(SEGMENT_ID_RE.match(note) for note in m.extracted_comments)
           or recorded(m) is not None for m in active]  # (the record read only without ids)
    dropped = not any(ids)
    if dropped and not any(m.references for m in active) and 2 * sum(
            m.msgid in english for m in active) >= len(active):
        return out
    for msg, has_id in zip(active, ids, strict=True):
        if (msg.msgid in english or has_id or (dropped and msg.references)
                or OBSOLETE_NOTE in msg.translator_comments):  # a tool made it active again
            continue
        shown = msg.msgid if len(msg.msgid) <= 60 else msg.msgid[:57] + "..."
        out.append(Finding(
            inputs.PO_FOREIGN_ENTRY.id, Severity.ERROR,
            f"entry {shown!r} is not English of the article and carries no segment id: "
            "it was added to the catalog by hand", path, msg.line, 1, None,
            "make the entry obsolete with #~ (its translation is kept), or remove it; a "
            "catalog holds the article's segments only. The catalog was left as is",
        ))
    return out


# A macrolanguage a tool may write for either of its languages: 'no', Norwegian, for Bokmål
# (nb) and for Nynorsk (nn) alike
_EITHER = {"no": frozenset({"nb", "nn"})}
# Codes that name no language: undetermined, several, none, not coded (BCP 47)
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
_TAG = re.compile(r"([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{1,8})*)(?:\.[\w-]+)?(?:@(\w+))?\Z")
# A script as a glibc modifier names it (sr@latin, uz@cyrillic), and the script a Chinese
# region implies: zh_TW and zh-Hant are one writing, zh_CN and zh-Hans another
_MODIFIER_SCRIPT = {"latin": "latn", "cyrillic": "cyrl", "devanagari": "deva"}
_CHINESE_SCRIPT = {"cn": "hans", "sg": "hans", "my": "hans", "tw": "hant", "hk": "hant",
                   "mo": "hant"}


def _language(tag: str) -> tuple[str, str | None] | None:
    """The language of a locale tag (fr_FR, fr-fr, sr@latin, iw), with its script where the tag
    names one (sr-Latn, sr@latin; zh_TW, which only Traditional Chinese is written for), None
    for no tag (msginit's empty Language, a tool's 'LANGUAGE' or 'French', 'und')."""
    m = _TAG.match(tag.strip())
    if m is None or m.group(1).lower() in _NO_LANGUAGE:
        return None
    language = SAME_LANGUAGE.get(m.group(1).lower(), m.group(1).lower())
    parts = [p.lower() for p in re.split(r"[-_]", m.group(2))[1:]]
    script = next((p for p in parts if len(p) == 4 and p.isalpha()), None)
    script = script or _MODIFIER_SCRIPT.get((m.group(3) or "").lower())
    if script is None and language == "zh":
        script = next((_CHINESE_SCRIPT[p] for p in parts if p in _CHINESE_SCRIPT), None)
    return language, script


def _other(said: tuple[str, str | None], ours: tuple[str, str | None]) -> bool:
    """Whether two tags name another language, or the same one in another script (a Serbian
    Latin catalog in sr-Cyrl-RS, a zh-TW one in zh-CN): a region alone (fr_CA in fr-FR) and a
    script one of them does not name are no other."""
    one, two = said[0], ours[0]
    same = one == two or two in _EITHER.get(one, ()) or one in _EITHER.get(two, ())
    return not same or (None not in (said[1], ours[1]) and said[1] != ours[1])


# The field at a line's start, or after another's '\n' on one line (not X-Poedit-Language)
_LANGUAGE_FIELD = re.compile(rb'(?:^(?:msgstr[ \t]*+)?"|\\n)Language:', re.M)


def other_language(tag: str, locale: str) -> bool:
    """Whether a file's locale ``tag`` (a Language header, an XLIFF target-language) names
    another language, or script, than ``locale`` (its folder); False where either names none."""
    theirs, ours = _language(tag), _language(locale)
    return theirs is not None and ours is not None and _other(theirs, ours)


def foreign_locale(catalog: Catalog, data: bytes | None, locale: str, path: str) -> list[Finding]:
    """A catalog whose Language header names another language than the locale folder it is
    in: another locale's catalog filed here (a vendor's return unpacked into the wrong folder:
    the English is the same, so every entry fits), or a tool set to the wrong language. Its
    translations would be published as this locale's, and the next write sets Language to
    the folder's, so nothing would tell afterwards: it is left as is, nothing published from
    it. A region of its own (fr for fr-FR, fr_CA) is the same language; another script
    (zh_TW in zh-CN, sr@latin in sr-Cyrl-RS) is not."""
    said = catalog.header_value("Language")
    if not other_language(said or "", locale):
        return []
    found = None if data is None else _LANGUAGE_FIELD.search(data)  # not X-Poedit-Language
    at = -1 if found is None else found.start()
    line = 1 if data is None or at < 0 else data.count(b"\n", 0, at) + 1
    return [Finding(
        inputs.PO_LOCALE.id, Severity.ERROR,
        f"the catalog's Language header says {said!r}, but it is in the {locale!r} folder: "
        f"another locale's catalog? Its translations would be published as {locale}'s, so the "
        "catalog was left as is", path, line, 1, None,
        f"if it is another locale's, move it to that locale's folder (take {locale}'s back "
        f"from version control); if it is {locale}'s, correct its Language header")]


class _Sourced(Protocol):
    @property
    def source(self) -> str: ...


def foreign(catalog: Catalog, data: bytes | None, locale: str, segments: Iterable[_Sourced],
            path: str) -> list[Finding]:
    """Why the catalog read for an article of ``locale`` (its ``segments``' English) is not
    its catalog: another locale's, or one with entries added by hand; nothing when it is. A
    catalog that is not is left as is, and nothing is published from it."""
    return foreign_locale(catalog, data, locale, path) or foreign_entries(
        catalog, {s.source for s in segments}, path)
