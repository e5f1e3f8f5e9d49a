"""What a check is, the options that tune the checks, and helpers the rules share. The shapes
of the rules themselves are in ``rule``; they are listed in ``registry`` (no discovery by
reflection)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.findings import Check as Check  # its home is with Finding; named here too
from pipeline.findings import Severity

if TYPE_CHECKING:
    from pipeline.terms import Terms


@dataclass(frozen=True, slots=True)
class LinkRewrite:
    """A locale rewrite allowed in link targets, e.g. '/en-us/' -> '/{locale}/'."""

    source: str
    target: str  # may hold {locale} (as in the article's folder, lower case)

    def apply(self, url: str, locale: str) -> str:
        return url.replace(self.source, self.target.replace("{locale}", locale.lower()))


DEFAULT_REWRITES = (LinkRewrite("/en-us/", "/{locale}/"),)


@dataclass(frozen=True)
class Options:
    select: frozenset[str] = frozenset()  # empty: all
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    link_rewrites: tuple[LinkRewrite, ...] = DEFAULT_REWRITES
    locale: str = ""  # set per article, for link rewrites
    terms: Terms | None = None  # no-loc terms and glossaries (checks.terminology); None: none

    def enabled(self, check: Check) -> bool:
        if check.id in self.ignore:
            return False
        return not self.select or check.id in self.select

    def severity(self, check: Check) -> Severity:
        return self.severities.get(check.id, check.severity)

    def holds_back(self, check: Check) -> bool:
        """Whether a finding of ``check`` keeps a translation off the page. Selection decides
        only what is reported, so it is not consulted: a safety check always holds a
        translation back, any other check when it is an error by default or raised to one.
        Report settings can make publishing stricter, never looser."""
        return (check.topic == "safety" or check.severity >= Severity.ERROR
                or self.severity(check) >= Severity.ERROR)


def quote(text: str, width: int = 80) -> str:
    """A short, unambiguous quotation of a piece of text for messages."""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return repr(text)


_WORD = re.compile(r"[^\W\d_]{2,}")


def has_words(text: str) -> bool:
    return _WORD.search(text) is not None


def diff_multiset(src: Iterable[str], tr: Iterable[str]) -> tuple[list[str], list[str]]:
    """(missing from translation, added by translation), order kept, counting repeats."""
    remaining: dict[str, int] = {}
    for item in tr:
        remaining[item] = remaining.get(item, 0) + 1
    missing: list[str] = []
    for item in src:
        if remaining.get(item, 0):
            remaining[item] -= 1
        else:
            missing.append(item)
    added: list[str] = []
    for item in tr:
        if remaining.get(item, 0):
            remaining[item] -= 1
            added.append(item)
    return missing, added


def iter_missing_added(
    what: str, src: Iterable[str], tr: Iterable[str]
) -> Iterator[str]:
    missing, added = diff_multiset(list(src), list(tr))
    if missing:
        yield f"{what} missing from the translation: {', '.join(quote(m, 60) for m in missing)}"
    if added:
        yield f"{what} added by the translation: {', '.join(quote(a, 60) for a in added)}"
