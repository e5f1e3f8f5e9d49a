"""``python -m pipeline segment``: the three formats, bad files, and the default folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.article import scan_segments
from pipeline.catalog import parse_po
from pipeline.cli import main

ARTICLE = """---
title: Start here
description: The first article. It has a title.
---

# Start here

Open the **app**. Then sign
in with your account.

| Name | Value |
|--|--|
| One<br>Two | 3 |
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "content" / "en-US"
    (root / "guide").mkdir(parents=True)
    (root / "guide" / "start.md").write_text(ARTICLE, encoding="utf-8")
    (root / "b.md").write_text("Plain text. Two sentences.\n", encoding="utf-8")
    (root / ".hidden.md").write_text("Skipped.\n", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["segment", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_prints_one_list_with_files_in_path_order(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--source", str(source))
    assert code == 0, err
    records = json.loads(out)
    assert [r["file"] for r in records] == ["b.md", "guide/start.md"]
    start = records[1]["segments"]
    # title and description take 101-103; the body starts at 104
    assert [s["id"].split("-")[1] for s in start] == ["104", "105", "106", "107", "108",
                                                      "109", "110", "111"]
    assert [s["source"] for s in start] == [
        "Start here", "Open the **app**.", "Then sign in with your account.", "Name", "Value",
        "One", "Two", "3",
    ]
    assert (start[2]["line"], start[2]["column"]) == (8, 19)
    assert set(start[0]) == {"id", "source", "line", "column"}


def test_json_writes_a_file_name_a_terminal_acts_on_as_escapes(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-128: JSON escapes only C0 controls, so a C1 CSI (U+009B) or a bidi override in
    a file name reached the terminal raw; they are \\u escapes now, the same JSON."""
    (source / "c\x9b2J\u202e.md").write_text("Plain.\n", encoding="utf-8")
    code, out, err = run(capsys, "--source", str(source))
    assert code == 0, err
    assert "\x9b" not in out and "\u202e" not in out and '"c\\u009b2J\\u202e.md"' in out
    assert [r["file"] for r in json.loads(out)][1] == "c\x9b2J\u202e.md"


def test_pot_is_a_gettext_template_msgfmt_accepts(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], require_gettext: None
) -> None:
    out_dir = tmp_path / "pot"
    code, _, err = run(capsys, "--source", str(source), "--format", "pot", "--out", str(out_dir))
    assert code == 0, err
    pot = out_dir / "guide" / "start.pot"
    text = pot.read_text(encoding="utf-8")
    catalog = parse_po(text, str(pot))
    msgids = [m.msgid for m in catalog.messages]
    assert msgids[:3] == ["Start here", "The first article.", "It has a title."]
    assert "Then sign in with your account." in msgids
    checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(pot)],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stderr, checked.stderr
    canonical = subprocess.run(["msgcat", "--no-wrap", str(pot)], capture_output=True,
                               text=True, check=True)
    assert canonical.stdout == text


def test_sxs_pairs_every_segment_and_keeps_every_other_byte(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "sxs"
    code, _, err = run(capsys, "--source", str(source), "--format", "sxs", "--out", str(out_dir))
    assert code == 0, err
    text = (out_dir / "guide" / "start.md").read_text(encoding="utf-8")
    assert text.startswith(ARTICLE.split("# Start", 1)[0])  # front matter kept as it was
    assert '# <a name="start-here"></a><span data-ttu-id="' in text
    segments, problems = scan_segments(text, 0, "start.md")
    assert not problems
    assert [s.source for s in segments][:3] == ["Start here", "Open the **app**.",
                                                "Then sign in with your account."]
    assert all(s.translation == s.source for s in segments)
    assert "| <span" in text and "<br><span" in text  # cells and <br> stay outside the pairs


def test_a_bad_file_is_a_finding_and_the_others_still_run(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "bad.md").write_bytes(b"Fine.\nBroken \xff byte.\n")
    code, out, err = run(capsys, "--source", str(source))
    assert code == 1
    assert f"{source / 'bad.md'}:2:8: error[encoding]: invalid UTF-8 (byte 0xff) (hint: " in err
    assert "Traceback" not in err
    assert [r["file"] for r in json.loads(out)] == ["b.md", "guide/start.md"]


def test_default_source_is_the_english_folder_of_content(
    source: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(source.parent.parent)
    code, out, _ = run(capsys)  # no pyproject.toml there: the defaults
    assert code == 0
    assert len(json.loads(out)) == 2


def test_out_with_json_is_a_usage_error_not_passed_over(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # helper-127: the records went to standard output and no file was made, exit 0
    code, out, err = run(capsys, "--source", str(source), "--out", str(tmp_path / "s.json"))
    assert (code, out) == (2, "")
    assert "--format json writes to standard output" in err
    assert not (tmp_path / "s.json").exists()


def test_no_english_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--source", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no English folder" in err


def test_a_bug_on_one_article_is_its_finding_and_the_others_are_segmented(
    source: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.segment.command as command

    real = command.segment_bytes

    def buggy(data: bytes, shown: str):  # type: ignore[no-untyped-def]
        if shown.endswith("b.md"):
            raise TypeError("simulated bug")
        return real(data, shown)

    monkeypatch.setattr(command, "segment_bytes", buggy)
    code, out, err = run(capsys, "--source", str(source))
    assert code == 1
    assert "b.md: error[internal-error]: internal error, article skipped: TypeError: " \
           "simulated bug" in err
    assert "Traceback" not in err
    assert [r["file"] for r in json.loads(out)] == ["guide/start.md"]


def test_an_article_that_is_a_broken_link_is_an_error_not_skipped(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-43: a link to nothing, or to itself, was passed over: exit 0, not a word."""
    (source / "ghost.md").symlink_to("nowhere.md")
    (source / "loop.md").symlink_to("loop.md")
    code, out, err = run(capsys, "--source", str(source))
    assert code == 1
    assert "ghost.md: error[unreadable]: a symbolic link to 'nowhere.md', which does not " \
        "exist" in err
    # as every other command says it (the walk of the English finds it)
    assert "loop.md: error[unreadable]: cannot follow this symbolic link (Too many levels of " \
        "symbolic links): it was skipped" in err
    assert [r["file"] for r in json.loads(out)] == ["b.md", "guide/start.md"]


def test_an_article_that_is_a_fifo_is_an_error_not_skipped(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO named .md was passed over: exit 0, not a word."""
    os.mkfifo(source / "pipe.md")
    code, out, err = run(capsys, "--source", str(source))
    assert code == 1
    assert "pipe.md: error[unreadable]: not a regular file (a device, FIFO or socket)" in err
    assert [r["file"] for r in json.loads(out)] == ["b.md", "guide/start.md"]


def test_an_article_linked_out_of_the_content_folder_is_not_segmented(tmp_path: Path) -> None:
    """A link to a file outside the content folder (``leak.md -> /etc/hostname``) was read and
    its text written out as segments; a link to another locale's article still is one."""
    secret = tmp_path / "secret.md"
    secret.write_text("# s3cr3t\n", encoding="utf-8")
    source = tmp_path / "content" / "en-US"
    source.mkdir(parents=True)
    (source / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (source / "leak.md").symlink_to(secret)
    (tmp_path / "content" / "fr-FR").mkdir()
    (tmp_path / "content" / "fr-FR" / "b.md").write_text("# B\n", encoding="utf-8")
    (source / "b.md").symlink_to("../fr-FR/b.md")
    done = subprocess.run([sys.executable, "-m", "pipeline", "segment", "--source", str(source)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "leak.md: error[unreadable]: a symbolic link out of the content folder" in done.stderr
    assert [r["file"] for r in json.loads(done.stdout)] == ["a.md", "b.md"]
    assert "s3cr3t" not in done.stdout


@pytest.mark.parametrize("fmt", ["json", "pot"])
def test_file_names_no_run_reads_are_named_as_the_other_commands_name_them(
        source: Path, tmp_path: Path, fmt: str) -> None:
    """h176: 'segment --format pot' stopped with 'internal error: UnicodeEncodeError' on a
    Latin-1 file name (exit 3, nothing written), and the JSON format wrote its name as a lone
    surrogate escape; names with a line break, in other capitals ('a.MD') and links that loop
    were passed over unsaid. ``segment`` now walks the English as every other command does."""
    os.mkdir(bytes(source) + b"/caf\xe9")
    with open(bytes(source) + b"/caf\xe9/x.md", "w", encoding="utf-8") as f:
        f.write("# T\n")
    (source / "new\nline.md").write_text("# T\n", encoding="utf-8")
    (source / "UP.MD").write_text("# T\n", encoding="utf-8")
    (source / "guide" / "loop").symlink_to("..")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "segment", "--source", str(source),
                           "--format", fmt, *(["--out", str(out)] if fmt == "pot" else [])],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "internal error" not in done.stderr, done.stderr
    assert "en-US/caf\\xe9: error[encoding]: the file name is not UTF-8" in done.stderr \
        or "en-US/caf\\xe9/x.md: error[encoding]: the file name is not UTF-8" in done.stderr
    assert "en-US/new\\nline.md: error[encoding]: the file name holds a line break" \
        in done.stderr
    assert "en-US/UP.MD: error[unreadable]: the name ends in '.MD'" in done.stderr
    assert "guide/loop: warning[symlink-loop]" in done.stderr
    made = (sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pot")) if fmt == "pot"
            else [r["file"] for r in json.loads(done.stdout)])
    assert made == (["b.pot", "guide/start.pot"] if fmt == "pot" else ["b.md", "guide/start.md"])


@pytest.mark.parametrize("fmt", ["sxs", "pot"])
@pytest.mark.parametrize("where", [".", "guide", "../fr-FR", ".."])
def test_out_over_the_english_or_the_content_is_a_usage_error(
    source: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    fmt: str, where: str
) -> None:
    """h151: 'segment --format sxs --out content/en-US' wrote each article's sxs form over the
    English the team writes (and a folder inside it is read as English by the next run; one
    of content's locale folders, as that locale's handoffs)."""
    monkeypatch.chdir(source.parent.parent)  # content/ is the content folder by default
    before = {p: p.read_bytes() for p in source.parent.rglob("*") if p.is_file()}
    out = source / where
    code, _, err = run(capsys, "--source", str(source), "--format", fmt, "--out", str(out))
    assert code == 2 and "give an output" in err and ("overlap" in err or "inside --source" in err)
    assert {p: p.read_bytes() for p in source.parent.rglob("*") if p.is_file()} == before


def test_a_folder_below_out_linked_to_the_english_is_not_written_over_it(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """h183: with build/sxs/guide a link to content/en-US/guide, 'segment --format sxs --out
    build/sxs' wrote each article's sxs form over its English, exit 0: only --out itself was
    checked against what the command reads."""
    out = tmp_path / "sxs"
    out.mkdir()
    (out / "guide").symlink_to(source / "guide", target_is_directory=True)
    before = {p: p.read_bytes() for p in source.rglob("*") if p.is_file()}
    code, _, err = run(capsys, "--source", str(source), "--format", "sxs", "--out", str(out))
    assert code == 1
    assert f"{out / 'guide/start.md'}: error[write-failed]: not written: its folder is, " \
        "through a symbolic link, a folder this command reads" in err
    assert {p: p.read_bytes() for p in source.rglob("*") if p.is_file()} == before
    assert (out / "b.md").is_file()  # the other articles still written
