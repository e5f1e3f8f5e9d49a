"""Reading an sxs article: raw front matter, and the span pairs with exact offsets.

Nothing here rewrites text. The front matter is kept as the bytes it was and parsed only to read
values; everything that is not a well-formed pair is skeleton and passes through untouched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import yaml

from pipeline.findings import Finding, InputError, Severity

try:  # libyaml is much faster; the pure-Python loader is just as safe.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

OPENER = '<span data-ttu-id="'
OPENER_PREFIX = "<span data-ttu-id="
LOOKUP_MARK = '<span class="sxs-lookup">'
_OPEN_RE = re.compile(r'<span data-ttu-id="([^"<>\r\n]*)">')
_LOOKUP_RE = re.compile(r'</span><span class="sxs-lookup"><span data-stu-id="([^"<>\r\n]*)">')
_SEPARATOR = '</span><span class="sxs-lookup"><span data-stu-id='
# The common, well-formed pair in one match; anything unusual falls back to the careful path.
# Each span's text runs to the first closing sequence, as a lazy '.*?' would, but is read a
# run of non-'<' characters at a time (possessive, no backtracking): three times as fast.
_PAIR_RE = re.compile(
    r'<span data-ttu-id="([^"<>\r\n]*)">'
    r'((?:[^<]++|<(?!/span><span class="sxs-lookup">))*+)</span><span class="sxs-lookup">'
    r'<span data-stu-id="([^"<>\r\n]*)">((?:[^<]++|<(?!/span></span>))*+)</span></span>',
)
_CLOSE = "</span></span>"
_FRONT_END_RE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.M)
_LAYOUT_WS = " \t\r\n"

# Front matter is small in every real article; a huge or deeply nested block is hostile or broken.
# Real front matter is under 2 KB; these limits keep the pure-Python YAML parser well under a
# second on the most hostile block allowed.
MAX_FRONT_MATTER = 32 * 1024
MAX_FRONT_MATTER_DEPTH = 32
MAX_FRONT_MATTER_VALUES = 2_000


@dataclass(frozen=True, init=False)
class Segment:
    """One span pair. ``source`` and ``translation`` are the catalog forms of the span texts.

    The catalog form is the span text less layout that gettext cannot carry faithfully: a run of
    white space holding a line break at either edge (msgfmt demands both sides agree on edge
    newlines) and CRLF line ends inside the span. Both are kept here and put back on render.

    Frozen, with ``__init__`` written out: it fills the instance dict in one call, where the
    generated frozen ``__init__`` calls object.__setattr__ once per field. A scan makes one
    Segment per pair, and those calls were a third of its time.
    """

    id: str
    lookup_id: str
    source: str
    translation: str
    start: int  # offset of '<span data-ttu-id='
    end: int  # offset just past the closing '</span></span>'
    tr_start: int
    tr_end: int
    src_start: int
    src_end: int
    line: int
    column: int
    tr_lead: str = ""
    tr_trail: str = ""
    tr_crlf: bool = False

    def __init__(
        self, id: str, lookup_id: str, source: str, translation: str, start: int, end: int,
        tr_start: int, tr_end: int, src_start: int, src_end: int, line: int, column: int,
        tr_lead: str = "", tr_trail: str = "", tr_crlf: bool = False,
    ) -> None:
        self.__dict__.update(
            id=id, lookup_id=lookup_id, source=source, translation=translation, start=start,
            end=end, tr_start=tr_start, tr_end=tr_end, src_start=src_start, src_end=src_end,
            line=line, column=column, tr_lead=tr_lead, tr_trail=tr_trail, tr_crlf=tr_crlf,
        )


@dataclass(frozen=True, slots=True)
class Article:
    """An sxs article. ``text`` is the whole file; ``text.encode()`` gives back its bytes."""

    path: str  # as shown in diagnostics
    rel: str  # relative to the content root, starting with the locale folder
    locale: str
    text: str
    body_start: int  # offset just past the front matter (0 when there is none)
    meta: Mapping[str, str | None]  # top-level front matter keys; None for non-scalar values
    meta_lines: Mapping[str, int]
    segments: tuple[Segment, ...]
    problems: tuple[Finding, ...] = field(default=())  # malformed pairs found while scanning

    def line_of(self, offset: int) -> tuple[int, int]:
        return _position(self.text, offset)

    @property
    def prefixes(self) -> tuple[str, ...]:
        seen = dict.fromkeys(s.id.split("-", 1)[0] for s in self.segments)
        return tuple(seen)


def _position(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    if starts is None:
        starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def decode(data: bytes, path: str) -> str:
    """Strict UTF-8, so that encoding the text gives back the same bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise InputError(
            "encoding", "file is UTF-16; articles must be UTF-8", path, 1, 1,
            "convert it: iconv -f UTF-16 -t UTF-8",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            "encoding", f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", path, line, col,
            "save the file as UTF-8",
        ) from None
    if text.startswith("\ufeff"):
        raise InputError(
            "encoding", "file starts with a byte order mark", path, 1, 1,
            "save the file as UTF-8 without BOM",
        )
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _position(text, nul)
        raise InputError(
            "encoding", "NUL byte in text", path, line, col, "the file is binary or corrupt"
        )
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 saved without a byte order mark: text whose every other byte is NUL."""
    head = data[:512]
    if len(head) < 4 or b"\x00" not in head[:4]:
        return False
    return head[0::2].count(0) * 10 >= len(head) * 4 or head[1::2].count(0) * 10 >= len(head) * 4


def split_front_matter(text: str, path: str) -> tuple[int, str]:
    """Return (offset where the body starts, YAML text). No front matter gives (0, '')."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return 0, ""
    first_end = text.index("\n") + 1
    m = _FRONT_END_RE.search(text, first_end)
    if m is None:
        raise InputError(
            "front-matter", "front matter block is not closed", path, 1, 1,
            "end the front matter with a line holding only ---",
        )
    return m.end(), text[first_end : m.start()]


def read_front_matter(
    yaml_text: str, path: str
) -> tuple[dict[str, str | None], dict[str, int]]:
    """Top-level keys and scalar values, with their lines.

    The YAML is read as a stream of parser events and nothing else: no node graph is composed and
    no object constructed, so no tag can run code and no alias is ever expanded. Hostile input
    is refused by limits checked as the events arrive, the same with or without libyaml: the
    size of the block, the nesting depth, the number of values once aliases are counted as
    what they stand for (an alias bomb), and tags beyond YAML's own plain types."""
    if not yaml_text.strip():
        return {}, {}
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise InputError(
            "front-matter", f"front matter is {len(yaml_text):,} characters; the limit is "
            f"{MAX_FRONT_MATTER:,}", path, 2, 1, "front matter holds metadata, not content",
        )
    _guard_flow_depth(yaml_text, path)
    starts = _line_starts(yaml_text)

    def where(index: int | None) -> tuple[int, int]:
        """An article line and column for a character index into the front matter. YAML's own
        line numbers also break at a lone CR, U+0085, U+2028 and U+2029; the article's only at
        LF, so the position is worked out here from the index."""
        if index is None or not 0 <= index <= len(yaml_text):
            return 2, 1
        line, col = _position(yaml_text, index, starts)
        return line + 1, col

    try:
        return _read_events(yaml.parse(yaml_text, Loader=_Loader), path, where)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = where(mark.index if mark is not None else None)
        raise InputError(
            "front-matter", f"front matter is not valid YAML: {exc.problem or exc}", path,
            line, col, "fix the YAML syntax",
        ) from None
    except yaml.reader.ReaderError as exc:
        line, col = where(exc.position)
        raise InputError(
            "front-matter", f"front matter is not valid YAML: character "
            f"{_show_char(exc.character)} is not allowed", path, line, col,
            "remove the character; YAML allows no control characters but tab and line breaks",
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError(
            "front-matter", f"front matter is not valid YAML: {exc}", path, 2, 1,
            "fix the YAML syntax",
        ) from None


def _show_char(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character[:1] or "\0")
    return f"U+{code:04X}"


_BRACKET_RE = re.compile(r"[\[\]{}]")


def _guard_flow_depth(yaml_text: str, path: str) -> None:
    """Refuse deep [ { nesting before the parser sees it: the pure-Python scanner slows down
    with every open bracket, so a block of brackets would take seconds to reach the event that
    the depth limit stops. Brackets in quoted text count too; no real front matter nests."""
    depth = 0
    for m in _BRACKET_RE.finditer(yaml_text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                line, col = _position(yaml_text, m.start())
                raise InputError(
                    "front-matter", f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} "
                    "levels deep", path, line + 1, col, "front matter holds flat metadata",
                )
        else:
            depth = max(0, depth - 1)


# YAML's own types: anything else (!!python/object, a local !tag) would ask a loader to build
# something, and front matter holds plain values.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in (
        "str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary", "merge",
        "omap", "pairs", "set", "value",
    )
) | {"!"}


def _read_events(
    events: Iterator[yaml.Event], path: str, where: Callable[[int | None], tuple[int, int]]
) -> tuple[dict[str, str | None], dict[str, int]]:
    meta: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    depth = 0  # open collections
    values = 0  # scalars and collections, an alias counting as all it stands for
    opened: list[tuple[str | None, int]] = []  # (anchor, values before it) per open collection
    sizes: dict[str, int] = {}  # anchor -> values it stands for
    scalars: dict[str, str] = {}  # anchor -> its value, for an alias used as a value
    documents = 0
    key: str | None = None  # the top-level key awaiting its value

    def fail(message: str, event: yaml.Event, hint: str) -> InputError:
        line, col = where(event.start_mark.index if event.start_mark is not None else None)
        return InputError("front-matter", message, path, line, col, hint)

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail("front matter holds more than one YAML document", event,
                           "keep one block of 'key: value' lines")
            continue
        if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, before = opened.pop()
            if anchor is not None:
                sizes[anchor] = values - before
                scalars.pop(anchor, None)  # the name now stands for a collection
            continue
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS:
            raise fail(f"YAML tag {tag!r} is not allowed in front matter", event,
                       "remove the tag; front matter holds plain values")
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in sizes:
                raise fail(f"alias *{event.anchor} does not refer to a value defined before it",
                           event,
                           "define the anchor (&name) before using it, or write the value")
            values += sizes[event.anchor]
        else:
            values += 1
        if values > MAX_FRONT_MATTER_VALUES:
            raise fail(
                f"front matter stands for more than {MAX_FRONT_MATTER_VALUES:,} values once "
                "its aliases are expanded (an alias bomb?)", event,
                "front matter holds a few plain values; write them out without aliases",
            )
        if depth == 0:  # the document's root
            if not isinstance(event, yaml.MappingStartEvent):
                raise fail("front matter is not a mapping of keys to values", event,
                           "write front matter as 'key: value' lines")
        elif depth == 1:  # a top-level key or value
            if key is None:
                if not isinstance(event, yaml.ScalarEvent):
                    raise fail("front matter key is not a plain string", event,
                               "use plain keys")
                key = event.value
                line = where(event.start_mark.index if event.start_mark is not None else None)[0]
                if key in lines:
                    raise fail(f"duplicate front matter key {key!r} (first on line "
                               f"{lines[key]})", event, "keep one of the two")
                lines[key] = line
            else:
                if isinstance(event, yaml.ScalarEvent):
                    meta[key] = event.value
                elif isinstance(event, yaml.AliasEvent):
                    meta[key] = scalars.get(event.anchor or "")
                else:
                    meta[key] = None
                key = None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                raise fail(f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} levels deep",
                           event, "front matter holds flat metadata")
            opened.append((event.anchor, values - 1))
        elif isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            sizes[event.anchor] = 1
            scalars[event.anchor] = event.value
    return meta, lines


def catalog_form(raw: str) -> tuple[str, str, str, bool]:
    """Split a span's raw text into (lead, text, trail, crlf): see ``Segment``."""
    if not raw or (
        raw[0] not in _LAYOUT_WS and raw[-1] not in _LAYOUT_WS and "\r" not in raw
    ):
        return "", raw, "", False
    lead = trail = ""
    if raw[:1] in _LAYOUT_WS and raw:
        stripped = raw.lstrip(_LAYOUT_WS)
        edge = raw[: len(raw) - len(stripped)]
        if "\n" in edge:
            lead, raw = edge, stripped
    if raw[-1:] in _LAYOUT_WS and raw:
        stripped = raw.rstrip(_LAYOUT_WS)
        edge = raw[len(stripped) :]
        if "\n" in edge:
            trail, raw = edge, stripped
    crlf = False
    if "\r" in raw:
        n = raw.count("\r\n")
        if n and n == raw.count("\n") == raw.count("\r"):
            raw, crlf = raw.replace("\r\n", "\n"), True
    return lead, raw, trail, crlf


def _scan_well_formed(text: str, start: int) -> list[Segment] | None:
    """The pairs of an article in which every pair is well formed, in one regex pass; None when
    anything is unusual, for the careful scanner to handle (and report)."""
    count = text.count
    openers = count(OPENER_PREFIX, start)
    if openers != count(LOOKUP_MARK, start):
        return None
    segments: list[Segment] = []
    append = segments.append
    line, line_start, last = 1, 0, 0
    for m in _PAIR_RE.finditer(text, start):
        seg_id, tr, lookup_id, src = m.groups()
        if OPENER_PREFIX in tr or "<span" in src:
            return None  # a broken pair swallowed the next one, or a nested span
        pos, end = m.span()
        newlines = count("\n", last, pos)
        if newlines:
            line += newlines
            line_start = text.rindex("\n", last, pos) + 1
        last = pos
        tr_start, tr_end = m.span(2)
        src_start, src_end = m.span(4)
        if tr and (tr[0] in _LAYOUT_WS or tr[-1] in _LAYOUT_WS or "\r" in tr):
            tr_lead, tr, tr_trail, tr_crlf = catalog_form(tr)
            append(Segment(seg_id, lookup_id, catalog_form(src)[1], tr, pos, end, tr_start,
                           tr_end, src_start, src_end, line, pos - line_start + 1, tr_lead,
                           tr_trail, tr_crlf))
            continue
        if src and (src[0] in _LAYOUT_WS or src[-1] in _LAYOUT_WS or "\r" in src):
            src = catalog_form(src)[1]
        append(Segment(seg_id, lookup_id, src, tr, pos, end, tr_start, tr_end, src_start,
                       src_end, line, pos - line_start + 1))
    return segments if len(segments) == openers else None


def scan_segments(
    text: str, start: int, path: str
) -> tuple[tuple[Segment, ...], tuple[Finding, ...]]:
    """Find every span pair from ``start`` on. Malformed pairs become findings and stay skeleton."""
    quick = _scan_well_formed(text, start)
    if quick is not None:
        return tuple(quick), ()
    segments: list[Segment] = []
    problems: list[Finding] = []
    starts = _line_starts(text)
    find = text.find
    used_lookups: set[int] = set()

    def problem(check: str, offset: int, message: str, hint: str, seg: str | None) -> None:
        line, col = _position(text, offset, starts)
        problems.append(Finding(check, Severity.ERROR, message, path, line, col, seg, hint))

    pos = find(OPENER_PREFIX, start)
    while pos >= 0:
        nxt = find(OPENER_PREFIX, pos + 1)
        limit = len(text) if nxt < 0 else nxt
        # Bounded by the next opener: an unclosed pair must not send the match to the end of
        # the text for every opener (quadratic on a hostile file).
        fast = _PAIR_RE.match(text, pos, limit)
        if fast is not None and "<span" not in fast.group(4):
            tr_lead, translation, tr_trail, tr_crlf = catalog_form(fast.group(2))
            source = fast.group(4)
            if source[:1] in _LAYOUT_WS or source[-1:] in _LAYOUT_WS or "\r" in source:
                source = catalog_form(source)[1]
            used_lookups.add(fast.end(2) + 7)
            line, col = _position(text, pos, starts)
            segments.append(
                Segment(
                    fast.group(1), fast.group(3), source, translation, pos, fast.end(),
                    fast.start(2), fast.end(2), fast.start(4), fast.end(4), line, col,
                    tr_lead, tr_trail, tr_crlf,
                )
            )
            pos = nxt
            continue
        m = _OPEN_RE.match(text, pos)
        if m is None:
            snippet = text[pos : min(limit, pos + 60)].split("\n", 1)[0]
            problem(
                "malformed-span", pos, f"malformed translation span markup: {snippet!r}",
                "the span's attribute must read data-ttu-id=\"…\" with plain quotes", None,
            )
            pos = nxt
            continue
        seg_id = m.group(1)
        tr_start = m.end()
        sep = find(_SEPARATOR, tr_start, limit)
        if sep < 0:
            problem(
                "unpaired-translation", pos,
                f"translation span {seg_id} has no English lookup span after it",
                "restore the <span class=\"sxs-lookup\"> part from the source delivery", seg_id,
            )
            pos = nxt
            continue
        lm = _LOOKUP_RE.match(text, sep)
        if lm is None:
            snippet = text[sep + 7 : min(limit, sep + 80)].split("\n", 1)[0]
            problem(
                "malformed-span", sep + 7, f"malformed English lookup span: {snippet!r}",
                "the lookup must read <span class=\"sxs-lookup\"><span data-stu-id=\"…\">",
                seg_id,
            )
            pos = nxt
            continue
        used_lookups.add(sep + 7)
        src_start = lm.end()
        close = _find_close(text, src_start, limit)
        if close < 0:
            problem(
                "unclosed-span", sep + 7, f"English lookup span of {seg_id} is not closed",
                "end the pair with </span></span>", seg_id,
            )
            pos = nxt
            continue
        tr_raw = text[tr_start:sep]
        src_raw = text[src_start:close]
        _, source, _, _ = catalog_form(src_raw)
        tr_lead, translation, tr_trail, tr_crlf = catalog_form(tr_raw)
        line, col = _position(text, pos, starts)
        segments.append(
            Segment(
                seg_id, lm.group(1), source, translation, pos, close + len(_CLOSE), tr_start,
                sep, src_start, close, line, col, tr_lead, tr_trail, tr_crlf,
            )
        )
        pos = nxt

    lk = find(LOOKUP_MARK, start)
    while lk >= 0:
        if lk not in used_lookups:
            problem(
                "unpaired-lookup", lk, "English lookup span has no translation span before it",
                "restore the <span data-ttu-id=…> translation span from the source delivery",
                None,
            )
        lk = find(LOOKUP_MARK, lk + 1)
    problems.sort(key=Finding.sort_key)
    return tuple(segments), tuple(problems)


def _find_close(text: str, start: int, limit: int) -> int:
    """The '</span></span>' that ends an English span, skipping spans nested inside it.

    Counts run on from the last candidate instead of restarting at ``start``, so the scan stays
    linear; neither tag can straddle a candidate, so the counts are those of text[start:pos]."""
    opens = closes = 0
    counted = start
    pos = text.find(_CLOSE, start, limit)
    while pos >= 0:
        opens += text.count("<span", counted, pos)
        closes += text.count("</span>", counted, pos)
        counted = pos
        if opens == 0 or opens <= closes:
            return pos
        pos = text.find(_CLOSE, pos + 7, limit)
    return -1


def parse_article(text: str, rel: str, path: str | None = None) -> Article:
    """Parse article text. ``rel`` is the path under the content root (locale folder first)."""
    shown = path or rel
    body_start, yaml_text = split_front_matter(text, shown)
    meta, meta_lines = read_front_matter(yaml_text, shown)
    segments, problems = scan_segments(text, body_start, shown)
    locale = rel.replace("\\", "/").split("/", 1)[0]
    return Article(shown, rel, locale, text, body_start, meta, meta_lines, segments, problems)


def read_article(data: bytes, rel: str, path: str | None = None) -> Article:
    shown = path or rel
    return parse_article(decode(data, shown), rel, shown)
