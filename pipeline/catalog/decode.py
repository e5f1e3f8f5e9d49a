"""Decoding a scanned entry as gettext does: its strings by the catalog's charset, then
unescaped (``_Decoder``); its comments by kind; the header's lines and Plural-Forms. Shared by
the strict reader (``reader``) and its fast path (``canonical``)."""

from __future__ import annotations

import re

from pipeline.catalog.plural import plural_forms_problem
from pipeline.catalog.scan import _Entry, _Field
from pipeline.catalog.strings import _syntax_error, _unescape
from pipeline.findings import InputError


class _Decoder:
    """Turns the raw pieces into text by the catalog's charset, naming the line of a bad byte."""

    def __init__(self, path: str, charset: str) -> None:
        self.path = path
        self.charset = charset

    def text(self, raw: str, line: int, wire: str) -> str:
        if raw.isascii():  # the same text in every charset the reader takes (ASCII-based)
            return raw
        data = raw.encode(wire, "surrogateescape")
        try:
            return data.decode(self.charset)
        except UnicodeDecodeError as exc:
            raise self._invalid(line, data[exc.start]) from None

    def _invalid(self, line: int, byte: int) -> InputError:
        return _syntax_error(
            self.path, line,
            f"byte 0x{byte:02x} is invalid in the declared charset {self.charset}",
        )

    def field(self, f: _Field, wire: str) -> str:
        pieces = f.pieces
        if len(pieces) == 1 and "\\" not in pieces[0][1]:
            # most strings: one line, no escape (and so no NUL: the file holds no NUL byte)
            line, body = pieces[0]
            return self.text(body, line, wire)
        out = bytearray()
        ends: list[tuple[int, int]] = []  # (end offset in out, line)
        for line, body in f.pieces:
            out += _unescape(body, line, self.path, wire)
            ends.append((len(out), line))
        try:
            value = out.decode(self.charset)
        except UnicodeDecodeError as exc:
            line = next((n for end, n in ends if exc.start < end), f.line)
            raise self._invalid(line, out[exc.start]) from None
        if "\x00" in value:
            nul = out.find(b"\0")
            line = next((n for end, n in ends if nul < end), f.line)
            raise _syntax_error(self.path, line, "a NUL character in a string (\\0)")
        return value


def _comments(entry: _Entry, decoder: _Decoder) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"#": [], "#.": [], "#:": [], "#,": []}
    for line, mark, raw in entry.comments:
        out[mark].append(decoder.text(raw, line, entry.wire))
    return out


def header_fields(text: str) -> tuple[tuple[str, str], ...]:
    """A header's 'Key: value' lines: the value as written, less the one space after the
    colon (the writer puts it back); a line without a colon continues the last. Only a line
    feed ends a line, and a field given twice stays twice, as gettext keeps them."""
    fields: list[tuple[str, str]] = []
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the line feed that ends the last line
    for raw in lines:
        if ":" in raw:
            key, value = raw.split(":", 1)
            fields.append((key, value[1:] if value.startswith(" ") else value))
        elif fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value}\n{raw}")
    return tuple(fields)


def _header(
    entry: _Entry, decoder: _Decoder
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], str]:
    """The header's fields (``header_fields``), comments and flags, and its text as written."""
    msgstr = entry.fields["msgstr"]
    text = decoder.field(msgstr, entry.wire)
    fields = header_fields(text)
    plural = next((v for k, v in fields if k.strip().lower() == "plural-forms"), None)
    if plural is not None:
        line = next((n for n, body in msgstr.pieces if "plural-forms" in body.lower()),
                    msgstr.line)
        problem = plural_forms_problem(plural.strip())
        if problem is not None:
            raise InputError(
                "po-plural", f"Plural-Forms header: {problem}", decoder.path, line, 1,
                "correct the Plural-Forms line (e.g. nplurals=2; plural=(n != 1);) or remove "
                "it: article catalogs hold no plural entries",
            )
    notes = _comments(entry, decoder)
    flags = tuple(f for line in notes["#,"] for f in _flags(line))
    return fields, tuple(notes["#"]), flags, text


def _flags(line: str) -> list[str]:
    """The flags of a '#,' line as gettext reads them: separated by commas or white space
    ('#, fuzzy python-format' is two flags, the first of them fuzzy), a range its two words."""
    words = _FLAG_SEPARATORS.split(line)
    flags: list[str] = []
    for word in words:
        if not word:
            continue
        if flags and flags[-1] == "range:":
            flags[-1] = f"range: {word}"
        else:
            flags.append(word)
    return flags


_FLAG_SEPARATORS = re.compile(r"[ \t\r\n\f\v,]+")  # gettext's: no Unicode spaces
