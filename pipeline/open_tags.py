"""Tags whose attributes go on over a pair: the article's markup opens one before the pair ('<img
alt="' + pair + '">', '<details open ' + pair + ' >') and the pair's text on the page is its
attributes' too. Each text is checked alone, the markup between the pairs too; such a tag is
read whole, on the localized page and on the English page (each pair's English in place), and
every translation in a tag that has a handler, a script or data URL, a host or a bare
``hidden`` (``inert``, ``popover``…) the English page's tag has not gives way to its English
(``joins.hold``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from pipeline.checks.safety_urls import unsafe_urls
from pipeline.checks.tokens.open_markup import is_handler
from pipeline.checks.tokens.tags import URL_ATTRIBUTES, lenient_tags
from pipeline.checks.tokens.urls import url_hosts
from pipeline.render import Form, PageOf, laid_out

if TYPE_CHECKING:
    from pipeline.article import Article

# A tag as a browser's tokenizer reads it: a name, then attributes, whose names take any
# character but white space, '/', '>' and '=' (quotes and '<' too: 'don't', 'a<'), and whose
# values are quoted only right after '=' ('title="Use <b> for bold"'), up to its '>'
# (HTML's white space is ASCII: tab, LF, FF, CR and space; a no-break space is a character)
_TAG = (r"""<[A-Za-z][^\t\n\f\r />{x}]*+(?:[\t\n\f\r /]++|[^\t\n\f\r />{x}]"""
        r"""[^\t\n\f\r />={x}]*+(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+"""
        r"""(?:"[^"{x}]*+"?|'[^'{x}]*+'?|[^\t\n\f\r >{x}]*+))?)*+""")
# ... its attributes, one after another: a name may follow a quoted value with no space
# ('title="x"ontoggle=…'), and a value's text is no name ('title="the onclick= handler"')
_ATTRIBUTES = re.compile(r"""[\t\n\f\r /]*+([^\t\n\f\r />][^\t\n\f\r />=]*+)(?:[\t\n\f\r ]*+="""
                         r"""[\t\n\f\r ]*+("[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+))?""")
BROWSER_TAG = re.compile(_TAG.format(x="") + ">?")
# ... in the article's markup joined with a '\0' for each pair (``loose.markup_look``): one
# left open where a pair stands ends at a '\0'
MARKUP_TAG = re.compile(_TAG.format(x="\0"))


def read_tags(text: str, tag: re.Pattern[str], bounded: bool = True
              ) -> Iterator[re.Match[str] | None]:
    """``tag`` matched at each '<' and letter of ``text``, in order. Each runs to its '>',
    however many '<' it holds: '<a <a <a …' read from every '<' costs the square of its
    length (30 KB of them, a minute). A tag read from a '<' inside the tags before it re-reads
    their text; ``bounded``, once that re-reading passes a quarter of the text (and 4,096
    characters), one None stands for the rest: the caller takes the worst of them. The
    corpus's articles re-read at most 1 % of theirs."""
    reach = spent = 0
    allowed = len(text) // 4 + 4096
    for opener in _OPENER.finditer(text):
        start = opener.start()
        if bounded and spent > allowed:
            yield None
            return
        found = tag.match(text, start)
        assert found is not None  # (its '<' and letter match)
        if start < reach:
            spent += found.end() - start
        reach = max(reach, found.end())
        yield found

WHY = "event-handler: the tag the markup opens before it has on the page what its English's has not"


def in_open_tags(article: Article, published: Sequence[str], local: PageOf | None = None,
                 english: PageOf | None = None) -> list[int]:
    """The segments with a translation of their own that stand in a tag the markup opens, where
    that tag has on the localized page a handler, a script or data URL or a host it has not
    on the English page."""
    segments = article.segments
    _, english_page, at_english = english() if english else laid_out(article, Form.SOURCE)
    found: set[int] = set()
    for k, start, tag, at in _open(article, published, True, local):
        if tag is None:  # past a hostile run of '<': every translation from there holds
            found.update(i for i in range(k // 2, len(segments))
                         if published[i] != segments[i].source)
            break
        own = BROWSER_TAG.match(english_page, at_english[k] + start)
        if own is None or _more(tag.group(), own.group()):
            found.update(i for i in range(k // 2, len(segments))
                         if at[2 * i + 1] < tag.end() and published[i] != segments[i].source)
    return sorted(found)


def markup_tags(article: Article, published: Sequence[str] | None) -> list[tuple[int, str]]:
    """Each tag the markup leaves open where a pair stands: where its '<' is in the article,
    and the tag as the localized page writes it (``published`` in the pairs' places)."""
    starts = [0, *[seg.end for seg in article.segments]]  # each piece of markup's
    return [(starts[k // 2] + start, tag.group())
            for k, start, tag, _ in _open(article, published, False) if tag is not None]


def _open(article: Article, published: Sequence[str] | None, bounded: bool,
          local: PageOf | None = None
          ) -> Iterator[tuple[int, int, re.Match[str] | None, list[int]]]:
    """(the piece of markup, where in it the tag starts, the tag on the localized page, where
    each piece is on that page) for each tag left open where a pair stands; ``bounded``, past
    what ``read_tags`` re-reads, None for the rest, at the piece the last tag read is in."""
    parts, page, at = local() if local else laid_out(article, Form.LOCALIZED, published)
    # every '<' and letter: one in a code span, a comment or a textarea is no tag to a page,
    # but read as one it must not hide the tag after it
    last = 0
    for tag in read_tags(page, BROWSER_TAG, bounded):
        if tag is None:
            yield last - last % 2, 0, None, at
            return
        last = k = bisect_right(at, tag.start()) - 1  # the piece it starts in
        if k % 2 == 0 and k + 1 < len(parts) and tag.end() > at[k + 1]:  # open over a pair
            yield k, tag.start() - at[k], tag, at


_OPENER = re.compile(r"<[A-Za-z]")


def _more(tag: str, english: str) -> bool:
    """Whether ``tag`` has a handler, a script or data URL, a host or a bare attribute that
    changes a page (``hidden``, ``inert``…) ``english`` has not."""
    if _handlers(tag) - _handlers(english) or _bare(tag) - _bare(english):
        return True
    if Counter(unsafe_urls(tag)) - Counter(unsafe_urls(english)):
        return True
    return bool(_hosts(tag) - _hosts(english))


def _handlers(tag: str) -> Counter[tuple[str, str]]:
    """The tag's ``on…`` attributes with a value, by name and value (a name alone runs
    nothing: the French 'on' after a '<b' a comparison opens)."""
    name = _TAG_NAME.match(tag)
    return Counter((m.group(1).lower(), m.group(2)) for m in _ATTRIBUTES.finditer(
        tag, name.end() if name else 0) if m.group(2) and is_handler(m.group(1).lower()))


_TAG_NAME = re.compile(r"<[A-Za-z][^\t\n\f\r />]*+")
# What acts with no value at all: hides the element or the page's rest, opens it over the
# page, makes it editable or takes the focus (html-added's bare attributes)
_BARE = frozenset(("hidden", "inert", "popover", "contenteditable", "autofocus"))


def _bare(tag: str) -> Counter[str]:
    name = _TAG_NAME.match(tag)
    return Counter(n for m in _ATTRIBUTES.finditer(tag, name.end() if name else 0)
                   if (n := m.group(1).lower()) in _BARE)


def _hosts(tag: str) -> set[str]:
    return {host for _, attrs in lenient_tags(tag) for name, value in attrs
            if name in URL_ATTRIBUTES for host in url_hosts(value)}
