"""Inline Markdown a sentence boundary never cuts: code spans, links and images (text and
target), ``[!INCLUDE …]``, autolinks and bare URLs, HTML tags, and bold or emphasised runs.

``atoms`` finds them in one pass over a block's flat text (linear: brackets are matched with a
stack, code spans by their backtick runs), as ranges that a splitter must not cut.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

import pipeline.segment.emphasis as emphasis
from pipeline.segment.escapes import escaped
from pipeline.segment.htmlstart import ATTRIBUTES


class AtomKind(StrEnum):
    CODE = "code"
    LINK = "link"  # [text](target), [text][ref], [text]
    IMAGE = "image"  # ![alt](src)
    INCLUDE = "include"  # [!INCLUDE[…](…)] and other [!…] extensions
    URL = "url"  # <https://…> or a bare https://…
    TAG = "tag"  # an HTML tag or comment
    STRONG = "strong"  # **…** or __…__
    EMPHASIS = "emphasis"  # *…* or _…_
    ELEMENT = "element"  # <code>…</code> or <samp>…</samp>: never cut, its text prose


@dataclass(frozen=True, slots=True)
class Atom:
    kind: AtomKind
    start: int
    end: int
    inner: tuple[int, int] = (0, 0)  # a link's or image's text, between the brackets


_TAG = re.compile(
    rf"<(?:[A-Za-z][A-Za-z0-9-]*{ATTRIBUTES}/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--.*?-->)", re.S)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>]*[^\s<>.,;:!?'\")\]*_]|www\.[^\s<>]*[\w/]")
_XREF = re.compile(r"<xref:[^\s<>]+>")
# The longest link target we look for: a ( that is not closed within it is plain text.
_MAX_TARGET = 2000


def code_spans(text: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a backtick run closed by the next run of the same length. A run
    after a backslash opens nothing but may close (no escapes inside code)."""
    spans: list[tuple[int, int]] = []
    runs: dict[int, list[int]] = {}  # length -> start offsets of runs, in order
    order: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        j = text.find("`", i)
        if j < 0:
            break
        k = j
        while k < n and text[k] == "`":
            k += 1
        order.append((j, k - j, escaped(text, j)))
        runs.setdefault(k - j, []).append(j)
        i = k
    next_index: dict[int, int] = {}  # per length: the first run not yet passed
    pos = 0
    for start, length, is_escaped in order:
        if start < pos or is_escaped:
            continue
        lst = runs[length]
        idx = next_index.get(length, 0)
        while idx < len(lst) and lst[idx] <= start:
            idx += 1
        next_index[length] = idx
        if idx < len(lst):
            close = lst[idx]
            spans.append((start, close + length))
            pos = close + length
            next_index[length] = idx + 1
    return spans


_BRACKETS = {"[": re.compile(r"[\[\]]"), "(": re.compile(r"[()]")}


def _matching(text: str, blocked: list[bool], open_ch: str, close_ch: str) -> dict[int, int]:
    """Each bracket's partner, escapes and code spans aside. Linear: one stack (visiting the
    brackets alone: most text has few)."""
    pairs: dict[int, int] = {}
    if open_ch not in text:
        return pairs
    stack: list[int] = []
    for m in _BRACKETS[open_ch].finditer(text):
        i = m.start()
        if blocked[i] or (i and text[i - 1] == "\\" and escaped(text, i)):
            continue
        if text[i] == open_ch:
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
    return pairs


@dataclass(frozen=True, slots=True)
class Inline:
    atoms: list[Atom]  # outermost constructs, sorted
    opaque: list[bool]  # characters of code, URLs, tags, link targets, includes
    code: list[tuple[int, int]]  # code spans
    # ``emphasis.resolve(text, opaque)``: kept for the re-serialisation, which needs it again
    emphasis: tuple[list[tuple[int, int, int, int]], list[int]] = ([], [])


def atoms(text: str) -> list[Atom]:
    """The inline constructs of ``text`` that a sentence boundary must not cut, sorted by start,
    outermost only (a link inside bold is part of the bold)."""
    return scan(text).atoms


def scan(text: str) -> Inline:
    """The inline constructs of ``text`` (see ``Inline``). The last few texts' results are
    kept: a run is scanned for its sentences, then again for its re-serialisation. Callers
    only read what they are given."""
    found = _scanned.get(text)
    if found is None:
        if len(_scanned) >= _KEEP:
            _scanned.pop(next(iter(_scanned)))
        found = _scanned[text] = _scan(text)
    return found


_KEEP = 8
_scanned: dict[str, Inline] = {}


_CODE_OPEN = re.compile(rf"<(code|samp)(?:(?=[\s>]){ATTRIBUTES}>|(?:\s[^<>]*)?>)", re.I)
_CODE_CLOSE = re.compile(r"</(code|samp)\s*>", re.I)
# A character (or word) that may start an inline construct: text with none has no atoms.
_MAY_START = re.compile(r"[`<\[*_]|http|www\.|:::")
# DocFX's inline "do not translate" (the checks know it too: fidelity.verbatim): kept as code
# is (words, but never a segment alone: the handoffs leave a cell of only one unpaired).
_NO_LOC = re.compile(r""":::no-loc\s+text\s*=\s*(?:"[^"\n]*"|'[^'\n]*')\s*:::""")


def _unescaped(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` (a construct that opens with '<') whose '<' is not escaped.
    An escaped '<' is one character of text: the search goes on from the next one, so that a
    real tag in what the escaped one would have spanned is found ('\\<a title="<b>">' holds
    the tag '<b>', as CommonMark reads it), and '\\<tracking>' opens no tag, autolink or
    xref."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if escaped(text, m.start()):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _code_elements(text: str, blocked: list[bool]) -> list[Atom]:
    """Inline code written in HTML (``<code>…</code>``, ``<samp>…</samp>``): one construct a
    boundary does not cut; its text is prose (a paragraph of one such element is a segment).
    Each opening tag takes the next closing one of its name: linear, however many are left
    open. A tag inside a code span (a tag's name written in backticks) is none."""
    closers: dict[str, list[int]] = {}
    for m in _unescaped(_CODE_CLOSE, text):
        if not blocked[m.start()]:
            closers.setdefault(m.group(1).lower(), []).append(m.start())
    out: list[Atom] = []
    reach = 0
    for m in _unescaped(_CODE_OPEN, text):
        ends = closers.get(m.group(1).lower())
        if m.start() < reach or not ends or blocked[m.start()]:
            continue
        k = bisect.bisect_left(ends, m.end())
        if k == len(ends):
            continue
        close = _CODE_CLOSE.match(text, ends[k])
        assert close is not None
        out.append(Atom(AtomKind.ELEMENT, m.start(), close.end()))
        reach = close.end()
    return out


def _scan(text: str) -> Inline:
    if _MAY_START.search(text) is None:
        return Inline([], [False] * len(text), [])
    found: list[Atom] = []
    blocked = [False] * len(text)  # inside a construct found so far
    opaque = [False] * len(text)  # text that is not prose: no emphasis, no escapes

    def block(a: int, b: int, prose: bool = False) -> None:
        blocked[a:b] = [True] * (b - a)
        if not prose:
            opaque[a:b] = [True] * (b - a)

    code = code_spans(text) if "`" in text else []
    for a, b in code:
        found.append(Atom(AtomKind.CODE, a, b))
        block(a, b)
    for m in _NO_LOC.finditer(text) if ":::" in text else ():
        if not blocked[m.start()]:
            found.append(Atom(AtomKind.CODE, m.start(), m.end()))
            block(m.start(), m.end())
    in_code = blocked[:] if "<" in text else blocked  # code spans and no-loc so far
    # each construct's scan only where its first character is in the text at all
    angled = ((_XREF, AtomKind.URL), (_AUTOLINK, AtomKind.URL), (_TAG, AtomKind.TAG)) \
        if "<" in text else ()
    for pattern, kind in angled:
        for m in _unescaped(pattern, text):
            if not blocked[m.start()]:
                found.append(Atom(kind, m.start(), m.end()))
                block(m.start(), m.end())
    brackets = _matching(text, blocked, "[", "]")
    parens = _matching(text, blocked, "(", ")")
    n = len(text)
    link_ranges: list[Atom] = []
    opens = sorted(brackets)
    covered_until = -1
    for o in opens:
        if o < covered_until:
            continue
        c = brackets[o]
        start = o
        kind = AtomKind.LINK
        if o > 0 and text[o - 1] == "!" and not escaped(text, o - 1):
            start, kind = o - 1, AtomKind.IMAGE
        if text.startswith("[!", o) and o + 2 < n and text[o + 2].isalpha():
            kind = AtomKind.INCLUDE
        end = c + 1
        if end < n and text[end] == "(" and end in parens and parens[end] - end < _MAX_TARGET:
            end = parens[end] + 1
        elif end < n and text[end] == "[" and end in brackets:
            end = brackets[end] + 1
        elif kind is not AtomKind.INCLUDE:
            continue  # `[x]` alone is text unless a definition names it: no atom
        link_ranges.append(Atom(kind, start, end, (o + 1, c)))
        covered_until = end
    for atom in link_ranges:
        found.append(atom)
        if atom.kind is AtomKind.INCLUDE:
            block(atom.start, atom.end)
        else:  # the text is prose, the target is not
            block(atom.start, atom.inner[1] + 1, prose=True)
            block(atom.inner[1] + 1, atom.end)
    for m in _BARE_URL.finditer(text) if "http" in text or "www." in text else ():
        if not blocked[m.start()] and not any(blocked[m.start():m.end()]):
            found.append(Atom(AtomKind.URL, m.start(), m.end()))
            block(m.start(), m.end())
    resolved = emphasis.resolve(text, opaque)
    for o_start, _, _, c_end in resolved[0]:
        found.append(Atom(AtomKind.STRONG, o_start, c_end))
    if "<" in text:
        found.extend(_code_elements(text, in_code))
    found.sort(key=lambda a: (a.start, -a.end))
    outer: list[Atom] = []
    reach = -1
    for item in found:
        if item.start >= reach:
            outer.append(item)
            reach = item.end
        elif item.end > reach:  # overlaps without nesting: widen the last one
            last = outer[-1]
            outer[-1] = Atom(last.kind, last.start, item.end, last.inner)
            reach = item.end
    return Inline(outer, opaque, code, resolved)


