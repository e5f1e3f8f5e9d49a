"""One article's work, in a worker: read, extract, check and render in memory, then write the
files of a batch together. ``runner`` schedules the batches; this module is loaded only when
there is an article to process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import checks, identity, suppress
from pipeline.article import Article, read_article
from pipeline.cache import Entry, FileState
from pipeline.catalog import Catalog, Message, encode_po, parse_po_bytes
from pipeline.catalog.files import read_catalog_seen
from pipeline.catalog.keys import entries_for, segment_keys
from pipeline.checks import inputs, sync, tree
from pipeline.checks.base import Options
from pipeline.checks.english import english_changed
from pipeline.digests import digest
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import Fence, Seen, read_seen, write_seen
from pipeline.merge import merge
from pipeline.outcome import Outcome, Settings
from pipeline.publish import Guard, Policy, publish
from pipeline.storage import Unavailable, Url


def written_lines(catalog: Catalog, data: bytes) -> Callable[[Message], int]:
    """Where each entry of ``catalog`` starts in ``data``, the catalog as ``encode_po`` wrote it
    (entries one blank line apart, none inside one; the header first; an obsolete entry with no
    translation left out). Worked out on first use: few articles have a finding that cites a
    catalog line."""
    found: dict[int, int] = {}

    def line(msg: Message) -> int:
        if not found:
            lines = data.split(b"\n")  # an ASCII-compatible charset: a newline is one byte
            starts = [n + 2 for n in range(len(lines) - 1) if not lines[n] and lines[n + 1]]
            kept = [m for m in catalog.messages if m.msgstr or not m.obsolete]
            found.update(zip(map(id, kept), starts, strict=False))
            found[0] = 0  # worked out, should nothing be in it
        return found.get(id(msg)) or msg.line or 1

    return line


def _digest(article: Article) -> str:
    """The article's English, segment by segment (for the locale-lag check)."""
    return digest("\x00".join([seg.source for seg in article.segments]).encode())


def flag_findings(catalog: Catalog, as_read: Catalog | None, written: Write | None,
                   shown: str, options: Options) -> list[Finding]:
    """``ignore-flag`` warnings, at the lines of the catalog as it now stands on disk (merged
    entries have no line: the catalog as read has them, or else the one written)."""
    sev = options.severity(suppress.IGNORE_FLAG)
    found = list(suppress.flag_findings(catalog, checks.BY_ID, shown, sev))
    if found:
        lined = as_read if written is None else parse_po_bytes(written.data, shown)
        if lined is not None:
            found = list(suppress.flag_findings(lined, checks.BY_ID, shown, sev))
    return found


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
    article: Article | None = None  # None: unreadable (``read`` is False), or taken by ``lean``
    article_data: bytes = b""
    catalog_write: Write | None = None
    catalog_bytes: bytes | None = None  # the catalog as it stays on disk when not rewritten
    output_write: Write | None = None
    cacheable: bool = False
    # an article made from its English: the bytes of the handoff that lent it translations,
    # None when there was none (the run cache keys on it)
    handoff_data: bytes | None = None
    tm: tuple[bytes, int] | None = None  # Outcome.tm
    # an article made from its English, rendered: for each of its units, the catalog entry,
    # the text the page shows, and why that is not the entry's translation ('' when it is).
    # The report reads these; a run writes them nowhere.
    shown: tuple[tuple[Message | None, str, str], ...] = ()
    kept: Kept | None = None  # set by ``lean``, in place of ``article`` and ``article_data``
    # the statuses of the article, the catalog and the handoff as read (``io.Seen``): what the
    # run cache records of them, where they need not be read again
    article_seen: Seen | None = None
    catalog_seen: Seen | None = None
    handoff_seen: Seen | None = None

    @property
    def read(self) -> bool:
        """Whether the article was read (False: unreadable, nothing else to do)."""
        return self.article is not None or self.kept is not None


@dataclass(frozen=True, slots=True)
class Kept:
    """What ``finish`` needs of an article once it is worked out."""

    segments: int
    edition: tree.Edition
    digest: str  # of the article's bytes, for the run cache


def _kept(article: Article, data: bytes) -> Kept:
    return Kept(len(article.segments), tree.edition(article, _digest(article)), digest(data))


def english_kept(article: Article, data: bytes) -> Kept:
    """``Kept`` of an article made from its English (``data``): its English is the file, the
    same for every locale, however a locale's catalog joins its sentences (no locale lags)."""
    whole = digest(data)
    return Kept(len(article.segments), tree.edition(article, whole), whole)


def lean(prep: Prepared) -> Prepared:
    """``prep`` as its batch holds it until the batch's files are written: without the article
    it read and parsed, for a large page many times the size of the files it makes (a batch
    holding a few of them would need memory that grows with the pages rather than with one
    page), keeping what ``finish`` needs of it."""
    if prep.article is None:
        return prep
    return replace(prep, article=None, article_data=b"",
                   kept=prep.kept or _kept(prep.article, prep.article_data))


def policy(settings: Settings) -> Policy:
    return Policy(settings.options, settings.form, settings.publish_machine_translation,
                  settings.check)


def prepare(rel: str, settings: Settings, guard: Guard | None = None,
            folders: dict[str, bool] | None = None) -> Prepared:
    """One article: read, extract, check and render in memory. Every problem is a finding.
    ``guard``: as for ``publish``; ``folders``: the batch's, for ``read_catalog_seen``."""
    layout = settings.layout
    article_path = layout.article(rel)
    shown = layout.shown_article(rel)
    try:
        data, article_seen = read_seen(article_path, settings.max_file_size, shown)
        article = read_article(data, rel, shown)
    except InputError as exc:  # neither it nor its catalog is checked
        return Prepared(rel, (identity.unchecked(exc.finding, (article_path,
                                                              layout.catalog(rel))),))
    except OSError as exc:
        return Prepared(rel, (inputs.unreadable(article_path, exc, shown),))

    findings: list[Finding] = []
    po_path = layout.catalog(rel)
    po_shown = layout.shown_catalog(rel)
    po_bytes: bytes | None = None
    po_seen: Seen | None = None
    catalog: Catalog | None = None
    broken = False
    try:
        found = read_catalog_seen(po_path, po_shown, settings.max_file_size, folders)
        if found is not None:
            catalog, po_bytes, po_seen = found
    except InputError as exc:
        findings.append(identity.unchecked(exc.finding, (po_path,)))
        broken = True
    except OSError as exc:
        findings.append(Finding(inputs.PO_SYNTAX.id, Severity.ERROR, f"cannot read: {exc.strerror}",
                                po_shown, hint="check the file's permissions"))
        broken = True

    if catalog is not None:  # English a vendor added by hand, or another locale's catalog
        foreign = sync.foreign(catalog, po_bytes, article.locale, article.segments, po_shown)
        if foreign:  # the rest of the catalog is checked by no one
            findings.extend(identity.unchecked(f, (po_path,)) for f in foreign)
            catalog, broken = None, True

    keys = segment_keys(article.segments, catalog)
    options = settings.options
    catalog_write = None
    entry_line = None  # the reader's lines are the file's, unless the file is rewritten
    as_read = catalog
    tm = None
    # An article without pairs gets no catalog: a header alone is no catalog to gettext.
    if settings.extract and not broken and (catalog is not None or article.segments):
        updated = merge(article, catalog, keys)
        if settings.memory is not None:  # filled from the memory in the second pass
            from pipeline.memory.session import worker

            updated, tm = worker(article, updated, settings,
                                 None if guard is None else guard.segments)
            if tm[1]:  # entries left to fill: the second pass does the article's work
                return Prepared(rel, (), article, data, catalog_bytes=po_bytes, tm=tm,
                                article_seen=article_seen, catalog_seen=po_seen)
        # Written whenever the bytes on disk are not the canonical ones, changed or not: a
        # vendor tool's layout (CRLF, other wrapping) goes in one go, not in a later diff.
        canonical = encode_po(updated)
        if updated != catalog:  # equal: the catalog as read stays, with the reader's lines
            catalog = updated
        if canonical != po_bytes:
            catalog_write = Write(po_path, canonical, po_shown)
            entry_line = written_lines(catalog, canonical)  # the lines of the file written

    # Each segment's catalog entry, worked out once for the catalog checks and for publishing.
    entries = entries_for(article, catalog, keys)
    # A catalog made here from this article alone agrees with it by construction: the catalog
    # rules, which compare the two, are for a catalog that was there before (test_corpus
    # holds this over every article of the corpus)
    made_here = as_read is None and tm is None
    if settings.check:
        findings.extend(checks.article_findings(article, options))
        if catalog is not None:
            if not made_here:
                findings.extend(checks.catalog_findings(
                    article, catalog, po_shown, options, keys, entries=entries,
                    entry_line=entry_line))
                # a translation kept as a suggestion for other English (a changed handoff, or
                # a msgid a vendor's tool changed) waits for review: said, as for the English's
                findings.extend(english_changed(
                    entries, options, po_shown, entry_line or (lambda m: m.line or 1),
                    {s.source for s in article.segments}))
            if options.enabled(suppress.IGNORE_FLAG):
                findings.extend(flag_findings(catalog, as_read, catalog_write, po_shown,
                                              options))
        elif not broken and article.segments and options.enabled(sync.MISSING_CATALOG):
            findings.append(Finding(
                sync.MISSING_CATALOG.id, options.severity(sync.MISSING_CATALOG),
                f"no catalog at {po_shown}", shown, 1, 1, None, sync.MISSING_CATALOG.hint))
    elif settings.extract and catalog is not None and (
            options.enabled(sync.OVERRIDE) or options.enabled(sync.DISAGREES)):
        findings.extend(checks.catalog_findings(
            article, catalog, po_shown, options, keys, entries=entries,
            only=frozenset({sync.OVERRIDE.id, sync.DISAGREES.id}), entry_line=entry_line))

    output_write = None
    if settings.check or settings.form is not None:
        published = publish(article, entries, policy(settings), guard)
        theirs = _catalogs_own(article, entries)
        findings.extend(_citing_catalog(published.findings, theirs, po_shown,
                                        entry_line or (lambda m: m.line or 1)))
        if published.text is not None:
            if broken:
                findings.append(Finding(
                    inputs.RENDER_SUBSTITUTED.id, Severity.ERROR,
                    "not rendered: its catalog has errors; the previous output stays",
                    shown, 1, 1, None, "fix the catalog, then run again"))
            else:
                findings.extend(_citing_catalog(published.substitutions, theirs, po_shown,
                                                entry_line or (lambda m: m.line or 1)))
                output_write = Write(layout.output(rel), published.text.encode(),
                                     layout.shown_output(rel))
    # each finding on a segment keyed by what it is about, for a baseline to match
    findings = identity.attach(findings, article, entries, shown)
    if tm is None and settings.memory is not None and catalog is not None and not broken:
        from pipeline.memory.rows import packed_rows

        tm = (packed_rows(catalog), 0)
    return Prepared(rel, tuple(findings), article, data, catalog_write, po_bytes, output_write,
                    cacheable=not broken, tm=tm, article_seen=article_seen, catalog_seen=po_seen)


def _catalogs_own(article: Article, entries: Sequence[Message | None]) -> dict[str, Message]:
    """By segment id, the reviewed entries that give the page another text than the article's."""
    return {seg.id: m for seg, m in zip(article.segments, entries, strict=True)
            if m is not None and m.reviewed and m.msgstr != seg.translation}


def _citing_catalog(found: Sequence[Finding], theirs: Mapping[str, Message], po_shown: str,
                    line: Callable[[Message], int]) -> list[Finding]:
    """Findings on a translation the catalog gives the page (``theirs``: a reviewed entry that
    is not the article's own) say where that entry is: the vendor edits the catalog, not the
    article."""
    if not theirs:
        return list(found)
    return [replace(f, message=f"{f.message} (the catalog's translation: {po_shown}:"
                    f"{line(theirs[f.segment])})") if f.segment is not None
            and f.segment in theirs else f for f in found]


def finish(prep: Prepared, results: Mapping[str, tuple[bool | InputError, Seen | None]],
           settings: Settings) -> Outcome:
    """The Outcome of a prepared article once its writes are done: ``results`` has, for
    "catalog" and "output" where they were written, whether the file changed or the error
    that kept it as it was, and its status (``io.write_seen``). Records what the next run
    needs to skip the article. Findings come sorted (by ``Finding.sort_key``), as they are
    printed, and so cached."""
    kept = prep.kept or (None if prep.article is None else _kept(prep.article,
                                                                   prep.article_data))
    if kept is None:
        return Outcome(prep.rel, tuple(sorted(prep.findings, key=Finding.sort_key)),
                       failed=True)
    findings = list(prep.findings)
    wrote: dict[str, bool] = {}
    written: dict[str, bytes | None] = {"catalog": prep.catalog_bytes, "output": None}
    seen: dict[str, Seen | None] = {"catalog": prep.catalog_seen, "output": None}
    cacheable = prep.cacheable
    for kind, w in (("catalog", prep.catalog_write), ("output", prep.output_write)):
        if w is None:
            continue
        result, seen[kind] = results[kind]
        if isinstance(result, InputError):
            findings.append(result.finding)
            cacheable = False
        else:
            wrote[kind] = result
            written[kind] = w.data
    findings.sort(key=Finding.sort_key)
    layout = settings.layout
    edition = kept.edition
    entry = None
    if cacheable:
        # string paths: pathlib joins cost more than the stat calls they are for
        article_path, catalog_path, output_path, handoff_path = layout.paths(prep.rel)
        # each file's status as this run read or wrote it (``FileState.seen``): a file saved
        # since (a translator's edit) has another, and the next run redoes the article
        states = [FileState.seen(status, path, data) if data is not None else None
                  for status, path, data in (
                      (prep.article_seen, article_path, kept.digest),
                      (seen["catalog"], catalog_path, written["catalog"]),
                      (seen["output"], output_path, written["output"]),
                      (prep.handoff_seen, handoff_path, prep.handoff_data))]
        article_state, catalog_state, output_state, handoff = states
        wanted = (True, written["catalog"] is not None, written["output"] is not None,
                  handoff_path is not None and prep.handoff_data is not None)
        if article_state is not None and all(
                state is not None or not want for state, want in zip(states, wanted, strict=True)):
            entry = Entry(article_state, catalog_state, output_state, tuple(findings),
                          kept.segments, (edition.english, edition.commit, edition.handoff),
                          handoff)
    page = None
    if written["output"] is not None:  # the digest the cache entry took, or its own
        page = entry.output.digest if entry is not None and entry.output is not None \
            else digest(written["output"])
    return Outcome(prep.rel, tuple(findings), kept.segments,
                   wrote.get("catalog", False), wrote.get("output", False), edition,
                   cache=None if entry is None else entry.packed(), tm=prep.tm, page=page)


def prepare_safely(rel: str, settings: Settings, guard: Guard | None = None,
                   folders: dict[str, bool] | None = None) -> Prepared:
    """``prepare``, with a bug turned into an error finding for this article alone: the other
    articles still run, and no traceback reaches the user."""
    try:
        return prepare(rel, settings, guard, folders)
    except Unavailable:  # the storage's fault, not the article's: the batch is retried
        raise
    except Exception as exc:  # anything else would stop the whole run
        layout = settings.layout
        return Prepared(rel, (identity.unchecked(Finding(
            inputs.INTERNAL_ERROR.id, Severity.ERROR,
            f"internal error, article skipped: {type(exc).__name__}: {exc}"[:300],
            layout.shown_article(rel), 0, 0, None, "please report this with the article "
            "attached; its files were left as they were",
        ), (layout.article(rel), layout.catalog(rel))),))  # checked by no one


def process_batch(rels: list[str], settings: Settings) -> list[Outcome]:
    """Articles in order: each worked out in memory, then the batch's files written together
    (one flush to disk for all of them, see ``write_files``)."""
    guard = Guard(settings.options)
    folders: dict[str, bool] = {}  # what the batch's catalog reads found of their folders
    return write_batch([lean(prepare_safely(rel, settings, guard, folders)) for rel in rels],
                       settings)


def write_batch(prepared: Sequence[Prepared], settings: Settings) -> list[Outcome]:
    """The files of prepared articles written together, then their Outcomes, in order (the
    English-driven articles of ``pipeline.source`` are prepared apart and written here too)."""
    kinds, writes = list[tuple[int, str]](), list[tuple[Path | Url, bytes, str | None]]()
    as_read: dict[int, bytes | None] = {}  # a catalog replaced only while it holds them
    roots, fences, inside = settings.layout.input_folders(), {}, dict[str, str | None]()
    for n, prep in enumerate(prepared):
        if not prep.read:
            continue
        for kind, w in (("catalog", prep.catalog_write), ("output", prep.output_write)):
            if w is not None:
                if kind == "catalog":
                    as_read[len(writes)] = prep.catalog_bytes
                else:
                    paths = settings.layout.paths(prep.rel)  # never over what it reads:
                    fences[len(writes)] = Fence.of(roots, paths, (prep.article_seen, prep.
                        catalog_seen, None, prep.handoff_seen), settings.layout.inside_inputs(
                        paths[2], inside))  # its own files, nor through its folder others
                kinds.append((n, kind))
                writes.append((w.path, w.data, w.shown))
    results: list[dict[str, tuple[bool | InputError, Seen | None]]] = [{} for _ in prepared]
    for (n, kind), result in zip(kinds, write_seen(writes, as_read, fences), strict=True):
        results[n][kind] = result
    return [finish(prep, done, settings) for prep, done in zip(prepared, results, strict=True)]


def run_batch(job: tuple[list[str], Settings]) -> list[Outcome]:
    """``process_batch`` for a worker process: one picklable argument."""
    return process_batch(*job)
