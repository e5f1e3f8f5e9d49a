"""The results as Markdown: the timing table, the goal verdicts and the machine."""

import os
import platform
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from measure import Run


@dataclass(frozen=True)
class Row:
    key: str  # what verdicts look rows up by: mdpo, tt, naive, regex, cold, noop, x4, j1, j2,
    # dask, dask-remote
    label: str
    run: Run | None  # None: not measured (its set-up failed)
    note: str

    @property
    def ok(self) -> bool:
        return self.run is not None and not self.note.startswith("FAILED")


@dataclass(frozen=True)
class Verdict:
    goal: str
    measured: str
    verdict: str  # pass, FAIL or n/a


def table(rows: list[Row]) -> str:
    base = next((r.run.wall for r in rows if r.key == "mdpo" and r.ok and r.run), None)
    lines = [
        "| tool | wall (s) | ratio to mdpo | CPU (s) | peak RSS (MB) | tree PSS (MB) | notes |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        if r.run is None:
            lines.append(f"| {r.label} | – | – | – | – | – | {r.note} |")
            continue
        ratio = f"{r.run.wall / base:.3f}" if base else "–"
        lines.append(f"| {r.label} | {r.run.wall:.2f} | {ratio} | {r.run.cpu:.2f} "
                     f"| {r.run.max_rss_mb:.1f} "
                     f"| {r.run.tree_mb:.1f} | {r.note} |")
    return "\n".join(lines)


def _ratio(rows: Mapping[str, Row], num: str, den: str, memory: str = "") -> float | None:
    """``num``'s wall time (or ``memory``: max_rss_mb, tree_mb) over ``den``'s."""
    a, b = rows.get(num), rows.get(den)
    if a is None or b is None or not (a.ok and b.ok) or a.run is None or b.run is None:
        return None
    if memory:
        return float(getattr(a.run, memory) / getattr(b.run, memory))
    return a.run.wall / b.run.wall


def _limit(goal: str, value: float | None, limit: float, shown: str) -> Verdict:
    if value is None:
        return Verdict(goal, "not measured", "n/a")
    return Verdict(goal, shown.format(value), "pass" if value <= limit else "FAIL")


def verdicts(rows: Mapping[str, Row], identical: bool | None, identical_note: str) -> list[Verdict]:
    found = [
        _limit("ours cold ≤ 1/10 of mdpo", _ratio(rows, "cold", "mdpo"), 1 / 10,
               "{:.3f} × mdpo"),
        _limit("no-op rerun ≤ 1/20 of ours cold", _ratio(rows, "noop", "cold"), 1 / 20,
               "{:.3f} × cold"),
        _limit("4x corpus time ≤ 4.4 × cold", _ratio(rows, "x4", "cold"), 4.4, "{:.2f} × cold"),
        _limit("4x corpus peak RSS ≤ 1.3 × cold peak", _ratio(rows, "x4", "cold", "max_rss_mb"),
               1.3, "{:.2f} × cold"),
    ]
    tree = _ratio(rows, "x4", "cold", "tree_mb")
    if tree is not None:  # shown, not judged: the pool's whole footprint, for context
        found[-1] = Verdict(found[-1].goal, f"{found[-1].measured} (tree PSS {tree:.2f} ×)",
                            found[-1].verdict)
    if identical is None:
        found.append(Verdict("-j 1 and -j 2 outputs byte-identical", identical_note, "n/a"))
    else:
        found.append(Verdict("-j 1 and -j 2 outputs byte-identical", identical_note,
                             "pass" if identical else "FAIL"))
    return found


DASK_ROWS = (("dask", "dask, local cluster (2 workers)"),
             ("dask-remote", "dask, scheduler + 2 workers on loopback"))


def dask_verdicts(rows: Mapping[str, Row],
                  same_bytes: Mapping[str, tuple[bool | None, str]]) -> list[Verdict]:
    """The Dask rows: at most 1.3 times the process pool's cold run, and -j 1's bytes."""
    found: list[Verdict] = []
    for key, label in DASK_ROWS:
        if key not in rows:
            continue
        found.append(_limit(f"{label} ≤ 1.3 × process pool cold", _ratio(rows, key, "cold"),
                            1.3, "{:.2f} × cold"))
        same, note = same_bytes.get(key, (None, "not measured"))
        found.append(Verdict(f"{label}: outputs byte-identical to -j 1", note,
                             "n/a" if same is None else "pass" if same else "FAIL"))
    return found


def verdict_table(found: list[Verdict]) -> str:
    lines = ["| goal | measured | verdict |", "|---|---|---|"]
    lines += [f"| {v.goal} | {v.measured} | {v.verdict} |" for v in found]
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _python_version(python: str) -> str:
    done = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def _commit(repo: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(repo), *args],
                              capture_output=True, text=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # Others edit pipeline/ while the bench runs: say when the numbers are not for HEAD alone.
    dirty = git("status", "--porcelain", "--", "pipeline")
    return f"{head} + uncommitted changes in pipeline/" if dirty else head


def machine(python: str, repo: Path, versions: Mapping[str, str],
            load_before: str, load_after: str) -> str:
    affinity = len(os.sched_getaffinity(0))
    tools = ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) or "not measured"
    return "\n".join([
        f"- nproc: {affinity} (of {os.cpu_count()} CPUs); CPU: {_cpu_model()}",
        f"- Python {_python_version(python)} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- load average (1, 5, 15 min) before: {load_before}; after: {load_after}",
        f"- competitors (bench/.venv): {tools}",
        f"- pipeline commit: {_commit(repo)}",
    ])


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
