"""Safety of links: what a translation links to or loads. The ``unsafe-url`` and
``foreign-host`` rules (listed with the others in ``safety``), and the spotting of a script or
data scheme however it is written, which ``safety.may_be_active`` shares.
"""

from __future__ import annotations

import re

from pipeline.checks.base import Options, diff_multiset
from pipeline.checks.base import quote as q
from pipeline.checks.breakouts import media_breakouts, video_breakouts, xref_breakouts
from pipeline.checks.rule import NONE, Messages, segment_rule
from pipeline.checks.tokens.code import without_code, without_english_code
from pipeline.checks.tokens.links import (
    BARE_URL,
    COLON_REST,
    DESTINATION_HEAD,
    URL_TAIL,
    directive_urls,
    link_key,
    links,
)
from pipeline.checks.tokens.loads import LOADS_FIRST, loaded_paths, may_embed, players
from pipeline.checks.tokens.prose import prose
from pipeline.checks.tokens.schemes import _SCHEME, _SCHEME_CHARS
from pipeline.checks.tokens.schemes import bare_schemes as bare_schemes
from pipeline.checks.tokens.tags import LENIENT_TAG_PATTERN, URL_ATTRIBUTES, lenient_tags, no_tags
from pipeline.checks.tokens.urls import MD_ESCAPE, decoded_url, url_hosts
from pipeline.findings import Severity

E = Severity.ERROR
S = "safety"

_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# GFM's extended autolinks make 'www.host' a link even without a scheme, after a letter or
# digit no more ('page_www.host' is 'page_' and a link: '_' is a delimiter there). Markdig
# (DocFX's) opens one on a lower-case 'w' and matches the rest of 'www.' in any case:
# 'wWW.host' is a link too
_WWW_HEAD = r"w[wW]{2}\."
_WWW = re.compile(r"(?<![^\W_])(?<![./@-])" + _WWW_HEAD + URL_TAIL)


def _may_hold_www(text: str) -> bool:
    """What any 'w[wW]{2}.' holds: 'ww.' ('www.') or 'wW' ('wWW.', 'wwW.', 'wWw.'); two
    substring tests, nearly free."""
    return "ww." in text or "wW" in text


def _unquote_lenient(value: str) -> str:
    return value[1:-1] if value[:1] == "<" and value[-1:] == ">" else value


def _urls(text: str, english: str | None = None, leading: bool = True) -> list[str]:
    """Every URL the text would make a link or load: Markdown destinations, reference
    definitions and autolinks; URL attributes of any tag (in a translation, also in the code
    it adds: ``without_english_code``); bare http(s) and www. URLs; with ``leading``, a '(…)'
    opening the text, a link's destination if the pair before ends with '[text]'."""
    urls = [_unquote_lenient(t) for t in links(text).targets if not t.startswith("[")]
    if "<" in text and "=" in text:  # an attribute without a value holds no URL
        for _, attrs in lenient_tags(without_code(text) if english is None
                                     else without_english_code(text, english)):
            urls.extend(v for a, v in attrs if a in URL_ATTRIBUTES and a != "srcset")
            # each candidate of a srcset ('a.png 1x, https://host/b.png 2x') is a URL
            urls.extend(c.split()[0] for a, v in attrs if a == "srcset"
                        for c in v.split(",") if c.strip())
    if _may_hold_www(text):
        urls.extend("//" + m for m in _WWW.findall(prose(text)))
    if "@" in text:  # an e-mail: Markdig's 'mailto:' autolink, CommonMark's '<a@b.example>'
        urls.extend(_mail_links(text))
    if ":" in text and _TEL.search(text):  # Markdig's 'tel:' autolink
        urls.extend(_TEL.findall(without_code(text) if "`" in text else text))
    if "[!" in text or ":::" in text:
        urls.extend(directive_urls(text))
    if leading:
        urls.extend(_leading(text, _LEADING_DESTINATION))
    return urls


# A bare 'mailto:' (Markdig's autolinks take one, in any case, after white space or '*_~(')
# and an e-mail autolink ('<a@b.example>', a link to 'mailto:a@b.example')
_MAILTO = re.compile(r"(?<![^\s*_~(])[mM][aA][iI][lL][tT][oO]:[^\s<>]++")
_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w.-]++")
_MAIL_AUTOLINK = re.compile(r"<([^\s<>@:]++@[^\s<>@]++)>")
# A bare 'tel:', which Markdig's autolinks take too (on a lower-case 't', as 'www.'): a link
# that dials the number. Its trailing punctuation trimmed first, as GFM's autolinks trim it,
# a bare 'tel' is no link: a label 'tel:**' or 'tel:,' is text
_TEL_LINK = r"(?<![^\s*_~(])t[eE][lL]:[^\s<>]"
_TEL = re.compile(r"(?<![^\s*_~(])t[eE][lL]:(?=[^\s<>]*?[^\s<>?!.,:*_~)])[^\s<>]++")


def _mail_links(text: str) -> list[str]:
    if "`" in text:
        text = without_code(text)
    return _MAILTO.findall(text) + ["mailto:" + a for a in _MAIL_AUTOLINK.findall(text)]


def _leading(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The destination of a '(…)' opening the text, a link's if its text ends the pair before,
    as ``pattern`` reads it ('(<>' is an empty one: group 1 is '', group 2 None)."""
    m = pattern.match(text) if text.startswith("(") else None
    return [] if m is None else [m.group(1) if m.group(1) is not None else m.group(2)]


# '(url)' or '(<url>)' opening a segment: right after a pair that ends with '[text]' (sxs pairs
# may stand with nothing between them), the page reads a link
_LEADING_DESTINATION = re.compile(
    r"\([ \t\n]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))+))")


# ... the same, closed as a link's destination: at most a title, then ')'
_CLOSED_LEADING = re.compile(
    _LEADING_DESTINATION.pattern
    + r"""(?:[ \t\n]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t\n]*\)""")


def _maybe_link(text: str) -> bool:
    # single characters first: they cost nearly nothing (memchr)
    # a link needs ']' (Markdown), a tag, '://' (bare URL) or 'www.' (GFM autolink)
    return (("]" in text and ("](" in text or "]:" in text or "[!" in text))
            or text.startswith("(")
            or ("<" in text and not no_tags(text)) or "://" in text or _may_hold_www(text)
            or ":::" in text or ("@" in text and ":" in text)  # a bare 'mailto:
            or (":" in text and _TEL.search(text) is not None))  # a bare 'tel:'


# Every piece of text _urls can read a URL from, as written and ending where the reader stops:
# a Markdown destination, a reference definition, a tag-like run, a bare URL, a www. link.
_URL_FRAGMENT = re.compile(
    f"{DESTINATION_HEAD}|\\]:[ \t]*+\\S*+|{LENIENT_TAG_PATTERN}"
    f"|://{URL_TAIL}|{_WWW_HEAD}{URL_TAIL}|\\[![^\\n]*+|:::{COLON_REST}|\\A\\([ \t\n]*+[^\\s()]*+"
    r"|(?i:mailto):[^\s<>]*+|" + _TEL_LINK + "*+")


def _nothing_new(source: str, translation: str) -> bool:
    """True when every URL-bearing fragment of the translation, outside code, is also in the
    English: then the translation links to nothing the English does not (fast path)."""
    tr = [m.group() for m in _URL_FRAGMENT.finditer(without_english_code(translation, source))]
    if not tr:
        return True
    src = [m.group() for m in _URL_FRAGMENT.finditer(without_code(source))]
    return not diff_multiset(src, tr)[1]


# a word with an escape: tried from a word's start alone (a match starts there or nowhere in
# the word), where a try at every position read each word's rest again (quadratic in its length)
ESCAPED_WORD = re.compile(r"(?<!\S)[^\s&%]*+[&%]\S*+")
# The escapes that can spell a scheme: a numeric reference (any letter), the named ones for a
# colon or white space, and those that make another escape ('&amp;#106;', '&num;', '&percnt;');
# no name stands for a letter
SPELLING = re.compile(r"&(?:#|amp;?|colon;|tab;|newline;|num;|percnt;)", re.I)
PERCENT = re.compile(r"%[0-9a-fA-F]{2}")


def unsafe_urls(text: str) -> list[str]:
    """The script and data URLs ``text`` links to or loads, as a browser reads them, whatever
    their code (bare_schemes counts a bare scheme only with code that reads as code): for
    what texts side by side make on the page (``joins``)."""
    if not may_spell_unsafe(text):
        return []
    return [u for u in map(decoded_url, _urls(text, leading=False)) if u.startswith(
        _UNSAFE_SCHEMES)]


def may_spell_unsafe(text: str) -> bool:
    """An unsafe URL needs 'script' or 'data' in the text, or an entity, percent-escape or
    control character that could spell them (browsers drop tab and newline inside a URL and
    C0 controls at its ends). isprintable() is False for any control character."""
    if "&" in text or "%" in text or not text.isprintable():
        return True
    low = text.lower()
    return "script" in low or "data" in low


@segment_rule(
    "unsafe-url", S, E,
    "a javascript:, vbscript: or data: URL, however encoded, the English lacks",
    "use the English's link targets",
    # _maybe_link: ']', '<', '://', 'www.' (_may_hold_www: 'ww.' or 'wW'), a leading '(' (an
    # edge that is not plain); a bare scheme: ':' or a reference that spells it ('&#58;'); a
    # video link: '[!VIDEO', closed or not
    translation_needs="]<:&[@",  # '@': a cross reference ('@uid?title=…')
    translation_tokens=("ww.", "wW"), edges=True)
def unsafe_url(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    if "[!" in translation:
        out = video_breakouts(source, translation)
        if out:
            return out
    out = xref_breakouts(source, translation) + media_breakouts(source, translation)
    if out:
        return out
    if not may_spell_unsafe(translation):
        return NONE
    if bare_schemes(translation) > bare_schemes(source):  # a link with the text around it
        return [f"a script or data URL scheme in the translation: {q(translation, 70)}"]
    if not _maybe_link(translation) or _nothing_new(source, translation):
        return NONE
    tr = [u for u in _urls(translation, source) if decoded_url(u).startswith(_UNSAFE_SCHEMES)]
    if not tr:
        return NONE
    src = {decoded_url(u) for u in _urls(source)}
    added = [u for u in tr if decoded_url(u) not in src]
    if not added:
        return NONE
    return [f"unsafe URL in the translation: {', '.join(q(u, 70) for u in added)}"]


# Schemes a page links to as a matter of course; any other a new link may have is the
# English's own or none. A relative URL has none.
_WEB_SCHEMES = frozenset(("", "http", "https", "mailto", "ftp", "xref"))  # (DocFX's xref)
_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# a scheme as a URL writes it: no white space after its colon ('Note: …' is prose)
_SCHEME_WORD = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")


def _scheme(url: str) -> str:
    """The URL's scheme, '' for none, read as the page reads it: a destination's backslash
    escapes removed first ('ms\\-msdt:' links to 'ms-msdt:'), then as a browser does."""
    if "\\" in url:
        url = MD_ESCAPE.sub(r"\1", url)
    m = _URL_SCHEME.match(decoded_url(url))
    return m.group(1) if m is not None else ""


def _may_name_scheme(text: str) -> bool:
    """A word before a ':' that is no web scheme, or an escape that may spell one: the text
    may link to an application."""
    return ("&" in text or "%" in text or not text.isprintable()
            or (":" in text
                and any(w.lower() not in _WEB_SCHEMES for w in _SCHEME_WORD.findall(text))))


def _hosts(urls: list[str]) -> list[tuple[str, str]]:
    """Each host each URL may load, with the URL (some are read more than one way)."""
    return [(host, url) for url in urls for host in sorted(url_hosts(url))]


def _may_name_host(text: str) -> bool:
    """A URL with a host needs '//' (or a backslash, which browsers read as '/'), a scheme that
    takes a host without slashes ('https:host'), 'www.', or an entity, percent-escape or control
    character that could spell one of those."""
    if ("//" in text or "\\" in text or "&" in text or "%" in text or "@" in text
            or not text.isprintable()):  # '@': an e-mail's domain is a host too
        return True
    low = text.lower()
    return "http" in low or "www." in low or "ftp:" in low or "ws:" in low or "wss:" in low


@segment_rule(
    "foreign-host", S, E,
    "a link to a host, or to an application's URL scheme, the English does not link to",
    "use the English's link targets; only their locale part may change",
    # _maybe_link: ']', '<', '://', ':::', 'www.' ('ww.' or 'wW'), '@' (with ':'), a leading '('
    # (an edge that is not plain)
    translation_needs="]<@", edges=True,
    translation_tokens=("://", ":::", "ww.", "wW", "tel:", "teL:", "tEl:", "tEL:"))
def foreign_host(source: str, translation: str, options: Options) -> Messages:
    if source == translation or not _maybe_link(translation) or not (
            _may_name_host(translation) or _may_name_scheme(translation)):
        return NONE
    if _nothing_new(source, translation):
        return NONE
    linked = _urls(translation, source, leading=False)
    tr = _hosts(linked + _leading(translation, _LEADING_DESTINATION))
    # a '(…)' opening the segment only as a whole destination, its ')' and all: '(Hinweis:EDM
    # wird …' is prose; '(ms-msdt:/id)' after a pair ending in '[text]' is a link
    apps = [u for u in linked + _leading(translation, _CLOSED_LEADING)
            if (":" in u or "&" in u or "%" in u) and _scheme(u) not in _WEB_SCHEMES
            and not decoded_url(u).startswith(_UNSAFE_SCHEMES)]  # those are unsafe-url's
    if not tr and not apps:
        return NONE
    theirs = _urls(source)
    out = []
    if tr:
        # The English's hosts from everywhere, code spans included: generous on purpose.
        src = {h for h, _ in _hosts(theirs)}
        src.update(h for h, _ in _hosts(BARE_URL.findall(source)))
        if "@" in source:  # an address the English writes, a link or not
            src.update(h for h, _ in _hosts(_MAILTO.findall(source)))
            src.update(h for h, _ in _hosts([f"mailto:{a}" for a in _ADDRESS.findall(source)]))
        foreign = [(h, u) for h, u in tr if h not in src]
        if foreign:
            known = f"English hosts: {', '.join(sorted(src))}" if src else "the English has no host"
            out.append("link to a host the English does not have: "
                       + ", ".join(f"{h} ({q(u, 60)})" for h, u in foreign) + f"; {known}")
    # an application's scheme launches it from the page (ms-msdt:, search-ms:, ms-officecmd:)
    if apps:
        schemes = {_scheme(u) for u in theirs}
        apps = [u for u in apps if _scheme(u) not in schemes]
    if apps:
        out.append("link to an application's URL scheme the English does not use: "
                   + ", ".join(q(u, 70) for u in apps))
    return out


@segment_rule(
    "include-added", S, E,
    "a file a DocFX include or code snippet ([!INCLUDE], [!code-…]) pulls into the page, or a "
    "video or audio player it embeds ([!VIDEO], :::video, a media image), that the English's do "
    "not",
    "keep each directive and player of the English, its path included, as it is",
    translation_needs="<", translation_tokens=("[!", ":::", "!["))  # may_embed
def include_added(source: str, translation: str, options: Options) -> Messages:
    # a path leaves the docs as easily as a host does ('../../locales/fr-FR/a.po'): whatever
    # an include loads is the English's, as in all the corpus's 1,471 translated directives
    if source == translation or not may_embed(translation):  # most notes, most links
        return NONE
    out = []
    if LOADS_FIRST.search(translation):  # a directive that loads
        _, added = diff_multiset(loaded_paths(without_code(source)),
                                 loaded_paths(without_english_code(translation, source)))
        if added:
            out.append("the translation loads what the English does not: "
                       + ", ".join(q(a, 60) for a in added))
    # ... and a player plays what the English's does: the same video, only its locale part
    # localized ('/en-us/videoplayer/' as '/fr-fr/'); foreign-host alone let another video of
    # the same site ('youtube.com/embed/…') or another file of the docs ('media/b.mp4') through
    # (masking code never makes a player: a text with none as written has none)
    mine = players(without_english_code(translation, source)) if players(translation) else []
    if mine:
        rewrites, locale = options.link_rewrites, options.locale
        _, played = diff_multiset(
            [link_key(u, rewrites, locale) for u in players(without_code(source))],
            [link_key(u, rewrites, locale) for u in mine])
        if played:
            shown = {link_key(u, rewrites, locale): u for u in mine}
            out.append("the translation embeds a player the English does not: "
                       + ", ".join(q(shown[p], 60) for p in played))
    return out


def scheme(low: str) -> bool:
    # one that starts a URL: 'metadata:' is no data: URL (a scheme's own characters before it)
    return any(not m.start() or low[m.start() - 1] not in _SCHEME_CHARS
               for m in _SCHEME.finditer(low))
