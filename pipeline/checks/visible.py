"""Whether a text shows anything on a page: the ``translation-blank`` check's measure, and
the imports' (``xliff.segments.blank``), so that a returned target the page would hold back
as blank is never taken as a translation in place of the catalog's."""

from __future__ import annotations

import html
import re

from pipeline.checks.rule import FILLERS

# an unclosed comment hides the rest; '<!-->' and '<!--->' are whole comments
_COMMENT = re.compile(r"<!(?=--)(?:.*?--!?>|.*$)", re.S)


# Characters Unicode calls printable that show nothing: the Hangul fillers, the Braille blank,
# the combining grapheme joiner and the Khmer inherent vowels (a known way to fake a blank name),
# and the variation selectors (Mongolian, standard and supplementary), all default-ignorable.
BLANK = frozenset(FILLERS + "\u2800\u034f\u17b4\u17b5\u180b\u180c\u180d"
                  + "".join(map(chr, range(0xFE00, 0xFE10)))
                  + "".join(map(chr, range(0xE0100, 0xE01F0))))


def shows(text: str) -> bool:
    """Whether ``text`` shows anything on the page: more than white space, invisible format
    characters (zero-width space, direction marks), character references to them and HTML
    comments."""
    text = _COMMENT.sub("", text) if "<!--" in text else text
    text = html.unescape(text) if "&" in text else text
    return any(c.isprintable() and not c.isspace() and c not in BLANK for c in text)
