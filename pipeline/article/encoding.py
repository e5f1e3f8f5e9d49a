"""The bytes of an article as text: strict UTF-8, so that encoding the text gives back the same
bytes; UTF-16, UTF-32 and NUL bytes are refused with their place. A UTF-8 byte order mark, which
Windows editors add, is kept as the text's first character, so the bytes come back with it."""

from __future__ import annotations

import re

import pipeline.checks.inputs as inputs
from pipeline.article.model import position
from pipeline.findings import InputError
from pipeline.wide import wide_form


def decode(data: bytes, path: str) -> str:
    """Strict UTF-8, so that encoding the text gives back the same bytes."""
    form = wide_form(data)
    if form is not None:
        raise InputError(
            inputs.ENCODING.id, f"file is {form}; articles must be UTF-8", path, 1, 1,
            f"convert it: iconv -f {form} -t UTF-8",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        # in characters, as every other column (SARIF says unicodeCodePoints): the line's
        # bytes before the first invalid one are UTF-8
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        raise InputError(
            inputs.ENCODING.id, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", path, line, col,
            "save the file as UTF-8",
        ) from None
    bom = 1 if text.startswith("\ufeff") else 0
    if len(text) == bom or text[bom:].isspace():  # (isspace stops at the first letter)
        # a copy or download cut short: taken as it is, its page would be published empty and
        # every entry of its catalog made obsolete
        raise InputError(
            inputs.EMPTY_ARTICLE.id, "the article is empty (0 bytes)" if not data else
            "the article holds only white space", path, 1, 1, inputs.EMPTY_ARTICLE.hint)
    opener = _CR_OPENER.match(text, bom) if text.startswith("---", bom) else None
    if opener is not None:
        # front matter whose lines end with a CR alone (classic Mac OS): no reader here splits
        # them, and the front matter, the translation type with it, would go unread
        raise InputError(
            inputs.ENCODING.id, "a carriage return (CR) that is not followed by a line feed: "
            "line ends must be LF or CRLF", path, 1, opener.end(), "save the file with LF "
            "line ends (your editor's line-ending setting, or dos2unix -c mac)")
    # looked for in the bytes, by memchr: a NUL is the one character whose UTF-8 holds a zero
    # byte, and the text's own search for it goes a character at a time in most scripts
    if b"\x00" in data:
        line, col = position(text, text.find("\x00"))
        raise InputError(
            inputs.ENCODING.id, "NUL byte in text", path, line, col, "the file is binary or corrupt"
        )
    return text


_CR_OPENER = re.compile(r"---[ \t]*\r(?!\n)")
