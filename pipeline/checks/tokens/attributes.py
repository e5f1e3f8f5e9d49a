"""Markdig's generic attribute blocks ('{#id .class name=value}'), read as the tags they put
on a page, for the tag rules of ``safety``.

DocFX can write a block's attributes onto the element before it, the block it ends or a
fence's info string: a browser runs an 'onclick=' there as on a tag. Read as Markdig's
GenericAttributesParser reads them (white space, form feed and line tabulation too, parts
them and may stand around an '='; a value is quoted, or runs to white space or '}'; after a
quoted value the next name may follow at once), and more: the attributes read before
anything Markdig would refuse count too, and a run stops at a '{' as well, so that each
place is read once (linear, however blocks are nested or repeated), and code is read like
the rest (a '{onclick=…}' on a fence's info string is the fence's). Only attributes that
change the page count (``_ACTIVE``): a placeholder ('{token}') or a PowerShell hash table
('@{enabled="False"}') gives none."""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from urllib.parse import unquote

from pipeline.checks.tokens.code import without_code
from pipeline.checks.tokens.destinations import URL_CHAR
from pipeline.checks.tokens.links import DESTINATION_HEAD, REF_DEF

_NAME = re.compile(r"[A-Za-z_:][\w:.-]*+")
_BLANK = " \t\r\n\f\v"
_STOPS = re.compile(r"[ \t\r\n\f\v{}]")
# What a block's attributes can do to a page: run script (on…), restyle, move or hide it, take
# an id or a name (which clobber a script's globals), link, load or ping. Any other name
# ('{enabled="False"}', PowerShell's '@{…}' in prose) changes nothing a reader sees.
_ACTIVE = frozenset(("id", "name", "class", "style", "href", "src", "srcset", "srcdoc",
                     "action", "formaction", "xlink:href", "ping", "background", "target",
                     "hidden", "popover", "autofocus", "inert", "contenteditable", "dir",
                     "tabindex", "accesskey", "width", "height"))


def with_generic(text: str) -> str:
    """``text`` and, after it, a <span> tag bearing the active attributes of each generic
    attribute block it holds (no '{{'), as ``with_sections`` gives a DocFX section's <div>:
    the tag rules then read them as any tag's."""
    if "{" not in text:
        return text
    tags = []
    pos = text.find("{")
    while pos >= 0:
        if not text.startswith("{", pos + 1) and (pos == 0 or text[pos - 1] != "{"):
            attrs = _block(text, pos + 1)
            if attrs:
                tags.append("<span " + " ".join(
                    name if value is None else f'{name}="{value.replace(chr(34), "&quot;")}"'
                    for name, value in attrs) + ">")
        pos = text.find("{", pos + 1)
    return text + "\n" + "\n".join(tags) if tags else text


def _run_end(text: str, i: int) -> int:
    """Where a run from ``i`` ends: the next white space or brace, else the text's end (a run
    never holds a '{' read on its own, so no place is read by two blocks' runs). Two braces or
    more are read by no block of their own ('{{'): the run goes on over them, as Markdig's
    does ('{.a{{ style=…}' is one block, its class 'a{{')."""
    n = len(text)
    m = _STOPS.search(text, i)
    while m is not None and text.startswith("{{", m.start()):
        j = m.start()
        while j < n and text[j] == "{":
            j += 1
        m = _STOPS.search(text, j)
    return n if m is None else m.start()


def _skip_blank(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _BLANK:
        i += 1
    return i


def _block(text: str, i: int) -> list[tuple[str, str | None]]:
    """The active attributes read from just after a '{' at ``i``, up to its '}' or to what
    no attribute reading takes."""
    n = len(text)
    attrs: list[tuple[str, str | None]] = []
    while True:
        i = _skip_blank(text, i)
        if i >= n or text[i] == "}":
            break
        c = text[i]
        if c in "#.":
            j = _run_end(text, i + 1)
            if j == i + 1:
                break
            attrs.append(("id" if c == "#" else "class", text[i + 1 : j]))
            i = j
            continue
        m = _NAME.match(text, i)
        if m is None:
            break
        name, i = m.group().lower(), m.end()
        value: str | None = None
        after = _skip_blank(text, i)
        if after < n and text[after] == "=":
            i = _skip_blank(text, after + 1)
            if i < n and text[i] in "\"'":
                end = text.find(text[i], i + 1)
                if end < 0:
                    break
                attrs.append((name, text[i + 1 : end]))
                i = end + 1
                continue  # the next name may follow the quote at once
            j = _run_end(text, i)
            value, i = text[i:j], j
        attrs.append((name, value))
        if i < n and text[i] not in _BLANK:
            break
    return [(a, v) for a, v in attrs if a in _ACTIVE or a.startswith("on")]


# Markdig's GenericAttributesParser, for where a block stands (``generic_blocks``): white space
# is ASCII's; a name starts with a letter, '_' or ':'; an '#id' or '.class' run and a bare
# value end at white space or '}' only ('{.a`{x onmouseover=…}' is one block, its class 'a`{x')
_MARKDIG_NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_:.-]*+")
_MARKDIG_STOP = re.compile(r"[\t-\r }]")
_OPEN = re.compile(r"(?<!\{)\{")  # a '{' after another opens none


def generic_blocks(text: str) -> list[tuple[int, int]]:
    """Where Markdig reads a generic attribute block in ``text``: each '{' read as
    GenericAttributesParser reads it, up to its '}' (a '{' or a backtick in a run or a quoted
    value is the block's). Lenient where Markdig refuses a one-character bare value. Linear:
    the reading from a place is the same whichever '{' it began at, so each is read once."""
    if "{" not in text:
        return []
    stops = [m.start() for m in _MARKDIG_STOP.finditer(text)]
    ends: dict[int, int] = {}  # a place read -> where its block ends, -1 for none
    out = []
    for m in _OPEN.finditer(text):
        end = _block_end(text, m.end(), stops, ends)
        if end >= 0:
            out.append((m.start(), end))
    return out


def _block_end(text: str, at: int, stops: list[int], ends: dict[int, int]) -> int:
    """Where the block whose attributes are read from ``at`` ends ('}' included), -1 if it
    is none; each place read is remembered in ``ends``."""
    n = len(text)
    read = []
    end = -1
    while at not in ends:
        read.append(at)
        c = text[at] if at < n else ""
        if c == "}":
            end = at + 1
            break
        if c in ("#", "."):  # a run, not empty, to white space or '}'
            nxt = _next_stop(stops, at + 1, n)
            if nxt == at + 1 or nxt >= n:
                break
            at = nxt
        elif c and c in " \t\n\v\f\r":
            at = _skip_blank(text, at)
        elif (name := _MARKDIG_NAME.match(text, at)) is not None:
            spaced = text[name.end():name.end() + 1] in (" ", "\t")
            at = _skip_blank(text, name.end())
            c = text[at] if at < n else ""
            if c == "}" or (spaced and c and (c in "#.:_" or (c.isascii() and c.isalpha()))):
                continue  # a name alone
            if c != "=":
                break
            at = _skip_blank(text, at + 1)
            c = text[at] if at < n else ""
            if c in ('"', "'") and c:
                close = text.find(c, at + 1)
                if close < 0:
                    break
                at = close + 1
            else:  # a bare value, to white space or '}'
                at = _next_stop(stops, at, n)
                if at >= n:
                    break
        else:
            break
    else:
        end = ends[at]
    for place in read:
        ends[place] = end
    return end


def _next_stop(stops: list[int], at: int, n: int) -> int:
    """The first white space or '}' from ``at`` on; ``n`` if none."""
    i = bisect_left(stops, at)
    return stops[i] if i < len(stops) else n


# DocFX's ':::no-loc text="…":::' writes its text into the page as it stands, raw HTML, with
# each backslash escape read away first ('\<scr\ipt>' is '<script>'): as NolocParser reads it,
# the text runs to the first '"' no backslash escapes (a line break ends none)
_NOLOC = re.compile(r':::no-loc text="((?:[^"\\\n]|\\[^\n])*+)"')
_ESCAPE = re.compile(r"\\(.)")


def noloc_html(text: str) -> list[str]:
    """The HTML each no-loc text of ``text`` writes where a backslash escape makes it other
    than it reads (the rest is in ``text`` as the page gets it)."""
    if "\\" not in text or ":::no-loc" not in text:
        return []
    return [_ESCAPE.sub(r"\1", m) for m in _NOLOC.findall(text) if "\\" in m]


def with_nolocs(text: str) -> str:
    """``text`` and, after it, ``noloc_html``'s HTML."""
    written = noloc_html(text)
    return text + "\n" + "\n".join(written) if written else text


# Markdig's media links (in DocFX's pipeline) make an image of a video site's page an <iframe>
# (a host that starts with one of these: 'vimeo.com.evil.example' too) and one of an audio or
# video file, by its extension, an <audio> or <video>: elements an image is not. Its destination
# read whole, as CommonMark reads it: a '<…>' one with its spaces, a bare one with its balanced
# parentheses ('media/a.mp4(x)/../../b.mp4' plays b.mp4, not the English's a.mp4). Nested
# deeper than the reading follows, a '(' left is read on to the destination's end and taken
# for a player: another URL than the English's, never a shorter one. An image's text may nest
# brackets and hold code spans ('![a [b [c]]](…)', '![a `]` b](…)'), which no pattern
# follows: each destination after a '![' in its paragraph counts (a link's to a media file
# too: the same on both sides); a later paragraph's links are none (an image ends at a blank line)
_IMAGE = re.compile(DESTINATION_HEAD + r"(\(" + URL_CHAR + r"*+)?")
# a line of spaces and tabs alone: it ends a paragraph, and so any image in it
_BLANK_LINE = re.compile(r"(?:\r\n?|\n)[ \t]*+(?=\r|\n)")
# what a URL parser trims from a URL's ends (WHATWG's C0 controls and space; .NET's white space)
_URL_TRIM = "".join(map(chr, range(0x21)))
_EMBEDS = re.compile(r"^(?:https?:)?//(?:www\.youtube\.com|youtu\.be|vimeo\.com|music\.yandex\.ru"
                     r"|ok\.ru)", re.I)
_MEDIA = re.compile(r"\.(?:3gp|3g2|avi|uv[hmupsv]|fvt|f4v|flv|fli|h26[134]|jpm|jpgv|m4v|asf|pyv"
                    r"|wmx?|wmv|wvx|mj2|mxu|mpeg|mp4|ogv|webm|qt|movie|viv|adp|aac|aif|uva|eol"
                    r"|dra|dtshd|dts|rip|lvp|m3u|pya|wma|wax|mid|mp3|mpga|mp4a|ecelp\d{4}|oga"
                    r"|ogg|weba|ram|rmp|au|wav)$", re.I)


def _media(text: str) -> list[tuple[str, str]]:
    """Each image of ``text`` (outside code) that is a player on the page: the element it is
    ('iframe' or 'video', which stands for <audio> too) and its URL."""
    first = text.find("![")
    if first < 0:
        return []
    out = _players_of(_images(text, first))
    # read again with its code masked only where the text as written has one: masking never
    # makes one, and it is the costly part on a whole page
    if out and "`" in text:
        masked = without_code(text)
        first = masked.find("![")
        return _players_of(_images(masked, first)) if first >= 0 else []
    return out


def _images(text: str, first: int) -> list[tuple[str, str, str]]:
    """The destinations after ``first`` (a '![') and each later one, up to the blank line that
    ends its paragraph, and, as a reference image ('![a][r]', '![r]') may take one, each
    reference definition's: judged as an image's, the same on both sides unless a translation
    adds or changes one."""
    images: list[tuple[str, str, str]] = []
    while first >= 0:  # an image never spans a blank line: a later paragraph's links are none
        end = _BLANK_LINE.search(text, first)
        stop = len(text) if end is None else end.start()
        images += _IMAGE.findall(text, first, stop)
        first = text.find("![", stop)
    if "]:" in text:
        images += [(m[1] or "", m[2] or "", "") for m in REF_DEF.finditer(text)]
    return images


def _players_of(images: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Each URL Markdig's media links make a player of, as written. They judge the destination
    as Markdig keeps it, escapes and references decoded, and its path as a URL reads it
    (percent-escapes decoded): 'media/b&#46;mp4' and 'media/a.mp4&#41;/../../b.mp4' play b.mp4."""
    out = []
    for angled, bare, deeper in images:
        url = angled or bare + deeper
        if deeper:
            out.append(("video", url))
            continue
        plain = html.unescape(_ESCAPE.sub(r"\1", url)) if "&" in url or "\\" in url else url
        # a '<…>' one's spaces at its ends are no part of the URL to .NET's Uri or a browser
        plain = plain.strip(_URL_TRIM)
        path = plain.split("?", 1)[0].split("#", 1)[0]
        if "%" in plain:
            plain, path = unquote(plain), unquote(path)
        if _EMBEDS.match(plain):
            out.append(("iframe", url))
        elif _MEDIA.search(path):
            out.append(("video", url))
    return out


def with_media(text: str) -> str:
    """``text`` and, after it, the <iframe>, <video> or <audio> each of its images of media
    is on the page."""
    tags = [f'<{tag} src="{url}">' for tag, url in _media(text)]
    return text + "\n" + "\n".join(tags) if tags else text


def media_players(text: str) -> list[str]:
    """The URL of each image of ``text`` that Markdig's media links make a player of."""
    return [url for _, url in _media(text)]
