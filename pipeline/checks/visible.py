"""Whether a text shows anything on a page: the ``translation-blank`` check's measure, and
the imports' (``xliff.segments.blank``), so that a returned target the page would hold back
as blank is never taken as a translation in place of the catalog's."""

from __future__ import annotations

import html
import re
import unicodedata

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
# button, video…) may show something, and stay.
_EMPTY_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|s|samp|small|span"
    r"|strike|strong|sub|sup|time|tt|u|var)(?=[\s/>])[^<>]*>", re.I)


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
    comments and the tags of text elements (``<span></span>``)."""
    text = _COMMENT.sub("", text) if "<!--" in text else text
    first = text.lstrip()[:1]  # mostly a letter after a space: nothing more to read
    if first.isprintable() and first not in BLANK and first not in ("", "<", "&"):
        return True
    text = _EMPTY_TAG.sub("", text) if "<" in text else text  # before references: '&lt;b>'
    text = html.unescape(text) if "&" in text else text  # is text
    return any(not c.isspace() and c not in BLANK if c.isprintable() else _unprintable_shows(c)
               for c in text)
