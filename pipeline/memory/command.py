"""``python -m pipeline tm-export --locale L --out FILE``: a locale's memory as TMX 1.4.

The memory is every catalog of the locale (read in parallel) and the TMX files given with
``--tm`` or the ``tm`` setting, as a run's fill sees it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from pipeline import __version__
from pipeline.checks.base import Options
from pipeline.config import Config, config_options
from pipeline.findings import Finding, InputError, shown_path
from pipeline.io import write_atomic
from pipeline.layout import Layout
from pipeline.memory import tmx
from pipeline.memory.index import build
from pipeline.memory.rows import OBSOLETE, Row, catalog_rows
from pipeline.memory.session import TMX_LIMIT_FACTOR
from pipeline.roots import missing_locale
from pipeline.stats import jobs_for, locales_folder, map_jobs, own_output, read
from pipeline.terms import TermsError


def _rows(
    locales: Path, limit: int, options: Options, rels: list[str]
) -> list[tuple[str, tuple[Row, ...]] | Finding]:
    from pipeline.publish import HeldBack

    layout = Layout(Path(), locales, Path())
    held_back = HeldBack(options, options.locale)
    out: list[tuple[str, tuple[Row, ...]] | Finding] = []
    for rel in rels:
        path = layout.catalog(rel)
        try:
            catalog = read(path, layout.shown(path), limit, rel)
        except InputError as exc:
            out.append(exc.finding)
            continue
        if catalog is not None:
            # a reviewed translation the checks keep off the page is offered as unreviewed:
            # a CAT tool would otherwise take it as a trusted 100 % match
            # (an obsolete entry's text fills the run's last gaps; a vendor's TMX is today's)
            out.append((rel, tuple(r for r in catalog_rows(catalog, held_back)
                                   if r[2] != OBSOLETE)))
    return out


def locale_rows(locales: Path, locale: str, limit: int, jobs: int, options: Options
                ) -> tuple[list[tuple[str, tuple[Row, ...]]], list[Finding]]:
    """(article path, rows) of each catalog of ``locale``, and the broken catalogs."""
    every, _, problems = Layout(Path(), locales, Path()).catalogs()
    rels = [r for r in every if r.split("/", 1)[0].lower() == locale.lower()]
    found = map_jobs(partial(_rows, locales, limit, replace(options, locale=locale)), rels,
                     jobs)
    return ([f for f in found if not isinstance(f, Finding)],
            [*problems, *(f for f in found if isinstance(f, Finding))])


def export_command(args: argparse.Namespace, config: Config) -> int:
    locales = locales_folder(args, config)
    if locales is None or not own_output(args.out, locales, config, folder=False,
                                         settings=args.config):
        return 2
    tmx_files = tuple(dict.fromkeys((*config.tm, *args.tm)))
    dropped = _dropped(args.out, tmx_files, args.locale, config.max_file_size)
    if dropped is not None:
        print(f"pipeline: error: {dropped}", file=sys.stderr)
        return 2
    try:
        options = config_options(config)
    except TermsError as exc:
        print(f"pipeline tm-export: error: {exc}", file=sys.stderr)
        return 2
    unknown = missing_locale(locales, args.locale)
    if unknown is not None and not tmx_files:  # else the TMX files may hold the locale
        print(f"pipeline tm-export: error: {unknown}", file=sys.stderr)
        return 2
    sources, findings = locale_rows(locales, args.locale, config.max_file_size,
                                    jobs_for(args, config), options)
    all_sources: list[tuple[str, tuple[Row, ...] | list[Row]]] = list(sources)
    try:
        all_sources.extend(tmx.rows_of(tmx_files, args.locale,
                                       TMX_LIMIT_FACTOR * config.max_file_size))
        index = build(all_sources)
        write_atomic(args.out, tmx.export(index, args.locale, __version__), str(args.out))
    except InputError as exc:
        findings.append(exc.finding)
        index = None
    for finding in findings:
        print(finding.format_text(), file=sys.stderr)
    if index is not None and not args.quiet:
        units = sum(len(c) for c in index.choices.values())
        print(f"{len(sources)} catalogs of {args.locale}: {len(index)} English segments, "
              f"{units} translation units written to {shown_path(args.out)}", file=sys.stderr)
    return 1 if findings else 0


def _dropped(out: Path, tmx_files: tuple[Path, ...], locale: str, limit: int) -> str | None:
    """The error for an export over a memory the run reads that holds other languages, or
    None. Regenerating a locale's own memory is a workflow (its units are read into the
    export); a team's memory of several locales written over lost all the others."""
    for path in tmx_files:
        if path.resolve() == out.resolve():
            others = tmx.other_languages(path, locale, TMX_LIMIT_FACTOR * limit)
            if others:
                return (f"--out {out} is a translation memory the run reads, and it holds "
                        f"units in {', '.join(others[:5])}, which an export of {locale} "
                        "would drop: give an output of its own")
    return None
