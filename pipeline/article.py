"""Reading an sxs article: raw front matter, and the span pairs with exact offsets.

Nothing here rewrites text. The front matter is kept as the bytes it was and parsed only to read
values; everything that is not a well-formed pair is skeleton and passes through untouched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
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
_PAIR_RE = re.compile(
    r'<span data-ttu-id="([^"<>\r\n]*)">(.*?)</span><span class="sxs-lookup">'
    r'<span data-stu-id="([^"<>\r\n]*)">(.*?)</span></span>',
    re.S,
)
_CLOSE = "</span></span>"
_FRONT_END_RE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.M)
_LAYOUT_WS = " \t\r\n"

# Front matter is small in every real article; a huge or deeply nested block is hostile or broken.
MAX_FRONT_MATTER = 256 * 1024
MAX_FRONT_MATTER_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Segment:
    """One span pair. ``source`` and ``translation`` are the catalog forms of the span texts.

    The catalog form is the span text less layout that gettext cannot carry faithfully: a run of
    white space holding a line break at either edge (msgfmt demands both sides agree on edge
    newlines) and CRLF line ends inside the span. Both are kept here and put back on render.
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    """Top-level keys and scalar values, with their lines. Nothing is constructed or executed:
    the YAML is composed into nodes only, so tags and aliases cannot build objects or blow up."""
    if not yaml_text.strip():
        return {}, {}
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise InputError(
            "front-matter", f"front matter is {len(yaml_text)} characters; the limit is "
            f"{MAX_FRONT_MATTER}", path, 2, 1, "front matter holds metadata, not content",
        )
    _guard_depth(yaml_text, path)
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        col = mark.column + 1 if mark is not None else 1
        raise InputError(
            "front-matter", f"front matter is not valid YAML: {exc.problem or exc}", path,
            line, col, "fix the YAML syntax",
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError(
            "front-matter", f"front matter is not valid YAML: {exc}", path, 2, 1,
            "fix the YAML syntax",
        ) from None
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            "front-matter", "front matter is not a mapping of keys to values", path, 2, 1,
            "write front matter as 'key: value' lines",
        )
    meta: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError(
                "front-matter", "front matter key is not a plain string", path, line,
                key_node.start_mark.column + 1, "use plain keys",
            )
        key = key_node.value
        if key in meta:
            raise InputError(
                "front-matter", f"duplicate front matter key {key!r} (first on line "
                f"{lines[key]})", path, line, key_node.start_mark.column + 1,
                "keep one of the two",
            )
        _refuse_tags(value_node, path)
        meta[key] = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
        lines[key] = line
    return meta, lines


def _guard_depth(yaml_text: str, path: str) -> None:
    depth = deepest = 0
    for ch in yaml_text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_FRONT_MATTER_DEPTH:
        raise InputError(
            "front-matter", f"front matter nests {deepest} levels deep", path, 2, 1,
            "front matter holds flat metadata",
        )


_STANDARD_TAG = "tag:yaml.org,2002:"


def _refuse_tags(node: yaml.Node, path: str, depth: int = 0) -> None:
    if depth > MAX_FRONT_MATTER_DEPTH:
        raise InputError(
            "front-matter", "front matter nests too deeply", path, node.start_mark.line + 2,
            1, "front matter holds flat metadata",
        )
    tag = node.tag or ""
    if not tag.startswith(_STANDARD_TAG) and tag not in ("!", "?"):
        raise InputError(
            "front-matter", f"YAML tag {tag!r} is not allowed in front matter", path,
            node.start_mark.line + 2, node.start_mark.column + 1,
            "remove the tag; front matter holds plain values",
        )
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _refuse_tags(k, path, depth + 1)
            _refuse_tags(v, path, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_tags(item, path, depth + 1)


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


def scan_segments(
    text: str, start: int, path: str
) -> tuple[tuple[Segment, ...], tuple[Finding, ...]]:
    """Find every span pair from ``start`` on. Malformed pairs become findings and stay skeleton."""
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
        fast = _PAIR_RE.match(text, pos)
        if fast is not None and (nxt < 0 or fast.end() <= nxt) and "<span" not in fast.group(4):
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
    """The '</span></span>' that ends an English span, skipping spans nested inside it."""
    pos = text.find(_CLOSE, start, limit)
    while pos >= 0:
        inner = text[start:pos]
        opens = inner.count("<span")
        if opens == 0 or opens <= inner.count("</span>"):
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
