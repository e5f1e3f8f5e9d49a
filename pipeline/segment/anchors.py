"""Heading slugs as Microsoft's handoffs write them in ``<a name="slug"></a>``.

Links and includes stand for their label (``[!INCLUDE[pn_x](…)]`` → ``pn_x``); then lower
case; keep letters, digits, ``_``, ``-`` and spaces; then each space becomes ``-``. A repeated
heading repeats its slug (no ``-1`` suffix).
"""

from __future__ import annotations

import html
import re

_LABELLED = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\([^()]*\)\]|!?\[([^\]]*)\]\([^()]*\)", re.I)


def slug(heading: str) -> str:
    heading = _LABELLED.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in "_- ")
    return kept.replace(" ", "-")


def anchor(heading: str) -> str:
    return f'<a name="{slug(heading)}"></a>'


# What DocFX (Markdig's GitHub-style auto identifiers) makes a heading's id from: the heading's
# rendered text (tags gone, code and emphasis as their text, character references as their
# characters), slugged as above; a repeated id takes -1, -2, ... so links in the English to
# '#overview-1' work there.
_TAG = re.compile(r"<[^<>\n]*>")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def rendered_slug(heading: str) -> str:
    """The slug of a heading's text as a reader sees it (no tag, no emphasis marker; a
    character reference outside code as its character, ``&lt;T&gt;`` as ``<T>``)."""
    heading = _LABELLED.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    if "`" in heading or "<" in heading or "&" in heading:
        pieces: list[tuple[bool, str]] = []  # (code?, text), code as its text
        pos = 0
        for m in _CODE.finditer(heading) if "`" in heading else ():
            pieces += ((False, heading[pos:m.start()]), (True, m.group(2).strip()))
            pos = m.end()
        pieces.append((False, heading[pos:]))
        heading = "".join(
            html.unescape(text) if not code and "&" in text else text
            for code, text in ((code, _TAG.sub("", text) if "<" in text else text)
                               for code, text in pieces))
    if "*" in heading or "_" in heading:
        for _ in range(3):  # nested: ***a*** or **_a_**
            heading, n = _EMPHASIS.subn(lambda m: m.group(2), heading)
            if not n:
                break
    return slug(heading)


def page_ids(headings: list[str]) -> list[str]:
    """The ids DocFX gives a page's headings, in order: each repeated one numbered."""
    seen: set[str] = set()
    out: list[str] = []
    for heading in headings:
        base = rendered_slug(heading)
        found, n = base, 0
        while found in seen:
            n += 1
            found = f"{base}-{n}"
        seen.add(found)
        out.append(found)
    return out
