"""Our catalog reader against GNU gettext's own (libgettextpo, the library msgfmt and msgcat read
with), file by file, over PO files we did not write with our writer:

- ``tests/data/po-differential/``: tricky but valid catalogs and broken ones, made by its
  ``generate.py`` (charsets whose characters hold a 0x5C byte, every escape, CRLF, duplicates
  active and obsolete, ...);
- the catalogs of ``tests/data/`` (golden and bad inputs);
- GNU gettext's own example catalogs, 1,290 files in 40 languages and several charsets, where
  Debian's ``gettext-doc`` is installed (/usr/share/doc/gettext/examples);
- any ``.po`` file shipped inside the installed Python packages.

For every file: when GNU reads it without error, we read the same messages (context, English,
translation, obsolete, fuzzy, previous English, comments; strings decoded by the charset the
header declares, as msgconv would). When GNU refuses it, we refuse it too. Where we refuse
what GNU accepts, the reason is one of the few on purpose (``STRICTER``). Skipped, saying so,
when libgettextpo is not installed (Debian: ``apt-get install libgettextpo0``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.catalog import Catalog, parse_po_bytes
from pipeline.findings import InputError

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
GENERATED = DATA / "po-differential"
GNU_EXAMPLES = Path("/usr/share/doc/gettext/examples")
GNU_MISSING = ("libgettextpo (GNU gettext's PO reading library) is not installed: the "
               "differential test of the catalog reader is skipped (apt-get install libgettextpo0)")

# Where our reader refuses, on purpose, what GNU's reads: (check id, message pattern).
STRICTER = (
    # an article catalog holds no plural entries
    ("po-plural", r"plural entries have no place|Plural-Forms header"),
    # gettext glues a string after a blank line to the string before it; we do not guess
    ("po-syntax", r"a string line that continues no msgid"),
    # a file cut short: gettext drops the trailing comments silently
    ("po-syntax", r"comments that belong to no entry at the end|holds comments and no entries"),
    ("po-syntax", r"the catalog is empty|the catalog has no entries"),
    # EUC-TW, GEORGIAN-PS, VISCII: GNU's iconv has them, Python no codec (convert to UTF-8)
    ("po-syntax", r"one GNU gettext knows but this tool cannot read"),
    # gettext cuts a string at a NUL (a \0 escape or the byte itself)
    ("po-syntax", r"a NUL character in a string|a NUL byte"),
    # gettext keeps the low byte of \777 or \x141 silently
    ("po-syntax", r"escape .* is beyond a byte"),
    # a charset nobody can decode: gettext keeps the bytes undecoded (msgcat then refuses them)
    ("po-syntax", r"unknown charset|a space after 'charset='|'charset=' names none"),
    # a one-byte charset declared over UTF-8 text (Debian's gettext examples, converted to
    # UTF-8 and still declaring ISO-8859-*): gettext reads every accented letter as two
    ("po-syntax", r"declares charset=\S+, but the text is UTF-8"),
    # Windows-1252 text under an ISO-8859 declaration: gettext reads its ’ – € as controls
    ("po-syntax", r"control character in the declared charset=\S+; the text is Windows-\d+"),
    # several domains in one file: an article catalog is one domain
    ("po-syntax", r"'domain' is no keyword"),
)
# Where our reader differs from GNU 0.21's on purpose, reading the same file:
# - a byte order mark before the first line: GNU reports a syntax error, we skip it (the
#   file is compared as GNU reads it without the mark);
# - an entry with two "#," lines: GNU keeps the flags of the last line only (it forgets a
#   "fuzzy" above a "no-wrap" line); we keep them all, so such an entry stays unreviewed;
# - CRLF line ends: GNU keeps the CR at the end of each comment line ("#. b5df6-101\r"),
#   which would hide a segment id; we take it for the line end it is.
BOM = b"\xef\xbb\xbf"


def gnu_available() -> bool:
    probe = subprocess.run([sys.executable, str(TESTS / "gnu_po.py")], capture_output=True,
                           check=False, timeout=60)
    return probe.returncode == 0


def collect() -> list[Path]:
    files = sorted(GENERATED.glob("*.po"))
    files += sorted(p for p in DATA.rglob("*.po") if GENERATED not in p.parents)
    if GNU_EXAMPLES.is_dir():
        files += sorted(GNU_EXAMPLES.rglob("*.po"))
    for folder in {Path(p) for p in sys.path if p.endswith("-packages")}:
        if folder.is_dir():
            files += sorted(folder.rglob("*.po"))
    return files


def gnu_read(files: list[Path], scratch: Path) -> dict[str, dict[str, Any]]:
    """GNU's reading of each file (one with a byte order mark without it), by its path."""
    asked: dict[str, str] = {}
    for n, path in enumerate(files):
        data = path.read_bytes()
        if data.startswith(BOM):
            copy = scratch / f"{n}-{path.name}"
            copy.write_bytes(data[len(BOM):])
            asked[str(copy)] = str(path)
        else:
            asked[str(path)] = str(path)
    out: dict[str, dict[str, Any]] = {}
    names = list(asked)
    for start in range(0, len(names), 400):
        batch = names[start : start + 400]
        run = subprocess.run([sys.executable, str(TESTS / "gnu_po.py"), *batch],
                             capture_output=True, check=False, timeout=600)
        assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
        for line in run.stdout.decode().splitlines():
            value = json.loads(line)
            out[asked[value["path"]]] = value
    return out


_GNU_CHARSET = re.compile(r"charset=([^ \t\n]*)")


def gnu_charset(header: str | None) -> str:
    """The charset GNU reads from a header (after "charset=", up to a space, tab or newline),
    as a Python codec; UTF-8 where it names none we know, as our reader assumes."""
    m = _GNU_CHARSET.search(header or "")
    import codecs

    try:
        return codecs.lookup(m.group(1)).name if m and m.group(1) else "utf-8"
    except LookupError:
        return "utf-8"


@dataclass(frozen=True)
class Read:
    """A catalog as compared: the header's text and one tuple per message."""

    header: tuple[tuple[str, str], ...] | None
    messages: tuple[tuple[Any, ...], ...]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")[:-1]) if text else ()


def from_gnu(result: dict[str, Any], crlf_comments: bool = False) -> Read:
    """GNU's reading; ``crlf_comments``: with the CR of a CRLF line end taken off the end of
    comment lines, where GNU 0.21 keeps it in the comment."""
    header_msg = next((m for m in result["messages"] if m["msgid"] == "" and m["msgctxt"] is None
                       and not m["obsolete"]), None)
    charset = gnu_charset(header_msg["msgstr"] if header_msg else None)

    def text(value: str | None) -> str | None:
        return None if value is None else value.encode("latin-1").decode(charset)

    def comments(value: str | None) -> tuple[str, ...]:
        lines = _lines(text(value) or "")
        return tuple(line.removesuffix("\r") for line in lines) if crlf_comments else lines

    header = None
    if header_msg is not None:
        header = _header_pairs(text(header_msg["msgstr"]) or "")
    messages = tuple(
        (text(m["msgctxt"]), text(m["msgid"]), text(m["msgstr"]), m["obsolete"], m["fuzzy"],
         text(m["prev_msgctxt"]), text(m["prev_msgid"]), comments(m["comments"]),
         comments(m["extracted"]))
        for m in result["messages"] if m is not header_msg
    )
    return Read(header, messages)


def _header_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """The header's 'Key: value' lines as our reader splits them."""
    pairs: dict[str, str] = {}
    key = None
    for raw in text.splitlines():
        if ":" in raw:
            key, value = raw.split(":", 1)
            pairs[key] = value.strip()
        elif key is not None:
            pairs[key] += "\n" + raw.strip()
    return tuple(pairs.items())


def from_ours(cat: Catalog, had_header: bool) -> Read:
    return Read(
        cat.header if had_header else None,
        tuple((m.msgctxt, m.msgid, m.msgstr, m.obsolete, m.fuzzy, m.previous_msgctxt,
               m.previous_msgid, m.translator_comments, m.extracted_comments)
              for m in cat.messages),
    )


@dataclass(frozen=True)
class Verdict:
    path: str
    problem: str | None  # None: we agree with GNU (or differ on purpose)
    stricter: str | None = None  # what we refuse on purpose


def compare(path: Path, gnu: dict[str, Any]) -> Verdict:
    gnu_errors = [e for e in gnu["errors"] if e[0] >= 1]
    try:
        ours: Catalog | InputError = parse_po_bytes(path.read_bytes(), str(path))
    except InputError as exc:
        ours = exc
    if isinstance(ours, InputError):
        f = ours.finding
        if gnu_errors:
            return Verdict(str(path), None)
        for check, pattern in STRICTER:
            if f.check == check and re.search(pattern, f.message):
                return Verdict(str(path), None, f"{check}: {pattern}")
        return Verdict(str(path), f"GNU reads it, we refuse it: {f.format_text()}")
    if gnu_errors:
        shown = "; ".join(f"line {e[1]}: {e[2]}" for e in gnu_errors[:3])
        return Verdict(str(path), f"GNU refuses it ({shown}), we read it")
    had_header = any(m["msgid"] == "" and m["msgctxt"] is None and not m["obsolete"]
                     for m in gnu["messages"])
    theirs = from_gnu(gnu)
    mine = from_ours(ours, had_header)
    if theirs == mine:
        return Verdict(str(path), None)
    if from_gnu(gnu, crlf_comments=True) == mine:
        return Verdict(str(path), None, "the CR of a CRLF line end is no part of a comment")
    if theirs.header != mine.header:
        return Verdict(str(path), f"headers differ: GNU {theirs.header!r} ours {mine.header!r}")
    if len(theirs.messages) != len(mine.messages):
        return Verdict(str(path), f"GNU reads {len(theirs.messages)} messages, we read "
                                  f"{len(mine.messages)}")
    safer = None
    for a, b, msg in zip(theirs.messages, mine.messages, ours.messages, strict=True):
        if a == b:
            continue
        if a[:4] + a[5:] == b[:4] + b[5:] and b[4] and _flag_lines(path, msg.line) > 1:
            safer = "fuzzy kept from any of several '#,' lines"
            continue
        return Verdict(str(path), f"messages differ: GNU {a!r} ours {b!r}")
    return Verdict(str(path), None, safer)


def _flag_lines(path: Path, line: int) -> int:
    """How many "#," lines the entry starting at ``line`` has."""
    lines = path.read_bytes().split(b"\n")[line - 1 :]
    count = 0
    for raw in lines:
        text = raw.strip()
        if text.startswith((b"msgid", b"msgctxt", b"#~ msgid", b"#~ msgctxt")):
            break
        count += text.startswith(b"#,")
    return count


def verdicts(files: list[Path], scratch: Path) -> Iterator[Verdict]:
    read = gnu_read(files, scratch)
    for path in files:
        yield compare(path, read[str(path)])


@pytest.fixture(scope="module")
def gnu() -> None:
    if not gnu_available():
        pytest.skip(GNU_MISSING)


def test_our_reader_reads_what_gnu_reads(gnu: None, tmp_path: Path) -> None:
    files = collect()
    results = list(verdicts(files, tmp_path))
    problems = [f"{v.path}: {v.problem}" for v in results if v.problem]
    assert problems == []
    # the generated files alone hold every kind of disagreement on purpose, and agreement
    assert len(results) >= len(list(GENERATED.glob("*.po")))
    assert sum(v.stricter is None for v in results) > len(results) // 2


def test_the_generated_files_are_what_generate_py_makes(tmp_path: Path) -> None:
    script = GENERATED / "generate.py"
    copy = tmp_path / "generate.py"
    shutil.copyfile(script, copy)
    subprocess.run([sys.executable, str(copy)], check=True, timeout=60)
    made = {p.name: p.read_bytes() for p in tmp_path.glob("*.po")}
    assert made == {p.name: p.read_bytes() for p in GENERATED.glob("*.po")}


if __name__ == "__main__":  # a report over any files: python tests/test_po_differential.py F...
    import tempfile

    chosen = [Path(a) for a in sys.argv[1:]] or collect()
    counts = {"agree": 0, "differ on purpose": 0, "DIFFER": 0}
    with tempfile.TemporaryDirectory() as scratch:
        for v in verdicts(chosen, Path(scratch)):
            if v.problem:
                counts["DIFFER"] += 1
                print(f"DIFFER {v.path}: {v.problem}")
            elif v.stricter:
                counts["differ on purpose"] += 1
                print(f"on purpose {v.path}: {v.stricter}")
            else:
                counts["agree"] += 1
    print(counts)
