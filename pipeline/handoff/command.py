"""``python -m pipeline handoff --locale L --out DIR [--format xliff|po]`` and
``python -m pipeline handoff-import DIR``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from pipeline import __version__
from pipeline.catalog import Message
from pipeline.checks.base import Options
from pipeline.checks.tree import orphan_message
from pipeline.config import Config, config_options
from pipeline.findings import Finding, InputError, Severity, shown_path
from pipeline.handoff import back, package
from pipeline.handoff.work import CATEGORIES, Count, Work, counts, needing_work
from pipeline.io import read_bytes, write_atomic, write_files
from pipeline.layout import Layout, source_folder
from pipeline.lock import tree_lock
from pipeline.returned import all_catalogs
from pipeline.roots import into_reads, linked_in, missing_locale
from pipeline.stats import (
    jobs_for,
    locales_folder,
    map_jobs,
    own_output,
    read,
    read_with_bytes,
    returned_folder,
)
from pipeline.storage import Url
from pipeline.terms import TermsError

Exported = tuple[str, list[Work], dict[str, Count]] | Finding | None


def _export(locales: Path, out: Path, fmt: str, limit: int, options: Options,
            content: Path | Url, rels: list[str]) -> list[Exported]:
    from pipeline.publish import HeldBack

    held_back = HeldBack(options, options.locale)

    def held_by(msg: Message) -> list[str]:
        return [c.id for c in held_back(msg)]

    layout = Layout(Path(), locales, out)
    results: list[Exported] = []
    writes: list[tuple[Path, bytes, str | None]] = []
    at: list[int] = []  # where each write's catalog is in results
    for rel in rels:
        path = layout.catalog(rel)
        shown = layout.shown(path)
        po_rel = rel[:-3] + ".po"
        try:
            catalog = read(path, shown, limit, rel)
            works = needing_work(catalog, held_by) if catalog is not None else []
            if catalog is None or not works:
                results.append(None)
                continue
            if fmt == "xliff":
                target = out / (rel[:-3] + ".xlf")
                data = package.xliff(po_rel, rel.split("/", 1)[0], works, shown, __version__)
            else:
                target = out / po_rel
                data = package.po(catalog, po_rel, works)
            if into_reads(target, (locales, content)):  # a catalog replaced by its package
                results.append(linked_in(str(target)))
                continue
            writes.append((target, data, None))
            at.append(len(results))
            results.append((po_rel, works, counts(works)))
        except InputError as exc:
            results.append(exc.finding)
    for i, result in zip(at, write_files(writes), strict=True):
        if isinstance(result, InputError):  # not in the package: neither counted nor suggested
            results[i] = result.finding
    return results


def _table(totals: dict[str, Count]) -> str:
    lines = [f"{'category':16} {'segments':>9} {'words':>9}"]
    for cat in CATEGORIES:
        c = totals.get(cat)
        if c is not None:
            lines.append(f"{cat:16} {c.segments:>9} {c.words:>9}")
    all_ = Count(sum(c.segments for c in totals.values()), sum(c.words for c in totals.values()))
    lines.append(f"{'TOTAL':16} {all_.segments:>9} {all_.words:>9}")
    return "\n".join(lines) + "\n"


def _left_over(out: Path, rels: list[str], fmt: str, done: list[str]) -> list[Finding]:
    """The package files in the locale's folder of ``out`` this package did not write: an
    earlier package's, whose catalog needs no work now or is gone. Sent along, a vendor would
    translate them again (and their words are in no count); deleting them is the user's call."""
    if not rels:
        return []
    ext = ".xlf" if fmt == "xliff" else ".po"
    written = {out / (rel[:-3] + ext) for rel in done}
    root = out / rels[0].split("/", 1)[0]
    found = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".xlf", ".xliff", ".po")
                   and not p.name.startswith(".") and p not in written and p.is_file())
    return [Finding(back.CHECK, Severity.WARNING, "not part of this package: a file of an "
                    "earlier one, whose catalog needs no work now or is gone (its words are "
                    "not in wordcount.csv)", str(p), 0, 0, None,
                    "delete it before sending the package, or write each package to a new "
                    "folder") for p in found]


def _orphans(rels: list[str], config: Config, locales: Path) -> list[Finding]:
    """A warning for each catalog packaged whose article is gone: an article renamed or
    deleted leaves its catalog (orphan-catalog) until the team deletes it, and its English,
    which no page shows, would be sent, counted and paid for. ``handoff`` takes no --content:
    the setting's folder is this tree's only where it holds an article of one of them (else
    it says nothing of any)."""
    content = config.content
    if not isinstance(content, Path) or not content.is_dir():
        return []
    source = source_folder(content, config.source_locale)
    tree = Layout(content, locales, Path(), source)
    gone = [rel for rel in rels if not tree.has_article(rel)]
    if len(gone) == len(rels):  # another tree's content folder, or none of these
        return []
    return [Finding(back.CHECK, Severity.WARNING, "in the package, but "
                    f"{orphan_message(tree, rel)} (orphan-catalog): no page shows its English, "
                    "and its words are counted",
                    tree.shown_catalog(rel), 0, 0, None,
                    "leave its file out of the package; delete the catalog once any edit made "
                    "since is copied to the renamed article's, or restore the article")
            for rel in gone]


def export_command(args: argparse.Namespace, config: Config) -> int:
    locales = locales_folder(args, config)
    if locales is None or not own_output(args.out, locales, config,
                                                      settings=args.config):
        return 2
    out: Path = args.out
    unknown = missing_locale(locales, args.locale)
    if unknown is not None:
        print(f"pipeline handoff: error: {unknown}", file=sys.stderr)
        return 2
    every, _, problems = Layout(Path(), locales, out).catalogs()
    rels = [r for r in every if r.split("/", 1)[0].lower() == args.locale.lower()]
    try:
        options = replace(config_options(config), locale=args.locale)
    except TermsError as exc:
        print(f"pipeline handoff: error: {exc}", file=sys.stderr)
        return 2
    results = map_jobs(partial(_export, locales, out, args.format, config.max_file_size,
                               options, config.content), rels, jobs_for(args, config))
    findings = [*problems, *(r for r in results if isinstance(r, Finding))]
    lost = sum(f.check == "write-failed" for f in findings)  # package files not written
    done = [r for r in results if isinstance(r, tuple)]
    per_catalog = [(rel, found) for rel, _, found in done]
    totals: dict[str, Count] = {}
    for _, found in per_catalog:
        for cat, c in found.items():
            t = totals.get(cat, Count())
            totals[cat] = Count(t.segments + c.segments, t.words + c.words)
    counted, counts_written = out / "wordcount.csv", False
    try:
        try:  # the counts of another locale's package in this folder stay
            earlier: bytes | None = read_bytes(counted, config.max_file_size)
        except (InputError, OSError):
            earlier = None
        rows = package.other_locales(earlier, rels[0].split("/", 1)[0], out) if rels else []
        rows = sorted(rows + per_catalog, key=lambda r: r[0])
        write_atomic(counted, package.csv_rows(rows).encode())
        counts_written = True
        if args.format == "xliff":
            works = [w for _, ws, _ in done for w in ws]
            write_atomic(out / f"suggestions-{args.locale}.tmx",
                         package.suggestions_tmx(args.locale, works, __version__))
    except InputError as exc:
        findings.append(exc.finding)
    findings += _left_over(out, rels, args.format, [rel for rel, _, _ in done])
    findings += _orphans([rel[:-3] + ".md" for rel, _, _ in done], config, locales)
    for finding in findings:
        print(finding.format_text(), file=sys.stderr)
    sys.stdout.write(_table(totals))
    if not args.quiet:
        said = (f"need work and are in the package written to {shown_path(out)}; the {lost} "
                "file(s) named above are not, nor counted" if lost else
                f"need work: package written to {shown_path(out)}")
        # the counts are named only where they are: a vendor is paid by them
        counts = (f"word counts in {shown_path(counted)}" if counts_written else
                  f"no word counts: {shown_path(counted)} was not written, see above")
        print(f"{len(done)} of {len(rels)} catalogs of {args.locale} {said} ({counts})",
              file=sys.stderr)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


Imported = tuple[int, list[Finding]] | Finding


def _import(locales: Path, folder: Path, limit: int, catalogs: frozenset[str],
            rels: list[str]) -> list[Imported]:
    layout = Layout(Path(), locales, Path())
    out: list[Imported] = []
    for rel in rels:
        stem, _, ext = rel.rpartition(".")
        path, file = locales / (stem + ".po"), folder / rel
        shown, file_shown = layout.shown(path), layout.shown(file)
        try:
            found = read_with_bytes(path, shown, limit, rel)
            if found is None:  # the vendor kept the name; the tree may not have
                name = rel.rpartition("/")[2]
                also = "" if ext.lower() == "po" else " (and set its <file original> to it)"
                raise InputError(
                    back.CHECK, f"no catalog {shown} for this file: its article renamed or "
                    "deleted since the export, or the file moved in the package", file_shown,
                    0, 0, f"if the article was renamed, move {name} to that catalog's path in "
                    f"the package{also} and import it again; else keep the folders and names "
                    "of the package")
            catalog = found[0]
            try:
                data = read_bytes(file, 4 * limit)
            except OSError as exc:
                raise InputError(back.CHECK, f"cannot read: {exc.strerror}", file_shown, 0,
                                 0, "check the file's permissions") from None
            units = (back.read_xliff(catalog, data, file_shown, stem + ".po", catalogs)
                     if ext.lower() != "po" else back.read_po(catalog, data, file_shown,
                                                  rel.split("/", 1)[0]))
            new, changed, notes = back.apply(catalog, units, file_shown)
            if changed:
                from pipeline.catalog import encode_po

                # in its declared charset; never over a save made since it was read
                write_atomic(path, encode_po(new), shown, found[1])
            out.append((changed, notes))
        except InputError as exc:
            out.append(exc.finding)
    return out


def import_command(args: argparse.Namespace, config: Config) -> int:
    # the package's word counts and suggestions may come back with it: not a finding
    found = returned_folder(args, config, (".xlf", ".xliff", ".po"), back.CHECK,
                            (".csv", ".tmx"))
    if found is None:
        return 2
    locales, folder, rels, problems = found
    with tree_lock(locales):
        results = map_jobs(partial(_import, locales, folder, config.max_file_size,
                                   all_catalogs(locales)), rels, jobs_for(args, config))
    findings = [*problems, *(r for r in results if isinstance(r, Finding))]
    notes = [n for r in results if not isinstance(r, Finding) for n in r[1]]
    changed = [r[0] for r in results if not isinstance(r, Finding) and r[0]]
    for finding in (*findings, *notes):
        print(finding.format_text(), file=sys.stderr)
    if not args.quiet:
        stale = sum(n.check == back.STALE for n in notes)
        print(f"{len(rels)} files read, {len(changed)} catalogs updated ({sum(changed)} "
              f"entries); {stale} units of English changed since the export, "
              f"{len(notes) - stale} more to look at (see the warnings)",
              file=sys.stderr)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
