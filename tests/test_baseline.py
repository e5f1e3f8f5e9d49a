"""The baseline: known findings written once, then a run fails only on new ones; findings are
matched by what they are about, not by line, id prefix or catalog layout."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.baseline import DEFAULT_NAME, Entry, dumps, load
from pipeline.cli import main
from pipeline.identity import digest, message_key

ARTICLE = "fr-FR/guide.md"


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "baseline.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    return content, locales, baseline


def check_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)



def prune(content: Path, locales: Path, baseline: Path, *more: str) -> int:
    """``baseline --prune`` over the tree, into ``baseline``."""
    return main([*cli_args("baseline", content, locales), "--out", str(baseline), "--prune",
                 *more])


def nothing_stale(capsys: pytest.CaptureFixture[str], content: Path, locales: Path,
                  baseline: Path) -> bool:
    """``check --baseline`` passes with no entry stale."""
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    return code == 0 and not any(f["check"] == "baseline-stale" for f in found)

def test_check_with_the_baseline_exits_0_and_marks_each_known_finding(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    code, found = check_json(capsys, cli_args("check", content, locales))
    assert code == 1 and [f["check"] for f in found] == ["code-changed", "code-changed"]
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0
    assert [(f["check"], f.get("baselined")) for f in found] == [("code-changed", True)] * 2


def test_text_shows_baselined_in_place_of_the_severity(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--baseline", str(baseline)]) == 0
    err = capsys.readouterr().err
    assert err.count("baselined[code-changed]") == 2 and "error[" not in err
    assert "2 baselined, 0 new errors, 0 stale entries" in err
    assert main([*cli_args("check", content, locales), "--baseline", str(baseline), "-q"]) == 0
    assert capsys.readouterr().err == ""


def edit_catalog(locales: Path, old: str, new: str) -> None:
    po = locales / "fr-FR/guide.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_error_fails_the_run_and_is_the_only_finding_not_baselined(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    edit_catalog(locales, "Fermez la fenêtre.", "Fermez la fenêtre. <script>x()</script>")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    new = [f for f in found if f["severity"] == "error" and not f.get("baselined")]
    assert {f["check"] for f in new} == {"html-added", "unsafe-element"}
    assert {f["line"] for f in new} == {f["line"] for f in found if "script" in f["message"]}
    assert sum(1 for f in found if f.get("baselined")) == 2


def rewrap(locales: Path) -> None:
    po = locales / "fr-FR/guide.po"
    before = po.read_text(encoding="utf-8")
    subprocess.run(["msgcat", "-w", "20", str(po), "-o", str(po)], check=True)
    after = po.read_text(encoding="utf-8")  # every translation now over several lines
    assert after.count('msgstr ""') > before.count('msgstr ""') + 3


@pytest.mark.usefixtures("require_gettext")
@pytest.mark.parametrize("change", ["lines above", "reflowed catalog", "new id prefix"])
def test_edits_that_leave_a_finding_as_it_was_keep_it_matched(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], change: str
) -> None:
    content, locales, baseline = tree
    command = "check"
    if change == "lines above":
        (content / ARTICLE).write_text(sxs(PAIRS, lead="A new paragraph.\n\nAnd another.\n\n"),
                                       encoding="utf-8")
    elif change == "reflowed catalog":
        rewrap(locales)
    else:  # a new handoff: every id changes; locales merges it into the catalog first
        (content / ARTICLE).write_text(sxs(PAIRS, prefix="7c2e1"), encoding="utf-8")
        command = "locales"
    code, found = check_json(capsys, [*cli_args(command, content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0
    gated = [f for f in found if f["severity"] != "info"]
    assert [f["check"] for f in gated if f["check"] != "render-substituted"] == [
        "code-changed"] * 2
    assert all(f.get("baselined") for f in gated)  # and what was published instead
    assert not any(f["check"] == "baseline-stale" for f in found)


def test_the_same_finding_twice_needs_two_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS[:2])})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    # the same English and translation again, in a new paragraph: the same identity
    (content / ARTICLE).write_text(sxs([*PAIRS[:2], PAIRS[1]]), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("locales", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    assert [f.get("baselined", False) for f in found if f["check"] == "code-changed"] == [
        True, False]


def test_a_fixed_finding_leaves_a_stale_entry_noted_and_pruned(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    edit_catalog(locales, "Puis exécutez le serveur.", "Puis exécutez `docs serve`.")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0
    stale = [f for f in found if f["check"] == "baseline-stale"]
    assert len(stale) == 1 and stale[0]["severity"] == "info"
    assert stale[0]["file"].endswith("baseline.json") and stale[0]["line"] >= 2
    assert "code-changed in fr-FR/guide.md no longer found" in stale[0]["message"]
    assert prune(content, locales, baseline) == 0
    assert len(load(baseline)) == 1
    assert nothing_stale(capsys, content, locales, baseline)


def test_prune_adds_no_new_finding(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    edit_catalog(locales, "Fermez la fenêtre.", "Fermez la `fenêtre`.")
    assert prune(content, locales, baseline) == 0
    assert len(load(baseline)) == 2
    assert main([*cli_args("check", content, locales), "--baseline", str(baseline)]) == 1


def test_the_file_is_sorted_one_entry_a_line_and_the_same_every_time(
    tree: tuple[Path, Path, Path]
) -> None:
    content, locales, baseline = tree
    first = baseline.read_bytes()
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    assert baseline.read_bytes() == first
    lines = first.decode().splitlines()
    assert lines[0].startswith('{"version": 1') and lines[-1] == "]}"
    assert [json.loads(line.rstrip(","))["check"] for line in lines[1:-1]] == [
        "code-changed"] * 2
    assert json.loads(first)["findings"][0]["file"] == ARTICLE  # relative to content/


def test_the_default_file_name_and_the_setting(
    tree: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, locales, _ = tree
    root = content.parent
    monkeypatch.chdir(root)
    assert main(cli_args("baseline", content, locales)) == 0
    assert (root / DEFAULT_NAME).is_file()
    assert main(cli_args("check", content, locales)) == 1  # a baseline is never implicit
    (root / "pyproject.toml").write_text(
        f'[tool.pipeline]\nbaseline = "{DEFAULT_NAME}"\n', encoding="utf-8")
    assert main(cli_args("check", content, locales)) == 0
    assert main([*cli_args("check", content, locales), "--no-baseline"]) == 1


@pytest.mark.parametrize("text, says", [
    (None, "no baseline at"),
    ("{not json", "invalid JSON"),
    ('{"version": 9, "findings": []}', "not a version 1 baseline"),
    ('{"version": 1, "findings": [{"check": 1}]}', "lacks check, file, key or message"),
])
def test_a_missing_or_broken_baseline_is_a_usage_error_in_one_line(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], text: str | None,
    says: str,
) -> None:
    content, locales, baseline = tree
    if text is None:
        baseline.unlink()
    else:
        baseline.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize("data, says", [
    (b"[" * 100_000 + b"]" * 100_000,
     ": not a baseline (invalid JSON: nested too deep)"),
    (b'{\n "version": 1,\n "findings": [\n  {}\n  {}\n ]\n}\n',
     ":5:3: not a baseline (invalid JSON: Expecting ',' delimiter)"),
    (b'{"version": 1,\n "findings": ["\xe9t\xe9"]}',
     ":2: not a baseline (invalid UTF-8, byte 0xe9); save it as UTF-8, or"),
])
def test_a_baseline_json_cannot_read_is_named_at_its_line_never_an_internal_error(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], data: bytes, says: str,
) -> None:
    """A baseline nested deeply (a generated or hostile file) was `pipeline: internal error:
    RecursionError`, exit 3; invalid JSON and bytes that are not UTF-8 were named by Python's
    message (`line 5 column 3 (char 51)`, `can't decode byte 0xe9 in position 26`)."""
    content, locales, baseline = tree
    baseline.write_bytes(data)
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pipeline: error: {baseline}{says}")
    assert err.endswith("write it again with `pipeline baseline`\n") and err.count("\n") == 1


def test_entries_round_trip_through_the_file(tmp_path: Path) -> None:
    entries = [Entry("pipe-added", "de-DE/b.md", "00ff", "a '|' added: ‘x’"),
               Entry("code-changed", "de-DE/a.md", "ab12", "code missing")]
    path = tmp_path / "b.json"
    path.write_text(dumps(entries), encoding="utf-8")
    back = load(path)
    assert [(e.check, e.file, e.key, e.message) for e in back] == sorted(
        [(e.check, e.file, e.key, e.message) for e in entries], key=lambda t: t[1])
    assert [e.line for e in back] == [2, 3]



def test_a_file_name_with_a_bidi_override_is_an_escape_in_the_baseline(tmp_path: Path) -> None:
    """helper-128: a baseline is committed and reviewed as a diff; a file name's bidi
    override (or C1 control) was written raw, reordering the line a reviewer reads. It is a
    \\u escape now, and reads back as the same name."""
    entries = [Entry("pipe-added", "de-DE/a\u202egpj.exe\x9b.md", "00ff", "a '|' added")]
    text = dumps(entries)
    assert "\u202e" not in text and "\x9b" not in text and "a\\u202egpj.exe\\u009b.md" in text
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    assert [e.file for e in load(path)] == ["de-DE/a\u202egpj.exe\x9b.md"]


def test_a_finding_is_keyed_by_its_segment_not_only_by_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fixing one problem while making the same one (same message) in another segment is a
    new finding and a stale entry, not a match: what a finding is about is its segment."""
    pairs = [("Run `docs build` now.", "Exécutez maintenant."),
             ("Then run `docs build` again.", "Puis exécutez `docs build` à nouveau.")]
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(pairs)})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    edit_catalog(locales, 'msgstr "Exécutez maintenant."', 'msgstr "Exécutez `docs build`."')
    edit_catalog(locales, 'msgstr "Puis exécutez `docs build` à nouveau."',
                 'msgstr "Puis exécutez à nouveau."')
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    assert [(f["check"], f.get("baselined", False)) for f in found
            if f["severity"] == "error"] == [("code-changed", False)]
    assert sum(f["check"] == "baseline-stale" for f in found) == 1


def test_a_baseline_written_says_how_check_reads_it_unless_it_is_the_configured_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check reads only the baseline it is given: a user who ran baseline then check, and
    saw the run still fail, was told nothing."""
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    written = tmp_path / "known.json"
    capsys.readouterr()
    assert main([*cli_args("baseline", content, locales), "--out", str(written)]) == 0
    err = capsys.readouterr().err
    assert "check and locales use it with --baseline" in err and "known.json" in err
    config = tmp_path / "pipeline.toml"
    config.write_text(f'[tool.pipeline]\nbaseline = "{written}"\n', encoding="utf-8")
    assert main([*cli_args("baseline", content, locales), "--config", str(config)]) == 0
    assert "use it with" not in capsys.readouterr().err
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--config", str(config)])
    assert code == 0 and all(f.get("baselined") for f in found)


def test_baseline_with_q_writes_the_file_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-74: -q is no summary line, for baseline too."""
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    written = tmp_path / "known.json"
    capsys.readouterr()
    assert main([*cli_args("baseline", content, locales), "--out", str(written), "-q"]) == 0
    assert written.is_file() and capsys.readouterr().err == ""


def test_a_baseline_that_cannot_be_written_is_a_write_failed_error_not_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was `pipeline: error: cannot write X: cannot write: …` (no hint), exit 2, a usage
    error, where every other write that fails (tm-export's, a page's) is a write-failed error
    at the file, exit 1."""
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    folder = tmp_path / "known.json"
    folder.mkdir()  # a folder where the file goes: the write fails, as on a read-only disk
    capsys.readouterr()
    assert main([*cli_args("baseline", content, locales), "--out", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder}: error[write-failed]: cannot write: a folder stands where the file should " \
           "be; nothing was written (hint: remove or rename the folder)\n" in err
    assert "baseline:" not in err  # no word of a baseline written
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "locales", "report"])
def test_baseline_and_no_baseline_together_are_a_usage_error(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Given both, the run went on without the baseline named, and said nothing of it."""
    with pytest.raises(SystemExit) as exc:
        main([command, "--baseline", "known.json", "--no-baseline"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"pipeline {command}: error: argument --no-baseline: not allowed with argument "
        "--baseline\n")


def test_a_baseline_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """helper-127: `--baseline` naming a FIFO (or /dev/zero) blocked the run forever before
    any article; now a usage error in one line."""
    from test_terminology import _refused_in_time

    from pipeline.baseline import BaselineError

    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    _refused_in_time(lambda: load(fifo), BaselineError,
                     "cannot read the baseline: not a regular file")


def rename(content: Path, locales: Path, new: str) -> None:
    """The article and its catalog moved, as ``git mv`` moves them."""
    (content / ARTICLE).rename(content / f"fr-FR/{new}.md")
    (locales / "fr-FR/guide.po").rename(locales / f"fr-FR/{new}.po")


def test_a_renamed_article_keeps_its_baselined_findings(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    rename(content, locales, "handbook")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0
    assert [(f["check"], f.get("baselined")) for f in found] == [("code-changed", True)] * 2
    assert all(f["file"].endswith("fr-FR/handbook.md") for f in found)


def test_a_renamed_article_keeps_them_with_changed_since_too(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    root = content.parent
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "docs"],
                ["mv", "content/fr-FR/guide.md", "content/fr-FR/handbook.md"],
                ["mv", "locales/fr-FR/guide.po", "locales/fr-FR/handbook.po"]):
        subprocess.run(["git", *cmd], cwd=root, check=True, capture_output=True, env=env)
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline), "--changed-since", "HEAD"])
    assert code == 0
    assert [(f["check"], f.get("baselined")) for f in found] == [("code-changed", True)] * 2


def test_an_entry_of_a_renamed_article_matches_only_a_finding_it_is_about(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    rename(content, locales, "handbook")
    edit_catalog_at(locales / "fr-FR/handbook.po", "Puis exécutez le serveur.",
                    "Puis exécutez le serveur `docs`.")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    kept = [f["message"] for f in found if f.get("baselined")]
    new = [f["message"] for f in found if f["check"] == "code-changed" and not f.get("baselined")]
    stale = [f["message"] for f in found if f["check"] == "baseline-stale"]
    assert len(kept) == 1 and "`docs build`" in kept[0]
    assert new and all("`docs serve`" in m or "`docs`" in m for m in new)
    assert len(stale) == 1 and "fr-FR/guide.md" in stale[0] and "`docs serve`" in stale[0]


def test_prune_moves_the_entries_of_a_renamed_article_to_its_new_name(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    rename(content, locales, "handbook")
    assert prune(content, locales, baseline) == 0
    assert [e.file for e in load(baseline)] == ["fr-FR/handbook.md"] * 2
    assert "2 entries of renamed articles moved" in capsys.readouterr().err


def test_a_copied_article_brings_new_findings_while_the_original_keeps_its_entries(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    (content / "fr-FR/copy.md").write_bytes((content / ARTICLE).read_bytes())
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    assert sorted((f["file"].rsplit("/", 1)[-1], bool(f.get("baselined")))
                  for f in found if f["check"] == "code-changed") == [
        ("copy.md", False), ("copy.md", False), ("guide.md", True), ("guide.md", True)]


def edit_catalog_at(po: Path, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")


def test_a_substitution_in_an_english_driven_page_is_baselined_with_its_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """English-driven findings are keyed by message (no subject): the substitution a baselined
    error causes was shown as a new warning on every gated run (and SARIF's 'new')."""
    content, locales, _ = make_tree(tmp_path, {"en-US/a.md": "# Alpha\n\nRun `docs build` now.\n"
                                               "\nClose the window.\n"})
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\ntarget-locales = ["fr-FR"]\n',
                                              encoding="utf-8")
    assert main(cli_args("locales", content, locales, "-q")) == 0
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Run `docs build` now."\nmsgstr ""', 'msgid "Run `docs build` now."\n'
        'msgstr "Exécutez maintenant."'), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    capsys.readouterr()
    code = main([*cli_args("locales", content, locales), "--baseline", str(baseline),
                 "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sorted((f["check"], bool(f.get("baselined"))) for f in found
                  if f["severity"] != "info") == [("code-changed", True),
                                                   ("render-substituted", True)]


def test_an_entry_of_a_gone_article_never_stands_for_another_locales_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "baseline.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    (content / ARTICLE).unlink()
    (locales / "fr-FR/guide.po").unlink()
    (content / "de-DE").mkdir()  # the same pairs delivered in another locale
    (content / "de-DE/guide.md").write_text(sxs(PAIRS, locale="de-DE"), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    assert not any(f.get("baselined") for f in found)


def test_prune_with_select_keeps_the_entries_of_the_checks_it_did_not_run(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    before = load(baseline)
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline), "--prune",
                 "--select", "html-added"]) == 0
    assert load(baseline) == before
    assert "0 stale entries removed, 2 kept" in capsys.readouterr().err


def two_locales(tmp_path: Path) -> tuple[Path, Path, Path]:
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS),
                                               "de-DE/guide.md": sxs(PAIRS, locale="de-DE")})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "baseline.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    assert len(load(baseline)) == 4
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nbuild-locales = ["fr-FR"]\n',
                                              encoding="utf-8")
    return content, locales, baseline


def test_the_entries_of_a_locale_build_locales_leaves_out_are_neither_stale_nor_pruned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = two_locales(tmp_path)
    assert nothing_stale(capsys, content, locales, baseline)
    assert prune(content, locales, baseline) == 0
    assert sorted(e.file for e in load(baseline)) == ["de-DE/guide.md"] * 2 + [ARTICLE] * 2


def english_driven(tmp_path: Path, translation: str) -> tuple[Path, Path, Path]:
    """An English article whose fr-FR catalog translates 'Run `docs build` now.' as given."""
    content, locales, _ = make_tree(tmp_path, {"en-US/a.md": "# Alpha\n\nRun `docs build` now.\n"
                                               "\nClose the window.\n"})
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\ntarget-locales = ["fr-FR"]\n',
                                              encoding="utf-8")
    assert main(cli_args("locales", content, locales, "-q")) == 0
    set_english_driven(locales, translation)
    return content, locales, tmp_path / "baseline.json"


def set_english_driven(locales: Path, translation: str) -> None:
    po = locales / "fr-FR/a.po"
    text = re.sub(r'(msgid "Run `docs build` now."\nmsgstr )"[^\n]*"', rf'\1"{translation}"',
                  po.read_text(encoding="utf-8"))
    po.write_text(text, encoding="utf-8")


def test_a_new_translation_of_an_english_driven_segment_is_a_new_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As on a handoff's page: the finding is about the English and the translation checked,
    so another broken translation of the segment is new, not the baselined problem."""
    content, locales, baseline = english_driven(tmp_path, "Exécutez maintenant.")
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    set_english_driven(locales, "Lancez tout de suite.")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    assert sorted((f["check"], bool(f.get("baselined"))) for f in found
                  if f["severity"] != "info") == [("code-changed", False)]
    assert [f["check"] for f in found if f["check"] == "baseline-stale"] == ["baseline-stale"]


def test_a_baseline_written_before_english_driven_subjects_still_matches_and_prune_rekeys_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = english_driven(tmp_path, "Exécutez maintenant.")
    message = "code missing from the translation: '`docs build`'"
    legacy = Entry("code-changed", "fr-FR/a.po", digest(message), message)
    baseline.write_text(dumps([legacy]), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0 and [f.get("baselined") for f in found if f["severity"] == "error"] == [
        True]
    assert prune(content, locales, baseline) == 0
    [entry] = load(baseline)
    assert entry.file == "fr-FR/a.po" and entry.key != legacy.key
    assert nothing_stale(capsys, content, locales, baseline)


def test_a_baseline_a_windows_editor_saved_with_a_bom_and_crlf_is_read(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, baseline = tree
    text = baseline.read_text(encoding="utf-8")
    baseline.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0 and [f.get("baselined") for f in found] == [True, True]
    assert [e.line for e in load(baseline)] == [2, 3]


def test_a_page_not_rendered_for_a_baselined_broken_catalog_does_not_fail_locales(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A baseline is the same whichever command wrote it: ``locales`` (the CI recipe) adds
    'not rendered: its catalog has errors', which follows from the baselined catalog error."""
    content, locales, baseline = tree
    edit_catalog(locales, 'msgstr "Fermez la fenêtre."', 'msgstr Fermez la fenêtre."')
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    assert "po-syntax" in baseline.read_text(encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("locales", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 0
    errors = {(f["check"], f.get("baselined")) for f in found if f["severity"] == "error"}
    assert {"po-syntax", "render-substituted"} <= {c for c, _ in errors}
    assert all(baselined for _, baselined in errors)
    article = content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Ouvrez un terminal.", "Ouvrez <script>x()</script>"), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("locales", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1  # a new error in the article: the page's substitution is new too
    assert any(f["check"] == "render-substituted" and not f.get("baselined") for f in found)


def test_prune_rekeys_each_copy_of_a_message_keyed_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two English-driven segments with the same problem, baselined by message twice."""
    content, locales, _ = make_tree(tmp_path, {"en-US/a.md": "# Alpha\n\nRun `docs build` now.\n"
                                               "\nOr run `docs build` later.\n"})
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\ntarget-locales = ["fr-FR"]\n',
                                              encoding="utf-8")
    assert main(cli_args("locales", content, locales, "-q")) == 0
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'now."\nmsgstr ""', 'now."\nmsgstr "Exécutez."').replace(
        'later."\nmsgstr ""', 'later."\nmsgstr "Ou plus tard."'), encoding="utf-8")
    message = "code missing from the translation: '`docs build`'"
    legacy = Entry("code-changed", "fr-FR/a.po", digest(message), message)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(dumps([legacy, legacy]), encoding="utf-8")
    assert prune(content, locales, baseline) == 0
    assert len({e.key for e in load(baseline)} - {legacy.key}) == 2


def test_a_reworded_finding_keyed_by_its_message_is_new_once_while_one_on_a_segment_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer pipeline's wording of a finding (unsafe-element named '<script>, <script>' for
    one script before): one on a segment is keyed by the segment and still matches; one keyed
    by its message (a front matter value) is new once, its old entry stale, as docs/ci.md says."""
    article = sxs([("Open a terminal.", "Ouvrez un terminal <script>x</script>.")])
    article = article.replace("title: Test", "title: Test <script>x</script>")
    content, locales, _ = make_tree(tmp_path, {ARTICLE: article})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    old = []  # as an older pipeline wrote them
    for e in load(baseline):
        if e.check == "unsafe-element":
            worded = e.message.replace("<script> in", "<script>, <script> in")
            by_message = e.key == digest(message_key(e.message))
            e = Entry(e.check, e.file, digest(message_key(worded)) if by_message else e.key,
                      worded)
        old.append(e)
    baseline.write_text(dumps(old), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("check", content, locales),
                                      "--baseline", str(baseline)])
    unsafe = sorted((f["message"].startswith("the front matter"), f.get("baselined", False))
                    for f in found if f["check"] == "unsafe-element")
    assert code == 1 and unsafe == [(False, True), (True, False)]
    assert sum(f["check"] == "baseline-stale" for f in found) == 1
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    assert nothing_stale(capsys, content, locales, baseline)


@pytest.mark.parametrize("edit", ["an unsafe translation", "a second syntax error",
                                  "the article unreadable"])
def test_an_edit_to_a_file_a_baselined_finding_keeps_unchecked_is_a_new_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: str
) -> None:
    """A catalog that does not parse (or an article that cannot be read, its catalog with it)
    is checked no further, and a baseline held its finding by its message: a pull request
    could then add a <script> to another entry, or break another line, and the gate passed
    (exit 0, everything baselined). Now the finding is keyed by what the files hold."""
    clean = [PAIRS[0], PAIRS[2], PAIRS[4]]
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(clean)})
    assert main(cli_args("extract", content, locales)) == 0
    po, article = locales / "fr-FR/guide.po", content / ARTICLE
    if edit == "the article unreadable":
        article.write_text(sxs(clean).replace("title: Test", "title: [Test"), encoding="utf-8")
    else:
        po.write_text(po.read_text(encoding="utf-8").replace(
            'msgstr "Ouvrez un terminal."', 'msgstr "Ouvrez un terminal.'), encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    gate = [*cli_args("locales", content, locales), "--baseline", str(baseline)]
    assert check_json(capsys, gate)[0] == 0
    text = po.read_text(encoding="utf-8")
    if edit == "a second syntax error":
        po.write_text(text.replace('msgstr "Lisez le', 'msgstr Lisez le'), encoding="utf-8")
    else:
        po.write_text(text.replace('msgstr "Fermez la fenêtre."',
                                   'msgstr "Fermez la <script>alert(1)</script>fenêtre."'),
                      encoding="utf-8")
    code, found = check_json(capsys, gate)
    assert code == 1
    assert {f["check"] for f in found if f["severity"] == "error" and not f.get("baselined")
            } == ({"front-matter"} if edit == "the article unreadable"
                  else {"po-syntax", "render-substituted"})  # the page, not rendered
    assert any(f["check"] == "baseline-stale" for f in found)
    po.write_text(text, encoding="utf-8")  # as it was: held again
    assert check_json(capsys, gate)[0] == 0


def test_an_edit_to_an_article_a_baselined_internal_error_skips_is_a_new_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article the pipeline fails on is skipped, its catalog too; the baseline held the
    'internal error, article skipped' by its message, and any edit of the two then passed."""
    import pipeline.job

    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs([PAIRS[0], PAIRS[4]])})
    assert main(cli_args("extract", content, locales)) == 0

    def bug(rel: str, *args: object) -> object:
        raise ValueError("a bug")

    monkeypatch.setattr(pipeline.job, "prepare", bug)
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    gate = [*cli_args("check", content, locales), "--baseline", str(baseline)]
    assert check_json(capsys, gate)[0] == 0
    po = locales / "fr-FR/guide.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Fermez la fenêtre."', 'msgstr "Fermez la <script>alert(1)</script>fenêtre."'),
        encoding="utf-8")
    code, found = check_json(capsys, gate)
    assert code == 1 and [f["check"] for f in found if not f.get("baselined")] == [
        "internal-error", "baseline-stale"]


def test_a_second_copy_of_a_baselined_unsafe_segment_is_new_and_so_is_its_substitution(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same unsafe translation pasted again (same English, same translation, so the same
    key): its errors are new, exit 1. Its render-substituted was marked baselined with the
    first copy's, so -q hid it and SARIF called it unchanged beside the new errors it follows."""
    unsafe = ("Click here.", "Cliquez <script>alert(1)</script>ici.")
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs([PAIRS[0], unsafe])})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    (content / ARTICLE).write_text(sxs([PAIRS[0], unsafe, unsafe]), encoding="utf-8")
    code, found = check_json(capsys, [*cli_args("locales", content, locales),
                                      "--baseline", str(baseline)])
    assert code == 1
    lines = {f["line"] for f in found if f["check"] == "unsafe-element"}
    assert len(lines) == 2
    for line in lines:  # each copy's substitution stands as its errors do
        states = {f["check"]: f.get("baselined", False) for f in found if f["line"] == line}
        assert states["render-substituted"] == states["unsafe-element"]


def test_a_baselined_broken_catalog_is_held_in_a_checkout_with_crlf_line_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A catalog that does not parse is keyed by its bytes; a baseline saved on Linux was new
    on a Windows checkout (git's autocrlf gives CRLF line ends), and one saved there new in
    CI: the same file to every reader of the run, a new error to the gate. Line ends are read
    as the run reads them; an edit still is a new error."""
    clean = [PAIRS[0], PAIRS[2], PAIRS[4]]
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(clean)})
    assert main(cli_args("extract", content, locales)) == 0
    po = locales / "fr-FR/guide.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Ouvrez un terminal."', 'msgstr "Ouvrez un terminal.'), encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    gate = [*cli_args("locales", content, locales), "--baseline", str(baseline)]
    lf = po.read_bytes()
    po.write_bytes(lf.replace(b"\n", b"\r\n"))
    assert check_json(capsys, gate)[0] == 0
    po.write_bytes(lf.replace(b"\n", b"\r\n").replace(b"Fermez", b"Ferme"))
    assert check_json(capsys, gate)[0] == 1
