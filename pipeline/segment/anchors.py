"""Heading slugs as Microsoft's handoffs write them in ``<a name="slug"></a>``.

Links and includes stand for their label (``[!INCLUDE[pn_x](…)]`` → ``pn_x``); then lower
case; keep letters, digits, ``_``, ``-`` and spaces; then each space becomes ``-``. A repeated
heading repeats its slug (no ``-1`` suffix).
"""

from __future__ import annotations

import html
import re

from pipeline.segment.htmlstart import ATTRIBUTES

_LABELLED = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\([^()]*\)\]|!?\[([^\]]*)\]\([^()]*\)", re.I)


def slug(heading: str) -> str:
    heading = _LABELLED.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in "_- ")
    return kept.replace(" ", "-")


def anchor(heading: str) -> str:
    return f'<a name="{slug(heading)}"></a>'


# What DocFX (Markdig's GitHub-style auto identifiers) makes a heading's id from: the heading's
# rendered text (tags gone, code and emphasis as their text, character references as their
# characters), slugged as above; a repeated id takes -1, -2, ... so links in the English to
# '#overview-1' work there.
# A tag starts with its name; its attributes are read as CommonMark (so Markdig's inline HTML,
# which the id leaves out whole) reads them: a quoted value may hold '>' (<span title="a > b">).
# A tag not well formed (a value left open) is read, as before, up to the next '>'. A
# comment is '<!--' to the first '-->' on its line (``without_tags``). The name is
# possessive: a shorter one leaves no match the whole one does not, and a name given back a
# character at a time was read on to the line's end each time (quadratic in its length).
_TAG = re.compile(rf"</?[A-Za-z][A-Za-z0-9-]*+(?:{ATTRIBUTES}/?>|[^<>\n]*>)|(<!--)")


def without_tags(text: str) -> str:
    """``text`` without its tags and comments, in linear time: a comment's end is looked for
    on its line once (as '<!--.*?-->', each of thousands of '<!--' on a line with no '-->' was
    read to the line's end: a minute for one heading)."""
    parts: list[str] = []
    pos = 0
    line_end = -1  # the end of the line of the last comment looked at
    unclosed = -2  # that of a line with a comment opened and no '-->' after it
    while (m := _TAG.search(text, pos)) is not None:
        if m.group(1) is None:  # a tag
            parts.append(text[pos:m.start()])
            pos = m.end()
            continue
        if m.start() >= line_end:
            line_end = text.find("\n", m.start())
            line_end = len(text) if line_end < 0 else line_end
        close = -1 if line_end == unclosed else text.find("-->", m.end(), line_end)
        if close < 0:  # no comment: the '<!--' stays text
            unclosed = line_end
            parts.append(text[pos:m.end()])
        else:
            parts.append(text[pos:m.start()])
            close += 3
        pos = m.end() if close < 0 else close
    parts.append(text[pos:])
    return "".join(parts)

_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def rendered_slug(heading: str) -> str:
    """The slug of a heading's text as a reader sees it: no tag, no emphasis marker, no
    escaping backslash, a character reference outside code as its character (``&lt;T&gt;``
    as ``<T>``), code as it is written (Markdig writes a code span's text raw)."""
    heading = _LABELLED.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    aside: list[str] = []  # code spans and escaped characters, each one private character

    def put_aside(text: str) -> str:
        aside.append(text)
        return chr(_ASIDE + len(aside) - 1)

    if "`" in heading:  # a code span's text as written
        heading = _CODE.sub(lambda m: put_aside(m.group(2).strip()), heading)
    if "\\" in heading:  # '\<' is a character, never a tag's start nor emphasis
        heading = _ESCAPE.sub(lambda m: put_aside(m.group(1)), heading)
    if "<" in heading:
        heading = without_tags(heading)
    if "*" in heading or "_" in heading:
        for _ in range(3):  # nested: ***a*** or **_a_**
            heading, n = _EMPHASIS.subn(lambda m: m.group(2), heading)
            if not n:
                break
    if "&" in heading:  # after emphasis: '&#95;' is an underscore, never a marker
        heading = html.unescape(heading)
    for n, text in enumerate(aside):
        heading = heading.replace(chr(_ASIDE + n), text)
    return slug(heading)


_ASIDE = 0xF0000  # a plane of private characters no heading holds
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark's backslash escapes


def page_ids(headings: list[str]) -> list[str]:
    """The ids DocFX gives a page's headings, in order: each repeated one numbered."""
    seen: set[str] = set()
    out: list[str] = []
    for heading in headings:
        base = rendered_slug(heading) or "section"  # Markdig's id for a heading of no letter
        found, n = base, 0
        while found in seen:
            n += 1
            found = f"{base}-{n}"
        seen.add(found)
        out.append(found)
    return out
