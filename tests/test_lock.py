"""The tree lock and the run's worker processes: neither outlives the run (pipeline.lock)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from pipeline.lock import tree_lock

REPO = Path(__file__).resolve().parents[1]


def _gone(pid: int) -> bool:
    """Whether the process has ended (a zombie no one reaped yet has ended too)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def _wait_gone(pids: Iterable[int], seconds: float) -> list[int]:
    """The processes still running after up to ``seconds``."""
    left = list(pids)
    deadline = time.monotonic() + seconds
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [pid for pid in left if not _gone(pid)]
    return left


def _kill(pids: Iterable[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _lock_is_free(folder: Path) -> bool:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_a_process_forked_by_a_run_killed_outright_does_not_keep_its_lock(
        tmp_path: Path) -> None:
    """A run's worker shared the run's lock descriptor: the run killed with SIGKILL, the
    worker still held the lock, and every later run waited for it for ever."""
    folder = tmp_path / "locales"
    script = ("import os, sys, time; from pathlib import Path; "
              "from pipeline.lock import tree_lock\n"
              "with tree_lock(Path(sys.argv[1])):\n"
              "    child = os.fork()\n"
              "    if child == 0:\n"
              "        os.close(1); os.close(2); time.sleep(60); os._exit(0)\n"
              "    print(child, flush=True)\n"
              "    os.kill(os.getpid(), 9)\n")
    run = subprocess.run([sys.executable, "-c", script, str(folder)], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    child = int(run.stdout.split()[0])
    try:
        assert run.returncode == -signal.SIGKILL
        assert not _gone(child)
        assert _lock_is_free(folder)
    finally:
        _kill([child])


def test_the_workers_of_a_run_killed_outright_end_with_it(tmp_path: Path) -> None:
    """Killed alone (an out-of-memory kill, a CI timeout that signals only the run), a run
    left its pool's workers waiting for ever, holding its pipes (a ``| tee`` never ended)."""
    script = ("import os, time\n"
              "from pipeline import executors\n"
              "def pid(_):\n"
              "    time.sleep(0.3); return os.getpid()\n"
              "with executors.open_pool(executors.Spec(jobs=2, batch_size=1), 4) as pool:\n"
              "    print(*sorted(set(pool.map(pid, [0, 1, 2, 3]))), flush=True)\n"
              "    os.kill(os.getpid(), 9)\n")
    out = tmp_path / "workers.txt"
    with out.open("w") as fh:  # a file: a worker left running would hold a pipe open
        run = subprocess.run([sys.executable, "-c", script], cwd=REPO, stdout=fh,
                             stderr=subprocess.DEVNULL, timeout=60)
    workers = [int(pid) for pid in out.read_text().split()]
    try:
        assert run.returncode == -signal.SIGKILL and workers
        assert _wait_gone(workers, 10) == []
    finally:
        _kill(workers)


def test_a_run_that_must_wait_for_the_lock_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "locales"
    folder.mkdir()
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another run holds it for half a second
    threading.Timer(0.5, os.close, (fd,)).start()
    said: list[str] = []
    with tree_lock(folder, said.append):
        assert not _lock_is_free(folder)
    assert said == [f"waiting for another run that writes {folder} to end"]
    with tree_lock(folder, said.append):  # free: nothing to say
        pass
    assert len(said) == 1


def _interrupted(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``script`` run in a process group of its own (the group a terminal's Ctrl-C signals),
    which it may signal; a run that hangs is killed with its workers."""
    run = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    try:
        out, err = run.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        out, err = run.communicate()
        err += "\n(hung: killed after 30 s)"
    return subprocess.CompletedProcess(run.args, run.returncode, out, err)


def test_ctrl_c_over_a_pool_with_idle_workers_ends_the_run_without_a_traceback(
        tmp_path: Path) -> None:
    """Ctrl-C signals every process of the group. A worker idle on the pool's queue died of it
    with a traceback (``Process ForkProcess-2: Traceback …``), the pool broke, and the run
    hung at exit, for ever (``tm-export``, ``xliff-export``, ``handoff``, ``stats``)."""
    script = ("import os, signal, time\n"
              "from pipeline.stats import map_jobs\n"
              "def batch(items):\n"
              "    if items[0] == '0':  # the others are done by then: their workers idle\n"
              "        time.sleep(0.5); os.killpg(0, signal.SIGINT); time.sleep(1)\n"
              "    return items\n"
              "try:\n"
              "    map_jobs(batch, [str(n) for n in range(96)], 3)\n"
              "except KeyboardInterrupt:\n"
              "    print('interrupted')\n")
    run = _interrupted(script, tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "interrupted\n", "")


def _pooled(start: str) -> str:
    """A script that maps 40 batches of a tenth of a second over a pool of two workers, each
    batch beginning with ``start`` (its number is ``n``); 'interrupted' at a Ctrl-C."""
    return ("import os, signal, sys, time\n"
            "from pipeline import executors\n"
            "def batch(n):\n" + start +
            "    time.sleep(0.1)\n"
            "    return n\n"
            "try:\n"
            "    with executors.open_pool(executors.Spec(jobs=2, batch_size=1), 40) as pool:\n"
            "        list(pool.map(batch, list(range(40))))\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted')\n")


def test_ctrl_c_stops_a_run_after_the_batches_under_way(tmp_path: Path) -> None:
    """An interrupted run's pool waited for every batch submitted: ``locales`` ran on to its
    end after Ctrl-C. The batches under way finish (their files whole); the rest never start."""
    run = _interrupted(_pooled("    with open(os.path.join(sys.argv[1], 'started'), 'a') as fh:\n"
                               "        fh.write(f'{n}\\n')\n"
                               "    if n == 0:\n"
                               "        os.killpg(0, signal.SIGINT)\n"), tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "interrupted\n", "")
    assert len((tmp_path / "started").read_text().split()) < 10


def test_a_second_ctrl_c_while_the_batches_under_way_finish_ends_the_run_now(
        tmp_path: Path) -> None:
    """Ctrl-C pressed again while an interrupted run waits for its batches under way (a
    long one): the run hung for ever at exit, its workers never told to end, a second and
    third Ctrl-C in vain. It ends now: its workers are ended mid-batch, each file they write
    whole or not at all (a temp file renamed)."""
    start = time.monotonic()
    run = _interrupted(_pooled("    if n == 0:\n"
                               "        os.killpg(0, signal.SIGINT); time.sleep(0.3)\n"
                               "        os.killpg(0, signal.SIGINT); time.sleep(20)\n"), tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "interrupted\n", "")
    assert time.monotonic() - start < 10  # not the 20 s of the batch under way, nor ever
