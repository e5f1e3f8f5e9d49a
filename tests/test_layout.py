"""Walking the content, catalogs and XLIFF trees: what cannot be walked (a folder that cannot be
read, a symbolic link that loops or cannot be followed, a file name that is not UTF-8) is a
finding at its path, never a traceback, and every other file still runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import walk as walk_module
from pipeline.findings import Severity
from pipeline.layout import Layout
from pipeline.source.tree import articles
from pipeline.walk import printable, walk_files

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "content/fr-FR/get-started/install-cli.md"
LATIN1_NAME = b"caf\xe9.md"  # "café.md" in Latin-1: no UTF-8 name

# Root reads any folder whatever its mode; without these two capabilities it obeys the mode
# bits as any user does, so the folders made unreadable below really are.
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _user_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a folder cannot be made unreadable")
    return AS_A_USER


def _hostile_tree(root: Path) -> None:
    """content/ and locales/ with one good article, and beside it each thing a walk cannot
    take: an unreadable folder, a link back up, a link to itself, a name that is not UTF-8."""
    content = root / "content/fr-FR"
    (content / "secret").mkdir(parents=True)
    shutil.copy(ARTICLE, content / "good.md")
    shutil.copy(ARTICLE, content / "secret/hidden.md")
    with open(os.path.join(os.fsencode(content), LATIN1_NAME), "wb") as fh:
        fh.write(ARTICLE.read_bytes())
    (content / "sub").mkdir()
    (content / "sub/loop").symlink_to("..")
    (content / "self.md").symlink_to("self.md")
    os.makedirs(root / "locales/fr-FR/secret")
    shutil.copy(REPO / "locales/fr-FR/get-started/install-cli.po", root / "locales/fr-FR/good.po")
    shutil.copy(REPO / "locales/fr-FR/get-started/install-cli.po",
                root / "locales/fr-FR/secret/hidden.po")
    (root / "locales/fr-FR/up").symlink_to("..")


@pytest.fixture()
def hostile(tmp_path: Path) -> Iterator[Path]:
    _hostile_tree(tmp_path)
    secrets = [tmp_path / "content/fr-FR/secret", tmp_path / "locales/fr-FR/secret"]
    for folder in secrets:
        folder.chmod(0)
    try:
        yield tmp_path
    finally:
        for folder in secrets:
            folder.chmod(0o755)


CONTENT_PROBLEMS = [
    "content/fr-FR/caf\\xe9.md: error[encoding]: the file name is not UTF-8",
    "content/fr-FR/secret: error[unreadable]: cannot read this folder (Permission denied)",
    "content/fr-FR/self.md: error[unreadable]: cannot follow this symbolic link",
    "content/fr-FR/sub/loop: warning[symlink-loop]: a symbolic link to a folder it is in "
    "(content/fr-FR): not followed",
]
CATALOG_PROBLEMS = [
    "locales/fr-FR/secret: error[unreadable]: cannot read this folder (Permission denied)",
    "locales/fr-FR/up: warning[symlink-loop]: a symbolic link to a folder it is in (locales)",
]


@pytest.mark.parametrize(
    ("command", "status", "problems", "done"),
    [
        (["locales"], 1, CONTENT_PROBLEMS + CATALOG_PROBLEMS, "build/fr-FR/good.md"),
        (["check"], 1, CONTENT_PROBLEMS + CATALOG_PROBLEMS, None),
        (["check", "--format", "json"], 1, [], None),
        (["check", "--format", "sarif"], 1, [], None),
        (["stats"], 1, CATALOG_PROBLEMS, None),
        (["xliff-export", "--out", "xlf"], 1, CATALOG_PROBLEMS, "xlf/fr-FR/good.xlf"),
        (["report"], 0, CONTENT_PROBLEMS, "build/report/index.html"),
    ],
    ids=["locales", "check", "check-json", "check-sarif", "stats", "xliff-export", "report"],
)
def test_what_cannot_be_walked_is_a_finding_and_the_rest_still_runs(
    hostile: Path, command: list[str], status: int, problems: list[str], done: str | None
) -> None:
    run = subprocess.run(
        [*_user_prefix(), sys.executable, "-m", "pipeline", *command, "-j", "1"],
        cwd=hostile, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
        check=False,
    )
    err = run.stderr.decode("utf-8")  # strict: no undecodable name reaches the terminal
    assert "Traceback" not in err
    assert run.returncode == status, err
    lines = err.splitlines()
    for problem in problems:
        assert sum(line.startswith(problem) for line in lines) == 1, (problem, err)
    if done is not None:
        assert (hostile / done).is_file()
    if command[0] == "report":  # the findings are on the report's pages too
        pages = "".join(page.read_text(encoding="utf-8")
                        for page in (hostile / "build/report").glob("*.html"))
        assert all(problem.split(":", 1)[0] in pages for problem in problems)
    if "--format" in command:
        out = json.loads(run.stdout.decode("utf-8"))  # strict UTF-8, then JSON
        if command[-1] == "json":
            files = {(f["file"], f["check"]) for f in out}
        else:
            files = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                      r["ruleId"]) for r in out["runs"][0]["results"]}
        assert ("content/fr-FR/caf%E9.md" if command[-1] == "sarif"
                else "content/fr-FR/caf\\xe9.md", "encoding") in files
        assert ("content/fr-FR/secret", "unreadable") in files
        assert ("locales/fr-FR/up", "symlink-loop") in files
    if command[0] in ("locales", "check"):  # the good article ran, and the summary counts all
        assert lines[-1].startswith("1 articles, ") and " 4 errors, 2 warnings," in lines[-1]


def test_a_folder_scandir_refuses_is_reported_and_its_siblings_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hostile_tree(tmp_path)
    secret = str(tmp_path / "content/fr-FR/secret")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.path.abspath(path) == secret:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(walk_module.os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    found = Layout(Path("content"), Path("locales"), Path("build")).articles()
    assert found.rels == ["fr-FR/good.md"]
    assert [(f.file, f.check, f.severity) for f in found.problems] == [
        ("content/fr-FR/caf\\xe9.md", "encoding", Severity.ERROR),
        ("content/fr-FR/secret", "unreadable", Severity.ERROR),
        ("content/fr-FR/self.md", "unreadable", Severity.ERROR),
        ("content/fr-FR/sub/loop", "symlink-loop", Severity.WARNING),
    ]


def test_links_that_loop_through_each_other_are_each_walked_once(tmp_path: Path) -> None:
    (tmp_path / "fr-FR/a").mkdir(parents=True)
    (tmp_path / "fr-FR/b").mkdir()
    (tmp_path / "fr-FR/a/x.md").write_text("x")
    (tmp_path / "fr-FR/b/y.md").write_text("y")
    (tmp_path / "fr-FR/a/to-b").symlink_to("../b")
    (tmp_path / "fr-FR/b/to-a").symlink_to("../a")
    found = walk_files(tmp_path, "root", ".md")
    assert found.rels == ["fr-FR/a/to-b/y.md", "fr-FR/a/x.md", "fr-FR/b/to-a/x.md",
                          "fr-FR/b/y.md"]
    assert [(f.file, f.check) for f in found.problems] == [
        ("root/fr-FR/a/to-b/to-a", "symlink-loop"), ("root/fr-FR/b/to-a/to-b", "symlink-loop")]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (b"plain.md", "plain.md"),
        ("café.md".encode(), "café.md"),
        (b"caf\xe9.md", "caf\\xe9.md"),
        (b"\xff\xfe/a\xc3.md", "\\xff\\xfe/a\\xc3.md"),
    ],
)
def test_a_name_is_shown_as_utf8_with_its_other_bytes_escaped(name: bytes, shown: str) -> None:
    assert printable(os.fsdecode(name)) == shown
    assert printable(os.fsdecode(name)).encode("utf-8")


def test_a_file_name_holding_a_line_break_is_a_finding_not_a_catalog_no_reader_takes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content/en-US").mkdir(parents=True)
    (tmp_path / "content/en-US/new\nline.md").write_text("Hello there.\n")
    (tmp_path / "content/en-US/ok.md").write_text("Fine.\n")
    (tmp_path / "locales/fr-FR").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    found = articles(Layout(Path("content"), Path("locales"), Path("build"), "en-US"))
    assert found.rels == ["fr-FR/ok.md"]
    assert [(f.file, f.check) for f in found.problems] == [
        ("content/en-US/new\\nline.md", "encoding")]


def test_a_catalog_or_article_named_in_capitals_is_a_finding_not_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-127: a vendor's 'configuration.PO' (a Windows tool, a zip made on a file system
    that ignores case) was passed over without a word: the run made a fresh 'configuration.po'
    from the article, every translator's edit in the returned file unpublished, exit 0."""
    from example import copy_example

    from pipeline.cli import main

    monkeypatch.chdir(tmp_path)
    copy_example(tmp_path / "content", english=True)
    args = ["--content", "content", "--locales", "locales", "-j", "1"]
    assert main(["extract", *args]) == 0
    po = tmp_path / "locales/fr-FR/reference/configuration.po"
    po.rename(po.with_suffix(".PO"))
    md = next((tmp_path / "content/fr-FR/get-started").glob("*.md"))
    md.rename(md.with_suffix(".Md"))
    english = next((tmp_path / "content/en-US").rglob("*.md"))
    english.rename(english.with_suffix(".MD"))
    capsys.readouterr()
    assert main(["locales", *args, "--out", "build"]) == 1
    err = capsys.readouterr().err
    assert "locales/fr-FR/reference/configuration.PO: error[unreadable]: " in err
    assert f"content/fr-FR/get-started/{md.stem}.Md: error[unreadable]: " in err
    assert f"{english.stem}.MD: error[unreadable]: " in err
    assert "rename it to configuration.po" in err


ODD_NAMES = ["e\x1b]8;;http:evil.example\x07link\x1b]8;;\x07\x1b[2J", "bidi\u202egpj.exe",
             "c1\x9b2J", "ls\u2028x", "del\x7f"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "stats"])
def test_a_file_name_a_terminal_acts_on_is_printed_escaped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fmt: str) -> None:
    """helper-128: an article and catalog named with an ESC sequence (an OSC 8 link, a screen
    clear), a bidi override, a C1 control or a line separator reached the terminal or CI log
    raw in every finding about them (JSON and SARIF escape only C0 controls): each is shown
    escaped, and JSON and SARIF still read back the name as it is."""
    from pipeline.cli import main

    po = (REPO / "locales/fr-FR/get-started/install-cli.po").read_text(encoding="utf-8")
    po = po.replace('msgstr "Prérequis"', 'msgstr "Pré<b>requis"')  # a finding at each file
    for name in ODD_NAMES:
        (tmp_path / "content/fr-FR").mkdir(parents=True, exist_ok=True)
        (tmp_path / "locales/fr-FR").mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTICLE, tmp_path / f"content/fr-FR/{name}.md")
        (tmp_path / f"locales/fr-FR/{name}.po").write_text(po, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    if fmt == "stats":
        assert main(["stats", "--locales", "locales", "--by-article", "-j", "1"]) == 0
    else:
        assert main(["check", "--content", "content", "--locales", "locales", "-j", "1",
                     "--format", fmt]) == 1
    out, err = capsys.readouterr()
    acted_on = [c for c in out + err if c not in "\n" and unicodedata.category(c) in
                {"Cc", "Cf", "Zl", "Zp"}]
    assert acted_on == []
    if fmt == "text":
        assert "content/fr-FR/e\\x1b]8;;http:evil.example\\x07link\\x1b]8;;\\x07\\x1b[2J.md:" in err
        assert "content/fr-FR/bidi\\u202egpj.exe.md:19:32: error[html-added]" in err
    elif fmt == "json":
        assert {f["file"] for f in json.loads(out)} >= {f"content/fr-FR/{n}.md" for n in ODD_NAMES}
    elif fmt == "sarif":
        assert len(json.loads(out)["runs"][0]["results"]) >= 2 * len(ODD_NAMES)
    else:
        assert "fr-FR/c1\\x9b2J.po" in out


def test_a_link_out_of_the_content_folder_is_a_finding_and_never_published(
        tmp_path: Path) -> None:
    """An article that is a symbolic link to a file outside the content folder (a pull request
    adding ``a.md -> /etc/hostname``, or a CI secret file) was read, its text put into every
    catalog and page; now it is a finding at the link, English or handoff, file or folder, and
    links within the content folder (to another locale's article) still work."""
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    secret = tmp_path / "secret"
    (secret / "sub").mkdir(parents=True)
    (secret / "token.md").write_text("# s3cr3t-token\n", encoding="utf-8")
    (secret / "sub" / "key.md").write_text("# s3cr3t-key\n", encoding="utf-8")
    for locale in ("en-US", "fr-FR"):
        (content / locale).mkdir(parents=True)
        (content / locale / "leak.md").symlink_to(secret / "token.md")
        (content / locale / "dir").symlink_to(secret / "sub")
    (content / "en-US" / "good.md").write_text("# Good\n\nText.\n", encoding="utf-8")
    (content / "fr-FR" / "shared.md").symlink_to("../en-US/good.md")  # within: followed
    (locales / "de-DE").mkdir(parents=True)
    layout = Layout(content, locales, out, "en-US")
    found = articles(layout)
    assert found.rels == ["fr-FR/shared.md", "de-DE/good.md", "fr-FR/good.md"]
    flagged = sorted(f.file.split("content/")[1] for f in found.problems)
    assert flagged == ["en-US/dir", "en-US/leak.md", "fr-FR/dir", "fr-FR/leak.md"]
    assert all(f.check == "unreadable" and f.severity is Severity.ERROR
               and "a symbolic link out of the content folder" in f.message
               for f in found.problems)
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "locales", "--content", str(content), "--locales",
         str(locales), "--out", str(out), "-q"], capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*")
                      if p.is_file() and p.suffix in (".po", ".md") and secret not in p.parents
                      and not p.is_symlink())
    assert "s3cr3t" not in written
    assert (out / "de-DE" / "good.md").is_file()


def _strays(tmp_path: Path) -> None:
    """A tree with a file and a link to nothing where locale folders go, beside a note named
    as no locale (left alone)."""
    shutil.copytree(REPO / "locales/fr-FR", tmp_path / "locales/fr-FR")
    shutil.copytree(REPO / "content/fr-FR", tmp_path / "content/fr-FR")
    (tmp_path / "locales/de-DE").write_text("a note\n", encoding="utf-8")
    (tmp_path / "locales/pt-BR").symlink_to("../gone")
    (tmp_path / "locales/toc").write_text("not a locale\n", encoding="utf-8")
    (tmp_path / "content/ja-JP").write_text("a note\n", encoding="utf-8")


def test_a_file_or_a_link_to_nothing_where_a_locale_folder_goes_is_named_by_the_walks(
        tmp_path: Path) -> None:
    """A catalogs or content tree walk passed over a file named as a locale (or a link to
    nothing): stats and xliff-export counted and sent the other locales without a word."""
    _strays(tmp_path)
    layout = Layout(tmp_path / "content", tmp_path / "locales", tmp_path / "build")
    catalogs = layout.catalogs()
    assert all(rel.startswith("fr-FR/") for rel in catalogs.rels) and catalogs.rels
    shown = layout.shown(tmp_path / "locales")
    assert [(f.file, f.check, f.severity, f.message, f.hint) for f in catalogs.problems] == [
        (f"{shown}/de-DE", "unreadable", Severity.ERROR, f"{shown}/de-DE is a file, where a "
         "folder should be: no .po file of de-DE was read", "move that file away, then run "
         "again"),
        (f"{shown}/pt-BR", "unreadable", Severity.ERROR, f"{shown}/pt-BR is a symbolic link to "
         "'../gone', which does not exist: no .po file of pt-BR was read", "restore what the "
         "link points to, or remove the link, then run again")]
    content = layout.shown(tmp_path / "content")
    assert [f.message for f in layout.articles().problems] == [
        f"{content}/ja-JP is a file, where a folder should be: no .md file of ja-JP was read"]
    assert layout.pages(frozenset({"de-de"})).problems == []  # the writes say it there


@pytest.mark.parametrize("command", [["stats"], ["xliff-export", "--out", "xliff"],
                                     ["check", "--content", "content"]])
def test_every_command_that_walks_the_catalogs_names_a_file_where_a_locale_folder_goes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: list[str]) -> None:
    from pipeline.cli import main

    _strays(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--locales", "locales", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert ("locales/de-DE: error[unreadable]: locales/de-DE is a file, where a folder should "
            "be: no .po file of de-DE was read (hint: move that file away, then run again)"
            ) in err
    assert "locales/pt-BR: error[unreadable]: locales/pt-BR is a symbolic link" in err
    assert "toc" not in err


def test_an_object_named_as_a_locale_in_a_url_root_is_named_by_the_walks() -> None:
    fsspec = pytest.importorskip("fsspec", reason="the dask extra: pip install '.[dask]'")
    from pipeline.storage import Url

    fs = fsspec.filesystem("memory")
    fs.pipe("/h180-strays/locales/fr-FR/a.po", b'msgid ""\nmsgstr ""\n')
    fs.pipe("/h180-strays/locales/de-DE", b"a note\n")
    try:
        layout = Layout(Url("memory://h180-strays/content"), Url("memory://h180-strays/locales"),
                        Url("memory://h180-strays/build"))
        found = layout.catalogs()
        assert found.rels == ["fr-FR/a.md"]
        assert [(f.file, f.message) for f in found.problems] == [
            ("memory://h180-strays/locales/de-DE", "memory://h180-strays/locales/de-DE is a "
             "file, where a folder should be: no .po file of de-DE was read")]
    finally:
        fs.rm("/h180-strays", recursive=True)


def test_an_english_folder_in_another_case_is_named_not_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    """content/en-us beside content/en-US (unzipped, or committed from macOS as typed): its
    English article was never translated nor published, and no run said a word, exit 0. A
    link from one spelling to the other is one folder: nothing to say."""
    from pipeline.cli import main

    english = tmp_path / "content" / "en-US"
    english.mkdir(parents=True)
    (english / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "locales" / "fr-FR").mkdir(parents=True)
    (tmp_path / "content" / "en-us").mkdir()
    (tmp_path / "content" / "en-us" / "b.md").write_text("# New\n\nMore.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["locales", "-j", "1"]) == 1
    assert ("content/en-us: error[layout]: the folder 'en-us' names the English folder 'en-US' "
            "in another case: no article in it is read") in capsys.readouterr().err
    assert (tmp_path / "build" / "fr-FR" / "a.md").is_file()
    shutil.rmtree(tmp_path / "content" / "en-us")
    (tmp_path / "content" / "EN-US").symlink_to("en-US")
    assert main(["locales", "-j", "1"]) == 0
    assert "EN-US" not in capsys.readouterr().err


def test_an_english_folder_in_another_case_in_a_url_root_is_named() -> None:
    fsspec = pytest.importorskip("fsspec", reason="the dask extra: pip install '.[dask]'")
    from pipeline.storage import Url

    fs = fsspec.filesystem("memory")
    fs.pipe("/h182-case/content/en-US/a.md", b"# A\n")
    fs.pipe("/h182-case/content/en-us/b.md", b"# B\n")
    try:
        layout = Layout(Url("memory://h182-case/content"), Url("memory://h182-case/locales"),
                        Url("memory://h182-case/build"), "en-US")
        assert [(f.file, f.severity) for f in layout.articles().problems] == [
            ("memory://h182-case/content/en-us", Severity.ERROR)]
    finally:
        fs.rm("/h182-case", recursive=True)


@pytest.mark.parametrize(("name", "how"), [("en-us", "in another case"),
                                           ("en_US", "in another spelling")])
def test_an_english_folder_in_another_case_alone_is_named_not_read_as_handoffs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, how: str) -> None:
    """content/en-us alone (no en-US): before, it was taken for a locale's handoffs, each
    English article an error of its own (`missing-loc-keys`) that never said why. So was
    content/en_US, the C library's spelling of the English."""
    from pipeline.cli import main

    (tmp_path / "content" / name).mkdir(parents=True)
    (tmp_path / "content" / name / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "locales" / "fr-FR").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["locales", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert (f"content/{name}: error[layout]: the folder '{name}' names the English folder "
            f"'en-US' {how}") in err
    assert "missing-loc-keys" not in err


def test_a_source_locale_set_in_another_spelling_than_its_folder_says_how_to_set_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    """`source-locale = "en-us"` with the usual content/en-US: the error told the user to move
    the English into 'en-us', renaming the folder that was right; the setting was the typo."""
    from pipeline.cli import main

    (tmp_path / "content" / "en-US").mkdir(parents=True)
    (tmp_path / "content" / "en-US" / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "locales" / "fr-FR").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nsource-locale = "en-us"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["locales", "-j", "1"]) == 1
    assert ("(hint: move what is in it into 'en-us', and remove it; or, if 'en-US' is the "
            "English folder, set source-locale = \"en-US\" under [tool.pipeline])"
            ) in capsys.readouterr().err
