"""Entries of one English told apart (twins: the same English translated two ways in an
article, the first entry without a context, the others with their segment ids): which entry
each segment of a new handoff takes, by the translation its handoff record names first, then
in order; and a context for an obsolete twin whose key a twin took."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from pipeline.catalog.keys import Key
from pipeline.catalog.model import Message
from pipeline.provenance import checksum, recorded


class Twin(Protocol):
    """What matching needs of a merge unit."""

    @property
    def msgid(self) -> str: ...

    @property
    def translation(self) -> str: ...


def by_context(todo: Sequence[Twin], chosen: list[Message | None],
                by_msgid: dict[str, list[Message]], active_keys: set[Key]) -> None:
    """Entries for units with no entry of their own key: an earlier handoff's id, or a context
    a vendor's tool put on every entry (msgctxt ""), of the same English. First the entry whose
    record is of the translation this handoff delivers for the unit (a new item of the same
    English between two old ones must not take the next one's entry, and a translator's
    correction with it), then the others in order."""
    claimed: set[Key] = set()
    left = [i for i, found in enumerate(chosen) if found is None and todo[i].msgid in by_msgid]
    for by_record in (True, False):
        for i in left:
            unit = todo[i]
            if chosen[i] is not None or (by_record and not unit.translation):
                continue
            delivered = checksum(unit.translation) if by_record else ""
            for m in by_msgid[unit.msgid]:
                if m.key in claimed or m.key in active_keys:
                    continue
                if by_record and _delivered(m) != delivered:
                    continue
                chosen[i] = m
                claimed.add(m.key)
                break


def twins_by_record(todo: Sequence[Twin], chosen: list[Message | None],
                     by_msgid: dict[str, list[Message]], active_keys: set[Key]) -> None:
    """Twins (entries of one English, the first without a context, the others with their
    ids) whose handoff reordered, changed or removed them: the unit without a context would
    take the entry without one by its key alone, whatever it translates, and a translator's
    correction would move to its twin's segment. Where its delivery is a twin's record and
    not its own entry's, it is left for ``by_context``, which matches twins by record, with
    that entry among them (should no unit take it, its text is a suggestion or obsolete)."""
    for i, unit in enumerate(todo):
        found = chosen[i]
        # (its twin's English may have changed or gone: the record still tells them apart)
        if (found is None or found.msgctxt is not None or not unit.translation
                or unit.msgid not in by_msgid):
            continue
        delivered = checksum(unit.translation)
        if _delivered(found) == delivered:
            continue  # its own entry's record: in place
        # an obsolete twin keeps its record (for English that comes back), but never takes
        # the place of the one entry left: a translator's correction of it would go obsolete
        if any(_delivered(m) == delivered for m in by_msgid[unit.msgid]
               if m.key not in active_keys and not m.obsolete):
            chosen[i] = None
            by_msgid[unit.msgid].append(found)  # a twin's to take, by record or in order
            active_keys.discard(found.key)


def _delivered(m: Message) -> str | None:
    """The checksum of what the entry's last handoff delivered (None without a record)."""
    record = recorded(m)
    return None if record is None else record.checksum


def own_context(m: Message, taken: set[Key]) -> str:
    """A context for ``m`` no other entry of its English has: its first segment id."""
    base = next((c for c in m.extracted_comments if _SEGMENT_ID.fullmatch(c)), "obsolete")
    context, n = base, 1
    while (context, m.msgid) in taken:
        n += 1
        context = f"{base}.{n}"
    return context


_SEGMENT_ID = re.compile(r"[0-9A-Za-z]{5}-\d+(?:-p\d+)?")
