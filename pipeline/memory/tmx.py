"""TMX 1.4, the exchange format of translation memories (memoQ, Trados, OmegaT, Poedit's TM).

Export: one ``<tu>`` per English and translation of a locale's memory, English first, best
translation first, with what the memory knows as properties: ``x-pipeline-status`` (reviewed
or unreviewed), ``x-pipeline-reviewed`` and ``x-pipeline-entries`` (how many catalog entries
hold it reviewed, and at all), ``x-pipeline-origin`` (the first article holding it). No
dates: the same catalogs give the same bytes.

Import: each ``<tu>`` with an English ``<tuv>`` (the header's ``srclang``, else ``en``) and
one in the locale (the same language and region, or the bare language) gives a row; inline
codes (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``) give back their native text. A unit is
reviewed unless it says ``x-pipeline-status`` unreviewed. An unreadable file is an InputError
naming its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.findings import InputError
from pipeline.memory.index import Index
from pipeline.memory.rows import Row

CHECK = "tm-file"
SOURCE_LANGUAGE = "en-US"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def export(index: Index, locale: str, tool_version: str) -> bytes:
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "pipeline", "creationtoolversion": tool_version,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en-US",
        "srclang": SOURCE_LANGUAGE, "o-tmf": "pipeline-po",
    })
    body = etree.SubElement(root, "body")
    for source in sorted(index.choices):
        if _NOT_XML.search(source):
            continue  # XML 1.0 cannot carry it (a control character): left out
        for choice in index.choices[source]:
            if _NOT_XML.search(choice.target):
                continue
            tu = etree.SubElement(body, "tu")
            for name, value in (
                ("x-pipeline-status", "reviewed" if choice.reviewed else "unreviewed"),
                ("x-pipeline-reviewed", str(choice.reviewed)),
                ("x-pipeline-entries", str(choice.total)),
                ("x-pipeline-origin", choice.origin),
            ):
                prop = etree.SubElement(tu, "prop", type=name)
                prop.text = value
            for lang, text in ((SOURCE_LANGUAGE, source), (locale, choice.target)):
                tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


def _same_language(lang: str, locale: str) -> bool:
    """The same language and region, or one side is the bare language of the other: a TMX
    says ``en`` where the catalogs say ``en-US``, and ``fr-FR`` where a locale is ``fr``."""
    a, b = lang.lower().replace("_", "-"), locale.lower().replace("_", "-")
    return a == b or a == b.split("-")[0] or b == a.split("-")[0]


def _text(seg: Any) -> str:
    """A seg's text with its inline codes' native text in place (``<sub>`` flows left out)."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in ("ph", "bpt", "ept", "it", "ut", "hi"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read(data: bytes, locale: str, shown: str) -> list[Row]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(CHECK, f"unreadable TMX: {exc.msg}", shown, exc.lineno or 0, 0,
                         "give a TMX file as the CAT tool exported it") from None
    if root.tag != "tmx":
        raise InputError(CHECK, f"not TMX: the root element is <{root.tag}>", shown,
                         root.sourceline or 0, 0, "give a TMX 1.4 file")
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else None) or "en"
    if srclang == "*all*":
        srclang = "en"
    rows: list[Row] = []
    units = english = 0
    for tu in root.iterfind("body/tu"):
        units += 1
        status = next((p.text for p in tu.iterfind("prop")
                       if p.get("type") == "x-pipeline-status"), None)
        source = target = None
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is None:
                continue
            if source is None and _same_language(lang, srclang):
                source = _text(seg)
            elif target is None and _same_language(lang, locale):
                target = _text(seg)
        english += source is not None
        if source and target:
            rows.append((source, target, status != "unreviewed"))
    if units and not english:  # a source language the file never uses: every unit lost
        raise InputError(CHECK, f"none of its {units} <tu> has a <tuv> in its source language "
                         f"{srclang!r}", shown, header.sourceline if header is not None else 0,
                         0, "set the header's srclang to the language of the English <tuv>s")
    return rows


def read_file(path: Path, locale: str, limit: int) -> list[Row]:
    from pipeline.io import read_bytes

    shown = str(path)
    try:
        data = read_bytes(path, limit)
    except OSError as exc:
        raise InputError(CHECK, f"cannot read: {exc.strerror}", shown, 0, 0,
                         "check the path given with --tm or the tm setting") from None
    return read(data, locale, shown)


def rows_of(files: Iterable[Path], locale: str, limit: int) -> list[tuple[str, list[Row]]]:
    """(origin, rows) of each TMX file for the locale; raises InputError for a broken one."""
    return [(f"tmx:{path.name}", read_file(path, locale, limit)) for path in files]
