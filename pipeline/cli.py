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
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from pipeline import __version__, checks, executors, storage
from pipeline.checks.base import Options
from pipeline.config import Config, ConfigError, cpu_count, load
from pipeline.findings import Finding, Severity
from pipeline.io import remove_stale_temps, tree_lock
from pipeline.layout import Layout
from pipeline.outcome import Settings, Summary
from pipeline.progress import Progress
from pipeline.render import Form
from pipeline.runner import run

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_FAILED = 3  # the run could not finish: a cluster or storage failure, after its retries


def _common(p: argparse.ArgumentParser, out: bool = False) -> None:
    # a root is a folder or an fsspec URL (s3://bucket/docs, memory://…): see pipeline.storage
    p.add_argument("--content", type=storage.parse_root, metavar="DIR|URL",
                   help="articles root (default: content/)")
    p.add_argument("--locales", type=storage.parse_root, metavar="DIR|URL",
                   help="catalogs root (default: locales/)")
    if out:
        p.add_argument("--out", type=storage.parse_root, metavar="DIR|URL",
                       help="output root (default: build/)")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and warnings")
    executors.add_arguments(p)
    _config_option(p)


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=Path("pyproject.toml"),
                   help="settings file with [tool.pipeline] (default: pyproject.toml)")


def _selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", action="append", default=[], metavar="IDS",
                   help="only these check ids (comma-separated, repeatable)")
    p.add_argument("--ignore", action="append", default=[], metavar="IDS",
                   help="skip these check ids (comma-separated, repeatable)")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="how findings are printed (default: text)")


def _check(p: argparse.ArgumentParser) -> None:
    _common(p)
    _selection(p)


def _render(p: argparse.ArgumentParser) -> None:
    _common(p, out=True)
    p.add_argument("--form", choices=[f.value for f in Form], default=Form.LOCALIZED.value,
                   help="localized (default), source (English) or bilingual (sxs)")


def _locales(p: argparse.ArgumentParser) -> None:
    _common(p, out=True)
    _selection(p)


# The stats, xliff and report commands' modules load when they run (a `locales` run never
# needs them): each handler is named as (module, function) and takes (args, config).
def _stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", type=Path, help="catalogs root (default: locales/)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="an aligned table (default) or a JSON list")
    p.add_argument("--by-article", action="store_true", help="one row per catalog")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    _config_option(p)
    p.set_defaults(handler=("pipeline.stats", "command"))


def _xliff_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", type=Path, help="catalogs root (default: locales/)")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors, no summary")
    _config_option(p)


def _xliff_export(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("--out", type=Path, required=True, help="folder for the .xlf files")
    p.set_defaults(handler=("pipeline.xliff", "export_command"))


def _xliff_import(p: argparse.ArgumentParser) -> None:
    _xliff_common(p)
    p.add_argument("folder", type=Path, metavar="DIR",
                   help="folder of .xlf files as xliff-export wrote them")
    p.set_defaults(handler=("pipeline.xliff", "import_command"))


def _report(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, help="articles root (default: content/)")
    p.add_argument("--locales", type=Path, help="catalogs root (default: locales/)")
    p.add_argument("--out", type=Path, help="report folder (default: build/report/)")
    p.add_argument("-j", "--jobs", type=int, help="parallel jobs (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary line")
    _config_option(p)
    p.set_defaults(handler=("pipeline.report.command", "main"))


def _nothing(p: argparse.ArgumentParser) -> None:
    pass


# name, help, how its options are declared
_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("extract", "create or update the PO catalogs from the articles", _common),
    ("check", "report problems in articles, catalogs and translations", _check),
    ("render", "write Markdown from articles and catalogs", _render),
    ("locales", "extract, check and render localized: `make locales`", _locales),
    ("checks", "list the check ids with their severity and summary", _nothing),
    ("stats", "translated, fuzzy and untranslated messages per locale", _stats),
    ("xliff-export", "write an XLIFF 1.2 file per catalog for CAT tools", _xliff_export),
    ("xliff-import", "bring translated XLIFF files back into the catalogs", _xliff_import),
    ("report", "write a static HTML report (default: build/report/)", _report),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized as argparse sizes it (COLUMNS, else the terminal, else
    80 columns) but without importing shutil, and with it bz2 and lzma: argparse makes a
    formatter for every option it declares, so every run paid for that import."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(1).columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=columns - 2)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only``, just that command is declared: argparse takes a
    millisecond or so per command, and a run uses one (help and errors declare them all)."""
    parser = argparse.ArgumentParser(
        prog="pipeline", formatter_class=_Formatter,
        description="sxs bilingual articles -> gettext PO catalogs -> per-locale Markdown",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    # prog given: argparse would otherwise build a help formatter (and load shutil) to work
    # it out on every run
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                prog="pipeline")
    for name, help_text, declare in _COMMANDS:
        if only is None or name == only:
            declare(sub.add_parser(name, help=help_text, formatter_class=_Formatter))
    return parser


def _ids(values: Sequence[str]) -> frozenset[str]:
    return frozenset(i.strip() for v in values for i in v.split(",") if i.strip())


def entry() -> int:
    """The process entry point (``python -m pipeline``, the ``pipeline`` script): ``main`` for
    a process that runs one command and ends."""
    # What is loaded now lives as long as the process: the collector need not walk it again
    # at every full collection (a run with nothing to do spent 5 ms there), and forked workers
    # do not touch, and so copy, its pages.
    gc.freeze()
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)  # the command, if any
    parser = _parser(first if any(first == name for name, _, _ in _COMMANDS) else None)
    args = parser.parse_args(words)
    if args.command == "checks":
        for c in checks.ALL_CHECKS:
            print(f"{c.id:28} {c.severity.label:8} {c.topic:10} {c.summary}")
        return EXIT_OK

    def known() -> frozenset[str]:  # loads the registry: only when ids are given
        return frozenset(checks.BY_ID)

    try:
        config = load(args.config, known)
    except ConfigError as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if hasattr(args, "handler"):  # stats, xliff-export, xliff-import, report
        module, name = args.handler
        handler = getattr(importlib.import_module(module), name)
        return int(handler(args, config))
    select = _ids(getattr(args, "select", []))
    ignore = _ids(getattr(args, "ignore", []))
    unknown = sorted((select | ignore) - known()) if select or ignore else []
    if unknown:
        parser.error(f"unknown check id(s): {', '.join(unknown)} (see `pipeline checks`)")
    if args.jobs is not None and args.jobs < 0:
        parser.error("--jobs must be 0 (all cores) or more")
    return _run(args, config, select, ignore)


def _run(args: argparse.Namespace, config: Config, select: frozenset[str],
         ignore: frozenset[str]) -> int:
    layout = Layout(*(storage.configured(root, config.storage_options) for root in (
        args.content or config.content,
        args.locales or config.locales,
        getattr(args, "out", None) or config.out,
    )))
    problem = _unusable(layout)
    if problem is not None:
        print(f"pipeline: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(
        select=select or config.select,
        ignore=ignore | config.ignore,
        severities=config.severities,
        link_rewrites=config.link_rewrites,
    )
    command = args.command
    form = None
    if command == "render":
        form = Form(args.form)
    elif command == "locales":
        form = Form.LOCALIZED
    settings = Settings(
        layout=layout,
        options=options,
        extract=command in ("extract", "locales"),
        check=command in ("check", "locales"),
        form=form,
        max_file_size=config.max_file_size,
        publish_machine_translation=config.publish_machine_translation,
    )
    jobs = args.jobs if args.jobs is not None else config.jobs
    jobs = jobs or cpu_count()
    try:
        executor = executors.spec_of(args, config, jobs, layout, None if args.quiet else _say)
        settings = replace(settings, layout=executors.for_workers(executor, layout))
        rels, skipped, problems = layout.articles(config.build_locales)
    except executors.UsageError as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except storage.Unavailable as exc:
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    started = time.monotonic()
    bar = Progress(len(rels), sys.stderr, enabled=not args.quiet)
    reporter = Reporter(getattr(args, "format", "text"), args.quiet, bar)
    # the folders and names the walk skipped, and why: said first, and counted in the summary
    walked = [*(Finding("layout", Severity.INFO, f"skipped {name!r}: not a locale folder",
                        layout.shown_article(name)) for name in skipped), *problems]
    reporter(walked)
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
            summary = run(rels, settings, jobs, progress=bar.advance, sink=reporter,
                          before_work=clean, executor=executor)
    except (executors.RunFailed, storage.Unavailable) as exc:
        bar.close()
        print(f"pipeline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        bar.close()
    elapsed = time.monotonic() - started
    if walked:
        counts = dict(summary.counts)
        for f in walked:
            counts[f.severity] += 1
        summary = replace(summary, counts=counts)
    reporter.close()
    if not args.quiet:
        print(_summary_line(summary, elapsed), file=sys.stderr)
    return EXIT_PROBLEMS if summary.errors else EXIT_OK


def _say(message: str) -> None:
    print(f"pipeline: {message}", file=sys.stderr)


def _unusable(layout: Layout) -> str | None:
    """Why the roots cannot be used (a usage error), or None."""
    if not layout.local and storage.available() is not None:
        return f"URL roots need fsspec, which is not installed: {storage.INSTALL}"
    try:
        if not layout.content.is_dir():
            return f"no content folder at {layout.content} (give --content DIR)"
    except (ImportError, ValueError) as exc:  # fsspec knows no such protocol, or its package
        return f"{layout.content}: {exc}"
    except storage.Unavailable as exc:
        return str(exc)
    return None


class Reporter:
    """Prints findings as they come, article by article: a run never holds them all. SARIF is
    one document, so its findings are gathered and printed at the end."""

    def __init__(self, fmt: str, quiet: bool, bar: Progress) -> None:
        self.fmt = fmt
        self.quiet = quiet
        self.bar = bar  # cleared before a line is printed under it
        self.gathered: list[Finding] = []
        self.first = True

    def __call__(self, findings: Sequence[Finding]) -> None:
        if self.fmt == "sarif":
            self.gathered.extend(findings)
        elif self.fmt == "json":
            import json  # only this format and SARIF need it: a run with nothing to do does not

            for f in findings:
                sys.stdout.write("[\n " if self.first else ",\n ")
                sys.stdout.write(json.dumps(f.to_json(), ensure_ascii=False))
                self.first = False
        else:
            lines = [f.format_text() for f in findings
                     if not (self.quiet and f.severity is Severity.INFO)]
            if lines:
                self.bar.close()
                print("\n".join(lines), file=sys.stderr)

    def close(self) -> None:
        if self.fmt == "sarif":
            import json

            from pipeline import sarif

            json.dump(sarif.to_sarif(self.gathered, checks.ALL_CHECKS), sys.stdout,
                      ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif self.fmt == "json":
            sys.stdout.write("[]\n" if self.first else "\n]\n")


def _summary_line(summary: Summary, elapsed: float) -> str:
    counts = summary.counts
    return (
        f"{summary.articles} articles, {summary.segments} segments, "
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} notes; {summary.catalogs_written} catalogs and "
        f"{summary.outputs_written} outputs written in {elapsed:.2f}s"
    )
