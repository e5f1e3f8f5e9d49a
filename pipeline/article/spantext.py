"""A span's text and its catalog form: one mapping, both ways. The catalog form drops the layout
gettext cannot carry faithfully (a run of white space holding a line break at either edge, CRLF
line ends inside the span); ``span_text`` puts it back on render."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.article.model import Segment

LAYOUT_WS = " \t\r\n"  # the white space a span's edges may hold as layout


def catalog_form(raw: str) -> tuple[str, str, str, bool]:
    """Split a span's raw text into (lead, text, trail, crlf): see ``Segment``."""
    if not raw or (
        raw[0] not in LAYOUT_WS and raw[-1] not in LAYOUT_WS and "\r" not in raw
    ):
        return "", raw, "", False
    lead = trail = ""
    if raw[:1] in LAYOUT_WS and raw:
        stripped = raw.lstrip(LAYOUT_WS)
        edge = raw[: len(raw) - len(stripped)]
        if "\n" in edge:
            lead, raw = edge, stripped
    if raw[-1:] in LAYOUT_WS and raw:
        stripped = raw.rstrip(LAYOUT_WS)
        edge = raw[len(stripped) :]
        if "\n" in edge:
            trail, raw = edge, stripped
    crlf = False
    if "\r" in raw:
        n = raw.count("\r\n")
        if n and n == raw.count("\n") == raw.count("\r"):
            raw, crlf = raw.replace("\r\n", "\n"), True
    return lead, raw, trail, crlf


def span_text(seg: Segment, translation: str) -> str:
    """A catalog-form translation back in the article's layout."""
    if seg.tr_crlf:
        translation = translation.replace("\n", "\r\n")
    return seg.tr_lead + translation + seg.tr_trail


def page_text(seg: Segment, translation: str, text: str) -> str:
    """A catalog-form translation on the localized page, which has no span around it: a line
    break at an edge of the translation span stays only where the English span (in ``text``,
    the article's) has one too. Elsewhere it would end a table row or a list item the English
    keeps on one line, or open a paragraph inside an HTML block."""
    if seg.tr_crlf:
        translation = translation.replace("\n", "\r\n")
    lead, trail = seg.tr_lead, seg.tr_trail
    if lead or trail:
        en_lead, _, en_trail, _ = catalog_form(text[seg.src_start : seg.src_end])
        lead, trail = (lead if en_lead else ""), (trail if en_trail else "")
    return lead + translation + trail
