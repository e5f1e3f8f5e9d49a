"""A segment's markup as the inline codes of a handoff (``pipeline.handoff.codes``)."""

from __future__ import annotations

import time

import pytest

from pipeline.handoff.codes import codes, pieces


@pytest.mark.parametrize(("text", "tag"), [
    ('See <a title=">" href="a.md">the guide</a>.', '<a title=">" href="a.md">'),
    ("See <img alt='a > b' src=\"x.png\"/> here.", "<img alt='a > b' src=\"x.png\"/>"),
])
def test_a_tag_whose_quoted_value_holds_a_gt_is_one_code_with_its_target(
        text: str, tag: str) -> None:
    """Read to its first '>', the tag's href was text a CAT tool let the translator edit."""
    assert tag in codes(text)
    assert "".join(p for _, p in pieces(text)) == text


def test_a_tag_left_open_is_read_as_before_and_in_linear_time() -> None:
    assert codes('Click <a title="x>here</a>.') == ['<a title="x>', "</a>"]
    timings = []
    for n in (5000, 20000):
        text = '<a b="' * n
        began = time.perf_counter()
        codes(text)
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5
