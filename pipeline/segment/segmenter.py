"""The driver: article text in, numbered segments out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pipeline.checks.inputs as inputs
import pipeline.segment.anchors as anchors
import pipeline.segment.docfx as docfx
import pipeline.segment.ids as ids
import pipeline.segment.normalise as normalise
from pipeline.article import decode
from pipeline.article.model import line_starts, position
from pipeline.findings import Finding, InputError, Severity
from pipeline.segment.blocks import Block, BlockKind, scan_blocks
from pipeline.segment.flat import Flat
from pipeline.segment.frontmatter import FrontMatter, front_matter
from pipeline.segment.html import html_runs
from pipeline.segment.inline import AtomKind, atoms, scan
from pipeline.segment.model import Kind, Segment, SegmentedArticle
from pipeline.segment.paragraphs import has_words, paragraph_runs, run_segments, single_run
from pipeline.segment.sentences import split
from pipeline.segment.tables import table_runs
from pipeline.segment.unclosed import unclosed

# A piece of text that will become a segment: its kind, the run, the range in the run and its
# text as Microsoft's English span holds it.
_Item = tuple[Kind, Flat, int, int, str]
_LONE_CR = re.compile(r"\r(?!\n)")
# the translation span of an sxs pair, as every handoff writes it
_SXS_PAIR = re.compile(r'<span data-ttu-id="[0-9a-fA-F]+-\d+">')
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def segment_bytes(data: bytes, path: str) -> SegmentedArticle:
    """``segment`` for a file's bytes: text that is not UTF-8 gives a finding, not a raise."""
    try:
        text = decode(data, path)  # a byte order mark stays: the page gives it back
    except InputError as exc:
        return SegmentedArticle(path, "", 0, "", (), (), (exc.finding,))
    lone = _LONE_CR.search(text)
    if lone is not None:  # a line end to Markdown, text to every line-based reader here
        line, column = position(text, lone.start())
        return SegmentedArticle(path, "", 0, "", (), (), (Finding(
            inputs.ENCODING.id, Severity.ERROR, "a carriage return (CR) that is not followed by "
            "a line feed: line ends must be LF or CRLF", path, line, column, None,
            "save the file with LF line ends (your editor's line-ending setting, or "
            "dos2unix -c mac); the pages of this article stay as they were"),))
    article = segment(text, path)
    # a pair in the prose (not in code: an article may show the format) would make its spans
    # and the locale's text English to translate
    pair = next((seg for seg in article.segments if _SXS_PAIR.search(
        _CODE_SPAN.sub("", seg.source))), None) if "data-ttu-id" in text else None
    if pair is not None:
        return SegmentedArticle(path, "", 0, "", (), (), (Finding(
            inputs.HANDOFF_IN_ENGLISH.id, Severity.ERROR, "an sxs span pair (data-ttu-id), as "
            "a locale's handoff holds: a handoff put in the English folder, or English pasted "
            "from one; the article was not segmented, and its catalogs and pages stay as they "
            "were", path, pair.line, pair.column, None, "move a handoff to its locale's "
            "folder, content/<locale>/; write English without the spans"),))
    return article


def segment(text: str, path: str) -> SegmentedArticle:
    """The segments of an English article, numbered from 101 as Microsoft numbers them."""
    start = 1 if text.startswith("\ufeff") else 0
    head = front_matter(text, start, path)
    prefix = ids.prefix(text)
    starts = line_starts(text)
    number = ids.FIRST_NUMBER
    fields: list[Segment] = []
    segments: list[Segment] = []
    runs: list[Flat] = []  # the run each segment was cut from
    blocks = scan_blocks(text, head.body)
    for kind, flat, a, b, source in [*_field_items(head), *_body_items(text, blocks)]:
        seg = _make(starts, prefix, number, kind, flat, a, b, source)
        number += 1
        if kind in _PAIRED:
            segments.append(seg)
            runs.append(flat)
        else:
            fields.append(seg)
    return SegmentedArticle(path, text, head.body, prefix, _one_anchor(segments, runs),
                            tuple(fields), head.findings + unclosed(blocks, text, starts, path),
                            head.meta)


def _one_anchor(segments: list[Segment], runs: list[Flat]) -> tuple[Segment, ...]:
    """A heading of several sentences is several segments and one anchor: its first segment
    carries the slug of the whole heading, as the handoffs write it ("Step 1. Obtain the ID"
    gets ``step-1-obtain-the-id``), and the others none."""
    heading = Kind.HEADING
    # cut from one run: one heading's sentences (a setext heading's lines too)
    joined = {k for k in range(1, len(segments)) if segments[k].kind is heading
              and segments[k - 1].kind is heading and runs[k] is runs[k - 1]}
    if not joined:  # nearly every article: one segment a heading
        return tuple(segments)
    out = list(segments)
    for k in joined:
        out[k] = replace(out[k], anchor=None)
    for k in sorted(k for k in joined if k - 1 not in joined):  # each heading's first one
        j = k
        while j < len(out) and (j == k or j in joined):
            j += 1
        first = k - 1
        whole = " ".join(seg.source for seg in out[first:j])
        out[first] = replace(out[first], anchor=anchors.slug(whole))
    return tuple(out)


_PAIRED = frozenset((Kind.TEXT, Kind.HEADING, Kind.CELL, Kind.HTML))


def _field_items(head: FrontMatter) -> Iterator[_Item]:
    for kind, flat in head.values:
        text = flat.text
        if kind is Kind.KEYWORDS:
            if text.strip():
                yield kind, flat, 0, len(text), text
            continue
        for s, e in split(text, atoms(text)):
            yield kind, flat, s, e, text[s:e]


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


def _body_items(text: str, blocks: list[Block]) -> Iterator[_Item]:
    after_row = False  # the block before is DocFX's ":::row:::"
    inside = -1  # the end of an ':::image' whose attributes run over several lines
    column = -1  # in a column whose ':::column' line is indented under 4: that indentation
    for block in blocks:
        if block.lines and block.lines[0][0] < inside:
            # its attributes: Markdown reads them as text or code, DocFX does not; what
            # follows the line that closes it, in the same Markdown paragraph, is text
            block = replace(block, lines=tuple(line for line in block.lines if line[0] > inside))
            if not block.lines:
                continue
        if block.kind is BlockKind.DIRECTIVE and block.lines:
            a, b = block.lines[0]
            end = _image_end(text, a, b)
            if end > b:
                inside = end
                yield from _alt_items(text, a, end)
                continue
            if _COLUMN.match(text, a, b) is not None:
                column = a - (text.rfind("\n", 0, a) + 1) + len(text[a:b]) - len(
                    text[a:b].lstrip(" "))
            elif _COLUMN_END.match(text, a, b) is not None or _ROW_EDGE.match(text, a, b):
                column = -1
        if after_row and block.kind is BlockKind.CODE:
            yield from _column_items(text, block)
        elif column >= 0 and block.kind is BlockKind.CODE and _indented(text, block, column):
            # a column's text indented deeper than its ':::column' line: Markdown's indented
            # code, DocFX's text (a fenced block in a column stays code)
            yield from _chunk_items(text, block.lines)
        else:
            yield from _block_items(text, block)
        after_row = block.kind is BlockKind.DIRECTIVE and _ROW.match(
            text, block.lines[0][0], block.lines[0][1]) is not None


def _block_items(text: str, block: Block) -> Iterator[_Item]:
    kind = block.kind
    if kind is BlockKind.PARAGRAPH:
        for run, broken in paragraph_runs(text, block.lines):
            yield from _run_items(run, Kind.TEXT, keep_trailing=True, broken=broken)
    elif kind is BlockKind.HEADING:
        for run, _ in paragraph_runs(text, block.lines):
            yield from _run_items(run, Kind.HEADING)
    elif kind is BlockKind.TABLE:
        for run in table_runs(text, block.lines):
            yield from _run_items(run, Kind.CELL)
    elif kind is BlockKind.HTML:
        for run in html_runs(text, block.lines):
            yield from _run_items(run, Kind.HTML)
    elif kind is BlockKind.DIRECTIVE:
        a, b = block.lines[0]
        # (a directive's line keeps the indentation its container does not take: a step's
        # screenshot, four spaces under "1. ", starts " :::image")
        if text[a:b].lstrip(" \t").startswith(":::image"):
            yield from _alt_items(text, a, b)


# DocFX's row directive, and the column directives its columns are written with, indented
# (so that CommonMark reads the columns as one indented code block).
_ROW = re.compile(r":::row:::[ \t]*$")
_ROW_EDGE = re.compile(r"[ \t]*:::row(?:-end)?:::[ \t]*$")
_COLUMN = re.compile(r"[ \t]*:::column(?:[ \t][^\r\n]*)?:::[ \t]*$")
_COLUMN_END = re.compile(r"[ \t]*:::column-end:::[ \t]*$")


def _column_items(text: str, block: Block) -> Iterator[_Item]:
    """The indented columns of a ``:::row:::``: DocFX reads a column's lines as Markdown, and
    the handoffs pair each run of them (between blank lines) as the text of one paragraph,
    its lines and indentation as written (a list's items too: one pair). Its sentences are
    cut as a paragraph's. A block that is no column (a code sample after a row) stays code."""
    lines = block.lines
    if not lines or _COLUMN.match(text, *lines[0]) is None:
        return
    mine: list[tuple[int, int]] = []  # the lines of the column being read
    inside = False
    for a, b in (*lines, (0, 0)):  # the sentinel closes the last column
        column = _COLUMN.match(text, a, b) is not None if b else False
        end = _COLUMN_END.match(text, a, b) is not None if b else True
        if column or end:
            if mine:
                yield from _chunk_items(text, mine)
            mine = []
            inside = column
        elif inside:
            mine.append((a, b))


def _indented(text: str, block: Block, column: int) -> bool:
    """Whether a code block is a column's text that Markdown takes for indented code: indented
    4 columns or more (a fence stands less deep) but less than 4 deeper than its ':::column'
    line (deeper still, it is code to DocFX too)."""
    a = block.lines[0][0]
    line_start = text.rfind("\n", 0, a) + 1
    depth = len(text[line_start:a].expandtabs(4))
    return 4 <= depth < column + 4


_FENCE_LINE = re.compile(r"[ \t]*(?:```|~~~)")  # (its info string may hold anything)
_QUOTE_MARKS = re.compile(r"^(?:>[ \t]?)+")


def _chunk_items(text: str, lines: Sequence[tuple[int, int]]) -> Iterator[_Item]:
    """Column lines: each run of them between blank lines the text of one paragraph, from
    its first character on, its lines and indentation as written. What DocFX reads as code
    in a column is none: a fenced block, and lines 4 columns deeper than the text they stand
    in (the column's, or a list item's) after a blank line or a heading."""
    chunk: list[tuple[int, int]] = []
    fence = ""  # the open fence's run of backticks or tildes
    base = -1  # the indentation of the column's text
    inner = -1  # where the text of the last list item starts
    for a, b in (*lines, (0, 0)):  # the sentinel closes the last chunk
        line = text[a:b]
        stripped = line.strip()
        if stripped.startswith(">"):  # in a note: its fences and code are after its marks
            quoted = _QUOTE_MARKS.sub("", stripped).expandtabs(4)
            stripped = quoted.strip()
            m = _FENCE_LINE.match(stripped) if b and not fence else None
            if (m is None and not fence and not chunk and stripped
                    and len(quoted) - len(quoted.lstrip()) >= 4):
                b = 0  # indented code in the note, after a blank line of it: never text
        else:
            m = _FENCE_LINE.match(line) if b and not fence else None
        if fence:  # closed by a run of its character at least as long, alone on its line
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            b = 0
        elif m is not None:  # a fence, which (unlike indented code) cuts in a paragraph
            fence = stripped[:len(stripped) - len(stripped.lstrip(stripped[0]))]
            b = 0
        elif b and stripped:
            head = len(line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4))
            base = head if base < 0 else base
            item = _LIST_ITEM.match(stripped)
            stands = max(base, inner) if item is None or head > base else base
            follows = bool(chunk) and not _HEADING_LINE.match(text, *chunk[-1])
            if follows or head < stands + 4:  # indented code cannot cut in a paragraph
                if item is not None:
                    inner = head + item.end()
                elif head < max(base, inner) and not chunk:
                    inner = -1  # back to the column's own text
                chunk.append((a, b))
                continue
            b = 0
        if chunk:
            first, first_end = chunk[0]
            line = text[first:first_end]
            start = first + len(line) - len(line.lstrip())
            heading = _HEADING_TEXT.match(text, start, first_end) if len(chunk) == 1 else None
            if heading is not None and heading.end(1) > heading.start(1):
                # a heading: its text a heading's unit, so that the page gives it its anchor
                yield from _run_items(single_run(text, *heading.span(1)), Kind.HEADING)
            else:
                yield from _run_items(single_run(text, start, chunk[-1][1]), Kind.TEXT)
            chunk = []


_HEADING_TEXT = re.compile(r"#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$")
_LIST_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")
_HEADING_LINE = re.compile(r"[ \t]*#{1,6}(?:[ \t]|$)")


def _image_end(text: str, a: int, b: int) -> int:
    """Where an ':::image' left open on its line (its attributes on the lines after it) ends:
    the end of the line that closes it; ``b`` when it is closed on its line, or not closed
    before a blank line."""
    line = text[a:b]
    m = docfx.IMAGE.match(text, a + len(line) - len(line.lstrip(" \t")))
    if m is None or m.end() <= b or not m.group().endswith(":::"):
        return b
    nl = text.find("\n", m.end())
    return len(text) if nl < 0 else nl


def _alt_items(text: str, a: int, b: int) -> Iterator[_Item]:
    m = docfx.IMAGE_ALT.search(text, a, b)
    if m is not None and m.end(1) > m.start(1):
        run = single_run(text, *m.span(1))
        yield Kind.ALT, run, 0, len(run.text), run.text


def _run_items(run: Flat, kind: Kind, whole: bool = False, keep_trailing: bool = False,
               broken: bool = False) -> Iterator[_Item]:
    key = (run.text, kind, whole, keep_trailing, broken)
    found = _ranges.get(key)
    if found is None:
        if len(_ranges) >= _KEEP:
            _ranges.clear()
        found = _ranges[key] = _ranges_of(*key)
    for item_kind, s, e, source in found:
        yield item_kind, run, s, e, source


# What a run's text gives depends on its text and how it is cut alone: a run met again (a
# table cell "Yes", a heading "Remarks": two runs in five of an article tree) is not cut again.
_KEEP = 4096
_ranges: dict[tuple[str, Kind, bool, bool, bool], list[tuple[Kind, int, int, str]]] = {}


def _ranges_of(text: str, kind: Kind, whole: bool, keep_trailing: bool, broken: bool
               ) -> list[tuple[Kind, int, int, str]]:
    found = run_segments(text, whole, keep_trailing, broken)
    if found:
        changes = normalise.edits(text, scan(text)) if _MAY_CHANGE.search(text) else []
        return [(kind, s, e, normalise.apply(text, s, e, changes)) for s, e in found]
    # A run with no pair: the alt text of its images is still translated (in place).
    out = []
    for atom in atoms(text):
        if atom.kind is AtomKind.IMAGE:
            s, e = atom.inner
            inner = text[s:e]
            if has_words(inner, atoms(inner), 0, e - s):
                out.append((Kind.ALT, s, e, inner))
    return out


_MAY_CHANGE = re.compile(r"[*_`]|&#")
