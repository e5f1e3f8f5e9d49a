"""Time one command in a fresh process and record its memory peaks.

Two memory figures, because ``ours`` runs a pool of worker processes and the others run one:

- ``max_rss_mb``: the kernel's ru_maxrss from wait4 on the child, i.e. the largest resident
  set of any single process in its tree (reaped workers included). Exact and per run, unlike
  getrusage(RUSAGE_CHILDREN), which keeps the maximum over every child the harness ever had.
- ``tree_mb``: the largest sum of PSS over the whole tree, sampled every 50 ms from /proc.
  PSS splits pages shared by forked workers among them, so the sum is not counted twice.
  Sampling can miss a short spike; it is the figure to compare whole-tool footprints.
"""

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_SAMPLE_EVERY = 0.05  # seconds: often enough for multi-second runs, cheap on 2 cores


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system seconds of the whole tree: less swayed by other load than wall
    max_rss_mb: float
    tree_mb: float
    returncode: int
    timed_out: bool
    log: Path


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
    except OSError:  # gone meanwhile, or a kernel without the children file
        pass
    return kids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kb(root: int) -> int:
    """Sum of PSS over ``root`` and all its descendants, right now."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(_children(pid))
    return total


class _Sampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while True:
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.root))
            if self.stop.wait(_SAMPLE_EVERY):
                return


def tool_environment() -> dict[str, str]:
    """The environment every measured tool runs in: this one, less PYTHONDONTWRITEBYTECODE.
    A shell that sets it makes every Python tool recompile every module it imports on every
    run, which no installed tool does (pip writes the bytecode at install time)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(cmd: list[str], cwd: Path, log: Path, timeout: float) -> Run:
    """Run ``cmd`` with stdout and stderr to ``log``; kill its whole group after ``timeout``."""
    # Write back what earlier runs left dirty first: otherwise a run that makes its writes
    # durable (ours does, with syncfs) also waits for the previous tool's files.
    os.sync()
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True,
                                env=tool_environment())
        sampler = _Sampler(proc.pid)
        sampler.start()
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: only its tree

        timer = threading.Timer(timeout, kill)
        timer.start()
        # wait4 rather than Popen.wait: it hands back this child's own rusage.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it is reaped
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
        tree_mb=sampler.peak_kb / 1024,
        returncode=proc.returncode,
        timed_out=expired.is_set(),
        log=log,
    )
