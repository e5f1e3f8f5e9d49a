"""The PO writer (gettext's exact bytes), the strict reader, and golden article -> catalog -> forms.

Golden files live in tests/data/golden/<case>/: ``article.md`` is the hand-written input; the
test builds ``catalog.po`` (merge(article, None) + format_po), ``localized.md`` and ``source.md``
(``publish``, as production renders them) and compares bytes. To rewrite the expected files
after an intended change run

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_catalog.py -k golden

and review the diff by eye before committing it (test_gettext_interop.py checks the goldens
against GNU msgfmt/msgcat too).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.article import Article, read_article
from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.catalog.keys import entries_for
from pipeline.checks.base import Options
from pipeline.findings import InputError
from pipeline.merge import merge
from pipeline.publish import Policy, publish
from pipeline.render import Form


def page(article: Article, catalog: Catalog, form: Form) -> str:
    """The page as production publishes it (``publish``, default options)."""
    text = publish(article, entries_for(article, catalog), Policy(Options(), form)).text
    assert text is not None
    return text

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
GOLDEN_LOCALES = {
    "simple": "fr-FR",
    "duplicate-english": "de-DE",
    "crlf-multiline": "ar-SA",
    "empty-english": "ja-JP",
}
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit"))
HEADER_PO = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)


def catalog(*messages: Message) -> Catalog:
    return Catalog(header=HEADER, messages=messages)


def body(*messages: Message) -> str:
    """The PO text of the messages, without the header block."""
    text = format_po(catalog(*messages))
    assert text.startswith(HEADER_PO + "\n")
    return text[len(HEADER_PO) + 1 :]


# ------------------------------------------------------------------ writer


def test_writer_escapes_backslash_quote_tab_and_carriage_return() -> None:
    msg = Message('C:\\Logos "PNG"\tx\ry', 'Dans C:\\Logos « PNG »\t"x"')
    assert body(msg) == (
        'msgid "C:\\\\Logos \\"PNG\\"\\tx\\ry"\n'
        'msgstr "Dans C:\\\\Logos « PNG »\\t\\"x\\""\n'
    )


def test_writer_escapes_bell_backspace_formfeed_vtab_and_keeps_other_controls_raw() -> None:
    msg = Message("a\x07b\x08c\x0cd\x0be", "\x01\x1b\x7f\u0085\u200f\u00a0")
    assert body(msg) == 'msgid "a\\ab\\bc\\fd\\ve"\nmsgstr "\x01\x1b\x7f\u0085\u200f\u00a0"\n'


def test_string_ending_with_its_only_newline_stays_on_the_keyword_line() -> None:
    assert body(Message("a\n", "b\n"), Message("\n", "\n")) == (
        'msgid "a\\n"\nmsgstr "b\\n"\n\nmsgid "\\n"\nmsgstr "\\n"\n'
    )


def test_newline_before_the_end_splits_after_every_newline_with_empty_first_line() -> None:
    msg = Message("one\ntwo\n\nthree", "un\n\n")
    assert body(msg) == (
        'msgid ""\n"one\\n"\n"two\\n"\n"\\n"\n"three"\n'
        'msgstr ""\n"un\\n"\n"\\n"\n'
    )


def test_long_strings_are_never_wrapped_at_any_width() -> None:
    long = " ".join(["word"] * 100)
    assert body(Message(long, long)) == f'msgid "{long}"\nmsgstr "{long}"\n'


def test_references_wrap_at_79_columns_counting_bytes() -> None:
    r37, r38, r39 = "a" * 35 + ":1", "b" * 36 + ":2", "c" * 37 + ":3"
    # '#:' + ' ' + 37 + ' ' + 38 = 79 columns: one line; one more byte and the second moves.
    assert body(Message("x", references=(r37, r38))).split("\n")[0] == f"#: {r37} {r38}"
    assert body(Message("x", references=(r37, r39))).split("\n")[:2] == [f"#: {r37}", f"#: {r39}"]
    accented = "é" * 18 + "a:2"  # 21 characters but 39 bytes, like r39
    assert body(Message("x", references=(r37, accented))).split("\n")[:2] == [
        f"#: {r37}", f"#: {accented}"]


def test_reference_longer_than_the_page_is_written_alone_on_its_line() -> None:
    huge = "fr-FR/" + "d/" * 50 + "a.md:7"
    assert body(Message("x", references=(huge, "b.md:1", "c.md:2"))).split("\n")[:2] == [
        f"#: {huge}", "#: b.md:1 c.md:2"]


def test_repeated_references_are_written_once() -> None:
    text = body(Message("x", references=("a.md:3", "b.md:4", "a.md:3", "b.md:4")))
    assert text.split("\n")[0] == "#: a.md:3 b.md:4"


def test_comment_lines_come_in_gettext_order_with_flags_and_previous_last() -> None:
    msg = Message(
        "New English", "Ancien", flags=(FUZZY,), translator_comments=("vendor note", ""),
        extracted_comments=("b5df6-103", "two\nlines"), references=("fr-FR/a.md:12",),
        previous_msgid="Old English", previous_msgctxt="b5df6-102", msgctxt="b5df6-103",
    )
    assert body(msg) == (
        "# vendor note\n"
        "#\n"
        "#. b5df6-103\n"
        "#. two\n"
        "#. lines\n"
        "#: fr-FR/a.md:12\n"
        "#, fuzzy\n"
        '#| msgctxt "b5df6-102"\n'
        '#| msgid "Old English"\n'
        'msgctxt "b5df6-103"\n'
        'msgid "New English"\n'
        'msgstr "Ancien"\n'
    )


def test_multi_line_previous_msgid_is_split_like_msgid() -> None:
    msg = Message("a", "b", flags=(FUZZY,), previous_msgid="old\nline")
    assert body(msg) == '#, fuzzy\n#| msgid ""\n#| "old\\n"\n#| "line"\nmsgid "a"\nmsgstr "b"\n'


def test_obsolete_entry_is_commented_with_tilde_and_previous_with_tilde_bar() -> None:
    msg = Message("gone\nnow", "parti", obsolete=True, flags=(FUZZY,), previous_msgid="went",
                  translator_comments=("kept",), msgctxt="x-1")
    assert body(msg) == (
        "# kept\n"
        "#, fuzzy\n"
        '#~| msgid "went"\n'
        '#~ msgctxt "x-1"\n'
        '#~ msgid ""\n'
        '#~ "gone\\n"\n'
        '#~ "now"\n'
        '#~ msgstr "parti"\n'
    )


def test_empty_msgid_with_msgctxt_is_an_ordinary_entry() -> None:
    msg = Message("", '<a name="x"></a>', msgctxt="7d3f0-102")
    assert body(msg) == 'msgctxt "7d3f0-102"\nmsgid ""\nmsgstr "<a name=\\"x\\"></a>"\n'


def test_header_block_with_comments_and_fuzzy_flag() -> None:
    cat = Catalog(
        header=(("Project-Id-Version", "a.md"), ("Language", "fr_FR")),
        header_comments=("fr-FR translation", ""), header_flags=(FUZZY,),
        messages=(Message("x", "y"),),
    )
    assert format_po(cat) == (
        "# fr-FR translation\n#\n#, fuzzy\n"
        'msgid ""\nmsgstr ""\n"Project-Id-Version: a.md\\n"\n"Language: fr_FR\\n"\n'
        '\nmsgid "x"\nmsgstr "y"\n'
    )


def test_empty_catalog_is_just_an_empty_header() -> None:
    assert format_po(Catalog()) == 'msgid ""\nmsgstr ""\n'


# ------------------------------------------------------------------ reader


def full_catalog() -> Catalog:
    return Catalog(
        header=(("Project-Id-Version", "golden/a.md"), ("Language", "fr_FR"),
                ("Content-Type", "text/plain; charset=UTF-8"), ("X-Generator", "Poedit 3.4")),
        header_comments=("fr-FR translation of fr-FR/a.md", "second line"),
        header_flags=(FUZZY,),
        messages=(
            Message("Hello", "Bonjour", extracted_comments=("b5df6-102",),
                    references=("fr-FR/a.md:10",)),
            Message("Two\nlines\n", "Deux\nlignes\n", references=("fr-FR/a.md:12",)),
            Message("Changed \"English\" \\ here\t", "Ancien", flags=(FUZZY,),
                    translator_comments=("vendor", "  indented"), previous_msgid="Old\nEnglish",
                    previous_msgctxt="b5df6-104", msgctxt="b5df6-105"),
            Message("", '<a name="x"></a>', msgctxt="b5df6-106"),
            Message("Same", "Pareil", msgctxt="b5df6-107"),
            Message("Same", "Identique"),
            Message("Untranslated", ""),
            Message("Gone", "Parti", obsolete=True, translator_comments=("kept",)),
            Message("Gone\ntoo", "Parti\naussi", obsolete=True, msgctxt="b5df6-108",
                    flags=(FUZZY,)),
        ),
    )


def test_parse_po_reads_back_what_format_po_wrote() -> None:
    cat = full_catalog()
    text = format_po(cat)
    again = parse_po(text, "fr-FR/a.po")
    assert again == cat
    assert format_po(again) == text
    assert [m.line for m in again.messages][:2] == [
        n + 1 for n, line in enumerate(text.split("\n"))
        if line.startswith("#. b5df6-102") or line == "#: fr-FR/a.md:12"
    ]


def test_parse_po_accepts_crlf_line_ends_and_a_utf8_bom() -> None:
    cat = full_catalog()
    text = "\ufeff" + format_po(cat).replace("\n", "\r\n")
    assert parse_po(text, "a.po") == cat


def test_parse_po_joins_strings_rewrapped_at_any_width() -> None:
    text = HEADER_PO + '\nmsgid ""\n"Hello "\n"world"\nmsgstr "Bonjour "\n"le monde"\n'
    [msg] = parse_po(text, "a.po").messages
    assert (msg.msgid, msg.msgstr) == ("Hello world", "Bonjour le monde")


def po_error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_po(text, "fr-FR/a.po")
    assert info.value.finding.file == "fr-FR/a.po"
    return info.value


def where(error: InputError) -> tuple[str, int]:
    return error.finding.check, error.finding.line


# the header block is lines 1-4 and line 5 is blank: the first entry starts on line 6
@pytest.mark.parametrize(
    ("entry", "line"),
    [
        pytest.param('msgid "Hello\nmsgstr "x"\n', 6, id="unterminated-string"),
        pytest.param('msgid "a"\nmsgstr "x\n', 7, id="unterminated-msgstr"),
        pytest.param("msgid Hello\nmsgstr \"x\"\n", 6, id="unquoted-string"),
        pytest.param('msgid "a"\nmsgstr "x"\n"b"c"\n', 8, id="quote-inside-string"),
        pytest.param('msgid "a\\q"\nmsgstr "x"\n', 6, id="invalid-escape"),
        pytest.param('msgid "a"\nmsgstr "x\\"\n', 7, id="escaped-closing-quote"),
        pytest.param('"orphan"\nmsgid "a"\nmsgstr "x"\n', 6, id="continuation-first"),
        pytest.param('#. note\n"orphan"\nmsgid "a"\nmsgstr "x"\n', 7,
                     id="continuation-after-comment"),
        pytest.param('msgid "a"\nmsgstr "x"\n\n"orphan"\n', 9, id="continuation-after-blank"),
        pytest.param('msgid "a"\nmsgstr "x"\n"tail', 8, id="file-ends-inside-a-string"),
        pytest.param('msgid "a"\nmsgstr "x"\nmsgstr "y"\n', 8, id="second-msgstr"),
        pytest.param('msgctxt "c"\nmsgctxt "d"\nmsgid "a"\nmsgstr "x"\n', 7, id="second-msgctxt"),
        pytest.param('msgid "a"\nmsgstr "x"\nhello\n', 8, id="not-a-po-line"),
        pytest.param('msgid "a"\nmsgstr "x"\nmsgfoo "y"\n', 8, id="unknown-keyword"),
    ],
)
def test_syntax_error_is_reported_at_its_line(entry: str, line: int) -> None:
    assert where(po_error(HEADER_PO + "\n" + entry)) == ("po-syntax", line)


@pytest.mark.parametrize("text", ["", "\n", "  \n\n\t\n", "\ufeff"])
def test_empty_catalog_file_is_an_error(text: str) -> None:
    assert where(po_error(text)) == ("po-syntax", 1)


def test_duplicate_entry_is_reported_at_the_second_with_the_first_line() -> None:
    text = HEADER_PO + '\nmsgid "a"\nmsgstr "x"\n\n#. note\nmsgid "a"\nmsgstr "y"\n'
    error = po_error(text)
    assert where(error) == ("po-duplicate", 9)
    assert "line 6" in error.finding.message


# gettext's rule (msgfmt, msgcat): active and obsolete entries share one key space
@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        pytest.param('#~ msgid "a"\n#~ msgstr "x"\n', '#~ msgid "a"\n#~ msgstr "y"\n',
                     "duplicate entry for 'a' (first on line 6)", id="obsolete-obsolete"),
        pytest.param('msgid "a"\nmsgstr "x"\n', '#~ msgid "a"\n#~ msgstr "y"\n',
                     "duplicate entry for 'a' (first on line 6): one active, one obsolete (#~)",
                     id="active-obsolete"),
        pytest.param('#~ msgid "a"\n#~ msgstr "x"\n', 'msgid "a"\nmsgstr "y"\n',
                     "duplicate entry for 'a' (first on line 6): one active, one obsolete (#~)",
                     id="obsolete-active"),
        pytest.param('msgctxt "c"\nmsgid "a"\nmsgstr "x"\n',
                     '#~ msgctxt "c"\n#~ msgid "a"\n#~ msgstr "y"\n',
                     "duplicate entry for 'a' (first on line 6): one active, one obsolete (#~)",
                     id="active-obsolete-in-a-context"),
        pytest.param('msgid "b"\nmsgstr "x"\n', '#~ msgid ""\n#~ msgstr "y"\n',
                     "duplicate entry for the header (on line 1): one active, one obsolete (#~)",
                     id="obsolete-header"),
    ],
)
def test_a_key_twice_active_or_obsolete_is_a_duplicate_as_for_gettext(
    first: str, second: str, message: str
) -> None:
    error = po_error(HEADER_PO + "\n" + first + "\n" + second)
    assert where(error) == ("po-duplicate", 7 + first.count("\n"))  # at the second entry
    assert error.finding.message == message


def test_an_obsolete_header_before_the_header_is_a_duplicate_as_for_gettext() -> None:
    """msgfmt and msgcat refuse a `#~ msgid ""` wherever it stands. Before the header it was
    read (found by h155): the catalog was rewritten with the obsolete header after the
    active one, a file msgfmt -c refuses, and nothing said so."""
    text = '#~ msgid ""\n#~ msgstr "Language: de\\n"\n\n' + HEADER_PO + '\nmsgid "a"\nmsgstr "b"\n'
    error = po_error(text)
    assert where(error) == ("po-duplicate", 1)
    assert error.finding.message == (
        "duplicate entry for the header (on line 4): one active, one obsolete (#~)")
    assert "delete the obsolete #~ header" in (error.finding.hint or "")


def test_same_msgid_in_another_context_is_not_a_duplicate() -> None:
    text = (HEADER_PO + '\nmsgid "a"\nmsgstr "x"\n\nmsgctxt "c"\nmsgid "a"\nmsgstr "y"\n'
            '\n#~ msgctxt "d"\n#~ msgid "a"\n#~ msgstr "z"\n')
    assert [(m.msgctxt, m.msgstr, m.obsolete) for m in parse_po(text, "a.po").messages] == [
        (None, "x", False), ("c", "y", False), ("d", "z", True)]


def test_plural_entry_is_refused_at_its_line() -> None:
    text = HEADER_PO + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "xs"\n'
    assert where(po_error(text)) == ("po-plural", 6)


# Regression: HEAD's polib reader accepted these (msgstr '').
@pytest.mark.parametrize(
    ("tail", "msgid_line", "last_line"),
    [('msgid "a"\n', 9, 9), ('msgid "a"', 9, 9), ('#: a.md:1\nmsgid ""\n"a"\n', 10, 11)],
)
def test_file_truncated_after_msgid_is_an_error_naming_the_msgid(
    tail: str, msgid_line: int, last_line: int
) -> None:
    text = HEADER_PO + '\nmsgid "x"\nmsgstr "y"\n\n' + tail
    error = po_error(text)
    # GNU reports the msgid that has no msgstr; the line where the file ends, naming that msgid
    # in the message, serves as well.
    assert error.finding.check == "po-syntax"
    assert error.finding.line == msgid_line or (
        error.finding.line == last_line and f"line {msgid_line}" in error.finding.message)


# Regression: HEAD's polib reader silently dropped the first entry.
def test_msgid_without_msgstr_before_the_next_entry_is_an_error_naming_it() -> None:
    text = HEADER_PO + '\nmsgid "lost"\n\n#: a.md:1\nmsgid "b"\nmsgstr "B"\n'
    error = po_error(text)
    # GNU reports line 6, the msgid without msgstr; the line that shows it, naming line 6, too
    assert error.finding.check == "po-syntax"
    assert error.finding.line == 6 or (
        error.finding.line == 8 and "line 6" in error.finding.message)


# Regression: HEAD's polib reader misread this catalog silently.
def test_msgstr_without_msgid_is_an_error() -> None:
    text = HEADER_PO + '\nmsgid "a"\nmsgstr "x"\n\n# note\nmsgstr "y"\n'
    assert where(po_error(text)) == ("po-syntax", 10)


# Regression: HEAD's polib reader skipped every '#~|' line.
def test_obsolete_previous_msgid_survives_a_round_trip() -> None:
    cat = catalog(Message("gone", "parti", obsolete=True, flags=(FUZZY,),
                          previous_msgid="went", previous_msgctxt="x-1"))
    assert parse_po(format_po(cat), "a.po") == cat


# Regression: HEAD's polib reader did not unescape \a.
def test_bell_character_survives_a_round_trip() -> None:
    cat = catalog(Message("ding\x07", "dong\x07"))
    assert parse_po(format_po(cat), "a.po") == cat


# Regression: HEAD's polib reader split lines at these (str.splitlines).
@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e"])
def test_unicode_line_separators_survive_a_round_trip(char: str) -> None:
    cat = catalog(Message(f"a{char}b", f"c{char}d"))
    assert parse_po(format_po(cat), "a.po") == cat


# Regression: HEAD's polib reader kept octal and hex escapes literally.
def test_octal_and_hex_escapes_are_decoded_as_gettext_does() -> None:
    text = HEADER_PO + '\nmsgid "\\x41"\nmsgstr "caf\\303\\251"\n'
    [msg] = parse_po(text, "a.po").messages
    assert (msg.msgid, msg.msgstr) == ("A", "café")


# A backslash right before a line feed is nothing to gettext's lexer (msgfmt -c accepts the
# file, msgcat writes the string joined): the same for every string, a marked line's continuation
# keeping its mark as text, as GNU reads it.
@pytest.mark.parametrize(
    ("entry", "read"),
    [
        pytest.param('msgid "ab\\\ncd"\nmsgstr "x\\\ny"\n', (None, "abcd", "xy", None, False),
                     id="msgid-and-msgstr"),
        pytest.param('msgctxt "c\\\n1"\nmsgid "a"\nmsgstr "x"\n', ("c1", "a", "x", None, False),
                     id="msgctxt"),
        pytest.param('msgid "a"\nmsgstr "x\\\\\\\nny"\n', (None, "a", "x\\ny", None, False),
                     id="after-an-escaped-backslash"),
        pytest.param('msg\\\nid "a"\nmsgstr "x" \\\n"y"\n', (None, "a", "xy", None, False),
                     id="in-a-keyword-and-between-strings"),
        pytest.param('#| msgid "o\\\n#| ld"\nmsgid "a"\nmsgstr "x"\n',
                     (None, "a", "x", "o#| ld", False), id="previous"),
        pytest.param('#~ msgid "a\\\n#~ b"\n#~ msgstr "x\\\n"\n', (None, "a#~ b", "x", None, True),
                     id="obsolete"),
    ],
)
def test_a_backslash_before_a_line_feed_continues_the_line_as_gettext_reads_it(
    entry: str, read: tuple[object, ...]
) -> None:
    [msg] = parse_po(HEADER_PO + "\n" + entry, "a.po").messages
    assert (msg.msgctxt, msg.msgid, msg.msgstr, msg.previous_msgid, msg.obsolete) == read
    assert msg.line == 6


@pytest.mark.parametrize(
    "entry",
    [pytest.param('msgid "ab\\\r\ncd"\r\nmsgstr "x"\r\n', id="before-a-crlf-line-end"),
     pytest.param('msgid "ab\\ \ncd"\nmsgstr "x"\n', id="before-a-space"),
     pytest.param('msgid "a"\nmsgstr "x\\\n\n"\n', id="before-a-blank-line")],
)
def test_a_backslash_not_right_before_a_line_feed_is_refused_as_gettext_refuses_it(
    entry: str,
) -> None:
    assert where(po_error(HEADER_PO + "\n" + entry))[0] == "po-syntax"


def test_a_plural_entry_continued_by_a_backslash_is_still_refused_as_plural() -> None:
    error = po_error(HEADER_PO + '\nmsgid "a"\nmsgid_\\\nplural "b\\\nc"\nmsgstr[0] "x"\n')
    assert where(error) == ("po-plural", 6)


@pytest.mark.parametrize("escape", ["\\?", "\\'"])
def test_escapes_gettext_rejects_are_syntax_errors(escape: str) -> None:
    text = HEADER_PO + f'\nmsgid "a{escape}"\nmsgstr "x"\n'
    assert where(po_error(text)) == ("po-syntax", 6)


@pytest.mark.parametrize(
    ("entry", "line"),
    [('#, fuzzy\n#| msgctxt "x-1"\nmsgid "a"\nmsgstr "b"\n', 8),
     ('#~| msgctxt "x-1"\n#~ msgid "a"\n#~ msgstr "b"\n', 7)],
    ids=["active", "obsolete"],
)
def test_previous_msgctxt_without_previous_msgid_is_a_syntax_error(entry: str, line: int) -> None:
    assert where(po_error(HEADER_PO + "\n" + entry)) == ("po-syntax", line)


# Regression: HEAD's polib reader stripped comment lines and dropped empty ones.
@pytest.mark.parametrize(
    "msg",
    [
        Message("x", "y", translator_comments=("", "note")),
        Message("x", "y", translator_comments=("note with trailing space ",)),
        Message("x", "y", extracted_comments=("b5df6-102", "", "second paragraph")),
    ],
    ids=["leading-empty-translator-line", "trailing-space", "empty-extracted-line"],
)
def test_comment_lines_survive_a_round_trip(msg: Message) -> None:
    cat = catalog(msg)
    assert parse_po(format_po(cat), "a.po") == cat


# Regression: HEAD's polib reader took this entry for the header.
def test_empty_msgid_with_context_is_not_taken_for_the_header() -> None:
    text = 'msgctxt "7d3f0-102"\nmsgid ""\nmsgstr "<a name=\\"x\\"></a>"\n'
    cat = parse_po(text, "a.po")
    assert [(m.msgctxt, m.msgid, m.msgstr) for m in cat.messages] == [
        ("7d3f0-102", "", '<a name="x"></a>')]


# ------------------------------------------------------------------ golden files


def golden_cases() -> list[str]:
    found = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
    assert found == sorted(GOLDEN_LOCALES), "every golden case needs its locale in GOLDEN_LOCALES"
    return found


def build(case: str) -> dict[str, bytes]:
    data = (GOLDEN / case / "article.md").read_bytes()
    article = read_article(data, f"{GOLDEN_LOCALES[case]}/golden/{case}.md")
    assert article.problems == ()
    cat = merge(article, None)
    return {
        "catalog.po": format_po(cat).encode(),
        "localized.md": page(article, cat, Form.LOCALIZED).encode(),
        "source.md": page(article, cat, Form.SOURCE).encode(),
        "bilingual": page(article, cat, Form.BILINGUAL).encode(),
        "article.md": data,
    }


@pytest.mark.parametrize("case", golden_cases())
def test_golden_catalog_and_forms_are_byte_identical(case: str) -> None:
    built = build(case)
    assert built["bilingual"] == built["article.md"]
    for name in ("catalog.po", "localized.md", "source.md"):
        path = GOLDEN / case / name
        if UPDATE_GOLDEN:
            path.write_bytes(built[name])
        assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 and review it"
        assert built[name] == path.read_bytes(), f"{case}/{name} differs from the golden file"


@pytest.mark.parametrize("case", golden_cases())
def test_golden_catalog_read_back_renders_the_same_forms(case: str) -> None:
    data = (GOLDEN / case / "article.md").read_bytes()
    article = read_article(data, f"{GOLDEN_LOCALES[case]}/golden/{case}.md")
    po = (GOLDEN / case / "catalog.po").read_text(encoding="utf-8")
    cat = parse_po(po, f"{case}/catalog.po")
    assert cat == merge(article, None)
    assert merge(article, cat) == cat
    assert page(article, cat, Form.BILINGUAL).encode() == data
    assert page(article, cat, Form.LOCALIZED).encode() == (
        GOLDEN / case / "localized.md").read_bytes()


def test_a_message_is_immutable_and_its_line_is_not_part_of_its_value() -> None:
    import dataclasses

    msg = Message("Hello", "Bonjour", flags=(FUZZY,), line=12)
    with pytest.raises(dataclasses.FrozenInstanceError):
        msg.msgstr = "Salut"  # type: ignore[misc]
    assert msg == Message("Hello", "Bonjour", flags=(FUZZY,))  # where it was read is not compared
    assert hash(msg) == hash(Message("Hello", "Bonjour", flags=(FUZZY,), line=3))
    moved = dataclasses.replace(msg, msgstr="Salut", line=0)
    assert (moved.msgid, moved.msgstr, moved.flags, moved.line) == ("Hello", "Salut", (FUZZY,), 0)


def test_a_catalog_with_carriage_returns_alone_for_line_ends_is_named_as_such() -> None:
    from pipeline.catalog import parse_po_bytes

    data = b'msgid ""\rmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\r\r#. a-101\r' \
           b'msgid "Install"\rmsgstr "Installer"\r'
    with pytest.raises(InputError) as exc:
        parse_po_bytes(data, "a.po")
    assert (exc.value.finding.check, exc.value.finding.line) == ("po-syntax", 1)
    assert "carriage return alone" in exc.value.finding.message


def test_a_bang_flag_line_is_a_flag_line_as_gnu_reads_it() -> None:
    # helper-105: msgcat writes '#!fuzzy' as '#, fuzzy'; read as a comment, a vendor's draft
    # was published and its fuzzy state lost for every later tool
    cat = parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   '#!fuzzy\nmsgid "Draft"\nmsgstr "Brouillon"\n', "fr-FR/a.po")
    (msg,) = cat.messages
    assert msg.flags == (FUZZY,) and msg.translator_comments == ()
    assert "#, fuzzy\nmsgid" in format_po(cat)


def test_twins_whose_context_a_tool_dropped_are_told_apart_not_merged() -> None:
    # helper-105: Weblate 2.5 and tools without context support drop msgctxt; "merge the two
    # entries into one" would throw one segment's translation away
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#. abcde-102\nmsgid "Select **Save**."\nmsgstr "Sélectionnez **Enregistrer**."\n\n'
            '#. abcde-104\nmsgid "Select **Save**."\nmsgstr "Cliquez sur **Enregistrer**."\n')
    with pytest.raises(InputError) as caught:
        parse_po(text, "fr-FR/a.po")
    finding = caught.value.finding
    assert (finding.check, finding.line) == ("po-duplicate", 9)
    assert finding.hint is not None and 'put back msgctxt "abcde-104"' in finding.hint
    assert "merge" not in finding.hint.replace("do not merge", "")


def test_the_catalogs_of_a_batch_climb_their_missing_folders_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each missing catalog climbed its missing folders to find a link to nothing hiding it:
    on a first run, a few calls for every article. A batch keeps what the climbs found."""
    from pipeline.catalog.files import read_catalog_seen

    (tmp_path / "locales").mkdir()
    calls: list[str] = []
    lstat = os.lstat

    def counted(path: str) -> os.stat_result:
        calls.append(path)
        return lstat(path)

    monkeypatch.setattr(os, "lstat", counted)
    folders: dict[str, bool] = {}
    po = tmp_path / "locales/fr-FR/x"
    assert read_catalog_seen(po / "a.po", "a.po", 100, folders) is None
    assert len(calls) == 4  # a.po, x, fr-FR, locales
    assert read_catalog_seen(po / "b.po", "b.po", 100, folders) is None
    assert read_catalog_seen(tmp_path / "locales/fr-FR/y/c.po", "c.po", 100, folders) is None
    assert len(calls) == 6  # c.po and y: fr-FR was found missing, nothing above hides it
    (tmp_path / "locales/de-DE").symlink_to(tmp_path / "share")  # a share not mounted
    for name in ("a.po", "b.po"):  # said for each catalog below it
        with pytest.raises(InputError, match="a symbolic link to"):
            read_catalog_seen(tmp_path / "locales/de-DE" / name, name, 100, folders)
