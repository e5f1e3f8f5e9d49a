"""A returned package back into the catalogs (``handoff-import``), with ``xliff-import``'s
guarantees: only msgstr and the review state of the returned entries change (and a translator's
notes are added to their ``#`` comments, none taken away), a catalog is
rewritten only when one did, and a file that does not fit is refused whole.

A unit is applied when its translation is the vendor's work:

- XLIFF: its ``<target>`` differs from the English copy the package held, or the unit says it
  is done (``approved="yes"``, or state ``translated``, ``signed-off``, ``final``). It is taken
  as reviewed (the vendor's delivery is the review: OmegaT, for one, never sets ``approved``
  and keeps the package's ``state``), unless the unit says otherwise (``approved="no"``, or a
  state other than the package's ``needs-translation`` and the done ones: ``needs-review-*``,
  ``new``, ``needs-l10n``, a tool's own), when it stays fuzzy; so does a target that is a
  suggestion of the unit (the package's ``alt-trans`` below 100 %, or an exact memory match
  of text nobody reviewed, or one a tool added, codes and all) copied in, unless the unit
  says it is done; and a target a tool segmented that leaves a sentence out
  (``xliff.segments``). ``<x/>`` codes become the catalog English's own
  markup again, byte for byte.
- PO: its msgstr or fuzzy flag differs from the package's; clearing the fuzzy flag is the
  review, as in any catalog.

A unit without a translation (or a target that shows nothing) changes nothing. A unit whose
English is no longer in the catalog (the English changed since the export) is kept as ``xliff-
import`` keeps one (an XLIFF unit's English and text read through its codes' own markup, or
else not applied) and is reported, as is one whose entry was translated in the catalog since
the export (``work.base``): a translator's text is never overwritten. A file whose XML or PO
cannot be read, whose units' English does not match the catalog, or that holds markup other
than the package's codes, is refused whole.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from pipeline.catalog import Catalog, Message, parse_po_bytes
from pipeline.checks.sync import foreign_locale
from pipeline.findings import Finding, InputError, Severity
from pipeline.handoff import codes
from pipeline.handoff.package import BASE_NOTE, HANDOFF_NOTE, TARGET_STATE
from pipeline.handoff.work import CATEGORIES, base
from pipeline.memory.rows import provenance, without_provenance
from pipeline.provenance import as_delivered, recorded
from pipeline.xliff.review import is_po_header, unreviewed, work_remains
from pipeline.xliff.segments import LEFT_OUT_HINT, blank, left_out, untranslated_segments
from pipeline.xliff.stale import keep_beside, moved, why_stale, with_kept
from pipeline.xliff.stale import short as _short

CHECK = "handoff"
STALE = "handoff-stale"
CONFLICT = "handoff-conflict"
INCOMPLETE = "handoff-incomplete"  # a segmented target that leaves a segment untranslated
DONE_STATES = frozenset({"translated", "signed-off", "final"})


@dataclass(frozen=True, slots=True)
class Returned:
    """One unit as it came back."""

    index: int  # of its entry in the catalog; -1: the English is no longer there
    name: str  # the unit id or the English, for messages
    line: int
    target: str | None  # None: no translation
    reviewed: bool
    base: str | None
    notes: tuple[str, ...] = ()  # the translator's comments it came back with
    # a returned PO entry's own English and context: where the catalog no longer has that
    # English, the vendor's text is kept all the same (``xliff._keep_stale``)
    english: tuple[str | None, str] | None = None
    missing: tuple[str, ...] = ()  # segments a segmented target leaves untranslated


def _refuse(shown: str, line: int, message: str, hint: str) -> InputError:
    return InputError(CHECK, message, shown, line, 0, hint)


def read_xliff(catalog: Catalog, data: bytes, shown: str, original: str,
               others: Collection[str] = ()) -> list[Returned]:
    from lxml import etree  # type: ignore[import-untyped]

    from pipeline.xliff import returned_notes, unit_id
    from pipeline.xliff.original import file_language, named

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(shown, exc.lineno or 0, f"unreadable XLIFF: {exc.msg}",
                      "send back the .xlf as the CAT tool wrote it") from None
    q = f"{{{codes.NAMESPACE}}}"
    if root.tag != q + "xliff":
        raise _refuse(shown, root.sourceline or 0, "not an XLIFF 1.2 file of this package",
                      "import the package's own .xlf files")
    language = catalog.header_value("Language")
    for file in root.iterfind(q + "file"):
        problem = named(file.get("original") or "", original,
                        file_language(file, q + "trans-unit", q + "source"), language, others)
        if problem is not None:
            raise _refuse(shown, file.sourceline or 0, problem,
                          "keep the folders and names of the package")
    index = {unit_id(m.msgctxt, m.msgid): n for n, m in enumerate(catalog.messages)
             if not m.obsolete}
    out: list[Returned] = []
    seen: set[str] = set()
    claimed: set[int] = set()  # the entries a unit stands for
    shapes: dict[tuple[str | None, str], int] = {}  # made at the first unit that needs it
    for unit in (u for u in root.iter(q + "trans-unit") if not is_po_header(u)):
        uid = unit.get("id") or ""
        line = unit.sourceline or 0
        if uid and uid in seen:  # a tool that writes none: each found by its English
            raise _refuse(shown, line, f"unit {uid!r}: a second unit with this id",
                          "keep one of the two")
        seen.add(uid)
        n = index.get(uid, -1)
        if n < 0:  # a CAT tool that numbers units its own way: the unit's English finds it
            n = _by_english(unit, q, catalog, shapes)
        back = _read_back(unit, q) if n < 0 else None
        if back is not None:  # the codes' own markup tells English that differs inside a
            n = index.get(unit_id(*back[:2]), -1)  # code only (`alpha`, `beta`) apart
        base_value = next((c.text or "" for c in unit.iter(q + "context")
                           if c.get("context-type") == "x-pipeline-base"), None)
        if n < 0:  # its English changed since: the vendor's text is kept all the same
            returned = Returned(-1, uid, line, None, False, base_value)
            # read back, a unit left as the package had it keeps nothing and says nothing
            out.append(returned if back is None else replace(
                returned, target=back[2], english=back[:2]))
            continue
        msg = catalog.messages[n]
        if n in claimed:  # which of the two is the vendor's? (xliff-import refuses it too)
            raise _refuse(shown, line, f"unit {uid!r}: a second unit for the catalog's entry "
                          f"{_short(msg.msgid)}", "keep one of the two")
        claimed.add(n)
        source_codes = codes.codes(msg.msgid)
        try:
            source_el = unit.find(q + "source")
            source = None if source_el is None else codes.text_of(source_el, source_codes)
            if source != msg.msgid:
                raise codes.CodeError("its source does not match the catalog's English")
            target_el = unit.find(q + "target")
            if len(unit.findall(q + "target")) > 1:  # XLIFF 1.2 allows one: which is meant?
                raise codes.CodeError("it holds more than one <target>; keep one in the unit")
            target = None if target_el is None else codes.text_of(target_el, source_codes)
        except codes.CodeError as exc:
            raise _refuse(shown, line, f"unit {uid!r}: {exc}", "keep the source as it was "
                          "and the tags of the target as the source's") from None
        if target is not None and blank(target, msg.msgid):
            target = None  # shows nothing: no translation, as an untouched unit
        state = target_el.get("state") if target_el is not None else None
        approved = unit.get("approved")
        doubted = unreviewed(target_el, approved)  # rejected, or a machine's or memory's
        done = (approved == "yes" or state in DONE_STATES) and not doubted and (  # suggestion
            not work_remains(state, TARGET_STATE))  # approved="yes" beside state="new": not
        # a segment still the package's copy of the English is untranslated too, unless the
        # unit says it is done (a name kept English)
        missing = untranslated_segments(unit, target_el, not done) if target and (
            target.strip() != msg.msgstr.strip()) else ()  # the catalog's text: no news
        if target is not None and not done and (
                target == msg.msgid or (target == msg.msgstr and msg.reviewed)):
            # the package's copy of the English, untouched; or a reviewed entry's own text (a
            # held-back translation OmegaT filled in from the package), not confirmed
            target = None
        # the package's own state (OmegaT keeps it) or none says nothing; any other but a
        # done one is the tool's word that work remains (new, needs-l10n, needs-review-*, a
        # custom x-… draft); part of the translation is never reviewed either
        reviewed = approved != "no" and not work_remains(state, TARGET_STATE) and (
            not doubted) and not missing
        if reviewed and not done and target is not None and target in _suggested(
                unit, q, source_codes) - ({msg.msgstr} if _reviewed_match(msg) else set()):
            # the package's own suggestion copied in (a pre-translation step), and nothing
            # says it is done: a suggestion still, never published as reviewed
            reviewed = False
        notes = tuple(x for x in returned_notes(unit) if not _package_note(x, original))
        out.append(Returned(n, uid, line, target or None, reviewed, base_value, notes,
                            missing=missing))
    return _fitting(out, shown)


def read_po(catalog: Catalog, data: bytes, shown: str, locale: str = "") -> list[Returned]:
    """The units of a returned PO package file of ``locale``'s folder; raises InputError,
    the file refused whole, when it cannot be read or its Language header names another
    locale's (another vendor's file unpacked into this folder: the same English fits)."""
    try:
        returned = parse_po_bytes(data, shown)
    except InputError as exc:  # refused whole; the hint was a catalog's (restore it from git)
        f = exc.finding
        raise InputError(CHECK, f"unreadable PO file: {f.message}; nothing of this file was "
                         "imported", shown, f.line, f.column, "fix it in a PO editor (msgfmt -c "
                         "names each problem), or have it sent back as the package wrote it; "
                         "the catalog is untouched") from None
    wrong = foreign_locale(returned, data, locale, shown)
    if wrong:
        said = returned.header_value("Language")
        raise InputError(
            wrong[0].check, f"the file's Language header says {said!r}, but it is in "
            f"the package's {locale!r} folder: another locale's file? Its translations would "
            f"be imported as {locale}'s, so nothing of it was", shown,
            wrong[0].line, 1,
            f"if it is another locale's, import it from that locale's folder of its package; "
            f"if it is {locale}'s, correct its Language header")
    index = {m.key: n for n, m in enumerate(catalog.messages) if not m.obsolete}
    out: list[Returned] = []
    claimed = {index[m.key] for m in returned.messages if not m.obsolete and m.key in index}
    for msg in returned.messages:
        if msg.obsolete:
            continue
        notes = msg.extracted_comments
        base_value = next((c[len(BASE_NOTE):] for c in notes if c.startswith(BASE_NOTE)), None)
        n = index.get(msg.key, -1)
        if n < 0:  # a new handoff gave the entry another segment id: the same English
            found = moved(catalog.messages, msg.msgctxt, msg.msgid, base_value, base, claimed)
            if found is not None:
                n = found
                claimed.add(n)
        clean = replace(msg, extracted_comments=tuple(
            c for c in notes if not c.startswith((BASE_NOTE, HANDOFF_NOTE))))
        unchanged = base_value is not None and base(clean) == base_value
        # a msgstr that shows nothing is no translation, as an XLIFF target's
        target = None if unchanged or not msg.msgstr or blank(msg.msgstr, msg.msgid) \
            else msg.msgstr
        out.append(Returned(n, msg.msgid, msg.line, target, not msg.fuzzy, base_value,
                            msg.translator_comments, (msg.msgctxt, msg.msgid)))
    return _fitting(out, shown)


def _fitting(units: list[Returned], shown: str) -> list[Returned]:
    """``units``, unless not one of them has an entry in the catalog: then the file is not
    this catalog's as it is now (or its English all changed since), and it is refused."""
    if units and all(u.index < 0 for u in units):
        raise _refuse(shown, units[0].line, f"no unit of the file has its English in the "
                      f"catalog (the first: {_short(units[0].name)}); nothing applied",
                      "import the package made from the catalogs as they are now, or make "
                      "a new package")
    return units


def apply(catalog: Catalog, units: list[Returned], shown: str
          ) -> tuple[Catalog, int, list[Finding]]:
    """The catalog with the vendor's translations, how many entries changed, and the units
    not applied (English changed, or translated in the catalog since the export)."""
    from pipeline.xliff import keep_stale, updated, with_notes

    messages = list(catalog.messages)
    touched: set[int] = set()  # the entries changed
    notes: list[Finding] = []
    for unit in units:
        if unit.index < 0 and unit.english is not None:
            if unit.target:  # else nothing the vendor did is lost: nothing to say
                where = keep_stale(messages, *unit.english, unit.target)
                if where[0] >= 0:
                    touched.add(where[0])
                notes.append(Finding(
                    STALE, Severity.WARNING, f"unit {_short(unit.name)}: "
                    f"{why_stale(messages, unit.english[1])}: the vendor's "
                    f"{_short(unit.target)} was kept {where[1]}", shown, unit.line, 0, None,
                    "review it in the catalog; send the entry again in the next package"))
            continue
        if unit.index < 0:
            notes.append(Finding(
                STALE, Severity.WARNING, f"unit {_short(unit.name)}: its English is no longer "
                "in the catalog (changed since the export); not applied", shown, unit.line, 0,
                None, "send the entry again in the next package"))
            continue
        msg = messages[unit.index]
        noted = with_notes(msg, list(unit.notes))
        if noted is not msg:  # a comment the translator wrote: kept, whatever the target
            messages[unit.index] = msg = noted
            touched.add(unit.index)
        if unit.target is None:
            continue
        if unit.missing:
            notes.append(Finding(INCOMPLETE, Severity.WARNING, f"unit {_short(unit.name)}: "
                                 + left_out(unit.missing), shown, unit.line, 0, None,
                                 LEFT_OUT_HINT))
        # changed since the export, and not known to be a machine's (a newer MT handoff's
        # text as its record says it was delivered): the catalog's text stands, whoever
        # wrote it (a draft and a memory's fill have no record to tell them apart), and the
        # vendor's is kept beside it; nothing is lost either way. An emptied entry takes it
        # (a unit whose record of the export a tool dropped may have changed since: the
        # same, where the vendor's text is not the catalog's)
        changed = (base(msg) != unit.base if unit.base is not None
                   else unit.target != msg.msgstr) and msg.msgstr and (
            msg.reviewed or not as_delivered(msg, recorded(msg)))
        if changed and unit.target == msg.msgstr:  # the vendor's own text, imported before:
            if msg.reviewed or not unit.reviewed:  # nothing to say, unless it comes back
                continue                           # reviewed (applied below)
        elif changed:
            other = bool(unit.target)
            if other and keep_beside(messages, unit.index, unit.target):
                touched.add(unit.index)
            why = ("translated in the catalog since the export" if unit.base is not None else
                   "the package has no record of the export (a tool dropped its notes), so "
                   "the catalog's text may be newer")
            notes.append(Finding(
                CONFLICT, Severity.WARNING, f"unit {_short(unit.name)}: {why}; the catalog's "
                "translation was kept" + (", the vendor's in a # comment of the entry"
                                          if other else ""), shown,
                unit.line, 0, None, "compare the two and keep the better one by hand"))
            continue
        if unit.target == msg.msgid and msg.msgstr not in ("", msg.msgid) and (
                msg.reviewed or not as_delivered(msg, recorded(msg))):
            # the English over a person's text: a CAT tool's "confirm" of the package's copy
            # of the English (nothing typed) reads as a name kept English. Applied, as the
            # vendor's word; the text it replaces stays where a reviewer finds it
            msg = with_kept(msg, "replaced by the English the vendor confirmed:", msg.msgstr)
            notes.append(Finding(
                CONFLICT, Severity.WARNING, f"unit {_short(unit.name)}: the English came "
                f"back as the translation, over the catalog's {_short(msg.msgstr)}"
                ", which was kept in a # comment of the entry", shown, unit.line, 0, None,
                "if the English was not meant, put the text of the comment back in msgstr"))
        new = updated(msg, unit.target, unit.reviewed)
        if new != msg and new.msgstr != msg.msgstr:  # the memory's note no longer applies
            new = replace(new, translator_comments=without_provenance(new.translator_comments))
        if new != msg:
            messages[unit.index] = new
            touched.add(unit.index)
    return replace(catalog, messages=tuple(messages)), len(touched), notes


def _read_back(unit: Any, q: str) -> tuple[str | None, str, str | None] | None:
    """The context and English of a unit no entry was found for, and the vendor's text (None
    where it is no translation: the package's copy of the English, white space), read through
    the codes' own markup (the ``equiv-text`` the package writes on each ``<x/>``); None where
    that cannot be read (a tool dropped the attribute, or a code is not the source's)."""
    source, target = unit.find(q + "source"), unit.find(q + "target")
    if source is None:
        return None
    xs = list(source.iter(codes.X))
    if [x.get("id") for x in xs] != [str(n) for n in range(1, len(xs) + 1)] or any(
            x.get("equiv-text") is None for x in xs):
        return None
    markup = [x.get("equiv-text") for x in xs]
    try:
        english = codes.text_of(source, markup)
        text = None if target is None else codes.text_of(target, markup)
    except codes.CodeError:
        return None
    context = next((c.text or "" for c in unit.iter(q + "context")
                    if c.get("context-type") == "x-po-msgctxt"), None)
    return context, english, None if not text or text == english or blank(text, english) \
        else text


def _package_note(line: str, original: str) -> bool:
    """The line is the package's own note (``Work.describe``: the category, what it is, the
    article), come back without the ``from="pipeline"`` that tells it apart (a tool or a
    clean-up script that drops the attribute): no translator's comment."""
    category, _, rest = line.partition(" | ")
    return category in CATEGORIES and rest.endswith(f" | article {original[:-3]}.md")


def _suggested(unit: Any, q: str, source_codes: list[str]) -> set[str]:
    """The texts of the unit's suggestions (``<alt-trans>``), their codes read as the
    target's are: the package's own, and those a tool adds (a machine's, a memory's) with the
    codes in them, exact matches too (a tool's memory's 100 % may be anyone's text)."""
    out = set()
    for alt in unit.iter(q + "alt-trans"):
        node = alt.find(q + "target")
        if node is None:
            continue
        try:
            out.add(codes.text_of(node, source_codes))
        except codes.CodeError:  # markup of its own: no target could be a copy of it
            continue
    return out


def _reviewed_match(msg: Message) -> bool:
    """The entry holds, as filled, an exact memory match of text reviewed elsewhere: the same
    English's reviewed translation, which a pre-translation step may copy in as done (that
    text only: a tool's own 100 % match of other text is a suggestion still). One of text
    nobody reviewed (machine translation, a draft) is a suggestion like any other."""
    found = provenance(msg)
    return found is not None and found.exact and found.reviewed


def _by_english(unit: Any, q: str, catalog: Catalog,
                shapes: dict[tuple[str | None, str], int]) -> int:
    """The active entry whose English and context the unit holds; -1 when none has."""
    if not shapes:
        for n, m in enumerate(catalog.messages):
            if not m.obsolete:  # two entries that differ only inside a code: neither (-1)
                k = (m.msgctxt, codes.shape(m.msgid))
                shapes[k] = -1 if k in shapes else n
    source = unit.find(q + "source")
    shape = None if source is None else codes.shape_of(source)
    context = next((c.text or "" for c in unit.iter(q + "context")
                    if c.get("context-type") == "x-po-msgctxt"), None)
    return -1 if shape is None else shapes.get((context, shape), -1)
