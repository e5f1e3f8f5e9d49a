"""An inline link's or image's destination and title after its ']', as Markdig reads them:
shared by the link, URL and media readings and by the code-span reading (``code``)."""

from __future__ import annotations

# A bare destination's own character: Markdig ends one at a space, a tab or a control
# character only (C1's too), so a no-break space is part of it ('media/a.mp4' U+00A0
# '/../../b.mp4' plays b.mp4)
URL_CHAR = r"[^\x00-\x20\x7f-\x9f]"
_PLAIN = r"[^\x00-\x20\x7f-\x9f()\\]"


def _balanced(depth: int) -> str:
    """A '(…)' of a bare destination, parentheses nested in it up to ``depth`` deep, each
    escaped one its own character (Markdig counts them, to any depth: no text nests more)."""
    inner = r"\((?:" + _PLAIN + r"|\\.)*+\)"
    for _ in range(depth - 1):
        inner = r"\((?:" + _PLAIN + r"++|\\.|" + inner + r")*+\)"
    return inner


BALANCED = _balanced(8)
# The destination alone (DESTINATION_HEAD) is shared with the fast paths of the link and URL
# checks. As Markdig reads one: a backslash escapes a '>' in a '<…>' one and a parenthesis
# anywhere, and balanced parentheses nest
DESTINATION_HEAD = (r"\]\([ \t\n]*+(?:<((?:[^<>\n\\]|\\.)*+)>"
                    r"|((?:" + _PLAIN + r"++|\\.|" + BALANCED + r")*+))")
DESTINATION_PATTERN = (
    DESTINATION_HEAD
    + r"(?:[ \t\n]++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?+[ \t\n]*+(\)?)")
# A full reference link's label after its ']': read from the raw text as a destination is, so
# a backtick in it opens no code span ('[a][`]' with '[`]: x.md' defined). Where no definition
# matches, Markdig reads the backtick as code: taken for a label, fewer spans are masked
LABEL_PATTERN = r"\]\[(?:[^\[\]\\]|\\.)*+\]"
