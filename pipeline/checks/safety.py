"""Safety: nothing a translation adds may run script, load content, retarget a link or open a
new Markdown block.

The English is trusted; the translation is not. Each rule reports only what the translation has
beyond its English, so an English that documents `<script>` or a `data:` image stays
publishable, and the English itself (the render step's last resort) is always clean. Scans are
deliberately lenient where the fidelity checks are strict: a browser executes a malformed tag
or an encoded URL just the same, so the safety rules look for tag-like text of any shape, and
decode entities and percent-escapes before they read a scheme or host.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from pipeline.checks.base import Options, diff_multiset
from pipeline.checks.base import quote as q
from pipeline.checks.breakouts import media_breakouts, video_breakouts, xref_breakouts
from pipeline.checks.controls import control_character
from pipeline.checks.rule import NONE, Messages, SegmentRule, segment_rule
from pipeline.checks.safety_urls import (
    ESCAPED_WORD,
    PERCENT,
    SPELLING,
    bare_schemes,
    foreign_host,
    include_added,
    scheme,
    unsafe_url,
)
from pipeline.checks.tokens.attributes import with_generic, with_media, with_nolocs
from pipeline.checks.tokens.blocks import BY_FIRST_CHAR, block_starts, same_leading_number
from pipeline.checks.tokens.code import without_code, without_english_code
from pipeline.checks.tokens.open_markup import ON_ATTRIBUTE, cell_cuts, open_markup
from pipeline.checks.tokens.tag_ends import broken_starts, outer_ends
from pipeline.checks.tokens.tags import (
    fixed_attributes,
    html_tags,
    inert_anchor,
    lenient_tags,
    no_tags,
    style_values,
    unknown_attributes,
    with_sections,
)
from pipeline.checks.tokens.urls import decoded_url
from pipeline.findings import Severity

E = Severity.ERROR
S = "safety"


def _as_tags(text: str) -> str:
    """``text`` with its DocFX sections and generic attribute blocks also written as tags, and
    the HTML its no-loc texts write (their backslash escapes read away)."""
    return with_generic(with_sections(with_nolocs(text)))


# Elements that run script, load content, restyle the page or submit data.
_UNSAFE_ELEMENT = re.compile(
    r"<\s*+/?\s*+(script|style|iframe|frame|frameset|object|embed|applet|base|form|meta|link|svg"
    r"|math|noscript|template|portal)(?![A-Za-z0-9-])", re.I)


# A processing instruction (<?php … ?>) or a declaration (<!DOCTYPE, <![CDATA[): no tag, but
# markup (an HTML comment is none of these: comments are compared elsewhere).
_DECLARATION = re.compile(r"<\?[A-Za-z]*|<!(?!--)(?:\[CDATA\[|[A-Za-z]*)")


@segment_rule(
    "html-added", S, E, "an HTML element or attribute the English does not have",
    "use only the HTML tags and attributes of the English",
    translation_needs="<!{")  # a DocFX section "[!div …]" and "{…}" attributes are tags
def html_added(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    # (an image of a video site's page or of a media file is a player on the page)
    source, translation = with_media(_as_tags(source)), with_media(_as_tags(translation))
    if "<" not in translation:
        return NONE
    src_text = without_code(source) if "<" in source else ""
    tr_text = without_code(translation)
    out = _html_added(src_text, tr_text, translation, source)
    if "\\<" in source:  # a tag the English escapes licenses no live one
        out.extend(m for m in _html_added(_live(src_text), _live(tr_text), translation, source)
                   if m not in out)
    # Code the translation adds or rewrites is no code to trust: an ignore-code-changed mark
    # lets it stand, and inside an English HTML block (a <div>'s or <td>'s text) backticks
    # are text, so its tags are live. Read as text, its tags are compared with all of the
    # English's, code included: '`<br />`' for '`<br/>`' adds no element.
    # In a paragraph such code is code, though, and a rewritten placeholder ('`<date>`' as
    # '`<data>`') is no element. A rule does not know which of the two a segment is in, so
    # only a bare tag that leaves the text after it as it was passes (see _PLAIN).
    own = without_english_code(translation, source) if tr_text is not translation else tr_text
    if own != tr_text:
        out.extend(m for m in _html_added(source, own, translation, source, code=True)
                   if m not in out)
    return out


# Elements a bare start tag of which, inside an English HTML block, shows the text after it
# as it was: inline, unstyled, inert. Any other bare tag in code a translation adds is an
# element there: it hides that text ('<video>', '<rp>', '<textarea>'), strikes or restyles it
# ('<s>', '<h1>', '<marquee>'), draws a control ('<input>', '<img>') or takes the English's
# block apart ('<table>'). A placeholder rewritten as another word ('<date>' as '<data>')
# names one of these at most.
_PLAIN = frozenset(("data", "time", "option", "span", "label", "output", "abbr", "bdi"))


def _html_added(src_text: str, tr_text: str, translation: str, source: str,
                code: bool = False) -> list[str]:
    """What ``html_added`` reports of ``tr_text`` (the translation, some of its code masked)
    against ``src_text`` (the English, as much of its code masked); ``code``: ``tr_text`` holds
    code the translation added, of which a bare tag of an element in ``_PLAIN`` counts not."""
    out = []
    if "<?" in translation or "<!" in translation:  # no tag, but markup a page would keep
        _, marks = diff_multiset([m.lower() for m in _DECLARATION.findall(src_text)],
                                 [m.lower() for m in _DECLARATION.findall(tr_text)])
        if marks:
            out.append("markup added by the translation (a processing instruction or "
                       f"declaration): {', '.join(dict.fromkeys(marks))}")
    if no_tags(translation):
        return out
    # '<x-a style="…">': a browser makes an element of any name
    _, unknown = diff_multiset(unknown_attributes(src_text), unknown_attributes(tr_text))
    if unknown:
        out.append("HTML attribute added by the translation on a tag of no HTML element: "
                   + ", ".join(repr(a) for a in dict.fromkeys(unknown)))
    # a style of the English's, restyled (an overlay, say); a class, target or id changed
    _, styles = diff_multiset(style_values(src_text), style_values(tr_text))
    out.extend(f"style changed by the translation: {q(v)}" for v in styles)
    _, fixed = diff_multiset(fixed_attributes(src_text), fixed_attributes(tr_text))
    out.extend(f"attribute value changed by the translation: {q(v)}" for v in fixed)
    tr_tags, tr_bad = html_tags(tr_text)
    # A start tag the strict scanner calls malformed is an element to a browser all the same,
    # attributes and all: '<video/x>', '<span/hidden>', '<img/src=a.png>' (a '/' parts
    # attributes), '`<video `' (its attributes run on to the English's next '>'). Only a
    # fidelity rule, which a mark releases, reported them.
    tr_broken = broken_starts(tr_bad, tr_text)
    # an end tag of no element the translation opens before it closes the English's around
    # the segment ('</div></main>' out of a note, '</div x>' as well): html-broken, which a
    # mark releases, saw it alone
    tr_ends = outer_ends(tr_tags, tr_bad)
    src_tags, src_bad = html_tags(src_text) if tr_ends or tr_tags or tr_broken else ([], [])
    _, ends = diff_multiset(outer_ends(src_tags, src_bad), tr_ends) if tr_ends else ((), ())
    if ends:
        out.append("HTML end tag added by the translation: " + ", ".join(f"</{e}>" for e in ends))
    if code:
        tr_tags = [t for t in tr_tags if t.attrs or t.name not in _PLAIN]
    if not source.strip():  # an anchor in place of nothing; elsewhere it could take the place
        # of a heading's, and the English's in-page links would jump to it
        tr_tags = [t for t in tr_tags if not inert_anchor(t)]
    if not tr_tags and not tr_broken:
        return out
    _, elements = diff_multiset([t.name for t in src_tags if not t.end] + broken_starts(src_bad),
                                [t.name for t in tr_tags if not t.end] + tr_broken)
    if elements:
        out.append("HTML element added by the translation: "
                   + ", ".join(f"<{e}>" for e in elements))
    src_attrs = {(t.name, a) for t in src_tags for a, _ in t.attrs}
    added = [f"{a!r} on <{t.name}>" for t in tr_tags if t.name not in elements
             for a, _ in t.attrs if (t.name, a) not in src_attrs]
    if added:
        out.append(f"HTML attribute added by the translation: {', '.join(dict.fromkeys(added))}")
    return out


@segment_rule(
    "unsafe-element", S, E,
    "a script, style, iframe, object, embed or similar element the English does not have",
    "remove the element; translations carry text, not active content",
    translation_needs="<")
def unsafe_element(source: str, translation: str, options: Options) -> Messages:
    # Any '<script' counts, well-formed or not, in code or not: '<scr<script>ipt>' and
    # '<IFRAME' are caught; the English's own examples are subtracted.
    if source == translation or "<" not in translation:
        return NONE
    tr = _active(with_nolocs(translation))
    if not tr:
        return NONE
    _, found = diff_multiset(_active(with_nolocs(source)), tr)
    added = _added_live(found, source, translation, _active)
    if not added:
        return NONE
    # an end tag counts for the check (an unpaired '</script' is no less wrong) but
    # names the element it ends, not a second one
    return [f"active element added by the translation: "
            f"{', '.join(f'<{a}>' for a in dict.fromkeys(added))} "
            f"in {q(translation, 70)}"]


def _active(text: str) -> list[str]:
    return [m.lower() for m in _UNSAFE_ELEMENT.findall(text)]


def _handlers(text: str) -> list[str]:
    """Each handler as findings name it, then NUL and its code: one the English has with other
    code ('onerror="alert(…)"' for its 'onerror="fallback(this)"') runs the translation's."""
    return [f"{a} on <{name}>\0{value}" for name, attrs in lenient_tags(text)
            for a, value in attrs if a.startswith("on") and len(a) > 2]


# A '<' a backslash escapes: text on a Markdown page ('Use \<script src=…>'), which licenses
# no live tag; in a raw HTML block the backslash is text and the tag live on both pages.
_ESCAPED_TAG = re.compile(r"(?<!\\)((?:\\\\)*)\\<")


def _live(text: str) -> str:
    """``text`` with each tag a backslash escapes made no tag."""
    return _ESCAPED_TAG.sub(r"\1\\&lt;", text) if "\\<" in text else text


def _added_live(found: list[str], source: str, translation: str,
                read: Callable[[str], list[str]]) -> list[str]:
    """``found`` and what ``read`` finds live in ``translation`` (its code aside) that
    ``source`` has only escaped (``_live``): a tag the English page shows as text, the
    translation's runs."""
    if "\\<" not in source:
        return found
    _, live = diff_multiset(read(_live(source)), read(_live(without_code(translation))))
    return [*found, *(n for n in dict.fromkeys(x.split("\0")[0] for x in live)
                      if n not in found)]


@segment_rule(
    "event-handler", S, E,
    "an event handler attribute (onclick, onerror, …) the English does not have",
    "remove the on… attribute",
    translation_needs="<!{")  # "[!div", "{…}": as html-added
def event_handler(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    source, translation = _as_tags(source), _as_tags(translation)
    if "<" not in translation or no_tags(translation):
        return NONE
    tr = _handlers(translation)
    if not tr:
        return NONE
    _, found = diff_multiset(_handlers(source), tr)
    added = _added_live(list(dict.fromkeys(h.split("\0")[0] for h in found)), source,
                        translation, _handlers)
    if not added:
        return NONE
    return [f"event handler added by the translation: {', '.join(q(a) for a in added)}"]


@segment_rule(
    "new-block", S, E,
    "the translation starts a Markdown block (heading, list, quote, HTML block, fence, "
    "reference definition, ---) where the English does not",
    "do not begin the translation, or a line of it, with #, -, *, +, 1., >, [x]:, ---, ``` "
    "or a block HTML tag unless the English does",
    translation_needs="\n\r", edges=True)
def new_block(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    # cheap exit: no line break, and a first character (after indentation) that opens nothing
    head = translation[:1]
    if (head not in BY_FIRST_CHAR and "\n" not in translation and "\r" not in translation
            and (not head.isspace() or translation.lstrip()[:1] not in BY_FIRST_CHAR)):
        return NONE
    tr_first, tr_lines = block_starts(translation)
    if tr_first is None and not tr_lines:
        return NONE
    src_first, src_lines = block_starts(source)
    out = []
    if tr_first == "list item" and same_leading_number(source, translation):
        tr_first = src_first  # '11 - How ...' as '11. Как ...': the English's own number
    if tr_first is not None and tr_first != src_first:
        out.append(f"the translation starts with a {tr_first} and the English does not: "
                   f"{q(translation, 60)}")
    _, added = diff_multiset(src_lines, tr_lines)
    out.extend(f"a line of the translation starts a {kind}: {q(translation, 70)}"
               for kind in added)
    return out


@segment_rule(
    "markup-open", S, E,
    "the translation leaves markup open at its edge (a tag, comment or code span, a URL cut at "
    "its scheme) for the segment beside it on the page to finish, or at a '|' that ends a table "
    "cell",
    "close every tag, comment and code span within the translation, as the English does",
    # W: a cut URL is read in any case ("WWW."); edges: one cut within its scheme ("http")
    translation_needs="<=`:/wW", edges=True)
def markup_open(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    # (and at each '|' of a table cell, where GFM ends the cell: the next cell's text, which the
    # rules read as a quoted value's or the English's code, is live markup there)
    tr = open_markup(translation, source) + cell_cuts(translation, source)
    if not tr:
        return NONE
    _, added = diff_multiset(open_markup(source, source), tr)
    return [f"{a}: {q(translation, 70)}" for a in added]


_OVERRIDES = {"\u202d": "U+202D LEFT-TO-RIGHT OVERRIDE", "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE"}


@segment_rule(
    "bidi-override", S, E,
    "the translation adds a bidi override character, which shows text in another order than "
    "it is written (a disguised link, file name or command)",
    "delete the U+202D/U+202E characters; right-to-left text needs at most the marks "
    "U+200E/U+200F, embeddings or isolates",
    translation_needs="&" + "".join(_OVERRIDES))  # '&': a character reference
def bidi_override(source: str, translation: str, options: Options) -> Messages:
    # Embeddings (U+202A-U+202C) and marks are ordinary in Arabic and Hebrew translations; an
    # override reverses what follows it on screen, the 'Trojan Source' disguise. A character
    # reference (&#x202E;) is the character on the page, so both texts are read decoded.
    shown_source, shown = _decoded(source), _decoded(translation)
    return [f"the translation adds {shown.count(c) - shown_source.count(c)} {name}: "
            f"{q(translation, 60)}"
            for c, name in _OVERRIDES.items() if shown.count(c) > shown_source.count(c)]


def _decoded(text: str) -> str:
    # only numeric references can name an override: HTML has no entity name for one
    return html.unescape(text) if "&#" in text else text


# What would run or load: the rules for text that has no English to compare with and is no
# translation, the article's own markup outside the pairs (``loose.skeleton``).
ACTIVE: tuple[SegmentRule, ...] = (unsafe_element, event_handler, unsafe_url)


def _on_attribute(low: str) -> bool:
    return ON_ATTRIBUTE.search(low) is not None


def may_be_active(text: str) -> bool:
    """A quick look for what the ACTIVE rules find in ``text`` with no English: an active
    element, an ``on…=`` attribute, or a script or data scheme, however encoded or spaced.
    False: they find nothing (an ``on…`` attribute with no value runs nothing either)."""
    low = ""
    text = _as_tags(text)
    if "<" in text:
        if _UNSAFE_ELEMENT.search(text):
            return True
        if "=" in text:
            low = text.lower()
            if _on_attribute(low):
                return True
    # backslash escapes read away, as Markdown and bare_schemes do ('javascript\\:x')
    if ":" in text and scheme((low or text.lower()).replace("\\", "")):
        return True
    if "&" in text and bare_schemes(text):  # one a reference spells ('d&#9;ata&#58;x')
        return True
    if "[!" in text and video_breakouts("", text):  # a video link DocFX writes unescaped
        return True
    if xref_breakouts("", text) or media_breakouts("", text):  # a cross reference's title, a
        return True  # media file's source: likewise
    # an escape may spell it (SPELLING), or a percent-escape
    if ("&" in text and SPELLING.search(text)) or ("%" in text and PERCENT.search(text)):
        # the whole text, for a scheme spelled across white space a browser drops, and each
        # word, for one after other words ('[!VIDEO &#106;avascript:…]': decoded whole, it
        # would read as part of 'videojavascript:')
        return scheme(decoded_url(text)) or any(
            scheme(decoded_url(w)) for w in ESCAPED_WORD.findall(text))
    return False


# The safety rules in the order they run and are listed (each declared on its function).
RULES: tuple[SegmentRule, ...] = (
    html_added,
    unsafe_element,
    event_handler,
    unsafe_url,
    foreign_host,
    include_added,
    markup_open,
    new_block,
    bidi_override,
    control_character,
)
