"""The word a typo most likely meant, for usage errors (``--fromat``, ``po-sintax``)."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` is a near miss of, or None: only a close one (difflib's ratio of
    0.75: one or two letters swapped, dropped or added), as a wrong guess sends one astray."""
    import difflib  # on the error path only

    found = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.75)
    return found[0] if found else None


def did_you_mean(words: Iterable[str], choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the first of ``words`` with a close choice, or ''."""
    pool = sorted(set(choices))
    for word in words:
        near = closest(word, pool)
        if near is not None:
            return f" (did you mean {near}?)"
    return ""
