"""Our catalogs against GNU gettext itself: msgfmt -c accepts them silently, msgcat --no-wrap
writes them back byte for byte, and what GNU (or a vendor's tool) rewrites reads back equal.

Inputs: the golden articles and ~40 real articles spread over every locale of the shared corpus.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from pipeline.article import read_article
from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.merge import merge

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
GOLDEN_LOCALES = {
    "simple": "fr-FR",
    "duplicate-english": "de-DE",
    "crlf-multiline": "ar-SA",
    "empty-english": "ja-JP",
}
CORPUS_SAMPLE = 40

pytestmark = pytest.mark.usefixtures("require_gettext")


@dataclass(frozen=True)
class Built:
    name: str
    catalog: Catalog
    text: str


def gnu(*args: str, path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*args, str(path)], capture_output=True, timeout=120, check=False)


def write(tmp: Path, built: Built) -> Path:
    path = tmp / (built.name.replace("/", "__") + ".po")
    path.write_bytes(built.text.encode("utf-8"))
    return path


def build(data: bytes, rel: str) -> Built:
    cat = merge(read_article(data, rel), None)
    return Built(rel, cat, format_po(cat))


@pytest.fixture(scope="module")
def golden_catalogs() -> list[Built]:
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == sorted(GOLDEN_LOCALES)
    return [
        build((GOLDEN / case / "article.md").read_bytes(), f"{locale}/golden/{case}.md")
        for case, locale in sorted(GOLDEN_LOCALES.items())
    ]


@pytest.fixture(scope="module")
def corpus_catalogs(corpus_root: Path) -> list[Built]:
    articles = sorted(corpus_root.rglob("*.md"))
    step = max(1, len(articles) // CORPUS_SAMPLE)
    sample = articles[::step][:CORPUS_SAMPLE]
    locales = {p.relative_to(corpus_root).parts[0] for p in sample}
    all_locales = {p.name for p in corpus_root.iterdir() if p.is_dir()}
    assert locales == all_locales, f"sample misses locales {sorted(all_locales - locales)}"
    return [build(p.read_bytes(), p.relative_to(corpus_root).as_posix()) for p in sample]


@pytest.fixture(scope="module", params=["golden", "corpus"])
def sample(request: pytest.FixtureRequest, golden_catalogs: list[Built]) -> list[Built]:
    """The golden catalogs, then the corpus sample (skipped loudly when the corpus is absent)."""
    if request.param == "golden":
        return golden_catalogs
    built: list[Built] = request.getfixturevalue("corpus_catalogs")
    return built


def feature_catalog() -> Catalog:
    """Every writer feature in one catalog, including the 79-column reference wrap."""
    refs = ("a" * 35 + ":1", "b" * 36 + ":2", "c" * 37 + ":3", "é" * 18 + "a:4",
            "fr-FR/" + "d/" * 50 + "x.md:5", "y.md:6", "y.md:6")
    return Catalog(
        header=(("Project-Id-Version", "features.md"), ("Report-Msgid-Bugs-To", ""),
                ("POT-Creation-Date", "2021-04-15 00:00+0000"),
                ("PO-Revision-Date", "2021-04-16 10:30+0200"),
                ("Last-Translator", "Jeanne Dupont <jeanne@example.com>"),
                ("Language-Team", "French"), ("Language", "fr_FR"), ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"), ("X-Generator", "Poedit 3.4")),
        header_comments=("fr-FR translation", "", "third"),
        messages=(
            Message('Back\\slash "quoted"\ttab\rcr', 'Re\\tour « x »\t\r',
                    extracted_comments=("b5df6-102",), references=refs),
            Message("one\ntwo\n\nthree", "un\ndeux\n\ntrois", translator_comments=("", "x")),
            Message("end\n", "fin\n"),
            Message(" spaces ", " espaces "),
            Message("New English", "Ancien", flags=(FUZZY,), previous_msgid="Old\nEnglish",
                    previous_msgctxt="b5df6-103", msgctxt="b5df6-104",
                    extracted_comments=("b5df6-104", "machine translation: not yet reviewed")),
            Message("", '<a name="x"></a>', msgctxt="b5df6-105"),
            Message("word " * 40, "mot " * 40),
            Message("Untranslated", ""),
            Message("\u200fRTL\u00a0\u200b", "\u200fيمين\u00a0"),
            Message("Gone", "Parti", obsolete=True, translator_comments=("kept",)),
            Message("Gone\ntoo", "Parti\naussi", obsolete=True, flags=(FUZZY,),
                    msgctxt="b5df6-106", previous_msgid="Went"),
        ),
    )


def check_gettext_clean(tmp: Path, built: Built) -> list[str]:
    path = write(tmp, built)
    problems = []
    fmt = gnu("msgfmt", "-c", "-o", "/dev/null", path=path)
    if fmt.returncode != 0 or fmt.stderr:
        problems.append(f"{built.name}: msgfmt -c: rc={fmt.returncode} {fmt.stderr.decode()}")
    cat = gnu("msgcat", "--no-wrap", path=path)
    if cat.returncode != 0 or cat.stdout != path.read_bytes():
        problems.append(f"{built.name}: msgcat --no-wrap changes the file {cat.stderr.decode()}")
    return problems


def test_golden_catalogs_pass_msgfmt_check_and_survive_msgcat(
    golden_catalogs: list[Built], tmp_path: Path
) -> None:
    assert [p for b in golden_catalogs for p in check_gettext_clean(tmp_path, b)] == []


def test_corpus_catalogs_pass_msgfmt_check_and_survive_msgcat(
    corpus_catalogs: list[Built], tmp_path: Path
) -> None:
    assert len(corpus_catalogs) == CORPUS_SAMPLE
    assert [p for b in corpus_catalogs for p in check_gettext_clean(tmp_path, b)] == []


def test_every_writer_feature_is_written_as_msgcat_writes_it(tmp_path: Path) -> None:
    built = Built("features", feature_catalog(), format_po(feature_catalog()))
    assert check_gettext_clean(tmp_path, built) == []


def test_bell_backspace_formfeed_vtab_are_escaped_as_msgcat_does(tmp_path: Path) -> None:
    cat = Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),),
                  messages=(Message("a\x07b\x08c\x0cd\x0be\x01f\x1b\x7f", "x"),))
    path = write(tmp_path, Built("controls", cat, format_po(cat)))
    out = gnu("msgcat", "--no-wrap", path=path)
    assert out.returncode == 0
    assert out.stdout == path.read_bytes()


@pytest.mark.parametrize("name", [
    "en-US/a very long file name with many spaces that goes past the seventy nine columns.md",
    "en-US/tab\tx.md", "en-US/two  spaces.md", "en-US/no\u00a0break.md", "en-US/form\ffeed.md"])
def test_a_reference_to_a_file_name_with_spaces_is_written_and_read_as_gnu_does(
        name: str, tmp_path: Path) -> None:
    """h176: gettext reads a `#:` line as references between spaces and tabs (no other
    character): a long English file name with spaces was one unwrapped line msgcat wraps, a tab
    or two spaces one msgcat turns into one space, so its catalogs were not canonical; and the
    reader split a name at a no-break space or form feed, which gettext keeps."""
    cat = replace(feature_catalog(), messages=(
        Message("Hello.", "Bonjour.", references=(name,)),))
    built = Built("refs", cat, format_po(cat))
    assert check_gettext_clean(tmp_path, built) == []
    again = parse_po(reread_by_gnu(tmp_path, built, "--no-wrap"), "refs.po")
    assert " ".join(again.messages[0].references) == " ".join(name.replace("\t", " ").split(" ")
                                                              ).replace("  ", " ")


def reread_by_gnu(tmp: Path, built: Built, *options: str) -> str:
    out = gnu("msgcat", *options, path=write(tmp, built))
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode("utf-8")


def test_msgcat_output_reads_back_to_the_same_catalog(
    sample: list[Built], tmp_path: Path
) -> None:
    for built in sample:
        assert parse_po(reread_by_gnu(tmp_path, built, "--no-wrap"), built.name) == built.catalog


def test_catalog_rewrapped_at_default_width_reads_back_equal(
    sample: list[Built], tmp_path: Path
) -> None:
    """A vendor's tool (Poedit, msgcat without --no-wrap) wraps at 79 columns: no churn."""
    rewrapped = 0
    for built in sample:
        text = reread_by_gnu(tmp_path, built)
        rewrapped += text != built.text
        again = parse_po(text, built.name)
        assert again == built.catalog, built.name
        assert format_po(again) == built.text, built.name
    assert rewrapped >= len(sample) // 4  # the check must really see wrapped files


def test_any_rewrapping_reads_back_as_our_own_file_does(tmp_path: Path) -> None:
    """Every writer feature, wrapped narrow by GNU: the same catalog as our unwrapped file gives.
    (What our own file reads back to is test_catalog.py's subject, xfails included.)"""
    ours = format_po(feature_catalog())
    built = Built("features", parse_po(ours, "features.po"), ours)
    for width in ("--width=20", "--width=79"):
        text = reread_by_gnu(tmp_path, built, width)
        assert text != ours
        assert parse_po(text, "features.po") == built.catalog


GNU_NORMALISES = [
    pytest.param(Message("Hello", "", flags=(FUZZY,)), id="fuzzy-flag-on-empty-msgstr"),
    pytest.param(Message("Gone", "", obsolete=True), id="obsolete-without-translation"),
    pytest.param(Message("x", "y", flags=("python-format", FUZZY)), id="flag-order"),
]


@pytest.mark.parametrize("msg", GNU_NORMALISES)
def test_writer_matches_msgcat_where_gnu_normalises_an_entry(msg: Message, tmp_path: Path) -> None:
    cat = Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),),
                  messages=(Message("Keep", "Garder"), msg))
    built = Built("normalised", cat, format_po(cat))
    assert reread_by_gnu(tmp_path, built, "--no-wrap") == built.text


def test_merged_catalog_with_vendor_fuzzy_on_empty_msgstr_is_msgcat_stable(
    tmp_path: Path,
) -> None:
    data = (b'---\ntitle: T\n---\n<span data-ttu-id="x-101"></span><span class="sxs-lookup">'
            b'<span data-stu-id="x-101">Hello</span></span>\n')
    article = read_article(data, "fr-FR/a.md")
    vendor = format_po(merge(article, None)).replace('msgid "Hello"', '#, fuzzy\nmsgid "Hello"')
    merged = merge(article, parse_po(vendor, "vendor.po"))
    built = Built("merged", merged, format_po(merged))
    assert reread_by_gnu(tmp_path, built, "--no-wrap") == built.text


@pytest.mark.parametrize("where", ["translator", "extracted", "extracted-alone", "header"])
def test_a_comment_ending_in_a_backslash_never_takes_the_next_line_in_gnus_reading(
    where: str, tmp_path: Path
) -> None:
    """gettext's lexer reads a backslash before a line feed as nothing, in a comment too: a
    translator comment 'see C:\\' written as it stands glued the '#, fuzzy' line after it to
    it (msgcat: '# see C:#, fuzzy'), and GNU's tools read an unreviewed translation as
    reviewed (msgfmt compiled it); a '#.' line glued the msgid line (msgfmt: syntax error).
    The line gets a space after the backslash, which GNU and this reader keep."""
    comment = "see C:\\"
    msg = Message("Open", "Ouvrir", flags=(FUZZY,),
                  translator_comments=(comment,) if where == "translator" else (),
                  extracted_comments=(("b5df6-101", comment) if where == "extracted" else
                                      (comment,) if where == "extracted-alone" else ()))
    cat = Catalog(header=feature_catalog().header,
                  header_comments=(comment,) if where == "header" else (), messages=(msg,))
    built = Built("backslash", cat, format_po(cat))
    assert check_gettext_clean(tmp_path, built) == []
    assert "#, fuzzy" in reread_by_gnu(tmp_path, built, "--no-wrap").split("\n")
    again = parse_po(built.text, "backslash.po")
    assert again.messages[0].fuzzy
    assert format_po(again) == built.text
