"""Heading slugs as Microsoft's handoffs write them in ``<a name="slug"></a>``.

Lower case; keep letters, digits, ``_``, ``-`` and spaces; then each space becomes ``-``. A
repeated heading repeats its slug (no ``-1`` suffix).
"""

from __future__ import annotations


def slug(heading: str) -> str:
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in "_- ")
    return kept.replace(" ", "-")


def anchor(heading: str) -> str:
    return f'<a name="{slug(heading)}"></a>'
