"""Prose masking: everything but the prose of a span masked."""

from __future__ import annotations

from pipeline.checks.tokens.code import MASK
from pipeline.checks.tokens.prose import prose


def test_prose_masks_everything_but_prose_and_keeps_link_text_brackets() -> None:
    text = "[a](b.md) `c` <xref:D> <b>e</b> https://f.g/h [!NOTE] i"
    k = MASK
    assert prose(text) == f"[a]{k} {k} {k} {k}e{k} {k} {k} i"
