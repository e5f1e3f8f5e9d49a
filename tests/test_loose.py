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


BUILT = {  # front matter -> (each string a YAML reader builds under a translated key, the text
    # a hold replaces)
    "binary": ("title: !!binary PHNjcmlwdD4=\n", [
        ("PHNjcmlwdD4=", "!!binary PHNjcmlwdD4="), ("<script>", "!!binary PHNjcmlwdD4=")]),
    "binary key": ("!!binary dGl0bGU=: Titre\n", [("Titre", "Titre")]),
    "merge key": ('<<: {title: "<s>"}\n', [("<s>", '"<s>"')]),
    "merged twice": ('m: &m {description: "<s>"}\n<<: [*m, *m]\n', [("<s>", '"<s>"')]),
    "alias of a list": ('x: &a ["<s>", b]\ntitle: *a\n', [("<s>", "*a"), ("b", "*a")]),
    "merge inside a value": ('m: &m {k: "<s>"}\ntitle: {<<: *m}\n', [
        ("<<", "<<"), ("k", "k"), ("<s>", '"<s>"')]),
    # helper-120: a key tagged as a merge merges whatever its text
    "tagged merge key": ('!!merge x: {title: "<s>"}\n', [("<s>", '"<s>"')]),
    "tagged merge, complex key": ('? !!merge\n: {title: "<s>"}\n', [("<s>", '"<s>"')]),
}


@pytest.mark.parametrize(("front", "expected"), BUILT.values(), ids=BUILT.keys())
def test_translated_values_are_read_as_a_yaml_reader_builds_them(
    front: str, expected: list[tuple[str, str]]
) -> None:
    """A merge key, an alias of a list, '!!binary': each string a reader builds is read, with
    the text a hold replaces, which leaves valid YAML (an alias a merge key takes is kept: it
    must name a mapping)."""
    text = "---\n" + front + "ms.date: x\n---\nCorps\n"
    article = parse_article(text, "fr-FR/a.md")
    assert meta_values(article) is None  # never the raw scalar texts alone
    assert [(f.translation, text[f.start : f.end]) for f in front_matter_values(article)] \
        == expected
