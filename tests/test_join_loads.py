"""Directives made over texts side by side (``pipeline.join_loads``): the quick look that spares
most pages the reading never misses a page that holds a '[!' or ':::' at all."""

from __future__ import annotations

from collections import Counter

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
    # an image the texts take part in (the markup's own are the English's)
    if "![" in page and "![" not in "".join(pieces(article, Form.LOCALIZED, ["x"] * 4)):
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
    (["", "!", ""], ["x", "[x](a.mp4)"]),  # an image: '!' before
    (["", "", "["], ["x", "Voir !"]),  # ... '[' after
    (["", "", ""], ["Voir !", "[x](a.mp4)"]),
    (["Voir ![x]", "", ""], ["(a.mp4)", "x"]),  # the markup's image, a text's destination
], ids=["in a text", "[! in a text", "[ before", "! after", ":: before", ": after", "texts",
     "empty", "image ! before", "image [ after", "image over texts", "image destination"])
def test_every_way_a_directive_start_reaches_the_page_is_read(
        markup: list[str], published: list[str]) -> None:
    article = parse_article(markup[0] + _pair(1) + markup[1] + _pair(2) + markup[2],
                            "fr-FR/a.md")
    page = "".join(pieces(article, Form.LOCALIZED, published))
    assert "[!" in page or ":::" in page or "![" in page
    assert join_loads._may_hold(article, published)


def test_a_page_with_no_directive_anywhere_is_not_read() -> None:
    article = parse_article("Voir : " + _pair(1) + "\n\n" + _pair(2) + "\n", "fr-FR/a.md")
    assert not join_loads._may_hold(article, ["Ouvrez le menu :", "Cliquez ici."])
    # ... but a text that ends with '[' before one that starts with '!' is
    assert join_loads._may_hold(article, ["Ouvrez [", "!INCLUDE [x](a.md)]"])


def _players(published: list[str]) -> list[int]:
    article = parse_article(_pair(1).replace("E1", "Watch ") + _pair(2).replace(
        "E2", "![the demo](https://www.youtube.com/watch?v=abc) now."), "fr-FR/a.md")
    return [i for i, _ in join_loads.loads_joined(article, published)]


def test_a_player_made_over_two_texts_side_by_side_is_held() -> None:
    """Review: the English's player taken apart and made again over two touching pairs with
    another video ('Regardez ![la démo]' + '(https://www.youtube.com/watch?v=xyz) …'): neither
    text holds a player, include-added saw none, and the vendor's marks released the rest."""
    assert _players(["Regardez ![la démo]",
                     "(https://www.youtube.com/watch?v=xyz) maintenant."]) == [0, 1]


@pytest.mark.parametrize("published", [
    ["Regardez", "![la démo](https://www.youtube.com/watch?v=abc) maintenant."],
    ["Regardez ![la démo]", "(https://www.youtube.com/watch?v=abc) maintenant."],
    # one text's own player is include-added's (locale rewrites allowed there)
    ["Regardez", "![la démo](https://www.youtube.com/watch?v=xyz) maintenant."],
], ids=["the englishs", "the englishs-over-the-join", "a-texts-own"])
def test_a_player_the_english_page_has_or_one_text_holds_is_no_join(
        published: list[str]) -> None:
    assert _players(published) == []


def test_a_link_to_another_video_in_a_paragraph_after_an_image_is_no_player() -> None:
    """Review (h166): a translation linking its own language's video ('Regardez [la démo]'
    + '(https://www.youtube.com/watch?v=fr)') on a page with an image in an earlier paragraph
    was read as a player the English does not embed: include-added, held back whatever the
    marks. An image never spans a blank line: a link after one is no player."""
    video = "https://www.youtube.com/watch?v="
    article = parse_article(_pair(1).replace("E1", "See ![logo](a.png).") + "\n\n" + _pair(
        2).replace("E2", f"Watch [the demo]({video}en)."), "fr-FR/a.md")
    assert join_loads.loads_joined(
        article, ["Voir ![logo](a.png).", f"Regardez [la démo]({video}fr)."]) == []


PAGE_BITS = st.sampled_from([
    "[!INCLUDE [x](a.md)]", "[!VIDEO https://x.com/v\"a]", "![x](https://www.youtube.com/"
    "watch?v=a)", ':::no-loc text="<b>":::', '@System.String?title=a"b', "[x](a.mp3\"x)",
    "<xref:A?title=%22>", " ", "\n", "`", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PAGE_BITS, max_size=8).map("".join), st.booleans(),
       st.sampled_from(["", "xref", "xref media"]),
       st.sets(st.sampled_from(sorted(join_loads.WHY))))
def test_what_a_page_makes_of_some_kinds_is_what_it_makes_of_those_kinds(
        page: str, holds: bool, breaks: str, kinds: set[str]) -> None:
    """The English page and the trials are read only for the kinds the localized page has:
    read so, a page makes exactly its directives of those kinds."""
    whole = join_loads._made(page, holds, breaks)
    assert join_loads._made(page, holds, breaks, frozenset(kinds)) == +Counter(
        {k: n for k, n in whole.items() if k[0] in kinds})
