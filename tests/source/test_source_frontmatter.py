"""The translated title and description written into an English article's front matter, and
what a run says where it cannot write them."""

from __future__ import annotations

import json

import pytest
import yaml
from source_tree import Tree, lag


def test_a_title_held_for_an_anchor_an_alias_names_says_what_to_change(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A title that is an anchor another key's alias names too (``author``, never translated)
    stays English, and so does the description that aliases it (writing the translation there
    would change the author too); the hint named only a value holding ': ', which it has
    not: a user told to quote it, who did, still saw the English."""
    title = "Anchored title"
    tree.write("a.md", f"---\ntitle: &t {title}\ndescription: *t\nauthor: *t\n---\n\n"
               "# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {title: "Titre traduit"})
    capsys.readouterr()
    tree.run("locales", "--format", "json")
    held = [f for f in json.loads(capsys.readouterr().out)
            if f["check"] == "render-substituted" and "translated" in f["message"]]
    assert sorted(f["message"].split()[2] for f in held) == ["description", "title"]
    assert all("no anchor (&) or alias (*)" in f["hint"] for f in held)
    page = tree.page("fr-FR", "a.md")
    assert "Titre traduit" not in page
    assert f"title: &t {title}\ndescription: *t\nauthor: *t\n" in page


@pytest.mark.parametrize(("front", "published"), [
    ("title: &t Anchored title\ndescription: *t\nms.topic: x\n",
     'title: &t "Titre traduit"\ndescription: *t\nms.topic: x\n'),
    ("description: &t Anchored title\ntitle: *t\n", 'description: &t "Titre traduit"\ntitle: *t\n'),
    ("ms.topic: &t Anchored title\ntitle: *t\ndescription: *t\n",
     'ms.topic: &t Anchored title\ntitle: "Titre traduit"\ndescription: "Titre traduit"\n'),
], ids=["anchor on the title", "anchor on the description", "anchor on another key"])
def test_a_title_and_a_description_one_yaml_value_are_translated_as_one(
        tree: Tree, front: str, published: str) -> None:
    """An alias is its anchor's value: the title and the description that share one (``title:
    &t …`` / ``description: *t``) are both published translated, never the title English and
    the description translated (the anchor's value was rewritten without its anchor, which
    read back broken: the title stayed English while the alias's key was replaced)."""
    tree.write("a.md", f"---\n{front}---\n\n# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"Anchored title": "Titre traduit"})
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "a.md").startswith(f"---\n{published}ms.contentlocale: fr-FR\n")


@pytest.mark.parametrize(("front", "published"), [
    ("title: !!str &t Anchored title\ndescription: *t\n",
     'title: !!str &t "Titre traduit"\ndescription: *t\n'),
    ("title: &t >-\n  Anchored title\ndescription: *t\n",
     'title: &t "Titre traduit"\ndescription: *t\n'),
    ("title: &t |-\n  Anchored title\ndescription: *t\n",
     'title: &t "Titre traduit"\ndescription: *t\n'),
    ("title: !!str &t >-\n  Anchored title\ndescription: *t\n",
     'title: !!str &t "Titre traduit"\ndescription: *t\n'),
], ids=["a tag before the anchor", "folded", "literal", "a tag, an anchor, folded"])
def test_an_anchor_stays_whatever_stands_before_it_or_however_its_value_is_written(
        tree: Tree, front: str, published: str) -> None:
    """The anchor stays where a tag stands before it, or on a folded or literal value (written
    anew as one quoted string): the anchor was written over with the value, its aliases read
    back broken, and the title and the description both stayed English."""
    tree.write("a.md", f"---\n{front}---\n\n# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"Anchored title": "Titre traduit"})
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "a.md").startswith(f"---\n{published}ms.contentlocale: fr-FR\n")


def test_a_tag_that_builds_a_value_otherwise_goes_with_the_english_value(tree: Tree) -> None:
    """Only a string tag stays before the anchor: a translation written after '!!binary'
    would be decoded, not read as the text that was checked."""
    tree.write("a.md", "---\ntitle: &t !!binary QW5jaG9yZWQgdGl0bGU=\ndescription: *t\n---\n\n"
               "# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"QW5jaG9yZWQgdGl0bGU=": "PHNjcmlwdD4="})
    tree.run("locales")
    assert "!!binary" not in tree.page("fr-FR", "a.md")


@pytest.mark.parametrize(("front", "line", "how"), [
    ("{title: Get started, ms.topic: how-to}\n", 2, "is not on a line that starts 'title:'"),
    ("base: &base\n  title: Get started\n<<: *base\n", 3, "is merged in by a merge key (<<)"),
    ("<<: {title: Get started}\n", 2, "is merged in by a merge key (<<)"),
    ('"title": Get started\n', 2, "is not on a line that starts 'title:'"),
], ids=["flow mapping", "merged by an alias", "merged mapping", "quoted key"])
def test_a_title_no_title_line_holds_is_reported_as_not_translated(
        tree: Tree, capsys: pytest.CaptureFixture[str], front: str, line: int, how: str) -> None:
    """YAML gives the page a title no 'title:' line holds: no unit was made of it, and it
    stayed English in every locale with nothing said. A warning names it, where it is written
    and what to write instead; the page keeps it as it was."""
    text = f"---\n{front}---\n\n# Heading\n\nText.\n"
    tree.write("a.md", text)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    capsys.readouterr()
    tree.run("check", "--format", "json")
    found = [f for f in json.loads(capsys.readouterr().out)
             if f["check"] == "front-matter" and "title" in f["message"]]
    assert [(f["severity"], f["line"], f["message"]) for f in found] == [
        ("warning", line, f"the front matter's title {how}: it is not translated, and stays "
         "English in every locale")]
    assert "'title: …' line of its own" in found[0]["hint"]
    assert "Get started" not in {m.msgid for m in tree.catalog("fr-FR", "a.md").messages}
    assert tree.run("locales") == 0
    published = yaml.safe_load(tree.page("fr-FR", "a.md").split("---\n")[1])
    assert (published["title"], published["ms.contentlocale"]) == ("Get started", "fr-FR")


def test_a_title_line_gets_no_such_warning(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.write("a.md", "---\ntitle: Get started\nbase: &b {x: 1}\n<<: *b\n---\n\n# H\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    capsys.readouterr()
    tree.run("check", "--format", "json")
    assert not [f for f in json.loads(capsys.readouterr().out) if f["check"] == "front-matter"]


@pytest.mark.parametrize("front", [
    "title: null\n", "title: ~\ndescription: NULL\n", "title: null # none yet\n",
    "base: &b\n  title: Get started\n<<: *b\ntitle: null\n",
], ids=["null", "tilde and NULL", "null with a comment", "null over a merged title"])
def test_a_title_line_that_holds_yamls_null_gets_no_such_warning(
        tree: Tree, capsys: pytest.CaptureFixture[str], front: str) -> None:
    """'title: null' is on a 'title:' line and gives the page no title: nothing stays English,
    so nothing is said (it was reported as 'not on a line that starts title:')."""
    tree.write("a.md", f"---\n{front}---\n\n# H\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    capsys.readouterr()
    tree.run("check", "--format", "json")
    assert not [f for f in json.loads(capsys.readouterr().out) if f["check"] == "front-matter"]


@pytest.mark.parametrize("line", ["title: a{}b", "keywords:\n  - a{}b"], ids=["title", "keyword"])
def test_a_front_matter_value_of_many_spaces_is_read_in_linear_time(line: str) -> None:
    """A value of 40,000 spaces between two words: lazy before its closing '[ \\t]*\\r?$', each
    length was tried against the rest of the line (eleven seconds). Its trailing blanks and
    CR are left out as before."""
    import time

    from pipeline.segment.frontmatter import front_matter

    timings = []
    for n in (10_000, 40_000):
        text = "---\n" + line.format(" " * n) + " \t\r\n---\n\nText.\n"
        began = time.perf_counter()
        values = front_matter(text, 0, "a.md").values
        timings.append(time.perf_counter() - began)
        assert [flat.text for _, flat in values] == ["a" + " " * n + "b"]
    assert timings[1] < 8 * timings[0] + 0.5


def test_a_title_or_item_line_is_read_as_the_lazy_expression_read_it() -> None:
    """A key's or list item's value taken greedy and its closing blanks (a CR, spaces and
    tabs) dropped after: the same span as the lazy expressions before '[ \\t]*\\r?$'."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.segment.frontmatter import _ITEM, _KEY_LINE, _value_end

    key = re.compile(r"^(title|description|keywords):[ \t]*(.*?)[ \t]*\r?$", re.M)
    item = re.compile(r"[ \t]*-[ \t]+(.*?)[ \t]*\r?$")
    value = st.lists(st.sampled_from([" ", "\t", "\r", "a", "#", "\u00a0", "\u2028", "\u0085",
                                      ":"]) | st.characters(), max_size=12).map("".join)
    text = st.lists(st.tuples(st.sampled_from(["title:", "description:", "keywords:", "- ",
                                               "  -\t", "x: ", ""]), value).map("".join),
                    max_size=5).map("\n".join)

    @given(text)
    @settings(max_examples=400, deadline=None)
    def same(text: str) -> None:
        assert [(m.group(1), m.span(2)) for m in key.finditer(text, 0, len(text))] == [
            (m.group(1), (m.start(2), _value_end(text, *m.span(2))))
            for m in _KEY_LINE.finditer(text, 0, len(text))]
        pos = 0
        for line in text.split("\n"):
            before, now = item.match(text, pos, pos + len(line)), _ITEM.match(
                text, pos, pos + len(line))
            assert (before and before.span(1)) == (
                now and (now.start(1), _value_end(text, *now.span(1))))
            pos += len(line) + 1

    same()


def test_a_title_the_english_front_matter_cannot_take_is_not_counted_as_a_translation_error(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A title whose anchor an alias reads stays English for the English's YAML, not for
    anything wrong in its translation: translation-lag said '1 held back by an error in the
    translation', and the reviewer looked for an error no check had found."""
    tree.write("a.md", "---\ntitle: &t Run it\nkeywords:\n- *t\n---\n\n# Run it\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"Run it": "Lancez-le", "Text.": "Texte."})
    capsys.readouterr()
    tree.run("check", "--format", "json")
    said = lag(capsys.readouterr().out, "fr-FR")
    assert "held back by an error" not in said
    assert "1 kept English: the English front matter cannot take its translation" in said


@pytest.mark.parametrize("translation", ["- Erste Schritte", "# Démarrage", "> Azure CLI",
                                         "1. Einführung"])
def test_a_title_translation_that_reads_as_a_block_start_in_markdown_is_published(
        tree: Tree, translation: str) -> None:
    """A front matter value is YAML, never read as Markdown: it opens no block, as the sxs
    path's translated values do not. Before, a catalog's title '- Erste Schritte' was held
    back as new-block and the English title published."""
    tree.write("a.md", "---\ntitle: Get started\n---\n\n# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {"Get started": translation})
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "a.md")
    assert yaml.safe_load(page.split("---\n")[1])["title"] == translation
