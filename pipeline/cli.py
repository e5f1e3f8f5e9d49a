"""The command line: ``python -m pipeline extract|check|render|locales``.

Exit status: 0 all went well, 1 inputs had problems (any error finding), 2 usage errors.
Diagnostics go to stderr as ``path:line:col: severity[check-id]: message``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pipeline.checks.inputs as inputs
from pipeline import checks, executors, gate, stdout, storage
from pipeline.arguments import COMMANDS, command_parser, unrecognized
from pipeline.arguments import parser as declared
from pipeline.checks.base import Options
from pipeline.config import Config, ConfigError, cpu_count, load
from pipeline.findings import Finding, Severity, terminal_text
from pipeline.layout import Layout, source_folder
from pipeline.lock import remove_stale_temps, tree_lock
from pipeline.memory import Setup, in_use
from pipeline.outcome import Settings, Summary
from pipeline.progress import Progress
from pipeline.render import Form
from pipeline.reporter import Reporter
from pipeline.roots import misplaced
from pipeline.runner import run
from pipeline.source import tree as source_tree
from pipeline.stdout import OutputFailed
from pipeline.suggest import did_you_mean

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_FAILED = 3  # the run could not finish: a cluster or storage failure, after its retries
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command stopped by SIGPIPE (128 + 13)
EXIT_INTERRUPTED = 130  # what a shell reports for a command stopped by Ctrl-C (128 + 2)
EXIT_TERMINATED = 143  # ... and by SIGTERM (128 + 15)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job's timeout or cancel, ``timeout``, ``docker stop``), taken as Ctrl-C
    is: the run stops where an interrupt stops it, and ends what it printed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _ids(values: Sequence[str]) -> frozenset[str]:
    return frozenset(i.strip() for v in values for i in v.split(",") if i.strip())


def entry() -> int:
    """The process entry point (``python -m pipeline``, the ``pipeline`` script): ``main`` for
    a process that runs one command and ends."""
    # What is loaded now lives as long as the process: the collector need not walk it again
    # at every full collection (a run with nothing to do spent 5 ms there), and forked workers
    # do not touch, and so copy, its pages.
    gc.freeze()
    stdout.set_up()
    # SIGTERM killed the run outright: a JSON list on stdout left open, the temp files of the
    # batch being written left behind. One ignored (nohup-like launchers) stays ignored.
    before = signal.getsignal(signal.SIGTERM)
    if before == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main()
        sys.stdout.flush()  # what is still buffered may fail to go out too: say so here
        return code
    except OutputFailed as exc:  # a full disk under `> out.json`, not a bug: say what to do
        to = terminal_text(stdout.where(exc.fd))
        with contextlib.suppress(OSError):  # and let no flush at exit try the write again
            os.dup2(os.open(os.devnull, os.O_WRONLY), exc.fd)
        with contextlib.suppress(OutputFailed):  # stderr itself, maybe: the status says it
            print(f"pipeline: error: cannot write the output to {to} ({exc}): what was "
                  "printed is cut short; the files written so far are whole (hint: free some "
                  "space, or send the output elsewhere, then run again)", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:  # every file is whole, old or new: nothing to say but that
        ended = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(f"pipeline: {ended}; the files written so far are whole", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``pipeline checks | head``): stop quietly, as a command the
        # pipe's signal stops does, and let no flush at exit write to the closed pipe again
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug outside any article's guard: one line, never a traceback
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        print(f"pipeline: internal error: {type(exc).__name__}: {exc}"[:500] + " (the files "
              "written so far are whole; run again with PIPELINE_DEBUG=1 for the traceback, "
              "and please report it)", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if before == signal.SIG_DFL:  # as it was, for a caller that goes on (tests)
            signal.signal(signal.SIGTERM, before)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)  # the command, if any
    parser = declared(first if any(first == name for name, _, _ in COMMANDS) else None)
    names = [name for name, _, _ in COMMANDS]
    near = "" if first is None or first in names else did_you_mean([first], names)
    if near:  # `pipeline chek`: argparse lists all fourteen commands, not the one meant
        parser.error(f"argument COMMAND: invalid choice: {first!r}{near}")
    # a word the command does not take is said by the command's own parser, with what was
    # likely meant: argparse's top parser said it with the usage of every command
    args, extra = parser.parse_known_args(words)
    if extra:
        command_parser(parser, args.command).error(unrecognized(args.command, extra))
    if args.command == "checks":
        for c in checks.ALL_CHECKS:
            print(f"{c.id:28} {c.severity.label:8} {c.topic:10} {c.summary}")
        return EXIT_OK

    def known() -> frozenset[str]:  # loads the registry: only when ids are given
        return frozenset(checks.BY_ID)

    if args.config is None:
        args.config = Path("pyproject.toml")  # optional: without one, the defaults
    elif not args.config.exists():  # named, and missing: the run must not quietly ignore it
        print(f"pipeline: error: --config {args.config}: no such file", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = load(args.config, known)
    except ConfigError as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "jobs", None) is not None and args.jobs < 0:  # every command's -j alike
        print(f"pipeline {args.command}: error: --jobs must be 0 (all cores) or more",
              file=sys.stderr)
        return EXIT_USAGE
    if hasattr(args, "handler"):  # stats, xliff-export, xliff-import, report, segment
        module, name = args.handler
        handler = getattr(importlib.import_module(module), name)
        return int(handler(args, config))
    select = _ids(getattr(args, "select", []))
    ignore = _ids(getattr(args, "ignore", []))
    unknown = sorted((select | ignore) - known()) if select or ignore else []
    # said as the command's own usage error, not with the usage of every command
    both = sorted(select & ignore)
    problem = (f"unknown check id(s): {', '.join(unknown)}{did_you_mean(unknown, known())} "
               "(see `pipeline checks`)" if unknown else
               f"{', '.join(both)} both selected and ignored: nothing of {_them(both)} would "
               "be reported (give each to --select or to --ignore)" if both else None)
    if problem is not None:
        print(f"pipeline {args.command}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return _run(args, config, select, ignore)


def _them(ids: list[str]) -> str:
    return "them" if len(ids) > 1 else "it"


def _run(args: argparse.Namespace, config: Config, select: frozenset[str],
         ignore: frozenset[str]) -> int:
    content, locales, out = (storage.configured(root, config.storage_options) for root in (
        args.content or config.content, args.locales or config.locales,
        getattr(args, "out", None) or config.out))
    problem = _unusable(Layout(content, locales, out), args.command in ("render", "locales"))
    if problem is not None:
        print(f"pipeline: error: {problem[1]}", file=sys.stderr)
        return problem[0]
    try:
        # plain English in content/<source-locale>/ drives every target locale
        # (pipeline.source); the target locales are the folders found in both roots
        source = source_folder(content, config.source_locale)
        layout = Layout(content, locales, out, source)
        # listed once: the articles, prune and the build-locales check read this one listing
        listing = source_tree.list_targets(layout, config.target_locales)
        targets = listing.of(config.build_locales) if source else ()
    except storage.Unavailable as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    terms = None
    if config.no_loc or config.no_loc_file or config.glossary:
        from pipeline.terms import TermsError, load

        try:
            terms = load(config.no_loc, config.no_loc_file, config.glossary)
        except TermsError as exc:
            print(f"pipeline: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    options = Options(
        select=select or config.select,
        ignore=ignore | config.ignore,
        severities=config.severities,
        link_rewrites=config.link_rewrites,
        terms=terms,
    )
    command = args.command
    gating = None
    if gate.wanted(args, config):
        try:
            gating = gate.Gate(args, config, layout)
        except gate.GateError as exc:
            print(f"pipeline: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        gating.with_selection(options.select, options.ignore)
    form = None
    if command == "render":
        form = Form(args.form)
    elif command == "locales":
        form = Form.LOCALIZED
    settings = Settings(
        layout=layout,
        options=options,
        extract=command in ("extract", "locales"),
        check=command in ("check", "locales", "baseline"),
        form=form,
        max_file_size=config.max_file_size,
        publish_machine_translation=config.publish_machine_translation,
        memory=_memory_setup(args, config, layout, command),
        targets=targets,
        listing=listing,
        prune=getattr(args, "prune", False),
        build_locales=config.build_locales,
    )
    jobs = args.jobs if args.jobs is not None else config.jobs
    jobs = jobs or cpu_count()
    try:
        executor = executors.spec_of(args, config, jobs, layout, None if args.quiet else _say)
        settings = replace(settings, layout=executors.for_workers(executor, layout))
        rels, skipped, problems = source_tree.articles(layout, config.build_locales,
                                                       config.target_locales, listing)
    except executors.UsageError as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except storage.Unavailable as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if gating is not None:
        try:
            rels = gating.select_articles(rels)
        except gate.GateError as exc:
            print(f"pipeline: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    started = time.monotonic()
    bar = Progress(len(rels), sys.stderr, enabled=not args.quiet)
    reporter = Reporter(getattr(args, "format", "text"), args.quiet, bar,
                        baseline=gating is not None and gating.matcher is not None)
    sink = reporter if gating is None else gating.wrap(reporter)
    try:
        # the folders and names the walk skipped, and why: said first, and counted in the summary
        walked = [*(Finding(inputs.LAYOUT.id, Severity.INFO,
                            f"skipped {name!r}: not a locale folder", layout.shown_article(name))
                    for name in skipped), *problems,
                  *_unknown_build_locales(listing, config, layout.shown(args.config)),
                  *source_tree.spelling_findings(layout, listing)]
        sink(walked)

        def clean() -> None:
            """Temp files of killed runs, removed by the next run that has work to do (a run with
            nothing to do writes nothing, and walking both trees would be a third of its time)."""
            # (a URL root has no temp files to remove: object stores take one put per object)
            if settings.form is not None and isinstance(layout.out, Path):
                remove_stale_temps(layout.out, min_age=3600)  # render runs take no lock: old only
            if settings.extract and isinstance(layout.locales, Path):  # under the lock
                remove_stale_temps(layout.locales)

        lock: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if settings.extract and isinstance(layout.locales, Path):
            lock = tree_lock(layout.locales)
        elif settings.extract:  # fcntl locks a local folder only
            print(f"pipeline: warning: no lock on {layout.locales}: runs that write these "
                  "catalogs must not overlap", file=sys.stderr)
        try:
            with lock:
                summary = run(rels, settings, jobs, progress=bar.advance, sink=sink,
                              before_work=clean, executor=executor)
        except (executors.RunFailed, storage.Unavailable) as exc:
            bar.close()
            print(f"pipeline: error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        finally:
            bar.close()
        elapsed = time.monotonic() - started
        if summary.unsaved:  # every later run would redo every article, and never say why
            print("pipeline: warning: the run cache was not saved "
                  f"({terminal_text(summary.unsaved)}); every run redoes every article until it "
                  "can be", file=sys.stderr)
        if walked:
            counts = dict(summary.counts)
            for f in walked:
                counts[f.severity] += 1
            summary = replace(summary, counts=counts)
        if gating is not None:
            try:
                gating.finish(reporter)
            except gate.GateError as exc:
                print(f"pipeline: error: {exc}", file=sys.stderr)
                return EXIT_USAGE
        reporter.close()
        if not args.quiet:
            print(_summary_line(summary, elapsed) + (gating.summary() if gating else ""),
                  file=sys.stderr)
        if gating is not None:
            return gating.exit_status(summary)
        return EXIT_PROBLEMS if summary.errors else EXIT_OK
    finally:  # a run that stopped (exit 2 or 3, an internal error, Ctrl-C) ends its output too
        reporter.abandon()


def _unknown_build_locales(listing: source_tree.Targets, config: Config,
                           settings: str) -> list[Finding]:
    """A warning for each ``build-locales`` name no locale folder or target has: a typo there
    builds nothing, with exit 0 (it is no error: the locale may simply have no articles yet)."""
    # a root the run could not list may hold the locale named: the walk says it is unreadable
    if not config.build_locales or not listing.read:
        return []
    known = {name.lower() for name in listing.found}
    return [Finding(inputs.LAYOUT.id, Severity.WARNING, f"build-locales names {name!r}, which "
                    "no locale folder of the content or catalogs has: nothing is built for it",
                    settings, 0, 0, None,
                    "check the name in build-locales (locale folders such as fr-FR)")
            for name in sorted(config.build_locales - known)]


def _memory_setup(args: argparse.Namespace, config: Config, layout: Layout,
                  command: str) -> Setup | None:
    """The translation memory of an extract, check or locales run (its file beside the
    outputs); None when the configuration turns it off."""
    if command not in ("extract", "check", "locales", "baseline"):
        return None
    given = tuple(getattr(args, "tm", ()))
    if not in_use(config.translation_memory, config.tm, given):
        return None
    # kept on disk beside the outputs of a run whose cache skips articles; extract and check
    # process every article and need no file
    keep = command == "locales"
    return Setup(layout.out if keep and isinstance(layout.out, Path) else None, config.tm_threshold,
                 config.tm_publish_exact,
                 tuple(dict.fromkeys((*config.tm, *given))))


def _say(message: str) -> None:
    print(f"pipeline: {message}", file=sys.stderr)


def _unusable(layout: Layout, pages: bool) -> tuple[int, str] | None:
    """Why the roots cannot be used, with the exit status (2: usage, 3: the storage failed),
    or None (``pages``: the run writes pages to the output root). Every URL root is tried
    before any work: a protocol fsspec does not know, or whose package is missing, is a usage
    error, not a failure after the run."""
    if not layout.local and storage.available() is not None:
        return EXIT_USAGE, f"URL roots need fsspec, which is not installed: {storage.INSTALL}"
    root: Path | storage.Url = layout.content
    try:
        if not layout.content.is_dir():
            return EXIT_USAGE, f"no content folder at {layout.content} (give --content DIR)"
        problem = misplaced(layout.content, layout.locales, layout.out, pages)
        if problem is not None:
            return EXIT_USAGE, problem
        for root in (layout.locales, layout.out):
            if isinstance(root, storage.Url):
                root.is_dir()  # that it can be asked: it need not exist yet
    except (ImportError, ValueError) as exc:  # fsspec knows no such protocol, or its package
        return EXIT_USAGE, f"{root}: {exc}"
    except storage.Unavailable as exc:
        return EXIT_FAILED, str(exc)
    return None


def _summary_line(summary: Summary, elapsed: float) -> str:
    counts = summary.counts
    return (
        f"{summary.articles} articles, {summary.segments} segments, "
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} notes; {summary.catalogs_written} catalogs and "
        f"{summary.outputs_written} outputs written in {elapsed:.2f}s"
    )
