"""The text runs of paragraphs and headings, and the segments of one run.

A paragraph's lines are joined into runs: soft line breaks join, hard line breaks (two or more
trailing spaces, or a trailing backslash) end a run. A run is then cut into sentences; what holds
no words (code, URLs, tags, plain images) is not paired, and a run that is only a link gives
its link text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from pipeline.segment.escapes import escaped
from pipeline.segment.flat import Flat, FlatBuilder
from pipeline.segment.htmlstart import ATTRIBUTES
from pipeline.segment.inline import Atom, AtomKind, atoms
from pipeline.segment.sentences import split
from pipeline.segment.sentences import strip as _strip

# A link reference definition opens a paragraph line with "[label]:" and a target. Microsoft's
# handoffs leave such a line unpaired even when text follows the target ("[BREAKING CHANGE]:
# Removed `x`": 4 of 5 in the corpus), so anything may follow.
_LINK_DEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]+\S")
# CommonMark lets a definition's destination wait for the next line ("[guide]:" alone), and
# its title too (a line that is only a quoted or parenthesised title): those lines are no text.
_LINK_DEF_OPEN = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\Z")
_LONE_TARGET = re.compile(r"[ \t]*(?:<[^<>\n]*>|[^\s<]\S*)[ \t]*\Z")
_TITLE_LINE = re.compile(r"[ \t]*(?:\"[^\"]*\"|'[^']*'|\([^()]*\))[ \t]*\Z")
# An image with a title is paired whole (alt text, target and title in the English span).
_TITLED = re.compile(r"\s(?:\"[^\"]+\"|'[^']+')\)\Z")
_WORDY = re.compile(r"[^\W_]")  # a letter or a digit
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# <a id="x"/></a> too: 58 of 60
_EMPTY_ANCHOR = re.compile(rf"<a(?=\s)(?:{ATTRIBUTES}/?>|[^<>]*>)\s*</a>", re.I)


def column_of(text: str, pos: int) -> int:
    """The 0-based column of ``pos`` in its line, tabs counted to 4-column stops."""
    ls = text.rfind("\n", 0, pos) + 1
    if "\t" not in text[ls:pos]:
        return pos - ls
    col = 0
    for ch in text[ls:pos]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def paragraph_runs(text: str, lines: Sequence[tuple[int, int]]) -> list[tuple[Flat, bool]]:
    """The runs of a paragraph, split at hard line breaks, each with whether a backslash hard
    break ends it (the backslash stays outside the run). A soft line break joins its lines with one
    space, but inside a code span the handoffs keep it as it is (a line break)."""
    runs: list[tuple[Flat, bool]] = []
    builder: FlatBuilder | None = None
    last = len(lines) - 1
    definition = -1  # the last line of the link reference definition being skipped
    for index, (start, end) in enumerate(lines):
        if index <= definition:
            continue
        if builder is None:
            if _LINK_DEF.match(text, start, end) or (
                    index < last and _LINK_DEF_OPEN.match(text, start, end)
                    and _LONE_TARGET.match(text, *lines[index + 1])):
                # a link reference definition: no text
                definition = _definition_end(text, lines, index)
                continue
            builder = FlatBuilder(text)
        else:
            builder.add_join()
        stripped = end
        while stripped > start and text[stripped - 1].isspace():
            stripped -= 1
        hard = backslash = False
        if index < last:
            if end - stripped >= 2 and text[stripped:end].strip(" ") == "":
                hard = True
                stripped = end - 2  # spaces beyond the two stay inside the pair
            elif stripped > start and text[stripped - 1] == "\\" and \
                    not escaped(text, stripped - 1):
                hard = backslash = True
                stripped -= 1
        builder.add(start, stripped, column_of(text, start))
        if hard:
            runs.append((builder.build(), backslash))
            builder = None
    if builder is not None:
        runs.append((builder.build(), False))
    return runs


def _definition_end(text: str, lines: Sequence[tuple[int, int]], index: int) -> int:
    """The last line of the link reference definition that starts on line ``index``: its
    destination's line, or the title's on the line after a destination alone on its line."""
    target = index + 1 if _LINK_DEF_OPEN.match(text, *lines[index]) else index
    start, end = lines[target]
    if target == index:  # "[label]: target": the target alone after the colon
        start = text.index(":", text.index("]", start)) + 1
    if target + 1 < len(lines) and _LONE_TARGET.match(text, start, end) and \
            _TITLE_LINE.match(text, *lines[target + 1]):
        return target + 1
    return target


def single_run(text: str, start: int, end: int) -> Flat:
    builder = FlatBuilder(text)
    builder.add(start, end, column_of(text, start))
    return builder.build()


def has_words(text: str, found: Sequence[Atom], a: int, b: int, depth: int = 0) -> bool:
    """Does text[a:b] hold a letter or digit outside URLs, tags, includes, entities and plain
    images? Code counts, but not code alone (```az login``` is no segment, ```edition```. is).
    ``depth``: how many bold runs or links around text[a:b] were looked into (``_DEEPEST``)."""
    if _code_only(text, found, a, b, depth):
        return False
    pos = a
    last: Atom | None = None  # the last construct that holds no words
    for atom in _within(found, a, b):
        if atom.kind in (AtomKind.URL, AtomKind.TAG, AtomKind.INCLUDE) or (
            atom.kind is AtomKind.IMAGE and not _TITLED.search(text, atom.start, atom.end)
        ) or (atom.kind in _TAGS_INSIDE and _tags_only(text, atom, depth)):
            if _words_between(text, pos, max(pos, atom.start)):
                return True
            pos = max(pos, atom.end)
            last = atom
    if _words_between(text, pos, max(pos, b)):
        return True
    # a sentence that is one URL or xref and its full stop is paired ("<xref:T.M>."): 7 of 7
    return (last is not None and last.kind is AtomKind.URL and last.end == pos
            and text[pos:b].strip() in (".", "!", "?"))


def _within(found: Sequence[Atom], a: int, b: int) -> Iterator[Atom]:
    """The atoms that overlap [a, b): found by bisection, atoms being sorted and disjoint."""
    k = bisect.bisect_right(found, a, key=_end)
    while k < len(found) and found[k].start < b:
        yield found[k]
        k += 1


def _end(atom: Atom) -> int:
    return atom.end


def _start(atom: Atom) -> int:
    return atom.start


def _code_only(text: str, found: Sequence[Atom], a: int, b: int, depth: int = 0) -> bool:
    """Is text[a:b] code spans and white space, nothing else? Code in bold or italics is code
    alone too: a list item ``**`-c|-ConfigFile`**`` is no segment (a full stop after the code
    is text: ```edition```. is one)."""
    pos = a
    for atom in _within(found, a, b):
        if text[pos:atom.start].strip() or not (atom.kind is AtomKind.CODE or (
                atom.kind in _EMPHASIS and _emphasised_code(text, atom, depth))):
            return False
        pos = atom.end
    return pos > a and not text[pos:b].strip()


_EMPHASIS = (AtomKind.STRONG, AtomKind.EMPHASIS)


def _emphasised(text: str, atom: Atom) -> str:
    """The text inside a bold or emphasised run, its marks left out."""
    mark = text[atom.start:atom.start + 2]  # '**', '__', or one of them and the next character
    width = 2 if mark in ("**", "__") and text.endswith(mark, atom.start, atom.end) else 1
    return text[atom.start + width:atom.end - width]


# How deep the readings of what bold or a link holds (code alone, tags alone) look: each level
# scans its text again, so a line of thousands of nested '[' or '**' around one tag would take
# quadratic time and overflow Python's stack. Deeper runs count as words, as they did before
# those readings.
_DEEPEST = 4


def _emphasised_code(text: str, atom: Atom, depth: int = 0) -> bool:
    if depth >= _DEEPEST:
        return False
    inner = _emphasised(text, atom)
    return "`" in inner and _code_only(inner, atoms(inner), 0, len(inner), depth + 1)


_TAGS_INSIDE = (AtomKind.STRONG, AtomKind.EMPHASIS, AtomKind.LINK)


def _tags_only(text: str, atom: Atom, depth: int = 0) -> bool:
    """Tags in bold or as a link's text hold no words, as tags alone do: '**<br/>**' is no
    segment. An escaped tag is text ('**\\<remove>**' shows '<remove>') and is one."""
    if depth >= _DEEPEST:
        return False
    inner = text[atom.inner[0]:atom.inner[1]] if atom.kind is AtomKind.LINK \
        else _emphasised(text, atom)
    return "<" in inner and not has_words(inner, atoms(inner), 0, len(inner), depth + 1)


def _words_between(text: str, a: int, b: int) -> bool:
    m = _WORDY.search(text, a, b)
    while m is not None:
        amp = text.rfind("&", a, m.start())
        entity = _ENTITY.match(text, amp) if amp >= 0 else None
        if entity is None or entity.end() <= m.start():
            return True
        m = _WORDY.search(text, entity.end(), b)
    return False


def trim(text: str, found: Sequence[Atom], a: int, b: int) -> tuple[int, int]:
    """Leave out what Microsoft keeps outside the pair: empty anchors (``<a name="x"></a>``)
    and block-level tags (``</p>``, ``<br>``) at either edge, and a leading ``[!INCLUDE …]`` or
    alert (``[!Note] Text``): 154 of 172 leading includes in the handoffs stand outside."""
    while a < b:  # atoms do not overlap: starts and ends both ascend
        k = bisect.bisect_left(found, a, key=_start)
        atom = found[k] if k < len(found) and found[k].start == a else None
        m = _EMPTY_ANCHOR.match(text, a, b)
        if m is not None:
            a = m.end()
        elif atom is not None and (
            (atom.kind is AtomKind.TAG and _block_tag(text, atom))
            or (atom.kind is AtomKind.INCLUDE and atom.end < b)
        ):
            a = atom.end
        else:
            break
        a = _strip(text, a, b)[0]
    while a < b:
        k = bisect.bisect_right(found, b, key=_start) - 1
        last = found[k] if k >= 0 else None
        if last is None or last.end != b or last.start < a or not (
            last.kind is AtomKind.TAG and _block_tag(text, last)
        ):
            break
        b = last.start
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


# <dt> is not among them: the handoffs pair a table cell's '<dl> <dt>Prsht.h</dt> </dl>' as
# '<dt>Prsht.h</dt>' (Windows API reference pages' Requirements tables), <dl> left outside.
_BLOCK_TAG = re.compile(
    rf"</?(?:p|br|div|li|ul|ol|dl|dd|td|th|tr|table|tbody|thead|h[1-6])\b"
    rf"(?:{ATTRIBUTES}/?>|[^<>]*>)", re.I)


def _block_tag(text: str, atom: Atom) -> bool:
    return _BLOCK_TAG.fullmatch(text, atom.start, atom.end) is not None


def run_segments(text: str, whole: bool = False, keep_trailing: bool = False,
                 broken: bool = False) -> list[tuple[int, int]]:
    """The segments of one run, as ranges of its flat text (one at most when ``whole``).

    A ``<br>`` or another block-level tag (``<li>``, ``<p>``) ends a segment wherever it stands,
    and stays outside the pairs. A piece that is
    one link and nothing else gives its link text, unless a backslash hard break ends the run
    (``broken``: the handoffs keep such a link whole). White space the run ends with (the
    third and further spaces of a hard line break) stays with its last segment if
    ``keep_trailing``."""
    found = atoms(text)
    a, b = _strip(text, 0, len(text))
    if a >= b:
        return []
    out: list[tuple[int, int]] = []
    pieces = [(a, b)] if whole else _between_breaks(text, found, a, b)
    for pa, pb in pieces:
        ranges = [(pa, pb)] if whole else split(text, found, pa, pb)
        for s, e in ranges:
            s, e = trim(text, found, s, e)
            if keep_trailing and e == b and b < len(text):
                e = len(text)
            if s >= e:
                continue
            link = _only_link(text, found, s, e) if not broken else None
            if link is not None and len(ranges) > 1 and text[link[1] - 1] in ".?!":
                link = None  # a link that is a sentence of its own: "[Take a survey.](url)"
            if link is not None:
                ls, le = _strip(text, *link)
                inner = text[ls:le]
                if ls < le and has_words(inner, atoms(inner), 0, le - ls):
                    out.append((ls, le))
            elif has_words(text, found, s, e):
                out.append((s, e))
    return out


def _between_breaks(text: str, found: Sequence[Atom], a: int, b: int) -> list[tuple[int, int]]:
    """text[a:b] cut at each ``<br>`` and other block-level tag (``<li>``, ``</p>``…), code and
    other constructs aside."""
    pieces: list[tuple[int, int]] = []
    pos = a
    if "<" in text:
        for atom in _within(found, a, b):
            if atom.kind is AtomKind.TAG and _block_tag(text, atom):
                pieces.append(_strip(text, pos, atom.start))
                pos = atom.end
    pieces.append(_strip(text, pos, b))
    return [(s, e) for s, e in pieces if s < e]


def _only_link(text: str, found: Sequence[Atom], a: int, b: int) -> tuple[int, int] | None:
    """A run that is one link and nothing else gives the link's text, unless its text or
    target holds brackets of its own (``[[MS-OXPROPS]](url)``, ``[x](/a/b(v=vs.100))``) or
    it is a linked image: those the handoffs pair whole."""
    if not text.startswith("[", a):  # most sentences: a link starts with its bracket
        return None
    k = bisect.bisect_left(found, a, key=_start)  # atoms are sorted: no scan from the first
    atom = found[k] if k < len(found) else None
    if atom is None or atom.start != a or atom.end != b or atom.kind is not AtomKind.LINK:
        return None
    s, e = atom.inner
    if "[" in text[s:e] and not text.startswith("[!", s) and \
            not text.startswith("![", s) and not text.startswith("<", s):
        return None
    if text.startswith("![", s):  # a linked image is paired whole
        return None
    if "(" in text[e + 2 : atom.end - 1]:  # a target holding brackets: kept whole too
        return None
    return s, e

