"""The run over a tree: what the parent process keeps of each article."""

from __future__ import annotations

from pipeline.checks.tree import Edition
from pipeline.runner import one_copy


def _fresh(text: str) -> str:
    """An equal string that is not the same object, as unpickling a worker's result makes."""
    return "".join(list(text))


def test_the_editions_a_run_keeps_share_their_repeated_strings() -> None:
    """A run keeps one Edition an article: its locale, commit, date and path repeat across a
    tree, and each comes from a worker as a fresh copy."""
    strings: dict[str, str] = {}
    values = ("docs/a.md", "fr-FR", "0123456789abcdef", "4f2e" * 10, "2021-03-04")
    first = one_copy(Edition(*map(_fresh, values)), strings)
    second = one_copy(Edition(*map(_fresh, values)), strings)
    assert first == second == Edition(*values)
    assert all(a is b for a, b in zip(first, second, strict=True))
    other = one_copy(Edition("docs/b.md", *map(_fresh, values[1:])), strings)
    assert other.rel == "docs/b.md" and other.locale is first.locale
