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
import pipeline.checks.english as english
import pipeline.checks.fidelity as fidelity
import pipeline.checks.safety as safety
import pipeline.checks.structure as structure
import pipeline.checks.sync as sync
import pipeline.checks.tree as tree
from pipeline.checks.base import Check, Options
from pipeline.checks.rule import Pairing, SegmentFn
from pipeline.findings import Finding, Severity
from pipeline.merge import Key, segment_keys
from pipeline.render import entries_for

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Catalog, Message

# Input problems found while reading: not rules, but ids users can see, select and document.
INPUT_CHECKS: tuple[Check, ...] = (
    Check("encoding", "input", Severity.ERROR,
          "the file is not valid UTF-8 text, or its name is not UTF-8 (the file is skipped)",
          "save the file as UTF-8; rename it in UTF-8"),
    Check("front-matter", "input", Severity.ERROR,
          "front matter that cannot be read safely (unclosed, invalid or hostile YAML)",
          "fix the YAML; front matter holds plain keys and values"),
    Check("too-large", "input", Severity.ERROR, "a file larger than the configured limit",
          "split the article, or raise max-file-size in [tool.pipeline]"),
    Check("po-syntax", "input", Severity.ERROR, "a catalog that does not parse as PO",
          "fix the catalog in a PO editor or restore it; it is never overwritten while broken"),
    Check("po-duplicate", "input", Severity.ERROR, "two catalog entries for the same English",
          "merge the two entries into one"),
    Check("po-plural", "input", Severity.ERROR,
          "plural entries, or a Plural-Forms header msgfmt would reject, in an article catalog",
          "remove msgid_plural/msgstr[n]; each segment is one string"),
    Check("po-foreign-entry", "input", Severity.ERROR,
          "a catalog entry added by hand: English not in the article, and no segment id",
          "remove the entry; the catalog is left as is and nothing is published from it"),
    Check("internal-error", "input", Severity.ERROR,
          "a bug in the pipeline while processing an article (the others still run)",
          "report it with the article attached; the article's files were left as they were"),
    Check("write-failed", "input", Severity.ERROR, "an output could not be written",
          "check permissions and free space; the previous file is intact"),
    Check("layout", "input", Severity.INFO, "a folder under the content root that is no locale",
          "put articles under <locale>/ folders such as fr-FR/; others are skipped"),
    Check("unreadable", "input", Severity.ERROR,
          "a folder that cannot be read, or a symbolic link that cannot be followed, in the "
          "content, catalogs or XLIFF tree; what is in it is skipped, the rest still runs",
          "check the folder's permissions, or fix the link, then run again"),
    Check("symlink-loop", "input", Severity.WARNING,
          "a symbolic link to a folder it is in; it is not followed (nothing is lost: what it "
          "points to is walked already)",
          "remove the link"),
    Check("render-substituted", "safety", Severity.WARNING,
          "a translation with errors was not published; a safe text stood in for it",
          "fix the translation in the catalog"),
)

SEGMENT_RULES = (*fidelity.RULES, *safety.RULES)
ALL_CHECKS: tuple[Check, ...] = (
    *(r.check for r in structure.RULES),
    *(r.check for r in sync.RULES),
    sync.MISSING_CATALOG,
    tree.ORPHAN_CATALOG,
    tree.LOCALE_LAG,
    *english.CHECKS,
    *(r.check for r in SEGMENT_RULES),
    *INPUT_CHECKS,
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
        keys = segment_keys(article.segments)
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


_Planned = tuple[tuple[SegmentFn, Check, Severity], ...]
Issues = tuple[tuple[Check, Severity, str], ...]


class SegmentChecker:
    """The enabled segment rules with their severities, resolved once rather than per segment:
    a corpus run checks hundreds of thousands of segment translations.

    Each segment runs only the rules whose needs it meets (``SegmentRule``): which of their
    characters the two sides hold is read with one regex pass per side, and the rules for each
    combination are worked out once and kept (a tree has a few thousand combinations)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        enabled = [(rule, options.severity(rule.check))
                   for rule in SEGMENT_RULES if options.enabled(rule.check)]
        self._identical: _Planned = tuple(
            (rule.fn, rule.check, sev) for rule, sev in enabled if rule.identical)
        differ = [(rule, sev) for rule, sev in enabled if not rule.identical]
        self._differ = tuple(
            (rule.fn, rule.check, sev, frozenset(rule.source_needs),
             frozenset(rule.translation_needs), rule.gated)
            for rule, sev in differ)
        self._source_re = _any_of(rule.source_needs for rule, _ in differ)
        self._translation_re = _any_of(rule.translation_needs for rule, _ in differ)
        self._plans: dict[tuple[frozenset[str], frozenset[str]], _Planned] = {}
        # What each (locale, English, translation) was found to have: a batch of articles
        # repeats a fifth of its segments (parameter tables, notes, product names), and the
        # rules are pure functions of the two strings and the options.
        self._found: dict[tuple[str, str, str], Issues] = {}
        self._ungated: _Planned = tuple(
            (fn, check, sev) for fn, check, sev, _, _, gated in self._differ if not gated)

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
        if not (in_source or in_translation):  # plain prose, most segments
            return self._ungated
        key = (frozenset(in_source), frozenset(in_translation))
        plan = self._plans.get(key)
        if plan is None:
            src, tr = key
            plan = self._plans[key] = tuple(
                (fn, check, sev) for fn, check, sev, src_needs, tr_needs, gated in self._differ
                if not gated or not src.isdisjoint(src_needs) or not tr.isdisjoint(tr_needs))
        return plan

    def issues(self, source: str, translation: str) -> Issues:
        options = self.options
        key = (options.locale, source, translation)
        found = self._found.get(key)
        if found is None:
            plan = self._identical if source == translation else self._plan(source, translation)
            found = self._found[key] = tuple([
                (check, severity, message)
                for fn, check, severity in plan
                for message in fn(source, translation, options)
            ])
        return found


def _any_of(needs: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any one of the characters in ``needs`` (none: matches nothing)."""
    chars = sorted(set("".join(needs)))
    if not chars:
        return re.compile(r"(?!)")
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def segment_issues(source: str, translation: str, options: Options) -> list[tuple[Check, str]]:
    return [(c, m) for c, _, m in SegmentChecker(options).issues(source, translation)]


def publishable(source: str, translation: str, options: Options) -> bool:
    """No error-severity problem: safe to publish."""
    return all(
        sev < Severity.ERROR for _, sev, _ in SegmentChecker(options).issues(source, translation)
    )
