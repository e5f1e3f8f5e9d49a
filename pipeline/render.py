"""Writing Markdown from an article and its catalog, in three forms.

- ``localized``: every pair replaced by its translation: clean, publishable Markdown;
- ``source``: every pair replaced by its English;
- ``bilingual``: the sxs article itself with the chosen translations in the translation spans.

Only the span texts change; every other byte of the article is copied as it is, but for the text
outside the pairs that ``publish`` (which decides what a page shows) holds back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from pipeline.article.spantext import page_text, span_text

if TYPE_CHECKING:
    from pipeline.article import Article


class Form(enum.Enum):
    LOCALIZED = "localized"
    SOURCE = "source"
    BILINGUAL = "bilingual"


def render(
    article: Article,
    form: Form,
    translations: Sequence[str] | None = None,
    edits: Sequence[tuple[int, int, str]] = (),
) -> str:
    """``translations`` gives each segment's catalog-form translation (default: the article's).
    ``edits``: (start, end, text) replacements of text outside the pairs, in order (what
    ``publish`` holds back there); without them every byte outside the pairs is copied."""
    if translations is None:
        translations = [s.translation for s in article.segments]
    if edits:
        return _render_edited(article, form, translations, edits)
    return "".join(pieces(article, form, translations))


def pieces(article: Article, form: Form, translations: Sequence[str] | None = None
           ) -> list[str]:
    """The page in ``form`` in pieces, as ``render`` joins them without edits: the article's
    text before the first pair, then each pair's text on the page (in the bilingual form, its
    translation span's) and the article's text after it. What checks a page as a whole reads
    it from these: piece ``2 * i + 1`` is segment ``i``."""
    text = article.text
    segs = article.segments
    if translations is None:
        translations = [s.translation for s in segs]
    out: list[str] = []
    last = 0
    # a translation span with no layout at its edges and no CRLF is its catalog form: the call
    # that would give it back as it is costs more than the test (a tenth of a page's pieces)
    if form is Form.BILINGUAL:
        for seg, tr in zip(segs, translations, strict=True):
            out.append(text[last : seg.tr_start])
            out.append(span_text(seg, tr) if seg.tr_lead or seg.tr_trail or seg.tr_crlf else tr)
            last = seg.tr_end
    elif form is Form.LOCALIZED:
        for seg, tr in zip(segs, translations, strict=True):
            out.append(text[last : seg.start])
            out.append(page_text(seg, tr, text) if seg.tr_lead or seg.tr_trail or seg.tr_crlf
                       else tr)
            last = seg.end
    else:
        for seg in segs:
            out.append(text[last : seg.start])
            out.append(text[seg.src_start : seg.src_end])
            last = seg.end
    out.append(text[last:])
    return out


class Laid(NamedTuple):
    """A page in ``pieces``, the page they make, and where each piece starts on it."""

    parts: list[str]
    page: str
    starts: list[int]


# The page for the checks that read it whole: made when first asked (see ``joins.hold``).
PageOf = Callable[[], Laid]


def laid_out(article: Article, form: Form, translations: Sequence[str] | None = None) -> Laid:
    parts = pieces(article, form, translations)
    return Laid(parts, "".join(parts), list(accumulate(map(len, parts), initial=0)))


def _render_edited(
    article: Article, form: Form, translations: Sequence[str],
    edits: Sequence[tuple[int, int, str]],
) -> str:
    """``render`` with replacements outside the pairs: every replacement, of a pair or of an
    edit, in one ordered pass (they never overlap)."""
    text = article.text
    segs = article.segments
    if form is Form.BILINGUAL:
        pairs = [(s.tr_start, s.tr_end, span_text(s, tr))
                 for s, tr in zip(segs, translations, strict=True)]
    elif form is Form.LOCALIZED:
        pairs = [(s.start, s.end, page_text(s, tr, text))
                 for s, tr in zip(segs, translations, strict=True)]
    else:
        pairs = [(s.start, s.end, text[s.src_start : s.src_end]) for s in segs]
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted([*pairs, *edits]):
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)
