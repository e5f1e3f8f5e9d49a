"""Where a run's batches are worked on: this machine's process pool (``process``, the default)
or a Dask cluster (``dask``). The runner drives both alike: ``open_pool`` gives a pool whose
``map`` runs one function over the batches and yields the results in the order given, each
batch tried again up to ``retries`` times when it raises. Only infrastructure raises (a lost
worker, a store that timed out): an article's bad input is a finding in its outcome.

Dask is imported only when it is asked for; without it, asking is a usage error that says how
to install it. A remote cluster's workers must run this very code: each task checks the
package's source digest (the one the run cache is keyed on) against the client's.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pipeline.config import bounded_jobs
from pipeline.digests import source_digest
from pipeline.lock import process_pool

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.layout import Layout

EXECUTORS = ("process", "dask")
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
DASK_INSTALL = "pip install '.[dask]' in the project (or: pip install 'dask[distributed]' fsspec)"
DEFAULT_RETRIES = 2
CONNECT_TIMEOUT = "20s"  # a scheduler that has not answered by then is not there
# Dask's scheduler costs about 1.6 ms a task: a few hundred articles a task make that nothing,
# and eight tasks a worker keep the workers busy to the end.
DASK_MAX_BATCH = 250
_TASKS_PER_WORKER = 8

T = TypeVar("T")
R = TypeVar("R")


class UsageError(Exception):
    """A bad executor option: one line for the user, exit status 2."""


class RunFailed(Exception):
    """A batch still failed after its retries: the cluster or the storage, not the input."""


class CodeMismatch(Exception):
    """A worker runs other code than the client: retrying cannot help."""


@dataclass(frozen=True)
class Spec:
    kind: str = "process"
    jobs: int = 1  # process: worker processes; dask local: workers of the local cluster
    scheduler: str = "local"  # dask: an address, or local (a cluster on this machine)
    batch_size: int = 0  # articles a task; 0: chosen per run
    retries: int = DEFAULT_RETRIES
    say: Callable[[str], None] | None = field(default=None, compare=False, repr=False)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=EXECUTORS,
                   help="where the work runs: process (default: this machine's processes) "
                        "or dask (a Dask cluster; needs the dask extra)")
    p.add_argument("--scheduler", metavar="ADDRESS|local",
                   help=f"with --executor dask: the scheduler's address, or local (a cluster "
                        f"of -j workers here); default: ${SCHEDULER_ENV}, else local")
    p.add_argument("--batch-size", type=int, metavar="N",
                   help=f"articles per task; 0: chosen per run (the default; at most "
                        f"{DASK_MAX_BATCH} with dask)")
    p.add_argument("--retries", type=int, metavar="N",
                   help=f"times a batch that failed is tried again (default "
                        f"{DEFAULT_RETRIES}; bad input is a finding, never retried)")


def dask_missing() -> bool:
    import importlib.util

    return any(importlib.util.find_spec(m) is None for m in ("dask", "distributed"))


def spec_of(args: argparse.Namespace, config: Config, jobs: int, layout: Layout,
            say: Callable[[str], None] | None) -> Spec:
    """The executor the command line and the settings ask for. Raises UsageError."""
    kind = args.executor or config.executor
    jobs = bounded_jobs(jobs)
    batch_size = args.batch_size if args.batch_size is not None else config.batch_size
    retries = args.retries if args.retries is not None else config.retries
    # 0 means "chosen per run" on the command line as in the settings, so that one run can
    # undo a settings file's fixed size
    if args.batch_size is not None and args.batch_size < 0:
        raise UsageError("--batch-size must be 0 or more (0: chosen per run)")
    if retries < 0:
        raise UsageError("--retries must be 0 or more")
    if kind != "dask":
        if args.scheduler:
            raise UsageError("--scheduler needs --executor dask")
        if _in_memory(layout):  # a memory:// store lives in one process: a pool would lose it
            jobs = 1
        return Spec(kind, jobs, "local", batch_size, retries, say)
    if dask_missing():
        raise UsageError(f"--executor dask needs Dask, which is not installed: {DASK_INSTALL}")
    scheduler = args.scheduler or os.environ.get(SCHEDULER_ENV) or "local"
    return Spec(kind, jobs, scheduler, batch_size, retries, say)


def for_workers(spec: Spec, layout: Layout) -> Layout:
    """The layout as the workers are to see it: a Dask worker's working folder is not the
    client's, so its local roots are made absolute (shown as before: the client works out how
    findings show them)."""
    if spec.kind != "dask":
        return layout
    from pipeline.layout import Layout

    content, locales, out = (root.absolute() if isinstance(root, Path) else root
                             for root in (layout.content, layout.locales, layout.out))
    return Layout(content, locales, out, layout.source)


def _in_memory(layout: Layout) -> bool:
    return any(str(root).startswith("memory://")
               for root in (layout.content, layout.locales, layout.out))


class Pool(Protocol):
    batch_size: int

    def cut(self, items: Sequence[T]) -> list[Sequence[T]]: ...

    def map(self, fn: Callable[[T], R], items: Sequence[T], first: Sequence[int] = ()
            ) -> Iterator[R]: ...


def even(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in runs of ``size`` (the last one shorter)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def tapering(items: Sequence[T], size: int, workers: int) -> list[Sequence[T]]:
    """``items`` in runs of ``size`` until the last few, which shrink with the work left (a
    share of it for each worker, down to an eighth of ``size``): the workers end together,
    within a short batch of each other, rather than one of them running a whole batch alone
    while the other is done, and the client reads back a short last batch. (Guided
    self-scheduling; the batches stay consecutive, so the outcomes keep their order.)"""
    least = -(-size // 8)
    runs: list[Sequence[T]] = []
    i = 0
    while i < len(items):
        n = min(size, max(least, -(-(len(items) - i) // (2 * max(workers, 1)))))
        runs.append(items[i : i + n])
        i += n
    return runs


def heavy_first(weights: Sequence[int], workers: int) -> list[int]:
    """The batches to start first: the few far heavier than the average (over twice it; at
    most two a worker), heaviest first. A release notes page of a quarter of a megabyte in a
    batch near the end would otherwise run alone while the other workers wait; the results
    of those that finish before their turn wait in memory, hence the cap."""
    if workers < 2 or len(weights) <= workers:
        return []
    bar = 2 * sum(weights) / len(weights)
    heavy = sorted((i for i, w in enumerate(weights) if w > bar), key=lambda i: -weights[i])
    return heavy[: 2 * workers]


@contextlib.contextmanager
def open_pool(spec: Spec, todo: int) -> Iterator[Pool]:
    """A pool for ``todo`` articles. The process pool keeps today's batches (a few dozen
    articles, six a worker or more) and runs in this process for one job or one batch."""
    if spec.kind == "dask":
        with _dask_pool(spec, todo) as pool:
            yield pool
        return
    size = spec.batch_size or max(1, min(24, todo // (max(spec.jobs, 1) * 6) or 1))
    if spec.jobs <= 1 or todo <= size:
        yield _Serial(size, spec.retries)
        return
    # no more workers than batches: each one is a process forked up front
    workers = min(spec.jobs, -(-todo // size))
    with process_pool(workers, _worker_started) as executor:
        yield _Processes(size, spec.retries, executor, workers)


def _worker_started() -> None:
    """A worker (which ends with the run that forked it: ``lock.process_pool``) makes and
    drops many small objects an article, nearly all freed by reference counting as soon as
    they go: the collector looks at its youngest objects every 10,000 net allocations rather
    than every 700, a few dozen times a run rather than hundreds (a percent of a cold run's
    time), and a batch's rare cycles still go within the batch."""
    gc.set_threshold(10_000, 10, 10)


def _failed(exc: BaseException, retries: int) -> RunFailed:
    tried = f"after {retries} retries" if retries else "(no retries)"
    return RunFailed(f"a batch failed {tried}: {type(exc).__name__}: {exc}"[:500] + "; the "
                     "files written so far are whole, and the next run redoes the rest")


@dataclass
class _Serial:
    batch_size: int
    retries: int

    def cut(self, items: Sequence[T]) -> list[Sequence[T]]:
        return even(items, self.batch_size)

    def map(self, fn: Callable[[T], R], items: Sequence[T], first: Sequence[int] = ()
            ) -> Iterator[R]:
        for item in items:  # one at a time: the order they start in changes nothing
            for attempt in range(self.retries + 1):
                try:
                    result = fn(item)
                except Exception as exc:
                    if attempt == self.retries:
                        raise _failed(exc, self.retries) from exc
                    continue
                break
            yield result


@dataclass
class _Processes:
    batch_size: int
    retries: int
    executor: Any  # a concurrent.futures.ProcessPoolExecutor
    workers: int = 0  # its processes: the batches taper off at the end (0: even batches)

    def cut(self, items: Sequence[T]) -> list[Sequence[T]]:
        # a whole batch last, three times the average at worst, ran alone while the other
        # workers were done: the tail of a -j run
        return tapering(items, self.batch_size, self.workers) if self.workers else even(
            items, self.batch_size)

    def map(self, fn: Callable[[T], R], items: Sequence[T], first: Sequence[int] = ()
            ) -> Iterator[R]:
        """``fn`` over ``items``, the results in their order; ``first``: the items to start
        before the others (see ``heavy_first``)."""
        from concurrent.futures.process import BrokenProcessPool

        started = {i: self.executor.submit(fn, items[i]) for i in first}
        futures = [started.get(i) or self.executor.submit(fn, item)  # run in this order
                   for i, item in enumerate(items)]
        del started
        futures.reverse()
        n = 0
        while futures:
            future = futures.pop()  # in order; the pool lets go of a result once it is taken
            for attempt in range(self.retries + 1):
                try:
                    result = future.result()
                except BrokenProcessPool as exc:  # a worker died: the pool takes no more work
                    raise _failed(exc, 0) from exc
                except Exception as exc:
                    if attempt == self.retries:
                        raise _failed(exc, self.retries) from exc
                    future = self.executor.submit(fn, items[n])
                    continue
                break
            n += 1
            yield result


@functools.cache
def _code() -> str:
    return source_digest()


@dataclass(frozen=True)
class Whole:
    """A Dask task's result, to be sent back in one piece. A list is not: Dask serializes each
    item of a list a task returns on its own (a pickle, a frame and a header an article, 2,642
    of each a corpus run, each read and unpickled in the client's event loop) and without the
    memo one pickle of the list shares (the locales, paths and rule names that repeat)."""

    value: Any


def run_checked(item: Any, fn: Callable[[Any], Any], digest: str, own: bool = False) -> Whole:
    """``fn(item)`` on a Dask worker, once the worker is known to run the client's code.
    ``own``: the worker is one of this run's local cluster, whose settings are the run's to
    make (a remote worker's process serves other clients too: its collector is left alone)."""
    here = _code()
    if here != digest:
        raise CodeMismatch(
            f"this worker runs other pipeline code (source digest {here[:12]}, the client's "
            f"{digest[:12]}): run the same package version on the client and every worker")
    if own:
        _first_batch_here()
    return Whole(fn(item))


@functools.cache
def _first_batch_here() -> None:
    """A process that runs Dask batches collects as the pool's workers do (``_worker_started``):
    at Dask's thresholds a local worker spent 0.045 s of a corpus run's CPU in the collector
    (227 young collections), at these 0.025 s (7)."""
    _worker_started()


@dataclass
class _Dask:
    batch_size: int
    retries: int
    client: Any  # a distributed.Client
    workers: int = 0  # worker threads, when the batches are to taper off (0: even batches)
    own: bool = False  # a local cluster of this run's (``run_checked``)

    def cut(self, items: Sequence[T]) -> list[Sequence[T]]:
        if self.workers:
            return tapering(items, self.batch_size, self.workers)
        return even(items, self.batch_size)

    def map(self, fn: Callable[[T], R], items: Sequence[T], first: Sequence[int] = ()
            ) -> Iterator[R]:
        # the scheduler starts the tasks as it sees fit, the batches tapering off at the end
        token = os.urandom(4).hex()
        # (item, fn, digest) remotely, as every release takes it: another reaches its digest check
        futures = self.client.map(
            run_checked, items, key=[f"pipeline-batch-{token}-{n}" for n in range(len(items))],
            fn=fn, digest=_code(), retries=self.retries, pure=False,
            **({"own": True} if self.own else {}))
        futures.reverse()
        while futures:
            future = futures.pop()  # dropped once read: the cluster lets go of its result
            try:
                result = future.result().value
            except Exception as exc:
                raise _failed(exc, self.retries) from exc
            yield result


@contextlib.contextmanager
def _dask_pool(spec: Spec, todo: int) -> Iterator[Pool]:
    """A client of the scheduler at ``spec.scheduler``, or of a cluster of ``spec.jobs``
    worker processes on this machine (on loopback; forked on Linux, which starts in a tenth of
    the time of spawned ones, and inherits the readers and rules loaded already)."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    # Our own local cluster, tuned for a few batches of pure Python that share this machine's
    # cores with it: no statistical profiler sampling the workers' stacks every 10 ms, no work
    # stealing (the scheduler hands tasks out as workers free up), and its housekeeping (the
    # event loops' 20 ms tick, the 100 ms memory and 500 ms system monitors) once a second:
    # idle, it took 6% of a core in this process and 2% in each worker, now 1%. A remote
    # cluster's workers are configured where they run (docs/distributed.md).
    local = {"distributed.worker.multiprocessing-method":
             "fork" if sys.platform.startswith("linux") else "spawn",
             "distributed.worker.profile.enabled": False,
             "distributed.scheduler.work-stealing": False,
             "distributed.admin.tick.interval": "1s",
             "distributed.admin.system-monitor.interval": "1s",
             "distributed.worker.memory.monitor-interval": "1s"}
    with contextlib.ExitStack() as stack:
        if spec.scheduler == "local":
            stack.enter_context(dask.config.set(local))
            # Dask's modules, loaded just now, live as long as the process: left out of the
            # collector's full walks, as the CLI does with what it loads first, the forked
            # workers do not touch, and so do not copy, the pages that hold them.
            gc.freeze()
        try:
            if spec.scheduler == "local":
                # Ctrl-C signals the group: blocked in the loop thread made here, the workers' fork
                held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    cluster = stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=max(spec.jobs, 1), threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address="127.0.0.1:0",
                        silence_logs=logging.ERROR))
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, held)
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            else:
                client = stack.enter_context(
                    Client(spec.scheduler, timeout=CONNECT_TIMEOUT))  # type: ignore[no-untyped-call]
            threads = sum(w.get("nthreads", 1)
                          for w in client.scheduler_info()["workers"].values())
        except OSError as exc:  # no scheduler at that address, or it did not answer
            raise RunFailed(f"cannot reach the Dask scheduler at {spec.scheduler}: {exc}") from exc
        if spec.say is not None:
            served = client.scheduler_info().get("services", {}).get("dashboard")
            spec.say(f"dask: {threads} worker threads at {client.scheduler.address}; " + (
                f"dashboard: {client.dashboard_link}" if served else
                "no dashboard (the scheduler needs bokeh: pip install bokeh)"))
        size = spec.batch_size or max(1, min(DASK_MAX_BATCH,
                                             -(-todo // (max(threads, 1) * _TASKS_PER_WORKER))))
        # a size asked for is kept; one chosen here tapers off at the end of the run
        yield _Dask(size, spec.retries, client, 0 if spec.batch_size else max(threads, 1),
                    own=spec.scheduler == "local")
