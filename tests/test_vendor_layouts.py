"""Catalogs as vendors' tools save them: whatever their layout (CRLF line ends, 79-column
wrapping from Poedit or msgcat, polib's or Translate Toolkit's wrapping, a byte order mark), the
next run writes them in the canonical form (what ``msgcat --no-wrap`` writes) even when their
content did not change, so the layout churn lands at once and not in a later diff. A canonical
file is never touched, a broken one never rewritten; the run after a rewrite is a no-op served
by the run cache. The compiled ``.mo`` files Poedit saves beside the catalogs are no part of a
run and are kept out of the repository.

``data/vendor-layouts/poedit-3.2-crlf-wrap79.po`` is the project's
locales/fr-FR/get-started/install-cli.po opened and saved for real by Poedit 3.2.2 (Debian
bookworm) under Xvfb, set to Windows line ends and wrapping at 79 columns: Poedit also set
PO-Revision-Date and added X-Generator.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.catalog import encode_po, parse_po_bytes
from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
REL = "fr-FR/get-started/install-cli"
ARTICLE = REPO / "content" / f"{REL}.md"
CANONICAL = REPO / "locales" / f"{REL}.po"
POEDIT = Path(__file__).resolve().parent / "data" / "vendor-layouts" / "poedit-3.2-crlf-wrap79.po"
OLD = 1_000_000_000_000_000_000  # an mtime in 2001: any rewrite shows


def msgcat_default_wrap(data: bytes) -> bytes:
    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext (msgcat) is required: apt-get install gettext", pytrace=False)
    return subprocess.run(["msgcat", "-"], input=data, capture_output=True, check=True).stdout


def polib_save(data: bytes) -> bytes:
    import polib

    return str(polib.pofile(data.decode("utf-8"), wrapwidth=78)).encode("utf-8")


def translate_toolkit_save(data: bytes) -> bytes:
    from translate.storage import pypo

    return bytes(pypo.pofile(data))


LAYOUTS: dict[str, Callable[[bytes], bytes]] = {
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "byte-order-mark": lambda data: b"\xef\xbb\xbf" + data,
    "msgcat-default-wrapping": msgcat_default_wrap,
    "polib": polib_save,
    "poedit-crlf-wrap79": lambda data: POEDIT.read_bytes(),
    # a hand edit: each translation continued on the next line after a backslash, which
    # gettext reads as nothing
    "backslash-newline": lambda data: re.sub(rb'^(msgstr "[ !#-\[\]-~]{4})', rb"\1\\\n", data,
                                             flags=re.M),
}


def tree(root: Path, catalog: bytes) -> tuple[list[str], Path]:
    (root / "content" / REL).parent.mkdir(parents=True)
    shutil.copyfile(ARTICLE, root / "content" / f"{REL}.md")
    po = root / "locales" / f"{REL}.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(catalog)
    os.utime(po, ns=(OLD, OLD))
    args = ["--content", str(root / "content"), "--locales", str(root / "locales"), "-j", "1"]
    return args, po


def cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_vendor_layout_is_rewritten_canonical_on_the_next_run_then_left_alone(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor = LAYOUTS[layout](CANONICAL.read_bytes())
    assert vendor != CANONICAL.read_bytes()  # the layout really differs
    args, po = tree(tmp_path, vendor)
    out = ["--out", str(tmp_path / "build")]
    code, err = cli("locales", *args, *out)
    assert code == 0, err
    # the same content, in canonical bytes: the project's own catalog, or for Poedit the
    # same with the header fields Poedit set, for polib with the X-MS-* fields in the order
    # polib wrote them (sorted by name): a header's fields stay in the file's order
    expected = (CANONICAL.read_bytes() if layout not in ("poedit-crlf-wrap79", "polib")
                else encode_po(parse_po_bytes(vendor, "vendor.po")))
    got = po.read_bytes()
    assert got == encode_po(parse_po_bytes(got, "a.po"))  # canonical
    if layout == "poedit-crlf-wrap79":
        # saved by Poedit before catalogs kept a handoff record: the run adds the records
        got = b"".join(line for line in got.splitlines(keepends=True)
                       if not line.startswith(b"#. handoff: "))
    assert got == expected
    assert "1 catalogs and" in err
    written = po.stat().st_mtime_ns

    worked: list[int] = []
    real_work = runner._work

    def counting(todo: list[str], *rest: object) -> object:
        worked.append(len(todo))
        return real_work(todo, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_work", counting)
    code, err = cli("locales", *args, *out)
    assert code == 0, err
    assert worked == []  # a no-op: the article is replayed from the run cache
    assert po.stat().st_mtime_ns == written
    assert "0 catalogs and 0 outputs written" in err


def test_translate_toolkit_saves_a_canonical_catalog_byte_for_byte() -> None:
    """Its PO writer needs no rewrite: the layout test has no case for it."""
    assert translate_toolkit_save(CANONICAL.read_bytes()) == CANONICAL.read_bytes()


def test_a_canonical_catalog_is_never_touched(tmp_path: Path) -> None:
    args, po = tree(tmp_path, CANONICAL.read_bytes())
    for command in (["extract"], ["locales", "--out", str(tmp_path / "build")]):
        code, err = cli(*command, *args)
        assert code == 0, err
        assert (po.read_bytes(), po.stat().st_mtime_ns) == (CANONICAL.read_bytes(), OLD)


def test_a_canonical_catalog_whose_header_comments_a_vendor_removed_is_never_touched(
        tmp_path: Path) -> None:
    data = b"".join(line for line in CANONICAL.read_bytes().splitlines(keepends=True)[3:])
    assert CANONICAL.read_bytes().startswith(b"# ") and data.startswith(b'msgid ""')
    args, po = tree(tmp_path, data)
    for command in (["extract"], ["locales", "--out", str(tmp_path / "build")]):
        code, err = cli(*command, *args)
        assert code == 0, err
        assert (po.read_bytes(), po.stat().st_mtime_ns) == (data, OLD)


def test_a_broken_catalog_in_a_vendor_layout_is_not_rewritten(tmp_path: Path) -> None:
    text = CANONICAL.read_bytes()
    broken = (text + b'\n#~ msgid "Install the CLI"\n#~ msgstr "x"\n').replace(b"\n", b"\r\n")
    args, po = tree(tmp_path, broken)
    code, err = cli("extract", *args)
    assert code == 1
    assert "error[po-duplicate]" in err
    assert (po.read_bytes(), po.stat().st_mtime_ns) == (broken, OLD)


# ---------------------------------------------------------------- Poedit's compiled catalogs


def test_compiled_mo_files_beside_the_catalogs_are_no_part_of_a_run(tmp_path: Path) -> None:
    args, po = tree(tmp_path, CANONICAL.read_bytes())
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00binary")  # as Poedit leaves one
    lone = tmp_path / "locales" / "fr-FR" / "orphan.mo"
    lone.write_bytes(b"\x95\x04\x12\xde")
    runs = [["locales", *args, "--out", str(tmp_path / "build")], ["check", *args],
            ["stats", "--locales", str(tmp_path / "locales")],
            ["xliff-export", "--locales", str(tmp_path / "locales"), "--out", str(tmp_path / "x")]]
    for argv in runs:
        code, err = cli(*argv)
        assert code == 0, (argv, err)
        assert ".mo" not in err, argv
    assert mo.read_bytes().endswith(b"binary") and lone.exists()
    assert sorted(p.name for p in (tmp_path / "x").rglob("*") if p.is_file()) == ["install-cli.xlf"]


def test_compiled_mo_files_under_locales_are_ignored_by_git() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ("locales/fr-FR/get-started/install-cli.mo", "locales/de-DE/a.mo"):
        check = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", path],
                               check=False)
        assert check.returncode == 0, f"{path} is not ignored by .gitignore"


# ------------------------------------------------------- flags and header, as GNU reads them


def msgcat_no_wrap(data: bytes) -> bytes:
    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext (msgcat) is required: apt-get install gettext", pytrace=False)
    return subprocess.run(["msgcat", "--no-wrap", "-"], input=data, capture_output=True,
                          check=True).stdout


@pytest.mark.parametrize("flags", ["fuzzy python-format", "fuzzy\tpython-format",
                                   "python-format fuzzy", "fuzzy,python-format"])
def test_a_fuzzy_flag_beside_another_with_no_comma_is_fuzzy_and_never_published(
    flags: str, tmp_path: Path
) -> None:
    """gettext splits a '#,' line at white space as at commas: the entry is an unreviewed
    draft, and the page keeps the article's own translation."""
    draft = CANONICAL.read_bytes().replace(
        'msgid "Prerequisites"\nmsgstr "Prérequis"'.encode(),
        f'#, {flags}\nmsgid "Prerequisites"\nmsgstr "UNREVIEWED DRAFT"'.encode())
    assert parse_po_bytes(draft, "a.po") != parse_po_bytes(CANONICAL.read_bytes(), "a.po")
    entry = next(m for m in parse_po_bytes(draft, "a.po").messages if m.msgid == "Prerequisites")
    assert entry.fuzzy and not entry.reviewed
    args, po = tree(tmp_path, draft)
    code, err = cli("locales", *args, "--out", str(tmp_path / "build"))
    assert code == 0, err
    page = (tmp_path / "build" / f"{REL}.md").read_text(encoding="utf-8")
    assert "UNREVIEWED DRAFT" not in page
    assert "Prérequis" in page
    # written as GNU writes the entry, the draft kept
    assert b'#, fuzzy, python-format\nmsgid "Prerequisites"\nmsgstr "UNREVIEWED DRAFT"' in (
        po.read_bytes())
    assert msgcat_no_wrap(po.read_bytes()) == po.read_bytes()


@pytest.mark.parametrize(("written", "gnu"), [
    ("no-wrap, python-format", "python-format, no-wrap"),
    ("python-format, python-format", "python-format"),
    ("no-c-format, c-format", "c-format"),
    ("c-format, no-c-format", "no-c-format"),
    ("possible-c-format", "c-format"),
    ("wrap, range: 1..5", "range: 1..5"),
    ("no-wrap, fuzzy, php-format", "fuzzy, php-format, no-wrap"),
    ("range: 007..9", "range: 7..9"),
    ("range: 5..2, c-format", "c-format"),
    ("range: 5..99999999999999999999", "range: 5..2147483647"),
    ("range: 1..5x", "range: 1..5"),
    ("range: 2..3 range: 9..1", "range: 2..3"),
])
def test_flags_are_written_in_the_order_and_form_gnu_writes_them(written: str, gnu: str) -> None:
    data = CANONICAL.read_bytes().replace(
        b'msgid "Prerequisites"', f'#, {written}\nmsgid "Prerequisites"'.encode())
    ours = encode_po(parse_po_bytes(data, "a.po"))
    assert f"#, {gnu}\nmsgid \"Prerequisites\"".encode() in ours
    assert msgcat_no_wrap(data) == ours


def test_flags_gnu_does_not_know_are_kept_after_its_own() -> None:
    """msgcat drops them; a reviewer's ignore-<check> and a Weblate flag are this catalog's
    data, so they stay (after GNU's flags, in their order)."""
    data = CANONICAL.read_bytes().replace(
        b'msgid "Prerequisites"',
        b'#, max-length:40, no-wrap, ignore-untranslated, no-wrap\nmsgid "Prerequisites"')
    ours = encode_po(parse_po_bytes(data, "a.po"))
    assert b'#, no-wrap, max-length:40, ignore-untranslated\nmsgid "Prerequisites"' in ours


HEADER_EDITS = {
    "two spaces after the colon": (b'"Language-Team: \\n"', b'"Language-Team:  French\\n"'),
    "trailing spaces": (b'"Last-Translator: \\n"', b'"Last-Translator: Jean Dupont \\n"'),
    "a field given twice": (b'"X-MS-Loc-File-Id: 51830412\\n"',
                            b'"X-MS-Loc-File-Id: 51830412\\n"\n"X-Poedit-SearchPath: docs\\n"\n'
                            b'"X-Poedit-SearchPath: includes\\n"'),
    "a fuzzy header": (b'msgid ""\nmsgstr ""\n', b'#, fuzzy\nmsgid ""\nmsgstr ""\n'),
    "a line separator in a value": (b'"Last-Translator: \\n"',
                                    'Last-Translator: A\u2028B\\n'.join('""').encode()),
    "a carriage return in a value": (b'"Last-Translator: \\n"', b'"Last-Translator: A\\rB\\n"'),
    "an empty line inside": (b'"Last-Translator: \\n"', b'"Last-Translator: \\n"\n"\\n"'),
    "no space after the colon": (b'"Last-Translator: \\n"', b'"Last-Translator:Jean\\n"'),
    "a tab after the colon": (b'"Language-Team: \\n"', b'"Language-Team:\\tFrench\\n"'),
    # helper-135: a vendor's field between ours moved after the X-MS-* fields
    "a vendor's field between ours": (
        b'"Content-Transfer-Encoding: 8bit\\n"',
        b'"Content-Transfer-Encoding: 8bit\\n"\n"X-Generator: Poedit 3.4\\n"'),
    "plural forms after the language": (
        b'"Language: fr_FR\\n"', b'"Language: fr_FR\\n"\n"Plural-Forms: nplurals=2; '
        b'plural=(n > 1);\\n"'),
    "a last line with no line feed": (
        b'"X-MS-Loc-File-Id: 51830412\\n"',
        b'"X-MS-Loc-File-Id: 51830412\\n"\n"X-Generator: Poedit 3.4"'),
}


@pytest.mark.parametrize("edit", sorted(HEADER_EDITS))
def test_a_header_gnu_leaves_as_it_is_is_never_touched(edit: str, tmp_path: Path) -> None:
    old, new = HEADER_EDITS[edit]
    assert old in CANONICAL.read_bytes()
    data = CANONICAL.read_bytes().replace(old, new, 1)
    assert msgcat_no_wrap(data) == data  # canonical to GNU
    assert encode_po(parse_po_bytes(data, "a.po")) == data
    args, po = tree(tmp_path, data)
    code, err = cli("locales", *args, "--out", str(tmp_path / "build"))
    assert code == 0, err
    assert (po.read_bytes(), po.stat().st_mtime_ns) == (data, OLD)


def test_a_vendors_header_field_between_ours_stays_in_place_through_a_rewrite(
    tmp_path: Path
) -> None:
    """The rewrite of a vendor's layout (CRLF) moved X-Generator after the X-MS-* fields: churn
    in the vendor's diff. It stays where the vendor put it; the next run changes nothing."""
    old, new = HEADER_EDITS["a vendor's field between ours"]
    data = CANONICAL.read_bytes().replace(old, new, 1)
    args, po = tree(tmp_path, data.replace(b"\n", b"\r\n"))
    out = ["--out", str(tmp_path / "build")]
    assert cli("locales", *args, *out)[0] == 0
    assert po.read_bytes() == data
    written = po.stat().st_mtime_ns
    assert cli("locales", *args, *out)[0] == 0
    assert (po.read_bytes(), po.stat().st_mtime_ns) == (data, written)


def test_a_header_field_given_twice_keeps_both_and_the_first_is_its_value() -> None:
    old, new = HEADER_EDITS["a field given twice"]
    catalog = parse_po_bytes(CANONICAL.read_bytes().replace(old, new, 1), "a.po")
    assert [v for k, v in catalog.header if k == "X-Poedit-SearchPath"] == ["docs", "includes"]
    assert catalog.header_value("x-poedit-searchpath") == "docs"


@pytest.mark.parametrize("context", ['""', '"4c1e7-106"'])
def test_a_context_a_tool_put_on_every_entry_keeps_each_review_and_edit(
    context: str, tmp_path: Path
) -> None:
    """Entries are matched by English: a context on an entry the article needs none for is
    taken as the same entry, its text and review kept (and the context, which only that tool
    knew of, dropped), not turned into fuzzy suggestions beside obsolete copies."""
    import re

    text = CANONICAL.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^(#: [^\n]*\n)msgid "(?!")', rf'\1msgctxt {context}\nmsgid "', text)
    text = text.replace('msgid "Prerequisites"\nmsgstr "Prérequis"',
                        'msgid "Prerequisites"\nmsgstr "Conditions préalables"')
    args, po = tree(tmp_path, text.encode())
    code, err = cli("locales", *args, "--out", str(tmp_path / "build"))
    assert code == 0, err
    page = (tmp_path / "build" / f"{REL}.md").read_text(encoding="utf-8")
    assert "Conditions préalables" in page
    catalog = parse_po_bytes(po.read_bytes(), "a.po")
    assert not [m for m in catalog.messages if m.obsolete or m.fuzzy]
    edited = next(m for m in catalog.messages if m.msgid == "Prerequisites")
    assert (edited.msgstr, edited.msgctxt) == ("Conditions préalables", None)
    canonical = parse_po_bytes(CANONICAL.read_bytes(), "a.po")
    assert len(catalog.messages) == len(canonical.messages)
