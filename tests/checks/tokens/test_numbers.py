"""Locale-proof numbers."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.numbers import numbers


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param("1,000", "1.000", id="dot-grouping"),
        pytest.param("1,000", "1 000", id="space-grouping"),
        pytest.param("1,000", "1\u202f000", id="narrow-nbsp-grouping"),
        pytest.param("1,000", "١٬٠٠٠", id="arabic-indic"),
        pytest.param("1.5", "1,5", id="decimal-comma"),
        pytest.param("300K", "30万", id="myriad"),
        pytest.param("6 P.M.", "18:00", id="twelve-hour"),
    ],
)
def test_numbers_compare_equal_across_locales(english: str, translation: str) -> None:
    assert numbers(english, english=True)[1] == numbers(translation, english=False)[1]


def test_numbers_ignore_urls_code_and_entities() -> None:
    assert numbers("[v](https://x/2020) `42` &#40; 7", english=False) == (["7"], ["7"])
