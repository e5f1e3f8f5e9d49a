"""Rendering the three forms: only span texts change, every other byte is copied. Pages come from
``publish``, the one function that decides what a page shows, as in production."""

from __future__ import annotations

from dataclasses import replace

from pipeline.article import Article, parse_article
from pipeline.catalog import FUZZY, Catalog
from pipeline.catalog.keys import entries_for
from pipeline.checks.base import Options
from pipeline.merge import merge
from pipeline.publish import Policy, publish
from pipeline.render import Form, render

TEXT = (
    "---\r\ntitle: Titre\r\nms.translationtype: HT\r\nms.contentlocale: fr-FR\r\n---\n"
    "# <a name=\"intro\"></a>"
    '<span data-ttu-id="abcde-102">Introduction</span><span class="sxs-lookup">'
    '<span data-stu-id="abcde-102">Overview</span></span>\r\n'
    "| A | B |\n|---|---|\n"
    '| <span data-ttu-id="abcde-103">Oui</span><span class="sxs-lookup">'
    '<span data-stu-id="abcde-103">Yes</span></span> | `x` |\n'
    '[<span data-ttu-id="abcde-104">\n  Lien  </span><span class="sxs-lookup">'
    '<span data-stu-id="abcde-104">Link</span></span>](https://example.com)\u00a0\u200f'
)


def page(article: Article, catalog: Catalog, form: Form) -> str:
    text = publish(article, entries_for(article, catalog), Policy(Options(), form)).text
    assert text is not None
    return text


def test_bilingual_with_unchanged_catalog_is_the_input() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    assert page(article, merge(article, None), Form.BILINGUAL) == TEXT


def test_localized_replaces_each_pair_with_its_translation() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    out = page(article, merge(article, None), Form.LOCALIZED)
    assert "# <a name=\"intro\"></a>Introduction\r\n| A | B |" in out
    assert "| Oui | `x` |\n" in out
    # the translation span's leading line break is layout its English span lacks (see below)
    assert out.endswith("[Lien  ](https://example.com)\u00a0\u200f")
    assert out.startswith("---\r\ntitle: Titre\r\n")
    assert "data-ttu-id" not in out and "sxs-lookup" not in out


def test_source_replaces_each_pair_with_its_english() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    out = render(article, Form.SOURCE)
    assert "# <a name=\"intro\"></a>Overview\r\n" in out
    assert "| Yes | `x` |" in out
    assert out.endswith("[Link](https://example.com)\u00a0\u200f")


def test_catalog_edit_lands_inside_the_translation_span_keeping_layout() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    cat = merge(article, None)
    cat = replace(cat, messages=tuple(
        replace(m, msgstr="Le lien") if m.msgid == "Link" else m for m in cat.messages))
    out = page(article, cat, Form.BILINGUAL)
    # the leading line break is layout kept from the article; the rest is the catalog's text
    assert '<span data-ttu-id="abcde-104">\n  Le lien</span>' in out
    assert out.replace("Le lien", "Lien  ") == TEXT


def test_fuzzy_entry_is_never_published() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    cat = merge(article, None)
    cat = replace(cat, messages=tuple(
        replace(m, msgstr="Pas pour cet anglais", flags=(FUZZY,)) if m.msgid == "Yes" else m
        for m in cat.messages))
    out = page(article, cat, Form.LOCALIZED)
    assert "Pas pour cet anglais" not in out
    assert "| Oui |" in out


def test_article_without_pairs_renders_unchanged_in_every_form() -> None:
    text = "# Just text\n\nNo pairs here.\n"
    article = parse_article(text, "fr-FR/b.md")
    for form in Form:
        assert render(article, form, []) == text


def test_edits_replace_text_outside_the_pairs_in_every_form() -> None:
    article = parse_article(TEXT, "fr-FR/a.md")
    start = TEXT.index("Titre")
    edits = [(start, start + len("Titre"), '""')]
    for form in Form:
        assert render(article, form, None, edits) == render(article, form).replace(
            "title: Titre", 'title: ""', 1)


def _pair(n: int, translation: str, english: str) -> str:
    return (f'<span data-ttu-id="a2c46-{n}">{translation}</span><span class="sxs-lookup">'
            f'<span data-stu-id="a2c46-{n}">{english}</span></span>')


def test_a_line_break_only_the_translation_span_has_stays_off_the_localized_page() -> None:
    """Real handoffs end a table cell's translation span with a line break its English span
    lacks; on the page, with no span around it, that break would end the row."""
    text = ("|Header|Value|\n|:---|:---|\n|" + _pair(102, "Авторизация", "Authorization") + "|"
            + _pair(103, "Требуется Bearer &lt;маркер&gt;\n", "Bearer &lt;token&gt; Required.")
            + "|\n|Accept|json|\n\n"
            + _pair(104, "\n   Abschnitt eins.\n", "\n   Section one.\n") + "\n")
    article = parse_article(text, "ru-RU/a.md")
    page = render(article, Form.LOCALIZED)
    assert "|Авторизация|Требуется Bearer &lt;маркер&gt;|\n|Accept|json|\n" in page
    assert page.endswith("\n\n\n   Abschnitt eins.\n\n")  # both spans break: the page too
    assert render(article, Form.BILINGUAL) == text


def test_an_empty_translation_span_leaves_the_english_on_the_localized_page() -> None:
    # an sxs pair with nothing in its translation span is untranslated, as an empty msgstr
    # is: the page shows the English (as an English-driven page does), never a hole where
    # the sentence was; the bilingual form keeps the empty span as delivered
    text = ('<span data-ttu-id="abcde-102"></span><span class="sxs-lookup">'
            '<span data-stu-id="abcde-102">Open a terminal.</span></span> '
            '<span data-ttu-id="abcde-103">Oui.</span><span class="sxs-lookup">'
            '<span data-stu-id="abcde-103">Yes.</span></span>\n')
    article = parse_article(text, "fr-FR/a.md")
    catalog = merge(article, None)
    assert page(article, catalog, Form.LOCALIZED) == "Open a terminal. Oui.\n"
    assert page(article, catalog, Form.BILINGUAL) == text
    # so does a catalog entry left untranslated over an empty span
    assert page(article, Catalog(), Form.LOCALIZED) == "Open a terminal. Oui.\n"
