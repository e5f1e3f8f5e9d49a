"""A locale's memory: for each English, its translations ranked; and the English sorted by
length for close matches.

Exact match: agreement is counted in articles (each catalog or TMX file one voice), not
entries: one article repeating a table cell under eleven msgctxt is one decision, and must not
outvote ten articles. Where reviewed articles are at least half of those holding the English,
the translation most reviewed articles agree on comes first (the reviewers decide); where it
is mostly unreviewed (machine translation), the one most articles agree on, reviewed articles
breaking the tie: a lone reviewed variant is no reason to depart from what every other
article says. Then entries (reviewed, all), then code-point order, so that ties never depend
on the order catalogs were read. Its origin is the first article (in path order) holding it
reviewed, else the first holding it at all. ``bench/memory.py`` measures the rule against the
plain majority of entries.

Close match: rapidfuzz's ``fuzz.ratio`` (2 x the longest common subsequence over the total
length, the measure of difflib's ``SequenceMatcher.ratio`` computed exactly and in C++). A
ratio of at least t needs the lengths within a factor (2 - t) / t of each other, so only
that band of the length-sorted English is scored, capped at ``CAP`` candidates nearest in
length.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pipeline.memory.rows import COPY, OBSOLETE, Row

CAP = 4000  # candidates scored per lookup at most
MIN_CLOSE = 12  # English shorter than this gets no close match: a few edits change its sense


class Choice(NamedTuple):
    target: str
    reviewed: int  # entries holding this translation reviewed
    total: int  # entries holding it at all
    origin: str
    articles: int = 1  # articles (catalogs, TMX files) holding it at all
    reviewed_articles: int = 0  # articles holding it reviewed


class Match(NamedTuple):
    choice: Choice
    source: str  # the memory's English
    similarity: int  # percent, rounded down; 100: exact


class Index:
    """Built once per locale and run; looked up for every entry left untranslated."""

    def __init__(self, choices: dict[str, tuple[Choice, ...]]) -> None:
        self.choices = choices
        close = sorted((s for s in choices if len(s) >= MIN_CLOSE), key=lambda s: (len(s), s))
        self.sources = close
        self.lengths = [len(s) for s in close]

    def __len__(self) -> int:
        return len(self.choices)

    def exact(self, source: str) -> tuple[Choice, ...]:
        return self.choices.get(source, ())

    def close(self, source: str, threshold: float, limit: int = 3) -> list[Match]:
        """The best close matches (not the English itself), best first."""
        n = len(source)
        if n < MIN_CLOSE or not self.sources:
            return []
        t = min(max(threshold, 0.01), 1.0)
        lo, hi = math.ceil(n * t / (2 - t)), math.floor(n * (2 - t) / t)
        i, j = bisect_left(self.lengths, lo), bisect_right(self.lengths, hi)
        if j - i > CAP:  # keep the CAP candidates nearest in length
            mid = bisect_left(self.lengths, n, i, j)
            i = max(i, min(mid - CAP // 2, j - CAP))
            j = i + CAP
        if i >= j:
            return []
        from rapidfuzz import fuzz, process

        found = process.extract(source, self.sources[i:j], scorer=fuzz.ratio,
                                 score_cutoff=100 * t, limit=limit + 1)
        out = []
        for text, score, _ in found:
            if text == source:
                continue
            out.append(Match(self.choices[text][0], text, min(99, int(score))))
        return out[:limit]


class _Votes:
    """How the articles of the memory hold one translation of one English. Origins come in
    order: a new one is a new article."""

    __slots__ = ("articles", "first", "first_reviewed", "last", "last_reviewed", "reviewed",
                 "reviewed_articles", "total")

    def __init__(self, origin: str, reviewed: bool) -> None:
        self.reviewed, self.total = int(reviewed), 1
        self.articles, self.reviewed_articles = 1, int(reviewed)
        self.first = self.last = origin
        self.first_reviewed = self.last_reviewed = origin if reviewed else ""

    def add(self, origin: str, reviewed: bool) -> None:
        self.total += 1
        if origin != self.last:
            self.articles += 1
            self.last = origin
        if reviewed:
            self.reviewed += 1
            self.first_reviewed = self.first_reviewed or origin
            if origin != self.last_reviewed:
                self.reviewed_articles += 1
                self.last_reviewed = origin


def build(sources: Iterable[tuple[str, Sequence[Row]]]) -> Index:
    """The index of rows from each origin (an article, or a TMX file). An obsolete row
    counts only for English no active row has, as unreviewed: an old text never outvotes
    a current one (kept aside and counted last: no cost where there is none)."""
    votes: dict[str, dict[str, _Votes]] = {}
    copied: set[str] = set()
    late: list[tuple[str, str, str]] = []  # obsolete rows (origin, English, text), in order
    for origin, rows in sorted(sources, key=lambda item: item[0]):
        for source, target, reviewed in rows:
            if reviewed == COPY:  # the memory's own text, kept as filled: no voice of its own
                copied.add(source)
                continue
            if reviewed == OBSOLETE:
                late.append((origin, source, target))
                continue
            by_target = votes.get(source)
            if by_target is None:
                by_target = votes[source] = {}
            v = by_target.get(target)
            if v is None:
                by_target[target] = _Votes(origin, bool(reviewed))
            else:
                v.add(origin, bool(reviewed))
    active = set(votes) | copied if late else copied
    for origin, source, target in late:
        if source in active:
            continue
        by_target = votes.setdefault(source, {})
        v = by_target.get(target)
        if v is None:
            by_target[target] = _Votes(origin, False)
        else:
            v.add(origin, False)
    choices: dict[str, tuple[Choice, ...]] = {}
    for source, by_target in votes.items():
        ranked = [Choice(target, v.reviewed, v.total, v.first_reviewed or v.first, v.articles,
                         v.reviewed_articles) for target, v in by_target.items()]
        if len(ranked) > 1:  # (an article holding the English two ways counts for each)
            reviewers = sum(c.reviewed_articles for c in ranked)
            ranked.sort(key=_reviewers_first if 2 * reviewers >= sum(c.articles for c in ranked)
                        else _most_articles_first)
        choices[source] = tuple(ranked)
    return Index(choices)


def _reviewers_first(c: Choice) -> tuple[int, int, int, int, str]:
    return (-c.reviewed_articles, -c.articles, -c.reviewed, -c.total, c.target)


def _most_articles_first(c: Choice) -> tuple[int, int, int, int, str]:
    return (-c.articles, -c.reviewed_articles, -c.reviewed, -c.total, c.target)
