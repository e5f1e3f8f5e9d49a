"""The translated title and description written into an English article's front matter, and
what a run says where it cannot write them."""

from __future__ import annotations

import json

import pytest
from source_tree import Tree


def test_a_title_held_for_an_anchor_an_alias_names_says_what_to_change(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A title that is an anchor the description's alias names stays English (writing the
    translation there would change the description too); the hint named only a value holding
    ': ', which it has not: a user told to quote it, who did, still saw the English."""
    title = "Anchored title"
    tree.write("a.md", f"---\ntitle: &t {title}\ndescription: *t\n---\n\n# Heading\n\nText.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "a.md", {title: "Titre traduit"})
    capsys.readouterr()
    tree.run("locales", "--format", "json")
    held = [f for f in json.loads(capsys.readouterr().out)
            if f["check"] == "render-substituted" and "translated title" in f["message"]]
    assert len(held) == 1
    assert "no anchor (&) or alias (*)" in held[0]["hint"]
    assert "title: " in tree.page("fr-FR", "a.md")
