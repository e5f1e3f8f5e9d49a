"""The three forms of an English-driven article for a locale, from the English and what is
published for each unit.

- ``localized``: the English with each segment replaced by its translation, every other byte
  kept; a unit published in English keeps the English's own bytes (its line breaks, say). Each
  heading gets Microsoft's ``<a name="english-slug"></a>`` after its ``#``s, so that a link to
  ``#english-slug`` works in every locale. The front matter: see ``frontmatter``.
- ``source``: the English, byte for byte.
- ``bilingual``: the sxs form a handoff has: each segment a pair, the translation in the
  translation span and the English (as the catalog holds it) in the lookup span; front matter,
  headings and alt text as in the localized form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipeline.render import Form
from pipeline.segment.inline import code_spans
from pipeline.segment.model import Kind, SegmentedArticle
from pipeline.segment.model import Segment as Unit
from pipeline.segment.output import pair
from pipeline.source import frontmatter
from pipeline.source.links import heading_ids

# Before a heading's text: container marks (quote, list), then its #s and the space after them.
_HASHES = re.compile(r"[ \t>*+\-0-9.)]*?#{1,6}[ \t]*")
_IN_FRONT_MATTER = frozenset((Kind.TITLE, Kind.DESCRIPTION, Kind.KEYWORDS))


def render(english: SegmentedArticle, units: Sequence[Unit], published: Sequence[str],
           form: Form, locale: str, meta: Mapping[str, str | None]) -> str:
    """``published``: each unit's text, in catalog form (the English where it is untranslated);
    ``meta``: the English front matter's values."""
    text = english.text
    if form is Form.SOURCE:
        return text
    bilingual = form is Form.BILINGUAL
    edits = frontmatter.edits(text, english.body_start, units, published, locale, dict(meta))
    ids: dict[int, str] | None = None  # DocFX's id of each heading of the English, by line
    named = {u.line for u in units if u.anchor is not None}  # headings with a text unit
    for u, tr in zip(units, published, strict=True):
        if u.kind in _IN_FRONT_MATTER or not u.pieces:
            continue
        if u.anchor is not None:  # a heading's first unit: the segmenter names the whole
            if ids is None:
                ids = _heading_ids(text)
            edits.append(_anchor(text, u, ids.get(u.line)))
        elif u.kind is Kind.ALT and u.line not in named and tr != u.source:
            # a heading that is only an image: DocFX makes its id from the alt text, which
            # the translation changes
            if ids is None:
                ids = _heading_ids(text)
            if u.line in ids:
                named.add(u.line)
                edits.append(_anchor(text, u, ids[u.line]))
        if bilingual and u.kind is not Kind.ALT:
            edits.append((u.start, u.end, pair(u.id, u.source, tr)))
        elif tr != u.source:
            english_bytes = text[u.start:u.end]
            if u.kind is Kind.HTML:
                tr = _raw_html(tr, english_bytes)
            if "`" in tr and ("\t" in english_bytes or "\xa0" in english_bytes):
                tr = _code_as_written(tr, u.source, english_bytes)
            edits.append((u.start, u.end, _layout(english_bytes, tr)))
    return apply(text, edits)


def _heading_ids(text: str) -> dict[int, str]:
    """``heading_ids`` of the English, worked out once for all its locales: they are rendered
    one after the other (see ``source.job._segmented``). Callers only read the result."""
    found = _last_ids.get(text)
    if found is None:
        _last_ids.clear()
        found = _last_ids[text] = heading_ids(text)
    return found


_last_ids: dict[str, dict[int, str]] = {}


def _anchor(text: str, u: Unit, page_id: str | None) -> tuple[int, int, str]:
    """Microsoft's anchor, right after the heading's #s (before any anchor of the English's
    own); at the text itself for a heading without #s. Where the id the English page gives
    the heading differs (a repeated heading's '-1', markup in it), that id's anchor too: the
    English's links to it then work in every locale."""
    line_start = text.rfind("\n", 0, u.start) + 1
    m = _HASHES.match(text, line_start, u.start)
    at = m.end() if m is not None else u.start
    mark = f'<a name="{u.anchor}"></a>' if u.anchor is not None else ""
    if page_id and page_id != u.anchor:
        mark += f'<a name="{page_id}"></a>'
    return at, at, mark


def _raw_html(translation: str, english: str) -> str:
    """Inside a raw HTML block Markdown's escapes are not read: a backslash the catalog form
    added before '*', '_' or '`' (as the handoffs write them) would show on the page."""
    for escape in ("\\*", "\\_", "\\`"):
        if escape in translation and escape not in english:
            translation = translation.replace(escape, escape[1])
    return translation


def _code_as_written(translation: str, source: str, english: str) -> str:
    """The translation with each code span of the English as the English writes it: the
    catalog form has a tab or no-break space of the English as spaces (as the handoffs'
    English does), and in code they are other characters (``cut -d '<tab>'``). Spans of one
    catalog form take the English's in their order (``cut -d '<tab>'`` and ``cut -d ' '``)."""
    written = [english[s:e] for s, e in code_spans(english)]
    caught = [source[s:e] for s, e in code_spans(source)]
    if len(written) != len(caught) or written == caught:
        return translation
    ways: dict[str, list[str]] = {}  # a catalog form -> the English's spans of it, in order
    for flat, raw in zip(caught, written, strict=True):
        ways.setdefault(flat, []).append(raw)
    out: list[str] = []
    pos = 0
    for s, e in code_spans(translation):
        raws = ways.get(translation[s:e])
        out += (translation[pos:s], raws.pop(0) if raws else translation[s:e])
        pos = e
    out.append(translation[pos:])
    return "".join(out)


def _layout(english: str, translation: str) -> str:
    """A translation in the English's line ends."""
    if "\r\n" in english and "\n" in translation:
        return translation.replace("\r\n", "\n").replace("\n", "\r\n")
    return translation


def apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, new) made, in order of position; an insertion at a
    segment's start goes before it. Overlapping edits cannot come from one segmentation; one
    would be dropped rather than cut bytes twice."""
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)
