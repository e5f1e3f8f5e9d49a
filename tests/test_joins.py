"""What translations that touch on a page make together: a script or data URL scheme split
over a segment's edge, which no segment rule sees (``pipeline.joins``)."""

from __future__ import annotations

import pytest

from pipeline import joins
from pipeline.article import parse_article
from pipeline.findings import Severity
from pipeline.render import Form, render

FRONT = "---\ntitle: T\nms.contentlocale: fr-FR\n---\n"


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


def side_by_side(translations: tuple[str, ...]) -> str:
    """Pairs with nothing between them, each with its English ('English 0.', …)."""
    return "".join(pair(f"abcde-{101 + n}", t, f"English {n}.")
                   for n, t in enumerate(translations))


def held(body: str) -> list[int]:
    """The segments ``joins.hold`` gives their English, the translations as published."""
    article = parse_article(FRONT + body + "\n", "fr-FR/a.md")
    published = [seg.translation for seg in article.segments]
    swaps, local = joins.hold(article, published, Severity.WARNING)
    # the page hold hands back is the one render writes of the texts as they end (publish
    # writes it rather than render the page again)
    assert local().page == render(article, Form.LOCALIZED, published)
    assert all(s.check == "render-substituted" and "unsafe-url" in s.message for s in swaps)
    return [n for n, seg in enumerate(article.segments) if published[n] == seg.source
            and seg.translation != seg.source]


@pytest.mark.parametrize("translations", [
    ("[x]", "(java", "script:alert(1))"),  # helper-115: three pairs side by side
    ("Voir [x]", "(javascript&#5", "8;alert(1))"),  # a reference cut in two
    ("[x]", "(JaVa", "ScRiPt:alert(1))"),  # any case
    ("[x]", "(ja\t", "\tvascript:alert(1))"),  # white space a browser drops, at the join
    ("[x]", "(ja", "vascri", "pt:alert(1))"),  # over three
    ("[x]", "(da", "ta:text/html;base64,PHNjcmlwdD4=)"),
    ("[x]", "(javascript\\:", "alert(1))"),  # the scheme whole before the join, its code after
    ("[x]", "(vbscript&#58;", "x=1)"),
])
def test_a_scheme_split_over_translations_side_by_side_is_held_back(
        translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations))


def test_a_scheme_the_markup_before_a_translation_begins_is_held_back() -> None:
    assert held("See [x](java" + pair("abcde-101", "script:alert(1)) la doc.", "Script docs.")
                ) == [0]


@pytest.mark.parametrize("translations", [
    ("Voir la note.", "Ouvrez le script : il démarre."),  # prose with a colon
    ("Les données", "data: 5"),  # a word, then a scheme's name alone in one text
    ("Exécutez", "javascript:alert(1)"),  # whole in one text: the segment rules' (unsafe-url)
])
def test_texts_that_make_no_scheme_together_are_published(translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations)) == []


def test_a_join_the_english_makes_too_is_the_englishs_own() -> None:
    # the English page shows the same link: the translation changes nothing there
    body = (pair("abcde-101", "(java", "(java")
            + pair("abcde-102", "script:alert(1)) la doc.", "script:alert(1)) docs."))
    assert held(body) == []


@pytest.mark.parametrize("translations", [
    ("[x]", "(javascript:window.loc", "ation='//evil.example')"),  # its code cut
    ("[x]", "(javascript:", "window.loc", "ation=1)"),  # over three
    ("[x]", "(javascript:x", "=1)"),
    ("[x]", "(data:text", "/html,<script>alert(1)</script>)"),  # a media type cut
    ("[x]", "(Voir data: ", "text/html;base64,PHNjcmlwdD4=)"),  # spaces before a media type
    ("[x]", "(javascript:\u00a0", "alert(1))"),  # a space JavaScript reads as one
    ("[x]", "(javascript&#58;window.loc", "ation=1)"),  # its ':' a reference
])
def test_a_script_or_data_urls_code_cut_at_a_join_is_held_back(
        translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations))


def test_code_the_markup_before_a_translation_leaves_open_is_held_back() -> None:
    # the article's own markup holds the scheme, whole; the translation completes its code
    assert held("See [x](javascript:window." + pair("abcde-101", "location=1) la doc.",
                                                     "Open docs.")) == [0]
    assert held("See [x](" + pair("abcde-101", "javascript:window.loc", "Open")
                + pair("abcde-102", "ation=1)", "docs.")) == [0, 1]


@pytest.mark.parametrize("translations", [
    ("Procédez comme suit :", "Exécutez la commande."),  # a colon that ends a sentence
    ("Les données data:", " Exemple=1"),  # a scheme's name, then white space and prose
    ("Ouvrez javascript:", "Fenêtre"),  # code with no call, assignment or string
])
def test_code_that_white_space_ends_or_the_english_makes_is_published(
        translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations)) == []


def test_code_the_english_page_completes_too_is_the_englishs_own() -> None:
    body = (pair("abcde-101", "Voir [x](javascript:window.loc", "See [x](javascript:window.loc")
            + pair("abcde-102", "ation=1) plus loin.", "ation=1) below."))
    assert held(body) == []


def test_a_translation_that_ends_within_a_schemes_code_but_touches_nothing_is_published(
        ) -> None:
    # the page has a line end after it: nothing goes on with the code
    assert held(pair("abcde-101", "Voir javascript:window.loc", "See it.") + "\n\n"
                + pair("abcde-102", "ation=1", "Next.")) == []


@pytest.mark.parametrize("translations", [
    # helper-116: code a browser runs though it reads as prose to bare_schemes
    ("Ouvrez le [terminal](", "javascript:ñ=alert,ñ(1)) Exécutez la commande."),
    ("Voir [x](", "<javascript:void alert(1)>) et la suite."),  # spaces in '<…>'
    ("Voir [x](", "javascript:void\u00a0alert(1)) et la suite."),  # a space JavaScript reads
    ("Voir [x](", "&#106;avascript:ñ(1)) et la suite."),  # a reference for a letter
    ("Voir <", "javascript:alert(1)> ici."),  # an autolink
    ("[x]:", " javascript:alert(1)"),  # a definition
    ('Voir <a href="', 'javascript:ñ(1)">ici</a>.'),  # an attribute that takes a URL
])
def test_a_scheme_where_the_text_before_leaves_a_destination_open_is_held_back(
        translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations))


def test_a_scheme_after_a_destination_the_markup_leaves_open_is_held_back() -> None:
    assert held("Voir [x](" + pair("abcde-101", "javascript:ñ=alert,ñ(1)) et la suite.",
                                   "See the rest.")) == [0]


@pytest.mark.parametrize("translations", [
    ("Le langage", "JavaScript: un langage."),  # no destination open before it
    ("Voir (", "la doc) ici."),  # a destination, no scheme
    ("Voir [x](", "https://learn.contoso.com) ici."),
])
def test_a_destination_with_no_script_or_data_scheme_is_published(
        translations: tuple[str, ...]) -> None:
    assert held(side_by_side(translations)) == []


@pytest.mark.parametrize("body", [
    # helper-119: a scheme cut inside a destination, its code read as prose by bare_schemes
    pair("abcde-101", "Voir [la doc]", "See") + pair("abcde-102", "(java", "the")
    + pair("abcde-103", "script:ñ=alert,ñ(document.domain)) puis.", "docs."),
    pair("abcde-101", "Voir [la doc]", "See") + pair("abcde-102", "(&#106;ava", "the")
    + pair("abcde-103", "script:ñ=alert,ñ(1)) puis.", "docs."),
    "See [x](java" + pair("abcde-101", "script:ñ=alert,ñ(1)) la doc.", "Script docs."),
    "[x]: java" + pair("abcde-101", "script:ñ=alert,ñ(1)", "Docs") + "\n\nVoir [x].",
    '<a href="java' + pair("abcde-101", "script:ñ=alert,ñ(1)", "Docs") + '">x</a>',
    "<java" + pair("abcde-101", "script:ñ=alert,ñ(1)>", "Docs"),
    # ... a destination opened further back, or over a CR alone, or with a space in '<…>'
    pair("abcde-101", "Voir [x](" + " " * 60, "See") + pair("abcde-102", "javascript:ñ(1)) et.",
                                                            "it."),
    pair("abcde-101", "Voir [x](< ", "See") + pair("abcde-102", "javascript:void alert(1)>) et.",
                                                   "it."),
    "Voir [x](\r" + pair("abcde-101", "javascript:ñ=alert,ñ(1)) et.", "See."),
    '<a href=\n"' + pair("abcde-101", 'javascript:ñ(1)">x</a>', "Docs"),
    # ... code with white space inside '<…>', where a destination may hold it
    "Voir [x](<javascript:void" + pair("abcde-101", " alert(document.domain)", "English.")
    + ">) la suite.",
])
def test_a_script_url_made_over_a_join_is_held_back_whatever_its_code_reads_like(body: str
                                                                               ) -> None:
    assert held(body)


@pytest.mark.parametrize("body", [
    # helper-120: an attribute opener with spaces after its quote, or '/' before its name
    '<a href="  ' + pair("abcde-101", "javascript:ñ=alert,ñ(document.domain)", "Docs")
    + '">la doc</a>',
    '<div>\n<a/href="' + pair("abcde-101", "javascript:ñ=alert,ñ(1)", "Docs") + '">x</a>\n</div>',
    # ... code longer than the look either side, inside '<…>' where white space goes on
    "Voir [la doc](<" + pair("abcde-101", "javascript:/*" + "A" * 90 + "*/void", "Open")
    + " alert(document.domain)>) pour la suite.",
    # ... line ends or white space that fill the look (a browser drops them from a URL)
    '<pre><a href="j' + "\n" * 120 + pair("abcde-101", "avascript:alert(1)", "Docs")
    + '">la doc</a></pre>',
    '<a href="' + pair("abcde-101", "j" + "\t" * 4200, "See")
    + pair("abcde-102", "avascript:alert(document.domain)", "Docs") + '">la doc</a>',
    # ... a scheme behind many references to white space, or a reference padded with zeros
    'Voir <a href="' + pair("abcde-101", "&#32;" * 100 + "javascript:ñ=alert,ñ(1)", "Docs")
    + '">la doc</a>.',
    'Voir <a href="' + pair("abcde-101", "&#" + "0" * 400 + "106;avascript:ñ(1)", "Docs")
    + '">la doc</a>.',
])
def test_a_link_made_at_a_join_however_far_its_parts_stand_is_held_back(body: str) -> None:
    assert held(body)


@pytest.mark.parametrize("run", [":", "&", "a:"])
def test_a_translation_of_a_long_run_of_colons_is_read_in_linear_time(run: str) -> None:
    """Whether a text ends within a scheme's code was read from each ':' and '&' on to the
    next white space: 20,000 colons before ' x' took 3 s a text (found by h144)."""
    import time

    start = time.perf_counter()
    assert held(side_by_side(("Voir", run * (20_000 // len(run)) + " x", "la doc."))) == []
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("text", ["", ":", " :", ": ", ":\r", ":\x0b \n", "a:b c", "a b:c",
                                  "a:\tb", "x&y\v", "&\x1c", "a\u00a0:", ": \r\n", "\n:\n"])
def test_a_text_ends_within_code_as_the_expression_read_it(text: str) -> None:
    import re

    assert joins._ends_in_code(text) == (
        re.search(r"[:&][^ \t\n]*[ \t\n\r\f\v]*\Z", text) is not None)


def test_a_text_ends_within_code_as_the_expression_read_it_of_any_text() -> None:
    """The same, of texts of every kind of white space (Unicode's too: no line end to the
    expression, which read ' ', tab and line feed as a word's end, and \\r\\f\\v after it)."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from([":", "&", "a", " ", "\t", "\n", "\r", "\f", "\v", "\u00a0",
                              "\u2028", "\u0085", "\u3000", "\x1c", "%"])

    @given(st.lists(pieces | st.characters(), max_size=20).map("".join))
    @settings(max_examples=400, deadline=None)
    def same(text: str) -> None:
        assert joins._ends_in_code(text) == (
            re.search(r"[:&][^ \t\n]*[ \t\n\r\f\v]*\Z", text) is not None)

    same()



def test_a_text_that_starts_a_scheme_part_has_a_cut_first_or_what_spells_a_colon() -> None:
    """scheme_joins reads a text's start with _STARTS_PART only where its first character
    may be a cut one or the text holds a ':', '&' or '\\': no start of a scheme is missed."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @given(st.text(alphabet="javscriptbldeJAVSD :&\\;#0x\t\n.-é\x00\x7f", max_size=16))
    @settings(max_examples=500, deadline=None)
    def needs(text: str) -> None:
        if joins._STARTS_PART.match(text) is not None:
            assert text[:1] in joins._STARTS or any(c in text for c in ":&\\")

    needs()
