"""Which catalog entry is a segment's: the key (msgctxt, msgid) of each segment of an article,
and each segment's active entry. Shared by merge, the checks, publishing and the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pipeline.catalog.model import Catalog, Message
from pipeline.provenance import as_delivered, checksum, recorded

if TYPE_CHECKING:
    from pipeline.article import Article, Segment

Key = tuple[str | None, str]


def segment_keys(segments: Sequence[Segment], catalog: Catalog | None = None) -> list[Key]:
    """The catalog key of each segment.

    The msgid is the English. Where the English alone cannot tell a segment apart (an empty
    English span, or the same English translated differently elsewhere in the article), the
    segment's id becomes the msgctxt so that every segment round-trips. With the ``catalog``,
    twins it holds apart stay apart where a translator changed one (``_kept_twins``).
    """
    first: dict[str, str] = {}
    taken: dict[Key, str] = {}
    keys: list[Key] = []
    for seg in segments:
        src, translation = seg.source, seg.translation
        # the first translation of the English, or the same again: the English tells it apart
        if src and first.setdefault(src, translation) == translation:
            keys.append((None, src))
            continue
        key: Key = (seg.id, src)
        n = 1
        while key in taken and taken[key] != translation:
            n += 1
            key = (f"{seg.id}.{n}", src)
        taken.setdefault(key, translation)  # (only keys with a context are ever looked up)
        keys.append(key)
    return keys if catalog is None else _kept_twins(segments, keys, catalog)


def _kept_twins(segments: Sequence[Segment], keys: list[Key], catalog: Catalog) -> list[Key]:
    """Twins a handoff now translates alike, whose entry with a context a translator changed
    and stands behind (reviewed: a draft or a suggestion is published nowhere): by the
    handoff alone every segment of that English would take the one entry merge gives it
    (``_taken``), and the correction would go obsolete, unpublished, for English that did not
    change. The second and later segments of that English take the keys of those entries
    instead, one each in catalog order: merge finds each entry by its key, as it is."""
    plain = {m.msgid: m for m in catalog.messages if m.msgctxt is None and not m.obsolete}
    twins: dict[str, list[Message]] = {}
    for m in catalog.messages:
        if m.msgctxt is not None and m.msgid in plain and not m.obsolete:
            twins.setdefault(m.msgid, []).append(m)
    if not twins:
        return keys
    delivered: dict[str, str] = {}
    for (context, msgid), seg in zip(keys, segments, strict=True):
        if context is not None:  # twins the handoff tells apart itself: its keys stand
            twins.pop(msgid, None)
        elif msgid in twins:
            delivered.setdefault(msgid, seg.translation)
    kept: dict[str, list[Key]] = {}
    for msgid, entries in twins.items():
        if msgid in delivered:
            taken = _taken(plain[msgid], entries, delivered[msgid])
            corrected = [m.key for m in entries if m is not taken and m.reviewed
                         and not as_delivered(m, recorded(m))]
            if corrected:
                kept[msgid] = corrected
    if not kept:
        return keys
    seen: dict[str, int] = {}
    out = list(keys)
    for i, (context, msgid) in enumerate(keys):
        if context is None and msgid in kept:
            n = seen[msgid] = seen.get(msgid, 0) + 1
            if 1 < n <= len(kept[msgid]) + 1:
                out[i] = kept[msgid][n - 2]
    return out


def _taken(first: Message, twins: Sequence[Message], translation: str) -> Message:
    """The entry merge gives English a handoff translates alike everywhere: the one without a
    context, unless its record is not of ``translation`` and a twin's is (``twins_by_record``,
    then ``by_context`` by record)."""
    if not translation:
        return first
    wanted = checksum(translation)
    record = recorded(first)
    if record is not None and record.checksum == wanted:
        return first
    return next((m for m in twins if (r := recorded(m)) is not None and r.checksum == wanted),
                first)


def entries_for(
    article: Article, catalog: Catalog | None, keys: Sequence[Key] | None = None
) -> list[Message | None]:
    """The catalog entry of each segment, in article order (None where the catalog has none)."""
    if catalog is None:
        return [None] * len(article.segments)
    if keys is None:
        keys = segment_keys(article.segments, catalog)
    index: Mapping[Key, Message] = {(m.msgctxt, m.msgid): m  # m.key, without a call each
                                    for m in catalog.messages if not m.obsolete}
    return [index.get(key) for key in keys]
