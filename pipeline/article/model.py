"""The records of an sxs article: its span pairs (``Segment``) and the article (``Article``),
with the line and column arithmetic the readers share."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.findings import Finding


class Segment(NamedTuple):
    """One span pair. ``source`` and ``translation`` are the catalog forms of the span texts.

    The catalog form is the span text less layout that gettext cannot carry faithfully: a run of
    white space holding a line break at either edge (msgfmt demands both sides agree on edge
    newlines) and CRLF line ends inside the span. Both are kept here and put back on render.

    A named tuple, immutable as the other records are: a scan makes one Segment per pair, and a
    frozen dataclass's construction was two fifths of the scan's time.
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
        return position(self.text, offset)

    @property
    def prefixes(self) -> tuple[str, ...]:
        seen = dict.fromkeys(s.id.split("-", 1)[0] for s in self.segments)
        return tuple(seen)


def position(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    if starts is None:
        starts = line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts
