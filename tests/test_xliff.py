"""XLIFF 1.2 export and import: exact round trips, a translator's edits, refused deliveries."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.cli import main
from pipeline.findings import InputError, Severity
from pipeline.merge import MT_NOTE
from pipeline.xliff import BASE, NAMESPACE, export_catalog, import_catalog, unit_id

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"
NS = {"x": NAMESPACE}

EDGE = Catalog(
    header=(("Language", "fr_FR"), ("Content-Type", "text/plain; charset=UTF-8")),
    header_comments=("fr-FR translation of fr-FR/a.md",),
    messages=(
        Message("Reviewed <b>markup</b> & `code`", "Relu <b>balises</b> & `code`",
                extracted_comments=("b5df6-101",), references=("fr-FR/a.md:3",)),
        Message("Machine translated.", "Traduit par machine.", flags=(FUZZY,),
                extracted_comments=("b5df6-102", MT_NOTE), references=("fr-FR/a.md:5",)),
        Message("Changed English.", "Ancien anglais.", flags=(FUZZY,),
                translator_comments=("checked with the glossary",),
                previous_msgid="Old English.", references=("fr-FR/a.md:7",)),
        Message("Untranslated.", references=("fr-FR/a.md:9",)),
        Message("Fuzzy and empty.", flags=(FUZZY, "c-format")),
        Message("", msgctxt="b5df6-110"),
        Message("", "Vide traduit", msgctxt="b5df6-111"),
        Message("Same English", "Même anglais", msgctxt=""),
        Message("Same English", "Le même anglais"),
        Message("  spaces\tand tabs \r\nand\nnew lines\n", "  espaces\tet tabs \r\net\n"),
        Message("Obsolete.", "Obsolète.", obsolete=True),
        Message("Obsolete fuzzy.", "Obsolète flou.", flags=(FUZZY,), obsolete=True,
                previous_msgid="Old obsolete."),
    ),
)


def tree(root: Path, catalogs: dict[str, str]) -> Path:
    locales = root / "locales"
    for rel, text in catalogs.items():
        (locales / rel).parent.mkdir(parents=True, exist_ok=True)
        (locales / rel).write_text(text, encoding="utf-8")
    return locales


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.po"))}


def export(locales: Path, out: Path) -> int:
    return main(["xliff-export", "--locales", str(locales), "--out", str(out), "-q", "-j", "1"])


def import_(locales: Path, folder: Path) -> int:
    return main(["xliff-import", "--locales", str(locales), str(folder), "-q", "-j", "1"])


def unit(doc: etree._ElementTree, source: str) -> etree._Element:
    for element in doc.iterfind(".//x:trans-unit", NS):
        if element.findtext("x:source", namespaces=NS) == source:
            return element
    raise AssertionError(f"no unit for {source!r}")


def edit(xlf: Path, source: str, target: str | None = None, approved: str | None = None,
         state: str | None = None, new_source: str | None = None) -> None:
    """What a translator's CAT tool does to one unit, saved with lxml."""
    doc = etree.parse(str(xlf))
    element = unit(doc, source)
    node = element.find("x:target", NS)
    if node is None:
        node = etree.SubElement(element, f"{{{NAMESPACE}}}target")
        element.find("x:source", NS).addnext(node)
    if target is not None:
        node.text = target
    if state is not None:
        node.set("state", state)
    if approved is not None:
        element.set("approved", approved)
    if new_source is not None:
        element.find("x:source", NS).text = new_source
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def messages(po: Path) -> dict[tuple[str | None, str], Message]:
    return {m.key: m for m in parse_po(po.read_text(encoding="utf-8"), str(po)).active()}


def test_export_writes_one_xliff_1_2_file_per_catalog_at_the_same_path(tmp_path: Path) -> None:
    out = tmp_path / "xlf"
    assert export(REPO / "locales", out) == 0
    catalogs = sorted(p.relative_to(REPO / "locales") for p in (REPO / "locales").rglob("*.po"))
    assert sorted(p.relative_to(out) for p in out.rglob("*.xlf")) == [
        c.with_suffix(".xlf") for c in catalogs]
    doc = etree.parse(str(out / "fr-FR/get-started/install-cli.xlf"))
    root = doc.getroot()
    assert root.tag == f"{{{NAMESPACE}}}xliff" and root.get("version") == "1.2"
    file = root.find("x:file", NS)
    assert file is not None
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (
        "fr-FR/get-started/install-cli.po", "en-US", "fr-FR")
    po = REPO / "locales/fr-FR/get-started/install-cli.po"
    assert len(doc.findall(".//x:trans-unit", NS)) == len(messages(po))


def test_export_through_a_folder_linked_into_the_catalogs_writes_nothing_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With xlf/fr-FR a link to locales/fr-FR, 'xliff-export --out xlf' wrote each .xlf among
    the catalogs, exit 0 (only --out itself was checked against the catalogs folder)."""
    german = format_po(replace(EDGE, header=(("Language", "de_DE"), *EDGE.header[1:])))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE), "de-DE/b.po": german})
    out = tmp_path / "xlf"
    out.mkdir()
    (out / "fr-FR").symlink_to(locales / "fr-FR", target_is_directory=True)
    capsys.readouterr()
    assert export(locales, out) == 1
    err = capsys.readouterr().err
    shown = os.path.relpath(out / "fr-FR/a.xlf")  # as diagnostics show a path
    assert f"{shown}: error[write-failed]: not written: its folder is, through a " \
        "symbolic link, a folder this command reads" in err
    assert sorted(p.name for p in (locales / "fr-FR").iterdir()) == ["a.po"]
    assert (out / "de-DE/b.xlf").is_file()  # the other catalogs are exported


def test_units_carry_state_context_notes_and_previous_english() -> None:
    doc = etree.fromstring(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    units = doc.findall(".//x:trans-unit", NS)
    assert len(units) == 10  # obsolete entries are not for translation
    ids = [u.get("id") for u in units]
    assert len(set(ids)) == 10 and ids[0] == unit_id(None, EDGE.messages[0].msgid)
    reviewed, mt, changed, untranslated = units[:4]
    assert reviewed.get("approved") == "yes"
    assert reviewed.find("x:target", NS).get("state") == "translated"
    assert mt.get("approved") == "no"
    assert mt.find("x:target", NS).get("state") == "needs-review-translation"
    assert mt.findtext("x:note[@from='developer']", namespaces=NS) == f"b5df6-102\n{MT_NOTE}"
    assert changed.findtext("x:alt-trans[@origin='previous']/x:source",
                            namespaces=NS) == "Old English."
    assert changed.findtext("x:note[@from='translator']",
                            namespaces=NS) == "checked with the glossary"
    assert untranslated.find("x:target", NS) is None
    contexts = [u.findtext(".//x:context[@context-type='x-po-msgctxt']", namespaces=NS)
                for u in units]
    assert contexts[5:9] == ["b5df6-110", "b5df6-111", "", None]


def test_export_then_import_leaves_every_catalog_byte_for_byte(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    (locales / "fr-FR/edge.po").write_text(format_po(EDGE), encoding="utf-8")
    # a vendor's wrapping: read fine, and not rewritten when nothing changes
    german = replace(EDGE, header=(("Language", "de_DE"), *EDGE.header[1:]))  # its folder's
    wrapped = format_po(german).replace('msgid "Untranslated."', 'msgid ""\n"Untrans"\n"lated."')
    (locales / "de-DE/wrapped.po").write_text(wrapped, encoding="utf-8")
    before = snapshot(locales)
    mtimes = {p: p.stat().st_mtime_ns for p in locales.rglob("*.po")}
    assert export(locales, tmp_path / "xlf") == 0
    assert import_(locales, tmp_path / "xlf") == 0
    assert snapshot(locales) == before
    assert {p: p.stat().st_mtime_ns for p in locales.rglob("*.po")} == mtimes


def test_round_trip_on_corpus_catalogs_changes_nothing(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"no shared corpus at {CORPUS}")
    articles = sorted(CORPUS.rglob("*.md"))
    for article in articles[:: len(articles) // 50][:50]:
        target = tmp_path / "content" / article.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article, target)
    locales = tmp_path / "locales"
    assert main(["extract", "--content", str(tmp_path / "content"), "--locales", str(locales),
                 "-q", "-j", "1"]) == 0
    before = snapshot(locales)
    assert len(before) == 50
    assert export(locales, tmp_path / "xlf") == 0
    assert len(list((tmp_path / "xlf").rglob("*.xlf"))) == 50
    assert import_(locales, tmp_path / "xlf") == 0
    assert snapshot(locales) == before


def test_a_cat_tool_saving_the_file_again_changes_nothing(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    resaved = bytes(xlifffile(data))  # parsed and written by Translate Toolkit
    new, changed, _ = import_catalog(EDGE, resaved, "a.xlf")
    assert (changed, new) == (0, EDGE)


def test_a_translators_approved_edit_arrives_as_a_reviewed_msgstr(tmp_path: Path) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    assert export(locales, tmp_path / "xlf") == 0
    edit(xlf, "Machine translated.", "Traduit et relu.", approved="yes", state="translated")
    edit(xlf, "Changed English.", "Anglais modifié.", approved="yes", state="translated")
    edit(xlf, "Untranslated.", "Non traduit.", state="needs-review-translation")
    assert import_(locales, tmp_path / "xlf") == 0
    got = messages(locales / "fr-FR/a.po")
    mt = got[(None, "Machine translated.")]
    assert (mt.msgstr, mt.flags, mt.extracted_comments) == ("Traduit et relu.", (), ("b5df6-102",))
    assert mt.reviewed
    changed = got[(None, "Changed English.")]
    assert (changed.msgstr, changed.fuzzy, changed.previous_msgid) == (
        "Anglais modifié.", False, None)
    assert changed.translator_comments == ("checked with the glossary",)
    new = got[(None, "Untranslated.")]
    assert (new.msgstr, new.flags) == ("Non traduit.", (FUZZY,))  # not approved: fuzzy
    expected = Catalog(EDGE.header, EDGE.header_comments, (), tuple(
        mt if m.msgid == mt.msgid else changed if m.msgid == changed.msgid
        else new if m.msgid == new.msgid else m for m in EDGE.messages))
    assert (locales / "fr-FR/a.po").read_text(encoding="utf-8") == format_po(expected)


def test_taking_approval_away_makes_the_entry_fuzzy_again() -> None:
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b'approved="yes"', b'approved="no"', 1)
    new, changed, _ = import_catalog(EDGE, data, "a.xlf")
    assert changed == 1
    assert new.messages[0].flags == (FUZZY,) and new.messages[0].msgstr == EDGE.messages[0].msgstr


def test_a_translated_state_without_approved_is_reviewed() -> None:
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(b' approved="yes"', b"")
    assert import_catalog(EDGE, data, "a.xlf") == (EDGE, 0, ())


def _targets(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    """The exported file with ``change`` done to every unit's <target>."""
    doc = etree.fromstring(data)
    for node in doc.iterfind(".//x:target", NS):
        change(node)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def test_units_without_a_target_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CAT tool leaves out the <target> of units it did not touch: the catalog's
    translations, reviewed or machine translated, stay as they are."""
    data = _targets(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"),
                    lambda node: node.getparent().remove(node))
    assert b"<target" not in data
    assert import_catalog(EDGE, data, "a.xlf") == (EDGE, 0, ())

    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    before = snapshot(locales)
    (tmp_path / "xlf/fr-FR").mkdir(parents=True)
    (tmp_path / "xlf/fr-FR/a.xlf").write_bytes(data)
    assert import_(locales, tmp_path / "xlf") == 0
    assert snapshot(locales) == before
    assert capsys.readouterr().err == ""


def test_an_explicitly_empty_target_clears_the_translation_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    doc = etree.fromstring(data)
    emptied = unit(doc.getroottree(), "Reviewed <b>markup</b> & `code`")
    emptied.find("x:target", NS).text = None  # <target/>: the translator deleted the text
    data = etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
    new, changed, found = import_catalog(EDGE, data, "fr-FR/a.xlf")
    assert changed == 1
    assert new.messages[0] == replace(EDGE.messages[0], msgstr="")
    assert new.messages[1:] == EDGE.messages[1:]
    assert [(f.check, f.severity, f.file, f.message) for f in found] == [(
        "xliff-cleared", Severity.WARNING, "fr-FR/a.xlf",
        f"unit {unit_id(None, EDGE.messages[0].msgid)!r}: its empty <target> cleared the "
        "translation 'Relu <b>balises</b> & `code`' of 'Reviewed <b>markup</b> & `code`'")]
    at = data.index(f'id="{unit_id(None, EDGE.messages[0].msgid)}"'.encode())
    assert found[0].line == data.count(b"\n", 0, at) + 1 > 1  # the unit's line

    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    (tmp_path / "xlf/fr-FR").mkdir(parents=True)
    (tmp_path / "xlf/fr-FR/a.xlf").write_bytes(data)
    assert import_(locales, tmp_path / "xlf") == 0  # a warning: what the translator did
    assert "warning[xliff-cleared]" in capsys.readouterr().err
    assert messages(locales / "fr-FR/a.po")[(None, EDGE.messages[0].msgid)].msgstr == ""


def test_a_unit_whose_source_differs_is_refused_and_the_catalog_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE), "fr-FR/b.po": format_po(EDGE)})
    before = snapshot(locales)
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Reviewed <b>markup</b> & `code`", "Relu et modifié", approved="yes")
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes", new_source="Untranslated!")
    edit(tmp_path / "xlf/fr-FR/b.xlf", "Untranslated.", "Non traduit.", approved="yes")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 1
    err = capsys.readouterr().err
    uid = unit_id(None, "Untranslated.")
    assert "a.xlf:" in err and f"error[xliff]: unit '{uid}': its source 'Untranslated!' " \
        "does not match the catalog's msgid 'Untranslated.'" in err
    assert (locales / "fr-FR/a.po").read_bytes() == before["fr-FR/a.po"]  # nothing applied
    assert "; nothing of this file was imported (hint:" in err  # helper-74: said, not silent
    assert messages(locales / "fr-FR/b.po")[(None, "Untranslated.")].msgstr == "Non traduit."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.replace(b">Relu &lt;b", b"><g id='1'>Relu</g> &lt;b", 1),
         "holds inline XLIFF markup"),
        (lambda d: d.replace(b">b5df6-110<", b">b5df6-999<", 1), "its context 'b5df6-999'"),
        (lambda d: d[: len(d) // 2], "unreadable XLIFF"),
        (lambda d: re.sub(rb"(<target[^>]*>[^<]*</target>)", rb"\1\1", d, count=1),
         "it holds more than one <target>"),  # helper-44: the second was dropped silently
    ],
    ids=["inline-markup", "other-context", "truncated", "two-targets"],
)
def test_a_delivery_that_does_not_fit_the_catalog_is_refused(
    change: Callable[[bytes], bytes], message: str
) -> None:
    data = change(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    with pytest.raises(InputError) as info:
        import_catalog(EDGE, data, "fr-FR/a.xlf")
    found = info.value.finding
    assert found.check == "xliff" and found.file == "fr-FR/a.xlf" and message in found.message
    # h176: lxml's str() ended the reason with '(<string>, line 1)', a line not the file's
    assert "<string>" not in found.message


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (lambda d: d.replace(b'<xliff xmlns="urn:oasis', b'<x:xliff xmlns:x="urn:oasis', 1)
         .replace(b"</xliff>", b"</x:xliff>"), "its <file> is not in XLIFF 1.2's namespace", 3),
        (lambda d: re.sub(rb"(?s)<file .*</file>", b"", d), "it has no <file> element", 2),
        (lambda d: re.sub(rb"(?s)<xliff .*</xliff>", b"<tmx version='1.4'/>", d),
         "its root element is <tmx>", 2),
    ],
    ids=["prefixed", "no-file", "not-xliff"],
)
def test_an_xliff_file_the_reader_refuses_says_what_is_wrong_and_where(
    change: Callable[[bytes], bytes], message: str, line: int
) -> None:
    data = change(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    with pytest.raises(InputError) as info:
        import_catalog(EDGE, data, "fr-FR/a.xlf")
    found = info.value.finding
    assert message in found.message and found.line == line


def test_a_handoff_package_given_to_xliff_import_is_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """h151: a vendor package (``handoff``) given to ``xliff-import`` was refused with 'its
    <source> holds inline XLIFF markup (hint: keep tags and code as plain text, as they are in
    the source)': the vendor had kept them, and the user was sent to the wrong fix."""
    marked = replace(EDGE, messages=(*EDGE.messages, Message("Select **Save**.")))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(marked)})
    assert main(["handoff", "--locales", str(locales), "--locale", "fr-FR", "--out",
                 str(tmp_path / "pkg"), "-q"]) == 0
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "pkg") == 1
    err = capsys.readouterr().err
    assert "fr-FR/a.xlf" in err and "a vendor package that `handoff` wrote" in err
    assert "pipeline handoff-import" in err and "as they are in the source" not in err
    assert snapshot(locales) == before


def test_an_xliff_file_without_its_catalog_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    (tmp_path / "xlf/fr-FR/a.xlf").rename(tmp_path / "xlf/fr-FR/renamed.xlf")
    assert import_(locales, tmp_path / "xlf") == 1
    assert "renamed.xlf: error[xliff]: no catalog" in capsys.readouterr().err


def test_text_xml_cannot_carry_is_not_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = Catalog(EDGE.header, messages=(Message("bell \a here", "cloche"),))
    locales = tree(tmp_path, {"fr-FR/bad.po": format_po(bad), "fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 1
    assert "bad.po:6:1: error[xliff]: the entry holds U+0007" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "xlf").rglob("*.xlf")] == ["a.xlf"]


@pytest.mark.parametrize("name", ["b\x1b[2J", "b\ufffe", "b\x08"])
def test_a_file_name_xml_cannot_carry_is_named_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """helper-128: a catalog named with an ESC sequence (or U+FFFE) stopped xliff-export with
    'pipeline: internal error: ValueError: All strings must be XML compatible' (exit 3), the
    other catalogs half exported: its <file original> cannot hold the name. Now it is that
    catalog's error, and every other catalog is exported."""
    locales = tree(tmp_path, {f"fr-FR/{name}.po": format_po(EDGE), "fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 1
    err = capsys.readouterr().err
    assert f".po: error[xliff]: the file name holds U+{ord(name[1]):04X}, which XLIFF" in err
    assert [p.name for p in (tmp_path / "xlf").rglob("*.xlf")] == ["a.xlf"]


def test_a_catalog_with_a_backslash_in_its_name_takes_its_own_xliff_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-128: 'a\\b.po' is a name on Linux; the import read every backslash of
    <file original> as a Windows tool's separator, and refused the catalog's own file as
    'exported from the catalog fr-FR/a/b.po'."""
    locales = tree(tmp_path, {"fr-FR/a\\b.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf/fr-FR/a\\b.xlf"
    doc = etree.parse(str(xlf))
    unit(doc, "Untranslated.").append(etree.fromstring(
        f'<target xmlns="{NAMESPACE}">Non traduit.</target>'))
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert import_(locales, tmp_path / "xlf") == 0, capsys.readouterr().err
    assert 'msgstr "Non traduit."' in (locales / "fr-FR/a\\b.po").read_text(encoding="utf-8")


def test_an_xliff_file_of_another_catalog_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """German translations of the same English must not land in the French catalog."""
    german_po = format_po(replace(EDGE, header=(("Language", "de_DE"), *EDGE.header[1:])))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE), "de-DE/a.po": german_po})
    before = snapshot(locales)
    assert export(locales, tmp_path / "xlf") == 0
    german = tmp_path / "xlf/de-DE/a.xlf"
    edit(german, "Untranslated.", "Nicht übersetzt.", approved="yes")
    shutil.copyfile(german, tmp_path / "xlf/fr-FR/a.xlf")
    assert import_(locales, tmp_path / "xlf") == 1
    assert "exported from the catalog 'de-DE/a.po', not from 'fr-FR/a.po'" in (
        capsys.readouterr().err)
    assert (locales / "fr-FR/a.po").read_bytes() == before["fr-FR/a.po"]
    assert messages(locales / "de-DE/a.po")[(None, "Untranslated.")].msgstr == "Nicht übersetzt."


def po2xliff(po: Path, given: str, xlf: Path) -> None:
    """Translate Toolkit's po2xliff run from the catalog's folder on ``given`` (its path from
    there): it writes that path as <file original>, and the PO's Language as target-language."""
    import subprocess
    import sys

    xlf.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", "-i", given, "-o",
                    str(xlf)], cwd=po.parent, check=True, capture_output=True, timeout=120)


def translate(xlf: Path, source: str, target: str) -> None:
    """A CAT tool's target for one unit of an XLIFF 1.1 file (po2xliff's)."""
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(xlf))
    [found] = [u for u in store.units if u.source == source]
    found.target = target
    xlf.write_bytes(bytes(store))


@pytest.mark.parametrize("given", ["a.po", "./a.po", "../fr-FR/a.po"],
                         ids=["alone", "dot-slash", "another-path"])
def test_a_catalog_converted_alone_by_po2xliff_comes_back_through_xliff_import(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """po2xliff on one catalog names it as it was given (original="a.po"): xliff-import
    refused the file, 'exported from the catalog 'a.po', not from 'fr-FR/a.po''. A name that
    is the end of the catalog's path, whole folder names, in the catalog's language, is its."""
    # entries po2xliff sends back as it does not name them (msgctxt "", the English "" of a
    # context it drops, obsolete ones) have no part in this test
    catalog = replace(EDGE, messages=tuple(m for m in EDGE.messages
                                           if m.msgctxt is None and m.msgid and not m.obsolete))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(catalog)})
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    po2xliff(locales / "fr-FR/a.po", given, xlf)
    assert f'original="{given}"' in xlf.read_text(encoding="utf-8")
    translate(xlf, "Untranslated.", "Non traduit.")
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 0, capsys.readouterr().err
    assert messages(locales / "fr-FR/a.po")[(None, "Untranslated.")].msgstr == "Non traduit."
    assert [m.msgid for m in parse_po((locales / "fr-FR/a.po").read_text(encoding="utf-8"),
                                      "a.po").messages] == [m.msgid for m in catalog.messages]


def test_a_unit_of_empty_english_whose_context_a_tool_dropped_never_makes_a_second_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """po2xliff writes no msgctxt: the unit of an empty English span (an entry of msgctxt
    "b5df6-111", msgid "") came back with neither, and was kept as an obsolete entry of that
    key, '#~ msgid ""', the header's: the catalog written was refused by the next run and by
    msgfmt (duplicate entry for the header)."""
    catalog = replace(EDGE, messages=tuple(m for m in EDGE.messages
                                           if m.msgctxt != "" and not m.obsolete))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(catalog)})
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    po2xliff(locales / "fr-FR/a.po", "a.po", xlf)
    translate(xlf, "Untranslated.", "Non traduit.")
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 0
    assert "'Vide traduit' was kept only in this warning" in capsys.readouterr().err
    again = parse_po((locales / "fr-FR/a.po").read_text(encoding="utf-8"), "a.po")
    assert [(m.msgctxt, m.msgid) for m in again.messages] == [
        (m.msgctxt, m.msgid) for m in catalog.messages]
    assert messages(locales / "fr-FR/a.po")[(None, "Untranslated.")].msgstr == "Non traduit."


def test_a_unit_whose_context_a_tool_dropped_finds_its_entry_by_the_context_its_notes_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """po2xliff writes no msgctxt but keeps the entry's #. lines, its segment id first (the
    context of an entry of empty English): the vendor's text of such a unit was kept only in a
    stale warning. The one entry of that English whose context a line of the unit's notes
    names is the unit's."""
    catalog = replace(EDGE, messages=(
        Message("Untranslated.", references=("fr-FR/a.md:9",)),
        Message("", msgctxt="b5df6-110", extracted_comments=("b5df6-110",)),
        Message("", msgctxt="b5df6-111", extracted_comments=("b5df6-111", MT_NOTE)),
        Message("Twice", msgctxt="b5df6-112", extracted_comments=("b5df6-112",)),
        Message("Twice", msgctxt="b5df6-113", extracted_comments=("b5df6-113",))))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(catalog)})
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    po2xliff(locales / "fr-FR/a.po", "a.po", xlf)
    text = xlf.read_text(encoding="utf-8")
    for segment, target in (("b5df6-111", "Vide traduit"), ("b5df6-113", "Deux fois")):
        text = re.sub(r"(<trans-unit[^>]*>\s*<source>[^<]*</source>\s*)<target></target>"
                      rf"(\s*<context-group[^>]*>\s*<context [^>]*>{segment}\b)",
                      rf"\1<target>{target}</target>\2", text, count=1)
    xlf.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 0
    assert "xliff-stale" not in capsys.readouterr().err
    got = messages(locales / "fr-FR/a.po")
    assert [got[("b5df6-11" + n, english)].msgstr for n, english in
            (("0", ""), ("1", ""), ("2", "Twice"), ("3", "Twice"))] == [
        "", "Vide traduit", "", "Deux fois"]


def test_a_file_of_another_locale_converted_alone_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its name (original="a.po") no longer says the locale: its target-language does."""
    german = replace(EDGE, header=(("Language", "de_DE"), *EDGE.header[1:]))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE), "de-DE/a.po": format_po(german)})
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    po2xliff(locales / "de-DE/a.po", "a.po", xlf)
    translate(xlf, "Untranslated.", "Nicht übersetzt.")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 1
    assert ("exported from a catalog 'a.po' of target-language 'de_DE', not from 'fr-FR/a.po'"
            in capsys.readouterr().err)
    assert snapshot(locales) == before


@pytest.mark.parametrize("header_unit", [True, False], ids=["header-unit-says-de", "nothing"])
def test_a_file_named_alone_that_names_no_target_language_is_not_taken_for_the_catalogs(
    header_unit: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """original="a.po" without target-language: nothing said the locale, and a German a.po
    was imported into fr-FR/a.po, German text published as French. The PO header unit a
    converter sends back says the locale (Language: de_DE) where the attribute does not; with
    neither, the file is refused (its name no longer says it)."""
    plain = replace(EDGE, messages=tuple(m for m in EDGE.messages
                                         if m.msgctxt is None and m.msgid and not m.obsolete))
    german = replace(plain, header=(("Language", "de_DE"), *EDGE.header[1:]))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(plain), "de-DE/a.po": format_po(german)})
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    po2xliff(locales / "de-DE/a.po", "a.po", xlf)
    translate(xlf, "Untranslated.", "Nicht übersetzt.")
    text = xlf.read_text(encoding="utf-8").replace(' target-language="de_DE"', "")
    if not header_unit:
        text = re.sub(r'<trans-unit[^>]*x-gettext-domain-header.*?</trans-unit>', "", text,
                      flags=re.S)
    xlf.write_text(text, encoding="utf-8")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 1
    err = capsys.readouterr().err
    assert ("of target-language 'de_DE'" if header_unit else "names no locale") in err
    assert snapshot(locales) == before


@pytest.mark.parametrize("placed", ["fr-FR/sub/a.xlf", "fr-FR/a.xlf"])
def test_a_name_that_ends_two_catalogs_paths_is_taken_for_neither(
    placed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """original="a.po" ends fr-FR/a.po and fr-FR/sub/a.po alike: it confirms neither, and a
    file of fr-FR/a.po returned at sub/a.xlf was imported into fr-FR/sub/a.po, the other
    article's translations on the same English. Refused, naming both."""
    plain = replace(EDGE, messages=tuple(m for m in EDGE.messages
                                         if m.msgctxt is None and m.msgid and not m.obsolete))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(plain),
                              "fr-FR/sub/a.po": format_po(plain)})
    xlf = tmp_path / "back" / placed
    po2xliff(locales / "fr-FR/a.po", "a.po", xlf)
    translate(xlf, "Untranslated.", "Non traduit.")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 1
    assert "'fr-FR/a.po' and 'fr-FR/sub/a.po' alike" in capsys.readouterr().err
    assert snapshot(locales) == before


@pytest.mark.parametrize("original", ["b.po", "x/a.po", "xfr-FR/a.po", "de-DE/a.po", ""])
def test_a_name_that_is_not_the_end_of_the_catalogs_path_is_refused(
    original: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf/fr-FR/a.xlf"
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(
        'original="fr-FR/a.po"', f'original="{original}"'), encoding="utf-8")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 1
    assert f"exported from the catalog {original!r}, not from 'fr-FR/a.po'" in (
        capsys.readouterr().err)
    assert snapshot(locales) == before


def test_external_entities_in_a_returned_file_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"?>", f'?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode(), 1
    ).replace(b"<target state=\"translated\">Relu", b"<target state=\"translated\">&x;Relu", 1)
    assert b"&x;Relu" in data and b"<!ENTITY" in data
    try:
        new, _, _ = import_catalog(EDGE, data, "a.xlf")
    except InputError:
        return  # refused: fine
    assert "SECRET" not in format_po(new)


def test_an_untouched_xliff_never_undoes_what_the_catalog_got_after_the_export() -> None:
    """Export, a reviewer edits the catalog, the vendor sends the file back unchanged: the
    reviewer's text and review stay (the unit is back as it left)."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    later = replace(EDGE, messages=tuple(
        replace(m, msgstr="Relu à nouveau") if m.msgid.startswith("Reviewed") else
        replace(m, flags=()) if m.msgid == "Machine translated." else m
        for m in EDGE.messages))
    assert import_catalog(later, data, "a.xlf") == (later, 0, ())


def test_a_vendor_change_to_an_entry_the_catalog_changed_too_keeps_both_and_says_so(
    ) -> None:
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`", b"Relu par le vendeur", 1)
    later = replace(EDGE, messages=tuple(
        replace(m, msgstr="Relu à nouveau") if m.msgid.startswith("Reviewed") else m
        for m in EDGE.messages))
    new, changed, found = import_catalog(later, data, "a.xlf")
    assert changed == 1 and [f.check for f in found] == ["xliff-conflict"]
    assert "Relu à nouveau" in found[0].message and "Relu par le vendeur" in found[0].message
    # the catalog's text stands; the vendor's is kept in a comment of the entry, once
    [entry] = [m for m in new.messages if m.msgid.startswith("Reviewed")]
    assert entry.msgstr == "Relu à nouveau"
    assert entry.translator_comments[-2:] == (
        "returned by the vendor, not applied (the entry changed or was reviewed in the catalog "
        "since the export):", "> Relu par le vendeur")
    assert new == replace(later, messages=tuple(
        entry if m.msgid.startswith("Reviewed") else m for m in later.messages))
    assert import_catalog(new, data, "a.xlf")[:2] == (new, 0)
    # the same vendor change with the catalog as exported is taken
    assert import_catalog(EDGE, data, "a.xlf")[0].messages[0].msgstr == "Relu par le vendeur"


def test_a_vendor_change_to_an_entry_reviewed_since_the_export_is_kept_beside_it() -> None:
    """A human handoff confirmed the machine translation after the export (same text, now
    reviewed): the review stands, the vendor's edit of that text is kept in a comment."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Traduit par machine.<", b">Traduit par le vendeur.<", 1)
    assert b"Traduit par le vendeur." in data
    later = replace(EDGE, messages=tuple(
        replace(m, flags=()) if m.msgid == "Machine translated." else m
        for m in EDGE.messages))
    new, changed, found = import_catalog(later, data, "a.xlf")
    assert changed == 1 and [f.check for f in found] == ["xliff-conflict"]
    assert "was reviewed since the export" in found[0].message
    [entry] = [m for m in new.messages if m.msgid == "Machine translated."]
    assert entry.msgstr == "Traduit par machine." and not entry.fuzzy
    assert "> Traduit par le vendeur." in entry.translator_comments


@pytest.mark.parametrize("text", ["Salut\u2028`npm install`", "Salut\x85tous", "a\r\nb\rc"])
def test_a_kept_vendor_text_comes_back_unchanged_through_an_untouched_round_trip(
        text: str) -> None:
    """Export, then import the file untouched: the comment holding a vendor's text, however
    its lines end, adds nothing."""
    from pipeline.xliff.stale import keep_beside

    messages = list(EDGE.messages)
    assert keep_beside(messages, 0, text)
    kept = replace(EDGE, messages=tuple(messages))
    assert all(line.startswith("> ") for line in kept.messages[0].translator_comments[-3:][1:]
               if not line.startswith("returned"))
    data = export_catalog(kept, "fr-FR/a.po", "fr-FR")
    assert import_catalog(kept, data, "a.xlf") == (kept, 0, ())
    assert not keep_beside(messages, 0, text)  # said once


@pytest.mark.parametrize("comment",
                         ["Vu \u2028 avec le client", "Vu\x85ok", "a ]]> <!-- & \u2029 b",
                          "note \x1b[31m rouge", "a\x0cb", "cloche\x07", " indented",
                          "\x85 ]", "\u2003y"])
def test_a_translators_comment_comes_back_unchanged_through_an_untouched_round_trip(
        comment: str) -> None:
    """helper-128: a catalog's translator comment holding U+2028, U+2029 or NEL (one line to
    gettext and to this reader) came back from an untouched XLIFF as its pieces, each added
    as a comment of its own: the import split the note where Python's splitlines does, the
    export had joined the comments at line feeds. One holding a control character came back
    as a second comment without it: the export leaves out what XML cannot carry; one that
    starts with white space ('#  indented'), without it: the export strips a note's ends."""
    first = replace(EDGE.messages[0], translator_comments=(comment,))
    catalog = replace(EDGE, messages=(first, *EDGE.messages[1:]))
    data = export_catalog(catalog, "fr-FR/a.po", "fr-FR")
    assert import_catalog(catalog, data, "a.xlf") == (catalog, 0, ())


def test_an_emptied_target_that_loses_a_conflict_leaves_no_comment() -> None:
    from pipeline.xliff.stale import keep_beside

    messages = [Message("Hello.", "Bonjour.")]
    assert not keep_beside(messages, 0, "") and messages[0].translator_comments == ()


def test_a_kept_vendor_text_never_reads_as_an_ignore_mark() -> None:
    from pipeline.suppress import ignored
    from pipeline.xliff.stale import keep_beside

    messages = [Message("Hello.", "Bonjour.")]
    assert keep_beside(messages, 0, "Salut.\nignore-number-changed")
    assert ignored(messages[0]) == frozenset()
    assert not keep_beside(messages, 0, "Salut.\nignore-number-changed")  # said once


@pytest.mark.parametrize("name", ["a.XLF", "a.xliff", "a.Xliff"])
def test_a_returned_file_named_xliff_or_in_capitals_is_imported(
        tmp_path: Path, name: str) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes", state="translated")
    xlf.rename(xlf.with_name(name))
    assert import_(locales, tmp_path / "xlf") == 0
    assert messages(locales / "fr-FR/a.po")[(None, "Untranslated.")].msgstr == "Non traduit."


def test_a_file_the_import_cannot_read_is_named_not_passed_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    xlf.rename(xlf.with_name("a.sdlxliff"))  # Trados's own format, sent back by mistake
    before = snapshot(locales)
    assert import_(locales, tmp_path / "xlf") == 0  # a warning: nothing was lost
    assert "fr-FR/a.sdlxliff: warning[xliff]: skipped: not a file this import reads" in (
        capsys.readouterr().err)
    assert snapshot(locales) == before


def test_a_unit_whose_english_left_the_catalog_is_reported_and_the_rest_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes")
    edit(xlf, "Machine translated.", "Traduit et relu.", approved="yes")
    po = locales / "fr-FR/a.po"  # meanwhile a new handoff changed one English
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Untranslated."', 'msgid "Not translated yet."'), encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    err = capsys.readouterr().err
    assert "a.xlf:" in err and "warning[xliff-stale]: unit '" in err
    assert "no entry of the catalog has its English 'Untranslated.' any more (changed or " \
           "gone since the export): the vendor's 'Non traduit.' was kept as a fuzzy obsolete " \
           "(#~) entry" in err
    got = messages(po)
    assert got[(None, "Machine translated.")].msgstr == "Traduit et relu."
    assert got[(None, "Not translated yet.")].msgstr == ""
    kept = parse_po(po.read_text(encoding="utf-8"), str(po))
    assert ("Untranslated.", "Non traduit.") in [
        (m.msgid, m.msgstr) for m in kept.messages if m.obsolete]  # the next merge offers it


def test_a_vendor_translation_of_changed_english_becomes_the_suggestion_for_the_new_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalog's English changed after the export (merge made its entry fuzzy, with the
    old English as #| msgid, and kept the old entry obsolete): the vendor's text of the old
    English replaces the old suggestion, still fuzzy, where it used to be dropped. A unit the
    vendor left empty, or sent back as it left, says nothing."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Machine translated.", "Traduit par un humain.", approved="yes")
    po = locales / "fr-FR/a.po"
    po.write_text(format_po(_english_changed(parse_po(po.read_text(encoding="utf-8"), str(po)))),
                  encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    err = capsys.readouterr().err
    assert err.count("xliff-stale") == 1 and "as the fuzzy suggestion for the new English " \
        "'Machine-translated text.'" in err
    got = messages(po)[(None, "Machine-translated text.")]
    assert (got.msgstr, got.fuzzy, got.previous_msgid) == (
        "Traduit par un humain.", True, "Machine translated.")


def _english_changed(cat: Catalog, draft: str | None = None) -> Catalog:
    """``cat`` after a handoff that changed 'Machine translated.' (and 'Untranslated.'), as
    merge leaves it; ``draft``: a translator's text in the new entry's suggestion."""
    changed = tuple(
        replace(m, msgid="Machine-translated text.", previous_msgid=m.msgid, flags=("fuzzy",),
                msgstr=m.msgstr if draft is None else draft)
        if m.msgid == "Machine translated." else
        replace(m, msgid="Now untranslated English.") if m.msgid == "Untranslated." else m
        for m in cat.messages)
    gone = [replace(m, obsolete=True, flags=(), extracted_comments=(), references=())
            for m in cat.messages if m.msgid == "Machine translated."]
    return replace(cat, messages=(*changed, *gone))


def test_a_vendor_translation_of_changed_english_never_takes_a_translators_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the export the English changed and a translator drafted the new entry's
    suggestion in the catalog: the vendor's text of the old English does not replace the
    draft; it is kept in a comment of the old English's obsolete entry, which keeps its own."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Machine translated.", "Traduit par un humain.", approved="yes")
    po = locales / "fr-FR/a.po"
    po.write_text(format_po(_english_changed(parse_po(po.read_text(encoding="utf-8"), str(po)),
                                             draft="Brouillon de Marie")), encoding="utf-8")
    def obsolete() -> Message:
        cat = parse_po(po.read_text(encoding="utf-8"), str(po))
        return next(m for m in cat.messages if m.obsolete and m.msgid == "Machine translated.")

    before = obsolete().msgstr
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    assert "in a # comment of the obsolete (#~) entry" in capsys.readouterr().err
    assert messages(po)[(None, "Machine-translated text.")].msgstr == "Brouillon de Marie"
    old = obsolete()
    assert (old.obsolete, old.msgstr) == (True, before)
    assert old.translator_comments[-2:] == (
        "returned for this English after it changed:", "> Traduit par un humain.")


def _renumber(xlf: Path) -> None:
    """What a CAT tool that numbers units its own way sends back."""
    doc = etree.parse(str(xlf))
    for n, element in enumerate(doc.iterfind(".//x:trans-unit", NS), 1):
        element.set("id", str(n))
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def test_units_renumbered_by_the_cat_tool_find_their_entries_by_their_english(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes")
    edit(xlf, "Same English", "Même anglais, relu", approved="yes")  # the first: context ""
    _renumber(xlf)
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    assert capsys.readouterr().err == ""
    got = messages(locales / "fr-FR/a.po")
    assert got[(None, "Untranslated.")].msgstr == "Non traduit."
    assert got[("", "Same English")].msgstr == "Même anglais, relu"
    assert got[(None, "Same English")].msgstr == "Le même anglais"  # its twin without context


def test_a_file_of_which_no_unit_fits_the_catalog_is_an_error_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes")
    other = Catalog(header=EDGE.header, messages=(Message("Another article."),))
    (locales / "fr-FR/a.po").write_text(format_po(other), encoding="utf-8")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 1
    err = capsys.readouterr().err
    assert "a.xlf:" in err and "error[xliff]: no unit of the file has its English in the " \
        "catalog" in err and "nothing applied" in err
    assert snapshot(locales) == before


def test_an_xliff_2_file_is_refused_at_its_root_line_with_what_to_do() -> None:
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:'
            b'document:2.0" version="2.0" srcLang="en-US" trgLang="fr-FR">\n<file id="f1">'
            b'<unit id="u1"><segment><source>Untranslated.</source><target>Non traduit.'
            b'</target></segment></unit></file></xliff>\n')
    with pytest.raises(InputError) as info:
        import_catalog(EDGE, data, "fr-FR/a.xlf")
    found = info.value.finding
    assert (found.file, found.line, found.check) == ("fr-FR/a.xlf", 2, "xliff")
    assert found.message.startswith("XLIFF 2.0 is not read")
    assert "as XLIFF 1.2" in found.hint and "xliff2" not in found.message


def test_an_xliff_1_2_file_with_an_its_version_attribute_is_read() -> None:
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    data = data.replace(b'version="1.2"', b'version="1.2" xmlns:its="http://www.w3.org/2005/'
                        b'11/its" its:version="2.0"', 1)  # ITS 2.0 metadata, as Okapi writes
    assert b'its:version="2.0"' in data
    assert import_catalog(EDGE, data, "fr-FR/a.xlf").catalog == EDGE


def test_a_comment_the_translator_wrote_in_the_cat_tool_reaches_the_catalog(
        tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    store = xlifffile.parsefile(str(xlf))
    for unit in store.units:
        if unit.source in ("Untranslated.", "Changed English."):  # one with notes, one without
            unit.addnote("Client term: keep 'Paramètres'.", origin="translator")
    xlf.write_bytes(bytes(store))
    assert import_(locales, tmp_path / "xlf") == 0
    got = messages(locales / "fr-FR/a.po")
    assert got[(None, "Untranslated.")].translator_comments == ("Client term: keep 'Paramètres'.",)
    assert got[(None, "Untranslated.")].msgstr == ""  # no target: nothing else changed
    assert got[(None, "Changed English.")].translator_comments == (
        "checked with the glossary", "Client term: keep 'Paramètres'.")  # added, none lost
    assert import_(locales, tmp_path / "xlf") == 0  # the same file again adds nothing
    assert messages(locales / "fr-FR/a.po") == got


@pytest.mark.parametrize("mtype", [b"x-sdl-deleted", b"x-sdl-added", b"x-tool-draft"])
def test_a_tools_own_mark_over_text_is_named_never_read_into_the_translation(
        mtype: bytes) -> None:
    """Trados keeps tracked changes as marks of its own in the target (``x-sdl-added``,
    ``x-sdl-deleted`` over the text a reviewer may yet keep or take back): read through as
    markers are, the deleted words would be published. A mark of a tool's own is named, the
    file refused as for inline markup, with what to do."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises", b'>Relu <mrk mtype="' + mtype + b'">vieilles</mrk> '
        b"&lt;b&gt;balises", 1)
    with pytest.raises(InputError) as refused:
        import_catalog(EDGE, data, "a.xlf")
    finding = refused.value.finding
    assert finding.line > 0 and f"its <target> holds <mrk mtype='{mtype.decode()}'>, a mark " \
        "of the CAT tool's own (tracked changes?)" in finding.message
    assert finding.hint is not None and "accept or reject the tracked changes" in finding.hint


@pytest.mark.parametrize("mark", [
    b'<mrk mtype="x-sdl-location" mid="4b649a57"/>', b'<mrk mtype="x-sdl-deleted"></mrk>'])
def test_an_empty_mark_of_a_tools_own_is_read_through_not_refusing_the_file(
        mark: bytes) -> None:
    """Trados writes empty ``<mrk mtype="x-sdl-location">`` bookmarks into target segments
    (and may leave an emptied tracked change): the rule for a tool's own marks refused the
    whole file of good work as 'tracked changes?', though an empty mark holds no text to
    publish or to lose. It is read through; one over text is still refused."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises", b">Relu " + mark + b"neuves &lt;b&gt;balises", 1)
    new, changed, found = import_catalog(EDGE, data, "a.xlf")
    got = {m.msgid: m for m in new.messages}["Reviewed <b>markup</b> & `code`"]
    assert (got.msgstr, got.fuzzy, changed, found) == (
        "Relu neuves <b>balises</b> & `code`", False, 1, ())


def test_units_a_tool_wrote_without_an_id_find_their_entries_by_their_english() -> None:
    """A tool that rebuilds the file without the units' ids (XLIFF 1.2 asks for one) sent
    the second such unit to 'unit '': a second unit with this id (hint: keep one of the two)',
    the file refused with a hint nobody could follow; each finds its entry as a renumbered
    unit does, and two for one entry are still refused."""
    data = re.sub(rb' id="m[0-9a-f]+"', b"", export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    new, changed, found = import_catalog(EDGE, data.replace(
        b">Relu &lt;b&gt;balises", b">Revu &lt;b&gt;balises", 1), "a.xlf")
    assert (new.messages[0].msgstr, changed, found) == ("Revu <b>balises</b> & `code`", 1, ())


def test_the_exports_own_notes_back_without_their_from_add_no_comment() -> None:
    """A tool or clean-up script that drops the notes' ``from`` attribute (Pootle's users
    strip ``from="developer"``) sends the export's own note of the entry's ``#.`` lines back
    as any other note: each became a translator's ``#`` comment of its entry (``# b5df6-101``,
    ``# machine translation: not yet reviewed``), rewriting every catalog. They are the
    entry's own; a translator's note is still added."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    assert b'from="developer"' in data
    assert import_catalog(EDGE, re.sub(rb' from="[a-z]+"', b"", data), "a.xlf") == (EDGE, 0, ())
    noted = re.sub(rb' from="[a-z]+"', b"", data).replace(
        b"<note>b5df6-101</note>", b"<note>b5df6-101</note><note>Vu avec le client.</note>")
    got = import_catalog(EDGE, noted, "a.xlf")[0].messages[0]
    assert got.translator_comments == ("Vu avec le client.",)


def test_two_returned_files_for_one_catalog_import_one_and_name_the_other(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    second = xlf.with_name("a.xliff")
    second.write_bytes(xlf.read_bytes())
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes")
    edit(second, "Machine translated.", "Traduit et relu.", approved="yes")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 1  # whatever the jobs, never half of both
    assert "fr-FR/a.xliff: error[xliff]: a second file for the catalog fr-FR/a.po, beside " \
        "fr-FR/a.xlf: not imported" in capsys.readouterr().err
    got = messages(locales / "fr-FR/a.po")
    assert got[(None, "Untranslated.")].msgstr == "Non traduit."
    assert got[(None, "Machine translated.")].msgstr != "Traduit et relu."


def test_a_folder_with_no_returned_file_is_said_even_under_quiet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """h187: 'xliff-import' of the wrong folder (the files not unpacked yet, a typo one level
    off) said only '0 XLIFF files read' in its summary, which -q hides: exit 0, nothing said.
    A warning names the folder; an import with nothing to take stays exit 0 (a scheduled
    import of whatever came back finds nothing on most days)."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    before = snapshot(locales)
    empty = tmp_path / "returned"
    (empty / "fr-FR").mkdir(parents=True)
    capsys.readouterr()
    assert import_(locales, empty) == 0
    err = capsys.readouterr().err
    assert "returned: warning[xliff]: no .xlf or .xliff file in this folder: nothing was " \
        "imported" in err
    assert snapshot(locales) == before


def test_a_returned_note_never_silences_a_check(tmp_path: Path) -> None:
    """An ignore-<check> mark is a reviewer's, set in the catalog: a vendor's note that reads
    like one, or the catalog's own mark coming back after the reviewer removed it, is left
    out."""
    from translate.storage.xliff import xlifffile

    catalog = replace(EDGE, messages=tuple(
        replace(m, translator_comments=("ignore-number-changed",))
        if m.msgid == "Untranslated." else m for m in EDGE.messages))
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(catalog)})
    assert export(locales, tmp_path / "xlf") == 0
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace("# ignore-number-changed\n", ""),
                  encoding="utf-8")  # the reviewer takes the mark away
    before = po.read_bytes()
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    store = xlifffile.parsefile(str(xlf))
    next(u for u in store.units if u.source == "Machine translated.").addnote(
        "ignore-code-changed", origin="translator")
    # one line to gettext, two to a reader that splits at U+2028 or NEL (polib)
    next(u for u in store.units if u.source == "Untranslated.").addnote(
        "Vu.\u2028ignore-number-changed", origin="translator")
    xlf.write_bytes(bytes(store))
    assert import_(locales, tmp_path / "xlf") == 0
    assert po.read_bytes() == before


@pytest.mark.parametrize("order", [1, -1])
def test_a_vendors_edit_finds_its_entry_after_a_new_handoff_renumbered_the_contexts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], order: int) -> None:
    """Twin entries of one English are told apart by their segment ids; the next handoff
    gives them new ids (and the catalog may list them in another order): the vendor's edit
    goes to the twin whose text is still the one exported, not to the stale pile."""
    twins = [Message("Same", "Même", "9c85a-107"), Message("Same", "Pareil", "9c85a-108")]
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(Catalog(EDGE.header, messages=tuple(twins)))})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    doc = etree.parse(str(xlf))
    for target in doc.iterfind(".//x:target", NS):
        if target.text == "Pareil":
            target.text = "Identique"
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    po = locales / "fr-FR/a.po"
    renumbered = [replace(m, msgctxt=m.msgctxt.replace("9c85a", "1ab2c")) for m in twins]
    po.write_text(format_po(Catalog(EDGE.header, messages=tuple(renumbered[::order]))),
                  encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    assert "xliff-stale" not in capsys.readouterr().err
    got = messages(po)
    assert (got[("1ab2c-107", "Same")].msgstr, got[("1ab2c-108", "Same")].msgstr) == (
        "Même", "Identique")


def test_a_unit_that_lost_its_export_record_is_never_guessed_onto_a_renumbered_twin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CAT tool dropped the pipeline's private base attribute, and a new handoff renumbered
    the twins: nothing tells which twin a unit was, so it is kept as stale, never applied to
    whichever twin has its old number."""
    twins = [Message("Next", t, f"9c85a-{n}") for n, t in ((107, "Un"), (108, "Deux"),
                                                              (109, "Trois"))]
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(Catalog(EDGE.header, messages=tuple(
        twins)))})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    doc = etree.parse(str(xlf))
    for element in doc.iterfind(".//x:trans-unit", NS):
        for name in [a for a in element.attrib if a == BASE]:
            del element.attrib[name]
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    po = locales / "fr-FR/a.po"
    shifted = [Message("Intro.", "Intro.")] + [
        replace(m, msgctxt=f"1ab2c-{int((m.msgctxt or '')[-3:]) + 1}") for m in twins]
    po.write_text(format_po(Catalog(EDGE.header, messages=tuple(shifted))), encoding="utf-8")
    capsys.readouterr()
    import_(locales, tmp_path / "xlf")
    got = messages(po)
    assert [got[(f"1ab2c-{n}", "Next")].msgstr for n in (108, 109, 110)] == [
        "Un", "Deux", "Trois"]


def test_a_returned_text_kept_in_a_comment_is_said_once_however_often_it_comes_back(
        tmp_path: Path) -> None:
    from pipeline.xliff import keep_stale

    messages_ = [Message("Old.", "Ancien.", obsolete=True)]
    for _ in range(3):
        keep_stale(messages_, None, "Old.", "Ligne un\nLigne deux")
        cat = parse_po(format_po(Catalog(EDGE.header, messages=tuple(messages_))), "a.po")
        messages_ = list(cat.messages)
    assert messages_[0].translator_comments == (
        "returned for this English after it changed:", "> Ligne un", "> Ligne deux")


def test_twins_exported_with_the_same_text_are_kept_as_stale_and_said_to_be_twins(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Twins that read the same when exported, translated apart by the vendor, after a
    handoff renumbered them: nothing tells which is which (numbers shift when a handoff adds
    a sentence), so both are kept as stale, said to be twins, and the file is not refused."""
    twins = [Message("Next", "Suivant", f"9c85a-{n}") for n in (107, 108)]
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(Catalog(EDGE.header, messages=tuple(
        twins)))})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    doc = etree.parse(str(xlf))
    for element, text in zip(doc.iterfind(".//x:trans-unit", NS),
                             ("Étape suivante", "Page suivante"), strict=True):
        element.find("x:target", NS).text = text
    doc.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    po = locales / "fr-FR/a.po"
    po.write_text(format_po(Catalog(EDGE.header, messages=tuple(
        replace(m, msgctxt=(m.msgctxt or "").replace("9c85a", "1ab2c")) for m in twins))),
        encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    err = capsys.readouterr().err
    assert err.count("cannot be told from its twins of the same English") == 2
    got = messages(po)
    assert (got[("1ab2c-107", "Next")].msgstr, got[("1ab2c-108", "Next")].msgstr) == (
        "Suivant", "Suivant")
    kept = parse_po(po.read_text(encoding="utf-8"), str(po))
    assert {m.msgstr for m in kept.messages if m.obsolete} == {"Étape suivante", "Page suivante"}


def test_a_unit_without_its_export_record_never_undoes_a_catalog_edit_made_since() -> None:
    """A CAT tool dropped the pipeline's base attribute (tools that rewrite units drop
    attributes of namespaces they do not know). An entry still as its handoff delivered it
    takes the vendor's edit; one a translator edited or reviewed in the catalog since the
    export keeps its text and review, the vendor's unit (here untouched) kept beside it."""
    from pipeline.provenance import note

    as_sent = (Message("One.", "Un.", extracted_comments=(note("Un.", False),)),
               Message("Two.", "Deux.", extracted_comments=(note("Deux.", False),)),
               Message("Three.", "Trois.", flags=(FUZZY,),
                       extracted_comments=(MT_NOTE, note("Trois.", True))))
    data = export_catalog(Catalog(EDGE.header, messages=as_sent), "fr-FR/a.po", "fr-FR")
    doc = etree.fromstring(data)
    for element in doc.iterfind(".//x:trans-unit", NS):
        del element.attrib[BASE]
    unit_one = next(e for e in doc.iterfind(".//x:trans-unit", NS)
                    if e.findtext("x:source", namespaces=NS) == "One.")
    unit_one.find("x:target", NS).text = "Un, du vendeur."
    returned = etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
    later = Catalog(EDGE.header, messages=(
        as_sent[0], replace(as_sent[1], msgstr="Deux, dans Poedit."),
        replace(as_sent[2], flags=())))  # reviewed in Poedit since the export
    new, _, found = import_catalog(later, returned, "a.xlf")
    got = {m.msgid: m for m in new.messages}
    assert got["One."].msgstr == "Un, du vendeur."
    assert got["Two."].msgstr == "Deux, dans Poedit." and not got["Two."].fuzzy
    assert "> Deux." in got["Two."].translator_comments
    assert got["Three."].msgstr == "Trois." and not got["Three."].fuzzy
    assert [f.check for f in found] == ["xliff-conflict", "xliff-conflict"]
    assert "without the export's record" in found[0].message


@pytest.mark.parametrize("attributes", [{"state": "needs-translation"}, {"state": "new"}, {},
                                        {"approved": "no", "state": "translated"}])
def test_a_copy_of_the_english_a_tool_put_in_an_untranslated_unit_is_no_translation(
        attributes: dict[str, str]) -> None:
    """memoQ, Trados and Okapi fill the units left untranslated with a copy of the source
    on export: unconfirmed, that is nobody's translation, and the entry stays untranslated
    (for the memory to fill, and counted as such); the same copy confirmed is taken, but
    not while its state still says work remains (``new``: ``approved`` alone is no review)."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    doc = etree.fromstring(data)
    for element in doc.iterfind(".//x:trans-unit", NS):
        if element.find("x:target", NS) is None:
            target = etree.SubElement(element, f"{{{NAMESPACE}}}target", attributes)
            target.text = element.findtext("x:source", namespaces=NS)
            element.find("x:source", NS).addnext(target)
            if "approved" in attributes:
                element.set("approved", attributes["approved"])
    copied = etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
    assert import_catalog(EDGE, copied, "a.xlf") == (EDGE, 0, ())
    for element in doc.iterfind(".//x:trans-unit", NS):
        if element.findtext("x:source", namespaces=NS) == "Untranslated.":
            element.set("approved", "yes")
    confirmed = etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
    got = {m.msgid: m for m in import_catalog(EDGE, confirmed, "a.xlf")[0].messages}
    remains = attributes.get("state") in ("new", "needs-translation")
    assert (got["Untranslated."].msgstr, got["Untranslated."].fuzzy) == (
        ("", False) if remains else ("Untranslated.", False))


def test_a_target_a_cat_tool_segmented_is_read_whole() -> None:
    """Okapi, Trados and memoQ split a unit into sentences: each target sentence in an
    ``<mrk mtype="seg">``, the space between them outside. The translation is their text;
    any other inline element still refuses the file."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Traduit par machine.<", b'><mrk mtype="seg" mid="1">Traduit.</mrk> '
        b'<mrk mtype="seg" mid="2">Par le vendeur.</mrk><', 1).replace(
        b'approved="no"', b'approved="yes"', 1)
    new = import_catalog(EDGE, data, "a.xlf")[0]
    got = {m.msgid: m for m in new.messages}
    assert got["Machine translated."].msgstr == "Traduit. Par le vendeur."
    with pytest.raises(InputError, match="inline XLIFF markup"):
        import_catalog(EDGE, data.replace(b'<mrk mtype="seg" mid="2">Par le vendeur.</mrk>',
                                          b'<g id="1">Par le vendeur.</g>'), "a.xlf")


@pytest.mark.parametrize(("code", "name"), [
    (b'<g id="1">neuves</g>', "g"), (b'<x id="1"/>', "x"), (b'<bx id="1"/>', "bx"),
    (b'<ph id="1">&lt;b&gt;</ph>', "ph"), (b'<bpt id="1">&lt;i&gt;</bpt>', "bpt"),
    (b'<mrk mtype="seg" mid="1"><it id="1" pos="open">&lt;i&gt;</it></mrk>', "it")])
def test_an_inline_code_a_tool_put_in_a_target_is_refused_naming_the_code(
        code: bytes, name: str) -> None:
    """``xliff-export`` sends no inline codes, so a code in a target is a tool's, which the
    file cannot carry back as text: refused, as before, and now named (the vendor was told
    of 'inline XLIFF markup' in a unit of dozens of words, not which)."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises", b">Relu " + code + b" &lt;b&gt;balises", 1)
    with pytest.raises(InputError, match=f"its <target> holds inline XLIFF markup \\(<{name}>\\)"):
        import_catalog(EDGE, data, "a.xlf")


@pytest.mark.parametrize("target", [
    b"  ", b"\n        ", b"<![CDATA[ ]]>",
    b'<mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2"/>'])
def test_a_target_of_white_space_alone_is_no_translation_and_the_catalogs_text_stays(
        target: bytes) -> None:
    """A tool that pretty-prints its XML, or a space typed into an empty segment, sends a
    ``<target>`` of white space: it replaced the reviewed translation, reviewed, and the next
    run held the entry back (``translation-blank``), the page in English. It is no
    translation: the catalog's text stays, and the import says so; an empty ``<target/>`` is
    still the way to clear one."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`<", b">" + target + b"<", 1)
    new, changed, found = import_catalog(EDGE, data, "xlf/fr-FR/a.xlf")
    assert (new, changed) == (EDGE, 0)
    [said] = found
    assert said.check == "xliff-incomplete" and said.line > 0
    assert "its <target> shows nothing '" in said.message
    assert "', no translation: the catalog's 'Relu" in said.message
    untranslated = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Untranslated.</source>", b"<source>Untranslated.</source><target> </target>")
    assert import_catalog(EDGE, untranslated, "a.xlf") == (EDGE, 0, ())
    blank = replace(EDGE, messages=(Message("Blank.", "  ", extracted_comments=("x-101",)),))
    untouched = export_catalog(blank, "fr-FR/a.po", "fr-FR")  # a blank the checks hold back
    assert import_catalog(blank, untouched, "a.xlf") == (blank, 0, ())


_SEG_SOURCE = (b'<source>Machine translated.</source><seg-source><mrk mtype="seg" mid="1">'
               b'Machine</mrk> <mrk mtype="seg" mid="2">translated.</mrk></seg-source>')


@pytest.mark.parametrize("target", [
    "\u200b".encode(), b"&#8203;", b"&amp;#8203;", b"&lt;!-- vide --&gt;", "\u3164".encode(),
    '<mrk mtype="seg" mid="1">\u200b</mrk>'.encode(), b"&lt;b&gt;&lt;/b&gt;"])
def test_a_target_that_shows_nothing_is_no_translation_as_the_checks_read_it(
        target: bytes) -> None:
    """A zero-width space (typed into a segment to leave it empty, where a tool refuses an
    empty target), a reference to one, an HTML comment, a Hangul filler: the import took
    them as the vendor's reviewed translation over the catalog's, and the next run held the
    entry back (``translation-blank``): the page in English, the reviewed text gone from the
    catalog. The import reads "blank" as that check does: no translation, the catalog's text
    stays, said."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`<", b">" + target + b"<", 1)
    new, changed, found = import_catalog(EDGE, data, "xlf/fr-FR/a.xlf")
    assert (new, changed, [f.check for f in found]) == (EDGE, 0, ["xliff-incomplete"])


@pytest.mark.parametrize("target", [
    b'<mrk mtype="seg" mid="1"/>', b'<mrk mtype="seg" mid="1"><mrk mtype="x-sdl-location" '
    b'mid="l1"/></mrk>', b"<!-- memoQ -->"])
def test_a_target_of_empty_segments_is_no_translation_not_a_clearing(target: bytes) -> None:
    """Trados writes a segment nobody translated as an empty ``<mrk mtype="seg"/>``: a
    target of such segments alone (or of a comment) read as the empty text, the explicit
    clearing, and the reviewed translation was deleted from the catalog, the warning saying
    it was kept fuzzy. Only ``<target/>`` clears; this is no translation, and said."""
    src = b"<source>Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; `code`</source>"
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(src, src + (
        b'<seg-source><mrk mtype="seg" mid="1">Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; '
        b"`code`</mrk></seg-source>")).replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`<", b">" + target + b"<", 1)
    new, changed, found = import_catalog(EDGE, data, "a.xlf")
    assert (new, changed, [f.check for f in found]) == (EDGE, 0, ["xliff-incomplete"])


@pytest.mark.parametrize("text", ["\ue713", "\U0001fae8", "\U00031350"])
def test_a_target_of_a_character_pythons_unicode_calls_unprintable_is_a_translation(
        text: str) -> None:
    """A private-use character (an icon font's glyph, as Microsoft's docs write Segoe's
    icons) or one Unicode assigned after Python's tables (a newer emoji, a CJK extension's
    ideograph) shows on the page: str.isprintable() says no only for repr's sake. The
    import dropped the vendor's text as blank, and translation-blank held it back."""
    untranslated = Catalog(header=EDGE.header, messages=(
        Message("Untranslated.", extracted_comments=("b5df6-101",)),))
    data = export_catalog(untranslated, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Untranslated.</source>",
        b"<source>Untranslated.</source><target>" + text.encode() + b"</target>", 1)
    new, changed, found = import_catalog(untranslated, data, "a.xlf")
    assert ([m.msgstr for m in new.messages], changed, found) == ([text], 1, ())


def test_for_english_that_shows_nothing_only_white_space_is_no_translation() -> None:
    """English of an HTML comment alone shows nothing either: the comment back is its
    translation, white space still none."""
    from pipeline.xliff.segments import blank

    assert blank("  ", "<!-- note -->") and not blank("<!-- note -->", "<!-- note -->")
    assert not blank(" ", " ") and blank("\u200b", "Hello.") and not blank("Salut.", "Hello.")


def test_a_segment_that_shows_nothing_is_left_untranslated() -> None:
    """A segment holding a zero-width space alone was taken as translated: the first
    sentence of a unit was published as the whole."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Machine translated.</source>", _SEG_SOURCE).replace(
        b">Traduit par machine.<", '><mrk mtype="seg" mid="1">Traduit</mrk> <mrk mtype="seg" '
        'mid="2">\u200b</mrk><'.encode(), 1).replace(b'approved="no"', b'approved="yes"', 1)
    new, _, found = import_catalog(EDGE, data, "xlf/fr-FR/a.xlf")
    got = {m.msgid: m for m in new.messages}["Machine translated."]
    assert got.fuzzy and [f.check for f in found] == ["xliff-incomplete"]


@pytest.mark.parametrize("target", [
    b'<mrk mtype="seg" mid="1">Traduit</mrk> <mrk mtype="seg" mid="2"></mrk>',
    b'<mrk mtype="seg" mid="1">Traduit</mrk> <mrk mtype="seg" mid="2"/>',
    b'<mrk mtype="seg" mid="1">Traduit</mrk> <mrk mtype="seg" mid="2"> </mrk>',
    b'<mrk mtype="seg" mid="1">Traduit</mrk>',
    b'<mrk mtype="seg">Traduit</mrk> <mrk mtype="seg"/>',  # no mid: known by its place
])
def test_a_segmented_target_that_leaves_a_segment_untranslated_is_not_taken_as_reviewed(
        target: bytes) -> None:
    """A tool that splits a unit into sentences (Trados, memoQ, Okapi: a ``<seg-source>``,
    the target's sentences in ``<mrk>``s of the same ``mid``) writes a sentence nobody
    translated as an empty segment, or leaves it out. The target is then part of the
    translation: it was taken whole, reviewed, and published with a sentence missing. It is
    kept as the vendor's text, fuzzy (never published), and said; a target joined again or
    whose every segment is there is read as before."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Machine translated.</source>", _SEG_SOURCE).replace(
        b">Traduit par machine.<", b">" + target + b"<", 1).replace(
        b'approved="no"', b'approved="yes"', 1).replace(
        b'state="needs-review-translation"', b'state="final"', 1)
    new, changed, found = import_catalog(EDGE, data, "xlf/fr-FR/a.xlf")
    got = {m.msgid: m for m in new.messages}["Machine translated."]
    assert got.msgstr.rstrip() == "Traduit" and got.fuzzy and changed == 1
    [said] = found
    assert said.check == "xliff-incomplete" and said.line > 0 and said.message.endswith(
        "its <target> leaves segment '2' of its <seg-source> untranslated: taken as "
        "unreviewed (fuzzy), not published")
    for whole in (b'<mrk mtype="seg" mid="1">Traduit</mrk> <mrk mtype="seg" mid="2">par '
                  b'machine.</mrk>', b'<mrk mtype="seg">Traduit</mrk> <mrk mtype="seg">par '
                  b'machine.</mrk>'):
        new, _, found = import_catalog(EDGE, data.replace(target, whole), "a.xlf")
        got = {m.msgid: m for m in new.messages}["Machine translated."]
        assert (got.msgstr, got.fuzzy, found) == ("Traduit par machine.", False, ())
    # a tool that could not split a translation it was sent puts it whole into the first
    # segment: the catalog's own text, back as it left, is no incomplete translation
    untouched = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; `code`</source>",
        b"<source>Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; `code`</source><seg-source><mrk "
        b'mtype="seg" mid="1">Reviewed &lt;b&gt;markup&lt;/b&gt;</mrk> <mrk mtype="seg" mid="2">'
        b"&amp; `code`</mrk></seg-source>").replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`<", b'><mrk mtype="seg" mid="1">Relu '
        b'&lt;b&gt;balises&lt;/b&gt; &amp; `code`</mrk><mrk mtype="seg" mid="2"/><')
    assert import_catalog(EDGE, untouched, "a.xlf") == (EDGE, 0, ())


def test_a_segmented_target_leaving_a_sentence_out_never_replaces_a_reviewed_translation(
) -> None:
    """A vendor sent a reviewed entry back with one of its two sentences translated, the other
    left empty (Trados's untranslated segment): the part replaced the whole reviewed text,
    fuzzy, and the page fell back to English with the reviewed text in git alone. The
    reviewed text stays; the vendor's part is kept in a # comment of the entry, and said."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b"<source>Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; `code`</source>",
        b"<source>Reviewed &lt;b&gt;markup&lt;/b&gt; &amp; `code`</source><seg-source><mrk "
        b'mtype="seg" mid="1">Reviewed &lt;b&gt;markup&lt;/b&gt;</mrk> <mrk mtype="seg" mid="2">'
        b"&amp; `code`</mrk></seg-source>").replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt; &amp; `code`<", b'><mrk mtype="seg" mid="1">Revu '
        b'&lt;b&gt;balises&lt;/b&gt;</mrk> <mrk mtype="seg" mid="2"/><')
    new, changed, found = import_catalog(EDGE, data, "xlf/fr-FR/a.xlf")
    got = {m.msgid: m for m in new.messages}["Reviewed <b>markup</b> & `code`"]
    assert (got.msgstr, got.fuzzy, changed) == ("Relu <b>balises</b> & `code`", False, 1)
    assert "> Revu <b>balises</b> " in got.translator_comments
    [said] = found
    assert said.check == "xliff-incomplete" and said.message.endswith(
        "untranslated: the catalog's reviewed translation stays, the vendor's in a # comment "
        "of the entry")
    again, changed_again, _ = import_catalog(new, data, "xlf/fr-FR/a.xlf")
    assert (again, changed_again) == (new, 0)  # kept once, however often it comes back


@pytest.mark.parametrize("marked", [
    b'<mrk mtype="protected" mid="p1">balises</mrk>', b'<mrk mtype="term">balises</mrk>',
    b'<mrk xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" mtype="x-sdl-comment" '
    b'sdl:cid="c1">balises</mrk>', b"bali<!-- memoQ -->ses", b"bali<?tool x?>ses"])
def test_a_marker_or_comment_a_tool_puts_in_a_target_is_read_through_to_its_text(
        marked: bytes) -> None:
    """``<mrk>`` marks text without being any: a protected span (Okapi, memoQ), a term a
    tool recognized, a reviewer's comment on a word (Trados's ``x-sdl-comment``); an XML
    comment or processing instruction is no text either. Each refused the whole file as
    'inline XLIFF markup', a hint the vendor could not act on; the translation is their
    text, the markers left out, as ``handoff-import`` already read comments."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises&lt;/b&gt;", b">Relu &lt;b&gt;" + marked + b"&lt;/b&gt; neuves", 1)
    new, changed, found = import_catalog(EDGE, data, "a.xlf")
    got = {m.msgid: m for m in new.messages}["Reviewed <b>markup</b> & `code`"]
    assert (got.msgstr, got.fuzzy, changed, found) == (
        "Relu <b>balises</b> neuves & `code`", False, 1, ())


@pytest.mark.parametrize("mtype", [
    b"x-its", b"x-its-translate-no", b"x-its-translate-yes", b"x-its-term-no"])
def test_an_its_annotation_over_words_is_read_through_to_its_text(mtype: bytes) -> None:
    """The W3C ITS 2.0 mapping to XLIFF 1.2 (Okapi) marks words with a note, a quality
    issue, a term or "do not translate" as ``<mrk mtype="x-its…">``: annotations over text
    of the translation, as ``x-sdl-comment`` is. The rule for a tool's own marks refused the
    whole file of good work as tracked changes."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
        b">Relu &lt;b&gt;balises", b'>Relu <mrk mtype="' + mtype + b'">neuves</mrk> '
        b"&lt;b&gt;balises", 1)
    new, changed, found = import_catalog(EDGE, data, "a.xlf")
    got = {m.msgid: m for m in new.messages}["Reviewed <b>markup</b> & `code`"]
    assert (got.msgstr, got.fuzzy, changed, found) == (
        "Relu neuves <b>balises</b> & `code`", False, 1, ())


def test_a_unit_whose_context_group_a_tool_dropped_is_found_by_its_id() -> None:
    """Tools that rebuild the file from their own model (Crowdin, Smartcat) drop the
    ``<context-group>``s. The unit's id is made from msgctxt and msgid, so it still names
    its entry: the vendor's work is applied, not the whole file refused. A context that
    came back changed still is."""
    data = re.sub(rb'<context-group name="po-entry".*?</context-group>', b"",
                  export_catalog(EDGE, "fr-FR/a.po", "fr-FR"), flags=re.S)
    assert b"x-po-msgctxt" not in data
    data = data.replace(b">Vide traduit<", b">Vide traduit par le vendeur<", 1)
    new, changed, found = import_catalog(EDGE, data, "a.xlf")
    assert (changed, found) == (1, ())
    got = {m.key: m for m in new.messages}
    assert got[("b5df6-111", "")].msgstr == "Vide traduit par le vendeur"
    assert got[("", "Same English")].msgstr == "Même anglais"
    with pytest.raises(InputError, match="its context 'b5df6-999'"):
        import_catalog(EDGE, export_catalog(EDGE, "fr-FR/a.po", "fr-FR").replace(
            b">b5df6-111<", b">b5df6-999<", 1), "a.xlf")


@pytest.mark.parametrize(("attributes", "reviewed"), [
    ('state="translated" state-qualifier="leveraged-mt"', False),
    ('state="translated" state-qualifier="rejected-grammar"', False),
    ('state="translated" state-qualifier="leveraged-tm"', False),  # a memory's fill
    ('state="translated" state-qualifier="leveraged-glossary"', False),
    ('state="translated" state-qualifier="leveraged-repository"', False),
    ('state="signed-off" state-qualifier="mt-suggestion"', True),
    ('state="translated" state-qualifier="exact-match"', True),
])
def test_a_target_qualified_as_a_suggestion_or_rejected_is_not_reviewed(
        attributes: str, reviewed: bool) -> None:
    """Without ``approved``, a target's state is read with its qualifier: a machine's or
    memory's suggestion a tool inserted, or a target a reviewer rejected, stays fuzzy."""
    data = export_catalog(EDGE, "fr-FR/a.po", "fr-FR")
    doc = etree.fromstring(data)
    element = next(e for e in doc.iterfind(".//x:trans-unit", NS)
                   if e.findtext("x:source", namespaces=NS) == "Untranslated.")
    target = etree.fromstring(f'<target xmlns="{NAMESPACE}" {attributes}>Non traduit.</target>')
    element.find("x:source", NS).addnext(target)
    new = import_catalog(EDGE, etree.tostring(doc), "a.xlf")[0]
    got = {m.msgid: m for m in new.messages}["Untranslated."]
    assert got.msgstr == "Non traduit." and got.reviewed is reviewed


@pytest.mark.parametrize(("source", "state", "reviewed"), [
    ("Untranslated.", "new", False),  # Weblate's, the Multilingual App Toolkit's "to do"
    ("Untranslated.", "needs-translation", False),
    ("Untranslated.", "needs-l10n", False),
    ("Untranslated.", "x-sdl-Draft", False),  # a tool's own draft
    ("Machine translated.", "new", False),
    ("Machine translated.", "needs-adaptation", False),
    ("Machine translated.", "needs-review-translation", True),  # the export's: approved says
    ("Machine translated.", "translated", True),
])
def test_approved_yes_over_a_state_that_says_work_remains_is_not_reviewed(
        source: str, state: str, reviewed: bool) -> None:
    """``approved="yes"`` with a state the export never wrote that says work remains
    (``new``, ``needs-l10n``…) was published as reviewed: ``handoff-import`` kept the same
    unit fuzzy. The tool's "to do" holds it back whatever ``approved`` says; the export's
    own ``needs-review-translation``, which a tool that confirms by ``approved`` alone
    leaves, does not."""
    doc = etree.fromstring(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    element = unit(doc.getroottree(), source)
    target = element.find("x:target", NS)
    if target is None:
        target = etree.SubElement(element, f"{{{NAMESPACE}}}target")
        element.find("x:source", NS).addnext(target)
    target.text, target.attrib["state"] = "Traduit et relu.", state
    element.set("approved", "yes")
    new = import_catalog(EDGE, etree.tostring(doc), "a.xlf")[0]
    got = {m.msgid: m for m in new.messages}[source]
    assert (got.msgstr, got.reviewed) == ("Traduit et relu.", reviewed)


@pytest.mark.parametrize("record", [True, False])
def test_english_a_vendor_puts_over_a_translation_is_their_change_not_a_tools_copy(
        record: bool) -> None:
    """Only a unit exported untranslated gets a tool's copy of the English: a vendor who
    replaces a translation with the English (a product name kept English) and leaves it for
    review changed it, and the change was dropped without a word."""
    catalog = replace(EDGE, messages=(
        Message("Contoso Cloud", "Nuage Contoso", None, (), (), ("aaaaa-101",)),))
    doc = etree.fromstring(export_catalog(catalog, "fr-FR/a.po", "fr-FR"))
    unit = doc.find(".//x:trans-unit", NS)
    if not record:  # a tool that drops the attributes it does not know
        del unit.attrib[BASE]
    unit.set("approved", "no")
    target = unit.find("x:target", NS)
    target.text, target.attrib["state"] = "Contoso Cloud", "needs-review-translation"
    got, changed, found = import_catalog(
        catalog, etree.tostring(doc, xml_declaration=True, encoding="UTF-8"), "a.xlf")
    msg = got.messages[0]
    if record:
        assert (msg.msgstr, msg.fuzzy, changed) == ("Contoso Cloud", True, 1)
    else:  # the entry may have changed since the export: kept, the vendor's beside it
        assert (msg.msgstr, msg.fuzzy) == ("Nuage Contoso", False)
        assert [f.check for f in found] == ["xliff-conflict"]
        assert any("Contoso Cloud" in c for c in msg.translator_comments)


def test_a_cat_tool_that_changes_only_the_state_is_heard() -> None:
    """helper-127: the export writes approved and state together (yes/translated, no/
    needs-review-translation). A CAT tool that confirms a unit by its state alone
    (state="final", the exported approved="no" left as it was) had its sign-off dropped without
    a word; one that flags a unit for review by its state alone (needs-review-translation,
    approved="yes" left) had the flagged text published as reviewed. The signal the tool
    changed since the export decides; where it changed approved, approved does."""
    doc = etree.fromstring(export_catalog(EDGE, "fr-FR/a.po", "fr-FR"))
    unit(doc.getroottree(), "Machine translated.").find("x:target", NS).set("state", "final")
    unit(doc.getroottree(), "Reviewed <b>markup</b> & `code`").find("x:target", NS).set(
        "state", "needs-review-translation")
    both = unit(doc.getroottree(), "Same English")
    both.set("approved", "no")  # approved changed (state as exported): approved decides
    new, changed, _ = import_catalog(EDGE, etree.tostring(doc, xml_declaration=True,
                                                          encoding="UTF-8"), "a.xlf")
    got = {m.key: m for m in new.messages if not m.obsolete}
    assert got[(None, "Machine translated.")].reviewed
    assert got[(None, "Reviewed <b>markup</b> & `code`")].fuzzy
    assert got[("", "Same English")].fuzzy
    assert changed == 3


HEADER_UNIT = """<trans-unit xml:space="preserve" id="1" approved="no" \
restype="x-gettext-domain-header">
<source>Project-Id-Version: PACKAGE VERSION
Content-Type: text/plain; charset=UTF-8
X-Generator: Translate Toolkit 3.20.4
</source>
<target state="translated">Project-Id-Version: PACKAGE VERSION
Content-Type: text/plain; charset=UTF-8
X-Generator: Translate Toolkit 3.20.4
</target>
</trans-unit>"""


def test_the_po_header_unit_a_converter_adds_is_no_translation_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Translate Toolkit's po2xliff (a vendor's xliff2po, edit, po2xliff) sends the PO header
    back as a unit of restype x-gettext-domain-header: it is no English of the catalog."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non traduit.", approved="yes")
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(text.replace("<body>", "<body>" + HEADER_UNIT, 1), encoding="utf-8")
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    assert capsys.readouterr().err == ""
    catalog = parse_po((locales / "fr-FR/a.po").read_text(encoding="utf-8"), "a.po")
    assert not any("Project-Id-Version" in m.msgid for m in catalog.messages)
    assert messages(locales / "fr-FR/a.po")[(None, "Untranslated.")].msgstr == "Non traduit."
    assert catalog.header == EDGE.header


def test_a_file_of_only_the_po_header_unit_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    text = xlf.read_text(encoding="utf-8")
    body = text[text.index("<body>") + len("<body>"):text.index("</body>")]
    xlf.write_text(text.replace(body, HEADER_UNIT), encoding="utf-8")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 0
    assert capsys.readouterr().err == "" and snapshot(locales) == before



@pytest.mark.parametrize("doctype", ["", '<!DOCTYPE xliff [<!ENTITY nbsp "&#160;">]>\n'])
def test_an_entity_reference_in_a_target_is_named_as_one_not_as_inline_markup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], doctype: str) -> None:
    """A vendor who types an HTML entity (``&nbsp;``) into a target: the file is refused,
    saying which entity, at its line; one the file's own DTD defines (never expanded) was
    called 'inline XLIFF markup'."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    xlf = tmp_path / "xlf" / "fr-FR" / "a.xlf"
    edit(xlf, "Untranslated.", "Non@traduit.", approved="yes")
    text = xlf.read_text(encoding="utf-8").replace("Non@traduit.", "Non&nbsp;traduit.")
    if doctype:
        text = text.replace("?>\n", "?>\n" + doctype, 1)
    xlf.write_text(text, encoding="utf-8")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "xlf") == 1
    err = capsys.readouterr().err
    assert "inline XLIFF markup" not in err and snapshot(locales) == before
    if not doctype:  # not XML: the parser says so, at the entity's line
        line = text[:text.index("Non&nbsp;")].count("\n") + 1
        assert f"a.xlf:{line}: error[xliff]: unreadable XLIFF: Entity 'nbsp' not defined" in err
        return
    line = text[:text.index("Non&nbsp;")].rsplit("<trans-unit", 1)[0].count("\n") + 1
    assert f"a.xlf:{line}: error[xliff]: unit " in err
    assert "holds the entity reference &nbsp;" in err and "&#160;" in err


def test_an_import_never_replaces_a_catalog_saved_while_it_ran(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """xliff-import read the catalog, applied the vendor's units and replaced it: a reviewer's
    save in between (Poedit open on the same catalog) was overwritten without a word."""
    from pipeline.xliff import command

    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    edit(tmp_path / "xlf/fr-FR/a.xlf", "Untranslated.", "Traduit par le vendeur.")
    po = locales / "fr-FR/a.po"
    applied = command.import_catalog

    def saved_meanwhile(*args: object) -> object:
        po.write_bytes(po.read_bytes().replace(b"Ancien anglais.",
                                               b"Relu par Ana."))
        return applied(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(command, "import_catalog", saved_meanwhile)
    assert import_(locales, tmp_path / "xlf") == 1
    assert "a.po: error[write-failed]: not written: the file changed since this run read " \
        "it" in capsys.readouterr().err
    assert b"Relu par Ana." in po.read_bytes()
    monkeypatch.setattr(command, "import_catalog", applied)
    assert import_(locales, tmp_path / "xlf") == 0  # sent again: both
    assert b"Relu par Ana." in po.read_bytes() and b"Traduit par le vendeur." in po.read_bytes()


def test_an_import_that_waits_for_another_run_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl
    import os
    import threading

    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "xlf") == 0
    fd = os.open(locales, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # an extract running on the same catalogs
    threading.Timer(0.5, os.close, (fd,)).start()
    assert import_(locales, tmp_path / "xlf") == 0
    assert f"pipeline: warning: waiting for another run that writes {locales} to end" \
        in capsys.readouterr().err


def test_emphasis_around_nothing_or_a_quoted_angle_tag_pair_is_no_translation() -> None:
    """A target of emphasis around an invisible character, or of the source's tags whose
    attribute quotes a '>', shows nothing: the catalog's text stays. A reference without its
    ';' is text to CommonMark: a translation."""
    from pipeline.xliff.segments import blank

    assert blank("**\u200b**", "**Sign in**")
    assert blank('<a title="a > b"></a>', '<a title="a > b">Sign in</a>')
    assert not blank("&#x200B", "Sign in.") and not blank("** **", "Sign in.")


def test_a_kept_vendor_text_is_said_once_after_polib_wraps_its_comment(
        tmp_path: Path) -> None:
    """h174: the note keeping a vendor's text that lost a conflict is one long comment line;
    polib (a script re-saving the catalog) wraps it into lines of its width, and the next
    import of the same file, not finding the note as it wrote it, wrote it again, once more
    on every import. A longer text that starts as the kept one is still new."""
    import polib

    from pipeline.xliff.stale import keep_beside

    text = "Syntaxe révisée par le vendeur, une phrase assez longue pour que polib la coupe."
    messages = [Message("Syntax", "Syntaxe (catalogue)")]
    assert keep_beside(messages, 0, text)
    path = tmp_path / "a.po"
    path.write_text(format_po(replace(EDGE, messages=tuple(messages))), encoding="utf-8")
    polib.pofile(str(path)).save(str(path))
    [wrapped] = parse_po(path.read_text(encoding="utf-8"), "a.po").messages
    assert len(wrapped.translator_comments) > len(messages[0].translator_comments)  # wrapped
    again = [wrapped]
    assert not keep_beside(again, 0, text)
    assert keep_beside(again, 0, text + " Et plus.")


@pytest.mark.parametrize("keep", ["stale", "beside"])
@pytest.mark.parametrize("text", [
    "Salut\nignore-number-changed",  # a line of its own
    "L" + "e" * 64 + " x ignore-number-changed",  # the line polib's wrap leaves
    "Le nombre ignore-number-changed,ignore-number-changed,ignore-number-changed,ignore-x",
])
def test_a_kept_vendor_text_never_reads_as_an_ignore_mark_even_once_polib_wraps_it(
        tmp_path: Path, keep: str, text: str) -> None:
    """h174: the vendor's text kept for English that changed since the export was written
    with its second line bare, and a kept text's long line, wrapped by polib (a script
    re-saving the catalog), left its end on a line of its own: either could be a reviewer's
    ``ignore-<check>`` mark, set by the vendor. Every line of a kept text is quoted, in lines
    polib does not wrap."""
    import polib

    from pipeline.suppress import ignored
    from pipeline.xliff.stale import keep_beside, keep_stale

    messages = [Message("Old.", "Ancien.", obsolete=keep == "stale")]
    if keep == "stale":
        keep_stale(messages, None, "Old.", text)
    else:
        assert keep_beside(messages, 0, text)
    assert ignored(messages[0]) == frozenset()
    path = tmp_path / "a.po"
    path.write_text(format_po(replace(EDGE, messages=tuple(messages))), encoding="utf-8")
    polib.pofile(str(path)).save(str(path))
    [saved] = parse_po(path.read_text(encoding="utf-8"), "a.po").messages
    quotes = [c for c in messages[0].translator_comments if c.startswith(">")]
    assert quotes == [c for c in saved.translator_comments if c.startswith(">")]  # unwrapped
    assert ignored(saved) == frozenset()


def test_obsolete_entries_a_po2xliff_xliff2po_round_trip_makes_active_stay_the_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Translate Toolkit's round trip writes every #~ entry back active, its #. notes (ids,
    handoff record) and context dropped: each was po-foreign-entry, 'added by hand', and the
    catalog was blocked, for entries the translator never touched. The # comment extract
    gives an obsolete entry comes through: the entry is the article's old English, and the
    next run makes it obsolete again, its translation kept."""
    import subprocess
    import sys

    article = (REPO / "tests/data/bad/catalogs/article.md").read_text(encoding="utf-8")
    (tmp_path / "content/fr-FR").mkdir(parents=True)
    md = tmp_path / "content/fr-FR/tool.md"
    md.write_text(article, encoding="utf-8")
    args = ["--content", str(tmp_path / "content"), "--locales", str(tmp_path / "locales"),
            "-j", "1"]
    assert main(["extract", *args]) == 0
    md.write_text(article.replace(">Run the install command.<", ">Reboot the machine now.<")
                  .replace(">Exécutez la commande d’installation.<", ">Redémarrez.<"),
                  encoding="utf-8")
    assert main(["extract", *args]) == 0
    po = tmp_path / "locales/fr-FR/tool.po"
    assert '#~ msgid "Run the install command."' in po.read_text(encoding="utf-8")
    for tool, src, dst in (("po2xliff", po, tmp_path / "tool.xlf"),
                           ("xliff2po", tmp_path / "tool.xlf", po)):
        # (xliff2po runs nothing as a module: its main(), as its console script calls it)
        subprocess.run([sys.executable, "-c", f"from translate.convert.{tool} import main; "
                        "main()", "-i", str(src), "-o", str(dst)], check=True,
                       capture_output=True, timeout=120)
    assert '\nmsgid "Run the install command."' in po.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["check", *args]) == 0
    err = capsys.readouterr().err
    assert "po-foreign-entry" not in err and "orphan-entry" not in err
    assert main(["locales", *args, "--out", str(tmp_path / "build")]) == 0
    text = po.read_text(encoding="utf-8")
    assert ('#~ msgid "Run the install command."\n'
            '#~ msgstr "Exécutez la commande d’installation."') in text
    assert (tmp_path / "build/fr-FR/tool.md").is_file()


def test_a_file_whose_target_language_names_another_locale_than_its_original_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """h189: the French file opened in a German project (its target-language rewritten to
    de-DE, its original still fr-FR/a.po) and translated into German. The original alone was
    read: the German was imported into the French catalog. A target-language of the same
    language (fr, fr-CA) is the catalog's."""
    locales = tree(tmp_path, {"fr-FR/a.po": format_po(EDGE)})
    assert export(locales, tmp_path / "back") == 0
    xlf = tmp_path / "back" / "fr-FR" / "a.xlf"
    text = xlf.read_text(encoding="utf-8")
    assert 'target-language="fr-FR"' in text
    xlf.write_text(text.replace('target-language="fr-FR"', 'target-language="de-DE"'),
                   encoding="utf-8")
    translate(xlf, "Untranslated.", "Nicht übersetzt.")
    before = snapshot(locales)
    capsys.readouterr()
    assert import_(locales, tmp_path / "back") == 1
    assert "of target-language 'de-DE', another language than the catalog 'fr-FR/a.po'" in (
        capsys.readouterr().err)
    assert snapshot(locales) == before
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('target-language="de-DE"',
                                                           'target-language="fr"'),
                   encoding="utf-8")
    assert import_(locales, tmp_path / "back") == 0
    assert messages(locales / "fr-FR/a.po")[(None, "Untranslated.")].msgstr == "Nicht übersetzt."
