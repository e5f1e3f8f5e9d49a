"""The charset of a PO file, by gettext's rules: which charset a header declares, how the file's
text is read in it, and in which charset a catalog is written back.

gettext reads the header entry byte by byte, takes the charset from its ``charset=`` and reads
the rest of the file character by character in that charset: in Shift_JIS, BIG5, GBK, GB18030
or JOHAB a character's second byte may be 0x5C (``\\``) or 0x22 (``"``), which is no escape and
no quote. Strings are unescaped after that, and the bytes decoded. The writer keeps the charset
the header declares when it is one GNU's tools know and every character fits (what msgmerge and
msgcat do: least churn for a vendor whose tool writes it); otherwise the catalog is converted to
UTF-8, its header with it, as ``msgconv --to-code=UTF-8`` would.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from functools import cache

# The charsets gettext calls portable (po-charset.c), compared regardless of case: the only
# ones msgcat, msgmerge and msgconv convert; they refuse a file declaring any other name.
GNU_CHARSETS = frozenset(name.upper() for name in (
    "ASCII", "ANSI_X3.4-1968", "US-ASCII", "ISO-8859-1", "ISO_8859-1", "ISO-8859-2",
    "ISO_8859-2", "ISO-8859-3", "ISO_8859-3", "ISO-8859-4", "ISO_8859-4", "ISO-8859-5",
    "ISO_8859-5", "ISO-8859-6", "ISO_8859-6", "ISO-8859-7", "ISO_8859-7", "ISO-8859-8",
    "ISO_8859-8", "ISO-8859-9", "ISO_8859-9", "ISO-8859-13", "ISO_8859-13", "ISO-8859-14",
    "ISO_8859-14", "ISO-8859-15", "ISO_8859-15", "KOI8-R", "KOI8-U", "KOI8-T", "CP850",
    "CP866", "CP874", "CP932", "CP949", "CP950", "CP1250", "CP1251", "CP1252", "CP1253",
    "CP1254", "CP1255", "CP1256", "CP1257", "GB2312", "EUC-JP", "EUC-KR", "EUC-TW", "BIG5",
    "BIG5-HKSCS", "GBK", "GB18030", "SHIFT_JIS", "JOHAB", "TIS-620", "VISCII", "GEORGIAN-PS",
    "UTF-8",
))
# gettext takes the name from "charset=" to the next space, tab or newline; we stop at a ';'
# or a quote as well (a name never holds one), and accept "Charset=" too.
_CHARSET_RE = re.compile(r"charset=([^ \t\n;\"]*)", re.I)
# How a stateful charset (ISO-2022-*, UTF-7, HZ) shows: ASCII bytes that do not read as ASCII.
_STATEFUL_PROBE = b'+AFw- ~{0"~} \x1b$B0"\x1b(B'
_NOT_CHARSETS = frozenset({
    "raw-unicode-escape", "unicode-escape", "idna", "punycode", "undefined", "utf-8-sig",
})


class CharsetProblem(ValueError):
    """Why a declared charset cannot be used (the message is shown to the user), where in
    the header it is declared, and what to do when there is more to say than the default."""

    def __init__(self, message: str, offset: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.offset = offset
        self.hint = hint


def find_charset(header: str) -> re.Match[str] | None:
    """Where the header's text (its msgstr, unescaped) declares its charset; the name is
    group 1, empty when a space follows "charset=" (gettext then reads no charset at all)."""
    return _CHARSET_RE.search(header)


def declared_codec(header: str, ascii_only: bool) -> str:
    """The codec of the charset a header declares (its msgstr, unescaped): UTF-8 when it
    declares none or the template's placeholder CHARSET. Raises CharsetProblem."""
    m = find_charset(header)
    if m is None:
        return "utf-8"
    name = m.group(1)
    if not name:
        if ascii_only:  # nothing to decode: gettext reads it all the same
            return "utf-8"
        rest = header[m.end():].split("\n", 1)[0]
        what = "a space after 'charset='" if rest[:1] in (" ", "\t") else "'charset=' names none"
        raise CharsetProblem(
            f"{what} in Content-Type: GNU gettext reads no charset there and cannot convert "
            "this catalog's non-ASCII text", m.start(),
            f"write the name right after the '=': charset={(rest.split() or ['UTF-8'])[0]}",
        )
    if name.upper() == "CHARSET":
        return "utf-8"
    try:
        return codec_of(name)
    except CharsetProblem as exc:
        exc.offset = m.start()
        raise


def codec_of(name: str) -> str:
    """The Python codec for a declared charset name; raises CharsetProblem."""
    try:
        # a control character (a NUL, a backspace) is in no charset's name, though Python's
        # lookup would raise on one and tidy another away
        info = codecs.lookup(name) if name.isascii() and name.isprintable() else None
    except LookupError:
        info = None
    # Python's own transforms (rot13, base64, unicode_escape, idna...) are no charsets
    if info is None or not info._is_text_encoding or info.name in _NOT_CHARSETS:
        if info is None and name.upper() in GNU_CHARSETS:  # EUC-TW, GEORGIAN-PS, VISCII
            raise CharsetProblem(
                f"charset {name!r} is one GNU gettext knows but this tool cannot read",
                hint="convert the catalog to UTF-8 with msgconv --to-code=UTF-8, or save it "
                     "as UTF-8 in your PO editor")
        raise CharsetProblem(f"unknown charset {name!r} in Content-Type")
    codec = info.name
    if not ascii_compatible(codec):
        raise CharsetProblem(f"charset {name!r} cannot be used in a PO file; use UTF-8")
    return codec


@cache
def ascii_compatible(codec: str) -> bool:
    """Whether ASCII text is the same bytes in ``codec`` whatever comes before it: the PO
    grammar's keywords, quotes and escapes must read as themselves (not UTF-16, not a
    stateful charset such as ISO-2022-JP or UTF-7)."""
    try:
        if 'msgid "\n'.encode(codec, "replace") != b'msgid "\n':
            return False
        return _STATEFUL_PROBE.decode(codec, "replace") == _STATEFUL_PROBE.decode("latin-1")
    except (UnicodeError, LookupError):
        return False


@cache
def reads_by_bytes(codec: str) -> bool:
    """Whether the file can be scanned byte by byte: no character of ``codec`` holds a quote
    or a backslash byte after its first (UTF-8, ISO-8859-*, KOI8-*, EUC-*: yes; Shift_JIS,
    CP932, BIG5, CP950, GBK, GB18030, JOHAB: no, they are scanned character by character)."""
    for lead in range(0x80, 0x100):
        for trail in (b'"', b"\\"):
            try:
                text = (bytes([lead]) + trail).decode(codec)
            except UnicodeDecodeError:
                continue  # no such character: the byte is an error whichever way it is read
            if not text.endswith(trail.decode()):
                return False
    return True


@cache
def single_byte(codec: str) -> bool:
    """Whether every character of ``codec`` is one byte (ISO-8859-*, KOI8-*, CP125x)."""
    return len(b"\xc3\xa9".decode(codec, "replace")) == 2


def gnu_knows(name: str) -> bool:
    return name.upper() in GNU_CHARSETS


def output_codec(content_type: str | None, text: str) -> str | None:
    """The codec to write a catalog's ``text`` in: the charset its Content-Type declares
    when GNU's tools know that name and every character fits; UTF-8 when none is declared
    (as our reader assumes); None when the catalog must be converted to UTF-8."""
    if content_type is None:
        return "utf-8"
    m = find_charset(content_type)
    if m is None or not m.group(1) or not gnu_knows(m.group(1)):
        return None
    name = m.group(1)
    if name.upper() == "UTF-8":
        return "utf-8"
    try:
        codec = codec_of(name)
        text.encode(codec)
    except (CharsetProblem, UnicodeEncodeError):
        return None
    return codec


def utf8_header(header: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The header with its Content-Type saying UTF-8, as msgconv rewrites it."""
    out = []
    for key, value in header:
        if key.lower() == "content-type":
            m = re.search(r"charset=[ \t]*[^ \t\n;\"]*", value, re.I)
            value = (f"{value[:m.start()]}charset=UTF-8{value[m.end():]}" if m is not None
                     else f"{value.rstrip('; ')}; charset=UTF-8" if value.strip()
                     else "text/plain; charset=UTF-8")
        out.append((key, value))
    return tuple(out)
