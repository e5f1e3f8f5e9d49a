"""The translation's text against its English: numbers, English left untranslated, edge
white space, and characters that split a block, a table cell or link text."""

from __future__ import annotations

import re

from pipeline.checks.base import Check, Options, diff_multiset
from pipeline.checks.base import quote as q
from pipeline.checks.rule import NONE, Messages, segment_rule
from pipeline.checks.tokens.blocks import line_ends
from pipeline.checks.tokens.code import without_code
from pipeline.checks.tokens.numbers import (
    DIGIT_RUN,
    digit_values,
    has_myriad,
    has_scale_word,
    numbers,
)
from pipeline.checks.tokens.prose import brackets, prose, sentence
from pipeline.checks.visible import BLANK, shows
from pipeline.findings import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
F = "fidelity"

_ASCII_DIGIT_RUN = re.compile(r"[0-9]+")
_PIPE = re.compile(r"(?<!\\)\|")
_BRACKET = re.compile(r"[\[\]]")


def _has_digit(text: str) -> bool:
    # ten substring tests beat one regex search by half on corpus-sized strings
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text)


@segment_rule(
    "number-changed", F, WARNING, "a number of the English is missing or different",
    "keep every number of the English; local digits, separators and date forms are fine",
    source_needs="0123456789")
def number_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation or not _has_digit(source):
        return NONE
    src_raw = _ASCII_DIGIT_RUN.findall(source)  # English digits are ASCII; the scan is cheaper
    if not src_raw:
        return NONE
    tr_raw = DIGIT_RUN.findall(translation)
    scaled = has_myriad(translation)  # '10 million' as '10 万': the digits, 100 times off
    if not scaled and (src_raw == tr_raw or sorted(src_raw) == sorted(tr_raw) or (
            digit_values(src_raw) == digit_values(tr_raw))):
        return NONE  # the same digits everywhere: nothing in prose can differ
    src_runs, src_amounts = numbers(source, english=True)
    tr_runs, tr_amounts = numbers(translation, english=False)
    if (src_runs == tr_runs and not scaled) or src_amounts == tr_amounts:
        return NONE
    found = _missing(src_runs, src_amounts, tr_runs, tr_amounts, scaled)
    # '1 million' is '100 万' in Chinese and Japanese, and 'مليون' (a million, no digit) in
    # Arabic: a number is missing only if it is missing in both readings of the English
    if found is None or (has_scale_word(source) and _missing(
            src_runs, numbers(source, english=True, scale_words=False)[1], tr_runs,
            tr_amounts, scaled) is None):
        return NONE
    missing, added = found
    return [f"number missing from the translation: {', '.join(missing)}"
            + (f"; it has {', '.join(added)}" if added else "") + f" (English {q(source, 60)})"]


def _missing(src_runs: list[str], src_amounts: list[str], tr_runs: list[str],
             tr_amounts: list[str], scaled: bool) -> tuple[list[str], list[str]] | None:
    """The amounts of the English the translation lacks, and those it adds, or None when none
    is missing. 'one' written as '1' adds a number harmlessly; only a number the English has
    and the translation lacks is reported, and only where a digit run is missing too, unless
    the translation writes a myriad scale (``scaled``: its digits alone prove nothing)."""
    missing, added = diff_multiset(src_amounts, tr_amounts)
    run_missing, _ = diff_multiset(src_runs, tr_runs)
    if not added:  # small numbers are often written as words: 'Add 3 parameters', 'три'
        missing = [m for m in missing if float(m) > 10]
    return (missing, added) if missing and (run_missing or scaled) else None


@segment_rule(
    "untranslated", F, WARNING, "the translation is the English sentence unchanged",
    "translate the segment, or confirm it is meant to stay in English",
    identical=True)
def untranslated(source: str, translation: str, options: Options) -> Messages:
    if source != translation or not sentence(prose(source)):
        return NONE
    return [f"translation is the English unchanged: {q(source)}"]


@segment_rule(
    "translation-blank", F, ERROR,
    "a translation that shows nothing (white space, HTML comments, empty tags) for visible English",
    "translate the segment, or empty the translation to leave the segment untranslated",
    translation_needs="<", edges=True)  # '<': an HTML comment or tag
def translation_blank(source: str, translation: str, options: Options) -> Messages:
    # The page would lose the English's words with no sign: gettext counts " " as translated.
    first = translation[:1]
    if ("<!--" not in translation and first.isprintable() and not first.isspace()
            and first not in ("&", "<", "*", "_") and first not in BLANK):  # '**&#8203;**'
        return NONE  # starts with a character that shows: most translations stop here
    if shows(translation) or not shows(source):
        return NONE
    what = ("HTML comments" if "<!--" in translation else "HTML tags around no text"
            if "<" in translation else "white space or invisible characters")
    return [f"the translation is only {what} and shows nothing on the page: "
            f"English {q(source, 60)}, translation {q(translation, 40)}"]


_UNSPACED_LANGUAGES = ("ja", "zh", "ko")  # no spaces between words: a lost edge space is fine


@segment_rule(
    "edge-whitespace", F, INFO,
    "an edge space of the English lost, or trailing spaces that break the line",
    "keep the English's spaces at the start and end of the segment, which separate it from "
    "the text around it; do not end it with two spaces",
    edges=True)
def edge_whitespace(source: str, translation: str, options: Options) -> Messages:
    # Only what changes the page: an edge space of the English lost (the segment's words run
    # into its neighbour's), or two trailing spaces added (a hard line break at a line end).
    # A single space added is harmless and the commonest MT habit.
    # strip() hands back an unchanged string as is: one call tests both edges
    if source == translation or (source.strip() == source and not translation.endswith("  ")):
        return NONE
    if not (source and translation):
        return NONE
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


@segment_rule(
    "newline-added", F, ERROR, "a line break the English does not have",
    "keep the translation on as many lines as the English; a new line splits a table row "
    "or starts a new block",
    translation_needs="\n\r")
def newline_added(source: str, translation: str, options: Options) -> Messages:
    if "\n" not in translation and "\r" not in translation:
        return NONE
    src, tr = line_ends(source), line_ends(translation)  # a CR alone ends a line too
    if tr <= src:
        return NONE
    return [f"the translation has {tr} line break(s), the English {src}: {q(translation, 70)}"]


@segment_rule(
    "pipe-added", F, ERROR, "a '|' added where the English has none (splits a table cell)",
    "write '\\|' or '&#124;' for a literal vertical bar, or rephrase",
    translation_needs="|")
def pipe_added(source: str, translation: str, options: Options) -> Messages:
    # GFM splits a cell at any unescaped '|', code spans included; an English with one is
    # therefore not a table cell, and more bars in its translation are harmless.
    if "|" not in translation or _PIPE.search(source):
        return NONE
    n = len(_PIPE.findall(translation))
    if not n:
        return NONE
    return [f"the translation adds {n} unescaped '|' (English has none): {q(translation, 70)}"]


@segment_rule(
    "link-text-broken", F, ERROR, "a '[' or ']' without its partner, which ends link text early",
    "balance square brackets, or write them as '\\[' and '\\]'",
    translation_needs="[]")
def link_text_broken(source: str, translation: str, options: Options) -> Messages:
    # A ')' cannot end link text (only a destination, which link-target-changed compares).
    if source == translation or not ("[" in translation or "]" in translation):
        return NONE
    if _BRACKET.findall(source) == _BRACKET.findall(translation):
        return NONE
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


# A link whose text is empty, '[](target)' (an image's '![](…)' and an escaped '\\[' are none)
_EMPTY_LINK = re.compile(r"(?<![!\\])\[\]\(")


@segment_rule(
    "link-text-lost", F, WARNING,
    "a link of the English whose text the translation leaves empty: nothing to click",
    "put the translated words of the link inside its brackets: [words](target)",
    translation_needs="[")
def link_text_lost(source: str, translation: str, options: Options) -> Messages:
    # MT moves the words out and leaves '[](target)': an empty link shows nothing, so the
    # page loses the link, though not its words (a warning: nothing is held back).
    if "[](" not in translation:
        return NONE
    tr = _EMPTY_LINK.findall(without_code(translation))
    src = _EMPTY_LINK.findall(without_code(source)) if "[](" in source else []
    if len(tr) <= len(src):
        return NONE
    return [f"the translation empties {len(tr) - len(src)} link(s) of the English: "
            f"{q(translation, 70)}"]


ESCAPE_ADDED = Check(
    "escape-added", F, ERROR,
    "a backslash at the end of the translation that escapes the character after it on the "
    "page ('|', ']', '<', '*'…)",
    "write a literal backslash at the end as '\\\\' (or put the path in `code`), or rephrase")
# What a backslash escapes in CommonMark: ASCII punctuation; before anything else it is text.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def escape_added(source: str, translation: str, after: str) -> Messages:
    """A translation ending in an unescaped backslash its English does not end with, where
    the page goes on with ``after`` (its next character): a table cell's '|', a link's or an
    image's ']', a tag's '<', an emphasis marker: the cell joins the next, the link is gone.
    ``after`` '\n': a line end with a line of text after it, where the backslash is a hard
    line break. Before a space or nothing it is text; front matter is YAML (not asked)."""
    if (after not in _ESCAPABLE and after != "\n") or not _odd_tail(translation) or (
            _odd_tail(source)):
        return NONE
    what = "a line break (a hard break) of the line end" if after == "\n" else \
        f"the {after!r} after it text"
    return [f"the translation ends with a backslash, which makes {what} on the page: "
            f"{q(translation, 70)}"]


def _odd_tail(text: str) -> bool:
    """Whether ``text`` ends with an unescaped backslash (an odd run of them)."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1
