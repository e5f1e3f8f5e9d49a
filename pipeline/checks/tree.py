"""Checks over the whole tree rather than one article: a catalog or a page left without its
article (orphan-catalog, orphan-page), and one article's English in step across its locales
(locale-lag). The
runner makes them after the articles, from what each article left (an ``Edition``) and the
catalogs folder; a run with nothing to do makes them too, so this module is kept light."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.checks.base import Check, Options
from pipeline.findings import Finding, Severity
from pipeline.layout import Layout
from pipeline.source.tree import target_locales

if TYPE_CHECKING:
    from pipeline.article import Article

LOCALE_LAG = Check(
    "locale-lag", "sync", Severity.WARNING,
    "the same article has different English in different locales",
    "the lagging locales need a new handoff of the article",
)
ORPHAN_CATALOG = Check(
    "orphan-catalog", "sync", Severity.WARNING,
    "a catalog whose article no longer exists",
    "delete the catalog, or restore the article; a renamed article's catalog carried its "
    "translations to the new one (catalog-renamed): copy any edit made since, then delete it",
)
CATALOG_RENAMED = Check(
    "catalog-renamed", "sync", Severity.INFO,
    "a new article's catalog started from the catalog of a deleted article (a renamed article)",
    "check the carried translations, then delete the old catalog",
)
ORPHAN_PAGE = Check(
    "orphan-page", "sync", Severity.WARNING,
    "a page of the output folder whose article no longer exists",
    "run again with --prune to delete the pages of deleted articles, or restore the article",
)


def orphan_catalog(layout: Layout, rel: str, options: Options,
                   alike: Mapping[str, str]) -> Finding:
    """The finding for a catalog no article has. ``alike``: the run's articles by
    ``spelled_alike``. One whose path is spelled alike (a locale folder ``fr_FR`` or ``fr-fr``
    for ``fr-FR``: a PO editor's locale name; a name in other capitals) is named: the catalog
    is a vendor's return the run never reads, and deleting it, as for a deleted article's,
    loses its edits."""
    article = alike.get(_spelling(rel))
    if article is None:
        return Finding(ORPHAN_CATALOG.id, options.severity(ORPHAN_CATALOG),
                       orphan_message(layout, rel), layout.shown_catalog(rel), 1, 1, None,
                       ORPHAN_CATALOG.hint)
    locale, _, within = rel.partition("/")
    other, _, its = article.partition("/")
    how = (f"its locale folder {locale!r} is spelled otherwise than {other!r}, the articles'"
           if within == its else
           f"it is named in other capitals than the article {layout.shown_article(article)}")
    return Finding(
        ORPHAN_CATALOG.id, options.severity(ORPHAN_CATALOG),
        f"{orphan_message(layout, rel)}: {how}, so no run reads it and no edit in it is "
        "published", layout.shown_catalog(rel), 1, 1, None,
        f"bring the edits it holds into {layout.shown_catalog(article)}, the catalog the run "
        "reads (compare the two), then delete it; return catalogs in the folders they were "
        "sent in")


def spelled_alike(articles: Iterable[str]) -> dict[str, str]:
    """The articles by their path with its case and the locale folder's '_' or '-' set aside
    (a zip made on a file system that ignores case, a PO editor's locale name)."""
    return {_spelling(rel): rel for rel in sorted(articles)}


def _spelling(rel: str) -> str:
    locale, _, within = rel.partition("/")
    return f"{locale.replace('_', '-')}/{within}".casefold()


def orphan_message(layout: Layout, rel: str) -> str:
    """What is missing for the catalog of ``rel``: its English (in a tree with a source folder)
    or its handoff."""
    return f"no {_article(layout, rel)} for this catalog"


def _article(layout: Layout, rel: str) -> str:
    if layout.source:
        within = rel.partition("/")[2]
        return (f"English {layout.shown(layout.content / layout.source / within)} "
                f"(nor a handoff {layout.shown_article(rel)})")
    return f"article {layout.shown_article(rel)}"


def orphan_pages(layout: Layout, seen: Collection[str], recorded: Collection[str] = (),
                 dropped: Collection[str] = (), targets: Collection[str] | None = None
                 ) -> tuple[list[str], list[Finding], list[str]]:
    """The pages of the output folder (under its locale folders) that no article makes any
    more: their rels, sorted; what could not be walked; and every page found. A page whose
    article this run did not take (another locale, a subset of the tree) is no orphan while
    its article is there. Only the folders of the tree's locales are looked into (those of the
    content or catalogs roots, ``targets`` as the run listed them (listed now when not
    given: one listing decides a run's, ``Targets``), those of the articles seen,
    and ``recorded``: those the pipeline wrote this tree's pages in, a locale since dropped).
    ``dropped``: locales (lower case) the tree makes no page for any more, whose pages are
    stale though the English that drove them is still there."""
    listed = target_locales(layout) if targets is None else targets
    locales = frozenset(name.lower() for name in listed) | {
        rel.partition("/")[0].lower() for rel in seen} | {name.lower() for name in recorded}
    pages, _, problems = layout.pages(locales)
    twins = folded(seen)
    return ([rel for rel in pages if is_stale(layout, rel, seen, dropped, twins)], problems,
            pages)


def folded(seen: Iterable[str]) -> dict[str, str]:
    """The rels of a run by their lower case: what ``is_stale`` finds a page's twin in."""
    return {rel.lower(): rel for rel in seen}


def is_stale(layout: Layout, rel: str, seen: Collection[str], dropped: Collection[str],
             twins: Mapping[str, str] | None = None) -> bool:
    """Whether no article makes the page ``rel`` (``orphan_pages``). ``twins``
    (``folded(seen)``): a page the run now makes under another case of its path (a locale
    folder renamed fr-FR -> fr-fr) is stale where the two are other files: the English still
    drives the old spelling, so it stayed, unsaid, for ever."""
    return rel not in seen and (rel.partition("/")[0].lower() in dropped
                                or not layout.has_article(rel)
                                or made_as(layout, rel, twins) is not None)


def made_as(layout: Layout, rel: str, twins: Mapping[str, str] | None) -> str | None:
    """The rel the run makes the page ``rel`` under, in another case, when that is another
    file (a case-insensitive folder holds one file for both: never stale, the page just
    written)."""
    twin = None if twins is None else twins.get(rel.lower())
    if twin is None or twin == rel:
        return None
    page, other = layout.output(rel), layout.output(twin)
    if not isinstance(page, Path) or not isinstance(other, Path):
        return twin  # a store's keys are case-sensitive
    try:
        return None if os.path.samefile(page, other) else twin
    except OSError:  # one is not there: two files, or none
        return twin if page.exists() else None


def orphan_page(layout: Layout, rel: str, options: Options, removed: bool,
                ours: bool = True, other: bool = False, kept: str | None = None,
                dropped: Collection[str] = (), twin: str | None = None) -> Finding:
    """The finding for a stale page: a warning, or a note that ``--prune`` removed it.
    ``ours``: the pipeline wrote the page as it is (``pipeline.pages``); else ``--prune``
    keeps it, and the warning says why. ``other``: a run of another content folder wrote it.
    ``kept``: why ``--prune``, given, kept a page of this run's own. ``dropped``: as
    ``is_stale`` reads it; ``twin``: the rel the run makes the page under now (``made_as``)."""
    maker = _maker(layout, rel, dropped, twin)
    if removed:
        return Finding(ORPHAN_PAGE.id, Severity.INFO,
                       f"removed (--prune): no {maker} makes this page any more",
                       layout.shown_output(rel), 1, 1)
    # (why, what to do): one warning whatever keeps the page
    if kept is not None and ours and not other:
        why, hint = (f"no {maker} makes this page any more, and --prune keeps it: {kept}",
                     "delete it by hand, or restore the article")
    elif other:
        why, hint = (f"no {maker} makes this page: a run of another content folder wrote it "
                     "into this shared output folder, so --prune here keeps it",
                     "run --prune with that content folder to prune its pages, or give each "
                     "content folder its own output folder")
    elif not ours:
        why, hint = (f"no {maker} makes this page, and the pipeline did not write it as it is "
                     "(a hand-written page, or one edited since): --prune keeps it",
                     "delete it by hand if it is stale, or keep hand-written pages out of the "
                     "output folder")
    else:
        why, hint = (f"no {maker} makes this page any more: it is left from an earlier run, "
                     "and no run updates it", ORPHAN_PAGE.hint)
    return Finding(ORPHAN_PAGE.id, options.severity(ORPHAN_PAGE), why,
                   layout.shown_output(rel), 1, 1, None, hint)


def _maker(layout: Layout, rel: str, dropped: Collection[str], twin: str | None) -> str:
    """What no longer makes the page ``rel``: its article, or, when the article is still
    there, its locale, which the tree is made for no more (the English was named gone,
    though it stands next to the page's path)."""
    locale = rel.partition("/")[0]
    if twin is not None:
        return (f"article under this spelling of its path (the run makes it as "
                f"{layout.shown_output(twin)}),")
    if locale.lower() in dropped and layout.has_article(rel):
        return (f"article in {locale}, a locale the tree is no longer made for (no content or "
                f"catalogs folder, nor target-locales, names it),")
    return _article(layout, rel)


class Edition(NamedTuple):
    """What the cross-locale check needs of one article: small, so a run holds all of them (a
    named tuple: a run with nothing to do makes one per article from its cache)."""

    rel: str
    locale: str
    english: str  # digest of the English segments
    commit: str
    handoff: str  # ms.lasthandoff as YYYY-MM-DD, or ''


def edition(article: Article, digest: str) -> Edition:
    handoff = article.meta.get("ms.lasthandoff") or ""
    parts = handoff.strip().split("/")
    iso = f"{parts[2]}-{parts[0]:0>2}-{parts[1]:0>2}" if len(parts) == 3 else ""
    return edition_of(article.rel, digest, article.meta.get("ms.sourcegitcommit") or "", iso)


def edition_of(rel: str, english: str, commit: str, handoff: str) -> Edition:
    """The Edition of the article at ``rel`` (under the content root, locale folder first):
    the cache keeps only the last three fields, the path gives the others."""
    locale, _, within = rel.partition("/")
    return Edition(within or rel, locale, english, commit, handoff)


def locale_lag(editions: Iterable[Edition], options: Options, content: str) -> list[Finding]:
    if not options.enabled(LOCALE_LAG):
        return []
    groups: dict[str, list[Edition]] = {}
    for ed in editions:
        groups.setdefault(ed.rel, []).append(ed)
    findings: list[Finding] = []
    # most articles exist in one locale only: only the others can lag
    for rel in sorted(rel for rel, eds in groups.items() if len(eds) > 1):
        eds = groups[rel]
        if len({e.english for e in eds}) < 2:
            continue
        newest = max(eds, key=lambda e: (e.handoff, e.locale))
        lagging: Sequence[Edition] = sorted(
            (e for e in eds if e.english != newest.english), key=lambda e: e.locale
        )
        for ed in lagging:
            findings.append(
                Finding(
                    LOCALE_LAG.id, options.severity(LOCALE_LAG),
                    f"English differs from {newest.locale} (handed off {newest.handoff or '?'} "
                    f"from {newest.commit[:12] or '?'}); this locale was handed off "
                    f"{ed.handoff or '?'} from {ed.commit[:12] or '?'} and lags",
                    f"{content}/{ed.locale}/{rel}", 1, 1, None, LOCALE_LAG.hint,
                )
            )
    return findings
