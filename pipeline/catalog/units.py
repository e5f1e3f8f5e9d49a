"""The units of an article's catalog: the segments each entry serves, grouped by their key
(``keys.segment_keys``), and the entry a unit makes when no old one is its (``new_entry``):
its translation, the handoff's record of it, and where its segments stand (``placed``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from pipeline.catalog.keys import Key, segment_keys
from pipeline.catalog.model import FUZZY, Message
from pipeline.provenance import MT_NOTE, note

if TYPE_CHECKING:
    from pipeline.article import Article, Segment


class Unit(NamedTuple):
    """The segments one catalog entry serves. A named tuple, not a frozen dataclass: merge
    makes one per entry, and a frozen dataclass costs several times a tuple to build."""

    key: Key
    segments: tuple[Segment, ...]

    @property
    def msgctxt(self) -> str | None:
        return self.key[0]

    @property
    def msgid(self) -> str:
        return self.key[1]

    @property
    def translation(self) -> str:
        return self.segments[0].translation


def units(article: Article, keys: Sequence[Key] | None = None) -> list[Unit]:
    if keys is None:
        keys = segment_keys(article.segments)
    return [_tuple_new(Unit, (k, tuple(v)))  # as Unit(k, v)
            for k, v in grouped(keys, article.segments).items()]


_tuple_new = tuple.__new__


def grouped(keys: Sequence[Key], segments: Sequence[Segment]) -> dict[Key, list[Segment]]:
    """The segments of each key, in the order the keys first occur."""
    out: dict[Key, list[Segment]] = {}
    for key, seg in zip(keys, segments, strict=True):
        found = out.get(key)
        if found is None:
            out[key] = [seg]
        else:
            found.append(seg)
    return out


def new_entry(key: Key, segs: Sequence[Segment], rel: str, mt: bool) -> Message:
    """A new entry of ``key`` for the segments ``segs`` of the article ``rel``, with their
    translation: unreviewed (fuzzy) when machine-made. (One per segment of a first
    extraction: no Unit is made for it, nor a call for the common single segment.)"""
    msgctxt, msgid = key
    seg = segs[0]
    translation = seg.translation
    if not translation:
        notes: tuple[str, ...] = ()
    elif mt:
        notes = (MT_NOTE, note(translation, True))
    else:
        notes = (note(translation, False),)
    ids: tuple[str, ...]
    refs: tuple[str, ...]
    if len(segs) == 1:  # most English occurs once: as ``placed`` makes them
        ids, refs = (seg.id, *notes), (f"{rel}:{seg.line}",)
    else:
        ids, refs = placed(segs, rel, *notes)
    return Message(msgid, translation, msgctxt, _FUZZY if mt and translation else (), (), ids,
                   refs)


_FUZZY = (FUZZY,)


def placed(segs: Sequence[Segment], rel: str, *more: str
           ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An entry's #. notes (the segment ids, then ``more``: the MT note and the handoff record
    where given) and its #: references, from where its segments stand in the article ``rel``."""
    if len(segs) == 1:  # most English occurs once
        seg = segs[0]
        return (seg.id, *more), (f"{rel}:{seg.line}",)
    return ((*dict.fromkeys(s.id for s in segs), *more),
            tuple(dict.fromkeys(f"{rel}:{s.line}" for s in segs)))
