"""An English article renamed (or moved): its new catalogs start from the catalogs of the old
path, so that no locale loses a translation to a rename."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from source_tree import Tree
from test_source_cli import ARABIC, FRENCH, GUIDE, _two_locales

from pipeline.provenance import note
from pipeline.segment.output import pair

NEW = "guide/share-notebooks.md"
RENAMED = "share-notebooks.md"  # in the same folder


def _translated_then_moved(tree: Tree, count: int, old: str, new: str,
                           english: Callable[[int], str],
                           french: Callable[[int], dict[str, str]]) -> None:
    """``count`` English articles (``old`` and ``new`` name the n-th with ``{n}``), extracted
    for fr-FR and translated, then each moved."""
    for n in range(count):
        tree.write(old.format(n=n), english(n))
    tree.target("fr-FR")
    assert tree.run("extract", "-j", "1") == 0
    for n in range(count):
        tree.translate("fr-FR", old.format(n=n), french(n))
        _move(tree, old.format(n=n), new.format(n=n))


def _move(tree: Tree, old: str, new: str,
          edit: Callable[[str], str] = lambda text: text) -> None:
    """An English article renamed (or moved), and edited by ``edit`` on the way."""
    path = tree.content / "en-US" / old
    tree.write(new, edit(path.read_text(encoding="utf-8")))
    path.unlink()


def _findings(capsys: pytest.CaptureFixture[str], check: str) -> list[dict[str, str]]:
    return [f for f in json.loads(capsys.readouterr().out) if f["check"] == check]


def test_a_renamed_english_article_keeps_every_translation_in_every_locale(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    assert tree.run("locales") == 0
    _move(tree, "share.md", NEW)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    renamed = {f["file"].split("locales/")[1]: f for f in found if f["check"] == "catalog-renamed"}
    assert sorted(renamed) == ["ar-SA/guide/share-notebooks.po", "fr-FR/guide/share-notebooks.po"]
    assert renamed["fr-FR/guide/share-notebooks.po"]["severity"] == "info"
    assert "fr-FR/share.po, the catalog of a deleted article with the same English" in (
        renamed["fr-FR/guide/share-notebooks.po"]["message"])
    for locale, table in (("ar-SA", ARABIC), ("fr-FR", FRENCH)):
        cat = tree.catalog(locale, NEW)
        reviewed = {m.msgid: m.msgstr for m in cat.active() if m.reviewed}
        assert reviewed == table  # every translation, still reviewed
        assert f"{locale} translation of en-US/{NEW}" in cat.header_comments
        assert tree.catalog_path(locale, "share.md").is_file()  # the old one is the user's
    assert "2. Entrez une adresse e-mail." in tree.page("fr-FR", NEW)
    assert "قراءة الصفحات." in tree.page("ar-SA", NEW)
    assert {f["check"] for f in found if f["file"].endswith("/share.po")} == {"orphan-catalog"}


def test_a_rerun_after_a_rename_says_what_a_cold_run_says(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The catalog-renamed note is the run that started the catalog: the next run, whose
    article has its catalog, replayed it from the run cache, naming as its source a catalog
    that may be deleted since, where a run without the cache says nothing of it."""
    _two_locales(tree)
    assert tree.run("locales") == 0
    _move(tree, "share.md", NEW)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    assert len(_findings(capsys, "catalog-renamed")) == 2
    for locale in ("ar-SA", "fr-FR"):
        tree.catalog_path(locale, "share.md").unlink()  # as the note's hint says
    assert tree.run("locales", "--format", "json") == 0
    assert _findings(capsys, "catalog-renamed") == []
    assert tree.run("locales", "--format", "json") == 0  # replayed: the same
    assert _findings(capsys, "catalog-renamed") == []


def test_a_new_article_that_shares_little_english_with_a_deleted_one_starts_empty(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    (tree.content / "en-US" / "share.md").unlink()
    # one of its six English segments is the old article's: too little to be the same article
    tree.write(NEW, "# Share a notebook\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n")
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    assert _findings(capsys, "catalog-renamed") == []
    assert not any(m.msgstr for m in tree.catalog("fr-FR", NEW).active())


def test_the_deleted_article_sharing_the_most_english_is_the_one_renamed(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    # most of the English of share.md, translated otherwise: a candidate, but a weaker one
    tree.write("other.md", GUIDE.split("## Permissions")[0])
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "other.md", {"Share a notebook": "Autre titre",
                                         "Send an invitation": "Autre invitation"})
    _move(tree, "share.md", NEW)
    (tree.content / "en-US" / "other.md").unlink()
    capsys.readouterr()
    assert tree.run("extract") == 0
    reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", NEW).active() if m.reviewed}
    assert reviewed == FRENCH


def test_check_alone_starts_no_catalog(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    _move(tree, "share.md", NEW)
    capsys.readouterr()
    assert tree.run("check", "--format", "json") == 1
    assert len(_findings(capsys, "missing-catalog")) == 2
    assert not tree.catalog_path("fr-FR", NEW).exists()


def test_a_renamed_and_edited_article_carries_the_rest_and_suggests_the_edit(
        tree: Tree) -> None:
    _two_locales(tree)
    _move(tree, "share.md", NEW, lambda text: text.replace(
        "Enter an email address.", "Enter an email address or a name."))
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", NEW)
    edited = next(m for m in cat.active() if m.msgid == "Enter an email address or a name.")
    assert edited.fuzzy and edited.previous_msgid == "Enter an email address."
    assert edited.msgstr == FRENCH["Enter an email address."]
    assert {m.msgid for m in cat.active() if m.reviewed} == set(FRENCH) - {
        "Enter an email address."}


def test_a_moved_folder_gives_each_article_its_own_catalog_reading_one_each(
        tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty articles moved together: each new one finds the catalog of its own file name
    first and reads no other (a folder of a thousand read a million catalogs otherwise)."""
    from pipeline.source import rename

    count = 40
    _translated_then_moved(
        tree, count, "old/a{n}.md", "new/a{n}.md",
        lambda n: f"# Article {n}\n\nSentence {n} of the guide.\n",
        lambda n: {f"Article {n}": f"Article n° {n}",
                   f"Sentence {n} of the guide.": f"Phrase {n}."})
    reads: list[str] = []
    real = rename.read_catalog_bytes

    def counted(path: object, shown: str, limit: int) -> object:
        if "/old/" in shown:
            reads.append(shown)
        return real(path, shown, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(rename, "read_catalog_bytes", counted)
    assert tree.run("extract", "-j", "1") == 0
    assert len(reads) == count
    for n in (0, 17, count - 1):
        reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", f"new/a{n}.md").active()
                    if m.reviewed}
        assert reviewed == {f"Article {n}": f"Article n° {n}",
                            f"Sentence {n} of the guide.": f"Phrase {n}."}


def test_a_renamed_article_keeps_its_translations_with_the_memory_on(tree: Tree) -> None:
    """The memory's second pass took the settings before the run named the orphan catalogs."""
    _two_locales(tree)
    config = tree.root / "tm.toml"
    config.write_text("[tool.pipeline]\ntranslation-memory = true\n", encoding="utf-8")
    _move(tree, "share.md", NEW)
    assert tree.run("locales", "--config", str(config)) == 0
    reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", NEW).active() if m.reviewed}
    assert reviewed == FRENCH


def test_a_moved_folder_of_same_named_articles_finds_each_its_own(tree: Tree) -> None:
    """Forty index.md moved: the first 32 by path were read and the rest started empty."""
    count = 40
    _translated_then_moved(tree, count, "x{n}/index.md", "moved/x{n}/index.md",
                           lambda n: f"# Page {n}\n\nBody {n} of it.\n",
                           lambda n: {f"Page {n}": f"Page n° {n}"})
    assert tree.run("extract", "-j", "1") == 0
    for n in (0, 33, count - 1):
        reviewed = {m.msgid: m.msgstr for m in
                    tree.catalog("fr-FR", f"moved/x{n}/index.md").active() if m.reviewed}
        assert reviewed == {f"Page {n}": f"Page n° {n}"}


def test_a_rename_waits_for_an_unreadable_old_catalog_and_then_carries_it_over(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The old catalog may hold the article's translations: with it broken, no new catalog is
    started (one would leave them behind for good); both are errors at their files, the page
    is the English's; fixed, the next run carries every translation over."""
    _two_locales(tree)
    assert tree.run("locales") == 0
    old = tree.catalog_path("fr-FR", "share.md")
    good = old.read_bytes()
    old.write_bytes(good.rstrip(b'"\n') + b"\n")  # the last msgstr's closing quote lost
    _move(tree, "share.md", RENAMED)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 1
    found = json.loads(capsys.readouterr().out)
    errors = {(f["check"], f["file"].split("locales/")[-1]) for f in found
              if f["severity"] == "error"}
    assert ("po-syntax", "fr-FR/share.po") in errors
    assert ("catalog-renamed", "fr-FR/share-notebooks.po") in errors
    assert not tree.catalog_path("fr-FR", RENAMED).exists()
    assert tree.catalog_path("ar-SA", RENAMED).is_file()  # the other locale renames as ever
    assert (tree.out / "fr-FR" / RENAMED).is_file()
    old.write_bytes(good)
    capsys.readouterr()
    assert tree.run("locales") == 0, capsys.readouterr().err
    assert {m.msgid: m.msgstr for m in tree.catalog("fr-FR", RENAMED).active()
            if m.reviewed} == FRENCH


def test_an_unreadable_catalog_elsewhere_or_beside_a_whole_match_holds_nothing_back(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken catalog of a deleted article in another folder is no rename's to wait for, and
    beside one that holds all the English it can hold nothing more: new and renamed articles
    get their catalogs; the broken one is its own run's matter."""
    _two_locales(tree)
    tree.write("gone.md", "# Gone\n\nA gone article.\n")
    assert tree.run("locales") == 0
    gone = tree.catalog_path("fr-FR", "gone.md")
    gone.write_bytes(gone.read_bytes() + b'msgid "broken\n')
    (tree.content / "en-US" / "gone.md").unlink()
    tree.write("guide/new.md", "# New\n\nA new article.\n")
    _move(tree, "share.md", RENAMED)  # in the broken one's folder, as the whole match is
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    assert tree.catalog_path("fr-FR", "guide/new.md").is_file()
    moved = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", RENAMED).active()
             if m.reviewed}
    assert moved == FRENCH


def _left_behind(tree: Tree, capsys: pytest.CaptureFixture[str], batch: str,
                 vendor: Callable[[str], str] = lambda text: text) -> list[dict[str, str]]:
    """The English renamed while the fr-FR handoff that lent to it stays at the old path (the
    English edited since the handoff, its translation in the catalog alone); ``locales`` run
    with batches of ``batch`` articles; its catalog-renamed findings."""
    _two_locales(tree)
    assert tree.run("render", "--form", "bilingual") == 0
    handoff = (tree.out / "fr-FR" / "share.md").read_text(encoding="utf-8").replace(
        "---\n", "---\nms.translationtype: HT\nms.sourcegitcommit: " + "0" * 40 + "\n"
        "ms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n", 1)
    tree.write("share.md", handoff, locale="fr-FR")  # a handoff the English drives
    assert tree.run("locales") == 0, capsys.readouterr().err
    tree.write("share.md", GUIDE.replace("Enter an email address.", "Type an address.")
               .replace("Read pages.", "Read the pages."))  # one reviewed, one suggested
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", {"Type an address.": "Tapez une adresse."})
    po = tree.catalog_path("fr-FR", "share.md")  # as a vendor's tool sent it back
    po.write_text(vendor(po.read_text(encoding="utf-8")), encoding="utf-8")
    _move(tree, "share.md", RENAMED)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json", "--ignore", "untranslated", "-j", "1",
                    "--batch-size", batch) == 0
    return _findings(capsys, "catalog-renamed")


def test_a_renamed_article_whose_handoff_stays_behind_keeps_its_translations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-74: the old catalog is the handoff's again (its page is the handoff's), and is
    no orphan; the new article's catalog still starts from it, and the note names the handoff
    that goes on publishing the old page. It starts from the catalog as it was before the run,
    which the handoff's own job rewrites in the same run: the same bytes whatever the batches
    (helper-75 saw them differ)."""
    trees = [Tree(tmp_path / batch) for batch in ("1", "100")]
    found = [_left_behind(t, capsys, batch) for t, batch in zip(trees, ("1", "100"), strict=True)]
    assert [f["file"].split("locales/")[1] for f in found[0]] == [
        "ar-SA/share-notebooks.po", "fr-FR/share-notebooks.po"]
    assert "content/fr-FR/share.md still publishes" in found[0][1]["message"]
    tree = trees[0]
    for locale, table in (("ar-SA", ARABIC), ("fr-FR", FRENCH)):
        reviewed = {m.msgid: m.msgstr for m in tree.catalog(locale, RENAMED).active()
                    if m.reviewed}
        edited = ("Enter an email address.", "Read pages.")
        assert {k: v for k, v in table.items() if k not in edited}.items() <= reviewed.items()
    assert "Tapez une adresse." in tree.page("fr-FR", RENAMED)
    assert trees[0].catalog_path("fr-FR", RENAMED).read_bytes() == \
        trees[1].catalog_path("fr-FR", RENAMED).read_bytes()


def test_a_handoffs_catalog_left_behind_without_references_still_carries(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-76: 'msgcat --no-location' (or a vendor's tool) drops the '#:' lines that said
    the English made the catalog; its header comment still says so, and GNU's tools keep it."""
    def no_location(text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith("#: "))

    found = _left_behind(tree, capsys, "100", no_location)
    assert [f["file"].split("locales/")[1] for f in found] == [
        "ar-SA/share-notebooks.po", "fr-FR/share-notebooks.po"]
    reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", RENAMED).active()
                if m.reviewed}
    assert reviewed["Type an address."] == "Tapez une adresse."
    assert "Tapez une adresse." in tree.page("fr-FR", RENAMED)


def test_a_handoffs_own_catalog_is_no_rename_source_for_its_stale_header_comment(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The handoff's own job took its catalog back (its references name fr-FR/), but the
    header comment the English wrote stays, as every header comment does: a later new English
    article of the same folder and English must not start from the live handoff's catalog,
    nor be told to delete the handoff's page."""
    _left_behind(tree, capsys, "100")
    assert tree.run("locales", "--ignore", "untranslated") == 0
    own = tree.catalog_path("fr-FR", "share.md").read_text(encoding="utf-8")
    assert "#: en-US/" not in own and "# fr-FR translation of en-US/share.md" in own
    tree.write("copy.md", GUIDE)  # new English in the same folder, the handoff's English
    capsys.readouterr()
    assert tree.run("locales", "--format", "json", "--ignore", "untranslated") == 0
    started = [f["file"].split("locales/")[1] for f in _findings(capsys, "catalog-renamed")]
    assert "fr-FR/copy.po" not in started
    assert not any(m.msgstr for m in tree.catalog("fr-FR", "copy.md").active())


def test_a_new_article_never_starts_from_a_live_handoffs_catalog(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-75: a handoff that never had English, beside a new English article sharing its
    English, is no article that was renamed: the new catalog starts empty, and nothing tells
    the user to delete a live page."""
    _two_locales(tree)
    assert tree.run("render", "--form", "bilingual") == 0
    handoff = (tree.out / "fr-FR" / "share.md").read_text(encoding="utf-8").replace(
        "---\n", "---\nms.translationtype: HT\nms.sourcegitcommit: " + "0" * 40 + "\n"
        "ms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n", 1)
    (tree.content / "en-US" / "share.md").unlink()
    tree.catalog_path("fr-FR", "share.md").unlink()
    tree.write("share.md", handoff, locale="fr-FR")  # a handoff alone: its catalog is its own
    assert tree.run("locales", "--ignore", "untranslated") == 0
    assert "en-US/" not in tree.catalog_path("fr-FR", "share.md").read_text(encoding="utf-8")
    tree.write(RENAMED, GUIDE)  # new English in the same folder, the same English
    capsys.readouterr()
    assert tree.run("locales", "--format", "json", "--ignore", "untranslated") == 0
    assert [f["file"].split("locales/")[1] for f in _findings(capsys, "catalog-renamed")] == [
        "ar-SA/share-notebooks.po"]  # ar-SA's old catalog is a true orphan
    assert not any(m.msgstr for m in tree.catalog("fr-FR", RENAMED).active())


SETUP_HANDOFF = """\
---
title: Titre
ms.translationtype: HT
ms.contentlocale: fr-fr
ms.sourcegitcommit: 0000000000000000000000000000000000000000
ms.openlocfilehash: 1111111111111111111111111111111111111111
ms.lasthandoff: 01/20/2025
---
# {}

{} {}

{}
""".format(*(pair(f"aaaaa-{n}", en, fr) for n, (fr, en) in enumerate((
    ("Configurer le service", "Set up the service"),
    ("Connectez-vous au portail.", "Sign in to the portal."),
    ("Sélectionnez **Paramètres**.", "Select **Settings**."),
    ("Enregistrez vos modifications.", "Save your changes.")), 101)))


def test_a_rename_from_beside_a_handoff_gives_the_same_bytes_whatever_the_batches(
        tmp_path: Path) -> None:
    """helper-75: the handoff's own job rewrote the catalog left behind in the same run, so
    the renamed article carried a suggestion and a record or not, by the batch size."""
    made = []
    for batch in ("1", "100"):
        tree = Tree(tmp_path / batch)
        tree.write("a.md", SETUP_HANDOFF, locale="fr-FR")
        tree.write("a.md", "---\ntitle: Title\n---\n# Set up the service\n\nSign in to the "
                   "portal. Select **Settings** in the menu.\n\nSave your changes.\n")
        assert tree.run("locales", "-j", "1") == 0
        _move(tree, "a.md", "b.md")
        assert tree.run("locales", "-j", "1", "--batch-size", batch) == 0
        made.append(tree.catalog_path("fr-FR", "b.md").read_bytes())
        reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", "b.md").active()
                    if m.reviewed and m.msgstr}  # all the handoff lent: all but the edit
        assert reviewed == {"Title": "Titre", "Set up the service": "Configurer le service",
                            "Sign in to the portal.": "Connectez-vous au portail.",
                            "Save your changes.": "Enregistrez vos modifications."}
    assert made[0] == made[1]


def test_a_renamed_article_given_a_deleted_articles_name_keeps_its_translations(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """other.md deleted (its catalog kept, as orphans are), then share.md renamed to it: the
    catalog at the path is the deleted article's, of other English. Before, the article was
    merged into it alone: every translation of its own left in share.po, the page in English
    (and where the catalog kept an older text of the English obsolete, that one published)."""
    tree.write("share.md", GUIDE)
    tree.write("other.md", "# Billing\n\nPay the invoice before the end of the month.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    tree.translate("fr-FR", "other.md", {"Billing": "Facturation"})
    assert tree.run("locales") == 0
    (tree.content / "en-US" / "other.md").unlink()
    _move(tree, "share.md", "other.md")
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    [note] = _findings(capsys, "catalog-renamed")
    assert note["file"].endswith("fr-FR/other.po")
    assert "from" in note["message"] and "fr-FR/share.po" in note["message"]
    cat = tree.catalog("fr-FR", "other.md")
    assert {m.msgid: m.msgstr for m in cat.active() if m.reviewed} == FRENCH
    assert {m.msgid: m.msgstr for m in cat.messages if m.obsolete} == {"Billing": "Facturation"}
    assert "2. Entrez une adresse e-mail." in tree.page("fr-FR", "other.md")
    before = tree.catalog_path("fr-FR", "other.md").read_bytes()
    assert tree.run("locales") == 0  # the carried catalog is the article's: nothing more moves
    assert tree.catalog_path("fr-FR", "other.md").read_bytes() == before


BILLING = "# Billing\n\nPay the invoice before the end of the month.\n\nKeep the receipt.\n"


def _both_translated(tree: Tree) -> None:
    """share.md (GUIDE) and other.md (BILLING), extracted for fr-FR and translated."""
    tree.write("share.md", GUIDE)
    tree.write("other.md", BILLING)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    tree.translate("fr-FR", "other.md", {"Billing": "Facturation"})


def _swapped(tree: Tree, batch: str = "100") -> None:
    """share.md and other.md translated, one unreviewed (fuzzy) text among them, then their
    English swapped in one commit: each path's catalog is now the other article's."""
    _both_translated(tree)
    path = tree.catalog_path("fr-FR", "other.md")  # a machine draft, not yet reviewed
    path.write_text(path.read_text(encoding="utf-8").replace(
        'msgid "Keep the receipt."\nmsgstr ""',
        '#, fuzzy\nmsgid "Keep the receipt."\nmsgstr "Gardez le reçu."'), encoding="utf-8")
    assert tree.run("locales") == 0
    tree.write("share.md", BILLING)
    tree.write("other.md", GUIDE)
    assert tree.run("locales", "--format", "json", "-j", "1", "--batch-size", batch) == 0


def test_two_articles_that_swap_names_each_take_the_translations_of_their_english(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """Before, each was merged into the catalog at its path alone: every translation went
    obsolete (the other article's English fuzzy-matched in its place) and both pages were
    published in English."""
    capsys.readouterr()
    _swapped(tree)
    notes = {f["file"].split("locales/")[1]: f["message"]
             for f in _findings(capsys, "catalog-renamed")}
    assert sorted(notes) == ["fr-FR/other.po", "fr-FR/share.po"]
    assert "fr-FR/share.po, the catalog of the article that had that English" in (
        notes["fr-FR/other.po"])
    guide = tree.catalog("fr-FR", "other.md")
    assert {m.msgid: m.msgstr for m in guide.active() if m.reviewed} == FRENCH
    assert {m.msgid for m in guide.messages if m.obsolete} >= {"Billing"}  # kept, obsolete
    billing = tree.catalog("fr-FR", "share.md")
    assert {m.msgid: m.msgstr for m in billing.active() if m.reviewed} == {
        "Billing": "Facturation"}
    draft = next(m for m in billing.active() if m.msgid == "Keep the receipt.")
    assert draft.msgstr == "Gardez le reçu." and draft.fuzzy  # still awaiting review
    assert "2. Entrez une adresse e-mail." in tree.page("fr-FR", "other.md")
    assert "Facturation" in tree.page("fr-FR", "share.md")
    before = [tree.catalog_path("fr-FR", rel).read_bytes() for rel in ("share.md", "other.md")]
    assert tree.run("locales") == 0  # each catalog is its article's now: nothing more moves
    assert [tree.catalog_path("fr-FR", rel).read_bytes()
            for rel in ("share.md", "other.md")] == before


def test_a_swap_gives_the_same_catalogs_whatever_the_batches(tmp_path: Path) -> None:
    """Each article reads the other's catalog while the other's job may have rewritten it
    (its entries of the English gone made obsolete): the same catalogs either way."""
    made = []
    for batch in ("1", "100"):
        tree = Tree(tmp_path / batch)
        _swapped(tree, batch)
        made.append([tree.catalog_path("fr-FR", rel).read_bytes()
                     for rel in ("share.md", "other.md")])
    assert made[0] == made[1]


def _renamed_edited_undone(tree: Tree) -> bytes:
    """share.md renamed, a translator's work in the new catalog (a correction, a first
    translation), the rename undone, the new catalog left: its bytes."""
    tree.write("share.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    assert tree.run("locales") == 0
    _move(tree, "share.md", RENAMED)
    assert tree.run("locales") == 0
    tree.translate("fr-FR", RENAMED, {"Send an invitation": "Envoyer l'invitation",
                                      "Permissions": "Autorisations"})
    _move(tree, RENAMED, "share.md")
    return tree.catalog_path("fr-FR", RENAMED).read_bytes()


def test_a_rename_undone_takes_the_new_translations_and_names_a_correction_left_behind(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The old catalog at the path holds the English, the new one stays an orphan. Before,
    the old catalog's text was published, the work done meanwhile reported only as
    orphan-catalog. Which of two reviewed texts is newer cannot be told: the one at the path
    stands, and a warning names both."""
    kept = _renamed_edited_undone(tree)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    notes = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "catalog-renamed"]
    assert [(f["severity"], f["file"].split("locales/")[1]) for f in notes] == [
        ("warning", "fr-FR/share.po"), ("info", "fr-FR/share.po")]
    warning = notes[0]["message"]
    assert "fr-FR/share-notebooks.po" in warning and "'Send an invitation'" in warning
    assert "\"Envoyer l'invitation\" there, 'Envoyer une invitation' here" in warning
    assert "took the reviewed translations of 1 of its 14 English segments, which" in (
        notes[1]["message"])
    reviewed = {m.msgid: m.msgstr for m in tree.catalog("fr-FR", "share.md").active()
                if m.reviewed}
    assert reviewed == {**FRENCH, "Permissions": "Autorisations"}
    assert '"></a>Autorisations' in tree.page("fr-FR", "share.md")
    assert tree.catalog_path("fr-FR", RENAMED).read_bytes() == kept  # neither text lost


def test_the_warning_of_a_rename_undone_is_not_replayed_once_the_orphan_is_deleted(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _renamed_edited_undone(tree)
    assert tree.run("locales") == 0  # the new translation taken
    assert tree.run("locales") == 0  # the warning alone, said again
    tree.catalog_path("fr-FR", RENAMED).unlink()  # as the hint says, the newer text kept
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    assert _findings(capsys, "catalog-renamed") == []


def test_a_rename_undone_takes_a_suggestion_reviewed_as_it_stood(tree: Tree) -> None:
    """The English edited, its suggestion (fuzzy, `#| msgid`) carried by a rename and accepted
    as it stood in the new catalog (the fuzzy flag cleared), the rename undone: the catalog at
    the path still held the suggestion, the same text, fuzzy. Before, the review was lost
    without a word (the same text, so no warning either): the page showed the English."""
    tree.write("share.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    edited = GUIDE.replace("Send an invitation", "Send invitations")
    tree.write("share.md", edited)
    assert tree.run("locales") == 0
    _move(tree, "share.md", RENAMED)
    assert tree.run("locales") == 0
    tree.translate("fr-FR", RENAMED, {"Send invitations": "Envoyer une invitation"})
    _move(tree, RENAMED, "share.md")
    assert tree.run("locales") == 0
    [entry] = [m for m in tree.catalog("fr-FR", "share.md").active()
               if m.msgid == "Send invitations"]
    assert entry.reviewed and entry.msgstr == "Envoyer une invitation"
    assert '"></a>Envoyer une invitation' in tree.page("fr-FR", "share.md")


def test_a_swap_takes_the_living_articles_translations_over_a_stale_copy_deleted_elsewhere(
        tree: Tree) -> None:
    """A copy of share.md in another folder, translated once and deleted long ago (its catalog
    left, an orphan), then share.md corrected and swapped with other.md. Before, the deleted
    copy's catalog, being a deleted article's, won wherever it was: its stale text published
    over the correction the living catalog beside it held."""
    tree.write("share.md", GUIDE)
    tree.write("other.md", BILLING)
    tree.write("old/copy.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    tree.translate("fr-FR", "other.md", {"Billing": "Facturation"})
    tree.translate("fr-FR", "old/copy.md", {**FRENCH, "Send an invitation": "Inviter"})
    (tree.content / "en-US" / "old" / "copy.md").unlink()
    assert tree.run("locales") == 0
    tree.write("share.md", BILLING)
    tree.write("other.md", GUIDE)
    assert tree.run("locales") == 0
    guide = tree.catalog("fr-FR", "other.md")
    assert {m.msgid: m.msgstr for m in guide.active() if m.reviewed} == FRENCH


RECEIPTS = ("# Billing\n\nPay the invoice before the end of the month.\n\nKeep the receipt.\n\n"
            "## Refunds\n\nKeep the receipt.\n")


def test_a_swap_carries_both_translations_of_english_translated_two_ways(tree: Tree) -> None:
    """share.md says 'Keep the receipt.' twice, translated two ways (a plain entry and a
    context entry, twins), then swapped with other.md. Before, the entries were taken by
    English alone: the twin under its context stayed behind, obsolete, and the page published
    the first text in both places."""
    tree.write("share.md", RECEIPTS)
    tree.write("other.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", {"Billing": "Facturation", "Refunds": "Remboursements",
                                         "Keep the receipt.": "Gardez le reçu."})
    tree.translate("fr-FR", "other.md", FRENCH)
    path = tree.catalog_path("fr-FR", "share.md")
    text = path.read_text(encoding="utf-8")
    first, second = re.search(r'#\. (\w+-\d+)\n#\. (\w+-\d+)\n#: [^\n]*\nmsgid "Keep the',
                              text).groups()
    path.write_text(text.replace(f"#. {first}\n#. {second}\n", f"#. {first}\n").replace(
        'msgstr "Gardez le reçu."\n', f'msgstr "Gardez le reçu."\n\n#. {second}\n'
        f'msgctxt "{second}"\nmsgid "Keep the receipt."\nmsgstr "Conservez le justificatif."\n'),
        encoding="utf-8")
    assert tree.run("locales") == 0
    before = tree.page("fr-FR", "share.md")
    assert "Gardez le reçu." in before and "Conservez le justificatif." in before
    tree.write("share.md", GUIDE)
    tree.write("other.md", RECEIPTS)
    assert tree.run("locales", "-j", "1") == 0
    page = tree.page("fr-FR", "other.md")
    assert page.count("Gardez le reçu.") == 1 and page.count("Conservez le justificatif.") == 1
    assert page.index("Gardez le reçu.") < page.index("Conservez le justificatif.")


def test_an_entry_emptied_after_a_rename_is_not_filled_again_from_the_old_catalog(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A handoff's translation (its record on the entry), the article renamed with the old
    catalog kept, then the translator empties the entry in the new catalog (the text is
    wrong). The old catalog's reviewed text is the very one the entry's record says it held:
    the emptying is the newer edit. Before, it was taken back, reviewed, and published."""
    tree.write("share.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", FRENCH)
    path = tree.catalog_path("fr-FR", "share.md")  # as a handoff delivered it
    text = path.read_text(encoding="utf-8")
    at = text.index('\nmsgid "Send an invitation"')
    at = text.rindex("\n#: ", 0, at)
    path.write_text(f"{text[:at]}\n#. {note('Envoyer une invitation', False)}{text[at:]}",
                    encoding="utf-8")
    assert tree.run("locales") == 0
    _move(tree, "share.md", RENAMED)
    assert tree.run("locales") == 0
    assert "Envoyer une invitation" in tree.page("fr-FR", RENAMED)
    tree.translate("fr-FR", RENAMED, {"Send an invitation": ""})
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    [entry] = [m for m in tree.catalog("fr-FR", RENAMED).active()
               if m.msgid == "Send an invitation"]
    assert entry.msgstr == ""
    assert "Envoyer une invitation" not in tree.page("fr-FR", RENAMED)
    [warning] = [f for f in _findings(capsys, "catalog-renamed") if f["severity"] == "warning"]
    assert "'Envoyer une invitation' there, '' here" in warning["message"]


def _edited_then_swapped(tree: Tree, batch: str) -> None:
    """share.md's 'Send an invitation' edited (its translation now a suggestion, fuzzy with
    the old English as #| msgid), then share.md and other.md swap names."""
    _both_translated(tree)
    edited = GUIDE.replace("Send an invitation", "Send invitations")
    tree.write("share.md", edited)
    assert tree.run("locales") == 0
    tree.write("share.md", BILLING)
    tree.write("other.md", edited)
    assert tree.run("locales", "-j", "1", "--batch-size", batch) == 0


def test_a_swap_keeps_an_edited_sentences_old_translation_as_its_suggestion(
        tmp_path: Path) -> None:
    """Before, the suggestion was not carried (the other article's job may drop it as it goes
    obsolete, its text kept by the old English's entry) and nor was that entry: the edited
    English got whatever the carried entries of other English lent, or nothing. The history
    of the article that moved (its obsolete entries) now comes with it, whichever job runs
    first, and lends as it did before the swap."""
    made = []
    for batch in ("1", "100"):
        tree = Tree(tmp_path / batch)
        _edited_then_swapped(tree, batch)
        [entry] = [m for m in tree.catalog("fr-FR", "other.md").active()
                   if m.msgid == "Send invitations"]
        assert entry.fuzzy and entry.previous_msgid == "Send an invitation"
        assert entry.msgstr == "Envoyer une invitation"
        made.append([tree.catalog_path("fr-FR", rel).read_bytes()
                     for rel in ("share.md", "other.md")])
    assert made[0] == made[1]


@pytest.mark.parametrize("new", [RENAMED, NEW], ids=["renamed", "moved-and-renamed"])
def test_a_renamed_article_is_not_started_from_another_locales_catalog_filed_in_its_folder(
        tree: Tree, capsys: pytest.CaptureFixture[str], new: str) -> None:
    """h189: the article renamed in the commit that also filed the German catalog at
    locales/fr-FR/share.po (Language: de_DE). po-locale refused it while its article was
    there; as the deleted article's catalog it was carried into the renamed one's, which took
    Language fr_FR: the German published as the French page, with nothing to tell. Where a
    rename leaves it (same folder or file name) the article waits for it, as for a catalog
    that cannot be read; farther, it is no candidate."""
    _two_locales(tree)
    assert tree.run("locales") == 0
    path = tree.catalog_path("fr-FR", "share.md")
    text = path.read_text(encoding="utf-8")
    assert '"Language: fr_FR\\n"' in text
    path.write_text(text.replace('"Language: fr_FR\\n"', '"Language: de_DE\\n"').replace(
        "Envoyer une invitation", "Eine Einladung senden"), encoding="utf-8")
    _move(tree, "share.md", new)
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == (1 if new == RENAMED else 0)
    found = json.loads(capsys.readouterr().out)
    assert [f["file"].split("locales/")[1] for f in found if f["check"] == "po-locale"] == (
        ["fr-FR/share.po"] if new == RENAMED else [])
    made = tree.catalog_path("fr-FR", new)
    assert not made.exists() or "Eine Einladung senden" not in made.read_text(encoding="utf-8")
    page = tree.out / "fr-FR" / new
    assert not page.exists() or "Eine Einladung senden" not in page.read_text(encoding="utf-8")
    assert "Eine Einladung senden" in path.read_text(encoding="utf-8")  # left as it is
