"""``python -m pipeline segment``: segment the English articles of a folder.

    --format json   one JSON list on stdout, a record per article (files in path order)
    --format pot    one gettext template per article under --out (<path>.pot)
    --format sxs    the article as a handoff before translation under --out (<path>.md)

A file that cannot be read or is not UTF-8 is a finding on stderr; the others still run; the
exit status is then 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pipeline.checks.inputs as inputs
from pipeline.config import Config
from pipeline.findings import Finding, InputError, Severity, json_text
from pipeline.header import gettext_language
from pipeline.io import read_bytes, write_files
from pipeline.roots import linked_in, written_over
from pipeline.segment import segment_bytes
from pipeline.segment.output import json_record, pot, sxs
from pipeline.walk import walk_files

DEFAULT_SOURCE_LOCALE = "en-US"
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})+")  # a folder named as a locale
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def articles(source: Path, confine: Path) -> tuple[list[tuple[str, Path]], list[Finding]]:
    """(path under ``source``, path) of every Markdown file, in path order, and what could
    not be walked, as every other command walks the English (``walk.walk_files``): a name
    that is not UTF-8 or holds a line break, a link that loops or leads out of ``confine``,
    ``a.MD``. Dot files and folders (editors' and our own temp files) are skipped."""
    found = walk_files(source, str(source), ".md", confine)
    return [(rel, source / rel) for rel in found.rels], list(found.problems)


def main(args: argparse.Namespace, config: Config) -> int:
    source = args.source or config.content / config.source_locale
    fmt: str = args.format
    if not isinstance(source, Path) or not source.is_dir():
        print(f"pipeline: error: no English folder at {source} (give --source DIR)",
              file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json" and args.out is not None:  # it would be passed over, the file never made
        print("pipeline: error: --format json writes to standard output; --out is for pot and "
              "sxs (redirect the output to write a file: > FILE)", file=sys.stderr)
        return EXIT_USAGE
    out = args.out or config.out / fmt
    if not isinstance(out, Path) or (fmt != "json" and out.exists() and not out.is_dir()):
        print(f"pipeline: error: segment writes to a local folder, not {out} (give --out DIR)",
              file=sys.stderr)
        return EXIT_USAGE
    reads = (("the content folder", config.content), ("the catalogs folder", config.locales))
    problem = None if fmt == "json" else written_over(out, reads, source)
    clear: dict[Path, bool] = {}  # by folder written in: out of what the run reads
    if problem is not None:
        print(f"pipeline: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    locale = source.name if _LOCALE.fullmatch(source.name) else DEFAULT_SOURCE_LOCALE
    language = gettext_language(locale)
    errors = 0
    records: list[dict[str, object]] = []
    writes: list[tuple[Path, bytes, str | None]] = []
    count = 0
    # an article may link to one of its content folder (the locale folder's parent), no further
    found, problems = articles(source, source.parent if _LOCALE.fullmatch(source.name)
                               else source)
    errors += _report(problems, args.quiet)
    for rel, path in found:
        shown = str(path)
        try:
            data = read_bytes(path, config.max_file_size)
        except InputError as exc:
            errors += _report([exc.finding], args.quiet)
            continue
        except OSError as exc:
            errors += _report([inputs.unreadable(path, exc, shown)], args.quiet)
            continue
        try:
            article = segment_bytes(data, shown)
            made = (json_record(article, rel) if fmt == "json" else
                    pot(article, rel, language) if fmt == "pot" else sxs(article))
        except Exception as exc:  # a bug: this article's finding, never a traceback
            errors += _report([Finding(
                inputs.INTERNAL_ERROR.id, Severity.ERROR,
                f"internal error, article skipped: {type(exc).__name__}: {exc}"[:300], shown,
                0, 0, None, "please report this with the article attached")], args.quiet)
            continue
        errors += _report(article.findings, args.quiet)
        if any(f.severity is Severity.ERROR for f in article.findings):
            continue
        if isinstance(made, dict):
            count += len(article.segments)
            records.append(made)
        else:
            target = out / (rel[:-3] + ".pot" if fmt == "pot" else rel)
            if target.parent not in clear:  # a folder below --out may link where it reads
                clear[target.parent] = written_over(target.parent, reads, source) is None
            if not clear[target.parent]:
                errors += _report([linked_in(str(target))], args.quiet)
                continue
            count += len(article.segments)
            writes.append((target, made.encode("utf-8"), str(target)))
    if fmt == "json":
        sys.stdout.write(json_text(records, indent=1))
        sys.stdout.write("\n")
    for result in write_files(writes) if writes else []:
        if isinstance(result, InputError):
            errors += _report([result.finding], args.quiet)
    if not args.quiet:
        print(f"{len(records) if fmt == 'json' else len(writes)} articles, {count} segments, "
              f"{errors} errors", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK



def _report(findings: tuple[Finding, ...] | list[Finding], quiet: bool) -> int:
    """Print findings; the number of errors among them."""
    errors = 0
    for f in findings:
        errors += f.severity is Severity.ERROR
        if not (quiet and f.severity is Severity.INFO):
            print(f.format_text(), file=sys.stderr)
    return errors
