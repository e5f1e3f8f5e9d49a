"""The prose of a span, every piece of markup masked, and what it shows: an English sentence,
unmatched square brackets."""

from __future__ import annotations

import re

from pipeline.checks.tokens.code import MASK, escaped
from pipeline.checks.tokens.links import BARE_URL, mask_markup

_WORD_EDGE = "\"'“”‘’«»()[]*_,.;:!?"
_BRACKET = re.compile(r"[\[\]]")


def prose(text: str) -> str:
    """The span with everything that is not prose masked: code spans, directives, xrefs,
    autolinks, tag-like text, link destinations and reference labels, bare URLs. A masked
    destination keeps its ']', for bracket balance."""
    text = mask_markup(text)
    return BARE_URL.sub(MASK, text) if "://" in text else text


def sentence(text: str) -> bool:
    """Prose that reads as an English sentence, not a name, path or command: mostly words of
    letters only, three or more and two in five of them lower case (names are capitalised;
    sentences have function words), shaped as a sentence (a capital first or a stop last)."""
    tokens = text.split()
    words = [w for w in (t.strip(_WORD_EDGE) for t in tokens) if len(w) > 1 and w.isalpha()]
    if len(words) < 3 or 3 * len(words) < 2 * len(tokens):
        return False
    lower = sum(w.islower() for w in words)
    if lower < 3 or 5 * lower < 2 * len(words):  # 'Dynamics 365 for Finance and Operations'
        return False
    return words[0][0].isupper() or text.rstrip()[-1:] in ".:?!"


def brackets(text: str) -> tuple[int, int]:
    """Unmatched '[' and unmatched ']', escapes aside."""
    opened = stray = 0
    for m in _BRACKET.finditer(text):
        if escaped(text, m.start()):
            continue
        if m.group() == "[":
            opened += 1
        elif opened:
            opened -= 1
        else:
            stray += 1
    return opened, stray
