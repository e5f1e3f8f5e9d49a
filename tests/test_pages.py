"""``--prune`` deletes only the pages the pipeline wrote (``pipeline.pages``): a hand-written
page in the output folder, or a written one edited since, is kept and said. Through the CLI, on
the example tree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from example import copy_example

from pipeline.checks import tree
from pipeline.cli import main
from pipeline.layout import Layout
from pipeline.pages import MANIFEST_NAME

GONE = "fr-FR/get-started/install-cli.md"


def _run(root: Path, command: str, *extra: str) -> int:
    return main([command, "--content", str(root / "content"), "--locales",
                 str(root / "locales"), "--out", str(root / "build"), "-j", "1", "-q", *extra])


def _orphans(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    return {f["file"].split("build/")[1]: f for f in json.loads(capsys.readouterr().out)
            if f["check"] == "orphan-page"}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy_example(tmp_path / "content")
    assert _run(tmp_path, "locales") == 0
    return tmp_path


def test_prune_deletes_a_page_the_pipeline_wrote_whose_article_is_gone(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert GONE in (root / "build" / MANIFEST_NAME).read_text()
    (root / "content" / GONE).unlink()
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    assert _orphans(capsys)[GONE]["severity"] == "info"
    assert not (root / "build" / GONE).exists()
    assert GONE not in (root / "build" / MANIFEST_NAME).read_text()


def test_prune_keeps_a_hand_written_page_and_says_why(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = "fr-FR/get-started/faq.md"
    (root / "build" / mine).write_text("# FAQ\n\nWritten by hand.\n", encoding="utf-8")
    (root / "content" / GONE).unlink()  # a run that walks the output folder again
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    found = _orphans(capsys)[mine]
    assert (root / "build" / mine).read_text(encoding="utf-8") == "# FAQ\n\nWritten by hand.\n"
    assert found["severity"] == "warning"
    assert "did not write it" in found["message"] and "--prune keeps it" in found["message"]
    assert "delete it by hand" in found["hint"]
    assert not (root / "build" / GONE).exists()  # the page it wrote: pruned


def test_prune_keeps_a_page_the_pipeline_wrote_but_a_person_edited_since(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "content" / GONE).unlink()
    page = root / "build" / GONE
    page.write_text(page.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    assert _orphans(capsys)[GONE]["severity"] == "warning"
    assert page.read_text(encoding="utf-8").endswith("A note of mine.\n")


def test_a_lost_manifest_is_made_again_from_the_pages_the_cache_replays(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "build" / MANIFEST_NAME).unlink()
    assert _run(root, "locales") == 0  # every article replayed from the cache
    (root / "content" / GONE).unlink()
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    assert _orphans(capsys)[GONE]["severity"] == "info"


def test_a_damaged_manifest_keeps_pages_rather_than_deleting_them(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "build" / MANIFEST_NAME).write_bytes(b"\xff\x00 garbage\nnot a line\n")
    (root / "build" / ".pipeline-cache").unlink()
    (root / "content" / GONE).unlink()
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    assert _orphans(capsys)[GONE]["severity"] == "warning"
    assert (root / "build" / GONE).is_file()


def test_the_manifest_is_the_same_whatever_the_order_of_runs(root: Path, tmp_path: Path) -> None:
    first = (root / "build" / MANIFEST_NAME).read_bytes()
    (root / "build" / MANIFEST_NAME).unlink()
    (root / "build" / ".pipeline-cache").unlink()
    assert _run(root, "locales", "-j", "2") == 0
    assert (root / "build" / MANIFEST_NAME).read_bytes() == first


def test_prune_keeps_the_pages_another_content_folder_wrote_into_a_shared_output_folder(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a second tree, with one article of its own, rendered into the same build/
    other = root / "other"
    theirs = "fr-FR/other/page.md"
    (other / "content" / "fr-FR" / "other").mkdir(parents=True)
    (other / "content" / theirs).write_bytes((root / "content" / GONE).read_bytes())
    assert main(["locales", "--content", str(other / "content"), "--locales",
                 str(other / "locales"), "--out", str(root / "build"), "-j", "1", "-q"]) == 0
    assert (root / "build" / theirs).is_file()
    (root / "content" / GONE).unlink()
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    found = _orphans(capsys)
    assert (root / "build" / theirs).is_file()  # the other tree's page: not this run's
    assert found[theirs]["severity"] == "warning"
    assert "another content folder" in found[theirs]["message"]
    assert not (root / "build" / GONE).exists()  # this tree's own page: pruned


def test_prune_says_why_it_keeps_a_stale_page_of_a_remote_output_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_example(tmp_path / "content")
    out = f"memory://{tmp_path.name}/build"
    args = ["locales", "--content", str(tmp_path / "content"), "--locales",
            str(tmp_path / "locales"), "--out", out, "-j", "1", "-q"]
    assert main(args) == 0
    (tmp_path / "content" / GONE).unlink()
    capsys.readouterr()
    assert main([*args, "--prune", "--format", "json"]) == 0
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "orphan-page"]
    assert [f["severity"] for f in found] == ["warning"]
    assert "--prune keeps it: it deletes pages only in a local output folder" in (
        found[0]["message"])
    assert "--prune" not in found[0]["hint"]  # not 'run again with --prune': it was given


def test_content_on_another_drive_than_the_output_folder_is_still_recorded(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' relpath raises between drives (C: and D:): the manifest names the content
    folder by its whole path then, and the run ends as any other."""
    def other_drive(path: str, start: str | None = None) -> str:
        raise ValueError("path is on mount 'C:', start on mount 'D:'")

    monkeypatch.setattr("pipeline.pages.os.path.relpath", other_drive)
    (root / "build" / MANIFEST_NAME).unlink()
    assert _run(root, "locales") == 0
    assert GONE in (root / "build" / MANIFEST_NAME).read_text()


@pytest.mark.parametrize(("command", "reports"), [("render", False), ("locales", True)])
def test_the_prune_help_says_what_each_command_does_with_an_orphan_page_without_it(
        root: Path, capsys: pytest.CaptureFixture[str], command: str, reports: bool) -> None:
    """``render --help`` said that without --prune render reports orphan pages; it runs no
    checks and reports none, so a user relying on it never heard of a stale page."""
    (root / "content" / GONE).unlink()
    capsys.readouterr()
    assert _run(root, command) == 0
    assert ("orphan-page" in capsys.readouterr().err) == reports
    with pytest.raises(SystemExit):
        main([command, "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert ("(default: report them as orphan-page)" in help_text) == reports
    assert (root / "build" / GONE).exists()


def test_prune_deletes_the_pages_of_a_locale_dropped_whole(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A locale whose content and catalogs folders are both gone was no folder the walk looked
    into: its pages stayed in build/ for ever, unsaid, though the manifest recorded them as
    this content folder's."""
    written = {line.split(" ")[2] for line in
               (root / "build" / MANIFEST_NAME).read_text().splitlines()[3:]}
    shutil.rmtree(root / "content" / "ja-JP")
    shutil.rmtree(root / "locales" / "ja-JP")
    capsys.readouterr()
    assert _run(root, "locales", "--prune", "--format", "json") == 0
    ja = {rel for rel in written if rel.startswith("ja-JP/")}
    assert ja and {rel for rel, f in _orphans(capsys).items() if f["severity"] == "info"} == ja
    assert not (root / "build" / "ja-JP").exists()
    assert "ja-JP/" not in (root / "build" / MANIFEST_NAME).read_text()


def test_the_manifest_forgets_a_page_no_longer_in_the_output_folder(root: Path) -> None:
    """A page deleted by hand (as the orphan-page warning says to) stayed in the manifest: it
    grew with every page ever written."""
    before = (root / "build" / MANIFEST_NAME).read_text().splitlines()
    (root / "content" / GONE).unlink()
    (root / "build" / GONE).unlink()
    assert _run(root, "locales") == 0
    assert (root / "build" / MANIFEST_NAME).read_text().splitlines() == [
        line for line in before if not line.endswith(" " + GONE)]


def test_runs_that_render_into_one_output_folder_update_its_manifest_in_turn(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Render runs take no tree lock: two at once into one output folder each read the
    manifest and wrote their own over the other's, whose pages --prune then kept as
    hand-written. The manifest is read and written holding the output folder's lock."""
    import fcntl
    import os

    from pipeline import pages

    held: list[bool] = []
    real_load = pages.load

    def load(out: Path) -> dict[str, tuple[str, str]]:
        fd = os.open(out, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.append(False)  # another run could have taken it: no turn
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(fd)
        return real_load(out)

    monkeypatch.setattr(pages, "load", load)
    (root / "content" / GONE).unlink()  # work to do, so the manifest is read
    assert _run(root, "render", "--form", "bilingual") in (0, 1)
    assert held == [True]


def test_prune_deletes_the_english_driven_pages_of_a_locale_dropped_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The English still drives ja-JP/<path> by its path alone: a page of a locale the tree is
    made for no more (its content and catalogs folders deleted) was no orphan, kept for ever.
    A run limited to other locales (build-locales) keeps them: they may be targets not built now."""
    copy_example(tmp_path / "content", english=True)
    assert _run(tmp_path, "locales") == 0
    written = {line.split(" ")[2] for line in
               (tmp_path / "build" / MANIFEST_NAME).read_text().splitlines()[3:]}
    driven = {rel for rel in written if rel.startswith("ja-JP/")
              and (tmp_path / "content" / "en-US" / rel.partition("/")[2]).is_file()}
    assert driven
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nbuild-locales = ["fr-FR"]\n')
    shutil.rmtree(tmp_path / "content" / "ja-JP")
    shutil.rmtree(tmp_path / "locales" / "ja-JP")
    capsys.readouterr()
    config = ["--config", str(tmp_path / "pyproject.toml")]
    assert _run(tmp_path, "locales", "--prune", "--format", "json", *config) == 0
    assert all((tmp_path / "build" / rel).is_file() for rel in driven)  # limited to fr-FR
    capsys.readouterr()
    assert _run(tmp_path, "locales", "--prune", "--format", "json") == 0
    removed = {rel for rel, f in _orphans(capsys).items() if f["severity"] == "info"}
    assert driven <= removed and not (tmp_path / "build" / "ja-JP").exists()


def test_a_cached_run_after_one_limited_by_build_locales_still_prunes_a_locale_dropped_since(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run limited to fr-FR (build-locales) left de-DE's pages unlooked at; de-DE is then
    dropped and the limit lifted. The articles are the last run's (fr-FR's alone) and all
    unchanged, so the run took the orphans that run found, none: de-DE's pages stayed, unsaid,
    until an article changed. The last run's orphans count only among the same locales."""
    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    for locale in ("fr-FR", "de-DE"):
        (tmp_path / "locales" / locale).mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    (tmp_path / "limited.toml").write_text('[tool.pipeline]\nbuild-locales = ["fr-FR"]\n')
    assert _run(tmp_path, "locales", "--prune", "--config", str(tmp_path / "limited.toml")) == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()  # not built now: kept
    shutil.rmtree(tmp_path / "locales" / "de-DE")
    capsys.readouterr()
    assert _run(tmp_path, "locales", "--prune", "--format", "json") == 0
    assert {rel: f["severity"] for rel, f in _orphans(capsys).items()} == {"de-DE/a.md": "info"}
    assert not (tmp_path / "build" / "de-DE").exists()


def test_an_unreadable_catalogs_folder_drops_no_locale_and_prunes_none_of_its_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """locales/ cannot be read (permissions, a network folder's hiccup): the run says so, and
    read as holding no locale, de-DE (a target by its catalogs folder alone) was taken for
    dropped and its pages deleted by --prune. A root that could not be read says nothing of
    which locales it holds: none is dropped."""
    import os

    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "content" / "fr-FR").mkdir()
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    scandir, locales = os.scandir, str(tmp_path / "locales")

    def denied(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == locales:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert _run(tmp_path, "locales", "--prune") == 1  # error[unreadable]
    monkeypatch.undo()
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()


def test_a_catalogs_folder_that_could_not_be_read_once_drops_no_locale_though_it_can_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """locales/ could not be listed when the run looked for its target locales (a network
    folder's hiccup) and could when it came to prune: a listing of its own then said the
    folder was read, and de-DE, missing from targets that first listing made, was taken for dropped
    and its pages deleted. Whether a locale is dropped is read from the listing that made the
    targets."""
    import os

    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "content" / "fr-FR").mkdir()
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    scandir, locales = os.scandir, str(tmp_path / "locales")
    failed: list[str] = []

    def hiccup(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == locales and len(failed) < 2:
            failed.append(locales)
            raise OSError(5, "Input/output error", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", hiccup)
    _run(tmp_path, "locales", "--prune")
    monkeypatch.undo()
    assert failed
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()


def test_a_run_after_one_that_could_not_list_the_catalogs_folder_still_prunes_a_dropped_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """de-DE, a target by its catalogs folder alone, is dropped; the next run could not list
    locales/ when it looked for its targets (a hiccup), so it took no locale for dropped and
    kept de-DE's pages. The run after it, its articles the same and unchanged, took that run's
    orphans (none): de-DE's pages stayed, unsaid, until an article changed. The last run's
    orphans count only when found from a listing that read both roots, of the same targets."""
    import os

    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "content" / "fr-FR").mkdir()
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    shutil.rmtree(tmp_path / "locales" / "de-DE")
    scandir, locales = os.scandir, str(tmp_path / "locales")
    failed: list[str] = []

    def hiccup(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == locales and len(failed) < 2:
            failed.append(locales)
            raise OSError(5, "Input/output error", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", hiccup)
    _run(tmp_path, "locales", "--prune")
    monkeypatch.undo()
    assert len(failed) == 2 and (tmp_path / "build" / "de-DE" / "a.md").is_file()
    capsys.readouterr()
    assert _run(tmp_path, "locales", "--prune", "--format", "json") == 0
    assert {rel: f["severity"] for rel, f in _orphans(capsys).items()} == {"de-DE/a.md": "info"}
    assert not (tmp_path / "build" / "de-DE").exists()


def test_a_catalogs_folder_not_there_drops_no_locale_until_it_is_there_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A catalogs folder that does not exist says nothing of the locales it named: a typo in
    --locales would otherwise drop them all (see the test above). de-DE, its content folder
    and the whole catalogs folder deleted, keeps its pages, said; once a catalogs folder is
    there again (empty), de-DE is dropped and pruned."""
    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    for locale in ("fr-FR", "de-DE"):
        (tmp_path / "content" / locale).mkdir()
    assert _run(tmp_path, "locales") == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    shutil.rmtree(tmp_path / "locales")
    shutil.rmtree(tmp_path / "content" / "de-DE")
    capsys.readouterr()
    assert _run(tmp_path, "locales", "--prune") == 0
    assert "cannot list this folder (it is not there)" in capsys.readouterr().err
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    shutil.rmtree(tmp_path / "locales")  # the run made fr-FR's catalog again: an empty one
    (tmp_path / "locales").mkdir()
    assert _run(tmp_path, "locales", "--prune") == 0
    assert not (tmp_path / "build" / "de-DE").exists()
    assert (tmp_path / "build" / "fr-FR" / "a.md").is_file()


def test_a_catalogs_folder_the_run_could_not_list_is_said_when_prune_keeps_pages_for_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """locales/ could not be listed as the run looked for its target locales (a hiccup over
    by the walk): prune took no locale for dropped and kept de-DE's pages, and nothing said
    so. A warning at the folder names the error and the locales whose pages were kept."""
    import os

    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "content" / "fr-FR").mkdir()
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    scandir, locales = os.scandir, str(tmp_path / "locales")
    failed: list[str] = []

    def hiccup(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == locales and not failed:
            failed.append(locales)
            raise OSError(5, "Input/output error", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", hiccup)
    capsys.readouterr()
    _run(tmp_path, "locales", "--prune", "--format", "json")
    said = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "orphan-page"]
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    assert [(f["file"].rpartition("/")[2], f["severity"]) for f in said] == [
        ("locales", "warning")]
    assert "Input/output error" in said[0]["message"] and "de-DE" in said[0]["message"]
    assert "kept, though --prune was given" in said[0]["message"]


def test_prune_deletes_the_pages_of_the_last_target_locale_dropped(tmp_path: Path) -> None:
    """de-DE, the tree's only target (by its catalogs folder), is dropped: with no target
    left the run was read as one not told its targets, which drops none, so de-DE's pages
    stayed, unsaid, even with --prune. A run not told is one given no listing."""
    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()
    shutil.rmtree(tmp_path / "locales" / "de-DE")
    assert _run(tmp_path, "locales", "--prune") == 0
    assert not (tmp_path / "build" / "de-DE").exists()


def test_a_dropped_locales_page_is_said_to_be_of_a_locale_dropped_not_of_english_gone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """de-DE dropped while content/en-US/a.md stays: its page was said to be made by 'no
    English content/en-US/a.md' any more, which stands there; what is gone is the locale."""
    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    shutil.rmtree(tmp_path / "locales" / "de-DE")
    for prune in ((), ("--prune",)):
        capsys.readouterr()
        assert _run(tmp_path, "locales", *prune, "--format", "json") == 0
        (said,) = (f["message"] for f in _orphans(capsys).values())
        assert "no English" not in said
        assert "article in de-DE, a locale the tree is no longer made for" in said


def test_a_page_left_under_the_old_case_of_a_renamed_locale_folder_is_pruned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """locales/fr-FR renamed locales/fr-fr: the run makes build/fr-fr/a.md, and the English
    still drives fr-FR/a.md by its path, so build/fr-FR/a.md was no orphan: it stayed, unsaid,
    for ever, even with --prune (a case-sensitive folder holds both)."""
    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "locales" / "fr-FR").mkdir(parents=True)
    assert _run(tmp_path, "locales") == 0
    (tmp_path / "locales" / "fr-FR").rename(tmp_path / "locales" / "fr-fr")
    capsys.readouterr()
    assert _run(tmp_path, "locales", "--prune", "--format", "json") == 0
    (said,) = (f["message"] for f in _orphans(capsys).values())
    assert said.startswith("removed (--prune)") and "build/fr-fr/a.md" in said
    assert sorted(p.name for p in (tmp_path / "build").iterdir() if p.is_dir()) == ["fr-fr"]


def test_a_page_that_is_the_same_file_as_the_one_made_under_another_case_is_kept(
        tmp_path: Path) -> None:
    """A case-insensitive folder holds one file for fr-FR/a.md and fr-fr/a.md: the page the
    run just wrote is never its own orphan (a link stands in for such a folder here)."""
    layout = Layout(tmp_path / "content", tmp_path / "locales", tmp_path / "build", "en-US")
    (tmp_path / "build" / "fr-fr").mkdir(parents=True)
    (tmp_path / "build" / "fr-fr" / "a.md").write_text("x")
    (tmp_path / "build" / "fr-FR").symlink_to(tmp_path / "build" / "fr-fr")
    assert tree.made_as(layout, "fr-FR/a.md", tree.folded(["fr-fr/a.md"])) is None
    (tmp_path / "build" / "fr-FR").unlink()
    (tmp_path / "build" / "fr-FR").mkdir()
    (tmp_path / "build" / "fr-FR" / "a.md").write_text("x")
    assert tree.made_as(layout, "fr-FR/a.md", tree.folded(["fr-fr/a.md"])) == "fr-fr/a.md"


def test_a_catalogs_folder_given_wrong_drops_no_locale_and_prunes_none_of_its_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-150: in an English-driven tree, a --locales that names no folder (a typo, a
    folder moved) was read as one holding no locale: every locale only its catalogs folder
    named was taken for dropped, and --prune deleted its pages. A catalogs folder that is not
    there, once the pipeline has written pages for its locales, drops none: said, and kept."""
    copy_example(tmp_path / "content", english=True)
    (tmp_path / "locales" / "it-IT").mkdir(parents=True)  # a target by its catalogs alone
    assert _run(tmp_path, "locales") == 0
    written = {line.split(" ")[2] for line in
               (tmp_path / "build" / MANIFEST_NAME).read_text().splitlines()[3:]}
    only_catalogs = {rel for rel in written if not (
        tmp_path / "content" / rel.partition("/")[0]).is_dir()}
    assert only_catalogs  # locales the English drives through their catalogs folder alone
    capsys.readouterr()
    assert main(["locales", "--content", str(tmp_path / "content"), "--locales",
                 str(tmp_path / "locals"), "--out", str(tmp_path / "build"), "-j", "1", "-q",
                 "--prune"]) in (0, 1)
    err = capsys.readouterr().err
    assert all((tmp_path / "build" / rel).is_file() for rel in only_catalogs)
    assert "locals: warning[orphan-page]: cannot list this folder" in err, err
