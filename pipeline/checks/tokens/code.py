"""Code spans, backslash escapes, and masking: the first thing every rule takes out of a span,
since nothing inside a code span is markup."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.checks.tokens.destinations import BALANCED

# Stands in for masked-out text (code, URLs, tags): not space, not punctuation, so it neither
# creates nor removes emphasis flanking, words or numbers.
MASK = "\x1a"

_BACKTICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each CommonMark code span, backticks included: a backtick run is closed by
    the next run of the same length; a run with no such closer is literal text, and so is one
    inside an autolink, raw HTML tag or link destination that starts before it (they take
    precedence: '<https://x/`>', '<b title="`">' or '[a](x?`)' holds a backtick, no code
    span's)."""
    if "`" not in text:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    free = 0  # where text outside any code span, autolink, tag or destination resumes
    may_shadow = "<" in text or "](" in text
    ends: dict[str, int] = {}  # the last '-->', '?>', ... of the text, as _unterminated needs
    brackets = _Brackets(text, spans)
    while i < len(runs):
        start, end = runs[i]
        i += 1
        if start < free:
            continue
        shadow = _shadowing(text, free, start, ends, brackets) if may_shadow else free
        if shadow > start:  # a tag, autolink or destination holds this run
            free = shadow
            continue
        free = end
        if escaped(text, start):  # \` is a literal backtick; the run opens one later
            start += 1
        n = end - start
        if n == 0:
            continue
        for j in range(i, len(runs)):
            if runs[j][1] - runs[j][0] == n:
                spans.append((start, runs[j][1]))
                i = j + 1
                free = runs[j][1]
                break
    return spans


# What CommonMark reads before a code span that starts inside it: an autolink, raw HTML (a tag,
# comment, processing instruction, declaration or CDATA section), and the destination and title
# of an inline link or image, which it reads at the ']' (its text's code spans come first).
# ASCII only, as CommonMark and Markdig read a tag: a no-break space parts no attribute
# ('<b\u00a0title="`">' is text, its backtick a code span's), nor is 'ï' a name's letter
_ATTRIBUTE = (r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'"""
              r"""|"[^"]*"))?)""")
_SHADOW = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*" + _ATTRIBUTE + r"*\s*/?>|/[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|!--(?:>|->|.*?-->)|\?.*?\?>|![A-Za-z][^>]*>|!\[CDATA\[.*?\]\]>"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*>"
    r"|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>)"
    r"""|\]\([ \t\n]*(?:<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|""" + BALANCED + r""")*)"""
    r"""(?:[ \t\n]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
    r"[ \t\n]*\)", re.S | re.A)
_SHADOW_START = re.compile(r"<|\]\(")


def _shadowing(text: str, pos: int, run: int, ends: dict[str, int], brackets: _Brackets
               ) -> int:
    """The end of the autolink, tag or link destination that starts in ``text[pos:run]`` (where
    no code span is open) and reaches past ``run``, a backtick run; else ``pos``. (A
    destination counts after a link's text: see _Brackets.)"""
    at = _SHADOW_START.search(text, pos, run)
    while at is not None:
        lt = at.start()
        m = None
        if not escaped(text, lt) and not _unterminated(text, lt, ends):
            m = _SHADOW.match(text, lt)
        if m is not None and text[lt] == "]" and not brackets.closes_link_text(lt):
            m = None
        if m is not None:
            if m.end() > run:
                return m.end()
            at = _SHADOW_START.search(text, m.end(), run)
        else:
            at = _SHADOW_START.search(text, lt + 1, run)
    return pos


_BRACKET = re.compile(r"[\[\]]")


class _Brackets:
    """CommonMark's brackets, walked once through a text as code_spans reads it: whether a ']'
    ends a link's text. Its '[' must be unescaped and outside code ('\\[a](x?`)', '`[` ](x?`)'
    make no link: their backtick opens a code span), the one ']' pairs with (the brackets of
    '[a]b](x?`)' pair apart), and still active: a link inside it ('[[a](b) c](x?`)'; an
    image is no link) leaves none. (Reference links are not known here: read as no link.)"""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans  # spans: code_spans' own, growing as it reads
        self.at, self.span = 0, 0
        self.openers: list[list[bool]] = []  # [image, active] of each '[' not yet closed

    def closes_link_text(self, close: int) -> bool:
        text, spans, j = self.text, self.spans, self.at
        while j < close:
            while self.span < len(spans) and spans[self.span][1] <= j:
                self.span += 1
            if self.span < len(spans) and spans[self.span][0] <= j:
                j = spans[self.span][1]
                continue
            # only brackets matter: on to the next one before the next code span (a page is
            # read whole, one character at a time it took milliseconds)
            limit = min(close, spans[self.span][0]) if self.span < len(spans) else close
            found = _BRACKET.search(text, j, limit)
            if found is None:
                j = limit
                continue
            j = found.start()
            c = text[j]
            if c == "[" and not escaped(text, j):
                self.openers.append([j > 0 and text[j - 1] == "!" and not escaped(text, j - 1),
                                     True])
            elif c == "]" and not escaped(text, j) and self.openers:
                image, active = self.openers.pop()
                link = _SHADOW.match(text, j) if active and text.startswith("](", j) else None
                if link is not None:
                    if not image:  # no link inside a link
                        for opener in self.openers:
                            opener[1] = opener[0]
                    j = link.end()
                    continue
            j += 1
        self.at = max(j, self.at)
        return bool(self.openers) and self.openers[-1][1]


# A comment, instruction, CDATA section or declaration whose end is nowhere after it fails to
# match only once it has read the rest of the text: ruled out first (linear in every '<!--')
_ENDS = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<!", ">"), ("<?", "?>"))


def _unterminated(text: str, lt: int, ends: dict[str, int]) -> bool:
    for opening, end in _ENDS:
        if text.startswith(opening, lt):
            if end not in ends:
                ends[end] = text.rfind(end)
            return ends[end] < lt + len(opening) - (1 if opening == "<!--" else 0)
    return False


def loose_backticks(text: str) -> int:
    """How many backtick runs open or close no code span (unescaped): the next segment's on
    the page may pair with one."""
    spans = code_spans(text)  # in text order, apart: one walk (a set of every position
    k, loose = 0, 0           # inside them cost a long code span's length in set inserts)
    for m in _BACKTICKS.finditer(text):
        at = m.start()
        while k < len(spans) and spans[k][1] <= at:
            k += 1
        if not (k < len(spans) and spans[k][0] <= at) and not escaped(text, at):
            loose += 1
    return loose


def escaped(text: str, pos: int) -> bool:
    n = 0
    while pos - n - 1 >= 0 and text[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def code_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in code_spans(text)]


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(MASK)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def without_code(text: str) -> str:
    """The text with each code span replaced by MASK."""
    return mask_spans(text, code_spans(text)) if "`" in text else text


def without_english_code(text: str, english: str) -> str:
    """The text with each code span the English has too replaced by MASK: code a translation
    adds or changes is read as text. (A flag may let it stand, and on the page a backtick of
    the segment beside it, or an HTML block around it, can make markup of it.)"""
    if "`" not in text or "`" not in english:  # no code of the English's to mask
        return text
    spans = code_spans(text)
    theirs = list(_english_code(english))
    kept = []
    for s, e in spans:
        if text[s:e] in theirs:
            theirs.remove(text[s:e])
            kept.append((s, e))
    return mask_spans(text, kept)


@lru_cache(maxsize=64)
def _english_code(english: str) -> tuple[str, ...]:
    """The English's code spans, read once: a translation cut into table cells asks for them
    once a cell (a 40 KB translation of 3,000 '|' against a long English was 3 s)."""
    return tuple(code_texts(english))


def first_come(spans: list[tuple[int, int]], stretches: list[tuple[int, int]]
                ) -> list[tuple[int, int]]:
    """The code spans no tag, destination or directive begun before them holds, read left to
    right as the page is: whichever starts first wins, and what starts inside it is its own
    (a backtick in a directive is the directive's; a '[!', ':::', '@"' or '{' in a code span,
    a PowerShell '@"' among them, is code and holds no later span). Linear but for the sort."""
    kept = []
    until = -1
    for a, b, span in sorted([(a, b, True) for a, b in spans]
                             + [(a, b, False) for a, b in stretches]):
        if a < until:
            continue
        until = b
        if span:
            kept.append((a, b))
    return kept
