"""TMX 1.4, the exchange format of translation memories (memoQ, Trados, OmegaT, Poedit's TM).

Export: one ``<tu>`` per English and translation of a locale's memory, English first, best
translation first, with what the memory knows as properties: ``x-pipeline-status`` (reviewed
or unreviewed), ``x-pipeline-reviewed`` and ``x-pipeline-entries`` (how many catalog entries
hold it reviewed, and at all), ``x-pipeline-origin`` (the first article holding it). No
dates: the same catalogs give the same bytes.

Import: each ``<tu>`` with an English ``<tuv>`` (the header's ``srclang``, else ``en``; a
source language other than English is an error) and one in the locale (the same language and
region, or the bare language; a retired code such as Java's ``iw`` is its language) gives a
row, the closest tag of each winning (``en-US`` among the regions of ``en``); inline
codes (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``) give back their native text. A unit is
reviewed unless it says ``x-pipeline-status`` unreviewed (in any case, and as Trados writes
its fields back: ``x-pipeline-status:SingleString``). An unreadable file is an InputError
naming its line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.checks.inputs import TOO_LARGE
from pipeline.findings import InputError
from pipeline.locale_names import SAME_LANGUAGE
from pipeline.memory.index import Index
from pipeline.memory.rows import Row

CHECK = "tm-file"
SOURCE_LANGUAGE = "en-US"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_shown(text: str) -> str:
    """``text`` with what XML 1.0 cannot carry (control characters in a file name) written as
    Python writes it in a string (``\\x1b``): for what a vendor reads, never reads back."""
    return _NOT_XML.sub(lambda m: repr(m.group())[1:-1], text)


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
                ("x-pipeline-origin", xml_shown(choice.origin)),  # a catalog's name
            ):
                prop = etree.SubElement(tu, "prop", type=name)
                prop.text = value
            for lang, text in ((SOURCE_LANGUAGE, source), (locale, choice.target)):
                tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


def _tag(lang: str) -> str:
    language, dash, rest = lang.strip().lower().replace("_", "-").partition("-")
    return SAME_LANGUAGE.get(language, language) + dash + rest


def _closeness(lang: str, wanted: str, *preferred: str) -> int | None:
    """How well ``lang`` names ``wanted``: 0 the same tag, then each of ``preferred`` (a
    region among the bare language's), then the bare language of the other (a TMX says ``en``
    where the catalogs say ``en-US``, ``fr-FR`` where a locale is ``fr``); None: another
    language or region."""
    a, b = _tag(lang), _tag(wanted)
    if a == b:
        return 0
    for n, other in enumerate(preferred, 1):
        if a == _tag(other) and _tag(other).split("-")[0] == b:
            return n
    if a == b.split("-")[0] or b == a.split("-")[0]:
        return len(preferred) + 1
    return None


def _text(seg: Any) -> str:
    """A seg's text with its inline codes' native text in place (``<sub>`` flows left out)."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in ("ph", "bpt", "ept", "it", "ut", "hi"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s*)?([^\s>]*)")
_NO_ENTITIES = "give the TMX file as the CAT tool exported it: a TMX declares no entities"


def _entities(data: bytes, shown: str) -> None:
    """A TMX declares no entities (CAT tools write none): a declaration is an entity bomb or
    a reference to another file, refused at its line rather than expanded or silently
    dropped. Before parsing, so that a bomb is named as one, at its line."""
    found = _ENTITY.search(data)
    if found is not None:
        name = found.group(1).decode("ascii", "replace")
        raise InputError(CHECK, f"declares the entity {name!r}: entities are not read", shown,
                         data.count(b"\n", 0, found.start()) + 1, 0, _NO_ENTITIES)


def read(data: bytes, locale: str, shown: str) -> list[Row]:
    """The rows of a TMX for ``locale``. Read as a stream, each ``<tu>`` let go once read: a
    vendor's memory of a few hundred thousand units would take gigabytes as one tree."""
    from lxml import etree

    _entities(data, shown)
    context = etree.iterparse(
        io.BytesIO(data), events=("end",), resolve_entities=False, no_network=True,
        huge_tree=False, remove_comments=True, remove_pis=True, load_dtd=False)
    root: Any = None
    srclang: str | None = None
    at = 0  # the header's line, where a source language problem is named
    rows: list[Row] = []
    units = english = 0
    header: Any = None  # the header, once the parser has read it (its end met)
    try:
        for _, el in context:
            if root is None:  # what the file is, once its root has started
                root = el.getroottree().getroot()
                _root(root, shown)
            if el.tag == "header" and el.getparent() is root and header is None:
                header = el
                if srclang is not None:  # one after the body: its units were read as English
                    _source_language(el, shown)  # (one that says otherwise is refused)
                continue
            if el.tag != "tu":
                continue
            parent = el.getparent()
            if parent is None or parent.tag != "body" or parent.getparent() is not root:
                continue
            units += 1
            if srclang is None:  # the header, if one came before the body; not one the
                # parser has read ahead of the events (how far it reads depends on the size)
                srclang, at = _source_language(header, shown)
            found = _unit(el, srclang, locale)
            english += found is not None
            if found is not None and found[0] and found[1]:
                rows.append(found)
            el.clear()  # let the unit go, and the ones read before it
            while el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(CHECK, f"unreadable TMX: {exc.msg}", shown, exc.lineno or 1, 0,
                         "give a TMX file as the CAT tool exported it") from None
    if root is None:  # an empty file (a parser that read anything else has raised already)
        raise InputError(CHECK, "unreadable TMX: the file is empty", shown, 1, 0,
                         "give a TMX file as the CAT tool exported it")
    if srclang is None:  # no unit: nothing to read, but the header is still checked
        srclang, at = _source_language(root.find("header"), shown)
    if units and not english:  # a source language the file never uses: every unit lost
        raise InputError(CHECK, f"none of its {units} <tu> has a <tuv> in its source language "
                         f"{srclang!r}", shown, at, 0,
                         "set the header's srclang to the language of the English <tuv>s")
    return rows


def _root(root: Any, shown: str) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    declared = [] if dtd is None else [e.name for e in dtd.iterentities()]
    if declared:  # (a UTF-16 file the byte search cannot see)
        raise InputError(CHECK, f"declares the entity {declared[0]!r}: entities are not read",
                         shown, 1, 0, _NO_ENTITIES)
    if root.tag != "tmx":
        raise InputError(CHECK, f"not TMX: the root element is <{root.tag}>", shown,
                         root.sourceline or 0, 0, "give a TMX 1.4 file")
    version = root.get("version")
    if version is not None and not re.fullmatch(r"1\.[1-4][a-z]?", version.strip()):
        raise InputError(CHECK, f"TMX version {version!r} is not one this reader knows (1.1 to "
                         "1.4)", shown, root.sourceline or 0, 0,
                         "export the memory as TMX 1.4")


def _source_language(header: Any, shown: str) -> tuple[str, int]:
    """The header's source language (English where it names none), and the header's line."""
    srclang = (header.get("srclang") if header is not None else None) or "en"
    if srclang == "*all*":
        srclang = "en"
    at = header.sourceline if header is not None else 0
    if _tag(srclang).split("-")[0] != "en":  # the memory maps English to translations
        raise InputError(CHECK, f"its source language {srclang!r} is not English", shown, at,
                         0, "export the memory with English (en-US) as its source language")
    return srclang, at


def _property(kind: str) -> str:
    """A ``<prop>``'s name as the tool that wrote it meant it: Trados names a TM field
    ``x-<name>:<field type>`` (``x-pipeline-status:SingleString`` once our TMX went through
    its memory), other tools ``x-<name>`` or ``<name>``; names are not case-sensitive."""
    name = kind.rpartition(":")[0] if ":" in kind else kind
    name = name.strip().lower()
    while name.startswith("x-"):
        name = name[2:]
    return name


def _unit(tu: Any, srclang: str, locale: str) -> Row | None:
    """A unit's row: its English and the locale's text; None when it has no English."""
    status = next(((p.text or "").strip().lower() for p in tu.iterfind("prop")
                   if _property(p.get("type") or "") == "pipeline-status"), None)
    source = target = None  # (closeness, seg): the closest tuv of each language
    for tuv in tu.iterfind("tuv"):
        lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("seg")
        if seg is None:
            continue
        rank = _closeness(lang, srclang, SOURCE_LANGUAGE)
        wanted = _closeness(lang, locale)
        if rank is not None and wanted != 0:  # the locale's own tag is never the English,
            if source is None or rank < source[0]:  # be the locale en-GB and srclang en
                source = (rank, seg)
            continue
        if wanted is not None and (target is None or wanted < target[0]):
            target = (wanted, seg)
    if source is None:
        return None
    target_text = _text(target[1]) if target is not None else ""
    return (_text(source[1]), target_text, status != "unreviewed")


def read_file(path: Path, locale: str, limit: int) -> list[Row]:
    from pipeline.io import read_bytes

    shown = str(path)
    try:
        data = read_bytes(path, limit, shown)
    except InputError as exc:  # too large, or no regular file: said as the memory's problem
        too_large = exc.finding.check == TOO_LARGE.id
        raise InputError(CHECK, exc.finding.message, shown, 0, 0, (
            "raise max-file-size in [tool.pipeline] for a memory this large, or export it in "
            "parts") if too_large else exc.finding.hint) from None
    except OSError as exc:
        raise InputError(CHECK, f"cannot read: {exc.strerror}", shown, 0, 0,
                         "check the path given with --tm or the tm setting") from None
    return read(data, locale, shown)


def rows_of(files: Iterable[Path], locale: str, limit: int) -> list[tuple[str, list[Row]]]:
    """(origin, rows) of each TMX file for the locale; raises InputError for a broken one."""
    return [(f"tmx:{path.name}", read_file(path, locale, limit)) for path in files]


def other_languages(path: Path, locale: str, limit: int) -> list[str]:
    """The languages of ``path``'s units an export of ``locale`` written over it would drop:
    the ones neither English nor the locale, and of several tags of either (``fr-FR`` and
    ``fr``), all but the one a unit's reading keeps (``_unit``). [] for a file that cannot be
    read (its reading as a memory says why)."""
    from lxml import etree

    from pipeline.io import read_bytes

    try:
        data = read_bytes(path, limit, str(path))
        tags = etree.iterparse(io.BytesIO(data), events=("end",), tag=("header", "tuv"),
                               resolve_entities=False, no_network=True, load_dtd=False)
        srclang, langs = "en", set()
        for _, el in tags:
            if el.tag == "header":  # as the reading takes it (``*all*`` is English)
                srclang = _source_language(el, str(path))[0]
            else:
                langs.add(el.get(_XML_LANG) or el.get("lang") or "")
            el.clear()
    except (OSError, InputError, etree.XMLSyntaxError):
        return []
    english: dict[str, tuple[int, str]] = {}
    own: dict[str, tuple[int, str]] = {}
    others = set()
    for lang in sorted(langs):  # the first spelling of a tag named: the same each run
        rank, wanted = _closeness(lang, srclang, SOURCE_LANGUAGE), _closeness(lang, locale)
        if rank is not None and wanted != 0:
            english.setdefault(_tag(lang), (rank, lang))
        elif wanted is not None:
            own.setdefault(_tag(lang), (wanted, lang))
        else:
            others.add(lang)
    for slot in (english, own):  # a unit keeps the closest of each: the rest are dropped
        others.update(lang for _, lang in sorted(slot.values())[1:])
    return sorted(others)
