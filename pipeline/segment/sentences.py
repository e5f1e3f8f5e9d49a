"""Splitting a block's flat text into sentences as Microsoft's handoffs do.

A sentence ends at ``.``, ``?``, ``!`` or ``…`` followed by white space, whatever case comes
next. Closing quotes, brackets and emphasis or code markers right after the mark stay with the
sentence. It never ends inside inline Markdown (``inline.atoms``), after an abbreviation of the
list below, in an ellipsis ``...``, at quoted punctuation (``'?'``, ``(.)``), or after a
leading number (``1. Determine…``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.segment.htmlstart import ATTRIBUTES
from pipeline.segment.inline import Atom

TERMINALS = ".?!…"
# What may follow the mark and still belong to the sentence. Not ")": a parenthesised sentence
# "(… .)" does not end the one around it; not "`": a mark inside code ("`.`", "`#NAME?`") ends
# nothing.
CLOSERS = "\"'*_”’»"
# The white space a sentence may end at: after a mark or a closer (the others end nothing,
# and most white space is between words).
_CANDIDATE = re.compile(r"(?<=[.?!…\"'*_”’»])\s+")

# Words whose final period never ends a sentence in the handoffs, case as written ("E.g." at a
# sentence start does end one). Measured: "No." is not one (it ends sentences, 19 times of 19),
# "tab." is (never a sentence end: 29 times of 29). Titles (Mr., Dr.) and "Fig." never end a
# sentence in documentation. Over all 2,642 handoffs, "etc." (14), "Inc." (5), "Ltd." (2) and
# "admin." (22, as in "the global admin. The user…") never end one either.
ABBREVIATIONS = frozenset((
    "e.g.", "i.e.", "vs.", "cf.", "approx.", "tab.", "Mr.", "Mrs.", "Ms.", "Dr.", "Fig.",
    "etc.", "Inc.", "Ltd.", "admin.", "Admin.", "Approx.", "Prof.", "Jr.", "Sr.",
))
# Initialisms written with periods, "U.S.", "a.m.", also at the end of a compound ("non-U.S.").
_INITIALISM = re.compile(r"(?:^|-)(?:[A-Z]\.){2,}$|(?:^|-)(?:[a-z]\.){2,}$")


# before a sentence's first word: an anchor, say (one whose quoted value holds '>' too)
_TAGS = re.compile(rf"(?:<(?:/?[A-Za-z][A-Za-z0-9-]*{ATTRIBUTES}/?>|[^<>]*>)\s*)+")
_SPACED_DOT = re.compile(r"\.(?:\s|\Z)")  # the next dot of ". . .", not ".NET"


def _is_abbreviation(text: str, start: int, k: int) -> bool:
    """Is the word that ends with the period at ``k`` an abbreviation?"""
    w = k
    while w > start and not text[w - 1].isspace():
        w -= 1
    word = text[w : k + 1]
    bare = word[:-1].rstrip("*_\"'”’") + "."  # "**Global Admin**." ends with "Admin."
    if word in ABBREVIATIONS or bare.lstrip("(\"'*_[") in ABBREVIATIONS:
        return True
    if len(word) == 2 and word[0].isupper() and w > start:  # an initial: "entity A. If",
        return True  # "in X."; but a letter that opens the sentence numbers it: "Q. Do I…?"
    return _INITIALISM.search(word) is not None


def _ends_sentence(text: str, start: int, i: int, j: int) -> bool:
    """Does the text from ``start`` up to the white space at ``i`` (to ``j``) end a sentence?"""
    k = i - 1
    while k > start and text[k] in CLOSERS:
        k -= 1
    ch = text[k]
    if ch not in TERMINALS or k <= start:
        return False
    if ch == "?" and j < len(text) and text[j].islower():  # a UI label: "the **Add?** pane"
        return False
    prev = text[k - 1]
    if ch == "." and (prev == "." or _SPACED_DOT.match(text, j)):  # "...", ". . ." (not ".NET")
        return False
    if prev in "'\"(" and k + 1 < i and text[k + 1] in "'\")":  # quoted punctuation '?' (.)
        return False
    if ch == ".":
        tags = _TAGS.match(text, start, k) if text.startswith("<", start) else None
        first = tags.end() if tags is not None else start
        if k - first <= 9 and text[first:k].isdigit():  # "1. Determine", after an anchor too
            return False  # (but "a. Open" splits)
        if _is_abbreviation(text, start, k):
            return False
    return True


def split(text: str, atoms: Sequence[Atom], start: int = 0, end: int | None = None,
          ) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end) ranges, white space at their edges
    left out (it stays outside the pairs)."""
    if end is None:
        end = len(text)
    out: list[tuple[int, int]] = []
    a = start
    ai = 0  # the next atom that may hold a white-space run
    n_atoms = len(atoms)
    for m in _CANDIDATE.finditer(text, start, end):
        i, j = m.span()
        while ai < n_atoms and atoms[ai].end <= i:
            ai += 1
        if ai < n_atoms and atoms[ai].start < i:  # inside inline Markdown
            continue
        if i > a and _ends_sentence(text, a, i, j):
            out.append((a, i))
            a = j
    if a < end:
        out.append((a, end))
    return [r for r in (strip(text, s, e) for s, e in out) if r[0] < r[1]]


def strip(text: str, s: int, e: int) -> tuple[int, int]:
    """text[s:e] less its edge white space, a leading U+202F aside (the handoffs keep it)."""
    while s < e and text[s].isspace() and text[s] != "\u202f":
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
