"""What a page shows: the one function that decides it (``publish``), for ``render`` and
``locales`` (which write it), ``check`` (which reports on what would be published) and the review
report.

The rule: nothing that a check holds back reaches a page (``Options.holds_back``). Whether a
check holds a text back does not depend on what is reported: ``--select``, ``--ignore`` and
lowered severities change the findings, never the page. Every text on a page has been checked:
the translation of each pair by every segment rule, and translated text outside the pairs (the
translation span of a broken pair, the front matter values translated in place) by the safety
rules. Each text held back is reported as ``render-substituted`` naming the checks that held it,
whatever is selected, unless that id itself is ignored.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline import checks, joins, loose, suppress
from pipeline.article.spans import OPENER
from pipeline.checks import inputs, safety, terminology
from pipeline.checks.base import Check, Options
from pipeline.checks.fidelity.text import ESCAPE_ADDED, escape_added
from pipeline.checks.fidelity.verbatim import (
    anchors_lost,
    link_target_changed,
    references_lost,
)
from pipeline.checks.registry import Issues, Verdict
from pipeline.checks.rule import SegmentRule
from pipeline.checks.safety import markup_open, new_block
from pipeline.checks.sync import SEGMENT_ID_RE
from pipeline.checks.tokens.links import defined_labels, in_page_targets
from pipeline.findings import Finding, Severity
from pipeline.merge import is_machine_translated
from pipeline.page_code import LINE_END, line_start, opens_code
from pipeline.render import Form, render
from pipeline.source.units import VALUE_NOTES

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Message

TermRules = tuple[tuple[SegmentRule, Severity], ...]  # terminology.active's


@dataclass(frozen=True, slots=True)
class Policy:
    """What besides the article and its catalog decides a page."""

    options: Options
    form: Form | None = Form.LOCALIZED  # None: no page, only what the localized page would show
    publish_machine_translation: bool = True
    report: bool = True  # gather the findings about the texts that should be published
    # the article's own markup outside the pairs may have been edited (an sxs handoff's); an
    # English-driven article's is the team's English
    markup_checked: bool = True


@dataclass(frozen=True, slots=True)
class Published:
    text: str | None  # the page in the policy's form; None without a form
    translations: tuple[str, ...]  # each segment's text on the page (its English in source form)
    findings: tuple[Finding, ...]  # reported problems of the texts that should be published
    substitutions: tuple[Finding, ...]  # render-substituted: each text held back


class Guard:
    """The checkers publishing uses, worked out once for many articles: every segment rule
    for the pairs, the safety rules for the translated text outside them."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.segments = checks.SegmentChecker(options)
        self.outside = checks.SegmentChecker(options, safety.RULES)
        self.markup = checks.SegmentChecker(options, safety.ACTIVE)
        # a front matter value is YAML, read as a string: DocFX never reads it as Markdown, so
        # it opens no block (dotnet's schema pages are titled '<activityScheduledQuery>')
        self.values = checks.SegmentChecker(
            options, tuple(r for r in safety.RULES if r is not new_block))
        # each locale's checkers, shared by the copies (a tree has a few locales). It holds no
        # Guard: a cycle through it would keep a batch's checkers, and every text they have
        # seen, alive until the collector's rare full pass rather than the batch's end.
        self._locales: dict[str, tuple[Options, checks.SegmentChecker, checks.SegmentChecker,
                                       checks.SegmentChecker, checks.SegmentChecker]] = {}

    def for_locale(self, locale: str) -> Guard:
        made = self._locales.get(locale)
        if made is None:
            options = replace(self.options, locale=locale)
            made = self._locales[locale] = (
                options, self.segments.with_options(options),
                self.outside.with_options(options), self.markup.with_options(options),
                self.values.with_options(options))
        other = copy.copy(self)
        other.options, other.segments, other.outside, other.markup, other.values = made
        return other


def _named(held: Sequence[Check]) -> str:
    return ", ".join(c.id for c in held)


def judge(verdict: Verdict, terms: TermRules, term_options: Options, source: str,
          translation: str, msg: Message | None) -> tuple[Issues, tuple[Check, ...], Issues]:
    """What the checks say of one translation: (the issues to report, the checks that keep it
    off the page, the issues the entry's ``ignore-<check>`` marks silence). ``verdict``: the
    segment rules' on it; ``terms``: the terminology rules (``terminology.active``). Only
    ``verdict`` matters without terms and without flags or comments on the entry."""
    issues, held = verdict
    if terms:
        found = terminology.issues(terms, source, translation, term_options)
        if found:
            issues = (*issues, *(f for f in found if term_options.enabled(f[0])))
            held = (*held, *(c for c, _, _ in found if term_options.holds_back(c)))
    silenced: Issues = ()
    if msg is not None and (issues or held) and (msg.flags or msg.translator_comments):
        # an ignore-<check> mark on the entry: a reviewer's decision about this entry alone,
        # so the check neither reports it nor holds it back; safety checks are never silenced
        issues, silenced = suppress.split(issues, msg)
        marked = suppress.ignored(msg)
        held = tuple(c for c in held if c.id not in marked or c.topic == suppress.UNSUPPRESSABLE)
    return issues, held, silenced


class HeldBack:
    """For a catalog read without its article (a vendor package, the memory's export): the
    checks that keep an entry's translation off the page, as ``publish`` decides it with the
    run's terms (an article's own no-loc list is not known here)."""

    def __init__(self, options: Options, locale: str) -> None:
        self._guard = Guard(options).for_locale(locale)
        self._terms = terminology.active(self._guard.options)

    def __call__(self, msg: Message) -> tuple[Check, ...]:
        guard = self._guard
        found = guard.segments.verdict(msg.msgid, msg.msgstr)
        if (found[0] or found[1]) and _value_alone(msg):
            found = _as_value(found)
        return judge(found, self._terms, guard.options, msg.msgid, msg.msgstr, msg)[1]


def _value_alone(msg: Message) -> bool:
    """Whether the entry serves one front matter value alone (a title, a description, a
    keyword), as its #. notes tell: judged as ``publish`` judges a value (``_as_value``). A
    title whose heading shares its English has the heading's id too, and is judged as the
    heading is (held back there, it is held back); so is an entry whose notes a tool dropped."""
    notes = msg.extracted_comments
    return (any(n in VALUE_NOTES for n in notes)
            and sum(SEGMENT_ID_RE.match(n) is not None for n in notes) == 1)


def publish(
    article: Article, entries: Sequence[Message | None], policy: Policy,
    guard: Guard | None = None,
) -> Published:
    """The page for ``article`` with each segment's catalog entry (``entries``, None where there
    is none), the findings about what should be published, and each substitution.

    The translation that should be published is the catalog's reviewed one, else the article's
    own. When a check holds it back, the localized form falls back to the article's own
    translation if that passes, else to the English. The bilingual form is the round-trip form:
    its floor is the article's own translation as delivered, and it keeps the text outside the
    pairs as delivered. ``guard``: one made from ``policy.options`` for several articles."""
    options = policy.options
    guard = Guard(options) if guard is None else guard
    guard = guard.for_locale(article.locale)
    # no-loc terms and glossaries: the run's, and the article's own no-loc list
    term_options = terminology.for_article(guard.options, article)
    terms = terminology.active(term_options)
    substituted = inputs.RENDER_SUBSTITUTED
    report_swaps = substituted.id not in options.ignore  # selection never hides a swap
    swap_severity = options.severity(substituted)
    form = policy.form or Form.LOCALIZED  # without a form: what the localized page would show
    allow_mt = policy.publish_machine_translation or not is_machine_translated(article)
    verdict = guard.segments.verdict
    links = labels, targets = defined_labels(article.text), in_page_targets(article.text)
    published: list[str] = []
    findings: list[Finding] = []
    substitutions: list[Finding] = []

    check, source_form = policy.report, form is Form.SOURCE
    body_start = article.body_start
    hold_mt = form is Form.LOCALIZED and not allow_mt
    for seg, msg in zip(article.segments, entries, strict=True):
        own = seg.translation
        from_catalog = msg is not None and msg.reviewed
        preferred = msg.msgstr if from_catalog and msg is not None else own
        value = seg.start < body_start  # a title, a description: a YAML value
        found = issues, held = verdict(seg.source, preferred)
        if value and (issues or held):
            found = issues, held = _as_value(found)
        if (labels and "[" in seg.source) or (targets and (
                "<" in seg.source or "{" in seg.source)) or (  # (anchors_named's: tags, {…})
                preferred[:1] in (" ", "\t")) or preferred[-1:] == "\\" or (
                "\n" in preferred or "\r" in preferred):
            # what the page's own reference definitions and in-page links need kept, and
            # where on the page the translation stands
            found = issues, held = _with_page(found, _page_lost(
                seg.source, preferred, links,
                opens_code(article, seg.start, seg.end, preferred, seg.source),
                _after(article, seg.start, seg.end) if preferred[-1:] == "\\" else ""), options)
        silenced: Issues = ()
        if terms or ((issues or held) and msg is not None
                     and (msg.flags or msg.translator_comments)):  # else judge says just this
            issues, held, silenced = judge(found, terms, term_options, seg.source, preferred, msg)
        if check and silenced:
            findings.extend(
                Finding(c.id, sev, m, article.path, seg.line, seg.column, seg.id, c.hint,
                        suppressed=True) for c, sev, m in silenced)
        if check and issues:
            findings.extend(
                Finding(c.id, sev, m, article.path, seg.line, seg.column, seg.id, c.hint)
                for c, sev, m in issues
            )
        if source_form:
            published.append(seg.source)
            continue
        if not held:  # most segments: nothing holds the translation back
            # unreviewed machine translation is not published when the configuration says so;
            # a pair with no translation at all (an empty translation span, no reviewed entry)
            # is untranslated, as an empty msgstr is: the page shows its English, not a hole
            published.append(seg.source if (hold_mt and not from_catalog) or (
                not preferred and form is not Form.BILINGUAL) else preferred)
            continue
        # an article with no translation of its own (an English-driven unit that no handoff
        # lent one) has nothing safe to offer: the English stands in, and is named
        own_is_safe = (from_catalog and allow_mt and bool(own) and own != preferred
                       and not judge(_as_value(verdict(seg.source, own)) if value
                                     else verdict(seg.source, own), terms, term_options,
                                     seg.source, own, None)[1]
                       and not _page_lost(seg.source, own, links,
                                          opens_code(article, seg.start, seg.end, own,
                                                      seg.source),
                                          _after(article, seg.start, seg.end)
                                          if own[-1:] == "\\" else ""))
        if form is Form.BILINGUAL or own_is_safe:
            chosen, label = own, "the article's translation"
        else:
            chosen, label = seg.source, "the English"
        if chosen != preferred and report_swaps:  # else the catalog held the article's own text
            what = "catalog translation" if from_catalog else "article's translation"
            substitutions.append(Finding(
                substituted.id, swap_severity,
                f"the {what} was held back ({_named(held)}); {label} was published instead",
                article.path, seg.line, seg.column, seg.id, substituted.hint,
            ))
        published.append(chosen)

    quiet = None  # the quick look at the markup, which the joins and the markup checks share
    local = None  # the localized page of ``published``, as the joins made it
    if not source_form and form is not Form.BILINGUAL:  # nor made from texts side by side
        quiet, tag_open = loose.markup_look(article)
        swaps, local = joins.hold(article, published, swap_severity, quiet, tag_open)
        if report_swaps:
            substitutions.extend(swaps)
    edits: list[tuple[int, int, str]] = []
    for text in _outside(article, guard, policy.markup_checked, quiet, published):
        checker = guard.markup if text.markup else guard.values if text.value else guard.outside
        issues, held = checker.verdict(text.source, text.translation)
        if check and issues:
            findings.extend(
                Finding(c.id, sev, f"{text.what}: {m}", article.path, text.line, text.column,
                        text.segment, c.hint)
                for c, sev, m in issues
            )
        if held and form is not Form.BILINGUAL:
            edits.append((text.start, text.end, text.fallback))
            if report_swaps:
                substitutions.append(Finding(
                    substituted.id, swap_severity,
                    f"{text.what} was held back ({_named(held)}); {text.instead} was published "
                    "instead", article.path, text.line,
                    text.column, text.segment, text.hint or substituted.hint,
                ))
    page = None
    if policy.form is Form.LOCALIZED and local is not None and not edits:
        page = local().page  # what render writes without edits, made once for the joins
    elif policy.form is not None:
        # (the strings of one alias of a list share its place: one edit replaces it)
        page = render(article, policy.form, published, sorted(set(edits)))
    return Published(page, tuple(published), tuple(findings), tuple(substitutions))


def _as_value(verdict: Verdict) -> Verdict:
    """A verdict on a front matter value: YAML, never read as Markdown, so it opens no block
    (as ``Guard.values`` judges the sxs path's)."""
    issues, held = verdict
    return (tuple(i for i in issues if i[0] is not new_block.check),
            tuple(c for c in held if c is not new_block.check))


_Page = tuple[frozenset[str], frozenset[str]]  # a page's reference labels, in-page targets


def _after(article: Article, start: int, end: int) -> str:
    """What follows a segment of the body on the page, for ``escape_added``: its next
    character (before the next pair of an sxs article, the first of that pair's
    translation, which the page shows there); a line end ('\n') only where the paragraph
    goes on (a backslash there is a hard line break; before a blank line or a new block it
    is text); '' in front matter or at the end."""
    text = article.text
    if start < article.body_start:
        return ""
    if text.startswith(OPENER, end):
        shown = text.find('">', end)
        return text[shown + 2:shown + 3] if shown >= 0 else ""
    after = text[end:end + 1]
    if after in ("\n", "\r"):
        line = end + (2 if text.startswith("\r\n", end) else 1)
        stop = LINE_END.search(text, line)
        rest = text[line:len(text) if stop is None else stop.start()]
        # in a quote: the next line's text after its marks
        if text[line_start(text, start):start].lstrip().startswith(">"):
            rest = _QUOTE_MARKS.sub("", rest, count=1)
        return "\n" if rest.strip() and _INTERRUPTS.match(rest) is None else ""
    return after


_QUOTE_MARKS = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
# What ends a paragraph on the next line, so that a backslash before the line end is text (else
# it is a hard break): a bullet or '1.' item, a heading, a quote, a fence, a thematic break or
# setext underline, a block-level HTML tag. A pair of an sxs article is its translation's text.
_INTERRUPTS = re.compile(
    r"[ \t]{0,3}(?:[-+*][ \t]+\S|1[.)][ \t]+\S|#{1,6}(?:[ \t]|$)|>|`{3,}(?!.*`)|~{3,}"
    r"|(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*|-+[ \t]*)$"
    r"|</?(?:address|article|aside|blockquote|details|dialog|div|dl|dt|dd|fieldset|figure|footer"
    r"|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|th|thead|tr|ul"
    r"|script|style)(?=[\s/>]|$)|<!--)", re.I)


def _page_lost(source: str, translation: str, page: _Page, code: bool, after: str = ""
               ) -> list[tuple[Check, str]]:
    """What a translation breaks of its page: reference links and link anchors it loses, an
    indented code block it opens (``code``: see ``page_code.opens_code``), and the character
    after it (``after``) its final backslash escapes."""
    labels, targets = page
    lost = [(link_target_changed.check, m) for m in (
        *references_lost(source, translation, labels),
        *anchors_lost(source, translation, targets))]
    if after:
        escapes = escape_added(source, translation, after)
        lost.extend((ESCAPE_ADDED, m) for m in escapes)
        if after == "`":  # the code span it opens is text, and that code markup on the page
            lost.extend((markup_open.check, m) for m in escapes)
    if code:
        lost.append((new_block.check, "the translation's white space or line break changes "
                     f"what the page shows as code: {translation!r:.70}"))
    return lost


def _with_page(found: tuple[Issues, tuple[Check, ...]], lost: list[tuple[Check, str]],
               options: Options) -> tuple[Issues, tuple[Check, ...]]:
    """``found`` with what ``_page_lost`` says (findings of its checks, at their severities,
    holding the translation back as those checks do)."""
    if not lost:
        return found
    issues, held = found
    for check, message in lost:
        if options.enabled(check):
            issues = (*issues, (check, options.severity(check), message))
        if options.holds_back(check) and check not in held:
            held = (*held, check)
    return issues, held


def _outside(article: Article, guard: Guard, markup: bool, quiet: bool | None,
             published: Sequence[str]) -> list[loose.Loose]:
    """The texts outside the pairs that need a look: the broken pairs' translation spans, the
    front matter's translated values when one of them could be held back (read with their
    places only then: nearly every article's are plain text), and with ``markup`` its other
    values and the blocks of the article's own text that may carry active content."""
    found = loose.broken_pairs(article)
    values = loose.meta_values(article)
    held_by = guard.values.held_by
    translated = values is None or any(held_by("", v) for v in values)
    flagged = guard.markup.flags if markup and loose.metadata_may_be_active(article) else None
    if translated or flagged is not None:
        found.extend(loose.front_matter_values(article, translated, flagged))
    if markup:
        found.extend(loose.skeleton(article, guard.markup.flags, found, quiet, published))
    return found
