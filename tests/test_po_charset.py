"""Catalogs in other charsets, read as gettext reads them (decode first, then unescape) and
written back in the bytes their header declares (pipeline/po_charset.py).

The files are real bytes, in tests/data/po-differential/ (made by its generate.py): in
Shift_JIS, CP932, BIG5, GBK and GB18030 a character's second byte may be 0x5C ("\\").
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.catalog import Catalog, Message, encode_po, format_po, parse_po_bytes
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
        pytest.param("shift-jis-backslash-newline", "Table", "表ソ",
                     id="shift-jis-5c-then-backslash-newline"),
        pytest.param("backslash-newline-iso-8859-1", "Settings", "Paramètres é",
                     id="iso-8859-1-backslash-newline"),
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


@pytest.mark.parametrize("charset", ["EUC-TW", "GEORGIAN-PS", "VISCII"])
def test_a_charset_gnu_knows_and_python_does_not_says_to_convert_the_catalog(
        charset: str) -> None:
    # helper-105: msgconv writes them and msgfmt reads them; "unknown charset" and "fix the
    # catalog in a PO editor" sent the vendor looking for a defect the file does not have
    data = (f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n').encode()
    with pytest.raises(InputError) as info:
        parse_po_bytes(data, "xx/a.po")
    finding = info.value.finding
    assert "GNU gettext knows but this tool cannot read" in finding.message
    assert finding.hint is not None and "msgconv --to-code=UTF-8" in finding.hint


# ---------------------------------------------------------------- writing in the declared charset
#
# A catalog is written in the charset its header declares when GNU's tools know that charset
# and every character fits (what msgmerge and msgcat do: no churn for a vendor whose tool
# writes ISO-8859-1); otherwise it is converted to UTF-8 with its header, as msgconv would.

BAD = Path(__file__).resolve().parent / "data" / "bad" / "catalogs"
needs_gettext = pytest.mark.usefixtures("require_gettext")


def run(*args: str) -> int:
    from pipeline.cli import main

    return main([*args, "-q", "-j", "1"])


def gnu_reads(po: Path, tmp: Path) -> str:
    """The catalog's text as GNU gettext reads it: msgcat converting it to UTF-8, and the
    messages msgfmt compiles, as msgunfmt gives them back (converted by msgconv)."""
    cat = subprocess.run(["msgcat", "--no-wrap", "--to-code=UTF-8", str(po)],
                         capture_output=True, check=True)
    mo = tmp / "gnu.mo"
    subprocess.run(["msgfmt", "-c", "-o", str(mo), str(po)], capture_output=True, check=True)
    back = subprocess.run(f"msgunfmt --no-wrap {mo} | msgconv --no-wrap --to-code=UTF-8",
                          shell=True, capture_output=True, check=True)
    return cat.stdout.decode("utf-8") + back.stdout.decode("utf-8")


def latin1_catalog(tmp: Path, *entries: tuple[str, str]) -> Path:
    po = tmp / "locales" / "fr-FR" / "a.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in entries)
    po.write_bytes((
        'msgid ""\nmsgstr ""\n"Language: fr_FR\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        + body).encode("latin-1"))
    return po


def xliff_round(tmp: Path, po: Path, source: str, target: str) -> None:
    """Export, a translator's approved edit of one unit in a CAT tool, import."""
    from lxml import etree

    from pipeline.xliff import NAMESPACE

    assert run("xliff-export", "--locales", str(tmp / "locales"), "--out", str(tmp / "x")) == 0
    xlf = tmp / "x" / "fr-FR" / "a.xlf"
    doc = etree.parse(str(xlf))
    ns = {"x": NAMESPACE}
    unit = next(u for u in doc.iterfind(".//x:trans-unit", ns)
                if u.findtext("x:source", namespaces=ns) == source)
    unit.find("x:target", ns).text = target
    unit.set("approved", "yes")
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert run("xliff-import", "--locales", str(tmp / "locales"), str(tmp / "x")) == 0


@needs_gettext
def test_xliff_import_writes_a_latin1_catalog_in_latin1(tmp_path: Path) -> None:
    po = latin1_catalog(tmp_path, ("Settings", "Paramètres"), ("Open", "Ouvrir"))
    xliff_round(tmp_path, po, "Open", "Ouvrez là")
    data = po.read_bytes()
    assert b'msgstr "Param\xe8tres"' in data and b'msgstr "Ouvrez l\xe0"' in data
    assert b"charset=ISO-8859-1" in data
    gnu = gnu_reads(po, tmp_path)
    assert gnu.count('msgstr "Paramètres"') == 2 and gnu.count('msgstr "Ouvrez là"') == 2
    assert read_file(po) == {"Settings": "Paramètres", "Open": "Ouvrez là"}


@needs_gettext
def test_xliff_import_converts_to_utf8_a_translation_latin1_cannot_hold(tmp_path: Path) -> None:
    po = latin1_catalog(tmp_path, ("Settings", "Paramètres"), ("Open", "Ouvrir"))
    xliff_round(tmp_path, po, "Open", "Ouvrir l’œuvre")
    data = po.read_bytes()
    assert b'"Content-Type: text/plain; charset=UTF-8\\n"' in data
    assert 'msgstr "Paramètres"'.encode() in data  # the untouched entry, converted with it
    gnu = gnu_reads(po, tmp_path)
    assert gnu.count('msgstr "Paramètres"') == 2 and gnu.count('msgstr "Ouvrir l’œuvre"') == 2
    assert read_file(po) == {"Settings": "Paramètres", "Open": "Ouvrir l’œuvre"}


def read_file(po: Path) -> dict[str, str]:
    return {m.msgid: m.msgstr for m in parse_po_bytes(po.read_bytes(), str(po)).messages}


def extracted_latin1_tree(tmp: Path, drop: str | None = None) -> Path:
    """An article and its catalog, which a vendor's tool saved in ISO-8859-1 with an old
    entry "Settings" (obsolete) translated "Paramètres"; ``drop``: a translation removed."""
    content = tmp / "content" / "fr-FR" / "a.md"
    content.parent.mkdir(parents=True)
    shutil.copyfile(BAD / "article.md", content)
    assert run("extract", "--content", str(tmp / "content"), "--locales",
               str(tmp / "locales")) == 0
    po = tmp / "locales" / "fr-FR" / "a.po"
    text = po.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    text = text.replace("’", "'") + '\n#~ msgid "Settings"\n#~ msgstr "Paramètres"\n'
    if drop is not None:
        text = text.replace(f'msgstr "{drop}"', 'msgstr ""')
    po.write_bytes(text.encode("latin-1"))
    return po


@needs_gettext
def test_extract_keeps_a_latin1_catalog_in_latin1(tmp_path: Path) -> None:
    po = extracted_latin1_tree(tmp_path)
    before = po.read_bytes()
    assert run("locales", "--content", str(tmp_path / "content"), "--locales",
               str(tmp_path / "locales"), "--out", str(tmp_path / "build")) == 0
    assert po.read_bytes() == before  # already canonical, in its own charset: not touched
    assert gnu_reads(po, tmp_path).count('msgstr "Paramètres"') == 1  # obsolete: not in .mo
    assert read_file(po)["Settings"] == "Paramètres"


@needs_gettext
def test_extract_converts_to_utf8_when_the_article_brings_what_latin1_cannot_hold(
    tmp_path: Path,
) -> None:
    po = extracted_latin1_tree(tmp_path, drop="Exécutez la commande d'installation.")
    assert run("extract", "--content", str(tmp_path / "content"), "--locales",
               str(tmp_path / "locales")) == 0
    data = po.read_bytes()
    assert b"charset=UTF-8" in data and b"ISO-8859-1" not in data
    gnu = gnu_reads(po, tmp_path)
    assert 'msgstr "Paramètres"' in gnu and 'msgstr "Exécutez la commande d’installation."' in gnu
    assert read_file(po)["Run the install command."] == "Exécutez la commande d’installation."


@pytest.mark.parametrize(
    ("content_type", "msgstr", "codec", "written_content_type"),
    [
        pytest.param("text/plain; charset=ISO-8859-1", "Paramètres", "latin-1",
                     "text/plain; charset=ISO-8859-1", id="latin1-fits"),
        pytest.param("text/plain; charset=iso-8859-1", "Œuvre", "utf-8",
                     "text/plain; charset=UTF-8", id="latin1-does-not-fit"),
        pytest.param("text/plain; charset=Shift_JIS", "ソ\\表", "shift_jis",
                     "text/plain; charset=Shift_JIS", id="shift-jis-fits"),
        pytest.param("text/plain; charset=KOI8-R", "Параметры", "koi8-r",
                     "text/plain; charset=KOI8-R", id="koi8-r-fits"),
        pytest.param("text/plain; charset=latin1", "Paramètres", "utf-8",
                     "text/plain; charset=UTF-8", id="a-name-gnu-does-not-know"),
        pytest.param("text/plain; charset=CHARSET", "Paramètres", "utf-8",
                     "text/plain; charset=UTF-8", id="template-placeholder"),
        pytest.param("text/plain; charset= koi8-r", "ASCII", "utf-8",
                     "text/plain; charset=UTF-8", id="space-after-charset"),
        pytest.param("text/plain", "Paramètres", "utf-8", "text/plain; charset=UTF-8",
                     id="no-charset-in-content-type"),
        pytest.param(None, "Paramètres", "utf-8", None, id="no-content-type"),
    ],
)
def test_a_catalog_is_written_in_its_charset_or_converted_to_utf8_with_its_header(
    content_type: str | None, msgstr: str, codec: str, written_content_type: str | None
) -> None:
    header = (("Language", "fr_FR"),) + (
        (("Content-Type", content_type),) if content_type is not None else ())
    cat = Catalog(header=header, messages=(Message("Settings", msgstr),))
    data = encode_po(cat)
    written = Catalog(header=(("Language", "fr_FR"),) + (
        (("Content-Type", written_content_type),) if written_content_type is not None else ()),
        messages=cat.messages)
    assert data == format_po(written).encode(codec)
    assert parse_po_bytes(data, "a.po") == written


@needs_gettext
@pytest.mark.parametrize(
    ("charset", "text"),
    [("ISO-8859-1", 'Paramètres \\ "x"'), ("KOI8-R", "Параметры"), ("EUC-JP", "表"),
     ("Shift_JIS", 'ソ\\表"能\n力\t'), ("CP932", "ソ十"), ("BIG5", "功能許蓋"),
     ("GB18030", "乗 €")],
)
def test_a_catalog_written_in_another_charset_is_what_msgcat_writes(
    charset: str, text: str, tmp_path: Path
) -> None:
    cat = Catalog(
        header=(("Project-Id-Version", "x"), ("Language", "ja"), ("MIME-Version", "1.0"),
                ("Content-Type", f"text/plain; charset={charset}"),
                ("Content-Transfer-Encoding", "8bit")),
        messages=(Message("Settings", text), Message("Context", text, msgctxt="c"),
                  Message("Old", text, obsolete=True)),
    )
    po = tmp_path / "a.po"
    po.write_bytes(encode_po(cat))
    assert f"charset={charset}".encode() in po.read_bytes()
    out = subprocess.run(["msgcat", "--no-wrap", str(po)], capture_output=True, check=False)
    assert (out.returncode, out.stderr, out.stdout) == (0, b"", po.read_bytes())
    assert parse_po_bytes(po.read_bytes(), str(po)) == cat


def test_a_shift_jis_catalog_publishes_as_its_utf8_twin_and_stays_as_it_is(
    tmp_path: Path,
) -> None:
    """End to end: the project's Japanese catalog saved in Shift_JIS (three of its characters
    end in a 0x5C byte) is read, published and kept byte for byte, as the UTF-8 one is."""
    repo = Path(__file__).resolve().parents[1]
    rel = "ja-JP/get-started/install-cli"
    utf8 = (repo / "locales" / f"{rel}.po").read_text(encoding="utf-8")
    sjis = utf8.replace("charset=UTF-8", "charset=Shift_JIS").encode("shift_jis")
    assert sum(c.encode("shift_jis")[1:] == b"\\" for c in utf8) == 3
    pages = []
    for name, data in (("utf8", utf8.encode()), ("sjis", sjis)):
        root = tmp_path / name
        (root / "content" / rel).parent.mkdir(parents=True)
        shutil.copyfile(repo / "content" / f"{rel}.md", root / "content" / f"{rel}.md")
        po = root / "locales" / f"{rel}.po"
        po.parent.mkdir(parents=True)
        po.write_bytes(data)
        assert run("locales", "--content", str(root / "content"), "--locales",
                   str(root / "locales"), "--out", str(root / "build")) == 0
        assert po.read_bytes() == data
        pages.append((root / "build" / f"{rel}.md").read_bytes())
    assert pages[0] == pages[1]


@pytest.mark.parametrize("charset", ["ISO-8859-1", "CP1252", "ISO-8859-15", "KOI8-R"])
def test_a_one_byte_charset_declared_over_utf8_text_is_refused_at_its_line(charset: str) -> None:
    """An editor saved UTF-8 under the old declaration: GNU and we read "Paramètres" as
    "ParamÃ¨tres", and the page published it so, with no word."""
    text = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "Settings"\nmsgstr "Paramètres généraux édités"\n')
    if charset == "KOI8-R":
        text = text.replace("Paramètres généraux édités", "Параметры")
    with pytest.raises(InputError) as caught:
        parse_po_bytes(text.encode("utf-8"), "fr.po")
    f = caught.value.finding
    assert (f.check, f.line) == ("po-syntax", 3)
    assert f"declares charset={charset}, but the text is UTF-8" in f.message
    assert "charset=UTF-8" in (f.hint or "")
    # the same catalog in the charset it declares is read as ever
    read = parse_po_bytes(text.encode(charset), "fr.po").messages[0].msgstr
    assert read == text.rsplit('"', 2)[1]


@pytest.mark.parametrize(("charset", "word"), [("ISO-8859-1", "Guidé"), ("CP1252", "Étape"),
                                                ("KOI8-R", "Да")])
def test_one_byte_charset_over_a_single_utf8_word_is_refused_too(charset: str, word: str) -> None:
    """A word or two of UTF-8 under a one-byte declaration ('Guidé' would publish 'GuidÃ©'):
    read as UTF-8 it is letters the declared charset has, which is what a mislabel gives."""
    text = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            f'msgid "Guide"\nmsgstr "{word}"\n')
    with pytest.raises(InputError) as caught:
        parse_po_bytes(text.encode("utf-8"), "fr.po")
    assert f"declares charset={charset}, but the text is UTF-8" in caught.value.finding.message
    assert parse_po_bytes(text.encode(charset), "fr.po").messages[0].msgstr == word


def test_a_two_byte_charset_over_utf8_text_is_left_to_gettext_s_reading() -> None:
    """Only one-byte charsets are judged: in EUC or GBK, UTF-8 bytes are often characters."""
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=EUC-JP\\n"\n\n'
            'msgid "Table"\nmsgstr "表"\n').encode("euc-jp")
    assert parse_po_bytes(data, "ja.po").messages[0].msgstr == "表"


def test_a_word_of_real_one_byte_text_that_happens_to_be_valid_utf8_is_read() -> None:
    """KOI8-R "её" is the bytes C5 A3, valid UTF-8 by chance: msgfmt -c reads it, and so do
    we (a short text is not judged)."""
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=KOI8-R\\n"\n\n'
            'msgid "Her"\nmsgstr "её"\n').encode("koi8-r")
    data.decode("utf-8")  # the premise
    assert parse_po_bytes(data, "ru.po").messages[0].msgstr == "её"


@pytest.mark.parametrize("charset", ["ISO-8859-1", "ISO-8859-15", "latin1"])
def test_windows_1252_text_under_an_iso_8859_charset_is_refused_at_its_line(charset: str) -> None:
    """helper-127: a Windows editor saves CP1252 and the header still says ISO-8859-1: the
    bytes 0x80-0x9F (’ – € œ) are control characters in ISO-8859-*, and 'Ouvrez l’œuvre'
    was published as 'Ouvrez l\\x92\\x9cuvre' with only a control-character warning whose
    hint said to delete them."""
    text = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "Open the work."\nmsgstr "Ouvrez l’œuvre – 5 €."\n')
    with pytest.raises(InputError) as caught:
        parse_po_bytes(text.encode("cp1252"), "fr.po")
    f = caught.value.finding
    assert (f.check, f.line, f.column) == ("po-syntax", 6, 17)
    assert "0x92" in f.message and "’" in f.message and "Windows-1252" in f.message
    assert "charset=CP1252" in (f.hint or "")
    # declared as what it is, it is read as ever; real ISO-8859 text (no C1 byte) too
    fixed = text.replace(f"charset={charset}", "charset=CP1252").encode("cp1252")
    assert parse_po_bytes(fixed, "fr.po").messages[0].msgstr == "Ouvrez l’œuvre – 5 €."
    plain = text.replace("’œ", "'e").replace("–", "-").replace("€", "é").encode("latin-1")
    assert parse_po_bytes(plain, "fr.po").messages[0].msgstr == "Ouvrez l'euvre - 5 é."


def test_windows_1250_text_under_iso_8859_2_names_its_own_code_page() -> None:
    """Czech saved by a Windows editor (CP1250: 'š' is 0x9A, a control character in
    ISO-8859-2) under an ISO-8859-2 header: the hint names CP1250, not CP1252."""
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-2\\n"\n\n'
            'msgid "Open."\nmsgstr "Otevřete šablonu."\n')
    with pytest.raises(InputError) as caught:
        parse_po_bytes(text.encode("cp1250"), "cs.po")
    assert "Windows-1250, where it is 'š'" in caught.value.finding.message
    assert "charset=CP1250" in (caught.value.finding.hint or "")
    koi8 = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=KOI8-R\\n"\n\n'
            'msgid "Box"\nmsgstr "─│┌"\n').encode("koi8-r")  # 0x80-0x82: KOI8-R's own letters
    assert parse_po_bytes(koi8, "ru.po").messages[0].msgstr == "─│┌"
