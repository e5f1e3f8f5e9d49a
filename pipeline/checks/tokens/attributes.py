"""Markdig's generic attribute blocks ('{#id .class name=value}'), read as the tags they put
on a page, for the tag rules of ``safety``.

DocFX can write a block's attributes onto the element before it or the block it ends: a
browser runs an 'onclick=' there as on a tag. Read as Markdig's GenericAttributesParser reads
them: white space (space, tab, line ends, form feed, line tabulation) parts them, and may
stand around an '='; a value is quoted, or runs to white space or '}'; after a quoted value
the next name may follow at once. Code spans are no place for one (a PowerShell hash table
'@{a=1}' in code is code)."""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.checks.tokens.code import without_code

_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M)
_NAME = re.compile(r"[A-Za-z_:][\w:.-]*+")
_BLANK = " \t\r\n\f\v"
_STOPS = re.compile(r"[ \t\r\n\f\v}]")
# What a block's attributes can do to a page: run script (on…), restyle, move or hide it, take
# an id, link or load. Any other name ('{enabled="False"}', PowerShell's '@{…}' in prose, or a
# bare '{token}', a placeholder) changes nothing a reader sees, and is left out.
_ACTIVE = frozenset(("id", "class", "style", "href", "src", "srcset", "srcdoc", "action",
                     "formaction", "xlink:href", "target", "hidden", "popover", "autofocus",
                     "inert", "contenteditable"))


def with_generic(text: str) -> str:
    """``text`` and, after it, a <span> tag bearing the attributes of each generic attribute
    block it holds outside code (no '{{'), as ``with_sections`` gives a DocFX section's <div>:
    the tag rules then read them as any tag's. A block that does not parse whole is text, as
    Markdig reads it; attributes that change nothing a reader sees are left out (``_ACTIVE``)."""
    if "{" not in text:
        return text
    # (a fence's backticks open no code span: its info string may hold a block for the fence)
    scan = without_code(text) if "`" in text and not _FENCE.search(text) else text
    stops = [m.start() for m in _STOPS.finditer(scan)]  # once: each block's runs look it up
    tags = []
    pos = scan.find("{")
    while pos >= 0:
        if not scan.startswith("{", pos + 1) and (pos == 0 or scan[pos - 1] != "{"):
            attrs = _block(scan, pos + 1, stops)
            if attrs:
                tags.append("<span " + " ".join(
                    name if value is None else f'{name}="{value.replace(chr(34), "&quot;")}"'
                    for name, value in attrs) + ">")
        pos = scan.find("{", pos + 1)
    return text + "\n" + "\n".join(tags) if tags else text


def _run_end(stops: list[int], i: int, n: int) -> int:
    """Where a run from ``i`` ends: the next white space or '}', else the text's end."""
    k = bisect_left(stops, i)
    return stops[k] if k < len(stops) else n


def _skip_blank(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _BLANK:
        i += 1
    return i


def _block(text: str, i: int, stops: list[int]) -> list[tuple[str, str | None]] | None:
    """The attributes of the block whose '{' is just before ``i``, or None when it is none."""
    n = len(text)
    attrs: list[tuple[str, str | None]] = []
    while True:
        i = _skip_blank(text, i)
        if i >= n:
            return None
        c = text[i]
        if c == "}":
            return [(a, v) for a, v in attrs if a in _ACTIVE or a.startswith("on")]
        if c in "#.":
            j = _run_end(stops, i + 1, n)
            if j == i + 1:
                return None
            attrs.append(("id" if c == "#" else "class", text[i + 1 : j]))
            i = j
            continue
        m = _NAME.match(text, i)
        if m is None:
            return None
        name, i = m.group().lower(), m.end()
        value: str | None = None
        after = _skip_blank(text, i)
        if after < n and text[after] == "=":
            i = _skip_blank(text, after + 1)
            if i < n and text[i] in "\"'":
                end = text.find(text[i], i + 1)
                if end < 0:
                    return None
                value, i = text[i + 1 : end], end + 1
                attrs.append((name, value))
                continue  # the next name may follow the quote at once
            j = _run_end(stops, i, n)
            if j == i:
                return None
            value, i = text[i:j], j
        attrs.append((name, value))
        if i < n and text[i] not in _BLANK and text[i] != "}":
            return None
