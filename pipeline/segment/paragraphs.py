"""The text runs of paragraphs and headings, and the segments of one run.

A paragraph's lines are joined into runs: soft line breaks join, hard line breaks (two or more
trailing spaces, or a trailing backslash) end a run. A run is then cut into sentences; what holds
no words (code, URLs, tags, plain images) is not paired, and a run that is only a link gives
its link text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.segment.flat import Flat, FlatBuilder
from pipeline.segment.inline import Atom, AtomKind, atoms
from pipeline.segment.sentences import split

_LINK_DEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
# An image title of several words makes Microsoft pair the image whole.
_TITLED = re.compile(r"\s\"[^\"]*\s[^\"]*\"\)\Z|\s'[^']*\s[^']*'\)\Z")
_WORDY = re.compile(r"[^\W_]")  # a letter or a digit


def column_of(text: str, pos: int) -> int:
    """The 0-based column of ``pos`` in its line, tabs counted to 4-column stops."""
    ls = text.rfind("\n", 0, pos) + 1
    if "\t" not in text[ls:pos]:
        return pos - ls
    col = 0
    for ch in text[ls:pos]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def paragraph_runs(text: str, lines: Sequence[tuple[int, int]]) -> list[Flat]:
    """The runs of a paragraph, split at hard line breaks."""
    runs: list[Flat] = []
    builder: FlatBuilder | None = None
    last = len(lines) - 1
    for index, (start, end) in enumerate(lines):
        if builder is None:
            if _LINK_DEF.match(text, start, end):  # a link reference definition: no text
                continue
            builder = FlatBuilder(text)
        else:
            builder.add_text(" ")
        stripped = end
        while stripped > start and text[stripped - 1] in " \t":
            stripped -= 1
        hard = False
        if index < last:
            if end - stripped >= 2 and text[stripped:end].strip(" ") == "":
                hard = True
                stripped = end - 2  # spaces beyond the two stay inside the pair
            elif stripped > start and text[stripped - 1] == "\\":
                hard = True
        builder.add(start, stripped, column_of(text, start))
        if hard:
            runs.append(builder.build())
            builder = None
    if builder is not None:
        runs.append(builder.build())
    return runs


def single_run(text: str, start: int, end: int) -> Flat:
    builder = FlatBuilder(text)
    builder.add(start, end, column_of(text, start))
    return builder.build()


def has_words(text: str, found: Sequence[Atom], a: int, b: int) -> bool:
    """Does text[a:b] hold a letter or digit outside code, URLs, tags, includes and images?"""
    pos = a
    for atom in found:
        if atom.end <= a or atom.start >= b:
            continue
        if atom.kind in (AtomKind.CODE, AtomKind.URL, AtomKind.TAG, AtomKind.INCLUDE) or (
            atom.kind is AtomKind.IMAGE and not _TITLED.search(text, atom.start, atom.end)
        ):
            if _WORDY.search(text, pos, max(pos, atom.start)):
                return True
            pos = max(pos, atom.end)
    return _WORDY.search(text, pos, max(pos, b)) is not None


def run_segments(flat: Flat, whole: bool = False) -> list[tuple[int, int]]:
    """The segments of one run, as ranges of its flat text (one at most when ``whole``)."""
    text = flat.text
    found = atoms(text)
    a, b = _strip(text, 0, len(text))
    if a >= b:
        return []
    link = _only_link(text, found, a, b)
    if link is not None:
        s, e = _strip(text, *link)
        inner = text[s:e]
        return [(s, e)] if s < e and has_words(inner, atoms(inner), 0, e - s) else []
    if whole:
        return [(a, b)] if has_words(text, found, a, b) else []
    return [(s, e) for s, e in split(text, found, a, b) if has_words(text, found, s, e)]


def _only_link(text: str, found: Sequence[Atom], a: int, b: int) -> tuple[int, int] | None:
    """A run that is one link and nothing else gives the link's text (unless the text holds
    brackets of its own: ``[[MS-OXPROPS]](url)`` is kept whole)."""
    for atom in found:
        if atom.start == a and atom.end == b and atom.kind is AtomKind.LINK:
            s, e = atom.inner
            if "[" in text[s:e] and not text.startswith("[!", s) and \
                    not text.startswith("![", s) and not text.startswith("<", s):
                return None
            if text.startswith("![", s):  # a linked image is paired whole
                return None
            return s, e
        if atom.start >= a:
            break
    return None


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
