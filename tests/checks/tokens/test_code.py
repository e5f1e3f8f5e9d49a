"""CommonMark code spans, and masking them out."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.checks.tokens.code as code
from pipeline.checks.tokens.code import MASK, code_spans, code_texts, without_code


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
        pytest.param("[a](x?`) and `", [], id="a-backtick-in-a-link-destination"),
        pytest.param('[a](x "t`") and `', [], id="a-backtick-in-a-link-title"),
        pytest.param("[`a`](b) `c`", ["`a`", "`c`"], id="code-in-link-text-comes-first"),
        pytest.param("a](x`y) `z`", ["`y) `"], id="no-destination-without-a-bracket"),
        pytest.param('\\<b title="`">', [], id="an-escaped-bracket-opens-no-tag"),
        # helper-94: CommonMark and Markdig part a tag's attributes at ASCII white space only
        pytest.param('<b\u00a0title="`">x `y`', ['`">x `'], id="a-no-break-space-makes-no-tag"),
        pytest.param('<b t\u00eftle="`">x `y`', ['`">x `'], id="a-non-ascii-name-makes-no-tag"),
        # helper-94: a destination only after a '[' that CommonMark makes a link's text of
        pytest.param("\\[a](x?`) b` `c", ["`) b`"], id="an-escaped-bracket-opens-no-link"),
        pytest.param("`[` ](x?`) b` `c", ["`[`", "`) b`"], id="a-bracket-in-code-opens-no-link"),
        pytest.param("[a]b](x?`) b` `c", ["`) b`"], id="a-bracket-closed-before-opens-no-link"),
        pytest.param("[[a](b) c](x?`) d` `e", ["`) d`"], id="a-link-inside-leaves-no-link"),
        pytest.param("[![i](a.png)](x?`) d` `e`", ["` `"], id="an-image-inside-is-no-link"),
        pytest.param("[a [b] c](x?`) d `e`", ["`e`"], id="brackets-inside-a-link-text-pair"),
    ],
)
def test_code_spans_follow_commonmark(text: str, spans: list[str]) -> None:
    assert code_texts(text) == spans


def test_without_code_masks_each_span_once() -> None:
    assert without_code("a `<b>` c `d`") == f"a {MASK} c {MASK}"


@pytest.mark.parametrize("piece", ["<!-- `", "<?x `", "<!A `", "<![CDATA[ `", "[a](x `"])
def test_openings_with_no_end_are_read_in_linear_time(piece: str) -> None:
    # each would read to the text's end to fail: 11 s for 120 kB of '<!-- `' until ruled out
    text = piece * 20_000
    start = time.perf_counter()
    code_spans(text)
    assert time.perf_counter() - start < 2.0


def _walk_every_character(self: code._Brackets, close: int) -> bool:
    """The bracket walk as first written: one character at a time (the reference)."""
    text, spans, j = self.text, self.spans, self.at
    while j < close:
        while self.span < len(spans) and spans[self.span][1] <= j:
            self.span += 1
        if self.span < len(spans) and spans[self.span][0] <= j:
            j = spans[self.span][1]
            continue
        c = text[j]
        if c == "[" and not code.escaped(text, j):
            self.openers.append([j > 0 and text[j - 1] == "!" and not code.escaped(text, j - 1),
                                 True])
        elif c == "]" and not code.escaped(text, j) and self.openers:
            image, active = self.openers.pop()
            link = code._SHADOW.match(text, j) if active and text.startswith("](", j) else None
            if link is not None:
                if not image:
                    for opener in self.openers:
                        opener[1] = opener[0]
                j = link.end()
                continue
        j += 1
    self.at = max(j, self.at)
    return bool(self.openers) and self.openers[-1][1]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "!", "(", ")", "`", "``", "\\", "<", ">", "a", " ",
                                 "x?", "\n", '"']), max_size=24).map("".join))
def test_the_bracket_walk_jumps_from_bracket_to_bracket_as_a_walk_of_every_character_reads(
        text: str) -> None:
    found = code_spans(text)
    with mock.patch.object(code._Brackets, "closes_link_text", _walk_every_character):
        assert found == code_spans(text)
