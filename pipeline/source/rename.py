"""A renamed or moved English article keeps its translations: a new article's catalog starts
from the catalog of a deleted article of the locale that holds its English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pipeline.checks.inputs as inputs
from pipeline.catalog import Catalog
from pipeline.catalog.files import read_catalog_bytes
from pipeline.catalog.reader import parse_po_bytes
from pipeline.checks import sync
from pipeline.checks.tree import CATALOG_RENAMED
from pipeline.findings import Finding, InputError, Severity
from pipeline.outcome import Settings
from pipeline.segment.model import Segment as Unit
from pipeline.source.tree import RENAME_READS, ranked


def renamed(rel: str, settings: Settings, units: Sequence[Unit], findings: list[Finding]
             ) -> tuple[Catalog | None, bool]:
    """For an article without a catalog: the catalog of a deleted article of the locale that
    holds at least half of its English, as the catalog to merge into, its header comments left
    to be made anew. An article renamed keeps its translations, reviewed as they were: the
    English they translate is the same. Looked for where a rename or a move leaves it: the
    same file name (a move), then the same folder (a rename), then any other, a tier only
    when the one before found none, at most ``RENAME_READS`` catalogs (a folder of a thousand
    articles moved must not read a million); within a tier the one sharing the most English,
    the first by path on a tie. A candidate of the same file name or folder that cannot be
    read may be the one (unless one read holds all the English): the article then waits for
    it (no catalog is started, which would leave its translations behind), and says so; True
    beside the catalog."""
    layout = settings.layout
    behind = dict(settings.left_behind)  # as they were before the run
    english = {u.source for u in units}
    best: tuple[int, str, Catalog] | None = None
    unreadable: list[Finding] = []
    candidates = [c for c in ranked(rel, (*settings.orphans, *behind))
                  if c[0] < 2 or c[2] not in behind]  # a handoff's: where a rename leaves it
    for i, (level, _, other) in enumerate(candidates[:RENAME_READS]):
        if best is not None and level > candidates[i - 1][0]:
            break  # a tier found one: a farther one is not looked at
        shown = layout.shown_catalog(other)
        try:
            found = ((parse_po_bytes(behind[other], shown), b"") if other in behind else
                     read_catalog_bytes(layout.catalog(other), shown, settings.max_file_size))
        except InputError as exc:
            # where a rename or a move leaves it; anywhere else, or a handoff's, none waits
            if level < 2 and other not in behind:
                unreadable.append(exc.finding)
            continue
        except OSError as exc:
            if level < 2 and other not in behind:
                unreadable.append(inputs.unreadable(layout.catalog(other), exc, shown))
            continue
        if found is None or sync.foreign_entries(found[0], english, shown):
            continue
        active = {m.msgid: m.msgstr for m in found[0].active()}
        shared = len(english.intersection(active))
        if 2 * shared >= len(english) > 0 and (best is None or shared > best[0]):
            best = (shared, other, found[0])
    if unreadable and (best is None or best[0] < len(english)):  # one holding all of it wins
        findings.extend(unreadable)
        findings.append(Finding(
            CATALOG_RENAMED.id, Severity.ERROR,
            f"no catalog started: {unreadable[0].file}, the catalog of a deleted article, may "
            "hold this article's translations (a rename) and cannot be read",
            layout.shown_catalog(rel), 1, 1, None,
            f"fix {unreadable[0].file} (or delete it), then run again: its translations carry "
            "over"))
        return None, True
    if best is None:
        return None, False
    _, other, catalog = best
    carried = len({m.msgid for m in catalog.active() if m.msgstr and m.msgid in english})
    if not carried:
        return None, False  # nothing to carry: the article starts as any new one
    kind = ("the catalog of an English gone from beside its handoff" if other in behind else
            "the catalog of a deleted article")
    message = (f"started from {layout.shown_catalog(other)}, {kind} with the same English: the "
               f"translations of {carried} of its {len(english)} English segments carried over")
    if other in behind:
        message += (f"; the handoff {layout.shown_article(other)} still publishes the old "
                    "page: delete it (or move it with the English) if the article was renamed")
    findings.append(Finding(
        CATALOG_RENAMED.id, settings.options.severity(CATALOG_RENAMED), message,
        layout.shown_catalog(rel), 1, 1, None, CATALOG_RENAMED.hint))
    return replace(catalog, header_comments=()), False

