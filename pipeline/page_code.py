"""What a page made from an article shows as code, of the article's own text between its
pairs: the lines of its code blocks and its code spans. ``loose.skeleton`` leaves code alone
(a page shows it and runs none), and only what every page reads as code counts: the English
page, and the localized one with its translations in the pairs' places.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from pipeline.checks.tokens.attributes import generic_blocks
from pipeline.checks.tokens.blocks import block_start
from pipeline.checks.tokens.code import code_spans, first_come, mask_spans
from pipeline.checks.tokens.destinations import LABEL_PATTERN
from pipeline.checks.tokens.links import COLON_REST, DESTINATION_PATTERN, block_reader
from pipeline.checks.tokens.tags import LENIENT_TAG
from pipeline.render import Form, laid_out

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.segment.blocks import Block

_DESTINATION = re.compile(DESTINATION_PATTERN)
_LABEL = re.compile(LABEL_PATTERN)
# DocFX's directives, read before any code span in them: a '[!div …]' or '[!VIDEO …]' to its
# first ']' no backslash escapes (DocFX strips a section's backticks and writes its attributes
# raw: '[!div `class="x" onmouseover="alert(1)"`]'), a ':::image …' to its line's end, its
# quoted values whole ('alt-text="`" link="javascript:…" loc-scope="`"'), an '@uid'
# shortcut to its closing quote, or to white space or one of '"\'<>[]|' ('@"System.String?
# title=`x%22…`"': its title is written into the <a> raw); and Markdig's generic attributes
# as it reads them (``generic_blocks``: '{title="`" onmouseover="alert(1)" lang="`"}')
_DIRECTIVES = re.compile(
    r"\[!(?:[^\]\\\n]|\\.)*+\]?|:::[ \t]*+[A-Za-z][\w-]*+" + COLON_REST
    + r"|(?<!\\)@(?:\"[^\"\n]*+\"?|'[^'\n]*+'?|[A-Za-z][^\t-\r \"'<>\[\]|]*+)")


class PageCode:
    """A page made from the article (the English one, or the localized one with its
    translations), read for what of the article's own text between the pairs it shows as
    code: the lines of code blocks and the code spans, in the article's offsets. The pieces
    between the pairs are the same bytes on every page; a pair's text is the page's own."""

    def __init__(self, article: Article, form: Form, translations: Sequence[str] | None
                 ) -> None:
        self.parts, self.page, self.starts = laid_out(article, form, translations)
        self.gaps = [0, *[seg.end for seg in article.segments]]  # each piece in the article
        self.body = article.body_start  # (front matter is no Markdown: the same on every page)
        self._spans: set[tuple[int, int]] | None = None  # read when first asked
        self._blocks: list[Block] | None = None

    def _article(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        """The parts of the page's ``a``..``b`` that are the article's text between its
        pairs, in the article's offsets."""
        k = bisect_right(self.starts, a) - 1
        k += k % 2  # the first piece between the pairs from there
        while k < len(self.parts) and self.starts[k] < b:
            x, y = max(a, self.starts[k]), min(b, self.starts[k + 1])
            if x < y:
                yield self.gaps[k // 2] + x - self.starts[k], self.gaps[k // 2] + y - self.starts[k]
            k += 2

    def blocks(self) -> list[Block]:
        if self._blocks is None:
            from pipeline.segment.blocks import scan_blocks  # only for a candidate

            self._blocks = scan_blocks(self.page, self.body)
        return self._blocks

    def code_lines(self) -> list[tuple[int, int]]:
        """The lines of its code blocks. A fence's opening line is no code to a page: its info
        string may carry attributes ('```cs {onmouseover=…}' puts them on the block)."""
        from pipeline.segment.blocks import BlockKind

        page = self.page
        return [piece for b in self.blocks() if b.kind is BlockKind.CODE
                for line in (b.lines[1:] if b.lines and page[b.lines[0][0]:b.lines[0][1]]
                             .lstrip(" \t").startswith(("```", "~~~")) else b.lines)
                for piece in self._article(*line)]

    def html(self) -> list[tuple[int, int]]:
        from pipeline.segment.blocks import BlockKind

        return [piece for b in self.blocks() if b.kind is BlockKind.HTML and b.lines
                for piece in self._article(b.lines[0][0], b.lines[-1][1])]

    def code_span(self, a: int, b: int) -> bool:
        """Whether ``article.text[a:b]``, a code span of a stretch between the pairs, is one on
        this page too: a stretch's backticks can pair with another's across a pair ('Run `` '
        pair ' `` <img onerror=…> `` now' shows the tag), or with one a translation adds."""
        if self._spans is None:
            page = self.page[self.body:]
            whole = set(code_spans(page))
            self._spans = {(us + x, us + y) for us, ue in inline_units(page)
                           for x, y in code_spans(page[us:ue]) if (us + x, us + y) in whole}
        i = bisect_right(self.gaps, a) - 1  # the piece between the pairs the span lies in
        moved = self.gaps[i] - self.starts[2 * i] + self.body
        return (a - moved, b - moved) in self._spans


def covered_by_both(one: Sequence[tuple[int, int]], other: Sequence[tuple[int, int]]
          ) -> list[tuple[int, int]]:
    """What two sorted lists of stretches that do not overlap both cover."""
    out, j = [], 0
    for a, b in one:
        while j < len(other) and other[j][1] <= a:
            j += 1
        k = j
        while k < len(other) and other[k][0] < b:
            x, y = max(a, other[k][0]), min(b, other[k][1])
            if x < y:
                out.append((x, y))
            k += 1
    return out


def code_masked(text: str, start: int, end: int, html: Sequence[tuple[int, int]],
                 on_page: Callable[[int, int], bool] = lambda a, b: True) -> str:
    """``text[start:end]`` with each code span masked where a page shows it as code: not in a
    raw HTML block (backticks are text there), not begun inside a tag (a tag that starts
    first wins: '<img alt="`" onerror=… title="`">' is a tag), and one on the page with the
    pairs in place too (``on_page``: ``PageCode.code_span``)."""
    piece = text[start:end]
    if "`" not in piece or any(hs < end and start < he for hs, he in html):
        return piece
    first = [(m.start(), m.end()) for m in LENIENT_TAG.finditer(piece)] if "<" in piece else []
    if "](" in piece:  # a link's destination, begun before a backtick in it, wins too
        first += [(m.start(), m.end()) for m in _DESTINATION.finditer(piece)]
    if "][" in piece:  # ... and a reference's label
        first += [(m.start(), m.end()) for m in _LABEL.finditer(piece)]
    if "[!" in piece or ":::" in piece or "@" in piece:  # ... and DocFX's
        first += [(m.start(), m.end()) for m in _DIRECTIVES.finditer(piece)]
    first += generic_blocks(piece)
    # A code span as the whole stretch reads it and as its own block or cell reads it: cut
    # where CommonMark does not, backticks would pair anew and mask live markup; read whole,
    # a span could cross a blank line or a cell's pipe
    whole = set(code_spans(piece))
    spans = [(us + a, us + b) for us, ue in inline_units(piece)
             for a, b in code_spans(piece[us:ue])
             if (us + a, us + b) in whole and on_page(start + us + a, start + us + b)]
    return mask_spans(piece, first_come(spans, first) if first else spans)


_PIPE = re.compile(r"(?<!\\)\|")
# a table's delimiter row: '|---|:--:|', '--- | ---'
_DELIMITER_ROW = re.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", re.M)


def inline_units(piece: str) -> Iterator[tuple[int, int]]:
    """Where in ``piece`` a code span may run: a paragraph's lines together, and on its own
    each line that opens a block, however indented (a heading ends with its line; in a list
    item four spaces are no code), and each cell of a table row (GFM cuts a row at its pipes
    before it reads code; a row is a line that starts or ends with a pipe, or any line with
    one where the stretch has a delimiter row). Cutting more than CommonMark never masks
    more: ``code_masked`` keeps only the spans the whole stretch reads too."""
    table = "|" in piece and _DELIMITER_ROW.search(piece) is not None
    # a link reference definition may run over lines (its label, destination or title on the
    # next), which end no paragraph of ours: where one may be, each line is read alone
    alone = "]:" in piece
    start = None  # of the paragraph being read
    at = 0
    for line in piece.splitlines(keepends=True):
        end = at + len(line)
        bare = line.strip()
        row = "|" in line and (table or bare.startswith("|") or bare.endswith("|"))
        # (without its line end: a CR LF or a lone CR would stop a pattern's '$')
        if (not bare or row or alone
                or block_start(line.rstrip("\r\n").lstrip(" \t")) is not None):
            if start is not None:
                yield start, at
                start = None
            if row:
                cell = at
                for m in _PIPE.finditer(line):
                    yield cell, at + m.start()
                    cell = at + m.end()
                yield cell, end
            elif bare:
                yield at, end
        elif start is None:
            start = at
        at = end
    if start is not None:
        yield start, at


def less_code(start: int, end: int, code: Sequence[tuple[int, int]]
               ) -> Iterator[tuple[int, int]]:
    """``start``..``end`` less the lines of code blocks."""
    at = start
    for ls, le in code:
        if le <= at or ls >= end:
            continue
        if ls > at:
            yield at, ls
        at = max(at, le)
    if at < end:
        yield at, end


def opens_code(article: Article, start: int, end: int, translation: str, source: str
                ) -> bool:
    """Whether ``translation``, standing for ``text[start:end]``, is read as an indented code
    block where its English is not, or makes a line of the English's code blocks code no more
    (a list item's content column moved; a setext heading ended by a line break, its underline
    a paragraph going on over the sample under it): CommonMark decides, with the translation
    in place. Asked only where it opens its line with white space or has a line break."""
    text, body = article.text, article.body_start
    lead = translation[:1] in (" ", "\t") and source[:1] not in (" ", "\t") and \
        _LINE_OPENING.match(text, max(line_start(text, start), body), start) is not None
    if not (lead or LINE_END.search(translation)) or start < body:
        return False
    if not lead and _MAY_BE_CODE.search(text, end) is None and (
            "```" not in text and "~~~" not in text):
        return False  # no fence, nor an indented line after it: no code it can end
    line = len(LINE_END.findall(text, body, start))  # the segment's line in the body, from 0
    english, english_all = _code_lines_of(text, body)
    last = line + len(LINE_END.findall(text, start, end))  # the English's last line of it
    if not lead and max(english_all, default=-1) <= last:
        return False  # the lines before it are read before it is: their code stays code
    if not english_all and not _may_indent(text[max(line_start(text, start), body):start]
                                           + translation):
        return False  # no code on the page to lose, and its line can be no indented code
    placed, placed_all = _code_lines(text[body:start] + translation + text[end:])
    shift = len(LINE_END.findall(translation)) - (last - line)
    return (lead and line in placed and line not in english) or not {
        n if n < line else n + shift for n in english_all if n < line or n > last} <= placed_all


# What may stand before a block's first character on its line: block quote and list item
# marks, and their white space. A line that may be indented code: four columns of white space
# among its marks (a tab counts as several).
LINE_END = re.compile(r"\r\n?|\n")
_LINE_OPENING = re.compile(r"(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)]))*[ \t]*\Z")
_MAY_BE_CODE = re.compile(r"[\r\n][ \t>*+\-.)0-9]*?(?: {4}|\t)")


_MARKS = re.compile(r"[ \t>*+\-.)0-9]*+")


def _may_indent(line: str) -> bool:
    """Whether ``line`` may be read as indented code: CommonMark's four columns of white space
    beyond its containers' marks need four among the marks and white space before its first
    other character (a tab counts as the four it can be at most)."""
    marks = _MARKS.match(line).group()  # type: ignore[union-attr]
    return marks.count(" ") + 4 * marks.count("\t") >= 4


def line_start(text: str, pos: int) -> int:
    """Where the line of ``pos`` starts: a CR alone ends a line too, for CommonMark (176
    corpus handoffs hold one)."""
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _code_lines(page: str) -> tuple[frozenset[int], frozenset[int]]:
    """The lines (from 0) of ``page`` that CommonMark reads as indented code; of any code."""
    code = [(t.type, range(t.map[0], t.map[1])) for t in block_reader().parse(page)
            if t.type in ("code_block", "fence") and t.map is not None]
    return (frozenset(n for kind, lines in code if kind == "code_block" for n in lines),
            frozenset(n for _, lines in code for n in lines))


@functools.lru_cache(maxsize=1)  # the page being published: its segments come together
def _code_lines_of(text: str, body: int) -> tuple[frozenset[int], frozenset[int]]:
    """``_code_lines`` of a page's body as it is: read once for all its segments."""
    return _code_lines(text[body:])
