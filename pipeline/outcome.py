"""The vocabulary ``job`` and ``runner`` share: what a run is asked to do (``Settings``), what
became of each article (``Outcome``) and of the whole run (``Summary``). A light module of its
own, so that the worker (``job``) need not import its scheduler, nor the scheduler its worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.checks import tree
from pipeline.checks.base import Options
from pipeline.findings import Finding, Severity
from pipeline.layout import Layout
from pipeline.memory import Setup
from pipeline.render import Form
from pipeline.source.tree import Targets


@dataclass(frozen=True)
class Settings:
    layout: Layout
    options: Options = field(default_factory=Options)
    extract: bool = False
    check: bool = False
    form: Form | None = None  # render this form when set
    max_file_size: int = 8 * 1024 * 1024
    publish_machine_translation: bool = True
    memory: Setup | None = None  # the translation memory: fill (with extract), consistency
    # The locales the English of the source folder is made for, sorted: the first one's jobs
    # also report what is wrong with the English files themselves (once, not once a locale).
    targets: tuple[str, ...] = ()
    # the run's one listing of its target locales, which made ``targets``: prune reads from
    # it which locales were dropped (only when it read both roots) and which output folders
    # to look into; no article's result depends on it. None: a run not told (no locale is
    # then taken for dropped)
    listing: Targets | None = field(default=None, repr=False)
    # delete the pages of the output folder that no article makes any more; no article's result
    # depends on it, so the run cache's fingerprint leaves it out (repr=False)
    prune: bool = field(default=False, repr=False)
    # the locales the run is limited to (lower case; none: all), which says a target locale's
    # pages left out of the run are not stale (``pipeline.pages``); no article's result
    # depends on it
    build_locales: frozenset[str] = field(default=frozenset(), repr=False)
    # the catalogs whose article is gone (rels), for an English-driven article without a
    # catalog of its own to start from (a renamed article). Only a new article, which no cache
    # entry holds, reads them: the fingerprint leaves them out
    orphans: tuple[str, ...] = field(default=(), repr=False)
    # and the catalogs an English renamed away from its handoff left behind, with their bytes
    # before the run (``source.tree.rename_sources``)
    left_behind: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    # and the catalogs of English articles a new article may have been split from, with their
    # bytes before the run (``source.tree.rename_sources``)
    split_from: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)


class Outcome(NamedTuple):
    """What became of one article. A named tuple: a worker sends one per article to the
    parent, and a run with nothing to do makes one per article from its cache."""

    rel: str
    findings: tuple[Finding, ...] = ()
    segments: int = 0
    wrote_catalog: bool = False
    wrote_output: bool = False
    edition: tree.Edition | None = None
    failed: bool = False
    # this run's record, for a rerun to skip the article (``Entry.packed``); None: none
    cache: bytes | None = None
    # for the translation memory: the catalog's rows (packed: ``memory.rows.pack``), and its
    # entries left to fill
    tm: tuple[bytes, int] | None = None
    # the digest of the page the article's output holds as the pipeline made it (written, or
    # found unchanged), for the manifest of pages ``--prune`` may delete (``pipeline.pages``)
    page: str | None = None


@dataclass(frozen=True)
class Summary:
    articles: int
    segments: int
    catalogs_written: int
    outputs_written: int
    findings: tuple[Finding, ...]  # empty when they went to a sink as they came
    counts: Mapping[Severity, int]
    replayed: frozenset[str] = frozenset()  # the articles the cache showed unchanged
    unsaved: str | None = None  # why the run cache could not be saved, if it could not

    @property
    def errors(self) -> int:
        return self.counts.get(Severity.ERROR, 0)


# Receives each article's findings as its outcome arrives (in article order), so that a run
# holds no more than one article's findings: a docs repository has many thousands.
Sink = Callable[[Sequence[Finding]], None]
