"""What a DocFX page pulls into itself from other files: includes ('[!INCLUDE [title](path)]'),
code snippets ('[!code-cs[name](path)]', '[!notebook-…]', ':::code source="path":::'), read as
DocFX's parsers read them, each in time linear in the text.

Also the players it embeds: video links and directives, and images of video sites and media
files. (An image a directive shows is a link's business: its host, ``foreign-host``.)
"""

from __future__ import annotations

import re

from pipeline.checks.tokens.attributes import media_players
from pipeline.checks.tokens.colons import directive_values
from pipeline.checks.tokens.links import video_links
from pipeline.checks.tokens.tags import lenient_tags

# An include as DocFX's older reader took it: a '-' after its name, a title that may hold a
# bracketed word ('[!INCLUDE [a [b] c](path)]'), the path up to a '>', ')' or white space.
_FILE_DIRECTIVE = re.compile(
    r"\[!include-?\s*\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]"
    r"\(\s*<?((?:[^)\s>\\]|\\.)*)", re.I | re.S)
# ... and as its InclusionInlineParser and InclusionBlockParser read one: '[!include', a '-'
# (inline) or '+' (a line of its own) after it, spaces, a title up to the first ']' no
# backslash escapes ('[' is text there: '[!INCLUDE [a[b](path)]'), then '(' and the path: up to
# a ')' or white space, '>' and all ('(../a.md>/../../x.po)' loads '../x.po'), or, opened
# with '<', up to its '>'. A backslash escapes any character but white space, which is
# Markdig's, ASCII: a no-break space is part of a path ('a.md' U+00A0 '/../../x.po' is '../x.po')
_INCLUDE_HEAD = re.compile(r"\[!include[-+]?\s*+\[", re.I)
_INCLUDE_TAIL = re.compile(r"\]\(\s*+(?:<((?:[^)>\t-\r \\]|\\[^\t-\r ])*+)"
                           r"|((?:[^)\t-\r \\]|\\[^\t-\r ])*+))")
# ... and a code snippet as DocFX's CodeSnippetParser reads one: '[!code' or '[!notebook', any
# language up to the '[', a name up to the first ']' no backslash escapes, white space before
# the '(', a path up to its query, bookmark or title; and the ':::code source="path":::'
# extension (``colons``). Each is read in linear time (_directives): as one regular
# expression, every opening read to the text's end to fail, then the next did the same.
_SNIPPET_HEAD = re.compile(r"\[!(?:code|notebook)(?:-[^\[\n]*+)?\[", re.I)
_SNIPPET_TAIL = re.compile(r"\]\s*+\(\s*+((?:[^)#?\"\\]|\\.)*+)", re.S)
_CLOSE = re.compile(r"(?<!\\)(\\*+)\]")  # a ']' and the backslashes before it
_SOURCE = frozenset(("source",))


def _directives(text: str, head_at: re.Pattern[str], tail_at: re.Pattern[str]) -> list[str]:
    """The path of each directive that ``head_at`` opens, whose title or name ends at the
    first ']' after it that no backslash escapes, and whose ``tail_at`` read from that ']'
    gives the path (its groups joined)."""
    out: list[str] = []
    tails: dict[int, re.Match[str] | None] = {}
    pos = 0
    close = -1  # the first ']' no backslash escapes after the last head read
    while (head := head_at.search(text, pos)) is not None:
        if close < head.end():  # heads come in order: the text is read for ']' once
            close = _first_close(text, head.end())
            if close < 0:  # no name ends: nor does any later one
                break
        if close not in tails:
            tails[close] = tail_at.match(text, close)
        tail = tails[close]
        if tail is None:
            pos = head.start() + 1
        else:
            out.append("".join(tail.groups(default="")).strip())
            pos = tail.end()
    return out


def _first_close(text: str, at: int) -> int:
    """Where the first ']' from ``at`` on that no backslash escapes stands; -1 if none. (A
    head ends with '[' and a ']' ends a search: no run of backslashes starts before ``at``.)"""
    found = _CLOSE.search(text, at)
    while found is not None and len(found.group(1)) % 2:
        found = _CLOSE.search(text, found.end())
    return -1 if found is None else found.end() - 1


# How an include or a code snippet starts: masking code never makes one, so a text without
# such a start has none
LOADS_FIRST = re.compile(r"\[!(?:include|code|notebook)|:::[ \t]*+code", re.I)


def loaded_paths(text: str) -> list[str]:
    """The path of each include and code snippet in ``text`` (code masked): each include as
    both of DocFX's readers take it (a path twice where they agree, on either page alike)."""
    out = _FILE_DIRECTIVE.findall(text)
    if "[!" in text:
        out += _directives(text, _INCLUDE_HEAD, _INCLUDE_TAIL)
        out += _directives(text, _SNIPPET_HEAD, _SNIPPET_TAIL)
    if ":::" in text:
        out.extend(directive_values(text, _SOURCE, "code"))
    return out


# A player a page embeds: a '[!VIDEO …]' (an <iframe>), a ':::video source="…":::' (one too),
# an image Markdig's media links make an <iframe>, <video> or <audio> of ('![x](https://www.
# youtube.com/watch?v=…)', '![x](a.mp4)'). On a video site the video is the path: another one is
# anyone's upload, played inside the page.


def may_embed(text: str) -> bool:
    """What a player needs: '[!' (a video link), ':::' (a video directive), '![' (an image) or
    an HTML element that plays or shows another document."""
    return ("[!" in text or ":::" in text or "![" in text
            or ("<" in text and _PLAYER_TAG.search(text) is not None))


# HTML elements that play or show another document inside the page, each with the attribute
# naming what it loads: the English's own one, retargeted on its host ('/embed/abc' as
# '/embed/xyz', 'media/a.pdf' as another file of the site), is a player the English lacks
_HTML_PLAYERS = {"iframe": "src", "frame": "src", "embed": "src", "video": "src",
                 "audio": "src", "source": "src", "track": "src", "object": "data"}
_PLAYER_TAG = re.compile(r"<\s*+(?:" + "|".join(_HTML_PLAYERS) + r")(?![\w-])", re.I)


def players(text: str) -> list[str]:
    """The URL of each player ``text`` (code masked) embeds, as written."""
    out = video_links(text)
    if ":::" in text:
        out.extend(directive_values(text, _SOURCE, "video"))
    out.extend(media_players(text))
    if "<" in text and _PLAYER_TAG.search(text):
        out.extend(v for name, attrs in lenient_tags(text) if name in _HTML_PLAYERS
                   for a, v in attrs if a == _HTML_PLAYERS[name])
    return out
