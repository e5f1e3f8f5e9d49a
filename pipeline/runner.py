"""Running the pipeline over a tree: the articles in batches, in parallel, results in article
order; articles whose files are as the last run left them come from the cache.

Each article is worked on by ``job`` (loaded only when there is one to work on): it reads the
article and its catalog once, then extracts, checks and renders as asked. Jobs share nothing;
their findings are gathered in article order, so output is the same for any -j.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from pipeline.cache import CACHE_NAME, Cache, Entry, Replay
from pipeline.checks import tree
from pipeline.checks.base import Options
from pipeline.findings import Finding, Severity
from pipeline.layout import Layout
from pipeline.memory import Setup
from pipeline.render import Form

if TYPE_CHECKING:
    from pipeline.memory.rows import Row
    from pipeline.memory.session import Session


@dataclass(frozen=True)
class Settings:
    layout: Layout
    options: Options = field(default_factory=Options)
    extract: bool = False
    check: bool = False
    form: Form | None = None  # render this form when set
    max_file_size: int = 8 * 1024 * 1024
    publish_machine_translation: bool = True
    memory: Setup | None = None  # the translation memory: fill (with extract), consistency


class Outcome(NamedTuple):
    """What became of one article. A named tuple: a worker sends one per article to the
    parent, and a run with nothing to do makes one per article from its cache."""

    rel: str
    findings: tuple[Finding, ...] = ()
    segments: int = 0
    wrote_catalog: bool = False
    wrote_output: bool = False
    edition: tree.Edition | None = None
    failed: bool = False
    cache: Entry | None = None  # this run's record, for a rerun to skip the article; None: none
    # for the translation memory: the catalog's rows, and its entries left to fill
    tm: tuple[tuple[Row, ...], int] | None = None


@dataclass(frozen=True)
class Summary:
    articles: int
    segments: int
    catalogs_written: int
    outputs_written: int
    findings: tuple[Finding, ...]  # empty when they went to a sink as they came
    counts: Mapping[Severity, int]

    @property
    def errors(self) -> int:
        return self.counts.get(Severity.ERROR, 0)


# Receives each article's findings as its outcome arrives (in article order), so that a run
# holds no more than one article's findings: a docs repository has many thousands.
Sink = Callable[[Sequence[Finding]], None]

def _from_cache(rel: str, replay: Replay) -> Outcome:
    edition = replay.edition
    return Outcome(  # positional: a run with nothing to do makes one per article
        rel, replay.findings, replay.segments, False, False,
        None if edition is None else tree.edition_of(rel, *edition), False, None,
    )


def fingerprint(settings: Settings) -> str:
    """Everything besides the files that decides a run's results: a change empties the cache.
    Kept as the text itself (a few hundred characters): exact, and no hash library to load."""
    from pipeline import __version__

    layout = settings.layout
    parts = [
        __version__, str(layout.content.resolve()), str(layout.locales.resolve()),
        str(layout.out.resolve()),
        # the roots as findings show them: a rerun from another folder replays other paths
        layout.shown_article(""), layout.shown_catalog(".md"), layout.shown_output(""),
        repr(settings.extract), repr(settings.check),
        repr(settings.form), repr(settings.max_file_size),
        repr(settings.publish_machine_translation), repr(sorted(settings.options.select)),
        repr(sorted(settings.options.ignore)),
        repr(sorted((k, int(v)) for k, v in settings.options.severities.items())),
        repr(settings.options.link_rewrites),
        "" if settings.memory is None else settings.memory.key(),
    ]
    return "\x00".join(parts)


def run(
    rels: Iterable[str],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[Outcome], None] | None = None,
    use_cache: bool = True,
    sink: Sink | None = None,
    before_work: Callable[[], None] | None = None,
) -> Summary:
    """Process every article; with an output folder, skip those the cache shows unchanged.
    With a ``sink``, findings go there article by article instead of into the Summary.
    ``before_work`` is called once before the first article is processed, if any is."""
    rel_list = list(rels)
    layout = settings.layout
    cache = None
    if use_cache and settings.form is not None:
        cache = Cache.load(layout.out / CACHE_NAME, fingerprint(settings))
    cached: dict[str, Outcome] = {}
    todo: list[str] = []
    for rel in rel_list:
        replay = None
        if cache is not None:
            article, catalog, output = layout.paths(rel)
            replay = cache.fresh(rel, article, catalog, output)
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

    session: Session | None = None
    tree_findings: Callable[[], list[Finding]] | None = None
    if settings.memory is not None and todo:
        from pipeline.memory.session import Session

        session = Session(settings, [rel for rel in rel_list if rel in cached],
                          fingerprint(settings), len(todo))
        tree_findings = session.findings
    elif settings.memory is not None and settings.check:
        from pipeline.memory import replay as kept

        def tree_findings() -> list[Finding]:
            return kept.replay(settings, fingerprint(settings), rel_list)

    if not todo:  # nothing to do: the job modules, the rules and the pool are never loaded
        summary = _summarize(in_order(iter(())), settings, progress, sink,
                             tree_findings if settings.check else None)
    else:
        if before_work is not None:
            before_work()
        summary = _work(todo, settings, jobs, in_order, progress, sink, session,
                        tree_findings if settings.check else None)
    if cache is not None:
        cache.save(set(rel_list))
    return summary


def _work(
    todo: list[str],
    settings: Settings,
    jobs: int,
    in_order: Callable[[Iterator[Outcome]], Iterator[Outcome]],
    progress: Callable[[Outcome], None] | None,
    sink: Sink | None,
    session: Session | None = None,
    tree_findings: Callable[[], list[Finding]] | None = None,
) -> Summary:
    """Process ``todo`` in batches, on ``jobs`` worker processes. With a memory ``session``,
    the articles it holds back go through a second pass (in this process)."""
    # Loaded here, and so before the workers fork: they inherit the article reader and the
    # rules rather than each loading them.
    from pipeline import job
    from pipeline.checks import registry  # noqa: F401

    size = max(1, min(24, len(todo) // (max(jobs, 1) * 6) or 1))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]

    def again(rels: list[str], redo: Settings) -> Iterator[Outcome]:
        return (o for i in range(0, len(rels), size)
                for o in job.process_batch(rels[i : i + size], redo))

    def fresh_of(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
        return outcomes if session is None else session.wrap(outcomes, again)

    if jobs <= 1 or len(batches) < 2:
        fresh = (o for batch in batches for o in job.process_batch(batch, settings))
        return _summarize(in_order(fresh_of(fresh)), settings, progress, sink, tree_findings)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = pool.map(job.run_batch, ((batch, settings) for batch in batches))
        return _summarize(in_order(fresh_of(o for batch in results for o in batch)), settings,
                          progress, sink, tree_findings)


def _summarize(
    outcomes: Iterable[Outcome],
    settings: Settings,
    progress: Callable[[Outcome], None] | None,
    sink: Sink | None = None,
    tree_findings: Callable[[], list[Finding]] | None = None,
) -> Summary:
    kept: list[Finding] = []
    counts = dict.fromkeys(Severity, 0)
    editions: list[tree.Edition] = []
    articles = segments = catalogs = outputs = 0
    seen: set[str] = set()

    def emit(found: Sequence[Finding]) -> None:
        """``found`` sorted by Finding.sort_key, as outcomes bring them."""
        for f in found:
            counts[f.severity] += 1
        if sink is None:
            kept.extend(found)
        elif found:
            sink(found)

    for outcome in outcomes:
        articles += 1
        seen.add(outcome.rel)
        segments += outcome.segments
        catalogs += outcome.wrote_catalog
        outputs += outcome.wrote_output
        emit(outcome.findings)
        if outcome.edition is not None:
            editions.append(outcome.edition)
        if progress is not None:
            progress(outcome)
    if settings.check:
        layout = settings.layout
        emit(sorted(tree.locale_lag(editions, settings.options, layout.shown(layout.content)),
                    key=Finding.sort_key))
        if settings.options.enabled(tree.ORPHAN_CATALOG):
            emit(sorted([
                Finding(
                    tree.ORPHAN_CATALOG.id, settings.options.severity(tree.ORPHAN_CATALOG),
                    f"no article {layout.shown_article(rel)} for this catalog",
                    layout.shown_catalog(rel), 1, 1, None, tree.ORPHAN_CATALOG.hint)
                for rel in layout.catalogs()
                if rel not in seen and not layout.article(rel).exists()
            ], key=Finding.sort_key))
        if tree_findings is not None:  # the translation memory's (sorted)
            emit(tree_findings())
    kept.sort(key=Finding.sort_key)
    return Summary(articles, segments, catalogs, outputs, tuple(kept), counts)
