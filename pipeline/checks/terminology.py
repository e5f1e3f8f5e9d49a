"""Terminology: product names kept as they are (no-loc) and each locale's glossary followed.

The rules read the run's terms from ``Options.terms`` (see ``pipeline.terms``), which
``for_article`` extends with the article's own ``no-loc`` front matter list. They run beside the
segment rules, only when there are terms: a run without terminology pays nothing for them.
An error here holds the translation back from publishing, as every segment error does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.checks.base import Options, quote
from pipeline.checks.rule import NONE, Messages, SegmentRule, segment_rule
from pipeline.findings import Severity
from pipeline.terms import Terms, front_matter_terms

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.checks.base import Check

Issues = tuple[tuple["Check", Severity, str], ...]


@segment_rule(
    "no-loc-changed", "terminology", Severity.ERROR,
    "a term that is never translated (no-loc) is missing from the translation",
    "keep the term exactly as the English writes it; it is a name, not a word to translate",
)
def no_loc_changed(source: str, translation: str, options: Options) -> Messages:
    terms = options.terms
    if terms is None:
        return NONE
    return tuple(f"no-loc term {quote(t, 60)} of the English is missing from the translation"
                 for t in terms.no_loc_missing(source, translation))


@segment_rule(
    "glossary-term", "terminology", Severity.WARNING,
    "a glossary term of the English whose required translation the translation lacks",
    "use the glossary's translation of the term (glossary/<locale>.csv or .tbx)",
)
def glossary_term(source: str, translation: str, options: Options) -> Messages:
    terms = options.terms
    if terms is None:
        return NONE
    return tuple(
        f"glossary: {quote(english, 50)} is translated as "
        f"{' or '.join(quote(r, 50) for r in required)}, which the translation lacks"
        for english, required in terms.glossary_missing(options.locale, source, translation))


RULES: tuple[SegmentRule, ...] = (no_loc_changed, glossary_term)


def for_article(options: Options, article: Article) -> Options:
    """``options`` for one article: its own no-loc terms added to the run's."""
    extra = front_matter_terms(article)
    if not extra:
        return options
    terms = options.terms.with_article(extra) if options.terms else Terms(extra)
    return replace(options, terms=terms)


def active(options: Options) -> tuple[tuple[SegmentRule, Severity], ...]:
    """The terminology rules to run under ``options`` (none without terms): all of them,
    whatever is selected, since selection decides what is reported, never what a page shows
    (``publish.judge`` reports only the enabled ones)."""
    terms = options.terms
    if terms is None or not terms.has_any(options.locale):
        return ()
    return tuple((r, options.severity(r.check)) for r in RULES)


def issues(rules: tuple[tuple[SegmentRule, Severity], ...], source: str, translation: str,
           options: Options) -> Issues:
    """What ``rules`` (from ``active``) find in a translation; nothing in an empty or
    unchanged one (untranslated and the other checks speak for those)."""
    if not translation or translation == source:
        return ()
    return tuple((r.check, sev, m) for r, sev in rules for m in r.fn(source, translation,
                                                                    options))
