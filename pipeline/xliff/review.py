"""What a returned unit's ``state-qualifier`` says of its review, for ``xliff-import`` and
``handoff-import`` alike. XLIFF 1.2 qualifies a target's state with how it got there: a
reviewer rejected it (``rejected-inaccurate``, ``rejected-grammar``, ``rejected-length``,
``rejected-spelling``), or a machine or a memory suggested it (``leveraged-mt``,
``mt-suggestion``, ``tm-suggestion``, ``fuzzy-match``: what Okapi, Phrase and memoQ mark a
pre-translation with). Neither is anyone's reviewed work."""

from __future__ import annotations

from typing import Any

from pipeline.catalog import Message
from pipeline.provenance import checksum

SUGGESTED = frozenset({"leveraged-mt", "mt-suggestion", "tm-suggestion", "fuzzy-match"})
CONFIRMED_STATES = frozenset({"signed-off", "final"})


def unreviewed(target: Any, approved: str | None) -> bool:
    """The ``<target>``'s qualifier says it is not reviewed: rejected, whatever else the unit
    says; or a machine's or memory's suggestion that neither ``approved="yes"`` nor a
    ``signed-off`` or ``final`` state confirmed since."""
    if target is None:
        return False
    qualifier = (target.get("state-qualifier") or "").strip()
    if qualifier.startswith("rejected-"):
        return True
    return qualifier in SUGGESTED and approved != "yes" and (
        target.get("state") not in CONFIRMED_STATES)


def copied_english(target: str, msg: Message, reviewed: bool, base: str | None) -> bool:
    """The target is the English a CAT tool copied into a unit exported untranslated (memoQ,
    Trados and Okapi fill such units so), not confirmed as reviewed: nobody's translation.
    Only a unit that left untranslated (its export record says so; without the record, the
    entry still has no text): the English put over a translation is a translator's choice
    (a name or code kept English), and is taken as any other change."""
    if not target or target != msg.msgid or reviewed:
        return False
    # the record (``base``): the review state's letter, then the checksum of the text exported
    return not msg.msgstr if base is None else base[1:] == checksum("")
