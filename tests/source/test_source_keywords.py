"""Front matter keywords of an English article: one catalog entry an item (as the templates
of ``segment --format pot`` have them), translated in place on the page as the handoffs did,
lent by a handoff item for item, and never able to break the front matter."""

from __future__ import annotations

import pytest
import yaml
from source_tree import Tree

ENGLISH = """\
---
title: Set up the reader
keywords:
- offline reader
- "reader, setup"
ms.date: 05/02/2024
---

# Set up the reader

The reader shows your documents offline.
"""


def _front(page: str) -> dict[str, object]:
    loaded = yaml.safe_load(page.split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


def test_each_keyword_item_is_a_catalog_entry(tree: Tree) -> None:
    tree.write("a.md", ENGLISH)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "a.md")
    notes = {m.msgid: m.extracted_comments for m in cat.messages if not m.obsolete}
    assert "front matter: keywords" in notes["offline reader"]
    assert "front matter: keywords" in notes['"reader, setup"']


@pytest.mark.parametrize(("translation", "second"), [
    ("lecteur hors ligne", '"lecteur, installation"'),
    ("lecteur : hors ligne # 1", '"le \\"lecteur\\""'),  # ': ' and ' #' need quoting
    ("@lecteur", "'l''installation'"),  # a YAML indicator that cannot start a plain value
])
def test_translated_keywords_are_published_in_place_and_read_back(
        tree: Tree, translation: str, second: str) -> None:
    tree.write("a.md", ENGLISH)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"offline reader": translation, '"reader, setup"': second})
    assert tree.run("locales") == 0
    meta = _front(tree.page("fr-FR", "a.md"))
    assert meta["keywords"] == [" ".join(translation.split()), yaml.safe_load(second)]
    assert meta["title"] == "Set up the reader"
    assert str(meta["ms.date"]) == "05/02/2024"
    assert meta["ms.contentlocale"] == "fr-FR"


def test_untranslated_keywords_keep_every_byte(tree: Tree) -> None:
    tree.write("a.md", ENGLISH)
    tree.target("fr-FR")
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "a.md")
    assert page.startswith("---\ntitle: Set up the reader\nkeywords:\n- offline reader\n"
                           '- "reader, setup"\nms.date: 05/02/2024\n')


def test_a_one_line_keywords_value_is_one_entry_translated_in_its_quotes(tree: Tree) -> None:
    tree.write("a.md", ENGLISH.replace('keywords:\n- offline reader\n- "reader, setup"',
                                       'keywords: "offline, reader"'))
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"offline, reader": 'hors ligne, "lecteur"'})
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "a.md")
    assert 'keywords: "hors ligne, \\"lecteur\\""\n' in page
    assert _front(page)["keywords"] == 'hors ligne, "lecteur"'


def test_a_handoff_lends_its_keywords_item_for_item(tree: Tree) -> None:
    tree.write("a.md", ENGLISH)
    handoff = ENGLISH.replace("- offline reader\n", "- lecteur hors ligne\n").replace(
        "ms.date: 05/02/2024\n", "ms.date: 05/02/2024\nms.translationtype: HT\n"
        "ms.contentlocale: fr-FR\n")
    tree.write("a.md", handoff, locale="fr-FR")
    assert tree.run("locales") in (0, 1)
    entries = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", "a.md").messages}
    assert entries["offline reader"] == "lecteur hors ligne"
    assert entries['"reader, setup"'] == ""  # the handoff left it in English
    assert _front(tree.page("fr-FR", "a.md"))["keywords"] == ["lecteur hors ligne",
                                                                "reader, setup"]


def test_a_handoff_with_other_keywords_lends_none(tree: Tree) -> None:
    tree.write("a.md", ENGLISH)
    tree.write("a.md", ENGLISH.replace("- offline reader\n", "- lecteur\n- hors ligne\n"),
               locale="fr-FR")
    assert tree.run("locales") in (0, 1)
    entries = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", "a.md").messages}
    assert entries["offline reader"] == ""  # three items for two: no telling which is which


def test_an_untranslated_item_equal_to_a_later_one_keeps_each_translation_in_its_place(
        tree: Tree) -> None:
    tree.write("a.md", ENGLISH.replace('- offline reader\n- "reader, setup"\n',
                                       '- "a"\n- a\n- b\n'))
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"a": "AAA", "b": "BBB"})
    assert tree.run("locales") == 0
    assert _front(tree.page("fr-FR", "a.md"))["keywords"] == ["a", "AAA", "BBB"]


@pytest.mark.parametrize("translation", [
    '"x" # a comment"',  # bytes after the closing quote
    '"x"\u2028#"',  # a line break YAML 1.1 knows and YAML 1.2 does not
])
def test_a_quoted_translation_is_written_anew_with_nothing_after_its_value(
        tree: Tree, translation: str) -> None:
    tree.write("a.md", ENGLISH)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {'"reader, setup"': translation})
    tree.run("locales")
    page = tree.page("fr-FR", "a.md")
    # YAML reads the quoted scalar, 'x': that value alone is written, as a plain item
    assert "keywords:\n- offline reader\n- x\nms.date:" in page
    assert _front(page)["keywords"] == ["offline reader", "x"]


def test_a_translated_keyword_with_a_c1_control_is_held_back(tree: Tree) -> None:
    """NEL (U+0085), a line break to YAML 1.1, is a control character: the safety rule
    ``control-character`` holds the translation back, and the English item is written."""
    tree.write("a.md", ENGLISH)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {'"reader, setup"': '"x"\x85# any: thing"'})
    assert tree.run("locales") == 1
    page = tree.page("fr-FR", "a.md")
    assert "\x85" not in page
    assert _front(page)["keywords"] == ["offline reader", "reader, setup"]


FLOW = ENGLISH.replace('keywords:\n- offline reader\n- "reader, setup"',
                       'keywords: [offline reader, "reader, setup", \'it\'\'s\']')


def test_each_item_of_a_flow_sequence_is_a_catalog_entry(tree: Tree) -> None:
    tree.write("a.md", FLOW)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "a.md")
    notes = {m.msgid: m.extracted_comments for m in cat.messages if not m.obsolete}
    for item in ("offline reader", '"reader, setup"', "'it''s'"):
        assert "front matter: keywords" in notes[item]


def test_flow_sequence_items_are_published_in_place_and_read_back(tree: Tree) -> None:
    tree.write("a.md", FLOW)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    # a comma, brackets or ': ' would end or nest a plain item of a flow sequence: quoted
    tree.translate("fr-FR", "a.md", {"offline reader": "hors ligne, lecteur [1]",
                                     '"reader, setup"': '"installation"', "'it''s'": "clé: c"})
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "a.md")
    assert 'keywords: ["hors ligne, lecteur [1]", installation, "clé: c"]\n' in page
    assert _front(page)["keywords"] == ["hors ligne, lecteur [1]", "installation", "clé: c"]


def test_an_untranslated_flow_sequence_keeps_every_byte(tree: Tree) -> None:
    tree.write("a.md", FLOW)
    tree.target("fr-FR")
    assert tree.run("locales") == 0
    assert "keywords: [offline reader, \"reader, setup\", 'it''s']\n" in tree.page("fr-FR", "a.md")


@pytest.mark.parametrize("value", ["[a, [b, c]]", "[a, {b: c}]", "[a # c]", "[a, 'b]"])
def test_a_flow_sequence_of_more_than_scalars_has_no_entry(tree: Tree, value: str) -> None:
    """No translation of it could be put back in place: nothing is sent for translation."""
    tree.write("a.md", ENGLISH.replace('keywords:\n- offline reader\n- "reader, setup"',
                                       f"keywords: {value}"))
    tree.target("fr-FR")
    tree.run("extract")
    cat = tree.catalog("fr-FR", "a.md")
    assert not [m for m in cat.messages if "front matter: keywords" in m.extracted_comments]


def test_an_item_that_is_no_one_line_scalar_is_no_entry_and_the_others_are_translated(
        tree: Tree) -> None:
    """A folded or literal block item, an anchor: their translation could not be put back in
    place, so they stay English; a YAML comment after an item is no part of it."""
    tree.write("a.md", "---\ntitle: Keywords\nkeywords:\n  - agent # the product name\n"
                       "  - >-\n    folded keyword\n  - &a anchored\n  - proxy\n---\n# Keywords\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    msgids = {m.msgid for m in tree.catalog("fr-FR", "a.md").active()}
    assert {"agent", "proxy"} <= msgids
    assert not msgids & {">-", "agent # the product name", "folded keyword", "&a anchored"}
    tree.translate("fr-FR", "a.md", {"agent": "agent FR", "proxy": "mandataire"})
    assert tree.run("locales") == 0
    front = tree.page("fr-FR", "a.md").split("---\n")[1]
    assert yaml.safe_load(front)["keywords"] == [
        "agent FR", "folded keyword", "anchored", "mandataire"]


@pytest.mark.parametrize("value", ["[*k, proxy]", "[&j agent, proxy]", "[!!str agent, proxy]",
                                   "\n- *k\n- proxy", "\n- &j agent\n- proxy"],
                         ids=["flow alias", "flow anchor", "flow tag", "block alias",
                              "block anchor"])
def test_an_alias_anchor_or_tag_item_is_no_entry_and_the_items_after_it_are(
        tree: Tree, value: str) -> None:
    """An alias is no text to translate ('*k' was a msgid of a flow sequence), and an anchor
    or a tag no part of the text; the items after one are entries all the same (in a block
    list at the key's indentation, the first such item ended the list)."""
    tree.write("a.md", f"---\ntitle: Keywords\nx: &k agent\nkeywords: {value}\n---\n# Keywords\n"
               .replace("keywords: \n", "keywords:\n"))
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    msgids = {m.msgid for m in tree.catalog("fr-FR", "a.md").active()
              if "front matter: keywords" in m.extracted_comments}
    assert msgids == {"proxy"}
    tree.translate("fr-FR", "a.md", {"proxy": "mandataire"})
    assert tree.run("locales") == 0
    front = yaml.safe_load(tree.page("fr-FR", "a.md").split("---\n")[1])
    assert front["keywords"] == ["agent", "mandataire"]


def test_english_keywords_put_in_another_order_take_no_other_keywords_translation(
        tree: Tree) -> None:
    """A handoff lends keywords item for item, by place: once the English puts them in another
    order, the handoff's first item, the catalog's translation of the old first keyword, is
    no translation of the new first one. Each entry followed it (nobody had changed it), so
    each keyword took the other's translation, reviewed and published."""
    english = ENGLISH.replace('- "reader, setup"', "- setup")
    tree.write("a.md", english)
    tree.write("a.md", english.replace("- offline reader\n- setup\n",
                                       "- lecteur hors ligne\n- installation\n").replace(
        "ms.date: 05/02/2024\n", "ms.date: 05/02/2024\nms.translationtype: HT\n"
        "ms.contentlocale: fr-FR\n"), locale="fr-FR")
    assert tree.run("locales") in (0, 1)
    tree.write("a.md", english.replace("- offline reader\n- setup\n",
                                       "- setup\n- offline reader\n"))
    assert tree.run("locales") in (0, 1)
    entries = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", "a.md").messages}
    assert (entries["offline reader"], entries["setup"]) == ("lecteur hors ligne", "installation")
    assert _front(tree.page("fr-FR", "a.md"))["keywords"] == ["installation",
                                                                "lecteur hors ligne"]
