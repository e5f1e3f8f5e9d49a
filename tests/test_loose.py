"""Translated text outside the pairs (``pipeline.loose``): where each piece is, and its English."""

from __future__ import annotations

import pytest

from pipeline.article import parse_article
from pipeline.loose import broken_pairs, front_matter_values, meta_values

LOOKUP = '</span><span class="sxs-lookup"><span data-stu-id="abcde-102">'
# (body, translation text found, its English, segment id)
BROKEN = [
    ('<span data-ttu-id="abcde-102">Salut</span> et la suite\n', "Salut", "", "abcde-102"),
    ('<span data-ttu-id="abcde-102&quot;>Salut' + LOOKUP + "Hello</span></span>\n",
     "Salut", "Hello", "abcde-102"),
    ('<span data-ttu-id=&quot;abcde-102&quot;>Salut</span><span class="sxs-lookup">'
     '<span data-stu-id=&quot;abcde-102&quot;>Hello</span></span>\n', "Salut", "Hello",
     "abcde-102"),
    ('<span data-ttu-id="abcde-102">Salut' + LOOKUP + "Hello\n", "Salut", "Hello\n",
     "abcde-102"),
    ('<span data-ttu-id="abcde-102">Salut, sans fin\n', "Salut, sans fin\n", "", "abcde-102"),
]


@pytest.mark.parametrize(("body", "translation", "english", "segment"), BROKEN,
                         ids=["unpaired", "escaped quote", "escaped quotes", "unclosed",
                              "never closed"])
def test_a_broken_pair_gives_its_translation_span_and_english(
    body: str, translation: str, english: str, segment: str
) -> None:
    text = "# T\n\n" + body
    article = parse_article(text, "fr-FR/a.md")
    assert article.problems
    [found] = broken_pairs(article)
    assert text[found.start : found.end] == translation
    assert (found.translation, found.source) == (translation.strip("\n"), english.strip("\n"))
    assert (found.segment, found.line, found.fallback) == (segment, 3, "")


def test_an_article_whose_pairs_all_read_has_no_broken_pair() -> None:
    text = ('<span data-ttu-id="abcde-102">Salut</span><span class="sxs-lookup">'
            '<span data-stu-id="abcde-102">Hello</span></span>\n')
    assert broken_pairs(parse_article(text, "fr-FR/a.md")) == []


def test_only_the_keys_translated_in_place_are_read_with_their_places() -> None:
    text = ("---\ntitle: Titre\nauthor: x\ndescription: 'Une description'\n"
            "keywords:\n- un\n- deux\nms.date: 01/02/2021\n---\nCorps\n")
    article = parse_article(text, "fr-FR/a.md")
    assert meta_values(article) is None  # a list: only the YAML events give its values
    found = front_matter_values(article)
    assert [(f.translation, f.line, text[f.start : f.end]) for f in found] == [
        ("Titre", 2, "Titre"), ("Une description", 4, "'Une description'"),
        ("un", 6, "un"), ("deux", 7, "deux")]
    plain = parse_article("---\ntitle: Titre\nms.date: x\n---\n", "fr-FR/a.md")
    assert meta_values(plain) == ["Titre"]
