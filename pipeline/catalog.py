"""The PO catalog: a small immutable model, a writer that produces exactly what GNU gettext writes
(``msgcat --no-wrap`` leaves our files unchanged), and a strict reader.

The reader is gettext's PO grammar, line by line, written here rather than borrowed from polib:
polib 1.2 silently drops characters from malformed strings, misreads several escapes and the
"#~|" lines, and completes a truncated file; its writer wraps lines differently from gettext,
which vendors' tools would show as churn. Every defect is an InputError naming the line, and the
catalog is decoded by the charset its header declares (``parse_po_bytes``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from pipeline import po_charset
from pipeline.findings import Finding, InputError, Severity

FUZZY = "fuzzy"
# gettext's reference comments wrap at this width even with --no-wrap.
_PAGE_WIDTH = 79
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_ESCAPE_RE = re.compile('[\\\\"\n\t\r\a\b\f\v]')


@dataclass(frozen=True, init=False)
class Message:
    """One catalog entry. Frozen, with ``__init__`` written out as ``Segment``'s is: merge and
    the reader make one per segment, and the generated frozen ``__init__`` costs several
    times as much."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)  # where the reader found it; 0 when new

    def __init__(
        self, msgid: str, msgstr: str = "", msgctxt: str | None = None,
        flags: tuple[str, ...] = (), translator_comments: tuple[str, ...] = (),
        extracted_comments: tuple[str, ...] = (), references: tuple[str, ...] = (),
        previous_msgid: str | None = None, previous_msgctxt: str | None = None,
        obsolete: bool = False, line: int = 0,
    ) -> None:
        self.__dict__.update(
            msgid=msgid, msgstr=msgstr, msgctxt=msgctxt, flags=flags,
            translator_comments=translator_comments, extracted_comments=extracted_comments,
            references=references, previous_msgid=previous_msgid,
            previous_msgctxt=previous_msgctxt, obsolete=obsolete, line=line,
        )

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def reviewed(self) -> bool:
        """A translation a person stands behind: present, not fuzzy, not obsolete."""
        return bool(self.msgstr) and FUZZY not in self.flags and not self.obsolete


@dataclass(frozen=True, slots=True)
class Catalog:
    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return None

    def with_header(self, **values: str) -> Catalog:
        return replace(self, header=tuple(values.items()))

    def active(self) -> Iterator[Message]:
        return (m for m in self.messages if not m.obsolete)


# ---------------------------------------------------------------- writing


def _quote(text: str) -> str:
    if _ESCAPE_RE.search(text) is None:
        return f'"{text}"'
    return '"' + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _field(keyword: str, text: str, prefix: str, out: list[str]) -> None:
    """A keyword and its string, split after each newline as gettext does (no width wrapping)."""
    nl = text.find("\n")
    if nl < 0 or nl == len(text) - 1:
        out.append(f"{prefix}{keyword} {_quote(text)}")
        return
    out.append(f'{prefix}{keyword} ""')
    start = 0
    while start < len(text):
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl + 1
        out.append(prefix + _quote(text[start:end]))
        start = end


def _references(refs: Sequence[str], out: list[str]) -> None:
    if len(refs) == 1:  # the common case; gettext never wraps before the first reference
        out.append("#: " + refs[0])
        return
    line = "#:"
    column = 2
    for ref in dict.fromkeys(refs):  # gettext drops repeated references
        length = len(ref.encode("utf-8")) + 1
        if column > 2 and column + length > _PAGE_WIDTH:
            out.append(line)
            line, column = "#:", 2
        line += " " + ref
        column += length
    out.append(line)


def _comment_lines(mark: str, comments: Iterable[str], out: list[str]) -> None:
    for comment in comments:
        if comment and "\n" not in comment:
            out.append(f"{mark} {comment}")
            continue
        for text in comment.split("\n"):
            out.append(f"{mark} {text}" if text else mark)


def _message(msg: Message, out: list[str]) -> None:
    append = out.append
    if msg.translator_comments:
        _comment_lines("#", msg.translator_comments, out)
    for comment in msg.extracted_comments:  # a segment id, and the MT note: one line each
        if comment and "\n" not in comment:
            append("#. " + comment)
        else:
            _comment_lines("#.", (comment,), out)
    refs = msg.references
    if refs:
        if len(refs) == 1:  # the common case; gettext never wraps before the first reference
            append("#: " + refs[0])
        else:
            _references(refs, out)
    flags = msg.flags
    if flags and FUZZY in flags:  # as gettext tidies: fuzzy first, never on an empty msgstr
        rest = tuple(f for f in flags if f != FUZZY)
        flags = (FUZZY, *rest) if msg.msgstr else rest
    if flags:
        append("#, " + ", ".join(flags))
    prefix = "#~ " if msg.obsolete else ""
    if msg.previous_msgctxt is not None or msg.previous_msgid is not None:
        prev = "#~| " if msg.obsolete else "#| "
        if msg.previous_msgctxt is not None:
            _field("msgctxt", msg.previous_msgctxt, prev, out)
        if msg.previous_msgid is not None:
            _field("msgid", msg.previous_msgid, prev, out)
    if msg.msgctxt is not None:
        _field("msgctxt", msg.msgctxt, prefix, out)
    search = _ESCAPE_RE.search
    for keyword, text in (("msgid", msg.msgid), ("msgstr", msg.msgstr)):
        if search(text) is None:  # most segments: one plain line
            append(f'{prefix}{keyword} "{text}"')
        elif "\n" in text:
            _field(keyword, text, prefix, out)
        else:
            append(f"{prefix}{keyword} {_quote(text)}")


def format_po(catalog: Catalog) -> str:
    """The catalog as GNU gettext writes it with --no-wrap."""
    out: list[str] = []
    _comment_lines("#", catalog.header_comments, out)
    if catalog.header_flags:
        out.append("#, " + ", ".join(catalog.header_flags))
    header = "".join(f"{k}: {v}\n" for k, v in catalog.header)
    _field("msgid", "", "", out)
    _field("msgstr", header, "", out)
    for msg in catalog.messages:
        if msg.obsolete and not msg.msgstr:
            continue  # gettext drops an obsolete entry that keeps no translation
        out.append("")
        _message(msg, out)
    out.append("")
    return "\n".join(out)


def encode_po(catalog: Catalog) -> bytes:
    """The catalog file's bytes: in the charset its header declares, else (a charset GNU does
    not know, or text it cannot hold) converted to UTF-8 with its header, as msgconv would."""
    text = format_po(catalog)
    codec = po_charset.output_codec(catalog.header_value("Content-Type"), text)
    if codec is None:
        text = format_po(replace(catalog, header=po_charset.utf8_header(catalog.header)))
        codec = "utf-8"
    return text.encode(codec)


# ---------------------------------------------------------------- reading
#
# A strict reader of gettext's PO grammar. polib 1.2 is not trusted with vendors' files: it drops
# the characters of an unterminated or unquoted string, misreads the escapes \a \? \' and the
# octal and hex ones, splits lines at U+2028 and other Unicode line breaks, ignores "#~|"
# lines and the last entry of a file cut short. Every defect here is an InputError naming the
# line; nothing is guessed.

# Runs of plain characters are taken whole and never given back (possessive): five times as
# fast on long strings as one character per step, and the same matches.
_STRING_BODY = r'(?:[^"\\]++|\\(?:[\\"ntrabfv]|[0-7]{1,3}|x[0-9a-fA-F]+))*+'
_STRING_RE = re.compile(r'"(' + _STRING_BODY + r')"[ \t]*\Z')
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[[^\]]*\]|msgstr)(?=[\s\"]|\Z)"
                         r"[ \t]*(.*)\Z", re.S)
# GNU gettext's escapes: \? and \' are C's but msgfmt rejects them ("invalid control sequence").
_UNESCAPE_RE = re.compile(r'\\(?:([\\"ntrabfv])|([0-7]{1,3})|x([0-9a-fA-F]+))')
_SIMPLE_ESCAPES = {
    "\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
    "v": "\v",
}
_SEGMENT_ID_RE = re.compile(r"[^\s-]+-p?\d+\Z")
_LAYOUT = " \t\r\f\v"
_HINT = "fix the catalog in a PO editor, or restore it from version control; it was left as is"


def _syntax_error(path: str, line: int, message: str) -> InputError:
    return InputError("po-syntax", message, path, line, 1, _HINT)


@dataclass
class _Field:
    """A keyword's string: its pieces as the file's bytes (latin-1 text), one per line."""

    keyword: str
    line: int
    obsolete: bool
    previous: bool
    pieces: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Entry:
    line: int
    wire: str = "latin-1"  # how its lines were decoded for scanning: bytes as latin-1, or the
    # catalog's charset after the header where that holds a quote or backslash byte in a character
    comments: list[tuple[int, str, str]] = field(default_factory=list)  # (line, mark, text)
    fields: dict[str, _Field] = field(default_factory=dict)
    obsolete: bool | None = None  # decided by the first keyword line
    phase: str = "comments"  # comments, msgctxt, msgid, msgstr

    def describe(self) -> str:
        msgid = self.fields.get("msgid")
        if msgid is not None:
            return f"the msgid on line {msgid.line} has no msgstr"
        ctxt = self.fields.get("msgctxt")
        if ctxt is not None:
            return f"the msgctxt on line {ctxt.line} has no msgid"
        return f"the entry starting on line {self.line} has no msgid"


def _lines(data: bytes) -> list[str]:
    return data.decode("latin-1").split("\n")


def _scan(data: bytes, path: str, charset: str | None) -> tuple[list[_Entry], str]:
    """The entries of a PO file, in gettext's grammar, and its charset (``charset``, else the
    one its header declares). Strings stay escaped and undecoded. As gettext does, the header
    is read byte by byte; the lines after it by characters where the charset needs it."""
    entries: list[_Entry] = []
    cur: _Entry | None = None
    open_field: _Field | None = None
    wire = "latin-1"

    def start(line: int) -> _Entry:
        nonlocal cur, open_field
        if cur is not None:
            entries.append(cur)
        cur = _Entry(line, wire)
        open_field = None
        return cur

    def entry_for(number: int, phases: tuple[str, ...]) -> _Entry:
        """The entry a line belongs to: the current one while in ``phases``, a new one after a
        complete entry; otherwise the current entry is cut short."""
        if cur is None or cur.phase == "msgstr":
            return start(number)
        if cur.phase in phases:
            return cur
        raise _syntax_error(path, number, f"{cur.describe()} (an entry is comments, msgctxt, "
                                          "msgid, msgstr in this order)")

    lines = _lines(data)
    for number, raw in enumerate(lines, 1):
        line = raw.strip(_LAYOUT)
        if (charset is None and cur is not None and cur.phase == "msgstr"
                and not line.startswith('"') and _is_header(cur)):  # the header is complete
            charset = _header_charset(cur, path, data.isascii())
            if not po_charset.reads_by_bytes(charset):
                wire = charset
                lines[number - 1 :] = [
                    rest.encode("latin-1").decode(charset, "surrogateescape")
                    for rest in lines[number - 1 :]
                ]
                raw = lines[number - 1]
                line = raw.strip(_LAYOUT)
        if not line:
            open_field = None  # a string after a blank line continues nothing: refused, as
            continue  # polib and gettext would silently glue it to the string before
        obsolete = previous = False
        body = line
        if line.startswith("#~"):
            obsolete, body = True, line[2:].lstrip(_LAYOUT)
            if body.startswith("|"):
                previous, body = True, body[1:].lstrip(_LAYOUT)
            if not body:
                continue
        elif line.startswith("#|"):
            previous, body = True, line[2:].lstrip(_LAYOUT)
            if not body:
                raise _syntax_error(path, number, "an empty #| line")
        elif line.startswith("#"):
            entry = entry_for(number, ("comments",))
            mark = line[:2] if line[1:2] in (".", ":", ",") else "#"
            text = raw.lstrip(_LAYOUT)[len(mark):].rstrip("\r")
            if text.startswith(" "):
                text = text[1:]
            entry.comments.append((number, mark, text))
            open_field = None
            continue

        if body.startswith('"'):
            m = _STRING_RE.match(body)
            if m is None:
                raise _syntax_error(path, number, _bad_string(body))
            if open_field is None:
                raise _syntax_error(path, number, "a string line that continues no msgid, "
                                                  "msgstr or msgctxt")
            if (obsolete, previous) != (open_field.obsolete, open_field.previous):
                raise _syntax_error(path, number, "a continuation line whose #~ or #| marks "
                                                  f"differ from its {open_field.keyword} line")
            open_field.pieces.append((number, m.group(1)))
            continue

        k = _KEYWORD_RE.match(body)
        if k is None:
            word = _readable((body.split(None, 1) or [body])[0][:40])
            raise _syntax_error(path, number, f"not a PO line: {word!r} is no keyword")
        keyword, rest = k.groups()
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            at = cur.line if cur is not None and cur.phase != "msgstr" else number
            raise InputError(
                "po-plural", f"{'#| ' if previous else ''}{keyword} (line {number}): plural "
                "entries have no place in an article catalog", path, at, 1,
                "remove msgid_plural and msgstr[n]; each segment is one string",
            )
        if previous and keyword not in ("msgctxt", "msgid"):
            raise _syntax_error(path, number, f"#| {keyword}: only msgctxt and msgid have "
                                              "previous values")
        s = _STRING_RE.match(rest)
        if s is None:
            raise _syntax_error(path, number, _bad_string(rest, keyword))
        name = f"previous {keyword}" if previous else keyword
        if previous:
            entry = entry_for(number, ("comments",))
            if name in entry.fields or (
                keyword == "msgctxt" and "previous msgid" in entry.fields
            ):
                raise _syntax_error(path, number, f"#| {keyword} out of place: an entry has at "
                                                  "most one #| msgctxt, then one #| msgid")
        elif keyword == "msgctxt":
            entry = entry_for(number, ("comments",))
        elif keyword == "msgid":
            entry = entry_for(number, ("comments", "msgctxt"))
        else:  # msgstr
            if cur is None or cur.phase != "msgid":
                what = "a msgstr with no msgid before it"
                if cur is not None and cur.phase == "msgstr":
                    what += f" (the msgid on line {cur.fields['msgid'].line} has its msgstr)"
                raise _syntax_error(path, number, what)
            entry = cur
        if not previous:
            prev_ctxt = entry.fields.get("previous msgctxt")
            if prev_ctxt is not None and "previous msgid" not in entry.fields:
                raise _syntax_error(path, number, f"the #| msgctxt on line {prev_ctxt.line} "
                                                  "has no #| msgid after it")
        if entry.obsolete is None:
            entry.obsolete = obsolete
        elif entry.obsolete != obsolete:
            raise _syntax_error(path, number, "an entry that is part obsolete (#~) and part not")
        if not previous:
            entry.phase = keyword
        open_field = _Field(keyword, number, obsolete, previous, [(number, s.group(1))])
        entry.fields[name] = open_field

    if cur is not None:
        if cur.phase != "msgstr":
            if cur.fields:
                last = cur.fields.get("msgid") or cur.fields.get("msgctxt")
                raise _syntax_error(path, last.line if last is not None else cur.line,
                                    f"the catalog ends inside an entry: {cur.describe()} "
                                    "(is the file truncated?)")
            if not entries:
                raise _syntax_error(path, cur.line, "the catalog holds comments and no entries")
            raise _syntax_error(path, cur.line, "comments that belong to no entry at the end "
                                                "of the catalog (is the file truncated?)")
        entries.append(cur)
    if charset is None:  # no header, or it ends the file
        header = _header_entry(entries)
        charset = "utf-8" if header is None else _header_charset(header, path, data.isascii())
    return entries, charset


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


class _Decoder:
    """Turns the raw pieces into text by the catalog's charset, naming the line of a bad byte."""

    def __init__(self, path: str, charset: str) -> None:
        self.path = path
        self.charset = charset

    def text(self, raw: str, line: int, wire: str) -> str:
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


def _header_charset(header: _Entry, path: str, ascii_only: bool) -> str:
    """The codec of the charset the header declares, as gettext reads it (``po_charset``)."""
    pieces = header.fields["msgstr"].pieces
    values = [_unescape(body, line, path).decode("latin-1") for line, body in pieces]
    try:
        return po_charset.declared_codec("".join(values), ascii_only)
    except po_charset.CharsetProblem as exc:
        end, line = 0, pieces[-1][0]
        for (number, _), value in zip(pieces, values, strict=True):  # the line it is on
            end += len(value)
            if exc.offset < end:
                line = number
                break
        raise InputError("po-syntax", str(exc), path, line, 1, exc.hint or _HINT) from None


def _is_header(entry: _Entry) -> bool:
    msgid = entry.fields.get("msgid")
    return (not entry.obsolete and "msgctxt" not in entry.fields and msgid is not None
            and all(not body for _, body in msgid.pieces))


def _header_entry(entries: list[_Entry]) -> _Entry | None:
    return next((entry for entry in entries if _is_header(entry)), None)


def parse_po(text: str, path: str) -> Catalog:
    """Read a catalog strictly: any defect raises InputError naming the line. ``text`` is
    already decoded, so the header's charset is not consulted (escapes give UTF-8 bytes)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise _syntax_error(path, line, "a character that cannot be encoded") from None
    return _parse(data, path, "utf-8")


def parse_po_bytes(data: bytes, path: str) -> Catalog:
    """Read a catalog file's bytes, decoding them by the charset its header declares."""
    return _parse(data, path, None)


def validate_po_syntax(text: str, path: str) -> None:
    """Raise InputError at the first line that is not gettext's PO grammar."""
    parse_po(text, path)


def _parse(data: bytes, path: str, charset: str | None) -> Catalog:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
          or po_charset.looks_utf16(data)):
        raise _syntax_error(path, 1, "the catalog is UTF-16; PO files are UTF-8 (or another "
                                     "ASCII-based charset)")
    if not data.strip():
        raise _syntax_error(path, 1, "the catalog is empty")
    nul = data.find(b"\0")
    if nul >= 0:
        raise _syntax_error(path, data.count(b"\n", 0, nul) + 1, "a NUL byte: the file is "
                                                                 "binary or corrupt")
    entries, charset = _scan(data, path, charset)
    if not entries:
        raise _syntax_error(path, 1, "the catalog has no entries")
    decoder = _Decoder(path, charset)
    header_entry = _header_entry(entries)
    header: tuple[tuple[str, str], ...] = ()
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    messages: list[Message] = []
    # One key space for active and obsolete entries alike, as gettext's: msgfmt and msgcat
    # refuse an obsolete entry that repeats an active one (or another obsolete one).
    seen: dict[tuple[str | None, str], Message | None] = {}
    for entry in entries:
        if entry is header_entry:
            header, comments, flags = _header(entry, decoder)
            seen[(None, "")] = None
            continue
        msg = _read_message(entry, decoder)
        if msg.key in seen:
            raise _duplicate(msg, seen[msg.key], header_entry, path)
        seen[msg.key] = msg
        messages.append(msg)
    return Catalog(header, comments, flags, tuple(messages))


def _duplicate(
    msg: Message, first: Message | None, header: _Entry | None, path: str
) -> InputError:
    """A second entry for a key: reported at the second, naming the first."""
    if first is None:  # the header, or an obsolete entry with the header's empty key
        line = header.line if header is not None else 0
        return InputError("po-duplicate", f"duplicate entry for the header (first on line "
                          f"{line})", path, msg.line, 1, "merge the two entries into one")
    what = f"duplicate entry for {msg.msgid[:60]!r} (first on line {first.line})"
    if first.obsolete == msg.obsolete:
        return InputError("po-duplicate", what, path, msg.line, 1,
                          "merge the two entries into one")
    return InputError(
        "po-duplicate", f"{what}: one active, one obsolete (#~)", path, msg.line, 1,
        "keep one of the two: delete the obsolete #~ entry if the active one is current "
        "(GNU msgfmt and msgcat refuse the file as it is)",
    )


def _comments(entry: _Entry, decoder: _Decoder) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"#": [], "#.": [], "#:": [], "#,": []}
    for line, mark, raw in entry.comments:
        out[mark].append(decoder.text(raw, line, entry.wire))
    return out


def _header(
    entry: _Entry, decoder: _Decoder
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]:
    """As polib reads it: 'Key: value' lines, a line without a colon continuing the last."""
    msgstr = entry.fields["msgstr"]
    text = decoder.field(msgstr, entry.wire)
    metadata: dict[str, str] = {}
    key: str | None = None
    for raw in text.splitlines():
        if ":" in raw:
            key, value = raw.split(":", 1)
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + raw.strip()
    plural = next((k for k in metadata if k.strip().lower() == "plural-forms"), None)
    if plural is not None:
        line = next((n for n, body in msgstr.pieces if "plural-forms" in body.lower()),
                    msgstr.line)
        problem = plural_forms_problem(metadata[plural])
        if problem is not None:
            raise InputError(
                "po-plural", f"Plural-Forms header: {problem}", decoder.path, line, 1,
                "correct the Plural-Forms line (e.g. nplurals=2; plural=(n != 1);) or remove "
                "it: article catalogs hold no plural entries",
            )
    notes = _comments(entry, decoder)
    flags = tuple(f for line in notes["#,"] for f in _flags(line))
    return tuple(metadata.items()), tuple(notes["#"]), flags


def _flags(line: str) -> list[str]:
    return [f.strip() for f in line.split(",") if f.strip()]


def _read_message(entry: _Entry, decoder: _Decoder) -> Message:
    fields = entry.fields
    notes = _comments(entry, decoder)

    def value(name: str) -> str | None:
        f = fields.get(name)
        return None if f is None else decoder.field(f, entry.wire)

    msgid = value("msgid")
    msgstr = value("msgstr")
    assert msgid is not None and msgstr is not None  # _scan ends every entry with both
    msg = Message(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=value("msgctxt"),
        flags=tuple(f for line in notes["#,"] for f in _flags(line)),
        translator_comments=tuple(notes["#"]),
        extracted_comments=tuple(notes["#."]),
        references=tuple(dict.fromkeys(  # gettext keeps a reference once
            ref for line in notes["#:"] for ref in line.split())),
        previous_msgid=value("previous msgid"),
        previous_msgctxt=value("previous msgctxt"),
        obsolete=bool(entry.obsolete),
        line=entry.line,
    )
    return msg


# ---------------------------------------------------------------- Plural-Forms

_PLURAL_TOKEN_RE = re.compile(r"\s*(?:(\d+)|(n)\b|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_MASK = (1 << 64) - 1  # gettext evaluates in unsigned long
_MAX_PLURAL_LENGTH = 1000
_MAX_PLURAL_DEPTH = 40

_Eval = Callable[[int], int]


def plural_forms_problem(value: str) -> str | None:
    """What msgfmt -c would reject in a Plural-Forms value, or None when it is sound: an
    nplurals that is not a positive number, a plural expression that does not parse, can
    divide by zero or give an index of nplurals or more (checked for n = 0..1000)."""
    nplurals_m = re.search(r"nplurals\s*=\s*([^;]*)", value)
    plural_m = re.search(r"plural\s*=\s*([^;]*)", value.replace("nplurals", "nPLURALS"))
    if nplurals_m is None and plural_m is None:
        return None
    nplurals = 0
    if nplurals_m is not None:
        text = nplurals_m.group(1).strip()
        if not text.isdigit() or int(text) < 1:
            return f"nplurals must be a whole number of 1 or more, not {text!r}"
        nplurals = int(text)
    if plural_m is None:
        return None
    expr = plural_m.group(1).strip()
    if len(expr) > _MAX_PLURAL_LENGTH:
        return "the plural expression is too long"
    try:
        fn = _PluralParser(expr).parse()
    except ValueError as exc:
        return f"the plural expression {expr!r} does not parse: {exc}"
    largest = 0
    for n in range(1001):
        try:
            largest = max(largest, fn(n))
        except ZeroDivisionError:
            return f"the plural expression {expr!r} divides by zero (n = {n})"
    if nplurals and largest >= nplurals:
        return f"the plural expression gives {largest} but nplurals is {nplurals}"
    return None


class _PluralParser:
    """C's expression grammar as gettext's plural formulas use it, compiled to a function."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _PLURAL_TOKEN_RE.match(text, pos)
            if m is None or m.end() == pos:
                raise ValueError(f"unexpected {text[pos:].strip()[:10]!r}")
            self.tokens.append(m.group(m.lastindex or 0))
            pos = m.end()
        self.pos = 0
        self.depth = 0

    def parse(self) -> _Eval:
        fn = self.conditional()
        if self.pos != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos]!r}")
        return fn

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, token: str) -> None:
        if self.peek() != token:
            raise ValueError(f"expected {token!r}")
        self.pos += 1

    def conditional(self) -> _Eval:
        self.depth += 1
        if self.depth > _MAX_PLURAL_DEPTH:
            raise ValueError("nested too deeply")
        cond = self.binary(0)
        if self.peek() == "?":
            self.pos += 1
            yes = self.conditional()
            self.take(":")
            no = self.conditional()
            self.depth -= 1
            return lambda n: yes(n) if cond(n) else no(n)
        self.depth -= 1
        return cond

    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"),
    )

    def binary(self, level: int) -> _Eval:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self._LEVELS[level]:
            op = self.tokens[self.pos]
            self.pos += 1
            left = _apply(op, left, self.binary(level + 1))
        return left

    def unary(self) -> _Eval:
        token = self.peek()
        if token == "!":
            self.pos += 1
            self.depth += 1
            if self.depth > _MAX_PLURAL_DEPTH:
                raise ValueError("nested too deeply")
            inner = self.unary()
            self.depth -= 1
            return lambda n: int(not inner(n))
        if token == "(":
            self.pos += 1
            inner = self.conditional()
            self.take(")")
            return inner
        if token == "n":
            self.pos += 1
            return lambda n: n
        if token is not None and token.isdigit():
            self.pos += 1
            number = int(token) & _MASK
            return lambda n: number
        raise ValueError("expected n, a number or '('" if token is None else
                         f"unexpected {token!r}")


def _apply(op: str, a: _Eval, b: _Eval) -> _Eval:
    if op == "||":
        return lambda n: int(bool(a(n)) or bool(b(n)))
    if op == "&&":
        return lambda n: int(bool(a(n)) and bool(b(n)))
    ops: dict[str, Callable[[int, int], int]] = {
        "==": lambda x, y: int(x == y), "!=": lambda x, y: int(x != y),
        "<": lambda x, y: int(x < y), ">": lambda x, y: int(x > y),
        "<=": lambda x, y: int(x <= y), ">=": lambda x, y: int(x >= y),
        "+": lambda x, y: (x + y) & _MASK, "-": lambda x, y: (x - y) & _MASK,
        "*": lambda x, y: (x * y) & _MASK, "/": lambda x, y: x // y, "%": lambda x, y: x % y,
    }
    fn = ops[op]
    return lambda n: fn(a(n), b(n))


# ---------------------------------------------------------------- catalog against article


def foreign_entries(catalog: Catalog, english: Collection[str], path: str) -> list[Finding]:
    """Entries someone added by hand: active, with English that is not in the article, and no
    segment id in their #. comments. (Entries of an earlier handoff carry the old ids; extract
    makes them obsolete.) A catalog holding one is left as is and nothing is published from it:
    the English it translates is not the article's."""
    out: list[Finding] = []
    for msg in catalog.active():
        if msg.msgid in english:
            continue
        if any(_SEGMENT_ID_RE.match(note) for note in msg.extracted_comments):
            continue
        shown = msg.msgid if len(msg.msgid) <= 60 else msg.msgid[:57] + "..."
        out.append(Finding(
            "po-foreign-entry", Severity.ERROR,
            f"entry {shown!r} is not English of the article and carries no segment id: "
            "it was added to the catalog by hand", path, msg.line, 1, None,
            "remove the entry (or make it obsolete with #~); a catalog holds the article's "
            "segments only. The catalog was left as is",
        ))
    return out
