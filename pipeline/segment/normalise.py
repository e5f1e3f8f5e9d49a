"""Where Microsoft's English span differs from the file's text: the re-serialisation of inline
Markdown (``emphasis.insertions``) and numeric character references in image alt text, which
the handoffs decode (``![A&#95;B](…)`` → ``![A_B](…)``).

Edits are (start, end, replacement) on a run's flat text, sorted; an insertion has start == end.
"""

from __future__ import annotations

import bisect
import html
import re

from pipeline.segment.emphasis import insertions
from pipeline.segment.inline import AtomKind, Inline

Edit = tuple[int, int, str]
_NUMERIC_REF = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")


def edits(text: str, info: Inline) -> list[Edit]:
    out: list[Edit] = []
    if "*" in text or "_" in text or "`" in text:
        out.extend((p, p, add) for p, add in insertions(text, info.opaque, info.code,
                                                             info.emphasis))
    if "&#" in text:
        for atom in info.atoms:
            if atom.kind is AtomKind.IMAGE:
                s, e = atom.inner
                for m in _NUMERIC_REF.finditer(text, s, e):
                    out.append((m.start(), m.end(), html.unescape(m.group())))
    out.sort()
    return out


def apply(text: str, s: int, e: int, changes: list[Edit]) -> str:
    """text[s:e] with the edits inside it: an escape or a decoded reference from its first
    character on, an inserted space only between two of its characters."""
    if not changes:
        return text[s:e]
    parts: list[str] = []
    pos = s
    for start, end, new in changes[bisect.bisect_left(changes, (s, s, "")):]:
        if end > e or start >= e:
            break
        if start == end == s and new == " ":
            continue
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:e])
    return "".join(parts)
