"""Segment ids as Microsoft numbers them: ``<prefix>-<number>``, numbers from 101.

The prefix is five hex digits, one per handoff of an article. Here it is derived from the
article's text, so the same English always gets the same ids and an edited article new ones.
"""

from __future__ import annotations

import hashlib

FIRST_NUMBER = 101


def prefix(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:5]


def segment_id(prefix_: str, number: int) -> str:
    return f"{prefix_}-{number}"
