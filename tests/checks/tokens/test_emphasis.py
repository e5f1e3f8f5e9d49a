"""CommonMark emphasis pairing."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.emphasis import emphasis


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        pytest.param("**bold** text", ["**"], id="bold"),
        pytest.param("*a* and _b_ and __c__", ["*", "_", "__"], id="kinds"),
        pytest.param("** not bold**", [], id="space-after-opener"),
        pytest.param("**「設定」**を", [], id="punctuation-then-letter-cannot-close"),
        pytest.param("**設定**を", ["**"], id="cjk-letters-close"),
        pytest.param("snake_case_name", [], id="intraword-underscore"),
        pytest.param("a * b * c", [], id="spaced-stars"),
        pytest.param("\\*\\*x\\*\\*", [], id="escaped"),
        pytest.param("**a** **b**", ["**", "**"], id="two"),
        pytest.param("a** b **c", [], id="closer-before-opener"),
    ],
)
def test_emphasis_pairs_follow_flanking_rules(text: str, pairs: list[str]) -> None:
    assert emphasis(text)[0] == pairs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        pytest.param("**a** and ** b", 3, id="bold"),
        pytest.param("my_name_is _x_", 2, id="snake-case-not-counted"),
        pytest.param("\\*a\\*", 0, id="escaped-not-counted"),
    ],
)
def test_emphasis_counts_the_runs_that_could_emphasise(text: str, runs: int) -> None:
    assert emphasis(text)[1] == runs
