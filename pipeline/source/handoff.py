"""What a handoff of the same article lends the English: its translations, matched by English.

The English drives the segments; a handoff (an sxs article of the same path in a locale
folder, made from some earlier English) only says how it translated each English it held. A
pair lends its translation to every unit with the same English (the n-th translation to the
n-th occurrence, should it have translated the same English two ways). Title and description
were translated in place, without their English: the handoff's value lends itself to the
English value when that is one sentence (or splits into as many sentences as the English).
Keywords too, item for item when the handoff has as many items. Image alt text was translated
in place too: the handoff's image with the same target lends its alt text, when it has one
alt text for that target. What is lent by place is the translation of whatever English the
handoff had there: once the English changed, a text the catalog took for other English is
that English's, not this one's (``stale_by_place``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pipeline.segment.docfx as docfx
from pipeline.article import Article
from pipeline.catalog import Catalog
from pipeline.provenance import checksum, recorded
from pipeline.segment.frontmatter import front_matter
from pipeline.segment.inline import atoms
from pipeline.segment.model import Kind
from pipeline.segment.model import Segment as Unit
from pipeline.segment.sentences import split

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^\s)>]+)")
_AFTER_ALT = re.compile(r"\]\(\s*<?([^\s)>]+)")
_SOURCE = re.compile(r'\bsource\s*=\s*"([^"]*)"')
_KEYS = {Kind.TITLE: "title", Kind.DESCRIPTION: "description"}


def lend(units: Sequence[Unit], text: str, handoff: Article | None) -> list[str]:
    """For each unit, the handoff's translation of its English ("" where it has none)."""
    if handoff is None:
        return [""] * len(units)
    by_english: dict[str, list[str]] = {}
    for seg in handoff.segments:
        if seg.translation:
            by_english.setdefault(seg.source, []).append(seg.translation)
    fields = _fields(units, handoff)
    alts: dict[str, set[str]] | None = None
    seen: dict[str, int] = {}
    out: list[str] = []
    for u in units:
        if u.kind in _KEYS or u.kind is Kind.KEYWORDS:
            out.append(fields.get(u.number, ""))
            continue
        if u.kind is Kind.ALT:
            if alts is None:
                alts = _alt_texts(handoff)
            found = alts.get(_target(text, u) or "", set())
            alt = next(iter(found)) if len(found) == 1 else ""
            out.append(alt if alt != u.source else "")
            continue
        n = seen[u.source] = seen.get(u.source, -1) + 1
        listed = by_english.get(u.source)
        out.append(listed[min(n, len(listed) - 1)] if listed else "")
    return out


_BY_PLACE = (*_KEYS, Kind.KEYWORDS, Kind.ALT)


def stale_by_place(units: Sequence[Unit], lent: list[str], catalog: Catalog | None) -> list[str]:
    """``lent`` without what a handoff lends by place (title, description, keywords item for
    item, alt text) where an entry of other English, active or obsolete, records that very text
    as its delivery: the handoff translated that English (the English changed, or its keywords
    moved), and the text would follow as this English's translation, reviewed."""
    placed = [i for i, u in enumerate(units) if lent[i] and u.kind in _BY_PLACE]
    if not placed or catalog is None:
        return lent
    taken: dict[str, set[str]] = {}
    for m in catalog.messages:
        if (r := recorded(m)) is not None:
            taken.setdefault(r.checksum, set()).add(m.msgid)
    out = list(lent)
    for i in placed:
        if taken.get(checksum(lent[i]), set()) - {units[i].source}:
            out[i] = ""
    return out


def _fields(units: Sequence[Unit], handoff: Article) -> dict[int, str]:
    """Title and description translations by unit number."""
    out: dict[int, str] = {}
    for kind, key in _KEYS.items():
        mine = [u for u in units if u.kind is kind]
        value = handoff.meta.get(key)
        if not mine or not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(value.split())
        if len(mine) == 1:
            parts = [value]
        else:
            parts = [value[a:b] for a, b in split(value, atoms(value))]
            if len(parts) != len(mine):
                continue  # no telling which words translate which sentence
        for u, part in zip(mine, parts, strict=True):
            if part != u.source:
                out[u.number] = part
    mine = [u for u in units if u.kind is Kind.KEYWORDS]
    if mine:  # item for item, when the handoff has as many (it translated them in place)
        found = front_matter(handoff.text, 0, handoff.path).values
        theirs = [flat.text for kind, flat in found if kind is Kind.KEYWORDS]
        if len(theirs) == len(mine):
            out.update((u.number, t) for u, t in zip(mine, theirs, strict=True)
                       if t != u.source and t.strip())
    return out


def _target(text: str, u: Unit) -> str | None:
    """The image target of an alt text unit of the English."""
    m = _AFTER_ALT.match(text, u.end)
    if m is not None:
        return m.group(1)
    opened = text.rfind(":::image", 0, u.start)  # the directive the alt text is in
    d = docfx.IMAGE.match(text, opened) if opened >= 0 else None
    if d is None or d.end() < u.end:
        return None
    m2 = _SOURCE.search(d.group())
    return m2.group(1) if m2 is not None else None


def _alt_texts(handoff: Article) -> dict[str, set[str]]:
    """The alt texts the handoff gives each image target, outside its pairs (inside them is
    the English, or a translation of a whole sentence)."""
    out: dict[str, set[str]] = {}
    for piece in _skeleton(handoff):
        for m in _IMAGE.finditer(piece):
            out.setdefault(m.group(2), set()).add(m.group(1))
        for d in docfx.IMAGE.finditer(piece):
            source, alt = _SOURCE.search(d.group()), docfx.IMAGE_ALT.search(d.group())
            if source is not None and alt is not None:
                out.setdefault(source.group(1), set()).add(alt.group(1))
    return out


def _skeleton(handoff: Article) -> Iterator[str]:
    text, pos = handoff.text, handoff.body_start
    for seg in handoff.segments:
        yield text[pos:seg.start]
        pos = max(pos, seg.end)
    yield text[pos:]
