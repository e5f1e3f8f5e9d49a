"""Building the report: the checks run over every article as ``pipeline check`` runs them, then
each article's page is written (in parallel), then the overview pages.

Nothing but the report folder is written, and only files whose content changed. The output is
the same for the same inputs: sorted, and free of dates and absolute paths."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.findings import Finding, InputError
from pipeline.io import write_atomic
from pipeline.layout import Layout
from pipeline.outcome import Settings
from pipeline.outcome import Summary as RunSummary
from pipeline.report.article_page import article_pages
from pipeline.report.collect import collect
from pipeline.report.overview import (
    Located,
    Pages,
    Summary,
    check_pages,
    index_page,
    locale_pages,
)
from pipeline.report.reuse import Known, PageCache, findings_digest
from pipeline.report.style import CSS
from pipeline.runner import fingerprint, run

OnArticle = Callable[..., None]  # called once per article done


@dataclass(frozen=True)
class Result:
    articles: int
    segments: int
    findings: int
    pages: int
    written: int  # pages whose content changed
    failures: tuple[Finding, ...]  # pages that could not be written


def check(
    rels: Sequence[str], settings: Settings, jobs: int = 1, progress: OnArticle | None = None
) -> tuple[Finding, ...]:
    """The findings of ``pipeline check`` with these settings. Writes nothing."""
    settings = replace(settings, extract=False, check=True, form=None)
    return run(rels, settings, jobs, progress=progress, use_cache=False).findings


def check_cached(
    rels: Sequence[str], settings: Settings, cache_path: Path, jobs: int = 1,
    progress: OnArticle | None = None,
) -> RunSummary:
    """``check``, with a run cache at ``cache_path``: the articles whose files are unchanged
    since the last report are replayed from it (``Summary.replayed`` names them)."""
    settings = replace(settings, extract=False, check=True, form=None)
    return run(rels, settings, jobs, progress=progress, cache_path=cache_path)


def report_fingerprint(settings: Settings) -> str:
    """What besides an article's files and findings decides its pages."""
    return fingerprint(replace(settings, extract=False, check=True, form=None))


def owners(rels: Sequence[str], layout: Layout) -> dict[str, str]:
    """The article each article or catalog file (as findings show it) belongs to."""
    out: dict[str, str] = {}
    for rel in rels:
        if layout.drives(rel):  # the English: said about by its first locale's job
            out.setdefault(os.path.normpath(layout.shown_english(rel)), rel)
        else:
            out[os.path.normpath(layout.shown(layout.article(rel)))] = rel
        out.setdefault(os.path.normpath(layout.shown(layout.catalog(rel))), rel)
    return out


def write_report(
    rels: Sequence[str], settings: Settings, out: Path, findings: Sequence[Finding],
    jobs: int = 1, progress: OnArticle | None = None,
    replayed: frozenset[str] = frozenset(), reuse: bool = False,
) -> Result:
    """Every page of the report. With ``reuse``, the pages of an article in ``replayed``
    (its files unchanged since the last report) whose findings are the same again are kept
    as they are (see ``reuse``)."""
    out_dir = os.path.abspath(out)
    mine = owners(rels, settings.layout)
    per_rel: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    for f in findings:
        rel = mine.get(os.path.normpath(f.file))
        if rel is None:
            loose.append(f)
        else:
            per_rel.setdefault(rel, []).append(f)

    cache = PageCache(out_dir, report_fingerprint(settings)) if reuse else None
    digests = {rel: findings_digest(per_rel.get(rel, ())) for rel in rels} if reuse else {}
    made: dict[str, Known] = {}
    if cache is not None:
        for rel in replayed:
            known = cache.reusable(rel, digests[rel], out_dir)
            if known is not None:
                made[rel] = known
    todo = [rel for rel in rels if rel not in made]
    failures: list[Finding] = []
    pages = written = 0
    for done in _article_jobs(todo, settings, out_dir, per_rel, jobs):
        for summary, anchors, n_pages, n_written, failed in done:
            pages += n_pages
            written += n_written
            failures.extend(failed)
            known = Known(digests.get(summary.rel, ""), summary, anchors, n_pages)
            made[summary.rel] = known
            if cache is not None and not failed:
                cache.put(summary.rel, known)
            if progress is not None:
                progress(summary)
    summaries: list[Summary] = []
    located: list[Located] = [Located(f) for f in loose]
    for rel in rels:  # in article order, whether made now or kept
        known = made[rel]
        summaries.append(known.summary)
        located.extend(Located(f, rel, anchor)
                       for f, anchor in zip(per_rel.get(rel, ()), known.anchors, strict=True))
        if rel not in todo:
            pages += known.pages
            if cache is not None:
                cache.put(rel, known)
            if progress is not None:
                progress(known.summary)
    if cache is not None:
        cache.save()
    located.sort(key=lambda x: x.finding.sort_key())

    top: Pages = [index_page(summaries, located, out_dir)]
    for locale in sorted({s.locale for s in summaries}):
        top.extend(locale_pages(locale, [s for s in summaries if s.locale == locale], located))
    by_check: dict[str, list[Located]] = {}
    for x in located:
        by_check.setdefault(x.finding.check, []).append(x)
    for check_id, items in sorted(by_check.items()):
        top.extend(check_pages(check_id, items, out_dir))
    top.append(("style.css", CSS))
    n, failed = _write(out_dir, top)
    return Result(len(summaries), sum(s.tally.total for s in summaries), len(located),
                  pages + len(top), written + n, (*failures, *failed))


Done = tuple[Summary, tuple[str, ...], int, int, tuple[Finding, ...]]
Job = tuple[list[str], Settings, str, dict[str, tuple[Finding, ...]]]


def _article_jobs(
    rels: Sequence[str], settings: Settings, out_dir: str, per_rel: dict[str, list[Finding]],
    jobs: int,
) -> Iterator[list[Done]]:
    size = max(1, min(24, len(rels) // (max(jobs, 1) * 6) or 1))
    batches = [list(rels[i : i + size]) for i in range(0, len(rels), size)]
    work: list[Job] = [
        (b, settings, out_dir, {r: tuple(per_rel.get(r, ())) for r in b}) for b in batches
    ]
    if jobs <= 1 or len(batches) < 2:
        yield from map(_pages_batch, work)
        return
    from pipeline.lock import process_pool

    with process_pool(min(jobs, len(batches))) as pool:
        yield from pool.map(_pages_batch, work)


# Writes wait on fsync: a few threads let the next article's work go on meanwhile (as the runner).
_IO_THREADS = 4


def _pages_batch(job: Job) -> list[Done]:
    """Articles in order: worked out on this thread, written on I/O threads."""
    rels, settings, out_dir, findings = job
    made = []
    with ThreadPoolExecutor(max_workers=_IO_THREADS) as io:
        for rel in rels:
            view = collect(rel, settings, findings[rel])
            pages, where = article_pages(view, out_dir, findings[rel])
            summary = Summary(rel, view.locale, view.title, pages[0][0], view.tally,
                              view.readable)
            made.append((summary, tuple(where), pages, io.submit(_write, out_dir, pages)))
    done: list[Done] = []
    for summary, anchors, pages, future in made:
        written, failed = future.result()
        done.append((summary, anchors, len(pages), written, failed))
    return done


def _write(out_dir: str, pages: Pages) -> tuple[int, tuple[Finding, ...]]:
    """Write the pages that changed (atomically, each made durable): (how many, failures)."""
    written = 0
    failed: list[Finding] = []
    for path, text in pages:
        target = Path(out_dir, path)
        try:
            written += write_atomic(target, text.encode("utf-8"), os.path.relpath(target))
        except InputError as exc:
            failed.append(exc.finding)
    return written, tuple(failed)
