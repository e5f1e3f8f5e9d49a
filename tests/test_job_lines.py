"""Where a rewritten catalog's entries stand: the lines findings cite after ``extract``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.job import written_lines

REPO = Path(__file__).resolve().parents[1]

MADE = Catalog(
    header=(("Content-Type", "text/plain; charset=UTF-8"),),
    header_comments=("a header comment", ""),
    header_flags=(FUZZY,),
    messages=(
        Message("First.", "Premier.", extracted_comments=("a-101",), references=("a.md:3",)),
        Message("Two\nlines\n", "Deux\nlignes\n", flags=(FUZZY,), previous_msgid="Old\n"),
        Message("", msgctxt="a-110"),
        Message("Gone, untranslated.", obsolete=True),  # not written: gettext drops it
        Message("Gone.", "Parti.", obsolete=True, previous_msgid="Older."),
        Message("Last.", "Dernier.", translator_comments=("", "checked")),
    ),
)


def _catalogs() -> list[tuple[str, Catalog]]:
    paths = sorted(REPO.glob("locales/**/*.po")) + sorted(REPO.glob("tests/data/golden/*/*.po"))
    assert paths
    read = [(str(p.relative_to(REPO)), parse_po(p.read_text(encoding="utf-8"), str(p)))
            for p in paths]
    return [("made", MADE), *read]


@pytest.mark.parametrize(("name", "catalog"), _catalogs(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_each_entry_is_found_on_the_line_the_reader_sees_in_the_written_file(
    name: str, catalog: Catalog
) -> None:
    text = format_po(catalog)
    line = written_lines(catalog, text.encode())
    written = [m for m in catalog.messages if m.msgstr or not m.obsolete]
    again = parse_po(text, name).messages
    assert [m.key for m in again] == [m.key for m in written]
    assert [line(m) for m in written] == [m.line for m in again]
    assert all(n > 1 for n in map(line, written))
