"""File I/O at the edges: atomic writes that never leave a half-written file (the tree lock
is ``lock``'s)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, NamedTuple, cast

import pipeline.checks.inputs as inputs
from pipeline.disk import Fence as Fence  # what a page's write must not reach (job)
from pipeline.disk import LinkedIn, as_status, file_status, same_entry, sync_folders
from pipeline.disk import Seen as Seen  # the status type the readers and the cache take
from pipeline.disk import fsync_dir as _fsync_dir
from pipeline.disk import make_durable as _make_durable
from pipeline.disk import make_folders as _make_folders
from pipeline.disk import syncfs as _syncfs
from pipeline.disk import unlink_quietly as _unlink_quietly
from pipeline.disk import written_status as _written
from pipeline.findings import InputError
from pipeline.lock import temp_name
from pipeline.write_errors import changed as _changed
from pipeline.write_errors import linked as _linked
from pipeline.write_errors import relative as _shown
from pipeline.write_errors import write_error as _write_error

if TYPE_CHECKING:
    from pipeline.storage import Url

DEFAULT_MODE = 0o644
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: Path | Url, limit: int, shown: str | None = None) -> bytes:
    """The file's bytes, refusing one over ``limit`` before reading it whole (a finding at
    ``shown``, by default the path from the working folder, which a worker may not share).

    Only regular files are read: a FIFO would block the run and a device (or a symlink to one)
    never end. At most ``limit`` + 1 bytes are read, whatever size the file claims."""
    return read_seen(path, limit, shown)[0]


def read_seen(path: Path | Url, limit: int, shown: str | None = None
              ) -> tuple[bytes, Seen | None]:
    """``read_bytes``, with the file's status taken through the descriptor before reading
    (None for a URL's object)."""
    if not isinstance(path, Path):  # a URL root's file: read with fsspec by ``storage``
        from pipeline import storage
        return storage.read_bytes(path, limit, shown or str(path)), None
    shown = shown or _shown(path)
    # O_NONBLOCK: opening a FIFO would otherwise wait for a writer (it changes nothing for a
    # regular file); the checks below then refuse it.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC)
    try:
        st = os.fstat(fd)
        taken = time.time_ns()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                inputs.UNREADABLE.id, "not a regular file (a device, FIFO or socket)", shown, 0, 0,
                "replace it with a regular file",
            )
        if st.st_size > limit:
            raise inputs.too_large(shown, st.st_size, limit)
        # os.read on the descriptor: a file object would cost an fstat, an ioctl and two lseeks
        data = _read_upto(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise inputs.too_large(shown, len(data), limit)
    return data, Seen(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, taken, st.st_dev)


def _read_upto(fd: int, count: int) -> bytes:
    chunks = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_atomic(path: Path, data: bytes, shown: str | None = None,
                 as_read: bytes | EllipsisType | None = ...) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that. Returns whether it wrote.

    A temp file in the same folder (``.<name>.<random>.tmp``: a dot file, which the pipeline
    never reads) is written, given the old file's mode, flushed to disk, then os.replace()d
    over the target, and the folder synced: a run killed at any instant leaves the old or the
    new file, never a part of one. An unchanged file is not touched, so its mtime stays. A
    symlink is followed: the file it points to is replaced, the link stays. Any failure is an
    InputError ("write-failed") and leaves the old file as it was. ``write_files`` writes
    several files so, together; ``as_read``: as its ``expected``, the bytes the run read."""
    result = write_files([(path, data, shown)], None if as_read is ... else {0: as_read})[0]
    if isinstance(result, InputError):
        raise result
    return result


# Files staged (open) at once by one write: ``segment`` writes every article's file in one
# call, and 1,500 of them ran out of descriptors under the usual limit of 1,024
OPEN_AT_ONCE = 256


class _Staged(NamedTuple):
    """A file's new content, written to a temp file beside it and not yet renamed. (A named
    tuple: every run imports this module, and a dataclass costs half a millisecond to make.)"""

    position: int  # in the caller's list
    path: Path
    tmp: str
    fd: int
    existed: bool
    shown: str | None
    seen: tuple[int, ...] | None  # the target's status when found as the run read it


class _Found(NamedTuple):
    """A target as ``_target`` found it."""

    path: Path  # the file to replace: a symlink's target
    mode: int  # its mode; -1: there is none
    existed: bool
    same: bool  # it already holds the bytes to write
    seen: Seen | None  # its status before it was read; None: there is none


def write_files(writes: Sequence[tuple[Path | Url, bytes, str | None]],
                expected: Mapping[int, bytes | None] | None = None) -> list[bool | InputError]:
    """Write several files, each as ``write_atomic`` would, flushing them to disk together.
    ``expected``: by position, the bytes a file held when the run read it (None: no file). A
    file that holds other bytes (a translator saved it meanwhile), checked again just before
    the rename, is not overwritten: a write-failed error, the file kept as saved.

    Per file: True (written), False (already held exactly that) or the InputError of its
    failure, which leaves its old file as it was; one file failing does not stop the others.
    Every changed file goes to a temp file beside it first; the temp files are made durable in
    one go (``OPEN_AT_ONCE`` at a time), then renamed over their targets, then the renames are
    made durable. Where the system has syncfs, each of those is one call per file system, where
    an fsync per file and per folder would wait for the disk every time. A run killed at any
    instant leaves old or new files, never a part of one. URLs are written by ``storage`` (no
    ``expected`` check)."""
    return [done for done, _ in write_seen(writes, expected)]


def write_seen(writes: Sequence[tuple[Path | Url, bytes, str | None]],
               expected: Mapping[int, bytes | None] | None = None,
               fences: Mapping[int, Fence] | None = None,
               ) -> list[tuple[bool | InputError, Seen | None]]:
    """``write_files``, with each file's status where it holds the bytes given: a file written,
    taken through its descriptor once renamed into place; one that already held them, before
    it was read. None where there is no status (a failure, a URL). ``fences``: by position,
    what the write must not reach (a page linked to its article): refused, both kept."""
    if not all(isinstance(w[0], Path) for w in writes):
        from pipeline import storage
        return [(done, None) for done in storage.write_mixed(writes, write_files)]
    if len(writes) > OPEN_AT_ONCE:  # each staged file holds a descriptor until it is renamed
        out: list[tuple[bool | InputError, Seen | None]] = []
        for at in range(0, len(writes), OPEN_AT_ONCE):
            part = range(at, min(at + OPEN_AT_ONCE, len(writes)))
            out += write_seen(
                writes[part.start:part.stop],
                None if expected is None else {i - at: expected[i] for i in part
                                               if i in expected},
                None if fences is None else {i - at: fences[i] for i in part if i in fences})
        return out
    local = cast("Sequence[tuple[Path, bytes, str | None]]", writes)
    results: list[bool | InputError] = [False] * len(writes)
    seen: list[Seen | None] = [None] * len(writes)
    staged: list[_Staged] = []
    try:
        for i, (path, data, shown) in enumerate(local):
            try:
                found = _target(path, data, ... if expected is None or i not in expected
                                else expected[i], None if fences is None else fences.get(i))
                if found is None:  # not the file the run read: saved meanwhile
                    results[i] = _changed(path, shown)
                    continue
                if found.same:
                    seen[i] = found.seen
                    continue  # unchanged
                target = found.path
                status = None if expected is None or i not in expected else \
                    as_status(found.seen)
                tmp, fd = _stage(target, (data,), found.mode, found.existed, folders=True)
            except OSError as exc:
                results[i] = _write_error(path, exc, shown, _exists(path))
                continue
            except LinkedIn as exc:
                results[i] = _linked(exc.args[0], shown or str(path))
                continue
            staged.append(_Staged(i, target, tmp, fd, found.existed, shown, status))
        # syncfs serves several files (one's own fsync is the smaller flush): one, no ctypes
        syncfs = _syncfs() if len(staged) > 1 else None
        fds = [s.fd for s in staged]
        folders = [os.path.dirname(s.path) for s in staged]
        for item, failure in zip(staged, _make_durable(fds, syncfs, folders), strict=True):
            if failure is not None:
                results[item.position] = _write_error(item.path, failure, item.shown, item.existed)
        renamed: list[_Staged] = []
        for item in staged:
            if results[item.position] is not False:  # its flush failed: the old file stays
                _unlink_quietly(item.tmp)
                continue
            if item.seen is not None and file_status(item.path) != item.seen:  # saved meanwhile
                _unlink_quietly(item.tmp)
                results[item.position] = _changed(item.path, item.shown)
                continue
            try:
                os.replace(item.tmp, item.path)
            except OSError as exc:
                _unlink_quietly(item.tmp)
                results[item.position] = _write_error(item.path, exc, item.shown, item.existed)
                continue
            results[item.position] = True
            renamed.append(item)
        # Each renamed file's status, through its descriptor: what the run cache records of
        # it, and the file system it is on. Taken after the rename, which sets its ctime.
        devices: dict[int, int] | None = {}
        for item in renamed:
            try:
                st = os.fstat(item.fd)
            except OSError:  # no status: the cache reads the file again; its folder synced
                devices = None
                continue
            seen[item.position] = _written(st, len(local[item.position][1]))
            if devices is not None:
                devices.setdefault(st.st_dev, item.fd)
        # The renamed files' descriptors are still open: a syncfs on one of them commits its
        # file system's folders. Without syncfs, or where it fails, each folder is synced.
        if renamed and not (syncfs is not None and len(renamed) > 1 and devices is not None
                            and all(syncfs(fd) == 0 for fd in devices.values())):
            sync_folders(item.path.parent for item in renamed)
    finally:  # on any way out, a raise too: no descriptor left open, no temp file left
        for item in staged:
            with contextlib.suppress(OSError):
                os.close(item.fd)
            if results[item.position] is not True:
                _unlink_quietly(item.tmp)
    return list(zip(results, seen, strict=True))


def _target(path: Path, data: bytes, old: bytes | EllipsisType | None,
            fence: Fence | None = None) -> _Found | None:
    """The file that ``data`` is for, read once: None when ``old`` (the bytes the run read,
    None for no file, ``...`` for no check) is not what it holds. A symlink is followed: the
    file it points to is replaced, the link stays; what ``fence`` bars: LinkedIn."""
    if fence is not None:
        fence.bar(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:  # a new file: the commonest case on a first run, one call
        return _Found(path, -1, False, False, None) if old is None or old is ... else None
    if stat.S_ISLNK(st.st_mode):
        with contextlib.suppress(OSError, RuntimeError):
            path = path.resolve(strict=True)
            if fence is not None and any(os.fspath(path).startswith(os.path.join(r, ""))
                                         for r in fence.roots):
                raise LinkedIn(path)
    elif old is None:  # a file where the run found none
        return None
    try:
        # O_NONBLOCK: a FIFO where the file goes (or a link to one) would wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC)
    except FileNotFoundError:  # a dangling symlink, or removed meanwhile
        return _Found(path, -1, False, False, None) if old is None or old is ... else None
    try:
        if old is None:  # a link to a file where the run found none
            return None
        st = os.fstat(fd)  # before reading: a save after it changes the status
        if stat.S_ISDIR(st.st_mode):  # os.open opens a folder, where open() refused it
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(st.st_mode):  # never replaced: a link to /dev/null, a FIFO
            raise OSError(errno.ENXIO, os.strerror(errno.ENXIO), str(path))
        read = None if fence is None else fence.files.get((st.st_dev, st.st_ino))
        if read is not None and same_entry(path, read):
            raise LinkedIn(None)
        seen = Seen(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, time.time_ns(),
                    st.st_dev)
        if old is not ...:
            now = _read_upto(fd, max(st.st_size, len(old)) + 1)
            if now != old:
                return None
            same = now == data
        else:  # compared only when the sizes agree
            same = st.st_size == len(data) and _read_upto(fd, len(data) + 1) == data
    finally:
        os.close(fd)
    return _Found(path, stat.S_IMODE(st.st_mode), True, same, seen)


def _exists(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError:
        return False
    return True


def _stage(path: Path, chunks: Iterable[bytes], mode: int, existed: bool,
           folders: bool = False) -> tuple[str, int]:
    """A new temp file beside ``path`` holding ``chunks``, still open: (its path, descriptor).
    A new file gets the umask's mode (the kernel applies it at creation); a replaced one
    keeps its file's mode. ``folders``: the folders it goes in are made if missing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC
    folder, name = os.path.split(path)  # (strings: pathlib's parts cost more than the calls)
    for _ in range(100):
        tmp = os.path.join(folder, temp_name(name))
        try:
            try:
                fd = os.open(tmp, flags, 0o666)
            except FileNotFoundError:
                if not folders:
                    raise
                # its folder is missing: made, with those above it, only now (most files go
                # where a folder is, or was just made: no mkdir and stat per file for them)
                _make_folders(folder or ".")
                fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - 100 collisions of 8 random characters
        raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path))
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
        if existed:
            os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    return tmp, fd


def write_atomic_stream(path: Path, chunks: Iterable[bytes], shown: str | None = None) -> None:
    """As ``write_atomic``, for content made piece by piece and never held whole in memory
    (always written: there is nothing to compare with). The pipeline's own file (the run
    cache): its owner may always read and write it, whatever mode it had."""
    try:
        mode, existed = stat.S_IMODE(os.stat(path).st_mode) | 0o600, True
    except FileNotFoundError:
        mode, existed = -1, False
    except OSError as exc:
        raise _write_error(path, exc, shown, True) from None
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp, fd = _stage(path, chunks, mode, existed)
    except OSError as exc:
        raise _write_error(path, exc, shown, existed) from None
    try:
        try:
            os.fsync(fd)
            os.replace(tmp, path)
        finally:
            os.close(fd)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise _write_error(path, exc, shown, existed) from None
    _fsync_dir(path.parent)
