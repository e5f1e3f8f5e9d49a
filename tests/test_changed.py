"""--changed-since REF: only the articles and catalogs a change touched, from a real git
repository made for the test; a clear one-line usage error outside one or for a bad ref."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.cli import main

CLEAN = [p for n, p in enumerate(PAIRS) if n not in (1, 3)]  # no finding in these


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path]:
    """Three clean articles with catalogs, committed; a run then sees what changed since."""
    content, locales, _ = make_tree(tmp_path, {
        "fr-FR/a.md": sxs(CLEAN), "fr-FR/b.md": sxs(CLEAN, prefix="c0ffe"),
        "de-DE/c.md": sxs(CLEAN, locale="de-DE", prefix="d00d1")})
    assert main(cli_args("extract", content, locales)) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    return content, locales


def checked(capsys: pytest.CaptureFixture[str], content: Path, locales: Path,
            *more: str) -> tuple[int, set[str], str]:
    """(exit status, the articles with findings, stderr) of a check of what changed."""
    capsys.readouterr()
    code = main([*cli_args("check", content, locales), "--changed-since", "HEAD",
                 "--format", "json", *more])
    out, err = capsys.readouterr()
    return code, {f["file"].rsplit("/", 2)[-2] + "/" + f["file"].rsplit("/", 1)[-1]
                  for f in json.loads(out)}, err


def test_nothing_changed_checks_nothing(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, files, err = checked(capsys, *repo)
    assert code == 0 and files == set() and err.startswith("0 articles")


def test_a_changed_article_is_checked_and_the_others_are_not(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = repo
    for name in ("a.md", "b.md"):  # both broken; only a.md differs from HEAD ...
        (content / "fr-FR" / name).write_text(sxs(PAIRS, prefix="c0ffe" if name == "b.md"
                                                  else "b5df6"), encoding="utf-8")
    git(content.parent, "add", "content/fr-FR/b.md")
    git(content.parent, "commit", "-q", "-m", "b")  # ... once b.md is committed
    code, files, err = checked(capsys, content, locales)
    assert code == 1 and files == {"fr-FR/a.md"} and err.startswith("1 articles")


def test_a_changed_catalog_brings_its_article(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = repo
    po = locales / "de-DE/c.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Fermez la fenêtre."', 'msgstr "Fermez la `fenêtre`."'), encoding="utf-8")
    code, files, _ = checked(capsys, content, locales)
    assert code == 1 and files == {"de-DE/c.md"}


def test_a_new_untracked_article_is_checked(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = repo
    (content / "fr-FR/new.md").write_text(sxs(PAIRS), encoding="utf-8")
    code, files, _ = checked(capsys, content, locales)
    assert code == 1 and files == {"fr-FR/new.md"}  # it has no catalog: missing-catalog


def test_a_changed_settings_file_checks_every_article(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = repo
    (content.parent / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    code, _, err = checked(capsys, content, locales)
    assert code == 0 and err.startswith("3 articles")


@pytest.mark.parametrize("where, ref, says", [
    ("outside", "HEAD", "needs a git work tree"),
    ("inside", "no-such-branch", "unknown git ref 'no-such-branch'"),
])
def test_outside_a_work_tree_or_with_an_unknown_ref_it_fails_in_one_line(
    repo: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str], where: str, ref: str, says: str,
) -> None:
    content, locales = repo
    if where == "outside":
        content, locales, _ = make_tree(tmp_path_factory.mktemp("nogit"),
                                        {"fr-FR/a.md": sxs(CLEAN)})
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--changed-since", ref]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize("elsewhere", ["no git", "another repository"])
def test_a_content_root_linked_out_of_the_catalogs_repository_fails_saying_where_it_leads(
    repo: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str], elsewhere: str,
) -> None:
    """content is a symbolic link, committed beside the catalogs, to a folder outside the
    repository. Out of any work tree, the error said 'content is not in one' (the link is in
    one); in another repository, a changed catalog was checked by no one (exit 0, 0 articles)."""
    content, locales = repo
    target = tmp_path_factory.mktemp("elsewhere") / "content"
    content.rename(target)
    content.symlink_to(target)
    if elsewhere == "another repository":
        git(target, "init", "-q", "-b", "main")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "docs")
    git(content.parent, "add", "-A")
    git(content.parent, "commit", "-q", "-m", "content moved out, linked")
    po = locales / "de-DE/c.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Fermez la fenêtre."', 'msgstr "Fermez la `fenêtre`."'), encoding="utf-8")
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--changed-since", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    said = f"{os.path.relpath(content)} (a symbolic link to {target})"
    if elsewhere == "no git":
        assert f"needs a git work tree, and {said} is not in one" in err
    else:
        assert (f"{said} is in {target} while {os.path.relpath(locales)} is in the git "
                f"work tree {content.parent}") in err
    assert "run without --changed-since to check every article" in err


@pytest.mark.parametrize("change", ["its target edited", "the link retargeted",
                                    "a linked folder retargeted", "the article it links to"])
def test_an_article_read_through_a_symbolic_link_is_checked_when_what_it_reads_changed(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """fr-FR/l.md links to shared/l.md (a folder of the content root no locale owns), fr-FR/s
    to shared/s, fr-FR/m.md to a.md. git lists a change at the link's own path or at its
    target's, never at the article's: each was checked by no one, exit 0, while a full run
    fails."""
    content, locales = repo
    shared = content / "shared"
    (shared / "s").mkdir(parents=True)
    for name in ("l.md", "bad.md", "s/x.md", "t/x.md"):
        (shared / name).parent.mkdir(parents=True, exist_ok=True)
        (shared / name).write_text(sxs(CLEAN, prefix="e1e10"), encoding="utf-8")
    (shared / "bad.md").write_text(sxs(PAIRS, prefix="e1e10"), encoding="utf-8")
    (shared / "t/x.md").write_text(sxs(PAIRS, prefix="e1e10"), encoding="utf-8")
    (content / "fr-FR/l.md").symlink_to("../shared/l.md")
    (content / "fr-FR/s").symlink_to("../shared/s")
    (content / "fr-FR/m.md").symlink_to("a.md")
    assert main(cli_args("extract", content, locales)) == 0
    git(content.parent, "add", "-A")
    git(content.parent, "commit", "-q", "-m", "linked articles")
    if change == "its target edited":
        (shared / "l.md").write_text(sxs(PAIRS, prefix="e1e10"), encoding="utf-8")
        article = "fr-FR/l.md"
    elif change == "the link retargeted":
        (content / "fr-FR/l.md").unlink()
        (content / "fr-FR/l.md").symlink_to("../shared/bad.md")
        article = "fr-FR/l.md"
    elif change == "a linked folder retargeted":
        (content / "fr-FR/s").unlink()
        (content / "fr-FR/s").symlink_to("../shared/t")
        article = "s/x.md"  # fr-FR/s/x.md, as ``checked`` names it
    else:
        (content / "fr-FR/a.md").write_text(sxs(PAIRS), encoding="utf-8")
        article = "fr-FR/m.md"
    assert main([*cli_args("check", content, locales), "-q"]) == 1
    code, files, _ = checked(capsys, content, locales)
    assert code == 1 and article in files


@pytest.mark.parametrize("change", ["its commit bumped", "edited in its work tree",
                                    "bumped, its changes ignored in .gitmodules"])
def test_a_locale_folder_that_is_a_submodule_brings_its_articles_when_it_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """content/fr-FR is a submodule (a vendor's repository). git lists a change in it as the
    folder alone, 'content/fr-FR', which is no article: the vendor's broken delivery was
    checked by no one, exit 0, while a full run fails. With ``ignore = all`` in .gitmodules
    (a vendor's noise kept out of git status), git diff listed nothing at all."""
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    (vendor / "a.md").write_text(sxs(CLEAN), encoding="utf-8")
    git(vendor, "init", "-q", "-b", "main")
    git(vendor, "add", "-A")
    git(vendor, "commit", "-q", "-m", "first delivery")
    root = tmp_path / "docs"
    root.mkdir()
    content, locales, _ = make_tree(root, {"de-DE/c.md": sxs(CLEAN, locale="de-DE")})
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(vendor),
        "content/fr-FR")
    if change.endswith("ignored in .gitmodules"):
        git(root, "config", "-f", ".gitmodules", "submodule.content/fr-FR.ignore", "all")
    assert main(cli_args("extract", content, locales)) == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "docs")
    (content / "fr-FR/a.md").write_text(sxs(PAIRS), encoding="utf-8")
    if change != "edited in its work tree":
        git(content / "fr-FR", "commit", "-q", "-am", "second delivery")
        git(root, "add", "content/fr-FR")
        git(root, "commit", "-q", "-m", "the vendor's second delivery")
    assert main([*cli_args("check", content, locales), "-q"]) == 1
    capsys.readouterr()
    code = main([*cli_args("check", content, locales), "--changed-since",
                 "HEAD" if change == "edited in its work tree" else "HEAD~1", "-q"])
    assert code == 1 and "content/fr-FR/a.md:11:1: error[code-changed]" in capsys.readouterr().err


def test_an_english_folder_that_is_a_submodule_brings_every_locale_s_article_when_bumped(
    tmp_path: Path,
) -> None:
    """content/en-US is a submodule (the English docs' repository) driving fr-FR. A pull
    request that bumps it to new English left fr-FR/a.po as it was under --changed-since
    (git lists the folder alone), so the recipes' in-step check passed, and the main branch's
    full run then rewrote the catalog and failed it."""
    english = tmp_path / "english"
    english.mkdir()
    (english / "a.md").write_text("---\ntitle: A\n---\n\nOpen a terminal.\n",
                                  encoding="utf-8")
    git(english, "init", "-q", "-b", "main")
    git(english, "add", "-A")
    git(english, "commit", "-q", "-m", "English")
    root = tmp_path / "docs"
    root.mkdir()
    content, locales, _ = make_tree(root, {})
    (locales / "fr-FR").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(english),
        "content/en-US")
    assert main(cli_args("locales", content, locales, "-q")) == 0
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "docs")
    (content / "en-US/a.md").write_text("---\ntitle: A\n---\n\nOpen a terminal.\n\n"
                                        "Close the window.\n", encoding="utf-8")
    git(content / "en-US", "commit", "-q", "-am", "more English")
    git(root, "add", "content/en-US")
    git(root, "commit", "-q", "-m", "the English bumped")
    before = (locales / "fr-FR/a.po").read_bytes()
    assert main([*cli_args("locales", content, locales, "-q"), "--changed-since",
                 "HEAD~1"]) == 0
    assert b"Close the window." in (locales / "fr-FR/a.po").read_bytes() != before


def test_a_catalog_of_an_english_that_cannot_be_read_brings_the_locale_that_says_so(
    tmp_path: Path,
) -> None:
    """en-US/a.md is not UTF-8 (baselined): no locale's catalog of it is checked, and the
    finding, said by one locale's job (de-DE's, the first), is keyed by every one of them. A
    pull request that puts a <script> in fr-FR/a.po made it new in a full run (exit 1), but
    --changed-since ran fr-FR's job alone, which does not say it: exit 0."""
    content, locales, _ = make_tree(tmp_path, {
        "en-US/a.md": "---\ntitle: A\n---\n\nOpen a terminal.\n"})
    for locale in ("de-DE", "fr-FR"):
        (locales / locale).mkdir(parents=True)
    assert main(cli_args("locales", content, locales, "-q")) == 0
    (content / "en-US/a.md").write_bytes(b"---\ntitle: A\n---\n\nOpen a terminal \xff.\n")
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales, "-q"), "--out", str(baseline)]) == 0
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Open a terminal."\nmsgstr ""',
        'msgid "Open a terminal."\nmsgstr "Ouvrez <script>x</script>"'), encoding="utf-8")
    gate = [*cli_args("check", content, locales, "-q"), "--baseline", str(baseline)]
    assert main(gate) == 1
    assert main([*gate, "--changed-since", "HEAD"]) == 1


def test_a_no_loc_file_in_a_submodule_that_changed_checks_every_article(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The no-loc list lives in terms/, a terminology team's repository added as a submodule.
    A pull request that bumps it changes what every article's checks find; git lists the
    folder 'terms' alone, which is neither the settings file nor under a settings folder: no
    article was checked, exit 0."""
    content, locales = repo
    root = content.parent
    terms = root.parent / f"{root.name}-terms"
    terms.mkdir()
    (terms / "no-loc.txt").write_text("Contoso\n", encoding="utf-8")
    git(terms, "init", "-q", "-b", "main")
    git(terms, "add", "-A")
    git(terms, "commit", "-q", "-m", "terms")
    git(root, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(terms), "terms")
    (root / "pyproject.toml").write_text('[tool.pipeline]\nno-loc-file = "terms/no-loc.txt"\n',
                                         encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "terms")
    (root / "terms/no-loc.txt").write_text("Contoso\nwindow\n", encoding="utf-8")
    git(root / "terms", "commit", "-q", "-am", "a term never translated")
    git(root, "commit", "-q", "-am", "the terms bumped")
    cwd = os.getcwd()
    os.chdir(root)  # the settings name the no-loc file from here
    try:
        assert main([*cli_args("check", content, locales), "-q"]) == 1  # "window" lost
        capsys.readouterr()
        code = main([*cli_args("check", content, locales), "--changed-since", "HEAD~1"])
    finally:
        os.chdir(cwd)
    assert code == 1 and capsys.readouterr().err.count("error[no-loc-changed]") == 3


def test_a_ref_named_like_an_option_is_compared_with_not_read_as_one(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A branch named '--output=x' (git lets update-ref make one) passed rev-parse, then
    reached git diff as its option: the list of changes went to the file x, the run saw
    none, and passed a changed article's errors, exit 0."""
    content, locales = repo
    root = content.parent
    git(root, "update-ref", "refs/heads/--output=listed.txt", "HEAD")
    (content / "fr-FR/a.md").write_text(sxs(PAIRS), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main([*cli_args("check", content, locales), "-q",
                     "--changed-since=--output=listed.txt"])
    finally:
        os.chdir(cwd)
    assert code == 1 and not (root / "listed.txt").exists()
    assert "content/fr-FR/a.md" in capsys.readouterr().err


def baselined(tmp_path: Path, second: str) -> tuple[Path, Path, Path]:
    """A committed tree of fr-FR/a.md (the pairs with problems) and fr-FR/b.md (``second``),
    extracted, with a baseline of what they have: (content, locales, the baseline)."""
    content, locales, _ = make_tree(tmp_path, {"fr-FR/a.md": sxs(PAIRS), "fr-FR/b.md": second})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    return content, locales, baseline


def test_with_a_baseline_only_the_checked_articles_entries_can_be_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = baselined(tmp_path, sxs(PAIRS, prefix="c0ffe"))
    # a.md's problems fixed in its catalog; b.md unchanged, so not checked
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8")
                  .replace('msgstr "Exécutez maintenant."', 'msgstr "Exécutez `docs build`."')
                  .replace('msgstr "Puis exécutez le serveur."',
                           'msgstr "Puis exécutez `docs serve`."'), encoding="utf-8")
    capsys.readouterr()
    code = main([*cli_args("check", content, locales), "--changed-since", "HEAD",
                 "--baseline", str(baseline), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    stale = [f["message"] for f in found if f["check"] == "baseline-stale"]
    assert len(stale) == 2 and all("fr-FR/a.md" in m for m in stale)


def test_a_changed_english_article_brings_every_locale_it_drives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = tmp_path / "content", tmp_path / "locales"
    for name in ("a.md", "b.md"):
        path = content / "en-US" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Title {name}\n\nSave the file. Close it.\n", encoding="utf-8")
    for locale in ("fr-FR", "ar-SA"):
        (locales / locale).mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # ``cli_args`` names it
    assert main(cli_args("extract", content, locales)) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    english = content / "en-US/a.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Close it.", "Close it now."),
                       encoding="utf-8")
    code, files, err = checked(capsys, content, locales)
    assert code == 1 and err.startswith("2 articles")  # a.md in both locales, not b.md
    # the English no longer matches either catalog; nothing about b.md
    assert "en-US/a.md" in files and files <= {"en-US/a.md", "fr-FR/a.po", "ar-SA/a.po"}


def test_a_changed_baseline_checks_every_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pull request that takes an accepted finding out of the baseline, its article
    untouched: the gate must fail there, not on the main branch after the merge."""
    content, locales, baseline = baselined(tmp_path, sxs(CLEAN, prefix="c0ffe"))
    lines = baseline.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4  # header, two entries, footer
    baseline.write_text("\n".join([lines[0], lines[1].rstrip(","), lines[3]]) + "\n",
                        encoding="utf-8")
    capsys.readouterr()
    code = main([*cli_args("check", content, locales), "--changed-since", "HEAD",
                 "--baseline", str(baseline), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [f["check"] for f in found if f["severity"] == "error" and not f.get("baselined")
            ] == ["code-changed"]


@pytest.mark.parametrize("catalog_too", [True, False], ids=["with its catalog", "catalog kept"])
def test_a_deleted_articles_baseline_entries_are_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog_too: bool
) -> None:
    """git lists a deletion: the deleted article's entries are in the change's scope, stale as
    a full run finds them (no article can find them any more). They were out of scope, the
    article being none of those checked, so the gate never said they could go."""
    content, locales, baseline = baselined(tmp_path, sxs(CLEAN, prefix="c0ffe"))
    git(tmp_path, "rm", "-q", "content/fr-FR/a.md", *(["locales/fr-FR/a.po"] * catalog_too))

    def stale(*more: str) -> list[str]:
        capsys.readouterr()
        main([*cli_args("check", content, locales), "--baseline", str(baseline),
              "--format", "json", *more])
        return sorted(f["message"] for f in json.loads(capsys.readouterr().out)
                      if f["check"] == "baseline-stale")

    found = stale("--changed-since", "HEAD")
    assert len(found) == 2 and all("fr-FR/a.md" in m for m in found)
    assert found == stale()  # as the full run


def test_a_deleted_english_articles_baseline_entries_are_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same for an English article: the entries of the pages it drove (at its catalogs or
    at the English) are in the change's scope once git lists the English deleted."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    for name in ("a.md", "b.md"):
        path = content / "en-US" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Title {name}\n\nRun `docs build` now.\n", encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # ``cli_args`` names it
    assert main(cli_args("extract", content, locales)) == 0
    for name in ("a", "b"):  # a translation that drops the code: code-changed, baselined
        po = locales / f"fr-FR/{name}.po"
        po.write_text(po.read_text(encoding="utf-8").replace(
            'msgid "Run `docs build` now."\nmsgstr ""',
            'msgid "Run `docs build` now."\nmsgstr "Exécutez maintenant."'), encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    assert baseline.read_text(encoding="utf-8").count("a.") >= 1
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    git(tmp_path, "rm", "-q", "content/en-US/a.md", "locales/fr-FR/a.po")

    def stale(*more: str) -> list[str]:
        capsys.readouterr()
        main([*cli_args("check", content, locales), "--baseline", str(baseline),
              "--format", "json", *more])
        return sorted(f["message"] for f in json.loads(capsys.readouterr().out)
                      if f["check"] == "baseline-stale")

    found = stale("--changed-since", "HEAD")
    assert found and all("/a." in m and "/b." not in m for m in found)
    assert found == stale()  # as the full run


def test_a_deleted_english_article_brings_the_handoff_it_drove_checked_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The English gone, a locale's handoff of it (an sxs article in the content tree) is an
    article of its own, checked as such: a full run finds its errors. The change did not
    bring it (only the locales the English still drives), so the gate passed what the main
    branch then failed."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    english = content / "en-US/a.md"
    english.parent.mkdir(parents=True)
    english.write_text("# Title\n\nRun `docs build` now.\n", encoding="utf-8")
    (content / "en-US/b.md").write_text("# Other\n\nSave it.\n", encoding="utf-8")
    handoff = content / "fr-FR/a.md"  # its translation drops the code
    handoff.parent.mkdir(parents=True)
    handoff.write_text(sxs([("Title", "Titre"), ("Run `docs build` now.", "Exécutez maintenant.")]),
                       encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # ``cli_args`` names it
    assert main(cli_args("extract", content, locales)) == 0
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "docs")
    git(tmp_path, "rm", "-q", "content/en-US/a.md")
    code, files, _ = checked(capsys, content, locales)
    capsys.readouterr()
    assert code == main([*cli_args("check", content, locales), "--format", "json"]) == 1
    assert files == {"fr-FR/a.md"}


@pytest.mark.parametrize("git_dir", [".git", "absolute"])
def test_a_git_dir_in_the_environment_is_read_from_the_folder_the_command_ran_in(
    repo: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, git_dir: str
) -> None:
    """GIT_DIR set (a git hook, a script) and no GIT_WORK_TREE: git takes the folder it runs in
    for the work tree. Asked from each root's folder, a relative GIT_DIR named no repository
    ('content is not in one') and an absolute one made each root its own work tree (refused
    as two repositories)."""
    content, locales = repo
    root = content.parent
    (content / "fr-FR" / "a.md").write_text(sxs(PAIRS, prefix="b5df6"), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_DIR", str(root / ".git") if git_dir == "absolute" else git_dir)
    code, files, err = checked(capsys, content, locales)
    assert code == 1 and files == {"fr-FR/a.md"} and err.startswith("1 articles"), err


EN = "Select the subscription that you want to use for this deployment."
FR = "Sélectionnez l'abonnement à utiliser pour ce déploiement."
TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
       'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
       'adminlang="en" o-tmf="x"/><body>{}</body></tmx>')


@pytest.mark.parametrize("change", ["a catalog", "a TMX file"])
def test_with_the_memory_on_a_change_that_feeds_it_brings_every_catalog_it_fills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """English-driven a.md and b.md share a sentence, untranslated in both; the pull request
    translates it in a.po (or in the TMX file the settings name). A full run then fills b.po
    from the memory: the CI recipe's in-step check fails on the main branch. Gated with
    --changed-since, b was checked by no one: b.po stayed as it was, and the PR passed."""
    from tests.memory.test_english_driven import translate

    content, locales, _ = make_tree(tmp_path, {
        "en-US/a.md": f"---\ntitle: A\n---\n\n{EN}\n\nOpen a terminal now.\n",
        "en-US/b.md": f"---\ntitle: B\n---\n\n{EN}\n\nClose the window please.\n"})
    (tmp_path / "memory.tmx").write_text(TMX.format(""), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\ntranslation-memory = true\ntm = ["memory.tmx"]\n', encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the settings name the TMX file from here
    try:
        assert main(cli_args("locales", content, locales, "-q")) == 0
        (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
        git(tmp_path, "init", "-q", "-b", "main")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", "docs")
        if change == "a catalog":
            translate(locales / "fr-FR/a.po", {EN: FR})
        else:
            (tmp_path / "memory.tmx").write_text(TMX.format(
                f'<tu><tuv xml:lang="en-US"><seg>{EN}</seg></tuv>'
                f'<tuv xml:lang="fr-FR"><seg>{FR}</seg></tuv></tu>'), encoding="utf-8")
        git(tmp_path, "commit", "-q", "-am", "a translation")
        before = (locales / "fr-FR/b.po").read_bytes()
        assert main([*cli_args("locales", content, locales, "-q"), "--changed-since",
                     "HEAD~1"]) == 0
    finally:
        os.chdir(cwd)
    assert (locales / "fr-FR/b.po").read_bytes() != before  # filled: the in-step check sees it
    assert FR in (locales / "fr-FR/b.po").read_text(encoding="utf-8")
