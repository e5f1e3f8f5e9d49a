"""Which catalog entry is a segment's: the key (msgctxt, msgid) of each segment of an article,
and each segment's active entry. Shared by merge, the checks, publishing and the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pipeline.catalog.model import Catalog, Message

if TYPE_CHECKING:
    from pipeline.article import Article, Segment

Key = tuple[str | None, str]


def segment_keys(segments: Sequence[Segment]) -> list[Key]:
    """The catalog key of each segment.

    The msgid is the English. Where the English alone cannot tell a segment apart (an empty
    English span, or the same English translated differently elsewhere in the article), the
    segment's id becomes the msgctxt so that every segment round-trips.
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
    return keys


def entries_for(
    article: Article, catalog: Catalog | None, keys: Sequence[Key] | None = None
) -> list[Message | None]:
    """The catalog entry of each segment, in article order (None where the catalog has none)."""
    if catalog is None:
        return [None] * len(article.segments)
    if keys is None:
        keys = segment_keys(article.segments)
    index: Mapping[Key, Message] = {m.key: m for m in catalog.messages if not m.obsolete}
    return [index.get(key) for key in keys]
