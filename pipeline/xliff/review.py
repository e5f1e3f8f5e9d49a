"""What a returned unit's ``state-qualifier`` says of its review, for ``xliff-import`` and
``handoff-import`` alike. XLIFF 1.2 qualifies a target's state with how it got there: a
reviewer rejected it (``rejected-inaccurate``, ``rejected-grammar``, ``rejected-length``,
``rejected-spelling``), or a machine or a memory suggested it (``leveraged-mt``, ``mt-
suggestion``, ``tm-suggestion``, ``fuzzy-match``: what Okapi, Phrase and memoQ mark a pre-
translation with; ``leveraged-tm``, ``leveraged-glossary``, ``leveraged-repository``). Neither
is anyone's reviewed work. And which units are no translation at all: the PO header a converter
sends as a unit (``is_po_header``)."""

from __future__ import annotations

from typing import Any

from pipeline.catalog import Message
from pipeline.provenance import checksum

# what XLIFF 1.2 says a tool derived from a machine, a memory, a glossary or a repository
# (an exact or id match, or a translation inherited, is a reviewed text found again)
SUGGESTED = frozenset({"leveraged-mt", "mt-suggestion", "tm-suggestion", "fuzzy-match",
                       "leveraged-tm", "leveraged-glossary", "leveraged-repository"})
CONFIRMED_STATES = frozenset({"signed-off", "final"})
REVIEWED_STATES = frozenset({"translated", *CONFIRMED_STATES})  # a target's, reviewed
EXPORTED_DOUBT = "needs-review-translation"  # what xliff-export writes on a fuzzy entry


def is_po_header(unit: Any) -> bool:
    """The ``<trans-unit>`` is a PO header, as Translate Toolkit's po2xliff (a vendor's
    xliff2po, edit, po2xliff) and Okapi write one (``restype="x-gettext-domain-header"``): no
    English of the catalog, whose header is never exported; the import passes it by."""
    return bool(unit.get("restype") == "x-gettext-domain-header")


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


def work_remains(state: str | None, own: str = EXPORTED_DOUBT) -> bool:
    """The target's ``state`` says work remains on the unit, whatever ``approved`` says: one
    the export never wrote (``new``, ``needs-l10n``, ``needs-adaptation``, a tool's own
    draft ``x-…``…), set by the tool. Its own (``own``: what ``xliff-export``, or a
    package, wrote on a target not done, which a tool that confirms by ``approved`` alone
    leaves as it was), none, or a done one says nothing against it."""
    return state is not None and state not in (own, *REVIEWED_STATES)


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


def state_alone(approved: str | None, state: str | None, base: str | None) -> bool | None:
    """Whether the unit is reviewed, where a CAT tool changed its ``state`` alone since the
    export, which writes ``approved`` and ``state`` together (yes/translated,
    no/needs-review-translation; ``base``: the review state's letter and the text's checksum
    at export): it confirmed the unit by the state (``final``, ``signed-off``,
    ``translated``) or doubted it, and left ``approved`` as it was. None where the state
    says nothing new: ``approved`` then decides."""
    if approved is None or state is None or not base or base[1:] == checksum(""):
        return None
    was = base[0] == "r"
    if approved != ("yes" if was else "no"):
        return None  # the tool changed approved: it decides
    if state == ("translated" if was else "needs-review-translation"):
        return None
    return state in REVIEWED_STATES


def reviewed_unit(approved: str | None, target: Any, base: str | None) -> bool:
    """Whether a unit ``xliff-export`` wrote comes back reviewed: not when its target's
    qualifier doubts it (rejected, or a suggestion) or its state says work remains; else as
    a state changed alone says (``state_alone``), else as ``approved`` says, else as the
    state does."""
    if unreviewed(target, approved):  # rejected, or a machine's or memory's suggestion
        return False
    state = target.get("state") if target is not None else None
    if work_remains(state):  # the tool's "to do" (new…), approved or not
        return False
    said = state_alone(approved, state, base)
    if said is not None:
        return said
    if approved is not None:
        return approved == "yes"
    return state in REVIEWED_STATES
