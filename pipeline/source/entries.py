"""Which catalog entry is each English unit's, when the catalog was made from an earlier
English (or a handoff): by English, and for English the article holds more than once, translated
two ways under contexts, by the place each occurrence had when the catalog was made."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Sequence

from pipeline.catalog import Catalog, Message
from pipeline.segment.model import Segment as Unit


def _by_msgid(catalog: Catalog | None) -> tuple[dict[str, Message], dict[str, list[Message]]]:
    plain: dict[str, Message] = {}
    contexts: dict[str, list[Message]] = {}
    if catalog is not None:
        for m in catalog.active():
            if m.msgctxt is None:
                plain[m.msgid] = m
            else:
                contexts.setdefault(m.msgid, []).append(m)
    return plain, contexts


def catalog_entries(units: Sequence[Unit], catalog: Catalog | None) -> list[Message | None]:
    """Each unit's entry in ``catalog`` by English. English the catalog holds more than once,
    translated two ways under contexts: see ``_occurrence_entries``."""
    plain, contexts = _by_msgid(catalog)
    revived = _obsolete_contexts(catalog, units, plain, contexts)
    chosen = _occurrence_entries(units, catalog, plain, contexts) if contexts else {}
    # contexts given back to the occurrences whose ids they name, as the catalog's #. ids
    # place them (msgmerge leaves them obsolete, without their own); else by rank
    named = _named(units, revived, _places(units, catalog)) if revived else {}
    seen: dict[str, int] = {}
    out: list[Message | None] = []
    for i, u in enumerate(units):
        n = seen[u.source] = seen.get(u.source, -1) + 1
        found = chosen.get(i) or plain.get(u.source)
        if u.source in named:
            found = named[u.source].get(i) or found or revived[u.source][0]
        elif u.source in revived:  # the first occurrence keeps the plain entry
            listed = [found, *revived[u.source]] if found is not None else revived[u.source]
            # an occurrence past the contexts takes the plain entry, as it would have been
            # keyed (a context is made only for a translation that differs from the first)
            found = listed[n] if n < len(listed) else listed[0]
        out.append(found)
    return out


def _named(units: Sequence[Unit], revived: dict[str, list[Message]], places: dict[int, int]
           ) -> dict[str, dict[int, Message]]:
    """For each English with obsolete contexts that all name ids its occurrences had when the
    catalog's #. ids were written (``places``: an edit since moves the ids, not the names'
    meaning), or have now where the catalog has no #. ids: each context by the index of the
    occurrence it names."""
    then: dict[str, dict[int, int]] = {}
    for i, u in enumerate(units):  # without #. ids (a tool dropped them): the ids now
        if u.source in revived and (i in places or not places):
            then.setdefault(u.source, {})[places.get(i, _id_number(u.id))] = i
    out: dict[str, dict[int, Message]] = {}
    for source, listed in revived.items():
        at = then.get(source, {})
        by_index = {at[n]: m for m in listed if m.msgctxt is not None
                    and (n := _id_number(m.msgctxt)) in at}
        if by_index and len(by_index) == sum(m.msgctxt is not None for m in listed):
            out[source] = by_index
    return out


def _occurrence_entries(units: Sequence[Unit], catalog: Catalog | None,
                        plain: dict[str, Message], contexts: dict[str, list[Message]]
                        ) -> dict[int, Message]:
    """The entry of each occurrence of English translated two ways. An occurrence whose place
    in the article the catalog's ids still show (the articles then and now aligned by their
    English: one occurrence edited away, added or moved moves none of the others) takes the
    entry that served that place; the others, in order, the places no occurrence kept, then
    the obsolete entries of that English (an edit undone: its plain entry, then its
    contexts), then by rank."""
    places = _places(units, catalog)
    gone = _obsolete(catalog, contexts.keys(), plain)
    at: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.source in contexts:
            at.setdefault(u.source, []).append(i)
    out: dict[int, Message] = {}
    for source, indices in at.items():
        found = plain.get(source)
        entries = [found, *contexts[source]] if found is not None else contexts[source]
        if not any(_numbers(m) for m in entries):  # a tool dropped the #. ids: each context
            # serves the occurrence whose id it names (as it was made; an edit since may have
            # moved it), the plain entry the others, an obsolete one too (an edit undone)
            named = {_id_number(m.msgctxt or ""): m for m in contexts[source]}
            others = found or next((m for m in gone.get(source, ()) if m.msgctxt is None),
                                   None)
            for i in indices:
                hit = named.get(_id_number(units[i].id)) or others
                if hit is not None:
                    out[i] = hit
            if others is not None or all(i in out for i in indices):
                continue
        slots = _occurrences(entries)
        kept: set[int] = set()
        moved = []
        for i in indices:
            k = next((k for k, (n, _) in enumerate(slots) if n == places.get(i)
                      and k not in kept), None)
            if k is None:
                moved.append(i)
            else:
                kept.add(k)
                out[i] = slots[k][1]
        spare = [m for k, (_, m) in enumerate(slots) if k not in kept]
        spare += gone.get(source, ())
        for rank, i in enumerate(moved):
            out[i] = spare[rank] if rank < len(spare) else slots[
                min(indices.index(i), len(slots) - 1)][1]
    return out


def _obsolete_contexts(catalog: Catalog | None, units: Sequence[Unit],
                       plain: dict[str, Message], contexts: dict[str, list[Message]]
                       ) -> dict[str, list[Message]]:
    """For English the article holds more than once with no active context entry: its
    obsolete entries (``_obsolete``), where it has obsolete contexts. ``msgmerge`` against a
    template (which has no contexts) makes the second translation of the same English
    obsolete; the occurrence it served takes it back rather than the first one's text."""
    repeated = {s for s, n in Counter(u.source for u in units).items() if n > 1}
    found = _obsolete(catalog, repeated - contexts.keys(), plain)
    return {s: listed for s, listed in found.items()
            if any(m.msgctxt is not None for m in listed)}


def _obsolete(catalog: Catalog | None, msgids: Collection[str], plain: dict[str, Message]
              ) -> dict[str, list[Message]]:
    """The obsolete translated entries of each of ``msgids``: its plain entry first (where
    no active one stands), then its contexts by the number of the id they name."""
    found: dict[str, list[Message]] = {}
    for m in catalog.messages if catalog is not None else ():
        if m.obsolete and m.msgstr and m.msgid in msgids and (
                m.msgctxt is not None or m.msgid not in plain):
            found.setdefault(m.msgid, []).append(m)
    for listed in found.values():
        listed.sort(key=lambda m: -1 if m.msgctxt is None else _id_number(m.msgctxt))
    return found


def _id_number(ident: str) -> int:
    tail = ident.rsplit("-", 1)[-1].lstrip("p").split(".")[0]
    return int(tail) if tail.isdigit() else 1 << 30


def _numbers(m: Message) -> list[int]:
    """The numbers of the ids an entry served (its ``#.`` ids). Not the id a context names:
    without ``#.`` ids the plain entry has none, and would sort after the contexts."""
    return [_id_number(c) for c in m.extracted_comments if _ID.fullmatch(c)]


def _places(units: Sequence[Unit], catalog: Catalog | None) -> dict[int, int]:
    """For each unit whose English stands where it stood when the catalog was made: the number
    of the id it had then. The article then is read off the catalog: every entry's English at
    each id it lists (in ``#.``)."""
    if catalog is None:
        return {}
    then = sorted({(n, m.msgid) for m in catalog.messages if not m.obsolete
                   for n in _numbers(m) if n < 1 << 30})
    matcher = difflib.SequenceMatcher(None, [msgid for _, msgid in then],
                                      [u.source for u in units], autojunk=False)
    return {b + k: then[a + k][0] for a, b, size in matcher.get_matching_blocks()
            for k in range(size)}


def _occurrences(entries: Sequence[Message]) -> list[tuple[int, Message]]:
    """The entries of one English, once per segment they served, with that segment's number,
    in the order of the numbers (entries without numbered ids after, in catalog order)."""
    served: list[tuple[int, int, Message]] = []
    for rank, m in enumerate(entries):
        served.extend((n, rank, m) for n in _numbers(m) or [1 << 30])
    served.sort(key=lambda item: (item[0], item[1]))
    return [(n, m) for n, _, m in served]


_ID = re.compile(r"[0-9A-Za-z]+-p?[0-9]+")
