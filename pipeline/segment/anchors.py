"""Heading slugs as Microsoft's handoffs write them in ``<a name="slug"></a>``.

Links and includes stand for their label (``[!INCLUDE[pn_x](…)]`` → ``pn_x``); then lower
case; keep letters, digits, ``_``, ``-`` and spaces; then each space becomes ``-``. A repeated
heading repeats its slug (no ``-1`` suffix).
"""

from __future__ import annotations

import re

_LABELLED = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\([^()]*\)\]|!?\[([^\]]*)\]\([^()]*\)", re.I)


def slug(heading: str) -> str:
    heading = _LABELLED.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in "_- ")
    return kept.replace(" ", "-")


def anchor(heading: str) -> str:
    return f'<a name="{slug(heading)}"></a>'
