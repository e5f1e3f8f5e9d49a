"""Article structure: every pair whole and consistent, front matter in step with its folder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.article import Article
from pipeline.checks.base import Check, Options, quote

# the span reader's own problems (Article.problems): their ids live with the other input ids
from pipeline.checks.inputs import (
    MALFORMED_SPAN,
    NESTED_SPAN,
    UNCLOSED_SPAN,
    UNPAIRED_LOOKUP,
    UNPAIRED_TRANSLATION,
)
from pipeline.checks.rule import ArticleRule, article_rule
from pipeline.findings import Severity

E = Severity.ERROR

REQUIRED_KEYS = (
    "ms.contentlocale", "ms.translationtype", "ms.sourcegitcommit", "ms.openlocfilehash",
    "ms.lasthandoff",
)
_PREFIX = re.compile(r"([^-]+)-")

Out = Iterator[tuple[int, int, str | None, str]]


def _reported(check: Check) -> ArticleRule:
    """The rule for a problem the article reader found while reading the spans."""

    def fn(article: Article, options: Options) -> Out:
        for f in article.problems:
            if f.check == check.id:
                yield f.line, f.column, f.segment, f.message

    return ArticleRule(check, fn)


@article_rule(
    "span-id-mismatch", "structure", E,
    "the translation span's data-ttu-id differs from the lookup's data-stu-id",
    "both spans of a pair carry the same id",
)
def id_mismatch(article: Article, options: Options) -> Out:
    for seg in article.segments:
        if seg.id != seg.lookup_id:
            yield seg.line, seg.column, seg.id, (
                f"translation span {seg.id} is paired with lookup span {seg.lookup_id}"
            )


@article_rule(
    "duplicate-id", "structure", E,
    "the same segment id twice with different English",
    "ids are unique per segment; ask for a fresh handoff of the article",
)
def duplicate_id(article: Article, options: Options) -> Out:
    first: dict[str, tuple[str, int]] = {}
    for seg in article.segments:
        prior = first.setdefault(seg.id, (seg.source, seg.line))
        if prior[0] != seg.source:
            yield seg.line, seg.column, seg.id, (
                f"id {seg.id} also on line {prior[1]} with other English: "
                f"{quote(prior[0], 50)} here {quote(seg.source, 50)}"
            )


@article_rule(
    "mixed-id-prefix", "structure", E,
    "more than one id prefix in one article (pieces of several handoffs)",
    "an article comes from one handoff; ask for a fresh handoff of the article",
)
def mixed_prefix(article: Article, options: Options) -> Out:
    segments = article.segments
    m = _PREFIX.match(segments[0].id) if segments else None
    if m is not None:  # nearly every article: each id starts with the first one's prefix
        head = m.group(0)
        if all(seg.id.startswith(head) for seg in segments):
            return
    prefixes: dict[str, int] = {}
    for seg in segments:
        m = _PREFIX.match(seg.id)
        prefix = m.group(1) if m else seg.id
        if prefixes and prefix not in prefixes:
            first = next(iter(prefixes))
            yield seg.line, seg.column, seg.id, (
                f"id prefix {prefix!r} differs from the article's {first!r} (line "
                f"{prefixes[first]})"
            )
        prefixes.setdefault(prefix, seg.line)


@article_rule(
    "locale-mismatch", "structure", E,
    "ms.contentlocale disagrees with the locale folder the article is in",
    "move the article to the right locale folder or correct ms.contentlocale",
)
def locale_mismatch(article: Article, options: Options) -> Out:
    value = article.meta.get("ms.contentlocale")
    if value is None:
        return
    if value.strip().lower() != article.locale.lower():
        yield article.meta_lines["ms.contentlocale"], 1, None, (
            f"ms.contentlocale is {value!r} but the article is in the {article.locale!r} folder"
        )


@article_rule(
    "missing-loc-keys", "structure", E,
    "front matter lacks localization keys the handoff always writes",
    "restore the ms.* keys from the delivery",
)
def missing_keys(article: Article, options: Options) -> Out:
    if not article.meta and article.body_start == 0:
        return  # an include file: no front matter at all is its normal state
    missing = [k for k in REQUIRED_KEYS if not (article.meta.get(k) or "").strip()]
    if missing:
        yield 1, 1, None, f"front matter lacks {', '.join(missing)}"


# The structure rules in the order they run and are listed.
RULES: tuple[ArticleRule, ...] = (
    *(_reported(c) for c in (MALFORMED_SPAN, UNPAIRED_TRANSLATION, UNPAIRED_LOOKUP, UNCLOSED_SPAN,
                             NESTED_SPAN)),
    id_mismatch,
    duplicate_id,
    mixed_prefix,
    locale_mismatch,
    missing_keys,
)
