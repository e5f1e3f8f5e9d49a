"""Per-entry suppressions: an ignore-<check> flag or translator comment on a catalog entry
silences that check for that entry (kept, marked suppressed, not holding the translation
back), never a safety check; and the marking survives the gettext tools and editors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib
import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.catalog import Message
from pipeline.cli import main
from pipeline.suppress import ignored

ARTICLE = "fr-FR/guide.md"
BAD = "Exécutez maintenant."  # the translation of PAIRS[1], which loses `docs build`
ENTRY = 'msgid "Run `docs build` now."'


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    content, locales, _ = make_tree(tmp_path, {ARTICLE: sxs(PAIRS[:3])})
    assert main(cli_args("extract", content, locales)) == 0
    return content, locales


def mark(locales: Path, lines: str, entry: str = ENTRY) -> Path:
    """Put ``lines`` (comment or flag lines) just before the msgid ``entry``."""
    po = locales / "fr-FR/guide.po"
    text = po.read_text(encoding="utf-8")
    assert entry in text
    po.write_text(text.replace(entry, lines + "\n" + entry), encoding="utf-8")
    return po


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("spelling", ["#, ignore-code-changed",
                                      "# ignore-code-changed",
                                      "# ignore-number-changed, ignore-code-changed"])
def test_a_flag_silences_its_check_for_that_entry_and_the_translation_is_published(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    content, locales = tree
    assert main(cli_args("check", content, locales)) == 1
    mark(locales, spelling)
    code, found = run_json(capsys, cli_args("check", content, locales))
    assert code == 0
    assert [(f["check"], f.get("suppressed")) for f in found] == [("code-changed", True)]
    capsys.readouterr()
    out = content.parent / "build"
    assert main([*cli_args("locales", content, locales), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "code-changed" not in err and "render-substituted" not in err
    assert BAD in (out / ARTICLE).read_text(encoding="utf-8")


def test_a_flag_for_another_check_silences_nothing(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = tree
    mark(locales, "#, ignore-number-changed")
    code, found = run_json(capsys, cli_args("check", content, locales))
    assert code == 1 and [f.get("suppressed", False) for f in found] == [False]


@pytest.mark.parametrize("flag, says", [
    ("#, ignore-unsafe-element", "a safety check is never silenced"),
    ("# ignore-no-such-check", "no check has this id"),
])
def test_a_safety_check_is_never_silenced_and_the_flag_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, says: str
) -> None:
    pairs = [*PAIRS[:1], ("Close it.", "Fermez-le. <script>x()</script>")]
    content, locales, out = make_tree(tmp_path, {ARTICLE: sxs(pairs)})
    assert main(cli_args("extract", content, locales)) == 0
    mark(locales, flag, 'msgid "Close it."')
    code, found = run_json(capsys, [*cli_args("locales", content, locales), "--out", str(out)])
    assert code == 1
    assert {f["check"] for f in found if not f.get("suppressed")} >= {
        "unsafe-element", "ignore-flag", "render-substituted"}
    warning = next(f for f in found if f["check"] == "ignore-flag")
    assert warning["severity"] == "warning" and says in warning["message"]
    assert warning["file"].endswith("guide.po") and warning["line"] > 1
    assert "<script>" not in (out / ARTICLE).read_text(encoding="utf-8")


def test_sarif_marks_a_silenced_finding_as_suppressed_in_source(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = tree
    mark(locales, "# ignore-code-changed")
    capsys.readouterr()
    assert main([*cli_args("check", content, locales), "--format", "sarif"]) == 0
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [r["suppressions"][0]["kind"] for r in results] == ["inSource"]


# ---- the marking survives the tools a catalog goes through


def gnu(tool: str, po: Path) -> None:
    if tool == "msgcat":
        subprocess.run(["msgcat", "-w", "30", str(po), "-o", str(po)], check=True)
    else:  # msgmerge with a template of the same English and no translations
        pot = po.with_suffix(".pot")
        # sed reads every message before it prints none: `true` would leave msgfilter a broken pipe
        subprocess.run(["msgfilter", "-i", str(po), "-o", str(pot), "sed", "-e", "d"], check=True)
        subprocess.run(["msgmerge", "-q", "--previous", str(po), str(pot), "-o", str(po)],
                       check=True)


def poedit_style(po: Path, width: int) -> None:
    """A stand-in for an editor's save: polib reads and writes the catalog, wrapping lines
    (and comments) at ``width``."""
    polib.pofile(str(po), wrapwidth=width).save(str(po))


@pytest.mark.usefixtures("require_gettext")
@pytest.mark.parametrize("tool", ["msgcat", "msgmerge", "polib 78", "polib 20"])
def test_the_comment_spelling_survives_gnu_tools_and_an_editor_save(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tool: str
) -> None:
    content, locales = tree
    po = mark(locales, "# ignore-code-changed")
    if tool.startswith("polib"):
        poedit_style(po, int(tool.split()[1]))
    else:
        gnu(tool, po)
    code, found = run_json(capsys, cli_args("check", content, locales))
    assert code == 0 and [f.get("suppressed") for f in found] == [True]


@pytest.mark.usefixtures("require_gettext")
@pytest.mark.parametrize("tool, kept", [
    ("polib 78", True), ("polib 20", True),
    # GNU gettext keeps only the flags it knows (fuzzy, *-format, wrap, range): the reason
    # for the comment spelling
    ("msgcat", False), ("msgmerge", False),
])
def test_the_flag_spelling_survives_polib_but_not_gnu_tools(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tool: str, kept: bool
) -> None:
    content, locales = tree
    po = mark(locales, "#, ignore-code-changed")
    if tool.startswith("polib"):
        poedit_style(po, int(tool.split()[1]))
    else:
        gnu(tool, po)
    assert ("ignore-code-changed" in po.read_text(encoding="utf-8")) is kept
    code, _ = run_json(capsys, cli_args("check", content, locales))
    assert code == (0 if kept else 1)


@pytest.mark.parametrize("spelling", ["#, ignore-code-changed", "# ignore-code-changed"])
def test_both_spellings_survive_a_new_handoff_merged_by_extract(
    tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    content, locales = tree
    mark(locales, spelling)
    (content / ARTICLE).write_text(sxs(PAIRS[:3], prefix="7c2e1"), encoding="utf-8")
    assert main(cli_args("extract", content, locales)) == 0
    code, found = run_json(capsys, cli_args("check", content, locales))
    assert code == 0 and [f.get("suppressed") for f in found] == [True]


@pytest.mark.parametrize("flags, comments, ids", [
    (("fuzzy", "ignore-a-b"), (), {"a-b"}),
    ((), ("ignore-x, ignore-y",), {"x", "y"}),
    ((), ("ignore-number-", "changed"), {"number-changed"}),  # wrapped at the hyphen
    ((), ("please ignore-x here",), set()),  # prose is not a marking
    ((), ("ignore x",), set()),
])
def test_ignored_reads_flags_and_comment_lines(
    flags: tuple[str, ...], comments: tuple[str, ...], ids: set[str]
) -> None:
    assert ignored(Message("a", "b", None, flags, comments)) == ids
