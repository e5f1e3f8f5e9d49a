"""The CI gate around ``check`` and ``locales``: a baseline of accepted findings
(``--baseline``), only the files a change touched (``--changed-since``), and the ``baseline``
command that writes the baseline. The command line hands its run to a Gate; this module keeps
``cli`` small and loads nothing heavy until it is used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.findings import Finding, InputError
from pipeline.storage import given_path

if TYPE_CHECKING:
    from pipeline.baseline import Entry, Matcher
    from pipeline.config import Config
    from pipeline.layout import Layout
    from pipeline.outcome import Summary

Sink = Callable[[Sequence[Finding]], None]


class GateError(Exception):
    """A usage problem of the gate's options: one line, exit status 2."""


def declare(p: argparse.ArgumentParser, command: str) -> None:
    """The gate's options of ``check``, ``locales`` and ``baseline``."""
    if command == "baseline":
        p.add_argument("--out", dest="baseline_out", type=given_path, metavar="FILE",
                       help="baseline file to write (default: the configured baseline, else "
                            ".pipeline-baseline.json)")
        p.add_argument("--prune", action="store_true",
                       help="only remove the entries of fixed problems; add none")
        return
    # one or the other: both ran without the baseline given, unsaid
    which = p.add_mutually_exclusive_group()
    which.add_argument("--baseline", type=given_path, metavar="FILE",
                       help="findings in this baseline are reported as baselined and do not "
                            "fail the run (default: [tool.pipeline] baseline)")
    which.add_argument("--no-baseline", action="store_true",
                       help="ignore the configured baseline")
    p.add_argument("--changed-since", metavar="REF", type=_given_ref,
                   help="only the articles and catalogs that differ from this git ref")


def _given_ref(text: str) -> str:
    """A ref option's value: an empty one (``--changed-since "$BASE"``, the variable not set)
    is refused, as an empty path is; it ran every article, unsaid."""
    if not text:
        raise argparse.ArgumentTypeError("an empty git ref (a shell variable not set?): give "
                                         "a ref, such as origin/main")
    return text


def wanted(args: argparse.Namespace, config: Config) -> bool:
    """Whether this run needs the gate at all (a plain run never loads it)."""
    return (args.command == "baseline" or bool(getattr(args, "changed_since", None))
            or (not getattr(args, "no_baseline", False)
                and (getattr(args, "baseline", None) or config.baseline) is not None))


def _own_file(path: Path, layout: Layout, config: Config, settings: Path | None) -> None:
    """Refuse a baseline that would replace what the runs read: ``baseline --out
    locales/fr-FR/a.po`` (a tab completion one folder off) wrote JSON over a translator's
    catalog, exit 0; over an article, the settings or a terms file likewise."""
    from pipeline.roots import written_over

    files = [("the settings file", settings), ("the no-loc file", config.no_loc_file),
             ("the glossary", config.glossary), *(("a translation memory", t) for t in config.tm)]
    problem = written_over(path, (("--locales", layout.locales),
                                  ("the content folder", layout.content)),
                           files=[(name, f) for name, f in files if f is not None])
    if problem is not None:
        raise GateError(problem)


class Gate:
    def __init__(self, args: argparse.Namespace, config: Config, layout: Layout) -> None:
        from pipeline import baseline, memory

        self.command = args.command
        self.quiet = bool(getattr(args, "quiet", False))  # -q: no summary of what was written
        self.layout = layout
        self.changed_since: str | None = getattr(args, "changed_since", None)
        # the files besides articles and catalogs that decide what the checks find: a change
        # to one of them (seen by --changed-since) checks every article
        self.extra_inputs = tuple(p for p in (args.config, config.no_loc_file, config.glossary)
                                  if p is not None)
        # the translation memory fills every catalog of a locale from all of them (and from
        # its TMX files): a change to one catalog can change any other of its locale
        given = tuple(getattr(args, "tm", ()))
        self.memory = memory.in_use(config.translation_memory, config.tm, given)
        if self.memory:
            self.extra_inputs += (*config.tm, *given)
        self.partial: set[str] | None = None  # the articles checked, when not all of them
        # with ``partial``: the articles of the tree, and those the change deleted
        self.present: frozenset[str] = frozenset()
        self.deleted: frozenset[str] = frozenset()
        self.select = config.select
        self.build_locales = config.build_locales  # the locales run, when not all of them
        self.ignore = config.ignore
        self.matcher: Matcher | None = None
        self.collected: list[Finding] = []
        self.unwritten = False  # baseline: the file could not be written
        if self.command == "baseline":
            self.path = (args.baseline_out or config.baseline
                         or Path(baseline.DEFAULT_NAME))
            self.configured = config.baseline is not None and self.path == config.baseline
            _own_file(self.path, layout, config, args.config)
            self.prune = bool(args.prune)
            if self.prune:
                self._load(baseline)
            return
        path = None if args.no_baseline else (args.baseline or config.baseline)
        self.path = path or Path(baseline.DEFAULT_NAME)
        if path is not None:
            self._load(baseline)
            # an entry taken out (a finding no longer accepted) concerns an article the
            # change may not touch: a changed baseline checks every article too
            self.extra_inputs = (*self.extra_inputs, path)

    def _load(self, baseline: object) -> None:
        from pipeline.baseline import BaselineError, Matcher, load

        try:
            self.matcher = Matcher(load(self.path), self.layout)
        except BaselineError as exc:
            raise GateError(str(exc)) from None

    def with_selection(self, select: frozenset[str], ignore: frozenset[str]) -> Gate:
        self.select, self.ignore = select, ignore
        return self

    def select_articles(self, rels: list[str]) -> list[str]:
        """``rels`` less the articles a --changed-since ref shows unchanged."""
        if self.matcher is not None:  # every article, checked or not: which ones are gone
            self.matcher.articles(rels, self.layout.source)
        if not self.changed_since:
            return rels
        from pipeline.changed import ChangedError, changed_articles

        try:
            chosen = changed_articles(self.changed_since, self.layout, rels, self.extra_inputs,
                                      by_locale=self.memory)
        except ChangedError as exc:
            raise GateError(str(exc)) from None
        if chosen is None:  # a settings file changed: everything
            return rels
        self.partial = set(chosen.articles)
        self.present, self.deleted = frozenset(rels), chosen.deleted
        return [r for r in rels if r in self.partial]

    def wrap(self, sink: Sink) -> Sink:
        """The reporter's sink, behind the baseline; ``baseline`` collects instead."""
        if self.command == "baseline":
            return self.collected.extend
        matcher = self.matcher
        if matcher is None:
            return sink

        def marked(findings: Sequence[Finding]) -> None:
            sink(matcher.mark(findings))

        return marked

    def _in_scope(self, entry: Entry) -> bool:
        """Whether this run could have found the entry's finding: its check ran, its locale
        was built (``build-locales``), and its article was among those checked."""
        if entry.check in self.ignore or (self.select and entry.check not in self.select):
            return False
        from pipeline.baseline import article_of, locale_of

        locale = locale_of(entry.file)
        if self.build_locales and locale.lower() not in self.build_locales and (
                locale != self.layout.source):
            return False
        if self.partial is None:
            return True
        article = article_of(entry.file)
        if article in self.partial:
            return True
        # an article no longer in the tree that the change deleted (or whose English it
        # deleted): no run finds its findings any more, as a full run says
        english = f"{self.layout.source}/{article.partition('/')[2]}"
        return article not in self.present and (
            article in self.deleted or (bool(self.layout.source) and english in self.deleted))

    def finish(self, sink: Sink) -> None:
        """After the run: the stale entries as notes (check, locales), or the file written
        (baseline)."""
        if self.command == "baseline":
            self._write(sink)
            return
        if self.matcher is not None:
            sink(self.matcher.stale_findings(self._in_scope, self.layout.shown(self.path)))

    def _write(self, sink: Sink) -> None:
        from pipeline import baseline

        if self.prune and self.matcher is not None:
            self.matcher.mark(self.collected)
            stale = set(map(id, self.matcher.stale(self._in_scope)))  # what the run checked
            moved = {id(e): k for e, k in self.matcher.moved}  # renamed or rekeyed: as now
            entries = [replace(e, file=moved[id(e)][1], key=moved[id(e)][2]) if id(e) in moved
                       else e for e in self.matcher.entries if id(e) not in stale]
            dropped = len(self.matcher.entries) - len(entries)
            what = f"{dropped} stale entries removed, {len(entries)} kept"
            renamed = sum(1 for e in self.matcher.entries if id(e) in moved
                          and moved[id(e)][1] != e.file)
            if renamed:
                what += f" ({renamed} entries of renamed articles moved to their new names)"
        else:
            entries = baseline.entries_of(self.collected, self.layout)
            what = f"{len(entries)} findings"
        try:
            baseline.write(self.path, entries)
        except InputError as exc:  # a full disk, a read-only folder: said as any write is
            sink([exc.finding])
            self.unwritten = True
            return
        except Exception as exc:  # one line, no traceback
            raise GateError(f"cannot write {self.path}: {exc}") from None
        shown = self.layout.shown(self.path)
        if self.quiet:
            return
        print(f"baseline: {what} in {shown}", file=sys.stderr)
        if not self.configured:  # check and locales read only the baseline they are given
            print(f"baseline: check and locales use it with --baseline {shown}, or with "
                  f'baseline = "{shown}" under [tool.pipeline]', file=sys.stderr)

    def exit_status(self, summary: Summary) -> int:
        if self.command == "baseline":  # its findings are what it records: only its write
            return 1 if self.unwritten else 0
        if self.matcher is None:
            return 1 if summary.errors else 0
        return 1 if self.matcher.new_errors else 0

    def summary(self) -> str:
        if self.matcher is None:
            return ""
        m = self.matcher
        stale = len(m.stale(self._in_scope))
        return (f"; baseline {self.layout.shown(self.path)}: {m.matched} baselined, "
                f"{m.new_errors} new errors, {stale} stale entries")
