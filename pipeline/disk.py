"""The file system calls under ``io``'s atomic writes: the folders a file goes in made,
files and renames made durable (one syncfs per file system where the system has it), and the
status the run cache records of a file read or written."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, cast


class Seen(NamedTuple):
    """A file's status as the run found it, from the descriptor it read or wrote: what the run
    cache records of the file, without opening it again (``cache.FileState.seen``)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    # when the status was taken of a file read (it vouches for the bytes read unless the file
    # was modified within a timestamp tick of then); None: of a file this run wrote, after
    # renaming it into place
    taken_ns: int | None
    dev: int = -1  # the device it is on: with ``ino``, the file, whatever the path to it


class Fence(NamedTuple):
    """What a page's write must not reach, the files it is made from: the link where it goes
    must not lead into ``roots`` (real paths), nor the path reach one of ``files``."""

    roots: tuple[str, ...]
    # (device, inode) -> the path it was read by: a page of that file is refused only at that
    # very entry; a hard link elsewhere is replaced by the rename alone, the file left as it is
    files: dict[tuple[int, int], str]
    inside: str | None = None  # the real folder, where the page's folder is one the run reads

    @classmethod
    def of(cls, roots: tuple[str, ...], paths: Sequence[str | None],
           read: Sequence[Seen | None], inside: str | None = None) -> Fence:
        """``read``: the status of the file at each of ``paths`` the run read (None: none)."""
        return cls(roots, {(s.dev, s.ino): p for s, p in zip(read, paths, strict=True)
                           if s is not None and p is not None}, inside)

    def bar(self, path: Path) -> None:
        """Raise LinkedIn where the page's folder is one the run reads (``inside``)."""
        if self.inside is not None:
            raise LinkedIn(Path(self.inside, path.name))


def same_entry(path: Path, read: str) -> bool:
    """Whether ``path`` names the directory entry ``read`` (the same name in the same folder,
    whatever links lead there), not another hard link to its file; True when in doubt."""
    if path.name != os.path.basename(read):
        return False
    try:
        return os.path.samefile(path.parent, os.path.dirname(read))
    except OSError:
        return True


def written_status(st: os.stat_result, size: int) -> Seen | None:
    """The status of a file of ``size`` bytes this run renamed into place, for the run cache;
    None (the cache reads it again) where it may have been saved in place since the rename.
    A write sets a file's mtime and ctime alike, the rename its ctime alone: a file that
    still holds the temp file's bytes has an mtime before its ctime; a save since, or in the
    tick the temp file was written in, leaves them equal."""
    if st.st_size != size or st.st_mtime_ns >= st.st_ctime_ns:
        return None
    return Seen(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, None, st.st_dev)


class LinkedIn(Exception):
    """Where a file goes, a link to one the write must not reach (``Fence``): its path, or
    None where the path itself reaches it (a folder on the way linked to its folder)."""


def as_status(seen: Seen | None) -> tuple[int, ...]:
    """``file_status`` of a file found so (``()``: none)."""
    return () if seen is None else (seen.ino, seen.size, seen.mtime_ns, seen.ctime_ns)


def file_status(path: Path) -> tuple[int, ...]:
    """What tells a file saved again from the file as it was; () when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ()
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def make_folders(folder: str) -> None:
    """``folder`` and those above it that are missing, one mkdir each (pathlib's
    ``mkdir(parents=True)`` tries each missing one twice). A folder there already, or a link
    to one, will do; anything else is in the way: FileExistsError."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        parent = os.path.dirname(folder)
        if not parent or parent == folder:
            raise
        make_folders(parent)
        make_folder(folder)
    except FileExistsError:  # a folder, or a link to none ('File exists')
        if not os.path.isdir(folder):
            raise


def make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:  # made meanwhile (another run), or a link to none
        if not os.path.isdir(folder):
            raise


def make_durable(
    fds: Sequence[int], syncfs: Callable[[int], int] | None,
    folders: Sequence[str] | None = None,
) -> list[OSError | None]:
    """Flush these open files to disk: per file, None or the error its flush reported.

    One syncfs per file system where the system has it (Linux); where it is missing or
    reports an error, an fsync each, which also tells which file the error belongs to (the
    kernel reports a write-back error to every open file it concerns). ``folders``: as for
    ``syncfs_each``."""
    if not fds:
        return []
    if syncfs is not None and len(fds) > 1 and syncfs_each(fds, syncfs, folders):
        return [None] * len(fds)  # one file: its own fsync below is the smaller flush
    failures: list[OSError | None] = []
    for fd in fds:
        try:
            os.fsync(fd)
            failures.append(None)
        except OSError as exc:
            failures.append(exc)
    return failures


def syncfs_each(fds: Sequence[int], syncfs: Callable[[int], int],
                folders: Sequence[str] | None = None) -> bool:
    """syncfs once for each file system these descriptors are on; False if one call failed.
    ``folders``: the folder each file was just created in, by the same name; a file made
    in a folder is on that folder's file system, so one fstat a folder tells them all."""
    devices: dict[int, int] = {}
    asked: set[str] = set()
    for n, fd in enumerate(fds):
        if folders is not None:
            if folders[n] in asked:
                continue
            asked.add(folders[n])
        devices.setdefault(os.fstat(fd).st_dev, fd)
    return all(syncfs(fd) == 0 for fd in devices.values())


@functools.lru_cache(maxsize=1)  # looked up once: a CDLL and its function types form cycles
def syncfs() -> Callable[[int], int] | None:
    """libc's syncfs(2), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only a run that writes pays for it

    try:
        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int]
    fn.restype = ctypes.c_int
    return cast("Callable[[int], int]", fn)


def unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def sync_folders(folders: Iterable[Path]) -> None:
    """Make the renames into these folders durable: one fsync per folder."""
    for folder in sorted(set(folders)):
        fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
