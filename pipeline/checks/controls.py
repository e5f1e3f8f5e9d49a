"""Control characters a translation adds: a safety rule, so that none reaches a page.

A page is not only read in a browser. ESC (U+001B) and its one-character form CSI (U+009B)
start terminal control sequences: a page shown in a terminal (a CLI that prints its docs,
``cat``, a CI log of a build) runs them: it clears the screen, rewrites the lines before,
retitles the window or hides text. In a browser they, and every other C0 or C1 control, show
nothing or a box, so a reviewer never sees them; a vertical tab or form feed is white space to
CommonMark, NEL (U+0085) a line break to some YAML and XML readers. None is ever needed in
translated prose, and the English, published instead, has what is needed there."""

from __future__ import annotations

import re

from pipeline.checks.base import Options, diff_multiset
from pipeline.checks.base import quote as q
from pipeline.checks.rule import NONE, Messages, segment_rule
from pipeline.checks.tokens.code import escaped, without_code
from pipeline.findings import Severity

# C0 controls but tab and line ends, DEL and the C1 controls: a vendor's tool brings them (a
# word processor's vertical tab or form feed, a Windows-1252 dash read as Latin-1: U+0097)
_CONTROL_CHARS = "".join(map(chr, (*range(0x20), *range(0x7F, 0xA0)))).translate(
    {ord(c): None for c in "\t\n\r"})
_CONTROL = re.compile("[" + re.escape(_CONTROL_CHARS) + "]")
# A numeric character reference is its character on the page (CommonMark decodes it outside
# code spans, a browser in HTML): '&#11;' is the vertical tab a tool wrote as XML may carry. A
# C1 one too: only a browser's HTML parser reads '&#151;' as Windows-1252's dash, and Markdown
# text reaches none; Markdig (Learn's renderer) writes U+0097 itself, markdown-it U+FFFD.
_CONTROL_REF = re.compile(r"&#(?:[xX]0*([0-9A-Fa-f]{1,2})|0*([0-9]{1,3}));")


def _controls(text: str) -> list[str]:
    """The control characters of ``text``, those its numeric references spell included."""
    found = _CONTROL.findall(text)
    if "&#" in text:
        shown = without_code(text)
        for m in _CONTROL_REF.finditer(shown):
            if escaped(shown, m.start()):
                continue
            hexa, dec = m.groups()
            c = chr(int(hexa, 16) if hexa else int(dec))
            if c in _CONTROL_CHARS and c != "\0":  # '&#0;' is U+FFFD to every reader
                found.append(c)
    return found


@segment_rule(
    "control-character", "safety", Severity.ERROR,
    "a control character the English does not have (an escape, which starts a terminal "
    "control sequence; a vertical tab, form feed or C1 control), or a character reference to "
    "one: invisible in a browser, active in a terminal",
    "delete it; where a word processor's line break became a vertical tab, write what the "
    "English has there (a space)",
    translation_needs=_CONTROL_CHARS + "&")
def control_character(source: str, translation: str, options: Options) -> Messages:
    if "&#" not in translation and _CONTROL.search(translation) is None:
        return NONE
    _, added = diff_multiset(_controls(source), _controls(translation))
    if not added:
        return NONE
    named = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in added))
    return [f"the translation adds {len(added)} control character(s) ({named}): "
            f"{q(translation, 60)}"]
