"""Backslash escapes, as CommonMark reads them."""

from __future__ import annotations


def escaped(text: str, i: int) -> bool:
    """Is text[i] escaped: after an odd number of backslashes? (Each run of backslashes comes
    before one character only, so checking every character stays linear.)"""
    k = i
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (i - k) % 2 == 1
