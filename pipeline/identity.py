"""What a finding is about, independent of where it stands: the check, the file relative to its
root, and a short key. A baseline (``baseline``) matches findings by it.

A finding on a segment is keyed by the segment's English and the translation that was checked
(``subject``, set by the job, which knows both): a line number moves with every edit above it,
a segment id with every new handoff, a catalog line with every reflow, and none of these is
what the finding is about. A finding that keeps a file from being checked (a catalog that does
not parse, an article that cannot be read) is keyed by what the files it keeps unchecked hold
(``unchecked``). Any other finding on no segment (an orphan entry, a front matter key) is keyed
by its message less the line numbers and segment ids in it.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.findings import Finding

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.catalog import Message
    from pipeline.layout import Layout
    from pipeline.storage import Url

# "line 12", "(locales/fr-FR/a.po:12)", "a.md:3:7", and segment ids such as b5df6-103 or
# 18c18-p207 (their prefix changes with each handoff of the article)
_LINE_REF = re.compile(r"\blines? \d+|(?<=\.po|\.md):\d+(?::\d+)?")
_SEGMENT_ID = re.compile(r"\b[0-9a-f]{5}-p?\d+(?:\.\d+)?\b")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def subject(source: str, translation: str) -> str:
    """The key of a finding about the segment with this English and translation."""
    return digest(f"{source}\x00{translation}")


def attach(
    findings: Iterable[Finding], article: Article, entries: Sequence[Message | None],
    path: str,
) -> list[Finding]:
    """``findings`` about ``article`` (shown as ``path``), each finding on one of its segments
    given the segment's subject: its English and the translation checked (the catalog's
    reviewed one, else the article's own, as ``publish`` chooses)."""
    out: list[Finding] = []
    where: dict[tuple[str, int], int] | None = None
    first: dict[str, int] = {}
    subjects: dict[int, str] = {}
    segments = article.segments
    for f in findings:
        if f.subject or f.segment is None or f.file != path:
            out.append(f)
            continue
        if where is None:  # most articles have no finding: the index is made on demand
            where = {}
            for n, seg in enumerate(segments):
                where.setdefault((seg.id, seg.line), n)
                first.setdefault(seg.id, n)
        n = where.get((f.segment, f.line), first.get(f.segment, -1))
        if n < 0:
            out.append(f)
            continue
        known = subjects.get(n)
        if known is None:  # once a segment: a long hostile one can have thousands of findings
            seg, msg = segments[n], entries[n]
            checked = msg.msgstr if msg is not None and msg.reviewed else seg.translation
            known = subjects[n] = subject(seg.source, checked)
        out.append(replace(f, subject=known))
    return out


def unchecked(finding: Finding, paths: Sequence[Path | Url]) -> Finding:
    """``finding``, which keeps ``paths`` from being checked (an article or catalog that cannot
    be read, a catalog a foreign entry makes another article's), keyed by what they hold: its
    message says nothing of the rest of them, so a baseline that held it by its message hid
    every later edit there, an unsafe translation or a second syntax error alike. Held while
    they are unchanged; edited, it is a new finding. Read here, once a file has failed: a
    regular file whole (one too large for the run too), in pieces; nothing else."""
    whole = hashlib.sha256()
    for path in paths:
        whole.update(b"\0" + _held(path))
    return replace(finding, subject=whole.hexdigest()[:16])


def _held(path: Path | Url) -> bytes:
    """The digest of the file at ``path``; a mark of its absence when it is no regular file."""
    from pipeline.findings import InputError

    if not isinstance(path, Path):  # an object store's: as far as a run reads
        from pipeline import storage

        try:  # (storage.Unavailable goes up: the batch is retried, as for any read)
            return _lf_digest(iter((storage.read_bytes(path, 1 << 30, str(path)),)))
        except (OSError, InputError):  # missing or too large: said by the run's finding
            return b"?"
    try:  # O_NONBLOCK: a FIFO must not block the run
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return b"-"
    try:
        with os.fdopen(fd, "rb", buffering=0) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return b"?"
            return _lf_digest(iter(lambda: fh.read(1 << 20), b""))
    except OSError:  # a read that fails half way: the run's finding says what is wrong
        return b"?"


def _lf_digest(chunks: Iterator[bytes]) -> bytes:
    """The digest of ``chunks`` with CRLF line ends read as LF, as every reader of the run
    reads them: a checkout that converts line ends (git's autocrlf on Windows) holds the same
    files, and a baseline saved on one machine must hold on the other. A CR alone stays."""
    hasher, held = hashlib.sha256(), b""
    for chunk in chunks:
        data = held + chunk
        held = b"\r" if data.endswith(b"\r") else b""  # its LF may open the next chunk
        hasher.update(data[: len(data) - len(held)].replace(b"\r\n", b"\n"))
    hasher.update(held)
    return hasher.digest()


def message_key(message: str) -> str:
    """A message less its line numbers and segment ids."""
    return _SEGMENT_ID.sub("#", _LINE_REF.sub("#", message))


def relative(file: str, layout: Layout) -> str:
    """``file`` (as findings show it) relative to the content or catalogs root, locale folder
    first; a file under neither as it is shown."""
    posix = file.replace("\\", "/")
    roots = (layout.shown_article(""), layout.shown_catalog(".md")[: -len(".po")])
    for root in sorted(roots, key=len, reverse=True):  # the deeper root first
        if root and posix.startswith(root):
            return posix[len(root):]
    return posix


def key(finding: Finding, layout: Layout) -> tuple[str, str, str]:
    """(check, file relative to its root, what it is about): equal for the same finding in
    any run, whatever moved around it."""
    about = finding.subject or digest(message_key(finding.message))
    return finding.check, relative(finding.file, layout), about
