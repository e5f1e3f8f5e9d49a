"""What translations that touch on a page make together: a script or data URL scheme split
over a segment's edge, which no segment rule sees (``pipeline.joins``)."""

from __future__ import annotations

import pytest

from pipeline import joins
from pipeline.article import parse_article
from pipeline.findings import Severity

FRONT = "---\ntitle: T\nms.contentlocale: fr-FR\n---\n"


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


def held(body: str) -> list[int]:
    """The segments ``joins.hold`` gives their English, the translations as published."""
    article = parse_article(FRONT + body + "\n", "fr-FR/a.md")
    published = [seg.translation for seg in article.segments]
    swaps = joins.hold(article, published, Severity.WARNING)
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
    body = "".join(pair(f"abcde-{101 + n}", t, f"English {n}.")
                   for n, t in enumerate(translations))
    assert held(body)


def test_a_scheme_the_markup_before_a_translation_begins_is_held_back() -> None:
    assert held("See [x](java" + pair("abcde-101", "script:alert(1)) la doc.", "Script docs.")
                ) == [0]


@pytest.mark.parametrize("translations", [
    ("Voir la note.", "Ouvrez le script : il démarre."),  # prose with a colon
    ("Les données", "data: 5"),  # a word, then a scheme's name alone in one text
    ("Exécutez", "javascript:alert(1)"),  # whole in one text: the segment rules' (unsafe-url)
])
def test_texts_that_make_no_scheme_together_are_published(translations: tuple[str, ...]) -> None:
    body = "".join(pair(f"abcde-{101 + n}", t, f"English {n}.")
                   for n, t in enumerate(translations))
    assert held(body) == []


def test_a_join_the_english_makes_too_is_the_englishs_own() -> None:
    # the English page shows the same link: the translation changes nothing there
    body = (pair("abcde-101", "(java", "(java")
            + pair("abcde-102", "script:alert(1)) la doc.", "script:alert(1)) docs."))
    assert held(body) == []
