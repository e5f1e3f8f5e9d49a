"""File I/O at the edges: atomic writes that never leave a half-written file, and a tree lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.findings import InputError

DEFAULT_MODE = 0o644


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing one over ``limit`` before reading it whole."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise InputError(
                "too-large", f"file is {size:,} bytes; the limit is {limit:,}", str(path), 0, 0,
                "split the article, or raise max-file-size in [tool.pipeline]",
            )
        return fh.read()


def write_atomic(
    path: Path, data: bytes, shown: str | None = None, *, sync_dir: bool = True
) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that. Returns whether it wrote.

    A temp file in the same folder is written, flushed and fsynced, given the old file's mode,
    then os.replace()d over the target: a run killed at any instant leaves the old or the new
    file, never a part of one. An unchanged file is not touched, so its mtime stays.
    ``sync_dir=False`` leaves the folder's fsync to the caller (``sync_folders``), so a run
    writing many files into one folder syncs it once.
    """
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == len(data) and fh.read() == data:
                return False
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    except OSError as exc:
        raise _write_error(path, exc, shown) from None
    tmp = None
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
        tmp = None
        if sync_dir:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise _write_error(path, exc, shown) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return True


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_folders(folders: Iterable[Path]) -> None:
    """Make the renames into these folders durable: one fsync per folder."""
    for folder in sorted(set(folders)):
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(path: Path, exc: OSError, shown: str | None) -> InputError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return InputError(
        "write-failed", f"cannot write: {reason}; the previous file is intact", shown or str(path),
        0, 0, "check permissions and free space, then run again",
    )


@contextlib.contextmanager
def tree_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder for a run, so two runs at once (make -j) take turns
    instead of merging into the same catalogs. The folder's own descriptor is locked: no lock
    file is left behind."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
