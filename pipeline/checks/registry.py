"""The registry of checks: every check id, the segment rules in order, and the functions that
run them over an article, its catalog and each segment translation. Rules are listed here
explicitly, one module per topic (no discovery by reflection)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

# Each rule module by its own name, not through the package: the package's __init__ points
# back here.
import pipeline.checks.consistency as consistency
import pipeline.checks.english as english
import pipeline.checks.fidelity as fidelity
import pipeline.checks.safety as safety
import pipeline.checks.structure as structure
import pipeline.checks.sync as sync
import pipeline.checks.terminology as terminology
import pipeline.checks.tree as tree
from pipeline import baseline, suppress
from pipeline.catalog.keys import Key, entries_for, segment_keys
from pipeline.checks.base import Check, Options
from pipeline.checks.inputs import INPUT_CHECKS as INPUT_CHECKS
from pipeline.checks.rule import Pairing, SegmentFn, SegmentRule, plain_edges
from pipeline.findings import Finding, Severity

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Catalog, Message

# Input problems found while reading: not rules, but ids users can see, select and document.

SEGMENT_RULES = (*fidelity.RULES, *safety.RULES)
ALL_CHECKS: tuple[Check, ...] = (
    *(r.check for r in structure.RULES),
    *(r.check for r in sync.RULES),
    sync.MISSING_CATALOG,
    tree.ORPHAN_CATALOG,
    tree.ORPHAN_PAGE,
    tree.CATALOG_RENAMED,
    tree.LOCALE_LAG,
    suppress.IGNORE_FLAG,
    consistency.INCONSISTENT,
    *english.CHECKS,
    *(r.check for r in SEGMENT_RULES),
    *fidelity.PAGE_CHECKS,
    *(r.check for r in terminology.RULES),
    *INPUT_CHECKS,
    baseline.STALE,
    consistency.TM_FILE,
)
BY_ID = {c.id: c for c in ALL_CHECKS}


def article_findings(article: Article, options: Options) -> list[Finding]:
    out = []
    for rule in structure.RULES:
        if options.enabled(rule.check):
            sev = options.severity(rule.check)
            for line, col, seg, message in rule.fn(article, options):
                out.append(Finding(rule.check.id, sev, message, article.path, line, col, seg,
                                   rule.check.hint))
    return out


def catalog_findings(
    article: Article,
    catalog: Catalog,
    po_path: str,
    options: Options,
    keys: Sequence[Key] | None = None,
    only: frozenset[str] = frozenset(),
    entries: Sequence[Message | None] | None = None,
    entry_line: Callable[[Message], int] | None = None,
) -> list[Finding]:
    """``entry_line``: where each entry stands in the catalog file, when not where the reader
    found it (the run rewrote the file)."""
    if keys is None:
        keys = segment_keys(article.segments, catalog)
    if entries is None:
        entries = entries_for(article, catalog, keys)
    # Only a segment without an entry is looked up by id: most articles have none such.
    complete = all(m is not None for m in entries)
    by_id = {} if complete else sync.entries_by_segment_id(catalog)
    pairing = Pairing(article, catalog, po_path, keys, entries, by_id, complete)
    if entry_line is not None:
        pairing = replace(pairing, entry_line=entry_line)
    out = []
    for rule in sync.RULES:
        if options.enabled(rule.check) and (not only or rule.check.id in only):
            sev = options.severity(rule.check)
            for file, line, col, seg, message in rule.fn(pairing, options):
                out.append(Finding(rule.check.id, sev, message, file, line, col, seg,
                                   rule.check.hint))
    return out


# (rule, check, severity as reported, reported?, holds the translation back?)
_Step = tuple[SegmentFn, Check, Severity, bool, bool]
_Planned = tuple[_Step, ...]
Issues = tuple[tuple[Check, Severity, str], ...]
# What a translation was found to have: the issues to report (the enabled checks, at their
# configured severities), and the checks that keep it off the page (see Options.holds_back).
Verdict = tuple[Issues, tuple[Check, ...]]
_CLEAN: Verdict = ((), ())


class SegmentChecker:
    """The segment rules with their severities, resolved once rather than per segment: a corpus
    run checks hundreds of thousands of segment translations.

    Every rule runs whatever is selected: selection decides what is reported, not what is
    published (``verdict``). Each segment runs only the rules whose needs it meets
    (``SegmentRule``): which of their characters the two sides hold is read with one regex pass
    per side (a need of two characters or more, a token, with a substring test where the text
    holds its first character), whether their edges are plain with a look at each end, and the
    rules for each combination are worked out once and kept (a tree has a few thousand).
    ``rules``: a subset of the segment rules (default: all)."""

    def __init__(self, options: Options, rules: Sequence[SegmentRule] | None = None) -> None:
        self.options = options
        steps = [(rule, (rule.fn, rule.check, options.severity(rule.check),
                         options.enabled(rule.check), options.holds_back(rule.check)))
                 for rule in (SEGMENT_RULES if rules is None else rules)]
        self._identical: _Planned = tuple(step for rule, step in steps if rule.identical)
        differ = [(rule, step) for rule, step in steps if not rule.identical]
        self._differ = tuple(
            (step, frozenset((*rule.source_needs, *rule.source_tokens)),
             frozenset((*rule.translation_needs, *rule.translation_tokens)), rule.edges,
             rule.gated)
            for rule, step in differ)
        # a token is looked for only in a text that holds its first character
        self._source_re = _any_of(
            (*(rule.source_needs for rule, _ in differ),
             *(t[0] for rule, _ in differ for t in rule.source_tokens)))
        self._translation_re = _any_of(
            (*(rule.translation_needs for rule, _ in differ),
             *(t[0] for rule, _ in differ for t in rule.translation_tokens)))
        self._source_tokens = tuple(
            dict.fromkeys(t for rule, _ in differ for t in rule.source_tokens))
        self._translation_tokens = tuple(
            dict.fromkeys(t for rule, _ in differ for t in rule.translation_tokens))
        self._source_firsts = frozenset(t[0] for t in self._source_tokens)
        self._translation_firsts = frozenset(t[0] for t in self._translation_tokens)
        self._plans: dict[tuple[frozenset[str], frozenset[str], bool], _Planned] = {}
        # What each (locale, English, translation) was found to have: a batch of articles
        # repeats a fifth of its segments (parameter tables, notes, product names), and the
        # rules are pure functions of the two strings and the options.
        self._found: dict[tuple[str, str, str], Verdict] = {}
        self._ungated: _Planned = tuple(
            step for step, _, _, _, gated in self._differ if not gated)

    def with_options(self, options: Options) -> SegmentChecker:
        """This checker for another article: the same rules under options that differ only in
        the locale. The worked-out combinations and findings are shared (findings are kept by
        locale)."""
        other = copy.copy(self)
        other.options = options
        return other

    def _plan(self, source: str, translation: str) -> _Planned:
        in_source = self._source_re.findall(source)
        in_translation = self._translation_re.findall(translation)
        plain = plain_edges(source, translation)
        if plain and not (in_source or in_translation):  # plain prose, most segments
            return self._ungated
        src, tr = frozenset(in_source), frozenset(in_translation)
        # the tokens each text holds, looked for (in C: no Python frame) only where it holds
        # the first character of one
        if not src.isdisjoint(self._source_firsts):
            src = src.union(filter(source.__contains__, self._source_tokens))
        if not tr.isdisjoint(self._translation_firsts):
            tr = tr.union(filter(translation.__contains__, self._translation_tokens))
        key = (src, tr, plain)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = tuple(
                step for step, src_needs, tr_needs, edges, gated in self._differ
                if not gated or (edges and not plain) or not src.isdisjoint(src_needs)
                or not tr.isdisjoint(tr_needs))
        return plan

    def verdict(self, source: str, translation: str) -> Verdict:
        """The issues to report about ``translation``, and the checks that hold it back."""
        options = self.options
        key = (options.locale, source, translation)
        found = self._found.get(key)
        if found is None:
            plan = self._identical if source == translation else self._plan(source, translation)
            hits = [(check, severity, report, hold, message)
                    for fn, check, severity, report, hold in plan
                    for message in fn(source, translation, options)]
            if len(hits) > _MOST:
                hits = _capped(hits)
            found = self._found[key] = (_CLEAN if not hits else (
                tuple([(c, sev, m) for c, sev, report, _, m in hits if report]),
                tuple(dict.fromkeys(c for c, _, _, hold, _ in hits if hold))))
        return found

    def issues(self, source: str, translation: str) -> Issues:
        """The issues to report: the enabled checks' findings, at their configured severity."""
        return self.verdict(source, translation)[0]

    def flags(self, translation: str) -> bool:
        """Whether a text with no English has issues to report or is held back."""
        return self.verdict("", translation) != _CLEAN

    def held_by(self, source: str, translation: str) -> tuple[Check, ...]:
        """The checks that keep ``translation`` off the page, reported or not; () when none."""
        return self.verdict(source, translation)[1]


# A check says at most this much of one segment: a hostile translation of thousands of
# unclosed tags would otherwise print a finding for each.
_MOST = 5
_Hit = tuple[Check, Severity, bool, bool, str]


def _capped(hits: list[_Hit]) -> list[_Hit]:
    """``hits`` with at most ``_MOST`` messages a check, the rest counted in the last one."""
    out: list[_Hit] = []
    said: dict[str, int] = {}
    for hit in hits:
        said[hit[0].id] = n = said.get(hit[0].id, 0) + 1
        if n <= _MOST:
            out.append(hit)
    for i, (check, severity, report, hold, message) in enumerate(out):
        more = said[check.id] - _MOST
        if more > 0 and i == max(j for j, h in enumerate(out) if h[0] is check):
            out[i] = (check, severity, report, hold, f"{message} (and {more} more of the same "
                      "kind in this segment)")
    return out


def _any_of(needs: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any one of the characters in ``needs`` (none: matches nothing)."""
    chars = sorted(set("".join(needs)))
    if not chars:
        return re.compile(r"(?!)")
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def segment_issues(source: str, translation: str, options: Options) -> list[tuple[Check, str]]:
    return [(c, m) for c, _, m in SegmentChecker(options).issues(source, translation)]


def publishable(source: str, translation: str, options: Options) -> bool:
    """No check holds the translation back (``Options.holds_back``): safe to publish."""
    return not SegmentChecker(options).held_by(source, translation)
