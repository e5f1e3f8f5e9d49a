"""What the last handoff delivered for a catalog entry, and which side a newer handoff takes.

Every entry the pipeline writes records, in an extracted comment, the translation the handoff
delivered for it and whether that handoff was human (HT) or machine (MT) translation::

    #. handoff: HT 1f0e3dad

The hex is the CRC-32 of the delivered msgstr: enough to tell whether the catalog's msgstr is
still that text, at eight characters an entry. An extracted comment (``#.``), because the tools
vendors use keep it (msgcat, msgattrib, Poedit, Weblate, polib, Translate Toolkit) and show it
read-only, as a note, where a translator comment (``#``) is the translator's own to edit.

The rule, per entry, when a new handoff arrives (``settle``):

- nobody changed the entry in the catalog (its msgstr is what the last handoff delivered, and it
  is fuzzy exactly when that handoff was machine translation): it follows the newest handoff,
  fuzzy with the machine-translation note when that one is MT, reviewed when it is HT; except
  that a machine handoff never replaces a human's translation;
- a translator changed or reviewed it: the catalog's text stays. Should a newer human handoff
  deliver other text than the one the translator started from, the two disagree: ``check``
  reports ``handoff-disagrees`` (``disagrees``) until one side takes the other's text;
- a handoff with no translation for the entry changes nothing;
- a translation memory suggestion still fuzzy (its ``# tm:`` note) is nobody's text: a human
  handoff's translation replaces it, reviewed. A suggestion whose text a translator changed is
  theirs: its note no longer holds (``memory.rows.provenance``), and merge drops it.

An entry without a record (a catalog from before records, or a tool that dropped the ``#.``
notes) is trusted as delivered only where it equals the handoff's text; elsewhere it is taken as
a translator's, and measured against this handoff from then on; but where this handoff is
another than the one the catalog last took and the catalog has no record at all (a tool
dropped them as a new handoff came), what the translator started from is unknown: the two
disagree until one side takes the other's text.
Nothing is ever lost: where the record cannot tell, the catalog's text stays.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

from pipeline.catalog import FUZZY, Catalog, Message
from pipeline.memory.rows import provenance as memory_note

MT_NOTE = "machine translation: not yet reviewed"
# The # comment of an entry extract made obsolete: a tool that writes #~ entries back active
# (Translate Toolkit's po2xliff and xliff2po) drops their #. notes and ids, and keeps this,
# so that such an entry is the article's old English, not one added by hand
OBSOLETE_NOTE = "obsolete: its English left the article; kept for its translation"
_PREFIX = "handoff: "
_MT, _HT = _PREFIX + "MT %08x", _PREFIX + "HT %08x"  # a note with its checksum to fill in
_RECORD = re.compile(r"handoff: (HT|MT) ([0-9a-f]{8})\Z")


class Record(NamedTuple):
    """What a handoff delivered for an entry: machine translation or not, and its checksum."""

    machine: bool
    checksum: str

    @property
    def note(self) -> str:
        return f"{_PREFIX}{'MT' if self.machine else 'HT'} {self.checksum}"


def checksum(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def delivered(text: str, machine: bool) -> Record:
    return Record(machine, checksum(text))


def note(text: str, machine: bool) -> str:
    """The record of a delivery of ``text``, as its #. line says it."""
    return (_MT if machine else _HT) % zlib.crc32(text.encode())  # (one per new entry)


def recorded(msg: Message) -> Record | None:
    """The entry's record, None when it has none."""
    for comment in reversed(msg.extracted_comments):  # extract writes it last
        if comment.startswith(_PREFIX):
            m = _RECORD.match(comment)
            if m is not None:
                return Record(m.group(1) == "MT", m.group(2))
    return None


def as_delivered(msg: Message, record: Record | None) -> bool:
    """Nobody changed the entry since ``record``'s handoff: the same text, fuzzy exactly when
    that handoff was machine translation (clearing the flag is a review)."""
    return (
        record is not None and bool(msg.msgstr) and msg.previous_msgid is None
        and (FUZZY in msg.flags) == record.machine and checksum(msg.msgstr) == record.checksum
    )


def gives_way(msg: Message, machine: bool) -> bool:
    """Whether a handoff's delivery takes the entry's place (``settle``'s rule, for one entry
    that lends to changed English in ``merge``): nobody changed it since its handoff, unless
    the delivery is machine translation over a human's; or it is a memory suggestion still
    fuzzy (nobody's text) and the delivery is a human's."""
    if not machine and FUZZY in msg.flags and memory_note(msg) is not None:
        return True
    record = recorded(msg)
    return as_delivered(msg, record) and not (machine and record is not None
                                              and not record.machine)


def provenance_notes(msg: Message) -> tuple[str, ...]:
    """The entry's MT note and handoff record: what an obsolete entry keeps of its #. notes
    (its ids and field notes name places the English left), so that English that comes back
    (an edit undone) finds the entry as it was, machine translation or a delivery to follow."""
    return tuple(c for c in msg.extracted_comments
                 if c == MT_NOTE or (c.startswith(_PREFIX) and _RECORD.match(c)))


def as_obsolete(comments: tuple[str, ...]) -> tuple[str, ...]:
    """An obsolete entry's # comments: with ``OBSOLETE_NOTE``, once."""
    return comments if OBSOLETE_NOTE in comments else (*comments, OBSOLETE_NOTE)


def as_active(msg: Message) -> Message:
    """``msg`` without ``OBSOLETE_NOTE``: its English is the article's again."""
    if OBSOLETE_NOTE not in msg.translator_comments:  # most entries: one look, no copy
        return msg
    return replace(msg, translator_comments=tuple(
        c for c in msg.translator_comments if c != OBSOLETE_NOTE))


def is_unreviewed_machine_translation(msg: Message, record: Record | None) -> bool:
    """The entry holds machine translation nobody has reviewed: it gets the MT note."""
    return record is not None and record.machine and as_delivered(msg, record)


def is_machine_translation(msg: Message) -> bool:
    """The entry holds machine translation nobody has reviewed or changed, as the catalog
    holds it now (``stats``, the packages, the report, an English-driven page before its
    extract): by its handoff record where it has one, so that a tool or vendor that dropped the
    MT note leaves it machine translation, and a draft typed over it under the note is the
    translator's (never published as the machine's); by the MT note where the record is gone.
    Fuzzy for changed English (``#| msgid``) is a suggestion, not machine translation."""
    if FUZZY not in msg.flags or msg.previous_msgid is not None or not msg.msgstr:
        return False
    record = recorded(msg)
    if record is None:
        return MT_NOTE in msg.extracted_comments
    return is_unreviewed_machine_translation(msg, record)


# An entry's msgstr, flags and #. notes after a handoff (the MT note where it applies, then the
# record). A plain tuple: extract settles every entry of every changed article.
Settled = tuple[str, tuple[str, ...], tuple[str, ...]]


# The record of a text nobody can tell: an entry without a record that a translator's text
# holds, when another human handoff than the catalog's last one arrives (a tool dropped the #.
# notes). What they started from is unknown, so the two disagree until one takes the other's.
UNKNOWN = Record(False, checksum(""))


def arrived(meta: Mapping[str, str | None], catalog: Catalog | None) -> bool:
    """Whether the handoff of ``meta`` is another than the one ``catalog`` last took (both
    name their handoff, ``ms.openlocfilehash``, and not the same one) while the catalog holds
    no record at all: a tool dropped them. (In a catalog with records, an entry without one
    never had any: a translator's text for English no handoff had translated.)"""
    theirs = meta.get("ms.openlocfilehash")
    ours = catalog.header_value("X-MS-Open-Loc-File-Hash") if catalog is not None else None
    return (bool(theirs and ours) and theirs != ours and catalog is not None
            and not any(recorded(m) is not None for m in catalog.messages))


def settle(old: Message, text: str, machine: bool, arrived: bool = False) -> Settled:
    """The entry's msgstr, flags and #. notes once a handoff that delivers ``text`` (machine
    translation or not) is merged into it; ``arrived``: another handoff than the catalog's last
    (``arrived``). Pure. (Each checksum is worked out at most once: extract settles every entry
    of every changed article.)"""
    msgstr, flags = old.msgstr, old.flags
    fuzzy = FUZZY in flags
    comments = old.extracted_comments
    if (msgstr == text and text and comments and fuzzy == machine
            and old.previous_msgid is None):  # most entries of a new handoff: as delivered
        latest = note(text, machine)
        if comments[-1] == latest:
            return (msgstr, flags, (MT_NOTE, latest) if machine else (latest,))
    record = recorded(old)
    if not text:  # the handoff has no translation for it: nothing to follow, nothing to clear
        if record is None:
            return (msgstr, flags, ())
        if record.machine and as_delivered(old, record):
            return (msgstr, flags, (MT_NOTE, record.note))
        return (msgstr, flags, (record.note,))
    new = Record(machine, checksum(text))
    if not msgstr:  # nothing to lose
        return _follow(flags, text, new, old.previous_msgid is None)
    if fuzzy and not machine and memory_note(old) is not None:
        # a memory suggestion (``memory.fill``), made for other articles: nobody's text; the
        # human translation delivered for this one takes its place (merge drops the note)
        return _follow(flags, text, new, True)
    if fuzzy and old.previous_msgid is not None:
        # a suggestion for changed English, until a translator reviews it
        return (msgstr, flags, (new.note,))
    same_text = msgstr == text
    if record is None:
        record = _unrecorded(old, same_text, new)
        if record is None:  # taken as a translator's; measured against this handoff from now
            if arrived and not (machine or fuzzy or same_text):  # against which, unknown
                return (msgstr, flags, (UNKNOWN.note,))
            unreviewed = same_text and machine and fuzzy and old.previous_msgid is None
            return (msgstr, flags, (MT_NOTE, new.note) if unreviewed else (new.note,))
    current = new.checksum if same_text else checksum(msgstr)
    if (fuzzy == record.machine and old.previous_msgid is None
            and current == record.checksum):  # nobody changed it: as_delivered
        if machine and not record.machine:  # machine translation never replaces a human's
            return (msgstr, flags, (record.note,))
        return _follow(flags, text, new, True)
    if not machine and not fuzzy and same_text:
        record = new  # the handoff took the translator's text: in step again
    return (msgstr, flags, (record.note,))


def _follow(flags: tuple[str, ...], text: str, new: Record, current: bool) -> Settled:
    """The delivery's text and review state. ``current``: no previous msgid (an entry with one
    is a suggestion for other English, never noted as machine translation)."""
    notes = (MT_NOTE, new.note) if new.machine and current else (new.note,)
    if (FUZZY in flags) != new.machine:
        flags = (FUZZY, *flags) if new.machine else tuple(f for f in flags if f != FUZZY)
    return (text, flags, notes)


def _unrecorded(old: Message, same_text: bool, new: Record) -> Record | None:
    """The record of an entry without one, where its state shows it: its text is the handoff's
    and it looks as extract writes a delivery (fuzzy with the MT note, or reviewed)."""
    if not same_text or old.previous_msgid is not None:
        return None
    if FUZZY not in old.flags:
        return Record(False, new.checksum)
    if MT_NOTE in old.extracted_comments:
        return Record(True, new.checksum)
    return None


def disagrees(msg: Message, text: str, machine: bool) -> bool:
    """A translator changed or reviewed the entry, and a human handoff since delivers another
    text than the one they started from (and than theirs): the catalog's is used, and the two
    need a look; or a translator's work in progress (text they changed, still fuzzy) meets
    such a handoff, whose text is published until theirs is reviewed. ``text``: the article's
    translation."""
    if machine or not text or msg.msgstr == text or not msg.msgstr or msg.obsolete:
        return False
    record = recorded(msg)
    if record is None or checksum(text) == record.checksum:
        return False
    if not msg.reviewed:  # only text a translator changed: not a flag alone, not a suggestion
        return (record != UNKNOWN and msg.previous_msgid is None
                and checksum(msg.msgstr) != record.checksum)
    return not as_delivered(msg, record)
