"""CommonMark code spans, and masking them out."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.code import MASK, code_texts, without_code


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        pytest.param("a `b` c", ["`b`"], id="single"),
        pytest.param("``a`b``", ["``a`b``"], id="double-holds-single"),
        pytest.param("`a`` b", [], id="unequal-runs-are-literal"),
        pytest.param("\\`a` b`", ["` b`"], id="escaped-backtick-is-literal"),
        pytest.param("`A``B`", ["`A``B`"], id="glued-spans-are-one"),
        pytest.param("`a` and `b`", ["`a`", "`b`"], id="two"),
        pytest.param("no code", [], id="none"),
        # helper-93: an autolink or raw HTML tag read first holds its backticks
        pytest.param("<https://x/`> and `", [], id="a-backtick-in-an-autolink"),
        pytest.param('<b title="`">x</b> and `', [], id="a-backtick-in-a-tag"),
        pytest.param("<!-- ` --> and `y`", ["`y`"], id="a-backtick-in-a-comment"),
        pytest.param('`<b title="` x">`', ['`<b title="`'], id="a-tag-inside-code-is-code"),
        pytest.param("a < `b` > c", ["`b`"], id="a-bracket-that-opens-no-tag"),
        pytest.param('\\<b title="`">', [], id="an-escaped-bracket-opens-no-tag"),
    ],
)
def test_code_spans_follow_commonmark(text: str, spans: list[str]) -> None:
    assert code_texts(text) == spans


def test_without_code_masks_each_span_once() -> None:
    assert without_code("a `<b>` c `d`") == f"a {MASK} c {MASK}"
