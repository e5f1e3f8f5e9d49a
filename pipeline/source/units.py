"""An English article made ready for one locale: the units a catalog holds, with ids that stay
put, and the ``Article``-shaped records that ``merge``, the sync checks and ``job.publish`` read.

The units are the pairs Microsoft's handoffs would hold, and the title, description and image
alt text the handoffs translated in place. Their ids are ``<prefix>-<number>`` as Microsoft
numbers them, but the prefix comes from the article's path rather than its text: an edit that
leaves every segment as it was (reflowed lines, trailing spaces) leaves every id, and so every
catalog byte, as it was. Catalog references name the English file without a line, for the same
reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pipeline.checks.inputs as inputs
from pipeline.article import Article, Segment, read_front_matter
from pipeline.article.frontmatter import FRONT_MATTER_END, opens_front_matter
from pipeline.catalog import Catalog, Message
from pipeline.catalog.keys import Key, segment_keys
from pipeline.checks.base import Options
from pipeline.checks.fidelity.markup import html_broken
from pipeline.findings import Finding, InputError
from pipeline.header import PROVENANCE
from pipeline.memory.rows import provenance
from pipeline.segment.model import Kind, SegmentedArticle
from pipeline.segment.model import Segment as Unit

# Translated in place by the handoffs, and so entries of the catalog too (as the templates of
# ``segment --format pot`` have them): each keyword item is one entry.
FIELDS = frozenset((Kind.TITLE, Kind.DESCRIPTION, Kind.KEYWORDS, Kind.ALT))
NOTES = {Kind.TITLE: "front matter: title", Kind.DESCRIPTION: "front matter: description",
         Kind.KEYWORDS: "front matter: keywords", Kind.ALT: "image alt text"}
# the notes of a YAML value's entry: what publish judges as a value (no block to open)
VALUE_NOTES = frozenset(NOTES[k] for k in (Kind.TITLE, Kind.DESCRIPTION, Kind.KEYWORDS))
_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")


def prefix_of(within: str) -> str:
    """Five hex digits from the article's path under the source folder: the same in every
    locale and across every edit of the English."""
    return hashlib.sha1(within.encode("utf-8", "surrogatepass")).hexdigest()[:5]


def units_of(english: SegmentedArticle, within: str) -> tuple[Unit, ...]:
    """The pairs and the fields translated in place, in article order, with stable ids."""
    prefix = prefix_of(within)
    kept = [*english.segments, *(f for f in english.fields if f.kind in FIELDS)]
    kept.sort(key=lambda u: u.number)
    return tuple(Unit(f"{prefix}-{u.number}", u.number, u.source, u.kind, u.line, u.column,
                      u.start, u.end, u.pieces, u.anchor) for u in kept)


# What may stand between two sentences of one paragraph: spaces, one line break, and the
# quote marks or indentation that continue the paragraph on the next line.
_BETWEEN = re.compile(r"[ \t]*(?:\r?\n[ \t>]*)?")
_JOINABLE = frozenset((Kind.TEXT, Kind.CELL, Kind.HTML))
MAX_JOINED = 12  # sentences one entry may hold: far more than any merged entry seen


def join_merged(units: Sequence[Unit], text: str, catalog: Catalog | None
                ) -> tuple[Unit, ...]:
    """The units, with each run of sentences of one paragraph that a catalog entry holds as
    one (Microsoft's ``-p`` merges: a translation memory's paragraph) made one unit, so that
    its translation is still used. Only a translated entry whose sentences have no translated
    entries of their own joins them; an English edit that changes one of the sentences parts
    them again, and one undone joins them again (the entry obsolete since, as merge gives back
    any obsolete entry whose English returns), unless a sentence was translated on its own
    since (its entry, obsolete or not, is the newer work)."""
    if catalog is None:
        return tuple(units)
    known = {u.source for u in units}
    merged = {m.msgid for m in catalog.active() if m.msgstr and m.msgid not in known}
    gone = {m.msgid for m in catalog.messages if m.obsolete and m.msgctxt is None
            and m.msgstr and m.msgid not in known} - merged
    if not (merged or gone):
        return tuple(units)
    # a fuzzy suggestion (made for other English: a #| msgid) is no translation of the
    # sentence's own, and must not part the paragraph that lent it
    own = [m for m in catalog.messages
           if m.msgstr and not (m.fuzzy and m.previous_msgid is not None)]
    translated = {m.msgid for m in own if not m.obsolete}
    ever = {m.msgid for m in own}
    out: list[Unit] = []
    i = 0
    while i < len(units):
        j = _merged_run(units, text, i, merged, translated)
        if j == i and gone:
            j = _merged_run(units, text, i, gone, ever)
        if j == i:
            out.append(units[i])
        else:
            run = units[i:j + 1]
            first = run[0]
            out.append(replace(first, source=" ".join(u.source for u in run),
                               end=run[-1].end,
                               pieces=tuple(p for u in run for p in u.pieces)))
        i = j + 1
    return tuple(out)


def _merged_run(units: Sequence[Unit], text: str, i: int, merged: set[str],
                translated: set[str]) -> int:
    """The last unit of the longest run from ``i`` whose sentences an entry of ``merged``
    holds; ``i`` when there is none."""
    first = units[i]
    if first.kind not in _JOINABLE or first.source in translated or not any(
            m.startswith(first.source) for m in merged):
        return i
    joined, found = first.source, i
    for j in range(i + 1, min(len(units), i + MAX_JOINED)):
        u, prev = units[j], units[j - 1]
        if u.kind is not first.kind or u.source in translated or \
                _BETWEEN.fullmatch(text, prev.end, u.start) is None:
            break
        joined = f"{joined} {u.source}"
        if joined in merged:
            found = j
        elif not any(m.startswith(joined) for m in merged):
            break
    return found


def front_matter_span(text: str, body_start: int) -> tuple[int, int] | None:
    """(where the YAML starts, where its closing line starts), None without front matter."""
    if not body_start:
        return None
    m = _OPEN.match(text)
    close = FRONT_MATTER_END.search(text, m.end()) if m is not None else None
    if m is None or close is None or close.end() != body_start:
        return None
    return m.end(), close.start()


def english_meta(english: SegmentedArticle) -> dict[str, str | None]:
    """The English front matter's top-level values ({} when it has none or it is not YAML
    the reader takes: the segmenter has said so already)."""
    if english.meta or not english.body_start:  # as the segmenter read it: not read again
        return dict(english.meta)
    span = front_matter_span(english.text, english.body_start)
    if span is None:
        return {}
    try:
        return read_front_matter(english.text[span[0]:span[1]], english.path)[0]
    except InputError:
        return {}


def merged_meta(english: Mapping[str, str | None], catalog: Catalog | None,
                handoff: Article | None) -> dict[str, str | None]:
    """What the catalog header is made from: the English's values, under the provenance the
    catalog already records, under the handoff's own (the newest word on where it came from)."""
    meta = dict(english)
    if catalog is not None:
        for header, key in PROVENANCE:
            value = catalog.header_value(header)
            if value is not None:
                meta[key] = value
    if handoff is not None:
        meta.update(handoff.meta)
        if opens_front_matter(handoff.text) and not handoff.meta.get(_TYPE):  # its type unsaid:
            meta.pop(_TYPE, None)  # not the last handoff's (``is_machine_translated`` decides)
    return meta


_TYPE = "ms.translationtype"


def record(units: Sequence[Unit], translations: Sequence[str], *, path: str, rel: str,
           locale: str, english: SegmentedArticle, meta: Mapping[str, str | None]) -> Article:
    """The English as an ``Article``: one segment per unit with the given translation,
    offsets and lines in the English."""
    segs = tuple(
        Segment(u.id, u.id, u.source, tr, u.start, u.end, u.start, u.end, u.start, u.end,
                u.line, u.column)
        for u, tr in zip(units, translations, strict=True))
    return Article(path, rel, locale, english.text, english.body_start, meta, {}, segs)


def keys_for(segments: Sequence[Segment], known: Sequence[Message | None]) -> list[Key]:
    """The catalog key of each unit (``segments``: as ``record`` makes them, with the
    translations they carry): the key of its entry (``catalog_entries``), else that of
    ``catalog.keys.segment_keys``: the English, with a context where new English is translated two
    ways."""
    keys = segment_keys(segments)
    return [m.key if m is not None else key for m, key in zip(known, keys, strict=True)]


def tidy(catalog: Catalog, units: Sequence[Unit], keys: Sequence[Key], english_rel: str,
         header_comments: tuple[str, ...] | None) -> Catalog:
    """The merged catalog as the English drives it: references name the English file (no
    line: a reflowed paragraph moves none), fields say what they are; ``header_comments``
    (for a new catalog) say where it comes from."""
    notes = {key: NOTES[u.kind] for u, key in zip(units, keys, strict=True) if u.kind in NOTES}
    ref = (english_rel,)
    messages = []
    for m in catalog.messages:
        if m.obsolete:
            messages.append(m)
            continue
        note = notes.get(m.key)
        comments = m.extracted_comments
        if note is not None and note not in comments:
            comments = (*comments, note)
        if m.references != ref or comments is not m.extracted_comments:
            # field by field: dataclasses.replace cost three times as much, once an entry
            m = Message(m.msgid, m.msgstr, m.msgctxt, m.flags, m.translator_comments,
                        comments, ref, m.previous_msgid, m.previous_msgctxt, m.obsolete, m.line)
        messages.append(m)
    return replace(catalog, messages=tuple(messages),
                   header_comments=header_comments or catalog.header_comments)


def dated_as_before(updated: Catalog, old: Catalog | None) -> Catalog:
    """``updated`` with the old catalog's POT-Creation-Date when no entry changed: an English
    edit that changes no segment (its ms.date, say) changes no catalog."""
    if old is None or updated.messages != old.messages:
        return updated
    before = old.header_value("POT-Creation-Date")
    if before is None:
        return updated
    return replace(updated, header=tuple((k, before if k == "POT-Creation-Date" else v)
                                         for k, v in updated.header))


BROKEN = html_broken.check
ATTRIBUTE_HINT = ("write quotation marks as the language's own (“ ” « » „ “), with no ::: and "
                  "no line break")


def quoted_attribute_breaks(units: Sequence[Unit], english: str, published: Sequence[str]
                            ) -> list[tuple[int, str]]:
    """The units whose text would break the English's quoted attribute it stands in (an
    ``:::image`` alt-text), each with what to say of it: a straight double quote ends the
    attribute, ``:::`` the directive, a line break the line. The page cannot show these."""
    out = []
    for i, (u, text) in enumerate(zip(units, published, strict=True)):
        if u.kind is not Kind.ALT or text == u.source or english[u.start - 1:u.start] != '"':
            continue
        what = ('a straight double quote (")' if '"' in text else "':::'" if ":::" in text
                else "a line break" if "\n" in text or "\r" in text else "")
        if what:
            out.append((i, f"the translation of an image's alt-text has {what}, which ends it "
                           "early: the English is published"))
    return out


def held_attributes(units: Sequence[Unit], english: str, published: list[str],
                    options: Options, shown: str) -> tuple[list[Finding], list[Finding]]:
    """The English in ``published`` for each unit ``quoted_attribute_breaks`` finds (whatever
    is reported: the page would break), with the html-broken findings and the
    render-substituted ones (which no selection of checks hides)."""
    broken, swapped = [], []
    substituted = inputs.RENDER_SUBSTITUTED
    for i, message in quoted_attribute_breaks(units, english, published):
        u = units[i]
        published[i] = u.source
        if options.enabled(BROKEN):
            broken.append(Finding(BROKEN.id, options.severity(BROKEN), message, shown, u.line,
                                  u.column, u.id, ATTRIBUTE_HINT))
        if substituted.id not in options.ignore:
            swapped.append(Finding(
                substituted.id, options.severity(substituted), f"the translation was held back "
                f"({BROKEN.id}); the English was published instead",
                shown, u.line, u.column, u.id, substituted.hint))
    return broken, swapped


def lag_counts(entries: Sequence[Message | None], chosen: set[int]) -> tuple[int, int, int, int]:
    """Of the units with nothing to publish (not ``chosen``): how many were never translated,
    await review after an English change, await review of a memory suggestion, and await
    review of a translation marked fuzzy for no English change (``translation_lag``)."""
    missing = [m for i, m in enumerate(entries) if i not in chosen]
    stale = sum(1 for m in missing if m is not None and m.previous_msgid is not None
                and provenance(m) is None)
    suggested = sum(1 for m in missing if m is not None and m.previous_msgid is not None
                    and provenance(m) is not None)
    review = sum(1 for m in missing if m is not None and m.previous_msgid is None
                 and m.msgstr and m.fuzzy)
    return len(missing) - stale - suggested - review, stale, suggested, review
