"""Markdig's generic attribute blocks ('{#id .class name=value}'), read as the tags they put
on a page, for the tag rules of ``safety``."""

from __future__ import annotations

import re

# Markdig's generic attributes ('{#id .class name=value}'), which DocFX can write onto the
# element before them or the block they end: a browser runs an 'onclick=' there as on a tag.
_GENERIC_NAME = re.compile(r"[A-Za-z_:][\w:.-]*+")
_BLANK = " \t\r\n"
_STOP = _BLANK + "}{"  # where an id, class or unquoted value ends: a '{' keeps scans linear
# bare names that change the page with no value ('{hidden}'); any other bare word is more
# likely a placeholder ('{token}') than an attribute, and a name with no value runs nothing
_BARE_ACTIVE = frozenset(("hidden", "popover", "autofocus", "inert", "contenteditable"))


def with_generic(text: str) -> str:
    """``text`` and, after it, a <span> tag bearing the attributes of each generic attribute
    block it holds (no '{{'), as ``with_sections`` gives a DocFX section's <div>: the tag rules
    then read them as any tag's. A block that does not parse whole is text, as Markdig reads
    it; bare words other than ``_BARE_ACTIVE`` are left out."""
    if "{" not in text:
        return text
    tags = []
    pos = text.find("{")
    while pos >= 0:
        if not text.startswith("{", pos + 1) and (pos == 0 or text[pos - 1] != "{"):
            attrs = _generic_block(text, pos + 1)
            if attrs:
                tags.append("<span " + " ".join(
                    name if value is None else f'{name}="{value.replace(chr(34), "&quot;")}"'
                    for name, value in attrs) + ">")
        pos = text.find("{", pos + 1)
    return text + "\n" + "\n".join(tags) if tags else text


def _generic_block(text: str, i: int) -> list[tuple[str, str | None]] | None:
    """The attributes of the block whose '{' is just before ``i``, or None when it is none."""
    n = len(text)
    attrs: list[tuple[str, str | None]] = []
    while True:
        while i < n and text[i] in _BLANK:
            i += 1
        if i >= n:
            return None
        c = text[i]
        if c == "}":
            return [(a, v) for a, v in attrs if v is not None or a in _BARE_ACTIVE]
        if c in "#.":
            j = i + 1
            while j < n and text[j] not in _STOP:
                j += 1
            if j == i + 1:
                return None
            attrs.append(("id" if c == "#" else "class", text[i + 1 : j]))
            i = j
            continue
        m = _GENERIC_NAME.match(text, i)
        if m is None:
            return None
        name, i = m.group().lower(), m.end()
        value: str | None = None
        if text.startswith("=", i):
            i += 1
            if i < n and text[i] in "\"'":
                end = text.find(text[i], i + 1)
                if end < 0:
                    return None
                value, i = text[i + 1 : end], end + 1
            else:
                j = i
                while j < n and text[j] not in _STOP:
                    j += 1
                if j == i:
                    return None
                value, i = text[i:j], j
        attrs.append((name, value))
        if i < n and text[i] not in _BLANK and text[i] != "}":
            return None
