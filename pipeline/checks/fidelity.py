"""Translation against source: each translation faithful to its English's code, links, markup,
placeholders and numbers.

Every rule compares the two sides as multisets, so a translation may reorder what it keeps
(word order changes across languages) but not drop, add or alter it. Severity follows harm:
ERROR where the published page breaks or says something false (code, link targets,
placeholders, broken HTML, a new line or '|' that splits a table row); WARNING or INFO where
good machine translation legitimately differs (emphasis moved, entities written as characters,
numbers spelled out, names left in English).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pipeline.checks.base import (
    Check,
    Options,
    diff_multiset,
    iter_missing_added,
)
from pipeline.checks.base import quote as q
from pipeline.checks.rule import SegmentRule
from pipeline.checks.tokens.code import code_texts, escaped, without_code
from pipeline.checks.tokens.emphasis import emphasis
from pipeline.checks.tokens.entities import ENTITY as ENTITY_REF
from pipeline.checks.tokens.links import DESTINATION_HEAD, URL_TAIL, link_key, links
from pipeline.checks.tokens.names import CMDLET_NOUN, EXTENSION, has_word, names
from pipeline.checks.tokens.numbers import DIGIT_RUN, digit_values, numbers
from pipeline.checks.tokens.prose import brackets, prose, sentence
from pipeline.checks.tokens.tags import (
    KNOWN_TAG_NAMES,
    BadTag,
    Tag,
    html_tags,
    no_tags,
    unbalanced,
)
from pipeline.findings import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
F = "fidelity"

CODE = Check(
    "code-changed", F, ERROR, "an inline code span differs from the English",
    "copy every `code` span from the English byte for byte; code is never translated")
LINK_TARGET = Check(
    "link-target-changed", F, ERROR, "a link or image target differs from the English",
    "keep every (target), [reference] and <autolink> as in the English; only the configured "
    "locale rewrites (such as /en-us/ to /fr-fr/) are allowed")
EMPHASIS = Check(
    "emphasis-changed", F, WARNING, "bold or italic the English has is lost or broken",
    "keep each **, __, * and _ pair of the English around the translated words, with no "
    "space just inside the markers and no punctuation between a closing marker and a letter")
HTML_MISSING = Check(
    "html-missing", F, WARNING,
    "an HTML element or attribute of the English is missing in the translation",
    "keep every HTML tag of the English, with its attributes")
HTML_BROKEN = Check(
    "html-broken", F, ERROR,
    "HTML the English does not break: a tag that does not parse, or an element left open or "
    "closed where the English's is not (the page after it breaks)",
    "close every tag with '>' and every attribute value with its quote; keep each start and "
    "end tag of the English, nested as in the English")
ENTITY = Check(
    "entity-changed", F, WARNING,
    "an entity that escapes markup (&lt;, &#124;, &#42; …) written as its raw character",
    "keep escaping entities such as &lt; &amp; &#124; &#42; as in the English")
PLACEHOLDER = Check(
    "placeholder-changed", F, ERROR,
    "a placeholder ({0}, %s, %VAR%, <xref:…>, [!INCLUDE …], [!NOTE]) differs from the English",
    "copy placeholders, xrefs and [!…] directives from the English unchanged")
NAMED_PLACEHOLDER = Check(
    "named-placeholder-missing", F, WARNING,
    "fewer <name> or {name} placeholders than the English, or one that lost its escape",
    "keep each <placeholder> and {placeholder} of the English, escaped as in the English; "
    "translating the words inside is fine")
NUMBER = Check(
    "number-changed", F, WARNING, "a number of the English is missing or different",
    "keep every number of the English; local digits, separators and date forms are fine")
IDENTIFIER = Check(
    "identifier-changed", F, ERROR, "a cmdlet or file name of the English is missing or altered",
    "keep command names such as Set-AzContext and file names such as policy.json unchanged")
UNTRANSLATED = Check(
    "untranslated", F, WARNING, "the translation is the English sentence unchanged",
    "translate the segment, or confirm it is meant to stay in English")
EDGE_SPACE = Check(
    "edge-whitespace", F, INFO,
    "an edge space of the English lost, or trailing spaces that break the line",
    "keep the English's spaces at the start and end of the segment, which separate it from "
    "the text around it; do not end it with two spaces")
NEWLINE = Check(
    "newline-added", F, ERROR, "a line break the English does not have",
    "keep the translation on as many lines as the English; a new line splits a table row "
    "or starts a new block")
PIPE = Check(
    "pipe-added", F, ERROR, "a '|' added where the English has none (splits a table cell)",
    "write '\\|' or '&#124;' for a literal vertical bar, or rephrase")
LINK_TEXT = Check(
    "link-text-broken", F, ERROR, "a '[' or ']' without its partner, which ends link text early",
    "balance square brackets, or write them as '\\[' and '\\]'")

# Link-like fragments as written, ending where the link reader stops (patterns shared with
# tokens.links): if both sides have the same, their targets are the same (fast path).
_RAW_LINK = re.compile(
    f"{DESTINATION_HEAD}|\\]\\[[^\\]]*+\\]|\\]:[ \t]*+\\S*+|<[^<>]*+>|://{URL_TAIL}")
_SIMPLE_CODE = re.compile(r"`[^`]+`")
# .NET format items, printf conversions, Windows environment variables.
_FORMAT_ITEM = re.compile(
    r"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}|%(?:\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdfuxXc](?![A-Za-z])"
    r"|%[A-Za-z_][A-Za-z0-9_]*%"
)
_RAW_PLACEHOLDER = re.compile(rf"\[![^\]]*|<xref:[^>]*>|{_FORMAT_ITEM.pattern}")
# Prose placeholders: '<your-server-name>', '{customerId}', '&lt;name&gt;'; not a tag of a known
# element, an xref or an autolink (the look-ahead), which other checks compare.
_NAMED = re.compile(
    rf"<(?!/|(?:{KNOWN_TAG_NAMES})[\s/>]|[A-Za-z][A-Za-z0-9+.-]*:)[^<>\s!?=][^<>\n]{{0,60}}>"
    r"|\{[^\W\d][\w.-]{0,40}\}|&lt;[^&\n]{1,60}&gt;", re.I)
_SYNTAX_CHARS = frozenset("<>&|*_[]`#")  # what an entity may be escaping in Markdown or HTML
_ASCII_DIGIT_RUN = re.compile(r"[0-9]+")
_PIPE = re.compile(r"(?<!\\)\|")
_BRACKET = re.compile(r"[\[\]]")
_NONE: tuple[str, ...] = ()

Messages = Sequence[str]


# --- code, links, placeholders ---------------------------------------------------------------


def code_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation or ("`" not in source and "`" not in translation):
        return _NONE
    if ("``" not in source and "``" not in translation and "\\`" not in source
            and "\\`" not in translation):
        # single backticks, none escaped: CommonMark pairs each with the next, as this does
        src, tr = _SIMPLE_CODE.findall(source), _SIMPLE_CODE.findall(translation)
        if sorted(src) == sorted(tr):
            return _NONE
    else:
        src, tr = code_texts(source), code_texts(translation)
    return list(iter_missing_added("code", src, tr))


def _linkish(text: str) -> bool:
    # ']' alone is common (ja '[設定]' UI labels): a link needs '](', '][' or ']:' after it
    return ("]" in text and ("](" in text or "][" in text or "]:" in text)) or (
        "<" in text and ("=" in text or "@" in text)) or "://" in text


def link_target_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return _NONE
    # Every link form has ']' (inline, reference), '://' (bare URL, autolink) or a '<' with
    # '=' (href/src) or '@' (e-mail autolink). Single-character tests come first: nearly free.
    if not (_linkish(source) or _linkish(translation)):
        return _NONE
    # Fast path: the same link-like fragments on both sides cannot hold different targets.
    if (sorted(m.group() for m in _RAW_LINK.finditer(source))
            == sorted(m.group() for m in _RAW_LINK.finditer(translation))):
        return _NONE
    src = links(source).targets
    tr = links(translation).targets
    if src == tr:
        return _NONE
    rewrites, locale = options.link_rewrites, options.locale
    shown = {link_key(u, rewrites, locale): u for u in (*tr, *src)}
    missing, added = diff_multiset([link_key(u, rewrites, locale) for u in src],
                                   [link_key(u, rewrites, locale) for u in tr])
    if missing:
        return [("link target missing from the translation: "
                 + ", ".join(q(shown[m], 70) for m in missing)
                 + (f"; it has {', '.join(q(shown[a], 70) for a in added)}" if added else ""))]
    if added:
        return ["link target added by the translation: "
                + ", ".join(q(shown[a], 70) for a in added)]
    return _NONE


def _placeholders(text: str) -> list[str]:
    found = links(text)
    out = [*found.directives, *found.xrefs]
    if "{" in text or "%" in text:
        # %SystemRoot% and %systemroot% are one variable: Windows ignores its case
        out.extend(p.lower() if p[-1] == "%" else p
                   for p in _FORMAT_ITEM.findall(prose(text)))
    return out


def placeholder_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return _NONE
    if ("{" not in source and "%" not in source and "!" not in source and "<" not in source
            and "{" not in translation and "%" not in translation and "!" not in translation
            and "<" not in translation):
        return _NONE
    # Fast path: the same candidates anywhere in the raw text cannot differ in prose.
    if sorted(_RAW_PLACEHOLDER.findall(source)) == sorted(_RAW_PLACEHOLDER.findall(translation)):
        return _NONE
    return list(iter_missing_added("placeholder", _placeholders(source),
                                   _placeholders(translation)))


def _raw_angled(found: list[tuple[int, str]], text: str) -> list[str]:
    """'<name>' placeholders not escaped as '\\<name>': a reader takes them for HTML tags."""
    return [p for start, p in found if p[0] == "<" and not escaped(text, start)]


def named_placeholder_missing(source: str, translation: str, options: Options) -> Messages:
    # Only a drop is reported: '<Site name>' becoming '<Websitename>' is a good translation.
    # An escape lost is reported too: '\\<Websitename>' shows, '<Websitename>' is a hidden tag.
    if source == translation or not ("<" in source or "{" in source or "&lt;" in source):
        return _NONE
    src_text = without_code(source)
    src = [(m.start(), m.group()) for m in _NAMED.finditer(src_text)]
    if not src:
        return _NONE
    tr_text = without_code(translation)
    tr = [(m.start(), m.group()) for m in _NAMED.finditer(tr_text)]
    out = []
    if len(tr) < len(src):
        out.append(f"{len(src) - len(tr)} placeholder(s) missing from the translation; the "
                   f"English has {', '.join(q(p, 40) for _, p in src)}, the translation "
                   f"{', '.join(q(p, 40) for _, p in tr) or 'none'}")
    raw_src, raw_tr = _raw_angled(src, src_text), _raw_angled(tr, tr_text)
    if len(raw_tr) > len(raw_src):
        out.append(f"placeholder not escaped as in the English (a browser hides it as an "
                   f"unknown tag): {', '.join(q(p, 40) for p in raw_tr)}; write '\\<'")
    return out


def identifier_changed(source: str, translation: str, options: Options) -> Messages:
    # Code spans and link targets have their own checks; this looks at names in plain text,
    # such as the link text of a cmdlet's "related links" entry.
    if source == translation:
        return _NONE
    if not (("-" in source and CMDLET_NOUN.search(source) is not None)
            or ("." in source and EXTENSION.search(source) is not None)):
        return _NONE
    # link destinations ('](x.md)', the commonest '.ext') are masked before names are sought
    src = names(prose(source) if "](" in source or "`" in source else source)
    if not src or all(name in translation for name in src):
        return _NONE  # every name of the English is still there, verbatim
    if "<" in source or "[!" in source or "://" in source:
        src = names(prose(source))  # rarer markup: mask it too
        if not src:
            return _NONE
    # Case-insensitive: PowerShell and Windows file names are ('set-AzContext' runs).
    low = prose(translation).lower()
    missing = [n for n in src if not has_word(low, n.lower())]
    if not missing:
        return _NONE
    return [f"name missing or altered in the translation: {', '.join(q(m, 50) for m in missing)}"
            f"; translation: {q(translation)}"]


# --- HTML ------------------------------------------------------------------------------------


def _tags(text: str) -> tuple[list[Tag], list[BadTag]]:
    return html_tags(without_code(text))


def html_missing(source: str, translation: str, options: Options) -> Messages:
    # Added elements and attributes are a safety matter (html-added): only losses here.
    if source == translation or "<" not in source or no_tags(source):
        return _NONE
    src = [t.token for t in _tags(source)[0]]
    if not src:
        return _NONE
    missing, _ = diff_multiset(src, [t.token for t in _tags(translation)[0]])
    if not missing:
        return _NONE
    return [f"HTML missing from the translation: {', '.join(q(m, 60) for m in missing)}"]


def html_broken(source: str, translation: str, options: Options) -> Messages:
    # A segment often holds half an element, or English with a stray tag: only what the
    # translation breaks beyond its English is reported.
    if source == translation or "<" not in translation or no_tags(translation):
        return _NONE
    tr_tags, tr_bad = _tags(translation)
    if not tr_tags and not tr_bad:
        return _NONE
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


def entity_changed(source: str, translation: str, options: Options) -> Messages:
    # An entity that only spells a character ('&#40;' for '(') may be written as that character
    # or go with the English words around it: the page is the same. One that escapes syntax
    # ('&lt;', '&#124;', '&#42;' ...) written raw can turn into markup: that is reported.
    if source == translation or "&" not in source:
        return _NONE
    src = ENTITY_REF.findall(without_code(source))
    if not src:
        return _NONE
    tr_text = without_code(translation)
    missing, _ = diff_multiset(src, ENTITY_REF.findall(tr_text))
    out = []
    for entity in dict.fromkeys(missing):
        char = html.unescape(entity)
        if char in _SYNTAX_CHARS and tr_text.count(char) > source.count(char):
            out.append(f"entity {entity!r} of the English is written as a raw {char!r} in the "
                       f"translation, which can read as markup: {q(translation, 60)}")
    return out


# --- emphasis --------------------------------------------------------------------------------


def emphasis_changed(source: str, translation: str, options: Options) -> Messages:
    # Reported: a pair the English has and the translation lost, and a marker the translation
    # leaves unpaired (printed as a literal '*') where the English has none. A pair added is
    # harmless. Code spans only are masked: other markup is the same on both sides unless
    # another check reports it, and a '_' in a URL or name is intraword anyway.
    if source == translation:
        return _NONE
    if not ("*" in source or "_" in source or "*" in translation or "_" in translation):
        return _NONE
    tr, tr_runs = emphasis(without_code(translation))
    src_text = without_code(source)
    if (tr_runs == 2 * len(tr) and "_" not in src_text and "\\" not in src_text
            and src_text.count("*") == 2 * src_text.count("**")
            and tr.count("**") >= src_text.count("**") // 2):
        return _NONE  # fast path: bold-only English, every pair it can have is there
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


# --- numbers and words -----------------------------------------------------------------------


def _has_digit(text: str) -> bool:
    # ten substring tests beat one regex search by half on corpus-sized strings
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text)


def number_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation or not _has_digit(source):
        return _NONE
    src_raw = _ASCII_DIGIT_RUN.findall(source)  # English digits are ASCII; the scan is cheaper
    if not src_raw:
        return _NONE
    tr_raw = DIGIT_RUN.findall(translation)
    if src_raw == tr_raw or sorted(src_raw) == sorted(tr_raw) or (
            digit_values(src_raw) == digit_values(tr_raw)):
        return _NONE  # the same digits everywhere: nothing in prose can differ
    src_runs, src_amounts = numbers(source, english=True)
    tr_runs, tr_amounts = numbers(translation, english=False)
    if src_runs == tr_runs or src_amounts == tr_amounts:
        return _NONE
    # 'one' written as '1' adds a number harmlessly; only a number the English has and the
    # translation lacks is reported.
    missing, added = diff_multiset(src_amounts, tr_amounts)
    run_missing, _ = diff_multiset(src_runs, tr_runs)
    if not added:  # small numbers are often written as words: 'Add 3 parameters', 'три'
        missing = [m for m in missing if float(m) > 10]
    if not (missing and run_missing):
        return _NONE
    return [f"number missing from the translation: {', '.join(missing)}"
            + (f"; it has {', '.join(added)}" if added else "") + f" (English {q(source, 60)})"]


def untranslated(source: str, translation: str, options: Options) -> Messages:
    if source != translation or not sentence(prose(source)):
        return _NONE
    return [f"translation is the English unchanged: {q(source)}"]


_UNSPACED_LANGUAGES = ("ja", "zh", "ko")  # no spaces between words: a lost edge space is fine


def edge_whitespace(source: str, translation: str, options: Options) -> Messages:
    # Only what changes the page: an edge space of the English lost (the segment's words run
    # into its neighbour's), or two trailing spaces added (a hard line break at a line end).
    # A single space added is harmless and the commonest MT habit.
    # strip() hands back an unchanged string as is: one call tests both edges
    if source == translation or (source.strip() == source and not translation.endswith("  ")):
        return _NONE
    if not (source and translation):
        return _NONE
    out = []
    if not options.locale.lower().startswith(_UNSPACED_LANGUAGES):
        for where, s, t in (("leading", source[0], translation[0]),
                            ("trailing", source[-1], translation[-1])):
            if s.isspace() and not t.isspace():
                out.append(f"the English has {where} white space and the translation does not: "
                           f"English {q(source, 50)}, translation {q(translation, 50)}")
    if translation.endswith("  ") and not source.endswith("  "):
        out.append(f"the translation ends with {len(translation) - len(translation.rstrip(' '))} "
                   f"spaces (a hard line break) and the English does not: {q(translation, 60)}")
    return out


def newline_added(source: str, translation: str, options: Options) -> Messages:
    if "\n" not in translation:
        return _NONE
    src, tr = source.count("\n"), translation.count("\n")
    if tr <= src:
        return _NONE
    return [f"the translation has {tr} line break(s), the English {src}: {q(translation, 70)}"]


def pipe_added(source: str, translation: str, options: Options) -> Messages:
    # GFM splits a cell at any unescaped '|', code spans included; an English with one is
    # therefore not a table cell, and more bars in its translation are harmless.
    if "|" not in translation or _PIPE.search(source):
        return _NONE
    n = len(_PIPE.findall(translation))
    if not n:
        return _NONE
    return [f"the translation adds {n} unescaped '|' (English has none): {q(translation, 70)}"]


def link_text_broken(source: str, translation: str, options: Options) -> Messages:
    # A ')' cannot end link text (only a destination, which link-target-changed compares).
    if source == translation or not ("[" in translation or "]" in translation):
        return _NONE
    if _BRACKET.findall(source) == _BRACKET.findall(translation):
        return _NONE
    src_open, src_stray = brackets(prose(source))
    tr_open, tr_stray = brackets(prose(translation))
    out = []
    if tr_open > src_open:
        out.append(f"the translation has an unmatched '[' the English does not: "
                   f"{q(translation, 70)}")
    if tr_stray > src_stray:
        out.append(f"the translation has an unmatched ']' the English does not: "
                   f"{q(translation, 70)}")
    return out


# What each rule needs to find anything (see SegmentRule), read off its own early exits.
RULES: tuple[SegmentRule, ...] = (
    SegmentRule(CODE, code_changed, "`", "`"),
    SegmentRule(LINK_TARGET, link_target_changed, "]<:", "]<:"),  # ':' for '://'
    SegmentRule(EMPHASIS, emphasis_changed, "*_", "*_"),
    SegmentRule(HTML_MISSING, html_missing, "<"),
    SegmentRule(HTML_BROKEN, html_broken, "", "<"),
    SegmentRule(ENTITY, entity_changed, "&"),
    SegmentRule(PLACEHOLDER, placeholder_changed, "{%!<", "{%!<"),
    SegmentRule(NAMED_PLACEHOLDER, named_placeholder_missing, "<{&"),
    SegmentRule(NUMBER, number_changed),
    SegmentRule(IDENTIFIER, identifier_changed),
    SegmentRule(UNTRANSLATED, untranslated, identical=True),
    SegmentRule(EDGE_SPACE, edge_whitespace),
    SegmentRule(NEWLINE, newline_added, "", "\n"),
    SegmentRule(PIPE, pipe_added, "", "|"),
    SegmentRule(LINK_TEXT, link_text_broken, "", "[]"),
)
