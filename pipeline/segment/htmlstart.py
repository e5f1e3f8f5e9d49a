"""Where a CommonMark HTML block starts (kinds 1 to 7 of the spec) and where it ends: the block
scanner's one question about HTML, apart from how an HTML block is segmented (``html``)."""

from __future__ import annotations

import re

# A tag's attributes as CommonMark reads an open tag: a quoted value is one piece, and may hold
# '>' or a sentence's end ('<img alt="a > b. C">'), where a scan to the next '>' would end the
# tag. Each scan below tries it first, then its old lenient reading (up to the next '>') for a
# tag that is not well formed, a value left open say: that tag is read as before.
_ATTRIBUTES = (r"(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^'{0}]*'|\"[^\"{0}]*\"))?)*"
               r"\s*")
ATTRIBUTES = _ATTRIBUTES.format(r"\n")  # within a line: the scans read a line or a paragraph
# ... and a value over line ends, as CommonMark allows (an HTML block's tag read on from its line)
ATTRIBUTES_ACROSS_LINES = _ATTRIBUTES.format("")

_HTML_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
    "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
    "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
))
_HTML_RAW = re.compile(r" {0,3}<(script|pre|style|textarea)(?:[ \t>]|$)", re.I)
_HTML_TAG_START = re.compile(r" {0,3}</?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|/>|$)")
_HTML_COMPLETE = re.compile(
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'"
    r"|\"[^\"]*\"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
_HTML_ENDS = {1: None, 2: "-->", 3: "?>", 4: ">", 5: "]]>"}


def html_start(rest: str, in_paragraph: bool) -> int:
    """The CommonMark HTML block kind (1-7) that ``rest`` starts, or 0."""
    stripped = rest.lstrip(" ")
    if len(rest) - len(stripped) > 3 or not stripped.startswith("<"):
        return 0
    if _HTML_RAW.match(rest):
        return 1
    if stripped.startswith("<!--"):
        return 2
    if stripped.startswith("<?"):
        return 3
    if stripped.startswith("<![CDATA["):
        return 5
    if len(stripped) > 2 and stripped[1] == "!" and stripped[2].isalpha():
        return 4
    m = _HTML_TAG_START.match(rest)
    if m and m.group(1).lower() in _HTML_BLOCK_TAGS:
        return 6
    if not in_paragraph and _HTML_COMPLETE.match(rest):
        return 7
    return 0


def html_ends(kind: int, line: str) -> bool:
    if kind == 1:
        low = line.lower()
        return any(f"</{t}>" in low for t in ("script", "pre", "style", "textarea"))
    end = _HTML_ENDS.get(kind)
    return end is not None and end in line
