"""The reader's fast path (``catalog.canonical``): a catalog laid out as gettext writes it is
read to exactly what the strict reader reads, lines included; any other file is left to the
strict reader (None), so its errors and their lines stay the strict reader's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalog import FUZZY, Catalog, Message, format_po
from pipeline.catalog.canonical import read
from pipeline.catalog.reader import _parse, parse_po_bytes
from pipeline.findings import InputError

ROOT = Path(__file__).resolve().parent.parent
HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit"))


def strict(data: bytes) -> Catalog | InputError:
    try:
        return _parse(data, "a.po", None)
    except InputError as exc:
        return exc


def agrees(data: bytes) -> Catalog | None:
    """The fast path's reading of ``data``, checked against the strict reader's."""
    fast = read(data, "a.po")
    if fast is None:
        return None
    slow = strict(data)
    assert isinstance(slow, Catalog), f"the fast path read a file the strict reader refuses: {slow}"
    assert fast == slow
    assert [m.line for m in fast.messages] == [m.line for m in slow.messages]
    return fast


WRITTEN = Catalog(
    header=HEADER, header_comments=("fr-FR translation of a.md", ""), header_flags=("fuzzy",),
    messages=(
        Message("Plain.", "Simple.", line=0),
        Message("Two\nlines", "Deux\nlignes", extracted_comments=("abc-101", ""),
                references=("a.md:3", "b.md:4")),
        Message("Tab\there \"quoted\" back\\slash", "x", msgctxt="ctx", flags=("fuzzy", "c-format"),
                translator_comments=("a note", "", "  indented")),
        Message("New English.", "Vieille traduction.", flags=(FUZZY,),
                previous_msgid="Old English.", previous_msgctxt="old ctx"),
        Message("Gone.", "Parti.", obsolete=True, previous_msgid="Went.\nAway"),
        Message("Gone\ntoo", "Aussi\nparti", msgctxt="c", obsolete=True),
        Message("Unicode \u2028 line separator, \x0b and é", "ü\x1c"),
    ),
)


def test_a_catalog_the_writer_wrote_takes_the_fast_path_and_reads_as_the_strict_reader() -> None:
    data = format_po(WRITTEN).encode("utf-8")
    fast = agrees(data)
    assert fast is not None
    assert fast.messages == WRITTEN.messages
    assert fast.messages[0].line == 9  # 2 comments, a flag, 4 header lines, a blank line


def test_every_catalog_of_the_repository_reads_the_same_on_both_paths() -> None:
    files = sorted([*ROOT.glob("tests/data/**/*.po"), *ROOT.glob("locales/**/*.po")])
    assert files
    taken = sum(agrees(path.read_bytes()) is not None for path in files)
    assert taken > 0


# Layouts gettext never writes, defects, and files whose reading needs the strict reader.
LEFT_TO_THE_STRICT_READER = [
    ("crlf", b'msgid ""\r\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\n'
             b'msgid "a"\r\nmsgstr "b"\r\n'),
    ("bom", b'\xef\xbb\xbfmsgid "a"\nmsgstr "b"\n'),
    ("blank line inside an entry", b'msgid "a"\n\nmsgstr "b"\n'),
    ("blank line after comments", b'#. x\n\nmsgid "a"\nmsgstr "b"\n'),
    ("two spaces after the keyword", b'msgid  "a"\nmsgstr "b"\n'),
    ("space after the string", b'msgid "a" \nmsgstr "b"\n'),
    ("indented keyword", b' msgid "a"\nmsgstr "b"\n'),
    ("comment after #|", b'#| msgid "x"\n#. c\nmsgid "a"\nmsgstr "b"\n'),
    ("#| msgctxt without #| msgid", b'#| msgctxt "x"\nmsgid "a"\nmsgstr "b"\n'),
    ("part obsolete", b'#~ msgid "a"\nmsgstr "b"\n'),
    ("#~ with no space", b'#~msgid "a"\n#~msgstr "b"\n'),
    ("duplicate", b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
    ("obsolete duplicate", b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'),
    ("second header", b'msgid ""\nmsgstr ""\n\nmsgid ""\nmsgstr ""\n'),
    ("comments at the end", b'msgid "a"\nmsgstr "b"\n\n# lost\n'),
    ("no msgstr", b'msgid "a"\n'),
    ("unterminated string", b'msgid "a\nmsgstr "b"\n'),
    ("invalid escape", b'msgid "a\\q"\nmsgstr "b"\n'),
    ("escape beyond a byte", b'msgid "a\\x1ff"\nmsgstr "b"\n'),
    ("NUL by escape", b'msgid "a\\0"\nmsgstr "b"\n'),
    ("plural", b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n'),
    ("not UTF-8", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                  b'msgid "caf\xe9"\nmsgstr "b"\n'),
    ("latin-1 declared, UTF-8 bytes", b'msgid ""\nmsgstr "Content-Type: text/plain; '
                                      b'charset=ISO-8859-1\\n"\n\nmsgid "caf\xc3\xa9"\n'
                                      b'msgstr "b"\n'),
    ("unknown charset", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=nope\\n"\n'),
    ("bad plural forms", b'msgid ""\nmsgstr "Plural-Forms: nplurals=x;\\n"\n'),
    ("only comments", b'# nothing\n'),
    # a byte escape at a header line's end: gettext unescapes each line alone ('\\1' then
    # '"01"' is U+0001 and '01', not 'A')
    ("octal escape across header lines", b'msgid ""\nmsgstr "X: \\1"\n"01"\n'),
    ("hex escape across header lines", b'msgid ""\nmsgstr "X: \\x4"\n"1"\n'),
    ("charset cut by an escape", b'msgid ""\nmsgstr "charset=UTF-\\7"\n"0"\n'),
    ("NUL charset", b'msgid ""\nmsgstr "charset=\\0"\n'),
    ("empty", b'\n\n'),
]


@pytest.mark.parametrize("data", [d for _, d in LEFT_TO_THE_STRICT_READER],
                         ids=[n for n, _ in LEFT_TO_THE_STRICT_READER])
def test_a_file_gettext_would_not_write_is_left_to_the_strict_reader(data: bytes) -> None:
    assert read(data, "a.po") is None


READ_ALIKE = [
    ("octal escapes completing a character across lines",
     b'msgid ""\n"caf\\303"\n"\\251"\nmsgstr "b"\n'),
    ("escaped backslash before a digit", b'msgid "a\\\\0"\nmsgstr "b\\\\x"\n'),
    ("latin-1 declared, ASCII text", b'msgid ""\nmsgstr "Content-Type: text/plain; '
                                     b'charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "\\351"\n'),
    ("no header", b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"'),
    ("header not first", b'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "Language: fr\\n"\n'),
    ("blank lines around", b'\n\nmsgid "a"\nmsgstr "b"\n\n\n\n#, fuzzy\nmsgid "c"\nmsgstr "d"\n\n'),
    ("entries with no blank line between", b'msgid "a"\nmsgstr "b"\n#. c\nmsgid "c"\nmsgstr "d"\n'),
    ("comment marks with odd spacing", b'#\n#.\n#.  two\n#:a.md:1  b.md:2\n#,fuzzy ,x\n#  t\n'
                                       b'msgid "a"\nmsgstr "b"\n'),
]


@pytest.mark.parametrize("data", [d for _, d in READ_ALIKE], ids=[n for n, _ in READ_ALIKE])
def test_an_unusual_but_canonical_file_reads_as_the_strict_reader_reads_it(data: bytes) -> None:
    assert agrees(data) is not None


def test_parse_po_bytes_gives_the_strict_readers_error_and_line() -> None:
    data = b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'
    with pytest.raises(InputError) as caught:
        parse_po_bytes(data, "a.po")
    assert caught.value.finding.line == 4
    assert "first on line 1" in caught.value.finding.message


def test_lines_cut_moved_or_altered_never_read_otherwise_than_strictly() -> None:
    """Random line edits of a written catalog: the fast path reads as the strict reader, or
    leaves the file to it."""
    lines = format_po(WRITTEN).encode("utf-8").split(b"\n")
    rng = random.Random(13)
    edits = [b"", b" ", b"#", b"#~", b'"x"', b"msgid \"z\"", b"msgstr \"\"", b"#| msgid \"q\""]
    for _ in range(600):
        mutated = list(lines)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(mutated))
            op = rng.randrange(4)
            if op == 0:
                del mutated[i]
            elif op == 1:
                mutated.insert(i, rng.choice(edits))
            elif op == 2:
                mutated[i] = mutated[i] + rng.choice([b" ", b"\t", b'"', b"\\"])
            else:
                mutated.insert(i, mutated[rng.randrange(len(mutated))])
        data = b"\n".join(mutated)
        if read(data, "a.po") is None:
            continue
        agrees(data)


any_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00\x04"),
                   max_size=30)
comment = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 .:-]{0,30}[A-Za-z0-9.]", fullmatch=True)


@st.composite
def messages(draw: st.DrawFn) -> Message:
    obsolete = draw(st.booleans())
    msgstr = draw(any_text)
    previous = draw(st.none() | any_text)
    return Message(
        msgid=draw(any_text), msgstr=msgstr or ("x" if obsolete else ""),
        msgctxt=draw(st.none() | any_text),
        flags=tuple(draw(st.lists(st.sampled_from([FUZZY, "c-format", "no-wrap"]),
                                  max_size=2, unique=True))),
        translator_comments=tuple(draw(st.lists(comment, max_size=2))),
        extracted_comments=tuple(draw(st.lists(comment, max_size=2))),
        references=tuple(draw(st.lists(st.from_regex(r"[a-z/]{1,20}\.md:[1-9]", fullmatch=True),
                                       max_size=3, unique=True))),
        previous_msgid=previous,
        previous_msgctxt=draw(st.none() | any_text) if previous is not None else None,
        obsolete=obsolete,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messages(), max_size=6))
def test_random_written_catalogs_take_the_fast_path_and_read_alike(found: list[Message]) -> None:
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for m in found:
        if m.key not in seen and m.key != (None, ""):
            seen.add(m.key)
            unique.append(m)
    data = format_po(Catalog(header=HEADER, messages=tuple(unique))).encode("utf-8")
    fast = agrees(data)
    assert fast is not None


@pytest.mark.parametrize("data", [
    b'msgid ""\nmsgstr "X: \\1"\n"01"\n', b'msgid ""\nmsgstr "X: \\x4"\n"1"\n',
    b'msgid ""\nmsgstr "charset=UTF-\\7"\n"0"\n', b'msgid ""\nmsgstr "X: \\342\\2"\n"00\\250"\n',
    b'msgid ""\nmsgstr "Plural-Forms: nplurals=\\6"\n"1; plural=0;"\n',
    b'msgid ""\nmsgstr "charset=\\0"\n', b'msgid ""\nmsgstr "charset=\\bUTF-8"\n',
])
def test_a_header_with_byte_escapes_reads_as_the_strict_reader_reads_it(data: bytes) -> None:
    """Found by a differential fuzzer: each line's escapes are its own."""
    try:
        expected: Catalog | str = _parse(data, "a.po", None)
    except InputError as exc:
        expected = exc.finding.check
    try:
        got: Catalog | str = parse_po_bytes(data, "a.po")
    except InputError as exc:
        got = exc.finding.check
    assert got == expected
    if isinstance(expected, Catalog):
        assert expected.header[0][1] in ("\x0101", "\x041")
