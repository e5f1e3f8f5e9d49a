"""The translation's markup against its English: HTML elements kept and unbroken, escaping
entities kept, emphasis pairs kept."""

from __future__ import annotations

import html
import re

from pipeline.checks.base import Options, diff_multiset
from pipeline.checks.base import quote as q
from pipeline.checks.rule import NONE, Messages, segment_rule
from pipeline.checks.tokens.code import without_code
from pipeline.checks.tokens.emphasis import emphasis
from pipeline.checks.tokens.entities import ENTITY
from pipeline.checks.tokens.tags import BadTag, Tag, html_tags, no_tags, unbalanced
from pipeline.findings import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
F = "fidelity"

_SYNTAX_CHARS = frozenset("<>&|*_[]`#")  # what an entity may be escaping in Markdown or HTML


def _tags(text: str) -> tuple[list[Tag], list[BadTag]]:
    return html_tags(without_code(text))


@segment_rule(
    "html-missing", F, WARNING,
    "an HTML element or attribute of the English is missing in the translation",
    "keep every HTML tag of the English, with its attributes",
    source_needs="<")
def html_missing(source: str, translation: str, options: Options) -> Messages:
    # Added elements and attributes are a safety matter (html-added): only losses here.
    if source == translation or "<" not in source or no_tags(source):
        return NONE
    src = [t.token for t in _tags(source)[0]]
    if not src:
        return NONE
    missing, _ = diff_multiset(src, [t.token for t in _tags(translation)[0]])
    if missing:
        return [f"HTML missing from the translation: {', '.join(q(m, 60) for m in missing)}"]
    # Every tag kept, but MT moved the words out of an inline element: '<kbd>Ctrl</kbd>'
    # as 'Ctrl<kbd></kbd>' shows the words plain and an empty box (nothing held back).
    emptied, _ = diff_multiset(_empty_elements(translation), _empty_elements(source))
    if not emptied:
        return NONE
    return [f"the translation empties {len(emptied)} element(s) of the English, its words "
            f"moved out of {', '.join(sorted({f'<{n}>' for n in emptied}))}: "
            f"{q(translation, 70)}"]


# An inline element with nothing in it ('<a name="x"></a>' anchors are empty by design)
_EMPTY_ELEMENT = re.compile(r"<(kbd|strong|b|em|i|u|code|sup|sub|var|samp)\s*></\1\s*>",
                            re.IGNORECASE)


def _empty_elements(text: str) -> list[str]:
    if "></" not in text:
        return []
    return [m.group(1).lower() for m in _EMPTY_ELEMENT.finditer(without_code(text))]


@segment_rule(
    "html-broken", F, ERROR,
    "HTML the English does not break: a tag that does not parse, or an element left open or "
    "closed where the English's is not (the page after it breaks)",
    "close every tag with '>' and every attribute value with its quote; keep each start and "
    "end tag of the English, nested as in the English",
    translation_needs="<")
def html_broken(source: str, translation: str, options: Options) -> Messages:
    # A segment often holds half an element, or English with a stray tag: only what the
    # translation breaks beyond its English is reported.
    if source == translation or "<" not in translation or no_tags(translation):
        return NONE
    tr_tags, tr_bad = _tags(translation)
    if not tr_tags and not tr_bad:
        return NONE
    src_tags, src_bad = _tags(source) if "<" in source else ([], [])
    out = []
    if tr_bad:
        _, added = diff_multiset([f"{b.name}:{b.reason}" for b in src_bad],
                                 [f"{b.name}:{b.reason}" for b in tr_bad])
        for b in tr_bad:
            key = f"{b.name}:{b.reason}"
            if key in added:
                added.remove(key)
                out.append(f"malformed HTML in the translation ({b.reason}): {q(b.text, 60)}")
    tr_open = unbalanced(tr_tags)
    if tr_open:
        _, added = diff_multiset(unbalanced(src_tags), tr_open)
        out.extend(f"the translation {'closes' if t.startswith('</') else 'leaves open'} {q(t)} "
                   f"where the English does not: English {q(source, 60)}, translation "
                   f"{q(translation, 60)}" for t in added)
    return out


@segment_rule(
    "entity-changed", F, WARNING,
    "an entity that escapes markup (&lt;, &#124;, &#42; …) written as its raw character",
    "keep escaping entities such as &lt; &amp; &#124; &#42; as in the English",
    source_needs="&")
def entity_changed(source: str, translation: str, options: Options) -> Messages:
    # An entity that only spells a character ('&#40;' for '(') may be written as that character
    # or go with the English words around it: the page is the same. One that escapes syntax
    # ('&lt;', '&#124;', '&#42;' ...) written raw can turn into markup: that is reported.
    if source == translation or "&" not in source:
        return NONE
    src = ENTITY.findall(without_code(source))
    if not src:
        return NONE
    tr_text = without_code(translation)
    missing, _ = diff_multiset(src, ENTITY.findall(tr_text))
    out = []
    for entity in dict.fromkeys(missing):
        char = html.unescape(entity)
        if char in _SYNTAX_CHARS and tr_text.count(char) > source.count(char):
            out.append(f"entity {entity!r} of the English is written as a raw {char!r} in the "
                       f"translation, which can read as markup: {q(translation, 60)}")
    return out


@segment_rule(
    "emphasis-changed", F, WARNING, "bold or italic the English has is lost or broken",
    "keep each **, __, * and _ pair of the English around the translated words, with no "
    "space just inside the markers and no punctuation between a closing marker and a letter",
    source_needs="*_", translation_needs="*_")
def emphasis_changed(source: str, translation: str, options: Options) -> Messages:
    # Reported: a pair the English has and the translation lost, and a marker the translation
    # leaves unpaired (printed as a literal '*') where the English has none. A pair added is
    # harmless. Code spans only are masked: other markup is the same on both sides unless
    # another check reports it, and a '_' in a URL or name is intraword anyway.
    if source == translation:
        return NONE
    if not ("*" in source or "_" in source or "*" in translation or "_" in translation):
        return NONE
    tr, tr_runs = emphasis(without_code(translation))
    src_text = without_code(source)
    if (tr_runs == 2 * len(tr) and "_" not in src_text and "\\" not in src_text
            and src_text.count("*") == 2 * src_text.count("**")
            and tr.count("**") >= src_text.count("**") // 2):
        return NONE  # fast path: bold-only English, every pair it can have is there
    src, src_runs = emphasis(src_text)
    missing, _ = diff_multiset(src, tr)
    out = []
    if missing:
        out.append(f"emphasis of the English lost in the translation: "
                   f"{', '.join(q(x) for x in missing)} pair(s); English {q(source, 60)}, "
                   f"translation {q(translation, 60)}")
    stray = tr_runs - 2 * len(tr)
    if stray > src_runs - 2 * len(src):
        out.append(f"the translation has {stray} unpaired emphasis marker(s), printed as "
                   f"literal characters: {q(translation, 70)}")
    return out
