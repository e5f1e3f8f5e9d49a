"""Text outside the span pairs, which no segment check sees: the translation span of a broken
pair (it passes through as it is), the front matter values translated in place, and the
article's own markup between the pairs where it may carry active content (``skeleton``).

``publish`` runs the safety rules on each and keeps from the page what fails. Each piece of text
comes with the bytes a hold replaces and what stands in for them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import yaml

from pipeline.article import LOOKUP_MARK, OPENER_PREFIX, catalog_form, split_front_matter
from pipeline.checks.safety import may_be_active
from pipeline.open_tags import MARKUP_TAG, markup_tags, read_tags
from pipeline.page_code import PageCode, code_masked, covered_by_both, less_code
from pipeline.render import Form
from pipeline.yamlvalues import MERGE, in_keys, scalars, strings_under

if TYPE_CHECKING:
    from pipeline.article import Article

# The values the handoff translates in place, with no English beside them (FORMAT.md: on the
# corpus the only keys with translated text). The other keys are the English article's own
# metadata (URLs, dates, ids), copied through like the rest of the skeleton.
TRANSLATED_KEYS = ("title", "description", "keywords")

_SPAN_CLOSE = "</span>"
_LOOKUP = _SPAN_CLOSE + LOOKUP_MARK
# The id of a broken opener, read leniently: '18c18-207&quot;' names segment 18c18-207.
_LOOSE_ID = re.compile(r'<span data-ttu-id=(?:"|&quot;|\')?([\w.-]+?)(?:"|&quot;|\'|>|\s)')


@dataclass(frozen=True, slots=True)
class Loose:
    """A translated text outside the pairs. ``start``/``end``: the article's characters a hold
    replaces with ``fallback``."""

    what: str  # as messages name it
    source: str  # its English (catalog form), '' where the article has none
    translation: str  # catalog form
    start: int
    end: int
    line: int
    column: int
    segment: str | None
    fallback: str
    instead: str  # what the page shows when it is held back, in words
    markup: bool = False  # the article's own markup: only what would run or load is looked for
    value: bool = False  # a YAML value: no Markdown block around it to open (no new-block)
    hint: str | None = None  # what to do when it is held back, when not the catalog's fix


def broken_pairs(article: Article) -> list[Loose]:
    """The translation span of each pair the scanner could not read. Its text runs from the end
    of the opening tag to the first '</span>' (or the next pair); its English is the lookup
    span right after it, read leniently, if there is one. Held back, the text is left out: its
    English lookup, where there is one, still passes through beside it."""
    if not article.problems:  # every pair read: nothing passes through
        return []
    text = article.text
    find = text.find
    paired = {seg.start for seg in article.segments}
    out = []
    pos = find(OPENER_PREFIX, article.body_start)
    while pos >= 0:
        nxt = find(OPENER_PREFIX, pos + 1)
        limit = len(text) if nxt < 0 else nxt
        if pos not in paired:
            out.append(_broken(article, pos, limit))
        pos = nxt
    return out


def _broken(article: Article, pos: int, limit: int) -> Loose:
    text = article.text
    gt = text.find(">", pos, limit)
    start = pos + len(OPENER_PREFIX) if gt < 0 else gt + 1
    close = text.find(_SPAN_CLOSE, start, limit)
    end = limit if close < 0 else close
    source = ""
    if close >= 0 and text.startswith(_LOOKUP, close):
        inner = text.find(">", close + len(_LOOKUP), limit)
        if inner >= 0:
            en_end = text.find(_SPAN_CLOSE, inner + 1, limit)
            source = catalog_form(text[inner + 1 : limit if en_end < 0 else en_end])[1]
    m = _LOOSE_ID.match(text, pos, limit)
    segment = m.group(1) if m else None
    line, column = article.line_of(pos)
    what = f"translation span {segment}" if segment else "translation span"
    return Loose(f"the {what} of a broken pair", source, catalog_form(text[start:end])[1],
                 start, end, line, column, segment, "", "nothing")


_MARKUP_HINT = ("remove it from the article, or show it in a code block; the rest of the page "
                "is published")


def markup_quiet(article: Article) -> bool:
    """Whether the article's own text between its pairs holds nothing the rules for active
    content could find, by one quick look over all of it (a match across two stretches only
    costs ``skeleton`` its closer look): most articles' markup."""
    return markup_look(article)[0]


def markup_look(article: Article) -> tuple[bool, bool]:
    """``markup_quiet``, and whether the markup leaves a tag open where a pair stands (its
    attributes go on over the pair: ``open_tags``), from one joining of the stretches."""
    text = article.text
    stretches = []
    last = article.body_start
    for seg in article.segments:  # a plain loop: slicing by map(slice, …) costs more
        stretches.append(text[last : seg.start])
        last = seg.end
    stretches.append(text[last:])
    markup = "\0".join(stretches)
    # a tag left open where a pair stands ends at its '\0': what follows the last is no matter
    pairs = markup[: markup.rfind("\0") + 1]
    return not may_be_active(markup), "<" in pairs and any(
        tag is None or pairs.startswith("\0", tag.end()) for tag in read_tags(pairs, MARKUP_TAG))


def skeleton(article: Article, flagged: Callable[[str], bool], taken: Sequence[Loose] = (),
             quiet: bool | None = None, published: Sequence[str] | None = None
             ) -> list[Loose]:
    """The stretches of the article's own text between its pairs (and outside ``taken``) that
    a page would run something from: where ``flagged`` (the rules for active content) finds
    something outside code blocks (a page shows code and runs none). Then every stretch it
    finds something in, code or not, is held back and published inert (``_inert``): made
    inert, text can change the blocks around it (an HTML block that ends no more lets the
    indented code after it join a paragraph), and inert everywhere, none of it can run. An
    sxs article's markup is its English's, which the safety rules trust as they trust its
    English spans; this is for what was put in since, by hand or by a tool, which nothing
    else would check. Most articles cost one quick look at all the stretches (``quiet``: its
    answer, where the caller has it); the Markdown blocks are read only where the rules find
    something. Code is what both pages read as code: the English page and the localized one,
    with ``published`` in the pairs' places (default: the article's translations); a
    translation can leave out a fence or a backtick its English has."""
    text = article.text
    segments = article.segments
    if not taken and (markup_quiet(article) if quiet is None else quiet):
        return []
    bounds = sorted([(s.start, s.end) for s in segments]
                    + [(t.start, t.end) for t in taken if t.start >= article.body_start])
    gaps, last = [], article.body_start
    for start, end in bounds:
        if start > last:
            gaps.append((last, start))
        last = max(last, end)
    gaps.append((last, len(text)))
    units: list[tuple[tuple[int, int], str, int | None]] = [
        ((s, e), text[s:e], None) for s, e in gaps
        if e > s and may_be_active(text[s:e]) and flagged(text[s:e])]
    # ... and each tag a stretch leaves open where a pair stands, read whole as the page has it
    # ('<details open ' + pair + ' ontoggle=…>'); the stretch with its '<' is made inert
    for at, tag in markup_tags(article, published):
        gap = next((g for g in gaps if g[0] <= at < g[1]), None)
        if gap is not None and flagged(tag):
            units.append((gap, tag, at))
    if not units:
        return []
    if len(bounds) > len(segments):  # a broken pair: held back, its text leaves the page,
        return _inert_all(article, units)  # fence and backticks too: nothing is code
    english, localized = (PageCode(article, Form.SOURCE, None),
                          PageCode(article, Form.LOCALIZED, published))
    code = covered_by_both(english.code_lines(), localized.code_lines())
    html = english.html() + localized.html()  # no span is code in a raw HTML block

    def on_page(a: int, b: int) -> bool:
        return english.code_span(a, b) and localized.code_span(a, b)

    def live(unit: tuple[tuple[int, int], str, int | None]) -> bool:
        (s, e), _, at = unit
        if at is not None:  # a tag whose '<' is in no code block
            return not any(a <= at < b for a, b in code)
        return any(may_be_active(t) and flagged(t) for a, b in less_code(s, e, code)
                   for t in (code_masked(text, a, b, html, on_page),))

    if not any(map(live, units)):
        return []  # what it found is code: the English's own examples
    return _inert_all(article, units)


def _inert_all(article: Article, units: Sequence[tuple[tuple[int, int], str, int | None]]
               ) -> list[Loose]:
    """Each stretch of ``units`` to publish inert, with what the rules read of it (the stretch,
    or the tag it leaves open, as the page writes it)."""
    out, done = [], set()
    text = article.text
    for (s, e), read, _ in units:
        if (s, e) in done:
            continue
        done.add((s, e))
        line, column = article.line_of(s)
        out.append(Loose("the markup outside the pairs", "", read, s, e, line, column, None,
                         _inert(text[s:e]), "it, made inert", markup=True, hint=_MARKUP_HINT))
    return sorted(out, key=lambda loose: loose.start)


def _inert(text: str) -> str:
    """``text`` with nothing a browser would run: '&' and '<' written as entities, so that no
    tag and no character reference is left, each ':' percent-escaped, so that no scheme
    is (a browser never decodes one), the '!' of each '[!' a reference, so that no DocFX
    directive is ('[!div onmouseover=…]' writes a tag), each '{' one, so that no generic
    attribute block is ('{onmouseover=…}'), each '@' one, so that no cross reference is
    ('@uid?title=%22…', whose title DocFX writes raw), and each '"' percent-escaped, so that
    no link destination ends the attribute Markdig's media links write it into raw (a
    reference would be decoded back). Line ends and indentation stay: the blocks around it
    keep their kinds (taken out, a line end could join code to the text before it)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(":", "%3A")
            .replace("[!", "[&#33;").replace("{", "&#123;").replace("@", "&#64;")
            .replace('"', "%22"))


# Line breaks to YAML 1.1 (PyYAML, libyaml, YamlDotNet) and text to YAML 1.2 (js-yaml): a
# value a 1.1 reader ends at one ('title: a' U+2028 '# <script>…', the rest a comment) a 1.2
# reader reads on, so both readings are checked.
_YAML_11_BREAK = re.compile("[\x85\u2028\u2029]")


def _readings(yaml_text: str) -> list[tuple[str, dict[int, str]]]:
    """The YAML as a 1.1 reader takes it, and as a 1.2 reader does where they differ: each
    NEL, U+2028 and U+2029 then a private-use character no reader breaks a line at (one for
    one: the parser's marks still index the text), with the map that puts it back."""
    breaks = sorted(set(_YAML_11_BREAK.findall(yaml_text)))
    if not breaks:
        return [(yaml_text, {})]
    # a plane of 65,534 private-use characters: more than the front matter's 32,768 limit
    free = (chr(c) for c in range(0xF0000, 0xFFFFE) if chr(c) not in yaml_text)
    stand_in = {b: next(free) for b in breaks}
    text_12 = yaml_text.translate({ord(b): s for b, s in stand_in.items()})
    return [(yaml_text, {}), (text_12, {ord(s): b for b, s in stand_in.items()})]


def meta_values(article: Article) -> list[str] | None:
    """The translated front matter values as the article's reading gave them, or None when they
    may not be what a YAML reader builds: a value that is not a single string (a list of
    keywords), a merge key, or a tag or an alias anywhere in the block (its '!' or '*': a
    '!!binary' value, an alias of a list). Then only ``front_matter_values`` has them."""
    meta = article.meta
    block = article.text[: article.body_start]
    if MERGE in meta or "!" in block or "*" in block or _YAML_11_BREAK.search(block):
        return None
    values = []
    for key in TRANSLATED_KEYS:
        if key in meta:
            value = meta[key]
            if value is None:
                return None
            values.append(value)
    return values


def metadata_may_be_active(article: Article) -> bool:
    """Whether the rules for active content could find something in a string of the front
    matter: by one quick look at the block as written, which holds each value as a reader
    builds it but for line breaks and their indentation (which ``may_be_active`` reads however
    spaced), unless an escape ('\\x3c') or a tag ('!!binary') spells it otherwise. A YAML 1.1
    line break is read as the '\\n' or ' ' a 1.1 reader folds it to: as written, no white space
    to ``may_be_active`` ('java' NEL NEL 'script:' builds 'java\\nscript:', a script URL)."""
    block = article.text[: article.body_start]
    if _YAML_11_BREAK.search(block):
        block = _YAML_11_BREAK.sub("\n", block)
    return "\\" in block or "!" in block or may_be_active(block)


def front_matter_values(article: Article, translated: bool = True,
                        flagged: Callable[[str], bool] | None = None) -> list[Loose]:
    """Every string a YAML reader builds under a translated key (with ``translated``), and
    under the other keys every one ``flagged`` (the rules for active content) finds something
    in: the English article's metadata, which an sxs handoff carries as it likes and a page
    uses (a redirect page goes to ``redirect_url``), looked at as the markup is. Each with
    where a hold replaces it, read again from the YAML events (``yamlvalues``: merged in,
    through an alias, decoded from '!!binary' too; never constructed, as ``article`` reads
    them); the article reader has already refused front matter that is not safe to read.
    Held back, a value becomes an empty string (``""``, keeping its anchor): the English value
    is not in an sxs article, and the YAML stays valid. Strings of one alias share its place:
    a hold replaces it once."""
    if not article.body_start or not article.meta:
        return []
    text = article.text
    offset = text.index("\n") + 1
    yaml_text = split_front_matter(text, article.path)[1]
    out = []
    seen: set[tuple[int, int, str]] = set()
    keys = None if flagged is not None else TRANSLATED_KEYS
    root_keys, in_a_key = in_keys(yaml_text)
    names = _held_keys(yaml_text)
    for key, event, value in _strings(yaml_text, keys):
        first, last = event.start_mark, event.end_mark
        assert first is not None and last is not None  # the parser marks every event
        ours = key in TRANSLATED_KEYS and first.index not in root_keys  # ('title' itself)
        if not (translated if ours else flagged is not None and flagged(value)):
            continue
        start, end = offset + first.index, offset + last.index
        while end > start and text[end - 1] in "\r\n":  # a block scalar's last line break
            end -= 1
        if (start, end, value) in seen:  # one string reached twice ('<<: [*m, *m]')
            continue
        seen.add((start, end, value))
        anchor = event.anchor if isinstance(event, yaml.ScalarEvent) else None
        line, column = article.line_of(start)
        # a key's: another name each, or two held keys of one mapping would be one
        a_key = first.index in in_a_key
        out.append(Loose(f"the front matter {'key' if a_key else 'value'} of {key!r}", "",
                         value, start, end, line, column, None,
                         (f"&{anchor} " if anchor else "") + (next(names) if a_key else '""'),
                         "a key of another name" if a_key else "an empty value",
                         markup=not ours, value=True,
                         hint=None if ours else _METADATA_HINT))
    return _merged(out)


def _held_keys(yaml_text: str) -> Iterator[str]:
    """Names for held keys, each a string no reader builds from the front matter: '"held 1"',
    '"held 2"', … (``""`` for two keys of one mapping is a duplicate key)."""
    taken = scalars(yaml_text)  # (read at the first key held: nearly never)
    yield from (f'"held {n}"' for n in itertools.count(1) if f"held {n}" not in taken)


_METADATA_HINT = "remove it from the article's front matter; the rest of the page is published"


def _merged(values: Sequence[Loose]) -> list[Loose]:
    """``values`` each held where the stretch of values overlapping it is, chained: a 1.1
    reading's value inside the 1.2 reading's ('Titre' of 'Titre' U+2028 '# <script>…'), or
    one that starts inside it and ends past it (a block scalar a 1.1 reader starts after the
    U+2028), is one edit, never two that overlap (four quotes: no YAML). The stretch is
    replaced as its first value is (its anchor kept)."""
    stretches: list[Loose] = []  # the first (widest) value of each stretch, its end widened
    for value in sorted(values, key=lambda v: (v.start, -v.end)):
        if stretches and value.start < stretches[-1].end:
            stretches[-1] = replace(stretches[-1], end=max(stretches[-1].end, value.end))
        else:
            stretches.append(value)
    starts = [s.start for s in stretches]
    out = []
    for value in values:
        stretch = stretches[bisect_right(starts, value.start) - 1]
        out.append(replace(value, start=stretch.start, end=stretch.end,
                           fallback=stretch.fallback))
    return out


def _strings(yaml_text: str, keys: Sequence[str] | None
             ) -> Iterator[tuple[str, yaml.NodeEvent, str]]:
    """``strings_under`` ``keys`` in each of the YAML's ``_readings``; a reading a YAML reader
    refuses has none (a 1.2 one: the article reader, 1.1, took the block)."""
    for text, back in _readings(yaml_text):
        try:
            found = list(strings_under(text, keys))
        except yaml.YAMLError:
            if not back:
                raise
            continue
        yield from ((key, event, value.translate(back)) for key, event, value in found)
