"""English Markdown a block left open swallows: a code fence, an HTML comment, a ``<pre>``
that is never closed runs to the end of the article (CommonMark, Markdig and DocFX read it so),
and the sentences after it are code or hidden, on the English page and in every locale, none
of them ever translated. Said once, at the line that opened it."""

from __future__ import annotations

import re

import pipeline.checks.inputs as inputs
from pipeline.findings import Finding, Severity
from pipeline.segment.blocks import Block, BlockKind

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TAG = re.compile(r" {0,3}<([A-Za-z]+)")
# what ends each kind of HTML block that only an end marker closes (CommonMark's kinds 2 to 5)
_ENDS = {"<!--": ("HTML comment (<!--)", "-->"), "<?": ("processing instruction (<?)", "?>"),
         "<![CDATA[": ("CDATA section (<![CDATA[)", "]]>"), "<!": ("declaration (<!)", ">")}


def unclosed(blocks: list[Block], text: str, starts: list[int], path: str) -> tuple[
        Finding, ...]:
    """The finding for the last block, when it is left open with more than its first line."""
    if not blocks or not blocks[-1].unclosed:
        return ()
    block = blocks[-1]
    if not any(text[a:b].strip() for a, b in block.lines[1:]):
        return ()  # nothing after the opening line: nothing is swallowed
    a, b = block.lines[0]
    opener = text[a:b]
    if block.kind is BlockKind.CODE:
        fence = _FENCE.match(opener)
        what, close = "code fence", (fence.group(1) if fence else "```")
        shows = "is code on the page"
    else:
        tag = _TAG.match(opener)
        start = opener.lstrip(" ")
        what, close = next((ends for o, ends in _ENDS.items() if start.startswith(o)),
                           (f"<{tag.group(1) if tag else 'pre'}> block",
                            f"</{tag.group(1).lower() if tag else 'pre'}>"))
        shows = "is hidden on the page" if close == "-->" else "is inside it on the page"
    line = _line(starts, a)
    last = _line(starts, block.lines[-1][0])
    return (Finding(
        inputs.MARKDOWN_UNCLOSED.id, Severity.WARNING,
        f"the {what} opened here is never closed: the rest of the article (lines {line + 1} to "
        f"{last}) {shows}, and none of it is translated", path, line,
        a - starts[line - 1] + 1, None,
        f"end the code with a line of {close} alone" if block.kind is BlockKind.CODE
        else f"close it with {close} where it should end"),)


def _line(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)
