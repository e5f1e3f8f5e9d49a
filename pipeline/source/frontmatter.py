"""The localized front matter: the English's, with its title, description and keywords (see
``keywords``) translated and the locale recorded as the handoffs record it
(``ms.contentlocale``), every other byte kept.

A translation goes where the English sentence stood, escaped as the value is quoted. When the
value would then not read back as the translation (a plain value given a ``: `` or a ``#``, a
value the English wrote over several lines), the whole value is written as one double-quoted
string instead. Each edit is checked by reading the YAML back; an edit that still would not
read back is not made (the English value stays): front matter never breaks.
Keys YAML gives one value (an anchor, ``&a``, and its aliases, ``*a``) are translated as
one: written at the anchor, or all English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

import pipeline.checks.inputs as inputs
from pipeline.article import read_front_matter
from pipeline.checks.base import Options
from pipeline.findings import Finding, InputError
from pipeline.segment.model import Kind
from pipeline.segment.model import Segment as Unit
from pipeline.source import keywords
from pipeline.source.units import front_matter_span

Edit = tuple[int, int, str]  # replace text[start:end] with this
LOCALE_KEY = "ms.contentlocale"
_KEYS = ((Kind.TITLE, "title"), (Kind.DESCRIPTION, "description"))
# Front matter that opens as a plain block mapping (blank and comment lines, then "key:"):
# a line added at its end is one more key. Anything else is read back first.
_BLOCK_MAPPING = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*"
                            r"[^\s#{}\[\]&*!|>'\"%@`,-][^\r\n:]*:(?:[ \t]|\r?\n)")
_FLOW_LOCALE = re.compile(r"(?<![\w.-])ms\.contentlocale[ \t]*:[ \t]*([^,{}\s]+)")
_LOCALE_LINE = re.compile(
    r"^(['\"]?)ms\.contentlocale\1[ \t]*:[ \t]*(?P<value>[^\r\n]*?)[ \t]*\r?$", re.M)


def edits(text: str, body_start: int, units: Sequence[Unit], published: Sequence[str],
          locale: str, english: dict[str, str | None]) -> list[Edit]:
    """The edits that make the English front matter the locale's (``english``: its values)."""
    span = front_matter_span(text, body_start)
    if span is None:  # as the handoffs do for include files: front matter with the locale
        at = 1 if text.startswith("\ufeff") else 0
        first = text.find("\n")
        eol = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"  # the file's own
        return [(at, at, f"---{eol}{LOCALE_KEY}: {locale}{eol}---{eol}")]
    start, close = span
    out = [v.edit for v in _value_edits(text, start, close, units, published, english)
           if v.edit is not None]
    out.extend(keywords.edits(text, start, close, units, published))
    locale_edit = _locale(text, start, close, locale)
    # the key's name there already: its line may be a quoted value's continuation, or the
    # key's value may run on below it
    named = LOCALE_KEY in text[start:close]
    if (named or _BLOCK_MAPPING.match(text, start, close) is None) and _reads(
            text[start:close]) and not _reads_back(
            text, start, close, locale_edit, LOCALE_KEY, locale):
        # YAML other than a plain block mapping (a flow mapping with a comment after it, an
        # anchor, a tag, a sequence, a scalar) that the key cannot be added to as it
        # stands: front matter never breaks
        return out
    out.append(locale_edit)
    return out


def unplaced(text: str, body_start: int, units: Sequence[Unit], published: Sequence[str],
             english: dict[str, str | None]) -> list[Unit]:
    """The title, description and keyword units whose translation ``edits`` cannot write:
    the page keeps their English (front matter YAML cannot read, which the handoffs took as
    it was)."""
    span = front_matter_span(text, body_start)
    if span is None:
        return []
    kept = [u for v in _value_edits(text, *span, units, published, english)
            if v.held for u, tr in v.mine if tr != u.source]
    items = [u for u, tr in zip(units, published, strict=True)
             if u.kind is Kind.KEYWORDS and tr != u.source]
    if items and not keywords.edits(text, *span, units, published):  # all or none
        kept.extend(items)
    return kept


@dataclass(frozen=True, slots=True)
class _Value:
    """A translated title or description: its edit (None where it is written by its anchor's
    key, or nowhere), whether its English stands, and its units with their translations."""
    edit: Edit | None
    held: bool
    mine: list[tuple[Unit, str]]


def _value_edits(text: str, start: int, close: int, units: Sequence[Unit],
                 published: Sequence[str], english: dict[str, str | None]) -> list[_Value]:
    """For the title and the description with a translation: its edit (held where none reads
    back as meant) and its units with their translations. Keys YAML gives one value (an
    anchor and its aliases) are translated as one: all or none, never half."""
    shared = _sharing(text[start:close])
    found: dict[str, _Value] = {}
    intended: dict[str, str | None] = {}
    for kind, key in _KEYS:
        mine = [(u, tr) for u, tr in zip(units, published, strict=True) if u.kind is kind]
        value = english.get(key)
        if value is None:  # YAML the reader refuses (a duplicated key): its events
            value = _first_value(text[start:close], key)
        intended[key] = _translated(value, mine) if isinstance(value, str) else None
        if not mine or all(tr == u.source for u, tr in mine):
            continue
        share = shared.get(key)
        if not isinstance(value, str) or (share is not None and share.defines
                                          and not share.alone):
            # its anchor is also a value no translation is written into (or several)
            found[key] = _Value(None, True, mine)
            continue
        if share is not None and not share.defines and any(  # 'title: &a …'
                s.defines and s.anchor == share.anchor for s in shared.values()):
            found[key] = _Value(None, False, mine)  # written where its anchor's key is
            continue
        target = intended[key]
        assert target is not None
        edit = _in_place(text, mine)
        if edit is None or not _reads_back(text, start, close, edit, key, target):
            # quoted: asked only now, as YAML's pure-Python parser finds where the value stands
            edit = _quoted(text, start, close, key, target)
            if edit is None or not _reads_back(text, start, close, edit, key, target):
                edit = None
        found[key] = _Value(edit, edit is None, mine)
    for anchor in {share.anchor for share in shared.values()}:
        group = [key for key, share in shared.items() if share.anchor == anchor]
        if (any(found[k].held for k in group if k in found)
                or len({intended[k] for k in group}) > 1):  # one value: the English for all
            found.update((k, _Value(None, True, found[k].mine)) for k in group if k in found)
    return [found[key] for _, key in _KEYS if key in found]


@dataclass(frozen=True, slots=True)
class _Share:
    anchor: str  # the anchor its value has, or names
    defines: bool  # its value is the anchored one ('&a'), not an alias of it ('*a')
    alone: bool  # every use of the anchor is the title's or the description's value


def _sharing(yaml_text: str) -> dict[str, _Share]:
    """The title and description whose value YAML shares through an anchor: written at the
    anchor, a translation changes every alias of it too; none for YAML that does not parse."""
    if "&" not in yaml_text:  # no anchor, nothing shared (most front matter: no second parse)
        return {}
    try:
        events = list(yaml.parse(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return {}
    names = {name for _, name in _KEYS}
    uses: dict[str, list[str | None]] = {}  # anchor -> the translated key of each use, or None
    defined: dict[str, int] = {}
    mine: dict[str, tuple[str, bool]] = {}
    depth, key = 0, None  # key: the top-level key whose value comes next
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        value_of = key if depth == 1 and key in names else None
        if event.anchor is not None:
            defines = not isinstance(event, yaml.AliasEvent)
            defined[event.anchor] = defined.get(event.anchor, 0) + defines
            uses.setdefault(event.anchor, []).append(value_of)
            if value_of is not None:
                mine[value_of] = (event.anchor, defines)
        if depth == 1:  # the root mapping's keys and values alternate
            key = None if key is not None else (
                event.value if isinstance(event, yaml.ScalarEvent) else "")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
    return {k: _Share(a, d, defined.get(a) == 1 and None not in uses[a])
            for k, (a, d) in mine.items()}


def _translated(value: str, mine: Sequence[tuple[Unit, str]]) -> str:
    """The English value with each sentence replaced by its translation."""
    parts: list[str] = []
    pos = 0
    for u, tr in mine:
        at = value.find(u.source, pos)
        if at < 0:
            continue
        parts.append(value[pos:at])
        parts.append(tr)
        pos = at + len(u.source)
    parts.append(value[pos:])
    return "".join(parts)


def _in_place(text: str, mine: Sequence[tuple[Unit, str]]) -> Edit | None:
    """Each sentence replaced where it stands, escaped as the value is quoted."""
    if not all(u.pieces for u, _ in mine):
        return None
    first, last = mine[0][0].start, mine[-1][0].end
    quote = text[first - 1] if text[first - 1] in "\"'" and text[last:last + 1] == \
        text[first - 1] else ""
    parts: list[str] = []
    pos = first
    for u, tr in mine:
        parts.append(text[pos:u.start])
        if quote == '"':
            tr = tr.replace("\\", "\\\\").replace('"', '\\"')
        elif quote == "'":
            tr = tr.replace("'", "''")
        parts.append(tr)
        pos = u.end
    return first, last, "".join(parts)


def _quoted(text: str, start: int, close: int, key: str, intended: str) -> Edit | None:
    """The whole value as one double-quoted string: where YAML says a plain or quoted value
    stands (a comment after it is kept), else its key's line and any lines continuing it."""
    span = _scalar_span(text[start:close], key)
    if span is not None:
        return start + span[0], start + span[1], json.dumps(intended, ensure_ascii=False)
    m = re.compile(rf"^{re.escape(key)}:[ \t]*", re.M).search(text, start, close)
    if m is None:
        return None
    value = _past_properties(text, m.end(), close, " \t")  # a block scalar's anchor stays
    end = text.find("\n", m.end(), close)
    end = close if end < 0 else end
    indent = 0  # the value's own, set by its first line below the key
    while end + 1 < close:  # the lines that continue the value
        nxt = end + 1
        while True:  # blank lines (white space alone counts), inside a block scalar
            at = nxt
            while at < close and text[at] in " \t":
                at += 1
            if at >= close or text[at] not in "\r\n":
                break
            nxt = at + 1
        # a line less indented than the value's ends it (a comment there is the mapping's)
        if at == nxt or at - nxt < indent or at >= close:
            break
        indent = indent or at - nxt
        line_end = text.find("\n", nxt, close)
        end = close if line_end < 0 else line_end
    if end > m.end() and text[end - 1] == "\r":
        end -= 1
    return value, end, json.dumps(intended, ensure_ascii=False)


def _scalar_span(yaml_text: str, key: str) -> tuple[int, int] | None:
    """Where the plain or quoted scalar value of the top-level ``key`` stands in
    ``yaml_text``; None for a block scalar (``|``, ``>``: its end takes in the line break), a
    collection, or YAML that does not parse. The pure-Python parser: its marks count
    characters."""
    event = _value_event(yaml_text, key, yaml.SafeLoader)
    if event is None or event.style not in (None, '"', "'"):
        return None
    begin, end = event.start_mark, event.end_mark
    if begin is None or end is None:
        return None
    if event.anchor is None and event.tag is None:
        return begin.index, end.index
    return _past_properties(yaml_text, begin.index, end.index, " \t\r\n"), end.index


# an anchor, or a string tag: another ('!!binary') would build the translation otherwise
_PROPERTY = re.compile(r"&[^\s,\[\]{}]+|!!str(?=\s)|!<tag:yaml\.org,2002:str>(?=\s)")


def _past_properties(text: str, at: int, end: int, space: str) -> int:
    """Where the value at ``at`` stands past its anchor and a string tag, in either order
    (``space``: what may part them from it): they stay, as its aliases are the same value,
    translated with it. ``at`` where nothing but ``space`` follows them."""
    pos = at
    while (m := _PROPERTY.match(text, pos, end)) is not None:
        after = m.end()
        while after < end and text[after] in space:
            after += 1
        if after == m.end() or after >= end or text[after] in "\r\n":
            return pos
        pos = after
    return pos


def _reads(yaml_text: str) -> bool:
    """Whether the English front matter reads as YAML: only then can an edit be checked by
    reading it back (YAML that does not read is edited as before, and reported as such)."""
    try:
        yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return False
    return True


def _reads_back(text: str, start: int, close: int, edit: Edit, key: str, intended: str) -> bool:
    a, b, new = edit
    yaml_text = text[start:a] + new + text[b:close]
    try:
        meta = read_front_matter(yaml_text, "")[0]
    except InputError as exc:
        # the English's own defect, kept as it was (a duplicated key, which the handoffs took
        # as it is): the value is read from YAML's events, as the segmenter reads such a block
        try:
            read_front_matter(text[start:close], "")
        except InputError as english:
            return (english.finding.message == exc.finding.message
                    and _first_value(yaml_text, key) == intended
                    and _first_value(text[start:close], key) is not None
                    and _as_text(yaml_text, key))
        return False
    return meta.get(key) == intended and _as_text(yaml_text, key)


def _as_text(yaml_text: str, key: str) -> bool:
    """A plain value must read as text, not as a boolean, null, date or number ("title: No")."""
    event = _value_event(yaml_text, key, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return event is None or event.style not in (None, "") or keywords.is_text(event.value)


def _first_value(yaml_text: str, key: str) -> str | None:
    """The scalar value of the first top-level ``key``; None when YAML cannot say."""
    event = _value_event(yaml_text, key, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return None if event is None else event.value


def _value_event(yaml_text: str, key: str, loader: Any) -> yaml.ScalarEvent | None:
    """The scalar event of the first top-level ``key``'s value; None when the value is not a
    scalar or the YAML does not parse."""
    try:
        events = list(yaml.parse(yaml_text, Loader=loader))
    except yaml.YAMLError:
        return None
    depth, expect_key, found = 0, True, False
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > 1:
                if found:
                    return None  # not a scalar
                expect_key = not expect_key if depth == 2 else expect_key
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            if depth == 1:
                expect_key = True
            continue
        if depth == 1 and isinstance(event, yaml.AliasEvent) and found:
            return None  # an alias: no scalar of its own (the next one is the next key)
        if depth == 1 and isinstance(event, yaml.ScalarEvent):
            if found:
                return event
            if expect_key and event.value == key:
                found = True
            expect_key = not expect_key
    return None


def _locale(text: str, start: int, close: int, locale: str) -> Edit:
    m = _LOCALE_LINE.search(text, start, close)
    if m is not None:  # the key there already, however spelled: its value replaced
        return m.start("value"), m.end("value"), locale
    flow = text[start:close].rstrip()
    if flow.lstrip().startswith("{"):  # a flow mapping: the key goes inside its braces
        inline = _FLOW_LOCALE.search(flow)
        if inline is not None:  # there already
            return start + inline.start(1), start + inline.end(1), locale
        if flow.endswith("}"):
            at = start + len(flow) - 1
            inner = flow[flow.index("{") + 1:-1].strip()
            sep = ", " if inner and not inner.endswith(",") else " " if inner else ""
            return at, at, f"{sep}{LOCALE_KEY}: {locale}"
    before = text[:close] if close > start else text[:start]
    eol = "\r\n" if before.endswith("\r\n") else "\n"
    return close, close, f"{LOCALE_KEY}: {locale}{eol}"


def held_english(text: str, body_start: int, units: Sequence[Unit], published: list[str],
                 english: dict[str, str | None], options: Options, shown: str) -> list[Finding]:
    """Where ``edits`` cannot write a translated title, description or keyword: its English
    stands in ``published`` too (so that it counts as held), and a render-substituted finding
    says why (none where that check is ignored)."""
    kept = unplaced(text, body_start, units, published, english)
    check = inputs.RENDER_SUBSTITUTED
    for u in kept:
        published[units.index(u)] = u.source
    if check.id in options.ignore:
        return []
    return [Finding(check.id, options.severity(check), f"the translated {_named(u)} was not "
                    "published: the front matter is not YAML its translation can be written in, "
                    "and the English stands", shown, u.line, u.column, u.id,
                    "write the English value as a plain YAML string on the key's line: quoted "
                    "if it holds ': ', with no anchor (&) or alias (*)")
            for u in kept]


def _named(u: Unit) -> str:
    return "keyword" if u.kind is Kind.KEYWORDS else u.kind.value
