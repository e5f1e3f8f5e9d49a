"""`pipeline stats`: counts that agree with Translate Toolkit's pocount, table and JSON output."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.catalog import parse_po
from pipeline.cli import main
from pipeline.provenance import checksum
from pipeline.stats import Counts, count_catalog, pocount_source

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"
POCOUNT = Path(sys.executable).with_name("pocount")

HEADER = '''# a header comment
#, fuzzy
msgid ""
msgstr ""
"Language: fr_FR\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
'''

GERMAN_HEADER = HEADER.replace("Language: fr_FR", "Language: de_DE")  # a de-DE catalog

# Every kind of entry pocount treats differently, in the form msgcat --no-wrap writes.
EDGE_CASES = HEADER + '''
#. 1
msgid "A translated sentence with <b>markup</b> and a [link](https://example.com)."
msgstr "Une phrase traduite avec <b>balises</b> et un [lien](https://example.com)."

#. 2
#. machine translation: not yet reviewed
#, fuzzy
msgid "Machine translated, still fuzzy."
msgstr "Traduit par machine, encore flou."

#. 3
#. machine translation: not yet reviewed
msgid "Machine translated, fuzzy flag cleared by a reviewer."
msgstr "Traduit par machine, relu."

#, fuzzy
#| msgid "Old English."
msgid "Changed English, fuzzy suggestion."
msgstr "Ancien anglais."

#, fuzzy
msgid "Fuzzy but empty: untranslated for pocount."
msgstr ""

msgid "Plain untranslated."
msgstr ""

msgctxt "b5df6-110"
msgid ""
msgstr ""

msgctxt "b5df6-111"
msgid ""
msgstr "Traduction d’un anglais vide"

msgctxt "b5df6-112"
msgid "Same English, other context."
msgstr "Même anglais, autre contexte."

msgid "Version 1.2.3 of the CLI<br/>on two lines, 4 items."
msgstr "Version 1.2.3 du CLI<br/>sur deux lignes, 4 éléments."

msgid ""
"_: a KDE-style comment line\\n"
"The English after the comment."
msgstr ""

msgid "_: nothing but a comment"
msgstr ""

#, c-format, fuzzy
msgid "Fuzzy among other flags %s."
msgstr "Flou parmi d’autres drapeaux %s."

#~ msgid "Obsolete translated."
#~ msgstr "Obsolète traduit."

#, fuzzy
#~ msgid "Obsolete fuzzy."
#~ msgstr "Obsolète flou."

#~ msgid "Obsolete untranslated."
#~ msgstr ""
'''


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def pocount_csv(paths: list[Path]) -> dict[str, dict[str, int]]:
    """pocount's own per-file counts (`pocount --csv`), by file path."""
    done = subprocess.run([str(POCOUNT), "--csv", *map(str, paths)], capture_output=True,
                          text=True, check=True)
    rows = {}
    for row in csv.DictReader(io.StringIO(done.stdout)):
        name = row.pop("Filename")
        rows[str(Path(name).resolve())] = {k: int(v) for k, v in row.items()}
    return rows


POCOUNT_COLUMNS = {
    "translated": "Translated Messages",
    "fuzzy": "Fuzzy Messages",
    "untranslated": "Untranslated Messages",
    "total": "Total Message",
    "translated_words": "Translated Source Words",
    "fuzzy_words": "Fuzzy Source Words",
    "untranslated_words": "Untranslated Source Words",
    "total_words": "Total Source Words",
}


def corpus_sample(tmp: Path, count: int = 50) -> Path:
    """Catalogs extracted from ``count`` corpus articles spread over every locale."""
    if not CORPUS.is_dir():
        pytest.skip(f"no shared corpus at {CORPUS}")
    articles = sorted(CORPUS.rglob("*.md"))
    content = tmp / "content"
    for article in articles[:: max(1, len(articles) // count)][:count]:
        target = content / article.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article, target)
    locales = tmp / "locales"
    assert main(["extract", "--content", str(content), "--locales", str(locales), "-q",
                 "-j", "1"]) == 0
    return locales


def test_each_kind_of_entry_counts_as_pocount_counts_it() -> None:
    counts = count_catalog(parse_po(EDGE_CASES, "edge.po"))
    # translated: 1, 3 (flag cleared), ctx+empty English with msgstr, other context, <br/>
    # fuzzy: 2, changed English, fuzzy among flags; untranslated: fuzzy-empty, plain, KDE;
    # in none: context with empty English and no msgstr, all-comment msgid; obsolete: none.
    assert (counts.translated, counts.fuzzy, counts.untranslated) == (5, 3, 3)
    assert counts.total == 11


def test_machine_translated_means_fuzzy_with_the_mt_note() -> None:
    counts = count_catalog(parse_po(EDGE_CASES, "edge.po"))
    assert counts.machine_translated == 1  # the reviewed entry still carrying the note is not
    assert counts.machine_translated_share == pytest.approx(1 / 8)
    assert Counts().machine_translated_share == 0.0


@pytest.mark.parametrize("notes, text, machine", [
    ("#. machine translation: not yet reviewed\n#. handoff: MT {crc}\n", "Traduit.", 1),
    # a vendor's tool dropped the MT note: the record says the text is still the machine's
    ("#. handoff: MT {crc}\n", "Traduit.", 1),
    # a draft typed over it, still fuzzy, the note left in place: the translator's, not MT
    ("#. machine translation: not yet reviewed\n#. handoff: MT {crc}\n", "Mon brouillon.", 0),
    # no record (a tool dropped it): the note is all there is to go by
    ("#. machine translation: not yet reviewed\n", "Mon brouillon.", 1),
], ids=["as-delivered", "note-dropped", "draft-under-the-note", "record-dropped"])
def test_machine_translated_is_told_by_the_handoff_record_before_the_note(
        notes: str, text: str, machine: int) -> None:
    """h185: a vendor who removed the MT note made unreviewed machine translation count as a
    person's draft (0 % MT), and one who typed over it under the note as machine's."""
    crc = checksum("Traduit.")
    po = HEADER + f'\n{notes.format(crc=crc)}#, fuzzy\nmsgid "Machine."\nmsgstr "{text}"\n'
    assert count_catalog(parse_po(po, "mt.po")).machine_translated == machine


def test_kde_comment_lines_are_not_english() -> None:
    assert pocount_source("_: a comment\nThe English") == "The English"
    assert pocount_source("_: only a comment") == ""
    assert pocount_source("Keep _: this\n_: drop\nkeep") == "Keep _: this\nkeep"


@pytest.mark.skipif(not POCOUNT.exists(), reason="Translate Toolkit's pocount is not installed")
def test_counts_agree_with_pocount_per_catalog_and_in_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = corpus_sample(tmp_path)
    shutil.copytree(REPO / "locales", locales, dirs_exist_ok=True)
    write(locales, "fr-FR/edge/cases.po", EDGE_CASES)
    write(locales, "de-DE/edge/empty.po", GERMAN_HEADER)
    code, out, _ = run(["stats", "--locales", str(locales), "--by-article", "--format", "json",
                        "-j", "1"], capsys)
    assert code == 0
    mine = {str((locales / o["catalog"]).resolve()): o for o in json.loads(out)}
    theirs = pocount_csv(sorted(locales.rglob("*.po")))
    assert len(mine) >= 57 and mine.keys() == theirs.keys()
    differ = [
        (path, key, mine[path][key], theirs[path][column])
        for path in theirs for key, column in POCOUNT_COLUMNS.items()
        if mine[path][key] != theirs[path][column]
    ]
    assert differ == []
    for key, column in POCOUNT_COLUMNS.items():
        assert sum(o[key] for o in mine.values()) == sum(r[column] for r in theirs.values())


def test_json_has_one_object_per_locale_or_per_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "fr-FR/a.po", EDGE_CASES)
    write(tmp_path, "fr-FR/sub/b.po", EDGE_CASES)
    write(tmp_path, "de-DE/c.po", EDGE_CASES.replace(HEADER, GERMAN_HEADER))
    code, out, _ = run(["stats", "--locales", str(tmp_path), "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["locale"] for r in rows] == ["de-DE", "fr-FR"]
    fr = rows[1]
    assert (fr["translated"], fr["fuzzy"], fr["untranslated"], fr["total"]) == (10, 6, 6, 22)
    assert fr["machine_translated"] == 2
    assert fr["machine_translated_share"] == 0.125
    assert fr["total_words"] == fr["translated_words"] + fr["fuzzy_words"] + fr[
        "untranslated_words"]
    code, out, _ = run(["stats", "--locales", str(tmp_path), "--format", "json",
                        "--by-article"], capsys)
    assert [(r["locale"], r["catalog"]) for r in json.loads(out)] == [
        ("de-DE", "de-DE/c.po"), ("fr-FR", "fr-FR/a.po"), ("fr-FR", "fr-FR/sub/b.po")]


def test_text_is_an_aligned_table_with_a_total_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "fr-FR/a.po", EDGE_CASES)
    write(tmp_path, "de-DE/c.po", GERMAN_HEADER)
    code, out, _ = run(["stats", "--locales", str(tmp_path)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["locale", "de-DE", "fr-FR", "TOTAL"]
    assert lines[3].split()[1:5] == ["5", "3", "3", "11"]
    # numbers are right-aligned under their headers
    end = lines[0].index("untranslated") + len("untranslated")
    assert {line[end - 1] for line in lines[1:]} == {"0", "3"}
    assert lines[3].endswith("12.5%")


def test_a_broken_catalog_is_an_error_and_the_others_still_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "fr-FR/good.po", EDGE_CASES)
    write(tmp_path, "fr-FR/broken.po", HEADER + '\nmsgid "unterminated\nmsgstr ""\n')
    code, out, err = run(["stats", "--locales", str(tmp_path), "--format", "json"], capsys)
    assert code == 1
    assert "broken.po:8:1: error[po-syntax]: " in err
    assert json.loads(out)[0]["total"] == 11


@pytest.mark.parametrize("command", [
    ["stats", "--format", "json"], ["tm-export", "--locale", "fr-FR", "--out", "{tmp}/fr.tmx"],
    ["xliff-export", "--out", "{tmp}/xlf"], ["handoff", "--locale", "fr-FR", "--out", "{tmp}/pkg"],
], ids=["stats", "tm-export", "xliff-export", "handoff"])
def test_another_locales_catalog_in_the_folder_is_an_error_and_neither_counted_nor_exported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """h185: the German catalog filed at locales/fr-FR (po-locale) was counted as French and
    exported as French, to a vendor and into the French memory."""
    write(tmp_path / "l", "fr-FR/good.po", EDGE_CASES)
    german = EDGE_CASES.replace("Language: fr_FR", "Language: de_DE").replace(
        "Traduit par machine", "Maschinell übersetzt")
    write(tmp_path / "l", "fr-FR/other.po", german)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, out, err = run([*args, "--locales", str(tmp_path / "l")], capsys)
    assert code == 1
    assert "other.po:5:1: error[po-locale]: the catalog's Language header says 'de_DE'" in err
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*")
                      if p.is_file() and tmp_path / "l" not in p.parents)
    assert "Maschinell" not in out + written
    if command[0] == "stats":
        assert json.loads(out)[0]["total"] == 11


def test_no_locales_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["stats", "--locales", str(tmp_path / "missing")], capsys)
    assert code == 2 and "no catalogs folder" in err


def test_output_is_the_same_for_any_number_of_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(70):
        write(tmp_path, f"{('fr-FR', 'de-DE')[n % 2]}/c{n:02}.po", EDGE_CASES)
    outputs = {
        run(["stats", "--locales", str(tmp_path), "--by-article", "-j", jobs], capsys)[1]
        for jobs in ("1", "2")
    }
    assert len(outputs) == 1
