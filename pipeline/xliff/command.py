"""``python -m pipeline xliff-export`` and ``xliff-import``: every catalog of a locales tree to
XLIFF 1.2 files at the same paths, and those files back (see ``pipeline.xliff``)."""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path

from pipeline.catalog import encode_po
from pipeline.config import Config
from pipeline.findings import Finding, InputError, Severity, shown_path
from pipeline.io import read_bytes, write_atomic
from pipeline.layout import Layout
from pipeline.lock import tree_lock
from pipeline.returned import all_catalogs
from pipeline.roots import into_reads, linked_in
from pipeline.stats import (
    jobs_for,
    locales_folder,
    map_jobs,
    own_output,
    read,
    read_with_bytes,
    returned_folder,
)
from pipeline.xliff import CHECK, export_catalog, import_catalog


def _report(findings: list[Finding], summary: str, quiet: bool) -> int:
    for finding in findings:
        print(finding.format_text(), file=sys.stderr)
    if not quiet:
        print(summary, file=sys.stderr)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _export_batch(
    locales: Path, out: Path, limit: int, rels: list[str]
) -> list[Finding | bool | None]:
    """Catalogs to ``out``: per catalog whether its .xlf was written, what went wrong, or None
    when it is gone. Files are written on I/O threads while the next catalogs are converted."""
    layout = Layout(Path(), locales, out)
    results: list[Finding | bool | Future[bool] | None] = []
    with ThreadPoolExecutor(max_workers=4) as io:
        for rel in rels:
            path = layout.catalog(rel)
            shown = layout.shown(path)
            target = out / (rel[:-3] + ".xlf")
            try:
                catalog = read(path, shown, limit, rel)
                if catalog is None:
                    results.append(None)
                    continue
                if into_reads(target, (locales,)):  # out/fr-FR a link to locales/fr-FR
                    results.append(linked_in(layout.shown(target)))
                    continue
                data = export_catalog(catalog, rel[:-3] + ".po", rel.split("/", 1)[0], shown)
                results.append(io.submit(write_atomic, target, data, layout.shown(target)))
            except InputError as exc:
                results.append(exc.finding)
        return [_result(r) for r in results]


def _result(result: Finding | bool | Future[bool] | None) -> Finding | bool | None:
    if not isinstance(result, Future):
        return result
    try:
        return result.result()
    except InputError as exc:
        return exc.finding


def export_command(args: argparse.Namespace, config: Config) -> int:
    locales = locales_folder(args, config)
    if locales is None or not own_output(args.out, locales, config,
                                                      settings=args.config):
        return 2
    rels, _, problems = Layout(Path(), locales, args.out).catalogs()
    results = map_jobs(partial(_export_batch, locales, args.out, config.max_file_size), rels,
                       jobs_for(args, config))
    findings = [*problems, *(r for r in results if isinstance(r, Finding))]
    written = sum(r is True for r in results)
    exported = sum(isinstance(r, bool) for r in results)
    return _report(findings, f"{exported} catalogs exported to {shown_path(args.out)}, {written} "
                   "files written", args.quiet)


def _import_batch(
    locales: Path, folder: Path, limit: int, catalogs: frozenset[str], rels: list[str]
) -> list[tuple[int, tuple[Finding, ...]]]:
    """.xlf files (``rels`` below ``folder``) into their catalogs: per file the entries
    changed and what there is to say about it (why it was refused, translations cleared)."""
    layout = Layout(Path(), locales, Path())
    out: list[tuple[int, tuple[Finding, ...]]] = []
    for rel in rels:
        po_rel = rel.rpartition(".")[0] + ".po"  # a.xlf, a.XLF, a.xliff: a.po
        xlf, path = folder / rel, locales / po_rel
        shown, xlf_shown = layout.shown(path), layout.shown(xlf)
        try:
            found = read_with_bytes(path, shown, limit, rel)
            if found is None:
                raise InputError(CHECK, f"no catalog {shown} for this XLIFF file", xlf_shown,
                                 0, 0, "keep the folders and names xliff-export wrote")
            catalog = found[0]
            try:  # XML takes about twice the bytes of PO for the same entries
                data = read_bytes(xlf, 4 * limit)
            except OSError as exc:
                raise InputError(CHECK, f"cannot read: {exc.strerror}", xlf_shown, 0, 0,
                                 "check the file's permissions") from None
            new, changed, cleared = import_catalog(catalog, data, xlf_shown, po_rel, catalogs)
            if changed:
                # in its declared charset; never over a save made since it was read
                write_atomic(path, encode_po(new), shown, found[1])
            out.append((changed, cleared))
        except InputError as exc:  # one unit refused refuses the file: say so
            out.append((0, (replace(exc.finding, message=f"{exc.finding.message}; nothing of "
                                    "this file was imported"),)))
    return out


def import_command(args: argparse.Namespace, config: Config) -> int:
    found = returned_folder(args, config, (".xlf", ".xliff"), CHECK)
    if found is None:
        return 2
    locales, folder, rels, problems = found
    with tree_lock(locales):
        results = map_jobs(partial(_import_batch, locales, folder, config.max_file_size,
                                   all_catalogs(locales)), rels, jobs_for(args, config))
    changed = [n for n, _ in results if n]
    findings = [*problems, *(f for _, found in results for f in found)]
    return _report(findings, f"{len(rels)} XLIFF files read, {len(changed)} catalogs updated "
                   f"({sum(changed)} entries)", args.quiet)
