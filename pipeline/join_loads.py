"""Files that texts side by side load: a DocFX include or code snippet whose parts stand in
texts that touch on the page ('Voir [!INCLUDE' + ' ' + '[x](../../locales/fr-FR/a.po)] …', or
'[!code-cs[x]' + ' ' + '(…)]': the snippet reader takes white space before its '('). No segment
rule sees such a directive whole, and each part alone is only a bracket out of place, which a
vendor's own ``ignore-link-text-broken`` mark releases; the include renders the catalog, the
drafts and comments no check reads included, as the page's Markdown. ``loads_joined`` finds the
translations that, in their places on the page, make one load a file the English page does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.checks.safety_urls import _LOADS_FIRST, _loads
from pipeline.render import Form, pieces

if TYPE_CHECKING:
    from pipeline.article import Article

WHY = ("include-added: with the text beside it on the page it makes a directive that loads a "
       "file the English does not")


def _loaded(article: Article, published: Sequence[str]) -> Counter[str]:
    return Counter(_loads("".join(pieces(article, Form.LOCALIZED, published))))


def loads_joined(article: Article, published: Sequence[str]) -> list[int]:
    """The segments whose translation takes part in a directive the localized page has and the
    English page has not: with its English in place, one file fewer is loaded."""
    page = "".join(pieces(article, Form.LOCALIZED, published))
    if _LOADS_FIRST.search(page) is None:  # no include or snippet at all: most pages
        return []
    english = Counter(_loads("".join(pieces(article, Form.SOURCE))))
    loaded = Counter(_loads(page))
    if not loaded - english:
        return []
    found = []
    for i, seg in enumerate(article.segments):
        if published[i] == seg.source:
            continue
        trial = list(published)
        trial[i] = seg.source
        if (loaded - english) - (_loaded(article, trial) - english):  # a part of a new one
            found.append(i)
    return found
