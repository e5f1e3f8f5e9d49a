"""The driver: article text in, numbered segments out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from pipeline.article import decode, read_front_matter
from pipeline.findings import Finding, InputError, Severity
from pipeline.segment import anchors, ids, normalise
from pipeline.segment.blocks import Block, BlockKind, scan_blocks
from pipeline.segment.flat import Flat
from pipeline.segment.html import html_runs
from pipeline.segment.inline import AtomKind, atoms, scan
from pipeline.segment.model import Kind, Segment, SegmentedArticle
from pipeline.segment.paragraphs import has_words, paragraph_runs, run_segments, single_run
from pipeline.segment.sentences import split
from pipeline.segment.tables import table_runs

# A piece of text that will become a segment: its kind, the run, the range in the run and its
# text as Microsoft's English span holds it.
_Item = tuple[Kind, Flat, int, int, str]
_FIELDS = (("title", Kind.TITLE), ("description", Kind.DESCRIPTION))
_YAML_VALUE = re.compile(r"[ \t]*:[ \t]*(.*?)[ \t]*$")


def segment_bytes(data: bytes, path: str) -> SegmentedArticle:
    """``segment`` for a file's bytes: text that is not UTF-8 gives a finding, not a raise."""
    try:
        text = decode(data[3:] if data.startswith(b"\xef\xbb\xbf") else data, path)
    except InputError as exc:
        return SegmentedArticle(path, "", 0, "", (), (), (exc.finding,))
    if data.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    return segment(text, path)


def segment(text: str, path: str) -> SegmentedArticle:
    """The segments of an English article, numbered from 101 as Microsoft numbers them."""
    findings: list[Finding] = []
    start = 1 if text.startswith("\ufeff") else 0
    body = start
    fields: list[_Item] = []
    body, yaml_text = _split_front_matter(text, start)
    if yaml_text:
        try:
            meta, lines = read_front_matter(yaml_text, path)
        except InputError as exc:
            # Microsoft's handoffs took such front matter as it was (a duplicated key, say):
            # the block is still skipped, title and description read line by line.
            f = exc.finding
            findings.append(Finding(f.check, Severity.WARNING, f.message, f.file, f.line,
                                    f.column, None, f.hint))
            meta, lines = _plain_fields(yaml_text)
        fields = list(_front_matter_items(text, meta, lines))
    prefix = ids.prefix(text)
    starts = _line_starts(text)
    number = ids.FIRST_NUMBER
    out_fields: list[Segment] = []
    out_segments: list[Segment] = []
    for kind, flat, a, b, source in [*fields, *_body_items(text, body)]:
        seg = _make(starts, prefix, number, kind, flat, a, b, source)
        number += 1
        if kind in (Kind.TITLE, Kind.DESCRIPTION, Kind.ALT):
            out_fields.append(seg)
        else:
            out_segments.append(seg)
    return SegmentedArticle(path, text, body, prefix, tuple(out_segments), tuple(out_fields),
                            tuple(findings))


_OPEN_FM = re.compile(r"---[ \t]*\r?\n")
_CLOSE_FM = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


def _split_front_matter(text: str, start: int) -> tuple[int, str]:
    """(where the body starts, the YAML text); (start, "") when there is no front matter. An
    unclosed block is not front matter (Markdown reads it as a thematic break and text)."""
    m = _OPEN_FM.match(text, start)
    if m is None:
        return start, ""
    end = _CLOSE_FM.search(text, m.end())
    if end is None:
        return start, ""
    return end.end(), text[m.end():end.start()]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _make(starts: list[int], prefix: str, number: int, kind: Kind, flat: Flat, a: int, b: int,
          source: str) -> Segment:
    pieces = flat.pieces(a, b)
    if pieces:
        first, last = pieces[0][0], pieces[-1][1]
    else:
        first = last = flat.source_pos(a)
    line = bisect.bisect_right(starts, first)
    column = first - starts[line - 1] + 1
    anchor = anchors.slug(source) if kind is Kind.HEADING else None
    return Segment(ids.segment_id(prefix, number), number, source, kind, line, column, first,
                   last, pieces, anchor)


def _front_matter_items(text: str, meta: dict[str, str | None],
                        lines: dict[str, int]) -> Iterator[_Item]:
    starts = _line_starts(text)
    for key, kind in _FIELDS:
        value = meta.get(key)
        if not value or not value.strip():
            continue
        flat = _value_run(text, starts, lines.get(key, 0), key, value)
        for s, e in split(flat.text, atoms(flat.text)):
            yield kind, flat, s, e, flat.text[s:e]


_PLAIN_FIELD = re.compile(r"^(title|description):[ \t]*(.*?)[ \t]*\r?$", re.M)


def _plain_fields(yaml_text: str) -> tuple[dict[str, str | None], dict[str, int]]:
    """``title`` and ``description`` of front matter YAML will not parse: one-line values,
    quotes removed; the first of a repeated key wins."""
    meta: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    for m in _PLAIN_FIELD.finditer(yaml_text):
        key, value = m.group(1), m.group(2)
        if key in meta:
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        meta[key] = value
        lines[key] = yaml_text.count("\n", 0, m.start()) + 2
    return meta, lines


def _value_run(text: str, starts: list[int], line: int, key: str, value: str) -> Flat:
    """The value's text in the source when it is written there as is, else the value alone."""
    if 0 < line <= len(starts):
        ls = starts[line - 1]
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        if text.startswith(key, ls):
            m = _YAML_VALUE.match(text, ls + len(key), le)
            if m is not None:
                a, b = m.span(1)
                if b - a >= 2 and text[a] == text[b - 1] and text[a] in "'\"":
                    a, b = a + 1, b - 1
                if text[a:b] == value:
                    return single_run(text, a, b)
    return Flat(value, (), "")


def _body_items(text: str, body: int) -> Iterator[_Item]:
    for block in scan_blocks(text, body):
        yield from _block_items(text, block)


def _block_items(text: str, block: Block) -> Iterator[_Item]:
    kind = block.kind
    if kind is BlockKind.PARAGRAPH:
        for run in paragraph_runs(text, block.lines):
            yield from _run_items(run, Kind.TEXT, keep_trailing=True)
    elif kind is BlockKind.HEADING:
        for run in paragraph_runs(text, block.lines):
            yield from _run_items(run, Kind.HEADING, whole=True)
    elif kind is BlockKind.TABLE:
        for run in table_runs(text, block.lines):
            yield from _run_items(run, Kind.CELL)
    elif kind is BlockKind.HTML:
        for run in html_runs(text, block.lines):
            yield from _run_items(run, Kind.HTML)


def _run_items(run: Flat, kind: Kind, whole: bool = False, keep_trailing: bool = False,
               ) -> Iterator[_Item]:
    found = run_segments(run, whole, keep_trailing)
    text = run.text
    if found:
        changes = normalise.edits(text, scan(text)) if _MAY_CHANGE.search(text) else []
        for s, e in found:
            yield kind, run, s, e, normalise.apply(text, s, e, changes)
        return
    # A run with no pair: the alt text of its images is still translated (in place).
    for atom in atoms(text):
        if atom.kind is AtomKind.IMAGE:
            s, e = atom.inner
            inner = text[s:e]
            if has_words(inner, atoms(inner), 0, e - s):
                yield Kind.ALT, run, s, e, inner


_MAY_CHANGE = re.compile(r"[*_`]|&#")
