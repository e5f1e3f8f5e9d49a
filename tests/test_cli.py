"""The command line end to end: layout contract, exit codes, diagnostics, determinism."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from example import copy_example

from pipeline import executors
from pipeline.arguments import COMMANDS as _COMMANDS
from pipeline.arguments import parser as _parser
from pipeline.cache import CACHE_NAME
from pipeline.catalog import format_po, parse_po
from pipeline.cli import main
from pipeline.memory import MEMORY_NAME

REPO = Path(__file__).resolve().parents[1]


def tree(tmp_path: Path, english: bool = False) -> tuple[Path, Path, Path]:
    """The example's handoffs (with ``english``, its English-driven article too)."""
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    copy_example(content, english=english)
    return content, locales, out


def args(cmd: str, content: Path, locales: Path, out: Path | str | None = None) -> list[str]:
    a = [cmd, "--content", str(content), "--locales", str(locales), "-j", "1"]
    if out is not None:
        a += ["--out", str(out)]
    return a


def outputs(root: Path) -> list[Path]:
    """The files a run produced, less the run cache and the translation memory's files
    (optimisations, not outputs)."""
    return [p for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != CACHE_NAME and not p.name.startswith(MEMORY_NAME)]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in outputs(root)}


def test_committed_catalogs_are_in_step_with_content(tmp_path: Path) -> None:
    """`make locales` on a fresh clone changes no tracked file."""
    content, locales, out = tree(tmp_path, english=True)
    shutil.copytree(REPO / "locales", locales)
    before = snapshot(locales)
    assert main(args("locales", content, locales, out)) == 0
    assert snapshot(locales) == before


def test_layout_maps_article_to_catalog_and_output(tmp_path: Path) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("locales", content, locales, out)) == 0
    for md in content.rglob("*.md"):
        rel = md.relative_to(content)
        assert (locales / rel.with_suffix(".po")).is_file()
        assert (out / rel).is_file()


@pytest.mark.parametrize("form", ["localized", "source", "bilingual"])
def test_render_forms(tmp_path: Path, form: str) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    assert main([*args("render", content, locales, out), "--form", form]) == 0
    for md in content.rglob("*.md"):
        rendered = (out / md.relative_to(content)).read_bytes()
        if form == "bilingual":
            assert rendered == md.read_bytes()
        else:
            assert b"data-ttu-id" not in rendered and b"sxs-lookup" not in rendered


def test_output_is_the_same_for_any_number_of_jobs(tmp_path: Path) -> None:
    content, _, _ = tree(tmp_path)
    runs = []
    for jobs in ("1", "2", "3"):
        locales, out = tmp_path / f"l{jobs}", tmp_path / f"o{jobs}"
        a = args("locales", content, locales, out)
        a[a.index("-j") + 1] = jobs
        assert main(a) == 0
        runs.append((snapshot(locales), snapshot(out)))
    assert runs[0] == runs[1] == runs[2]


def test_second_run_rewrites_nothing(tmp_path: Path) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("locales", content, locales, out)) == 0
    mtimes = {p: p.stat().st_mtime_ns for p in [*outputs(locales), *outputs(out)]}
    assert main(args("locales", content, locales, out)) == 0
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_vendor_edit_reaches_the_published_markdown(tmp_path: Path) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    po = locales / "fr-FR/get-started/install-cli.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Prérequis"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "Conditions préalables"'), encoding="utf-8")
    assert main(args("locales", content, locales, out)) == 0
    page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    assert "## <a name=\"prerequisites\"></a>Conditions préalables" in page
    # the vendor's edit is still in the catalog after re-extraction
    assert 'msgstr "Conditions préalables"' in po.read_text(encoding="utf-8")


@pytest.mark.parametrize("blank", [" ", "<!-- Conditions préalables -->"])
def test_a_reviewed_translation_that_shows_nothing_is_held_back_and_reported(
    tmp_path: Path, blank: str, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    po = locales / "fr-FR/get-started/install-cli.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Prérequis"', f'msgstr "{blank}"'), encoding="utf-8")
    assert main(args("locales", content, locales, out)) == 1
    page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    # held back: the handoff's own translation is published, not an empty heading
    assert "## <a name=\"prerequisites\"></a>Prérequis\n" in page
    assert "error[translation-blank]" in capsys.readouterr().err


def test_broken_article_is_reported_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tree(tmp_path)
    bad = content / "fr-FR/broken.md"
    bad.write_bytes(b"---\ntitle: x\n# never closed\n")
    assert main(args("locales", content, locales, out)) == 1
    err = capsys.readouterr().err
    assert "fr-FR/broken.md:1:1: error[front-matter]: front matter block is not closed" in err
    assert "Traceback" not in err
    assert not (locales / "fr-FR/broken.po").exists()
    assert (out / "fr-FR/get-started/install-cli.md").is_file()


def test_check_json_lists_findings_with_the_documented_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    md = content / "fr-FR/get-started/install-cli.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        'data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"'), encoding="utf-8")
    capsys.readouterr()
    assert main([*args("check", content, locales), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    mismatch = [f for f in findings if f["check"] == "span-id-mismatch"]
    assert len(mismatch) == 1
    assert set(mismatch[0]) == {"file", "line", "column", "severity", "check", "message",
                                "segment", "hint"}
    assert mismatch[0]["severity"] == "error"
    assert mismatch[0]["segment"] == "4c1e7-103"
    assert mismatch[0]["line"] == 17


def test_check_without_catalogs_says_to_extract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = tree(tmp_path)
    assert main(args("check", content, locales)) == 1
    assert "error[missing-catalog]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["check", "--format", "xml"], ["check", "--select", "no-such-check"], [],
     ["check", "-j", "-1"]],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own
        code = int(exc.code or 0)
    assert code == 2


@pytest.mark.parametrize("command", [name for name, _, _ in _COMMANDS])
def test_an_option_cut_short_is_refused_not_taken_for_the_option_it_begins(command: str) -> None:
    # argparse would read `xliff-export --locale fr-FR` as `--locales fr-FR`: catalogs in fr-FR/
    sub = _parser(command)._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    options = {o for a in sub._actions for o in a.option_strings}
    for action in sub._actions:
        action.required = False  # so that only the cut option is judged
    cut = [o[:-1] for o in options if o.startswith("--") and o[:-1] not in options
           and len(o) > 4]
    assert cut or command == "checks"
    for option in cut:
        _, rest = sub.parse_known_args([option, "x"])
        assert option in rest, f"{command} {option} was taken for a longer option"


def _takes_a_path(action: Any) -> bool:
    try:
        return callable(action.type) and isinstance(action.type("x"), Path)
    except ValueError:  # -j's int
        return False


@pytest.mark.parametrize("command", [name for name, _, _ in _COMMANDS])
def test_an_empty_path_option_is_refused_not_taken_for_this_folder(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--out "$OUT"` with OUT not set is `--out ''`, which was the folder the command ran in:
    `locales` wrote its pages (`render`, `xliff-export`, `handoff`, `report` likewise) all over
    it, `--locales ''` its catalogs, exit 0."""
    sub = _parser(command)._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    paths = [a for a in sub._actions if _takes_a_path(a)]
    assert paths or command == "checks"
    for action in paths:
        argv = [action.option_strings[0], ""] if action.option_strings else [""]
        with pytest.raises(SystemExit) as exc:
            sub.parse_known_args(argv)
        assert exc.value.code == 2
        assert "an empty path (a shell variable not set?)" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "locales"])
def test_an_empty_changed_since_ref_is_refused_not_a_full_run_unsaid(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    # `--changed-since "$BASE"` with BASE not set ran every article and said nothing of it
    with pytest.raises(SystemExit) as exc:
        main([command, "--changed-since", ""])
    assert exc.value.code == 2
    assert "--changed-since: an empty git ref (a shell variable not set?)" in (
        capsys.readouterr().err)


@pytest.mark.parametrize("command", [
    ["check"], ["report"], ["stats"], ["xliff-export", "--out", "x"], ["xliff-import", "x"],
    ["handoff", "--locale", "fr-FR", "--out", "x"], ["handoff-import", "x"],
    ["tm-export", "--locale", "fr-FR", "--out", "x.tmx"]])
def test_a_negative_jobs_count_is_a_usage_error_for_every_command(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`check -j -3` was refused and `stats -j -3` (xliff, handoff, tm-export) ran on."""
    monkeypatch.chdir(tmp_path)
    assert main([*command, "-j", "-3"]) == 2
    assert capsys.readouterr().err == (f"pipeline {command[0]}: error: --jobs must be 0 (all "
                                       "cores) or more\n")
    assert list(tmp_path.iterdir()) == []


def test_xliff_export_refuses_locale_for_locales(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["xliff-export", "--locale", "fr-FR", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "unrecognized arguments: --locale fr-FR" in capsys.readouterr().err


def test_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["check", "--content", str(tmp_path / "nope")]) == 2


def test_rerun_reports_the_same_findings_from_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tree(tmp_path)
    md = content / "fr-FR/get-started/install-cli.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        'data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"'), encoding="utf-8")
    assert main([*args("locales", content, locales, out), "--format", "json"]) == 1
    first = capsys.readouterr().out
    assert main([*args("locales", content, locales, out), "--format", "json"]) == 1
    assert capsys.readouterr().out == first
    assert "span-id-mismatch" in first


def test_a_rerun_from_another_folder_shows_paths_from_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings replayed from the cache name files as this run shows them, not as the run
    that cached them did."""
    content, locales, out = tree(tmp_path)
    md = content / "fr-FR/get-started/install-cli.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        'data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*args("locales", content, locales, out), "--format", "json"]) == 1
    here = {f["file"] for f in json.loads(capsys.readouterr().out)}
    monkeypatch.chdir(content)
    assert main([*args("locales", content, locales, out), "--format", "json"]) == 1
    there = {f["file"] for f in json.loads(capsys.readouterr().out)}
    assert here == {"content/fr-FR/get-started/install-cli.md"}
    assert there == {"fr-FR/get-started/install-cli.md"}


def test_rerun_picks_up_a_catalog_edit_and_a_deleted_output(tmp_path: Path) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("locales", content, locales, out)) == 0
    po = locales / "fr-FR/get-started/install-cli.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Prérequis"', 'msgstr "Préalables"'), encoding="utf-8")
    page = out / "ja-JP/get-started/install-cli.md"
    expected = page.read_bytes()
    page.unlink()
    assert main(args("locales", content, locales, out)) == 0
    assert "Préalables" in (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    assert page.read_bytes() == expected


def test_touching_an_article_without_changing_it_rewrites_nothing(tmp_path: Path) -> None:
    content, locales, out = tree(tmp_path)
    assert main(args("locales", content, locales, out)) == 0
    page = out / "fr-FR/get-started/install-cli.md"
    before = page.stat().st_mtime_ns
    md = content / "fr-FR/get-started/install-cli.md"
    md.write_bytes(md.read_bytes())  # new mtime, same content
    assert main(args("locales", content, locales, out)) == 0
    assert page.stat().st_mtime_ns == before


def test_same_size_edit_with_the_same_mtime_is_still_seen(tmp_path: Path) -> None:
    """A racily clean file: edited within the cache's timestamp margin, size and mtime kept."""
    content, locales, out = tree(tmp_path)
    assert main(args("locales", content, locales, out)) == 0
    md = content / "fr-FR/get-started/install-cli.md"
    st = md.stat()
    md.write_bytes(md.read_bytes().replace(b'name="prerequisites"', b'name="prerequisitez"'))
    os.utime(md, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert main(args("locales", content, locales, out)) == 0
    assert 'name="prerequisitez"' in (out / "fr-FR/get-started/install-cli.md").read_text(
        encoding="utf-8")


def test_article_without_pairs_gets_no_catalog_and_no_complaint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tree(tmp_path)
    (content / "fr-FR/plain.md").write_text("# Titre\n\nPas de segments.\n", encoding="utf-8")
    assert main(args("locales", content, locales, out)) == 0
    assert not (locales / "fr-FR/plain.po").exists()  # gettext has no use for a header alone
    assert (out / "fr-FR/plain.md").read_text(encoding="utf-8") == "# Titre\n\nPas de segments.\n"
    assert "missing-catalog" not in capsys.readouterr().err


def test_the_command_line_loads_the_article_reader_and_rules_only_when_needed() -> None:
    """A run with nothing to do must start fast: importing the CLI, the runner and the cache
    loads neither YAML, the article reader, the rule modules nor the other commands."""
    probe = (
        "import sys, pipeline.cli, pipeline.runner, pipeline.cache\n"
        "heavy = ['yaml', 'pipeline.article.frontmatter', 'pipeline.article.spans', "
        "'pipeline.checks.registry', "
        "'pipeline.checks.tokens', 'pipeline.checks.fidelity', 'pipeline.checks.safety', "
        "'pipeline.xliff', 'pipeline.stats', 'pipeline.report.command', 'pipeline.sarif', "
        "'pipeline.job', 'pipeline.catalog', 'pipeline.merge', 'pipeline.checks.sync', "
        "'pipeline.checks.rule']\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.split() == []


@pytest.mark.parametrize("rewritten", [False, True], ids=["catalog-kept", "catalog-rewritten"])
@pytest.mark.parametrize("command", ["extract", "locales"])
def test_findings_cite_the_catalog_line_the_entry_stands_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, rewritten: bool
) -> None:
    """A vendor's reviewed edit is reported with the line of its entry in the catalog as it is
    on disk after the run, whether or not the run rewrote the catalog (it used to say 0)."""
    content, locales, out = tree(tmp_path)
    shutil.copytree(REPO / "locales", locales)
    po = locales / "fr-FR/get-started/install-cli.po"
    english = "The Contoso Docs CLI lets you build, preview, and publish documentation from " \
        "your terminal."
    catalog = parse_po(po.read_text(encoding="utf-8"), str(po))
    po.write_text(format_po(replace(catalog, messages=tuple(
        replace(m, msgstr="Texte relu par le vendeur.") if m.msgid == english else m
        for m in catalog.messages))), encoding="utf-8")
    if rewritten:  # new English above the entry: the rewritten catalog gains lines before it
        md = content / "fr-FR/get-started/install-cli.md"
        md.write_text(md.read_text(encoding="utf-8").replace(
            ">Install the Contoso Docs CLI<", ">Install the Contoso Docs command line<"),
            encoding="utf-8")
    before = po.read_bytes()
    capsys.readouterr()
    assert main(args(command, content, locales, out if command == "locales" else None)) == 0
    assert (po.read_bytes() != before) == rewritten
    line = next(m.line for m in parse_po(po.read_text(encoding="utf-8"), str(po)).messages
                if m.msgid == english)
    found = [f for f in capsys.readouterr().err.splitlines()
             if "[catalog-overrides-article]" in f]
    assert len(found) == 1 and line > 1
    assert f"install-cli.po:{line}) differs" in found[0]


def _excepted(readme: str, option: str) -> set[str]:
    """The commands the README's "every command [but X] takes `option`" leaves out."""
    found = re.search(r"every command (?:but ((?:`[\w-]+`(?:,| and| or|\s)*)+))?"
                      r"takes(?:(?!every command)[^.])*?`" + re.escape(option),
                      " ".join(readme.split()), re.I)
    assert found is not None, f"the README says no more which commands take {option}"
    return set(re.findall(r"`([\w-]+)`", found.group(1) or ""))


def test_the_readme_says_which_commands_take_j_q_and_config() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = {name for name, _, _ in _COMMANDS}
    for option, short in (("-j N", "-j"), ("-q", "-q"), ("--config FILE", "--config")):
        takes = set()
        for name in commands:
            parser = _parser(name)
            sub = next(a for a in parser._actions if a.dest == "command")
            declared = sub.choices[name]._actions
            if any(short in a.option_strings for a in declared):
                takes.add(name)
        assert commands - takes == _excepted(readme, option), option


@pytest.mark.parametrize("command", [["checks"], ["check", "--format", "json", "-q"],
                                     ["check", "--format", "sarif", "-q"]])
def test_output_piped_into_a_reader_that_stops_early_ends_without_a_traceback(
        command: list[str]) -> None:
    """``pipeline checks | head -1``: the reader closes the pipe; Python raised BrokenPipeError."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *command], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the command writes its first line
    _, err = proc.communicate()
    assert proc.returncode == 141
    assert b"Traceback" not in err and b"BrokenPipe" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["checks"], ["check", "--format", "json", "-q"],
                                     ["check", "--format", "sarif", "-q"], ["stats"],
                                     ["segment"]])
def test_output_to_a_full_disk_is_named_with_what_to_do_not_an_internal_error(
        command: list[str]) -> None:
    """``pipeline check --format json > report.json`` on a full disk: the write fails with
    ENOSPC, which was 'internal error: OSError … please report it'."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "pipeline", *command], cwd=REPO,
                              stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 3
    assert proc.stderr.startswith("pipeline: error: cannot write the output to /dev/full "
                                  "(No space left on device)"), proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_diagnostics_to_a_full_disk_end_the_run_as_unfinished_not_as_bad_inputs() -> None:
    """h176: ``pipeline check 2>log`` with the log's disk full: the first finding's write
    raised, the handler's own message too, and Python ended with exit 1 (the inputs had
    problems) over clean inputs. Nothing can be said: the status says the run did not end."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "pipeline", "checks"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=full, check=False)
        assert proc.returncode == 0  # nothing went to stderr
        proc = subprocess.run([sys.executable, "-m", "pipeline", "stats", "--by-article"],
                              cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True,
                              check=False)
        assert proc.returncode == 3 and "Traceback" not in proc.stderr
        proc = subprocess.run([sys.executable, "-m", "pipeline", "check", "--select",
                               "translation-lag"], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=full, check=False)
    assert proc.returncode == 3


@pytest.mark.parametrize("command, out", [
    (["xliff-export", "--out"], "x"), (["handoff", "--locale", "fr-FR", "--out"], "h"),
    (["tm-export", "--locale", "fr-FR", "--out"], "t.tmx"), (["report", "--out"], "r")])
def test_a_summary_names_an_output_that_is_not_utf8_as_the_findings_do(
        tmp_path: Path, command: list[str], out: str) -> None:
    """h176: under a Latin-1 folder the findings showed 'caf\\xe9/…' and the summary line
    'caf\\udce9/…', Python's escape of a lone surrogate, a name no file has."""
    target = os.fsencode(tmp_path) + b"/caf\xe9/" + out.encode()
    done = subprocess.run([sys.executable.encode(), b"-m", b"pipeline",
                           *(c.encode() for c in command), target], cwd=REPO,
                          capture_output=True, check=False)
    last = done.stderr.decode("utf-8").splitlines()[-1]
    assert done.returncode in (0, 1) and "caf\\xe9/" in last and "udce9" not in last, last


def test_a_bug_outside_any_articles_guard_is_one_line_never_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.cli as cli
    import pipeline.stats as stats

    def buggy(*args: object) -> int:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(stats, "command", buggy)
    monkeypatch.setattr(sys, "argv", ["pipeline", "stats", "--locales", str(tmp_path)])
    monkeypatch.delenv("PIPELINE_DEBUG", raising=False)
    assert cli.entry() == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith("pipeline: internal error: RuntimeError: simulated bug (the files")
    assert "Traceback" not in err
    monkeypatch.setenv("PIPELINE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.entry()


def test_ctrl_c_is_one_line_and_the_shells_status(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.cli as cli

    def interrupted(argv: object = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    assert cli.entry() == 130
    assert capsys.readouterr().err == "pipeline: interrupted; the files written so far are whole\n"


@pytest.mark.parametrize("command", ["locales", "render", "report"])
@pytest.mark.parametrize("where", ["content", "content/fr-FR/out", "locales", "locales/fr-FR"])
def test_an_output_folder_where_the_run_reads_is_refused_before_any_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, where: str) -> None:
    """--out over the content folder wrote every page over its delivered article; inside it,
    the next run read the pages back as articles."""
    content, locales, _ = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(args(command, content, locales, tmp_path / where)) == 2
    err = capsys.readouterr().err
    assert "overlap" in err and "Traceback" not in err and err.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("command", "which"), [
    ("check", "--locales"), ("locales", "--locales"), ("locales", "--out"),
    ("report", "--out"), ("render", "--out")])
def test_a_file_given_for_a_folder_is_one_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, which: str) -> None:
    """helper-74: --locales naming a file gave an error at every catalog ('check the file's
    permissions'), --out one at every page."""
    content, locales, out = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    a_file = tmp_path / "pyproject.toml"
    a_file.write_text("", encoding="utf-8")
    given = args(command, content, a_file if which == "--locales" else locales,
                 a_file if which == "--out" else (out if command != "check" else None))
    capsys.readouterr()
    assert main(given) == 2
    assert capsys.readouterr().err == (f"pipeline: error: {which} {a_file} is a file: give a "
                                       "folder (it is made if it does not exist)\n")
    assert main(["segment", "--source", str(content), "--format", "pot", "--out",
                 str(a_file)]) == 2


@pytest.mark.parametrize("where", ["inside-a-file", "dangling-link"])
def test_an_output_folder_that_cannot_be_made_is_one_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """helper-76: a file above --out, or a link to nothing, gave a write-failed per page."""
    content, locales, _ = tree(tmp_path)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    out = tmp_path / "afile" / "out"
    if where == "dangling-link":
        out = tmp_path / "link"
        out.symlink_to(tmp_path / "nothing")
    capsys.readouterr()
    assert main(args("locales", content, locales, out)) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and said.startswith(f"pipeline: error: --out {out} is ")


@pytest.mark.parametrize("which", ["content", "locales", "out"])
def test_a_root_that_is_a_symbolic_link_loop_is_one_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str) -> None:
    """A root that is a link to itself raised RuntimeError from Path.resolve (the check for
    a root that is one locale's folder): a traceback, where the run says what is wrong."""
    roots = dict(zip(("content", "locales", "out"), tree(tmp_path), strict=True))
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    roots[which] = loop
    capsys.readouterr()
    assert main(args("locales", roots["content"], roots["locales"], roots["out"])) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and said.startswith("pipeline: error: ")
    assert "Traceback" not in said and str(loop) in said


def test_a_root_that_cannot_be_looked_at_is_left_to_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-76: a --locales path inside a folder that cannot be searched raised from
    Path.exists(): an internal error, where the run says what it cannot read at each file."""
    from pipeline import roots

    def denied(self: Path, *a: object, **k: object) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", denied)
    assert roots.misplaced(tmp_path / "content", tmp_path / "locked" / "loc",
                           tmp_path / "out") is None


def test_an_unknown_check_id_is_the_commands_usage_error_in_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    """helper-74: it printed the usage of the top-level parser."""
    assert main(["check", "--select", "nosuch"]) == 2
    assert capsys.readouterr().err == ("pipeline check: error: unknown check id(s): nosuch "
                                       "(see `pipeline checks`)\n")


@pytest.mark.parametrize(("argv", "said"), [
    (["check", "--fromat", "json"],
     "pipeline check: error: unrecognized arguments: --fromat json (did you mean --format?)"),
    (["render", "--prun"], "pipeline render: error: unrecognized arguments: --prun (did you "
     "mean --prune?)"),
    (["stats", "-q"], "pipeline stats: error: unrecognized arguments: -q (-q is an option of "
     "other commands, not of stats; `pipeline stats --help` lists its options)"),
    # never "did you mean --locales?": a locale's name where the catalogs folder goes
    (["xliff-export", "--locale", "fr-FR", "--out", "x"], "pipeline xliff-export: error: "
     "unrecognized arguments: --locale fr-FR (--locale is an option of tm-export, handoff, not "
     "of xliff-export; `pipeline xliff-export --help` lists its options)"),
    (["check", "extra"], "pipeline check: error: unrecognized arguments: extra (`pipeline "
     "check --help` lists its options)"),
])
def test_a_word_a_command_does_not_take_is_its_usage_error_with_what_was_meant(
        argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's top parser said it, with the usage of `pipeline COMMAND ...` and no hint of
    the option meant."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: pipeline {argv[0]} ") and err.endswith(said + "\n")


def test_a_misspelled_command_is_said_with_the_one_meant(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["chek", "--format", "json"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.endswith(
        "pipeline: error: argument COMMAND: invalid choice: 'chek' (did you mean check?)\n")


def test_a_check_both_selected_and_ignored_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    """h187: '--select code-changed --ignore code-changed' reported nothing of it, exit 0: one
    of the two was a slip, and the run said nothing of which."""
    assert main(["check", "--select", "code-changed,unsafe-url", "--ignore",
                 "unsafe-url,code-changed", "--ignore", "new-block"]) == 2
    assert capsys.readouterr().err == (
        "pipeline check: error: code-changed, unsafe-url both selected and ignored: nothing of "
        "them would be reported (give each to --select or to --ignore)\n")


def test_a_misspelled_check_id_is_said_with_the_one_meant(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "po-sintax"]) == 2
    assert capsys.readouterr().err == ("pipeline check: error: unknown check id(s): po-sintax "
                                       "(did you mean po-syntax?) (see `pipeline checks`)\n")


def test_a_finding_on_the_catalogs_translation_says_where_its_entry_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-74: in the sxs flow, a vendor's bad edit in the catalog was cited at the
    article's line alone; the vendor edits the catalog."""
    content, locales, _ = tree(tmp_path)
    assert main(args("extract", content, locales)) == 0
    po = locales / "fr-FR" / "get-started" / "install-cli.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("disponible en tant que `python3`", "disponible en tant que "
                               "`python`"), encoding="utf-8")
    before = text[:text.index("disponible en tant que `python3`")]
    line = before[:before.rindex("\n\n")].count("\n") + 3  # where its entry starts
    capsys.readouterr()
    assert main(args("check", content, locales)) == 1
    said = [x for x in capsys.readouterr().err.splitlines() if "error[code-changed]" in x]
    assert len(said) == 2  # the code added, and the code missing
    for x in said:
        assert x.startswith(os.path.relpath(content / "fr-FR" / "get-started" /
                                            "install-cli.md"))
        assert f"(the catalog's translation: {os.path.relpath(po)}:{line}) (hint:" in x, x


@pytest.mark.parametrize("locale", ["fr-FR", "zh-Hans-CN", "es-419", "zh-Hans", "sr-Latn"])
def test_a_locale_folder_given_as_the_content_root_is_refused_with_its_parent_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], locale: str) -> None:
    """Its subfolders (get-started, how-to) would be taken as locales and written as such."""
    content, locales, out = tree(tmp_path)
    shutil.copytree(content / "fr-FR", tmp_path / "c" / locale)
    # an article folder named like a locale (Microsoft's "To Do" docs) makes it no root
    for name in ("to-do", "hi-fi"):
        shutil.copytree(content / "fr-FR" / "get-started", tmp_path / "c" / locale / name)
    assert main(args("locales", tmp_path / "c" / locale, locales, out)) == 2
    said = capsys.readouterr().err
    assert f"one locale's folder: give the folder that holds the locale folders ({tmp_path / 'c'})"\
        in said
    assert not locales.exists() and not out.exists()


@pytest.mark.parametrize("command", [
    ["extract"], ["check"], ["render", "--out", "{tmp}/build"], ["locales", "--out", "{tmp}/build"],
    ["baseline", "--out", "{tmp}/b.json"], ["stats"], ["xliff-export", "--out", "{tmp}/xlf"],
    ["xliff-import", "{tmp}"],
    ["handoff", "--locale", "fr-FR", "--out", "{tmp}/pkg"], ["handoff-import", "{tmp}"],
    ["tm-export", "--locale", "fr-FR", "--out", "{tmp}/fr.tmx"], ["report", "--out", "{tmp}/r"]])
def test_a_locale_folder_given_as_the_catalogs_root_is_refused_with_its_parent_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """`xliff-export --locales locales/fr-FR` wrote target-language="how-to", and `extract`
    wrote catalogs under locales/fr-FR/de-DE: every command took its subfolders as locales."""
    content, locales, _ = tree(tmp_path, english=True)
    shutil.copytree(REPO / "locales", locales)
    before = sorted(tmp_path.rglob("*"))
    argv = [part.format(tmp=tmp_path) for part in command]
    if command[0] in ("report", "extract", "check", "render", "locales", "baseline"):
        argv += ["--content", str(content)]
    assert main([*argv, "--locales", str(locales / "fr-FR")]) == 2
    said = capsys.readouterr().err
    assert said == (f"pipeline: error: --locales {locales / 'fr-FR'} is one locale's folder: "
                    f"give the folder that holds the locale folders ({locales})\n")
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("command, out", [
    (["handoff", "--locale", "de-DE", "--format", "po"], "locales"),
    (["handoff", "--locale", "de-DE"], "locales/de-DE"),
    (["xliff-export"], "locales"),
    (["xliff-export"], "content/fr-FR"),
    (["tm-export", "--locale", "fr-FR"], "locales/fr-FR/get-started/install-cli.po"),
    (["tm-export", "--locale", "fr-FR"], "content/fr-FR/get-started/install-cli.md"),
    (["segment", "--format", "sxs"], "content/en-US"),
    (["segment", "--format", "pot"], "content"),
    (["segment", "--format", "sxs", "--source", "en"], "en/sxs"),
])
def test_an_output_over_the_catalogs_or_articles_a_command_reads_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: list[str], out: str) -> None:
    """`handoff --format po --out locales` wrote its package over the catalogs, `tm-export
    --out` a catalog or an article replaced it with TMX, `segment --format sxs --out
    content/en-US` the English articles with their sxs form: exit 0, the work gone."""
    content, locales, _ = tree(tmp_path, english=True)
    shutil.copytree(REPO / "locales", locales)
    shutil.copytree(content / "en-US", tmp_path / "en")
    monkeypatch.chdir(tmp_path)  # content/ is the settings' content folder
    before = snapshot(tmp_path)
    assert main([*command, "--out", out]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"pipeline: error: --out {out} ") and "of its own" in said
    assert said.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", [["xliff-export"], ["handoff", "--locale", "de-DE"]])
@pytest.mark.parametrize("out", ["pkg", "pkg/sub"])
def test_a_package_folder_where_a_file_stands_is_one_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], out: str) -> None:
    """Each file of the package failed (`cannot write: Not a directory`), then `handoff` said
    `package written to pkg`."""
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    (tmp_path / "pkg").write_text("notes\n")
    argv = [*command, "--locales", str(tmp_path / "locales"), "--out", str(tmp_path / out)]
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"pipeline: error: --out {tmp_path / out} is ")
    assert said.endswith("a file: give a folder (it is made if it does not exist)\n")
    assert (tmp_path / "pkg").read_text() == "notes\n"


def test_an_output_folder_beside_the_locale_folders_of_the_content_root_is_fine(
        tmp_path: Path) -> None:
    """content/build holds no locale's articles: nothing there is read back."""
    content, locales, _ = tree(tmp_path)
    assert main(args("locales", content, locales, content / "build")) == 0
    assert main(args("locales", content, locales, content / "build")) == 0
    assert (content / "build" / "fr-FR").is_dir()


@pytest.mark.parametrize("name", ["web-ui", "doc_fr", "my-docs", "get-started", "fr", "to-do",
                                  "hi-fi"])
def test_a_content_root_named_like_no_locale_is_taken(tmp_path: Path, name: str) -> None:
    content, locales, out = tree(tmp_path)
    content.rename(tmp_path / name)
    assert main(args("locales", tmp_path / name, locales, out)) == 0


@pytest.mark.parametrize("url", ["file://{content}", "simplecache::file://{content}",
                                 "file://{content}/fr-FR/pages", "simplecache::local://{content}",
                                 "{tmp}/other/sym/..", "file://{tmp}/other/sym/.."])
def test_an_output_url_over_the_content_is_refused_like_a_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    pytest.importorskip("fsspec")
    content, locales, _ = tree(tmp_path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "sym").symlink_to(content / "fr-FR")  # sym/.. is content itself
    before = snapshot(tmp_path)
    assert main(args("render", content, locales, url.format(content=content, tmp=tmp_path))) == 2
    assert "overlap" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_a_stores_url_is_compared_as_the_store_reads_it() -> None:
    pytest.importorskip("fsspec")
    from pipeline.roots import _overlap
    from pipeline.storage import Url

    assert _overlap(Url("memory:///x/content"), Url("memory://x/content"))
    assert _overlap(Url("memory://x//content/"), Url("memory://x/./content"))
    assert _overlap(Url("memory://x/content/fr-FR/p"), Url("memory://x/content"))
    assert not _overlap(Url("memory://x/build"), Url("memory://x/content"))


@pytest.mark.parametrize("inside", [["fr-fr", "de-de"], ["fr-FR"], ["pt-br", "zh-hans"],
                                    ["fr-fr"], ["fr_FR"]])
def test_a_root_named_like_a_locale_holding_locale_folders_is_a_content_root(
        tmp_path: Path, inside: list[str]) -> None:
    """Microsoft's own repositories name locale folders in lower case (fr-fr)."""
    content, locales, _ = tree(tmp_path)
    root = tmp_path / "es-ES"
    for name in inside:
        shutil.copytree(content / "fr-FR", root / name)
    assert main(args("extract", root, locales)) in (0, 1)
    assert sorted(p.name for p in locales.iterdir()) == sorted(inside)


@pytest.mark.parametrize("command", [["checks"], ["check", "--format", "json", "-q"],
                                     ["check", "--format", "sarif", "-q"]])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_every_character_gets_escapes_not_an_internal_error(
        command: list[str], encoding: str) -> None:
    """helper-127: under a locale whose charset is not UTF-8 (LANG=fr_FR.ISO-8859-1, or
    PYTHONIOENCODING), ``pipeline checks`` and ``check --format sarif`` stopped with
    'internal error: UnicodeEncodeError' (exit 3) at the first '…'. What stdout cannot
    encode is written as JSON's escapes, so JSON and SARIF stay valid and say the same."""
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("PIPELINE_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "pipeline", *command], cwd=REPO, env=env,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")[-500:]
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr
    out = done.stdout.decode(encoding)
    if command[0] == "checks":
        assert "\\u2026" in out
    else:
        utf8 = subprocess.run([sys.executable, "-m", "pipeline", *command], cwd=REPO,
                              env=dict(env, PYTHONIOENCODING="utf-8"), capture_output=True,
                              timeout=120, check=False)
        assert json.loads(out) == json.loads(utf8.stdout.decode("utf-8"))


def test_finding_lines_go_out_in_one_write_with_their_line_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between a finding's text and its line end (two writes) left the interrupted
    message glued to the end of that finding: ``…(hint: …)pipeline: interrupted; …``."""
    from pipeline.cli import Reporter
    from pipeline.findings import Finding, Severity
    from pipeline.progress import Progress

    writes: list[str] = []

    class Stream:
        def write(self, text: str) -> int:
            writes.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    found = [Finding("po-syntax", Severity.ERROR, f"bad {n}", "locales/fr-FR/a.po", n, 1)
             for n in (1, 2)]
    monkeypatch.setattr(sys, "stderr", Stream())
    Reporter("text", False, Progress(2, Stream(), enabled=False))(found)
    assert writes == ["".join(f.format_text() + "\n" for f in found)]


def _stopped_after_the_run(exc: BaseException) -> object:
    """``run`` that streams every finding of the run, then stops with ``exc``."""
    import pipeline.cli as cli

    real = cli.run

    def stopped(*a: object, **k: object) -> object:
        real(*a, **k)  # type: ignore[arg-type]
        raise exc

    return stopped


STOPS = [
    pytest.param(lambda: executors.RunFailed("a batch failed (no retries): Unavailable"), 3,
                 "pipeline: error: a batch failed", id="run-failed"),
    pytest.param(lambda: RuntimeError("simulated bug"), 3,
                 "pipeline: internal error: RuntimeError: simulated bug", id="internal-error"),
    pytest.param(KeyboardInterrupt, 130, "pipeline: interrupted", id="interrupted"),
]


@pytest.mark.parametrize(("stop", "status", "said"), STOPS)
def test_a_json_run_that_stops_midway_still_prints_one_json_document(
    stop: Callable[[], BaseException], status: int, said: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list was left open (``[ {…}`` and no ``]``) when the run failed after its first
    finding: exit 3 and a stdout no JSON reader takes. It holds the findings printed so far."""
    import pipeline.cli as cli

    content, locales, _ = tree(tmp_path)
    (content / "notalocale").mkdir()  # a finding printed before the articles run
    monkeypatch.setattr(cli, "run", _stopped_after_the_run(stop()))
    monkeypatch.setattr(sys, "argv", ["pipeline", *args("check", content, locales),
                                      "--format", "json"])
    monkeypatch.delenv("PIPELINE_DEBUG", raising=False)
    capsys.readouterr()
    assert cli.entry() == status
    out, err = capsys.readouterr()
    assert "notalocale" in {Path(f["file"]).name for f in json.loads(out)}
    assert said in err


@pytest.mark.parametrize(("stop", "status", "said"), STOPS)
def test_a_sarif_run_that_stops_midway_prints_no_document(
    stop: Callable[[], BaseException], status: int, said: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A SARIF document of the articles run so far would read as a finished scan (uploaded, it
    closes the alerts of the articles not reached): nothing on stdout, the error on stderr."""
    import pipeline.cli as cli

    content, locales, _ = tree(tmp_path)
    (content / "notalocale").mkdir()
    monkeypatch.setattr(cli, "run", _stopped_after_the_run(stop()))
    monkeypatch.setattr(sys, "argv", ["pipeline", *args("check", content, locales),
                                      "--format", "sarif"])
    monkeypatch.delenv("PIPELINE_DEBUG", raising=False)
    capsys.readouterr()
    assert cli.entry() == status
    out, err = capsys.readouterr()
    assert out == ""
    assert said in err


def test_docs_distributed_names_every_command_whose_roots_are_local_folders_only() -> None:
    """docs/distributed.md left tm-export and handoff out of its local-only list; given an
    s3:// --locales they stop with exit 2, as the others do."""
    doc = " ".join((REPO / "docs" / "distributed.md").read_text(encoding="utf-8").split())
    found = re.search(r"- ((?:`[\w-]+`,? (?:and )?)+)work on local folders only", doc)
    assert found is not None
    local_only = set(re.findall(r"`([\w-]+)`", found.group(1))) - {"--changed-since"}
    roots = {"content", "locales", "out", "source"}
    by_url, by_path = set(), set()
    for name, _, _ in _COMMANDS:
        sub = next(a for a in _parser(name)._actions if a.dest == "command").choices[name]
        metavars = [a.metavar or "" for a in sub._actions if a.dest in roots]
        if metavars:
            (by_url if any("URL" in m for m in metavars) else by_path).add(name)
    assert local_only == by_path and not local_only & by_url


@pytest.mark.parametrize("command", [["locales"], ["render", "--form", "bilingual"]])
def test_a_locale_folder_given_as_the_output_root_is_refused_with_its_parent_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """`--out build/fr-FR` wrote build/fr-FR/fr-FR/..., build/fr-FR/de-DE/...: the output root
    is read as --content and --locales are, and refused the same way."""
    content, locales, out = tree(tmp_path)
    assert main([*args(command[0], content, locales, out / "fr-FR"), *command[1:]]) == 2
    assert capsys.readouterr().err == (
        f"pipeline: error: --out {out / 'fr-FR'} is one locale's folder: give the folder that "
        f"holds the locale folders ({out})\n")
    assert not out.exists()


def test_a_build_locale_of_a_catalogs_folder_that_cannot_be_listed_is_not_called_unknown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """locales/ could not be listed (a network folder's hiccup): build-locales' de-DE, a
    locale folder there, was said to be one no locale folder has, beside the walk's error
    that the folder could not be read. Only a listing that read both roots says so."""
    content = tmp_path / "content"
    (content / "en-US").mkdir(parents=True)
    (content / "en-US" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nText.\n")
    (tmp_path / "locales" / "de-DE").mkdir(parents=True)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.pipeline]\nbuild-locales = ["de-DE"]\n', encoding="utf-8")
    scandir, locales = os.scandir, str(tmp_path / "locales")

    def denied(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == locales:
            raise OSError(5, "Input/output error", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    main([*args("check", content, tmp_path / "locales"), "--config", str(config)])
    err = capsys.readouterr().err
    assert "build-locales names" not in err


def test_a_run_sigterm_stops_ends_its_json_and_says_so_in_one_line(tmp_path: Path) -> None:
    """SIGTERM (a CI job's timeout or cancel, `timeout`, `docker stop`) killed the run
    outright: exit -15, the JSON list on stdout left open (`[ {…}` and no `]`), which no reader
    takes. It now stops as Ctrl-C does, its own status (143) and line."""
    content, locales, _ = tree(tmp_path)
    (content / "notalocale").mkdir()  # a finding printed before the articles run
    script = ("import os, signal, sys\n"
              "import pipeline.reporter as reporter\n"
              "printed = reporter.Reporter.__call__\n"
              "def then_terminated(self, findings):\n"
              "    printed(self, findings)\n"
              "    os.kill(os.getpid(), signal.SIGTERM)\n"
              "reporter.Reporter.__call__ = then_terminated\n"
              "from pipeline.cli import entry\n"
              "sys.argv = ['pipeline', *sys.argv[1:]]\n"
              "sys.exit(entry())\n")
    run = subprocess.run([sys.executable, "-c", script, *args("check", content, locales),
                          "--format", "json"], cwd=REPO, capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 143
    assert "notalocale" in {Path(f["file"]).name for f in json.loads(run.stdout)}
    assert run.stderr.splitlines()[-1:] == [
        "pipeline: terminated; the files written so far are whole"]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("command", "out"), [
    (["tm-export", "--locale", "fr-FR"], "pyproject.toml"),
    (["tm-export", "--locale", "fr-FR"], "baseline.json"),
    (["tm-export", "--locale", "fr-FR"], "no-loc.txt"),
    (["tm-export", "--locale", "fr-FR"], "glossary/fr-FR.csv"),
    (["xliff-export"], "glossary"),
    (["handoff", "--locale", "fr-FR", "--format", "po"], "glossary"),
    (["tm-export", "--locale", "fr-FR"], "glossary/notes.TBX"),
])
def test_an_output_over_a_file_the_runs_read_beside_the_catalogs_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: list[str], out: str) -> None:
    """`tm-export --out pyproject.toml` replaced the settings with TMX (every later command:
    'Invalid statement'), `--out` the baseline, the no-loc list or a glossary replaced it:
    exit 0, the file gone. Outputs over the content and catalogs were refused, not over the
    files the settings name beside them."""
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "fr-FR.csv").write_text("en,fr\n")
    (tmp_path / "no-loc.txt").write_text("Contoso\n")
    (tmp_path / "baseline.json").write_text('{"version": 1, "findings": []}\n')
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nbaseline = "baseline.json"\nno-loc-file = "no-loc.txt"\n'
        'glossary = "glossary"\n')
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    assert main([*command, "--out", out]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"pipeline: error: --out {out} is the ") and "of its own" in said
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("command", "out"), [
    (["tm-export", "--locale", "fr-FR"], "fr-FR.tmx"),
    (["xliff-export"], "xliff"),
    (["handoff", "--locale", "fr-FR", "--format", "po"], "package"),
])
def test_an_output_beside_a_glossary_in_the_repos_root_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: list[str], out: str) -> None:
    """A glossary folder that is the repo's root (`glossary = "."`, its fr-FR.csv beside the
    settings) refused every output in the root: 'is the glossary (.), which the runs read',
    a TMX file or a package folder the glossary never reads. What a glossary folder reads
    is its <locale>.csv and .tbx files, the outputs over them alone are refused."""
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    (tmp_path / "fr-FR.csv").write_text("en,fr\n")
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nglossary = "."\n')
    monkeypatch.chdir(tmp_path)
    main([*command, "--out", out])
    assert "which the runs read" not in capsys.readouterr().err
    assert (tmp_path / out).exists()


def test_an_english_article_with_a_fence_never_closed_is_said_once_and_still_published(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The rest of the article after an unclosed ``` was code in every locale, untranslated,
    and nothing said so."""
    content, locales, out = tree(tmp_path, english=True)
    english = next((content / "en-US").rglob("*.md"))
    english.write_text(english.read_text(encoding="utf-8") + "\n```bash\necho hi\n\nMore text.\n",
                       encoding="utf-8")
    last = english.read_text(encoding="utf-8").count("\n")
    assert main(args("locales", content, locales, out)) == 0
    err = capsys.readouterr().err
    [said] = [line for line in err.splitlines() if "markdown-unclosed" in line]  # not per locale
    where, rest = said.split(":", 1)
    assert where.endswith(str(english.relative_to(content)))
    assert rest == (f"{last - 3}:1: warning[markdown-unclosed]: the code fence opened here is "
                    f"never closed: the rest of the article (lines {last - 2} to {last}) is code "
                    "on the page, and none of it is translated (hint: end the code with a line "
                    "of ``` alone)")
    rel = english.relative_to(content / "en-US")
    assert list(out.glob(f"*/{rel}"))  # every locale's page is still written


def test_a_handoff_copied_into_the_english_folder_is_one_error_and_makes_no_catalog(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, locales, out = tree(tmp_path, english=True)
    handoff = next((content / "fr-FR").rglob("*.md"))
    (content / "en-US" / "oops.md").write_bytes(handoff.read_bytes())
    assert main(args("locales", content, locales, out)) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "oops" in line]
    assert len(said) == 1 and "en-US/oops.md:" in said[0]
    assert "error[handoff-in-english]" in said[0]
    assert list(locales.rglob("oops.po")) == [] and list(out.rglob("oops.md")) == []
    assert list(out.glob("*/*.md")) or list(out.rglob("*.md"))  # the others still run
