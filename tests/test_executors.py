"""The same run on the process pool and on a Dask cluster: the same bytes, findings and
summary as one process; a lost worker or a store that fails once heals; Dask stays optional."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pipeline import executors
from pipeline.cli import main
from pipeline.config import ConfigError, from_table
from pipeline.layout import Layout

distributed = pytest.importorskip("distributed", reason="the dask extra: pip install '.[dask]'")
fsspec = pytest.importorskip("fsspec", reason="the dask extra: pip install '.[dask]'")
from fsspec.implementations.memory import MemoryFileSystem  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"
SAMPLE_PER_LOCALE = 6  # 60 articles over the corpus's ten locales


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """An in-process cluster (threads): starts in a few hundredths of a second."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address="127.0.0.1:0") as local:
        yield local.scheduler_address


def corpus_sample(dest: Path) -> None:
    """Articles spread over each locale of the shared corpus, as one content tree."""
    corpus = CORPUS
    if not corpus.is_dir():
        pytest.skip(f"SHARED CORPUS NOT FOUND at {corpus}: corpus tests skipped")
    for locale in sorted(p for p in corpus.iterdir() if p.is_dir()):
        files = sorted(locale.rglob("*.md"))
        for path in files[:: max(1, len(files) // SAMPLE_PER_LOCALE)][:SAMPLE_PER_LOCALE]:
            target = dest / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def content_fixture(dest: Path) -> None:
    shutil.copytree(REPO / "content", dest)


class Run:
    """A `locales` run in a folder of its own, on relative roots: its findings name the same
    paths as any other run's."""

    def __init__(self, rc: int, out: str, err: str, folder: Path) -> None:
        self.rc, self.findings, self.err = rc, out, err
        self.files = {p.relative_to(folder).as_posix(): p.read_bytes()
                      for p in sorted(folder.rglob("*"))
                      if p.is_file() and p.parts[len(folder.parts)] in ("locales", "build")
                      and not p.name.startswith(".")}
        found = re.findall(r"^\d+ articles, .* written", err, re.M)
        self.summary = found[-1] if found else ""


ARGS = ["locales", "--content", "content", "--locales", "locales", "--out", "build",
        "--format", "json"]


def run_in(folder: Path, fill: Any, capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch, *more: str) -> Run:
    folder.mkdir()
    fill(folder / "content")
    monkeypatch.chdir(folder)
    capsys.readouterr()
    rc = main([*ARGS, *more])
    done = capsys.readouterr()
    return Run(rc, done.out, done.err, folder)


def same(one: Run, two: Run) -> None:
    assert (two.rc, two.summary) == (one.rc, one.summary)
    assert sorted(two.files) == sorted(one.files)
    assert two.files == one.files
    assert two.findings == one.findings  # the JSON, byte for byte: the same order too


@pytest.mark.parametrize("fill", [content_fixture, corpus_sample], ids=["content", "corpus"])
def test_dask_writes_the_bytes_and_findings_of_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    cluster: str, fill: Any,
) -> None:
    one = run_in(tmp_path / "one", fill, capsys, monkeypatch, "-j", "1")
    pool = run_in(tmp_path / "pool", fill, capsys, monkeypatch, "-j", "2", "--batch-size", "3")
    dask = run_in(tmp_path / "dask", fill, capsys, monkeypatch, "--executor", "dask",
                  "--scheduler", cluster, "--batch-size", "3")
    assert one.files and one.summary
    same(one, pool)
    same(one, dask)
    assert f"pipeline: dask: 2 worker threads at {cluster}" in dask.err


def test_worker_processes_of_a_local_cluster_write_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Worker processes: everything a task takes and gives is pickled (threads share it)."""
    one = run_in(tmp_path / "one", corpus_sample, capsys, monkeypatch, "-j", "1")
    folder = tmp_path / "procs"
    folder.mkdir()
    corpus_sample(folder / "content")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *ARGS, "--executor", "dask", "--scheduler", "local",
         "-j", "2", "--batch-size", "5"],
        cwd=folder, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    procs = Run(done.returncode, done.stdout, done.stderr, folder)
    same(one, procs)
    assert re.search(r"^pipeline: dask: 2 worker threads at tcp://127\.0\.0\.1:\d+; ",
                     done.stderr, re.M), done.stderr


def _crash_mid_write(marker: str) -> None:
    """Armed on one worker: its first batch writes half of its files, then the process dies
    (once: the marker says it happened)."""
    from pipeline import job

    real = job.write_seen

    def crashing(writes: Any, as_read: Any = None, fences: Any = None) -> Any:
        if len(writes) > 1 and not os.path.exists(marker):
            open(marker, "w").close()
            half = len(writes) // 2
            real(writes[:half], {n: b for n, b in (as_read or {}).items() if n < half},
                 {n: f for n, f in (fences or {}).items() if n < half})
            os._exit(1)
        return real(writes, as_read, fences)

    job.write_seen = crashing  # type: ignore[assignment]


def test_a_worker_killed_mid_write_still_gives_complete_identical_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lost worker's batch is recomputed elsewhere: it finds half of its files written,
    and writes the same bytes again (--retries 0: Dask reschedules a lost worker's task of
    its own; retries are for batches that raise)."""
    import cloudpickle

    one = run_in(tmp_path / "one", corpus_sample, capsys, monkeypatch, "-j", "1")
    marker = tmp_path / "crashed"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address="127.0.0.1:0") as local, \
                distributed.Client(local) as client:
            first = sorted(client.scheduler_info()["workers"])[0]
            client.run(_crash_mid_write, str(marker), workers=[first])
            killed = run_in(tmp_path / "killed", corpus_sample, capsys, monkeypatch,
                            "--executor", "dask", "--scheduler", local.scheduler_address,
                            "--batch-size", "4", "--retries", "0")
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert marker.exists(), "no worker was killed"
    assert killed.rc == one.rc, killed.err
    assert killed.files == one.files
    assert killed.findings == one.findings
    # the counts of files written may be lower: the lost attempt wrote some of them already
    assert killed.summary.split(";")[0] == one.summary.split(";")[0]
    assert not list((tmp_path / "killed").rglob("*.tmp"))


class Flaky(MemoryFileSystem):  # type: ignore[misc]
    """A memory store whose first put fails as a lost connection does."""

    protocol = "flaky"
    store: ClassVar[dict[str, Any]] = {}
    pseudo_dirs: ClassVar[list[str]] = [""]
    failures: ClassVar[int] = 0

    @classmethod
    def _strip_protocol(cls, path: str) -> str:
        return str(super()._strip_protocol(path.removeprefix("flaky://")))

    def pipe_file(self, path: str, value: bytes, *args: Any, **kwargs: Any) -> None:
        if Flaky.failures:
            Flaky.failures -= 1
            raise ConnectionError("connection reset by peer")
        super().pipe_file(path, value, *args, **kwargs)


fsspec.register_implementation("flaky", Flaky, clobber=True)


@pytest.mark.parametrize("executor", ["process", "dask"])
def test_a_store_that_fails_once_is_healed_by_retries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    cluster: str, executor: str,
) -> None:
    one = run_in(tmp_path / "one", content_fixture, capsys, monkeypatch, "-j", "1")
    memory = fsspec.filesystem("memory")
    for path in sorted((REPO / "content").rglob("*.md")):
        memory.pipe_file(f"/heal/content/{path.relative_to(REPO / 'content').as_posix()}",
                         path.read_bytes())
    more = ["--scheduler", cluster] if executor == "dask" else []
    argv = ["locales", "--content", "memory://heal/content", "--locales", "flaky://heal/locales",
            "--out", "flaky://heal/build", "--executor", executor, "-j", "1", *more]
    try:
        Flaky.store.clear()
        Flaky.failures = 1
        capsys.readouterr()
        assert main(argv) == one.rc
        assert Flaky.failures == 0
        assert capsys.readouterr().err.splitlines()[-1].split(";")[0] == \
            one.summary.split(";")[0]
        fs = fsspec.filesystem("flaky")
        written = {p.removeprefix("/heal/"): fs.cat_file(p) for p in sorted(fs.find("/heal"))}
        assert written == one.files

        Flaky.store.clear()
        Flaky.failures = 1  # once too often for no retries: the run stops, with one line
        assert main([*argv, "--retries", "0"]) == 3
        err = capsys.readouterr().err
        assert "pipeline: error: a batch failed (no retries): Unavailable" in err
        assert "connection reset by peer" in err and "Traceback" not in err
    finally:
        memory.rm("/heal", recursive=True)
        Flaky.store.clear()


def _fails_first(path: str) -> str:
    """Raises the first time it is called for ``path`` (in any process), then returns it."""
    if not os.path.exists(path):
        open(path, "w").close()
        raise OSError("the first attempt fails")
    return path


def test_the_process_pool_retries_a_batch_that_raised(tmp_path: Path) -> None:
    items = [str(tmp_path / f"item-{n}") for n in range(8)]
    spec = executors.Spec(jobs=2, retries=1, batch_size=1)
    with executors.open_pool(spec, 8) as pool:
        assert list(pool.map(_fails_first, items)) == items
    with executors.open_pool(executors.Spec(jobs=2, retries=0, batch_size=1), 8) as pool, \
            pytest.raises(executors.RunFailed, match="the first attempt fails"):
        list(pool.map(_fails_first, [str(tmp_path / "new")] * 2))


def _note_start(item: tuple[str, int]) -> int:
    path, n = item
    with open(path, "a") as fh:
        fh.write(f"{n}\n")
    return n


class _Recorder:
    """A stand-in executor that records the order of submission and runs each item here."""

    def __init__(self) -> None:
        self.submitted: list[int] = []

    def submit(self, fn: Callable[[int], int], item: int) -> Future[int]:
        self.submitted.append(item)
        done: Future[int] = Future()
        done.set_result(fn(item))
        return done


def test_the_process_pool_starts_the_batches_in_article_order(tmp_path: Path) -> None:
    """The first batches go to the pool first: findings stream out as the run goes, and the
    pool holds few results (it used to start with the last batch and hold them all). The order
    of submission is what the pool decides; when each batch starts is the workers' timing (on a
    loaded machine one worker did 13 before the other took the first)."""
    recorder = _Recorder()
    pool = executors._Processes(1, 0, recorder)
    assert list(pool.map(lambda n: n * 2, list(range(40)))) == [n * 2 for n in range(40)]
    assert recorder.submitted == list(range(40))
    log = str(tmp_path / "started")
    items = [(log, n) for n in range(40)]
    with executors.open_pool(executors.Spec(jobs=2, batch_size=1), 40) as real:
        assert list(real.map(_note_start, items)) == list(range(40))
    assert sorted(int(n) for n in Path(log).read_text().split()) == list(range(40))


def test_the_process_pool_starts_the_heavy_batches_first_and_gives_results_in_order(
        tmp_path: Path) -> None:
    """The heavy batches go to the pool first. (When each one starts is the workers' timing:
    on a loaded machine the second worker can begin after the first has done several; the
    order of submission is what the pool decides.)"""
    recorder = _Recorder()
    pool = executors._Processes(1, 0, recorder)
    assert list(pool.map(lambda n: n * 2, list(range(40)), [37, 38])) == \
        [n * 2 for n in range(40)]
    assert recorder.submitted == [37, 38, *range(37), 39]
    log = str(tmp_path / "started")
    items = [(log, n) for n in range(40)]
    with executors.open_pool(executors.Spec(jobs=2, batch_size=1), 40) as real:
        assert list(real.map(_note_start, items, [37, 38])) == list(range(40))


@pytest.mark.parametrize("weights, workers, first", [
    ([10, 10, 10, 10, 200, 10], 2, [4]),  # one batch of a huge page: started first
    ([10, 150, 10, 10, 300, 10, 10, 10], 2, [4, 1]),  # the heaviest of the heavy first
    ([10] * 8, 2, []),  # even batches: article order
    ([10, 10, 10, 10, 200, 10], 1, []),  # one worker: order changes nothing
    ([1, 100], 2, []),  # no more batches than workers: every batch starts at once
    ([0, 0, 0, 0], 2, []),  # nothing known of their sizes (a remote tree)
    ([1000, 1000, 1000, 1000, 1000, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2,
     [0, 1, 2, 3]),  # many heavy ones: two a worker move, the rest keep their order
])
def test_heavy_first_picks_the_few_batches_far_heavier_than_the_rest(
        weights: list[int], workers: int, first: list[int]) -> None:
    assert executors.heavy_first(weights, workers) == first


class _Recorded:
    """A stand-in process pool that records its size and runs the work here."""

    sizes: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, initializer: Any = None, initargs: Any = ()) -> None:
        self.sizes.append(max_workers)

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future

        done: Future[Any] = Future()
        done.set_result(fn(*args))
        return done

    def __enter__(self) -> _Recorded:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_huge_jobs_count_forks_no_more_workers_than_cores_allow_or_batches_need(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """-j 100000 forked a hundred thousand processes up front and took the machine's memory."""
    import concurrent.futures

    from pipeline.config import MAX_JOBS_PER_CORE, cpu_count

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _Recorded)
    _Recorded.sizes.clear()
    with executors.open_pool(executors.Spec(jobs=100_000, batch_size=2), 10):
        pass
    assert _Recorded.sizes == [5]  # five batches of two articles
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    _Recorded.sizes.clear()
    assert main(["check", "-q", "-j", "100000", "--batch-size", "1"]) in (0, 1)
    assert _Recorded.sizes and max(_Recorded.sizes) <= MAX_JOBS_PER_CORE * cpu_count()


def test_a_worker_that_runs_other_code_is_refused() -> None:
    assert executors.run_checked(3, str, executors._code()).value == "3"
    with pytest.raises(executors.CodeMismatch, match="same package version"):
        executors.run_checked(3, str, "0" * 32)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
        (["--batch-size", "-1"], "--batch-size must be 0 or more (0: chosen per run)"),
        (["--retries", "-1"], "--retries must be 0 or more"),
    ],
)
def test_bad_executor_options_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--content", str(REPO / "content"), *argv]) == 2
    assert capsys.readouterr().err.strip() == f"pipeline: error: {message}"


def test_asking_for_dask_without_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(executors, "dask_missing", lambda: True)
    assert main(["check", "--content", str(REPO / "content"), "--executor", "dask"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "--executor dask needs Dask" in err[0] and "pip install '.[dask]'" in err[0]


def test_the_process_executor_loads_neither_dask_nor_fsspec(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    probe = ("import sys\nfrom pipeline.cli import main\n"
             "main(['locales', '--content', 'content', '-j', '2', '-q'])\n"
             "print(' '.join(m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.split() == []


def test_batch_size_0_on_the_command_line_means_chosen_per_run_as_in_the_settings(
    tmp_path: Path,
) -> None:
    """A settings file's fixed size is undone for one run by --batch-size 0."""
    config = from_table({"batch-size": 50}, "pyproject.toml", frozenset)
    args = argparse.Namespace(executor=None, scheduler=None, batch_size=0, retries=None)
    layout = Layout(tmp_path / "content", tmp_path / "locales", tmp_path / "build")
    assert executors.spec_of(args, config, 1, layout, None).batch_size == 0
    assert executors.spec_of(argparse.Namespace(executor=None, scheduler=None, batch_size=None,
                                                retries=None),
                             config, 1, layout, None).batch_size == 50


def test_the_executor_settings_are_read_and_checked() -> None:
    config = from_table({"executor": "dask", "batch-size": 200, "retries": 5},
                        "pyproject.toml", frozenset)
    assert (config.executor, config.batch_size, config.retries) == ("dask", 200, 5)
    with pytest.raises(ConfigError, match='executor must be "process" or "dask"'):
        from_table({"executor": "spark"}, "pyproject.toml", frozenset)
    with pytest.raises(ConfigError, match="retries must be a whole number"):
        from_table({"retries": -1}, "pyproject.toml", frozenset)


def test_a_dask_run_with_chosen_batches_writes_the_bytes_and_findings_of_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    cluster: str,
) -> None:
    """No --batch-size: the batches taper off at the end of the run, the output does not."""
    one = run_in(tmp_path / "one", corpus_sample, capsys, monkeypatch, "-j", "1")
    seen: list[int] = []
    cut = executors._Dask.cut

    def noted(self: executors._Dask, items: Any) -> Any:
        runs = cut(self, items)
        seen.extend(len(run) for run in runs)
        return runs

    monkeypatch.setattr(executors._Dask, "cut", noted)
    dask = run_in(tmp_path / "dask", corpus_sample, capsys, monkeypatch, "--executor", "dask",
                  "--scheduler", cluster)
    same(one, dask)
    assert sum(seen) == int(one.summary.split()[0])  # every article, once
    assert seen[0] > seen[-1]  # tapered


def test_dask_batches_hold_a_few_hundred_articles_at_most(cluster: str) -> None:
    sizes = {}
    for todo in (10, 2_000, 1_000_000):
        with executors.open_pool(executors.Spec("dask", scheduler=cluster), todo) as pool:
            sizes[todo] = pool.batch_size
    assert sizes == {10: 1, 2_000: 125, 1_000_000: executors.DASK_MAX_BATCH}


def test_a_scheduler_that_cannot_be_reached_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:9")  # discard: nobody there
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    assert main(["check", "--content", str(REPO / "content"), "--executor", "dask"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("pipeline: error: cannot reach the Dask scheduler at "
                              "tcp://127.0.0.1:9")
    assert json.dumps(err)  # one line each, no traceback
    assert not any("Traceback" in line for line in err)


@pytest.mark.parametrize(("n", "size", "workers"),
                         [(2642, 166, 2), (60, 4, 2), (100_000, 250, 8), (7, 3, 2), (1, 1, 1)])
def test_chosen_dask_batches_taper_off_and_keep_every_article_in_order(
    n: int, size: int, workers: int,
) -> None:
    runs = executors.tapering(list(range(n)), size, workers)
    assert [i for run in runs for i in run] == list(range(n))
    sizes = [len(run) for run in runs]
    assert max(sizes) <= size and min(sizes) >= 1
    assert sizes == sorted(sizes, reverse=True)  # never growing
    if n >= 4 * size * workers:  # a long run: mostly whole batches, and short ones at the end
        assert sizes[0] == size and sizes[-2] <= -(-size // 8) + 1
        assert len(runs) <= 1.5 * -(-n // size)


def test_the_process_pools_batches_taper_off_so_no_whole_batch_runs_alone_at_the_end() -> None:
    """Even batches ended a -j run with one worker on a whole batch (a slow one three times the
    average) while the other was done; the process pool's batches now shrink with the work
    left, consecutive, every article kept in order."""
    with executors.open_pool(executors.Spec(jobs=2), 2642) as pool:
        runs = pool.cut(list(range(2642)))
    sizes = [len(run) for run in runs]
    assert [i for run in runs for i in run] == list(range(2642))
    assert sizes[0] == 24 and sizes[-2] <= 3 and sizes == sorted(sizes, reverse=True)
    assert 24 > sizes[-6] > sizes[-2]  # shrinking over the last batches, not one short one
    with executors.open_pool(executors.Spec(jobs=1), 2642) as serial:
        assert {len(run) for run in serial.cut(list(range(2642)))[:-1]} == {24}


def test_a_local_dask_worker_collects_garbage_as_seldom_as_a_pool_worker() -> None:
    """A worker of the run's own local cluster takes the pool workers' collector thresholds;
    a remote worker's process, which serves other clients too, is left as it is."""
    before = gc.get_threshold()
    executors._first_batch_here.cache_clear()
    gc.set_threshold(700, 10, 10)
    try:
        executors._worker_started()
        pool_worker = gc.get_threshold()
        gc.set_threshold(700, 10, 10)
        assert executors.run_checked(3, str, executors._code()).value == "3"
        assert gc.get_threshold() == (700, 10, 10)  # a remote worker's
        assert executors.run_checked(3, str, executors._code(), own=True).value == "3"
        assert gc.get_threshold() == pool_worker != (700, 10, 10)
    finally:
        gc.set_threshold(*before)
        executors._first_batch_here.cache_clear()


def test_a_dask_batch_comes_back_in_one_piece() -> None:
    """Dask serializes each item of a list a task returns on its own when msgpack comes before
    pickle in its serializers (a pickle, a frame and a header an article, each unpickled in the
    client's event loop): a batch's result is one pickle, whatever the order."""
    from distributed.protocol.serialize import deserialize, serialize

    batch = [(f"fr-FR/a{n}.md", "fr-FR", ("error", "rule")) for n in range(5)]
    result = executors.run_checked(batch, list, executors._code())
    for serializers in (["dask", "msgpack", "pickle"], ["dask", "pickle", "msgpack"]):
        header, frames = serialize(result, serializers=serializers)
        assert len(frames) == 1
        assert deserialize(header, frames).value == batch


class _PreviousRelease:
    """A remote cluster whose workers run the release before: their ``run_checked`` takes
    ``(item, fn, digest)`` and nothing more, and refuses the client's digest."""

    def map(self, func: Callable[..., Any], items: list[Any], *, key: list[str], retries: int,
            pure: bool, **kwargs: Any) -> list[Future[Any]]:
        def run_checked(item: Any, fn: Callable[[Any], Any], digest: str) -> Any:
            raise executors.CodeMismatch("this worker runs other pipeline code: run the same "
                                         "package version on the client and every worker")

        futures = []
        for item in items:
            future: Future[Any] = Future()
            try:
                future.set_result(run_checked(item, **kwargs))
            except Exception as exc:  # as a worker's error comes back
                future.set_exception(exc)
            futures.append(future)
        return futures


def test_a_remote_worker_of_an_earlier_release_is_named_as_other_code() -> None:
    """A task for a remote worker calls ``run_checked`` as every release's takes it: with the
    local cluster's ``own`` passed to every task, a worker of the release before failed on
    the call (`TypeError: run_checked() got an unexpected keyword argument 'own'`), never
    reaching the check that says to run the same version everywhere."""
    pool = executors._Dask(1, 0, _PreviousRelease())
    with pytest.raises(executors.RunFailed, match="same package version"):
        list(pool.map(str, [1]))


def test_a_local_dask_worker_leaves_ctrl_c_to_the_run(
        capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C signals the whole process group: each worker of the run's own local cluster died
    of it, printing `Process Dask Worker process (from Nanny): Traceback … CancelledError`,
    as the process pool's did before it (``lock.process_pool``). The run takes the interrupt;
    its workers ignore it."""
    import signal
    import time

    with executors.open_pool(executors.Spec("dask", jobs=1), 4) as pool:
        client = pool.client  # type: ignore[attr-defined]
        (pid,) = client.run(os.getpid).values()
        os.kill(pid, signal.SIGINT)
        time.sleep(1.0)
        stat = Path(f"/proc/{pid}/stat")  # (a dead worker is reaped, or a zombie: Z)
        alive = stat.is_file() and stat.read_text().rpartition(")")[2].split()[0] != "Z"
        # bounded: a worker dying of it leaves a task waiting (the whole suite hung on it)
        serving = client.submit(os.getpid, pure=False).result(timeout=30) if alive else None
        if serving == pid:
            assert list(pool.map(str, [1, 2])) == ["1", "2"]
    assert alive
    assert serving == pid
    assert "Traceback" not in capfd.readouterr().err
