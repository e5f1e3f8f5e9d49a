"""Tree-wide checks of the translation memory: the same English translated differently in
different articles of a locale (``inconsistent-translation``), and a TMX file given as a
further source that cannot be read (``tm-file``). The runner makes them from the memory
after the articles (``memory.session``); a run with nothing to do replays the last ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pipeline.checks.base import Check, Options, quote
from pipeline.findings import Finding, Severity
from pipeline.memory.rows import REVIEWED_STATES

INCONSISTENT = Check(
    "inconsistent-translation", "sync", Severity.WARNING,
    "the same English has different reviewed translations in different articles of a locale",
    "agree on one translation (the translation memory fills new English with the one most "
    "articles use), or keep both on purpose and ignore this check",
)
TM_FILE = Check(
    "tm-file", "input", Severity.ERROR,
    "a TMX file given as a further translation memory that cannot be read",
    "give a TMX 1.4 file as a CAT tool exports it, or remove it from --tm / the tm setting",
)
_NAMED = 4  # articles named per translation; the others are counted


def _words(text: str) -> bool:
    """Two words or more: single words and names are rightly translated by context."""
    return len(text.split()) >= 2 and any(ch.isalpha() for ch in text)


def inconsistent(
    rows_by_rel: Iterable[tuple[str, Sequence[tuple[str, str, int]]]],
    options: Options,
    shown_catalog: Callable[[str], str],
) -> list[Finding]:
    """One finding per locale and English with two or more reviewed translations in two or
    more articles, at the catalog of the first article whose translation differs from the most
    common one."""
    if not options.enabled(INCONSISTENT):
        return []
    by_locale: dict[str, dict[str, dict[str, list[str]]]] = {}
    for rel, rows in rows_by_rel:
        locale = rel.split("/", 1)[0]
        table = by_locale.setdefault(locale, {})
        for source, target, state in rows:
            if state in REVIEWED_STATES:  # (an obsolete entry's text is no one's today)
                arts = table.setdefault(source, {}).setdefault(target, [])
                if not arts or arts[-1] != rel:
                    arts.append(rel)
    severity = options.severity(INCONSISTENT)
    out: list[Finding] = []
    for locale in sorted(by_locale):
        for source, by_target in by_locale[locale].items():
            # words last: the few English with two translations are worth the look
            if (len(by_target) < 2 or len({r for a in by_target.values() for r in a}) < 2
                    or not _words(source)):
                continue
            ranked = sorted(by_target.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            where = min(rel for _, arts in ranked[1:] for rel in arts)
            ways = "; ".join(
                f"{quote(target, 70)} in {len(arts)} ({_names(sorted(arts))})"
                for target, arts in ranked)
            out.append(Finding(
                INCONSISTENT.id, severity,
                f"{quote(source, 60)} is translated {len(ranked)} ways in {locale}: {ways}",
                shown_catalog(where), 1, 1, None, INCONSISTENT.hint))
    return sorted(out, key=Finding.sort_key)


def _names(rels: list[str]) -> str:
    shown = [rel.split("/", 1)[-1] for rel in rels[:_NAMED]]
    more = len(rels) - _NAMED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
