"""Directives made over texts side by side (``pipeline.join_loads``): the quick look that spares
most pages the reading never misses a page that holds a '[!' or ':::' at all."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import join_loads
from pipeline.article import parse_article
from pipeline.render import Form, pieces

BITS = st.sampled_from(["", "[", "!", ":", "::", "x", " ", "a:", "!b", ":c", "d[", "]", "\n"])
TEXT = st.lists(BITS, max_size=3).map("".join)


def _pair(k: int) -> str:
    return (f'<span data-ttu-id="abcde-{k}">T{k}</span><span class="sxs-lookup">'
            f'<span data-stu-id="abcde-{k}">E{k}</span></span>')


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=5, max_size=5), st.lists(TEXT, min_size=4, max_size=4))
def test_a_page_that_holds_a_directive_start_is_always_read(
        markup: list[str], published: list[str]) -> None:
    article = parse_article("".join(m + _pair(k) for k, m in enumerate(markup[:4]))
                            + markup[4], "fr-FR/a.md")
    if len(article.segments) != 4:  # the markup made a pair of its own: not this test's
        return
    page = "".join(pieces(article, Form.LOCALIZED, published))
    if "[!" in page or ":::" in page:
        assert join_loads._may_hold(article, published)


@pytest.mark.parametrize(("markup", "published"), [
    (["", "", ""], ["a:::code b", "x"]),  # within a text
    (["", "", ""], ["a[!b", "x"]),
    (["", "[", ""], ["x", "!INCLUDE"]),  # the markup before it ends with "["
    (["", "", "!"], ["x", "Voir ["]),  # ... the markup after it starts with '!'
    (["", "::", ""], ["x", ":code"]),
    (["", "::code", ""], ["Voir :", "x"]),  # ... the markup after it starts with ':'
    (["", "", ""], ["Voir :", "::code"]),  # two texts side by side
    (["[", "!", ""], ["", "x"]),  # an empty text between markup that makes one
], ids=["in a text", "[! in a text", "[ before", "! after", ":: before", ": after", "texts",
     "empty"])
def test_every_way_a_directive_start_reaches_the_page_is_read(
        markup: list[str], published: list[str]) -> None:
    article = parse_article(markup[0] + _pair(1) + markup[1] + _pair(2) + markup[2],
                            "fr-FR/a.md")
    assert "[!" in "".join(pieces(article, Form.LOCALIZED, published)) or ":::" in "".join(
        pieces(article, Form.LOCALIZED, published))
    assert join_loads._may_hold(article, published)


def test_a_page_with_no_directive_anywhere_is_not_read() -> None:
    article = parse_article("Voir : " + _pair(1) + "\n\n" + _pair(2) + "\n", "fr-FR/a.md")
    assert not join_loads._may_hold(article, ["Ouvrez le menu :", "Cliquez ici."])
    # ... but a text that ends with '[' before one that starts with '!' is
    assert join_loads._may_hold(article, ["Ouvrez [", "!INCLUDE [x](a.md)]"])
