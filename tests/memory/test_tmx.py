"""TMX: the memory exported as TMX 1.4 reads back with Translate Toolkit's TMX reader, and a
vendor's TMX given with --tm fills as the catalogs do."""

from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from pipeline.findings import InputError
from pipeline.memory import tmx
from pipeline.memory.index import build
from tests.memory.helpers import article, run, write

EN = "Select the subscription that you want to use for this deployment."
FR = "Sélectionnez l'abonnement à utiliser pour ce déploiement."


def test_tm_export_writes_tmx_that_a_tmx_reader_reads_back(tmp_path: Path) -> None:
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [
        (FR, EN), ("Texte & <b>balises</b> « ici ».", "Text & <b>tags</b> here.")]))
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("Traduction machine.", EN)],
                                         mt=True))
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    out = tmp_path / "fr.tmx"
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--out", out) == 0
    store = tmxfile(out.read_bytes(), "en-US", "fr-FR")
    pairs = sorted((u.source, u.target) for u in store.units)
    assert pairs == sorted([(EN, FR), (EN, "Traduction machine."),
                            ("Text & <b>tags</b> here.", "Texte & <b>balises</b> « ici ».")])
    first = [u for u in store.units if u.source == EN]
    assert first[0].target == FR  # the reviewed translation comes first
    # our own reader gets the review state back
    rows = tmx.read(out.read_bytes(), "fr-FR", str(out))
    assert (EN, FR, True) in rows and (EN, "Traduction machine.", False) in rows


def test_the_export_is_the_same_bytes_for_the_same_memory() -> None:
    index = build([("fr-FR/a.md", [(EN, FR, True)])])
    assert tmx.export(index, "fr-FR", "1") == tmx.export(index, "fr-FR", "1")


def test_a_catalog_name_xml_cannot_carry_is_shown_escaped_not_a_crash() -> None:
    """helper-128: a catalog named with an ESC sequence stopped tm-export with 'pipeline:
    internal error: ValueError: All strings must be XML compatible' (exit 3): its name is each
    unit's x-pipeline-origin. It is written escaped, as the findings show it."""
    from lxml import etree

    index = build([("fr-FR/a\x1b[2J\ufffe.md", [(EN, FR, True)])])
    root = etree.fromstring(tmx.export(index, "fr-FR", "1"))
    assert root.findtext(".//prop[@type='x-pipeline-origin']") == "fr-FR/a\\x1b[2J\\ufffe.md"


def test_a_vendor_tmx_given_with_tm_fills_new_entries(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor.tmx"
    vendor.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
        'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
        'adminlang="en" o-tmf="x"/><body>'
        f'<tu><tuv xml:lang="EN-US"><seg>{EN}</seg></tuv>'
        f'<tuv xml:lang="fr"><seg>Choisissez <ph>**</ph>l\'abonnement<ph>**</ph>.</seg>'
        '</tuv></tu></body></tmx>', encoding="utf-8")
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN)]))
    run("locales", "--content", content, "--locales", cats, "--out", out, "-q", "--tm", vendor)
    po = (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert "# tm: exact match from tmx:vendor.tmx (reviewed)" in po
    assert "msgstr \"Choisissez **l'abonnement**.\"" in po


@pytest.mark.parametrize("text", ["<tmx><body><tu>", "<xliff/>"])
def test_a_broken_tmx_is_an_error_naming_the_file(
        tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    vendor = tmp_path / "vendor.tmx"
    vendor.write_text(text, encoding="utf-8")
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN)]))
    code = run("locales", "--content", content, "--locales", cats, "--out", out, "-q",
               "--tm", vendor)
    err = capsys.readouterr().err
    assert code == 1 and f"{vendor}" in err and "error[tm-file]" in err
    assert (cats / "fr-FR/b.po").is_file()  # the run went on


def _tmx(english: str, french: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
            'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
            'adminlang="en" o-tmf="x"/><body>'
            f'<tu><tuv xml:lang="en-US"><seg>{english}</seg></tuv>'
            f'<tuv xml:lang="fr-FR"><seg>{french}</seg></tuv></tu></body></tmx>')


def test_a_tmx_whose_content_changes_is_read_again_by_the_next_run(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor.tmx"
    vendor.write_text(_tmx("Something else entirely here.", "Tout autre chose ici."),
                      encoding="utf-8")
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN)]))
    args = ("locales", "--content", content, "--locales", cats, "--out", out, "-q", "--tm",
            vendor)
    run(*args)
    assert "tm:" not in (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    vendor.write_text(_tmx(EN, FR), encoding="utf-8")  # the vendor's next delivery
    run(*args)
    po = (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert "# tm: exact match from tmx:vendor.tmx (reviewed)" in po and FR in po


def test_a_broken_tmx_is_named_again_by_a_run_with_nothing_else_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vendor = tmp_path / "vendor.tmx"
    vendor.write_text("<tmx><body><tu>", encoding="utf-8")
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN)]))
    args = ("locales", "--content", content, "--locales", cats, "--out", out, "-q", "--tm",
            vendor)
    for _ in range(2):
        assert run(*args) == 1
        assert "error[tm-file]" in capsys.readouterr().err


def _header(srclang: str | None) -> str:
    lang = "" if srclang is None else f' srclang="{srclang}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header{lang} '
            'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
            'adminlang="en" o-tmf="x"/>\n<body>')


@pytest.mark.parametrize("srclang", ["en", "*all*", None, "EN-us"])
@pytest.mark.parametrize(("english_lang", "french_lang"), [("en-US", "fr-FR"), ("en", "fr")])
def test_a_tmx_reads_whatever_way_its_header_names_english(
        srclang: str | None, english_lang: str, french_lang: str) -> None:
    data = (_header(srclang) + f'<tu><tuv xml:lang="{english_lang}"><seg>{EN}</seg></tuv>'
            f'<tuv xml:lang="{french_lang}"><seg>{FR}</seg></tuv></tu></body></tmx>')
    assert tmx.read(data.encode(), "fr-FR", "v.tmx") == [(EN, FR, True)]


def test_a_tmx_whose_units_never_use_its_source_language_is_an_error_at_its_header() -> None:
    data = (_header("en-US") + f'<tu><tuv xml:lang="en-GB"><seg>{EN}</seg></tuv>'
            f'<tuv xml:lang="fr-FR"><seg>{FR}</seg></tuv></tu></body></tmx>')
    with pytest.raises(InputError) as raised:
        tmx.read(data.encode(), "fr-FR", "v.tmx")
    found = raised.value.finding
    assert (found.file, found.line, found.check) == ("v.tmx", 2, "tm-file")
    assert found.message == "none of its 1 <tu> has a <tuv> in its source language 'en-US'"


def test_a_multilingual_tmx_gives_the_closest_language_tag_of_each_side() -> None:
    data = (_header("en") + '<tu><tuv xml:lang="en-GB"><seg>Colour the cell.</seg></tuv>'
            f'<tuv xml:lang="en-US"><seg>{EN}</seg></tuv>'
            '<tuv xml:lang="fr"><seg>Français générique.</seg></tuv>'
            '<tuv xml:lang="fr-CA"><seg>Français canadien.</seg></tuv>'
            f'<tuv xml:lang="fr-FR"><seg>{FR}</seg></tuv></tu></body></tmx>')
    assert tmx.read(data.encode(), "fr-FR", "v.tmx") == [(EN, FR, True)]
    assert tmx.read(data.encode(), "fr-BE", "v.tmx") == [(EN, "Français générique.", True)]
    # a regional English is a locale too: its own tag is its translation, never the source
    assert tmx.read(data.encode(), "en-GB", "v.tmx") == [(EN, "Colour the cell.", True)]


@pytest.mark.parametrize("srclang", ["fr-FR", "de-DE"])
def test_a_tmx_whose_source_language_is_not_english_is_an_error_at_its_header(
        srclang: str) -> None:
    data = (_header(srclang) + f'<tu><tuv xml:lang="fr-FR"><seg>{FR}</seg></tuv>'
            f'<tuv xml:lang="en-US"><seg>{EN}</seg></tuv></tu></body></tmx>')
    with pytest.raises(InputError) as raised:
        tmx.read(data.encode(), "fr-FR", "v.tmx")
    found = raised.value.finding
    assert (found.file, found.line, found.check) == ("v.tmx", 2, "tm-file")
    assert found.message == f"its source language {srclang!r} is not English"


@pytest.mark.parametrize("command", ["extract", "check", "locales"])
def test_a_tmx_named_with_tm_is_used_or_its_problem_named_without_the_memory_setting(
        tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.pipeline]\n", encoding="utf-8")  # translation-memory unset
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN)]))
    base = ["--content", content, "--locales", cats, "-q", "--config", config]
    if command == "check":
        assert run("extract", *base) == 0
    extra = ["--out", out] if command == "locales" else []
    missing = tmp_path / "missing.tmx"
    assert run(command, *base, *extra, "--tm", missing) == 1
    err = capsys.readouterr().err
    assert f"{missing}: error[tm-file]: cannot read" in err
    if command != "check":  # a readable one fills the catalog
        vendor = tmp_path / "vendor.tmx"
        vendor.write_text(_tmx(EN, FR), encoding="utf-8")
        run(command, *base, *extra, "--tm", vendor)
        assert FR in (cats / "fr-FR/b.po").read_text(encoding="utf-8")


_ENTITY_TMX = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY x SYSTEM "file:///etc/hostname">\n]>'
               '\n<tmx version="1.4"><header srclang="en-US"/><body>'
               f'<tu><tuv xml:lang="en-US"><seg>{EN}</seg></tuv>'
               '<tuv xml:lang="fr-FR"><seg>&x;</seg></tuv></tu></body></tmx>\n')
_BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">\n'
         + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 20}">\n'
                   for p, n in zip("abcdef", "bcdefg", strict=True))
         + ']>\n<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US">'
         f'<seg>{EN}</seg></tuv><tuv xml:lang="fr-FR"><seg>&g;</seg></tuv></tu></body></tmx>\n')


@pytest.mark.parametrize(("text", "line", "said"), [
    (_ENTITY_TMX, 3, "declares the entity 'x'"),
    (_BOMB, 3, "declares the entity 'a'"),
    (_tmx(EN, "Oui.").replace('version="1.4"><header', 'version="9.9"><header'), 2,
     "TMX version '9.9'"),
])
def test_entities_and_an_unknown_version_are_an_error_at_their_line(
        text: str, line: int, said: str) -> None:
    from pipeline.findings import InputError
    from pipeline.memory import tmx

    for data in (text.encode(), text.replace('<?xml version="1.0"?>', '<?xml version="1.0" '
                                             'encoding="UTF-16"?>').encode("utf-16")):
        with pytest.raises(InputError) as caught:
            tmx.read(data, "fr-FR", "vendor.tmx")
        finding = caught.value.finding
        assert finding.check == "tm-file", finding
        if data.isascii():
            assert said in finding.message and finding.line == line, finding
        else:  # libxml2 may refuse a UTF-16 bomb itself, as an entity amplification
            assert said in finding.message or "entity" in finding.message, finding
        assert "hostname" not in finding.message


def test_a_tmx_naming_its_dtd_is_read_without_loading_it() -> None:
    from pipeline.memory import tmx

    text = _tmx(EN, "Oui.").replace("\n<tmx", '\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx')
    assert tmx.read(text.encode(), "fr-FR", "vendor.tmx") == [(EN, "Oui.", True)]


def test_a_tmx_over_the_size_limit_is_the_memorys_error_with_the_memorys_advice(
        tmp_path: Path) -> None:
    """helper-86: it was 'too-large' with the advice to split the article."""
    from pipeline.findings import InputError
    from pipeline.memory import tmx

    vendor = tmp_path / "vendor.tmx"
    vendor.write_text(_tmx(EN, "Oui."), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        tmx.read_file(vendor, "fr-FR", 100)
    finding = caught.value.finding
    assert finding.check == "tm-file" and "the limit is 100" in finding.message
    assert "article" not in finding.hint and "max-file-size" in finding.hint
    assert tmx.read_file(vendor, "fr-FR", 10_000) == [(EN, "Oui.", True)]


@pytest.mark.parametrize("units", [1, 3000])
def test_a_header_after_the_body_is_read_the_same_whatever_the_file_s_size(units: int) -> None:
    """The stream reads a header only once its end is met: one after the body (no valid TMX,
    but a file) is still checked, the same for a small file (whose header the parser has
    read ahead of the first unit) as for a large one (whose header it has not)."""
    body = "".join(f'<tu><tuv xml:lang="en-US"><seg>{EN} {n}</seg></tuv>'
                   f'<tuv xml:lang="fr-FR"><seg>{FR} {n}</seg></tuv></tu>'
                   for n in range(units))
    data = (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><body>{body}</body>'
            '\n<header srclang="de-DE"/></tmx>')
    with pytest.raises(InputError) as raised:
        tmx.read(data.encode(), "fr-FR", "v.tmx")
    found = raised.value.finding
    assert (found.line, found.message) == (3, "its source language 'de-DE' is not English")
    english = data.replace('srclang="de-DE"', 'srclang="en-US"')
    assert len(tmx.read(english.encode(), "fr-FR", "v.tmx")) == units


def test_an_empty_tmx_is_an_error_at_its_first_line() -> None:
    with pytest.raises(InputError) as raised:
        tmx.read(b"", "fr-FR", "v.tmx")
    assert (raised.value.finding.line, raised.value.finding.check) == (1, "tm-file")


@pytest.mark.parametrize("prop", [
    '<prop type="x-pipeline-status">unreviewed</prop>',
    '<prop type="x-pipeline-status:SingleString">unreviewed</prop>',  # Trados's TM fields
    '<prop type="x-pipeline-status:SinglePicklist">Unreviewed</prop>',
    '<prop type="pipeline-status">unreviewed</prop>',
])
def test_the_unreviewed_status_survives_a_round_through_a_cat_tools_memory(prop: str) -> None:
    """tm-export marks a held-back translation unreviewed; a vendor's tool that stores it as
    a TM field writes it back in its own spelling, and it is still unreviewed."""
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'srclang="en-US" o-tmf="SDL TM8 Format"/><body>'
            f'<tu>{prop}<prop type="x-Client:SingleString">x</prop>'
            f'<tuv xml:lang="en-US"><seg>{EN}</seg></tuv>'
            f'<tuv xml:lang="fr-FR"><seg>{FR}</seg></tuv></tu></body></tmx>').encode()
    assert tmx.read(data, "fr-FR", "v.tmx") == [(EN, FR, False)]


@pytest.mark.parametrize("lang", ["iw-IL", "IW_il", "iw", "he-IL"])
def test_hebrew_under_the_code_java_tools_write_is_hebrew(lang: str) -> None:
    """Java before 17 writes Hebrew as ``iw`` (ISO 639's code until 1989): a Hebrew memory
    from a Java-based CAT tool still fills the he-IL catalogs, not silently nothing."""
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'srclang="en-US"/><body>'
            f'<tu><tuv xml:lang="en-US"><seg>{EN}</seg></tuv>'
            f'<tuv xml:lang="{lang}"><seg>בחר את המינוי</seg></tuv></tu></body></tmx>').encode()
    assert tmx.read(data, "he-IL", "v.tmx") == [(EN, "בחר את המינוי", True)]
    assert tmx.read(data, "ar-SA", "v.tmx") == []


def _memory(path: Path, *langs: str) -> bytes:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in (
        ("en-US", EN), *((lang, f"{FR} ({lang})") for lang in langs)))
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
            'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
            f'adminlang="en-US" o-tmf="x"/><body><tu>{tuvs}</tu></body></tmx>\n').encode()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("given", ["--tm", "setting"])
def test_an_export_over_a_memory_of_several_languages_the_run_reads_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str) -> None:
    """`tm-export --locale fr-FR --out team.tmx`, team.tmx the memory the runs read (`tm` or
    `--tm`) holding German units too: exit 0, team.tmx replaced by the French export, every
    German unit gone. Regenerating a locale's own memory stays a workflow (next test)."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [(FR, EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    team = tmp_path / "team.tmx"
    before = _memory(team, "fr-FR", "de-DE")
    args = ["--tm", team] if given == "--tm" else ["--config", tmp_path / "pyproject.toml"]
    (tmp_path / "pyproject.toml").write_text(f'[tool.pipeline]\ntm = ["{team}"]\n')
    capsys.readouterr()
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", *args, "--out", team) == 2
    assert capsys.readouterr().err == (
        f"pipeline: error: --out {team} is a translation memory the run reads, and it holds "
        "units in de-DE, which an export of fr-FR would drop: give an output of its own\n")
    assert team.read_bytes() == before


def test_an_export_over_the_locales_own_memory_regenerates_it_with_its_units(
        tmp_path: Path) -> None:
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [("Bonjour.", "Hello.")]))
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    own = tmp_path / "fr.tmx"
    _memory(own, "fr")
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--tm", own,
               "--out", own) == 0
    rows = tmx.read(own.read_bytes(), "fr-FR", str(own))
    assert {(EN, f"{FR} (fr)"), ("Hello.", "Bonjour.")} <= {r[:2] for r in rows}


def test_an_export_over_a_memory_with_two_tags_of_the_locale_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A memory whose units hold the locale twice (``fr-FR`` and the bare ``fr``, as two
    tools wrote them): an export keeps the closest of a unit's texts, so the ``fr`` ones were
    dropped, exit 0. Every tag but the one the export keeps is another language here."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [(FR, EN)]))
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    team = tmp_path / "team.tmx"
    before = _memory(team, "fr-FR", "fr")
    capsys.readouterr()
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--tm", team,
               "--out", team) == 2
    assert "holds units in fr, which an export of fr-FR would drop" in capsys.readouterr().err
    assert team.read_bytes() == before


def test_an_export_over_the_locales_own_memory_of_srclang_all_regenerates_it(
        tmp_path: Path) -> None:
    """srclang ``*all*`` (TMX's "any source") is read as English; the check before an export
    took it for a language, so the memory's own English was 'another language' and a
    locale's own memory could not be regenerated."""
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [("Bonjour.", "Hello.")]))
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    own = tmp_path / "fr.tmx"
    own.write_bytes(_memory(own, "fr-FR").replace(b'srclang="en-US"', b'srclang="*all*"'))
    assert run("tm-export", "--locales", cats, "--locale", "fr-FR", "--tm", own,
               "--out", own) == 0
    rows = tmx.read(own.read_bytes(), "fr-FR", str(own))
    assert {(EN, f"{FR} (fr-FR)"), ("Hello.", "Bonjour.")} <= {r[:2] for r in rows}
