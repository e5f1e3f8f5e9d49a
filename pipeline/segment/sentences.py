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

from pipeline.segment.inline import Atom

TERMINALS = ".?!…"
# What may follow the mark and still belong to the sentence.
CLOSERS = "\"')]*_`”’»"
_SPACE = re.compile(r"\s+")

# Words whose final period never ends a sentence in the handoffs. Measured, not guessed: "No."
# is not one (it ends sentences), "tab." is (Microsoft's segmenter never splits after it).
ABBREVIATIONS = frozenset(
    """
    e.g. i.e. etc.) vs. v. u.s. u.k. a.k.a. (a.k.a. approx. dr. mr. mrs. ms. st. jr. sr. inc.
    ltd. co. corp. fig. no.: tab. cf. al. ex. p. pp. vol. ed. est. min. max. sec.
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. mon. tue. wed. thu. fri.
    """.split()
)


def _is_abbreviation(text: str, start: int, k: int) -> bool:
    """Is the word that ends with the period at ``k`` an abbreviation?"""
    w = k
    while w > start and not text[w - 1].isspace():
        w -= 1
    word = text[w : k + 1].lower()
    if word in ABBREVIATIONS:
        return True
    word = word.lstrip("(\"'*_[")
    if word in ABBREVIATIONS:
        return True
    # Initialisms written with periods: "U.S.", "a.m." — letters and periods alternating.
    return len(word) >= 4 and re.fullmatch(r"(?:[a-z]\.){2,}", word) is not None


def _ends_sentence(text: str, start: int, i: int) -> bool:
    """Does the text from ``start`` up to the white space at ``i`` end a sentence?"""
    k = i - 1
    while k > start and text[k] in CLOSERS:
        k -= 1
    ch = text[k]
    if ch not in TERMINALS or k <= start:
        return False
    prev = text[k - 1]
    if ch == "." and prev == ".":  # an ellipsis "..."
        return False
    if prev in "'\"(" and k + 1 < i and text[k + 1] in "'\")":  # quoted punctuation '?' (.)
        return False
    if ch == ".":
        head = text[start:k]
        if head.isdigit() or (len(head) == 1 and head.isalpha()):  # "1. Determine", "a. Open"
            return False
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
    for m in _SPACE.finditer(text, start, end):
        i, j = m.span()
        while ai < n_atoms and atoms[ai].end <= i:
            ai += 1
        if ai < n_atoms and atoms[ai].start < i:  # inside inline Markdown
            continue
        if i > a and _ends_sentence(text, a, i):
            out.append((a, i))
            a = j
    if a < end:
        out.append((a, end))
    return [r for r in (_strip(text, s, e) for s, e in out) if r[0] < r[1]]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
