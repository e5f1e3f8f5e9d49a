"""The text of a returned ``<source>`` or ``<target>`` as a CAT tool writes it back, for
``xliff-import``, and what of a unit's translation is missing, for ``xliff-import`` and
``handoff-import`` alike.

A tool that segments a unit into sentences (Okapi, Trados, memoQ) writes a ``<seg-source>``
beside the source, each sentence in an ``<mrk mtype="seg">``, and the target's sentences in
``<mrk>``s of the same ``mid``: a segment nobody translated comes back empty, or not at all, and
the target is then part of the translation only. A ``<mrk>`` of another type XLIFF defines
marks text without being any (a protected span, a term; a reviewer's comment too): its content
is the text; a tool's own other marks (tracked changes) are not read.
"""

from __future__ import annotations

from typing import Any


def local(node: Any) -> str:
    """The element's name without its namespace; "" for a comment, PI or entity."""
    tag = node.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


# marks of a tool's own (``x-…``) that annotate text of the translation: a Trados reviewer's
# comment, and the W3C ITS 2.0 mapping to XLIFF 1.2 (Okapi: a note, a quality issue, a term
# over words, words not to translate)
ANNOTATIONS = frozenset({"x-sdl-comment", "x-its", "x-its-translate-yes",
                         "x-its-translate-no", "x-its-term-no"})


def marks_text(node: Any) -> bool:
    """The element is an ``<mrk>`` whose content is text of the translation: a segment, a
    mark XLIFF 1.2 defines over text (``protected``, ``term``…), an annotation on it
    (``ANNOTATIONS``), or an empty mark of any kind (Trados's ``x-sdl-location`` bookmarks:
    nothing in it to read or to lose); not another of a tool's own (``x-…``) over text, such
    as tracked changes, whose text may be no part of the translation."""
    mtype = node.get("mtype") or ""
    return local(node) == "mrk" and (not mtype.startswith("x-") or mtype in ANNOTATIONS
                                     or (not node.text and len(node) == 0))


def segmented(node: Any) -> str | None:
    """The text of a ``<source>`` or ``<target>``, through the ``<mrk>``s a tool wraps
    sentences and spans in (markers over text, not text), leaving out the XML comments and
    processing instructions a tool adds. None when it holds any other element (an inline
    code: ``<g>``, ``<x/>``, ``<ph>``…) or an entity reference a DTD in the file defines."""
    from lxml import etree  # type: ignore[import-untyped]

    parts = [node.text or ""]
    for child in node:
        if child.tag is etree.Comment or child.tag is etree.PI:
            parts.append(child.tail or "")
            continue
        inner = segmented(child) if marks_text(child) else None
        if inner is None:
            return None
        parts += (inner, child.tail or "")
    return "".join(parts)


def _segments(node: Any, by_place: bool) -> list[tuple[str, str]]:
    """(id, text) of each ``<mrk mtype="seg">`` under ``node``, in order: its ``mid``, or
    its place (``#2``) where ``by_place``."""
    found = [m for m in node.iter() if local(m) == "mrk" and m.get("mtype") == "seg"]
    return [(f"#{n}" if by_place else m.get("mid") or "", "".join(m.itertext()))
            for n, m in enumerate(found, 1)]


def untranslated_segments(unit: Any, target: Any, copies: bool = False) -> tuple[str, ...]:
    """The ids of the segments of the unit's ``<seg-source>`` that hold text and that its
    segmented ``<target>`` leaves empty (or only white space) or out: what of the English
    nobody translated; with ``copies``, a segment still the English's words too (a target
    that started as a copy of the English, as a package's does, split with it). Empty where
    the target is not segmented (the tool joined it again) or every segment is there."""
    source = next((c for c in unit if local(c) == "seg-source"), None)
    if source is None or target is None:
        return ()
    done = _segments(target, False)
    if not done:
        return ()
    by_place = not all(mid for mid, _ in done)  # a tool that writes no mid: segments in order
    translated = dict(_segments(target, by_place))

    def left(key: str, english: str) -> bool:
        text = translated.get(key, "").strip()
        return not text or blank(text, english) or (copies and text == english.strip() and any(
            c.isalpha() for c in english))

    return tuple(mid or key for (key, text), (mid, _) in zip(  # named by its mid if it has one
        _segments(source, by_place), _segments(source, False), strict=True)
        if text.strip() and left(key, text))


LEFT_OUT_HINT = "translate every segment of the unit, and confirm it"


def left_out(missing: tuple[str, ...], kept: bool = False) -> str:
    """What a target that leaves the segments ``missing`` untranslated is taken for: with
    ``kept``, part of a text never replaces the catalog's reviewed one, which stays; the
    vendor's is kept beside it."""
    return (f"its <target> leaves segment{'s' * (len(missing) > 1)} "
            f"{', '.join(map(repr, missing))} of its <seg-source> untranslated: " + (
                "the catalog's reviewed translation stays, the vendor's in a # comment of the "
                "entry"
                if kept else "taken as unreviewed (fuzzy), not published"))


def blank(target: str, english: str) -> bool:
    """The target shows nothing (white space, a zero-width space or another invisible
    character, an HTML comment: what ``translation-blank`` holds back), for English that
    shows something: no translation (a tool's pretty-printing, a space or a zero-width space
    typed into a segment to leave it empty), which would take the English's words off the
    page; an empty target is the explicit clearing. (For English that shows nothing either,
    an HTML comment, only white space is none: the comment is its own translation.)"""
    from pipeline.checks.visible import shows

    return bool(target) and not shows(target) and (
        shows(english) or (not target.strip() and bool(english.strip())))


def unfilled(node: Any, text: str) -> bool:
    """The ``<target>`` holds markup but no text: segments nobody translated (Trados writes
    ``<mrk mtype="seg" mid="1"/>`` for one), a bookmark, a comment. No translation, unlike
    the explicitly empty ``<target/>`` that clears one."""
    return not text and node is not None and len(node) > 0
