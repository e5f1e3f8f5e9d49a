"""The PO catalog: a small immutable model, a writer that produces exactly what GNU gettext writes
(``msgcat --no-wrap`` leaves our files unchanged), and a strict reader.

This is the only module that uses polib, and only to read: polib's writer wraps lines differently
from gettext, which vendors' tools would show as churn. polib 1.2 also silently drops characters
from malformed strings, so every line is validated here before polib sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import polib

from pipeline.findings import InputError

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


@dataclass(frozen=True, slots=True)
class Message:
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

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def reviewed(self) -> bool:
        """A translation a person stands behind: present, not fuzzy, not obsolete."""
        return bool(self.msgstr) and not self.fuzzy and not self.obsolete


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


def _references(refs: Iterable[str], out: list[str]) -> None:
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
        for text in comment.split("\n"):
            out.append(f"{mark} {text}" if text else mark)


def _message(msg: Message, out: list[str]) -> None:
    _comment_lines("#", msg.translator_comments, out)
    _comment_lines("#.", msg.extracted_comments, out)
    if msg.references:
        _references(msg.references, out)
    if msg.flags:
        out.append("#, " + ", ".join(msg.flags))
    prefix = "#~ " if msg.obsolete else ""
    prev = "#~| " if msg.obsolete else "#| "
    if msg.previous_msgctxt is not None:
        _field("msgctxt", msg.previous_msgctxt, prev, out)
    if msg.previous_msgid is not None:
        _field("msgid", msg.previous_msgid, prev, out)
    if msg.msgctxt is not None:
        _field("msgctxt", msg.msgctxt, prefix, out)
    _field("msgid", msg.msgid, prefix, out)
    _field("msgstr", msg.msgstr, prefix, out)


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
        out.append("")
        _message(msg, out)
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- reading

_STRING = r'"(?:[^"\\]|\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9a-fA-F]+))*"'
_KEYWORD_LINE = re.compile(
    r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+" + _STRING + r"[ \t]*\Z"
)
_CONTINUATION = re.compile(_STRING + r"[ \t]*\Z")


def _syntax_error(path: str, line: int, message: str) -> InputError:
    return InputError(
        "po-syntax", message, path, line, 1,
        "fix the catalog in a PO editor, or restore it from version control; it was left as is",
    )


def validate_po_syntax(text: str, path: str) -> None:
    """Reject every line polib would misread. gettext's grammar, one line at a time."""
    expect_string = False
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            expect_string = False
            continue
        if stripped.startswith("#~"):
            body = stripped[2:].lstrip()
            if body.startswith("|"):
                body = body[1:].lstrip()
            if not body:
                continue
            stripped = body
        elif stripped.startswith("#|"):
            stripped = stripped[2:].lstrip()
            if not stripped:
                continue
        elif stripped.startswith("#"):
            expect_string = False
            continue
        if stripped.startswith('"'):
            if not expect_string:
                raise _syntax_error(path, number, "a string line that continues nothing")
            if _CONTINUATION.match(stripped) is None:
                raise _syntax_error(path, number, f"malformed string: {stripped[:60]}")
            continue
        if _KEYWORD_LINE.match(stripped) is None:
            keyword = stripped.split(None, 1)[0] if stripped.split() else stripped
            if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or keyword.startswith(
                "msgstr["
            ):
                raise _syntax_error(
                    path, number, f"malformed string after {keyword}: {stripped[:60]}"
                )
            raise _syntax_error(path, number, f"not a PO line: {stripped[:60]}")
        expect_string = True


def parse_po(text: str, path: str) -> Catalog:
    """Read a catalog strictly: any defect raises InputError naming the line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _syntax_error(path, 1, "the catalog is empty")
    validate_po_syntax(text, path)
    try:
        po = polib.pofile(text, encoding="utf-8", check_for_duplicates=False, wrapwidth=0)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise _read_error(path, str(exc)) from None
    messages: list[Message] = []
    seen: dict[tuple[str | None, str], int] = {}
    seen_obsolete: dict[tuple[str | None, str], int] = {}
    for entry in po:
        messages.append(_from_polib(entry, path, seen_obsolete if entry.obsolete else seen))
    header = tuple((str(k), str(v)) for k, v in po.metadata.items())
    comments = tuple(po.header.split("\n")) if po.header else ()
    flags = (FUZZY,) if po.metadata_is_fuzzy else ()
    return Catalog(header, comments, flags, tuple(messages))


def _read_error(path: str, message: str) -> InputError:
    line = 0
    m = re.search(r"line (\d+)", message)
    if m:
        line = int(m.group(1))
    return _syntax_error(path, line, f"unreadable catalog: {message}")


def _from_polib(
    entry: polib.POEntry, path: str, seen: dict[tuple[str | None, str], int]
) -> Message:
    if entry.msgid_plural or entry.msgstr_plural:
        raise InputError(
            "po-plural", "plural entries have no place in an article catalog", path,
            entry.linenum, 1, "remove msgid_plural/msgstr[n]; each segment is one string",
        )
    msg = Message(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        flags=tuple(entry.flags),
        translator_comments=tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        extracted_comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        references=tuple(f"{f}:{n}" if n else f for f, n in entry.occurrences),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        obsolete=bool(entry.obsolete),
        line=entry.linenum,
    )
    if msg.key in seen:
        raise InputError(
            "po-duplicate", f"duplicate entry for {msg.msgid[:60]!r} (first on line "
            f"{seen[msg.key]})", path, msg.line, 1, "merge the two entries into one",
        )
    seen[msg.key] = msg.line
    return msg
