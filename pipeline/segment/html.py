"""Raw HTML blocks: each chunk of text between block-level tags is cut into sentences.

Inline tags (``<strong>``, ``<a href>``, ``<code>``) stay inside the chunk. Within a chunk, the
line break between a ``>`` and a ``<`` is kept verbatim with its indentation; a line break
between words joins them with one space, as in a paragraph. Comments and the contents of
``<script>``, ``<style>``, ``<pre>`` and ``<textarea>`` hold no text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.segment.flat import Flat, FlatBuilder
from pipeline.segment.htmlstart import ATTRIBUTES, ATTRIBUTES_ACROSS_LINES
from pipeline.segment.paragraphs import column_of

_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "nav", "noframes",
    "ol", "optgroup", "option", "p", "param", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul",
))
_RAW_TAGS = frozenset(("script", "style", "pre", "textarea"))
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:{ATTRIBUTES}(/?>)|(?:\s[^<>]*)?/?>)"
                  r"|<!--.*?(?:-->|$)|<\?.*?(?:\?>|$)|<!\[CDATA\[.*?(?:\]\]>|$)"
                  r"|<![A-Za-z][^>]*(?:>|$)")
# A tag read on from its line: a quoted value may hold line ends, as CommonMark reads it ('<p
# title="a > b.' then 'C">'); tried only where the line's own reading was the lenient one.
_LONG_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*){ATTRIBUTES_ACROSS_LINES}/?>")
# What ends each kind of text no reader sees: a comment, a processing instruction (<?xml …?>),
# CDATA, a declaration (<!DOCTYPE …>); each may run over several lines.
_HIDDEN = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))


def html_runs(text: str, lines: Sequence[tuple[int, int]]) -> list[Flat]:
    """The chunks of an HTML block, one run each."""
    runs: list[Flat] = []
    chunk: list[tuple[int, int]] = []  # source pieces of the chunk, one per line at most
    raw: str | None = None  # inside <script>…</script> and the like
    comment = False  # inside text no reader sees, until ``closer``
    closer = "-->"
    resume = 0  # where a tag read on over line ends (``_LONG_TAG``) ends
    last = lines[-1][1] if lines else 0

    def cut() -> None:
        if chunk:
            runs.append(_join(text, chunk))
            chunk.clear()

    for start, end in lines:
        if end <= resume:  # inside a tag read on from a line above
            continue
        pos = max(start, resume)
        if raw is None and not comment and pos == start:
            line = text[start:end].strip()
            whole = _TAG.fullmatch(line) if line.startswith("<") else None
            if whole is not None and whole.group(2) and whole.group(3) is None and _read_on(
                    text, text.index("<", start), end, last) is not None:
                whole = None  # its value goes on over the line end: read below
            if whole is not None and whole.group(2) is not None and \
                    whole.group(2).lower() not in _RAW_TAGS:
                # a tag alone on its line (an inline one too: it may open the block, as
                # CommonMark's type 7 does) keeps its line: no text joins it
                cut()
                continue
        if comment:
            close = text.find(closer, start, end)
            if close < 0:
                continue
            comment = False
            pos = close + len(closer)
        for m in _TAG.finditer(text, pos, end):
            if m.start() < pos:
                continue
            name = (m.group(2) or "").lower()
            if raw is not None:
                if m.group(1) and name == raw:
                    raw = None
                    pos = m.end()
                continue
            hidden = m.group(2) is None  # a comment, <?…?>, CDATA or a declaration
            if hidden or name in _BLOCK_TAGS or name in _RAW_TAGS:
                # read leniently (the strict reading failed): its value may go on
                longer = None if hidden or m.group(3) else _read_on(text, m.start(), end, last)
                if m.start() > pos:
                    chunk.append((pos, m.start()))
                cut()
                if longer is not None:
                    resume = pos = longer.end()
                    if name in _RAW_TAGS and not m.group(1):
                        raw = name
                    break
                pos = m.end()
                if hidden:
                    closer = next(c for o, c in _HIDDEN if m.group(0).startswith(o))
                    comment = not m.group(0).endswith(closer)
                elif name in _RAW_TAGS and not m.group(1):
                    raw = name
        if raw is None and not comment and end > pos:
            chunk.append((pos, end))
    cut()
    return runs


def _read_on(text: str, at: int, end: int, last: int) -> re.Match[str] | None:
    """The tag at ``at`` read with its quoted values over line ends, when so it ends past its
    line's ``end`` (and before the block's, ``last``)."""
    longer = _LONG_TAG.match(text, at, last)
    return longer if longer is not None and longer.end() > end else None


def _join(text: str, pieces: list[tuple[int, int]]) -> Flat:
    builder = FlatBuilder(text)
    last = len(pieces) - 1
    for i, (a, b) in enumerate(pieces):
        if i:  # a line break before this piece
            prev_a, prev_b = pieces[i - 1]
            before = text[prev_a:prev_b].rstrip()
            after = text[a:b].lstrip()
            if before.endswith(">") and after.startswith("<"):
                gap = text[prev_a + len(before):a + len(text[a:b]) - len(after)]
                if gap.strip() == "":
                    builder.add(prev_a + len(before), a + (b - a) - len(after))
                else:  # a container prefix in between: the line break alone
                    builder.add_text("\n")
            else:
                builder.add_text(" ")
            a += (b - a) - len(after)
        if i < last:
            b = a + len(text[a:b].rstrip())
        builder.add(a, b, column_of(text, a))
    return builder.build()
