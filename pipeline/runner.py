"""Running the pipeline over a tree: one job per article, in parallel, results in article order.

Each job reads its article and catalog once, then extracts, checks and renders as asked. Jobs
share nothing; their findings are gathered and sorted, so output is the same for any -j.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import checks
from pipeline.cache import CACHE_NAME, Cache, Entry, FileState
from pipeline.catalog import Catalog, Message, foreign_entries, format_po, parse_po_bytes
from pipeline.checks import sync
from pipeline.checks.base import Options
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import read_bytes, write_files
from pipeline.layout import Layout
from pipeline.merge import is_machine_translated, merge, segment_keys
from pipeline.render import Form, entries_for, render

if TYPE_CHECKING:
    from pipeline.article import Article


@dataclass(frozen=True)
class Settings:
    layout: Layout
    options: Options = field(default_factory=Options)
    extract: bool = False
    check: bool = False
    form: Form | None = None  # render this form when set
    max_file_size: int = 8 * 1024 * 1024
    publish_machine_translation: bool = True


@dataclass(frozen=True, slots=True)
class Outcome:
    rel: str
    findings: tuple[Finding, ...] = ()
    segments: int = 0
    wrote_catalog: bool = False
    wrote_output: bool = False
    edition: sync.Edition | None = None
    failed: bool = False
    cache: Entry | None = None  # what a rerun needs to skip this article; None: do not skip


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


def read_catalog(path: Path, shown: str, limit: int) -> Catalog | None:
    """The catalog at ``path``, None when there is none. Raises InputError when it is broken."""
    found = read_catalog_bytes(path, shown, limit)
    return None if found is None else found[0]


def read_catalog_bytes(path: Path, shown: str, limit: int) -> tuple[Catalog, bytes] | None:
    try:
        data = read_bytes(path, limit)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise InputError("po-syntax", "a folder stands where the catalog should be", shown,
                         0, 0, "remove or rename the folder") from None
    return parse_po_bytes(data, shown), data  # decoded by the charset its header declares


def _digest(article: Article) -> str:
    """The article's English, segment by segment (for the locale-lag check)."""
    english = "\x00".join([seg.source for seg in article.segments])
    return hashlib.blake2b(english.encode(), digest_size=16).hexdigest()


def publish(
    article: Article, entries: Sequence[Message | None], settings: Settings,
    checker: checks.SegmentChecker | None = None,
) -> tuple[list[str], list[Finding], list[Finding]]:
    """What to publish for each segment, the findings about the translations that should be
    published, and the substitutions made because those had errors.

    The translation that should be published is the catalog's reviewed one, else the article's
    own. When it has an error, the localized form falls back to the article's own translation if
    that passes, else to the English: nothing with an error reaches a page. The bilingual form is
    the round-trip form: its floor is the article's own translation as delivered.
    ``checker``: one made from ``settings.options`` for several articles, which saves working
    out its rules again per article."""
    options = replace(settings.options, locale=article.locale)
    checker = (checks.SegmentChecker(options) if checker is None
               else checker.with_options(options))
    substituted = checks.BY_ID["render-substituted"]
    form = settings.form or Form.LOCALIZED  # without a form: what the localized page would show
    allow_mt = settings.publish_machine_translation or not is_machine_translated(article)
    published: list[str] = []
    findings: list[Finding] = []
    substitutions: list[Finding] = []

    def safe(source: str, text: str) -> bool:
        return all(sev < Severity.ERROR for _, sev, _ in checker.issues(source, text))

    check, source_form = settings.check, form is Form.SOURCE
    hold_mt = form is Form.LOCALIZED and not allow_mt
    for seg, msg in zip(article.segments, entries, strict=True):
        own = seg.translation
        from_catalog = msg is not None and msg.reviewed
        preferred = msg.msgstr if from_catalog and msg is not None else own
        issues = checker.issues(seg.source, preferred)
        if check and issues:
            findings.extend(
                Finding(c.id, sev, m, article.path, seg.line, seg.column, seg.id, c.hint)
                for c, sev, m in issues
            )
        if source_form:
            published.append(seg.source)
            continue
        # unreviewed machine translation is not published when the configuration says so
        held = hold_mt and not from_catalog
        if not issues:  # most segments: the translation passes
            published.append(seg.source if held else preferred)
            continue
        chosen, label = preferred, None
        if any(sev >= Severity.ERROR for _, sev, _ in issues):
            own_is_safe = from_catalog and allow_mt and own != preferred and safe(seg.source, own)
            if form is Form.BILINGUAL or own_is_safe:
                chosen, label = own, "article's translation"
            else:
                chosen, label = seg.source, "English"
            if chosen == preferred:
                label = None  # the catalog held the article's own text: nothing was swapped
        elif held:
            chosen = seg.source
        if label is not None and options.enabled(substituted):
            what = "catalog translation" if from_catalog else "article's translation"
            substitutions.append(Finding(
                substituted.id, options.severity(substituted),
                f"the {what} has errors and was not published; the {label} was published "
                "instead", article.path, seg.line, seg.column, seg.id, substituted.hint,
            ))
        published.append(chosen)
    return published, findings, substitutions


@dataclass(frozen=True, slots=True)
class Write:
    path: Path
    data: bytes
    shown: str


@dataclass(frozen=True)
class Prepared:
    """An article worked out in memory; ``finish`` writes its files and makes its Outcome."""

    rel: str
    findings: tuple[Finding, ...]
    article: Article | None = None  # None: unreadable, nothing else to do
    article_data: bytes = b""
    catalog_write: Write | None = None
    catalog_bytes: bytes | None = None  # the catalog as it stays on disk when not rewritten
    output_write: Write | None = None
    cacheable: bool = False


def prepare(
    rel: str, settings: Settings, checker: checks.SegmentChecker | None = None
) -> Prepared:
    """One article: read, extract, check and render in memory. Every problem is a finding.
    ``checker``: as for ``publish``."""
    from pipeline.article import read_article  # loaded when there is an article to read

    layout = settings.layout
    article_path = layout.article(rel)
    shown = layout.shown_article(rel)
    try:
        data = read_bytes(article_path, settings.max_file_size)
        article = read_article(data, rel, shown)
    except InputError as exc:
        return Prepared(rel, (exc.finding,))
    except OSError as exc:
        return Prepared(rel, (Finding("encoding", Severity.ERROR, f"cannot read: {exc.strerror}",
                                      shown, hint="check the file's permissions"),))

    findings: list[Finding] = []
    po_path = layout.catalog(rel)
    po_shown = layout.shown_catalog(rel)
    po_bytes: bytes | None = None
    catalog: Catalog | None = None
    broken = False
    try:
        found = read_catalog_bytes(po_path, po_shown, settings.max_file_size)
        if found is not None:
            catalog, po_bytes = found
    except InputError as exc:
        findings.append(exc.finding)
        broken = True
    except OSError as exc:
        findings.append(Finding("po-syntax", Severity.ERROR, f"cannot read: {exc.strerror}",
                                po_shown, hint="check the file's permissions"))
        broken = True

    if catalog is not None:  # English a vendor added by hand: the catalog is not this article's
        foreign = foreign_entries(catalog, {seg.source for seg in article.segments}, po_shown)
        if foreign:
            findings.extend(foreign)
            catalog, broken = None, True

    keys = segment_keys(article.segments)
    options = settings.options
    catalog_write = None
    # An article without pairs gets no catalog: a header alone is no catalog to gettext.
    if settings.extract and not broken and (catalog is not None or article.segments):
        updated = merge(article, catalog, keys)
        if updated != catalog:
            catalog_write = Write(po_path, format_po(updated).encode(), po_shown)
        catalog = updated

    # Each segment's catalog entry, worked out once for the catalog checks and for publishing.
    entries = entries_for(article, catalog, keys)
    if settings.check:
        findings.extend(checks.article_findings(article, options))
        if catalog is not None:
            findings.extend(checks.catalog_findings(
                article, catalog, po_shown, options, keys, entries=entries))
        elif not broken and article.segments and options.enabled(sync.MISSING_CATALOG):
            findings.append(Finding(
                sync.MISSING_CATALOG.id, options.severity(sync.MISSING_CATALOG),
                f"no catalog at {po_shown}", shown, 1, 1, None, sync.MISSING_CATALOG.hint))
    elif settings.extract and catalog is not None and options.enabled(sync.OVERRIDE):
        findings.extend(checks.catalog_findings(
            article, catalog, po_shown, options, keys, entries=entries,
            only=frozenset({sync.OVERRIDE.id})))

    output_write = None
    if settings.check or settings.form is not None:
        published, segment_findings, substitutions = publish(article, entries, settings,
                                                             checker)
        if settings.check:
            findings.extend(segment_findings)
        if settings.form is not None:
            if broken:
                findings.append(Finding(
                    "render-substituted", Severity.ERROR,
                    "not rendered: its catalog has errors; the previous output stays",
                    shown, 1, 1, None, "fix the catalog, then run again"))
            else:
                findings.extend(substitutions)
                out = layout.output(rel)
                output_write = Write(
                    out, render(article, settings.form, published).encode(),
                    layout.shown_output(rel),
                )
    return Prepared(rel, tuple(findings), article, data, catalog_write, po_bytes, output_write,
                    cacheable=not broken)


def finish(prep: Prepared, results: Mapping[str, bool | InputError], settings: Settings) -> Outcome:
    """The Outcome of a prepared article once its writes are done: ``results`` has, for
    "catalog" and "output" where they were written, whether the file changed or the error
    that kept it as it was. Records what the next run needs to skip the article."""
    article = prep.article
    if article is None:
        return Outcome(prep.rel, prep.findings, failed=True)
    findings = list(prep.findings)
    wrote: dict[str, bool] = {}
    written: dict[str, bytes | None] = {"catalog": prep.catalog_bytes, "output": None}
    cacheable = prep.cacheable
    for kind, w in (("catalog", prep.catalog_write), ("output", prep.output_write)):
        if w is None:
            continue
        result = results[kind]
        if isinstance(result, InputError):
            findings.append(result.finding)
            cacheable = False
        else:
            wrote[kind] = result
            written[kind] = w.data
    layout = settings.layout
    edition = sync.edition(article, _digest(article))
    entry = None
    if cacheable:
        # string paths: pathlib joins cost more than the stat calls they are for
        article_path, catalog_path, output_path = layout.paths(prep.rel)
        article_state = FileState.of(article_path, prep.article_data)
        cat, out = written["catalog"], written["output"]
        if article_state is not None:
            entry = Entry(
                article_state,
                FileState.of(catalog_path, cat) if cat is not None else None,
                FileState.of(output_path, out) if out is not None else None,
                tuple(findings), len(article.segments),
                (edition.rel, edition.locale, edition.english, edition.commit, edition.handoff),
            )
    return Outcome(prep.rel, tuple(findings), len(article.segments),
                   wrote.get("catalog", False), wrote.get("output", False), edition,
                   cache=entry)


def prepare_safely(
    rel: str, settings: Settings, checker: checks.SegmentChecker | None = None
) -> Prepared:
    """``prepare``, with a bug turned into an error finding for this article alone: the other
    articles still run, and no traceback reaches the user."""
    try:
        return prepare(rel, settings, checker)
    except Exception as exc:  # anything else would stop the whole run
        shown = settings.layout.shown_article(rel)
        return Prepared(rel, (Finding(
            "internal-error", Severity.ERROR,
            f"internal error, article skipped: {type(exc).__name__}: {exc}"[:300], shown, 0, 0,
            None, "please report this with the article attached; its files were left as they "
            "were",
        ),))


def process_batch(rels: list[str], settings: Settings) -> list[Outcome]:
    """Articles in order: each worked out in memory, then the batch's files written together
    (one flush to disk for all of them, see ``write_files``)."""
    checker = checks.SegmentChecker(settings.options)
    prepared = [prepare_safely(rel, settings, checker) for rel in rels]
    kinds: list[tuple[int, str]] = []
    writes: list[tuple[Path, bytes, str | None]] = []
    for n, prep in enumerate(prepared):
        if prep.article is None:
            continue
        for kind, w in (("catalog", prep.catalog_write), ("output", prep.output_write)):
            if w is not None:
                kinds.append((n, kind))
                writes.append((w.path, w.data, w.shown))
    results: list[dict[str, bool | InputError]] = [{} for _ in prepared]
    for (n, kind), result in zip(kinds, write_files(writes), strict=True):
        results[n][kind] = result
    return [finish(prep, done, settings) for prep, done in zip(prepared, results, strict=True)]


def _from_cache(rel: str, entry: Entry) -> Outcome:
    return Outcome(
        rel, entry.findings, entry.segments,
        edition=sync.Edition(*entry.edition) if entry.edition else None, cache=entry,
    )


def _run_batch(job: tuple[list[str], Settings]) -> list[Outcome]:
    return process_batch(*job)


def fingerprint(settings: Settings) -> str:
    """Everything besides the files that decides a run's results: a change empties the cache."""
    from pipeline import __version__

    layout = settings.layout
    parts = [
        __version__, str(layout.content.resolve()), str(layout.locales.resolve()),
        str(layout.out.resolve()), repr(settings.extract), repr(settings.check),
        repr(settings.form), repr(settings.max_file_size),
        repr(settings.publish_machine_translation), repr(sorted(settings.options.select)),
        repr(sorted(settings.options.ignore)),
        repr(sorted((k, int(v)) for k, v in settings.options.severities.items())),
        repr(settings.options.link_rewrites),
    ]
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


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
        entry = None
        if cache is not None:
            article, catalog, output = layout.paths(rel)
            entry = cache.fresh(rel, article, catalog, output)
        if entry is not None:
            cached[rel] = _from_cache(rel, entry)
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

    if todo and before_work is not None:
        before_work()
    size = max(1, min(24, len(todo) // (max(jobs, 1) * 6) or 1))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    if jobs <= 1 or len(batches) < 2:
        fresh = (o for batch in batches for o in process_batch(batch, settings))
        summary = _summarize(in_order(fresh), settings, progress, sink)
    else:
        # Imported here: a run with nothing to do should not pay for multiprocessing's import.
        from concurrent.futures import ProcessPoolExecutor

        # The article reader and the rules, loaded once here and inherited by the forked
        # workers, rather than once in each of them.
        for module in ("pipeline.article", "pipeline.checks.registry"):
            importlib.import_module(module)

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_run_batch, ((batch, settings) for batch in batches))
            summary = _summarize(in_order(o for batch in results for o in batch), settings,
                                 progress, sink)
    if cache is not None:
        cache.save(set(rel_list))
    return summary


def _summarize(
    outcomes: Iterable[Outcome],
    settings: Settings,
    progress: Callable[[Outcome], None] | None,
    sink: Sink | None = None,
) -> Summary:
    kept: list[Finding] = []
    counts = dict.fromkeys(Severity, 0)
    editions: list[sync.Edition] = []
    articles = segments = catalogs = outputs = 0
    seen: set[str] = set()

    def emit(found: Sequence[Finding]) -> None:
        for f in found:
            counts[f.severity] += 1
        if sink is None:
            kept.extend(found)
        elif found:
            sink(sorted(found, key=Finding.sort_key))

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
        emit(sync.locale_lag(editions, settings.options, layout.shown(layout.content)))
        if settings.options.enabled(sync.ORPHAN_CATALOG):
            emit([
                Finding(
                    sync.ORPHAN_CATALOG.id, settings.options.severity(sync.ORPHAN_CATALOG),
                    f"no article {layout.shown_article(rel)} for this catalog",
                    layout.shown_catalog(rel), 1, 1, None, sync.ORPHAN_CATALOG.hint)
                for rel in layout.catalogs()
                if rel not in seen and not layout.article(rel).exists()
            ])
    kept.sort(key=Finding.sort_key)
    return Summary(articles, segments, catalogs, outputs, tuple(kept), counts)
