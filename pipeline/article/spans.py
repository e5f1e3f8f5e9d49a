"""The span pairs of an article's body, with exact offsets: a one-pass regex for the common,
well-formed article, and a careful scanner that reports each malformed pair at its line and
leaves it untouched as skeleton. Both are linear in the size of the text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pipeline.checks.inputs as inputs
from pipeline.article.model import Segment, line_starts, position
from pipeline.article.spantext import LAYOUT_WS, catalog_form
from pipeline.findings import Finding, Severity

OPENER = '<span data-ttu-id="'
OPENER_PREFIX = "<span data-ttu-id="
LOOKUP_MARK = '<span class="sxs-lookup">'
_OPEN_RE = re.compile(r'<span data-ttu-id="([^"<>\r\n]*)">')
_LOOKUP_RE = re.compile(r'</span><span class="sxs-lookup"><span data-stu-id="([^"<>\r\n]*)">')
_SEPARATOR = '</span><span class="sxs-lookup"><span data-stu-id='
# The common, well-formed pair in one match; anything unusual falls back to the careful path.
# Each span's text runs to the first closing sequence, as a lazy '.*?' would, but is read a
# run of non-'<' characters at a time (possessive, no backtracking): three times as fast.
_PAIR_RE = re.compile(
    r'<span data-ttu-id="([^"<>\r\n]*)">'
    r'((?:[^<]++|<(?!/span><span class="sxs-lookup">))*+)</span><span class="sxs-lookup">'
    r'<span data-stu-id="([^"<>\r\n]*)">((?:[^<]++|<(?!/span></span>))*+)</span></span>',
)
# The common article in one pass: the text before each pair, then the pair, as ``_PAIR_RE``
# reads it, or the end of the text. No '<' outside the pairs' own tags starts a span tag of any
# case ('<span', '<SPAN'): then every span tag is a pair's, as the counts of ``_gated`` find
# (three '<span' a pair, no other case, an opener for each pair), and each span text ends at
# the same place as ``_PAIR_RE``'s (no such '<' inside it to stop at), with no pair or span in
# it. Anything else fails the match, and the counts decide.
_NOT_SPAN = "[sS][pP][aA][nN]"
_STRICT_RE = re.compile(
    rf'(?:[^<]++|<(?!{_NOT_SPAN}))*+(?:<span data-ttu-id="([^"<>\r\n]*)">'
    rf'((?:[^<]++|<(?!{_NOT_SPAN}|/span><span class="sxs-lookup">))*+)'
    r'</span><span class="sxs-lookup"><span data-stu-id="([^"<>\r\n]*)">'
    rf'((?:[^<]++|<(?!{_NOT_SPAN}|/span></span>))*+)</span></span>|\Z)',
)
_CLOSE = "</span></span>"
# A span tag that carries a pair's attribute however it is written (upper case, other quotes or
# spacing, more attributes): one the scanner does not read as a pair's is reported, not passed
# over in silence (its words and its English would both show on the page).
# The attribute's name, or the class's own name: not data-stu-idx, sxs-lookup-x or a title that
# names the attribute. The tag runs on over its quoted values ('<span title=">" data-ttu-id=…>'
# is one tag, as a browser reads it) to its '>' when it has one, never past a '<'.
# A tag's name is ASCII to a browser: '<\u017fpan' (long s, one of Unicode's cases of 's') is
# no span, and the one-pass path's gate does not count it.
_SPAN_TAG = re.compile(r"""(?i)<(?a:span)\b(?:[^<>"']++|"[^"<]*+"|'[^'<]*+'|["'])*+>?""")
_PAIR_ATTRIBUTE = re.compile(r"(?i)\bdata-[st]tu-id\s*=|\bsxs-lookup\b(?!-)")
_SPAN_OTHER_CASE = re.compile(r"<(?!span)[sS][pP][aA][nN]")  # '<SPAN', '<Span'
_TR_AT = len(OPENER) + 2  # '">' after the id
_SRC_AT = len('</span><span class="sxs-lookup"><span data-stu-id="') + 2
_END_AT = len(_CLOSE)
_tuple_new = tuple.__new__


def _lookalikes(text: str, start: int) -> Iterator[re.Match[str]]:
    """The span tags from ``start`` on that carry a pair's attribute, however written."""
    return (m for m in _SPAN_TAG.finditer(text, start) if _PAIR_ATTRIBUTE.search(m.group()))


def _scan_well_formed(text: str, start: int) -> list[Segment] | None:
    """The pairs of an article in which every pair is well formed, in one regex pass; None when
    anything is unusual, for the careful scanner to handle (and report)."""
    segments, to_the_end = _segments(text, start, _STRICT_RE.match)
    return segments if to_the_end else _gated(text, start)


def _gated(text: str, start: int) -> list[Segment] | None:
    """``_scan_well_formed`` for an article with span markup outside its pairs' tags (or a
    pair ``_STRICT_RE`` does not read): counts decide whether all of it is the pairs'."""
    count = text.count
    openers = count(OPENER_PREFIX, start)
    if openers != count(LOOKUP_MARK, start):
        return None
    # span markup written otherwise than a handoff writes it: every lookalike is a span tag,
    # and a well-formed pair has three. A count of the ids missed a lookup class written
    # otherwise (class='sxs-lookup') and any tag in upper case, which the careful path
    # reports: the same markup was an error or nothing by what else the article held.
    # Exactly three '<span' a pair and no other case: then no span text can hold one once
    # every opener starts a pair (checked last), and the pairs need no look for a nested one.
    exact = count("<span", start) == 3 * openers and not _SPAN_OTHER_CASE.search(text, start)
    if not exact and sum(1 for _ in _lookalikes(text, start)) != 3 * openers:
        return None
    if not exact and any(OPENER_PREFIX in m.group(2) or "<span" in m.group(4)
                         for m in _PAIR_RE.finditer(text, start)):
        return None  # a broken pair swallowed the next one, or a nested span
    segments = _segments(text, start, _PAIR_RE.search)[0]
    return segments if len(segments) == openers else None


def _segments(text: str, start: int,
              step: Callable[[str, int], re.Match[str] | None]) -> tuple[list[Segment], bool]:
    """A Segment for each pair ``step`` finds from ``start`` on, each from where the one before
    it ended (groups: id, translation, lookup id, English), and whether the last match had no
    pair (``_STRICT_RE`` at the end of the text)."""
    count = text.count
    segments: list[Segment] = []
    append = segments.append
    line, line_start, last = 1, 0, 0
    cr = "\r" in text  # none in the text (most articles): no span to look in for one
    m = step(text, start)
    while m is not None and m.lastindex:
        seg_id, tr, lookup_id, src = m.groups()
        # the groups' offsets from their lengths back from the end: the fixed parts are literal
        end = m.end()
        src_end = end - _END_AT
        src_start = src_end - len(src)
        tr_end = src_start - _SRC_AT - len(lookup_id)
        tr_start = tr_end - len(tr)
        pos = tr_start - _TR_AT - len(seg_id)
        newlines = count("\n", last, pos)
        if newlines:
            line += newlines
            line_start = text.rindex("\n", last, pos) + 1
        last = pos
        m = step(text, end)
        if tr and (tr[0] in LAYOUT_WS or tr[-1] in LAYOUT_WS or (cr and "\r" in tr)):
            tr_lead, tr, tr_trail, tr_crlf = catalog_form(tr)
            append(Segment(seg_id, lookup_id, catalog_form(src)[1], tr, pos, end, tr_start,
                           tr_end, src_start, src_end, line, pos - line_start + 1, tr_lead,
                           tr_trail, tr_crlf))
            continue
        if src and (src[0] in LAYOUT_WS or src[-1] in LAYOUT_WS or (cr and "\r" in src)):
            src = catalog_form(src)[1]
        # every field given, as Segment() would make it without its Python-level __new__
        append(_tuple_new(Segment, (seg_id, lookup_id, src, tr, pos, end, tr_start, tr_end,
                                    src_start, src_end, line, pos - line_start + 1, "", "",
                                    False)))
    return segments, m is not None


def scan_segments(
    text: str, start: int, path: str
) -> tuple[tuple[Segment, ...], tuple[Finding, ...]]:
    """Find every span pair from ``start`` on. Malformed pairs become findings and stay skeleton."""
    quick = _scan_well_formed(text, start)
    if quick is not None:
        return tuple(quick), ()
    segments: list[Segment] = []
    problems: list[Finding] = []
    starts = line_starts(text)
    find = text.find
    used_lookups: set[int] = set()
    reported: list[tuple[int, int]] = []  # the stretches of malformed translation spans

    def problem(check: str, offset: int, message: str, hint: str, seg: str | None) -> None:
        line, col = position(text, offset, starts)
        problems.append(Finding(check, Severity.ERROR, message, path, line, col, seg, hint))

    def nested(seg_id: str, at: int, inner: int, lookup: int | None) -> int | None:
        """Where to go on after a broken pair whose span holds whole pairs (the first at
        ``inner``), reported and left as it is, inner pairs and all; None when it holds none."""
        found = _nested(text, at, inner, lookup)
        if found is None:
            return None
        end, mark, inner_id, marks = found
        used_lookups.update(marks)
        used_lookups.add(mark)
        side = f"translation span {seg_id}" if lookup is None else (
            f"English lookup span of {seg_id}")
        problem(inputs.NESTED_SPAN.id, inner, f"the {side} holds the pair {inner_id} inside it",
                inputs.NESTED_SPAN.hint, seg_id)
        return find(OPENER_PREFIX, end)

    pos = find(OPENER_PREFIX, start)
    while pos >= 0:
        nxt = find(OPENER_PREFIX, pos + 1)
        limit = len(text) if nxt < 0 else nxt
        # Bounded by the next opener: an unclosed pair must not send the match to the end of
        # the text for every opener (quadratic on a hostile file).
        fast = _PAIR_RE.match(text, pos, limit)
        if fast is not None and "<span" not in fast.group(4):
            tr_lead, translation, tr_trail, tr_crlf = catalog_form(fast.group(2))
            source = fast.group(4)
            if source[:1] in LAYOUT_WS or source[-1:] in LAYOUT_WS or "\r" in source:
                source = catalog_form(source)[1]
            used_lookups.add(fast.end(2) + 7)
            line, col = position(text, pos, starts)
            segments.append(
                Segment(
                    fast.group(1), fast.group(3), source, translation, pos, fast.end(),
                    fast.start(2), fast.end(2), fast.start(4), fast.end(4), line, col,
                    tr_lead, tr_trail, tr_crlf,
                )
            )
            pos = nxt
            continue
        m = _OPEN_RE.match(text, pos)
        if m is None:
            snippet = text[pos : min(limit, pos + 60)].split("\n", 1)[0]
            problem(
                inputs.MALFORMED_SPAN.id, pos, f"malformed translation span markup: {snippet!r}",
                "the span's attribute must read data-ttu-id=\"…\" with plain quotes", None,
            )
            reported.append((pos, limit))  # its lookup, escaped the same way, is named here
            pos = nxt
            continue
        seg_id = m.group(1)
        tr_start = m.end()
        sep = find(_SEPARATOR, tr_start, limit)
        if sep < 0 and nxt >= 0:
            after = nested(seg_id, tr_start, nxt, None)
            if after is not None:
                pos = after
                continue
        if sep < 0:
            problem(
                inputs.UNPAIRED_TRANSLATION.id, pos,
                f"translation span {seg_id} has no English lookup span after it",
                "restore the <span class=\"sxs-lookup\"> part from the source delivery", seg_id,
            )
            pos = nxt
            continue
        lm = _LOOKUP_RE.match(text, sep)
        if lm is None:
            snippet = text[sep + 7 : min(limit, sep + 80)].split("\n", 1)[0]
            problem(
                inputs.MALFORMED_SPAN.id, sep + 7, f"malformed English lookup span: {snippet!r}",
                "the lookup must read <span class=\"sxs-lookup\"><span data-stu-id=\"…\">",
                seg_id,
            )
            pos = nxt
            continue
        used_lookups.add(sep + 7)
        src_start = lm.end()
        close = _find_close(text, src_start, limit)
        if close < 0 and nxt >= 0:
            after = nested(seg_id, src_start, nxt, sep + 7)
            if after is not None:
                pos = after
                continue
        if close < 0:
            problem(
                inputs.UNCLOSED_SPAN.id, sep + 7, f"English lookup span of {seg_id} is not closed",
                "end the pair with </span></span>", seg_id,
            )
            pos = nxt
            continue
        tr_raw = text[tr_start:sep]
        src_raw = text[src_start:close]
        _, source, _, _ = catalog_form(src_raw)
        tr_lead, translation, tr_trail, tr_crlf = catalog_form(tr_raw)
        line, col = position(text, pos, starts)
        segments.append(
            Segment(
                seg_id, lm.group(1), source, translation, pos, close + len(_CLOSE), tr_start,
                sep, src_start, close, line, col, tr_lead, tr_trail, tr_crlf,
            )
        )
        pos = nxt

    lk = find(LOOKUP_MARK, start)
    while lk >= 0:
        if lk not in used_lookups:
            problem(
                inputs.UNPAIRED_LOOKUP.id, lk,
                "English lookup span has no translation span before it",
                "restore the <span data-ttu-id=…> translation span from the source delivery",
                None,
            )
        lk = find(LOOKUP_MARK, lk + 1)
    after_tag = -1  # a lookup's inner span right after its outer one: one finding for both
    stretches = iter(reported)
    stretch = next(stretches, (-1, -1))
    for m in _lookalikes(text, start):
        at = m.start()
        while stretch[1] <= at and stretch[0] >= 0:
            stretch = next(stretches, (-1, -1))
        if not (text.startswith(OPENER_PREFIX, at) or text.startswith(LOOKUP_MARK, at)
                or (at >= len(LOOKUP_MARK) and text.startswith(LOOKUP_MARK, at - len(LOOKUP_MARK)))
                or at == after_tag
                or stretch[0] <= at < stretch[1]):
            problem(inputs.MALFORMED_SPAN.id, at, "span markup written otherwise than a "
                    f"handoff writes it: {text[at : at + 60]!r}", inputs.MALFORMED_SPAN.hint,
                    None)
        # the tag's end, from the match itself: a find for '>' would run on to the end of the
        # text for each of many tags left open (quadratic)
        after_tag = m.end() if text[m.end() - 1] == ">" else -1
    problems.sort(key=Finding.sort_key)
    return tuple(segments), tuple(problems)


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")  # no pair runs across one (none of 166,539 does)


def _nested(text: str, start: int, inner: int, lookup: int | None
            ) -> tuple[int, int, str, list[int]] | None:
    """A pair whose translation span (``lookup`` None: not yet ended) or English span
    (``lookup``: where its lookup mark is) runs on from ``start`` past the whole pair at
    ``inner``, and maybe more pairs after it, to its own lookup and close, all within one
    paragraph: (where it ends, its lookup mark, the first inner pair's id, the inner pairs'
    lookup marks). None when it does not: the pairs after it stand on their own.

    Walks on only over whole pairs, so each pair is walked over at most once: linear."""
    find, blank = text.find, _BLANK_LINE.search
    if blank(text, start, inner):
        return None
    first, marks, cur = "", [], inner
    while cur >= 0:
        nxt = find(OPENER_PREFIX, cur + 1)
        limit = len(text) if nxt < 0 else nxt
        m = _PAIR_RE.match(text, cur, limit)
        if m is None or "<span" in m.group(4) or blank(text, cur, m.end()):
            return None
        first = first or m.group(1)
        marks.append(m.end(2) + 7)
        after = m.end()
        if lookup is None:
            sep = find(_SEPARATOR, after, limit)
            lm = _LOOKUP_RE.match(text, sep) if sep >= 0 else None
            if sep >= 0 and (lm is None or blank(text, after, lm.end())):
                return None
            if lm is not None:
                lookup, after = sep + 7, lm.end()
        if lookup is not None:
            close = _find_close(text, after, limit)
            if close >= 0:
                if blank(text, after, close):
                    return None
                return close + len(_CLOSE), lookup, first, marks
        if blank(text, after, limit):
            return None
        cur = nxt
    return None


def _find_close(text: str, start: int, limit: int) -> int:
    """The '</span></span>' that ends an English span, skipping spans nested inside it.

    Counts run on from the last candidate instead of restarting at ``start``, so the scan stays
    linear; neither tag can straddle a candidate, so the counts are those of text[start:pos]."""
    opens = closes = 0
    counted = start
    pos = text.find(_CLOSE, start, limit)
    while pos >= 0:
        opens += text.count("<span", counted, pos)
        closes += text.count("</span>", counted, pos)
        counted = pos
        if opens == 0 or opens <= closes:
            return pos
        pos = text.find(_CLOSE, pos + 7, limit)
    return -1

