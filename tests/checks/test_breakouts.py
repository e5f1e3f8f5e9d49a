"""Links and cross references whose target ends the attribute DocFX writes it into: what the
readers find, and that their quick looks (a page is read whole) pass every one."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.checks.breakouts as b
from pipeline.checks.tokens.code import without_code, without_english_code


@pytest.mark.parametrize(
    ("english", "translation", "found"),
    [
        pytest.param("See <xref:System.String>.", "Voir <xref:System.String?title=x%22%20on>.",
                     True, id="a-title-that-ends-the-attribute"),
        pytest.param("See <xref:System.String?title=a>.", "Voir <xref:System.String?title=a>.",
                     False, id="the-englishs-own"),
        pytest.param("See @System.String.", "Voir @System.String?title=x&quot;y.", True,
                     id="a-shortcut-whose-title-a-reference-ends"),
        pytest.param("Mail a@b.com.", "Écrivez à a@b.com.", False, id="an-address"),
        pytest.param("See <xref:T>.", "Voir <xref:T>.", False, id="no-title"),
    ],
)
def test_a_cross_reference_is_found_where_its_title_or_anchor_ends_the_attribute(
        english: str, translation: str, found: bool) -> None:
    assert bool(b.xref_breakouts(english, translation)) is found


@pytest.mark.parametrize(
    ("english", "translation", "found"),
    [
        pytest.param("![x](a.mp3)", "![x](a&quot;onerror=&quot;alert(1)&quot;.mp3)", True,
                     id="a-reference-that-spells-a-quote"),
        pytest.param("![x](a.mp3)", '![x](a"onerror="alert(1)".mp3)', True, id="a-quote"),
        pytest.param("[x](https://a.example/?a=1&b=2)", "[x](https://a.example/?a=1&b=2)",
                     False, id="a-query-strings-ampersand"),
        pytest.param("[x](a)", "[x](a)\nb \"c\"", False, id="a-quote-on-another-line"),
    ],
)
def test_a_media_destination_is_found_where_it_holds_a_quote(
        english: str, translation: str, found: bool) -> None:
    assert bool(b.media_breakouts(english, translation)) is found


_PIECES = st.sampled_from([
    "<", ">", "xref:", "XrEf:", "@", '"', "'", "a", "?", "#", "%22", "&quot;", "&#34;", "&amp;",
    "\\", " ", "\n", "[", "]", "(", ")", "](", "`", "|", "title=", ".mp3", "<xref ", "/>"])
_TEXTS = st.lists(_PIECES, max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_cross_references_read_from_where_one_may_start_are_what_the_expression_finds(
        text: str) -> None:
    assert b._xref_matches(text) == ["".join(m) for m in b._XREF.findall(text)]


def _xref_reference(source: str, translation: str) -> list[str]:
    """xref_breakouts with no quick look first."""
    theirs = set(b._xrefs(without_code(source)))
    return [x for x in b._xrefs(without_english_code(translation, source))
            if x not in theirs and b._ATTRIBUTE_END.search(b._query_and_anchor(x))]


def _media_reference(source: str, translation: str) -> list[str]:
    """media_breakouts with no quick look first."""
    theirs = {b._destination(u) for u in b._destinations(source)}
    return [u for u in b._destinations(translation)
            if '"' in b._destination(u) and b._destination(u) not in theirs]


@settings(max_examples=500, deadline=None)
@given(_TEXTS, _TEXTS)
def test_the_quick_looks_pass_every_breakout_the_readers_find(english: str, text: str) -> None:
    assert len(b.xref_breakouts(english, text)) == len(_xref_reference(english, text))
    # (a code span over a line end, masked, joins the lines a destination may not span: the
    # quick look does not read such a destination, nor does Markdig)
    if "\n" not in text or "`" not in text:
        assert len(b.media_breakouts(english, text)) == len(_media_reference(english, text))


def test_a_reference_that_spells_a_quote_passes_the_media_look() -> None:
    for spelled in ("&quot;", "&QUOT;", "&#34;", "&#034;", "&#x22;", "&#X22;"):
        assert html.unescape(spelled) == '"'
        assert b._QUOTE_AHEAD.search(f"](a{spelled}") is not None, spelled


@given(st.lists(st.sampled_from(["@", "x", "X", "R", "e", "F", "f", "r", "E", ":", "xref:",
                                 "XrEf:", "<", "a", " ", "é", "İ", "\u212a"]),
                max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_cross_references_may_start_where_the_expression_found_them(text: str) -> None:
    """A page's cross references are sought from each '@' and 'xref:' (any case), found with
    str.find: the same places, in order, as the expression that tried every character."""
    import re

    assert b._xref_starts(text) == [
        m.start() for m in re.finditer(r"@|[xX][rR][eE][fF]:", text)]
