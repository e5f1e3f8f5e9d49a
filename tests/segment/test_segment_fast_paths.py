"""The segmenter's shortcuts read as the long way does: the emphasis an inline scan resolved is
the one the re-serialisation uses, plain text has no atoms, table rows cut at their pipes
alone, and the lines of top-level fenced code and HTML blocks are taken verbatim."""

from __future__ import annotations

import pytest

from pipeline.segment.blocks import scan_blocks
from pipeline.segment.emphasis import insertions, resolve
from pipeline.segment.inline import _scan, scan
from pipeline.segment.tables import _cells

TEXTS = [
    "plain words, nothing more",
    "**bold** and *em* and snake_case",
    "to**X** and **Y**z `code * x` [a *b*](c_d.md) <b>*</b> https://x.y/a_b_c",
    "** *x* **",
    "a ` lone backtick and a \\* star",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_emphasis_a_scan_resolved_is_what_resolve_gives(text: str) -> None:
    info = _scan(text)
    if "*" in text or "_" in text:
        assert info.emphasis == resolve(text, info.opaque)
    assert insertions(text, info.opaque, info.code, info.emphasis) == \
        insertions(text, info.opaque, info.code)


@pytest.mark.parametrize("text", ["plain words.", "a (paren) b", "", "x\ty: z!"])
def test_text_that_can_start_no_construct_has_no_atoms(text: str) -> None:
    info = scan(text)
    assert info.atoms == [] and info.code == [] and info.opaque == [False] * len(text)


@pytest.mark.parametrize(("row", "cells"), [
    ("|a|b|", ["a", "b"]),
    ("a | b", ["a ", " b"]),
    ("| `x|y` | z \\| w |", [" `x|y` ", " z \\| w "]),
    ("| a `` `|` `` b | c |", [" a `` `|` `` b ", " c "]),
    ("no pipe", ["no pipe"]),
    ("|", [""]),
])
def test_table_rows_cut_at_unescaped_pipes_outside_code(row: str, cells: list[str]) -> None:
    text = "xx" + row + "yy"
    assert [text[a:b] for a, b in _cells(text, 2, 2 + len(row))] == cells


@pytest.mark.parametrize(("text", "expected"), [
    ("```\n# not a heading\n- nor an item\n``\nmore code\n```\ntext\n",
     [("code", 6), ("paragraph", 1)]),
    ("~~~\nx\n```\n~~~\n# h\n", [("code", 4), ("heading", 1)]),
    ("<div>\n# not a heading\n\ntext\n", [("html", 2), ("paragraph", 1)]),
    ("<!-- a\n\nb -->\ntext\n", [("html", 3), ("paragraph", 1)]),
    ("- item\n  ```\n  code\n  ```\n", [("paragraph", 1), ("code", 3)]),
    ("Prose\nwraps\n===\n", [("heading", 2)]),
    ("Prose\n- item\nlazy\n", [("paragraph", 1), ("paragraph", 2)]),
    ("Prose\n    indented: a continuation\n\n    code\n", [("paragraph", 2), ("code", 1)]),
    ("a|b\n-|-\nc|d\n", [("table", 3)]),
    ("text\n  \t\n|a|b|\n|-|-|\n\t\nnext\n", [("paragraph", 1), ("table", 2), ("paragraph", 1)]),
    ("    code\n\n    more\n", [("code", 3)]),
    ("|a|b|\n|-|-|\n|c|d|\nno pipe\n|e|f|\n# h\n", [("table", 5), ("heading", 1)]),
    ("|a|b|\n|-|-|\n- item\n", [("table", 2), ("paragraph", 1)]),
])
def test_fenced_code_html_and_prose_lines_outside_containers_are_told_quickly(
        text: str, expected: list[tuple[str, int]]) -> None:
    assert [(b.kind.value, len(b.lines)) for b in scan_blocks(text)] == expected
