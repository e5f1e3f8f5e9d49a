"""Finding the Markdown blocks of an article body, with the source range of every content line.

A CommonMark block scanner (containers: block quotes and list items; leaves: headings, fenced and
indented code, HTML blocks, thematic breaks, paragraphs) plus what Markdig and DocFX add and
Microsoft's handoffs treat as blocks: pipe tables, ``:::`` directives and the ``[!NOTE]``,
``[!INCLUDE …]``, ``[!div …]``, ``[!VIDEO …]`` lines. One pass over the lines, no backtracking:
linear in the size of the text.

Each content line is given as the source range of its text once the container prefixes (``> ``,
a list item's marker or indentation) are removed, so that a later stage can replace a segment
and keep every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from pipeline.segment.docfx import is_directive
from pipeline.segment.htmlstart import html_ends, html_start


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    TABLE = "table"
    HTML = "html"
    CODE = "code"  # fenced or indented: never segmented
    DIRECTIVE = "directive"  # [!NOTE], [!INCLUDE …] alone, ::: zone …: never segmented
    BREAK = "break"  # thematic break


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    lines: tuple[tuple[int, int], ...]  # source range of each content line
    level: int = 0  # a heading's level
    quoted: bool = False  # inside a block quote (a note)
    depth: int = 0  # open containers around it
    unclosed: bool = False  # fenced code, a comment, <pre>…: still open where the text ends


# The text of a line, after the container prefixes: what starts a leaf block.
# Microsoft's handoffs take "##Heading" (no space) for a heading too, as older Markdown did.
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$|(?=[^#\s]))")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_BULLET = re.compile(r"([-+*])(?=[ \t]|$)")
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_DELIMITER_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
@dataclass(slots=True)
class _Container:
    quote: bool
    indent: int = 0  # a list item's content column
    blank_start: bool = False  # a list item whose first line held only the marker


@dataclass(slots=True)
class _Leaf:
    kind: BlockKind
    lines: list[tuple[int, int]]
    depth: int
    quoted: bool
    level: int = 0
    fence: str = ""  # the opening fence of a fenced code block
    html: int = 0  # the HTML block kind
    indented: bool = False  # indented code


def _columns(line: str, pos: int, col: int, stop: int | None = None) -> tuple[int, int]:
    """Skip spaces and tabs from ``pos`` (at column ``col``), up to column ``stop`` if given.
    Returns the new (pos, col). A tab that crosses ``stop`` is taken whole."""
    n = len(line)
    while pos < n and (stop is None or col < stop):
        ch = line[pos]
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return pos, col


def line_ranges(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line from ``start``, ``end`` before the line break."""
    out: list[tuple[int, int]] = []
    pos, n = start, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            end = n
            nxt = n
        else:
            end = nl
            nxt = nl + 1
        if end > pos and text[end - 1] == "\r":
            end -= 1
        out.append((pos, end))
        pos = nxt
    return out


class _Scanner:
    quick = True  # the shortcuts for top-level lines in ``feed`` (tests compare both ways)

    def __init__(self, text: str) -> None:
        self.text = text
        self.open: list[_Container] = []
        self.leaf: _Leaf | None = None
        self.blocks: list[Block] = []

    def close_leaf(self) -> None:
        leaf, self.leaf = self.leaf, None
        if leaf is None or not leaf.lines:
            return
        lines = leaf.lines
        if leaf.kind is BlockKind.CODE and leaf.indented:
            while lines and lines[-1][0] == lines[-1][1]:  # trailing blank lines
                lines.pop()
        self.blocks.append(Block(leaf.kind, tuple(lines), leaf.level, leaf.quoted, leaf.depth))

    def quoted(self, depth: int) -> bool:
        return any(c.quote for c in self.open[:depth])

    def start_leaf(self, kind: BlockKind, depth: int, **kw: object) -> _Leaf:
        self.close_leaf()
        leaf = _Leaf(kind, [], depth, self.quoted(depth), **kw)  # type: ignore[arg-type]
        self.leaf = leaf
        return leaf

    def feed(self, ls: int, le: int) -> None:
        line = self.text[ls:le]
        leaf = self.leaf
        if self.quick and not self.open:  # outside every container: the commonest lines
            if leaf is not None and (leaf.fence or leaf.kind is BlockKind.HTML):
                self.verbatim(leaf, ls, le, line)
                return
            if not line.strip(" \t") and (leaf is None or leaf.kind is not BlockKind.CODE):
                self.close_leaf()  # a blank line ends the paragraph, heading or table
                return
            if leaf is not None and leaf.kind is BlockKind.TABLE and (
                    line[:1] == "|" or line[:1].isalpha()):
                leaf.lines.append((ls, le))  # a row: a pipe or a letter starts no block
                return
            if line[:1].isalpha() and (leaf is None or leaf.kind is BlockKind.PARAGRAPH):
                # prose: a letter starts no block (no marker, tag, fence or indentation)
                if leaf is None:
                    leaf = self.start_leaf(BlockKind.PARAGRAPH, 0)
                leaf.lines.append((ls, le))
                return
        pos, col = 0, 0
        matched = 0
        blank_rest = False
        # the end of the white space run at ``pos`` (and its column): the same for every list
        # item that takes part of the run, found once rather than once per nesting level
        run_end, run_col = -1, 0
        for c in self.open:
            if c.quote:
                p, cc = _columns(line, pos, col)
                if cc - col <= 3 and p < len(line) and line[p] == ">":
                    pos, col = p + 1, cc + 1
                    if pos < len(line) and line[pos] in " \t":  # one optional space
                        if line[pos] == " ":
                            pos, col = pos + 1, col + 1
                        else:  # a tab: taken whole (its first column belongs to the '>')
                            pos, col = pos + 1, col + 4 - col % 4
                    matched += 1
                    continue
                break
            if run_end < pos:
                run_end, run_col = _columns(line, pos, col)
            p, cc = run_end, run_col
            if p >= len(line):  # a blank line continues a list item
                if c.blank_start:  # an item holds at most one blank line before its content
                    break
                pos, col = p, cc
                matched += 1
                continue
            if cc >= c.indent:
                pos, col = _columns(line, pos, col, c.indent)
                matched += 1
                continue
            break
        rest = line[pos:]
        blank_rest = not rest.strip(" \t")
        leaf = self.leaf
        all_matched = matched == len(self.open)

        # Fenced code and HTML blocks take lines verbatim while their containers hold.
        if leaf is not None and all_matched and leaf.kind is BlockKind.CODE and leaf.fence:
            m = _FENCE.match(rest)
            if m and m.group(1)[0] == leaf.fence[0] and len(m.group(1)) >= len(leaf.fence) \
                    and not m.group(2).strip():
                leaf.lines.append((ls + pos, le))
                self.close_leaf()
            else:
                leaf.lines.append((ls + pos, le))
            return
        if leaf is not None and all_matched and leaf.kind is BlockKind.HTML:
            if leaf.html >= 6 and blank_rest:
                self.close_leaf()
                return
            leaf.lines.append((ls + pos, le))
            if leaf.html < 6 and html_ends(leaf.html, rest):
                self.close_leaf()
            return
        if leaf is not None and all_matched and leaf.kind is BlockKind.CODE and leaf.indented:
            p, cc = _columns(line, pos, col)
            if blank_rest or cc - col >= 4:
                leaf.lines.append((ls + _columns(line, pos, col, col + 4)[0], le))
                return

        # New containers.
        in_paragraph = leaf is not None and leaf.kind in (BlockKind.PARAGRAPH, BlockKind.TABLE)
        new: list[_Container] = []
        while True:
            p, cc = _columns(line, pos, col)
            if cc - col > 3 or p >= len(line):
                break
            ch = line[p]
            if ch == ">":
                pos, col = p + 1, cc + 1
                if pos < len(line) and line[pos] == " ":
                    pos, col = pos + 1, col + 1
                elif pos < len(line) and line[pos] == "\t":
                    pos, col = pos + 1, col + 4 - col % 4
                new.append(_Container(True))
                continue
            item = self.list_item(line, p, cc, in_paragraph and not new and all_matched)
            if item is None:
                break
            pos, col, container = item
            new.append(container)
            in_paragraph = False
        rest = line[pos:]
        blank_rest = not rest.strip(" \t")

        # A lazy continuation line of a paragraph.
        if not new and not all_matched and leaf is not None \
                and leaf.kind is BlockKind.PARAGRAPH and not blank_rest \
                and not self.interrupts(rest, True):
            leaf.lines.append(self.paragraph_line(ls, le, pos))
            return

        if not all_matched or new:
            if not all_matched or leaf is None or leaf.depth > matched or new:
                self.close_leaf()
            del self.open[matched:]
            self.open.extend(new)
        depth = len(self.open)
        self.leaf_line(ls, le, line, pos, col, depth, blank_rest, bool(new))

    def verbatim(self, leaf: _Leaf, ls: int, le: int, line: str) -> None:
        """A line of a fenced code or HTML block outside every container: what ``feed`` does
        with it, in short."""
        if leaf.fence:
            m = _FENCE.match(line)
            leaf.lines.append((ls, le))
            if m and m.group(1)[0] == leaf.fence[0] and len(m.group(1)) >= len(leaf.fence) \
                    and not m.group(2).strip():
                self.close_leaf()
            return
        if leaf.html >= 6 and not line.strip(" \t"):
            self.close_leaf()
            return
        leaf.lines.append((ls, le))
        if leaf.html < 6 and html_ends(leaf.html, line):
            self.close_leaf()

    def list_item(self, line: str, p: int, cc: int,
                  interrupting: bool) -> tuple[int, int, _Container] | None:
        rest = line[p:]
        if _BREAK.match(rest):
            return None
        m = _BULLET.match(rest) or _ORDERED.match(rest)
        if m is None:
            return None
        after = p + m.end()
        empty = not line[after:].strip(" \t")
        # CommonMark lets only a non-empty item, and only "1." of ordered ones, interrupt a
        # paragraph; the handoffs cut at any ordered marker ("less than\n20." gives "20." as
        # an item of its own). A lone "-" stays a setext underline.
        if interrupting and empty and m.re is _BULLET:
            return None
        marker_col = cc + m.end()
        q, qc = _columns(line, after, marker_col)
        if empty:
            return after, marker_col, _Container(False, marker_col + 1, True)
        if qc - marker_col > 4:  # indented code inside the item: one space belongs to it
            q, qc = _columns(line, after, marker_col, marker_col + 1)
            return q, qc, _Container(False, marker_col + 1)
        return q, qc, _Container(False, qc)

    def interrupts(self, rest: str, in_paragraph: bool) -> bool:
        """Does ``rest`` start a block that ends a paragraph (for lazy continuation lines)?"""
        return bool(
            _ATX.match(rest) or _FENCE.match(rest) or _BREAK.match(rest)
            or html_start(rest, in_paragraph) or is_directive(rest)
        )

    def paragraph_line(self, ls: int, le: int, pos: int) -> tuple[int, int]:
        text = self.text
        start = ls + pos
        while start < le and text[start] in " \t":
            start += 1
        return start, le

    def leaf_line(self, ls: int, le: int, line: str, pos: int, col: int, depth: int,
                  blank: bool, new_container: bool) -> None:
        leaf = self.leaf
        rest = line[pos:]
        if blank:
            if leaf is not None and leaf.kind is not BlockKind.CODE:
                self.close_leaf()
            elif leaf is not None and leaf.indented:
                leaf.lines.append((le, le))
            return
        _, cc = _columns(line, pos, col)
        para = leaf is not None and leaf.kind is BlockKind.PARAGRAPH and not new_container
        table = leaf is not None and leaf.kind is BlockKind.TABLE and not new_container
        if cc - col >= 4 and not para and not table:
            leaf = self.start_leaf(BlockKind.CODE, depth, indented=True)
            leaf.lines.append((ls + _columns(line, pos, col, col + 4)[0], le))
            return
        m = _ATX.match(rest)
        if m:
            start, end = ls + pos + m.end(), le
            content = self.text[start:end]
            close = _ATX_CLOSE.search(content)
            if close:
                end = start + close.start()
            while end > start and self.text[end - 1] in " \t":
                end -= 1
            self.start_leaf(BlockKind.HEADING, depth, level=len(m.group(1)))
            assert self.leaf is not None
            self.leaf.lines.append((start, end))
            self.close_leaf()
            return
        m = _FENCE.match(rest)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            leaf = self.start_leaf(BlockKind.CODE, depth, fence=m.group(1))
            leaf.lines.append((ls + pos, le))
            return
        kind = html_start(rest, para)
        if kind:
            leaf = self.start_leaf(BlockKind.HTML, depth, html=kind)
            leaf.lines.append((ls + pos, le))
            if kind < 6 and html_ends(kind, rest[rest.index("<") + 1:]):
                self.close_leaf()
            return
        if para and leaf is not None and _SETEXT.match(rest) and not table:
            leaf.kind = BlockKind.HEADING
            leaf.level = 1 if rest.strip()[0] == "=" else 2
            self.close_leaf()
            return
        if _BREAK.match(rest):
            self.close_leaf()
            return
        if is_directive(rest):
            leaf = self.start_leaf(BlockKind.DIRECTIVE, depth)
            leaf.lines.append((ls + pos, le))
            self.close_leaf()
            return
        if para and leaf is not None and "|" in rest and _DELIMITER_ROW.match(rest) \
                and "|" in self.text[leaf.lines[-1][0]:leaf.lines[-1][1]]:
            header = leaf.lines.pop()
            self.close_leaf()
            leaf = self.start_leaf(BlockKind.TABLE, depth)
            leaf.lines.extend((header, (ls + pos, le)))
            return
        if table and leaf is not None:
            leaf.lines.append((ls + pos, le))
            return
        if not para:
            leaf = self.start_leaf(BlockKind.PARAGRAPH, depth)
        assert self.leaf is not None
        self.leaf.lines.append(self.paragraph_line(ls, le, pos))


def scan_blocks(text: str, start: int = 0) -> list[Block]:
    """The leaf blocks of ``text`` from ``start`` (the body, after any front matter)."""
    scanner = _Scanner(text)
    for ls, le in line_ranges(text, start):
        scanner.feed(ls, le)
        # a list item that began blank takes its content from the next line only
        for c in scanner.open:
            if c.blank_start and scanner.leaf is not None:
                c.blank_start = False
    leaf = scanner.leaf  # open at the end: it took in the rest of the article (kinds 1-5 end)
    unclosed = leaf is not None and (leaf.fence != "" or 0 < leaf.html < 6)
    scanner.close_leaf()
    if unclosed:  # (its first line, at least, made it a block)
        scanner.blocks[-1] = replace(scanner.blocks[-1], unclosed=True)
    return scanner.blocks
