"""The engine under the fuzz targets: atheris when it is installed, hypothesis otherwise.

A target is a function of bytes that returns normally or raises the project's InputError; any
other exception, or an input taking longer than ``SLOW`` seconds, is a failure. With hypothesis,
``@given`` runs in rounds until the time is up, each round on fresh random inputs; a failure is
shrunk to a small input and printed, and the script exits 1.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SLOW = 2.0  # seconds for one input: far above any real file, far below a hang

Target = Callable[[bytes], None]


def timed(target: Target) -> Target:
    def run(data: bytes) -> None:
        started = time.perf_counter()
        target(data)
        elapsed = time.perf_counter() - started
        if elapsed > SLOW:
            raise AssertionError(f"{len(data)} bytes took {elapsed:.2f}s")
    return run


def seeds(*patterns: str) -> list[bytes]:
    """Real inputs to mutate: the repository's articles and catalogs, and the bad corpus."""
    found = sorted({p for pattern in patterns for p in REPO.glob(pattern) if p.is_file()})
    return [p.read_bytes()[:20_000] for p in found]


def mutated(originals: Sequence[bytes]) -> st.SearchStrategy[bytes]:
    """A real input with a few bytes deleted, inserted or replaced here and there."""
    edit = st.tuples(st.integers(0, 1 << 20), st.integers(0, 16), st.binary(max_size=12))

    def apply(base: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
        data = bytearray(base)
        for pos, cut, insert in edits:
            at = pos % (len(data) + 1)
            data[at : at + cut] = insert
        return bytes(data)

    return st.builds(apply, st.sampled_from(list(originals)), st.lists(edit, max_size=6))


def pieces(fragments: Sequence[bytes], max_size: int = 60) -> st.SearchStrategy[bytes]:
    """Inputs glued from fragments of the format: near-valid text reaches the deep code."""
    return st.lists(st.sampled_from(list(fragments)), max_size=max_size).map(b"".join)


def main(name: str, target: Target, inputs: st.SearchStrategy[bytes],
         argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"fuzz_{name}", description=f"fuzz the {name} reader")
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument("--engine", choices=("auto", "hypothesis", "atheris"), default="auto")
    args = parser.parse_args(argv)
    checked = timed(target)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") is not None else "hypothesis"
    if engine == "atheris":
        atheris = importlib.import_module("atheris")
        atheris.Setup([sys.argv[0], f"-max_total_time={max(1, int(args.seconds))}"], checked)
        atheris.Fuzz()
        return 0

    count = 0

    @settings(max_examples=250, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
    @given(inputs)
    def round_(data: bytes) -> None:
        nonlocal count
        count += 1
        checked(data)

    deadline = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < deadline or rounds == 0:
        try:
            round_()
        except Exception as exc:
            print(f"fuzz_{name}: FAILED after {count} inputs: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            return 1
        rounds += 1
    print(f"fuzz_{name}: {count} inputs in {rounds} rounds, {args.seconds:g}s: no failure",
          file=sys.stderr)
    return 0
