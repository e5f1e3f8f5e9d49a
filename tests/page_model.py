"""What a translation span's text becomes on the localized page, written independently of the
renderer for the tests to compare with (a module of its own: tests/ and tests/source both have a
conftest)."""

from __future__ import annotations

_WS = " \t\r\n"


def _edges(text: str) -> tuple[str, str, str]:
    """(lead, core, trail): a run of white space at either edge is layout when it holds a line
    break; a span of white space alone is all lead."""
    lead = text[: len(text) - len(text.lstrip(_WS))]
    lead = lead if "\n" in lead else ""
    rest = text[len(lead):]
    trail = rest[len(rest.rstrip(_WS)):]
    trail = trail if "\n" in trail and rest.strip(_WS) else ""
    return lead, rest[: len(rest) - len(trail)], trail


def on_page(translation: str, english: str) -> str:
    """The translation with each edge's line break kept only where the English span has one."""
    lead, core, trail = _edges(translation)
    en_lead, _, en_trail = _edges(english)
    return (lead if en_lead else "") + core + (trail if en_trail else "")
