"""A PO string as gettext reads it: its escapes (``unescape``), and why one that does not parse
does not (``bad_string``), said plainly. Shared by the grammar (``scan``), the decoder
(``decode``) and the fast path (``canonical``)."""

from __future__ import annotations

import re

from pipeline.findings import InputError

# Runs of plain characters are taken whole and never given back (possessive): five times as
# fast on long strings as one character per step, and the same matches.
_STRING_BODY = r'(?:[^"\\]++|\\(?:[\\"ntrabfv]|[0-7]{1,3}|x[0-9a-fA-F]+))*+'
# GNU gettext's escapes: \? and \' are C's but msgfmt rejects them ("invalid control sequence").
_UNESCAPE_RE = re.compile(r'\\(?:([\\"ntrabfv])|([0-7]{1,3})|x([0-9a-fA-F]+))')
_SIMPLE_ESCAPES = {
    "\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
    "v": "\v",
}
_HINT = "fix the catalog in a PO editor, or restore it from version control; it was left as is"


def _syntax_error(path: str, line: int, message: str) -> InputError:
    return InputError("po-syntax", message, path, line, 1, _HINT)


def _bad_string(text: str, keyword: str = "") -> str:
    """Why a string does not parse: said plainly, since polib would silently misread it."""
    where = f" after {keyword}" if keyword else ""
    shown = _readable(text if len(text) <= 60 else text[:57] + "...")
    if not text:
        return f"no string{where}"
    if not text.startswith('"'):
        return f"unquoted text{where}: {shown!r}"
    body = text[1:]
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if _UNESCAPE_RE.match(body, i) is None:
                esc = body[i : i + 2]
                if len(esc) < 2:
                    break
                return f"invalid escape {esc!r}{where}: {shown!r}"
            i += 2
            continue
        if ch == '"':
            return f"text after the closing quote{where}: {shown!r}"
        i += 1
    return f"unterminated string{where}: {shown!r}"


def _readable(raw: str) -> str:
    """Raw line text (the file's bytes as latin-1, or text) as a message can show it."""
    try:
        return raw.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a line read by characters
        return raw.encode("utf-8", "replace").decode("utf-8")


def _unescape(body: str, line: int, path: str, wire: str = "latin-1") -> bytes:
    """A string's bytes in the catalog's charset: gettext unescapes after reading characters,
    so an escape's byte (\\351) joins the bytes around it."""
    if "\\" not in body:
        return body.encode(wire, "surrogateescape")
    out = bytearray()
    pos = 0
    for m in _UNESCAPE_RE.finditer(body):
        out += body[pos : m.start()].encode(wire, "surrogateescape")
        simple, octal, hexa = m.groups()
        if simple is not None:
            out += _SIMPLE_ESCAPES[simple].encode("ascii")
        else:
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if value > 0xFF:
                raise _syntax_error(path, line, f"escape {m.group()!r} is beyond a byte")
            out.append(value)
        pos = m.end()
    out += body[pos:].encode(wire, "surrogateescape")
    return bytes(out)
