"""Running the pipeline over a tree: the articles in batches, in parallel, results in article
order; articles whose files are as the last run left them come from the cache.

Each article is worked on by ``job`` (loaded only when there is one to work on): it reads the
article and its catalog once, then extracts, checks and renders as asked. Jobs share nothing;
their findings are gathered in article order, so output is the same for any -j.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import executors
from pipeline.cache import CACHE_NAME, Cache, Replay
from pipeline.checks import tree
from pipeline.digests import source_digest
from pipeline.findings import Finding, Severity
from pipeline.outcome import Outcome, Settings, Sink, Summary

if TYPE_CHECKING:
    from pipeline.layout import Layout
    from pipeline.memory.session import Session


def _from_cache(rel: str, replay: Replay) -> Outcome:
    edition = replay.edition
    return Outcome(  # positional: a run with nothing to do makes one per article
        rel, replay.findings, replay.segments, False, False,
        None if edition is None else tree.edition_of(rel, *edition), False, None, None,
        replay.page,
    )


def one_copy(edition: tree.Edition, strings: dict[str, str]) -> tree.Edition:
    """``edition`` made of the strings of ``strings`` equal to its own, those it adds."""
    return tree.Edition._make([strings.setdefault(s, s) for s in edition])


def fingerprint(settings: Settings) -> str:
    """Everything besides the files that decides a run's results: the code (a digest of the
    package's source, not ``__version__``, which does not change with a commit), the roots and
    every setting; a change empties the cache. Kept as text (a few hundred characters): exact.
    Settings are taken field by field, so a setting added later is in it without a word here."""
    layout = settings.layout
    parts = [
        source_digest(), str(layout.content.resolve()), str(layout.locales.resolve()),
        str(layout.out.resolve()),
        # the roots as findings show them: a rerun from another folder replays other paths
        layout.shown_article(""), layout.shown_catalog(".md"), layout.shown_output(""),
    ]
    parts.extend(f"{f.name}={_settled(getattr(settings, f.name))!r}" for f in fields(settings)
                 if f.name != "layout" and f.repr)  # repr=False: decides no article's result
    return "\x00".join(parts)


def _settled(value: object) -> object:
    """A setting as plain values, the same for equal settings (sets and tables sorted)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, Mapping):
        return sorted((repr(k), _settled(v)) for k, v in value.items())
    if is_dataclass(value) and not isinstance(value, type):
        digest = getattr(value, "digest", None)
        if isinstance(digest, str) and digest:
            return digest  # a value that carries the digest of its content (the terms' files)
        return [(f.name, _settled(getattr(value, f.name))) for f in fields(value) if f.repr]
    if isinstance(value, (tuple, list)):
        return [_settled(v) for v in value]
    return value


def run(
    rels: Iterable[str],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[Outcome], None] | None = None,
    use_cache: bool = True,
    sink: Sink | None = None,
    before_work: Callable[[], None] | None = None,
    cache_path: Path | None = None,
    executor: executors.Spec | None = None,
) -> Summary:
    """Process every article; with an output folder, skip those the cache shows unchanged.
    With a ``sink``, findings go there article by article instead of into the Summary.
    ``before_work`` is called once before the first article is processed, if any is.
    ``cache_path``: keep the cache there, even for a run that renders nothing (the report).
    ``executor``: where the batches run (default: ``jobs`` processes of this machine)."""
    rel_list = list(rels)
    layout = settings.layout
    cache = None
    # the cache keys on file status (inode, ctime): only local folders have it
    if (use_cache and (settings.form is not None or cache_path is not None)
            and isinstance(layout.out, Path) and layout.local):
        cache = Cache.load(cache_path or layout.out / CACHE_NAME, fingerprint(settings))
    # the articles the last run took: when they are this run's and all unchanged, its
    # orphan pages are this run's too, and the output folder need not be walked again
    before = frozenset(cache.raw) if cache is not None else frozenset()
    cached: dict[str, Outcome] = {}
    todo: list[str] = []
    for rel in rel_list:
        replay = None
        if cache is not None:
            replay = cache.fresh(rel, *layout.paths(rel))
        if replay is not None:
            cached[rel] = _from_cache(rel, replay)
        else:
            todo.append(rel)

    def in_order(fresh: Iterator[Outcome]) -> Iterator[Outcome]:
        for rel in rel_list:
            hit = cached.get(rel)
            if hit is not None:
                yield hit
                continue
            outcome = next(fresh)
            if cache is not None:
                cache.put(rel, outcome.cache)
            yield outcome

    if settings.memory is not None and settings.extract and todo and cached:
        # an entry left open in an article the cache would replay may find a match in a
        # catalog of its locale this run redoes: it is filled as a run without the cache does
        from pipeline.memory.store import may_fill

        busy = {rel.split("/", 1)[0] for rel in todo}
        for rel in [r for r in cached if r.split("/", 1)[0] in busy]:
            if may_fill(layout.catalog(rel), settings.max_file_size):
                del cached[rel]
        todo = [rel for rel in rel_list if rel not in cached]
    # before the memory's session takes the settings: its second pass makes articles too
    if todo and settings.extract and layout.source:  # a new English may be a renamed one
        from pipeline.source.tree import rename_sources

        orphans, left_behind, split_from = rename_sources(layout, todo, settings.max_file_size)
        settings = replace(settings, orphans=orphans, left_behind=left_behind,
                           split_from=split_from)
    session: Session | None = None
    tree_findings: Callable[[], list[Finding]] | None = None
    if settings.memory is not None and todo:
        from pipeline.memory.session import Session

        session = Session(settings, [rel for rel in rel_list if rel in cached],
                          fingerprint(settings), len(todo))
        tree_findings = session.findings if settings.check else session.tmx_problems
    elif settings.memory is not None and settings.check:
        from pipeline.memory import replay as kept

        def tree_findings() -> list[Finding]:
            return kept.replay(settings, fingerprint(settings), rel_list)

    page_findings = None
    if settings.form is not None:
        walk = settings.prune or (settings.check and settings.options.enabled(tree.ORPHAN_PAGE))
        # the last run's orphans, when they were found among the same locales (what
        # ``pages._dropped`` reads): a run limited by build-locales leaves the pages of the
        # others (a locale dropped since) unlooked at, and one whose listing of the roots
        # failed drops none (no rel holds a NUL)
        listed = settings.listing is not None and settings.listing.listed
        scope = "\0".join(("", ",".join(sorted(settings.build_locales)),
                            ",".join(settings.targets), str(listed)))
        last = cache.orphans if cache is not None and not todo and before == set(rel_list) else None
        known = last[1:] if last and last[0] == scope else None

        def page_findings(seen: set[str], made: dict[str, str]) -> list[Finding]:
            from pipeline import pages

            found, left = pages.record(settings, seen, made, known, walk)
            if cache is not None and walk:
                cache.set_orphans((scope, *left))
            return found

    if not todo:  # nothing to do: the job modules, the rules and the pool are never loaded
        summary = _summarize(in_order(iter(())), settings, progress, sink, tree_findings,
                             page_findings)
    else:
        if before_work is not None:
            before_work()
        summary = _work(todo, settings, executor or executors.Spec(jobs=jobs), in_order,
                        progress, sink, session, tree_findings, page_findings)
    if cache is not None:
        unsaved = cache.save(set(rel_list))
        if unsaved is not None:
            summary = replace(summary, unsaved=f"{cache.path}: {unsaved}")
    if cached:
        summary = replace(summary, replayed=frozenset(cached))
    return summary


def _work(
    todo: list[str],
    settings: Settings,
    spec: executors.Spec,
    in_order: Callable[[Iterator[Outcome]], Iterator[Outcome]],
    progress: Callable[[Outcome], None] | None,
    sink: Sink | None,
    session: Session | None = None,
    tree_findings: Callable[[], list[Finding]] | None = None,
    page_findings: Callable[[set[str], dict[str, str]], list[Finding]] | None = None,
) -> Summary:
    """Process ``todo`` in batches of consecutive articles on the executor's workers, the
    outcomes read back in article order. (The cross-locale check needs no article's locales
    together in one batch: it is made here, after the batches, from each article's Edition.)
    With a memory ``session``, the articles it holds back go through a second pass (in this
    process)."""
    # Loaded here, and so before the workers fork: they inherit the article reader and the
    # rules rather than each loading them. A batch holds handoffs and English-driven articles.
    from pipeline.checks import registry  # noqa: F401
    from pipeline.source import batch as job

    if settings.layout.source:  # English to segment: the segmenter too
        from pipeline.source import job as _english  # noqa: F401

    with executors.open_pool(spec, len(todo)) as pool:
        size = pool.batch_size

        def again(rels: list[str], redo: Settings) -> Iterator[Outcome]:
            """The memory's second pass: on a process pool forked now, whose workers inherit
            the indexes just built (``session._PRIMED``), where processes fork; else here."""
            if spec.kind == "process" and spec.jobs > 1 and _forks():
                with executors.open_pool(spec, len(rels)) as second:
                    n = second.batch_size
                    batches = [(rels[i : i + n], redo) for i in range(0, len(rels), n)]
                    yield from (o for batch in second.map(job.run_batch, batches)
                                for o in batch)
                return
            yield from (o for i in range(0, len(rels), size)
                        for o in job.process_batch(rels[i : i + size], redo))

        def fresh_of(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
            return outcomes if session is None else session.wrap(outcomes, again)

        batches = [(list(rels), settings) for rels in pool.cut(todo)]
        first = executors.heavy_first(_weights(batches, settings.layout), spec.jobs) \
            if spec.kind == "process" and len(batches) > spec.jobs > 1 else []
        results = pool.map(job.run_batch, batches, first)
        return _summarize(in_order(fresh_of(o for batch in results for o in batch)), settings,
                          progress, sink, tree_findings, page_findings)


def _weights(batches: Sequence[tuple[list[str], Settings]], layout: Layout) -> list[int]:
    """Each batch's size in bytes of input (its handoffs, or the English of the articles made
    from it): what its work grows with. A file that cannot be read weighs nothing (its job
    says why)."""
    if not layout.local:
        return [0] * len(batches)
    content, source = str(layout.content), layout.source

    def size(rel: str) -> int:
        try:
            return os.stat(f"{content}/{rel}").st_size  # a handoff: one call
        except OSError:
            pass
        try:
            return os.stat(f"{content}/{source}/{rel.partition('/')[2]}").st_size
        except OSError:
            return 0

    return [sum(size(rel) for rel in rels) for rels, _ in batches]


def _forks() -> bool:
    import multiprocessing

    return multiprocessing.get_start_method() == "fork"


def _summarize(
    outcomes: Iterable[Outcome],
    settings: Settings,
    progress: Callable[[Outcome], None] | None,
    sink: Sink | None = None,
    tree_findings: Callable[[], list[Finding]] | None = None,
    page_findings: Callable[[set[str], dict[str, str]], list[Finding]] | None = None,
) -> Summary:
    kept: list[Finding] = []
    counts = dict.fromkeys(Severity, 0)
    editions: list[tree.Edition] = []
    # one copy of each of the editions' strings (locales, commits, dates and paths repeat): a
    # run holds one Edition an article, which came from a worker as fresh copies
    strings: dict[str, str] = {}
    articles = segments = catalogs = outputs = 0
    seen: set[str] = set()
    made: dict[str, str] = {}  # the pages the run made, by digest: the manifest's

    def emit(found: Sequence[Finding]) -> None:
        """``found`` sorted by Finding.sort_key, as outcomes bring them."""
        for f in found:
            if not f.suppressed:  # silenced by a catalog flag: kept, not counted
                counts[f.severity] += 1
        if sink is None:
            kept.extend(found)
        elif found:
            sink(found)

    for outcome in outcomes:
        articles += 1
        seen.add(outcome.rel)
        if outcome.page is not None:
            made[outcome.rel] = outcome.page
        segments += outcome.segments
        catalogs += outcome.wrote_catalog
        outputs += outcome.wrote_output
        emit(outcome.findings)
        if outcome.edition is not None:
            editions.append(one_copy(outcome.edition, strings))
        if progress is not None:
            progress(outcome)
    if settings.check:
        layout = settings.layout
        emit(sorted(tree.locale_lag(editions, settings.options, layout.shown(layout.content)),
                    key=Finding.sort_key))
        catalog_rels, _, problems = layout.catalogs()
        emit(problems)  # folders of the catalogs tree that could not be walked
        if settings.options.enabled(tree.ORPHAN_CATALOG):
            orphans = [rel for rel in catalog_rels
                       if rel not in seen and not layout.has_article(rel)]
            alike = tree.spelled_alike(seen) if orphans else {}
            emit(sorted([tree.orphan_catalog(layout, rel, settings.options, alike)
                         for rel in orphans], key=Finding.sort_key))
    if page_findings is not None:
        emit(page_findings(seen, made))
    if tree_findings is not None:  # the translation memory's (sorted; extract: its TMX files')
        emit(tree_findings())
    kept.sort(key=Finding.sort_key)
    return Summary(articles, segments, catalogs, outputs, tuple(kept), counts)
