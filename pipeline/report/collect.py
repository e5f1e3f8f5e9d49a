"""One article as the report shows it: its segments side by side, each with its state and the
findings that point at it. Reads the article and its catalog; writes nothing."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.article import Article, read_article
from pipeline.catalog import Catalog
from pipeline.catalog.files import read_catalog
from pipeline.catalog.keys import entries_for, segment_keys
from pipeline.checks import sync
from pipeline.checks.inputs import RENDER_SUBSTITUTED
from pipeline.findings import Finding, InputError
from pipeline.io import read_bytes
from pipeline.job import policy
from pipeline.merge import is_machine_translated
from pipeline.outcome import Settings
from pipeline.publish import publish
from pipeline.report.states import State, Tally, classify
from pipeline.storage import Url


@dataclass(frozen=True, slots=True)
class Row:
    """One segment: English beside the translation that is published."""

    id: str
    line: int
    source: str
    published: str
    state: State
    entry_line: int  # the catalog line of the segment's entry; 0 when there is none
    previous: str | None  # the English the entry's translation was made for, when it differs
    note: str  # why the published text is not the chosen translation, or ''
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class View:
    rel: str
    locale: str
    title: str
    article_file: str  # as diagnostics show it (relative to the working folder)
    catalog_file: str
    catalog: str  # 'ok', 'missing' or 'unreadable'
    machine_translated: bool
    rows: tuple[Row, ...]
    general: tuple[Finding, ...]  # findings on no segment row
    readable: bool = True

    @property
    def tally(self) -> Tally:
        return Tally.of(r.state for r in self.rows)


def collect(rel: str, settings: Settings, findings: Sequence[Finding]) -> View:
    """The article ``rel`` with ``findings`` (those of a check run about it) placed on rows."""
    settings = _seeing_swaps(settings)
    layout = settings.layout
    if layout.drives(rel):
        return _collect_english(rel, settings, findings)
    shown = layout.shown(layout.article(rel))
    po_shown = layout.shown(layout.catalog(rel))
    locale = rel.split("/", 1)[0]
    try:
        article = read_article(read_bytes(layout.article(rel), settings.max_file_size), rel, shown)
    except (InputError, OSError):
        return View(rel, locale, "", shown, po_shown, "unknown", False, (), tuple(findings),
                    readable=False)
    catalog: Catalog | None = None
    state = "missing"
    try:
        catalog = read_catalog(layout.catalog(rel), po_shown, settings.max_file_size)
        state = "ok" if catalog is not None else "missing"
    except (InputError, OSError):
        state = "unreadable"
    rows, general = _rows(article, catalog, settings, findings, shown)
    title = " ".join((article.meta.get("title") or "").split())
    return View(rel, locale, title, shown, po_shown, state, is_machine_translated(article),
                rows, general)


def _seeing_swaps(settings: Settings) -> Settings:
    """``settings`` with render-substituted not ignored: a row's held state and note come from
    the substitutions, and ignoring their finding hides the finding, not what a page shows."""
    ignore = settings.options.ignore
    if RENDER_SUBSTITUTED.id not in ignore:
        return settings
    return replace(settings, options=replace(
        settings.options, ignore=ignore - {RENDER_SUBSTITUTED.id}))


def _collect_english(rel: str, settings: Settings, findings: Sequence[Finding]) -> View:
    """An article made from its English: its units as ``locales`` would publish them from the
    catalog as it is (the English-driven job itself works them out, writing nothing)."""
    from pipeline.render import Form
    from pipeline.source.job import prepare

    layout = settings.layout
    shown = layout.shown_english(rel)
    po_shown = layout.shown_catalog(rel)
    locale = rel.split("/", 1)[0]
    prepared = prepare(rel, replace(settings, extract=False, check=True,
                                    form=Form.LOCALIZED, memory=None))
    article = prepared.article
    state = _catalog_state(layout.catalog(rel), po_shown, settings)
    if article is None or len(prepared.shown) != len(article.segments):
        # the English could not be segmented, or its catalog not read: nothing is rendered
        return View(rel, locale, "", shown, po_shown, state, False, (), tuple(findings),
                    readable=article is not None)
    placed, general = _place(article, findings, shown, po_shown)
    rows = tuple(
        Row(seg.id, seg.line, seg.source, text, classify(msg, held=bool(note)),
            msg.line if msg else 0,
            msg.previous_msgid if msg is not None and msg.fuzzy else None, note,
            tuple(placed.get(n, ())))
        for n, (seg, (msg, text, note)) in enumerate(zip(article.segments, prepared.shown,
                                                          strict=True)))
    title = " ".join((article.meta.get("title") or "").split())
    if rows and title and " ".join(rows[0].source.split()) == title:  # the title's unit
        title = " ".join(rows[0].published.split())
    return View(rel, locale, title, shown, po_shown, state, is_machine_translated(article),
                rows, tuple(general))


def _catalog_state(path: Path | Url, shown: str, settings: Settings) -> str:
    try:
        return "ok" if read_catalog(path, shown, settings.max_file_size) is not None \
            else "missing"
    except (InputError, OSError):
        return "unreadable"


def _rows(
    article: Article, catalog: Catalog | None, settings: Settings,
    findings: Sequence[Finding], shown: str,
) -> tuple[tuple[Row, ...], tuple[Finding, ...]]:
    keys = segment_keys(article.segments, catalog)
    entries = entries_for(article, catalog, keys)
    by_id = sync.entries_by_segment_id(catalog) if catalog is not None else {}
    published = publish(article, entries, policy(settings))
    notes = {(f.segment, f.line): f.message for f in published.substitutions}
    placed, general = _place(article, findings, shown)
    rows = []
    for n, (seg, msg, text) in enumerate(zip(article.segments, entries, published.translations,
                                             strict=True)):
        drifted = by_id.get(seg.id) if msg is None else None
        if drifted is not None and drifted.msgid == seg.source:
            drifted = None
        entry = msg or drifted
        previous = drifted.msgid if drifted is not None else (
            msg.previous_msgid if msg is not None and msg.fuzzy else None)
        note = notes.get((seg.id, seg.line), "")
        rows.append(Row(
            seg.id, seg.line, seg.source, text, classify(msg, drifted, held=bool(note)),
            entry.line if entry is not None else 0, previous,
            note, tuple(placed.get(n, ())),
        ))
    return tuple(rows), tuple(general)


def _place(
    article: Article, findings: Sequence[Finding], *shown: str
) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Each finding in one of the files ``shown`` on the row of its segment (by id and line,
    else by id), or in ``general``."""
    exact: dict[tuple[str, int], int] = {}
    first: dict[str, int] = {}
    for i, seg in enumerate(article.segments):
        exact.setdefault((seg.id, seg.line), i)
        first.setdefault(seg.id, i)
    here = {os.path.normpath(s) for s in shown}
    placed: dict[int, list[Finding]] = {}
    general: list[Finding] = []
    for f in findings:
        n = None
        if f.segment is not None and os.path.normpath(f.file) in here:
            n = exact.get((f.segment, f.line), first.get(f.segment))
        if n is None:
            general.append(f)
        else:
            placed.setdefault(n, []).append(f)
    return placed, general
