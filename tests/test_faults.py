"""Faults: writes are atomic and keep the mode, an unchanged file is not rewritten, a read-only
folder or a full disk is a clear error with the originals intact, two runs at once leave correct
catalogs, and a run killed with SIGKILL at any instant leaves every file whole."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import pipeline.io as pio
from pipeline.cache import CACHE_NAME
from pipeline.catalog import parse_po_bytes
from pipeline.cli import main
from pipeline.findings import InputError
from pipeline.io import read_bytes, write_atomic, write_files
from pipeline.lock import remove_stale_temps, tree_lock

REPO = Path(__file__).resolve().parents[1]
OLD_NS = 1_000_000_000_000_000_000  # 2001: a rewrite cannot keep it by accident


def run_cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def cli_args(command: str, root: Path, jobs: int = 1) -> list[str]:
    a = [command, "--content", str(root / "content"), "--locales", str(root / "locales"),
         "-j", str(jobs), "-q"]
    if command in ("render", "locales"):
        a += ["--out", str(root / "build")]
    return a


def repo_tree(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


def edit_article(root: Path) -> Path:
    """Change one English sentence, so that extract must rewrite that article's catalog."""
    md = root / "content/fr-FR/get-started/install-cli.md"
    text = md.read_text(encoding="utf-8")
    new = text.replace("The whole process takes about 5 minutes.",
                       "The whole process takes about 10 minutes.")
    assert new != text
    md.write_text(new, encoding="utf-8")
    return root / "locales/fr-FR/get-started/install-cli.po"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*.tmp") if p.is_file())


# ---------------------------------------------------------------- write_atomic itself


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444, 0o755])
def test_a_rewrite_keeps_the_file_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    target.chmod(mode)
    assert write_atomic(target, b"new") is True
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o7777 == mode
    assert temps(tmp_path) == []


@pytest.mark.parametrize("stem", ["a" * 247, "é" * 125])  # 250 and 253 bytes with .md
def test_an_article_whose_name_nears_the_limit_gets_its_catalog_and_page(
        tmp_path: Path, stem: str) -> None:
    """The name fits (255 bytes at most), but its temp file took 14 bytes more: every write of
    its catalog and page failed, `cannot write: File name too long` with the hint to check
    permissions and free space. The temp name is cut to fit; the files get their own names."""
    root = repo_tree(tmp_path)
    article = root / "content/fr-FR/get-started/install-cli.md"
    shutil.copy(article, root / "content/fr-FR" / f"{stem}.md")
    code, err = run_cli(cli_args("locales", root))
    assert (code, err) == (0, "")
    assert (root / "locales/fr-FR" / f"{stem}.po").is_file()
    assert (root / "build/fr-FR" / f"{stem}.md").is_file()
    assert temps(root) == []


def test_a_name_too_long_to_write_says_to_shorten_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        write_atomic(tmp_path / ("a" * 256), b"x")
    assert raised.value.finding.hint == "shorten the article's name, or the folders above it"


def test_a_file_named_as_a_locale_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    """h176: a file at locales/fr-FR (or build/fr-FR), where the locale's folder goes, gave
    'po-syntax: cannot read: Not a directory (hint: check the file's permissions)' at each
    catalog, and 'cannot write: Not a directory … (hint: check permissions and free space)'
    at each page: neither named the file in the way, nor said what to do."""
    root = repo_tree(tmp_path)
    shutil.rmtree(root / "locales/fr-FR")
    (root / "locales/fr-FR").write_text("a note left here\n", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build/de-DE").write_text("a note left here\n", encoding="utf-8")
    (root / "build/ja-JP").symlink_to("../gone")  # a share not mounted: 'File exists'
    code, err = run_cli(cli_args("locales", root))
    assert code == 1
    assert "build/ja-JP is a symbolic link to '../gone', which does not exist; nothing was " \
        "written (hint: restore what the link points to, or remove the link)" in err
    assert "File exists" not in err
    lines = [line for line in err.splitlines() if ("fr-FR/" in line and ".po:" in line)
             or ("de-DE/" in line and "build" in line)]
    assert lines and all(
        "locales/fr-FR is a file, where a folder should be: the catalog was neither read nor "
        "written (hint: move that file away, then run again)" in line
        or "build/de-DE is a file, where a folder should be; nothing was written (hint: move "
        "that file away)" in line for line in lines), err
    assert any("de-DE" in line for line in lines)
    assert (root / "locales/fr-FR").read_text(encoding="utf-8") == "a note left here\n"


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "sub" / "a.po", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "sub" / "a.po").stat().st_mode & 0o777 == 0o640


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"same")
    os.utime(target, ns=(OLD_NS, OLD_NS))
    inode = target.stat().st_ino
    assert write_atomic(target, b"same") is False
    assert (target.stat().st_mtime_ns, target.stat().st_ino) == (OLD_NS, inode)


def test_an_unchanged_tree_is_not_rewritten_by_any_command(tmp_path: Path) -> None:
    root = repo_tree(tmp_path)
    assert run_cli(cli_args("locales", root))[0] == 0
    files = [p for p in (root / "locales").rglob("*.po")] + [
        p for p in (root / "build").rglob("*.md")]
    for p in files:
        os.utime(p, ns=(OLD_NS, OLD_NS))
    (root / "build" / CACHE_NAME).unlink()  # no shortcut: every article redone
    for command in ("extract", "render", "locales"):
        assert run_cli(cli_args(command, root))[0] == 0
    assert {p: p.stat().st_mtime_ns for p in files} == dict.fromkeys(files, OLD_NS)


def test_a_symlinked_catalog_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "vendor" / "a.po"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "a.po"
    link.symlink_to(real)
    assert write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def failing(err: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(err, os.strerror(err))
    return fail


FAULTS = [
    ("fsync", "fsync", errno.ENOSPC, "the disk is full"),
    ("replace", "replace", errno.EROFS, "the file system is read-only"),
    ("chmod", "fchmod", errno.EPERM, "permission denied"),
    ("quota", "fsync", errno.EDQUOT, "the disk quota is exhausted"),
    ("io-error", "replace", errno.EIO, "Input/output error"),
]


@pytest.mark.parametrize(("name", "call", "err", "reason"), FAULTS, ids=[f[0] for f in FAULTS])
def test_a_failed_write_is_a_clear_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, call: str, err: int, reason: str
) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"the translator's work")
    monkeypatch.setattr(os, call, failing(err))
    with pytest.raises(InputError) as info:
        write_atomic(target, b"new", "locales/a.po")
    monkeypatch.undo()
    finding = info.value.finding
    assert (finding.check, finding.file) == ("write-failed", "locales/a.po")
    assert finding.message == f"cannot write: {reason}; the previous file is intact"
    assert target.read_bytes() == b"the translator's work"
    assert temps(tmp_path) == []


def test_a_full_disk_while_writing_the_data_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        real_write(fd, bytes(data)[:3])  # part of it lands, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(InputError, match="the disk is full; nothing was written"):
        write_atomic(tmp_path / "new.po", b"0123456789")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- write_files: a batch at once


def test_a_batch_writes_new_and_changed_files_and_leaves_unchanged_ones(tmp_path: Path) -> None:
    same, changed = tmp_path / "same.po", tmp_path / "changed.po"
    same.write_bytes(b"same")
    changed.write_bytes(b"old")
    changed.chmod(0o640)
    os.utime(same, ns=(OLD_NS, OLD_NS))
    new = tmp_path / "deep" / "er" / "new.po"
    assert write_files([(same, b"same", None), (changed, b"new", None),
                        (new, b"fresh", None)]) == [False, True, True]
    assert same.stat().st_mtime_ns == OLD_NS
    assert (changed.read_bytes(), changed.stat().st_mode & 0o777) == (b"new", 0o640)
    assert new.read_bytes() == b"fresh"
    assert temps(tmp_path) == []


def test_a_file_saved_since_the_run_read_it_is_not_overwritten(tmp_path: Path) -> None:
    saved, gone, kept, new = (tmp_path / n for n in ("saved.po", "gone.po", "kept.po", "new.po"))
    for path in (saved, kept):
        path.write_bytes(b"as read")
    saved.write_bytes(b"as a translator saved it")
    gone.write_bytes(b"made meanwhile")
    results = pio.write_files([(saved, b"merged", None), (gone, b"merged", None),
                               (kept, b"merged", None), (new, b"merged", None)],
                              {0: b"as read", 1: None, 2: b"as read", 3: None})
    for refused in results[:2]:
        assert isinstance(refused, InputError) and refused.finding.check == "write-failed"
        assert "changed since this run read it" in refused.finding.message
    assert results[2:] == [True, True]
    assert saved.read_bytes() == b"as a translator saved it"
    assert gone.read_bytes() == b"made meanwhile"
    assert kept.read_bytes() == new.read_bytes() == b"merged" and temps(tmp_path) == []


def test_a_catalog_saved_between_the_runs_read_and_write_keeps_the_translators_edit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """extract read a catalog, merged a new handoff into it, and replaced it: a translator's
    save in between (Poedit, an editor) was overwritten without a word."""
    from pipeline import job

    root = repo_tree(tmp_path)
    po = edit_article(root)
    write_seen = job.write_seen

    def saved_meanwhile(writes: Any, *args: Any) -> Any:
        if any(w[0] == po for w in writes):  # the batch that replaces it
            po.write_bytes(po.read_bytes().replace(b'msgstr "Pr\xc3\xa9requis"',
                                                   b'msgstr "Pr\xc3\xa9alables"'))
        return write_seen(writes, *args)

    monkeypatch.setattr(job, "write_seen", saved_meanwhile)
    code, err = run_cli(cli_args("extract", root))
    assert code == 1 and "install-cli.po: error[write-failed]: not written: the file " \
        "changed since this run read it" in err, err
    assert b"Pr\xc3\xa9alables" in po.read_bytes() and b"10 minutes" not in po.read_bytes()
    monkeypatch.setattr(job, "write_seen", write_seen)
    assert run_cli(cli_args("extract", root))[0] == 0  # the next run merges the saved catalog
    assert b"Pr\xc3\xa9alables" in po.read_bytes() and b"10 minutes" in po.read_bytes()


def test_a_batch_writes_a_file_named_from_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare name ('.pipeline-baseline.json') has '' for its folder: that is the working
    folder, not one to make."""
    monkeypatch.chdir(tmp_path)
    assert write_files([(Path("bare.json"), b"{}", None),
                        (Path("new") / "deep.json", b"{}", None)]) == [True, True]
    assert (tmp_path / "bare.json").read_bytes() == (tmp_path / "new/deep.json").read_bytes()
    assert temps(tmp_path) == []


def test_a_file_below_a_link_to_nothing_says_the_link_stands_where_its_folder_should(
        tmp_path: Path) -> None:
    """out/fr-FR a link to a share not mounted: a page two folders below it is reported at
    the link that stands where its folder should, not at the missing one below it (review
    113), and with the link's target rather than pathlib's 'File exists' (h176)."""
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(tmp_path / "gone", out / "fr-FR")
    [result] = write_files([(out / "fr-FR" / "sub" / "page.md", b"x", "out/fr-FR/sub/page.md")])
    assert isinstance(result, InputError)
    assert result.finding.message == (
        f"cannot write: out/fr-FR is a symbolic link to '{tmp_path / 'gone'}', which does not "
        "exist; nothing was written")


def test_a_run_with_a_link_to_nothing_for_an_output_locale_says_so(tmp_path: Path) -> None:
    root = repo_tree(tmp_path)
    (root / "build").mkdir()
    (root / "build/fr-FR").symlink_to(tmp_path / "unmounted")
    code, err = run_cli(cli_args("locales", root))
    assert code == 1
    lines = [x for x in err.splitlines() if "write-failed" in x and "get-started" in x]
    assert lines and all("build/fr-FR is a symbolic link to" in x and "which does not exist"
                         in x and "remove the link" in x for x in lines), err


def test_a_batch_gives_new_files_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_files([(tmp_path / "a.po", b"x", None)])
    finally:
        os.umask(old)
    assert (tmp_path / "a.po").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("syncfs", ["fails", "missing"])
def test_a_flush_error_fails_only_the_files_it_concerns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syncfs: str
) -> None:
    """Where syncfs fails or is missing, an fsync per file tells which file the disk failed."""
    good, bad = tmp_path / "good.po", tmp_path / "bad.po"
    bad.write_bytes(b"the translator's work")
    real_fsync, bad_fds = os.fsync, []
    real_open = os.open

    def open_(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = real_open(path, flags, mode, **kw)
        if os.path.basename(str(path)).startswith(".bad.po."):
            bad_fds.append(fd)
        return fd

    def fsync(fd: int) -> None:
        if fd in bad_fds:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(pio, "_syncfs", (lambda: (lambda fd: -1)) if syncfs == "fails"
                        else (lambda: None))
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "fsync", fsync)
    done = write_files([(bad, b"new", "locales/bad.po"), (good, b"new", "locales/good.po")])
    monkeypatch.undo()
    assert done[1] is True and good.read_bytes() == b"new"
    assert isinstance(done[0], InputError)
    assert done[0].finding.message == ("cannot write: Input/output error; the previous file "
                                       "is intact")
    assert bad.read_bytes() == b"the translator's work"
    assert temps(tmp_path) == []


def test_a_failed_rename_in_a_batch_keeps_that_file_and_writes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, other = tmp_path / "kept.po", tmp_path / "other.po"
    kept.write_bytes(b"old")
    real_replace = os.replace

    def replace(src: str, dst: Any) -> None:
        if str(dst) == str(kept):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    done = write_files([(kept, b"new", "kept.po"), (other, b"new", "other.po")])
    monkeypatch.undo()
    assert isinstance(done[0], InputError) and done[1] is True
    assert "read-only; the previous file is intact" in done[0].finding.message
    assert (kept.read_bytes(), other.read_bytes()) == (b"old", b"new")
    assert temps(tmp_path) == []


def test_a_full_disk_while_staging_a_batch_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC))
    done = write_files([(tmp_path / "new.po", b"0123456789", "new.po")])
    monkeypatch.undo()
    assert isinstance(done[0], InputError)
    assert done[0].finding.message == "cannot write: the disk is full; nothing was written"
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- faults through the CLI


def failing_flush(monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    """The disk reports a write-back error: syncfs fails, and so does each file's fsync."""
    monkeypatch.setattr(pio, "_syncfs", lambda: (lambda fd: -1))
    monkeypatch.setattr(os, "fsync", failing(err))


@pytest.mark.parametrize(("call", "err", "reason"), [
    ("flush", errno.ENOSPC, "the disk is full"),
    ("replace", errno.EROFS, "the file system is read-only"),
    ("mkdir", errno.EROFS, "the file system is read-only"),
])
def test_a_write_fault_during_a_run_is_reported_and_the_catalogs_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, err: int, reason: str
) -> None:
    root = repo_tree(tmp_path)
    if call != "mkdir":
        po = edit_article(root)
    else:  # a new article, in a folder that cannot be created
        md = root / "content/fr-FR/new/new.md"
        md.parent.mkdir()
        shutil.copyfile(root / "content/fr-FR/get-started/install-cli.md", md)
        monkeypatch.setattr(os, "mkdir", failing(err))
        po = root / "locales/fr-FR/new/new.po"
    before = snapshot(root / "locales")
    if call == "flush":
        failing_flush(monkeypatch, err)
    elif call != "mkdir":
        monkeypatch.setattr(os, call, failing(err))
    code, err_text = run_cli(cli_args("extract", root))
    monkeypatch.undo()
    assert code == 1
    assert "Traceback" not in err_text
    shown = os.path.relpath(po)
    kept = "nothing was written" if call == "mkdir" else "the previous file is intact"
    assert f"{shown}: error[write-failed]: cannot write: {reason}; {kept}" in err_text
    assert snapshot(root / "locales") == before
    assert temps(root / "locales") == []


@contextlib.contextmanager
def tmpfs(mountpoint: Path, size: str) -> Iterator[Path]:
    """A real, small file system of our own; skipped (saying why) where mounting is not allowed."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount(8): the real read-only/full-disk tests need one (monkeypatched "
                    "versions above still ran)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(mountpoint)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not root'}): the real "
                    "read-only/full-disk test needs root; the monkeypatched versions still ran")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def test_a_real_read_only_file_system(tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(REPO / "content", root / "content")
    with tmpfs(root / "locales", "1m") as locales:
        shutil.copytree(REPO / "locales", locales, dirs_exist_ok=True)
        po = edit_article(root)
        before = snapshot(locales)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(locales)],
                                 capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        code, err = run_cli(cli_args("extract", root))
        assert code == 1 and "Traceback" not in err
        assert (f"{os.path.relpath(po)}: error[write-failed]: cannot write: the file system "
                "is read-only; the previous file is intact") in err
        assert snapshot(locales) == before


def test_a_real_full_disk(tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(REPO / "content", root / "content")
    with tmpfs(root / "locales", "256k") as locales:
        shutil.copytree(REPO / "locales", locales, dirs_exist_ok=True)
        po = edit_article(root)
        before = snapshot(locales)
        with open(locales / ".filler", "wb", buffering=0) as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 4096)
        code, err = run_cli(cli_args("extract", root))
        assert code == 1 and "Traceback" not in err
        assert (f"{os.path.relpath(po)}: error[write-failed]: cannot write: the disk is full; "
                "the previous file is intact") in err
        assert snapshot(locales) == before
        assert temps(locales) == []


def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = repo_tree(tmp_path)
    os.mkfifo(root / "content/fr-FR/pipe.md")
    (root / "content/fr-FR/zero.md").symlink_to("/dev/zero")
    done = subprocess.run([sys.executable, "-m", "pipeline", *cli_args("extract", root)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 1
    assert "fr-FR/pipe.md: error[unreadable]: not a regular file" in done.stderr
    # a link out of the content folder is not even followed (helper-133)
    assert ("fr-FR/zero.md: error[unreadable]: a symbolic link out of the content folder (to "
            "/dev/zero)") in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(IsADirectoryError):
        read_bytes(root / "content", 100)



def test_a_file_is_read_whole_and_never_past_the_limit(tmp_path: Path) -> None:
    data = bytes(range(10))

    def upto(content: bytes, count: int) -> bytes:
        path = tmp_path / "f"
        path.write_bytes(content)
        fd = os.open(path, os.O_RDONLY)
        try:
            return pio._read_upto(fd, count)
        finally:
            os.close(fd)

    assert upto(data, 100) == data
    assert upto(data, 4) == data[:4]
    assert upto(b"", 100) == b""


def test_read_bytes_reads_a_file_whole_and_refuses_one_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    for size in (0, 1, 4095, 4096, 300_000):
        path.write_bytes(b"x" * size)
        assert read_bytes(path, 300_000) == b"x" * size
    with pytest.raises(InputError, match="file is 300,000 bytes; the limit is 299,999"):
        read_bytes(path, 299_999)

# ---------------------------------------------------------------- killed at any instant

KILL_SCRIPT = r"""
import os, sys, time
from pathlib import Path
import pipeline.io as pio
target, stage = Path(sys.argv[1]), sys.argv[2]
def pause(*args):
    Path(sys.argv[3]).write_text("here")
    time.sleep(60)
real_write = None
if stage == "fsync":
    real = pio.os.fsync
    def fsync(fd):
        real(fd)
        pause()
    pio.os.fsync = fsync
elif stage == "replace":
    pio.os.replace = pause
elif stage == "write":
    real_write = pio.os.write
    def write(fd, data):
        real_write(fd, bytes(data)[: len(data) // 2]); pause()
    pio.os.write = write
if stage == "batch":  # write_files, between staging the temp files and renaming them
    pio._make_durable = pause
    pio.write_files([(target, b"NEW " * 50000, None)])
else:
    pio.write_atomic(target, b"NEW " * 50000)
"""


@pytest.mark.parametrize("stage", ["write", "fsync", "replace", "batch"])
def test_a_write_killed_at_each_stage_leaves_the_old_file(tmp_path: Path, stage: str) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"OLD " * 1000)
    here = tmp_path / "here"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(target), stage, str(here)],
                            cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while not here.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        proc.kill()
        proc.wait()
    assert target.read_bytes() == b"OLD " * 1000
    left = temps(tmp_path)
    assert len(left) == 1  # the killed writer's temp: a dot file, never read as a catalog
    assert left[0].name.startswith(".a.po.")
    assert remove_stale_temps(tmp_path) == 1 and temps(tmp_path) == []


def corpus_subset(corpus_root: Path, dest: Path, count: int) -> None:
    """``count`` articles spread over every locale of the shared corpus."""
    every = sorted(corpus_root.rglob("*.md"))
    step = max(1, len(every) // count)
    for md in every[::step][:count]:
        target = dest / md.relative_to(corpus_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(md, target)


def msgfmt_problems(catalogs: list[Path]) -> list[str]:
    def check(po: Path) -> str:
        done = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True,
                              text=True)
        return "" if done.returncode == 0 else f"{po}: {done.stderr.strip()}"

    with ThreadPoolExecutor(max_workers=8) as pool:
        return [p for p in pool.map(check, catalogs) if p]


def pipeline_cmd(command: str, root: Path, locales: Path, out: Path, jobs: int = 2) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline", command, "--content", str(root / "content"),
           "--locales", str(locales), "-j", str(jobs), "-q"]
    return [*cmd, "--out", str(out)] if command in ("render", "locales") else cmd


def test_a_run_killed_at_random_instants_leaves_every_file_whole(
    corpus_root: Path, tmp_path: Path, require_gettext: None
) -> None:
    corpus_subset(corpus_root, tmp_path / "content", 300)
    ref_locales, ref_out = tmp_path / "ref-locales", tmp_path / "ref-out"
    started = time.monotonic()
    ref = subprocess.run(pipeline_cmd("locales", tmp_path, ref_locales, ref_out),
                         capture_output=True, text=True, cwd=REPO)
    duration = time.monotonic() - started
    assert ref.returncode in (0, 1) and "Traceback" not in ref.stderr, ref.stderr
    catalogs_ref, outputs_ref = snapshot(ref_locales), snapshot(ref_out)
    assert len(catalogs_ref) == 300

    locales, out = tmp_path / "locales", tmp_path / "build"
    rng = random.Random(int(os.environ.get("FAULT_SEED", "20240611")))
    instants = sorted(rng.uniform(0.05, duration * 0.95) for _ in range(6))
    for instant in instants:
        proc = subprocess.Popen(pipeline_cmd("locales", tmp_path, locales, out),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
                                start_new_session=True)
        time.sleep(instant)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes
        proc.wait()
        time.sleep(0.05)  # let the killed workers go
        present = snapshot(locales) if locales.exists() else {}
        for rel, data in present.items():  # every catalog: absent, or whole and complete
            assert data == catalogs_ref[rel], f"{rel} after a kill at {instant:.2f}s"
        for rel, data in (snapshot(out) if out.exists() else {}).items():
            if rel != CACHE_NAME:
                assert data == outputs_ref[rel], f"{rel} after a kill at {instant:.2f}s"
        assert msgfmt_problems(sorted(locales.rglob("*.po")) if locales.exists() else []) == []
        for po in (locales.rglob("*.po") if locales.exists() else ()):
            parse_po_bytes(po.read_bytes(), str(po))

    final = subprocess.run(pipeline_cmd("locales", tmp_path, locales, out),
                           capture_output=True, text=True, cwd=REPO)
    assert final.returncode == ref.returncode and "Traceback" not in final.stderr
    assert snapshot(locales) == catalogs_ref
    assert {k: v for k, v in snapshot(out).items()} == outputs_ref
    assert temps(locales) == []  # cleaned under the tree lock by the next run


def test_a_stale_temp_file_is_ignored_and_cleaned_by_the_next_extract(tmp_path: Path) -> None:
    root = repo_tree(tmp_path)
    stale = root / "locales/fr-FR/get-started/.install-cli.po.k3j5x9q2.tmp"
    stale.write_bytes(b'msgid "half')
    code, err = run_cli([*cli_args("check", root), "--select", "orphan-catalog"])
    assert code == 0 and ".tmp" not in err
    assert run_cli(cli_args("extract", root))[0] == 0
    assert not stale.exists()


# ---------------------------------------------------------------- two runs at once


def test_two_runs_at_once_leave_correct_catalogs(
    corpus_root: Path, tmp_path: Path, require_gettext: None
) -> None:
    corpus_subset(corpus_root, tmp_path / "content", 120)
    ref_locales = tmp_path / "ref-locales"
    ref = subprocess.run(pipeline_cmd("extract", tmp_path, ref_locales, tmp_path / "ref-out"),
                         capture_output=True, text=True, cwd=REPO)
    assert "Traceback" not in ref.stderr
    expected = snapshot(ref_locales)
    for round_ in range(3):
        locales, out = tmp_path / f"locales{round_}", tmp_path / f"build{round_}"
        if round_ == 2:  # start from catalogs a vendor edited: both runs must keep the edits
            shutil.copytree(ref_locales, locales)
        commands = ["extract", "extract"] if round_ == 0 else ["extract", "locales"]
        # stderr to files, not pipes: a run that waits for the other's lock never reads its
        # pipe, and the other, its findings filling a pipe, would wait for ever
        logs = [tmp_path / f"err{round_}-{i}.txt" for i in range(len(commands))]
        procs = []
        for command, log in zip(commands, logs, strict=True):
            with log.open("w") as err_file:
                procs.append(subprocess.Popen(
                    pipeline_cmd(command, tmp_path, locales, out, jobs=2),
                    stdout=subprocess.DEVNULL, stderr=err_file, cwd=REPO))
        for proc, log in zip(procs, logs, strict=True):
            proc.wait(timeout=600)
            err = log.read_text(encoding="utf-8")
            assert proc.returncode in (0, 1) and "Traceback" not in err, err
        assert snapshot(locales) == expected, f"round {round_}"
        assert msgfmt_problems(sorted(locales.rglob("*.po"))) == []


def test_the_tree_lock_makes_a_second_run_wait(tmp_path: Path) -> None:
    root = repo_tree(tmp_path)
    edit_article(root)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from pipeline.lock import tree_lock\n"
         "with tree_lock(Path(sys.argv[1])):\n"
         "    print('locked', flush=True); time.sleep(2)", str(root / "locales")],
        stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    po = root / "locales/fr-FR/get-started/install-cli.po"
    before = po.read_bytes()
    run = subprocess.Popen([sys.executable, "-m", "pipeline", *cli_args("extract", root)],
                           stderr=subprocess.DEVNULL, cwd=REPO)
    time.sleep(1.0)
    assert run.poll() is None, "extract ran while another run held the locales folder"
    assert po.read_bytes() == before
    holder.wait(timeout=30)
    assert run.wait(timeout=60) == 0
    assert po.read_bytes() != before


def test_the_tree_lock_degrades_where_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with tree_lock(blocker / "locales"):  # mkdir fails: the run goes on, unlocked
        pass


def test_an_article_that_is_a_link_to_nothing_is_unreadable_naming_the_link(
        tmp_path: Path) -> None:
    """It was error[encoding] with a hint about permissions."""
    root = repo_tree(tmp_path)
    (root / "content/fr-FR/broken.md").symlink_to("gone.md")
    code, err = run_cli(cli_args("check", root))
    assert code == 1
    line = next(x for x in err.splitlines() if "broken.md" in x)
    assert "error[unreadable]: a symbolic link to 'gone.md', which does not exist" in line
    assert "point the link at the article" in line


def test_a_catalog_that_is_a_link_to_nothing_is_unreadable_and_left_as_it_is(
        tmp_path: Path) -> None:
    """helper-44: a catalog linked to a vendor's share that was not mounted was replaced by a
    new catalog from the handoff, the link gone and the vendor's edits cut off, silently."""
    root = repo_tree(tmp_path)
    assert run_cli(cli_args("locales", root))[0] == 0
    po = next((root / "locales").rglob("*.po"))
    page = root / "build" / po.relative_to(root / "locales").with_suffix(".md")
    before = page.read_bytes()
    po.unlink()
    po.symlink_to("../share/gone.po")
    code, err = run_cli(cli_args("locales", root))
    assert code == 1
    line = next(x for x in err.splitlines() if po.name in x and "unreadable" in x)
    assert "a symbolic link to '../share/gone.po', which does not exist" in line
    assert po.is_symlink() and po.readlink() == Path("../share/gone.po")
    assert page.read_bytes() == before


def test_a_locale_folder_that_is_a_link_to_nothing_hides_no_catalog(tmp_path: Path) -> None:
    """helper-45: with locales/fr-FR a link to a share not mounted, every catalog was taken
    as missing, the pages made again from the handoffs, and only a write failure said so."""
    root = repo_tree(tmp_path)
    assert run_cli(cli_args("locales", root))[0] == 0
    share = tmp_path / "share"
    share.mkdir()
    (root / "locales/fr-FR").rename(share / "fr-FR")
    (root / "locales/fr-FR").symlink_to(share / "fr-FR")
    assert run_cli(cli_args("locales", root))[0] == 0  # reached through the link: as before
    pages = {p: p.read_bytes() for p in (root / "build/fr-FR").rglob("*.md")}
    (share / "fr-FR").rename(tmp_path / "unmounted")
    code, err = run_cli(cli_args("locales", root))
    assert code == 1
    assert "error[unreadable]: a symbolic link to" in err and "write-failed" not in err
    assert {p: p.read_bytes() for p in pages} == pages
