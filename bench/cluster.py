"""A Dask cluster on loopback for the bench: ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1, running already when the measured run starts, as a deployment's
would be. The bench starts one around each run of its row (bench/run.py)."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_START_TIMEOUT = 60.0


def has_dask(python: str) -> bool:
    done = subprocess.run([python, "-c", "import dask, distributed"], capture_output=True,
                          check=False)
    return done.returncode == 0


def _wait_for(condition: str, check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"dask cluster: {condition} not within {timeout:.0f} s")
        time.sleep(0.2)


@contextlib.contextmanager
def loopback_cluster(python: str, repo: Path, scratch: Path, env: dict[str, str],
                     workers: int = 2) -> Iterator[str]:
    """The scheduler's address while the cluster runs; every process is stopped after."""
    scratch.mkdir(parents=True, exist_ok=True)
    info = scratch / "scheduler.json"
    info.unlink(missing_ok=True)
    # The workers import the pipeline of this checkout, and are set up as docs/distributed.md
    # advises: no statistical profiler, no work stealing, housekeeping once a second.
    env = {**env, "PYTHONPATH": str(repo), "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
           "DASK_DISTRIBUTED__SCHEDULER__WORK_STEALING": "False",
           "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s",
           "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL": "1s",
           "DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL": "1s"}
    common = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    procs: list[subprocess.Popen[bytes]] = []
    log = open(scratch / "cluster.log", "ab")  # noqa: SIM115 - closed below
    try:
        procs.append(subprocess.Popen(
            [python, "-m", "dask", "scheduler", "--port", "0", "--scheduler-file", str(info),
             *common], cwd=repo, env=env, stdout=log, stderr=log, start_new_session=True))
        _wait_for("the scheduler file", info.is_file, _START_TIMEOUT)
        for n in range(workers):
            procs.append(subprocess.Popen(
                [python, "-m", "dask", "worker", "--scheduler-file", str(info), "--nthreads",
                 "1", "--nworkers", "1", "--name", f"bench-{n}", *common],
                cwd=repo, env=env, stdout=log, stderr=log, start_new_session=True))
        address = json.loads(info.read_text())["address"]
        waited = subprocess.run(
            [python, "-c", "import sys; from distributed import Client\n"
             "with Client(sys.argv[1], timeout=60) as c: c.wait_for_workers(int(sys.argv[2]), "
             "timeout=60)", address, str(workers)],
            env=env, capture_output=True, text=True, check=False, timeout=_START_TIMEOUT + 30)
        if waited.returncode != 0:
            raise RuntimeError(f"dask cluster: workers did not join: {waited.stderr[-500:]}")
        yield address
    finally:
        for proc in reversed(procs):  # the workers first, then the scheduler
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


if __name__ == "__main__":  # a manual check: start, print the address, stop
    with loopback_cluster(sys.executable, Path(__file__).resolve().parents[1],
                          Path("/tmp/bench-cluster"), dict(os.environ)) as where:
        print(where)
