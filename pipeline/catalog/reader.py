"""The reader: a catalog file's entries (``scan``) decoded by the charset its header declares,
then unescaped, as gettext does (``decode``); duplicates refused as gettext refuses them. A
catalog laid out as gettext writes it is read by the fast path (``canonical``)."""

from __future__ import annotations

import codecs
import re

from pipeline import po_charset
from pipeline.catalog.decode import _comments, _Decoder, _flags, _header
from pipeline.catalog.model import Catalog, Message, reference_words
from pipeline.catalog.scan import _Entry, _header_entry, _scan
from pipeline.catalog.strings import _syntax_error
from pipeline.findings import InputError
from pipeline.wide import wide_form


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
    """Read a catalog file's bytes, decoding them by the charset its header declares. A
    catalog laid out as gettext writes it takes the fast path (``canonical``), which reads
    what this reader reads and hands it every other file."""
    # loaded on first use (or before the workers fork, ``source.tree``): its expressions take
    # a few ms to compile, which a run that reads no catalog need not pay
    from pipeline.catalog.canonical import read as read_canonical

    found = read_canonical(data, path)
    catalog = found if found is not None else _parse(data, path, None)
    if not data.isascii():
        _refuse_mislabelled(catalog, data, path)
    return catalog


_MISLABELLED_AT_LEAST = 3  # non-ASCII characters: real one-byte text this long is never UTF-8


def _refuse_mislabelled(catalog: Catalog, data: bytes, path: str) -> None:
    """A catalog that declares a one-byte charset (ISO-8859-1, CP1252) but whose bytes are
    UTF-8, as an editor saves it: each accented letter would read as two wrong ones (gettext
    reads it so) and be published so. Real text in such a charset is practically never valid
    UTF-8 (an accented letter alone is a byte UTF-8 refuses): a few characters can be."""
    m = po_charset.find_charset(catalog.header_value("Content-Type") or "")
    if m is None or not m.group(1):
        return
    try:
        codec = po_charset.codec_of(m.group(1))
    except po_charset.CharsetProblem:
        return
    if codec == "utf-8" or not po_charset.single_byte(codec):
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        _refuse_windows_bytes(data, codec, m.group(1), path)
        return  # text in the charset it declares
    if sum(1 for ch in text if ord(ch) > 0x7F) < _MISLABELLED_AT_LEAST and not _fits(text, codec):
        # a word or two of real text can be valid UTF-8 by chance (KOI8-R "её" reads "ţ"),
        # but then as letters the charset does not have; "Guidé" read as UTF-8 has its own
        return
    at = data.find(b"charset=")
    raise InputError(
        "po-syntax", f"the header declares charset={m.group(1)}, but the text is UTF-8: "
        "every accented letter would read as two wrong ones (é as Ã©)", path,
        data.count(b"\n", 0, max(at, 0)) + 1, 1,
        "declare charset=UTF-8 in Content-Type (the file's text is already UTF-8)")


_C1 = re.compile(rb"[\x80-\x9f]")
# the Windows code page an editor saves for text of each ISO-8859 charset: the same letters
# (most of them) and, in 0x80-0x9F, where ISO-8859 has control characters, ’ – € œ
_WINDOWS = {"iso8859-1": "cp1252", "iso8859-15": "cp1252", "iso8859-2": "cp1250",
            "iso8859-5": "cp1251", "iso8859-7": "cp1253", "iso8859-9": "cp1254",
            "iso8859-8": "cp1255", "iso8859-6": "cp1256", "iso8859-4": "cp1257",
            "iso8859-13": "cp1257"}


def _refuse_windows_bytes(data: bytes, codec: str, name: str, path: str) -> None:
    """A catalog that declares ISO-8859-1 (or another ISO-8859 charset, whose bytes 0x80-0x9F
    are control characters) over Windows-1252 (or its sibling's) text, as a Windows editor
    saves it: its ’ – € œ would read, and be published, as control characters (gettext reads
    them so)."""
    windows = _WINDOWS.get(codec)
    found = _C1.search(data) if windows is not None else None
    if windows is None or found is None:
        return
    byte = found.group()
    try:
        meant = byte.decode(windows)
    except UnicodeDecodeError:
        return  # no character in the Windows code page either
    at = found.start()
    line_start = data.rfind(b"\n", 0, at) + 1
    raise InputError(
        "po-syntax", f"byte 0x{byte[0]:02x} is a control character in the declared "
        f"charset={name}; the text is Windows-{windows[2:]}, where it is {meant!r}, and would "
        "be published as control characters", path, data.count(b"\n", 0, at) + 1,
        len(data[line_start:at].decode(codec, "replace")) + 1,
        f"declare charset={windows.upper()} in Content-Type (the file's text is "
        f"Windows-{windows[2:]}), or save the catalog as UTF-8")


def _fits(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def validate_po_syntax(text: str, path: str) -> None:
    """Raise InputError at the first line that is not gettext's PO grammar."""
    parse_po(text, path)


def _parse(data: bytes, path: str, charset: str | None) -> Catalog:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif (form := wide_form(data)) is not None:
        raise _syntax_error(path, 1, f"the catalog is {form}; PO files are UTF-8 (or another "
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
    text = ""
    messages: list[Message] = []
    # One key space for active and obsolete entries alike, as gettext's: msgfmt and msgcat
    # refuse an obsolete entry that repeats an active one (or another obsolete one).
    # The header's key is taken before any entry is read: an obsolete header before it is
    # as much a duplicate to gettext as one after it.
    seen: dict[tuple[str | None, str], Message | None] = (
        {} if header_entry is None else {(None, ""): None})
    for entry in entries:
        if entry is header_entry:
            header, comments, flags, text = _header(entry, decoder)
            continue
        msg = _read_message(entry, decoder)
        if msg.key in seen:
            raise _duplicate(msg, seen[msg.key], header_entry, path)
        seen[msg.key] = msg
        messages.append(msg)
    return Catalog(header, comments, flags, tuple(messages), text)


def _duplicate(
    msg: Message, first: Message | None, header: _Entry | None, path: str
) -> InputError:
    """A second entry for a key: reported at the second, naming the first."""
    if first is None:  # the header, or an obsolete entry with the header's empty key
        line = header.line if header is not None else 0
        if msg.obsolete:  # before the header or after it
            return InputError(
                "po-duplicate", f"duplicate entry for the header (on line {line}): one active, "
                "one obsolete (#~)", path, msg.line, 1, "delete the obsolete #~ header: the "
                "active one is the catalog's (GNU msgfmt and msgcat refuse the file as it is)")
        return InputError("po-duplicate", f"duplicate entry for the header (first on line "
                          f"{line})", path, msg.line, 1, "merge the two entries into one")
    what = f"duplicate entry for {msg.msgid[:60]!r} (first on line {first.line})"
    if first.obsolete == msg.obsolete:
        ids = msg.extracted_comments[:1]
        if msg.msgctxt is None and ids and first.extracted_comments[:1] not in ((), ids):
            # twins (one English, two segments) whose msgctxt a tool dropped: merging them
            # would lose a translation; each one's '#.' line names its segment
            return InputError(
                "po-duplicate", f"{what}: two segments with the same English, whose context a "
                "tool dropped", path, msg.line, 1, f'put back msgctxt "{ids[0]}" above this '
                "entry's msgid (the segment id its #. line names), or restore the file from "
                "version control; do not merge them: each is its own segment's translation")
        return InputError("po-duplicate", what, path, msg.line, 1,
                          "merge the two entries into one")
    return InputError(
        "po-duplicate", f"{what}: one active, one obsolete (#~)", path, msg.line, 1,
        "keep one of the two: delete the obsolete #~ entry if the active one is current "
        "(GNU msgfmt and msgcat refuse the file as it is)",
    )


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
            ref for line in notes["#:"] for ref in reference_words(line))),
        previous_msgid=value("previous msgid"),
        previous_msgctxt=value("previous msgctxt"),
        obsolete=bool(entry.obsolete),
        line=entry.line,
    )
    return msg


