"""Checks for catalogs the English drives (``pipeline.source``): English that changed since its
translation was made (asked of a handoff's catalog too: a new handoff, or a msgid a vendor's
tool changed), and a locale that lags its English. (Entries the English no longer has
are ``orphan-entry``, catalogs whose English is gone ``orphan-catalog``, as for handoffs.)"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from pipeline.checks.base import Check, Options, quote
from pipeline.findings import Finding, Severity
from pipeline.memory.rows import provenance

if TYPE_CHECKING:
    from pipeline.catalog import Message

ENGLISH_CHANGED = Check(
    "english-changed", "sync", Severity.INFO,
    "the English of a segment changed since its translation was made (a fuzzy entry)",
    "bring the translation in step with the new English and clear the fuzzy flag; until "
    "then the page shows the English (a handoff's page: the handoff's translation)",
)
TRANSLATION_LAG = Check(
    "translation-lag", "sync", Severity.INFO,
    "a locale lags its English: segments with no translation to publish",
    "send the catalog for translation; the English stands in for what is missing",
)
CHECKS = (ENGLISH_CHANGED, TRANSLATION_LAG)


def english_changed(entries: Sequence[Message | None], options: Options, po_path: str,
                    entry_line: Callable[[Message], int],
                    current: Collection[str] = ()) -> list[Finding]:
    """One finding per entry made fuzzy by an English change, at the entry. ``current``: the
    article's English; a suggestion lent by English it still has is no change, and says so."""
    if not options.enabled(ENGLISH_CHANGED):
        return []
    sev = options.severity(ENGLISH_CHANGED)
    out: list[Finding] = []
    seen: set[int] = set()
    for msg in entries:
        if msg is None or msg.previous_msgid is None or not msg.fuzzy or id(msg) in seen:
            continue
        seen.add(id(msg))
        memory = provenance(msg)
        now, was = quote_apart(msg.msgid, msg.previous_msgid, 60)
        if memory is not None:
            message = (f"a translation memory suggestion for other English "
                       f"({memory.similarity}% like it, from {memory.origin}) awaits review: "
                       f"{quote(msg.previous_msgid, 60)}")
        elif msg.previous_msgid in current:
            message = (f"new English {now} has a suggestion awaiting review, lent by the "
                       f"translation of similar English the article still has, {was}")
        else:
            message = f"the English changed since this was translated: now {now}, was {was}"
        out.append(Finding(ENGLISH_CHANGED.id, sev, message, po_path, entry_line(msg), 1, None,
                           ENGLISH_CHANGED.hint))
    return out


def quote_apart(a: str, b: str, width: int) -> tuple[str, str]:
    """Quotations of two texts that show where they differ: when both are cut, they start a
    little before their first difference (a common start is what a reader least needs)."""
    if len(a) <= width and len(b) <= width:
        return quote(a, width), quote(b, width)
    same = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))
    start = max(0, same - width // 3)
    if start < 8:  # little to drop: cut at the end only
        return quote(a, width), quote(b, width)
    return quote("…" + a[start:], width), quote("…" + b[start:], width)


def translation_lag(locale: str, total: int, stale: int, missing: int, options: Options,
                    file: str, held: int = 0, suggested: int = 0, review: int = 0,
                    kept: int = 0) -> list[Finding]:
    """One finding for an article a locale does not yet translate whole: ``stale`` units
    wait for review after an English change, ``suggested`` for review of a translation
    memory suggestion, ``review`` for review of a translation marked fuzzy for no English
    change (a translator's mark, a merge without ``--previous``, machine translation kept
    off the page), ``missing`` were never translated, ``held`` have a translation the checks
    hold back (each reported on its own as well), ``kept`` stay English because the English's
    front matter cannot take their translation (a title whose anchor an alias reads)."""
    lagging = stale + missing + held + suggested + review + kept
    if not lagging or not options.enabled(TRANSLATION_LAG):
        return []
    parts = [f"{n} {what}" for n, what in ((missing, "never translated"),
                                           (stale, "awaiting review after an English change"),
                                           (suggested, "awaiting review of a memory suggestion"),
                                           (review, "translated, awaiting review"),
                                           (held, "held back by an error in the translation"),
                                           (kept, "kept English: the English front matter "
                                                  "cannot take its translation"))
             if n]
    return [Finding(
        TRANSLATION_LAG.id, options.severity(TRANSLATION_LAG),
        f"{locale} lags the English: {lagging} of {total} segments "
        f"have no translation to publish ({', '.join(parts)})", file, 1, 1, None,
        TRANSLATION_LAG.hint)]
