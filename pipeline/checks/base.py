"""What a check is, and the options that tune the checks. Checks are plain functions registered
by name in ``pipeline.checks`` (no discovery by reflection)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from pipeline.findings import Severity

if TYPE_CHECKING:  # types only: importing base (for Options) must not load the article reader
    from pipeline.article import Article
    from pipeline.catalog import Catalog, Message
    from pipeline.merge import Key


@dataclass(frozen=True, slots=True)
class Check:
    id: str  # stable, kebab-case
    topic: str  # structure | sync | fidelity | safety
    severity: Severity  # default; configurable
    summary: str
    hint: str


@dataclass(frozen=True, slots=True)
class LinkRewrite:
    """A locale rewrite allowed in link targets, e.g. '/en-us/' -> '/{locale}/'."""

    source: str
    target: str  # may hold {locale} (as in the article's folder, lower case)

    def apply(self, url: str, locale: str) -> str:
        return url.replace(self.source, self.target.replace("{locale}", locale.lower()))


DEFAULT_REWRITES = (LinkRewrite("/en-us/", "/{locale}/"),)


@dataclass(frozen=True)
class Options:
    select: frozenset[str] = frozenset()  # empty: all
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    link_rewrites: tuple[LinkRewrite, ...] = DEFAULT_REWRITES
    locale: str = ""  # set per article, for link rewrites

    def enabled(self, check: Check) -> bool:
        if check.id in self.ignore:
            return False
        return not self.select or check.id in self.select

    def severity(self, check: Check) -> Severity:
        return self.severities.get(check.id, check.severity)


# A segment rule looks at one English source and one translation (catalog forms) and yields
# a message per problem. Pure string functions: render reuses them to decide what is safe.
SegmentFn = Callable[[str, str, Options], Iterable[str]]


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """A segment rule, with what it needs to find anything at all.

    A rule reports either only on a translation that differs from its English (most), or only
    on one identical to it (``identical``). Of a differing pair it can report something only
    when the English holds one of ``source_needs`` or the translation one of
    ``translation_needs``; with both empty it always runs. The checker skips a rule whose needs
    are absent: most segments are plain sentences that hold none of a rule's characters, and
    calling 21 functions on each of them was most of the check time."""

    check: Check
    fn: SegmentFn
    source_needs: str = ""
    translation_needs: str = ""
    identical: bool = False

    @property
    def gated(self) -> bool:
        return bool(self.source_needs or self.translation_needs)


# An article rule yields (line, column, segment id or None, message).
ArticleFn: TypeAlias = "Callable[[Article, Options], Iterable[tuple[int, int, str | None, str]]]"


@dataclass(frozen=True, slots=True)
class ArticleRule:
    check: Check
    fn: ArticleFn


@dataclass(frozen=True, slots=True)
class Pairing:
    """An article beside its catalog, aligned once for all the catalog rules."""

    article: Article
    catalog: Catalog
    po_path: str
    keys: Sequence[Key]  # each segment's catalog key
    entries: Sequence[Message | None]  # each segment's active entry, or None
    # active entries by the segment ids in their comments, for the segments without an entry
    # (empty when every segment has one)
    by_id: Mapping[str, Message]
    complete: bool = False  # every segment has an entry


# A catalog rule compares an article with its catalog; it yields (file, line, column, segment,
# message) so that findings existing only in the catalog point at the catalog's line.
CatalogFn = Callable[[Pairing, Options], Iterable[tuple[str, int, int, str | None, str]]]


@dataclass(frozen=True, slots=True)
class CatalogRule:
    check: Check
    fn: CatalogFn


def quote(text: str, width: int = 80) -> str:
    """A short, unambiguous quotation of a piece of text for messages."""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return repr(text)


_WORD = re.compile(r"[^\W\d_]{2,}")


def has_words(text: str) -> bool:
    return _WORD.search(text) is not None


def diff_multiset(src: Iterable[str], tr: Iterable[str]) -> tuple[list[str], list[str]]:
    """(missing from translation, added by translation), order kept, counting repeats."""
    remaining: dict[str, int] = {}
    for item in tr:
        remaining[item] = remaining.get(item, 0) + 1
    missing: list[str] = []
    for item in src:
        if remaining.get(item, 0):
            remaining[item] -= 1
        else:
            missing.append(item)
    added: list[str] = []
    for item in tr:
        if remaining.get(item, 0):
            remaining[item] -= 1
            added.append(item)
    return missing, added


def iter_missing_added(
    what: str, src: Iterable[str], tr: Iterable[str]
) -> Iterator[str]:
    missing, added = diff_multiset(list(src), list(tr))
    if missing:
        yield f"{what} missing from the translation: {', '.join(quote(m, 60) for m in missing)}"
    if added:
        yield f"{what} added by the translation: {', '.join(quote(a, 60) for a in added)}"
