"""The Markdown block a line would open (heading, list item, quote, fence, HTML block, ...), as
CommonMark reads the first characters of a line: what a translation must not start where its
English does not."""

from __future__ import annotations

import re

from pipeline.checks.tokens.links import CONTAINERS, DEFINITION_AT

# Up to three spaces of indentation (deeper is code or continuation, which a segment cannot
# open by itself), then the patterns for the line's first character: one or two are tried, not
# all. A character that is no key of BY_FIRST_CHAR opens no block.
_FENCE = re.compile(r"(?:`{3,}|~{3,})")
_BREAK = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"[-*+](?:[ \t]|$)")
_ORDERED = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"=+[ \t]*$")
_HTML_BLOCK = re.compile(
    r"<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:[\s>]|$)"
    r"|/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col"
    r"|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form"
    r"|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem"
    r"|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td"
    r"|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|/>|$))", re.I)
# DocFX's block extensions: ':::zone pivot=…', ':::moniker range=…', ':::row:::', ':::image …'
# (an inline ':::no-loc …:::' that a translation moves to the line's start opens none)
_DIRECTIVE = re.compile(r":::[ \t]*+(?!no-loc)[A-Za-z]")
# CommonMark's seventh kind: a line holding one whole tag of any name, alone (it starts a
# block only where a paragraph does not run on, but a segment cannot tell: the English's code
# spans after it would become raw HTML)
_HTML_TAG_LINE = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:\"[^\"]*\"|'[^']*'"
    r"|[^\s\"'=<>`]+))?)*[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*\r?$")
_REF_HEAD = re.compile(r"\[(?:[^\[\]\\]|\\.)+\]:[ \t]*\r?$")
# ... or a label that runs on to the next line ('[Contoso' then 'Learn]: url' defines
# '[Contoso Learn]'), when the text has that next line
_REF_OPEN = re.compile(r"[ \t]{0,3}\[(?:[^\[\]\\\n]|\\.)*+\r?$")
_LABEL_CLOSES = re.compile(r"[ \t]{0,3}\[(?:[^\[\]\\]|\\.)+\]:")  # (no '](': link text)
_BREAK_KIND = "thematic break or front matter delimiter"
BY_FIRST_CHAR: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "`": (("code fence", _FENCE),),
    "~": (("code fence", _FENCE),),
    "-": ((_BREAK_KIND, _BREAK), ("list item", _BULLET)),
    "*": ((_BREAK_KIND, _BREAK), ("list item", _BULLET)),
    "_": ((_BREAK_KIND, _BREAK),),
    "+": (("list item", _BULLET),),
    "=": (("setext heading underline", _SETEXT),),
    "#": (("heading", _HEADING),),
    ">": (("block quote", re.compile(">")),),
    "<": (("HTML block", _HTML_BLOCK), ("HTML block", _HTML_TAG_LINE)),
    # a whole-line '[label]: destination ["title"]': the line vanishes from the page; with no
    # destination yet, the next line (the next segment's) gives it one
    "[": (("link reference definition", DEFINITION_AT),
          ("link reference definition", _REF_HEAD)),
    ":": (("DocFX block (:::)", _DIRECTIVE),),
    **{d: (("list item", _ORDERED),) for d in "0123456789"},
}
_INDENT = re.compile(r"[ \t]*")


def block_start(line: str) -> str | None:
    """The kind of block a line would open, or None. ``line`` starts after its line break."""
    pos = 0
    if line[:1] in (" ", "\t"):
        m = _INDENT.match(line)
        pos = m.end() if m is not None else 0
        if pos > 3:
            return None
    for kind, pattern in BY_FIRST_CHAR.get(line[pos : pos + 1], ()):
        if pattern.match(line, pos):
            if kind in _CONTAINER_KINDS and "]:" in line:  # a definition inside: it is that
                inner = _CONTAINER.match(line, pos)
                at = pos if inner is None else inner.end()
                if DEFINITION_AT.match(line, at) or _REF_HEAD.match(line, at):
                    return "link reference definition"
            return kind
    return None


_CONTAINER_KINDS = frozenset(("block quote", "list item"))
_CONTAINER = re.compile(CONTAINERS)


# CommonMark's line endings: a carriage return alone ends a line too
LINE_END = re.compile(r"\r\n?|\n")


def line_ends(text: str) -> int:
    """How many lines ``text`` ends, as CommonMark reads it (CR LF, LF, or CR alone)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def block_starts(text: str) -> tuple[str | None, list[str]]:
    """The block the text's first line opens, if any, and the blocks its other lines open."""
    lines = LINE_END.split(text) if "\r" in text else text.split("\n")
    kinds = [block_start(line) for line in lines]
    if "[" in text and "]:" in text:  # a label a later line closes: '[Contoso' 'Learn]: url'
        joined, starts, at = "\n".join(lines), [], 0
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        kinds = [k or ("link reference definition" if i < len(lines) - 1
                       and _REF_OPEN.match(lines[i])
                       and _LABEL_CLOSES.match(joined, starts[i]) else None)
                 for i, k in enumerate(kinds)]
    return kinds[0], [k for k in kinds[1:] if k]


_LEADING_NUMBER = re.compile(r"\s*(\d+)")


def same_leading_number(source: str, translation: str) -> bool:
    """Both texts open with the same number ('11 - How …' and '11. Как …'): a translation
    that reads as a list item there keeps the English's own number."""
    src = _LEADING_NUMBER.match(source)
    tr = _LEADING_NUMBER.match(translation)
    return src is not None and tr is not None and src.group(1) == tr.group(1)
