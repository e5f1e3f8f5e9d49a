"""A translator's notes on a returned unit (``xliff-import`` and ``handoff-import``): the
lines of the notes other than the export's own, added to the entry's ``#`` comments."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.catalog import Message

# Notes a returned unit carries that are not the export's own (the entry's ``#.`` comments and
# the packages' provenance): a translator's, whatever the tool calls them.
_OWN_NOTES = frozenset({"developer", "pipeline"})
# What the export leaves out of a note: XML 1.0 cannot carry it (a control character)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def returned_notes(element: Any) -> list[str]:
    """The lines of a returned unit's notes other than the export's own, split where the
    export joined the comments and a PO reader splits them: at line ends (a CR from ``&#13;``
    too), not at U+2028, U+2029 or NEL, which a comment line holds as text."""
    lines: list[str] = []
    for note in element:
        if isinstance(note.tag, str) and note.tag.rpartition("}")[2] == "note" and (
                note.get("from") not in _OWN_NOTES):
            text = (note.text or "").replace("\r\n", "\n").replace("\r", "\n")
            lines.extend(line.rstrip() for line in text.split("\n"))
    return [line for line in lines if line.strip()]


def with_notes(msg: Message, lines: list[str]) -> Message:
    """The entry with the translator's notes it lacks added to its ``#`` comments (never one
    taken away: the catalog's comments stay, in their order); ``msg`` itself when it has
    them all. A note never silences a check: an ``ignore-<check>`` mark is a reviewer's, set
    in the catalog, so a line that would make one (or bring back one the reviewer removed)
    is left out. Nor does a note claim the memory's provenance: a ``tm:`` note is the fill's,
    and one coming back is the package's copy of a note the import may have just retired (a
    translator's own note that merely starts so stays; one a tool wrapped, as the catalog
    may hold it and the export sends it, is left out whole). Nor is a line of the entry's
    own ``#.`` comments, which the export sends as a note of its own, a translator's."""
    from pipeline.memory.rows import without_provenance
    from pipeline.suppress import ignored

    # each comment as the export sent it, less what XML cannot carry and the white space at
    # its ends (a note's, which the export strips): an untouched file's note is no new note
    have = {c.strip() for c in msg.translator_comments} | {
        _NOT_XML.sub("", c).strip() for c in msg.translator_comments} | {
        c.strip() for c in msg.extracted_comments}  # the export's own note, its ``from``
    # dropped by a tool (a clean-up script strips ``from="developer"``): never a new comment
    silenced = ignored(msg)
    out = msg
    for line in dict.fromkeys(without_provenance(tuple(lines))):
        if line.strip() in have:
            continue
        tried = replace(out, translator_comments=(*out.translator_comments, line))
        # nor one that does so as a reader splitting at U+2028 or NEL reads it (polib)
        split = replace(out, translator_comments=(*out.translator_comments,
                                                  *line.splitlines()))
        if ignored(tried) <= silenced and ignored(split) <= silenced:
            out = tried
    return out


def named_contexts(element: Any) -> frozenset[str]:
    """The lines of a returned unit's own notes (the entry's ``#.`` comments, its segment id
    first): po2xliff writes them as ``x-po-autocomment`` contexts and a developer note, and no
    msgctxt, so they are what still names an entry of twins' context."""
    lines: set[str] = set()
    for node in element.iter():
        name = node.tag.rpartition("}")[2] if isinstance(node.tag, str) else ""
        if (name == "context" and node.get("context-type") == "x-po-autocomment") or (
                name == "note" and node.get("from") == "developer"):
            lines.update(line.strip() for line in (node.text or "").splitlines())
    return frozenset(lines - {""})


def unit_context(unit: Any) -> str | None:
    """A returned unit's msgctxt (Translate Toolkit's unit), None when it has none."""
    for node in unit.xmlelement.iter(unit.namespaced("context")):
        if node.get("context-type") == "x-po-msgctxt":
            text: str = node.text or ""
            return text
    return None
