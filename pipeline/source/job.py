"""One English-driven article for one locale, in a worker: segment the English, merge the
locale's catalog from it, check, publish and render, in memory; ``job.write_batch`` writes the
files. It is ``job.prepare`` for an article whose English lives in the source folder.

What is published for each unit is what ``job.publish`` chooses between the catalog's
reviewed translation and the article's own, the article's own being the handoff's translation,
else an unreviewed machine translation of the catalog when the settings publish those; a unit
with neither is published in English. Findings about a translation cite its catalog entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pipeline.checks.inputs as inputs
from pipeline import checks, identity, suppress
from pipeline.article import Article, read_article
from pipeline.catalog import Catalog, Message, encode_po
from pipeline.catalog.files import read_catalog_seen
from pipeline.catalog.keys import entries_for
from pipeline.checks import sync
from pipeline.checks.english import english_changed, translation_lag
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import Seen, read_seen
from pipeline.job import Prepared, Write, english_kept, flag_findings, written_lines
from pipeline.merge import is_machine_translated, merge
from pipeline.outcome import Settings
from pipeline.provenance import is_machine_translation
from pipeline.publish import Guard, Policy, publish
from pipeline.segment import segment_bytes
from pipeline.segment.model import Segment as Unit
from pipeline.segment.model import SegmentedArticle
from pipeline.source.entries import catalog_entries
from pipeline.source.frontmatter import held_english
from pipeline.source.handoff import lend, stale_by_place
from pipeline.source.rename import renamed, reused, undone
from pipeline.source.render import render
from pipeline.source.units import (
    dated_as_before,
    english_meta,
    held_attributes,
    join_merged,
    keys_for,
    lag_counts,
    merged_meta,
    record,
    tidy,
    units_of,
)
from pipeline.storage import Unavailable, Url


def prepare(rel: str, settings: Settings, guard: Guard | None = None,
            folders: dict[str, bool] | None = None) -> Prepared:
    layout = settings.layout
    locale, _, within = rel.partition("/")
    shown = layout.shown_english(rel)
    # what is wrong with the English file itself is said once, by its first locale's job
    first = not settings.targets or settings.targets[0].lower() == locale.lower()
    try:
        data, english_seen = read_seen(layout.english(rel), settings.max_file_size)
    except InputError as exc:
        return Prepared(rel, (identity.unchecked(exc.finding, _everywhere(rel, settings)),)
                        if first else ())
    except OSError as exc:
        return Prepared(rel, (inputs.unreadable(layout.english(rel), exc, shown),) if first else ())
    english = _segmented(data, shown)
    if any(f.severity is Severity.ERROR for f in english.findings):  # no locale is checked
        every = _everywhere(rel, settings)
        return Prepared(rel, tuple(identity.unchecked(f, every) if f.severity is Severity.ERROR
                                   else f for f in english.findings) if first else ())
    findings: list[Finding] = list(english.findings) if first else []
    units = units_of(english, within)
    handoff, handoff_data, handoff_read, handoff_seen = _handoff(rel, settings, findings)
    catalog, po_bytes, broken, po_seen = _catalog(rel, locale, settings, findings, units,
                                                  folders)
    fresh = po_bytes is None  # a new catalog (a renamed article's too) gets our comments
    waiting = False  # a deleted article's catalog that may be this one's cannot be read
    carried = False  # the catalog started from a deleted article's (a rename)
    if catalog is None and not broken and settings.extract and (
            settings.orphans or settings.left_behind or settings.split_from):
        catalog, waiting = renamed(rel, settings, units, findings)
        # the note that it did is this run's alone: a rerun finds the catalog it wrote, so the
        # run cache must not replay the note (its source may be deleted by then)
        carried = catalog is not None
    elif catalog is not None and settings.extract:
        said = len(findings)
        carrying = reused(rel, settings, units, catalog, findings)
        if carrying is catalog and settings.orphans:  # a rename undone beside its orphan
            carrying = undone(rel, settings, units, catalog, findings)
        # what is said of an orphan holds while it stands: never replayed once it is deleted
        carried = carrying is not catalog or len(findings) > said
        catalog = carrying
    units = join_merged(units, english.text, catalog)

    own_meta = english_meta(english)
    meta = merged_meta(own_meta, catalog, handoff)
    lent = stale_by_place(units, lend(units, english.text, handoff), catalog)
    known = catalog_entries(units, catalog)
    source_rel = f"{layout.source}/{within}"
    # what a handoff delivered for each unit, and nothing else: the catalog's own text is no
    # delivery, and must not be recorded as one (``provenance``)
    article = record(units, lent, path=shown, rel=source_rel, locale=locale,
                     english=english, meta=meta)
    keys = keys_for(article.segments, known)
    po_shown = layout.shown_catalog(rel)
    catalog_write = None
    entry_line: Callable[[Message], int] = lambda m: m.line or 1  # noqa: E731
    tm = None
    as_read = catalog
    if settings.extract and not broken and not waiting and (catalog is not None or units):
        updated = dated_as_before(tidy(merge(article, catalog, keys), units, keys, source_rel,
                                       _comments(locale, source_rel) if fresh else None),
                                  catalog)
        if settings.memory is not None:  # filled in the second pass, as in ``job``
            from pipeline.memory.session import worker

            updated, tm = worker(article, updated, settings,
                                 None if guard is None else guard.segments)
            if tm[1]:  # entries left to fill: the second pass does the article's work
                return Prepared(rel, (), replace(article, rel=rel), data, tm=tm)
        canonical = encode_po(updated)  # in its declared charset; a vendor layout goes too
        if updated != catalog:
            catalog = updated
        if canonical != po_bytes:
            catalog_write = Write(layout.catalog(rel), canonical, po_shown)
            entry_line = written_lines(catalog, canonical)
    entries = entries_for(article, catalog, keys)

    options = settings.options
    if settings.check:
        if handoff is not None:
            findings.extend(checks.article_findings(handoff, options))
        if catalog is not None:
            findings.extend(_at_handoff(_in_locale(checks.catalog_findings(
                article, catalog, po_shown, options, keys, entries=entries,
                entry_line=entry_line), locale, shown), handoff, units))
            findings.extend(english_changed(entries, options, po_shown, entry_line,
                                            {u.source for u in units}))
            if options.enabled(suppress.IGNORE_FLAG):
                findings.extend(flag_findings(catalog, as_read, catalog_write, po_shown,
                                              options))
        elif not (broken or waiting) and units and options.enabled(sync.MISSING_CATALOG):
            findings.append(Finding(
                sync.MISSING_CATALOG.id, options.severity(sync.MISSING_CATALOG),
                f"{locale}: no catalog at {po_shown}", shown, 1, 1, None,
                sync.MISSING_CATALOG.hint))

    own = [mine or (m.msgstr if m is not None and is_machine_translation(m)
                    and settings.publish_machine_translation else "")
           for mine, m in zip(lent, entries, strict=True)]
    published = [u.source for u in units]
    if settings.check or settings.form is not None:
        chosen = [i for i, (m, tr) in enumerate(zip(entries, own, strict=True))
                  if tr or (m is not None and m.reviewed)]
        subset = record([units[i] for i in chosen], [own[i] for i in chosen], path=shown,
                        rel=rel, locale=locale, english=english, meta=meta)
        # what the localized page publishes, for every form: the bilingual form has no
        # delivered sxs article to give back byte for byte; the page itself is rendered below
        policy = Policy(settings.options, None, settings.publish_machine_translation,
                        settings.check, markup_checked=False)
        chosen_pub = publish(subset, [entries[i] for i in chosen], policy, guard)
        texts, segment_findings, substitutions = (
            chosen_pub.translations, chosen_pub.findings, chosen_pub.substitutions)
        for i, tr in zip(chosen, texts, strict=True):
            published[i] = tr or units[i].source  # no translation of its own: the English
        # a title, description or keyword no edit can write (YAML that cannot read, a value
        # that would not read back as its translation) stays English, and says so
        before = list(published)
        substitutions = (*substitutions, *held_english(
            english.text, english.body_start, units, published, own_meta, options, shown))
        # held for the English's YAML, not for its translation: said apart in the lag
        unwritable = {i for i, (a, b) in enumerate(zip(before, published, strict=True))
                      if a != b}
        # a finding on a segment is about its English and the translation checked, as a
        # handoff's is (``identity.attach``): what a baseline and SARIF key it by
        segment_findings, substitutions = (tuple(identity.attach(found, subset, [
            entries[i] for i in chosen], shown)) for found in (segment_findings, substitutions))
        cut, swapped = held_attributes(units, english.text, published, options, shown)
        segment_findings, substitutions = (*segment_findings, *cut), (*substitutions, *swapped)
        where = _where(units, entries, po_shown, entry_line)
        if settings.check:
            findings.extend(_cited(segment_findings, where, locale))
            never, stale, suggested, review = lag_counts(entries, set(chosen))
            # a translation the checks hold back leaves the English on the page too; one kept
            # off it as machine translation nobody reviewed awaits review
            off = [i for i in chosen if published[i] == units[i].source
                   and _meant(entries[i], own[i]) not in ("", units[i].source)]
            mt_off = not settings.publish_machine_translation and is_machine_translated(subset)
            held_by = (guard or Guard(options)).for_locale(locale).segments.held_by
            mt = [i for i in off if mt_off and not getattr(entries[i], "reviewed", False)
                  and not held_by(units[i].source, _meant(entries[i], own[i]))]
            kept = len(unwritable.intersection(off))
            findings.extend(translation_lag(
                locale, len(units), stale, never, options, po_shown if catalog else shown,
                len(off) - len(mt) - kept, suggested, review + len(mt), kept))
        if settings.form is not None and not broken:
            findings.extend(_cited(substitutions, where, locale))

    shown_units: tuple[tuple[Message | None, str, str], ...] = ()
    output_write = None
    if settings.form is not None:
        notes = {(f.segment, f.line): f.message for f in substitutions}
        shown_units = tuple((m, text, notes.get((u.id, u.line), ""))
                            for u, m, text in zip(units, entries, published, strict=True))
        if broken:
            findings.append(Finding(
                inputs.RENDER_SUBSTITUTED.id, Severity.ERROR,
                f"{locale}: not rendered: its catalog has errors; the previous output stays",
                shown, 1, 1, None, "fix the catalog, then run again"))
        else:
            page = render(english, units, published, settings.form, locale, own_meta)
            output_write = Write(layout.output(rel), page.encode("utf-8", "surrogatepass"),
                                 layout.shown_output(rel))
    if tm is None and settings.memory is not None and catalog is not None and not broken:
        from pipeline.memory.rows import packed_rows

        tm = (packed_rows(catalog), 0)
    # what the run records of the article: its English, under the locale's path
    # a handoff that could not be read is reported again by every run, as a bad handoff
    # alone is (``job.prepare``): never replayed
    article = replace(article, rel=rel)
    return Prepared(rel, tuple(findings), article, data, catalog_write, po_bytes, output_write,
                    cacheable=not (broken or waiting or carried) and handoff_read,
                    handoff_data=handoff_data, tm=tm, shown=shown_units,
                    kept=english_kept(article, data), article_seen=english_seen,
                    catalog_seen=po_seen, handoff_seen=handoff_seen)


_last: dict[tuple[str, bytes], SegmentedArticle] = {}


def _segmented(data: bytes, shown: str) -> SegmentedArticle:
    """The English segmented, once for all its locales: they come one after the other (see
    ``tree.articles``), and segmenting is most of an English-driven job."""
    key = (shown, data)
    found = _last.get(key)
    if found is None:
        _last.clear()
        found = _last[key] = segment_bytes(data, shown)
    return found


def _everywhere(rel: str, settings: Settings) -> tuple[Path | Url, ...]:
    """The files an English article that cannot be read or segmented keeps unchecked: itself,
    and every target locale's catalog and handoff of it (not only the locales built: the
    baseline is the same whichever locales a run builds)."""
    layout, within = settings.layout, rel.partition("/")[2]
    locales = settings.listing.found if settings.listing is not None else settings.targets
    return (layout.english(rel), *(p for t in locales for p in (
        layout.catalog(f"{t}/{within}"), layout.article(f"{t}/{within}"))))


def _handoff(rel: str, settings: Settings, findings: list[Finding]
             ) -> tuple[Article | None, bytes | None, bool, Seen | None]:
    """The handoff of the same article in the locale's folder, if there is one; its bytes;
    whether it was read (there is none, or it was read whole: the run cache may key on it);
    and its status as read."""
    layout = settings.layout
    path, shown = layout.article(rel), layout.shown_article(rel)
    try:
        data, seen = read_seen(path, settings.max_file_size)
        return read_article(data, rel, shown), data, True, seen
    except (FileNotFoundError, NotADirectoryError):
        return None, None, True, None
    except InputError as exc:  # what it lends is checked by no one
        findings.append(identity.unchecked(exc.finding, (path,)))
    except OSError as exc:
        findings.append(Finding("unreadable", Severity.ERROR, f"cannot read: "
                                f"{exc.strerror or exc}", shown, 0, 0, None,
                                "check the file's permissions"))
    return None, None, False, None


def _catalog(rel: str, locale: str, settings: Settings, findings: list[Finding],
             units: Sequence[Unit],
             folders: dict[str, bool] | None = None,
             ) -> tuple[Catalog | None, bytes | None, bool, Seen | None]:
    """The locale's catalog as read, its bytes, whether it is broken (then it is neither
    rewritten nor published from), and its status as read."""
    layout = settings.layout
    po_shown = layout.shown_catalog(rel)
    try:
        found = read_catalog_seen(layout.catalog(rel), po_shown, settings.max_file_size, folders)
    except InputError as exc:
        findings.append(identity.unchecked(exc.finding, (layout.catalog(rel),)))
        return None, None, True, None
    except OSError as exc:
        findings.append(Finding("po-syntax", Severity.ERROR, f"cannot read: {exc.strerror}",
                                po_shown, hint="check the file's permissions"))
        return None, None, True, None
    if found is None:
        return None, None, False, None
    catalog, data, seen = found
    foreign = sync.foreign(catalog, data, locale, units, po_shown)
    if foreign:  # English a vendor added by hand, or another locale's: not this article's
        findings.extend(identity.unchecked(f, (layout.catalog(rel),)) for f in foreign)
        return None, data, True, seen
    return catalog, data, False, seen


def _comments(locale: str, source_rel: str) -> tuple[str, ...]:
    return (
        f"{locale} translation of {source_rel}",
        "msgids are the English segments of the English article; edit only msgstr.",
        "Fuzzy entries are not yet reviewed: machine translation or changed English.",
    )


def _meant(entry: Message | None, own: str) -> str:
    """The translation a unit's page is meant to show: the reviewed entry's, else its own."""
    return entry.msgstr if entry is not None and entry.reviewed and entry.msgstr else own


Where = dict[str, tuple[str, int, int]]


def _where(units: Sequence[Unit], entries: Sequence[Message | None], po_shown: str,
           entry_line: Callable[[Message], int]) -> Where:
    """Where a finding about each unit's translation is best cited: its catalog entry."""
    return {u.id: (po_shown, entry_line(m), 1)
            for u, m in zip(units, entries, strict=True) if m is not None}


def _cited(found: Sequence[Finding], where: Where, locale: str) -> list[Finding]:
    out: list[Finding] = []
    said: set[tuple[str, str, tuple[str, int, int]]] = set()
    for f in found:
        at = where.get(f.segment or "")
        if at is None:
            out.append(replace(f, message=f"{locale}: {f.message}"))
        elif (f.check, f.message, at) not in said:  # an entry two units share: said once
            said.add((f.check, f.message, at))
            file, line, column = at  # the rest as found: an ignore mark's silence too
            out.append(replace(f, file=file, line=line, column=column))
    return out


def _in_locale(found: Sequence[Finding], locale: str, english_shown: str) -> list[Finding]:
    """Findings the sync rules place in the English file, saying for which locale."""
    return [replace(f, message=f"{locale}: {f.message}") if f.file == english_shown else f
            for f in found]


def _at_handoff(found: list[Finding], handoff: Article | None, units: Sequence[Unit]
                ) -> list[Finding]:
    """``handoff-disagrees`` is about what the handoff delivers: cited at the handoff's pair
    of the same English, not at the English article."""
    if handoff is None or not any(f.check == sync.DISAGREES.id for f in found):
        return found
    english = {u.id: u.source for u in units}
    pairs: dict[str, tuple[int, int]] = {}
    for seg in handoff.segments:
        pairs.setdefault(seg.source, (seg.line, seg.column))
    out = []
    for f in found:
        at = pairs.get(english.get(f.segment or "", "")) if f.check == sync.DISAGREES.id else None
        out.append(f if at is None else replace(f, file=handoff.path, line=at[0], column=at[1]))
    return out


def prepare_safely(rel: str, settings: Settings, guard: Guard | None = None,
                   folders: dict[str, bool] | None = None) -> Prepared:
    """``prepare``, with a bug turned into an error finding for this article alone."""
    try:
        return prepare(rel, settings, guard, folders)
    except Unavailable:  # the storage's fault, not the article's: the batch is retried
        raise
    except Exception as exc:  # anything else would stop the whole run
        layout = settings.layout
        return Prepared(rel, (identity.unchecked(Finding(
            "internal-error", Severity.ERROR,
            f"internal error, article skipped: {type(exc).__name__}: {exc}"[:300],
            layout.shown_output(rel), 0, 0, None,
            "please report this with the English article attached; its files were left as "
            "they were",
        ), (layout.english(rel), layout.catalog(rel), layout.article(rel))),))  # unchecked
