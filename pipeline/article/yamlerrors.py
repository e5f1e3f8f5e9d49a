"""A YAML syntax error of front matter said as the writer made it, at the line of the mistake.

The parser says where it gave up, in its own words, which differ between libyaml and the
pure-Python parser: an unclosed quote was "found unexpected end of stream" at the closing
``---``, or "did not find expected key" ten lines below, where a later quote closed it; a
``title: Step 1: go`` was "mapping values are not allowed in this context". Each common mistake
is told from the parser's marks and the tokens before them (never from its wording), so both
parsers give one message, at the line to fix, with what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

# A line inside a quoted value that reads as a key of its own: the quote swallowed it
_KEY_LINE = re.compile(r"\n[ \t]*[A-Za-z_][\w.\-/]*:[ \t\r]")
# characters YAML reserves at the start of a plain value ('@' and '`', '%' a directive's)
_RESERVED = "@`%"


@dataclass(frozen=True)
class Explained:
    problem: str  # after "front matter is not valid YAML: "
    hint: str
    index: int | None  # where to point, a character index into the front matter


def explain(exc: yaml.MarkedYAMLError, text: str, loader: Any,
            line_of: Callable[[int], int]) -> Explained:
    """What ``exc``, raised parsing ``text`` with ``loader``, means to the writer;
    ``line_of``: the article line of an index into ``text``."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None or not 0 <= mark.index <= len(text):
        return Explained(str(exc.problem or exc), "fix the YAML syntax", None)
    at = mark.index
    if text[at:at + 1] == "\t":
        return Explained("a tab, where YAML takes only spaces",
                         "replace the tab with spaces", at)
    before = _token_before(text, at, loader)
    scalar = before if isinstance(before, yaml.ScalarToken) else None
    quoted = scalar is not None and scalar.style in ("'", '"')
    if (context is not None and exc.context == "while scanning a quoted scalar"
            and at >= len(text.rstrip())):
        quote = text[context.index]
        return Explained(f"a quoted value is never closed: its {quote} runs on to the end of "
                         "the front matter", _close_hint(quote), context.index)
    if scalar is not None and quoted and _KEY_LINE.search(text, scalar.start_mark.index,
                                                          scalar.end_mark.index):
        quote = text[scalar.start_mark.index]
        last = line_of(scalar.end_mark.index - 1)  # the article's line, as every line said
        return Explained(f"a quoted value is not closed on its line: its {quote} runs on to "
                         f"the {quote} on line {last}, taking the keys between as its text",
                         _close_hint(quote), scalar.start_mark.index)
    if scalar is not None and quoted and scalar.end_mark.line == mark.line:
        return Explained("text after the closing quote of a quoted value",
                         _quote_hint(text, scalar.start_mark.index), at)
    if "mapping values are not allowed" in str(exc.problem):
        if scalar is not None and scalar.plain and scalar.start_mark.line < mark.line:
            return Explained(
                "this line is indented under the value of the line above, so YAML reads it "
                "as more of that value, and its ': ' as a key inside it",
                "start the key where the other keys start, or end the line above's value on "
                "its line", at)
        start = scalar.start_mark.index if scalar is not None else at
        return Explained("a ': ' inside a value that is not quoted, which YAML reads as a key",
                         _quote_hint(text, start), at)
    if at < len(text) and text[at] in _RESERVED:
        return Explained(f"a value that starts with '{text[at]}', which YAML reserves",
                         _quote_hint(text, at), at)
    if exc.context == "while scanning an alias" and context is not None:
        return Explained("a value that starts with '*', which YAML reads as an alias (a "
                         "reference to an anchor)", _quote_hint(text, context.index),
                         context.index)
    if text[at:at + 2].rstrip(" \r\n") == "-" and exc.context == "while parsing a block mapping":
        return Explained("a list item ('- ') among the keys", "put the items under a key with "
                         "no value on its line ('keywords:', then '- item' lines), or write "
                         "this line as 'key: value'", at)
    opened = {"while parsing a flow sequence": ("[", "]"),
              "while parsing a flow mapping": ("{", "}")}.get(str(exc.context))
    if opened is not None and context is not None and context.line < mark.line:
        return Explained(f"a '{opened[0]}' that is not closed with '{opened[1]}' on its line",
                         f"close it with '{opened[1]}', or write each item as a '- item' line "
                         "below the key", context.index)
    return Explained(str(exc.problem or exc), "fix the YAML syntax", at)


def _token_before(text: str, index: int, loader: Any) -> yaml.Token | None:
    """The last token that starts before ``index`` (the scanner stops at its own error)."""
    last = None
    try:
        for token in yaml.scan(text, Loader=loader):
            if token.start_mark.index >= index:
                break
            last = token
    except (yaml.YAMLError, RecursionError, ValueError):
        pass
    return last


def _close_hint(quote: str) -> str:
    inner = '\\"' if quote == '"' else "''"
    return (f"end the value with a {quote} on its line; a {quote} inside the value is "
            f"written {inner}")


def _quote_hint(text: str, start: int) -> str:
    """Put the value from ``start`` to its line's end in double quotes, as the line shows."""
    line_start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    value = text[start:len(text) if end < 0 else end].rstrip(" \t\r")
    shown = value.replace("\\", "\\\\").replace('"', '\\"')
    return f"put the value in double quotes: {text[line_start:start]}\"{shown}\""
