"""Filling the untranslated entries of a merged catalog from the memory. Pure: applied after
``merge``, which need not know of the memory.

Only an entry with English and no translation is filled: a translator's text, even a fuzzy
one, is never replaced. An exact match (the same English) takes the memory's first choice
(``index``: most articles agree on it, the reviewers deciding where they are half or more);
it stays fuzzy, so not published, unless ``publish_exact`` and the translation was reviewed
somewhere. A close match is always a fuzzy suggestion with the
memory's English as its previous msgid (``#| msgid``), which Poedit and Weblate show as a
difference. Either way the translator comment says where it came from (``rows.Provenance``).
A translation the segment rules would hold back against the new English (code, links, markup
or placeholders that do not fit, anything unsafe), as publishing decides it whatever the
report settings, is not offered; the next candidate is tried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.catalog import FUZZY, Catalog, Message
from pipeline.memory.index import Index
from pipeline.memory.rows import Provenance, without_provenance

Safe = Callable[[str, str], bool]  # (English, translation): passes the segment rules


def fill(
    catalog: Catalog, index: Index, safe: Safe, threshold: float, publish_exact: bool = False
) -> tuple[Catalog, int]:
    """The catalog with its untranslated entries filled where the memory can, and how many."""
    messages = list(catalog.messages)
    filled = 0
    for n, msg in enumerate(messages):
        if msg.obsolete or not msg.msgid or msg.msgstr:
            continue
        new = filled_entry(msg, index, safe, threshold, publish_exact)
        if new is not None:
            messages[n] = new
            filled += 1
    return (replace(catalog, messages=tuple(messages)) if filled else catalog), filled


def filled_entry(
    msg: Message, index: Index, safe: Safe, threshold: float, publish_exact: bool
) -> Message | None:
    comments = without_provenance(msg.translator_comments)
    fuzzy = (FUZZY, *(f for f in msg.flags if f != FUZZY))
    for choice in index.exact(msg.msgid):
        if not safe(msg.msgid, choice.target):
            continue
        reviewed = choice.reviewed > 0
        publish = publish_exact and reviewed
        note = Provenance(100, choice.origin, reviewed).comment(choice.target)
        return replace(msg, msgstr=choice.target,
                       flags=tuple(f for f in msg.flags if f != FUZZY) if publish else fuzzy,
                       translator_comments=(*comments, note), previous_msgid=None,
                       previous_msgctxt=None)
    for match in index.close(msg.msgid, threshold):
        choice = match.choice
        if not safe(msg.msgid, choice.target):
            continue
        note = Provenance(match.similarity, choice.origin, choice.reviewed > 0).comment(
            choice.target)
        return replace(msg, msgstr=choice.target, flags=fuzzy,
                       translator_comments=(*comments, note), previous_msgid=match.source,
                       previous_msgctxt=None)
    return None
