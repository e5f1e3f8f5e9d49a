"""What texts side by side load: a DocFX include, code snippet or video whose parts stand in
texts that touch on the page ('Voir [!INCLUDE' + ' ' + '[x](../../locales/fr-FR/a.po)] …';
'[!code-cs[x]' + ' ' + '(…)]', the snippet reader taking white space before its '('; '[!VIDEO'
+ ' ' + 'https://…" srcdoc="…]', which DocFX writes into its iframe's src unescaped). No segment
rule sees such a directive whole, and each part alone is only a bracket out of place, which a
vendor's own ``ignore-link-text-broken`` mark releases: the include renders the catalog (the
drafts and comments no check reads included) as the page's Markdown; the video's attributes
run script. So does a no-loc text made over a join (':::no-loc text="' + '\\<scr\\ipt>…":::'),
which DocFX writes raw, its backslash escapes read away, and a link or cross reference whose
destination or title, made over a join, ends the attribute DocFX writes it into ('Voir ![x]' +
'(x&quot;onerror=…mp3)'). A player made over a join ('Regardez ![la démo]' +
'(https://www.youtube.com/watch?v=xyz)') plays another video. ``loads_joined`` finds the
translations that, in their places on the page, make one the English page does not have.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.checks.breakouts import media_breakouts, video_breakouts, xref_breakouts
from pipeline.checks.tokens.attributes import noloc_html
from pipeline.checks.tokens.loads import LOADS_FIRST, loaded_paths, may_embed, players
from pipeline.render import Form, PageOf, pieces

if TYPE_CHECKING:
    from pipeline.article import Article

_END = "with the text beside it on the page it makes"
WHY = {"include": f"include-added: {_END} a directive that loads a file the English does not",
       "noloc": f"html-added: {_END} a no-loc text DocFX writes as HTML the English does not",
       "player": f"include-added: {_END} a player the English does not embed",
       "video": f"unsafe-url: {_END} a video link that ends its iframe's src attribute",
       "xref": f"unsafe-url: {_END} a link or cross reference that ends the attribute DocFX "
               "writes it into"}


_KINDS = frozenset(WHY)


def _made(page: str, holds: bool, breaks: str, kinds: frozenset[str] = _KINDS
          ) -> Counter[tuple[str, str]]:
    """With ``holds``, the files the page's includes and snippets load, its video links that
    end the attribute DocFX writes them into and its no-loc texts' HTML; with ``breaks``
    ('media', 'xref' or both), its links and cross references that end theirs ('Voir ![x]' +
    '(x&quot;onerror=…mp3)', '@System.String?title=x' + '%22…'). Only those of ``kinds``
    (``WHY``'s keys): a page compared with one read already needs only the kinds that one
    has (a Counter's difference is taken key by key)."""
    found: Counter[tuple[str, str]] = Counter()
    if holds:
        if "include" in kinds and LOADS_FIRST.search(page) is not None:
            found.update(("include", path) for path in loaded_paths(page))
        if "video" in kinds and "[!" in page:
            found.update(("video", v) for v in video_breakouts("", page))
        # 'Regardez ![la démo]' + '(https://www.youtube.com/watch?v=xyz)': another video
        if "player" in kinds and may_embed(page):
            found.update(("player", url) for url in players(page))
        # ':::no-loc text="' + '\\<scr\\ipt>…":::': DocFX reads the escapes away, writes it raw
        if "noloc" in kinds:
            found.update(("noloc", html) for html in noloc_html(page) if "<" in html)
    if "xref" in kinds:
        if "xref" in breaks:
            found.update(("xref", m) for m in xref_breakouts("", page))
        if "media" in breaks:
            found.update(("xref", m) for m in media_breakouts("", page))
    return found


# What ends an attribute once decoded, or spells what does (a reference, a percent-escape):
# a cross reference's title ends one with any, a media destination (written in "…") with a
# quote, literal or a reference. A vendor's text brings it: the English's markup is trusted.
_BREAKS = re.compile(r"[\"'<>`&%]")


def _may_break(article: Article, published: Sequence[str]) -> str:
    """Which of the two (``_made``'s ``breaks``) a published translation may make: one holds
    what ends the attribute they are written into. Most translations are the article's own,
    or hold none."""
    breaks = ""
    for seg, shown in zip(article.segments, published, strict=True):
        if shown != seg.source and _BREAKS.search(shown) is not None:
            if '"' in shown or "&" in shown:
                return "xref media"
            breaks = "xref"
    return breaks


_OPENERS = ("[!", "![", "::")  # a directive's, an image's, a ':::' one's first two characters


def _may_hold(article: Article, published: Sequence[str]) -> bool:
    """Whether the localized page may hold a '[!', '![' or ':::' at all, seen without making
    it: in the article's text (its markup), in a published text, or over a join of one with
    what stands beside it ('[' + '!INCLUDE', '!' + '[x](a.mp4)', ':' + '::code'); an empty
    text joins what is around it. Most pages hold none."""
    text = article.text
    if "[!" in text or ":::" in text:
        return True
    # an image in the markup (most pages have one) is read only where a text may give it a
    # destination ('![x]' + '(https://www.youtube.com/watch?v=…)'): the markup's own images
    # are the English's, and a handoff never cuts a link within its destination
    if "![" in text and any(shown[:1] == "(" for shown in published):
        return True
    segments, last = article.segments, len(published) - 1
    for i, shown in enumerate(published):
        # (may_embed's tests written out: this loop runs over every text of every page)
        if not shown or "[!" in shown or ":::" in shown or "![" in shown:
            return True
        if shown[0] not in "!:[" and shown[-1] not in "[:!":
            continue
        seg = segments[i]
        before = text[seg.start - 1:seg.start] + (published[i - 1][-1:] if i else "")
        after = text[seg.end:seg.end + 1] + (published[i + 1][:1] if i < last else "")
        if any(c + shown[0] in _OPENERS for c in before) or any(
                shown[-1] + c in _OPENERS for c in after):
            return True
    return False


def loads_joined(article: Article, published: Sequence[str], local: PageOf | None = None,
                 english: PageOf | None = None) -> list[tuple[int, str]]:
    """The segments whose translation takes part in a directive the localized page has and the
    English page has not (with its English in place, the page has one fewer), each with why."""
    breaks = _may_break(article, published)
    holds = _may_hold(article, published)
    if not breaks and not holds:  # no directive at all: most pages
        return []
    made = _made(local().page if local else "".join(pieces(article, Form.LOCALIZED, published)),
                 holds, breaks)
    if not made:
        return []
    new = made - _made(english().page if english else "".join(pieces(article, Form.SOURCE)),
                       holds, breaks, frozenset(kind for kind, _ in made))
    if not new:
        return []
    wanted = frozenset(kind for kind, _ in new)  # what a trial can take away of ``new``
    found = []
    for i, seg in enumerate(article.segments):
        if published[i] == seg.source:
            continue
        trial = list(published)
        trial[i] = seg.source
        gone = (made - _made("".join(pieces(article, Form.LOCALIZED, trial)), holds, breaks,
                             wanted)) & new
        if gone and any(kind == "player" for kind, _ in gone):
            # a player the translation holds whole is its own: include-added compares it with
            # its English's, locale rewrites allowed
            own = set(players(published[i]))
            gone = Counter({k: n for k, n in gone.items() if k[0] != "player" or k[1] not in own})
        if gone:  # a part of a new one
            found.append((i, WHY[min(kind for kind, _ in gone)]))
    return found
