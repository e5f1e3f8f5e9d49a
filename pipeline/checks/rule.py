"""What a rule is: a segment rule (one English and its translation), an article rule, and a
catalog rule (an article beside its catalog). Kept apart from ``base``: a run with nothing to
do needs the options and the check ids, not these.

A rule is declared once, on its function, with its check id, topic, severity, summary and hint
(and, for a segment rule, what it needs to find anything)::

    @segment_rule("newline-added", "fidelity", Severity.ERROR,
                  "a line break the English does not have", "keep the translation on ...",
                  translation_needs="\\n")
    def newline_added(source: str, translation: str, options: Options) -> Messages: ...

The decorator turns the function into its rule; each rule module lists its rules, in the order
they run and are listed, in one ``RULES`` table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from pipeline.checks.base import Check, Options
from pipeline.findings import Severity

if TYPE_CHECKING:  # types only: the rules' shapes must not load the article reader
    from pipeline.article import Article
    from pipeline.catalog import Catalog, Message
    from pipeline.catalog.keys import Key

# A segment rule looks at one English source and one translation (catalog forms) and yields
# a message per problem. Pure string functions: render reuses them to decide what is safe.
SegmentFn = Callable[[str, str, Options], Iterable[str]]
Messages = Sequence[str]  # what the segment rules return
NONE: tuple[str, ...] = ()  # no message: one shared empty tuple


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """A segment rule, with what it needs to find anything at all.

    A rule reports either only on a translation that differs from its English (most), or only
    on one identical to it (``identical``). Of a differing pair it can report something only
    when the English holds one of ``source_needs`` or the translation one of
    ``translation_needs``, or, for a rule about the texts' edges (``edges``), when their edges
    are not plain (``plain_edges``); with no needs at all it always runs. The checker skips a
    rule whose needs are absent: most segments are plain sentences that hold none of a rule's
    characters, and calling 21 functions on each of them was most of the check time.

    ``source_tokens`` and ``translation_tokens`` are needs of two characters or more, for a rule
    that needs a character only as part of them: ':' only in '://' or ':::' (most sentences
    with a colon are prose: 'Note: …'), 'w' only in 'ww.' ('www.')."""

    check: Check
    fn: SegmentFn
    source_needs: str = ""
    translation_needs: str = ""
    identical: bool = False
    edges: bool = False
    source_tokens: tuple[str, ...] = ()
    translation_tokens: tuple[str, ...] = ()

    @property
    def gated(self) -> bool:
        return bool(self.source_needs or self.translation_needs or self.edges
                    or self.source_tokens or self.translation_tokens)

    def __call__(self, source: str, translation: str, options: Options) -> Iterable[str]:
        return self.fn(source, translation, options)


def segment_rule(
    id: str, topic: str, severity: Severity, summary: str, hint: str, *,
    source_needs: str = "", translation_needs: str = "", identical: bool = False,
    edges: bool = False, source_tokens: tuple[str, ...] = (),
    translation_tokens: tuple[str, ...] = (),
) -> Callable[[SegmentFn], SegmentRule]:
    """Make the decorated function a SegmentRule of a new check (see SegmentRule for the
    needs)."""
    check = Check(id, topic, severity, summary, hint)

    def make(fn: SegmentFn) -> SegmentRule:
        return SegmentRule(check, fn, source_needs, translation_needs, identical, edges,
                           source_tokens, translation_tokens)

    return make


# Letters that show nothing (Hangul fillers): a translation of them looks blank.
FILLERS = "\u115f\u1160\u3164\uffa0"


def plain_edges(source: str, translation: str) -> bool:
    """Whether the two texts' edges are plain: no white space at either end of either, a
    translation that starts with a letter that shows (which opens no Markdown block) and ends
    with no URL scheme cut short. Most segments are; on them the edge rules
    (``SegmentRule.edges``) find nothing."""
    first = translation[:1]
    return (first.isalpha() and first not in FILLERS and not translation[-1].isspace()
            and not source[:1].isspace() and not source[-1:].isspace()
            and translation[-2:].lower() not in _SCHEME_CUTS)


# the last two letters of 'http', 'https' or 'ftp' cut short ('Siehe http' for the pair after
# it to finish with 's://…'): an edge the rule for open markup reads, with no ':', '/' or 'w'
_SCHEME_CUTS = frozenset(("ht", "tt", "tp", "ps", "ft"))


# An article rule yields (line, column, segment id or None, message).
ArticleFn: TypeAlias = "Callable[[Article, Options], Iterable[tuple[int, int, str | None, str]]]"


@dataclass(frozen=True, slots=True)
class ArticleRule:
    check: Check
    fn: ArticleFn


def article_rule(
    id: str, topic: str, severity: Severity, summary: str, hint: str
) -> Callable[[ArticleFn], ArticleRule]:
    """Make the decorated function an ArticleRule of a new check."""
    check = Check(id, topic, severity, summary, hint)

    def make(fn: ArticleFn) -> ArticleRule:
        return ArticleRule(check, fn)

    return make


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
    # The line an entry starts on in the catalog file. The reader's line (``Message.line``)
    # unless the run rewrote the file, where merged entries know no line of their own.
    entry_line: Callable[[Message], int] = lambda msg: msg.line or 1


# A catalog rule compares an article with its catalog; it yields (file, line, column, segment,
# message) so that findings existing only in the catalog point at the catalog's line.
CatalogFn = Callable[[Pairing, Options], Iterable[tuple[str, int, int, str | None, str]]]


@dataclass(frozen=True, slots=True)
class CatalogRule:
    check: Check
    fn: CatalogFn


def catalog_rule(
    id: str, topic: str, severity: Severity, summary: str, hint: str
) -> Callable[[CatalogFn], CatalogRule]:
    """Make the decorated function a CatalogRule of a new check."""
    check = Check(id, topic, severity, summary, hint)

    def make(fn: CatalogFn) -> CatalogRule:
        return CatalogRule(check, fn)

    return make
