"""The records a segmentation produces: frozen, plain data, ready for extract and render.

Offsets are character offsets into the article's text (``text.encode()`` gives back its bytes);
lines and columns are 1-based, columns counted in characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.findings import Finding


class Kind(StrEnum):
    """Where a segment stands in the article: render and extract treat some kinds apart."""

    TEXT = "text"  # a sentence of a paragraph, list item, note or heading
    HEADING = "heading"
    CELL = "cell"  # (part of) a table cell
    HTML = "html"  # text between block-level tags of a raw HTML block
    TITLE = "title"  # front matter `title`: numbered, translated in place, never a pair
    DESCRIPTION = "description"
    KEYWORDS = "keywords"  # each item of front matter `keywords`
    ALT = "alt"  # image alt text: translated in place, never a pair


@dataclass(frozen=True, init=False)
class Segment:
    """One segment as Microsoft's English span would hold it.

    ``source`` is the span's text in catalog form (soft line breaks joined with one space,
    ``> `` continuation prefixes gone, tabs expanded to 4-column stops, no-break spaces made
    spaces). ``pieces`` are the source ranges whose text it holds, in order; ``start``/``end``
    the one range a translation replaces: everything between the pieces (a line break, a
    ``> `` prefix, indentation) is layout the joined segment no longer needs.

    Frozen, with ``__init__`` written out as ``article.Segment``'s is: an English-driven run
    makes one per segment and one per unit for every locale, and the generated frozen
    ``__init__`` (a setattr call per field) cost two and a half times as much.
    """

    id: str  # "<prefix>-<number>"
    number: int
    source: str
    kind: Kind
    line: int
    column: int
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    anchor: str | None = None  # a heading's slug: Microsoft writes <a name="slug"></a> before it

    def __init__(
        self, id: str, number: int, source: str, kind: Kind, line: int, column: int,
        start: int, end: int, pieces: tuple[tuple[int, int], ...], anchor: str | None = None,
    ) -> None:
        self.__dict__.update(
            id=id, number=number, source=source, kind=kind, line=line, column=column,
            start=start, end=end, pieces=pieces, anchor=anchor,
        )

    @property
    def key(self) -> str:
        """The catalog key: the English (a segment is matched by English, never by id)."""
        return self.source


@dataclass(frozen=True, slots=True)
class SegmentedArticle:
    path: str
    text: str
    body_start: int  # offset just past the front matter (0 when there is none)
    prefix: str  # 5 hex digits, derived from the text
    segments: tuple[Segment, ...]  # the pairs, in article order
    # title, description, keywords, image alt text: numbered, translated in place, never pairs
    fields: tuple[Segment, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    # the front matter's top-level values as the reader gave them ({} when there is none or
    # it is not YAML the reader takes): read once, for the segments and the localized page
    meta: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)

    @property
    def pairs(self) -> tuple[Segment, ...]:
        return self.segments
