"""What a span links to: inline and reference links, images, autolinks, href/src attributes,
reference definitions and bare URLs; DocFX directives and xrefs apart, as placeholders. Also
how link targets are compared (``link_key``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.checks.base import LinkRewrite
from pipeline.checks.tokens.code import MASK, without_code
from pipeline.checks.tokens.colons import colon_urls
from pipeline.checks.tokens.destinations import DESTINATION_HEAD as DESTINATION_HEAD
from pipeline.checks.tokens.destinations import DESTINATION_PATTERN as DESTINATION_PATTERN
from pipeline.checks.tokens.tags import html_tags, unescaped

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# One pattern per construct, each starting with a literal character and run only when that
# character is present: the regex engine then skips plain text at C speed. (One alternation of
# them all is several times slower: it is tried at every position.)

# '[!INCLUDE [x](y)]', '[!NOTE]', '[!div class="..."]': DocFX directives, one placeholder each.
_DIRECTIVE = re.compile(r"\[![A-Za-z][\w-]*+(?:[^\[\]\n]++|\[[^\[\]]*+\])*+\]")
XREF = re.compile(r"<xref:[^\s<>]*+>")
# (CommonMark ends an autolink at ASCII control characters and space only: a no-break or an em
# space is part of it, '<https://evil.example/\u00a0>' a link; so is a NUL, which a parser
# reads as U+FFFD first)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x01-\x20<>]*+)>")
# Any tag-like '<name ...>' (known element or prose placeholder such as '<Site name>'), xrefs
# and autolinks: none of it is prose.
_ANGLED = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*+(?:[\s/](?:\"[^\"]*+\"|'[^']*+'|[^<>\"']++)*+)?>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x01-\x20<>]*+>")
# An inline link's destination and title after its ']' (``destinations``), or a reference label
_DESTINATION = re.compile(DESTINATION_PATTERN)
_REF_LABEL = re.compile(r"\]\[([^\[\]\\]++)\]")
_COLLAPSED = re.compile(r"(?<![\]\\!])\[([^\[\]\n]++)\]\[\]")
# A link reference definition: '[label]: destination', then at most a title, and nothing more
# on the line (text after the destination makes it a paragraph, e.g. '[BREAKING CHANGE]:
# Changed ...'). As CommonMark reads one: the destination may be on the next line, a '<…>' one
# may hold spaces ('<javascript:void alert(1)>'), and a title may escape its quotes and run on
# over lines. Group 1: a '<…>' destination's inside; group 2: a bare one.
# (A bare destination ends at a space or control character only: a no-break space is part
# of it; a line ends at CR LF, LF or a CR alone.)
_DEFINED = (
    r"\]:[ \t]*+(?:(?:\r\n?|\n)[ \t]*+)?(?:<((?:[^<>\r\n\\]|\\.)*+)>|([^\x00-\x20<][^\x00-\x20]*+))"
    r"(?:(?:[ \t]++(?:(?:\r\n?|\n)[ \t]*+)?|(?:\r\n?|\n)[ \t]*+)"
    r"(?:\"(?:[^\"\\]|\\.)*+\"|'(?:[^'\\]|\\.)*+'|\((?:[^()\\]|\\.)*+\)))?[ \t]*+(?=[\r\n]|\Z)")
# After the quote and list markers that hold it; a label's brackets may be backslash-escaped
# ('[gu\]ide]: url')
CONTAINERS = r"(?:[ \t]{0,3}(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*"
_LABEL = r"[ \t]{0,3}\[(?:[^\[\]\\]|\\.)+"
REF_DEF = re.compile(r"(?:^|(?<=\r))" + CONTAINERS + _LABEL + _DEFINED, re.M)
DEFINITION_AT = re.compile(_LABEL + _DEFINED)  # one starting where it is matched
# No re.I: case-insensitive alternation defeats the engine's first-character scan.
URL_TAIL = r"[^\s<>\"'`\]]*(?<![).,:;!?])"
BARE_URL = re.compile(r"(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP])://" + URL_TAIL)
_HREF_ATTRS = frozenset(("href", "src"))
_KEEP_BRACKET = "]" + MASK


def mask_markup(text: str) -> str:
    """The span with code, directives, tag-like text, link destinations, reference labels and
    definitions masked (bare URLs are left: see ``prose.prose``)."""
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
        targets.extend(a or b for a, b, _ in _DESTINATION.findall(text))
    if "][" in text:  # a full or collapsed reference: its label, as CommonMark matches it
        targets.extend(f"[{label_key(label)}]" for label in _REF_LABEL.findall(text))
        targets.extend(f"[{label_key(label)}]" for label in _COLLAPSED.findall(text))
    if "]:" in text:
        targets.extend(angled or bare for angled, bare in REF_DEF.findall(text))
    if "://" in text:
        targets.extend(bare_urls(text))
    return Links(targets, found, xrefs)


# DocFX directives that load what they name: '[!INCLUDE[x](url)]', '[!code-js[x](url)]',
# '[!VIDEO url]', and ':::image source="url":::' (code and video alike; lightbox, link too).
# A video's link as DocFX reads it: up to the first ']' no backslash escapes, the escapes
# removed ('https://learn.microsoft.com\]@evil.example/v' is evil.example's), spaces and all;
# after '[!VIDEO' whatever .NET's Trim() drops, or nothing ('[!VIDEOhttps://…]', '[!VIDEO'
# U+2003 'https://…]' are videos too)
_VIDEO = re.compile(r"\[!VIDEO((?:[^\]\\\n]|\\.)*+)", re.I)


def video_links(text: str) -> list[str]:
    """The link of each '[!VIDEO …]' of ``text``, as DocFX reads it."""
    if "[!" not in text:
        return []
    return [v for v in (unescaped(v).strip() for v in _VIDEO.findall(text)) if v]


# A directive's attributes: the rest of its line, and a double-quoted value runs on over line
# breaks to its closing quote, as DocFX's TripleColonInlineParser reads an inline ':::image'
# or ':::video' (the quick looks' reach; ``colons`` reads the attributes themselves)
COLON_REST = r"(?:[^\n\"]++|\"[^\"]*+\"?)*+"


def directive_urls(text: str) -> list[str]:
    """What DocFX directives load, outside code spans: their links are placeholders to the
    other checks (``links``), but a page fetches them all the same."""
    if "[!" not in text and ":::" not in text:
        return []
    out: list[str] = []
    if "[!" in text:
        masked = without_code(text) if "`" in text else text
        for found in _DIRECTIVE.findall(masked):
            out.extend(a or b for a, b, _ in _DESTINATION.findall(found))
        out.extend(video_links(masked))
    if ":::" in text:
        out.extend(colon_urls(text))
    return out


def inline_links(text: str) -> list[tuple[str, bool]]:
    """Each inline link's or image's destination (outside code and directives), and whether a
    ')' closes it: '[a](b' and '[a] (b)' are text, not links, whatever their target."""
    if "](" not in text:
        return []
    if "`" in text:
        text = without_code(text)
    if "[!" in text:
        text = _DIRECTIVE.sub(MASK, text)
    return [(a or b, bool(c)) for a, b, c in _DESTINATION.findall(text)]


# GFM autolinks a bare URL only at a line start or after white space, '*', '_', '~' or '(';
# 'capabilitieshttps://x' in link text, or 'href="https://x"', is no autolink. White space is
# CommonMark's (cmark-gfm's and Markdig's too): a line tabulation and a form feed are some.
_AUTOLINK_AFTER = frozenset(" \t\n\r\v\f*_~(")
# Trailing punctuation that ends the sentence, not the URL: ASCII (GFM) and CJK full-width.
_URL_TRAILING = ".,:;!?*_~\"'。，、；：！？）」』】》”’"


def bare_urls(text: str) -> list[str]:
    """Bare http(s)/ftp URLs as GFM autolinks them, outside code, destinations and tags. A URL
    is cut at a placeholder ('https://&lt;server&gt;/x', 'https://{tenant}.x', 'https://\\<x>'):
    the placeholder's words may be translated, the URL before it may not."""
    text = mask_markup(text)
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


# A shortcut '[label]' or collapsed '[label][]' reference: a '[', text with no bracket, ']'
# not followed by '(' or by a '[' that opens a label of its own.
_SHORTCUT = re.compile(r"(?<![\]\\!])\[([^\[\]\n]+)\](?:\[\])?(?![(\[])")
_FULL_LABEL = re.compile(r"\]\[([^\[\]]+)\]")


def label_key(label: str) -> str:
    """A reference label as CommonMark matches it: case folded, white space collapsed."""
    return " ".join(label.split()).casefold()


# A line that may be a definition: container marks, then '[label]: destination ["title"]' and
# nothing else (a page without one is not read at all: most pages, and most of those with a
# '[label]:' of prose, such as release notes' '[BREAKING CHANGE]: Removed …').
_MAY_DEFINE = re.compile(r"^[ \t>*+\-0-9.)]*\[[^\[\]\n]+" + _DEFINED, re.M)


@functools.cache
def block_reader() -> MarkdownIt:
    """A CommonMark reader of a page's blocks alone (tables too; no inline parsing: a quarter
    of the time), made once: reference definitions and code blocks are blocks."""
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark").enable("table")
    reader.core.ruler.disable(["inline", "text_join"])
    return reader


def defined_labels(text: str) -> frozenset[str]:
    """The reference labels a page defines, as ``label_key`` gives them: CommonMark decides
    (markdown-it), in lists and quotes too, never in code or where a definition cannot
    interrupt a paragraph. Only a page with a line that may hold one is read."""
    if "]:" not in text or _MAY_DEFINE.search(text) is None:
        return frozenset()
    env: dict[str, dict[str, object]] = {}
    block_reader().parse(text, env)
    return frozenset(label_key(label) for label in env.get("references", {}))


def _shortcuts(text: str) -> Iterator[str]:
    """The labels of the '[label]' and '[label][]' references of ``text``: a '[label]:' line
    that is a whole definition (a destination, at most a title) is none; any other a link."""
    for m in _SHORTCUT.finditer(text):
        if text.startswith(":", m.end()):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if REF_DEF.match(text, line_start):  # the whole line is a definition
                continue
        yield label_key(m.group(1))


def shortcut_labels(text: str) -> set[str]:
    """The labels of the text's '[label]' and '[label][]' references, if the page defines them
    (a bracket of text otherwise), as ``label_key`` gives them, outside code."""
    if "[" not in text:
        return set()
    if "`" in text:
        text = without_code(text)
    return set(_shortcuts(text))


def references(text: str, defined: frozenset[str]) -> list[str]:
    """The defined labels ``text`` links to: by shortcut or collapsed references, and by full
    ones ('[text][label]'), outside code."""
    if "[" not in text:
        return []
    if "`" in text:
        text = without_code(text)
    found = list(_shortcuts(text))
    found.extend(label_key(label) for label in _FULL_LABEL.findall(text))
    return [label for label in found if label in defined]


# An HTML name or id (an anchor a page's links can point to), and a page's in-page links:
# Markdown '](#anchor)' and HTML href="#anchor".
# (A tag read over its quoted values: 'title=">"' ends no tag, and an id= inside a value is text.)
ANCHOR_ATTRIBUTE = re.compile(
    r"""<[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*')*?\b(?:name|id)\s*=\s*["']([^"']+)["']""")
_MARKDOWN_TARGET = r"\]\(\s*<?#([^\s)>]+)"
_HREF_TARGET = r"""href\s*=\s*["']#([^"']+)["']"""
IN_PAGE_LINK = re.compile(rf"{_MARKDOWN_TARGET}|\b{_HREF_TARGET}")
# Apart, each starts with a literal character, which the engine finds at C speed in a page;
# together (with the '\b' before 'href') they are tried at every position, twenty times as slow.
_MARKDOWN_TARGET_RE = re.compile(_MARKDOWN_TARGET)
_HREF_TARGET_RE = re.compile(_HREF_TARGET)


def in_page_targets(text: str) -> frozenset[str]:
    """The anchors a page's in-page links point to, lower case: what ``IN_PAGE_LINK`` finds
    line by line (on a page, where an unclosed href="#… runs into a later link, that link is
    found too: it does point into the page)."""
    if "#" not in text:
        return frozenset()
    found = {m.group(1).lower() for m in _MARKDOWN_TARGET_RE.finditer(text)}
    if "href" in text:
        found.update(m.group(1).lower() for m in _HREF_TARGET_RE.finditer(text)
                     if not (m.start() and (text[m.start() - 1].isalnum()
                                            or text[m.start() - 1] == "_")))
    return frozenset(found)


# Markdig's generic attributes, which DocFX reads: '## Paging {#paging}' gives the heading the
# id 'paging'; the braces are in the heading's segment, so a translation can drop them. The id
# is any of the block's space-separated words ('{.lead #paging}'), or an id= attribute.
ATTRIBUTE_ID = re.compile(r"\{[ \t]*(?:[^\s{}]+[ \t]+)*?(?:#|id=[\"']?)([^\s{}#\"'=<>`]+)"
                          r"[^{}\n]*\}")


def anchors_named(text: str, targets: frozenset[str]) -> list[str]:
    """The HTML anchors (name, id) of ``text``, and the ids of its generic attributes
    (``{#id}``), that are among ``targets``, lower case."""
    if not targets or ("<" not in text and "{" not in text):
        return []
    return [name for pattern in (ANCHOR_ATTRIBUTE, ATTRIBUTE_ID) for m in pattern.finditer(text)
            if (name := m.group(1).lower()) in targets]
