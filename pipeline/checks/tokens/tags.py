"""HTML tags, read two ways.

The strict scanner (``html_tags``) is for fidelity: a tag that a browser would guess its way
through (an unterminated quote, a missing ``>``) is reported as malformed, because in the
published page it swallows whatever follows the segment. Only known HTML element names make a
tag: the corpus English is full of prose placeholders such as ``<your-server-name>`` or
``<Site name>``; those are placeholders, not markup.

The lenient scanner (``lenient_tags``) is for safety: any tag-like text, as a browser would make
an element of it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

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

# What parts a tag's name and attributes: HTML's white space, not Python's (a vertical tab or a
# no-break space is part of a name or of an unquoted value to a browser: ``style=a\vclass=b``
# is one style)
_WS = "\t\n\f\r "
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_ATTR_NAME = re.compile(rf"[^{_WS}\"'<>/=`]+")
_UNQUOTED_VALUE = re.compile(rf"[^{_WS}\"'=<>`]+")
_SPACE = re.compile(rf"[{_WS}]*")


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


NOT_CLOSED = "tag is not closed with '>'"  # a BadTag's reason: cut at the text's end or a '<'


@dataclass(frozen=True, slots=True)
class BadTag:
    name: str
    offset: int
    text: str  # the tag as far as it goes
    reason: str


def no_tags(text: str) -> bool:
    """True when no '<' can start a tag: none at all, or only xrefs (``<xref:Uid>``; one with
    white space or a '/' in it is a tag to a browser: ``<xref:x onmouseover=…>``)."""
    if "<" not in text:
        return True
    n = text.count("<")
    return n == text.count("<xref:") and n == len(_XREF.findall(text))


_XREF = re.compile(r"<xref:[^\s<>/]*+>")  # a "/" parts attributes too: <xref:x/onclick=…>


# Where a browser ends a comment: '-->' or '--!>', which may share the dashes of its '<!--'
# ('<!-->' and '<!--->' are whole comments), looked for from the '--' of the opening
COMMENT_END = re.compile(r"--!?>")


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
            close = COMMENT_END.search(text, pos + 2)  # '<!-->' and '<!--->' end at once
            if close is None:
                bad.append(BadTag("!--", pos, text[pos : pos + 40], "comment is not closed"))
                break
            nxt = close.end()
        else:
            end = pos + 1 < n and text[pos + 1] == "/"
            m = _TAG_NAME.match(text, pos + 2 if end else pos + 1)
            if m is not None and m.group().lower() in HTML_ELEMENTS:
                after = text[m.end() : m.end() + 1]
                # '<table_name>' or '<code.x>' are placeholders: a name needs a tag boundary.
                # '<b<i>' is '<b' left unclosed ('b<i' to a browser): scanned, and reported.
                if after in ("", ">", "/", "<") or after in _WS:
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
            return bad(NOT_CLOSED, n)
        ch = text[pos]
        if ch == ">":
            return Tag(name, tuple(attrs), end, False, start, pos + 1), pos + 1
        if text.startswith("/>", pos) and not end:
            return Tag(name, tuple(attrs), end, True, start, pos + 2), pos + 2
        if ch == "<":
            return bad(NOT_CLOSED, pos)
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
LENIENT_TAG_PATTERN = rf"</?([A-Za-z][^{_WS}/><]*+)((?:\"[^\"]*+\"?|'[^']*+'?|[^\"'>]++)*+)>?"
LENIENT_TAG = re.compile(LENIENT_TAG_PATTERN)
LENIENT_ATTR = re.compile(
    rf"(?:^|(?<=[{_WS}/\"']))([^{_WS}\"'<>/=`]+)"
    rf"(?:[{_WS}]*=[{_WS}]*(\"[^\"]*\"?|'[^']*'?|[^{_WS}\"'>]+))?"
)
# The same with values that must close: an unclosed quote ends the tag there
_CLOSED_TAG = re.compile(rf"</?([A-Za-z][^{_WS}/><]*+)((?:\"[^\"]*+\"|'[^']*+'|[^\"'>]++)*+)>?")
_CLOSED_VALUES = re.compile(r"""(?:"[^"]*+"|'[^']*+'|[^"']++)*+""")


def _views(text: str) -> list[str]:
    """The text as scanned: as written, and, where it has a comment, also as a browser sees it
    with the comments gone (a quote in a comment opens no value: '<!-- <b title=" --> <x-a
    onmouseover=…> ">' is a live <x-a>). Both, since a renderer may not take a comment for one."""
    if "<!--" not in text:
        return [text]
    return [text, _COMMENT.sub(" ", text)]


# from '<!' so that '<!-->' and '<!--->' are whole comments; an unclosed one runs to the end
_COMMENT = re.compile(r"<!(?=--)(?:.*?--!?>|.*\Z)", re.S)


def _lenient(text: str) -> Iterator[re.Match[str]]:
    """LENIENT_TAG's matches in each of the ``_views``; and where a quoted value never closes,
    which LENIENT_TAG reads to the end, the tags inside it as well: a page that takes no tag
    there (a paragraph's 'Text <b title=" <img onerror=…>') runs them. One more pass, in that
    case only, with values that must close: linear."""
    for view in _views(text):
        hidden = -1
        for m in LENIENT_TAG.finditer(view):
            if m.end() == len(view):  # (a value left open runs to the end)
                closed = _CLOSED_VALUES.match(m.group(2))
                if closed is not None and closed.end() < len(m.group(2)):
                    hidden = m.start()
            yield m
        if hidden >= 0:
            yield from _CLOSED_TAG.finditer(view, hidden + 1)


def lenient_tags(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(lower-case element name, [(lower-case attribute, unquoted value)]) for every tag-like
    piece of ``text``, known element or not (of each of its ``_views``; ``_lenient``)."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    if "<" not in text:
        return out
    for m in _lenient(text):
        attrs = []
        for a in LENIENT_ATTR.finditer(m.group(2)):
            value = a.group(2) or ""
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            attrs.append((a.group(1).lower(), value))
        out.append((m.group(1).lower(), attrs))
    return out


# Attributes that change a page with no value at all ('<x hidden>'); with a value, any does
_BARE_ATTRIBUTES = frozenset(["hidden", "popover", "autofocus", "inert", "contenteditable"])


def unknown_attributes(text: str) -> list[str]:
    """The attributes of tags of names HTML does not know (``<x-a style="…">``, ``<o:p id=x>``)
    that would change a page: those with a value, and the few that act bare. A tag of bare
    words (``<nom du groupe>``) is a translated placeholder, not an element with attributes."""
    if "<" not in text:
        return []
    out = []
    for m in _lenient(text):
        if m.group(1).lower() not in HTML_ELEMENTS:
            for a in LENIENT_ATTR.finditer(m.group(2)):
                name = a.group(1).lower()
                if a.group(2) is not None or name in _BARE_ATTRIBUTES:
                    out.append(name)
    return out


_ANCHOR_NAME = re.compile(r"[\w.:-]+")


def inert_anchor(tag: Tag) -> bool:
    """'<a name="x">' alone: the heading anchor the sxs format often puts in a translation whose
    English is empty (81 times in the corpus; never where the English has text). It loads and
    runs nothing ('id' could clobber a script global; it is not
    allowed here)."""
    return (tag.name == "a" and len(tag.attrs) == 1 and tag.attrs[0][0] == "name"
            and _ANCHOR_NAME.fullmatch(tag.attrs[0][1] or "") is not None)


def style_values(text: str) -> list[str]:
    """The value of every ``style`` attribute of every tag-like piece of ``text``, as CSS reads
    it where that is plain: references decoded, white space runs one space and none around
    ':' and ';', no last ';' (``color: red;`` is ``color:red``). Case and quotes are kept: a
    string or a URL may depend on them."""
    return [_STYLE_PUNCTUATION.sub(r"\1", _CSS_SPACE.sub(" ", html.unescape(v)).strip(" "))
            .rstrip(";") for _, attrs in lenient_tags(text) for a, v in attrs if a == "style"]


# The attributes whose value is a URL a page links to or loads (``safety.unsafe_url``)
URL_ATTRIBUTES = frozenset([
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
    "longdesc", "lowsrc", "dynsrc", "codebase", "manifest", "ping", "icon", "srcset"])
# Those whose value is text a translator translates, and those compared by rules of their own
# (the URLs, ``style_values``)
TEXT_ATTRIBUTES = URL_ATTRIBUTES | {
    "alt", "title", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext",
    "aria-placeholder", "placeholder", "summary", "label", "abbr", "value", "lang", "dir",
    "hreflang", "download", "accesskey", "align", "style"}  # (a right-to-left page mirrors)


def _tokens(name: str, value: str) -> str:
    """A class list as the set of its classes (order and spacing change nothing)."""
    return " ".join(sorted(set(value.split()))) if name == "class" else value


def fixed_attributes(text: str) -> list[str]:
    """``name=value`` of every valued attribute of a known HTML element's whole tag in ``text``
    whose value is no text to translate (class, id, target, width, data-*…), references
    decoded: a translation keeps them as the English has them (a class restyles, a target
    opens a window). A tag with no '>' is none ('当 a<b 时，…' compares), nor a bare word."""
    out = []
    for m in (m for view in _views(text) for m in LENIENT_TAG.finditer(view)):
        name = m.group(1).lower()
        if name not in HTML_ELEMENTS or not m.group().endswith(">"):
            continue
        for a in LENIENT_ATTR.finditer(m.group(2)):
            attr, value = a.group(1).lower(), a.group(2)
            if (value is None or attr in TEXT_ATTRIBUTES or not attr.isascii()
                    or (name, attr) == ("a", "name")  # an anchor's name: the anchor rules say
                    or attr.startswith("on")):  # an event handler: event-handler says
                continue
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            out.append(f"{attr}={_tokens(attr, html.unescape(value))}")
    return out


_CSS_SPACE = re.compile(r"[\t\n\f\r ]+")  # CSS's white space: a no-break space is none
_STYLE_PUNCTUATION = re.compile(r" ?([:;]) ?")


# DocFX's '> [!div class="x"]' opens <div class="x">, its attributes written as they stand
# (QuoteSectionNoteRender; the text after '[!div' up to the first ']' no backslash escapes,
# the escapes removed, a pair of backticks around it dropped): the tag rules read it as that tag.
# An opening with no ']' matches too, as far as it reads, and is dropped: as a failure, each
# such opening was read to there again (quadratic), and no later one before there has a ']'.
_SECTION = re.compile(r"\[!div((?:[^\]\\]|\\.)*+)(\]?)", re.I)
_ESCAPE = re.compile(r"\\(.)", re.S)


def unescaped(text: str) -> str:
    """``text`` with each backslash escape read as the character it escapes, as DocFX reads a
    section's attributes and a video's link."""
    return _ESCAPE.sub(r"\1", text)


def with_sections(text: str) -> str:
    """``text`` and, after it, the <div> tag of each DocFX section it opens."""
    if "[!" not in text:
        return text
    tags = []
    for found, closed in _SECTION.findall(text):
        if not closed:
            continue
        attributes = unescaped(found).strip()
        if len(attributes) > 1 and attributes[0] == attributes[-1] == "`":
            attributes = attributes[1:-1]
        tags.append(f"<div {attributes}>")
    return text + "\n" + "\n".join(tags) if tags else text
