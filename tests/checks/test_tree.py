"""Pages of the output folder that no article makes any more (``orphan-page``), and ``--prune``,
which deletes them: end to end through the CLI, on the example tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from example import copy_example

from pipeline.checks import tree
from pipeline.cli import main
from pipeline.layout import Layout


class Tree:
    def __init__(self, root: Path, english: bool = False) -> None:
        self.content, self.locales, self.out = root / "content", root / "locales", root / "build"
        copy_example(self.content, english=english)

    def run(self, command: str, *extra: str) -> int:
        return main([command, "--content", str(self.content), "--locales", str(self.locales),
                     "--out", str(self.out), "-j", "1", "-q", *extra])

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.md"))


def _found(capsys: pytest.CaptureFixture[str], check: str) -> list[dict[str, str]]:
    return [f for f in json.loads(capsys.readouterr().out) if f["check"] == check]


def test_the_page_of_a_deleted_article_is_reported_and_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    (t.content / "fr-FR/get-started/install-cli.md").unlink()
    (t.locales / "fr-FR/get-started/install-cli.po").unlink()  # gone with it: no orphan-catalog
    capsys.readouterr()
    assert t.run("locales", "--format", "json") == 0
    found = _found(capsys, "orphan-page")
    assert [(f["file"].split("build/")[1], f["severity"]) for f in found] == [
        ("fr-FR/get-started/install-cli.md", "warning")]
    assert "no article " in found[0]["message"] and "--prune" in found[0]["hint"]
    assert (t.out / "fr-FR/get-started/install-cli.md").is_file()  # never deleted unasked


def test_prune_deletes_only_the_pages_whose_article_is_gone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    before = t.pages()
    gone = "fr-FR/get-started/install-cli.md"
    (t.content / gone).unlink()
    # what the output folder holds beside the pages is not the run's to delete
    (t.out / "fr-FR/get-started/notes.txt").write_text("mine\n")
    (t.out / "sxs").mkdir()
    (t.out / "sxs/old.md").write_text("not under a locale folder\n")
    capsys.readouterr()
    assert t.run("locales", "--prune", "--format", "json") == 0
    found = _found(capsys, "orphan-page")
    assert [(f["file"].endswith(gone), f["severity"]) for f in found] == [(True, "info")]
    assert found[0]["message"].startswith("removed (--prune): no article ")
    assert t.pages() == sorted({*before, "sxs/old.md"} - {gone})
    assert (t.out / "fr-FR/get-started/notes.txt").read_text() == "mine\n"
    assert (t.locales / "fr-FR/get-started/install-cli.po").is_file()  # catalogs: never
    capsys.readouterr()
    assert t.run("locales", "--prune", "--format", "json") == 0  # nothing left to prune
    assert _found(capsys, "orphan-page") == []


def test_prune_removes_the_folders_it_empties(tmp_path: Path) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    for md in (t.content / "de-DE").rglob("*.md"):
        md.unlink()
    assert t.run("render", "--prune") == 0
    assert not (t.out / "de-DE").exists()
    assert t.out.is_dir()


def test_the_page_of_a_renamed_english_article_is_an_orphan_in_every_locale(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = Tree(tmp_path, english=True)
    assert t.run("locales") == 0
    english = next((t.content / "en-US").rglob("*.md"))
    old = english.relative_to(t.content / "en-US").as_posix()
    english.rename(english.with_name("renamed.md"))
    made = [p for p in t.pages() if p.endswith(old)]
    assert len(made) >= 2  # one page a target locale
    capsys.readouterr()
    assert t.run("locales", "--prune", "--format", "json") in (0, 1)
    removed = sorted(f["file"].split("build/")[1] for f in _found(capsys, "orphan-page"))
    assert removed == made
    assert not any(p.endswith(old) for p in t.pages())
    assert sum(p.endswith("renamed.md") for p in t.pages()) == len(made)


def test_a_page_whose_article_the_run_did_not_take_is_no_orphan(tmp_path: Path) -> None:
    """Only a page whose article is gone is an orphan, whatever subset of the tree a run took
    (one locale, the articles a pull request changed)."""
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    layout = Layout(t.content, t.locales, t.out)
    assert tree.orphan_pages(layout, seen=set())[:2] == ([], [])
    (t.content / "de-DE/reference/configuration.md").unlink()
    assert tree.orphan_pages(layout, seen=set())[0] == ["de-DE/reference/configuration.md"]


def test_ignore_orphan_page_keeps_the_report_quiet_and_prune_still_prunes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    (t.content / "de-DE/reference/configuration.md").unlink()
    capsys.readouterr()
    assert t.run("locales", "--ignore", "orphan-page", "--format", "json") == 0
    assert _found(capsys, "orphan-page") == []
    assert (t.out / "de-DE/reference/configuration.md").is_file()
    assert t.run("locales", "--prune", "--ignore", "orphan-page") == 0
    assert not (t.out / "de-DE/reference/configuration.md").exists()


def test_a_rerun_with_nothing_to_do_reports_the_same_orphans_without_walking_the_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    (t.content / "de-DE/reference/configuration.md").unlink()
    (t.content / "fr-FR/reference/configuration.md").unlink()
    capsys.readouterr()
    assert t.run("locales", "--format", "json") == 0
    first = _found(capsys, "orphan-page")
    assert len(first) == 2

    def walked(*_: object) -> None:
        raise AssertionError("the output folder was walked again")

    monkeypatch.setattr(tree, "orphan_pages", walked)
    assert t.run("locales", "--format", "json") == 0  # the same articles, all unchanged
    assert _found(capsys, "orphan-page") == first
    (t.out / "fr-FR/reference/configuration.md").unlink()  # deleted by hand meanwhile
    assert t.run("locales", "--prune", "--format", "json") == 0
    pruned = _found(capsys, "orphan-page")
    assert [(f["file"].split("build/")[1], f["severity"]) for f in pruned] == [
        ("de-DE/reference/configuration.md", "info")]
    assert not (t.out / "de-DE").exists()
    assert t.run("locales", "--format", "json") == 0
    assert _found(capsys, "orphan-page") == []


def test_a_rerun_after_an_article_is_deleted_walks_the_pages_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    assert t.run("locales") == 0  # no orphans, and none remembered
    (t.content / "de-DE/reference/configuration.md").unlink()
    capsys.readouterr()
    assert t.run("locales", "--format", "json") == 0
    assert [f["file"].split("build/")[1] for f in _found(capsys, "orphan-page")] == [
        "de-DE/reference/configuration.md"]


def test_prune_never_deletes_through_a_linked_folder(tmp_path: Path) -> None:
    """A link under build/ to the articles themselves: --prune deleted the delivered article."""
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    (t.out / "fr-FR/gs-link").symlink_to(t.content / "fr-FR/get-started")
    (t.out / ".pipeline-cache").unlink()
    assert t.run("locales", "--prune") == 0
    assert (t.content / "fr-FR/get-started/install-cli.md").is_file()


def test_a_subset_run_does_not_prune_from_the_orphans_a_wider_run_remembered(
        tmp_path: Path) -> None:
    """A fr article moved away and back while de-only runs went on: its page was deleted."""
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    article = t.content / "fr-FR/reference/configuration.md"
    moved = tmp_path / "configuration.md"
    article.rename(moved)
    assert t.run("locales") == 0  # the page is an orphan now, and remembered
    config = tmp_path / "de.toml"
    config.write_text('[tool.pipeline]\nbuild-locales = ["de-DE"]\n', encoding="utf-8")
    assert t.run("locales", "--config", str(config)) == 0
    moved.rename(article)
    assert t.run("locales", "--config", str(config), "--prune") == 0
    assert (t.out / "fr-FR/reference/configuration.md").is_file()


@pytest.mark.parametrize("folder", ["fr_FR", "fr-fr"])
def test_a_catalog_returned_in_a_locale_folder_spelled_otherwise_names_the_articles_catalog(
        folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A vendor sends back locales/fr_FR/… (a PO editor's locale name) or fr-fr/…: no run
    reads it, so its edits are never published. The finding said to delete it, as for a
    deleted article's catalog, which loses them (found by h155); it names the catalog the
    run reads, for the edits to go there."""
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    returned = t.locales / folder / "get-started/install-cli.po"
    returned.parent.mkdir(parents=True)
    returned.write_bytes((t.locales / "fr-FR/get-started/install-cli.po").read_bytes())
    capsys.readouterr()
    main(["check", "--content", str(t.content), "--locales", str(t.locales), "-j", "1", "-q",
          "--format", "json"])
    [found] = _found(capsys, "orphan-catalog")
    assert found["file"].endswith(f"{folder}/get-started/install-cli.po")
    assert f"its locale folder '{folder}' is spelled otherwise than 'fr-FR'" in found["message"]
    assert "locales/fr-FR/get-started/install-cli.po" in found["hint"]
    assert "delete the catalog, or restore" not in found["hint"]


def test_a_catalog_returned_under_a_name_in_other_capitals_names_the_articles_catalog(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A zip made on a file system that ignores case: Install-CLI.po for install-cli.md."""
    t = Tree(tmp_path)
    assert t.run("locales") == 0
    ours = t.locales / "fr-FR/get-started/install-cli.po"
    (ours.parent / "Install-CLI.po").write_bytes(ours.read_bytes())
    capsys.readouterr()
    main(["check", "--content", str(t.content), "--locales", str(t.locales), "-j", "1", "-q",
          "--format", "json"])
    [found] = _found(capsys, "orphan-catalog")
    message = found["message"]
    assert ("Install-CLI.md for this catalog: it is named in other capitals than the article"
            in message)
    assert message.endswith("/content/fr-FR/get-started/install-cli.md, so no run reads it and "
                            "no edit in it is published")
    assert "locales/fr-FR/get-started/install-cli.po" in found["hint"]
