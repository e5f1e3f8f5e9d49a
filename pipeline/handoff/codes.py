"""Inline Markdown and HTML of a segment as XLIFF inline codes, so that a CAT tool shows them
as tags a translator moves but cannot break.

A code is each run of markup the translation must keep as it is: inline code spans, HTML
tags and comments, ``<xref:…>``, link and image brackets with their targets, emphasis
markers, entities and ``{0}`` placeholders. Each becomes ``<x id="N" ctype="x-markup"
equiv-text="…"/>`` (N from 1, in order), the form OmegaT shows as ``<x0/>``, memoQ and
Trados as tags. The codes themselves are never read back from the file: an import turns
``<x id="N"/>`` into the N-th code of the catalog's own English, so the exact original text
comes back whatever a tool did to the attributes.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.xliff.segments import marks_text

CODE = re.compile(
    r"""(`+)(?:(?!\1).)+?\1(?!`)           # inline code
    | <!--.*?-->                           # HTML comment
    | <xref:[^<>\s]*>                      # cross reference
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>  # HTML tag, over its
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>   # quoted values ('title=">"'); else as before
    | \]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)  # link target ](url "title")
    | \]\[[^\]]*\]                         # reference link label ][ref]
    | !?\[(?:!INCLUDE|!NOTE|!TIP|!div)?     # link, image or include opening
    | \]                                   # closing bracket
    | \*\*+|\*|(?<!\w)__?|__?(?!\w)         # emphasis markers (not in_snake_case words)
    | &(?:\#\d+|\#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);   # entity
    | \{\d+\}                              # placeholder
    """,
    re.X | re.S,
)
NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
X = f"{{{NAMESPACE}}}x"
MRK = f"{{{NAMESPACE}}}mrk"


def pieces(text: str) -> list[tuple[bool, str]]:
    """(is code, text) runs of ``text``, in order; joined they give ``text`` back."""
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in CODE.finditer(text):
        if m.start() > pos:
            out.append((False, text[pos : m.start()]))
        out.append((True, m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((False, text[pos:]))
    return out


def codes(text: str) -> list[str]:
    return [piece for is_code, piece in pieces(text) if is_code]


def shape(text: str) -> str:
    """``text`` with its N-th code as ``\x00N``: what a unit's ``<source>`` says of it, its
    ``<x id="N"/>`` codes read the same way (``shape_of``)."""
    out: list[str] = []
    n = 0
    for is_code, piece in pieces(text):
        if is_code:
            n += 1
            piece = f"\x00{n}"
        out.append(piece)
    return "".join(out)


def shape_of(element: Any) -> str | None:
    """``shape`` of a returned ``<source>``; None when it holds anything but the codes."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != X:
            return None
        parts.append(f"\x00{child.get('id') or ''}")
        parts.append(child.tail or "")
    return "".join(parts)


def fill_element(element: Any, text: str) -> None:
    """``element`` (a ``<source>`` or ``<target>``) holding ``text`` with its codes as
    ``<x/>``."""
    from lxml import etree  # type: ignore[import-untyped]

    last = None
    n = 0
    element.text = ""
    for is_code, piece in pieces(text):
        if not is_code:
            if last is None:
                element.text += piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        n += 1
        last = etree.SubElement(element, X, id=str(n), ctype="x-markup", **{"equiv-text": piece})
    if not element.text:
        element.text = None


class CodeError(ValueError):
    """Inline markup in a returned unit that is not one of its source's codes."""


def text_of(element: Any, source_codes: list[str]) -> str:
    """The text of a returned ``<source>`` or ``<target>``: each ``<x id="N"/>`` the N-th
    of ``source_codes``, read through the ``<mrk mtype="seg">`` of a tool that segments the
    unit. Raises CodeError for any other inline element or an unknown id."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == MRK and marks_text(child):  # a tool's segment, or text it marks
            parts += (text_of(child, source_codes), child.tail or "")  # (protected, a term)
            continue
        if child.tag == MRK:  # a tool's own mark (tracked changes): not surely the text
            from pipeline.xliff.unreadable import TOOL_MARK, TOOL_MARK_HINT
            raise CodeError(f"{TOOL_MARK.format(child.get('mtype'))}: {TOOL_MARK_HINT}")
        if not isinstance(child.tag, str):  # comments and PIs are dropped: an entity
            from pipeline.xliff.unreadable import ENTITY, ENTITY_HINT
            raise CodeError(f"{ENTITY.format(child.text)}: {ENTITY_HINT}")
        if child.tag != X:
            name = child.tag.rpartition("}")[2]
            raise CodeError(f"inline <{name}> where only the package's <x/> codes may be")
        ident = child.get("id") or ""
        if not ident.isdigit() or not 1 <= int(ident) <= len(source_codes):
            raise CodeError(f"inline code id {ident!r} is not one of the source's "
                            f"{len(source_codes)} codes")
        parts.append(source_codes[int(ident) - 1])
        parts.append(child.tail or "")
    return "".join(parts)


def omegat_form(text: str, source_codes: list[str]) -> str:
    """``text`` with the codes it shares with the source as OmegaT shows them (``<x0/>``, in
    the source's order): the form of a TMX suggestion OmegaT can match and insert."""
    free = {i: code for i, code in enumerate(source_codes)}
    out = []
    for is_code, piece in pieces(text):
        if is_code:
            index = next((i for i, code in free.items() if code == piece), None)
            if index is not None:
                del free[index]
                out.append(f"<x{index}/>")
                continue
        out.append(piece)
    return "".join(out)
