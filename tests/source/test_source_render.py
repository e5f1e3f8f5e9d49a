"""Rendering from English: every byte of the English kept but the segments; Microsoft's heading
anchors; the front matter's title and description translated and the locale recorded; the
source form byte for byte; the bilingual form's pairs."""

from __future__ import annotations

import pytest
import yaml
from source_tree import Tree, lag

from pipeline.article import read_front_matter, scan_segments
from pipeline.render import Form
from pipeline.segment import segment
from pipeline.segment.model import Kind
from pipeline.source.links import anchors, broken_by_translation, links
from pipeline.source.render import render
from pipeline.source.units import english_meta, front_matter_span, units_of

ARTICLE = """\
---
title: Set up the reader
description: Install the reader. Then sign in.
ms.date: 05/02/2024
---

# Set up the reader

The reader shows your
documents offline.  It needs   **no** account.

## <a name="old"></a>Before you start

See [the settings](#change-the-settings) and [the start](#set-up-the-reader).

![The reader's main window](media/main.png)

## Change the settings

> [!NOTE]
> Settings live in
> `~/.reader`.
"""


def _page(text: str, table: dict[str, str], form: Form = Form.LOCALIZED,
          locale: str = "fr-FR") -> tuple[str, list[str]]:
    english = segment(text, "a.md")
    units = units_of(english, "a.md")
    published = [table.get(u.source, u.source) for u in units]
    page = render(english, units, published, form, locale, english_meta(english))
    return page, [u.source for u in units]


FRENCH = {
    "Set up the reader": "Configurer le lecteur",
    "Install the reader.": "Installez le lecteur.",
    "The reader shows your documents offline.": "Le lecteur affiche vos documents hors ligne.",
    "Before you start": "Avant de commencer",
    "See [the settings](#change-the-settings) and [the start](#set-up-the-reader).":
        "Consultez [les paramètres](#change-the-settings) et [le début](#set-up-the-reader).",
    "The reader's main window": "La fenêtre principale du lecteur",
    "Change the settings": "Modifier les paramètres",
    "Settings live in `~/.reader`.": "Les paramètres sont dans `~/.reader`.",
}


@pytest.mark.parametrize("text", [
    ARTICLE,
    ARTICLE.replace("\n", "\r\n"),
    ARTICLE.rstrip("\n"),
    "\ufeff" + ARTICLE,
    "# No front matter\n\nJust a line.",
])
def test_source_form_is_the_english_byte_for_byte(text: str) -> None:
    assert _page(text, FRENCH, Form.SOURCE)[0] == text


def test_localized_page_keeps_every_byte_of_the_english_but_the_segments() -> None:
    english = segment(ARTICLE, "a.md")
    units = units_of(english, "a.md")
    # each translated unit a marker, so that the page can be taken back to the English
    marks = [f"\x00{i}\x00" if u.source in FRENCH else u.source for i, u in enumerate(units)]
    page = render(english, units, marks, Form.LOCALIZED, "fr-FR", english_meta(english))
    for i, u in enumerate(units):
        if u.kind not in (Kind.TITLE, Kind.DESCRIPTION):
            page = page.replace(f"\x00{i}\x00", ARTICLE[u.start:u.end])
    expected = ARTICLE
    for slug in ("change-the-settings", "before-you-start", "set-up-the-reader"):
        heading = {"set-up-the-reader": "# ", "before-you-start": "## ",
                   "change-the-settings": "## "}[slug]
        text = {"set-up-the-reader": "Set up the reader", "before-you-start":
                '<a name="old"></a>Before you start', "change-the-settings":
                "Change the settings"}[slug]
        expected = expected.replace(f"\n{heading}{text}\n",
                                    f'\n{heading}<a name="{slug}"></a>{text}\n')
    page_head, _, page_body = page.partition("\n---\n")
    body = expected.partition("\n---\n")[2]
    assert page_body == body
    assert page_head.endswith("\nms.contentlocale: fr-FR")


def test_a_segment_left_in_english_keeps_its_own_line_breaks() -> None:
    page, _ = _page(ARTICLE, {})
    assert "The reader shows your\ndocuments offline.  It needs   **no** account." in page
    assert "> Settings live in\n> `~/.reader`." in page


def test_a_translated_segment_replaces_its_lines_and_nothing_around_it() -> None:
    page, _ = _page(ARTICLE, FRENCH)
    assert "Le lecteur affiche vos documents hors ligne.  It needs   **no** account.\n" in page
    assert "> [!NOTE]\n> Les paramètres sont dans `~/.reader`.\n" in page
    assert "![La fenêtre principale du lecteur](media/main.png)" in page


def test_each_heading_gets_microsofts_anchor_after_its_hashes() -> None:
    page, _ = _page(ARTICLE, FRENCH)
    assert '# <a name="set-up-the-reader"></a>Configurer le lecteur\n' in page
    assert '## <a name="before-you-start"></a><a name="old"></a>Avant de commencer\n' in page
    assert '## <a name="change-the-settings"></a>Modifier les paramètres\n' in page


@pytest.mark.parametrize("locale", ["fr-FR", "ar-SA", "ja-JP"])
def test_links_to_english_slugs_resolve_in_every_locale(locale: str) -> None:
    page, _ = _page(ARTICLE, FRENCH if locale == "fr-FR" else {
        k: f"[{locale}] {v}" for k, v in FRENCH.items() if "#" not in k}, locale=locale)
    assert links(page) == ["change-the-settings", "set-up-the-reader"]
    assert broken_by_translation(ARTICLE, page) == []
    assert {"change-the-settings", "set-up-the-reader", "old"} <= anchors(page)


HEADINGS = """\
# Headings

See [the second](#overview-1), [the keys](#press-ctrlc) and [the way](#the-new-way).

## Overview

One.

## Overview

Two.

## Press <kbd>Ctrl+C</kbd>

Three.

## The _new_ way

Four.
"""


def test_a_heading_whose_english_page_id_differs_from_microsofts_slug_gets_both() -> None:
    """DocFX numbers a repeated heading (-1) and slugs what a reader sees (no tag, no
    emphasis marker): the English's links to those ids work in the locale too."""
    page, _ = _page(HEADINGS, {"Overview": "Aperçu", "The _new_ way": "La _nouvelle_ voie",
                               "Press <kbd>Ctrl+C</kbd>": "Appuyez sur <kbd>Ctrl+C</kbd>"})
    assert '## <a name="overview"></a>Aperçu\n' in page
    assert '## <a name="overview"></a><a name="overview-1"></a>Aperçu\n' in page
    assert '<a name="press-kbdctrlckbd"></a><a name="press-ctrlc"></a>Appuyez' in page
    assert '<a name="the-_new_-way"></a><a name="the-new-way"></a>La _nouvelle_ voie' in page
    assert links(HEADINGS) == ["overview-1", "press-ctrlc", "the-new-way"]
    assert {"overview-1", "press-ctrlc", "the-new-way"} <= anchors(HEADINGS)
    assert broken_by_translation(HEADINGS, page) == []
    # without the page's ids the links would break: the figure is no tautology
    bare = page.replace('<a name="overview-1"></a>', "").replace('<a name="the-new-way"></a>', "")
    assert broken_by_translation(HEADINGS, bare) == ["overview-1", "the-new-way"]


def test_a_translation_that_changes_an_anchor_breaks_a_link() -> None:
    page = ARTICLE.replace("(#change-the-settings)", "(#modifier)")
    assert broken_by_translation(ARTICLE, page) == ["modifier"]


def _front(page: str) -> dict[str, str | None]:
    span = front_matter_span(page, page.index("\n---\n", 4) + 5)
    assert span is not None
    return read_front_matter(page[span[0]:span[1]], "page")[0]


def test_front_matter_title_and_description_are_translated_and_the_locale_recorded() -> None:
    page, _ = _page(ARTICLE, FRENCH)
    meta = _front(page)
    assert meta["title"] == "Configurer le lecteur"
    assert meta["description"] == "Installez le lecteur. Then sign in."
    assert meta["ms.contentlocale"] == "fr-FR"
    assert meta["ms.date"] == "05/02/2024"
    assert page.startswith("---\ntitle: Configurer le lecteur\ndescription: Installez le lecteur."
                           " Then sign in.\nms.date: 05/02/2024\nms.contentlocale: fr-FR\n---\n")


@pytest.mark.parametrize(("line", "translation"), [
    ("title: Set up the reader", "Configurer : le lecteur"),  # ': ' in a plain value
    ("title: Set up the reader", "#1 du lecteur"),  # a comment sign
    ('title: "Set up the reader"', 'Le "lecteur"'),  # quotes in a double-quoted value
    ("title: 'Set up the reader'", "L'installation"),  # a quote in a single-quoted value
    ("title: >-\n  Set up the\n  reader", "Configurer le lecteur"),  # a folded value
])
def test_a_translated_title_always_reads_back_as_its_translation(line: str,
                                                                  translation: str) -> None:
    text = f"---\n{line}\nauthor: me\n---\n\n# Set up the reader\n"
    page, _ = _page(text, {"Set up the reader": translation})
    meta = _front(page)
    assert meta["title"] == translation
    assert meta["author"] == "me"


@pytest.mark.parametrize("line", [
    "title: >-\n  Set up\n\n  the reader",
    "title: |-\n  Set up\n\n  the reader",
    "title: >-\r\n  Set up\r\n\r\n  the reader",
    "title: >-\n  Set up\n  \n\n  the reader\n\n",
])
def test_a_block_title_with_blank_lines_is_translated_whole(line: str) -> None:
    """A blank line inside a block scalar does not end it: the value goes on after it."""
    text = f"---\n{line}\nauthor: me\n---\n\n# Set up the reader\n"
    english = segment(text, "a.md")
    title = next(u.source for u in units_of(english, "a.md") if u.kind is Kind.TITLE)
    page, _ = _page(text, {title: "Configurer\nle lecteur"})
    meta = _front(page)
    assert meta["title"] == "Configurer\nle lecteur" and meta["author"] == "me"


@pytest.mark.parametrize(("line", "kept"), [
    ("title: Set up the reader # approved by legal", " # approved by legal"),
    ('title: "Set up the reader"   # approved', "   # approved"),
    ("title: Set up\n  the reader # approved", " # approved"),
])
def test_a_comment_after_a_title_written_again_as_a_quoted_string_is_kept(
        line: str, kept: str) -> None:
    text = f"---\n{line}\nauthor: me\n---\n\n# Set up the reader\n"
    english = segment(text, "a.md")
    title = next(u.source for u in units_of(english, "a.md") if u.kind is Kind.TITLE)
    page, _ = _page(text, {title: "Configurer : le lecteur"})  # ': ' needs quotes
    assert page.startswith(f'---\ntitle: "Configurer : le lecteur"{kept}\nauthor: me\n')
    assert _front(page)["title"] == "Configurer : le lecteur"


@pytest.mark.parametrize("front", [
    "{title: Set up the reader, author: me}",
    "{title: Set up the reader,\n author: me}  ",
    "{}",
    "{title: Set up the reader, author: me, }",  # a trailing comma
    "{title: Set up the reader, ms.contentlocale: en-US}",  # the key there already
])
def test_front_matter_written_as_a_flow_mapping_gets_the_locale_inside_it(front: str) -> None:
    text = f"---\n{front}\n---\n\n# Set up the reader\n"
    page, _ = _page(text, {"Set up the reader": "Configurer le lecteur"})
    meta = _front(page)
    assert meta["ms.contentlocale"] == "fr-FR"
    assert meta.get("author", "me") == "me"


@pytest.mark.parametrize("line", ["ms.contentlocale : en-us", "'ms.contentlocale': en-us",
                                  '"ms.contentlocale": en-us'])
def test_a_locale_key_spelled_otherwise_is_replaced_not_added_again(line: str) -> None:
    _replaced_once(line)


@pytest.mark.parametrize("before", [
    'description: "A long\nms.contentlocale: en-us"',  # the text inside a quoted value
    "ms.contentlocale:\n  - en-us",  # its value on the lines below
])
def test_a_locale_line_that_is_not_the_key_leaves_the_front_matter_valid(before: str) -> None:
    text = f"---\ntitle: Set up the reader\n{before}\n---\n\n# Set up the reader\n"
    page, _ = _page(text, {"Set up the reader": "Configurer le lecteur"})
    assert _front(page)["title"] == "Configurer le lecteur"  # the YAML still reads


def test_front_matter_that_does_not_read_still_records_the_locale() -> None:
    """The English's own YAML slip (a ': ' in a plain value) is reported as it was; the
    page still says which locale it is."""
    text = ("---\ntitle: Set up the reader\ndescription: Use this: the thing\n"
            "ms.contentlocale: en-us\n---\n\n# Set up the reader\n")
    page, _ = _page(text, {"Set up the reader": "Configurer le lecteur"})
    assert "\nms.contentlocale: fr-FR\n" in page and "en-us" not in page


def _replaced_once(line: str) -> None:
    text = f"---\ntitle: Set up the reader\n{line}\n---\n\n# Set up the reader\n"
    page, _ = _page(text, {"Set up the reader": "Configurer le lecteur"})
    front = page.split("---")[1]
    assert front.count("ms.contentlocale") == 1
    assert read_front_matter(front, "a.md")[0]["ms.contentlocale"] == "fr-FR"


@pytest.mark.parametrize("front", [
    "{title: Set up the reader, author: me} # reviewed",  # a comment after the brace
    "# generated\n{title: Set up the reader, author: me} # reviewed",
    "&fm {title: Set up the reader, author: me} # reviewed",
    "!!map {title: Set up the reader, author: me} # reviewed",
    "- a\n- b",  # not a mapping at all
    "just a line",
])
def test_front_matter_the_locale_cannot_be_written_into_is_kept_as_it_is(front: str) -> None:
    """Front matter never breaks: YAML that is not a plain block mapping, with no place for
    one more key, stays as it was."""
    text = f"---\n{front}\n---\n\n# Set up the reader\n"
    page, _ = _page(text, {"Set up the reader": "Configurer le lecteur"})
    assert page.startswith(f"---\n{front}\n---\n")


def test_a_line_of_spaces_inside_a_block_value_does_not_end_it() -> None:
    text = ("---\ntitle: Set up the reader\ndescription: >-\n    First para\n  \n"
            "    second para.\nauthor: me\n---\n\n# H\n")
    english = segment(text, "a.md")
    description = next(u.source for u in units_of(english, "a.md")
                       if u.kind is Kind.DESCRIPTION)
    page, _ = _page(text, {description: "Premier\ndeuxième."})
    assert _front(page)["description"] == "Premier\ndeuxième."
    assert _front(page)["author"] == "me"


def test_a_comment_below_a_block_value_is_kept_when_the_value_is_written_again() -> None:
    """A line less indented than a block value's ends it: the comment there stays."""
    text = ("---\ntitle: |\n    Set up\n\n    the reader\n\n  # reviewed by legal\n"
            "author: me\n---\n\n# H\n")
    english = segment(text, "a.md")
    title = next(u.source for u in units_of(english, "a.md") if u.kind is Kind.TITLE)
    page, _ = _page(text, {title: "Configurer\n\nle lecteur"})
    assert "\n\n  # reviewed by legal\nauthor: me\n" in page
    assert _front(page)["title"] == "Configurer\n\nle lecteur\n"  # '|' keeps the last line end


def test_an_article_without_front_matter_gets_one_with_the_locale() -> None:
    page, _ = _page("Just a line.\n", {"Just a line.": "Juste une ligne."}, locale="ar-SA")
    assert page == "---\nms.contentlocale: ar-SA\n---\nJuste une ligne.\n"


def test_front_matter_added_to_a_crlf_article_has_its_line_ends() -> None:
    page, _ = _page("\ufeffJust a line.\r\nMore.\r\n", {}, locale="ar-SA")
    assert page == "\ufeff---\r\nms.contentlocale: ar-SA\r\n---\r\nJust a line.\r\nMore.\r\n"


def test_the_bilingual_form_holds_each_segment_as_a_pair() -> None:
    page, sources = _page(ARTICLE, FRENCH, Form.BILINGUAL)
    pairs = scan_segments(page, 0, "a.md")[0]
    body = [s for s in sources if s not in ("Install the reader.", "Then sign in.",
                                             "The reader's main window")]
    assert [p.source for p in pairs] == body[1:]  # the title is in the front matter
    assert pairs[0].translation == "Configurer le lecteur"
    assert pairs[1].translation == "Le lecteur affiche vos documents hors ligne."
    assert pairs[2].translation == "It needs   **no** account."  # untranslated: its English
    assert '# <a name="set-up-the-reader"></a><span data-ttu-id=' in page


def test_the_bilingual_form_of_an_english_with_a_byte_order_mark_reads_back() -> None:
    """A Windows editor's byte order mark stays on every form; the sxs reader takes the
    bilingual page back and its English is the article's again."""
    from pipeline.article import read_article

    text = "\ufeff" + ARTICLE
    page, _ = _page(text, FRENCH, Form.BILINGUAL)
    article = read_article(page.encode("utf-8"), "fr-FR/a.md")
    assert page.startswith("\ufeff---\n")
    assert article.meta["title"] == "Configurer le lecteur"
    assert [p.source for p in article.segments][:2] == ["Set up the reader",
                                                        "The reader shows your documents offline."]


def test_a_front_matter_with_a_duplicated_key_still_gets_its_title_translated() -> None:
    """The handoffs took such YAML as it is; the reader refuses it. The title is translated in
    place all the same, and the duplicate stays as the English has it."""
    text = ("---\ntitle: Set up the reader\nms.devlang: azurecli\nms.devlang: azurecli\n---\n\n"
            "# Set up the reader\n")
    page, _ = _page(text, FRENCH)
    assert page.startswith("---\ntitle: Configurer le lecteur\nms.devlang: azurecli\n"
                           "ms.devlang: azurecli\nms.contentlocale: fr-FR\n---\n")


def test_the_catalog_forms_escapes_do_not_show_in_a_raw_html_block() -> None:
    """The handoffs' English escapes '*' in HTML text (``\\*.txt``); HTML does not read the
    escape, so a translation that keeps it is published without it."""
    text = "<table>\n<tr><td>Text Files (*.txt; *.csv)</td></tr>\n</table>\n"
    page, sources = _page(text, {
        "Text Files (\\*.txt; \\*.csv)": "Fichiers texte (\\*.txt; \\*.csv)"})
    assert sources == ["Text Files (\\*.txt; \\*.csv)"]
    assert "<td>Fichiers texte (*.txt; *.csv)</td>" in page


COLUMNS = """# Links

:::row:::
    :::column:::
        - [Posting profiles](profiles.md)
        - [Card setup](cards.md)
    :::column-end:::
:::row-end:::
"""


def test_a_column_of_a_row_is_translated_in_place_and_keeps_its_layout(tree: Tree) -> None:
    tree.write("hub.md", COLUMNS)
    tree.target("he-IL")
    assert tree.run("extract") == 0
    english = "- [Posting profiles](profiles.md)\n        - [Card setup](cards.md)"
    hebrew = "- [פרופילי רישום](profiles.md)\n        - [הגדרת כרטיס](cards.md)"
    assert english in {m.msgid for m in tree.catalog("he-IL", "hub.md").messages}
    tree.translate("he-IL", "hub.md", {english: hebrew})
    assert tree.run("locales") == 0
    assert tree.page("he-IL", "hub.md").endswith(
        "    :::column:::\n        " + hebrew + "\n    :::column-end:::\n:::row-end:::\n")
    assert tree.run("render", "--form", "source") == 0
    assert tree.page("he-IL", "hub.md") == COLUMNS


def test_a_heading_of_two_sentences_is_two_units_under_one_anchor_of_the_whole() -> None:
    text = ("## Why is my deal missing? How can I find it?\n\n"
            "See [it](#why-is-my-deal-missing-how-can-i-find-it).\n")
    page, sources = _page(text, {"Why is my deal missing?": "Où est mon offre ?",
                                 "How can I find it?": "Comment la trouver ?"})
    assert sources[:2] == ["Why is my deal missing?", "How can I find it?"]
    assert page.endswith('## <a name="why-is-my-deal-missing-how-can-i-find-it"></a>'
                         "Où est mon offre ? Comment la trouver ?\n\n"
                         "See [it](#why-is-my-deal-missing-how-can-i-find-it).\n")
    bilingual, _ = _page(text, {}, Form.BILINGUAL)
    assert bilingual.count("<a name=") == 1
    assert broken_by_translation(text, page) == []


def test_a_crlf_column_gives_lf_catalog_english_and_keeps_its_crlf_on_the_page() -> None:
    text = COLUMNS.replace("\n", "\r\n")
    english = "- [Posting profiles](profiles.md)\n        - [Card setup](cards.md)"
    hebrew = "- [פרופילי רישום](profiles.md)\n        - [הגדרת כרטיס](cards.md)"
    page, sources = _page(text, {english: hebrew})
    assert english in sources  # what a handoff's reader gives for the same span
    assert "    :::column:::\r\n        - [פרופילי רישום](profiles.md)\r\n        - [הגדרת" in page
    bilingual, _ = _page(text, {}, Form.BILINGUAL)
    assert english in [s.source for s in scan_segments(bilingual, 0, "a.md")[0]]


@pytest.mark.parametrize("word", ["No", "yes", "null", "~", "2024-01-01", "0x10", "on", "1.0"])
def test_a_translation_yaml_would_read_as_no_text_is_written_quoted(word: str) -> None:
    text = ("---\ntitle: Setup guide\ndescription: How to set up.\nkeywords:\n  - setup\n"
            "  - install, configure\n---\nBody.\n")
    page, _ = _page(text, {"Setup guide": word, "How to set up.": word, "setup": word})
    values = yaml.safe_load(page.split("---")[1])
    assert values["title"] == word and values["description"] == word
    assert values["keywords"][0] == word


def test_a_title_yaml_would_not_read_as_text_is_quoted_beside_a_duplicated_key() -> None:
    text = "---\ntitle: Hello there\nms.author: x\nms.author: y\n---\nBody.\n"
    page, _ = _page(text, {"Hello there": "No"})
    assert 'title: "No"\n' in page


def test_a_setext_heading_of_two_lines_gets_one_anchor_of_the_whole() -> None:
    page, _ = _page("First step.\nThen more\n=========\n\nBody.\n", {})
    assert page.count("<a name=") == 1
    assert '<a name="first-step-then-more"></a>First step.\nThen more\n' in page


@pytest.mark.parametrize("space", ["\t", "\u00a0"])
def test_a_code_span_of_the_translation_is_published_as_the_english_writes_it(
    space: str
) -> None:
    """The catalog form has a tab or no-break space as a space (the handoffs' English does);
    in code it is another character, and the page must run the English's command."""
    text = f"# Tabs\n\nSplit fields with `cut -d '{space}' -f 2` in the\nshell.\n"
    english = segment(text, "a.md")
    units = units_of(english, "a.md")
    sentence = next(u.source for u in units if u.source.startswith("Split"))
    assert sentence == "Split fields with `cut -d ' ' -f 2` in the shell."
    page, _ = _page(text, {sentence: "Séparez les champs avec `cut -d ' ' -f 2` dans le shell."})
    assert f"Séparez les champs avec `cut -d '{space}' -f 2` dans le shell.\n" in page


def test_a_link_to_a_heading_with_a_character_reference_works_in_every_locale() -> None:
    """DocFX makes the id from the text a reader sees: 'Fish &amp; chips' is fish--chips
    (Microsoft's own slug keeps 'amp': fish-amp-chips); the page gets both anchors."""
    text = "# Menu\n\n## Fish &amp; chips\n\nSee [the dish](#fish--chips).\n"
    page, _ = _page(text, {"Fish &amp; chips": "Poisson &amp; frites",
                           "See [the dish](#fish--chips).": "Voir [le plat](#fish--chips)."})
    assert '## <a name="fish-amp-chips"></a><a name="fish--chips"></a>Poisson &amp; frites' in page
    assert broken_by_translation(text, page) == []


def test_a_heading_that_is_only_an_image_keeps_its_id_once_its_alt_text_is_translated() -> None:
    text = "# Brand\n\n## ![Logo](media/logo.png)\n\nSee [the logo](#logo).\n"
    page, _ = _page(text, {"Logo": "Le logo", "See [the logo](#logo).": "Voir [le logo](#logo)."})
    assert '## <a name="logo"></a>![Le logo](media/logo.png)\n' in page
    assert broken_by_translation(text, page) == []


def test_only_the_code_span_the_english_writes_with_a_tab_gets_it_back() -> None:
    text = "# Cut\n\nThen, `cut -d '\t'` splits at tabs and `cut -d ' '` at spaces.\n"
    english = segment(text, "a.md")
    units = units_of(english, "a.md")
    sentence = next(u.source for u in units if u.source.startswith("Then"))
    page, _ = _page(text, {sentence: "Puis `cut -d ' '` coupe aux tabulations et `cut -d ' '` "
                                     "aux espaces."})
    assert "Puis `cut -d '\t'` coupe aux tabulations et `cut -d ' '` aux espaces." in page


IMAGE = ('# Run\n\n:::image type="content" source="run.png" alt-text="Screenshot of the Run '
         'button.":::\n\nSelect **Run**.\n')


@pytest.mark.parametrize("translation, what", [
    ('Capture d’écran du bouton "Exécuter".', "straight double quote"),
    ("Capture d’écran ::: du bouton.", "':::'"),
])
@pytest.mark.parametrize("extra", [(), ("--ignore", "html-broken")])
def test_an_alt_text_translation_that_would_end_its_attribute_is_never_published(
        tree: Tree, capsys: pytest.CaptureFixture[str], translation: str, what: str,
        extra: tuple[str, ...]) -> None:
    tree.write("run.md", IMAGE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "run.md", {"Screenshot of the Run button.": translation})
    capsys.readouterr()
    assert tree.run("locales", *extra) == (0 if extra else 1)
    page = tree.page("fr-FR", "run.md")
    assert 'alt-text="Screenshot of the Run button.":::' in page  # the English, whole
    assert translation not in page
    said = "".join(capsys.readouterr())
    assert ("error[html-broken]" in said and what in said) is not bool(extra)
    # the swap itself is said whatever the selection
    assert "render-substituted]: the translation was held back (html-broken)" in said


@pytest.mark.parametrize("extra", [(), ("--ignore", "html-broken,new-block,newline-added")])
def test_an_alt_text_translation_with_a_carriage_return_is_never_published(
        tree: Tree, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...]) -> None:
    """A carriage return alone ends a line as a line feed does: the attribute would end, and
    the next line open a heading."""
    tree.write("run.md", IMAGE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "run.md", {"Screenshot of the Run button.": "Un schéma\r# Titre"})
    capsys.readouterr()
    tree.run("locales", *extra)
    page = tree.page("fr-FR", "run.md")
    assert 'alt-text="Screenshot of the Run button.":::' in page and "\r" not in page
    assert "render-substituted]" in "".join(capsys.readouterr())


def test_an_alt_text_translation_with_the_languages_own_quotes_is_published(tree: Tree) -> None:
    tree.write("run.md", IMAGE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "run.md", {"Screenshot of the Run button.":
                                       "Capture d’écran du bouton « Exécuter »."})
    assert tree.run("locales") == 0
    assert 'alt-text="Capture d’écran du bouton « Exécuter ».":::' in tree.page("fr-FR", "run.md")


@pytest.mark.parametrize("first", [
    # a line separator pasted from Word, then the first 'Setup'
    "# Deploy\n\nCopied from the wiki:\u2028keep the settings.\n\n## Setup\n\n",
    # a commented-out section's heading is none of the page's
    "# Deploy\n\n<!--\n## Setup\n\nAn old section, commented out.\n-->\n\n## Setup\n\n",
    # a setext heading counts; a YAML comment in the front matter does not
    "---\ntitle: Deploy\n# a YAML comment, no heading\n---\nSetup\n-----\n\n",
])
def test_a_repeated_headings_page_id_is_counted_as_docfx_counts_its_headings(
        tree: Tree, first: str) -> None:
    tree.write("a.md", f"{first}First.\n\n## Setup\n\n"
                       "Second. Back to [the second setup](#setup-1).\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"Setup": "Configuration"})
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "a.md")
    assert page.count('<a name="setup-1"></a>') == 1
    assert '## <a name="setup"></a><a name="setup-1"></a>Configuration\n\nSecond.' in page


def test_a_translation_that_unlinks_a_reference_of_the_english_is_never_published(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.write("a.md", "# Agent\n\nSee [Agent docs] for more. Read the [release notes][] first."
                       "\n\n[agent docs]: https://contoso.com/agent\n"
                       "[release notes]: https://contoso.com/notes\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    english = "See [Agent docs] for more."
    tree.translate("fr-FR", "a.md", {english: "Voir [Documentation de l’agent] pour en savoir "
                                              "plus.",
                                     "Read the [release notes][] first.":
                                     "Lisez d’abord les [notes de publication][release notes]."})
    capsys.readouterr()
    assert tree.run("locales") == 1
    said = "".join(capsys.readouterr())
    assert "error[link-target-changed]: reference link lost" in said and "agent docs" in said
    page = tree.page("fr-FR", "a.md")
    assert english in page  # the English, its link whole
    assert "Lisez d’abord les [notes de publication][release notes]." in page


def test_an_alt_text_held_back_for_its_quote_is_counted_as_held_back(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.write("run.md", IMAGE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "run.md", {"Screenshot of the Run button.": 'Le bouton "Run".'})
    capsys.readouterr()
    tree.run("check", "--format", "json")
    assert "1 held back by an error in the translation" in lag(capsys.readouterr().out)


def test_a_list_item_or_quote_ends_a_paragraph_so_no_setext_heading_follows() -> None:
    from pipeline.source.links import heading_ids

    assert heading_ids("Text\n- item\n---\n") == {}
    assert heading_ids("Text\n> quote\n---\n") == {}
    assert heading_ids("Text\nmore\n---\n") == {1: "text-more"}
    # what cannot interrupt a paragraph continues it (helper-41)
    assert heading_ids("Text\n*emphasis* here\n---\n") == {1: "text-emphasis-here"}
    assert heading_ids("Text\n2. item\n---\n") == {1: "text-2-item"}
    # a list item's text, continued: the '---' after it is a rule
    assert heading_ids("- item\n  continued\n---\n") == {}
    assert heading_ids("- item\n\nPara\n---\n") == {3: "para"}


def test_a_paragraph_of_thousands_of_unclosed_tags_before_a_translated_one_is_linear(
        tree: Tree) -> None:
    """'<a <a <a …' left English before a translated paragraph: each '<' read as a tag ran to
    the end of all of them, and each such tag's attributes were read again, cubic (30 KB: a
    minute). Now linear: past a bound, such a tag holds the translations after it back, saying
    so (``open_tags.read_tags``)."""
    import time

    tree.target("fr-FR")
    tree.write("a.md", "# T\n\n" + "<a " * 3000 + "\n\nA sentence.\n")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"A sentence.": "Une phrase."})
    started = time.perf_counter()
    assert tree.run("locales") == 0
    assert time.perf_counter() - started < 2.0
    page = tree.page("fr-FR", "a.md")
    assert "<a " * 3000 + "\n\n" in page and page.endswith(("A sentence.\n", "Une phrase.\n"))


def test_the_quick_look_for_a_tag_open_at_a_pair_reads_as_the_tag_pattern_does() -> None:
    """``loose.markup_look``'s second answer, read tag by tag, is the search of the tag pattern
    followed by a pair's '\\0' it stands for, on every short text of tag characters."""
    import itertools
    import re
    import time
    from types import SimpleNamespace

    from pipeline import loose
    from pipeline.open_tags import _TAG

    pattern = re.compile(_TAG.format(x="\0") + "\0")
    for n in range(1, 7):
        for chars in itertools.product('<a "\'>=\0/', repeat=n):
            text = "".join(chars)
            article = SimpleNamespace(text=text, segments=[], body_start=0)
            pieces = text.split("\0")
            starts = list(itertools.accumulate(len(p) + 1 for p in pieces))
            article.segments = [SimpleNamespace(start=s - 1, end=s) for s in starts[:-1]]
            assert loose.markup_look(article)[1] is (pattern.search(text) is not None), text
    hostile = SimpleNamespace(text="<a " * 20000 + ">x", body_start=0,
                              segments=[SimpleNamespace(start=60001, end=60002)])
    started = time.perf_counter()
    loose.markup_look(hostile)  # type: ignore[arg-type]  # (past the bound: True, the worst)
    assert time.perf_counter() - started < 1.0


def test_a_heading_whose_tag_holds_a_quoted_angle_bracket_gets_markdigs_id() -> None:
    """Markdig leaves a heading's inline HTML out of its id whole, as CommonMark reads the tag:
    a quoted value may hold '>'. Read up to the first '>', the id was 'setup--bx', so the
    English's link to '#setup-x' counted as broken already and broke in every locale."""
    text = '# Tools\n\n## Setup <span title="a > b">x</span>\n\nSee [setup](#setup-x).\n'
    assert "setup-x" in anchors(text)
    page, _ = _page(text, {'Setup <span title="a > b">x</span>':
                           'Installation <span title="a > b">x</span>',
                           "See [setup](#setup-x).": "Voir [installation](#setup-x)."})
    assert '<a name="setup-x"></a>Installation' in page
    assert broken_by_translation(text, page) == []
    assert broken_by_translation(text, page.replace('<a name="setup-x"></a>', "")) == ["setup-x"]


def test_a_heading_of_many_spaces_is_read_in_linear_time() -> None:
    """'## a', 40,000 spaces, 'b': the heading's text was lazy before its closing '[ \\t#]*',
    each length tried against the rest of the line (eight seconds for that one heading, in
    every check of its links). Its closing #s and blanks are stripped as before."""
    import time

    from pipeline.source.links import heading_ids

    timings = []
    for n in (10_000, 40_000):
        text = "## a" + " " * n + "b\n"
        began = time.perf_counter()
        assert heading_ids(text) == {1: "a" + "-" * n + "b"}
        assert "a" + "-" * n + "b" in anchors(text)
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5
    assert heading_ids("## Setup ## \t\n## C# #\n# x\t#\t\n") == {1: "setup", 2: "c", 3: "x"}


def test_a_headings_text_is_read_as_the_lazy_expression_read_it() -> None:
    """The heading's text taken greedy, its closing spaces, tabs and #s stripped after: the
    same text as the lazy expression before '[ \\t#]*$', of any line."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.source.links import _CLOSING, _HEADING

    old = re.compile(r"^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?#{1,6}[ \t]+(.*?)[ \t#]*$")
    rest = st.lists(st.sampled_from(["#", " ", "\t", "a", "\r", "\n", "\u00a0", "\u3000",
                                     "\u2028", "<!--", "-->"]) | st.characters(), max_size=16)
    lines = st.tuples(st.sampled_from(["", " ", ">", "- ", "1. ", "  > "]),
                      st.sampled_from(["#", "##", "#######"]), st.sampled_from(["", " ", "\t"]),
                      rest.map("".join)).map("".join)

    @given(lines)
    @settings(max_examples=400, deadline=None)
    def same(line: str) -> None:
        before, now = old.match(line), _HEADING.match(line)
        assert (before is None) == (now is None)
        if before is not None and now is not None:
            assert before.group(1) == now.group(1).rstrip(_CLOSING)

    same()
