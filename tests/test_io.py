"""io's atomic writes and reads: what they tell of the files, and the system calls they spend
on the folders the files go in."""

from __future__ import annotations

import os
import stat
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline import io
from pipeline.findings import InputError


def _mkdirs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    mkdir = os.mkdir

    def counted(path: str, *args: int) -> None:
        made.append(os.fspath(path))
        mkdir(path, *args)

    monkeypatch.setattr(os, "mkdir", counted)
    return made


def test_a_batch_makes_each_missing_folder_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing folder was tried once by the batch and twice more by pathlib's
    mkdir(parents=True), and a folder made for one file was tried again for the next in it:
    now a folder whose parent is missing fails once, then is made once."""
    made = _mkdirs(monkeypatch)
    root = tmp_path / "out"
    writes = [(root / f, b"x", None) for f in ("a/b/x.md", "a/b/y.md", "a/c/z.md", "a/w.md")]
    assert io.write_files(writes) == [True] * 4
    assert Counter(made) == {str(root / "a/b"): 2, str(root / "a"): 2, str(root): 1,
                             str(root / "a/c"): 1}


def test_a_file_into_a_folder_there_already_makes_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch tried to make the folders of its files, there already from the batch
    before: an mkdir and a stat per folder per batch."""
    (tmp_path / "a").mkdir()
    made = _mkdirs(monkeypatch)
    assert io.write_files([(tmp_path / "a/x.md", b"x", None)]) == [True]
    assert made == []


def test_a_file_written_is_told_with_its_status_once_renamed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run cache records it by that status (the rename sets its ctime), not by opening
    and reading the file again."""
    durable = io._make_durable
    # the flush takes a tick or more on a disk: the rename's ctime is after the write's mtime
    monkeypatch.setattr(io, "_make_durable", lambda *a: time.sleep(0.02) or durable(*a))
    path = tmp_path / "a/x.md"
    [(done, seen)] = io.write_seen([(path, b"new", None)])
    st = os.stat(path)
    assert done is True and seen == io.Seen(st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                            st.st_ino, None, st.st_dev)
    [(done, seen)] = io.write_seen([(path, b"new", None)])  # as it holds: read, not written
    assert done is False and seen is not None and seen.taken_ns is not None
    assert seen[:4] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def test_a_file_saved_in_place_after_the_rename_is_told_with_no_status(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save in place between the rename and the status taken through the descriptor (a
    translator's editor) was told as the run's own write: the run cache recorded the save's
    status beside the digest of the run's bytes, and every later run replayed the article."""
    durable, replace = io._make_durable, os.replace
    monkeypatch.setattr(io, "_make_durable", lambda *a: time.sleep(0.02) or durable(*a))
    path = tmp_path / "x.md"

    def saved_after(src: str, dst: Path) -> None:
        replace(src, dst)
        time.sleep(0.02)
        with open(dst, "r+b") as fh:  # same size, the inode the run renamed there
            fh.write(b"NEW")

    monkeypatch.setattr(os, "replace", saved_after)
    [(done, seen)] = io.write_seen([(path, b"new", None)])
    assert done is True and path.read_bytes() == b"NEW" and seen is None


def test_a_file_read_is_told_with_its_status_before_the_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"text")
    st = os.stat(path)
    data, seen = io.read_seen(path, 100)
    assert data == b"text" and seen is not None
    assert seen[:4] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    assert seen.taken_ns is not None and seen.taken_ns >= st.st_mtime_ns


def test_a_file_into_a_missing_folder_draws_one_temp_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp file is created first and its folder made only when that fails: the second
    try reuses the name rather than drawing random bytes again."""
    names: list[str] = []
    temp_name = io.temp_name

    def counted(name: str) -> str:
        names.append(temp_name(name))
        return names[-1]

    monkeypatch.setattr(io, "temp_name", counted)
    assert io.write_files([(tmp_path / "a/b/x.md", b"x", None)]) == [True]
    assert len(names) == 1 and (tmp_path / "a/b/x.md").read_bytes() == b"x"


def test_a_batch_asks_each_folder_once_for_its_file_system(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp files were made durable with one syncfs per file system, found by an fstat of
    every temp file: a file made in a folder is on that folder's file system, so one fstat a
    folder does (and one a file after the rename, for the status the run cache records)."""
    if io._syncfs() is None:
        pytest.skip("no syncfs here")
    (tmp_path / "a").mkdir()
    asked: list[int] = []
    fstat = os.fstat

    def counted(fd: int) -> os.stat_result:
        asked.append(fd)
        return fstat(fd)

    monkeypatch.setattr(os, "fstat", counted)
    writes = [(tmp_path / "a" / f"{n}.md", b"x", None) for n in range(3)]
    assert io.write_files(writes) == [True] * 3
    assert len(asked) == 1 + 3


def test_a_folder_where_a_file_goes_fails_before_anything_is_staged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The target is opened with os.open, which opens a folder where open() refused it: a
    folder of any size is still refused at once, with no temp file written beside it."""
    target = tmp_path / "a.md"
    target.mkdir()
    staged: list[object] = []
    monkeypatch.setattr(io, "_stage", lambda *a, **k: staged.append(a))
    [result] = io.write_files([(target, b"x", None)])
    assert isinstance(result, InputError) and "a folder stands where" in result.finding.message
    assert staged == []


@pytest.mark.parametrize("what", ["fifo", "link to /dev/null"])
def test_a_fifo_or_a_device_where_a_file_goes_is_refused_at_once(
        tmp_path: Path, what: str) -> None:
    """The target was opened to compare it, blocking: a FIFO where a page goes hung the run
    for good. A link to a device was followed, and the device replaced where the run may
    (as root: a temp file staged in /dev, renamed over /dev/null)."""
    target = tmp_path / "a.md"
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/null")
    staged = list(tmp_path.iterdir())
    [result] = io.write_files([(target, b"x", "out/a.md")])
    assert isinstance(result, InputError)
    assert result.finding.message == "cannot write: a device, FIFO or socket stands where the " \
        "file should be (or a link to one); it was left as it is", result.finding.message
    assert list(tmp_path.iterdir()) == staged and os.path.exists("/dev/null")
    assert not stat.S_ISREG(os.stat(target).st_mode)


def test_more_files_than_descriptors_allow_are_all_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`segment --format pot` of 1,500 articles under the usual limit of 1,024 descriptors:
    every file was staged (open) at once, the staging failed past the limit, and the run
    stopped with `internal error: OSError: [Errno 24] Too many open files`, leaving a temp
    file beside every page staged. Files are staged a bounded number at a time."""
    import resource

    monkeypatch.setattr(io, "OPEN_AT_ONCE", 16, raising=False)  # (before: no bound)
    used = len(os.listdir("/proc/self/fd"))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    writes = [(tmp_path / f"d{n % 7}" / f"f{n}.txt", f"{n}\n".encode(), None) for n in range(200)]
    resource.setrlimit(resource.RLIMIT_NOFILE, (used + 64, hard))
    try:
        results = io.write_files(writes)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert results == [True] * 200
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        f"f{n}.txt" for n in range(200))
    assert (tmp_path / "d3" / "f10.txt").read_bytes() == b"10\n"


def test_a_write_that_raises_midway_leaves_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A raise after staging (a bug, an import that fails) left every staged temp file
    behind; the old files stay as they were."""
    old = tmp_path / "old.txt"
    old.write_bytes(b"old\n")

    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(io, "_make_durable", broken)
    with pytest.raises(RuntimeError):
        io.write_files([(old, b"new\n", None), (tmp_path / "new.txt", b"x\n", None)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    assert old.read_bytes() == b"old\n"
