"""Catalogs in other charsets, read as gettext reads them (decode first, then unescape) and
written back in the bytes their header declares (pipeline/po_charset.py).

The files are real bytes, in tests/data/po-differential/ (made by its generate.py): in
Shift_JIS, CP932, BIG5, GBK and GB18030 a character's second byte may be 0x5C ("\\").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog import parse_po_bytes
from pipeline.findings import InputError
from pipeline.po_charset import reads_by_bytes

DATA = Path(__file__).resolve().parent / "data" / "po-differential"


def read(name: str) -> dict[str, str]:
    path = DATA / f"{name}.po"
    return {m.msgid: m.msgstr for m in parse_po_bytes(path.read_bytes(), str(path)).messages}


@pytest.mark.parametrize(
    ("name", "msgid", "msgstr"),
    [
        pytest.param("shift-jis-5c", "So\n", "ソ\n", id="shift-jis-5c-then-escape"),
        pytest.param("shift-jis-5c", "Table", "表", id="shift-jis-5c-before-quote"),
        pytest.param("shift-jis-5c", "Ability", "能力\t能", id="shift-jis-5c-then-tab"),
        pytest.param("shift-jis-5c", "Octal", "ソ", id="shift-jis-octal-escapes"),
        pytest.param("shift-jis-5c-obsolete", "Old", "表", id="shift-jis-obsolete-entry"),
        pytest.param("cp932-5c", "So", "ソ\\", id="cp932-5c-then-escaped-backslash"),
        pytest.param("big5-5c", "Function", "功能", id="big5-5c"),
        pytest.param("big5-5c", "Permit", "許\n", id="big5-5c-then-escape"),
        pytest.param("big5-5c", "Cover", "蓋", id="big5-5c-before-quote"),
        pytest.param("big5-hkscs-5c", "Function", "功能", id="big5-hkscs"),
        pytest.param("gbk-5c", "Ride", "乗\n", id="gbk-5c-then-escape"),
        pytest.param("gb18030", "Ride", "乗 €", id="gb18030"),
        pytest.param("euc-jp", "Table", "表", id="euc-jp"),
        pytest.param("koi8-r", "Settings", "Параметры", id="koi8-r"),
        pytest.param("iso-8859-1", "Settings", "Paramètres", id="iso-8859-1"),
        pytest.param("iso-8859-1", "Hello", "Grüße é", id="iso-8859-1-octal-escape"),
        pytest.param("charset-space-ascii", "Settings", "ASCII only", id="charset-space-ascii"),
    ],
)
def test_a_catalog_is_read_by_characters_of_its_charset_then_unescaped(
    name: str, msgid: str, msgstr: str
) -> None:
    assert read(name)[msgid] == msgstr


def test_a_space_after_charset_is_no_charset_as_for_gettext() -> None:
    """gettext takes the name up to the next space: "charset= koi8-r" declares none, and
    msgcat refuses the file's KOI8-R text; said so, not "invalid UTF-8"."""
    path = DATA / "bad-charset-space.po"
    with pytest.raises(InputError) as info:
        parse_po_bytes(path.read_bytes(), "xx/a.po")
    f = info.value.finding
    assert (f.check, f.line) == ("po-syntax", 8)
    assert f.message.startswith("a space after 'charset=' in Content-Type: GNU gettext reads no "
                                "charset there")
    assert f.hint == "write the name right after the '=': charset=koi8-r"


def test_a_byte_invalid_in_a_two_byte_charset_is_named_at_its_line() -> None:
    path = DATA / "bad-invalid-shift-jis.po"
    with pytest.raises(InputError) as info:
        parse_po_bytes(path.read_bytes(), "xx/a.po")
    f = info.value.finding
    assert (f.check, f.line) == ("po-syntax", 12)
    assert f.message == "byte 0x81 is invalid in the declared charset shift_jis"


@pytest.mark.parametrize(
    ("codec", "by_bytes"),
    [("utf-8", True), ("latin-1", True), ("koi8-r", True), ("euc-jp", True), ("cp949", True),
     ("shift_jis", False), ("cp932", False), ("big5", False), ("big5hkscs", False),
     ("cp950", False), ("gbk", False), ("gb18030", False), ("johab", False)],
)
def test_charsets_whose_characters_hold_a_backslash_byte_are_read_by_characters(
    codec: str, by_bytes: bool
) -> None:
    assert reads_by_bytes(codec) is by_bytes


@pytest.mark.parametrize("charset", ["ISO-2022-JP", "UTF-7", "HZ", "UTF-16"])
def test_a_charset_whose_ascii_is_not_ascii_is_refused(charset: str) -> None:
    data = (f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n').encode()
    with pytest.raises(InputError) as info:
        parse_po_bytes(data, "xx/a.po")
    assert info.value.finding.message == (f"charset {charset!r} cannot be used in a PO file; "
                                          "use UTF-8")


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "unicode_escape", "idna",
                                     "undefined", "KLINGON-8"])
def test_a_python_transform_is_no_charset_and_no_traceback(charset: str) -> None:
    data = (f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n').encode()
    with pytest.raises(InputError) as info:
        parse_po_bytes(data, "xx/a.po")
    assert info.value.finding.message == f"unknown charset {charset!r} in Content-Type"
