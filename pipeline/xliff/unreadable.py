"""Why an XLIFF file the reader refused cannot be read, in words a vendor can act on: the
reader's own message is often empty for a file that is well-formed XML but not the XLIFF 1.2
that ``xliff-export`` wrote."""

from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from pipeline.xliff.segments import marks_text

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
# an entity reference a DTD in the file defines: lxml keeps it unexpanded, and so do we
ENTITY = ("the entity reference {}, which is not read (only XML's &amp; &lt; &gt; &quot; "
          "&apos; and numeric references are)")
ENTITY_HINT = "write the character itself, or its numeric reference (&#160; for a no-break space)"


TOOL_MARK = ("<mrk mtype={!r}>, a mark of the CAT tool's own (tracked changes?) over text that "
             "may be no part of the translation")
TOOL_MARK_HINT = ("accept or reject the tracked changes in the CAT tool (or take its marks "
                  "out), then export the file again")


def reason(data: bytes, error: Exception) -> tuple[str, int]:
    """(what is wrong, its line; 0 when unknown) for a file the XLIFF reader refused with
    ``error``."""
    # lxml's own text, without the '(<string>, line 1)' its str() adds: the line is ours
    said = (getattr(error, "msg", None) or str(error)).strip()
    line = getattr(error, "lineno", 0) or 0
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return (said or getattr(exc, "msg", None) or "not well-formed XML",
                line or getattr(exc, "lineno", 0) or 0)
    where = root.sourceline or 1
    name = etree.QName(root)
    if name.localname != "xliff":
        return f"its root element is <{root.tag}>, not XLIFF's <xliff>", where
    if name.namespace not in (None, XLIFF_12):
        return f"its <xliff> is in the namespace {name.namespace!r}, not XLIFF 1.2's", where
    files = [child for child in root if isinstance(child.tag, str)
             and etree.QName(child).localname == "file"]
    if not files:
        return "it has no <file> element", where
    if etree.QName(files[0]).namespace != XLIFF_12:
        return (f"its <file> is not in XLIFF 1.2's namespace ({XLIFF_12}): a prefix declared "
                "on <xliff> alone does not reach the elements inside it",
                files[0].sourceline or where)
    return said or f"{type(error).__name__} while reading it", line


def not_text(node: Any, name: str) -> tuple[str, str]:
    """(what is wrong, what to do) for a ``<source>`` or ``<target>`` (``name``) that is not
    plain text: an entity reference (one the file's DTD defines; never expanded), else inline
    XLIFF markup."""
    for child in node.iter():
        if child.tag is etree.Entity:
            return f"its <{name}> holds {ENTITY.format(child.text)}", ENTITY_HINT
        if child is not node and isinstance(child.tag, str) and (
                etree.QName(child).localname == "mrk" and not marks_text(child)):
            return f"its <{name}> holds {TOOL_MARK.format(child.get('mtype'))}", TOOL_MARK_HINT
    unit = node.getparent()
    if unit is not None and any(c.get("context-type") == "x-pipeline-base"
                                for c in unit.iter(f"{{{XLIFF_12}}}context")):
        # a vendor package's codes, kept as they should be: the command is the wrong one
        return (f"its <{name}> holds the inline codes of a vendor package that `handoff` wrote",
                "import a vendor package with `pipeline handoff-import DIR`; `xliff-import` "
                "takes what `xliff-export` wrote")
    code = next((etree.QName(c).localname for c in node.iter() if c is not node and isinstance(
        c.tag, str) and etree.QName(c).localname != "mrk"), "?")  # which: <g>, <ph>, <bpt>…
    return (f"its <{name}> holds inline XLIFF markup (<{code}>)",
            "keep tags and code as plain text, as they are in the source")
