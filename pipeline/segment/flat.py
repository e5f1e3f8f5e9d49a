"""A block's text as one string, as Microsoft's English spans hold it, mapped back to the source.

Soft-wrapped lines are joined with one space, tabs expanded to 4-column stops and no-break spaces
made spaces. Every character of the flat text knows the source character it came from, so a
segment found in the flat text gives the source ranges it covers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from pipeline.segment.inline import code_spans

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class Flat:
    text: str
    # (flat start, source start, length) of each run copied from the source; flat characters
    # outside every run (the spaces that join lines, the columns a tab becomes) map to the
    # source character before them.
    runs: tuple[tuple[int, int, int], ...]
    source: str = ""  # the text the runs point into
    at: int = 0  # without runs (a value YAML unfolded): where it stands in the source

    def source_pos(self, i: int) -> int:
        """The source offset of flat position ``i`` (a boundary, 0 <= i <= len(text))."""
        k = bisect.bisect_right(self.runs, (i, 1 << 62, 0)) - 1
        if k < 0:
            return self.runs[0][1] if self.runs else self.at
        fs, ss, n = self.runs[k]
        return ss + min(i - fs, n)

    def pieces(self, a: int, b: int) -> tuple[tuple[int, int], ...]:
        """The source ranges holding flat text[a:b], in order, adjacent ranges merged."""
        out: list[tuple[int, int]] = []
        k = max(0, bisect.bisect_right(self.runs, (a, 1 << 62, 0)) - 1)
        runs = self.runs
        while k < len(runs):
            fs, ss, n = runs[k]
            if fs >= b:
                break
            lo, hi = max(a, fs), min(b, fs + n)
            if lo < hi:
                s, e = ss + lo - fs, ss + hi - fs
                if out and out[-1][1] == s:
                    out[-1] = (out[-1][0], e)
                else:
                    out.append((s, e))
            k += 1
        return tuple(out)


class FlatBuilder:
    """Appends source ranges, normalising as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.length = 0
        self.joins: list[int] = []  # where a soft line break joins two lines

    def add(self, start: int, end: int, column: int = 0) -> None:
        """Append source[start:end]; ``column`` is the source column of ``start`` (for tabs)."""
        src = self.source
        seg_start = start
        pos = start
        col = column
        while pos < end:
            tab = src.find("\t", pos, end)
            if tab < 0:
                self._copy(seg_start, end)
                return
            col += tab - pos
            self._copy(seg_start, tab)
            width = 4 - col % 4
            self._append(" " * width)
            col += width
            pos = seg_start = tab + 1
        self._copy(seg_start, end)

    def add_join(self) -> None:
        """A soft line break: one space, or a line break where it falls inside a code span."""
        self.joins.append(self.length)
        self._append("\n")

    def add_text(self, text: str) -> None:
        """Append text with no source of its own (the space that joins two lines)."""
        self._append(text)

    def _copy(self, start: int, end: int) -> None:
        if start >= end:
            return
        piece = self.source[start:end]
        if "\r\n" in piece:  # a CRLF line end inside a run (an HTML block, a column) reads
            cr = self.source.find("\r\n", start, end)  # as LF, as the catalog form has it
            while cr >= 0:
                self._copy(start, cr)
                start = cr + 1
                cr = self.source.find("\r\n", start, end)
            self._copy(start, end)
            return
        if NBSP in piece:
            piece = piece.replace(NBSP, " ")
        runs = self.runs
        if runs and runs[-1][0] + runs[-1][2] == self.length and \
                runs[-1][1] + runs[-1][2] == start:
            fs, ss, n = runs[-1]
            runs[-1] = (fs, ss, n + end - start)
        else:
            runs.append((self.length, start, end - start))
        self.parts.append(piece)
        self.length += end - start

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> Flat:
        text = "".join(self.parts)
        if self.joins:
            spans = code_spans(text)
            chars = list(text)
            k = 0
            for j in self.joins:
                while k < len(spans) and spans[k][1] <= j:
                    k += 1
                if not (k < len(spans) and spans[k][0] < j):
                    chars[j] = " "
            text = "".join(chars)
        return Flat(text, tuple(self.runs), self.source)
