"""The segmenter's shortcuts read as the long way does: the emphasis an inline scan resolved is
the one the re-serialisation uses, plain text has no atoms, table rows cut at their pipes
alone, and the lines of top-level fenced code and HTML blocks are taken verbatim."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.segment import inline
from pipeline.segment.blocks import _Scanner, scan_blocks
from pipeline.segment.emphasis import insertions, resolve
from pipeline.segment.escapes import escaped
from pipeline.segment.inline import _scan, code_spans, scan
from pipeline.segment.tables import _cells

ROOT = Path(__file__).resolve().parents[2]

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


# --------------------------------------------------------------- the shortcuts against the long way

_LINES = st.sampled_from([
    "", " ", "\t", "  \t ", "Prose line", "prose *em* line", "é accented", "# Heading", "## H ##",
    "===", "---", "***", "- item", "* item", "+ item", "1. item", "2) item", "> quote", ">",
    "    indented", "  two spaces", "\tTabbed", "```", "```python", "~~~", "````", "`` `x` ``",
    "<div>", "</div>", "<!-- c", "-->", "<pre>", "</pre>", "<script>", "<br>", "<a name=\"x\"></a>",
    "| a | b |", "|---|---|", "a | b", "-|-", ":-:|:-", "|", "[!NOTE]", "> [!NOTE]",
    "> - nested", "- > quoted item", "   - three spaces", "[ref]: https://x.y", "![alt](i.png)",
    ":::zone target=\"docs\"", ":::zone-end", "Word. Another.", "\\# escaped", "1986. A year.",
])
_DOCUMENTS = st.lists(_LINES, max_size=30).map("\n".join)


def _both_ways(text: str) -> None:
    quick = [(b.kind, b.lines, b.level, b.quoted, b.depth) for b in scan_blocks(text)]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_Scanner, "quick", False)
        full = [(b.kind, b.lines, b.level, b.quoted, b.depth) for b in scan_blocks(text)]
    assert quick == full


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_the_top_level_shortcuts_find_the_blocks_the_full_scan_finds(text: str) -> None:
    _both_ways(text)


def test_every_english_article_of_the_corpus_gives_the_same_blocks_both_ways(
        corpus_root: Path) -> None:
    english = sorted((corpus_root.parent / "english").glob("*/*/**/*.md"))
    if not english:
        pytest.skip(f"no English corpus beside {corpus_root}")
    for path in [*english, *sorted(ROOT.glob("content/**/*.md"))]:
        _both_ways(path.read_text(encoding="utf-8"))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from("ab .,:/()!\\|<>[]`*_-wh"), max_size=40)
       | st.text(max_size=40))
def test_text_that_skips_the_inline_scan_is_what_the_scan_would_find(text: str) -> None:
    quick = _scan(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(inline, "_MAY_START", re.compile(""))  # every text scanned in full
        full = _scan(text)
    assert (quick.atoms, quick.opaque, quick.code) == (full.atoms, full.opaque, full.code)
    assert quick.emphasis == full.emphasis or not (set(text) & {"*", "_"})


def _cells_by_every_character(row: str) -> list[str]:
    """The cells as the scan over every character of the row cut them (the code before)."""
    code = code_spans(row)
    bounds = [i for i, ch in enumerate(row) if ch == "|" and not escaped(row, i)
              and not any(a < i < b for a, b in code)]
    edges = [-1, *bounds, len(row)]
    cells = [row[a + 1:b] for a, b in itertools.pairwise(edges)]
    stripped = row.strip()
    if stripped.startswith("|"):
        cells = cells[1:]
    if stripped.endswith("|") and len(stripped) > 1 and cells:
        cells = cells[:-1]
    return cells


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("ab |`\\"), max_size=30))
def test_table_rows_cut_where_a_scan_of_every_character_cuts(row: str) -> None:
    text = "xx" + row + "yy"
    assert [text[a:b] for a, b in _cells(text, 2, 2 + len(row))] == \
        _cells_by_every_character(row)
