"""Folding an article into its catalog without ever losing a translator's work.

Entries are matched by English text, not by segment id: every handoff gives an article a new id
prefix. An entry nobody changed in the catalog follows the newest handoff; one a translator changed
or reviewed keeps the catalog's text (the rule, and the record each entry keeps of what its handoff
delivered, are in ``handoff``). Changed English becomes fuzzy with the old English as its previous
msgid (as ``msgmerge --previous`` writes it), unless the old entry is as its handoff delivered it
and this handoff translates the new English: it follows the handoff, as any such entry. The old
entry is the closest human text (an entry a translator changed, for its counterpart, the closest
pairs made first, before a closer one nobody changed, which would only give way); nobody's
(machine translation nobody reviewed, a memory suggestion still fuzzy) only when there is none.
English that left the article becomes obsolete and keeps its translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from pipeline.article.frontmatter import opens_front_matter
from pipeline.catalog import FUZZY, Catalog, Message
from pipeline.catalog.fuzzy import as_shown, best_fuzzy, counterparts, similarity
from pipeline.catalog.keys import Key, segment_keys
from pipeline.catalog.twins import by_context, own_context, twins_by_record
from pipeline.catalog.units import Unit, grouped, new_entry, placed, units
from pipeline.header import build_header, header_comments
from pipeline.memory.rows import edited, without_provenance
from pipeline.memory.rows import provenance as memory_note
from pipeline.provenance import MT_NOTE as MT_NOTE  # its home before provenance.py; still used here
from pipeline.provenance import (
    arrived,
    as_active,
    as_obsolete,
    gives_way,
    is_unreviewed_machine_translation,
    note,
    provenance_notes,
    recorded,
    settle,
)

if TYPE_CHECKING:
    from pipeline.article import Article

# the handoffs of 2017 spell the type out ("Human Translation"); later ones write HT and MT
_TYPES = {"HT": "HT", "MT": "MT", "HUMAN TRANSLATION": "HT", "MACHINE TRANSLATION": "MT"}


def is_machine_translated(article: Article) -> bool:
    """Whether the article's translations are machine-made: ``ms.translationtype: MT``, and
    also, in front matter that lacks it or gives another value (empty, MT-PE), on an article
    that delivers translations: text of unknown provenance is never taken for a human's."""
    kind = _TYPES.get(" ".join((article.meta.get("ms.translationtype") or "").split()).upper())
    if kind is not None:
        return kind == "MT"
    # an article with no front matter at all (an include: Microsoft hands them back so) says
    # nothing of its type, and is taken as it always was; one that opens front matter, read
    # or not (empty, unreadable, line ends no reader splits), says nothing it should have
    return opens_front_matter(article.text) and any(seg.translation for seg in article.segments)


def merge(article: Article, old: Catalog | None, keys: Sequence[Key] | None = None) -> Catalog:
    """The article's catalog, built fresh or merged into ``old``. Pure: no I/O.

    Where an entry a translator changed and the article disagree the entry is kept; the checks
    ``catalog-overrides-article`` and ``handoff-disagrees`` report it."""
    mt = is_machine_translated(article)
    new = arrived(article.meta, old)  # another handoff than the catalog's last
    if keys is None:
        keys = segment_keys(article.segments, old)
    # a memory fill a human edited since is theirs: its note goes before any rule reads it
    old_messages = tuple([_reviewed(edited(m)) for m in old.messages]) if old is not None else ()
    if not old_messages:  # a first extraction: every entry is new
        return Catalog(
            header=build_header(article, old),
            header_comments=header_comments(article, old),
            header_flags=old.header_flags if old is not None else (),
            messages=tuple([new_entry(key, segs, article.rel, mt)
                            for key, segs in grouped(keys, article.segments).items()]),
            header_text=old.header_text if old is not None else "",
        )
    # Active entries first: an obsolete (#~) entry for the same key must never take an active
    # one's place, whatever order a catalog lists them in (GNU refuses such a catalog anyway).
    ordered = sorted(old_messages, key=_is_obsolete)
    exact: dict[Key, Message] = {}
    by_msgid: dict[str, list[Message]] = {}
    for m in ordered:
        exact.setdefault(m.key, m)
        if m.msgctxt is not None:
            by_msgid.setdefault(m.msgid, []).append(m)
    used: set[Key] = set()
    active_keys = set(keys)
    pending: list[tuple[int, Unit]] = []
    result: list[Message | None] = []

    todo = units(article, keys)
    chosen = [exact.get(unit.key) for unit in todo]
    if by_msgid:
        twins_by_record(todo, chosen, by_msgid, active_keys)
        by_context(todo, chosen, by_msgid, active_keys)
    for unit, found in zip(todo, chosen, strict=True):
        if found is None or found.key in used:
            pending.append((len(result), unit))
            result.append(None)
            continue
        used.add(found.key)
        result.append(_update(found, unit, article, mt, new))

    if pending:
        pending = _rewrapped(pending, old_messages, used, result, article, mt, new)
    # Changed English: the closest old English lends its translation as a fuzzy suggestion,
    # as msgmerge does: one nobody claimed, or (closer still, or else) an entry that kept its
    # English (a title whose heading did not change): it lends and stays as it is
    # (read only for changed English: an article with none pays nothing for them)
    leftovers = _lenders([m for m in old_messages if m.key not in used and m.msgstr and m.msgid]
                         if pending else [])
    claimed = _lenders([m for m in old_messages if m.key in used and m.msgstr and m.msgid]
                       if pending else [])
    theirs = _theirs(leftovers, mt)
    # each lends ahead of a closer untouched one to its own counterpart alone (the closest
    # pairs first): to any, it took the place of other English's delivered text
    lends_to = counterparts([unit.msgid for _, unit in pending], theirs) if theirs else []
    for k, (index, unit) in enumerate(pending):
        match = _closest(unit.msgid, leftovers) if unit.msgid else None
        # new English beside the one a kept entry translates (not English that changed): a
        # human translation the handoff delivers for it is the entry, reviewed, as for any
        # new English; the other sentence's text would only be a wrong suggestion. Not in
        # front matter: a handoff lends its title by place, whatever English it translates
        if unit.msgid and (claimed.human or claimed.machine) and (
                mt or not unit.translation or unit.segments[0].start < article.body_start):
            kept = _closest(unit.msgid, claimed)
            if kept is not None and (match is None or _rank(unit.msgid, kept)
                                     > _rank(unit.msgid, match)):
                match = kept
        follows = match is not None and _follows(match, unit, mt, article.body_start)
        own = [m for m, to in zip(theirs, lends_to, strict=True) if to == k] if follows else []
        if own:  # a human's text never goes to #~ unseen for an untouched one
            mine = best_fuzzy(unit.msgid, own, [m.msgid for m in own])
            if mine is not None:
                match, follows = mine, False
        if match is not None and follows:
            result[index] = _followed(unit, article, mt, match)  # the lender stays, as it was
        elif match is not None:
            # a suggestion already waiting for review keeps the English its translation was
            # made for (as msgmerge --previous does), not the English in between
            made_for = match if not (match.fuzzy and match.previous_msgid is not None) else None
            if made_for is None:  # a suggestion moves on to the English it now serves
                used.add(match.key)
            # else it also stays (obsolete, as it was, reviewed or machine translation,
            # whether it was active or obsolete already): should its English come back (an
            # edit reverted, even after further edits), it is found again as it was, not as a
            # suggestion for itself
            notes, refs = placed(unit.segments, article.rel, *_suggestion_record(unit, mt))
            # the memory's note says where the lender's text came from, for the lender's
            # English: lent for other English, it would claim an origin it does not have
            comments = match.translator_comments
            result[index] = Message(
                unit.msgid, match.msgstr, unit.msgctxt, (FUZZY,),
                without_provenance(comments) if made_for else comments, notes, refs,
                match.msgid if made_for else match.previous_msgid,
                match.msgctxt if made_for else match.previous_msgctxt)
        else:
            result[index] = new_entry(unit.key, unit.segments, article.rel, mt)
    if pending:
        _carry_comments(old_messages, used, result, [index for index, _ in pending])
    messages = [as_active(m) for m in result if m is not None]
    gone = [m for m in old_messages if m.key not in used and m.msgstr]
    # a suggestion nobody touched whose English went too is the text of an entry that stays,
    # for that entry's English: kept, it would only pile up (any entry but a suggestion, fuzzy
    # with a #|: reviewed, a #| a reviewer left or not, or machine translation)
    stays = {(m.msgid, m.msgstr) for m in (*messages, *gone)
             if not (m.fuzzy and m.previous_msgid is not None)}
    # the header's key too: every catalog is written with a header, and an old one kept as
    # #~ (in a catalog whose header was deleted) repeats its key, a duplicate to GNU
    taken = {m.key for m in messages} | {_HEADER_KEY}
    for m in gone:  # English that left the article keeps its translation, obsolete
        if m.fuzzy and m.previous_msgid is not None and (m.previous_msgid, m.msgstr) in stays:
            continue
        # a twin's entry whose key a twin of a reordered handoff took: its own id as context
        # (an active and an obsolete entry of one key are a duplicate to GNU)
        context = own_context(m, taken) if m.key in taken else m.msgctxt
        taken.add((context, m.msgid))
        # the note goes on an entry as it turns obsolete: one obsolete already is left as it
        # was, so that a catalog from before the note is not rewritten for it (vendor churn)
        messages.append(replace(m, msgctxt=context, obsolete=True, references=(),
                                extracted_comments=provenance_notes(m), line=0,
                                translator_comments=m.translator_comments if m.obsolete
                                else as_obsolete(m.translator_comments)))
    catalog = Catalog(
        header=build_header(article, old),
        header_comments=header_comments(article, old),
        header_flags=old.header_flags if old is not None else (),
        messages=tuple(messages),
        header_text=old.header_text if old is not None else "",
    )
    return catalog


_HEADER_KEY: Key = (None, "")


class _Lenders(NamedTuple):
    """Old entries that may lend their text to changed English, a human's text (a translator's
    or a human handoff's) apart from nobody's (``_machine``); each with its msgids, as
    ``best_fuzzy`` takes them."""

    human: list[Message]
    human_ids: list[str]
    machine: list[Message]
    machine_ids: list[str]


def _reviewed(msg: Message) -> Message:
    """``msg`` without ``#|`` lines once it is active and not fuzzy, as msgmerge drops them:
    they name the English a suggestion was made for, and a review that left them (``msgattrib
    --clear-fuzzy``) ended it; kept, they made the entry look unfinished to ``provenance`` for
    good. An obsolete entry keeps its ``#~|`` lines, as msgmerge keeps them."""
    if msg.fuzzy or msg.obsolete or (msg.previous_msgid is None and msg.previous_msgctxt is None):
        return msg
    return replace(msg, previous_msgid=None, previous_msgctxt=None)


def _lenders(messages: list[Message]) -> _Lenders:
    human: list[Message] = []
    machine: list[Message] = []
    for m in messages:
        (machine if _machine(m) else human).append(m)
    return _Lenders(human, [m.msgid for m in human], machine, [m.msgid for m in machine])


def _machine(msg: Message) -> bool:
    """Nobody's text: machine translation nobody reviewed, or a memory suggestion still fuzzy
    (made for other English, in another article: the memory keeps it; ``provenance``)."""
    return (is_unreviewed_machine_translation(msg, recorded(msg))
            or (FUZZY in msg.flags and memory_note(msg) is not None))


def _closest(msgid: str, lenders: _Lenders) -> Message | None:
    """The lender for ``msgid``: the closest human text that clears the fuzzy bar, else the
    closest of nobody's (``_machine``). Machine text nobody reviewed is nobody's work, and a
    handoff delivers it again (it gives way to any delivery, ``_follows``): were it picked for
    being a little closer, a translator's text that could be the suggestion would only be
    obsolete, and whether it is would hang on what machine text the catalog happens to hold."""
    if lenders.human:
        found = best_fuzzy(msgid, lenders.human, lenders.human_ids)
        if found is not None:
            return found
    return best_fuzzy(msgid, lenders.machine, lenders.machine_ids) if lenders.machine else None


def _theirs(lenders: _Lenders, mt: bool) -> list[Message]:
    """The lenders that lend before a closer one that gives way to the handoff (``gives_way``:
    nobody changed it, so it would lend nothing): active entries whose English left the
    article in this run and whose text this handoff does not replace (a translator's edit,
    or a human's text under machine translation). The closest of them clearing the bar is
    the suggestion, fuzzy; picked over it for being a little further, their text went to #~
    with no word, the new English reviewed as the handoff delivered it. Obsolete entries are
    left out: an older edit kept in #~ is no counterpart of English that changed now."""
    return [m for m in lenders.human if not m.obsolete and not gives_way(m, mt)]


def _rank(msgid: str, lender: Message) -> tuple[bool, float]:
    """How a lender ranks (``_closest``'s order): a human's text first, then the closest."""
    return not _machine(lender), similarity(msgid, lender.msgid)


def _carry_comments(old_messages: Sequence[Message], used: set[Key],
                    result: list[Message | None], made: list[int]) -> None:
    """A translator's comment on an untranslated entry whose English changed goes with it to
    the new entry closest to that English (``made``: the positions of the entries made for
    new English): it lends no text, so nothing else keeps it (an obsolete entry without a
    translation is one gettext drops)."""
    noted = [m for m in old_messages if m.key not in used and not m.msgstr and m.msgid
             and without_provenance(m.translator_comments)]
    given: set[int] = set()  # those a comment went to: a twin's goes to the other twin
    for m in noted:  # (few: made anew for each, as the entries change)
        entries = [(i, e) for i in made if (e := result[i]) is not None]
        closest = None
        for pool in ([(i, e) for i, e in entries  # its own twin first: the same context
                      if m.msgctxt is not None and e.msgctxt == m.msgctxt],
                     [(i, e) for i, e in entries if i not in given], entries):
            closest = best_fuzzy(m.msgid, [e for _, e in pool], [e.msgid for _, e in pool])
            if closest is not None:
                break
        if closest is not None:
            i = next(i for i, e in entries if e is closest)
            given.add(i)
            result[i] = replace(closest, translator_comments=tuple(dict.fromkeys(
                (*closest.translator_comments, *without_provenance(m.translator_comments)))))


def _follows(lender: Message, unit: Unit, mt: bool, body_start: int) -> bool:
    """Whether the new English takes what the handoff delivers for it rather than a suggestion
    of ``lender``'s text: the lender's text gives way to this handoff (``gives_way``: nobody
    changed it, so it follows the newest handoff, whose translation is for this English; or
    it is a memory suggestion and the handoff human). A lender a translator changed lends its
    text, fuzzy: theirs is never lost. Not in front matter: a handoff lends its title by
    place, whatever English it translates."""
    if not unit.translation or unit.segments[0].start < body_start:
        return False
    return gives_way(lender, mt)


def _followed(unit: Unit, article: Article, mt: bool, lender: Message) -> Message:
    """The entry of changed English that follows the handoff: new, with the translator's
    comments of the entry it replaces (their own, whatever the text; the memory's note
    said where the lender's text came from, not this one's)."""
    entry = new_entry(unit.key, unit.segments, article.rel, mt)
    comments = without_provenance(lender.translator_comments)
    return replace(entry, translator_comments=comments) if comments else entry


def _suggestion_record(unit: Unit, mt: bool) -> tuple[str, ...]:
    """A suggestion's record: what this handoff delivered for the new English."""
    return (note(unit.translation, mt),) if unit.translation else ()


def _is_obsolete(msg: Message) -> bool:
    return msg.obsolete


def _rewrapped(pending: list[tuple[int, Unit]], old_messages: Sequence[Message], used: set[Key],
               result: list[Message | None], article: Article, mt: bool, new: bool
               ) -> list[tuple[int, Unit]]:
    """The pending units left once those whose English an old entry nobody claimed has, but
    for spacing the page does not show (``_as_shown``: a writer re-wrapped the paragraph, and a
    line end moved inside a code span or took the place of two spaces), take that entry as it
    was, as any other re-wrapping leaves an entry."""
    by_shown: dict[tuple[str | None, str], Message] = {}
    for m in sorted(old_messages, key=_is_obsolete):  # an active entry before an obsolete one
        if m.key not in used and m.msgstr:
            by_shown.setdefault((m.msgctxt, as_shown(m.msgid)), m)
    left = []
    for index, unit in pending:
        same = by_shown.get((unit.msgctxt, as_shown(unit.msgid)))
        if same is None or same.key in used:
            left.append((index, unit))
            continue
        used.add(same.key)
        result[index] = _update(replace(same, msgid=unit.msgid), unit, article, mt, new)
    return left


def _update(old: Message, unit: Unit, article: Article, mt: bool, new: bool) -> Message:
    """``old`` for this handoff: the text, flags and notes ``provenance.settle`` decides, new ids
    and lines."""
    msgstr, flags, notes = settle(old, unit.translation, mt, new)
    comments, previous, context = old.translator_comments, old.previous_msgid, old.previous_msgctxt
    if msgstr != old.msgstr and old.msgstr and FUZZY in old.flags:  # a memory suggestion gave
        comments, previous, context = without_provenance(comments), None, None  # way (settle)
    # made field by field, not with dataclasses.replace: one per segment of every article,
    # and replace() cost three times as much
    ids, refs = placed(unit.segments, article.rel, *notes)
    return Message(old.msgid, msgstr, unit.msgctxt, flags, comments, ids, refs, previous,
                   context, False, 0)
