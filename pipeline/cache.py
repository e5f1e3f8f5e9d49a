"""What the last run did, so that a rerun skips articles whose inputs and outputs are unchanged.

An article is skipped when its article, catalog and output (and, for an article made from its
English, the locale's handoff of it, or its absence) are the files the last run left: the same
(size, mtime, ctime, inode), or, where those changed (a checkout touches mtimes), the same
content hash. A file whose mtime is within 0.1 s of the last save is always hashed, as git does
for "racily clean" files. The cache lives beside the outputs (build/) and is only an
optimisation: deleting it changes no output; one that cannot be saved is said, not fatal.

The file is in Python's marshal format, read in a few milliseconds where JSON took ten. It is
written by this tool, beside its outputs, and trusted as much as they are (as Python trusts its
own ``__pycache__``); anything in it not as expected, or from another Python, makes it ignored.
"""
from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.digests import digest
from pipeline.findings import Finding, InputError, Severity
from pipeline.io import Seen, write_atomic_stream

CACHE_NAME = ".pipeline-cache"
_OLD_NAMES = (".pipeline-cache.json",)  # earlier versions' caches: removed when one is saved
_FORMAT = 9  # 8: an English-driven article's handoff is part of the key; 9: os_file
# marshal's format may change with the Python version: a cache from another one is ignored
_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}/{marshal.version}"
_CHUNK = 1024  # entries per marshal value: saving holds no more than this many at once
_RACY_NS = 100_000_000  # far above the file system timestamp tick (~4 ms)
_SEVERITY = {int(s): s for s in Severity}  # a lookup, where Severity(n) is a slow enum call


class FileState(NamedTuple):
    """A file as the last run left it: a no-op run reads one per file, a tuple is cheapest."""

    size: int
    mtime_ns: int
    ctime_ns: int  # as git does: utime() can set mtime back, nothing sets ctime back
    ino: int
    digest: str

    @classmethod
    def of(cls, path: str | Path | None, data: bytes | str) -> FileState | None:
        """The file's status if it still holds ``data`` (its bytes, or their digest), else
        None: taken before the file is read again, a file saved since the run read it (a
        translator's edit mid-run) is never recorded by its new status and old content."""
        if path is None:
            return None
        try:
            st = os.stat(path)
            with open(path, "rb") as fh:
                now = fh.read()
        except OSError:
            return None
        if (now != data) if isinstance(data, bytes) else (digest(now) != data):
            return None
        data = digest(now) if isinstance(data, bytes) else data  # hashed once, not twice
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, data)

    @classmethod
    def seen(cls, seen: Seen | None, path: str | None, data: bytes | str) -> FileState | None:
        """The state of a file as the run read or wrote it (``data``: its bytes, or their
        digest), from the status ``io`` took through its descriptor, without opening it again:
        a change after that status (a translator's save mid-run) gives the file another mtime,
        ctime or size, or another inode, and the next run redoes the article.

        Except within a timestamp tick: a file modified in the same tick, after the status was
        taken, keeps it. A file read whose mtime is that recent is read again (``of``), as
        before. A file written comes with its status after the rename only where its mtime is
        before its ctime (no save in place since the rename, ``disk.written_status``): else
        None, and it is read again too."""
        if seen is None or (seen.taken_ns is not None
                            and seen.mtime_ns >= seen.taken_ns - _RACY_NS):
            return cls.of(path, data)
        return cls(seen.size, seen.mtime_ns, seen.ctime_ns, seen.ino,
                   digest(data) if isinstance(data, bytes) else data)

    def record(self) -> list[Any]:
        return list(self)


class Entry(NamedTuple):
    """What the last run knew of an article: its files' states, and what it found."""

    article: FileState
    catalog: FileState | None
    output: FileState | None
    findings: tuple[Finding, ...]
    segments: int
    # (English digest, source commit, handoff date) of the cross-locale check's Edition; its
    # path and locale come from the article's own path
    edition: tuple[str, str, str] | None
    # an article made from its English: the handoff of it as that run read it, None when
    # there was none (then a handoff that comes later is a change); unused otherwise
    handoff: FileState | None = None

    def packed(self) -> bytes:
        """The record marshalled and compressed, as the cache holds it until it saves: the
        parent's memory must not grow with the tree."""
        return zlib.compress(marshal.dumps(self.record(), marshal.version), 1)

    def record(self) -> list[Any]:
        """The entry as plain lists, the form the cache file keeps."""
        return [self.article.record(),
            self.catalog.record() if self.catalog else None,
            self.output.record() if self.output else None,
            [[f.check, int(f.severity), f.message, f.file, f.line, f.column, f.segment, f.hint,
              f.subject, f.suppressed, f.os_file]
             for f in self.findings],
            self.segments,
            list(self.edition) if self.edition else None,
            self.handoff.record() if self.handoff else None,
        ]

    @classmethod
    def from_record(cls, value: list[Any]) -> Entry:
        article, catalog, output, *_, handoff = value
        findings, segments, edition, _ = Replay.from_record(value)
        return cls(  # FileState(*state) checks the length: 5 fields, no more, no fewer
            FileState(*article),
            None if catalog is None else FileState(*catalog),
            None if output is None else FileState(*output),
            findings, segments, edition,
            None if handoff is None else FileState(*handoff),
        )


class Replay(NamedTuple):
    """What a rerun replays for an article whose files are unchanged."""

    findings: tuple[Finding, ...]
    segments: int
    edition: tuple[str, str, str] | None
    page: str | None = None  # the output's digest, as the last run left it

    @classmethod
    def from_record(cls, value: list[Any]) -> Replay:
        """From an entry as read (``Entry.record``), without making its file states."""
        _, _, output, found, segments, edition, _ = value
        return cls(
            tuple([Finding(c, _SEVERITY[s], m, fi, li, co, se, h, su, sp, False, of)
                   for c, s, m, fi, li, co, se, h, su, sp, of in found]) if found else (),
            int(segments),
            None if edition is None else (edition[0], edition[1], edition[2]),
            None if not output else str(output[4]))


def _framed(value: Any) -> bytes:
    """A value marshalled, behind its length: read back with marshal.loads on a slice, which
    is several times faster than marshal.load on a file."""
    data = marshal.dumps(value, marshal.version)
    return len(data).to_bytes(8, "little") + data


def _values(data: bytes) -> Iterator[Any]:
    """The values ``_framed`` wrote, in order; EOFError when the data ends mid-value."""
    view = memoryview(data)
    pos = 0
    while pos < len(view):
        size = int.from_bytes(view[pos : pos + 8], "little")
        end = pos + 8 + size
        if end > len(view):
            raise EOFError("cut short")
        yield marshal.loads(view[pos + 8 : end])
        pos = end


class Cache:
    """Loaded once per run in the parent process; workers never touch it."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.saved_ns = 0
        # Entries stay as read (marshal bytes) until asked for: a no-op run decodes each once.
        self.entries: dict[str, Entry] = {}
        self.raw: dict[str, bytes] = {}
        self.records: dict[str, bytes] = {}  # this run's entries, marshalled and compressed
        self.dirty = False
        # the output folder's pages that no article makes, as the last run found them, after the
        # build-locales they were found in (None: not looked for; see ``runner``)
        self.orphans: tuple[str, ...] | None = None

    def set_orphans(self, rels: Sequence[str]) -> None:
        if self.orphans != tuple(rels):
            self.orphans = tuple(rels)
            self.dirty = True

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> Cache:
        cache = cls(path, fingerprint)
        try:
            with open(path, "rb") as fh:
                values = _values(fh.read())
            header = next(values)
            if (type(header) is dict and header.get("format") == _FORMAT
                    and header.get("python") == _PYTHON
                    and header.get("fingerprint") == fingerprint):
                raw: dict[str, bytes] = {}
                for _ in range(int(header["chunks"])):
                    chunk = next(values)
                    if type(chunk) is not dict or not all(
                            type(k) is str and type(v) is bytes for k, v in chunk.items()):
                        raise ValueError("not a chunk of entries")
                    raw.update(chunk)
                if next(values, None) is not None:
                    raise ValueError("more than the header announced")
                cache.saved_ns = int(header["saved_ns"])
                orphans = header.get("orphans")
                if type(orphans) is list and all(type(r) is str for r in orphans):
                    cache.orphans = tuple(orphans)
                cache.raw = raw
        except (OSError, EOFError, StopIteration, ValueError, KeyError, TypeError):
            cache.raw = {}  # no cache, or one we cannot trust: start afresh
        return cache

    def _decode(self, rel: str) -> list[Any] | None:
        """The entry read for ``rel``, as plain lists; None when absent or malformed."""
        data = self.raw.get(rel)  # bytes: ``load`` checked every value
        if data is None:
            return None
        try:
            entry = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        return entry if type(entry) is list and len(entry) == 7 else None

    def fresh(self, rel: str, article: str, catalog: str, output: str | None,
              handoff: str | None = None) -> Replay | None:
        """What the last run found for the article, when all of its files are as that run left
        them. Where a file was only recognised by its hash, its new status is stored for next
        time. ``handoff``: for an article made from its English, where a handoff of it would
        be (``Layout.paths``)."""
        entry: Entry | list[Any] | None = self.entries.get(rel)
        if entry is None:  # still as read: compared as it is, made an Entry only if need be
            entry = self._decode(rel)
            if entry is None:
                return None
        same = self._same
        by_article = same(article, entry[0])
        if by_article is None:
            return None
        by_catalog = same(catalog, entry[1])
        if by_catalog is None:
            return None
        by_output = "stat" if output is None else same(output, entry[2])
        if by_output is None:
            return None
        by_handoff = "stat" if handoff is None else same(handoff, entry[6])
        if by_handoff is None:
            return None
        if "hash" in (by_article, by_catalog, by_output, by_handoff):
            entry = self._restat(rel, entry, article, catalog, output, handoff)
            if entry is None:
                return None
        if isinstance(entry, Entry):
            return Replay(*entry[3:6], None if entry.output is None else entry.output.digest)
        try:
            return Replay.from_record(entry)
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def _same(self, path: str, state: Sequence[Any] | None) -> str | None:
        """'stat' when the file status shows it unchanged, 'hash' when only its content does,
        None when it changed. ``state``: a FileState, or one as read from the file."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "stat" if state is None else None
        except OSError:
            return None
        if state is None or len(state) != 5:
            return None
        size, mtime_ns, ctime_ns, ino, known = state
        if (
            st.st_size == size
            and st.st_mtime_ns == mtime_ns
            and st.st_ctime_ns == ctime_ns
            and st.st_ino == ino
            and st.st_mtime_ns < self.saved_ns - _RACY_NS
        ):
            return "stat"
        if st.st_size != size:
            return None
        try:
            with open(path, "rb") as fh:
                return "hash" if digest(fh.read()) == known else None
        except OSError:
            return None

    def put(self, rel: str, entry: Entry | bytes | None) -> None:
        """Record an article just processed: its Entry, or the Entry already packed
        (``Entry.packed``: a worker packs it, beside the work, rather than the parent). Kept
        packed: a run over a large tree holds a short string of bytes per article here, not
        its findings as objects."""
        self.entries.pop(rel, None)
        self.raw.pop(rel, None)
        if entry is None:
            if self.records.pop(rel, None) is not None:
                self.dirty = True
            return
        self.records[rel] = entry if isinstance(entry, bytes) else entry.packed()
        self.dirty = True

    def _restat(
        self, rel: str, entry: Entry | list[Any], article: str, catalog: str, output: str | None,
        handoff: str | None,
    ) -> Entry | None:
        """After a hit found by hash, keep the entry with its files' current status (a
        checkout's new mtimes, say), so that the next run knows them by status alone. None
        when the entry as read is malformed."""
        if not isinstance(entry, Entry):
            try:
                entry = Entry.from_record(entry)
            except (ValueError, KeyError, TypeError, IndexError):
                return None

        def restat(path: str, state: FileState | None) -> FileState | None:
            if state is None:
                return None
            with contextlib.suppress(OSError):
                st = os.stat(path)
                return FileState(
                    st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, state.digest
                )
            return state

        restated = self.entries[rel] = Entry(
            restat(article, entry.article) or entry.article,
            restat(catalog, entry.catalog),
            restat(output, entry.output) if output else entry.output,
            entry.findings, entry.segments, entry.edition,
            restat(handoff, entry.handoff) if handoff else entry.handoff,
        )
        self.raw.pop(rel, None)
        self.dirty = True
        return restated

    def save(self, keep: set[str]) -> str | None:
        """None, or why the cache could not be saved (the next run redoes every article)."""
        known = set(self.records) | set(self.entries) | set(self.raw)
        if not (self.dirty or known - keep) and self.path.exists():
            return None
        for old in _OLD_NAMES:
            with contextlib.suppress(OSError):
                (self.path.parent / old).unlink()

        def encoded(rel: str) -> bytes:
            if rel in self.records:
                return zlib.decompress(self.records[rel])
            if rel in self.entries:
                return marshal.dumps(self.entries[rel].record(), marshal.version)
            return self.raw[rel]

        rels = sorted(keep & known)
        chunks = [rels[i : i + _CHUNK] for i in range(0, len(rels), _CHUNK)]
        header = {"format": _FORMAT, "python": _PYTHON, "fingerprint": self.fingerprint,
                  "saved_ns": time.time_ns(), "chunks": len(chunks)}
        if self.orphans is not None:
            header["orphans"] = list(self.orphans)

        def pieces() -> Iterator[bytes]:  # streamed: a large tree's cache is never held whole
            yield _framed(header)
            for chunk in chunks:
                yield _framed({rel: encoded(rel) for rel in chunk})

        try:
            write_atomic_stream(self.path, pieces())
        except (InputError, OSError) as exc:
            return str(exc)
        return None
