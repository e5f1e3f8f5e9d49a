"""An English article split in two (a section moved out into a new article, the old one kept):
the new article's catalogs start from the translations of the article it was split from, so
that no locale loses a translation to the split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from source_tree import Tree
from test_source_cli import ARABIC, FRENCH, GUIDE, _two_locales

SPLIT = "permissions.md"  # in the same folder as share.md
HEAD, PERMISSIONS = GUIDE.split("## Permissions\n")
SPLIT_OFF = "---\ntitle: Permissions\n---\n\n# Permissions\n\n" + PERMISSIONS


def _split(tree: Tree) -> None:
    tree.write("share.md", HEAD)
    tree.write(SPLIT, SPLIT_OFF)


def test_an_article_split_in_two_keeps_the_translations_of_the_part_moved_out(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    tree.translate("fr-FR", "share.md", {**FRENCH, "Read pages.": "Lire les pages."})
    assert tree.run("locales") == 0
    _split(tree)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "catalog-renamed"]
    assert sorted(f["file"].split("locales/")[1] for f in found) == [
        "ar-SA/permissions.po", "fr-FR/permissions.po"]
    assert "fr-FR/share.po, the catalog of an article that had the same English" in (
        found[-1]["message"])
    arabic = {m.msgid: m.msgstr for m in tree.catalog("ar-SA", SPLIT).active() if m.reviewed}
    assert arabic == {k: v for k, v in ARABIC.items() if k in SPLIT_OFF}
    assert "| Reader | قراءة الصفحات. |" in tree.page("ar-SA", SPLIT)
    # only the English of the new article: the other article's entries stay its own
    assert {m.msgid for m in tree.catalog("fr-FR", SPLIT).messages} <= {
        "", "Permissions", "Role", "Can do", "Reader", "Read pages.", "Editor",
        "Read and change pages."}
    # and the article split from keeps its own, the part moved out obsolete with its text
    share = tree.catalog("fr-FR", "share.md")
    assert {m.msgid: m.msgstr for m in share.active() if m.reviewed} == FRENCH
    assert [m.msgstr for m in share.messages if m.obsolete] == ["Lire les pages."]
    assert tree.catalog("fr-FR", SPLIT).header_comments[0] == (
        "fr-FR translation of en-US/permissions.md")
    assert "| Reader | Lire les pages. |" in tree.page("fr-FR", SPLIT)


def test_a_split_gives_the_same_catalogs_whatever_the_batches(tmp_path: Path) -> None:
    """The article split from rewrites its catalog in the same run (the part moved out goes
    obsolete): the new article reads that catalog as it was before the run, whatever runs
    first."""
    made = []
    for batch in ("1", "100"):
        tree = _two_locales(Tree(tmp_path / batch))
        assert tree.run("locales", "-j", "1") == 0
        _split(tree)
        assert tree.run("locales", "-j", "1", "--batch-size", batch) == 0
        made.append([tree.catalog_path(loc, SPLIT).read_bytes() for loc in ("ar-SA", "fr-FR")])
    assert made[0] == made[1]
    assert "قراءة الصفحات." in made[0][0].decode("utf-8")


def test_a_new_article_sharing_one_sentence_with_a_live_one_starts_empty(
        tree: Tree) -> None:
    _two_locales(tree)
    assert tree.run("locales") == 0
    tree.write("other.md", "# Share a notebook\n\nOne.\n\nTwo.\n\nThree.\n")
    assert tree.run("locales") == 0
    assert not any(m.msgstr for m in tree.catalog("fr-FR", "other.md").active())


def test_a_section_copied_into_a_new_article_is_not_carried_the_old_one_still_has_it(
        tree: Tree) -> None:
    """A copy is no split: the English the old article still has keeps its translations
    there, and the new article's entries wait for translation (or the memory's offer, fuzzy,
    for review) rather than arrive reviewed from another page's context."""
    _two_locales(tree)
    tree.translate("fr-FR", "share.md", {**FRENCH, "Read pages.": "Lire les pages."})
    assert tree.run("locales") == 0
    tree.write(SPLIT, SPLIT_OFF)  # share.md unchanged: the section is copied, not moved
    assert tree.run("locales") == 0
    assert not any(m.msgstr for m in tree.catalog("fr-FR", SPLIT).active())


@pytest.mark.parametrize("name", ["other.md", "zeta.md"])  # read before and after share.md's job
def test_a_section_split_out_onto_a_deleted_articles_path_keeps_its_translations(
        tmp_path: Path, name: str) -> None:
    """A deleted article's catalog stays (an orphan); a section split out into an article of
    its name finds that catalog at its path, of other English. Before, it was merged into it
    alone: the part moved out published in English, its translations left obsolete in the
    article split from."""
    made = []
    for batch in ("1", "100"):
        tree = _two_locales(Tree(tmp_path / batch))
        tree.translate("fr-FR", "share.md", {**FRENCH, "Read pages.": "Lire les pages."})
        tree.write(name, "# Billing\n\nPay the invoice before the end of the month.\n")
        assert tree.run("extract") == 0
        tree.translate("fr-FR", name, {"Billing": "Facturation"})
        assert tree.run("locales") == 0
        (tree.content / "en-US" / name).unlink()
        assert tree.run("locales") == 0  # its catalog stays, an orphan
        tree.write("share.md", HEAD)
        tree.write(name, SPLIT_OFF)
        assert tree.run("locales", "-j", "1", "--batch-size", batch) == 0
        cat = tree.catalog("fr-FR", name)
        assert {m.msgid: m.msgstr for m in cat.active() if m.reviewed} == {
            "Read pages.": "Lire les pages."}
        assert {m.msgid: m.msgstr for m in cat.messages if m.obsolete} == {
            "Billing": "Facturation"}
        assert "| Reader | Lire les pages. |" in tree.page("fr-FR", name)
        assert "| Reader | قراءة الصفحات. |" in tree.page("ar-SA", name)
        made.append([tree.catalog_path(loc, rel).read_bytes()
                     for loc in ("ar-SA", "fr-FR") for rel in (name, "share.md")])
    assert made[0] == made[1]


def test_a_section_split_out_onto_a_deleted_articles_path_leaves_the_rest_its_history(
        tree: Tree) -> None:
    """The article split from keeps its older English's entries (an edit's obsolete entry):
    a section that left it takes the translations of its own English, not the history of the
    article it left (only an article that moved whole, a swap, brings its history along)."""
    _two_locales(tree)
    tree.translate("fr-FR", "share.md", {**FRENCH, "Read pages.": "Lire les pages."})
    tree.write("share.md", GUIDE.replace("Send an invitation", "Send invitations"))
    assert tree.run("locales") == 0  # 'Send an invitation' kept obsolete in share.po
    tree.write("other.md", "# Billing\n\nPay the invoice before the end of the month.\n")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "other.md", {"Billing": "Facturation"})
    (tree.content / "en-US" / "other.md").unlink()
    assert tree.run("locales") == 0  # its catalog stays, an orphan
    tree.write("share.md", HEAD.replace("Send an invitation", "Send invitations"))
    tree.write("other.md", SPLIT_OFF)
    assert tree.run("locales") == 0
    cat = tree.catalog("fr-FR", "other.md")
    assert {m.msgid: m.msgstr for m in cat.active() if m.reviewed} == {
        "Read pages.": "Lire les pages."}
    assert {m.msgid for m in cat.messages if m.obsolete} == {"Billing"}
