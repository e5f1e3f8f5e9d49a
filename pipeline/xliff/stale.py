"""Where a returned translation goes when its entry is not where the export left it: English
that changed or left since (``keep_stale``), or an entry a new handoff gave another segment id
(``moved``). Shared by ``xliff-import`` and ``handoff-import``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from pipeline.catalog import FUZZY, Message
from pipeline.merge import MT_NOTE
from pipeline.provenance import OBSOLETE_NOTE


def short(text: str | None) -> str:
    """A text as findings quote it: at most 60 characters."""
    if text is None:
        return "(none)"
    return repr(text if len(text) <= 60 else text[:59] + "…")


def quoted(text: str) -> list[str]:
    """``text`` as comment lines of a note, each behind ``> `` so that none reads as a
    reviewer's ``ignore-<check>`` mark: split where any reader splits lines (U+2028, NEL:
    polib does), and cut at spaces to at most 76 columns (a long word where it must), as
    polib leaves it: polib wraps a longer comment, its continuation without the ``> ``.
    (The spaces at a cut go, as polib drops a line's trailing ones; ``said`` reads past it.)"""
    out: list[str] = []
    for line in text.splitlines() or [""]:
        out.extend(f"> {piece}" for piece in (textwrap.wrap(
            line, 74, expand_tabs=False, replace_whitespace=False, break_on_hyphens=False)
            if len(line) > 74 else None) or [line])
    return out


def said(have: Sequence[str], note: Sequence[str]) -> bool:
    """Whether the comments ``have`` hold ``note``'s lines in a row, however a tool wrapped
    them since: polib wraps a comment longer than its width into lines of its own, which read
    back as other lines, and the note was said again on each import. Whole lines against
    whole lines, white space aside: a note that is the start of a longer one is not it."""
    want = " ".join(" ".join(note).split())
    for i in range(len(have)):
        got = ""
        for line in have[i:]:
            got = " ".join(f"{got} {line}".split())
            if len(got) >= len(want):
                break
        if got == want:
            return True
    return False


def with_kept(msg: Message, heading: str, text: str) -> Message:
    """``msg`` with ``text`` kept in its ``#`` comments under ``heading`` (``quoted``), once
    however often it comes back: ``msg`` itself where they already say it (``said``)."""
    note = [heading, *quoted(text)]
    have = msg.translator_comments
    return msg if said(have, note) else replace(msg, translator_comments=(*have, *note))


def keep_stale(messages: list[Message], context: str | None, english: str, target: str
                ) -> tuple[int, str]:
    """Keep a returned translation of English the catalog no longer has, never in the place
    of another's text: as the suggestion of the entry its English became (an unreviewed fuzzy
    entry with it as ``#| msgid``) while that suggestion is still what merge offered (empty, or
    the obsolete entry's text of that English), else in the obsolete entry of that English (in
    a ``#`` comment when it has a text of its own), else as a new obsolete entry (which the
    next merge offers for similar English), but for empty English with no context, whose
    entry would be the header's. The index changed (-1: none) and where, in words."""
    gone = next((n for n, m in enumerate(messages)
                 if m.obsolete and m.msgid == english and m.msgctxt == context), -1)
    offered = {"", messages[gone].msgstr} if gone >= 0 else {""}
    for n, m in enumerate(messages):
        if (not m.obsolete and m.fuzzy and m.previous_msgid == english
                and m.previous_msgctxt == context and m.msgstr in offered):
            messages[n] = replace(m, msgstr=target,
                                  extracted_comments=tuple(c for c in m.extracted_comments
                                                           if c != MT_NOTE))
            return n, f"as the fuzzy suggestion for the new English {short(m.msgid)}"
    if gone >= 0:
        m = messages[gone]
        if m.msgstr and m.msgstr != target:  # the catalog's own (maybe reviewed) text stays
            messages[gone] = with_kept(m, "returned for this English after it changed:", target)
            return gone, ("in a # comment of the obsolete (#~) entry of that English, which "
                          f"keeps its own {short(m.msgstr)}")
        # a vendor's text of English gone is a suggestion: never reviewed by coming back
        messages[gone] = replace(m, msgstr=target, flags=(FUZZY, *(
            f for f in m.flags if f != FUZZY)))
        return gone, "in the obsolete (#~) entry of that English, fuzzy"
    if context is None and not english:  # the header's key: a second header GNU refuses
        return -1, ("only in this warning: an entry of empty English and no context would be a "
                    "second header (a tool dropped the unit's context)")
    messages.append(Message(msgid=english, msgstr=target, msgctxt=context, obsolete=True,
                            flags=(FUZZY,), translator_comments=(OBSOLETE_NOTE,)))
    return len(messages) - 1, "as a fuzzy obsolete (#~) entry"


# why a segmented target that leaves a sentence out was kept beside a reviewed text
PART = "it leaves a segment untranslated, and the catalog had a reviewed translation"


def keep_beside(messages: list[Message], n: int, target: str,
                why: str = "the entry changed or was reviewed in the catalog since the export"
                ) -> bool:
    """Keep a returned translation that the catalog's own entry (changed or reviewed since
    the export) wins over in a ``#`` comment of that entry, once however often it comes back:
    the vendor's work stays where a reviewer finds it. Whether the entry changed."""
    if not target:  # an emptied target: nothing of the vendor's to keep
        return False
    m = messages[n]
    messages[n] = with_kept(m, f"returned by the vendor, not applied ({why}):", target)
    return messages[n] is not m


def moved(messages: Sequence[Message], context: str | None, english: str, exported: str | None,
          state: Callable[[Message], str], claimed: set[int]) -> int | None:
    """The entry of a returned unit whose context (a segment id) a new handoff changed, with
    its English unchanged: of the active entries of that English under another context,
    nobody's yet, the one entry whose ``state`` is still ``exported`` (its text as exported).
    None when the unit carries no such record, or when none or several fit (twins exported
    with the same text): segment numbers shift when a handoff adds a sentence, so nothing else
    tells twins apart, and the unit is then kept as stale rather than put on another
    segment."""
    if not context or exported is None:
        return None
    fits = [n for n, m in enumerate(messages)
            if not m.obsolete and m.msgid == english and m.msgctxt not in (None, "", context)
            and n not in claimed and state(m) == exported]
    return fits[0] if len(fits) == 1 else None


def why_stale(messages: Sequence[Message], english: str) -> str:
    """Why a returned unit of ``english`` found no entry: its English changed or left, or
    (still in the catalog) its entry is one of twins a new handoff renumbered."""
    if any(not m.obsolete and m.msgid == english for m in messages):
        return (f"its entry for {short(english)} cannot be told from its twins of the same "
                "English, which a new handoff renumbered")
    return (f"no entry of the catalog has its English {short(english)} any more (changed or "
            "gone since the export)")


def by_named_context(messages: Sequence[Message], english: Callable[[str], bool],
                     named: Collection[str], taken: Collection[int]) -> int | None:
    """The entry of a returned unit whose context a tool dropped (``named``: the lines of the
    unit's own notes, ``notes.named_contexts``): of the active entries of its English with a
    context, nobody's yet, the one whose context the notes name. None when none or several:
    the unit is then kept as stale, never put on another entry."""
    if not named:
        return None
    fits = [n for n, m in enumerate(messages) if not m.obsolete and m.msgctxt
            and m.msgctxt in named and english(m.msgid) and n not in taken]
    return fits[0] if len(fits) == 1 else None
