"""Where tags end, as a browser reads them, for ``safety``'s html-added: a malformed start tag
that a browser still closes, and end tags that close what the text itself did not open."""

from __future__ import annotations

import re

from pipeline.checks.tokens.tags import LENIENT_TAG, NOT_CLOSED, VOID_ELEMENTS, BadTag, Tag


def outer_ends(tags: list[Tag], bad: list[BadTag]) -> list[str]:
    """The names of the end tags that close no element the text opens before them: those
    close elements around the text. A malformed end tag ('</div x>', '</div/>') is one to a
    browser all the same; void elements have none."""
    ends = [(t.offset, t.name, t.end) for t in tags
            if t.name not in VOID_ELEMENTS and not t.self_closing]
    ends += [(b.offset, b.name, True) for b in bad if b.text.startswith("</")]
    opened: dict[str, int] = {}
    out = []
    for _, name, end in sorted(ends):
        if not end:
            opened[name] = opened.get(name, 0) + 1
        elif opened.get(name):
            opened[name] -= 1
        else:
            out.append(name)
    return out


def broken_starts(bad: list[BadTag], text: str | None = None) -> list[str]:
    """The element names of the malformed start tags among ``bad`` (no end tag or comment).
    Of the translation's (``text``), one left with no '>' is markup-open's ('当 a<b 时'
    compares), unless a browser closes it past a '<', which it reads into an attribute's name
    ('<video x<y>'). The English's count all: its 'If a <b then' is the translation's 'Si a <b
    l'opération', however the words after the '<b' end the strict reading."""
    starts = [b for b in bad if b.name != "!--" and not b.text.startswith("</")]
    if text is None:
        return [b.name for b in starts]
    unclosed = [b for b in starts if b.reason == NOT_CLOSED]
    # each lenient reading runs to the text's end when nothing closes it: read once, from the
    # end, where a tag from each place would stop, when many ask (not in their product)
    closes = _closes_from(text) if len(unclosed) > 8 else None
    return [b.name for b in starts if b.reason != NOT_CLOSED or _closed(text, b.offset, closes)]


_LENIENT_NAME = re.compile(r"</?[A-Za-z][^\t\n\f\r /><]*+")  # LENIENT_TAG's up to its attributes


def _closed(text: str, start: int, closes: list[bool] | None = None) -> bool:
    """Whether the lenient reading of the tag at ``start`` ends with its '>'."""
    if closes is None:
        m = LENIENT_TAG.match(text, start)
        return m is not None and m.group().endswith(">")
    m = _LENIENT_NAME.match(text, start)
    # (unclosed, the reading runs to the text's end: a last '>' inside a quote ends it too)
    return m is not None and (closes[m.end()] or text.endswith(">"))


def _closes_from(text: str) -> list[bool]:
    """For each place, whether LENIENT_TAG's attributes read from there reach a '>' outside
    quotes: a quote runs to its mate (to the text's end when it has none)."""
    n = len(text)
    closes = [False] * (n + 1)
    mate = {'"': n, "'": n}  # the next quote of each kind after the place being read
    for p in range(n - 1, -1, -1):
        c = text[p]
        if c == ">":
            closes[p] = True
        elif c in mate:
            q = mate[c]
            closes[p] = q < n and closes[q + 1]
            mate[c] = p
        else:
            closes[p] = closes[p + 1]
    return closes
