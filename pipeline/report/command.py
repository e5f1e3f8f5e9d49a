"""``python -m pipeline report``: the command-line side of the report."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pipeline.checks.base import Options
from pipeline.config import Config, bounded_jobs
from pipeline.findings import shown_path
from pipeline.layout import Layout, source_folder
from pipeline.progress import Progress
from pipeline.roots import misplaced
from pipeline.source import tree as source_tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def default_out(config: Config) -> Path:
    """The report is a local folder: below the output root, or build/ if that is a URL."""
    return (config.out if isinstance(config.out, Path) else Path("build")) / "report"


def main(args: argparse.Namespace, config: Config) -> int:
    """Exit status 0 when the report is written (whatever it reports), 1 when some page could
    not be written, 2 for usage errors."""
    from pipeline.outcome import Settings
    from pipeline.report import build  # imported here, so other commands need not load it

    out: Path = args.out or default_out(config)
    content = args.content or config.content
    # plain English in content/<source-locale>/ drives every target locale, as in ``locales``:
    # the report shows each of its articles in each target locale, beside the handoffs
    source = source_folder(content, config.source_locale)
    layout = Layout(content, args.locales or config.locales, out, source)
    if not layout.content.is_dir():
        print(f"pipeline: error: no content folder at {layout.content} (give --content DIR)",
              file=sys.stderr)
        return EXIT_USAGE
    problem = misplaced(layout.content, layout.locales, out)
    if problem is not None:
        print(f"pipeline: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    listing = source_tree.list_targets(layout, config.target_locales)  # once: ``Targets``
    targets = listing.of(config.build_locales) if source else ()
    from pipeline.terms import TermsError, load

    try:
        terms = load(config.no_loc, config.no_loc_file, config.glossary)
    except TermsError as exc:
        print(f"pipeline report: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(
        layout=layout,
        options=Options(select=config.select, ignore=config.ignore,
                        severities=config.severities, link_rewrites=config.link_rewrites,
                        terms=terms),
        max_file_size=config.max_file_size,
        publish_machine_translation=config.publish_machine_translation,
        targets=targets,
        listing=listing,
    )
    jobs = bounded_jobs(args.jobs if args.jobs is not None else config.jobs)
    rels, _, problems = source_tree.articles(layout, config.build_locales,
                                             config.target_locales, listing)
    for f in problems:  # what the walk could not take: also on the report's pages
        print(f.format_text(), file=sys.stderr)
    started = time.monotonic()
    bar = Progress(len(rels), sys.stderr, enabled=not args.quiet)
    baseline = None if args.no_baseline else (args.baseline or config.baseline)
    matcher = None
    if baseline is not None:
        from pipeline.baseline import BaselineError, Matcher
        from pipeline.baseline import load as load_baseline

        try:
            matcher = Matcher(load_baseline(baseline), layout)
        except BaselineError as exc:
            print(f"pipeline report: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        matcher.articles(rels, layout.source)  # a renamed article's entries, as check's
    try:
        # the report's own run cache: a report over an unchanged tree replays every article
        checked = build.check_cached(rels, settings, out / ".pipeline-cache", jobs,
                                     progress=bar.advance)
    finally:
        bar.close()
    findings = checked.findings if matcher is None else tuple(matcher.mark(checked.findings))
    findings = (*problems, *findings)  # what the walk could not take, on the pages too
    bar = Progress(len(rels), sys.stderr, enabled=not args.quiet)
    try:
        result = build.write_report(rels, settings, out, findings, jobs, progress=bar.advance,
                                    replayed=checked.replayed, reuse=True)
    finally:
        bar.close()
    for f in result.failures:
        print(f.format_text(), file=sys.stderr)
    if not args.quiet:
        index = shown_path(os.path.join(os.path.relpath(out), "index.html"))
        if any(f.path == index for f in result.failures):  # no entry page to name
            index = f"{index} could not be written (see above)"
        print(
            f"report: {result.articles} articles, {result.segments} segments, "
            f"{result.findings} findings; {result.written} of {result.pages} pages written in "
            f"{time.monotonic() - started:.2f}s: {index}",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if result.failures else EXIT_OK
