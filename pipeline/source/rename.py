"""A renamed or moved English article keeps its translations: a new article's catalog starts
from the catalog of a deleted article of the locale that holds its English."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from itertools import islice

import pipeline.checks.inputs as inputs
from pipeline.catalog import Catalog, Message
from pipeline.catalog.files import read_catalog_bytes
from pipeline.catalog.reader import parse_po_bytes
from pipeline.checks import sync
from pipeline.checks.tree import CATALOG_RENAMED
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import read_bytes
from pipeline.outcome import Settings
from pipeline.provenance import MT_NOTE, as_obsolete, checksum, provenance_notes, recorded
from pipeline.segment import segment_bytes
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
    unreadable: list[Finding] = []

    def read(level: int, other: str) -> Catalog | None:
        shown = layout.shown_catalog(other)
        try:
            found = ((parse_po_bytes(behind[other], shown), b"") if other in behind else
                     read_catalog_bytes(layout.catalog(other), shown, settings.max_file_size))
        except InputError as exc:
            # where a rename or a move leaves it; anywhere else, or a handoff's, none waits
            if level < 2 and other not in behind:
                unreadable.append(exc.finding)
            return None
        except OSError as exc:
            if level < 2 and other not in behind:
                unreadable.append(inputs.unreadable(layout.catalog(other), exc, shown))
            return None
        wrong = [] if found is None else _foreign_locale(found[0], behind.get(other, found[1]),
                                                         other, shown)
        if wrong and level < 2 and other not in behind:  # another locale's: not carried
            unreadable.extend(wrong)
        return None if found is None or wrong else found[0]

    candidates = [c for c in ranked(rel, (*settings.orphans, *behind))
                  if c[0] < 2 or c[2] not in behind]  # a handoff's: where a rename leaves it
    best = _most_shared(candidates, english, settings, read)
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
        return _split_from(rel, settings, english, findings), False
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


def _most_shared(candidates: Sequence[tuple[int, int, str]], english: set[str],
                 settings: Settings, read: Callable[[int, str], Catalog | None]
                 ) -> tuple[int, str, Catalog] | None:
    """Of ``candidates`` (``ranked``: tier, closeness, path), the catalog ``read`` gives that shares
    the most of ``english``, at least half, and holds no foreign entry: (how much, its path,
    it). A tier is looked at only when the one before found none, at most ``RENAME_READS``
    catalogs are read, the first by path wins a tie."""
    best: tuple[int, str, Catalog] | None = None
    for i, (level, _, other) in enumerate(candidates[:RENAME_READS]):
        if best is not None and level > candidates[i - 1][0]:
            break  # a tier found one: a farther one is not looked at
        catalog = read(level, other)
        if catalog is None or sync.foreign_entries(
                catalog, english, settings.layout.shown_catalog(other)):
            continue
        shared = len(english.intersection(m.msgid for m in catalog.active()))
        if 2 * shared >= len(english) > 0 and (best is None or shared > best[0]):
            best = (shared, other, catalog)
    return best


def _split_from(rel: str, settings: Settings, english: set[str], findings: list[Finding]
                ) -> Catalog | None:
    """For an article without a catalog that no deleted article's holds: the translations of
    its English that left an English article of its file name or folder (the article it was
    split from), in that article's catalog as it was before the run (its own job makes those
    entries obsolete), active or obsolete, when they are at least half of its English. English
    the other article still has is a copy: the memory offers it for review. Only this
    article's entries are taken. None when no such catalog holds a translation of it."""
    sources = dict(settings.split_from)
    layout = settings.layout
    best: tuple[int, str, Catalog, list[Message]] | None = None
    for level, _, other in ranked(rel, sources)[:RENAME_READS]:
        if level > 1:
            break
        try:
            catalog = parse_po_bytes(sources[other], layout.shown_catalog(other))
        except InputError:
            continue  # its own job says what is wrong with it
        if _foreign_locale(catalog, sources[other], other, layout.shown_catalog(other)):
            continue  # another locale's: its own job says so
        taken: dict[tuple[str | None, str], Message] = {}
        for m in (*catalog.active(), *(m for m in catalog.messages if m.obsolete)):
            if m.msgid in english and (m.msgstr or not m.obsolete):
                taken.setdefault((m.msgctxt, m.msgid), replace(m, obsolete=False))
        if 2 * len({msgid for _, msgid in taken}) < len(english):
            continue  # too little in common: its English is not read
        kept = _english_now(settings, other)  # moved out, not copied: English it has no more
        if kept is None:
            continue
        taken = {k: m for k, m in taken.items() if m.msgid not in kept}
        shared = len({msgid for _, msgid in taken})
        if 2 * shared >= len(english) > 0 and (best is None or shared > best[0]):
            best = (shared, other, catalog, list(taken.values()))
    if best is None or not any(m.msgstr for m in best[3]):
        return None
    _, other, catalog, messages = best
    carried = len({m.msgid for m in messages if m.msgstr})
    findings.append(Finding(
        CATALOG_RENAMED.id, settings.options.severity(CATALOG_RENAMED),
        f"started from {layout.shown_catalog(other)}, the catalog of an article that had the "
        f"same English (split from it): the translations of {carried} of its "
        f"{len(english)} English segments carried over", layout.shown_catalog(rel), 1, 1, None,
        "review the carried translations in their new place; the other article keeps its own"))
    return replace(catalog, header_comments=(), messages=tuple(messages))


def _english_now(settings: Settings, other: str) -> set[str] | None:
    """The English the article of ``other`` has now (its catalog's entries for it stay its
    own: a new article that shares them is a copy, which the memory offers for review); None
    when it cannot be read."""
    layout = settings.layout
    try:
        data = read_bytes(layout.english(other), settings.max_file_size,
                          layout.shown_english(other))
    except (InputError, OSError):
        return None
    article = segment_bytes(data, layout.shown_english(other))
    return {u.source for u in (*article.segments, *article.fields)}


def reused(rel: str, settings: Settings, units: Sequence[Unit], catalog: Catalog,
           findings: list[Finding]) -> Catalog:
    """For an article whose catalog holds less than half of its English (its path reused:
    another article moved onto it, a deleted article's name given to a renamed one, two
    articles that swapped names): the entries of that English the catalog has no active entry
    of: from a deleted article's catalog that holds at least half of it, as ``renamed`` finds
    it, else (or when that one is farther off, by ``ranked``'s tiers) from a living article's
    that translates that English, which its article no longer has (``_moved_here``).
    Without them, the catalog's own obsolete entries of that English (an older text) were
    revived and published, the catalog's entries of other English fuzzy-matched onto it, and
    the translator's text left behind unpublished. The catalog's own entries stay: merged,
    those of English gone go obsolete, their text kept. Nothing is read for an article whose
    catalog holds its English."""
    english = {u.source for u in units}
    own = {m.msgid for m in catalog.active()}
    if 2 * len(english & own) >= len(english):
        return catalog
    layout = settings.layout
    read = partial(_catalog_of, settings)
    best = _most_shared(ranked(rel, settings.orphans), english, settings,
                        lambda _, other: read(other)) if settings.orphans else None
    hint = CATALOG_RENAMED.hint
    # a living article nearer than the deleted one (its folder, its file name) that had the
    # English is where it came from (two that swapped names), not a copy deleted elsewhere,
    # whose texts may be long stale; a deleted one as near still wins (a name reused)
    tier = 3 if best is None else ranked(rel, (best[1],))[0][0]
    moved = _moved_here(rel, settings, english, catalog, read, tier) if tier else None
    history: tuple[Message, ...] = ()
    if moved is None and best is not None:
        other, kind = best[1], "the catalog of a deleted article"
        taken = tuple(m for m in best[2].active() if m.msgid in english and m.msgid not in own)
    else:
        if moved is None:
            return catalog
        other, taken = moved[0], tuple(moved[1])
        have = {m.key for m in (*catalog.messages, *taken)}
        history = tuple(m for m in moved[2] if m.key not in have)
        kind = "the catalog of the article that had that English (the two swapped, or it moved)"
        hint = ("review the carried translations in their new place; the other article keeps "
                "its own")
    carried = len({m.msgid for m in taken if m.msgstr})
    if not carried:
        return catalog
    findings.append(Finding(
        CATALOG_RENAMED.id, settings.options.severity(CATALOG_RENAMED),
        f"took the translations of {carried} of its {len(english)} English segments from "
        f"{layout.shown_catalog(other)}, {kind}: this catalog held less than half of the "
        "article's English (another article's, its path reused); its own entries of English "
        "gone are kept obsolete", layout.shown_catalog(rel), 1, 1, None, hint))
    return replace(catalog, messages=(*catalog.messages, *taken, *history))


def _moved_here(rel: str, settings: Settings, english: set[str], catalog: Catalog,
                read: Callable[[str], Catalog | None], tier: int
                ) -> tuple[str, list[Message], list[Message]] | None:
    """The catalog of a living English article of ``rel``'s locale that translates the most of
    ``english`` its article no longer has (two articles that swapped names, a section split
    out onto a path whose catalog is another's): its path and those entries, active or
    obsolete, the active first, for English ``catalog`` (the article's) has no active entry of.
    That catalog's own job may rewrite it in this run (its English gone made obsolete), so
    only what that leaves as it was counts and is taken: an entry with a text (one without is
    dropped), as obsolete entries are kept (no references), not a suggestion waiting with the
    English it was made for (one whose text another entry keeps is dropped). Taken when they
    are at least as many as the translations ``catalog`` holds of ``english``; English the other
    article still has is a copy, its own (the memory offers it for review). A candidate's
    English is read only when its catalog holds enough. Only those of a ``ranked`` tier below
    ``tier`` are looked at. Third, where the two swapped, the history that moved with the
    English: the entries with a text of English neither article has (its older English, its
    suggestions' sources), as obsolete, the same whether that job ran first or not, so that an
    edited sentence's old translation lends to it again."""
    own = {m.msgid for m in catalog.active()}
    translated = len({m.msgid for m in catalog.active() if m.msgid in english and m.msgstr})
    best: tuple[int, str, list[Message], list[Message]] | None = None
    for level, _, other in _living(rel, settings):
        if level >= tier:
            break  # ranked: the rest are no nearer
        source = read(other)
        if source is None:
            continue
        # by key, not English alone: twins (one English translated two ways, a context each)
        # all come, as the catalog of a deleted article gives them
        taken: dict[tuple[str | None, str], Message] = {}
        for m in (*source.active(), *(m for m in source.messages if m.obsolete)):
            if (m.msgid in english and m.msgid not in own and m.msgstr
                    and not (m.fuzzy and m.previous_msgid is not None)):
                taken.setdefault(m.key, replace(  # as its obsolete form: the same either way
                    m, obsolete=False, references=(), extracted_comments=provenance_notes(m),
                    line=0))
        count = len({msgid for _, msgid in taken})
        if not count or count < max(translated, 1 if best is None else best[0] + 1):
            continue  # too little: its English is not read
        kept = _english_now(settings, other)  # moved out, not copied: English it has no more
        if kept is None:
            continue
        messages = [m for m in taken.values() if m.msgid not in kept]
        count = len({m.msgid for m in messages})
        if messages and count >= translated and (best is None or count > best[0]):
            # a swap (this catalog's English is the other article's now) moves the article
            # whole; a section split out leaves the history where the rest of it stays
            swapped = 2 * len(own & kept) >= len(own) > 0
            best = (count, other, messages, _history(source, english | kept) if swapped else [])
    return None if best is None else best[1:]


def _history(source: Catalog, english: set[str]) -> list[Message]:
    """``source``'s entries with a text of English not in ``english``, as obsolete, as its
    own job leaves them however it rewrites the catalog (a suggestion dropped, whose text its
    English's obsolete entry keeps; an entry without a text dropped)."""
    found: dict[tuple[str | None, str], Message] = {}
    for m in (*source.active(), *(m for m in source.messages if m.obsolete)):
        if (m.msgid and m.msgid not in english and m.msgstr
                and not (m.fuzzy and m.previous_msgid is not None)):
            found.setdefault(m.key, replace(
                m, obsolete=True, references=(), extracted_comments=provenance_notes(m),
                line=0, translator_comments=as_obsolete(m.translator_comments)))
    return list(found.values())


def _catalog_of(settings: Settings, other: str) -> Catalog | None:
    """Another article's catalog as it stands, None when there is none or it cannot be read:
    its own job, or its orphan finding, names the problem; the article keeps its own."""
    layout = settings.layout
    try:
        found = read_catalog_bytes(layout.catalog(other), layout.shown_catalog(other),
                                   settings.max_file_size)
    except (InputError, OSError):
        return None
    if found is None or _foreign_locale(*found, other, layout.shown_catalog(other)):
        return None  # another locale's catalog filed in this one's folder lends nothing
    return found[0]


def _foreign_locale(catalog: Catalog, data: bytes, other: str, shown: str) -> list[Finding]:
    """``sync.foreign_locale`` of the catalog at ``other`` (its locale its first folder): a
    catalog whose translations are another language's carry over into none of this one's."""
    return sync.foreign_locale(catalog, data or None, other.split("/", 1)[0], shown)


def _living(rel: str, settings: Settings) -> list[tuple[int, int, str]]:
    """The catalogs of ``rel``'s locale whose English article is there, ``ranked``, at most
    ``RENAME_READS``: listed only for an article whose catalog holds little of its English."""
    layout = settings.layout
    found = (c for c in ranked(rel, layout.catalogs().rels) if c[2] != rel and layout.drives(c[2]))
    return list(islice(found, RENAME_READS))


def undone(rel: str, settings: Settings, units: Sequence[Unit], catalog: Catalog,
           findings: list[Finding]) -> Catalog:
    """For an article whose catalog holds its English, beside a deleted article's catalog of
    its file name or folder that holds at least half of it too (a rename undone: ``git mv``
    back, the catalog the rename started left as an orphan; or a copy): what a translator
    did in that one since. An entry reviewed there whose English this catalog has no text of
    is a translator's work this catalog never saw: taken, reviewed; unless this catalog's
    entry records the delivery of that very text (it held it: emptied since, by hand), which
    is two texts that differ. Two texts of one English that differ cannot be told apart by
    age (either catalog may have been edited after the copy; a fuzzy flag over the same text
    may be a reviewer's): this catalog's is published, and a warning names both files and the
    English, so that the newer edit is not silently shadowed; neither text is touched. The
    same text waiting here as extract left it (a suggestion for English since edited, machine
    translation) was reviewed there: taken. Read only where such an orphan catalog is there."""
    english = {u.source for u in units}
    near = [c for c in ranked(rel, settings.orphans) if c[0] < 2]
    if not near or 2 * len(english.intersection(m.msgid for m in catalog.active())) < len(
            english):
        return catalog  # none beside it, or ``reused`` looked at them already
    layout = settings.layout
    best = _most_shared(near, english, settings, lambda _, other: _catalog_of(settings, other))
    if best is None:
        return catalog
    _, other, source = best
    mine = {m.key: m for m in catalog.active()}
    taken: dict[tuple[str | None, str], Message] = {}
    differ: list[tuple[Message, Message]] = []
    for m in source.active():
        here = mine.get(m.key)
        if not (m.reviewed and m.msgid in english):
            continue
        if here is not None and not here.msgstr and _held(here, m.msgstr):
            differ.append((here, m))  # emptied since: its record says it held that text
        elif here is None or not here.msgstr or (here.msgstr == m.msgstr and _pending(here)):
            taken[m.key] = m
        elif here.msgstr != m.msgstr:  # a fuzzy flag over the same text may be a reviewer's
            differ.append((here, m))
    shown = layout.shown_catalog(other)
    if differ:
        here, there = differ[0]
        findings.append(Finding(
            CATALOG_RENAMED.id, Severity.WARNING,
            f"{shown}, the catalog of a deleted article with this article's English (left by a "
            f"rename, or by a rename undone), translates {len(differ)} of its English segments "
            f"otherwise: {there.msgid!r} is {there.msgstr!r} there, {here.msgstr!r} here; "
            "this catalog's text stands", layout.shown_catalog(rel), 1, 1, None,
            f"keep the newer text in this catalog (copy it from {shown} if that is the one), "
            f"then delete {shown}"))
    if not taken:
        return catalog
    findings.append(Finding(
        CATALOG_RENAMED.id, settings.options.severity(CATALOG_RENAMED),
        f"took the reviewed translations of {len({k[1] for k in taken})} of its "
        f"{len(english)} English segments, which this catalog had no text of (or the same "
        f"awaiting review), from {shown}, the catalog of a deleted article with this "
        "article's English (left by a rename, or by a rename undone)", layout.shown_catalog(rel),
        1, 1, None, f"review them, then delete {shown} once nothing in it is newer"))
    return replace(catalog, messages=(*(taken.pop(m.key, m) if not m.obsolete else m
                                        for m in catalog.messages), *taken.values()))


def _held(msg: Message, text: str) -> bool:
    """Whether ``msg``'s handoff record is of ``text``: the entry held it, so an empty msgstr
    is an edit made since (a translator cleared it), not a translation never made."""
    record = recorded(msg)
    return record is not None and record.checksum == checksum(text)


def _pending(msg: Message) -> bool:
    """Fuzzy as extract made it, not as a reviewer flagged it: a suggestion made for English
    since edited (``#| msgid``), or machine translation not yet reviewed."""
    return msg.fuzzy and (msg.previous_msgid is not None or MT_NOTE in msg.extracted_comments)
