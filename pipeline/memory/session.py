"""A run's translation memory.

Workers send, with each article's outcome, the rows of its catalog as merged, packed
(``worker``, ``rows.pack``): the memory is built from this run's catalogs as they are
written, with no catalog parsed twice, and unpacked one locale at a time when it is used. The
catalogs of articles the run cache skipped come from the memory file, or are read again when
their file changed. An article left with untranslated entries after the first pass is held
back (its first pass stops after the merge: nothing of it is checked, rendered or written);
once every article has been through it, the memory is complete and those articles go through
``job`` again, now filling from it. So the memory a fill sees is the whole tree after
this run's merges: the same for any number of jobs and any order.

A run with nothing to do never comes here: it replays the consistency findings kept by the
last run that had work (``replay``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pipeline.checks import consistency
from pipeline.findings import Finding, InputError
from pipeline.memory import Setup, store
from pipeline.memory.index import Index, build
from pipeline.memory.rows import Row, open_entries, packed_rows, unpack

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Catalog
    from pipeline.checks.registry import SegmentChecker

# The runner's Settings and Outcome. Not imported, even for types: the runner and the job
# import this module, and the import graph is kept free of cycles.
Settings = Any
Outcome = Any

TMX_LIMIT_FACTOR = 16  # a TMX may hold a whole locale: this many times max-file-size

# The indexes a run built, by snapshot: workers forked after they were made find them here;
# others load the memory file.
_PRIMED: dict[str, dict[str, Index]] = {}
_LOADED: dict[tuple[str, str], Index] = {}

Again = Callable[[list[str], Settings], Iterable[Outcome]]


def rows_key(settings: Settings) -> str:
    return str(settings.layout.locales.resolve())


def _locale(rel: str) -> str:
    return rel.split("/", 1)[0]


class Session:
    """The memory of one run with work. Kept per locale: only the locales this run processed
    articles of are read, worked out and written again; the others' findings are replayed."""

    def __init__(self, settings: Settings, cached: Collection[str], fingerprint: str,
                 expected: int = 0) -> None:
        assert settings.memory is not None
        self.settings = settings
        self.setup: Setup = settings.memory
        self.expected = expected  # outcomes ``wrap`` will be given
        self.fingerprint = fingerprint
        self.cached: dict[str, list[str]] = {}
        for rel in cached:
            self.cached.setdefault(_locale(rel), []).append(rel)
        self.rows: dict[str, bytes] = {}  # each catalog's rows, packed
        self.stored: dict[str, store.Stored] = {}  # each completed locale's file as read
        self.problems: list[Finding] = []
        self.tmx: dict[str, list[tuple[str, list[Row]]]] = {}
        self.processed: set[str] = set()  # the locales this run processed articles of

    def wrap(self, fresh: Iterator[Outcome], again: Again) -> Iterator[Outcome]:
        """``fresh``'s outcomes in order, those of articles left with untranslated entries
        replaced by their second pass; everything from the first such article on is held
        until the memory is complete. The last outcome is always held: the runner asks for
        exactly as many as it expects, and the memory is finished before it is given."""
        held: list[Outcome] = []
        open_rels: list[str] = []
        count = 0
        for outcome in fresh:
            count += 1
            tm = outcome.tm
            if tm is not None:
                self.rows[outcome.rel] = tm[0]
                self.processed.add(_locale(outcome.rel))
                if tm[1]:
                    open_rels.append(outcome.rel)
            if held or open_rels or count >= self.expected:
                held.append(outcome)
                if count >= self.expected:
                    break
                continue
            yield outcome
        if open_rels:
            snapshot = f"{os.getpid()}-{time.monotonic_ns()}"
            locales = sorted({_locale(rel) for rel in open_rels})
            _PRIMED[snapshot] = {loc: self.index(loc) for loc in locales}
            self.save()  # workers that were not forked after priming read it
            redo = replace(self.settings, memory=replace(self.setup, snapshot=snapshot))
            redone = {o.rel: o for o in again(open_rels, redo)}
            _PRIMED.pop(snapshot, None)
            for rel, o in redone.items():
                if o.tm is not None:
                    self.rows[rel] = o.tm[0]
            held = [redone.get(o.rel, o) for o in held]
        for locale in sorted(self.processed):
            self.complete(locale)
        self.save()
        yield from held

    def complete(self, locale: str) -> None:
        """Add the rows of the locale's catalogs this run did not process: from the memory
        file while a catalog's file status is as recorded, else read again."""
        if locale in self.stored:
            return
        layout = self.settings.layout
        stored = self.stored[locale] = store.load_rows(self.setup.file(locale),
                                                       rows_key(self.settings))
        for rel in self.cached.get(locale, ()):
            path = layout.catalog(rel)
            st = store.state(path)
            if st is None:
                continue
            hit = stored.get(rel)
            if hit is not None and hit[0] == st:
                self.rows[rel] = hit[1]
                continue
            from pipeline.catalog import parse_po_bytes
            from pipeline.io import read_bytes

            try:
                data = read_bytes(path, self.settings.max_file_size)
                catalog = parse_po_bytes(data, layout.shown_catalog(rel))
            except (InputError, OSError):
                continue  # a broken catalog gives the memory nothing; check names it
            self.rows[rel] = packed_rows(catalog)

    def packed(self, locale: str) -> list[tuple[str, bytes]]:
        """Each catalog of the locale, in path order, with its rows packed."""
        self.complete(locale)
        prefix = locale + "/"
        return sorted((rel, rows) for rel, rows in self.rows.items() if rel.startswith(prefix))

    def sources(self, locale: str) -> Iterator[tuple[str, tuple[Row, ...]]]:
        """Each catalog of the locale, in path order, with its rows (unpacked as they come)."""
        return ((rel, unpack(rows)) for rel, rows in self.packed(locale))

    def index(self, locale: str) -> Index:
        return build([*self.sources(locale), *self.tmx_rows(locale)])

    def tmx_rows(self, locale: str) -> list[tuple[str, list[Row]]]:
        found = self.tmx.get(locale)
        if found is None:
            from pipeline.memory import tmx

            found = self.tmx[locale] = []
            for path in self.setup.tmx:
                try:
                    found.extend(tmx.rows_of([path], locale,
                                             TMX_LIMIT_FACTOR * self.settings.max_file_size))
                except InputError as exc:
                    if exc.finding not in self.problems:
                        self.problems.append(exc.finding)
        return found

    def tmx_problems(self) -> list[Finding]:
        """The TMX files' findings alone (an ``extract``, which reports no consistency): each
        file read for each locale the run processed, so a missing one is named even when
        nothing was left to fill."""
        for locale in sorted(self.processed):
            self.tmx_rows(locale)
        return sorted(self.problems, key=Finding.sort_key)

    def save(self) -> None:
        """Each completed locale's file, when its rows or catalogs changed."""
        layout = self.settings.layout
        for locale in sorted(self.stored):
            kept = {}
            for rel, rows in self.packed(locale):
                st = store.state(layout.catalog(rel))
                if st is not None:
                    kept[rel] = (st, rows)
            if kept != self.stored[locale]:
                store.save_rows(self.setup.file(locale), rows_key(self.settings), kept)
                self.stored[locale] = kept

    def findings(self, rels: Collection[str] = ()) -> list[Finding]:
        """The consistency findings of every locale of the run: worked out again for the
        locales it processed articles of (or that have none kept), replayed for the others."""
        kept = store.load_findings(self.setup.findings_file, self.fingerprint)
        locales = sorted({_locale(r) for r in (*self.rows, *rels)} | set(self.cached))
        redo = self.processed | {loc for loc in locales if loc not in kept}
        layout = self.settings.layout
        by_locale: dict[str, list[Finding]] = {}
        for locale in locales:
            if locale not in redo:
                by_locale[locale] = kept[locale]
                continue
            self.tmx_rows(locale)  # a broken TMX is named even when nothing was filled
            by_locale[locale] = consistency.inconsistent(
                self.sources(locale), self.settings.options, layout.shown_catalog)
        if redo:
            self.save()
            # the TMX files' findings too: a run with nothing to do replays them (``replay``)
            store.save_findings(self.setup.findings_file, self.fingerprint,
                                {**by_locale, store.TMX_FILES: self.problems})
        else:  # nothing read this run: the TMX files' findings as kept
            self.problems.extend(f for f in kept.get(store.TMX_FILES, [])
                                 if f not in self.problems)
        return sorted([*self.problems, *(f for found in by_locale.values() for f in found)],
                      key=Finding.sort_key)


def replay(settings: Settings, fingerprint: str, rels: Collection[str]) -> list[Finding]:
    """A run with nothing to do: the findings the last run with work kept; a locale with
    none kept (a first run with the memory) is worked out from its memory file and
    catalogs."""
    return Session(settings, rels, fingerprint).findings(rels)


# ---------------------------------------------------------------- in the worker


def index_for(setup: Setup, locale: str) -> Index:
    primed = _PRIMED.get(setup.snapshot)
    if primed is not None and locale in primed:
        return primed[locale]
    key = (setup.snapshot, locale)
    found = _LOADED.get(key)
    if found is None:
        if any(k[0] != setup.snapshot for k in _LOADED):
            _LOADED.clear()  # one snapshot at a time
        found = _LOADED[key] = _index_from_file(setup, locale)
    return found


def _index_from_file(setup: Setup, locale: str) -> Index:
    """A worker not forked from the parent that built the memory (a spawned one) builds the
    locale's index from the memory file the parent saved before the second pass."""
    from pipeline.memory import tmx

    data = store.load_rows(setup.file(locale), None)
    sources: list[tuple[str, Iterable[Row]]] = [(rel, unpack(rows))
                                                for rel, (_, rows) in data.items()]
    for path in setup.tmx:
        with contextlib.suppress(InputError):  # the parent reports it
            sources.extend(tmx.rows_of([path], locale, 1 << 30))
    return build(sources)  # type: ignore[arg-type]


def worker(
    article: Article, catalog: Catalog, settings: Settings, checker: SegmentChecker | None
) -> tuple[Catalog, tuple[bytes, int]]:
    """In ``job.prepare`` after the merge: the catalog, filled in the second pass, and what
    the parent's memory needs of it (its rows; entries left to fill, in the first pass)."""
    setup = settings.memory
    assert setup is not None
    if setup.snapshot and settings.extract:
        from pipeline import checks
        from pipeline.memory.fill import fill

        options = replace(settings.options, locale=article.locale)
        check = (checks.SegmentChecker(options) if checker is None
                 else checker.with_options(options))

        def safe(source: str, text: str) -> bool:
            # what publishing would hold back, not what is reported: ``ignore`` and lowered
            # severities must not let the memory copy a script or a foreign link
            return not check.held_by(source, text)

        catalog, _ = fill(catalog, index_for(setup, article.locale), safe, setup.threshold,
                          setup.publish_exact)
        return catalog, (packed_rows(catalog), 0)
    left = open_entries(catalog) if settings.extract else 0
    return catalog, (packed_rows(catalog), left)
