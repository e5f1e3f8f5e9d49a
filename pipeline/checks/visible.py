"""Whether a text shows anything on a page: the ``translation-blank`` check's measure, and
the imports' (``xliff.segments.blank``), so that a returned target the page would hold back
as blank is never taken as a translation in place of the catalog's."""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left

from pipeline.checks.rule import FILLERS

# an unclosed comment hides the rest; '<!-->' and '<!--->' are whole comments
_COMMENT = re.compile(r"<!(?=--)(?:.*?--!?>|.*$)", re.S)


# Characters Unicode calls printable that show nothing: the Hangul fillers, the Braille blank,
# the combining grapheme joiner and the Khmer inherent vowels (a known way to fake a blank name),
# and the variation selectors (Mongolian, standard and supplementary), all default-ignorable.
BLANK = frozenset(FILLERS + "\u2800\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"
                  + "".join(map(chr, range(0xFE00, 0xFE10)))
                  + "".join(map(chr, range(0xE0100, 0xE01F0))))

# Format characters that are a sign of their own, not an invisible control (Unicode's
# prepended concatenation marks: the Arabic number signs, the end of ayah…)
_SIGNS = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
                   "\U000110bd\U000110cd")


# Tags of the elements that hold text and draw nothing of their own: a translation of only
# these (a CAT tool's tag pair kept, its words left out) shows nothing. Others (img, br, q,
# button, video…) may show something, and stay. A tag is one as CommonMark reads raw HTML
# (a quoted value may hold '<' and '>'); what is no tag to it ('<b x="y>', '</b x>') is
# text on the page
_WS = "[ \t\n\v\f\r]"
_NAME = (r"(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|s|samp|small|span"
         r"|strike|strong|sub|sup|time|tt|u|var)(?![A-Za-z0-9-])")
_ATTRIBUTE = (_WS + r"++[A-Za-z_:][A-Za-z0-9_.:-]*+(?:" + _WS + r"*+=" + _WS
              + r"*+(?:[^ \t\n\v\f\r\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?+")
_EMPTY_TAG = re.compile(r"<(?:" + _NAME + r"(?:" + _ATTRIBUTE + r")*+" + _WS + r"*+/?|/"
                        + _NAME + _WS + r"*+)>", re.I)
# A character reference as CommonMark decodes one: with its ';' ('&#x200B' and '&nbsp' are
# text on the page, though HTML's parser would decode them)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unprintable_shows(c: str) -> bool:
    # Python's "not printable" is about repr, not the page: a private-use character is an
    # icon font's glyph, and an unassigned one a character of a newer Unicode than Python's
    # (an emoji, a CJK extension's ideograph), unless Unicode keeps it ignorable or a
    # noncharacter; a format character shows only as a sign
    category = unicodedata.category(c)
    if category == "Co":
        return True
    if category == "Cn":
        o = ord(c)
        return not (o == 0x2065 or 0xFFF0 <= o <= 0xFFF8 or 0xE0000 <= o <= 0xE0FFF
                    or 0xFDD0 <= o <= 0xFDEF or o & 0xFFFE == 0xFFFE)
    return c in _SIGNS


def shows(text: str) -> bool:
    """Whether ``text`` shows anything on the page: more than white space, invisible format
    characters (zero-width space, direction marks), character references to them, HTML
    comments, the tags of text elements (``<span></span>``) and emphasis around these."""
    # a comment is something to CommonMark's flanking ('*<!-- -->*' is an <em>): an invisible one
    text = _COMMENT.sub("\u200b", text) if "<!--" in text else text
    first = text.lstrip()[:1]  # mostly a letter after a space: nothing more to read
    if first.isprintable() and first not in BLANK and first not in ("", "<", "&", "*", "_"):
        return True
    text = _unwrapped(text)  # after the fast path: most translations stop there
    # Read from the start, tag by tag, up to the first thing that shows: each character is
    # read once, so a text of many tags that never close ('<b x="…' over 100 KB) stays linear
    at = 0
    while at < len(text):
        tag = _EMPTY_TAG.match(text, at) if text[at] == "<" else None
        if tag:
            at = tag.end()
            continue
        end = text.find("<", at + 1)
        end = len(text) if end < 0 else end
        if _run_shows(text[at:end]):
            return True
        at = end
    return False


def _unwrapped(text: str) -> str:
    """``text`` inside the emphasis around it whole ('**<b></b>**' and '*&#8203;*' are an
    <em> or <strong> of nothing): a delimiter at each end, and inside no white space next to
    it, as CommonMark's flanking reads one at a paragraph's ends. Three alone ('***') are a
    rule, and one with nothing inside is text: both show. Read by index: linear on 100 KB of
    '*'."""
    i, j = _trimmed(text, 0, len(text))
    if not (j - i > 2 and text[i] in "*_" and text[j - 1] == text[i]):
        return text  # most: no emphasis around it
    others = [k for k, c in enumerate(text) if c not in "*_"]  # what is not a delimiter
    while j - i > 2 and text[i] in "*_" and text[j - 1] == text[i]:
        k = bisect_left(others, i + 1)
        if (text[i + 1].isspace() or text[j - 2].isspace() or k == len(others)
                or others[k] >= j - 1):  # white space inside, or only delimiters
            break
        i, j = _trimmed(text, i + 1, j - 1)
    return text[i:j]


def _trimmed(text: str, i: int, j: int) -> tuple[int, int]:
    """``text[i:j]`` without the characters at its ends that show nothing, as its bounds."""
    while i < j and not _char_shows(text[i]):
        i += 1
    while j > i and not _char_shows(text[j - 1]):
        j -= 1
    return i, j


def _char_shows(c: str) -> bool:
    return (not c.isspace() and c not in BLANK) if c.isprintable() else _unprintable_shows(c)


def _run_shows(run: str) -> bool:
    """Whether text between tags shows (references decoded before: '&lt;b&gt;' is text)."""
    run = _REFERENCE.sub(lambda m: html.unescape(m[0]), run) if "&" in run else run
    return any(map(_char_shows, run))
