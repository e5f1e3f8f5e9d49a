"""Vendor packages: only the entries that need work, with provenance and word counts; the
return merged back through a real XLIFF library (Translate Toolkit), inline codes back byte
for byte, units without targets, changed English, translations made meanwhile, broken files."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from translate.storage.placeables import StringElem
from translate.storage.xliff import xlifffile

from pipeline.catalog import Message, format_po, parse_po_bytes
from pipeline.handoff.package import BASE_NOTE
from tests.memory.helpers import article, run, write

EN = "Select **Save** to keep the `settings.json` file."
FR = "Sélectionnez **Enregistrer** pour conserver le fichier `settings.json`."
MT_EN = "The resource group holds every resource of the solution."
MT_FR = "Le groupe de ressources contient chaque ressource de la solution."
NEW_EN = "Restart the <b>service</b> after the update."


def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [(FR, EN), ("Bonjour.", "Hello.")]))
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [(MT_FR, MT_EN)], mt=True))
    write(content, "fr-FR/c.md", article("fr-FR", "ccccc", [("", NEW_EN), ("", EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    return content, cats, out


def package(tmp_path: Path, cats: Path, fmt: str = "xliff") -> Path:
    pkg = tmp_path / "pkg"
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg, "--format",
               fmt, "-q") == 0
    return pkg


def test_the_package_holds_only_the_entries_that_need_work_with_their_provenance(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    assert sorted(p.relative_to(pkg).as_posix() for p in pkg.rglob("*.xlf")) == [
        "fr-FR/b.xlf", "fr-FR/c.xlf"]  # a.md is reviewed throughout: nothing to send
    store = xlifffile.parsefile(str(pkg / "fr-FR/c.xlf"))
    # Translate Toolkit reads the inline codes as placeables (X), not as text
    assert sorted(str(u.rich_source[0]) for u in store.units) == [
        "Restart the service after the update.", "Select Save to keep the  file."]
    assert sorted(len(u.rich_source[0].sub) for u in store.units) == [5, 7]
    notes = {u.getid(): u.getnotes() for u in store.units}
    assert any("exact-TM | exact TM match from fr-FR/a.md | article fr-FR/c.md" in n
               for n in notes.values())
    assert any(n.startswith("new | new: no translation yet") for n in notes.values())
    assert "MT-to-review | machine translation" in xlifffile.parsefile(
        str(pkg / "fr-FR/b.xlf")).units[0].getnotes()
    rows = list(csv.reader((pkg / "wordcount.csv").open(encoding="utf-8")))
    total = {r[1]: (int(r[2]), int(r[3])) for r in rows if r[0] == "TOTAL"}
    assert total["new"] == (1, 6) and total["exact-TM"] == (1, 8)
    assert total["MT-to-review"] == (1, 9) and total["changed"] == (0, 0)
    printed = capsys.readouterr().out
    assert "exact-TM" in printed and "TOTAL" in printed


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_package_written_over_an_earlier_one_names_the_files_it_did_not_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """h151: a second package into the same folder left the first one's file of a catalog
    that needs no work now, unsaid: sent along, the vendor translated it again, its words in no
    count (and its units came back stale or in conflict)."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    ext = "xlf" if fmt == "xliff" else "po"
    assert (pkg / f"fr-FR/b.{ext}").is_file()
    po = cats / "fr-FR/b.po"
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    capsys.readouterr()
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg, "--format",
               fmt, "-q") == 0
    err = capsys.readouterr().err
    assert f"fr-FR/b.{ext}: warning[handoff]: not part of this package" in err
    assert f"c.{ext}" not in err  # this package's own file


def test_packages_of_two_locales_in_one_folder_keep_both_locales_word_counts(
        tmp_path: Path) -> None:
    """h151: the second locale's package into the folder of the first rewrote wordcount.csv
    with its own rows alone: the first locale's files were still in the package, their words
    in no count a vendor could quote from."""
    content, cats, _ = tree(tmp_path)
    write(content, "de-DE/a.md", article("de-DE", "eeeee", [("", EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    pkg = package(tmp_path, cats)
    fr = [r for r in csv.reader((pkg / "wordcount.csv").open(encoding="utf-8")) if r[0] not in
          ("file", "TOTAL")]
    assert run("handoff", "--locales", cats, "--locale", "de-DE", "--out", pkg, "-q") == 0
    rows = list(csv.reader((pkg / "wordcount.csv").open(encoding="utf-8")))
    assert [r for r in rows if r[0].startswith("fr-FR/")] == fr
    assert [r[1:] for r in rows if r[0].startswith("de-DE/")] == [["new", "1", "8"]]
    segments = sum(int(r[2]) for r in rows if r[0] == "TOTAL")
    assert segments == sum(int(r[2]) for r in fr) + 1
    assert run("handoff", "--locales", cats, "--locale", "de-DE", "--out", pkg, "-q") == 0
    assert list(csv.reader((pkg / "wordcount.csv").open(encoding="utf-8"))) == rows  # again


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_package_file_whose_catalog_was_renamed_since_the_export_says_how_to_bring_it_in(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """h151: the docs team renamed an article (its catalog went with it) while the vendor
    worked: the error's hint, 'keep the folders and names of the package', blamed the vendor
    and left the work out; it now says to move the file to the catalog's new path."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    (cats / "fr-FR/c.po").rename(cats / "fr-FR/renamed.po")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    ext = "xlf" if fmt == "xliff" else "po"
    assert f"c.{ext}: error[handoff]: no catalog" in err and "renamed or deleted" in err
    also = " (and set its <file original> to it)" if fmt == "xliff" else ""
    assert f"move c.{ext} to that catalog's path in the package{also} and import it again" in err
    file = pkg / f"fr-FR/c.{ext}"
    file.rename(file.with_name(f"renamed.{ext}"))
    if fmt == "xliff":  # its <file original> names the catalog it was made from
        xlf = file.with_name("renamed.xlf")
        xlf.write_text(xlf.read_text(encoding="utf-8").replace(
            'original="fr-FR/c.po"', 'original="fr-FR/renamed.po"'), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0


@pytest.mark.parametrize("where", ["locales", "locales/fr-FR", "content"])
def test_a_package_is_never_written_over_the_catalogs_or_the_content(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        where: str) -> None:
    """h151: 'handoff --out locales --format po' wrote each package file over its catalog:
    the catalog kept only the entries needing work, every reviewed translation and obsolete
    entry gone. The roots are checked as the run commands check theirs (the content folder:
    the setting's, content/ by default)."""
    _, cats, _ = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po")}
    out = Path(where)
    capsys.readouterr()
    for fmt in ("po", "xliff"):
        assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", out,
                   "--format", fmt, "-q") == 2
        assert "overlap" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po")} == before
    assert not list((tmp_path / "locales").rglob("*.xlf"))
    assert not list((tmp_path / "content").rglob("*.po"))


def test_a_package_whose_locale_folder_links_to_the_catalogs_is_not_written_over_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """h183: with pkg/fr-FR a link to locales/fr-FR, 'handoff --format po --out pkg' wrote
    each package file over its catalog, exit 0: the catalog kept only the entries needing
    work (only --out itself was checked against the roots)."""
    _, cats, _ = tree(tmp_path)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "fr-FR").symlink_to(cats / "fr-FR", target_is_directory=True)
    before = {p: p.read_bytes() for p in cats.rglob("*.po")}
    capsys.readouterr()
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg, "--format",
               "po", "-q") == 1
    err = capsys.readouterr().err
    assert "fr-FR/c.po: error[write-failed]: not written: its folder is, through a symbolic " \
        "link, a folder this command reads" in err
    assert {p: p.read_bytes() for p in cats.rglob("*.po")} == before


def test_the_catalog_of_an_article_gone_is_named_in_the_package(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """h151: an English article renamed or deleted leaves its catalog behind (orphan-catalog)
    until the team deletes it; its untranslated English went into every package unsaid,
    counted and paid for, though no page shows it."""
    content = tmp_path / "content"
    write(content, "en-US/kept.md", "# Kept\n\nThis sentence stays in the docs.\n")
    write(content, "en-US/gone.md", "# Gone\n\nThis sentence left the docs.\n")
    (tmp_path / "locales/fr-FR").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)  # content/ and locales/ as the defaults name them
    assert run("locales", "-q") == 0
    (content / "en-US/gone.md").unlink()
    capsys.readouterr()
    assert run("handoff", "--locale", "fr-FR", "--out", "pkg", "-q") == 0
    err = capsys.readouterr().err
    assert "locales/fr-FR/gone.po: warning[handoff]: in the package, but no English " \
        "content/en-US/gone.md" in err
    assert "kept.po" not in err


def test_a_package_file_that_cannot_be_written_is_neither_counted_nor_said_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """h176: a package file the disk refused (full, or a folder in its place) was still in
    wordcount.csv and the suggestions, and the run said 'package written': the vendor was
    sent, and paid for, words of a file the package lacks."""
    _, cats, _ = tree(tmp_path)
    pkg = tmp_path / "pkg"
    (pkg / "fr-FR/b.xlf").mkdir(parents=True)  # the write of b.xlf fails
    capsys.readouterr()
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg) == 1
    err = capsys.readouterr().err
    assert "fr-FR/b.xlf: error[write-failed]" in err
    assert "the 1 file(s) named above are not, nor counted" in err
    assert "need work: package written" not in err
    with (pkg / "wordcount.csv").open(encoding="utf-8") as f:
        files = {row["file"] for row in csv.DictReader(f)}
    assert "fr-FR/c.po" in files and "fr-FR/b.po" not in files
    assert MT_EN not in (pkg / "suggestions-fr-FR.tmx").read_text(encoding="utf-8")


def test_word_counts_that_cannot_be_written_are_not_said_to_be_in_the_package(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On a full disk the summary said `(word counts in pkg/wordcount.csv)`, a file not
    written, and counted it among the package files 'named above' that are not in it."""
    _, cats, _ = tree(tmp_path)
    pkg = tmp_path / "pkg"
    (pkg / "wordcount.csv").mkdir(parents=True)  # the write of the counts fails
    capsys.readouterr()
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg) == 1
    err = capsys.readouterr().err
    assert "wordcount.csv: error[write-failed]" in err
    assert err.rstrip("\n").endswith(f"catalogs of fr-FR need work: package written to {pkg} "
                                      f"(no word counts: {pkg / 'wordcount.csv'} was not "
                                      "written, see above)")


def test_a_catalog_name_xml_cannot_carry_is_named_and_shown_escaped_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-128: a catalog named with an ESC sequence stopped handoff with 'pipeline:
    internal error: ValueError: All strings must be XML compatible' (exit 3), whether the
    catalog needed work (its <file original>) or only lent another one a memory match (the
    unit's note names where the match came from)."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a\x1b[2J.md", article("fr-FR", "aaaaa", [(FR, EN)]))
    write(content, "fr-FR/b\x1b[2J.md", article("fr-FR", "bbbbb", [(MT_FR, MT_EN)], mt=True))
    write(content, "fr-FR/c.md", article("fr-FR", "ccccc", [("", EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    pkg = tmp_path / "pkg"
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg, "-q") == 1
    assert "b\\x1b[2J.po: error[handoff]: the file name holds U+001B" in capsys.readouterr().err
    notes = xlifffile.parsefile(str(pkg / "fr-FR/c.xlf")).units[0].getnotes()
    assert "exact TM match from fr-FR/a\\x1b[2J.md" in notes


def test_a_catalog_with_a_backslash_in_its_name_takes_its_package_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-128: 'b\\x.po' is a name on Linux; handoff-import read the backslash of
    <file original> as a separator and refused the package's own file for it."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/b\\x.md", article("fr-FR", "bbbbb", [(MT_FR, MT_EN)], mt=True))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    pkg = package(tmp_path, cats)
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0, capsys.readouterr().err


def translate_with_translate_toolkit(path: Path, skip: str, drop: str) -> None:
    """What a CAT tool does: a target per unit, its inline codes moved but kept."""
    store = xlifffile.parsefile(str(path))
    for unit in store.units:
        if skip in unit.source:
            continue  # left as the package had it: a copy of the English
        if drop in unit.source:
            unit.xmlelement.remove(unit.xmlelement.find(unit.namespaced("target")))
            continue
        unit.rich_target = [StringElem(["FR ", *unit.rich_source[0].sub])]
    path.write_bytes(bytes(store))


def test_a_translated_package_comes_back_with_its_codes_byte_for_byte(tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="Restart")
    translate_with_translate_toolkit(pkg / "fr-FR/b.xlf", skip="resource", drop="nothing")
    b_before = (cats / "fr-FR/b.po").read_bytes()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == "FR " + EN and c[EN].reviewed  # codes back exactly: ** and `…`
    assert not any(t.startswith("tm:") for t in c[EN].translator_comments)
    assert c[NEW_EN].msgstr == ""  # a unit without a target changes nothing
    assert (cats / "fr-FR/b.po").read_bytes() == b_before  # an untouched copy: nothing


def test_an_untouched_package_changes_no_catalog(tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    before = {p: p.read_bytes() for p in cats.rglob("*.po")}
    for fmt in ("xliff", "po"):
        shutil.rmtree(tmp_path / "pkg", ignore_errors=True)  # one package at a time
        pkg = package(tmp_path, cats, fmt)
        assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
        assert {p: p.read_bytes() for p in cats.rglob("*.po")} == before


def _change_english_then_import(content: Path, cats: Path, pkg: Path) -> str:
    """c.md's first English changed after the package was made (a new handoff, extracted),
    then the package comes back: the changed English."""
    changed = NEW_EN.replace("update", "upgrade")
    write(content, "fr-FR/c.md", article("fr-FR", "ddddd", [("", changed), ("", EN)]))
    run("extract", "--content", content, "--locales", cats, "-q", "-j", "1")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    return changed


def test_a_unit_whose_english_changed_since_the_export_is_reported_and_its_text_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A package unit whose English changed since the export was named 'not applied', and
    the vendor's translation was in no catalog: lost once the package was deleted. Its
    English and text are read back through the codes' own markup (``equiv-text``) and kept as
    a PO package's are (never over anyone's text, never reviewed); where a tool dropped that
    markup, the unit is only named, as before."""
    content, cats, _out = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    changed = _change_english_then_import(content, cats, pkg)
    err = capsys.readouterr().err
    assert "c.xlf" in err and "warning[handoff-stale]" in err and (
        f"the vendor's 'FR {NEW_EN}' was kept" in err)
    messages = parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages
    c = {m.msgid: m for m in messages if not m.obsolete}
    assert c[changed].msgstr == "" and c[EN].msgstr == "FR " + EN  # the other unit applied
    [kept] = [m for m in messages if m.msgid == NEW_EN]
    assert (kept.obsolete, kept.msgstr, kept.fuzzy) == (True, "FR " + NEW_EN, True)


def test_a_changed_english_unit_whose_codes_lost_their_markup_is_named_not_applied(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, cats, _out = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/c.xlf"
    xlf.write_text(re.sub(r' equiv-text="[^"]*"', "", xlf.read_text(encoding="utf-8")),
                   encoding="utf-8")
    _change_english_then_import(content, cats, pkg)
    assert "not applied" in capsys.readouterr().err


def test_an_untouched_unit_whose_english_changed_since_the_export_says_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A unit the vendor left as the package had it (the English copy) has nothing to keep:
    no warning for it, as for a PO package's."""
    content, cats, _out = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="Restart", drop="nothing")
    _change_english_then_import(content, cats, pkg)
    assert "handoff-stale" not in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_returned_file_of_which_no_unit_fits_its_catalog_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    content, cats, _out = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    write(content, "fr-FR/c.md", article("fr-FR", "ddddd", [("", "Another article.")]))
    run("extract", "--content", content, "--locales", cats, "-q", "-j", "1")
    before = (cats / "fr-FR/c.po").read_bytes()
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert f"c.{'xlf' if fmt == 'xliff' else 'po'}:" in err
    assert "error[handoff]: no unit of the file has its English in the catalog" in err
    assert (cats / "fr-FR/c.po").read_bytes() == before


def test_a_translation_made_in_the_catalog_meanwhile_is_kept_and_the_vendors_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/b.xlf", skip="nothing", drop="nothing")
    po = cats / "fr-FR/b.po"
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    before = parse_po_bytes(po.read_bytes(), "b").messages
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    err = capsys.readouterr().err
    assert "warning[handoff-conflict]" in err and "in a # comment of the entry" in err
    after = parse_po_bytes(po.read_bytes(), "b").messages
    # the catalog's translations stand; each vendor text that differs is kept beside its entry
    assert [m.msgstr for m in after] == [m.msgstr for m in before]
    noted = [m for m in after if m.translator_comments
             and m.translator_comments[-2].startswith("returned by the vendor, not applied")]
    assert noted and all(m.translator_comments[-1].startswith("> ") for m in noted)
    again = po.read_bytes()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert po.read_bytes() == again  # said once


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_draft_the_translator_made_in_the_catalog_meanwhile_is_kept_and_the_vendors_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """The entry was exported fuzzy (machine translation); a translator rewrote it in the
    catalog, still fuzzy; the vendor's reviewed text comes back: the draft is a person's work,
    as a review is, and stays; the vendor's is kept beside it."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    if fmt == "xliff":
        translate_with_translate_toolkit(pkg / "fr-FR/b.xlf", skip="nothing", drop="nothing")
    else:
        _translate_po(pkg / "fr-FR/b.po")
    po = cats / "fr-FR/b.po"
    draft = "Le groupe de ressources rassemble les ressources (brouillon)."
    po.write_text(po.read_text(encoding="utf-8").replace(MT_FR, draft), encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert "warning[handoff-conflict]" in capsys.readouterr().err
    [entry] = [m for m in parse_po_bytes(po.read_bytes(), "b").messages if m.msgid == MT_EN]
    assert entry.msgstr == draft and entry.fuzzy
    assert any(c.startswith("> ") for c in entry.translator_comments)


def _translate_po(path: Path) -> None:
    """A vendor's PO tool: every entry translated and reviewed."""
    cat = parse_po_bytes(path.read_bytes(), str(path))
    path.write_text(format_po(replace(cat, messages=tuple(
        replace(m, msgstr=f"Vendeur: {m.msgid}", flags=()) for m in cat.messages))),
        encoding="utf-8")


@pytest.mark.parametrize("damage", [
    lambda t: t[: len(t) // 2],  # cut short
    lambda t: t.replace('<x id="1"', '<x id="9"', 1),  # a code the source does not have
    lambda t: t.replace('<target state="needs-translation">',
                        '<target state="needs-translation"><g id="1">x</g>', 1),  # other markup
    lambda t: t.replace("Select", "Choose", 1),  # the English edited in the package
    lambda t: re.sub(r"(?s)(<target.*?</target>)", r"\1\1", t, count=1),  # two targets
])
def test_a_broken_file_is_refused_whole(tmp_path: Path, damage: Callable[[str], str]) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/c.xlf"
    xlf.write_text(damage(xlf.read_text(encoding="utf-8")), encoding="utf-8")
    before = (cats / "fr-FR/c.po").read_bytes()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    assert (cats / "fr-FR/c.po").read_bytes() == before


def test_a_po_package_round_trip_applies_the_reviewed_entries(tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/b.po"
    text = returned.read_text(encoding="utf-8")
    assert "#. handoff: MT-to-review | machine translation, not yet reviewed | article " \
           "fr-FR/b.md" in text
    returned.write_text(text.replace("#, fuzzy\n", ""), encoding="utf-8")  # reviewed
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    b = parse_po_bytes((cats / "fr-FR/b.po").read_bytes(), "b").messages
    assert [(m.msgstr, m.reviewed) for m in b if m.msgid == MT_EN] == [(MT_FR, True)]


def test_a_po_package_file_that_does_not_parse_is_named_as_a_returned_file_not_a_catalog(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its hint was a catalog's: `restore it from version control; it was left as is`, of a
    vendor's file no version control holds."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/b.po"
    text = returned.read_text(encoding="utf-8")
    returned.write_text(text.replace(f'msgstr "{MT_FR}"', 'msgstr "Vendeur'), encoding="utf-8")
    line = returned.read_text(encoding="utf-8").split("\n").index('msgstr "Vendeur') + 1
    before = (cats / "fr-FR/b.po").read_bytes()
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith(
        f"pkg/fr-FR/b.po:{line}:1: error[handoff]: unreadable PO file: unterminated string after "
        "msgstr: '\"Vendeur'; nothing of this file was imported (hint: fix it in a PO editor "
        "(msgfmt -c names each problem), or have it sent back as the package wrote it; the "
        "catalog is untouched)\n")
    assert (cats / "fr-FR/b.po").read_bytes() == before


@pytest.mark.parametrize("blank", [" ", "\u200b"])
def test_a_po_package_msgstr_that_shows_nothing_is_no_translation_as_an_xliff_target(
        tmp_path: Path, blank: str) -> None:
    """A returned PO entry whose msgstr shows nothing (a space, a zero-width space typed to
    leave it empty), its fuzzy flag cleared, replaced the machine translation, reviewed, and
    the next run held it back as blank (``translation-blank``), the draft gone from the
    catalog; the same target in an XLIFF package is no translation. Now it is none in
    either."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/b.po"
    text = returned.read_text(encoding="utf-8")
    returned.write_text(text.replace("#, fuzzy\n", "").replace(
        f'msgstr "{MT_FR}"', f'msgstr "{blank}"'), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    b = parse_po_bytes((cats / "fr-FR/b.po").read_bytes(), "b").messages
    assert [(m.msgstr, m.fuzzy) for m in b if m.msgid == MT_EN] == [(MT_FR, True)]


def test_a_po_package_unit_whose_english_changed_keeps_the_vendor_s_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It was reported and dropped; it is now the suggestion of the entry its English became
    (or an obsolete entry), as xliff-import does."""
    content, cats, _out = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/c.po"
    text = returned.read_text(encoding="utf-8")
    returned.write_text(text.replace(f'msgid "{NEW_EN}"\nmsgstr ""',
                                     f'msgid "{NEW_EN}"\nmsgstr "Le texte du fournisseur."'),
                        encoding="utf-8")
    assert "Le texte du fournisseur." in returned.read_text(encoding="utf-8")
    _change_english_then_import(content, cats, pkg)
    err = capsys.readouterr().err
    assert "warning[handoff-stale]" in err and "the vendor's 'Le texte du fournisseur.' was " \
        "kept" in err
    kept = parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages
    assert any(m.msgstr == "Le texte du fournisseur." for m in kept)


def test_a_po_package_imported_twice_does_not_bring_back_the_memorys_note(
        tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/c.po"
    text = returned.read_text(encoding="utf-8")
    assert "# tm: exact match from fr-FR/a.md (reviewed)" in text
    returned.write_text(text.replace(f'msgstr "{FR}"', f'msgstr "{FR} !"'), encoding="utf-8")
    for _ in range(2):
        assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
        c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(),
                                                "c").messages}
        assert c[EN].msgstr == FR + " !"  # the vendor's text: the memory's note is stale
        assert not any(t.startswith("tm: ") for t in c[EN].translator_comments)


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_package_imported_twice_says_nothing_the_second_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """helper-74: the second import of the same package warned handoff-conflict, 'translated
    in the catalog since the export', about the text the first import had put there."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    if fmt == "xliff":
        translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    else:
        _translate_po(pkg / "fr-FR/c.po")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    after = {p: p.read_bytes() for p in cats.rglob("*.po")}
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert capsys.readouterr().err == ""
    assert {p: p.read_bytes() for p in cats.rglob("*.po")} == after


def test_a_review_pass_of_a_package_imported_before_applies_the_review(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-76: a vendor's translation pass (still fuzzy), imported, then the review pass of
    the same package (the fuzzy flag cleared): the second import was skipped in silence, the
    entry left unreviewed and off the page."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/b.po"
    text = returned.read_text(encoding="utf-8")
    drafted = text.replace(f'msgstr "{MT_FR}"', 'msgstr "Texte du traducteur."')
    assert drafted != text and "#, fuzzy\n" in drafted
    returned.write_text(drafted, encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    returned.write_text(drafted.replace("#, fuzzy\n", ""), encoding="utf-8")  # reviewed
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert capsys.readouterr().err == ""
    b = parse_po_bytes((cats / "fr-FR/b.po").read_bytes(), "b").messages
    assert [(m.msgstr, m.reviewed) for m in b if m.msgid == MT_EN] == [
        ("Texte du traducteur.", True)]


def _prefill(path: Path, approved: str | None = None) -> None:
    """A pre-translation step: each unit's target becomes its package suggestion, the state
    left as the package had it (needs-translation)."""
    from lxml import etree

    doc = etree.parse(str(path))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    for unit in doc.iterfind(".//x:trans-unit", ns):
        suggestion = unit.findtext("x:alt-trans/x:target", namespaces=ns)
        if suggestion is None:
            continue
        target = unit.find("x:target", ns)
        for child in list(target):
            target.remove(child)
        target.text = suggestion
        if approved is not None:
            unit.set("approved", approved)
    doc.write(str(path), xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("approved", "reviewed"), [(None, False), ("yes", True)])
def test_a_suggestion_copied_into_the_target_stays_a_suggestion_unless_approved(
        tmp_path: Path, approved: str | None, reviewed: bool) -> None:
    """An inexact suggestion (here the machine translation) pre-filled into the target,
    nothing saying it is done: it is not a review, and a suggestion is never published. (An
    exact memory match copied in is the same English's reviewed text: OmegaT's test.)"""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    _prefill(pkg / "fr-FR/b.xlf", approved)
    _prefill(pkg / "fr-FR/c.xlf", approved)
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    b = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/b.po").read_bytes(), "b").messages}
    assert b[MT_EN].msgstr == MT_FR and b[MT_EN].reviewed is reviewed
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == FR and c[EN].reviewed  # the exact match


def test_an_exact_match_of_unreviewed_text_copied_into_the_target_stays_a_suggestion(
        tmp_path: Path) -> None:
    """h151: an exact memory match is the same English's reviewed text only where the memory's
    text was reviewed; one of machine translation (or a draft) nobody reviewed, copied into the
    target by a pre-translation step (OmegaT's tm/auto), came back reviewed and was published."""
    content, cats, _ = tree(tmp_path)
    write(content, "fr-FR/d.md", article("fr-FR", "ddddd", [("", MT_EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    d = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/d.po").read_bytes(), "d").messages}
    assert d[MT_EN].msgstr == MT_FR and d[MT_EN].fuzzy  # the memory's unreviewed text
    assert "(unreviewed)" in " ".join(d[MT_EN].translator_comments)
    pkg = package(tmp_path, cats)
    [unit] = xlifffile.parsefile(str(pkg / "fr-FR/d.xlf")).units
    assert "exact TM match from fr-FR/b.md (unreviewed)" in unit.getnotes()  # the vendor knows
    _prefill(pkg / "fr-FR/d.xlf")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    d = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/d.po").read_bytes(), "d").messages}
    assert d[MT_EN].msgstr == MT_FR and not d[MT_EN].reviewed


def test_a_tools_own_exact_match_copied_in_beside_a_reviewed_one_stays_a_suggestion(
        tmp_path: Path) -> None:
    """An entry filled with a reviewed exact match takes that text back as reviewed; any
    100 % match was left out of the unit's suggestions for it, so a leveraging step's own
    exact match of other text (the vendor's memory, maybe machine-made), added as an
    ``<alt-trans match-quality="100">`` and copied in, the state the package's, was
    published as the vendor's reviewed translation."""
    def unit(old: str) -> str:
        theirs = "Choisissez <x id=\"1\"/>Enregistrer<x id=\"2\"/> (vieux <x id=\"3\"/>)."
        return _target(old, 'state="needs-translation"', theirs).replace(
            "</target>", f'</target><alt-trans origin="vendor-tm" match-quality="100">'
            f"<target>{theirs}</target></alt-trans>", 1)

    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    path = pkg / "fr-FR/c.xlf"
    text = path.read_text(encoding="utf-8")
    [old] = [u for u in re.findall(r"<trans-unit.*?</trans-unit>", text, re.S) if "Select" in u]
    path.write_text(text.replace(old, unit(old)), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == "Choisissez **Enregistrer** (vieux `settings.json`)."
    assert not c[EN].reviewed


def test_a_returned_xliff_in_capitals_is_imported_into_a_latin1_catalog_in_its_charset(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cats, _ = tree(tmp_path)
    po = cats / "fr-FR/c.po"
    text = po.read_text(encoding="utf-8")
    assert "charset=UTF-8" in text
    text = text.replace("charset=UTF-8", "charset=ISO-8859-1") + (
        '\n#~ msgid "Old."\n#~ msgstr "Déjà vu."\n')  # an entry nobody touches
    po.write_bytes(text.encode("latin-1"))
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    (pkg / "fr-FR/c.xlf").rename(pkg / "fr-FR/c.XLIFF")
    (pkg / "fr-FR/notes.docx").write_bytes(b"PK")
    for litter in ("Thumbs.db", ".DS_Store", "__MACOSX/fr-FR/._c.XLIFF", "fr-FR/~$notes.docx"):
        (pkg / litter).parent.mkdir(parents=True, exist_ok=True)
        (pkg / litter).write_bytes(b"\0\5\26\7")  # what Windows, macOS and Office leave
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    err = capsys.readouterr().err
    assert "fr-FR/notes.docx: warning[handoff]: skipped" in err
    assert err.count("warning") == 1 and "error" not in err
    data = po.read_bytes()
    assert b"charset=ISO-8859-1" in data
    c = {m.msgid: m for m in parse_po_bytes(data, "c").messages}  # declared, so read as Latin-1
    assert c[EN].msgstr == "FR " + EN and c[EN].reviewed
    assert c["Old."].msgstr == "Déjà vu." and b"D\xe9j\xe0 vu." in data


def test_a_po_package_of_a_latin1_catalog_is_written_in_its_declared_charset(
        tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    po = cats / "fr-FR/c.po"
    po.write_bytes(po.read_text(encoding="utf-8").replace(
        "charset=UTF-8", "charset=ISO-8859-1").encode("latin-1"))
    before = po.read_bytes()
    pkg = package(tmp_path, cats, "po")
    sent = (pkg / "fr-FR/c.po").read_bytes()
    assert b"charset=ISO-8859-1" in sent and FR.encode("latin-1") in sent
    c = {m.msgid: m for m in parse_po_bytes(sent, "c").messages}
    assert c[EN].msgstr == FR  # what a vendor's tool reads, not mojibake
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert po.read_bytes() == before  # sent back untouched: nothing changes


BAD_FR = "Sélectionnez **Enregistrer** pour conserver le fichier de paramètres."  # code lost


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_reviewed_translation_the_checks_hold_back_goes_to_the_vendor_to_fix(
        tmp_path: Path, fmt: str) -> None:
    _, cats, _ = tree(tmp_path)
    po = cats / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{FR}"', f'msgstr "{BAD_FR}"'),
                  encoding="utf-8")
    pkg = package(tmp_path, cats, fmt)
    rows = list(csv.reader((pkg / "wordcount.csv").open(encoding="utf-8")))
    assert ["fr-FR/a.po", "to-fix", "1", "8"] in rows
    if fmt == "po":
        sent = parse_po_bytes((pkg / "fr-FR/a.po").read_bytes(), "a").messages
        assert [m.msgid for m in sent] == [EN]
        assert any("to-fix | reviewed, but not published: the translation fails code-changed"
                   in c for c in sent[0].extracted_comments)
        (pkg / "fr-FR/a.po").write_bytes((pkg / "fr-FR/a.po").read_bytes().replace(
            BAD_FR.encode(), FR.encode()))
    else:
        store = xlifffile.parsefile(str(pkg / "fr-FR/a.xlf"))
        [unit] = store.units
        assert "to-fix | reviewed, but not published" in unit.getnotes()
        unit.rich_target = [StringElem(["FR ", *unit.rich_source[0].sub])]
        (pkg / "fr-FR/a.xlf").write_bytes(bytes(store))
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    fixed = {m.msgid: m for m in parse_po_bytes(po.read_bytes(), "a").messages}[EN]
    assert fixed.reviewed and fixed.msgstr == (FR if fmt == "po" else "FR " + EN)


def test_a_held_back_translation_sent_back_unchanged_changes_nothing(tmp_path: Path) -> None:
    """OmegaT fills the target from the package's suggestion: the held-back text, unconfirmed.
    The entry stays as it was (reviewed, still held back), not demoted to fuzzy."""
    _, cats, _ = tree(tmp_path)
    po = cats / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{FR}"', f'msgstr "{BAD_FR}"'),
                  encoding="utf-8")
    before = po.read_bytes()
    pkg = package(tmp_path, cats)
    _prefill(pkg / "fr-FR/a.xlf")
    assert BAD_FR in (pkg / "fr-FR/a.xlf").read_text(encoding="utf-8").split("<alt-trans")[0]
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert po.read_bytes() == before


def test_tm_export_offers_a_held_back_translation_as_unreviewed(tmp_path: Path) -> None:
    from pipeline.memory import tmx

    _, cats, _ = tree(tmp_path)
    po = cats / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{FR}"', f'msgstr "{BAD_FR}"'),
                  encoding="utf-8")
    out = tmp_path / "fr.tmx"
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--out", out) == 0
    rows = tmx.read(out.read_bytes(), "fr-FR", str(out))
    assert (EN, BAD_FR, False) in rows and ("Hello.", "Bonjour.", True) in rows


def test_packages_and_tm_export_hold_back_exactly_what_the_page_does(tmp_path: Path) -> None:
    """A reviewer's ignore mark lets a translation onto the page, so it is no work and a
    trusted memory unit; a no-loc term of the settings keeps one off, so it is to fix."""
    from pipeline.memory import tmx

    content, cats, out = tree(tmp_path)
    po = cats / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        f'msgid "{EN}"\nmsgstr "{FR}"',
        f'# ignore-code-changed\nmsgid "{EN}"\nmsgstr "{BAD_FR}"'), encoding="utf-8")
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[tool.pipeline]\nno-loc = ["Hello"]\n', encoding="utf-8")
    assert run("locales", "--content", content, "--locales", cats, "--out", out,
               "--config", settings, "-q", "-j", "1") == 1  # no-loc-changed is an error
    page = (out / "fr-FR/a.md").read_text(encoding="utf-8")
    assert BAD_FR in page and "Bonjour." not in page  # the page: one passes, one held back
    pkg = tmp_path / "pkg"
    assert run("handoff", "--locales", cats, "--locale", "fr-FR", "--out", pkg, "--format",
               "po", "--config", settings, "-q") == 0
    sent = parse_po_bytes((pkg / "fr-FR/a.po").read_bytes(), "a").messages
    assert [m.msgid for m in sent] == ["Hello."]
    assert any("the translation fails no-loc-changed" in c for c in sent[0].extracted_comments)
    tm = tmp_path / "fr.tmx"
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--out", tm,
               "--config", settings) == 0
    rows = tmx.read(tm.read_bytes(), "fr-FR", str(tm))
    assert (EN, BAD_FR, True) in rows and ("Hello.", "Bonjour.", False) in rows


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_comment_the_vendor_wrote_comes_back_into_the_catalog(tmp_path: Path, fmt: str) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, fmt)
    note = "Checked with the client's glossary."
    if fmt == "xliff":
        store = xlifffile.parsefile(str(pkg / "fr-FR/c.xlf"))
        next(u for u in store.units if "Restart" in u.source).addnote(note, origin="translator")
        (pkg / "fr-FR/c.xlf").write_bytes(bytes(store))
    else:
        text = (pkg / "fr-FR/c.po").read_text(encoding="utf-8")
        at = text.rindex("\n\n", 0, text.index(f'msgid "{NEW_EN}"')) + 2
        (pkg / "fr-FR/c.po").write_text(text[:at] + f"# {note}\n" + text[at:], encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert note in c[NEW_EN].translator_comments and c[NEW_EN].msgstr == ""


def test_the_packages_own_note_back_without_its_from_adds_no_comment(tmp_path: Path) -> None:
    """A tool or clean-up script that drops the notes' ``from`` attribute sends the package's
    note (``new | new: no translation yet | article fr-FR/c.md``) back as any other: it
    became a translator's ``#`` comment of each entry of the package."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    before = (cats / "fr-FR/c.po").read_bytes()
    xlf = pkg / "fr-FR/c.xlf"
    text = xlf.read_text(encoding="utf-8")
    assert '<note from="pipeline">new | new: no translation yet | article fr-FR/c.md' in text
    xlf.write_text(text.replace(' from="pipeline"', ""), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert (cats / "fr-FR/c.po").read_bytes() == before


def test_units_a_cat_tool_renumbered_find_their_entries_by_their_english(tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/c.xlf"
    text = xlf.read_text(encoding="utf-8")
    for n, uid in enumerate(sorted(set(re.findall(r'trans-unit id="([^"]+)"', text))), 1):
        text = text.replace(f'id="{uid}"', f'id="{n}"')  # the tool's own numbering
    xlf.write_text(text, encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == "FR " + EN and c[NEW_EN].msgstr == "FR " + NEW_EN


def test_units_a_tool_wrote_without_an_id_find_their_entries_by_their_english(
        tmp_path: Path) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/c.xlf"
    xlf.write_text(re.sub(r'trans-unit id="[^"]+"', "trans-unit", xlf.read_text(
        encoding="utf-8")), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == "FR " + EN and c[NEW_EN].msgstr == "FR " + NEW_EN


def test_two_units_a_tool_wrote_for_one_entry_refuse_the_file_as_xliff_import_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A unit without an id (or renumbered) found its entry by its English, beside another
    unit of that entry: the first was published as reviewed, the second named 'translated in
    the catalog since the export', a conflict that was none. Which of the two is the
    vendor's? The file is refused, as ``xliff-import`` refuses it."""
    cats, pkg, path, text, old = _restart_unit(tmp_path)
    before = (cats / "fr-FR/c.po").read_bytes()
    second = re.sub(r' id="[^"]+"', "", _target(old, 'state="translated"', "Second."), count=1)
    path.write_text(text.replace(old, _target(old, 'state="translated"', "Premier.") + second),
                    encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert "error[handoff]: unit '': a second unit for the catalog's entry 'Restart" in err
    assert "keep one of the two" in err and (cats / "fr-FR/c.po").read_bytes() == before


def test_a_renumbered_unit_whose_english_differs_only_inside_a_code_is_not_guessed(
        tmp_path: Path) -> None:
    content, cats = tmp_path / "content", tmp_path / "locales"
    alpha, beta = "Open the `alpha` file.", "Open the `beta` file."
    write(content, "fr-FR/d.md", article("fr-FR", "ddddd", [("", alpha), ("", beta)]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/d.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/d.xlf"
    text = xlf.read_text(encoding="utf-8")
    for n, uid in enumerate(sorted(set(re.findall(r'trans-unit id="([^"]+)"', text))), 1):
        text = text.replace(f'id="{uid}"', f'id="{n}"')
    assert text.count(">FR Open the ") == 2
    xlf.write_text(text.replace(">FR Open the ", ">UN Open the ", 1), encoding="utf-8")
    run("handoff-import", "--locales", cats, pkg, "-q")
    catalog = parse_po_bytes((cats / "fr-FR/d.po").read_bytes(), "d")
    d = {m.msgid: m.msgstr for m in catalog.messages}
    assert d[alpha] in ("", "UN " + alpha) and d[beta] in ("", "FR " + beta)


def test_renumbered_units_of_english_that_differs_inside_a_code_find_theirs_by_its_markup(
        tmp_path: Path) -> None:
    """Units a tool renumbered, of English that differs only inside a code (`alpha`,
    `beta`), were named stale and their translations not applied, though each code's own
    markup (``equiv-text``) tells which English is the unit's; a unit whose English changed
    since is kept, never as a second entry of an English the catalog has (msgfmt refuses
    the catalog: 'duplicate message definition')."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    alpha, beta = "Open the `alpha` file.", "Open the `beta` file."
    write(content, "fr-FR/d.md", article("fr-FR", "ddddd", [("", alpha), ("", beta),
                                                             ("", "Hello there.")]))
    assert run("extract", "--content", content, "--locales", cats, "-q", "-j", "1") == 0
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/d.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/d.xlf"
    text = xlf.read_text(encoding="utf-8")
    for n, uid in enumerate(re.findall(r'trans-unit id="([^"]+)"', text)[:2], 1):
        text = text.replace(f'id="{uid}"', f'id="{n}"')  # the tool's own numbering
    xlf.write_text(text, encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    d = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/d.po").read_bytes(), "d").messages}
    assert (d[alpha].msgstr, d[beta].msgstr) == ("FR " + alpha, "FR " + beta)
    assert not any(m.obsolete for m in d.values())


def test_a_po_package_unit_finds_its_twin_after_a_new_handoff_renumbered_the_contexts() -> None:
    """As ``xliff-import`` does: twin entries of one English get new segment ids from the next
    handoff; the vendor's edit goes to the twin whose text is still the one exported."""
    from dataclasses import replace

    from pipeline.catalog import Catalog, Message, format_po
    from pipeline.handoff.back import apply, read_po
    from pipeline.handoff.package import BASE_NOTE
    from pipeline.handoff.work import base

    header = (("Content-Type", "text/plain; charset=UTF-8"),)
    twins = [Message("Same", "Même", "9c85a-107"), Message("Same", "Pareil", "9c85a-108")]
    sent = [replace(m, extracted_comments=(BASE_NOTE + base(m),),
                    msgstr="Identique" if m.msgstr == "Pareil" else m.msgstr) for m in twins]
    catalog = Catalog(header, messages=tuple(
        replace(m, msgctxt=(m.msgctxt or "").replace("9c85a", "1ab2c")) for m in twins[::-1]))
    units = read_po(catalog, format_po(Catalog(header, messages=tuple(sent))).encode(), "a.po")
    new, _, notes = apply(catalog, units, "a.po")
    assert {m.msgctxt: m.msgstr for m in new.messages} == {
        "1ab2c-107": "Même", "1ab2c-108": "Identique"}
    assert notes == []


@pytest.mark.parametrize("command", [
    ["handoff", "--out"], ["tm-export", "--out"],
])
@pytest.mark.parametrize("locale", ["fr_FR", "es-ES"])
def test_a_locale_with_no_catalogs_is_a_usage_error_naming_the_locales_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str],
        locale: str) -> None:
    """A typo wrote an empty package (or memory) and exited 0: a vendor was sent nothing."""
    _, cats, _ = tree(tmp_path)
    target = tmp_path / ("pkg" if command[0] == "handoff" else "x.tmx")
    capsys.readouterr()
    assert run(command[0], "--locales", cats, "--locale", locale, command[1], target, "-q") == 2
    err = capsys.readouterr().err
    assert f"no catalogs of {locale} under {cats} (its locales: fr-FR)" in err
    assert not target.exists()
    # the locale's own name in another case is the same locale
    assert run(command[0], "--locales", cats, "--locale", "FR-fr", command[1], target, "-q") == 0


@pytest.mark.parametrize("command", [
    ["handoff", "--out"], ["tm-export", "--out"],
])
def test_a_file_where_the_locales_folder_goes_is_named_not_taken_for_no_catalogs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """'no catalogs of de-DE (its locales: fr-FR)' sent the user looking for a typo, where a
    file (a note, an archive unpacked wrong) stands in the locale folder's place."""
    _, cats, _ = tree(tmp_path)
    (cats / "de-DE").write_text("a note\n", encoding="utf-8")
    target = tmp_path / ("pkg" if command[0] == "handoff" else "x.tmx")
    capsys.readouterr()
    assert run(command[0], "--locales", cats, "--locale", "de-DE", command[1], target, "-q") == 2
    assert (f"error: {cats}/de-DE is a file, where a folder should be: no catalog of de-DE was "
            "read (move that file away, then run again)") in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize("change", ["emptied", "no-record"])
def test_an_emptied_entry_takes_the_vendors_text_and_an_unrecorded_one_keeps_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str) -> None:
    """An entry emptied since the export takes the vendor's text. One changed with no
    handoff record to tell who did (a memory's fill, or a translator's edit of it) keeps its
    text, the vendor's beside it: a draft is never overwritten without a trace."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    _translate_po(pkg / "fr-FR/b.po")
    po = cats / "fr-FR/b.po"
    text = po.read_text(encoding="utf-8")
    if change == "emptied":
        text = text.replace(f'msgstr "{MT_FR}"', 'msgstr ""')
    else:
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith("#. handoff:")).replace(MT_FR, "Rempli.")
    po.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    said = "handoff-conflict" in capsys.readouterr().err
    [entry] = [m for m in parse_po_bytes(po.read_bytes(), "b").messages if m.msgid == MT_EN]
    if change == "emptied":
        assert not said and entry.msgstr == f"Vendeur: {MT_EN}" and not entry.fuzzy
    else:
        assert said and entry.msgstr == "Rempli."
        assert f"> Vendeur: {MT_EN}" in entry.translator_comments


def test_a_draft_is_kept_when_the_package_lost_its_record_of_the_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A vendor's tool dropped the package's notes of what was exported: whether the catalog
    changed since cannot be told, so a draft in it is kept and the vendor's text beside it."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    _translate_po(pkg / "fr-FR/b.po")
    returned = pkg / "fr-FR/b.po"
    returned.write_text("".join(
        line for line in returned.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(f"#. {BASE_NOTE}")), encoding="utf-8")
    po = cats / "fr-FR/b.po"
    draft = "Le groupe rassemble les ressources (brouillon)."
    po.write_text(po.read_text(encoding="utf-8").replace(MT_FR, draft), encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    err = capsys.readouterr().err
    assert "handoff-conflict" in err and "the package has no record of the export" in err
    [entry] = [m for m in parse_po_bytes(po.read_bytes(), "b").messages if m.msgid == MT_EN]
    assert entry.msgstr == draft and f"> Vendeur: {MT_EN}" in entry.translator_comments


def _restart_unit(tmp_path: Path) -> tuple[Path, Path, Path, str, str]:
    """A package's catalogs, its folder, its fr-FR file, that file's text and its unit for
    the "Restart" English, for a test to return it changed."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    path = pkg / "fr-FR/c.xlf"
    text = path.read_text(encoding="utf-8")
    [old] = [u for u in re.findall(r"<trans-unit.*?</trans-unit>", text, re.S)
             if "Restart" in u]
    return cats, pkg, path, text, old


def test_a_target_a_cat_tool_segmented_comes_back_whole_with_its_codes(
        tmp_path: Path) -> None:
    """Okapi, Trados and memoQ split a unit into sentences, each target sentence in an
    ``<mrk mtype="seg">`` (with a ``<seg-source>`` beside the source): segment boundaries,
    read through, the codes inside them as anywhere else."""
    cats, pkg, path, text, old = _restart_unit(tmp_path)
    codes = re.findall(r"<x [^>]*/>", old.split("<target")[0])
    new = re.sub(r"(<target[^>]*>).*?</target>", lambda m: (
        f'{m.group(1)}<mrk mtype="seg" mid="1">Redémarrez le {codes[0]}service{codes[1]}'
        '</mrk> <mrk mtype="seg" mid="2">après la mise à jour.</mrk></target>'), old,
        count=1, flags=re.S).replace("</source>", '</source><seg-source><mrk mtype="seg" '
                                     'mid="1">x</mrk></seg-source>', 1)
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[NEW_EN].msgstr == "Redémarrez le <b>service</b> après la mise à jour."


def _returned_restart(tmp_path: Path, unit: Callable[[str, list[str]], str]) -> Message:
    """The "Restart" entry once its unit came back as ``unit`` made it of the unit and the
    source's codes."""
    cats, pkg, path, text, old = _restart_unit(tmp_path)
    codes = re.findall(r"<x [^>]*/>", old.split("<target")[0])
    path.write_text(text.replace(old, unit(old, codes)), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    return c[NEW_EN]


def _target(old: str, attributes: str, text: str) -> str:
    return re.sub(r"<target[^>]*>.*?</target>", lambda _: f"<target {attributes}>{text}</target>",
                  old, count=1, flags=re.S)


@pytest.mark.parametrize("blank", ["  ", "\n          ", "<![CDATA[ ]]>"])
def test_a_target_of_white_space_alone_comes_back_as_no_translation(
        tmp_path: Path, blank: str) -> None:
    """A tool that pretty-prints its XML, or a space typed over the package's copy of the
    English, sends a target of white space: it was taken as the vendor's reviewed
    translation, which the next run held back as blank. It is no translation: nothing
    changes, as for a unit left untouched."""
    got = _returned_restart(tmp_path, lambda old, _: _target(old, 'state="translated"', blank))
    assert (got.msgstr, got.fuzzy) == ("", False)


@pytest.mark.parametrize("blank", ["\u200b", "&#8203;"])
def test_a_target_that_shows_nothing_comes_back_as_no_translation(
        tmp_path: Path, blank: str) -> None:
    """A zero-width space, or a reference to one, typed into a segment to leave it empty,
    was published as the vendor's reviewed translation, and the next run held it back as
    blank (``translation-blank``): the import reads "blank" as that check does."""
    got = _returned_restart(tmp_path, lambda old, _: _target(old, 'state="translated"', blank))
    assert (got.msgstr, got.fuzzy) == ("", False)


def test_a_target_of_the_sources_codes_alone_comes_back_as_no_translation(
        tmp_path: Path) -> None:
    """A tool that requires the source's tags in the target, the words left out: its codes
    alone are '<b></b>', which shows nothing. It was published as the vendor's reviewed
    translation, the English's words gone from the page with no finding."""
    got = _returned_restart(tmp_path, lambda old, codes: _target(
        old, 'state="translated"', "".join(codes)))
    assert (got.msgstr, got.fuzzy) == ("", False)


@pytest.mark.parametrize("text", ["\ue713", "\U0001fae8"])
def test_a_target_python_calls_unprintable_that_shows_comes_back_as_the_translation(
        tmp_path: Path, text: str) -> None:
    """A private-use icon glyph, or an emoji newer than Python's Unicode tables, shows on the
    page: it was dropped as blank, the vendor's text lost."""
    got = _returned_restart(tmp_path, lambda old, _: _target(old, 'state="translated"', text))
    assert (got.msgstr, got.fuzzy) == (text, False)


@pytest.mark.parametrize(("state", "second", "reviewed"), [
    ("translated", '<mrk mtype="seg" mid="2"/>', False),
    ("needs-translation", '<mrk mtype="seg" mid="2">after the update.</mrk>', False),
    ("translated", '<mrk mtype="seg" mid="2">after the update.</mrk>', True),
])
def test_a_segmented_target_that_leaves_a_segment_untranslated_comes_back_fuzzy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str, second: str,
        reviewed: bool) -> None:
    """Trados, memoQ and Okapi split a unit into sentences (a ``<seg-source>``, the
    target's sentences in ``<mrk mtype="seg">`` of the same ``mid``) and leave a sentence
    nobody translated empty, or, the package's target being a copy of the English split with
    it, as that copy. The first sentence alone, or with the English of the second, was taken
    as the vendor's reviewed translation and published; it is kept fuzzy (never published),
    and said. A unit the tool says is done keeps a sentence in English as meant (a name)."""
    def unit(old: str, codes: list[str]) -> str:
        return _target(old, f'state="{state}"', (
            f'<mrk mtype="seg" mid="1">Redémarrez le {codes[0]}service{codes[1]}</mrk> '
            + second)).replace("</source>", (
                '</source><seg-source><mrk mtype="seg" mid="1">Restart the service</mrk> '
                '<mrk mtype="seg" mid="2">after the update.</mrk></seg-source>'), 1)
    capsys.readouterr()
    got = _returned_restart(tmp_path, unit)
    assert got.msgstr.startswith("Redémarrez le <b>service</b> ")
    assert got.reviewed is reviewed
    said = "warning[handoff-incomplete]: unit 'm" in capsys.readouterr().err
    assert said is not reviewed


def test_a_machine_suggestion_a_tool_added_and_copied_in_with_its_codes_stays_fuzzy(
        tmp_path: Path) -> None:
    """A pre-translation step (Okapi's leveraging, a CAT tool's MT) adds its suggestion as an
    ``<alt-trans>``, the codes in it, and copies it into the target, the state left as the
    package's: the suggestion was read only up to its first code, never matched, and the
    machine's text was published as the vendor's reviewed work."""
    def unit(old: str, codes: list[str]) -> str:
        mt = f"Redémarrez le {codes[0]}service{codes[1]} après la mise à jour."
        return _target(old, 'state="needs-translation"', mt).replace("</target>", (
            f'</target><alt-trans origin="mt" tool-id="mt"><target>{mt}</target></alt-trans>'), 1)
    got = _returned_restart(tmp_path, unit)
    assert (got.msgstr, got.fuzzy) == ("Redémarrez le <b>service</b> après la mise à jour.", True)


def test_a_marker_a_tool_puts_around_codes_is_read_through(tmp_path: Path) -> None:
    """``<mrk mtype="protected">`` (Okapi, memoQ) or a reviewer's comment marks text and codes
    without being any: the file was refused whole, 'inline <mrk> where only the package's
    <x/> codes may be'."""
    got = _returned_restart(tmp_path, lambda old, codes: _target(
        old, 'state="translated"', f'Redémarrez le <mrk mtype="protected" mid="p">{codes[0]}'
        f'service{codes[1]}</mrk> après la mise à jour.'))
    assert (got.msgstr, got.fuzzy) == ("Redémarrez le <b>service</b> après la mise à jour.", False)


def test_a_tools_own_mark_over_text_in_a_target_is_named_never_read_into_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Trados's tracked changes (``<mrk mtype="x-sdl-deleted">``) are no text of the
    translation as it stands: named, the file refused, never read through."""
    cats, pkg, path, text, old = _restart_unit(tmp_path)
    before = (cats / "fr-FR/c.po").read_bytes()
    path.write_text(text.replace(old, _target(old, 'state="translated"', (
        'Redémarrez <mrk mtype="x-sdl-deleted">vite</mrk> le service.'))), encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert "error[handoff]: unit 'm" in err and "<mrk mtype='x-sdl-deleted'>, a mark of the " \
        "CAT tool's own (tracked changes?)" in err and "accept or reject the tracked" in err
    assert (cats / "fr-FR/c.po").read_bytes() == before


def test_an_empty_bookmark_a_tool_puts_in_a_target_is_read_through(tmp_path: Path) -> None:
    """Trados's empty ``<mrk mtype="x-sdl-location"/>`` bookmarks in a target segment
    refused the whole file as a mark of the tool's own over text (tracked changes?): an
    empty mark holds no text to publish or to lose."""
    got = _returned_restart(tmp_path, lambda old, codes: _target(
        old, 'state="translated"', f'Redémarrez le <mrk mtype="x-sdl-location" mid="l1"/>'
        f'{codes[0]}service{codes[1]} après la mise à jour.'))
    assert (got.msgstr, got.fuzzy) == ("Redémarrez le <b>service</b> après la mise à jour.", False)


@pytest.mark.parametrize(("attributes", "reviewed"), [
    ('state="needs-translation"', True),  # the package's own, which OmegaT keeps
    ("", True),  # a tool that drops the state says nothing either
    ('state="new"', False),  # Weblate's, Microsoft's Multilingual App Toolkit's "to do"
    ('state="needs-l10n"', False),
    ('state="needs-adaptation"', False),
    ('state="x-sdl-Draft"', False),  # a tool's own state: none that says it is done
])
def test_a_target_whose_state_says_work_remains_comes_back_unreviewed(
        tmp_path: Path, attributes: str, reviewed: bool) -> None:
    """A changed target was the vendor's reviewed work unless its state began with
    ``needs-review``: one a tool set to ``new``, ``needs-l10n``, ``needs-adaptation`` or a
    draft state of its own, all saying the unit is not done (Weblate reads the first three
    as "needs editing"), was published as reviewed. Only the package's own state, which
    OmegaT keeps, or none, leaves the change to speak for itself."""
    got = _returned_restart(tmp_path, lambda old, _: _target(
        old, attributes, "Redémarrez le service."))
    assert (got.msgstr, got.reviewed) == ("Redémarrez le service.", reviewed)


def test_the_englishs_copy_approved_beside_a_state_that_says_work_remains_is_no_translation(
        tmp_path: Path) -> None:
    """``approved="yes"`` beside ``state="new"`` is no confirmation (the state says work
    remains): the package's copy of the English came back as a fuzzy translation, where
    ``xliff-import`` leaves such a copy untranslated, for the memory to fill."""
    got = _returned_restart(tmp_path, lambda old, _: re.sub(
        r"<target [^>]*>", '<target state="new">', old, count=1).replace(
        "<trans-unit ", '<trans-unit approved="yes" ', 1))
    assert (got.msgstr, got.fuzzy) == ("", False)


@pytest.mark.parametrize(("attributes", "reviewed"), [
    ('state="needs-translation" state-qualifier="leveraged-mt"', False),
    ('state="translated" state-qualifier="mt-suggestion"', False),
    ('state="needs-translation" state-qualifier="fuzzy-match"', False),
    ('state="translated" state-qualifier="rejected-inaccurate"', False),
    ('state="translated" state-qualifier="leveraged-tm"', False),  # a memory's fill
    ('state="needs-translation" state-qualifier="leveraged-glossary"', False),
    ('state="final" state-qualifier="leveraged-mt"', True),  # confirmed since
    ('state="translated" state-qualifier="exact-match"', True),
    ('state="needs-translation"', True),  # OmegaT keeps the package's state: edited is done
])
def test_a_target_qualified_as_a_suggestion_or_rejected_comes_back_unreviewed(
        tmp_path: Path, attributes: str, reviewed: bool) -> None:
    """A pre-translation step (Okapi, Phrase, memoQ) qualifies the machine's or memory's
    text it inserts (``leveraged-mt``, ``mt-suggestion``, ``fuzzy-match``), and a review step
    what it rejects (``rejected-*``): such a target is kept as a fuzzy suggestion, never
    published as the vendor's reviewed work, until a ``final`` state confirms it."""
    cats, pkg, path, text, old = _restart_unit(tmp_path)
    new = re.sub(r'<target state="needs-translation">.*?</target>',
                 f"<target {attributes}>Redémarrez le service.</target>", old, count=1,
                 flags=re.S)
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[NEW_EN].msgstr == "Redémarrez le service."
    assert c[NEW_EN].reviewed is reviewed


def test_the_po_header_unit_a_converter_adds_is_not_named_stale(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A package through xliff2po and po2xliff comes back with the PO header as a unit of
    restype x-gettext-domain-header: no English of the catalog, not a stale unit."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="nothing")
    xlf = pkg / "fr-FR/c.xlf"
    header = ('<trans-unit xml:space="preserve" id="1" approved="no" '
              'restype="x-gettext-domain-header"><source>Project-Id-Version: PACKAGE VERSION\n'
              '</source><target state="translated">Project-Id-Version: PACKAGE VERSION\n'
              '</target></trans-unit>')
    xlf.write_text(xlf.read_text(encoding="utf-8").replace("<body>", "<body>" + header, 1),
                   encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    assert "stale" not in capsys.readouterr().err
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    assert c[EN].msgstr == "FR " + EN and not any("Project-Id" in k for k in c)


@pytest.mark.parametrize(("original", "language", "status"), [
    ("c.po", "fr_FR", 0), ("./c.po", "fr-fr", 0), ("in/fr-FR/c.po", "fr-FR", 0),
    ("in/fr-FR/c.po", None, 0), ("c.po", "de_DE", 1), ("b.po", "fr-FR", 1),
    ("de-DE/c.po", "fr-FR", 1), ("c.po", None, 1)])
def test_a_file_a_converter_named_as_it_was_given_comes_back_in_its_own_catalog_only(
        original: str, language: str | None, status: int, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A vendor's xliff2po, edit, po2xliff on one file names it as given (original="c.po"):
    handoff-import refused it ("the package's file for 'c.po'"). A name that ends the
    catalog's path, in whole folder names and the catalog's language, is its own; a short
    name in a file that says no locale is not (a German c.po would pass for the French)."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    xlf = pkg / "fr-FR/c.xlf"
    translate_with_translate_toolkit(xlf, skip="nothing", drop="nothing")
    text = xlf.read_text(encoding="utf-8").replace('original="fr-FR/c.po"',
                                                   f'original="{original}"', 1)
    xlf.write_text(re.sub(r' target-language="[^"]*"', "" if language is None else
                          f' target-language="{language}"', text, count=1), encoding="utf-8")
    before = (cats / "fr-FR/c.po").read_bytes()
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == status
    c = {m.msgid: m for m in parse_po_bytes((cats / "fr-FR/c.po").read_bytes(), "c").messages}
    if status == 0:
        assert c[EN].msgstr == "FR " + EN
    else:
        assert "error[handoff]" in capsys.readouterr().err
        assert (cats / "fr-FR/c.po").read_bytes() == before


def test_an_entity_reference_the_file_defines_is_named_not_called_inline_markup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    xlf = pkg / "fr-FR/c.xlf"
    text = xlf.read_text(encoding="utf-8")
    text = text.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY nbsp "&#160;">]>\n<xliff ', 1)
    text = re.sub(r'(<target state="needs-translation">)Restart', r"\1Red&nbsp;marrez", text)
    xlf.write_text(text, encoding="utf-8")
    before = (cats / "fr-FR/c.po").read_bytes()
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert "error[handoff]: unit " in err and "the entity reference &nbsp;" in err
    assert "inline <?>" not in err and (cats / "fr-FR/c.po").read_bytes() == before


def test_an_import_never_replaces_a_catalog_saved_while_it_ran(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """handoff-import read the catalog, applied the package and replaced it: a reviewer's save
    in between was overwritten without a word."""
    from pipeline.handoff import back

    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats)
    translate_with_translate_toolkit(pkg / "fr-FR/c.xlf", skip="nothing", drop="Restart")
    po = cats / "fr-FR/c.po"
    apply = back.apply

    def saved_meanwhile(*args: object) -> object:
        po.write_bytes(po.read_bytes() + b'\nmsgid "Saved by a reviewer."\nmsgstr "Vu."\n')
        return apply(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(back, "apply", saved_meanwhile)
    assert run("handoff-import", "--locales", cats, pkg, "-q", "-j", "1") == 1
    assert "c.po: error[write-failed]: not written: the file changed since this run read " \
        "it" in capsys.readouterr().err
    assert po.read_bytes().endswith(b'msgid "Saved by a reviewer."\nmsgstr "Vu."\n')


def test_docs_vendors_names_every_category_of_the_word_counts() -> None:
    """wordcount.csv has a TOTAL row for each category; docs/vendors.md listed all but
    `fuzzy-TM <75`, so a vendor quoting from the file met a category nobody explained."""
    from pipeline.handoff.work import CATEGORIES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "vendors.md").read_text("utf-8")
    line = next(p for p in doc.split("\n- ") if p.startswith("**Categories:**"))
    assert [c for c in CATEGORIES if f"`{c}`" not in line] == []


def test_the_packages_english_copy_confirmed_over_a_draft_keeps_the_draft_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """h174: the package writes the English as the target of an entry with a translator's
    fuzzy draft (the draft goes in ``alt-trans``); a CAT tool's "confirm" of that copy
    (``state="translated"``, nothing typed) replaced the draft with the English, reviewed,
    and the draft was gone from the catalog without a word. The confirmation is the
    vendor's and is applied; the draft it replaced stays in a ``#`` comment, and is named."""
    _, cats, _ = tree(tmp_path)
    draft = "Redémarrez le <b>service</b> après."
    path = cats / "fr-FR/c.po"
    cat = parse_po_bytes(path.read_bytes(), "c")
    path.write_text(format_po(replace(cat, messages=tuple(
        replace(m, msgstr=draft, flags=("fuzzy",)) if m.msgid == NEW_EN else m
        for m in cat.messages))), encoding="utf-8")
    pkg = package(tmp_path, cats)
    xlf = pkg / "fr-FR/c.xlf"
    text = xlf.read_text(encoding="utf-8")
    [old] = [u for u in re.findall(r"<trans-unit.*?</trans-unit>", text, re.S)
             if "Restart" in u]
    assert "Redémarrez" in old.split("<alt-trans")[1]  # the copy is the package's own
    xlf.write_text(text.replace(old, old.replace('state="needs-translation"',
                                                 'state="translated"', 1)), encoding="utf-8")
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 0
    got = {m.msgid: m for m in parse_po_bytes(path.read_bytes(), "c").messages}[NEW_EN]
    assert (got.msgstr, got.fuzzy) == (NEW_EN, False)
    assert f"> {draft}" in got.translator_comments
    err = capsys.readouterr().err
    assert "warning[handoff-conflict]" in err and "Redémarrez le" in err


def test_the_package_counts_what_the_page_publishes_for_a_front_matter_value(
        tmp_path: Path) -> None:
    """A title '- a' is published (a YAML value opens no block), and the package counted it
    to-fix, 'reviewed, but not published: the translation fails new-block'. A sentence '- c'
    is held back on the page, and in the counts."""
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "en-US/a.md", "---\ntitle: Install the tool\n---\n\n# Setup\n\n"
                                 "Open a terminal.\n")
    (content / "fr-FR").mkdir()
    args = ["--content", content, "--locales", cats, "-q", "-j", "1"]
    assert run("extract", *args) == 0
    po = cats / "fr-FR/a.po"
    text = po.read_text(encoding="utf-8")
    for english, french in (("Install the tool", "- a"), ("Open a terminal.", "- c")):
        text = text.replace(f'msgid "{english}"\nmsgstr ""',
                            f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    assert run("locales", *args, "--out", out) == 1  # '- c' is held back: new-block
    page = (out / "fr-FR/a.md").read_text(encoding="utf-8")
    assert 'title: "- a"' in page and "Open a terminal." in page
    pkg = package(tmp_path, cats)
    counts = (pkg / "wordcount.csv").read_text(encoding="utf-8")
    assert "fr-FR/a.po,to-fix,1,3\n" in counts  # the sentence alone


@pytest.mark.parametrize("notes, text, expected", [
    ("#. handoff: MT {crc}\n", MT_FR, ("MT-to-review", "mt")),  # a tool dropped the MT note
    ("#. machine translation: not yet reviewed\n#. handoff: MT {crc}\n", "Mon brouillon.",
     ("to-review", "fuzzy")),  # a draft typed over the machine's, under its note
], ids=["note-dropped", "draft-under-the-note"])
def test_machine_translation_is_packaged_by_its_handoff_record_before_its_note(
        notes: str, text: str, expected: tuple[str, str]) -> None:
    """h185: the package's category and origin went by the MT note alone."""
    from pipeline.handoff.package import _origin
    from pipeline.handoff.work import category
    from pipeline.provenance import checksum

    po = (f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          f'{notes.format(crc=checksum(MT_FR))}#, fuzzy\nmsgid "{MT_EN}"\nmsgstr "{text}"\n')
    work = category(next(m for m in parse_po_bytes(po.encode(), "b.po").messages if m.msgid))
    assert work is not None and (work.category, _origin(work)) == expected


def test_a_po_package_file_of_another_language_is_refused_not_imported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """h189: the German vendor's b.po (Language: de_DE) unpacked into the French package's
    folder. An XLIFF file says its target-language and is refused; the PO file's Language
    header was not read: its German was imported into the French catalog, reviewed, and
    published as the French page."""
    _, cats, _ = tree(tmp_path)
    pkg = package(tmp_path, cats, "po")
    returned = pkg / "fr-FR/b.po"
    text = re.sub(r'"Language: [^"\\]*\\n"', r'"Language: de_DE\\n"', returned.read_text(
        encoding="utf-8"))
    assert "Language: de_DE" in text
    returned.write_text(text.replace("#, fuzzy\n", "").replace(
        f'msgstr "{MT_FR}"', 'msgstr "Die Ressourcengruppe enthält jede Ressource."'),
        encoding="utf-8")
    before = (cats / "fr-FR/b.po").read_bytes()
    capsys.readouterr()
    assert run("handoff-import", "--locales", cats, pkg, "-q") == 1
    err = capsys.readouterr().err
    assert "fr-FR/b.po:" in err and "'de_DE'" in err, err
    assert (cats / "fr-FR/b.po").read_bytes() == before
