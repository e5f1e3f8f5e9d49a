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
- a handoff with no translation for the entry changes nothing.

An entry without a record (a catalog from before records, or a tool that dropped the ``#.``
notes) is trusted as delivered only where it equals the handoff's text; elsewhere it is taken as
a translator's, and measured against this handoff from then on. Nothing is ever lost: where the
record cannot tell, the catalog's text stays.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

from pipeline.catalog import FUZZY, Message

MT_NOTE = "machine translation: not yet reviewed"
_PREFIX = "handoff: "
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


def recorded(msg: Message) -> Record | None:
    """The entry's record, None when it has none."""
    for note in msg.extracted_comments:
        if note.startswith(_PREFIX):
            m = _RECORD.match(note)
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


def is_unreviewed_machine_translation(msg: Message, record: Record | None) -> bool:
    """The entry holds machine translation nobody has reviewed: it gets the MT note."""
    return record is not None and record.machine and as_delivered(msg, record)


class Settled(NamedTuple):
    msgstr: str
    flags: tuple[str, ...]
    record: Record | None


def settle(old: Message, text: str, machine: bool) -> Settled:
    """The entry's msgstr, flags and record once a handoff that delivers ``text`` (machine
    translation or not) is merged into it. Pure."""
    record = recorded(old)
    if not text:  # the handoff has no translation for it: nothing to follow, nothing to clear
        return Settled(old.msgstr, old.flags, record)
    new = delivered(text, machine)
    if not old.msgstr:  # nothing to lose
        return _follow(old, text, new)
    if FUZZY in old.flags and old.previous_msgid is not None:
        # a suggestion for changed English, until a translator reviews it
        return Settled(old.msgstr, old.flags, new)
    if record is None:
        record = _unrecorded(old, text)
        if record is None:  # taken as a translator's; measured against this handoff from now
            return Settled(old.msgstr, old.flags, new)
    if as_delivered(old, record):
        if machine and not record.machine:  # machine translation never replaces a human's
            return Settled(old.msgstr, old.flags, record)
        return _follow(old, text, new)
    if not machine and FUZZY not in old.flags and old.msgstr == text:
        record = new  # the handoff took the translator's text: in step again
    return Settled(old.msgstr, old.flags, record)


def _follow(old: Message, text: str, new: Record) -> Settled:
    fuzzy = FUZZY in old.flags
    if fuzzy == new.machine:
        return Settled(text, old.flags, new)
    flags = (FUZZY, *old.flags) if new.machine else tuple(f for f in old.flags if f != FUZZY)
    return Settled(text, flags, new)


def _unrecorded(old: Message, text: str) -> Record | None:
    """The record of an entry without one, where its state shows it: its text is the handoff's
    and it looks as extract writes a delivery (fuzzy with the MT note, or reviewed)."""
    if old.msgstr != text or old.previous_msgid is not None:
        return None
    if FUZZY not in old.flags:
        return delivered(text, False)
    if MT_NOTE in old.extracted_comments:
        return delivered(text, True)
    return None


def disagrees(msg: Message, text: str, machine: bool) -> bool:
    """A translator changed or reviewed the entry, and a human handoff since delivers another
    text than the one they started from (and than theirs): the catalog's is used, and the two
    need a look. ``text``: the article's translation."""
    if machine or not text or msg.msgstr == text or not msg.reviewed:
        return False
    record = recorded(msg)
    return (record is not None and not as_delivered(msg, record)
            and checksum(text) != record.checksum)
