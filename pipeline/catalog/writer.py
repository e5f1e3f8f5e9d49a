"""The writer: exactly what GNU gettext writes (``msgcat --no-wrap`` leaves our files
unchanged), in the charset the header declares (``encode_po``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import attrgetter

from pipeline import po_charset
from pipeline.catalog.decode import header_fields
from pipeline.catalog.model import FUZZY, Catalog, Message, reference_words

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


# ---------------------------------------------------------------- writing

# The format flags GNU gettext (0.21) knows, in the order it writes them. A later one for the
# same language wins ("no-c-format, c-format" is c-format); "possible-" is written plain and
# "impossible-" not at all, as msgcat does.
_FORMATS = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)
_FORMAT_RE = re.compile(r"(no-|possible-|impossible-)?(.+)-format\Z")
_KNOWN_FORMATS = frozenset(_FORMATS)
_RANGE_RE = re.compile(r"range: ([0-9]+)\.\.([0-9]+)")
_INT_MAX = 2**31 - 1


def gnu_flags(flags: Sequence[str], translated: bool) -> tuple[str, ...]:
    """An entry's flags as GNU gettext writes them: fuzzy first (never on an empty msgstr),
    then the format flags in its order, the range, no-wrap; each said once. Flags GNU does not
    know (a reviewer's ignore-<check>, a Weblate flag) follow in their order: msgcat would drop
    them, this pipeline keeps them."""
    if flags == (FUZZY,):  # nearly every flagged entry
        return flags if translated else ()
    if not flags:  # every header of ours: no pass over the formats
        return ()
    fuzzy = False
    formats: dict[str, str] = {}
    span = wrap = None
    other: list[str] = []
    for flag in flags:
        m = _FORMAT_RE.match(flag)
        if flag == FUZZY:
            fuzzy = True
        elif m is not None and m.group(2) in _KNOWN_FORMATS:
            formats[m.group(2)] = m.group(1) or ""
        elif flag.startswith("range:"):  # as GNU reads one: its leading digits, at most
            m = _RANGE_RE.match(flag)     # INT_MAX; an invalid one changes nothing
            if m is not None:
                low, high = (min(int(g), _INT_MAX) for g in m.groups())
                if low <= high:
                    span = f"range: {low}..{high}"
        elif flag in ("wrap", "no-wrap"):
            wrap = flag
        elif flag not in other:
            other.append(flag)
    out = [FUZZY] if fuzzy and translated else []
    for name in _FORMATS:
        state = formats.get(name)
        if state in ("", "possible-"):
            out.append(f"{name}-format")
        elif state == "no-":
            out.append(f"no-{name}-format")
    if span is not None:
        out.append(span)
    if wrap == "no-wrap":
        out.append(wrap)
    return (*out, *other)



def _quote(text: str) -> str:
    search = _ESCAPE_RE.search
    if search(text) is None:
        return f'"{text}"'
    if text[-1] == "\n" and search(text, 0, len(text) - 1) is None:  # a line of the header
        return f'"{text[:-1]}\\n"'
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


def _held(line: str) -> str:
    """A comment line as written: gettext's lexer reads a backslash before a line feed as
    nothing, in a comment too, so one ending the line gets a space after it (which GNU and
    this reader keep), else GNU's tools glue the next line to it ('#, fuzzy' or 'msgid')."""
    return line + " " if line.endswith("\\") else line


def _references(refs: Sequence[str], out: list[str]) -> None:
    """The ``#:`` lines, wrapped as gettext wraps them. A file name with a space or a tab is
    several references to gettext (``reference_words``): written so, msgcat keeps the lines."""
    refs = [word for ref in refs for word in reference_words(ref)]
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
            out.append(_held(f"{mark} {comment}"))
            continue
        for text in comment.split("\n"):
            out.append(_held(f"{mark} {text}") if text else mark)


def _message(msg: Message, out: list[str], escaped: _Test | None) -> None:
    """The entry's lines; ``escaped``: the catalog's ``_escape_test``."""
    append = out.append
    if msg.translator_comments:
        _comment_lines("#", msg.translator_comments, out)
    comments = msg.extracted_comments  # a segment id, and the MT note: one line each
    if comments:
        lines = "\n#. ".join(comments)
        if lines.count("\n") == len(comments) - 1 and all(comments) and "\\" not in lines:
            append("#. " + lines)  # no line end inside, nor a backslash that may end one
        else:
            _comment_lines("#.", comments, out)
    refs = msg.references
    if refs:
        # the common case; gettext never wraps before the first reference
        if len(refs) == 1 and " " not in refs[0] and "\t" not in refs[0]:
            append("#: " + refs[0])
        else:
            _references(refs, out)
    msgid, msgstr = msg.msgid, msg.msgstr
    flags = msg.flags
    if flags == _FUZZY_ALONE:  # nearly every flagged entry: gnu_flags' first case
        if msgstr:
            append("#, fuzzy")
    elif flags:
        flags = gnu_flags(flags, bool(msgstr))
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
    if escaped is None or not (escaped(msgid) or escaped(msgstr)):  # most: two plain lines
        append(f'{prefix}msgid "{msgid}"')  # apart: the English stays ASCII (``encode_po``)
        append(f'{prefix}msgstr "{msgstr}"')
        return
    for keyword, text in (("msgid", msgid), ("msgstr", msgstr)):
        if not escaped(text):
            append(f'{prefix}{keyword} "{text}"')
        elif "\n" in text:
            _field(keyword, text, prefix, out)
        else:
            append(f"{prefix}{keyword} {_quote(text)}")


_FUZZY_ALONE = (FUZZY,)
_Test = Callable[[str], object]


def _escape_test(messages: Sequence[Message]) -> _Test | None:
    """A test of whether a msgid or msgstr of ``messages`` needs an escape (a true result), as
    cheap as the catalog allows; None where none does. The characters to escape that any of
    them holds are found once, each in a pass at C speed over them all joined; each text is
    then asked about those alone. (Most catalogs hold none, or only the double quote or the
    backslash; the escape pattern, or a printable test, asked of each text, steps through its
    every character.) A text holds a character only if the texts joined do: the test says
    of each text what the escape pattern says."""
    msgids, msgstrs = "".join(map(_MSGID, messages)), "".join(map(_MSGSTR, messages))
    held = [c for c in _ESCAPES if c in msgids or c in msgstrs]
    if not held:
        return None
    if len(held) == 1:
        (char,) = held
        return lambda text: char in text
    if len(held) == 2:  # the double quote and the backslash, as often as not
        one, two = held
        return lambda text: one in text or two in text
    return _ESCAPE_RE.search


_MSGID = attrgetter("msgid")
_MSGSTR = attrgetter("msgstr")


def format_po(catalog: Catalog) -> str:
    """The catalog as GNU gettext writes it with --no-wrap."""
    return "\n".join(_lines(catalog))


def _lines(catalog: Catalog) -> list[str]:
    """The catalog's text in pieces to join with line ends (a piece may hold several lines),
    the last one empty."""
    out: list[str] = []
    _comment_lines("#", catalog.header_comments, out)
    header_flags = gnu_flags(catalog.header_flags, True)
    if header_flags:
        out.append("#, " + ", ".join(header_flags))
    header = "".join(f"{k}: {v}\n" for k, v in catalog.header)
    if catalog.header_text not in ("", header) and header_fields(catalog.header_text) == (
            catalog.header):
        header = catalog.header_text  # unchanged: as the file wrote it
    _field("msgid", "", "", out)
    _field("msgstr", header, "", out)
    messages = catalog.messages
    escaped = _escape_test(messages)
    for msg in messages:
        if msg.obsolete and not msg.msgstr:
            continue  # gettext drops an obsolete entry that keeps no translation
        out.append("")
        _message(msg, out, escaped)
    out.append("")
    return out


def encode_po(catalog: Catalog) -> bytes:
    """The catalog file's bytes: in the charset its header declares, else (a charset GNU does
    not know, or text it cannot hold) converted to UTF-8 with its header, as msgconv would."""
    lines = _lines(catalog)
    declared = catalog.header_value("Content-Type")
    if po_charset.output_codec(declared, "") == "utf-8":  # nearly every catalog: UTF-8
        # takes any text, so the lines are encoded one by one: an ASCII one (the English, the
        # notes) is copied as it is, where the whole text would go character by character
        return b"\n".join(map(str.encode, lines))
    text = "\n".join(lines)
    codec = po_charset.output_codec(declared, text)
    if codec is None:
        text = format_po(replace(catalog, header=po_charset.utf8_header(catalog.header)))
        codec = "utf-8"
    return text.encode(codec)


