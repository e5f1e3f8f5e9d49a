"""``make bench``: time the pipeline against mdpo, Translate Toolkit and two baselines.

    .venv/bin/python bench/run.py [--quick] [--only TOOL]... [--runs N]

Every measurement is a fresh process (see measure.py); inputs are cached under $TMPDIR
(prepare.py); scratch outputs go to a temporary folder removed at the end. The table is printed
and written to bench/results.md. See bench/README.md for what each row means.
"""

import argparse
import contextlib
import hashlib
import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import cluster
import report
import toolenv
from measure import Run, measure, tool_environment
from prepare import Inputs, cache_root, prepare
from report import Row

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"
TOOLS = ("mdpo", "tt", "naive", "regex", "ours")
COMPETITORS = {
    "mdpo": "mdpo md2po + po2md",
    "tt": "Translate Toolkit md2po + po2md",
    "naive": "naive: regex + polib per article",
    "regex": "bare regex scan",
}
# `locales` exits 1 when the articles have error findings (the corpus has some): still a run.
OURS_OK = (0, 1)
CLUSTER = "{cluster}"  # in a row's arguments: the loopback cluster's address
NOOP_REPEAT = 5
_SUMMARY = re.compile(r"(\d+) articles, (\d+) segments, (\d+) errors")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="a 10%% sample of the corpus, for trying the bench out")
    p.add_argument("--only", action="append", choices=TOOLS, metavar="|".join(TOOLS),
                   help="measure only this tool (repeatable; default: all)")
    p.add_argument("--runs", type=int, default=5,
                   help="best of N runs per row (default 5: one run swings by a third here)")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help="bilingual sxs tree, <locale>/... (default: ../shared/corpus/bilingual)")
    p.add_argument("--timeout", type=float, default=1800,
                   help="seconds before one run is killed (default 1800)")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be 1 or more")
    if not args.corpus.is_dir():
        p.error(f"no corpus at {args.corpus} (give --corpus DIR)")
    return args


def _project_python() -> str:
    """The interpreter that runs ``python -m pipeline``: the project venv's when present."""
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _fresh(path: Path) -> Path:
    """A new, empty folder for one run's outputs. Outputs stay until the whole bench ends: on
    ext4 without a journal (this machine's) the inodes of files deleted in the last minute are
    skipped when new files are created, so removing one run's thousands of files made the next
    run's file creation several times slower (its system time tripled)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _tree_digest(root: Path) -> tuple[str, int]:
    """sha256 over every published file's relative path and bytes, in sorted order; and the
    file count. Dot files are left out: they are the pipeline's run state (its cache records
    mtimes and inode numbers), which differs between any two runs by design."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*")
                   if p.is_file() and not any(part.startswith(".")
                                              for part in p.relative_to(root).parts))
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest(), len(files)


@dataclass
class _Spec:
    """A row being measured: one attempt per round, the best kept (a failed attempt ends it)."""

    key: str
    label: str
    attempt: Callable[[int], Run]
    ok: Callable[[Run], bool]
    note: Callable[[Run], str]
    runs: list[Run] = field(default_factory=list)
    failed: Run | None = None
    repeat: int = 1  # attempts per round


class Bench:
    def __init__(self, args: argparse.Namespace, inputs: Inputs, scratch: Path,
                 bench_python: str | None) -> None:
        self.args = args
        self.inputs = inputs
        self.scratch = scratch
        self.bench_python = bench_python
        self.python = _project_python()
        self.rows: list[Row] = []
        self.identical: bool | None = None
        self.identical_note = "not measured"
        self.kept: dict[str, Path] = {}  # the first attempt's work folder of ours' rows
        self.cluster_address = ""  # the loopback Dask cluster's, while it runs
        self.same_bytes: dict[str, tuple[bool | None, str]] = {}  # dask rows against -j 1

    def _measure(self, name: str, cmd: list[str], cwd: Path) -> Run:
        run = measure(cmd, cwd, self.scratch / f"{name}.log", self.args.timeout)
        _say(f"{name}: {run.wall:.2f} s (CPU {run.cpu:.2f} s), peak RSS {run.max_rss_mb:.0f} MB, "
             f"tree PSS {run.tree_mb:.0f} MB, exit {run.returncode}")
        return run

    # -- the competitors ---------------------------------------------------------------

    def competitor(self, tool: str) -> _Spec:
        assert self.bench_python is not None
        # mdpo and TT translate English Markdown; the baselines read the sxs articles as we do.
        src = self.inputs.english if tool in ("mdpo", "tt") else self.inputs.corpus
        counts: dict[str, object] = {}

        def attempt(i: int) -> Run:
            out = _fresh(self.scratch / f"{tool}-{i}")
            result = self.scratch / f"{tool}-{i}.json"
            run = self._measure(f"{tool}-{i}", [
                str(self.bench_python), str(BENCH / "workloads.py"), tool, str(src), str(out),
                str(result),
            ], self.scratch)
            if result.is_file():
                counts.update(json.loads(result.read_text()))
            return run

        return _Spec(tool, COMPETITORS[tool], attempt, lambda r: r.returncode == 0,
                     lambda run: self._competitor_note(tool, run, counts))

    def _competitor_note(self, tool: str, run: Run, counts: dict[str, object]) -> str:
        if run.timed_out or run.returncode != 0:
            return self._failed(tool, run)
        files = counts.get("files", "?")
        errors = counts.get("errors")
        parts: list[str] = []
        if isinstance(errors, dict):
            parts += [f"{phase}: {n} of {files} files failed" for phase, n in errors.items()]
        if "pairs" in counts:
            parts.append(f"{counts['pairs']} pairs")
        samples = counts.get("samples")
        for sample in samples if isinstance(samples, list) else []:
            _say(f"{tool} failure: {sample}")
        return "; ".join(parts)

    def _failed(self, name: str, run: Run) -> str:
        """The note for a failed run; its log's tail goes to stderr (scratch is removed)."""
        tail = run.log.read_text(errors="replace").splitlines()[-15:]
        _say(f"{name} FAILED; last lines of its output:\n  " + "\n  ".join(tail))
        if run.timed_out:
            return f"FAILED: killed after {self.args.timeout:.0f} s"
        return f"FAILED: exit {run.returncode}"

    # -- ours ------------------------------------------------------------------------------

    def _ours_cmd(self, content: Path, work: Path, jobs: int | None,
                  extra: tuple[str, ...] = ()) -> list[str]:
        cmd = [self.python, "-m", "pipeline", "locales", "--content", str(content),
               "--locales", str(work / "locales"), "--out", str(work / "out")]
        cmd += [self.cluster_address if word == CLUSTER else word for word in extra]
        return cmd + (["-j", str(jobs)] if jobs is not None else [])

    def _ours_note(self, key: str, run: Run) -> str:
        if run.timed_out or run.returncode not in OURS_OK:
            return self._failed(key, run)
        found = _SUMMARY.findall(run.log.read_text(errors="replace"))
        if not found:
            return f"exit {run.returncode}"
        articles, segments, errors = found[-1]
        return f"{articles} articles, {segments} segments, {errors} error findings"

    def ours_cold(self, key: str, label: str, content: Path, jobs: int | None,
                  extra: tuple[str, ...] = (),
                  around: Callable[[int], contextlib.AbstractContextManager[None]] | None = None,
                  ) -> _Spec:
        """A run on empty locales and out folders; the first attempt's folders are kept (for
        the no-op rerun and the -j comparison). ``around``: what each attempt runs inside,
        untimed (the loopback cluster)."""

        def attempt(i: int) -> Run:
            work = _fresh(self.scratch / f"{key}-{i}")
            if i == 0:
                self.kept[key] = work
            with around(i) if around is not None else contextlib.nullcontext():
                return self._measure(f"{key}-{i}", self._ours_cmd(content, work, jobs, extra),
                                     REPO)

        return _Spec(key, label, attempt, lambda r: r.returncode in OURS_OK,
                     lambda run: self._ours_note(key, run))

    def ours_noop(self) -> _Spec:
        """The same command again over the folders the first cold run left: nothing changed.
        NOOP_REPEAT runs a round: it lasts a tenth of a second, so a hiccup of the machine of a
        few hundredths, which is lost in a run of seconds, weighs on it by a fifth; the best of
        more runs is what a short command is measured by (as hyperfine or timeit do)."""
        samples = itertools.count()

        def attempt(_: int) -> Run:
            cmd = self._ours_cmd(self.inputs.corpus, self.kept["cold"], None)
            return self._measure(f"noop-{next(samples)}", cmd, REPO)

        return _Spec("noop", "ours: no-op rerun", attempt, lambda r: r.returncode in OURS_OK,
                     lambda run: self._ours_note("noop", run), repeat=NOOP_REPEAT)

    def compare_dask(self, ok: set[str]) -> None:
        """Each Dask row's tree against -j 1's: the same bytes, or the row is no goal met."""
        base = self.kept.get("j1") if "j1" in ok else None
        for key in ("dask", "dask-remote"):
            if key not in self.kept:
                continue
            if base is None or key not in ok:
                self.same_bytes[key] = (None, "a run failed")
                continue
            (d1, n1), (d2, n2) = _tree_digest(base), _tree_digest(self.kept[key])
            self.same_bytes[key] = (d1 == d2, f"{n2} files, sha256 {d2[:12]}" if d1 == d2
                                    else f"-j1 {n1} files {d1[:12]} vs {n2} files {d2[:12]}")
            _say(f"-j1 vs {key} outputs: {'identical' if d1 == d2 else 'DIFFERENT'}")

    def compare(self, one: Path | None, two: Path | None) -> None:
        if one is None or two is None:
            self.identical_note = "a run failed"
            return
        d1, n1 = _tree_digest(one)
        d2, n2 = _tree_digest(two)
        self.identical = d1 == d2
        self.identical_note = (f"{n1} files, sha256 {d1[:12]}" if self.identical
                               else f"-j1 {n1} files {d1[:12]} vs -j2 {n2} files {d2[:12]}")
        _say(f"-j1 vs -j2 outputs: {'identical' if self.identical else 'DIFFERENT'}")

    def ours(self) -> list[_Spec]:
        corpus, cores = self.inputs.corpus, len(os.sched_getaffinity(0))
        # Bytecode written beforehand, as an install writes it for the competitors' packages.
        subprocess.run([self.python, "-m", "compileall", "-q", str(REPO / "pipeline")],
                       check=True, env=tool_environment(), stdout=subprocess.DEVNULL)
        specs = [
            self.ours_cold("cold", f"ours: cold (-j default: {cores} cores)", corpus, None),
            self.ours_noop(),
            self.ours_cold("x4", "ours: 4x corpus, cold", self.inputs.content4x, None),
            self.ours_cold("j1", "ours: cold -j 1", corpus, 1),
            self.ours_cold("j2", "ours: cold -j 2", corpus, 2),
            *self.english(),
        ]
        if not cluster.has_dask(self.python):
            _say("dask rows left out: the dask extra is not installed (pip install '.[dask]')")
            return specs
        return [*specs, self.ours_cold(
            "dask", "ours: cold, --executor dask --scheduler local (2 workers)", corpus, 2,
            ("--executor", "dask", "--scheduler", "local"),
        ), self.ours_cold(
            "dask-remote", "ours: cold, dask scheduler + 2 dask workers on 127.0.0.1", corpus,
            None, ("--executor", "dask", "--scheduler", CLUSTER), self._loopback_cluster,
        )]

    @contextlib.contextmanager
    def _loopback_cluster(self, i: int) -> Iterator[None]:
        """The loopback cluster, up and warm, for one run of its row. It runs for that run
        alone: idle, its five processes take a tenth of a core (the event loops' ticks, the
        monitors), which every other row would pay on this 2-core machine. Warm, as a
        deployment's cluster is once it has run a job: an untimed run over the same corpus
        first (a run over content/ alone left it about 0.6 s slower than a cluster that had
        run the corpus before)."""
        with cluster.loopback_cluster(self.python, REPO, self.scratch / "cluster",
                                      tool_environment()) as address:
            self.cluster_address = address
            _say(f"dask cluster on loopback: {address}")
            warm = _fresh(self.scratch / f"dask-warm-{i}")
            subprocess.run(self._ours_cmd(self.inputs.corpus, warm, None,
                                          ("--executor", "dask", "--scheduler", address)),
                           cwd=REPO, env=tool_environment(), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            try:
                yield
            finally:
                self.cluster_address = ""

    def english(self) -> list[_Spec]:
        """The English-driven run (bench/english.py): per locale of the English corpus, a tree
        holding only the English and the catalogs extracted from its handoffs, ``locales``
        cold on each; beside it the sxs path cold on the same handoffs. One row a kind: the
        locale trees run one after the other in one measured shell."""
        corpus = self.args.corpus.parent
        if not (corpus / "english" / "MANIFEST.tsv").is_file():
            return []
        import english  # the bench's own module: loads the pipeline, only when measured

        trees = english.build_trees(corpus, self.scratch / "english-trees", self.python)
        articles = sum(len(t.rels) for t in trees)

        def spec(key: str, label: str, content: str, catalogs: bool) -> _Spec:
            def attempt(i: int) -> Run:
                cmds = []
                for tree in trees:
                    work = english.fresh_work(tree, self.scratch / f"{key}-{i}-{tree.locale}",
                                              tree.catalogs if catalogs else None)
                    root = tree.english if content == "english" else tree.handoffs
                    cmds.append(" ".join(map(shlex.quote, english.locales_cmd(
                        self.python, root, work))))
                # exit 1 is a run with error findings (the corpus has some): still a run
                script = "\n".join(f"{c} || {{ rc=$?; [ $rc -eq 1 ] || exit $rc; }}"
                                   for c in cmds)
                return self._measure(f"{key}-{i}", ["sh", "-c", script], REPO)

            def note(run: Run) -> str:
                if run.timed_out or run.returncode != 0:
                    return self._failed(key, run)
                return (f"{articles} articles in {len(trees)} locale trees: "
                        f"{1000 * run.wall / articles:.2f} ms an article")

            return _Spec(key, label, attempt, lambda r: r.returncode == 0, note)

        return [
            spec("english", "ours: English-driven cold (English + catalogs of its handoffs)",
                 "english", True),
            spec("english-sxs", "ours: sxs cold on the same handoffs", "handoffs", False),
        ]

    def run(self, tools: list[str]) -> None:
        """Every row once per round, rounds repeated: the machine's speed drifts over minutes,
        and interleaving lets the drift fall on every row alike, where measuring one tool's
        runs back to back let it fall on one tool's ratio."""
        specs: list[_Spec] = []
        for tool in tools:
            specs.extend(self.ours() if tool == "ours" else [self.competitor(tool)])
        self._rounds(specs)
        self._finish(specs, tools)

    def _rounds(self, specs: list[_Spec]) -> None:
        for i in range(self.args.runs):
            for spec in specs:
                if spec.failed is not None or (spec.key == "noop" and not _done(specs, "cold")):
                    continue
                for _ in range(spec.repeat):
                    run = spec.attempt(i)
                    if not spec.ok(run):
                        spec.failed = run
                        break
                    spec.runs.append(run)

    def _finish(self, specs: list[_Spec], tools: list[str]) -> None:
        for spec in specs:
            if spec.failed is None and not spec.runs:
                continue  # never ran (its cold run failed)
            run = spec.failed or min(spec.runs, key=lambda r: r.wall)
            self.rows.append(Row(spec.key, spec.label, run, spec.note(run)))
        if "ours" in tools:
            ok = {s.key for s in specs if s.failed is None and s.runs}
            self.compare(self.kept.get("j1") if "j1" in ok else None,
                         self.kept.get("j2") if "j2" in ok else None)
            self.compare_dask(ok)


def _done(specs: list[_Spec], key: str) -> bool:
    return any(s.key == key and s.runs and s.failed is None for s in specs)


def _document(args: argparse.Namespace, inputs: Inputs, bench: Bench, versions: dict[str, str],
              load_before: str) -> str:
    keyed = {r.key: r for r in bench.rows}
    sample = "a 10% sample of " if args.quick else ""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n\n".join([
        "# Benchmark results",
        f"{when}. Inputs: {sample}the sxs corpus `{args.corpus}`: {inputs.files} articles, "
        f"{inputs.megabytes:.1f} MB; mdpo and Translate Toolkit get their English "
        f"({inputs.english_by}). Best of {args.runs} run(s) per row (the no-op rerun: of "
        f"{args.runs * NOOP_REPEAT}, {NOOP_REPEAT} a round); every run is a fresh "
        "process. Peak RSS: the largest single process; tree PSS: the whole process tree, "
        "sampled (see bench/README.md).",
        report.table(bench.rows),
        "## Goals",
        report.verdict_table(report.verdicts(keyed, bench.identical, bench.identical_note)
                             + report.dask_verdicts(keyed, bench.same_bytes)),
        "## Machine",
        report.machine(bench.python, REPO, versions, load_before, report.load_average()),
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    tools = [t for t in TOOLS if not args.only or t in args.only]
    load_before = report.load_average()
    bench_python: str | None = None
    versions: dict[str, str] = {}
    if any(t != "ours" for t in tools):
        bench_python = str(toolenv.ensure())
        versions = toolenv.installed(list(toolenv.pins()))
    started = time.monotonic()
    inputs = prepare(args.corpus, args.quick, _project_python(), REPO)
    _say(f"inputs: {inputs.files} articles, {inputs.megabytes:.1f} MB, English by "
         f"{inputs.english_by}")
    cache_root().mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=cache_root()))
    try:
        bench = Bench(args, inputs, scratch, bench_python)
        bench.run(tools)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    document = _document(args, inputs, bench, versions, load_before)
    print(document)
    (BENCH / "results.md").write_text(document)
    _say(f"done in {time.monotonic() - started:.0f} s; written to {BENCH / 'results.md'}")
    return 1 if any(not r.ok for r in bench.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
