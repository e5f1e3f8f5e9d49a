"""A vendor package: for each catalog with entries needing work, an XLIFF 1.2 or PO file of
those entries alone, at ``<locale>/<path>.xlf`` (or ``.po``) as the catalog lies under the
locales root; the word counts per match category as ``wordcount.csv``; and, with XLIFF, the
suggestions (machine translation, memory matches, old translations) as a TMX for the CAT
tool's memory (``suggestions-<locale>.tmx``). Packages of several locales may share a folder:
the word counts keep the other locales' rows.

XLIFF units, written for OmegaT as much as for memoQ or Trados: ``<source>`` is the English
with its inline markup as ``<x/>`` codes (``codes``); ``<target state="needs-translation">``
is a copy of the source, which is what OmegaT translates (it takes the text of ``<target>``,
and never shows a unit without one); the entry's current translation, if any, is an
``<alt-trans>`` (origin ``tm``, ``mt``, ``previous`` or ``fuzzy``, with the match quality of a
memory match) and in the suggestions TMX; a note gives the category, provenance and article;
a context group keeps the msgctxt and the entry's state at export (``work.base``).

PO files hold the same entries as the catalog has them, with two ``#.`` notes: the handoff
line (category, provenance, article) and the state at export.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pipeline.catalog import Catalog, encode_po
from pipeline.findings import InputError
from pipeline.handoff import codes
from pipeline.handoff.work import CATEGORIES, Count, Work, base
from pipeline.memory.tmx import xml_shown
from pipeline.provenance import is_machine_translation

NS = codes.NAMESPACE
SOURCE_LANGUAGE = "en-US"
BASE_NOTE = "handoff-base: "
HANDOFF_NOTE = "handoff: "
TARGET_STATE = "needs-translation"  # each target's, the English copy: OmegaT keeps it as it is
_XML = "{http://www.w3.org/XML/1998/namespace}"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _origin(work: Work) -> str:
    msg = work.message
    if work.category == "to-fix":
        return "held-back"  # the reviewed translation the checks refused
    if work.similarity is not None:
        return "tm"
    if is_machine_translation(msg):
        return "mt"
    return "previous" if msg.previous_msgid is not None else "fuzzy"


def xliff(rel: str, locale: str, works: list[Work], shown: str, version: str) -> bytes:
    """The XLIFF 1.2 file of one catalog's work (``rel``: the catalog's path under the
    locales root). Raises InputError for text XML cannot carry."""
    from lxml import etree  # type: ignore[import-untyped]

    from pipeline.xliff import unit_id

    bad = _NOT_XML.search(rel)
    if bad is not None:  # <file original>, by which the import finds the catalog
        raise InputError("handoff", f"the file name holds U+{ord(bad.group()):04X}, which XLIFF "
                         "(XML 1.0) cannot carry", shown, 0, 0,
                         "rename the catalog and its article, or send this locale as PO")
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})
    file = etree.SubElement(root, _q("file"), original=rel, datatype="plaintext",
                            **{"source-language": SOURCE_LANGUAGE, "target-language": locale})
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), **{"tool-id": "pipeline", "tool-name": "pipeline",
                                             "tool-version": version})
    body = etree.SubElement(file, _q("body"))
    article = rel[:-3] + ".md"
    for work in works:
        msg = work.message
        for text in (msg.msgid, msg.msgstr, msg.msgctxt or "", msg.previous_msgid or ""):
            bad = _NOT_XML.search(text)
            if bad is not None:
                raise InputError("handoff", f"the entry holds U+{ord(bad.group()):04X}, which "
                                 "XLIFF (XML 1.0) cannot carry", shown, msg.line, 1,
                                 "send this locale as PO (--format po)")
        unit = etree.SubElement(body, _q("trans-unit"), id=unit_id(msg.msgctxt, msg.msgid),
                                **{f"{_XML}space": "preserve"})
        codes.fill_element(etree.SubElement(unit, _q("source")), msg.msgid)
        target = etree.SubElement(unit, _q("target"), state=TARGET_STATE)
        codes.fill_element(target, msg.msgid)
        if msg.msgstr:
            alt = etree.SubElement(unit, _q("alt-trans"), origin=_origin(work))
            if work.similarity is not None:
                alt.set("match-quality", str(work.similarity))
            etree.SubElement(alt, _q("source")).text = msg.previous_msgid or msg.msgid
            etree.SubElement(alt, _q("target")).text = msg.msgstr
        etree.SubElement(unit, _q("note"), {"from": "pipeline"}).text = xml_shown(
            work.describe(article))  # a TM match's origin: another catalog's name
        group = etree.SubElement(unit, _q("context-group"), name="x-pipeline",
                                 purpose="information")
        etree.SubElement(group, _q("context"), {"context-type": "x-pipeline-base"}).text = \
            base(msg)
        if msg.msgctxt is not None:
            etree.SubElement(group, _q("context"), {"context-type": "x-po-msgctxt"}).text = \
                msg.msgctxt
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


def po(catalog: Catalog, rel: str, works: list[Work]) -> bytes:
    article = rel[:-3] + ".md"
    messages = tuple(
        replace(w.message, extracted_comments=(
            *w.message.extracted_comments, HANDOFF_NOTE + w.describe(article),
            BASE_NOTE + base(w.message)))
        for w in works)
    return encode_po(replace(catalog, messages=messages))  # the charset the catalog declares


def suggestions_tmx(locale: str, works: list[Work], version: str) -> bytes:
    """The suggestions in OmegaT's form of the English (codes as ``<x0/>``), so that OmegaT
    offers each as a match of its unit."""
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "pipeline", "creationtoolversion": version, "datatype": "plaintext",
        "segtype": "paragraph", "adminlang": "en-US", "srclang": SOURCE_LANGUAGE,
        "o-tmf": "pipeline-handoff"})
    body = etree.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for work in works:
        msg = work.message
        if not msg.msgstr or _NOT_XML.search(msg.msgid + msg.msgstr):
            continue
        source_codes = codes.codes(msg.msgid)
        pair = (codes.omegat_form(msg.msgid, source_codes),
                codes.omegat_form(msg.msgstr, source_codes))
        if pair in seen:
            continue
        seen.add(pair)
        tu = etree.SubElement(body, "tu")
        etree.SubElement(tu, "prop", type="x-pipeline-category").text = work.category
        for lang, text in ((SOURCE_LANGUAGE, pair[0]), (locale, pair[1])):
            tuv = etree.SubElement(tu, "tuv", {f"{_XML}lang": lang})
            etree.SubElement(tuv, "seg").text = text
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


def other_locales(existing: bytes | None, folder: str, out: Path
                  ) -> list[tuple[str, dict[str, Count]]]:
    """The rows of an earlier ``wordcount.csv`` in ``out`` for the files of other locales'
    packages still there: a package of another locale written to the same folder keeps their
    counts (the rows of its own locale it writes anew). A file that cannot be read as ours
    keeps nothing."""
    import csv
    import io

    if not existing:
        return []
    try:
        rows = list(csv.reader(io.StringIO(existing.decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error):
        return []
    kept: dict[str, dict[str, Count]] = {}
    for row in rows[1:]:
        if len(row) != 4 or row[0] == "TOTAL" or row[1] not in CATEGORIES:
            continue
        rel, cat = row[0], row[1]
        if rel.split("/", 1)[0] == folder or not any(
                (out / (rel[:-3] + ext)).is_file() for ext in (".xlf", ".po")):
            continue
        try:
            kept.setdefault(rel, {})[cat] = Count(int(row[2]), int(row[3]))
        except ValueError:
            continue
    return list(kept.items())


def csv_rows(per_catalog: list[tuple[str, dict[str, Count]]]) -> str:
    """``file,category,segments,words`` per catalog and category, then the TOTAL rows."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "category", "segments", "words"])
    totals: dict[str, Count] = {}
    for rel, found in per_catalog:
        for cat in CATEGORIES:
            c = found.get(cat)
            if c is None:
                continue
            writer.writerow([rel, cat, c.segments, c.words])
            t = totals.get(cat, Count())
            totals[cat] = Count(t.segments + c.segments, t.words + c.words)
    for cat in CATEGORIES:
        t = totals.get(cat, Count())
        writer.writerow(["TOTAL", cat, t.segments, t.words])
    return out.getvalue()
