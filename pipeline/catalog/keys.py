"""Which catalog entry is a segment's: the key (msgctxt, msgid) of each segment of an article,
and each segment's active entry. Shared by merge, the checks, publishing and the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pipeline.catalog.model import Catalog, Message
from pipeline.provenance import as_delivered, recorded

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
        src = seg.source
        key: Key
        if src and src not in first:
            first[src] = seg.translation
            key = (None, src)
        elif src and first[src] == seg.translation:
            key = (None, src)
        else:
            key = (seg.id, src)
            n = 1
            while key in taken and taken[key] != seg.translation:
                n += 1
                key = (f"{seg.id}.{n}", src)
        taken.setdefault(key, seg.translation)
        keys.append(key)
    return keys if catalog is None else _kept_twins(segments, keys, catalog)


def _kept_twins(segments: Sequence[Segment], keys: list[Key], catalog: Catalog) -> list[Key]:
    """Twins a handoff now translates alike, one of whose entries with a context a translator
    changed: by the handoff alone all would take the entry without a context, and the
    correction would go obsolete, unpublished, for English that did not change. The second and
    later segments of that English keep a context each (their ids), as many as the catalog has
    such twins, so that merge gives them those entries in order (``twins.by_context``)."""
    plain = {m.msgid for m in catalog.messages if m.msgctxt is None and not m.obsolete}
    changed: dict[str, int] = {}
    for m in catalog.messages:
        if (m.msgctxt is not None and m.msgid in plain and m.msgstr and not m.obsolete
                and not as_delivered(m, recorded(m))):
            changed[m.msgid] = changed.get(m.msgid, 0) + 1
    for context, msgid in keys:  # twins the handoff tells apart itself: its keys stand
        if context is not None:
            changed.pop(msgid, None)
    if not changed:
        return keys
    seen: dict[str, int] = {}
    out = list(keys)
    for i, (key, seg) in enumerate(zip(keys, segments, strict=True)):
        context, msgid = key
        if context is None and msgid in changed:
            n = seen[msgid] = seen.get(msgid, 0) + 1
            if 1 < n <= changed[msgid] + 1:
                out[i] = (seg.id, msgid)
    return out


def entries_for(
    article: Article, catalog: Catalog | None, keys: Sequence[Key] | None = None
) -> list[Message | None]:
    """The catalog entry of each segment, in article order (None where the catalog has none)."""
    if catalog is None:
        return [None] * len(article.segments)
    if keys is None:
        keys = segment_keys(article.segments, catalog)
    index: Mapping[Key, Message] = {m.key: m for m in catalog.messages if not m.obsolete}
    return [index.get(key) for key in keys]
