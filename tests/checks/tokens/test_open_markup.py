"""Markup a text leaves open at its edge: a URL cut at its scheme is looked for in the text's
last few characters only, which must find what a search of the whole text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.tokens.open_markup import _CUT_URL

# scheme and 'www.' pieces, the characters the look-behinds read, and other words
PIECES = st.sampled_from(["h", "H", "t", "T", "p", "P", "s", "S", "f", "F", "w", "W", ":", "/",
                          ".", "-", "+", "_", " ", "x", "é", "\u017f", "http", "https:",
                          "ftp:/", "www.", "wWw", "Siehe ", "\n"])


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(PIECES, max_size=12).map("".join))
def test_a_cut_url_at_the_end_is_found_in_the_last_characters_as_in_the_whole_text(
    text: str,
) -> None:
    for what, cut, _, tail in _CUT_URL:
        if tail:
            assert (cut.search(text, max(0, len(text) - tail)) is None) == (
                cut.search(text) is None), what
