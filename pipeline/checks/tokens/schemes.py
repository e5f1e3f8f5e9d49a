"""Script and data schemes however they are spelled, link or not (``bare_schemes``): what
``safety`` and ``joins`` count in a text to tell a translation that adds one."""

from __future__ import annotations

import html
import re

# 'javascript:', 'vbscript:', 'livescript:' or 'data:' with white space or control characters
# anywhere in them, which a browser drops from a URL (lower case)
_SPACED = "[\x00-\x20\x7f]*"
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+.-")
_SCHEME = re.compile("(?:" + "|".join(_SPACED.join(word) for word in (
    "javascript", "vbscript", "livescript", "data")) + ")" + _SPACED + ":")


def bare_schemes(text: str) -> int:
    """How many script or data URLs ``text`` holds, link or not ('javascript:x' in one
    segment, '[a]' and '(…)' or '[a]:' in the ones beside it, make one link on the page):
    references and backslash escapes read as Markdown reads them. A script URL does something
    only with a call, an assignment or a string ('javascript:alert(1)', 'javascript:"…"'), a
    data URL only with a media type or its comma ('data:text/html,…'): 'the VBScript code:',
    'JavaScript:支持', 'javascript:-URLs', 'Data:2024-01-15' are prose."""
    if ":" not in text and "&" not in text:  # each scheme ends with a colon (or a reference's)
        return 0
    low = (html.unescape(text) if "&" in text else text).replace("\\", "").lower()
    found, code, white = 0, _Next(_CODE, low), _Next(_WHITE, low)
    for m in _SCHEME.finditer(low):
        if m.start() and low[m.start() - 1] in _SCHEME_CHARS:
            continue
        if m.group().startswith("d"):
            found += _DATA_PAYLOAD.match(low, m.end()) is not None
            continue
        head = _SCRIPT_HEAD.match(low, m.end())
        # its code: a call, assignment, string or escape before the next white space (each
        # looked for once, not once a scheme: 'javascript:javascript:…' was quadratic)
        found += head is not None and code.at(head.end()) < white.at(head.end())
    return found


class _Next:
    """Where ``pattern`` next matches in ``text`` at or after a position, remembered: asked
    at positions that mostly grow, it reads the text once."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.text, self.looked, self.found = pattern, text, 0, -1

    def at(self, pos: int) -> int:
        if pos < self.looked or self.found < pos:
            m = self.pattern.search(self.text, pos)
            self.looked, self.found = pos, len(self.text) if m is None else m.start()
        return self.found


# after the scheme, up to white space: a media type or the comma of a data URL; for script, a
# payload starting with no closing punctuation and holding a call, assignment, string or escape
_DATA_PAYLOAD = re.compile(r"[\x00-\x20]*(?:[a-z][\w.+-]*/[\w.+-]|[,;])")
# (JavaScript takes a no-break space, U+2028 or a BOM before its code as white space)
_SCRIPT_HEAD = re.compile(
    r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*[^\s)\]*>|\x7f-\uffff]")
_CODE = re.compile(r"[(=`'\"%&\\]")
_WHITE = re.compile(r"\s")
