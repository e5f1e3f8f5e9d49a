"""The progress bar: drawn on a terminal after a second, never on a pipe or with -q."""

from __future__ import annotations

import io

import pytest

from pipeline import progress
from pipeline.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(progress.time, "monotonic", c)
    return c


def test_bar_appears_on_a_terminal_after_a_second_and_is_cleared(clock: Clock) -> None:
    term = Terminal()
    bar = Progress(10, term)
    bar.advance()
    assert term.getvalue() == ""  # a short run shows nothing
    clock.now += 1.5
    bar.advance()
    assert "2/10 articles" in term.getvalue()
    bar.close()
    assert term.getvalue().endswith("\r\033[K")


def test_no_bar_when_output_is_not_a_terminal(clock: Clock) -> None:
    pipe = io.StringIO()
    bar = Progress(10, pipe)
    clock.now += 5
    for _ in range(10):
        bar.advance()
    bar.close()
    assert pipe.getvalue() == ""


def test_no_bar_when_quiet(clock: Clock) -> None:
    term = Terminal()
    bar = Progress(10, term, enabled=False)
    clock.now += 5
    bar.advance()
    bar.close()
    assert term.getvalue() == ""
