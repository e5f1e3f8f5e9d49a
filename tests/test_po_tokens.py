"""The catalog reader takes GNU gettext's token grammar, not one string per line: a keyword
alone on its line with its string on the next, two strings on one line, a keyword after a
string, a comment after a finished entry. GNU's msgfmt and msgcat read all of these (a vendor
who joins or splits lines by hand writes them); refusing them held every translation of the
catalog back. What GNU refuses stays refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.catalog import parse_po_bytes
from pipeline.findings import InputError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
NEXT = '\nmsgid "Next."\nmsgstr "Suivant."\n'

# (name, entry as a vendor's editor left it): each reads as the one-line form does
ACCEPTED = [
    ("keyword alone", '#. b5df6-101\nmsgid\n"Open a terminal."\nmsgstr\n"Ouvrez un terminal."\n'),
    ("two strings", '#. b5df6-101\nmsgid "Open a " "terminal."\nmsgstr "Ouvrez" " un terminal."\n'),
    ("string and keyword", '#. b5df6-101\nmsgid "Open a terminal." msgstr "Ouvrez un terminal."\n'),
    ("continuation and keyword",
     '#. b5df6-101\nmsgid ""\n"Open a terminal." msgstr\n"Ouvrez un terminal."\n'),
    ("comment after the entry", '#. b5df6-101\nmsgid "Open a terminal."\nmsgstr "Ouvrez un '
                                'terminal." # checked\n'),
    ("obsolete", '#~ msgid "Open a " "terminal."\n#~ msgstr\n#~ "Ouvrez un terminal."\n'),
]

# GNU refuses these too
REFUSED = [
    ("stray quote", 'msgid "Open a terminal."\nmsgstr "Ouvrez "un" terminal."\n',
     "text after the closing quote"),
    ("comment inside an entry", 'msgid "Open a terminal." # x\nmsgstr "Ouvrez un terminal."\n',
     "has no msgstr"),
    ("keyword without string", 'msgid\nmsgstr "Ouvrez un terminal."\n', "no string after msgid"),
    ("keyword at the end", 'msgid "Open a terminal."\nmsgstr\n', "no string after msgstr"),
    ("garbage after a string", 'msgid "Open a terminal." x\nmsgstr "Ouvrez un terminal."\n',
     "text after the closing quote"),
    # said as GNU says it ("invalid control sequence", "end-of-line within string"), not as
    # text after the first string of the line
    ("bad escape in a second string", 'msgid "Open a " "terminal\\q."\nmsgstr "Ouvrez."\n',
     "invalid escape '\\\\q'"),
    ("unterminated second string", 'msgid\n"Open a " "terminal.\nmsgstr "Ouvrez."\n',
     "unterminated string: '\"terminal.'"),
]


def _messages(text: str) -> list[tuple[str | None, str, str, bool]]:
    catalog = parse_po_bytes((HEADER + text).encode(), "a.po")
    return [(m.msgctxt, m.msgid, m.msgstr, m.obsolete) for m in catalog.messages]


@pytest.mark.parametrize(("name", "text"), ACCEPTED, ids=[n for n, _ in ACCEPTED])
def test_a_layout_gnu_reads_is_read_the_same(name: str, text: str) -> None:
    expected = [("Open a terminal.", "Ouvrez un terminal."), ("Next.", "Suivant.")]
    assert [(msgid, msgstr) for _, msgid, msgstr, _ in _messages(text + NEXT)] == expected


@pytest.mark.parametrize(("name", "text", "why"), REFUSED, ids=[n for n, _, _ in REFUSED])
def test_what_gnu_refuses_is_refused_at_its_line(name: str, text: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        _messages(text)
    assert why in caught.value.finding.message
    assert caught.value.finding.line >= 5


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize(("name", "text"), ACCEPTED, ids=[n for n, _ in ACCEPTED])
def test_gnu_reads_every_accepted_layout(name: str, text: str, tmp_path: Path) -> None:
    po = tmp_path / "a.po"
    po.write_text(HEADER + text + NEXT, encoding="utf-8")
    run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_a_comment_after_a_mark_on_a_finished_entrys_line_is_refused_as_gnu_does() -> None:
    """gettext's lexer takes '#~' and '#|' wherever a line has them: what follows '#|' on the
    line is the next entry's previous English, after which GNU takes no comment."""
    text = 'msgid "a"\nmsgstr "b" #| msgid "Old."\n#, fuzzy\nmsgid "c"\nmsgstr "d"\n'
    with pytest.raises(InputError) as caught:
        parse_po_bytes((HEADER + text).encode(), "a.po")
    assert "a comment after the #| line 6" in caught.value.finding.message
    assert caught.value.finding.line == 7


@pytest.mark.parametrize(("text", "expected"), [
    ('msgid "a"\nmsgstr "b" #| msgid "Old."\nmsgid "c"\nmsgstr "d"\n',
     [("a", "b", False, None, ()), ("c", "d", False, "Old.", ())]),
    ('msgid "a"\nmsgstr "b" #~ msgid "c" msgstr "d"\nmsgid "e"\nmsgstr "f"\n',
     [("a", "b", False, None, ()), ("c", "d", True, None, ()), ("e", "f", False, None, ())]),
    ('msgid "a"\nmsgstr "b" #~| msgid "Old."\n#~ msgid "c"\n#~ msgstr "d"\n',
     [("a", "b", False, None, ()), ("c", "d", True, "Old.", ())]),
], ids=["previous", "obsolete", "obsolete previous"])
def test_a_mark_after_a_finished_entry_is_read_as_gnu_reads_it(
        text: str, expected: list[tuple[object, ...]]) -> None:
    catalog = parse_po_bytes((HEADER + text).encode(), "a.po")
    assert [(m.msgid, m.msgstr, m.obsolete, m.previous_msgid, m.translator_comments)
            for m in catalog.messages] == expected
