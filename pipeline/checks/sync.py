"""Article against catalog: the two in step; and one article in step across its locales."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from pipeline.checks.base import CatalogRule, Check, Options, Pairing, quote
from pipeline.findings import Finding, Severity

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Catalog, Message

MISSING_ENTRY = Check(
    "missing-entry", "sync", Severity.ERROR,
    "a segment of the article has no entry in its catalog",
    "run `pipeline extract` to bring the catalog in step",
)
ORPHAN_ENTRY = Check(
    "orphan-entry", "sync", Severity.WARNING,
    "a catalog entry that no segment of the article uses (obsolete entries aside)",
    "run `pipeline extract`: it marks the entry obsolete and keeps its translation",
)
SOURCE_DRIFT = Check(
    "source-drift", "sync", Severity.ERROR,
    "the article's English differs from the msgid of the segment's entry",
    "run `pipeline extract`: changed English becomes a fuzzy entry for review",
)
OVERRIDE = Check(
    "catalog-overrides-article", "sync", Severity.INFO,
    "a reviewed catalog translation differs from the article's; the catalog's is used",
    "expected after a vendor edit; nothing to do unless the catalog is wrong",
)
LOCALE_LAG = Check(
    "locale-lag", "sync", Severity.WARNING,
    "the same article has different English in different locales",
    "the lagging locales need a new handoff of the article",
)
MISSING_CATALOG = Check(
    "missing-catalog", "sync", Severity.ERROR,
    "an article has no catalog",
    "run `pipeline extract`",
)
ORPHAN_CATALOG = Check(
    "orphan-catalog", "sync", Severity.WARNING,
    "a catalog whose article no longer exists",
    "delete the catalog, or restore the article",
)

Out = Iterator[tuple[str, int, int, str | None, str]]



def missing_entry(p: Pairing, options: Options) -> Out:
    if p.complete:  # every segment has its entry: the common case
        return
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        if msg is not None:
            continue
        drifted = p.by_id.get(seg.id)
        if drifted is None or drifted.msgid == seg.source:
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"segment {seg.id} {quote(seg.source, 60)} has no catalog entry"
            )


def source_drift(p: Pairing, options: Options) -> Out:
    if p.complete:
        return
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        drifted = p.by_id.get(seg.id) if msg is None else None
        if drifted is not None and drifted.msgid != seg.source:
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"article English {quote(seg.source, 60)} differs from the catalog's msgid "
                f"{quote(drifted.msgid, 60)} ({p.po_path}:{drifted.line})"
            )


def orphan_entry(p: Pairing, options: Options) -> Out:
    keys = set(p.keys)
    ids = {seg.id for seg in p.article.segments}
    for msg in p.catalog.active():
        if msg.key in keys:
            continue
        if any(c in ids for c in msg.extracted_comments):
            continue  # reported as source drift at the segment
        yield p.po_path, msg.line, 1, None, (
            f"entry {quote(msg.msgid, 60)} matches no segment of {p.article.path}"
        )


def override(p: Pairing, options: Options) -> Out:
    for seg, msg in zip(p.article.segments, p.entries, strict=True):
        if msg is not None and msg.reviewed and seg.translation and msg.msgstr != seg.translation:
            yield p.article.path, seg.line, seg.column, seg.id, (
                f"catalog translation {quote(msg.msgstr, 50)} ({p.po_path}:{msg.line}) differs "
                f"from the article's {quote(seg.translation, 50)}; the catalog's is used"
            )


def entries_by_segment_id(catalog: Catalog) -> dict[str, Message]:
    out: dict[str, Message] = {}
    for msg in catalog.active():
        for note in msg.extracted_comments:
            out.setdefault(note, msg)
    return out


RULES: tuple[CatalogRule, ...] = (
    CatalogRule(MISSING_ENTRY, missing_entry),
    CatalogRule(SOURCE_DRIFT, source_drift),
    CatalogRule(ORPHAN_ENTRY, orphan_entry),
    CatalogRule(OVERRIDE, override),
)


class Edition(NamedTuple):
    """What the cross-locale check needs of one article: small, so a run holds all of them (a
    named tuple: a run with nothing to do makes one per article from its cache)."""

    rel: str
    locale: str
    english: str  # digest of the English segments
    commit: str
    handoff: str  # ms.lasthandoff as YYYY-MM-DD, or ''


def edition(article: Article, digest: str) -> Edition:
    handoff = article.meta.get("ms.lasthandoff") or ""
    parts = handoff.strip().split("/")
    iso = f"{parts[2]}-{parts[0]:0>2}-{parts[1]:0>2}" if len(parts) == 3 else ""
    return edition_of(article.rel, digest, article.meta.get("ms.sourcegitcommit") or "", iso)


def edition_of(rel: str, english: str, commit: str, handoff: str) -> Edition:
    """The Edition of the article at ``rel`` (under the content root, locale folder first):
    the cache keeps only the last three fields, the path gives the others."""
    locale, _, within = rel.partition("/")
    return Edition(within or rel, locale, english, commit, handoff)


def locale_lag(editions: Iterable[Edition], options: Options, content: str) -> list[Finding]:
    if not options.enabled(LOCALE_LAG):
        return []
    groups: dict[str, list[Edition]] = {}
    for ed in editions:
        groups.setdefault(ed.rel, []).append(ed)
    findings: list[Finding] = []
    # most articles exist in one locale only: only the others can lag
    for rel in sorted(rel for rel, eds in groups.items() if len(eds) > 1):
        eds = groups[rel]
        if len({e.english for e in eds}) < 2:
            continue
        newest = max(eds, key=lambda e: (e.handoff, e.locale))
        lagging: Sequence[Edition] = sorted(
            (e for e in eds if e.english != newest.english), key=lambda e: e.locale
        )
        for ed in lagging:
            findings.append(
                Finding(
                    LOCALE_LAG.id, options.severity(LOCALE_LAG),
                    f"English differs from {newest.locale} (handed off {newest.handoff or '?'} "
                    f"from {newest.commit[:12] or '?'}); this locale was handed off "
                    f"{ed.handoff or '?'} from {ed.commit[:12] or '?'} and lags",
                    f"{content}/{ed.locale}/{rel}", 1, 1, None, LOCALE_LAG.hint,
                )
            )
    return findings
