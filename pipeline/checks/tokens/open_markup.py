"""Markup a text leaves open at its edge for the text beside it on the page to finish: a tag
with no '>', the end of a tag the text before opens, a comment with no end, a backtick that
closes no code span, a URL cut after its scheme (``safety.markup_open`` compares the
translation's with its English's)."""

from __future__ import annotations

import re

from pipeline.checks.tokens.code import loose_backticks, without_english_code
from pipeline.checks.tokens.tags import COMMENT_END, KNOWN_TAG_NAMES

# after white space, '/' or a quote; any attribute name, as event_handler reads them
# ('onerror[x](=' is one). The literal 'on' first, the separator before it checked after it
# (several times faster than a scan for the separator); each name read runs to the next
# separator, which no other name read starts before: linear, however long the text.
ON_ATTRIBUTE = re.compile(r"on(?<=[\s/\"']on)[^\s/>=\"'<]++\s*+=")


# What the segment beside it on the page would finish: a tag name left at the end ('<x-a',
# '<scr', '</scr', '<https:') or a tag's attributes and '>' opening it (' onmouseover=…>'), for a
# tag on the page that neither segment shows; a comment with no end; a URL cut after its scheme,
# or its '//host' whose scheme the pair before ends with ('https:' + '//host': sxs pairs may
# touch). Backslash-escaped '<' is text; 'a<b' and '<5' before more words are comparisons.
# (ASCII attribute names, as an attack writes them, so that '当 a<b 时' stays a comparison; a
# backslash escapes nothing inside an HTML block, where '\<x-a' is a tag)
_ATTR = r"""[A-Za-z_:@][\w:.@-]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s"'<>]*+))?"""
_OPEN_TAG = re.compile(r"<(?:/?[A-Za-z][^\s<>/]*+(?:[\s/]++" + _ATTR + r")*+[\s/]*+)?\Z", re.A)
_QUOTED = re.compile(r"""=\s*+["']""")  # an attribute's quoted value
_NAME_QUOTED = re.compile(r"""([A-Za-z_:@][\w:.@-]*+)\s*+=\s*+["']""")
# A quoted value after an '=': a '>' in it ends no tag (a browser's tokenizer reads it as the
# value's), so '<x-a title=">" le guide, puis' is still open; one left open runs on, to the
# page's next quote. (After an '=' with no name before it a browser reads the quote into a
# name, and a '>' in it ends the tag: read as a value, such a tag is reported open, the safe
# side.) Runs of other characters are read whole: a long text costs what it did.
_VALUE = r"""=[\t\n\f\r ]*+(?:"[^"]*+"?|'[^']*+'?)"""
# ... and a known element of two letters or more whose 'attributes' are any words, punctuation
# or CJK, with no '>' after it ('Lisez <video le guide, puis fermez-le.'): a browser reads them
# all as attribute names up to the page's next '>'. (One-letter names are left out: 'a<b 时'
# compares, as 'x<p' or 'n<i' do.)
_OPEN_KNOWN = re.compile(
    r"<(?:" + "|".join(n for n in KNOWN_TAG_NAMES.split("|") if len(n) > 1)
    + r")(?=[\s/])(?:[^>=\"']++|" + _VALUE + r"|[=\"'])*+\Z", re.I)
# ... and a tag of any name of two characters or more ('<scr,') followed by any words, with no
# '>' after it: a browser reads them all as attributes, and the words of the pair after it
# too, up to the page's next '>' ('<x-a ,' then 'autofocus onfocus=alert(1) ,')
_OPEN_ANY = re.compile(
    r"<[A-Za-z][A-Za-z0-9-][^\s/<>]*+[\s/](?:[^<>=\"']++|" + _VALUE + r"|[=\"'])*+\Z", re.A)
_REST_HEAD = r"(?:^|[\s/\"'])[A-Za-z_:@][\w:.@-]*+\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|"
_TAG_REST = re.compile(
    r"\A[^<>]*?" + _REST_HEAD + r"[^\s\"'<>]++)(?:[\s/]++" + _ATTR + r")*+[\s/]*+(?:>|\Z)",
    re.A)
# ... read as a browser's tokenizer reads on after a value (quotes, '!', CJK go into names and
# values; a '<' that starts no tag is text; a value may be the next text's): for a handler
# (prose after '>' alone stays prose: 'x=1 … Datei > Öffnen')
_HANDLER_REST = re.compile(
    r"\A(?:[^<>]|<(?![A-Za-z/!?]))*?" + _REST_HEAD + r"[^\s>]++|\Z)(?:[\s/]++[^\s/>][^\s/>=]*+"
    r"(?:\s*+=\s*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+))?)*+[\s/]*+(?:>|\Z)", re.A)
# each with the words of the English that make it its own ('Start with www.', 'http:' ending
# a sentence about HTTP): a cut URL counts only where the English has none of them
# (cut anywhere in its scheme or 'www.': 'htt' + 'ps://evil…', 'w' + 'ww.evil…'; a 'w' that
# starts Markdig's autolink is lower case). Those anchored at the text's end match at most 7
# characters: each is looked for in its last _TAIL only (a look-behind still reads the
# characters before where a search starts), not tried at every position of the text.
_TAIL = 8
_CUT_URL = (
    ("a URL cut after its scheme",
     re.compile(r"(?<![\w.+-])(?:https?|ftp):\Z", re.I), ("http", "ftp"), _TAIL),
    ("a URL cut within its scheme", re.compile(  # (Markdig opens one on a lower-case letter)
        r"(?<![\w.+-])(?:h[tT]{1,2}(?:[pP][sS]?)?|h[tT]{2}[pP][sS]?:/|f[tT][pP]?|f[tT][pP]:/)\Z"),
     ("http", "ftp"), _TAIL),
    ("a URL cut after its 'www.'", re.compile(r"(?<![^\W_])(?<![.-])www\.\Z", re.I),
     ("www",), _TAIL),
    ("a URL cut within its 'www.'", re.compile(r"(?<![^\W_])(?<![.-])w[wW]{0,2}\Z"), ("www",),
     _TAIL),
    # the rest of one at a text's start is no English word's (an English that starts so has the
    # finding too): '//host', 'ww.host', 'ps://', 's:/' (a '/' alone is a path's: '/etc')
    (_HOST_FOR_BEFORE := "a URL's '//host' for the pair before", re.compile(r"\A//[^\s/]"), (),
     0),
    ("the rest of a URL's scheme or 'www.' for the pair before",
     re.compile(r"\A(?:[wW]{1,2}\.[^\s.]|t?t?p?s?:/(?:/[^\s/]|\Z))"), (), 0),
)


def _cut_edge(text: str) -> bool:
    """What each of them needs at the text's edge: most texts end with neither (a search for
    a pattern anchored at the end still starts at every position)."""
    return (text[-1:] in ":/" or text[-2:].lower() in _CUT_ENDS or text[:2].lower() in _CUT_STARTS
            or text[-1:] == "w")


_AUTHORITY_END = re.compile(r"[/?#\\]")
_ASCII_NAME = re.compile(r"[A-Za-z0-9]")
# the last two characters of a scheme or 'www.' cut short, the first two of its rest
_CUT_ENDS = frozenset(("ht", "tt", "tp", "ps", "ft", "ww", "w."))
_CUT_STARTS = frozenset(("//", ":/", "s:", "p:", "ps", "tp", "tt", "ww", "w."))


def _runs(rest: str) -> bool:
    """Whether ``rest`` has an ``on…=`` attribute a browser runs."""
    return any(is_handler(m.group().rstrip(" \t\n\f\r="))
               for m in ON_ATTRIBUTE.finditer(" " + rest.lower().replace("/", " ").replace(
                   '"', " ").replace("'", " ")))


def is_handler(name: str) -> bool:
    """Whether an attribute of this (lower-case) name is an event's handler: any 'on…' but a
    few words that name no event ('onglet = Général', French for a tab). No list of events
    is kept: browsers add them ('oncommand')."""
    return name.startswith("on") and name not in _NO_EVENTS


_NO_EVENTS = frozenset(("onglet", "onglets", "one", "ones", "only", "onto", "onset", "ongoing",
                        "onboarding", "onde", "ondes", "onda", "ondas", "onder", "onze", "ont"))


def _english_names(rest: str, english: str) -> bool:
    """Whether each name with a quoted value in ``rest`` has one in the English too, whatever
    the value ('Legen Sie DisplayName="Umsatzbericht" fest.' for 'Set DisplayName="Sales
    Report".'): after the same markup, the English's would be the same attribute."""
    own = {n.lower() for n in _NAME_QUOTED.findall(english)}
    return all(n.lower() in own for n in _NAME_QUOTED.findall(rest))


# GFM splits a table row into cells at each '|' no backslash escapes before it reads any inline
# markup: a '|' inside a code span or a tag's quoted value ends the cell there (Markdig, which
# reads code and tags first, does not). An English with a '|' of its own is no cell.
_BAR = re.compile(r"\\.|\|", re.S)


def cells(text: str) -> list[str]:
    """``text`` cut where GFM ends a table cell: at each '|' that no backslash escapes."""
    out, start = [], 0
    for m in _BAR.finditer(text):
        if m.group() == "|":
            out.append(text[start:m.start()])
            start = m.end()
    return [*out, text[start:]]


def cell_cuts(text: str, english: str) -> list[str]:
    """The markup a '|' of ``text`` leaves open, where ``english`` may be a table cell (it has
    no '|'): each cell of the page is read alone, as GFM reads it. Named apart from what the
    text's own edges leave open, which the English's may license."""
    pieces = cells(text) if "|" in text else []
    if len(pieces) < 2 or len(cells(english)) > 1:
        return []
    return list(dict.fromkeys(f"{what}, where a '|' ends a table cell" for piece in pieces
                              for what in _unclosed(piece, english)))


def open_markup(text: str, english: str) -> list[str]:
    out = _unclosed(text, english)
    if _cut_edge(text):
        low = english.lower()
        # no word of the English makes the rest of a scheme its own ('Activez http' +
        # 's://evil'); a '//' is the English's where the English has it as it is, up to its
        # first white space ('//fileserver/docs', not '//fileserver/docs@evil.example'), or
        # has a '//' and no ASCII letter or digit names a host after this one ('//で始まる行')
        head = text.split(None, 1)[0].lower() if text[:2] == "//" else ""
        mine = bool(head) and head not in low and not (
            "//" in low and not _ASCII_NAME.search(_AUTHORITY_END.split(head[2:], 1)[0]))
        out.extend(what for what, cut, words, tail in _CUT_URL
                   if cut.search(text, max(0, len(text) - tail) if tail else 0)
                   and not any(w in low for w in words)
                   and (what != _HOST_FOR_BEFORE or mine))
    return out


def _unclosed(text: str, english: str) -> list[str]:
    """A tag, tag end, comment or code span ``text`` leaves open at an edge."""
    out = []
    if "<" in text or "=" in text:
        shown = without_english_code(text, english)
        if _OPEN_TAG.search(shown) or _OPEN_KNOWN.search(shown) or _OPEN_ANY.search(shown):
            out.append("a tag with no '>'")
        rest = _TAG_REST.match(shown) if "=" in shown else None
        read = _HANDLER_REST.match(shown) if "=" in shown else None
        # (prose has 'x=1 et y.'; a tag's end has a '>', an 'on…=' or a quoted value the
        # English does not have)
        if ((rest is not None and (rest.group().endswith(">") or (
                _QUOTED.search(rest.group())
                and (text == english or not _english_names(rest.group(), english)))))
                or (read is not None and _runs(read.group()))):
            out.append("the end of a tag the text before opens")
        if "<!--" in shown and COMMENT_END.search(shown, shown.rindex("<!--") + 2) is None:
            out.append("a comment with no end")
    if "`" in text and loose_backticks(text):
        out.append("a backtick that closes no code span")
    return out
