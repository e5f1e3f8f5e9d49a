"""Links and cross references whose target ends the attribute DocFX writes it into, so that
what follows in the translation is markup on the page: a '[!VIDEO …]' link (an iframe's src),
a cross reference's title or anchor (the <a> DocFX makes), a media link's destination (the
<source src="…"> Markdig writes). Each reads what the English has aside; ``unsafe-url``,
``may_be_active`` and the joins on the page ask them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote_plus, unquote, unquote_plus

from pipeline.checks.base import quote as q
from pipeline.checks.rule import Messages
from pipeline.checks.tokens.code import without_code, without_english_code
from pipeline.checks.tokens.links import video_links
from pipeline.checks.tokens.tags import lenient_tags
from pipeline.checks.tokens.urls import MD_ESCAPE, decoded_url

# What ends or leaves the src attribute DocFX writes a video's link into, unescaped (and .NET's
# Uri.ToString() unescapes a '%22' back into a quote)
_ATTRIBUTE_END = re.compile(r"[\"'<>`]")


def video_breakouts(source: str, translation: str) -> Messages:
    """A '[!VIDEO …]' link that ends its iframe's src attribute: what follows is markup."""
    if not video_links(translation):  # masking code never makes one: most '[!' are notes
        return []
    theirs = {decoded_url(v) for v in video_links(without_code(source))}
    out = [v for v in video_links(without_english_code(translation, source))
           if decoded_url(v) not in theirs and _ATTRIBUTE_END.search(html.unescape(unquote(v)))]
    return [f"a video link that ends the attribute DocFX writes it into: {q(v, 70)}"
            for v in out]


# A cross reference as DocFX's parsers read one: '<xref:uid…>' (to its '>', or quoted),
# '@uid' (to white space or one of '"\'<>[]|'; after a letter too: 'a@uid'), '@"uid…"', and a
# link or attribute to 'xref:uid…'. Resolved, DocFX writes its 'title' query parameter,
# percent-decoded, and its anchor into the <a> it makes, unescaped
# ('?title=%22%20onmouseover%3D%22alert(1)').
_XREF = re.compile(
    r"<xref:[ \t]*+(?:\"([^\">]*+)|'([^'>]*+)|([^>]*+))"
    r"|(?<!\\)@(?:\"([^\"\n]*+)|'([^'\n]*+)|([A-Za-z][^\t-\r \"'<>\[\]|]*+))"
    r"|(?<![\w-])xref:([^\x00-\x20)\"'>]*+)", re.I)  # (Markdig's white space is ASCII)


_XREF_BREAK = re.compile(r"[\"'<>`&%]")
# an <xref> tag, as lenient_tags names one (not '<xref:uid>', whose name runs on)
_XREF_TAG = re.compile(r"</?xref(?![^\t\n\f\r /><])", re.I)


def xref_breakouts(source: str, translation: str) -> list[str]:
    """A cross reference whose query or anchor, decoded, ends the attribute DocFX writes it
    into (a quote, '<', '>' or backtick), the English's own aside."""
    # a title or anchor ('?', '#'; an <xref> tag's attributes) with what ends the
    # attribute, or a reference or percent-escape that spells it
    if (("@" not in translation and "xref" not in translation.lower())
            or _XREF_BREAK.search(translation) is None
            or ("?" not in translation and "#" not in translation
                and _XREF_TAG.search(translation) is None)):
        return []
    theirs = set(_xrefs(without_code(source)))
    out = [x for x in _xrefs(without_english_code(translation, source))
           if x not in theirs and _ATTRIBUTE_END.search(_query_and_anchor(x))]
    return [f"a cross reference whose title or anchor ends the attribute DocFX writes it "
            f"into: {q(x, 70)}" for x in out]


# An <xref> tag's attributes DocFX writes into the <a> it makes, unescaped: its title (in
# title="…"), its text, name, alt or fullname (as the link's text, HTML)
_XREF_RAW = frozenset(("title", "text", "name", "alt", "fullname"))


def _xrefs(text: str) -> list[str]:
    """Each cross reference's uid and what follows it; of an <xref> tag, its href and, as a
    query would give them, the attributes DocFX writes raw ('?title=…')."""
    if "@" not in text and "xref" not in text.lower():
        return []
    out = _xref_matches(text)
    if "<" in text and _XREF_TAG.search(text) is not None:  # (the tags read: an <xref> only)
        out.extend(f"{v}" if a in ("href", "uid") else f"?{a}={quote_plus(html.unescape(v))}"
                   for name, attrs in lenient_tags(text) if name == "xref"
                   for a, v in attrs if a in _XREF_RAW or a in ("href", "uid"))
    return out


def _xref_starts(text: str) -> list[int]:
    """Where a cross reference may start, in order: each '@' and each 'xref:' in any case (no
    other character lowers to one of its letters). A page is read from each, not tried at
    every position as one expression is (three alternatives, case-insensitive); each '@' and
    ':' is found by str.find, which reads a page at C speed where an expression that starts
    with a choice of characters tests them one character at a time."""
    starts = []
    at = text.find("@")
    while at >= 0:
        starts.append(at)
        at = text.find("@", at + 1)
    colon = text.find(":", 4)
    while colon >= 0:
        if text[colon - 4:colon].lower() == "xref":
            starts.append(colon - 4)
        colon = text.find(":", colon + 1)
    starts.sort()
    return starts


def _xref_matches(text: str) -> list[str]:
    """What ``_XREF.findall`` gives, each match's groups joined."""
    out = []
    pos = 0
    for at in _xref_starts(text):
        if at < pos:
            continue
        if text[at] != "@" and at - 1 >= pos and text[at - 1] == "<":
            at -= 1  # '<xref:'
        found = _XREF.match(text, at)
        if found is not None:
            out.append("".join(found.groups(default="")))
            pos = found.end()
    return out


def _query_and_anchor(xref: str) -> str:
    """What follows a cross reference's uid, decoded as a query string is (and its
    references, for good measure)."""
    cut = min((i for i in (xref.find("?"), xref.find("#")) if i >= 0), default=len(xref))
    return unquote_plus(html.unescape(xref[cut:]))


# A quote, or a reference that may spell one, after a '](' on the destination's line (a page
# read whole first looks for one: most pages have none, and masking a page's code costs; an
# '&' of a query string spells none)
_QUOTE_AHEAD = re.compile(
    r'\]\([ \t\n]*+(?:[^\n"&]++|&(?!(?i:quot|#0*+34|#x0*+22)))*+["&]')


def media_breakouts(source: str, translation: str) -> list[str]:
    """A link or image whose destination, as CommonMark decodes it (references and backslash
    escapes read), holds a double quote: Markdig's media links (DocFX's) write the destination
    of an image of an audio or video file into '<source src="…">' unescaped."""
    # a destination's quote is one, or a reference's
    if "](" not in translation or ('"' not in translation and "&" not in translation):
        return []
    if _QUOTE_AHEAD.search(translation) is None:  # none after a '](' on its line
        return []
    # (a quote: Markdig writes it into src="…"; an apostrophe in a localized URL ends nothing)
    tr = [u for u in _destinations(translation) if '"' in _destination(u)]
    if not tr:
        return []
    theirs = {_destination(u) for u in _destinations(source)}
    out = [u for u in tr if _destination(u) not in theirs]
    return [f"a link whose destination ends the attribute DocFX writes a media file's into: "
            f"{q(u, 70)}" for u in out]


# A link's destination as CommonMark reads it: a bare one ends at an ASCII space or control
# character only ('a.mp3' U+00A0 '&quot;onerror=…' is one destination)
_DESTINATION = re.compile(
    r"\]\([ \t\n]*+(?:<([^<>\n]*+)>|((?:[^\x00-\x20()\\]++|\\.|\([^\x00-\x20()]*+\))*+))")


def _destinations(text: str) -> list[str]:
    if "`" in text:
        text = without_code(text)
    return [a or b for a, b in _DESTINATION.findall(text)] if "](" in text else []


def _destination(url: str) -> str:
    if "\\" in url:
        url = MD_ESCAPE.sub(r"\1", url)
    return html.unescape(url) if "&" in url else url
