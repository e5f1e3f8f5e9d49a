"""Markdig's generic attribute blocks as ``generic_blocks`` finds them: as Markdig's
GenericAttributesParser reads each '{', in linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.tokens.attributes import generic_blocks, media_players, with_generic

_WHITE = " \t\n\v\f\r"


def _markdig_end(text: str, i: int) -> int:
    """Where the block opened by the '{' at ``i`` ends, -1 for none: GenericAttributesParser's
    TryParse written out, a character at a time, from every '{' anew (quadratic)."""
    if i and text[i - 1] == "{":
        return -1
    n = len(text)
    j = i + 1
    while True:
        c = text[j] if j < n else ""
        if c == "}":
            return j + 1
        if not c:
            return -1
        if c in "#.":
            k = j + 1
            while k < n and text[k] != "}" and text[k] not in _WHITE:
                k += 1
            if k == j + 1 or k >= n:
                return -1
            j = k
            continue
        if c in _WHITE:
            j += 1
            continue
        if not (c in "_:" or (c.isascii() and c.isalpha())):
            return -1
        k = j + 1
        while k < n and (text[k] in "_:.-" or (text[k].isascii() and text[k].isalnum())):
            k += 1
        spaced = k < n and text[k] in " \t"
        while k < n and text[k] in _WHITE:
            k += 1
        c = text[k] if k < n else ""
        if c == "}" or (spaced and c and (c in "#._:" or (c.isascii() and c.isalpha()))):
            j = k
            continue
        if c != "=":
            return -1
        k += 1
        while k < n and text[k] in _WHITE:
            k += 1
        c = text[k] if k < n else ""
        if c and c in "\"'":
            close = text.find(c, k + 1)
            if close < 0:
                return -1
            j = close + 1
            continue
        while k < n and text[k] != "}" and text[k] not in _WHITE:
            k += 1
        if k >= n:
            return -1
        j = k


def _reference(text: str) -> list[tuple[int, int]]:
    return [(i, end) for i, c in enumerate(text) if c == "{"
            if (end := _markdig_end(text, i)) >= 0]


_PIECES = st.sampled_from(["{", "}", "#", ".", "a", "b-c", "=", '"', "'", " ", "\n", "\t",
                           "`", "x y", "{.a", "é", "0", ":", "_"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_a_block_is_found_where_markdig_reads_one(text: str) -> None:
    assert generic_blocks(text) == _reference(text)


@pytest.mark.parametrize(("text", "block"), [
    ('**x**{.a`{x onmouseover="alert(1)" y="`"}', '{.a`{x onmouseover="alert(1)" y="`"}'),
    ('**x**{title="`\n" onmouseover="alert(1)"}', '{title="`\n" onmouseover="alert(1)"}'),
    ("Use {{tenant}} here.", None),  # a '{' after another opens none
])
def test_a_class_run_or_a_quoted_value_holds_what_markdig_reads_into_it(
        text: str, block: str | None) -> None:
    """h158: Markdig reads an '#id' or '.class' run to white space or '}', a '{' and a
    backtick and all, and a quoted value over a line break: the block starts before the
    backtick, so no code span does."""
    found = [text[a:b] for a, b in generic_blocks(text)]
    assert (block in found) if block else not found


@pytest.mark.parametrize("piece", ["{.", "{a=", '{a="\n`', "{.{a=\"", "{ ", '{a ="{ b="'])
def test_a_repeated_opening_is_read_in_linear_time(piece: str) -> None:
    text = piece * (100_000 // len(piece))
    start = time.perf_counter()
    generic_blocks(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(("text", "attributes"), [
    ("**x**{.a{{ style=position:fixed}", 'class="a{{" style="position:fixed"'),
    ("**x**{#a{{{b onclick=f()}", 'id="a{{{b" onclick="f()"'),
    ("**x**{.a{ onclick=f()}", 'onclick="f()"'),  # a single '{' is read on its own
])
def test_a_run_goes_on_over_braces_no_block_of_their_own_reads(
        text: str, attributes: str) -> None:
    """h161: a '{{' opens no block, so a class or id run that meets one goes on over it, as
    Markdig's does: the run stopped there, the attributes after it were read by nothing, and
    '{.a{{ style=position:fixed}' on the English's '{.a}' was published."""
    assert attributes in with_generic(text)


@pytest.mark.parametrize("piece", ["{.a{{", "{.a{{ ", "{#{{b{", "{a={{"])
def test_braces_in_runs_are_read_in_linear_time(piece: str) -> None:
    text = piece * (100_000 // len(piece))
    start = time.perf_counter()
    with_generic(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("blank", ["\n\n", "\n \t\n", "\r\n\r\n", "\r\r"])
def test_a_link_in_a_paragraph_after_an_image_is_no_player(blank: str) -> None:
    """Review (h166): every destination after the first '![' of a whole page was a player's, so
    a later paragraph's link to a localized video ('[la démo](https://www.youtube.com/watch?v=
    fr)') on a page with any image was include-added, held back whatever the marks. An image
    never spans a blank line."""
    video = "https://www.youtube.com/watch?v=fr"
    assert media_players(f"![logo](a.png){blank}[la démo]({video})") == []
    assert media_players(f"![logo](a.png){blank}![la démo]({video})") == [video]
    # one paragraph, lines apart: still read as before (a link's too: the same on both sides)
    assert media_players(f"![logo](a.png)\n[la démo]({video})") == [video]


def test_images_over_many_paragraphs_are_read_in_linear_time() -> None:
    def run(n: int) -> float:
        text = "![a](b.mp4)\n\n" * n + "\n" + " " * n + "x"
        start = time.perf_counter()
        media_players(text)
        return time.perf_counter() - start
    # the best of three each: one run on a shared machine can take twice its time (CI saw
    # 0.18 s against 0.014 s); quadratic reading would be sixteen times, linear four
    assert min(run(40_000) for _ in range(3)) < 8 * min(run(10_000) for _ in range(3)) + 0.05
