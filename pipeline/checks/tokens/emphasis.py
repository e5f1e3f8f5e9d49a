"""CommonMark emphasis: which ``*`` and ``_`` runs pair up, as a reader does."""

from __future__ import annotations

import re
import unicodedata

from pipeline.checks.tokens.code import MASK

_EMPHASIS_SPLIT = re.compile(r"(\*+|_+)")
_ESCAPED_MARKER = re.compile(r"\\[*_]")


def _kind(ch: str) -> str:
    """'s'pace, 'p'unctuation (CommonMark counts symbols too) or 'o'ther. A masked code span
    counts as punctuation: it starts and ends with a backtick."""
    if ch.isalnum():
        return "o"
    if ch.isspace():
        return "s"
    return "p" if ch == MASK or unicodedata.category(ch)[0] in "PS" else "o"


def emphasis(text: str) -> tuple[list[str], int]:
    """The emphasis a CommonMark reader makes of the text: the delimiter run of each pair, and
    how many runs could emphasise at all (runs less snake_case underscores); runs left unpaired
    are printed as literal characters. A run can open if left-flanking and close if
    right-flanking ('_' also needs no letter on the far side); each closer takes the nearest
    opener of its character. Simplified: the rule of 3 and partial use of a run (*** as **
    plus *) are left out; the text's edges count as white space, as the text around a segment
    usually is. ``text`` should be code-masked."""
    if "*" not in text and "_" not in text:
        return [], 0
    if "\\" in text:
        text = _ESCAPED_MARKER.sub(MASK, text)
    if "_" not in text and "***" not in text and text.count("*") == 2 * text.count("**"):
        return _bold(text)
    parts = _EMPHASIS_SPLIT.split(text)  # text, run, text, run, ..., text
    last = len(parts) - 1
    openers: list[str] = []
    pairs: list[str] = []
    runs = 0
    for i in range(1, last, 2):
        run = parts[i]
        # the neighbour is the next text's edge, or the adjacent run's, or white space
        ch = parts[i - 1][-1:] or (parts[i - 2][-1] if i > 1 else " ")
        before = "o" if ch.isalnum() else _kind(ch)  # letters first: by far the commonest
        ch = parts[i + 1][:1] or (parts[i + 2][0] if i + 2 < last else " ")
        after = "o" if ch.isalnum() else _kind(ch)
        if run[0] == "_" and before == after == "o":
            continue  # snake_case: intraword underscores never emphasise
        runs += 1
        left = after != "s" and (after != "p" or before != "o")
        right = before != "s" and (before != "p" or after != "o")
        if run[0] == "_":
            can_open = left and (not right or before == "p")
            can_close = right and (not left or after == "p")
        else:
            can_open, can_close = left, right
        if can_close and run in openers:
            while openers.pop() != run:  # openers jumped over stay unmatched
                pass
            pairs.append(run)
        elif can_open:
            openers.append(run)
    return pairs, runs


def _bold(text: str) -> tuple[list[str], int]:
    """emphasis() for the commonest text, '**' runs only: str.split instead of a regex."""
    parts = text.split("**")
    last = len(parts) - 1
    depth = pairs = 0
    for i in range(1, last + 1):
        ch = parts[i - 1][-1:] or ("*" if i > 1 else " ")
        before = "o" if ch.isalnum() else _kind(ch)
        ch = parts[i][:1] or ("*" if i < last else " ")
        after = "o" if ch.isalnum() else _kind(ch)
        if before != "s" and (before != "p" or after != "o") and depth:  # right-flanking
            depth -= 1
            pairs += 1
        elif after != "s" and (after != "p" or before != "o"):  # left-flanking
            depth += 1
    return ["**"] * pairs, last
