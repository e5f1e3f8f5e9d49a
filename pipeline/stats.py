"""``pipeline stats``: how far each locale's catalogs are translated, counted as ``pocount`` does.

Translate Toolkit's ``pocount`` is the reference, and the message counts agree with it exactly:

- counted: every active entry; the header, obsolete (``#~``) entries and entries with neither
  English nor context are not;
- *translated*: a msgstr and no fuzzy flag; *fuzzy*: a msgstr and the fuzzy flag; *untranslated*:
  no msgstr (fuzzy or not) and some English. An entry with a context but empty English and no
  msgstr is in none of the three (pocount skips it too);
- words: the English (msgid) words, split by Translate Toolkit's own counter (tags stripped,
  ``<br>`` a break, Unicode word boundaries), so the word counts agree with pocount's too;
- a msgid line starting with ``_:`` is a KDE-style comment to pocount, not English: it is left
  out of the words (and an msgid that is all comment is not untranslated English), as it is
  where the catalog is in the form ``msgcat --no-wrap`` writes.

*Machine translated* counts the entries that are still unreviewed machine translation: fuzzy,
with a msgstr that is the text its ``#. handoff: MT`` record names, or, where a tool dropped the
record, carrying the note ``machine translation: not yet reviewed``
(``provenance.is_machine_translation``): dropping the note leaves MT what it is, and a draft
typed over it is a person's. An entry whose fuzzy flag a reviewer cleared is reviewed even
while the note is still there (the next ``extract`` drops it). The *machine-translated share*
is that count over translated + fuzzy.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, partial
from pathlib import Path
from typing import TypeVar

import pipeline.checks.inputs as inputs
from pipeline.catalog import Catalog
from pipeline.config import Config, bounded_jobs
from pipeline.findings import Finding, InputError, json_text, terminal_text
from pipeline.layout import Layout
from pipeline.lock import process_pool
from pipeline.provenance import is_machine_translation
from pipeline.storage import Url

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    machine_translated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def machine_translated_share(self) -> float:
        done = self.translated + self.fuzzy
        return self.machine_translated / done if done else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "total": self.total,
            "translated_words": self.translated_words,
            "fuzzy_words": self.fuzzy_words,
            "untranslated_words": self.untranslated_words,
            "total_words": self.total_words,
            "machine_translated": self.machine_translated,
            "machine_translated_share": round(self.machine_translated_share, 4),
        }


@cache
def _word_counter() -> Callable[[str], int]:
    from translate.tools import pocount  # Translate Toolkit's own counter: pocount's words

    counter: Callable[[str], int] = pocount.wordcount
    return counter


def count_words(text: str) -> int:
    return _word_counter()(text) if text else 0


def pocount_source(msgid: str) -> str:
    """The msgid as pocount reads it: lines from one starting with ``_:`` through the next one
    ending in a newline are KDE-style comments, not English."""
    if "_:" not in msgid:
        return msgid
    kept: list[str] = []
    in_comment = False
    for piece in re.findall(r"[^\n]*\n|[^\n]+", msgid):
        if not in_comment and piece.startswith("_:"):
            in_comment = True
        if in_comment:
            in_comment = not piece.endswith("\n")
            continue
        kept.append(piece)
    return "".join(kept)


def count_catalog(catalog: Catalog) -> Counts:
    translated = fuzzy = untranslated = machine = 0
    translated_words = fuzzy_words = untranslated_words = 0
    for msg in catalog.messages:
        if msg.obsolete or (not msg.msgid and msg.msgctxt is None):
            continue  # pocount: header, blank and obsolete units are not translatable
        source = pocount_source(msg.msgid)
        if msg.msgstr and not msg.fuzzy:
            translated += 1
            translated_words += count_words(source)
        elif msg.msgstr:
            fuzzy += 1
            fuzzy_words += count_words(source)
            machine += is_machine_translation(msg)
        elif source:
            untranslated += 1
            untranslated_words += count_words(source)
    return Counts(translated, fuzzy, untranslated, translated_words, fuzzy_words,
                  untranslated_words, machine)


@dataclass(frozen=True, slots=True)
class Row:
    locale: str
    counts: Counts
    catalog: str | None = None  # relative to the locales root, with --by-article

    def to_json(self) -> dict[str, object]:
        head: dict[str, object] = {"locale": self.locale}
        if self.catalog is not None:
            head["catalog"] = self.catalog
        return head | self.counts.to_json()


def map_jobs(fn: Callable[[list[str]], list[T]], items: Sequence[str], jobs: int) -> list[T]:
    """``fn`` over batches of ``items``, results in order; on ``jobs`` processes when it pays
    (``fn`` must be picklable: a module-level function or a partial of one)."""
    batches = [list(items[i : i + 32]) for i in range(0, len(items), 32)]
    if jobs <= 1 or len(batches) < 2:
        return [r for batch in batches for r in fn(batch)]
    with process_pool(min(jobs, len(batches))) as pool:
        return [r for results in pool.map(fn, batches) for r in results]


def read(path: Path | Url, shown: str, limit: int, rel: str = "") -> Catalog | None:
    """A catalog as ``extract`` and ``check`` read it; None when there is none. Raises
    InputError (``po-syntax`` and the like) when it cannot be used, and (``po-locale``) when
    it is another locale's than the folder of ``rel`` (its path under the locales root)."""
    found = read_with_bytes(path, shown, limit, rel)
    return None if found is None else found[0]


def read_with_bytes(path: Path | Url, shown: str, limit: int,
                    rel: str = "") -> tuple[Catalog, bytes] | None:
    """As ``read``, with the bytes read: an import replaces only the catalog it read."""
    from pipeline.catalog.files import read_catalog_bytes
    from pipeline.checks.sync import foreign_locale

    try:
        found = read_catalog_bytes(path, shown, limit)
    except OSError as exc:
        raise InputError(inputs.PO_SYNTAX.id, f"cannot read: {exc.strerror}", shown, 0, 0,
                         "check the file's permissions") from None
    wrong = foreign_locale(*found, rel.split("/", 1)[0], shown) if found and rel else []
    if wrong:  # another locale's catalog: nothing of it is counted, exported or imported into
        raise InputError(wrong[0].check, wrong[0].message, shown, wrong[0].line, 1,
                         wrong[0].hint)
    return found


def _count(locales: Path, limit: int, rels: list[str]) -> list[Row | Finding | None]:
    layout = Layout(Path(), locales, Path())
    out: list[Row | Finding | None] = []
    for rel in rels:
        path = layout.catalog(rel)
        try:
            catalog = read(path, layout.shown(path), limit, rel)
        except InputError as exc:
            out.append(exc.finding)
            continue
        if catalog is not None:
            out.append(Row(rel.split("/", 1)[0], count_catalog(catalog), rel[:-3] + ".po"))
    return out


def collect(locales: Path, max_file_size: int, jobs: int = 1) -> tuple[list[Row], list[Finding]]:
    """One row per catalog under the locales root, in path order; a broken catalog, or a folder
    that cannot be walked, is a finding and is left out."""
    rels, _, problems = Layout(Path(), locales, Path()).catalogs()
    rows: list[Row] = []
    findings: list[Finding] = list(problems)
    for found in map_jobs(partial(_count, locales, max_file_size), rels, jobs):
        if isinstance(found, Row):
            rows.append(found)
        elif found is not None:
            findings.append(found)
    return rows, findings


def by_locale(rows: Iterable[Row]) -> list[Row]:
    totals: dict[str, Counts] = {}
    for row in rows:
        totals[row.locale] = totals.get(row.locale, Counts()) + row.counts
    return [Row(locale, counts) for locale, counts in sorted(totals.items())]


_COLUMNS: tuple[tuple[str, Callable[[Counts], str]], ...] = (
    ("translated", lambda c: str(c.translated)),
    ("fuzzy", lambda c: str(c.fuzzy)),
    ("untranslated", lambda c: str(c.untranslated)),
    ("total", lambda c: str(c.total)),
    ("translated words", lambda c: str(c.translated_words)),
    ("fuzzy words", lambda c: str(c.fuzzy_words)),
    ("untranslated words", lambda c: str(c.untranslated_words)),
    ("total words", lambda c: str(c.total_words)),
    ("MT", lambda c: str(c.machine_translated)),
    ("MT share", lambda c: f"{100 * c.machine_translated_share:.1f}%"),
)


def format_table(rows: Sequence[Row], first: str = "locale") -> str:
    """An aligned table: names left, numbers right, a TOTAL row at the foot."""
    total = sum((r.counts for r in rows), Counts())
    body = [[terminal_text(r.catalog or r.locale), *(fn(r.counts) for _, fn in _COLUMNS)]
            for r in rows]
    table = [[first, *(name for name, _ in _COLUMNS)], *body,
             ["TOTAL", *(fn(total) for _, fn in _COLUMNS)]]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = []
    for line in table:
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def jobs_for(args: argparse.Namespace, config: Config) -> int:
    return bounded_jobs(args.jobs if args.jobs is not None else config.jobs)


def locales_folder(args: argparse.Namespace, config: Config) -> Path | None:
    """The catalogs folder of a catalog-only command; None (after saying so) when missing."""
    locales = args.locales or config.locales
    if not isinstance(locales, Path) or not locales.is_dir():  # URL roots: the run commands'
        print(f"pipeline: error: no catalogs folder at {locales} (give --locales DIR)",
              file=sys.stderr)
        return None
    return None if _one_locale(locales) else locales


def own_output(out: Path, locales: Path, config: Config, folder: bool = True,
               settings: Path | None = None) -> bool:
    """Whether ``out``, what a catalog-only command writes (a ``folder``, or a file), stays
    clear of the catalogs and the content it could replace, and of the files the runs read
    beside them (the ``settings`` file, the baseline, the terms files), and a folder
    can be made there (after saying so when not: a file there failed every write, then said
    the package was written)."""
    from pipeline.roots import not_a_folder, written_over

    read = [("the settings file", settings), ("the baseline", config.baseline),
            ("the no-loc file", config.no_loc_file), ("the glossary", config.glossary)]
    problem = written_over(out, (("--locales", locales), ("the content folder", config.content)),
                           files=[(name, path) for name, path in read if path is not None])
    if problem is None and folder:
        problem = not_a_folder("--out", out)
    if problem is not None:
        print(f"pipeline: error: {problem}", file=sys.stderr)
    return problem is None


def _one_locale(locales: Path) -> bool:
    """Whether ``locales`` is one locale's folder (after saying so): its subfolders would be
    read as locales, an XLIFF file's target-language 'how-to'."""
    from pipeline.roots import one_locale

    problem = one_locale("--locales", locales)
    if problem is not None:
        print(f"pipeline: error: {problem}", file=sys.stderr)
    return problem is not None


def returned_folder(
    args: argparse.Namespace, config: Config, suffixes: tuple[str, ...], check: str,
    known: tuple[str, ...] = (),
) -> tuple[Path, Path, list[str], list[Finding]] | None:
    """An import's catalogs folder, the folder of returned files, those files
    (``returned.returned_files``) and what there is to say about them; None (after saying so)
    when a folder is missing."""
    from pipeline.layout import Layout
    from pipeline.returned import returned_files

    locales = args.locales or config.locales
    folder: Path = args.folder
    if not isinstance(locales, Path):  # a URL root (see storage): catalogs must be local here
        print(f"pipeline: error: no folder at {locales} (give --locales DIR)", file=sys.stderr)
        return None
    for needed in (folder, locales):
        if not needed.is_dir():
            print(f"pipeline: error: no folder at {needed}", file=sys.stderr)
            return None
    if _one_locale(locales):
        return None
    rels, problems = returned_files(folder, Layout(Path(), locales, Path()).shown(folder),
                                    suffixes, check, known)
    return locales, folder, rels, problems


def command(args: argparse.Namespace, config: Config) -> int:
    locales = locales_folder(args, config)
    if locales is None:
        return 2
    rows, findings = collect(locales, config.max_file_size, jobs_for(args, config))
    for finding in findings:
        print(finding.format_text(), file=sys.stderr)
    shown = rows if args.by_article else by_locale(rows)
    if args.format == "json":
        sys.stdout.write(json_text([r.to_json() for r in shown], indent=1))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(shown, "catalog" if args.by_article else "locale"))
    return 1 if findings else 0
