"""One article's work, in a worker: read, extract, check and render in memory, then write the
files of a batch together. ``runner`` schedules the batches; this module is loaded only when
there is an article to process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import checks
from pipeline.article import Article, read_article
from pipeline.cache import Entry, FileState, digest
from pipeline.catalog import Catalog, Message, foreign_entries, format_po, parse_po_bytes
from pipeline.checks import sync, tree
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import read_bytes, write_files
from pipeline.merge import is_machine_translated, merge, segment_keys
from pipeline.outcome import Outcome, Settings
from pipeline.render import Form, entries_for, render
from pipeline.storage import Unavailable, Url


def read_catalog(path: Path | Url, shown: str, limit: int) -> Catalog | None:
    """The catalog at ``path``, None when there is none. Raises InputError when it is broken."""
    found = read_catalog_bytes(path, shown, limit)
    return None if found is None else found[0]


def read_catalog_bytes(path: Path | Url, shown: str, limit: int) -> tuple[Catalog, bytes] | None:
    try:
        data = read_bytes(path, limit, shown)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise InputError("po-syntax", "a folder stands where the catalog should be", shown,
                         0, 0, "remove or rename the folder") from None
    return parse_po_bytes(data, shown), data  # decoded by the charset its header declares


def written_lines(catalog: Catalog, text: str) -> Callable[[Message], int]:
    """Where each entry of ``catalog`` starts in ``text``, the catalog as ``format_po`` wrote it
    (entries one blank line apart, none inside one; the header first; an obsolete entry with no
    translation left out). Worked out on first use: few articles have a finding that cites a
    catalog line."""
    found: dict[int, int] = {}

    def line(msg: Message) -> int:
        if not found:
            lines = text.split("\n")
            starts = [n + 2 for n in range(len(lines) - 1) if not lines[n] and lines[n + 1]]
            kept = [m for m in catalog.messages if m.msgstr or not m.obsolete]
            found.update(zip(map(id, kept), starts, strict=False))
            found[0] = 0  # worked out, should nothing be in it
        return found.get(id(msg)) or msg.line or 1

    return line


def _digest(article: Article) -> str:
    """The article's English, segment by segment (for the locale-lag check)."""
    return digest("\x00".join([seg.source for seg in article.segments]).encode())


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
    path: Path | Url
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
    layout = settings.layout
    article_path = layout.article(rel)
    shown = layout.shown_article(rel)
    try:
        data = read_bytes(article_path, settings.max_file_size, shown)
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
    entry_line = None  # the reader's lines are the file's, unless the file is rewritten
    # An article without pairs gets no catalog: a header alone is no catalog to gettext.
    if settings.extract and not broken and (catalog is not None or article.segments):
        updated = merge(article, catalog, keys)
        if updated != catalog:  # equal: the catalog as read stays, with its lines
            text = format_po(updated)
            catalog_write = Write(po_path, text.encode(), po_shown)
            catalog, entry_line = updated, written_lines(updated, text)

    # Each segment's catalog entry, worked out once for the catalog checks and for publishing.
    entries = entries_for(article, catalog, keys)
    if settings.check:
        findings.extend(checks.article_findings(article, options))
        if catalog is not None:
            findings.extend(checks.catalog_findings(
                article, catalog, po_shown, options, keys, entries=entries,
                entry_line=entry_line))
        elif not broken and article.segments and options.enabled(sync.MISSING_CATALOG):
            findings.append(Finding(
                sync.MISSING_CATALOG.id, options.severity(sync.MISSING_CATALOG),
                f"no catalog at {po_shown}", shown, 1, 1, None, sync.MISSING_CATALOG.hint))
    elif settings.extract and catalog is not None and options.enabled(sync.OVERRIDE):
        findings.extend(checks.catalog_findings(
            article, catalog, po_shown, options, keys, entries=entries,
            only=frozenset({sync.OVERRIDE.id}), entry_line=entry_line))

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
    that kept it as it was. Records what the next run needs to skip the article. Findings
    come sorted (by ``Finding.sort_key``), as they are printed, and so cached."""
    article = prep.article
    if article is None:
        return Outcome(prep.rel, tuple(sorted(prep.findings, key=Finding.sort_key)),
                       failed=True)
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
    findings.sort(key=Finding.sort_key)
    layout = settings.layout
    edition = tree.edition(article, _digest(article))
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
                (edition.english, edition.commit, edition.handoff),
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
    except Unavailable:  # the storage's fault, not the article's: the batch is retried
        raise
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
    writes: list[tuple[Path | Url, bytes, str | None]] = []
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


def run_batch(job: tuple[list[str], Settings]) -> list[Outcome]:
    """``process_batch`` for a worker process: one picklable argument."""
    return process_batch(*job)
