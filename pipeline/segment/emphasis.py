"""Emphasis as CommonMark resolves it, and the re-serialisation Microsoft's English spans show.

``resolve`` runs CommonMark's delimiter algorithm over ``*`` and ``_`` runs (left- and
right-flanking, the rule of three) and returns the matched pairs and the delimiter characters
left literal. ``insertions`` gives what the handoffs' English differs by from the file: a literal
``*`` or an unmatched backtick is escaped with ``\\``, and a space separates emphasis from a
letter, digit or literal delimiter it touches (``to**X**`` → ``to **X**``, ``**X**y`` →
``**X** y``, ``__x_`` → ``_ _x_``). One pass over the delimiter runs: linear in practice.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from pipeline.segment.escapes import escaped


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


@dataclass(slots=True)
class _Run:
    char: str
    pos: int
    size: int  # the run's original length
    left: int  # delimiters not yet used, counted from the start of the run
    right: int  # ... from its end (an opener uses its end, a closer its start)
    can_open: bool
    can_close: bool

    @property
    def remaining(self) -> int:
        return self.size - self.left - self.right


_DELIMITER = re.compile(r"[*_]")


def _runs(text: str, blocked: list[bool]) -> list[_Run]:
    runs: list[_Run] = []
    n = len(text)
    i = 0
    find = _DELIMITER.search
    while True:
        m = find(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if blocked[i]:
            i += 1
            continue
        if escaped(text, i):  # a literal character, already written so
            i += 1
            continue
        j = i
        while j < n and text[j] == ch and not blocked[j]:
            j += 1
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < n else " "
        left = not after.isspace() and (
            not _punct(after) or before.isspace() or _punct(before)
        )
        right = not before.isspace() and (
            not _punct(before) or after.isspace() or _punct(after)
        )
        if ch == "*":
            can_open, can_close = left, right
        else:
            can_open = left and (not right or _punct(before))
            can_close = right and (not left or _punct(after))
        runs.append(_Run(ch, i, j - i, 0, 0, can_open, can_close))
        i = j
    return runs


def resolve(text: str, blocked: list[bool]) -> tuple[list[tuple[int, int, int, int]], list[int]]:
    """(pairs as (opener start, opener end, closer start, closer end), literal delimiter
    positions). ``blocked`` marks characters inside code, URLs, tags and link targets.

    CommonMark's "process emphasis" with its stack of potential openers: a match removes the
    delimiters between, a failed search lowers no later search below it (``bottom``), so
    every run is pushed, passed and popped a bounded number of times."""
    if "*" not in text and "_" not in text:
        return [], []
    runs = _runs(text, blocked)
    pairs: list[tuple[int, int, int, int]] = []
    bottom: dict[tuple[str, bool, int], int] = {}  # run index below which no opener fits
    stack: list[int] = []  # indices of runs that may still open, ascending
    for current, closer in enumerate(runs):
        while closer.can_close and closer.remaining > 0:
            key = (closer.char, closer.can_open, closer.size % 3)
            floor = bisect.bisect_right(stack, bottom.get(key, -1))
            found = -1
            for sp in range(len(stack) - 1, floor - 1, -1):
                opener = runs[stack[sp]]
                if opener.char != closer.char or opener.remaining == 0:
                    continue
                odd = (opener.can_close or closer.can_open) and \
                    (opener.size + closer.size) % 3 == 0 and \
                    not (opener.size % 3 == 0 and closer.size % 3 == 0)
                if not odd:
                    found = sp
                    break
            if found < 0:
                bottom[key] = current - 1
                break
            opener = runs[stack[found]]
            use = 2 if opener.remaining >= 2 and closer.remaining >= 2 else 1
            o_end = opener.pos + opener.size - opener.right
            c_start = closer.pos + closer.left
            pairs.append((o_end - use, o_end, c_start, c_start + use))
            opener.right += use
            closer.left += use
            del stack[found + 1:]  # delimiters between can no longer match
            if opener.remaining == 0:
                del stack[found]
        if closer.can_open and closer.remaining > 0:
            stack.append(current)
    literal: list[int] = []
    for r in runs:
        literal.extend(range(r.pos + r.left, r.pos + r.size - r.right))
    pairs.sort()
    return pairs, literal


def insertions(text: str, blocked: list[bool], code: list[tuple[int, int]],
               resolved: tuple[list[tuple[int, int, int, int]], list[int]] | None = None,
               ) -> list[tuple[int, str]]:
    """(position, text to insert before it) for the run, in order. ``code`` lists the code
    spans: a backtick outside them is an unmatched one. ``resolved``: ``resolve(text,
    blocked)`` when the caller has it already."""
    out: list[tuple[int, str]] = []
    if "*" in text or "_" in text:
        pairs, literal = resolved if resolved is not None else resolve(text, blocked)
        lit = set(literal)
        out.extend((p, "\\") for p in literal if text[p] == "*")
        for o_start, _, _, c_end in pairs:
            if o_start > 0 and not blocked[o_start - 1]:
                prev = text[o_start - 1]
                if prev.isalnum() or (o_start - 1 in lit):
                    out.append((o_start, " "))
            if c_end < len(text) and not blocked[c_end] and text[c_end].isalnum():
                out.append((c_end, " "))
    if "`" in text:
        ci = 0
        for i, ch in enumerate(text):
            if ch != "`":
                continue
            while ci < len(code) and code[ci][1] <= i:
                ci += 1
            inside = ci < len(code) and code[ci][0] <= i
            if not inside and not blocked[i] and not escaped(text, i):
                out.append((i, "\\"))
    out.sort()
    return out
