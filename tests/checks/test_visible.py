"""What a page shows of a text (``checks.visible``), the judge of ``translation-blank`` and of
the imports' blank targets: unit cases, each the reason the judge exists."""

from __future__ import annotations

import pytest

from pipeline.checks.visible import shows


@pytest.mark.parametrize("text", [
    "", "  \t\n", "\u200b", "\u3164", "&nbsp;", "&#8203;", "<!-- vide -->", "<b></b>",
    "<span>\u200b</span>", '<a title="a > b"></a>', "**\u200b**", "__&nbsp;__",
])
def test_a_text_a_page_shows_nothing_of_is_blank(text: str) -> None:
    assert not shows(text)


@pytest.mark.parametrize("text", [
    "Bonjour", "**世界**", "\ue713",  # a private-use icon glyph, as docs write Segoe icons
    "&nbsp",  # no ';': CommonMark shows it as written
    "<br/>", "<b>x</b>", "** **", "***", "2*3", "\u06dd",  # the end-of-ayah sign draws a mark
])
def test_a_text_a_page_shows_something_of_is_not_blank(text: str) -> None:
    assert shows(text)


def test_judging_a_long_hostile_text_takes_linear_time() -> None:
    # every character read once: 100 KB of delimiters and unclosed tags, whatever the mix
    for text in ("*" * 50_000 + "<b>" + "*" * 50_000, "<b " * 30_000, "&" * 100_000,
                 "<!--" * 25_000):
        assert isinstance(shows(text), bool)
