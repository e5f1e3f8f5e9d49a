"""The PO grammar, line by line: the entries of a catalog file as fields and comments with
their lines, before any string is decoded. Every defect is an InputError naming the line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline import po_charset
from pipeline.catalog.strings import (
    _HINT,
    _STRING_BODY,
    _bad_string,
    _readable,
    _syntax_error,
    _unescape,
)
from pipeline.findings import InputError

# ---------------------------------------------------------------- reading
#
# A strict reader of gettext's PO grammar. polib 1.2 is not trusted with vendors' files: it drops
# the characters of an unterminated or unquoted string, misreads the escapes \a \? \' and the
# octal and hex ones, splits lines at U+2028 and other Unicode line breaks, ignores "#~|"
# lines and the last entry of a file cut short. Every defect here is an InputError naming the
# line; nothing is guessed.

_STRING_RE = re.compile(r'"(' + _STRING_BODY + r')"[ \t]*\Z')
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[[^\]]*\]|msgstr)(?=[\s\"]|\Z)"
                         r"[ \t]*(.*)\Z", re.S)
_LAYOUT = " \t\r\f\v"


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

    def comment(number: int, raw: str, line: str) -> None:
        nonlocal open_field
        if open_field is not None and not open_field.pieces:
            raise _no_string(path, open_field)
        entry = entry_for(number, ("comments",))
        if entry.fields:  # only #| lines so far: GNU takes no comment after them
            first = min(f.line for f in entry.fields.values())
            raise _syntax_error(path, number, f"a comment after the #| line {first} (an "
                                              "entry's comments come before its #| lines)")
        mark = line[:2] if line[1:2] in (".", ":", ",", "!") else "#"
        text = raw.lstrip(_LAYOUT)[len(mark):].rstrip("\r")
        if text.startswith(" "):
            text = text[1:]
        entry.comments.append((number, "#," if mark == "#!" else mark, text))  # GNU's '#!' too
        open_field = None

    def split(number: int, obsolete: bool, previous: bool, body: str) -> bool:
        """A line of several tokens (two strings, a keyword after a string, a comment after
        the entry) read as gettext's lexer reads it: token by token; False when it is not."""
        parts = _parts(body)
        if parts is None or (
                (obsolete or previous) and any(p.startswith("#") for p in parts)):
            return False
        for part in parts:
            if part.startswith(("#~", "#|")):  # gettext's marks, wherever a line has them:
                marked(number, part)  # the rest of the line is obsolete or previous
            elif part.startswith("#"):
                comment(number, part, part)
            else:
                field_line(number, obsolete, previous, part)
        return True

    def marked(number: int, part: str) -> None:
        obsolete, body = part.startswith("#~"), part[2:].lstrip(_LAYOUT)
        previous = not obsolete
        if obsolete and body.startswith("|"):
            previous, body = True, body[1:].lstrip(_LAYOUT)
        if body:
            field_line(number, obsolete, previous, body)
        elif previous:
            raise _syntax_error(path, number, "an empty #| mark")

    def field_line(number: int, obsolete: bool, previous: bool, body: str) -> None:
        nonlocal open_field
        if body.startswith('"'):
            m = _STRING_RE.match(body)
            if m is None:
                if split(number, obsolete, previous, body):
                    return
                raise _syntax_error(path, number, _bad_string(_bad_token(body)))
            if open_field is None:
                raise _syntax_error(path, number, "a string line that continues no msgid, "
                                                  "msgstr or msgctxt")
            if (obsolete, previous) != (open_field.obsolete, open_field.previous):
                raise _syntax_error(path, number, "a continuation line whose #~ or #| marks "
                                                  f"differ from its {open_field.keyword} line")
            open_field.pieces.append((number, m.group(1)))
            return

        if open_field is not None and not open_field.pieces:
            raise _no_string(path, open_field)
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
        if s is None and rest:  # the string may follow on the next line, as gettext reads it
            if split(number, obsolete, previous, body):
                return
            bad = _bad_token(rest)
            raise _syntax_error(path, number, _bad_string(bad, keyword if bad == rest else ""))
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
        open_field = _Field(keyword, number, obsolete, previous,
                            [] if s is None else [(number, s.group(1))])
        entry.fields[name] = open_field

    if b"\r" in data and b"\n" not in data.rstrip(b"\r"):
        raise _syntax_error(path, 1, "the lines end in a carriage return alone (classic Mac "
                                     "line ends), which this reader does not take: save the "
                                     "file with LF or CRLF line ends")
    lines = _lines(data)
    index = 0
    while index < len(lines):
        number, raw = index + 1, lines[index]
        index += 1
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
        if raw.endswith("\\") and not _is_comment(line):
            raw, index = _continued(lines, raw, index)
            line = raw.strip(_LAYOUT)
        if not line:
            if open_field is not None and not open_field.pieces:
                raise _no_string(path, open_field)
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
            comment(number, raw, line)
            continue
        field_line(number, obsolete, previous, body)

    if open_field is not None and not open_field.pieces:
        raise _no_string(path, open_field)

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


def _is_comment(line: str) -> bool:
    return line.startswith("#") and not line.startswith(("#~", "#|"))


def _continued(lines: list[str], raw: str, index: int) -> tuple[str, int]:
    """A line ending in a backslash joined with the lines it continues, as gettext's lexer
    reads a backslash right before a line feed: as nothing, wherever it is (in a string, in
    an escape, between two tokens); the joined line keeps the first line's number. Only a line
    feed: before a CR (a CRLF line end) the backslash stays, and GNU refuses it as we do.
    Comment lines are not joined (see docs/robustness.md): the writer writes a comment ending in
    a backslash, which GNU would join to the line after it."""
    while raw.endswith("\\") and index < len(lines):
        raw, index = raw[:-1] + lines[index], index + 1
    return raw, index


_TOKEN_RE = re.compile(r'[ \t]*(?:"' + _STRING_BODY + r'"|#.*\Z|(?:msgctxt|msgid_plural|msgid'
                       r'|msgstr\[[^\]]*\]|msgstr)(?=[\s"]|\Z))')


def _parts(body: str) -> list[str] | None:
    """A line of several tokens as lines of one field each (a keyword with its first string,
    a further string, a trailing comment); None for a line of one, or of other text."""
    tokens: list[str] = []
    body = body.rstrip(_LAYOUT)
    pos = 0
    while pos < len(body):
        m = _TOKEN_RE.match(body, pos)
        if m is None or m.end() == pos:
            return None
        tokens.append(m.group().strip(_LAYOUT))
        pos = m.end()
    parts: list[str] = []
    for token in tokens:
        if token.startswith('"') and parts and not parts[-1].endswith('"') and (
                not parts[-1].startswith("#")):
            parts[-1] += " " + token  # a keyword's first string
        else:
            parts.append(token)
    return parts if len(parts) > 1 else None


def _bad_token(text: str) -> str:
    """Where a line's tokens stop being gettext's: from the string that is unterminated or
    holds a bad escape, as GNU says it; the whole text when the fault is text after a string."""
    pos = 0
    while True:
        m = _TOKEN_RE.match(text, pos)
        if m is None or m.end() == pos:
            rest = text[pos:].lstrip(_LAYOUT)
            return rest if rest.startswith('"') and pos else text
        pos = m.end()


def _no_string(path: str, open_field: _Field) -> InputError:
    return _syntax_error(path, open_field.line, f"no string after {open_field.keyword}")


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
