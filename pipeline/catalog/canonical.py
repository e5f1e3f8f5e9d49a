"""The reader's fast path: a catalog exactly as GNU gettext (and ``writer``) lays it out, read
with one regular expression an entry instead of the line-by-line grammar of ``scan``.

Most catalogs a run reads are ones it wrote: UTF-8 (or ASCII), one keyword or string a line,
comments before the keywords, entries apart by blank lines. ``read`` takes only such a file,
and only when reading it raises nothing; anything else (another layout, a defect, a
duplicate, a charset to convert) gives None and the strict reader reads the file, so what a
catalog reads as, and every error with its line, stay the strict reader's own. Reading the
catalogs was a fifth of an English-driven run before this path (twice as fast with it).
"""

from __future__ import annotations

import re

from pipeline import po_charset
from pipeline.catalog.decode import _Decoder, _flags, _header
from pipeline.catalog.model import Catalog, Message, reference_words
from pipeline.catalog.scan import _Entry, _Field
from pipeline.catalog.strings import _SIMPLE_ESCAPES, _unescape
from pipeline.findings import InputError

# A string's body on one line, as ``strings._STRING_BODY`` takes it.
_BODY = r'(?:[^"\\\n]++|\\(?:[\\"ntrabfv]|[0-7]{1,3}|x[0-9a-fA-F]+))*+'


def _field(prefix: str, keyword: str) -> str:
    """A keyword line and its continuation lines: two groups, the first string's body and
    the continuation lines whole."""
    p = re.escape(prefix)
    return rf'{p}{keyword} "({_BODY})"\n((?:{p}"{_BODY}"\n)*+)'


def _entry(prefix: str, previous: str) -> re.Pattern[str]:
    """One entry and the blank lines after it: comments ('#', '# x', '#. x', '#: x',
    '#, x'), previous values (a msgctxt only with a msgid after it, as ``scan`` requires), then
    the keywords. Groups: comments, then a body and its continuation lines for each of
    previous msgctxt, previous msgid, msgctxt, msgid, msgstr."""
    return re.compile(
        r"((?:#(?:[ .:,][^\n]*+)?\n)*+)"
        rf"(?:(?:{_field(previous, 'msgctxt')})?{_field(previous, 'msgid')})?"
        rf"(?:{_field(prefix, 'msgctxt')})?{_field(prefix, 'msgid')}{_field(prefix, 'msgstr')}"
        r"\n*+"
    )


_ACTIVE = _entry("", "#| ")
_OBSOLETE = _entry("#~ ", "#~| ")
# \\[0-7x]: an escape that gives a byte, not a character
_ESCAPE = re.compile(r'\\(?:([\\"ntrabfv])|[0-7x])')


class _Fallback(Exception):
    """The file is not in the canonical layout, or reading it raises: the strict reader
    reads it."""


def read(data: bytes, path: str) -> Catalog | None:
    """The catalog in ``data`` when it is laid out as gettext writes it and reads without a
    defect, else None (``reader.parse_po_bytes`` then reads it strictly)."""
    if b"\0" in data or b"\r" in data or data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.endswith("\n"):
        text += "\n"  # the last line's break changes nothing the grammar reads
    try:
        return _read(text, data, path)
    except (_Fallback, InputError):
        return None


# An entry as matched: its first line, whether obsolete, and its 11 groups (see ``_entry``).
_Found = tuple[int, bool, tuple[str | None, ...]]


def _read(text: str, data: bytes, path: str) -> Catalog:
    pos = len(text) - len(text.lstrip("\n"))
    line = pos + 1
    found: list[_Found] = []
    active, obsolete = _ACTIVE.match, _OBSOLETE.match
    count = text.count
    end = len(text)
    while pos < end:
        m = active(text, pos)
        old = m is None
        if m is None:
            m = obsolete(text, pos)
            if m is None:
                raise _Fallback
        found.append((line, old, m.groups()))
        after = m.end()
        line += count("\n", pos, after)
        pos = after
    if not found:
        raise _Fallback
    # the header: the first active entry with no msgctxt and an empty msgid
    header_at = next((i for i, (_, old, g) in enumerate(found) if not old and g[5] is None
                      and g[7] == "" and not (g[8] or "").replace('"', "").replace("\n", "")), None)
    codec = "utf-8"
    if header_at is not None:
        codec = _codec(found[header_at][2], data.isascii(), path)
    values = _Values(path, codec)
    header: tuple[tuple[str, str], ...] = ()
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    text = ""
    messages: list[Message] = []
    seen: set[tuple[str | None, str]] = {(None, "")}
    for i, (number, old, groups) in enumerate(found):
        if i == header_at:
            header, comments, flags, text = _header(_header_entry(number, groups),
                                              _Decoder(path, codec))
            continue
        msg = _message(number, old, groups, values)
        key = (msg.msgctxt, msg.msgid)
        if key in seen:  # the strict reader says which entry came first
            raise _Fallback
        seen.add(key)
        messages.append(msg)
    return Catalog(header, comments, flags, tuple(messages), text)


def _pieces(first: str, more: str) -> list[str]:
    """A field's pieces: its first string's body and those of its continuation lines."""
    cut = more.index('"') + 1  # the line's prefix and opening quote
    return [first, *(piece[cut:-1] for piece in more[:-1].split("\n"))]


class _Bytes(Exception):
    """A string holds an escape that gives a byte."""


class _Values:
    """A field's text, as ``decode._Decoder.field`` gives it."""

    def __init__(self, path: str, codec: str) -> None:
        self.path = path
        self.codec = codec

    def text(self, first: str | None, more: str | None) -> str | None:
        if first is None:
            return None
        joined = first if not more else "".join(_pieces(first, more))
        if "\\" not in joined:
            return joined
        try:
            return _ESCAPE.sub(_simple, joined)
        except _Bytes:  # joined as bytes, then decoded: a byte may complete a character
            pass
        pieces = [first] if not more else _pieces(first, more)
        raw = b"".join(_unescape(p, 0, self.path, "utf-8") for p in pieces)
        try:
            value = raw.decode(self.codec)
        except UnicodeDecodeError:
            raise _Fallback from None
        if "\x00" in value:
            raise _Fallback
        return value


def _simple(m: re.Match[str]) -> str:
    char = m.group(1)
    if char is None:
        raise _Bytes
    return _SIMPLE_ESCAPES[char]


# An escape that gives a byte: in the header it could reach into the next line once the lines
# are joined ('\1' then '"01"'), where gettext unescapes each line alone.
_BYTE_ESCAPE = re.compile(r'(?<!\\)(?:\\\\)*\\[0-7x]')


def _header_text(groups: tuple[str | None, ...]) -> str:
    """The header msgstr's strings joined, escapes as written; a byte escape in it leaves the
    file to the strict reader (headers hold none but a vendor's oddity)."""
    first, more = groups[9], groups[10]
    assert first is not None and more is not None
    joined = first if not more else "".join(_pieces(first, more))
    if "\\" in joined and _BYTE_ESCAPE.search(joined):
        raise _Fallback
    return joined


def _codec(groups: tuple[str | None, ...], ascii_only: bool, path: str) -> str:
    joined = _header_text(groups)
    # as ``scan`` reads it: the header's bytes as latin-1
    try:
        declared = _ESCAPE.sub(_simple, joined)
        if not declared.isascii():
            declared = declared.encode("utf-8").decode("latin-1")
    except _Bytes:
        declared = _unescape(joined, 0, path, "utf-8").decode("latin-1")
    try:
        codec = po_charset.declared_codec(declared, ascii_only)
    except po_charset.CharsetProblem:
        raise _Fallback from None
    # UTF-8 text reads the same by another codec only when it is ASCII
    if codec != "utf-8" and not (ascii_only and po_charset.reads_by_bytes(codec)):
        raise _Fallback
    return codec


def _message(number: int, old: bool, g: tuple[str | None, ...], values: _Values) -> Message:
    flags: tuple[str, ...] = ()
    translator: list[str] = []
    extracted: list[str] = []
    references: list[str] = []
    block = g[0]
    if block:
        for raw in block[:-1].split("\n"):
            mark = raw[1:2]
            if mark == ".":
                extracted.append(raw[3:] if raw[2:3] == " " else raw[2:])
            elif mark == ":":
                references.extend(reference_words(raw[2:]))
            elif mark == ",":
                flags += tuple(_flags(raw[2:]))
            else:
                translator.append(raw[2:])  # "#" or "# text"
    text = values.text
    _, pctxt, pctxt_more, pid, pid_more, ctxt, ctxt_more, msgid, id_more, msgstr, str_more = g
    # most entries: one line each, no escape, no context, no previous values
    if id_more or msgid is None or "\\" in msgid:
        msgid = text(msgid, id_more)
    if str_more or msgstr is None or "\\" in msgstr:
        msgstr = text(msgstr, str_more)
    assert msgid is not None and msgstr is not None
    return Message(
        msgid, msgstr, None if ctxt is None else text(ctxt, ctxt_more), flags,
        tuple(translator), tuple(extracted),
        tuple(dict.fromkeys(references)) if len(references) > 1 else tuple(references),
        None if pid is None else text(pid, pid_more),
        None if pctxt is None else text(pctxt, pctxt_more), old, number,
    )


def _header_entry(number: int, g: tuple[str | None, ...]) -> _Entry:
    """The header as ``scan`` gives it to ``decode._header`` (the lines only approximate: an
    error there falls back to the strict reader, which names the line)."""
    entry = _Entry(number, "utf-8")
    entry.obsolete = False
    entry.phase = "msgstr"
    block = g[0]
    for raw in block[:-1].split("\n") if block else ():
        mark = raw[:2] if raw[1:2] in (".", ":", ",") else "#"
        text = raw[len(mark):]
        entry.comments.append((number, mark, text[1:] if text.startswith(" ") else text))
    # one piece: with no byte escape (``_header_text``), the strings joined unescape as they
    # do apart
    joined = _header_text(g)
    entry.fields["msgstr"] = _Field("msgstr", number, False, False, [(number, joined)])
    return entry
