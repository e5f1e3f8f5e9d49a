"""In-page links and the anchors they point to: what translation must not break.

A page's anchors are its headings' slugs (``pipeline.segment.anchors``, as Microsoft writes
them) and the ``name`` and ``id`` attributes of its HTML; its in-page links are the Markdown
``](#anchor)`` and HTML ``href="#anchor"`` outside code. Anchors compare without case, as
browsers find DocFX's lower-case ids. A link is broken by translation when it resolves
nowhere in the localized page while the English's same link resolved (or the English has no
such link: the translation changed its target).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks.tokens.links import ANCHOR_ATTRIBUTE, ATTRIBUTE_ID, IN_PAGE_LINK
from pipeline.segment.anchors import page_ids, slug, without_tags

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
# (its text greedy, its closing #s and spaces stripped after: a lazy text before '[ \t#]*$'
# tried each length against the rest, and a heading of many spaces took seconds)
_HEADING = re.compile(r"^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?#{1,6}[ \t]+(.*)$")
_CLOSING = " \t#"
# What ends a paragraph: a quote, a list item with text (an ordered one only from 1), a fence,
# a thematic break; a line of other text, however it starts, continues it.
_INTERRUPTS = re.compile(r" {0,3}(?:>|[-*+][ \t]+\S|1[.)][ \t]+\S|```|~~~|(?:[-*_][ \t]*){3,}$)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
# A line that is no paragraph's text, so no setext heading's: a list item, quote, table row,
# HTML, a DocFX directive, indented code, a thematic break.
_NOT_TEXT = re.compile(r"(?: {0,3}(?:[-*+>|<]|\d{1,9}[.)]|:::|\[!|(?:[-*_][ \t]*){3,}$)| {4}|\t)")
_COMMENT_START = re.compile(r" {0,3}<!--")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of ``text`` outside fenced code and HTML comment blocks (1-based numbers,
    counted at line feeds as the segmenter counts them: not at U+2028 or a form feed), as
    written. A commented-out section's headings are no headings of the page."""
    fence = ""
    comment = False
    lines = text.split("\n")
    front = _front_matter_end(lines)
    for number, line in enumerate(lines, 1):
        line = line[:-1] if line.endswith("\r") else line
        if number <= front:
            continue
        if comment:
            comment = "-->" not in line
            continue
        m = _FENCE.match(line)
        if fence:
            if m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m is not None:
            fence = m.group(1)
            continue
        if _COMMENT_START.match(line):  # an HTML block: it ends on the line holding -->
            comment = "-->" not in line
            continue
        yield number, line


def _front_matter_end(lines: list[str]) -> int:
    """The number of the line closing the page's front matter; 0 when it has none."""
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return 0
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() in ("---", "..."):
            return number
    return 0


def _prose_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` outside fenced code, with code spans blanked."""
    for _, line in _lines(text):
        yield _CODE_SPAN.sub(" ", line) if "`" in line else line


def heading_ids(text: str) -> dict[int, str]:
    """The id DocFX gives each heading of a page, ATX or setext, by the line its text starts
    on (see ``anchors.page_ids``)."""
    found: list[tuple[int, str]] = []
    para: list[tuple[int, str]] = []  # the lines of the paragraph just before, if any
    item = False  # in a list item's text
    for n, line in _lines(text):
        h = _HEADING.match(line)
        if h is not None:
            found.append((n, h.group(1).rstrip(_CLOSING)))
        elif para and para[-1][0] == n - 1 and _UNDERLINE.match(line):
            found.append((para[0][0], " ".join(t.strip() for _, t in para)))
            para = []
            continue
        continues = bool(para) and para[-1][0] == n - 1
        text_line = h is None and bool(line.strip())
        if text_line and item and not _INTERRUPTS.match(line):
            continue  # a list item's text goes on: a '---' after it is a rule, no underline
        if text_line and not (_INTERRUPTS if continues else _NOT_TEXT).match(line):
            para, item = ([*para, (n, line)] if continues else [(n, line)]), False
        else:  # what interrupts a paragraph ends it: a quote, a list item, a fence…
            para, item = [], text_line and _LIST_ITEM.match(line) is not None
    return dict(zip((n for n, _ in found), page_ids([h for _, h in found]), strict=True))


def anchors(text: str) -> set[str]:
    """The anchors a page defines, lower case: its headings' ids (DocFX's, and Microsoft's
    slugs, which differ for a repeated heading or one with markup) and its HTML names and
    ids."""
    found = set(heading_ids(text).values())
    for line in _prose_lines(text):
        h = _HEADING.match(line)
        if h is not None:
            found.add(slug(without_tags(h.group(1).rstrip(_CLOSING))))
        if "<" in line:
            found.update(m.group(1).lower() for m in ANCHOR_ATTRIBUTE.finditer(line))
        if "{" in line:
            found.update(m.group(1).lower() for m in ATTRIBUTE_ID.finditer(line))
    return found


def links(text: str) -> list[str]:
    """The in-page link targets of a page, in order, lower case, without the ``#``."""
    out: list[str] = []
    for line in _prose_lines(text):
        if "#" in line:
            out.extend((m.group(1) or m.group(2)).lower() for m in IN_PAGE_LINK.finditer(line))
    return out


def broken_by_translation(english: str, localized: str) -> list[str]:
    """The in-page links of the localized page that resolve nowhere in it, but those the
    English has broken already (a translation that changed a target is broken by it)."""
    works = anchors(english)
    already = {target for target in links(english) if target not in works}
    there = anchors(localized)
    return [target for target in links(localized)
            if target not in there and target not in already]
