"""Inline Markdown and HTML tokenizers shared by the fidelity and safety checks.

Everything here reads a span's raw text and reports what it finds; nothing repairs markup. The
HTML scanner is strict on purpose: a tag that a browser would guess its way through (an
unterminated quote, a missing ``>``) is reported as malformed, because in the published page it
swallows whatever follows the segment.

Only known HTML element names make a tag. The corpus English is full of prose placeholders such
as ``<your-server-name>`` or ``<Site name>``; those are placeholders, not markup.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from pipeline.checks.base import LinkRewrite

# Stands in for masked-out text (code, URLs, tags): not space, not punctuation, so it neither
# creates nor removes emphasis flanking, words or numbers.
MASK = "\x1a"

HTML_ELEMENTS = frozenset(
    [
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b",
        "base", "basefont", "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd",
        "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset",
        "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input",
        "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "marquee", "math",
        "menu", "meta", "meter", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol",
        "optgroup", "option", "output", "p", "param", "picture", "plaintext", "pre", "progress",
        "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select",
        "slot", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup",
        "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
        "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp"
    ]
)
KNOWN_TAG_NAMES = "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True))  # for regexes
VOID_ELEMENTS = frozenset(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"
    ]
)

_BACKTICKS = re.compile(r"`+")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_ATTR_NAME = re.compile(r"[^\s\"'<>/=`]+")
_UNQUOTED_VALUE = re.compile(r"[^\s\"'=<>`]+")
_SPACE = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # lower case
    attrs: tuple[tuple[str, str | None], ...]  # (lower-case name, raw value or None)
    end: bool
    self_closing: bool
    offset: int
    stop: int  # offset just past '>'

    @property
    def token(self) -> str:
        """How the tag is compared: element and attribute names, not values or quoting."""
        if self.end:
            return f"</{self.name}>"
        names = "".join(" " + a for a, _ in self.attrs)
        return f"<{self.name}{names}>"


@dataclass(frozen=True, slots=True)
class BadTag:
    name: str
    offset: int
    text: str  # the tag as far as it goes
    reason: str


# --- code spans ------------------------------------------------------------------------------


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each CommonMark code span, backticks included: a backtick run is closed by
    the next run of the same length; a run with no such closer is literal text."""
    if "`" not in text:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        if escaped(text, start):  # \` is a literal backtick; the run opens one later
            start += 1
        n = end - start
        i += 1
        if n == 0:
            continue
        for j in range(i, len(runs)):
            if runs[j][1] - runs[j][0] == n:
                spans.append((start, runs[j][1]))
                i = j + 1
                break
    return spans


def escaped(text: str, pos: int) -> bool:
    n = 0
    while pos - n - 1 >= 0 and text[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def code_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in code_spans(text)]


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(MASK)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def without_code(text: str) -> str:
    """The text with each code span replaced by MASK."""
    return mask_spans(text, code_spans(text)) if "`" in text else text


# --- HTML ------------------------------------------------------------------------------------


def no_tags(text: str) -> bool:
    """True when no '<' can start a tag: none at all, or only '<xref:' (two C-level counts)."""
    return "<" not in text or text.count("<") == text.count("<xref:")


def html_tags(text: str) -> tuple[list[Tag], list[BadTag]]:
    """Tags of known HTML elements, and tags of known elements that do not parse. ``text``
    should already be code-masked. Comments count as malformed only when left open."""
    tags: list[Tag] = []
    bad: list[BadTag] = []
    if "<" not in text:
        return tags, bad
    n = len(text)
    pos = text.find("<")
    while pos >= 0:
        nxt = pos + 1
        if text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            if close < 0:
                bad.append(BadTag("!--", pos, text[pos : pos + 40], "comment is not closed"))
                break
            nxt = close + 3
        else:
            end = pos + 1 < n and text[pos + 1] == "/"
            m = _TAG_NAME.match(text, pos + 2 if end else pos + 1)
            if m is not None and m.group().lower() in HTML_ELEMENTS:
                after = text[m.end() : m.end() + 1]
                # '<table_name>' or '<code.x>' are placeholders: a name needs a tag boundary.
                # '<b<i>' is '<b' left unclosed ('b<i' to a browser): scanned, and reported.
                if after in ("", ">", "/", "<") or after.isspace():
                    result = _scan_tag(text, pos, m.group().lower(), m.end(), end)
                    if isinstance(result, BadTag):
                        bad.append(result)
                        nxt = pos + 1 + len(m.group())
                    else:
                        tags.append(result[0])
                        nxt = result[1]
        pos = text.find("<", nxt)
    return tags, bad


def _scan_tag(text: str, start: int, name: str, pos: int, end: bool) -> tuple[Tag, int] | BadTag:
    n = len(text)
    attrs: list[tuple[str, str | None]] = []

    def bad(reason: str, stop: int) -> BadTag:
        return BadTag(name, start, text[start : min(stop, start + 60)], reason)

    while True:
        ws = _SPACE.match(text, pos)
        spaced = ws is not None and ws.end() > pos
        pos = ws.end() if ws is not None else pos
        if pos >= n:
            return bad("tag is not closed with '>'", n)
        ch = text[pos]
        if ch == ">":
            return Tag(name, tuple(attrs), end, False, start, pos + 1), pos + 1
        if text.startswith("/>", pos) and not end:
            return Tag(name, tuple(attrs), end, True, start, pos + 2), pos + 2
        if ch == "<":
            return bad("tag is not closed with '>'", pos)
        if end:
            return bad("end tag holds more than its name", pos + 1)
        if not spaced:
            return bad("attributes must be separated by white space", pos + 1)
        m = _ATTR_NAME.match(text, pos)
        if m is None:
            return bad(f"unexpected {ch!r} in tag", pos + 1)
        attr = m.group().lower()
        pos = m.end()
        ws = _SPACE.match(text, pos)
        after_ws = ws.end() if ws is not None else pos
        if after_ws < n and text[after_ws] == "=":
            pos = _SPACE.match(text, after_ws + 1).end()  # type: ignore[union-attr]
            if pos < n and text[pos] in "\"'":
                close = text.find(text[pos], pos + 1)
                if close < 0:
                    return bad("attribute value quote is not closed", n)
                attrs.append((attr, text[pos + 1 : close]))
                pos = close + 1
            else:
                v = _UNQUOTED_VALUE.match(text, pos)
                if v is None:
                    return bad(f"attribute {attr!r} has '=' but no value", pos + 1)
                attrs.append((attr, v.group()))
                pos = v.end()
        else:
            attrs.append((attr, None))


def unbalanced(tags: list[Tag]) -> list[str]:
    """Elements left open ('<b>') and end tags with no start ('</b>'), void elements aside.
    An end tag closes the nearest open element of its name; elements it jumps over stay open
    (mis-nesting), as a strict reader sees it."""
    stack: list[str] = []
    out: list[str] = []
    for tag in tags:
        if tag.name in VOID_ELEMENTS or tag.self_closing:
            continue
        if not tag.end:
            stack.append(tag.name)
        elif tag.name in stack:
            while stack:
                top = stack.pop()
                if top == tag.name:
                    break
                out.append(f"<{top}>")
        else:
            out.append(f"</{tag.name}>")
    out.extend(f"<{name}>" for name in stack)
    return out


# Lenient tag scan for safety: any tag-like text, quotes respected, to the end if unclosed. A
# browser makes an element of any name, so this does not ask for a known one.
LENIENT_TAG_PATTERN = r"</?([A-Za-z][^\s/><]*+)((?:\"[^\"]*+\"?|'[^']*+'?|[^\"'>]++)*+)>?"
LENIENT_TAG = re.compile(LENIENT_TAG_PATTERN)
LENIENT_ATTR = re.compile(
    r"(?:^|(?<=[\s/\"']))([^\s\"'<>/=`]+)(?:\s*=\s*(\"[^\"]*\"?|'[^']*'?|[^\s\"'>]+))?"
)


def lenient_tags(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(lower-case element name, [(lower-case attribute, unquoted value)]) for every tag-like
    piece of ``text``, known element or not."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    if "<" not in text:
        return out
    for m in LENIENT_TAG.finditer(text):
        attrs = []
        for a in LENIENT_ATTR.finditer(m.group(2)):
            value = a.group(2) or ""
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            attrs.append((a.group(1).lower(), value))
        out.append((m.group(1).lower(), attrs))
    return out


# --- Markdown inline -------------------------------------------------------------------------
# One pattern per construct, each starting with a literal character and run only when that
# character is present: the regex engine then skips plain text at C speed. (One alternation of
# them all is several times slower: it is tried at every position.)

# '[!INCLUDE [x](y)]', '[!NOTE]', '[!div class="..."]': DocFX directives, one placeholder each.
_DIRECTIVE = re.compile(r"\[![A-Za-z][\w-]*+(?:[^\[\]\n]++|\[[^\[\]]*+\])*+\]")
XREF = re.compile(r"<xref:[^\s<>]*+>")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*+)>")
# Any tag-like '<name ...>' (known element or prose placeholder such as '<Site name>'), xrefs
# and autolinks: none of it is prose.
_ANGLED = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*+(?:[\s/](?:\"[^\"]*+\"|'[^']*+'|[^<>\"']++)*+)?>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*+>")
# An inline link's destination and title after its ']', or a reference label. The destination
# part alone (DESTINATION_HEAD) is shared with the fast paths of the link and URL checks.
DESTINATION_HEAD = r"\]\([ \t\n]*+(?:<([^<>\n]*+)>|((?:[^\s()\\]++|\\.|\([^\s()]*+\))*+))"
_DESTINATION = re.compile(
    DESTINATION_HEAD
    + r"(?:[ \t\n]++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?+[ \t\n]*+\)?")
_REF_LABEL = re.compile(r"\]\[([^\[\]\\]++)\]")
# A link reference definition: '[label]: destination', then at most a title on the line (text
# after the destination makes it a paragraph, e.g. '[BREAKING CHANGE]: Changed ...').
REF_DEF = re.compile(
    r"^[ \t]{0,3}\[[^\[\]]+\]:[ \t]*(\S+)[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))?[ \t]*$",
    re.M)
# No re.I: case-insensitive alternation defeats the engine's first-character scan.
URL_TAIL = r"[^\s<>\"'`\]]*(?<![).,:;!?])"
BARE_URL = re.compile(r"(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP])://" + URL_TAIL)
_HREF_ATTRS = frozenset(("href", "src"))
_KEEP_BRACKET = "]" + MASK


def prose(text: str) -> str:
    """The span with everything that is not prose masked: code spans, directives, xrefs,
    autolinks, tag-like text, link destinations and reference labels, bare URLs. A masked
    destination keeps its ']', for bracket balance."""
    text = _mask_markup(text)
    return BARE_URL.sub(MASK, text) if "://" in text else text


def _mask_markup(text: str) -> str:
    if "`" in text:
        text = without_code(text)
    if "[!" in text:
        text = _DIRECTIVE.sub(MASK, text)
    if "<" in text:
        text = _ANGLED.sub(MASK, text)
    if "](" in text:
        text = _DESTINATION.sub(_KEEP_BRACKET, text)
    if "][" in text:
        text = _REF_LABEL.sub(_KEEP_BRACKET, text)
    if "]:" in text:
        text = REF_DEF.sub(MASK, text)
    return text


@dataclass(frozen=True, slots=True)
class Links:
    targets: list[str]  # link/image destinations, '[ref]' labels, autolinks, bare URLs, href/src
    directives: list[str]  # '[!INCLUDE ...]', '[!NOTE]' ...
    xrefs: list[str]


def links(text: str) -> Links:
    """What a span links to, outside code spans. Directives are placeholders, not links: the
    '[x](path)' inside '[!INCLUDE [x](path)]' is not counted as a link."""
    if "`" in text:
        text = without_code(text)
    targets: list[str] = []
    found: list[str] = []
    xrefs: list[str] = []
    if "[!" in text:
        found = _DIRECTIVE.findall(text)
        text = _DIRECTIVE.sub(MASK, text)
    if "<" in text:
        xrefs = XREF.findall(text)
        targets.extend(u for u in _AUTOLINK.findall(text) if not u.lower().startswith("xref:"))
        if "=" in text:
            for tag in html_tags(text)[0]:
                targets.extend(v for a, v in tag.attrs if a in _HREF_ATTRS and v is not None)
    if "](" in text:
        targets.extend(a or b for a, b in _DESTINATION.findall(text))
    if "][" in text:
        targets.extend(f"[{label}]" for label in _REF_LABEL.findall(text))
    if "]:" in text:
        targets.extend(REF_DEF.findall(text))
    if "://" in text:
        targets.extend(bare_urls(text))
    return Links(targets, found, xrefs)


# GFM autolinks a bare URL only at a line start or after white space, '*', '_', '~' or '(';
# 'capabilitieshttps://x' in link text, or 'href="https://x"', is no autolink.
_AUTOLINK_AFTER = frozenset(" \t\n*_~(")
# Trailing punctuation that ends the sentence, not the URL: ASCII (GFM) and CJK full-width.
_URL_TRAILING = ".,:;!?*_~\"'。，、；：！？）」』】》”’"


def bare_urls(text: str) -> list[str]:
    """Bare http(s)/ftp URLs as GFM autolinks them, outside code, destinations and tags. A URL
    is cut at a placeholder ('https://&lt;server&gt;/x', 'https://{tenant}.x', 'https://\\<x>'):
    the placeholder's words may be translated, the URL before it may not."""
    text = _mask_markup(text)
    out = []
    for m in BARE_URL.finditer(text):
        if m.start() and text[m.start() - 1] not in _AUTOLINK_AFTER:
            continue
        url = m.group()
        for stop in ("&lt;", "{", "\\", MASK):
            cut = url.find(stop)
            if cut >= 0:
                url = url[:cut]
        out.append(url.rstrip(_URL_TRAILING))
    return out


# --- URLs ------------------------------------------------------------------------------------

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_HOST_START = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?/{2,}|^(?:https?|ftp|wss?):/*")


def decoded_url(url: str) -> str:
    """A URL as a browser would resolve it, for matching schemes and hosts: entities and
    percent-escapes decoded (repeatedly, bounded), control and white space removed, lower
    case, backslashes read as slashes."""
    if "&" in url or "%" in url:
        for _ in range(4):
            step = unquote(html.unescape(url))
            if step == url:
                break
            url = step
    if _CONTROL_OR_SPACE.search(url) is not None:
        url = _CONTROL_OR_SPACE.sub("", url)
    return url.lower().replace("\\", "/")


def url_host(url: str) -> str | None:
    """The host a URL points at, or None for a relative URL. Takes a decoded_url."""
    m = _HOST_START.match(url)
    if m is None:
        return None
    rest = url[m.end() :]
    for stop in "/?#":
        cut = rest.find(stop)
        if cut >= 0:
            rest = rest[:cut]
    rest = rest.rsplit("@", 1)[-1]
    if rest.startswith("["):  # IPv6 literal
        return rest.split("]", 1)[0] + "]"
    return rest.split(":", 1)[0].rstrip(".")


# --- emphasis --------------------------------------------------------------------------------

_EMPHASIS_SPLIT = re.compile(r"(\*+|_+)")
_ESCAPED_MARKER = re.compile(r"\\[*_]")


def _kind(ch: str) -> str:
    """'s'pace, 'p'unctuation (CommonMark counts symbols too) or 'o'ther. A masked code span
    counts as punctuation: it starts and ends with a backtick."""
    if ch.isalnum():
        return "o"
    if ch.isspace():
        return "s"
    return "p" if ch == MASK or unicodedata.category(ch)[0] in "PS" else "o"


def emphasis(text: str) -> tuple[list[str], int]:
    """The emphasis a CommonMark reader makes of the text: the delimiter run of each pair, and
    how many runs could emphasise at all (runs less snake_case underscores); runs left unpaired
    are printed as literal characters. A run can open if left-flanking and close if
    right-flanking ('_' also needs no letter on the far side); each closer takes the nearest
    opener of its character. Simplified: the rule of 3 and partial use of a run (*** as **
    plus *) are left out; the text's edges count as white space, as the text around a segment
    usually is. ``text`` should be code-masked."""
    if "*" not in text and "_" not in text:
        return [], 0
    if "\\" in text:
        text = _ESCAPED_MARKER.sub(MASK, text)
    if "_" not in text and "***" not in text and text.count("*") == 2 * text.count("**"):
        return _bold(text)
    parts = _EMPHASIS_SPLIT.split(text)  # text, run, text, run, ..., text
    last = len(parts) - 1
    openers: list[str] = []
    pairs: list[str] = []
    runs = 0
    for i in range(1, last, 2):
        run = parts[i]
        # the neighbour is the next text's edge, or the adjacent run's, or white space
        ch = parts[i - 1][-1:] or (parts[i - 2][-1] if i > 1 else " ")
        before = "o" if ch.isalnum() else _kind(ch)  # letters first: by far the commonest
        ch = parts[i + 1][:1] or (parts[i + 2][0] if i + 2 < last else " ")
        after = "o" if ch.isalnum() else _kind(ch)
        if run[0] == "_" and before == after == "o":
            continue  # snake_case: intraword underscores never emphasise
        runs += 1
        left = after != "s" and (after != "p" or before != "o")
        right = before != "s" and (before != "p" or after != "o")
        if run[0] == "_":
            can_open = left and (not right or before == "p")
            can_close = right and (not left or after == "p")
        else:
            can_open, can_close = left, right
        if can_close and run in openers:
            while openers.pop() != run:  # openers jumped over stay unmatched
                pass
            pairs.append(run)
        elif can_open:
            openers.append(run)
    return pairs, runs


def _bold(text: str) -> tuple[list[str], int]:
    """emphasis() for the commonest text, '**' runs only: str.split instead of a regex."""
    parts = text.split("**")
    last = len(parts) - 1
    depth = pairs = 0
    for i in range(1, last + 1):
        ch = parts[i - 1][-1:] or ("*" if i > 1 else " ")
        before = "o" if ch.isalnum() else _kind(ch)
        ch = parts[i][:1] or ("*" if i < last else " ")
        after = "o" if ch.isalnum() else _kind(ch)
        if before != "s" and (before != "p" or after != "o") and depth:  # right-flanking
            depth -= 1
            pairs += 1
        elif after != "s" and (after != "p" or before != "o"):  # left-flanking
            depth += 1
    return ["**"] * pairs, last


# --- numbers ---------------------------------------------------------------------------------

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
DIGIT_RUN = re.compile(r"\d+")
_NON_DIGIT = re.compile(r"\D")
# A number with its group and decimal separators (1,000 / 1.000 / 1 000 / ١٬٠٠٠ / 1'000) and
# a scale word: English K/M/B, Chinese and Japanese 万 (10⁴) and 億/亿 (10⁸).
_NUMBER = re.compile(
    r"(\d+(?:[.,\u00a0\u202f\u2009'’٫٬]\d+| \d{3}(?!\d))*)[ \u00a0]?(万|億|亿|[KMB](?![A-Za-z]))?")
_SCALE: dict[str, int] = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000,
                          "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
# English forms that other locales write differently: a 12-hour time ('6:00 P.M.' is 18:00)
# and the '24x7' idiom ('年中無休').
_TIME_12H = re.compile(r"\b(\d{1,2})(?::(\d\d))? ?([AaPp])\.?[Mm]\.?(?![A-Za-z])")
_ROUND_THE_CLOCK = re.compile(r"24 ?[xX×/] ?7(?: ?[xX×/] ?365)?")
# A US date's month may become a word ('11/16' is '16 ноября'): only its day and year count.
_US_DATE_MONTH = re.compile(r"\b(?:1[0-2]|0?[1-9])/(?=(?:3[01]|[12]\d|0?[1-9])\b)")


def digit_values(runs: list[str]) -> list[str]:
    """Digit runs as sorted values (int() reads any script's digits), a year such as 2018 as
    18: '13.01.18' is how ru-RU writes 1/13/2018."""
    out = []
    for r in runs:
        v = int(r)
        out.append(v % 100 if len(r) == 4 and 1900 <= v < 2100 else v)
    return [str(v) for v in sorted(out)]


def _amount(number: str, scale: str) -> float:
    """A number's value whatever its locale: the last separator is a decimal point unless
    exactly three digits follow it ('1.000' and '1,000' are a thousand, '28,4' is 28.4)."""
    digits = _NON_DIGIT.sub("", number)
    tail = DIGIT_RUN.findall(number)[-1]
    value: float
    if len(tail) != 3 and len(tail) != len(digits):
        value = int(digits[: -len(tail)]) + int(tail) / 10 ** len(tail)
    else:
        value = float(int(digits))
    return round(value * _SCALE[scale], 6)


def numbers(text: str, english: bool) -> tuple[list[str], list[str]]:
    """The prose's digit runs (digit_values) and its amounts, both sorted, amounts written as
    '%g': any script's digits, any locale's grouping and decimal mark and scale words compare
    equal. On the English side, 12-hour times become 24-hour ones, the '24x7' idiom and the
    month of a US date are left out."""
    text = prose(text)
    if "&" in text:
        text = ENTITY.sub(MASK, text)
    if english:
        if "24" in text:
            text = _ROUND_THE_CLOCK.sub(MASK, text)
        text = _TIME_12H.sub(_to_24h, text)
        if "/" in text:
            text = _US_DATE_MONTH.sub(MASK, text)
    amounts = sorted(_amount(n, k) for n, k in _NUMBER.findall(text))
    return digit_values(DIGIT_RUN.findall(text)), [f"{a:g}" for a in amounts]


def _to_24h(m: re.Match[str]) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3) in "Pp" else 0)
    return f"{hour}:{m.group(2) or '00'}"


# --- names -----------------------------------------------------------------------------------
# Verb-Noun cmdlets ('Set-' turned into 'Satz-' is the classic MT defect) and file names, found
# from their literal part ('-X', '.json') backwards so that ordinary words cost nothing.

CMDLET_NOUN = re.compile(r"-[A-Z][A-Za-z0-9]*+")
_VERB_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]++(?:To|From)?$")
# A generic '.ext' scan and a set lookup: an alternation of extensions would be tried at every
# full stop of every sentence.
EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,5})(?!\w|\.\w)")
_EXTENSIONS = frozenset(
    [
        "json", "jsonc", "js", "ts", "xml", "xaml", "yml", "yaml", "ps1", "psm1", "psd1", "cs",
        "vb", "py", "md", "txt", "csv", "config", "dll", "exe", "msi", "zip", "htm", "html", "css",
        "sql", "sh", "cmd", "bat", "ini", "pfx", "cer", "pem", "resx", "csproj", "sln", "bicep",
        "cshtml", "aspx", "ipynb"
    ])
_NAME_TAIL = re.compile(r"[\w-]+(?:\.[\w-]+)*$")
# 'Read-Only', 'Add-On', 'Set-Up': English compounds, not Verb-Noun commands.
_NOT_NOUNS = frozenset([
    "On", "Ons", "In", "Ins", "Only", "Up", "Out", "Off", "Over", "Back", "Down", "Away", "Through",
    "Time"
])
_VERBS = frozenset(
    [
        "Add", "Approve", "Assert", "Backup", "Block", "Checkpoint", "Clear", "Close", "Compare",
        "Complete", "Compress", "Confirm", "Connect", "Convert", "ConvertFrom", "ConvertTo", "Copy",
        "Debug", "Deny", "Deploy", "Disable", "Disconnect", "Dismount", "Edit", "Enable", "Enter",
        "Exit", "Expand", "Export", "Find", "Format", "Get", "Grant", "Group", "Hide", "Import",
        "Initialize", "Install", "Invoke", "Join", "Limit", "Lock", "Measure", "Merge", "Mount",
        "Move", "New", "Open", "Optimize", "Out", "Ping", "Pop", "Protect", "Publish", "Push",
        "Read", "Receive", "Redo", "Register", "Remove", "Rename", "Repair", "Request", "Reset",
        "Resize", "Resolve", "Restart", "Restore", "Resume", "Revoke", "Save", "Search", "Select",
        "Send", "Set", "Show", "Skip", "Split", "Start", "Step", "Stop", "Submit", "Suspend",
        "Switch", "Sync", "Test", "Trace", "Unblock", "Undo", "Uninstall", "Unlock", "Unprotect",
        "Unpublish", "Unregister", "Update", "Use", "Wait", "Watch", "Write"
    ])


def names(text: str) -> list[str]:
    """Verb-Noun cmdlet names (PowerShell's approved verbs) and file names with a common
    extension, in order."""
    out = []
    if "-" in text:
        for m in CMDLET_NOUN.finditer(text):
            verb = _VERB_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if verb is not None and verb.group() in _VERBS and m.group()[1:] not in _NOT_NOUNS:
                out.append(text[verb.start() : m.end()])
    if "." in text:
        for m in EXTENSION.finditer(text):
            if m.group(1).lower() not in _EXTENSIONS:
                continue
            head = text[max(0, m.start() - 120) : m.start()]
            if not head or head[-1].isspace():
                continue  # '.csv file': an extension alone names no file
            # the tail of the last word (C-level rsplit, then a short regex on that word)
            name = _NAME_TAIL.search(head.rsplit(None, 1)[-1])
            if name is not None and name.group():
                out.append(name.group() + text[m.start() : m.end()])
    return out


# --- words, names in text, brackets, link keys --------------------------------------------------

_WORD_EDGE = "\"'“”‘’«»()[]*_,.;:!?"
_BRACKET = re.compile(r"[\[\]]")


# A locale as a path part ('/fr-fr/', '/zh-hans/'): stands for '/{locale}/' when the caller
# did not say which locale the article is in (Options.locale empty).
_LOCALE_PART = re.compile(r"/[a-z]{2,3}(?:-[a-z0-9]{2,8}){1,2}/")


def link_key(url: str, rewrites: tuple[LinkRewrite, ...], locale: str) -> str:
    """A target with each configured locale part (either side of a rewrite) made one token."""
    low = url.lower()
    if len(low) != len(url):  # case mapping changed the length: compare as written
        return url
    for n, rewrite in enumerate(rewrites):
        parts = [rewrite.source.lower()]
        if locale:
            parts.append(rewrite.target.replace("{locale}", locale).lower())
        elif rewrite.target == "/{locale}/" and "/" in low:
            parts.extend(dict.fromkeys(_LOCALE_PART.findall(low)))
        for part in parts:
            if part and part in low:
                pieces, pos, found = [], 0, low.find(part)
                while found >= 0:
                    pieces.append(url[pos:found])
                    pieces.append(f"\x00{n}\x00")
                    pos = found + len(part)
                    found = low.find(part, pos)
                pieces.append(url[pos:])
                url = "".join(pieces)
                low = url.lower()
    return url


def has_word(text: str, word: str) -> bool:
    """``word`` in ``text`` as a whole name: no letter, digit, '-' or '.' + letter around it."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        before = text[pos - 1 : pos]
        after = text[end : end + 2]
        glued_before = before.isalnum() or before in "-_"
        glued_after = after[:1].isalnum() or after[:1] in "-_" or (
            after[:1] == "." and after[1:].isalnum())
        if not (glued_before or glued_after):
            return True
        pos = text.find(word, pos + 1)
    return False


def sentence(prose: str) -> bool:
    """Prose that reads as an English sentence, not a name, path or command: mostly words of
    letters only, three or more and two in five of them lower case (names are capitalised;
    sentences have function words), shaped as a sentence (a capital first or a stop last)."""
    tokens = prose.split()
    words = [w for w in (t.strip(_WORD_EDGE) for t in tokens) if len(w) > 1 and w.isalpha()]
    if len(words) < 3 or 3 * len(words) < 2 * len(tokens):
        return False
    lower = sum(w.islower() for w in words)
    if lower < 3 or 5 * lower < 2 * len(words):  # 'Dynamics 365 for Finance and Operations'
        return False
    return words[0][0].isupper() or prose.rstrip()[-1:] in ".:?!"


def brackets(prose: str) -> tuple[int, int]:
    """Unmatched '[' and unmatched ']', escapes aside."""
    opened = stray = 0
    for m in _BRACKET.finditer(prose):
        if escaped(prose, m.start()):
            continue
        if m.group() == "[":
            opened += 1
        elif opened:
            opened -= 1
        else:
            stray += 1
    return opened, stray
