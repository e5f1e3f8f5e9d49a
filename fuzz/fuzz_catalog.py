"""Fuzz the catalog reader: ``python fuzz/fuzz_catalog.py --seconds 60`` (``make fuzz``).

For any bytes, ``parse_po_bytes`` returns a Catalog or raises InputError, within a bounded time,
and a catalog it returns survives the writer: written and read back, it is the same catalog.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fuzzing
from hypothesis import strategies as st

from pipeline.catalog import FUZZY, Catalog, format_po, parse_po, parse_po_bytes
from pipeline.catalog.writer import gnu_flags
from pipeline.checks.sync import foreign_entries
from pipeline.findings import InputError

FRAGMENTS = [
    b'msgid ""\n', b'msgstr ""\n', b'"Content-Type: text/plain; charset=UTF-8\\n"\n',
    b'"Content-Type: text/plain; charset=ISO-8859-1\\n"\n', b'"Plural-Forms: nplurals=2; ',
    b'plural=(n != 1);\\n"\n', b"plural=n/0;", b"msgid ", b"msgstr ", b"msgctxt ",
    b"msgid_plural ", b"msgstr[0] ", b'"', b'"text"', b'"a\\nb"', b"\\", b"\\x41", b"\\101",
    b"\\777", b"\\q", b"\n", b"\r\n", b"\n\n", b"#~ ", b"#~| ", b"#| ", b"#, fuzzy\n",
    b"#. a1b2c-101\n", b"# note\n", b"#: fr-FR/a.md:12\n", b"#\n", b"#.\n", b"\xc3\xa9",
    b"\xe9", b"\xff", b"\x00", b"\xe2\x80\xa8", b"\xc2\x85", b"\x1c", b" ", b"\t",
    # two-byte charsets whose second byte may be a backslash or a quote, read by characters
    b'"Content-Type: text/plain; charset=Shift_JIS\\n"\n', b'"Content-Type: charset=BIG5\\n"\n',
    b'"Content-Type: text/plain; charset= koi8-r\\n"\n', b"\x83\\", b"\xa5\\", b'\x81"',
]

INPUTS = st.one_of(
    st.binary(max_size=3000),
    fuzzing.pieces(FRAGMENTS, max_size=80),
    fuzzing.mutated(fuzzing.seeds("locales/*/*/*.po", "tests/data/bad/catalogs/*/*.po",
                                  "tests/data/po-differential/*.po")),
)


def as_gnu_writes(catalog: Catalog) -> Catalog:
    """What the writer keeps of a catalog, as msgcat: the flags in GNU's order (no fuzzy flag
    on an empty msgstr; a flag GNU does not know, after those it knows), no obsolete entry
    without a translation."""
    messages = tuple(
        replace(m, flags=gnu_flags(m.flags, bool(m.msgstr))) if m.flags else m
        for m in catalog.messages if m.msgstr or not m.obsolete
    )
    return replace(catalog, messages=messages,
                   header_flags=gnu_flags(catalog.header_flags, True))


def same_flags(read: tuple[str, ...], written: tuple[str, ...], translated: bool) -> bool:
    """The writer's flags are the reader's, each once, in any order (no fuzzy flag on an empty
    msgstr), apart from the range and wrap flags it normalizes: checked without the writer's
    own ordering, so that a flag it drops or adds shows."""
    def plain(flags: tuple[str, ...]) -> set[str]:
        return {f for f in flags if not f.startswith("range:") and f not in ("wrap", "no-wrap")
                and (f != FUZZY or translated)}
    return plain(read) == plain(written) and len(set(written)) == len(written)


def target(data: bytes) -> None:
    try:
        catalog = parse_po_bytes(data, "fuzz.po")
    except InputError:
        return
    again = parse_po(format_po(catalog), "fuzz.po")
    assert again == as_gnu_writes(catalog), (catalog, again)
    kept = [m for m in catalog.messages if m.msgstr or not m.obsolete]
    assert all(same_flags(m.flags, w.flags, bool(m.msgstr))
               for m, w in zip(kept, again.messages, strict=True)), (catalog, again)
    foreign_entries(catalog, {"a"}, "fuzz.po")


if __name__ == "__main__":
    sys.exit(fuzzing.main("catalog", target, INPUTS))
