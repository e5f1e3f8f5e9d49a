"""What must not outlive a run: the tree lock of a run that writes catalogs, its worker
processes, and the temp files of a run killed mid-write (removed by the next).

The lock is ``flock`` on the folder's own descriptor. A forked process shares that descriptor,
and with it the lock, until it closes it: a pool's worker left behind by a run killed with
SIGKILL (an out-of-memory kill, a CI timeout that signals only the run) held the lock for ever,
and every later run waited for it without a word. So a forked child closes its copy at once
(which leaves the parent's lock as it is), and a worker ends with the run that started it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# io.write_files's temp files: ".<name>." + 8 random characters + ".tmp"
_TEMP_RE = re.compile(r"\A\..+\.[a-z0-9_]{8}\.tmp\Z")
_NAME_MAX = 255  # bytes in a file name, on every file system in use


def temp_name(name: str) -> str:
    """The name of a temp file beside ``name`` (``.<name>.<random>.tmp``: ``_TEMP_RE``) within
    the file system's limit: for a name over 241 bytes (a long article title; the name itself
    fits) it took 14 more, and every write of that article's catalog and page failed with
    'File name too long'. A long name is cut to fit, by bytes (a character cut in two stays
    as its bytes)."""
    token = os.urandom(4).hex()  # 8 characters; a name taken is retried by the caller
    room = _NAME_MAX - len(f"..{token}.tmp")
    raw = os.fsencode(name)
    if len(raw) > room:
        name = os.fsdecode(raw[:room])
    return f".{name}.{token}.tmp"


_HELD: set[int] = set()  # the descriptors of the tree locks this process holds
_PR_SET_PDEATHSIG = 1  # prctl(2)


def _close_inherited() -> None:
    """In a forked child: close the tree locks' descriptors it inherited. Closing a copy
    releases nothing while the parent keeps its own; an unlock here would release the
    parent's lock, so there is none."""
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_inherited)


def _warn(text: str) -> None:
    print(f"pipeline: warning: {text}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def tree_lock(folder: Path, say: Callable[[str], None] | None = _warn) -> Iterator[None]:
    """Hold an exclusive lock on a folder for a run, so two runs at once (make -j) take turns
    instead of merging into the same catalogs; the folder's own descriptor is locked (no file).
    A run that has to wait calls ``say`` once, saying so (default: a warning on stderr), then
    waits.

    Where the folder cannot be created or locked (a read-only parent, a file system without
    locks) the run goes on unlocked: every write then fails or succeeds on its own, with its
    own clear error, and each one is atomic all the same."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield
        return
    _HELD.add(fd)
    try:
        with contextlib.suppress(OSError):  # e.g. ENOLCK on a network file system
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if say is not None:
                    say(f"waiting for another run that writes {folder} to end")
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        _HELD.discard(fd)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_stale_temps(folder: Path, min_age: float = 0.0) -> int:
    """Delete the temp files that runs killed mid-write left under ``folder`` (``.<name>.*.tmp``
    beside the file they were for) when older than ``min_age`` seconds. Call it with 0 only
    while holding ``tree_lock(folder)``: then no other run can be writing there. Returns how
    many it removed; a file it cannot remove is left (the pipeline ignores dot files)."""
    if not folder.is_dir():
        return 0
    return _remove_temps(str(folder), time.time() - min_age)


def _remove_temps(folder: str, cutoff: float) -> int:
    # os.scandir directly, as Layout walks: every run walks the catalogs and outputs for these,
    # and os.walk took twice as long.
    removed = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                removed += _remove_temps(entry.path, cutoff)
            elif entry.name[:1] == "." and _TEMP_RE.match(entry.name) is not None:
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime <= cutoff:
                        os.unlink(entry.path)
                        removed += 1
    return removed


def die_with_parent(parent: int) -> None:
    """For a worker process (a pool's initializer, given the run's pid): end when the run that
    started it ends, however it ends. A worker whose run was killed otherwise waited for ever
    on a queue no one writes to, holding the run's pipes (a ``| tee`` never ended)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # pragma: no cover - no parent-death signal: look every second
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the run ended before the signal was asked for
        os._exit(1)


def _watch(parent: int) -> None:  # pragma: no cover - systems without prctl
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def process_pool(workers: int, initializer: Callable[..., object] | None = None,
                 initargs: tuple[object, ...] = ()) -> Iterator[Any]:
    """A ``ProcessPoolExecutor`` of ``workers`` for a run, whose workers end with it
    (``die_with_parent``) and leave an interrupt (SIGINT, SIGTERM) to it. Ctrl-C signals the
    whole process group: a worker idle on the pool's queue died of it with a traceback, the
    pool broke, its manager thread failed on the futures ``map`` had cancelled (Python 3.11)
    and the run hung for ever at exit (``tm-export``, ``xliff-export``, ``stats``…). So
    workers ignore both, and a run that stops (an interrupt, an error) cancels the batches not
    yet started and waits for those running, each of which writes its files whole: before,
    ``with`` waited for every batch submitted, and an interrupted ``locales`` ran to the end."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_worker,
                             initargs=(os.getpid(), initializer, initargs)) as pool:
        # The workers are forked at the first task: forked with the signals blocked, none can
        # die of one before it ignores them (the run takes one that came meanwhile once they are)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            pool.submit(int)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        try:
            yield pool
        except BaseException:
            # waiting here: the shutdown ``with`` makes, which does not cancel, would undo the
            # cancelling before the pool's thread has done it (the batches all ran on)
            try:
                pool.shutdown(wait=True, cancel_futures=True)
            except BaseException:  # a second Ctrl-C: the run stops now, as it was asked
                _end_workers(pool)
                raise
            raise


def _end_workers(pool: Any) -> None:
    """End a pool's workers now, mid-batch: each file is written whole or not at all (a temp
    file renamed; one left behind is removed by a later run). Waited for, the workers of a
    run that a second Ctrl-C stopped in its wait were never told to end: it hung for ever."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.kill()


def _worker(parent: int, initializer: Callable[..., object] | None,
            initargs: tuple[object, ...]) -> None:
    for stop in _STOPS:  # the run takes them as an interrupt
        signal.signal(stop, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)
