"""XLIFF 1.2 for vendors on CAT tools: ``xliff-export`` writes one .xlf per catalog and
``xliff-import`` brings the translations back into the catalogs.

Each active entry becomes a ``trans-unit``: its English as ``<source>``, its msgstr as
``<target>``, reviewed entries ``approved="yes"`` with state ``translated``, fuzzy ones
``approved="no"`` with state ``needs-review-translation``; the msgctxt in a ``po-entry`` context
group, the ``#.`` and ``#`` comments as notes, the ``#:`` references as locations, and a fuzzy
entry's previous English with its old translation as an ``alt-trans``. The unit id is a hash of
msgctxt and msgid, so a unit finds its entry again whatever the order of the file.

The import changes only msgstr and the review state, and only where the XLIFF differs, and adds
the lines of a translator's notes the entry lacks to its ``#`` comments (none taken away): a
unit is reviewed when ``approved="yes"`` (or, without ``approved``, its target's state is
``translated``, ``signed-off`` or ``final``), fuzzy otherwise, or where its state says work
remains (``new``…: ``review.reviewed_unit``). A unit without ``<target>`` (a CAT tool leaves out
the units it did not touch) changes nothing; an explicitly empty ``<target/>`` clears the
translation, and says so (``xliff-cleared``); an unconfirmed copy of the English in a unit
exported untranslated changes nothing. A unit that comes back as it was exported changes
nothing, even where the catalog changed since; a unit the vendor changed whose entry also
changed (or was reviewed) in the catalog since the export keeps the catalog's text, the vendor's
in a ``#`` comment of the entry, and says so (``xliff-conflict``); without the export's record
(a tool dropped it), any entry no longer as its handoff delivered it. An entry that becomes
reviewed loses its fuzzy flag, its previous msgid and the machine-translation note; a changed
msgstr loses the note too (as the next ``extract`` would). Everything else of the catalog stays,
and a catalog is rewritten only when its content changes. A unit whose English the catalog no
longer has is not applied and says so (``xliff-stale``); a unit whose id the CAT tool changed
finds its entry by its English and context; a file none of whose units fits is refused. A file
that does not fit its catalog (a unit whose source or context is not the catalog's, inline XLIFF
markup, unreadable XML) is refused whole, its catalog untouched; a tool's segments and markers
(``<mrk>``) are read through, and a target of white space is not taken as one, nor one leaving a
segment out over a reviewed text (kept beside it) or as reviewed (``pipeline.xliff.segments``).
The commands are in ``pipeline.xliff.command``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import replace
from functools import cache
from typing import Any, NamedTuple

from pipeline.catalog import FUZZY, Catalog, Message
from pipeline.findings import Finding, InputError, Severity
from pipeline.merge import MT_NOTE
from pipeline.provenance import as_delivered, checksum, recorded
from pipeline.xliff.notes import named_contexts
from pipeline.xliff.notes import returned_notes as returned_notes
from pipeline.xliff.notes import unit_context as _context
from pipeline.xliff.notes import with_notes as with_notes
from pipeline.xliff.original import file_language, named
from pipeline.xliff.review import copied_english, is_po_header, reviewed_unit
from pipeline.xliff.segments import (
    LEFT_OUT_HINT,
    blank,
    left_out,
    segmented,
    unfilled,
    untranslated_segments,
)
from pipeline.xliff.stale import PART, by_named_context, keep_beside, moved, why_stale
from pipeline.xliff.stale import keep_stale as keep_stale
from pipeline.xliff.stale import short as _short

CHECK = "xliff"
CLEARED = "xliff-cleared"  # a warning: an empty <target> cleared a translation
NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANGUAGE = "en-US"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@cache
def _store_class() -> type[Any]:
    """Translate Toolkit's XLIFF store, writing 1.2 (its skeleton says 1.1). Imported on first
    use: the other commands do not pay for it."""
    from translate.storage.xliff import xlifffile, xliffunit

    class Unit12(xliffunit):
        namespace = NAMESPACE

    class Xliff12(xlifffile[Unit12]):
        UnitClass = Unit12
        namespace = NAMESPACE
        XMLskeleton = (
            f'<?xml version="1.0" ?><xliff version="1.2" xmlns="{NAMESPACE}">'
            f'<file original="NoName" source-language="{SOURCE_LANGUAGE}" datatype="plaintext">'
            "<body></body></file></xliff>"
        )

    return Xliff12


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """Stable and unique per catalog key; ``None`` and empty context differ."""
    key = ("-" if msgctxt is None else "+" + msgctxt) + "\x04" + msgid
    return "m" + hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


# ---------------------------------------------------------------- export


def export_catalog(catalog: Catalog, original: str, locale: str, shown: str = "") -> bytes:
    """The catalog's active entries as an XLIFF 1.2 file; ``original`` names the catalog in it.
    Raises InputError for text that XML cannot carry (control characters), which would not come
    back as it was; the file's name too (``<file original>``, by which the import finds it)."""
    for what, text, line in (("the file name", original, 0), *(("the entry", t, m.line) for m in
                             catalog.active() for t in (m.msgid, m.msgstr, m.msgctxt or ""))):
        bad = _NOT_XML.search(text)
        if bad is not None:
            raise InputError(CHECK, f"{what} holds U+{ord(bad.group()):04X}, which XLIFF (XML "
                             "1.0) cannot carry", shown or original, line, 1 if line else 0,
                             "send this catalog as PO, or remove the control character" if line
                             else "rename the catalog and its article, or send them as PO")
    store: Any = _store_class()(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=locale)
    store.switchfile(original, createifmissing=True)
    for msg in catalog.active():
        _add_unit(store, msg, original)
    return bytes(store)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


# The entry as exported, on each unit (an attribute of our own namespace, which CAT tools carry
# through): a unit that comes back as it left changes nothing, and a unit the vendor changed
# whose entry changed meanwhile in the catalog keeps the catalog's text (``xliff-conflict``).
BASE = "{urn:pipeline:xliff}base"
CONFLICT = "xliff-conflict"
STALE = "xliff-stale"  # a warning: a unit whose English the catalog no longer has
INCOMPLETE = "xliff-incomplete"  # a warning: a target of white space, or a segment left out


def _base(msgstr: str, reviewed: bool) -> str:
    return ("r" if reviewed else "f") + checksum(msgstr)


def _state(msg: Message) -> str:
    """The entry's text and review state, as ``_base`` records them at export."""
    return _base(msg.msgstr, not msg.fuzzy)


def _add_unit(store: Any, msg: Message, original: str) -> None:
    unit = store.addsourceunit(msg.msgid, original, True)
    unit.setid(unit_id(msg.msgctxt, msg.msgid))
    unit.xmlelement.set(BASE, _base(msg.msgstr, not msg.fuzzy))
    if msg.msgstr:
        unit.target = msg.msgstr
        if msg.fuzzy:
            unit.set_state_n(unit.S_NEEDS_REVIEW)
        unit.xmlelement.set("approved", "no" if msg.fuzzy else "yes")
    if msg.previous_msgid is not None and msg.msgstr:
        unit.addalttrans(msg.msgstr, origin="previous", sourcetxt=_clean(msg.previous_msgid))
    if msg.extracted_comments:
        unit.addnote(_clean("\n".join(msg.extracted_comments)), origin="developer")
    if msg.translator_comments:
        unit.addnote(_clean("\n".join(msg.translator_comments)), origin="translator")
    if msg.msgctxt is not None:
        unit.createcontextgroup("po-entry", [("x-po-msgctxt", msg.msgctxt)],
                                purpose="information")
    for ref in msg.references:
        file, _, line = ref.rpartition(":")
        contexts = [("sourcefile", file), ("linenumber", line)] if file and line.isdigit() \
            else [("sourcefile", ref)]
        unit.createcontextgroup("po-reference", [(k, _clean(v)) for k, v in contexts],
                                purpose="location")


# ---------------------------------------------------------------- import


def _refuse(shown: str, element: Any, message: str, hint: str) -> InputError:
    uid = element.get("id") if element is not None else None
    where = f"unit {uid!r}: " if uid is not None else ""
    line = int(element.sourceline or 0) if element is not None else 0
    return InputError(CHECK, where + message, shown, line, 0, hint)


def _text(unit: Any, name: str, shown: str) -> str | None:
    """The raw text of the unit's <source> or <target>, exactly as in the file."""
    nodes = unit.xmlelement.iterchildren(unit.namespaced(name))
    node = next(nodes, None)
    if node is None:
        return None
    if next(nodes, None) is not None:  # XLIFF 1.2 allows one: which would be the vendor's?
        raise _refuse(shown, unit.xmlelement, f"it holds more than one <{name}>",
                      f"keep one <{name}> in the unit")
    text = segmented(node)
    if text is None:  # inline markup, or an entity a DTD in the file defines
        from pipeline.xliff.unreadable import not_text
        raise _refuse(shown, unit.xmlelement, *not_text(node, name))
    return text


def _reviewed(unit: Any) -> bool:
    target = next(unit.xmlelement.iterchildren(unit.namespaced("target")), None)
    return reviewed_unit(unit.xmlelement.get("approved"), target, unit.xmlelement.get(BASE))


def _both_changed(msg: Message, base: str | None, target: str, reviewed: bool) -> bool:
    """The unit would change an entry that changed in the catalog since the export too. With
    the export's record (``base``) gone (a tool that drops attributes it does not know), an
    entry still as its handoff delivered it was not touched since; any other may have been,
    and is neither overwritten nor taken back to unreviewed."""
    if base is not None:
        return base != _state(msg) and (target != msg.msgstr or reviewed == msg.fuzzy)
    if not msg.msgstr or as_delivered(msg, recorded(msg)):
        return False
    return target != msg.msgstr or (msg.reviewed and not reviewed)


def updated(msg: Message, target: str, reviewed: bool) -> Message:
    """The entry with the XLIFF's translation and review state; the same entry when neither
    changes. An empty target clears msgstr and leaves the flags."""
    if not target:
        return replace(msg, msgstr="") if msg.msgstr else msg
    if target == msg.msgstr and reviewed == (not msg.fuzzy):
        return msg
    notes = msg.extracted_comments
    if reviewed or target != msg.msgstr:
        notes = tuple(c for c in notes if c != MT_NOTE)
    if reviewed:
        return replace(msg, msgstr=target, flags=tuple(f for f in msg.flags if f != FUZZY),
                       extracted_comments=notes, previous_msgid=None, previous_msgctxt=None)
    flags = msg.flags if msg.fuzzy else (FUZZY, *msg.flags)
    return replace(msg, msgstr=target, flags=flags, extracted_comments=notes)


class Imported(NamedTuple):
    catalog: Catalog
    changed: int  # entries changed
    findings: tuple[Finding, ...] = ()  # translations an empty <target> cleared


def import_catalog(catalog: Catalog, data: bytes, shown: str, original: str | None = None,
                   others: Collection[str] = ()) -> Imported:
    """The catalog with the XLIFF's translations, how many entries changed, and a warning per
    translation an explicitly empty target cleared, unit whose English the catalog no longer
    has (not applied) or entry changed on both sides (the catalog's kept). Raises
    InputError, naming the file and unit, for anything that does not fit the catalog, or for a
    file exported from another catalog than ``original`` (when given)."""
    version = _VERSION_2.search(data[:4096])
    if version is not None:  # Translate Toolkit would name its own XLIFF 2 class as the fix
        raise InputError(CHECK, f"XLIFF {version.group(1).decode()} is not read: units came "
                         "back in another version than xliff-export wrote", shown,
                         data.count(b"\n", 0, version.start()) + 1, 0,
                         "export the file from the CAT tool as XLIFF 1.2, as it was sent")
    try:
        store: Any = _store_class()(data)
    except Exception as exc:  # a vendor's file: any failure to read it is reported, not raised
        from pipeline.xliff.unreadable import reason

        what, line = reason(data, exc)
        raise InputError(CHECK, f"unreadable XLIFF: {what}", shown, line, 0,
                         "send back the .xlf as the CAT tool exported it") from None
    for node in store.document.getroot().iterchildren(store.namespaced("file")):
        said = file_language(node, *map(store.namespaced, ("trans-unit", "source")))
        problem = original and named(node.get("original") or "", original, said,
                                     catalog.header_value("Language"), others)
        if problem:  # ``others``: the tree's catalogs, one more a short name ends says neither
            raise _refuse(shown, node, problem, "import each .xlf at the path xliff-export "
                          "wrote it to, its original the catalog's path (fr-FR/a.po)")
    index = {unit_id(m.msgctxt, m.msgid): n for n, m in enumerate(catalog.messages)
             if not m.obsolete}
    messages = list(catalog.messages)
    seen: set[str] = set()
    claimed: set[int] = set()  # the entries a unit stands for
    touched: set[int] = set()  # the entries changed
    cleared: list[Finding] = []
    stale: list[tuple[str, str | None, int]] = []  # units whose English the catalog lacks
    kept: list[tuple[str | None, str, str]] = []  # their (context, English, vendor's text)
    for unit in (u for u in store.units if not is_po_header(u.xmlelement)):
        element = unit.xmlelement
        uid = element.get("id")
        if uid and uid in seen:  # a tool that writes none: each found by its English
            raise _refuse(shown, element, "a second unit with this id", "keep one of the two")
        seen.add(uid)
        source = _text(unit, "source", shown)
        n = index.get(uid)
        if n is None:  # a tool that numbers units its own way: the unit's English finds it
            n = index.get(unit_id(_context(unit), source or ""))
        renumbered = restored = False
        if n is None and _context(unit) is None:  # po2xliff drops msgctxt, keeps the #. lines
            n = by_named_context(messages, (source or "").__eq__, named_contexts(element),
                                 claimed)
            restored = n is not None
        if n is None:  # a new handoff gave its entry another segment id: the same English
            n = moved(messages, _context(unit), source or "", element.get(BASE), _state,
                      claimed)
            renumbered = n is not None
        if n is None:  # its English left the catalog since the export: the rest still fits
            target = _text(unit, "target", shown)
            base = element.get(BASE)
            if target and not blank(target, source or "") and not (
                    base is not None and base == _base(target, _reviewed(unit))):
                # the vendor's work on English that changed since: kept, never dropped
                stale.append((f"unit {uid!r}", source, int(element.sourceline or 0)))
                kept.append((_context(unit), source or "", target))
            continue
        if n in claimed:
            raise _refuse(shown, element, "a second unit for the catalog's entry "
                          f"{_short(messages[n].msgid)}", "keep one of the two")
        claimed.add(n)
        msg = messages[n]
        if source != msg.msgid:
            raise _refuse(shown, element, f"its source {_short(source)} does not match the "
                          f"catalog's msgid {_short(msg.msgid)}",
                          "the English cannot be changed in the XLIFF; export again")
        context = _context(unit)
        if context is None and (restored or index.get(uid) == n):
            context = msg.msgctxt  # a tool dropped the context group: the id still holds it
        if context != msg.msgctxt and not renumbered:
            raise _refuse(shown, element, f"its context {_short(context)} does not match the "
                          f"catalog's msgctxt {_short(msg.msgctxt)}", "export again")
        noted = with_notes(msg, returned_notes(element))
        if noted is not msg:  # a comment the translator wrote in the CAT tool
            messages[n] = msg = noted
            touched.add(n)
        target = _text(unit, "target", shown)
        if target is None:  # a unit the CAT tool did not touch, or left without a target
            continue
        reviewed = _reviewed(unit)
        line = int(element.sourceline or 0)
        node = next(element.iterchildren(unit.namespaced("target")), None)
        if blank(target, msg.msgid) or unfilled(node, target):  # the catalog's text stands
            if msg.msgstr and target != msg.msgstr:
                cleared.append(Finding(
                    INCOMPLETE, Severity.WARNING, f"unit {uid!r}: its <target> shows nothing "
                    f"{_short(target)}, no translation: the catalog's {_short(msg.msgstr)} "
                    "stays", shown, line, 0, None, "translate the unit, or send back an empty "
                    "<target/> to clear the translation"))
            continue
        missing = untranslated_segments(element, node)
        if missing and target.strip() != msg.msgstr.strip():  # a new text, part of one
            reviewed, whole = False, msg.reviewed and bool(msg.msgstr)  # nor a reviewed one
            cleared.append(Finding(INCOMPLETE, Severity.WARNING, f"unit {uid!r}: "
                                   + left_out(missing, whole), shown, line, 0, None,
                                   LEFT_OUT_HINT))
            if whole:  # the reviewed text stays; the vendor's part of one is kept beside it
                touched.update([n] if keep_beside(messages, n, target, PART) else [])
                continue
        base = element.get(BASE)
        if copied_english(target, msg, reviewed, base):
            continue  # a tool's copy of the English in a unit exported untranslated
        if base is not None and base == _base(target, reviewed):
            continue  # back as it left: the catalog's text stands, changed since or not
        if _both_changed(msg, base, target, reviewed):
            # changed on both sides: the catalog's stands, the vendor's is kept beside it
            other = bool(target) and target != msg.msgstr  # else nothing of the vendor's
            if other and keep_beside(messages, n, target):
                touched.add(n)
            how = ("may have changed since the export (the unit came back without the "
                   "export's record, and the entry is not as its handoff delivered it)"
                   ) if base is None else "was reviewed since the export" if base in (
                _base(msg.msgstr, True), _base(msg.msgstr, False)) else "changed since the export"
            did = (f"changed it to {_short(target)}" if other else "left it unreviewed"
                   if target else "emptied it")
            cleared.append(Finding(
                CONFLICT, Severity.WARNING, f"unit {uid!r}: the catalog's entry for "
                f"{_short(msg.msgid)} {how}, and the vendor {did}"
                + f": the catalog's {_short(msg.msgstr)} was kept"
                + (", the vendor's in a # comment of the entry" if other else ""), shown,
                line, 0, None,
                "compare the two, and put the right one in the catalog"))
            continue
        new = updated(msg, target, reviewed)
        if new != msg:
            messages[n] = new
            touched.add(n)
            if not target:
                cleared.append(Finding(
                    CLEARED, Severity.WARNING, f"unit {uid!r}: its empty <target> cleared the "
                    f"translation {_short(msg.msgstr)} of {_short(msg.msgid)}", shown,
                    line, 0, None, "if that was not meant, translate "
                    "the unit again, or restore the catalog from version control"))
    active = {m.msgid for m in catalog.messages if not m.obsolete}
    if stale and not claimed and not any(source in active for _, source, _ in stale):
        # not one unit fits, nor has its English here: the wrong file, or one from long ago
        name, source, line = stale[0]
        raise InputError(CHECK, f"no unit of the file has its English in the catalog (the "
                         f"first, {name}: {_short(source)}); nothing applied", shown, line, 0,
                         "import the file exported from the catalog as it is now, or export "
                         "the catalog again")
    for (name, _, line), (context, english, target) in zip(stale, kept, strict=True):
        where = keep_stale(messages, context, english, target)
        if where[0] >= 0:
            touched.add(where[0])
        cleared.append(Finding(
            STALE, Severity.WARNING, f"{name}: {why_stale(messages, english)}: the vendor's "
            f"{_short(target)} was kept {where[1]}", shown, line, 0, None,
            "review it in the catalog; export the catalog again for the new English"))
    return Imported(replace(catalog, messages=tuple(messages)), len(touched), tuple(cleared))


# The root's own version attribute: one with a prefix (``its:version``) is another standard's.
_VERSION_2 = re.compile(
    rb"<(?:\w+:)?xliff\b[^>]*?\sversion\s*=\s*[\"']([2-9][.\d]*)[\"']")


