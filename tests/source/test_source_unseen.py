"""English Markdown the corpus never had: what a docs team writes that the segmenter and the
page must still get right (found by a review on articles written for it)."""

from __future__ import annotations

import pytest
from source_tree import Tree

from pipeline.checks.tokens.links import anchors_named
from pipeline.segment import segment
from pipeline.source.links import anchors, broken_by_translation
from pipeline.source.units import units_of

STEP_SCREENSHOT = """\
# Create a policy

1. Select **New policy**.

    :::image type="content" source="media/new.png" alt-text="Screenshot of the New policy pane.":::

1. Select **Save**.
"""


def test_the_alt_text_of_a_screenshot_indented_under_a_step_is_an_entry(tree: Tree) -> None:
    """A step's screenshot, four spaces under '1. ', keeps one space of indentation on its
    directive line: its alt text is translated as a top-level image's is."""
    assert "Screenshot of the New policy pane." in [
        u.source for u in units_of(segment(STEP_SCREENSHOT, "a.md"), "a.md")]
    tree.write("a.md", STEP_SCREENSHOT)
    tree.target("de-DE")
    tree.run("locales")
    tree.translate("de-DE", "a.md", {
        "Screenshot of the New policy pane.": "Screenshot des Bereichs Neue Richtlinie."})
    tree.run("locales")
    page = tree.page("de-DE", "a.md")
    assert ('    :::image type="content" source="media/new.png" '
            'alt-text="Screenshot des Bereichs Neue Richtlinie.":::\n') in page


EXPLICIT_ID = """\
# Call the API

See [Paging](#paging).

## Page through results {#paging}

Follow the next link.
"""


@pytest.mark.parametrize("block", ["{#paging}", "{.lead #paging}"])
def test_a_translation_that_drops_a_headings_explicit_id_is_held_back(
        tree: Tree, block: str) -> None:
    """DocFX (Markdig's generic attributes) gives '## Page through results {#paging}' the id
    'paging'; the braces are in the heading's segment: a translation without them would break
    the link. '{.lead #paging}' names the anchor as surely (the page check that holds such a
    translation back was asked only of English holding '{#': review of 838ffb8)."""
    english = EXPLICIT_ID.replace("{#paging}", block)
    heading = f"Page through results {block}"
    assert "paging" in anchors(english)
    assert broken_by_translation(english, english.replace(f" {block}", "")) == ["paging"]
    tree.write("a.md", english)
    tree.target("de-DE")
    tree.run("locales")
    tree.translate("de-DE", "a.md", {heading: "Seitenweise Abfrage",
                                     "Follow the next link.": "Folgen Sie dem Link."})
    assert tree.run("locales") == 1
    page = tree.page("de-DE", "a.md")
    assert f"{heading}\n" in page and "Folgen Sie dem Link." in page
    assert broken_by_translation(english, page) == []
    tree.translate("de-DE", "a.md", {heading: f"Seitenweise Abfrage {block}"})
    assert tree.run("locales") == 0
    assert f"Seitenweise Abfrage {block}\n" in tree.page("de-DE", "a.md")


SPREAD_DEFINITIONS = """\
# Guides

See [the guide][guide] and [the reference][ref].

[guide]:
    https://contoso.example/guide
    'Guide'
[ref]: https://contoso.example/reference
    "Reference"
"""


def test_a_link_definition_spread_over_lines_is_no_segment(tree: Tree) -> None:
    """CommonMark lets a definition's destination and title wait for the next lines: they
    define a link, no text; as a segment, any translation would break [the guide][guide]."""
    assert [u.source for u in units_of(segment(SPREAD_DEFINITIONS, "a.md"), "a.md")] == [
        "Guides", "See [the guide][guide] and [the reference][ref]."]
    tree.write("a.md", SPREAD_DEFINITIONS)
    tree.target("de-DE")
    tree.run("locales")
    tree.translate("de-DE", "a.md", {
        "See [the guide][guide] and [the reference][ref].":
            "Siehe [den Leitfaden][guide] und [die Referenz][ref]."})
    assert tree.run("locales") == 0
    assert tree.page("de-DE", "a.md").endswith(
        "Siehe [den Leitfaden][guide] und [die Referenz][ref].\n\n"
        + SPREAD_DEFINITIONS.split("\n\n")[-1])


def test_an_explicit_id_among_other_generic_attributes_is_an_anchor_too() -> None:
    """Markdig takes the id from any word of the braces ('{.lead #paging}', the spec's
    '{ .class2 #id2 }'), or from an id= attribute: a translation without it breaks the link
    as surely as one that drops '{#paging}'."""
    for attributes in ("{.lead #paging}", "{ .x  #paging .y }", "{id=paging}", '{id="paging"}'):
        english = EXPLICIT_ID.replace("{#paging}", attributes)
        assert "paging" in anchors(english), attributes
        assert broken_by_translation(english, english.replace(" " + attributes, "")) == [
            "paging"], attributes
        assert anchors_named(f"Page through results {attributes}", frozenset({"paging"})) == [
            "paging"], attributes
