"""The baseline: the findings a docs team has accepted for now, so that a CI gate fails only on
new ones. A file (default ``.pipeline-baseline.json``, committed) of one finding per line,
sorted, keyed as ``identity`` keys findings: by what they are about, never by line.

Matching counts: the same finding twice in an article needs two entries, so a second copy of a
known problem is new. An entry that no finding of this run matches is stale (the problem was
fixed); ``check`` notes it and ``baseline --prune`` removes it. An entry of an article that is
gone (renamed or moved, ``git mv``) matches the same finding in another article: no finding
can be its own any more; ``baseline --prune`` writes it under the new name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pipeline.checks.inputs as inputs
from pipeline.checks.base import Check
from pipeline.findings import Finding, Severity
from pipeline.identity import digest, key, message_key

if TYPE_CHECKING:
    from pipeline.layout import Layout

DEFAULT_NAME = ".pipeline-baseline.json"
VERSION = 1
# what publishing did about another finding, not a problem of its own
SUBSTITUTED = inputs.RENDER_SUBSTITUTED.id
STALE = Check(
    "baseline-stale", "input", Severity.INFO,
    "a baseline entry no finding matches any more: the problem was fixed",
    "run `pipeline baseline --prune` to remove the entries of fixed problems",
)
Key = tuple[str, str, str]


READ_LIMIT = 256 * 1024 * 1024  # bytes of a baseline read at most


class BaselineError(Exception):
    """A baseline file that cannot be used: the message names it and what to do."""


@dataclass(frozen=True, slots=True)
class Entry:
    check: str
    file: str  # relative to the content or catalogs root, locale folder first
    key: str  # what the finding is about (``identity.key``)
    message: str  # for people reading the file; not matched
    line: int = 0  # where the entry stands in the baseline file (for stale notes)

    @property
    def identity(self) -> Key:
        return self.check, self.file, self.key


def gated(finding: Finding) -> bool:
    """Findings a baseline records: errors and warnings (notes never fail a run), not those
    a catalog flag already silences, nor a substitution (it follows from another finding, and
    ``check`` makes none: a baseline is the same whichever command wrote it)."""
    return (finding.severity >= Severity.WARNING and not finding.suppressed
            and finding.check != SUBSTITUTED)


def entries_of(findings: Iterable[Finding], layout: Layout) -> list[Entry]:
    out = []
    for f in findings:
        if gated(f):
            check, file, about = key(f, layout)
            out.append(Entry(check, file, about, message_key(f.message)))
    return sorted(out, key=lambda e: (e.file, e.check, e.key, e.message))


def dumps(entries: Sequence[Entry]) -> str:
    """The file's text: deterministic, one entry per line, so that a diff shows each finding
    accepted or fixed as one line; what a terminal or a diff acts on (a bidi override in a file
    name: Trojan Source in review) as ``\\u`` escapes."""
    from pipeline.findings import json_text

    lines = [f'{{"version": {VERSION}, "tool": "pipeline", "findings": [']
    for n, e in enumerate(sorted(entries, key=lambda e: (e.file, e.check, e.key, e.message))):
        comma = "," if n < len(entries) - 1 else ""
        record = {"file": e.file, "check": e.check, "key": e.key, "message": e.message}
        lines.append(" " + json_text(record) + comma)
    lines.append("]}")
    return "\n".join(lines) + "\n"


def load(path: Path) -> list[Entry]:
    """The entries of the baseline at ``path``. Raises BaselineError when it is missing or not
    a baseline."""
    import json

    from pipeline.findings import InputError
    from pipeline.io import read_bytes

    try:  # only a regular file, and a bounded one: a FIFO or /dev/zero had blocked the run
        raw = read_bytes(path, READ_LIMIT, str(path))
    except FileNotFoundError:
        raise BaselineError(f"no baseline at {path} (write one with `pipeline baseline`)"
                            ) from None
    except InputError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.finding.message}"
                            ) from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}"
                            ) from None
    try:  # a byte order mark: the file saved again by a Windows editor, as a hand edit may be
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise BaselineError(f"{path}:{line}: not a baseline "
                            f"(invalid UTF-8, byte 0x{raw[exc.start]:02x}); save it as UTF-8, "
                            "or write it again with `pipeline baseline`") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:  # at its line, as an editor shows it
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: not a baseline (invalid JSON: "
                            f"{exc.msg}); write it again with `pipeline baseline`") from None
    except RecursionError:  # nested deeper than the parser goes: no baseline either
        raise BaselineError(f"{path}: not a baseline (invalid JSON: nested too deep); write "
                            "it again with `pipeline baseline`") from None
    if (not isinstance(data, dict) or data.get("version") != VERSION
            or not isinstance(data.get("findings"), list)):
        raise BaselineError(f"{path}: not a version {VERSION} baseline; write it again with "
                            "`pipeline baseline`")
    # each entry is on its own line as written; a hand-edited file may differ: then line 0
    lines = {ln.strip().rstrip(","): n for n, ln in enumerate(text.splitlines(), 1)}
    out = []
    for item in data["findings"]:
        fields = [item.get(k) if isinstance(item, dict) else None
                  for k in ("check", "file", "key", "message")]
        if not all(isinstance(v, str) for v in fields):
            raise BaselineError(f"{path}: an entry lacks check, file, key or message: {item!r}")
        check, file, about, message = (str(v) for v in fields)
        line = lines.get(json.dumps(item, ensure_ascii=False), 0)
        out.append(Entry(check, file, about, message, line))
    return out


def write(path: Path, entries: Sequence[Entry]) -> None:
    from pipeline.io import write_atomic

    write_atomic(path, dumps(entries).encode("utf-8"), str(path))


def locale_of(file: str) -> str:
    """The locale folder of an entry's file (``fr-FR/a.po``: ``fr-FR``)."""
    return file.split("/", 1)[0]


def article_of(file: str) -> str:
    """The article an entry's file stands for: a catalog's article, or the file itself."""
    return file[:-3] + ".md" if file.endswith(".po") else file


def _segment_of(f: Finding) -> tuple[str, str | None, int]:
    """Which segment a finding is about, where: its subject (English and translation) where it
    has one, else its segment id; at its line, which a substitution shares with the findings
    that held its text back (two copies of one segment share the subject, never the line)."""
    return (f.file, f.subject or f.segment, f.line)


class Matcher:
    """Marks the findings of a run that the baseline holds, counting duplicates; what is left
    over at the end is stale."""

    def __init__(self, entries: Sequence[Entry], layout: Layout) -> None:
        self.entries = entries
        self.layout = layout
        self.left: Counter[Key] = Counter(e.identity for e in entries)
        self.matched = 0
        self.new_errors = 0
        # (check, key, locale): the entries whose article is gone, for a finding their own
        # file no longer has (``articles``); and each such entry taken, with the file that took
        # it. A rename keeps the locale: an entry never stands for another locale's finding
        self.gone: dict[tuple[str, str, str], list[Entry]] = {}
        # each entry taken under another identity (a rename, or a key written before the
        # finding had a subject): its identity now, which ``baseline --prune`` writes
        self.moved: list[tuple[Entry, Key]] = []

    def articles(self, rels: Iterable[str], source: str = "") -> None:
        """The articles of the tree (``<locale>/<path>.md``, every one, checked or not): an
        entry whose article is none of them (its catalog's or English's neither) can only be
        the same finding in the article it was renamed to."""
        present = set(rels)
        if source:  # an English article's findings may stand at its English
            present.update(f"{source}/{rel.split('/', 1)[-1]}" for rel in rels)
        self.gone = {}
        for e in self.entries:
            if article_of(e.file) not in present:
                self.gone.setdefault((e.check, e.key, locale_of(e.file)), []).append(e)

    def _take(self, f: Finding) -> bool:
        """Whether an entry for the finding ``f`` is left, taken: its own; else, for a finding
        on a segment, one keyed by its message, as English-driven pages' were before they
        had subjects; else one of an article that is gone with the same check and key."""
        k = key(f, self.layout)
        if self.left[k] > 0:
            self.left[k] -= 1
            return True
        # not a finding that keeps a file unchecked: its message key was what let an edit pass
        if f.subject and f.segment is not None:
            legacy = (k[0], k[1], digest(message_key(f.message)))
            if self.left[legacy] > 0:
                self.left[legacy] -= 1
                used = {id(m) for m, _ in self.moved}  # each copy of the entry once
                self.moved.append((next(e for e in self.entries if e.identity == legacy
                                        and id(e) not in used), k))
                return True
        for e in self.gone.get((k[0], k[2], locale_of(k[1])), ()):
            if self.left[e.identity] > 0:
                self.left[e.identity] -= 1
                self.moved.append((e, k))
                return True
        return False

    def mark(self, findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` (an article's, as a run brings them), those the baseline holds marked.
        A substitution is baselined when the finding it follows from is, and no new error
        is: the finding on the same segment (its subject, else its id) at the same place (a
        second copy of a baselined segment has errors of its own, new, and so is its
        substitution); a page not rendered at all (its catalog broken) when every error of
        the article is baselined."""
        out = []
        known: set[tuple[str, str | None, int]] = set()  # the baselined findings' segments
        fresh: set[tuple[str, str | None, int]] = set()  # those of the new errors
        new = 0  # the article's errors the baseline does not hold
        for f in findings:
            if gated(f):
                if self._take(f):
                    self.matched += 1
                    known.add(_segment_of(f))
                    f = replace(f, baselined=True)
                elif f.severity >= Severity.ERROR:
                    new += 1
                    fresh.add(_segment_of(f))
            out.append(f)
        self.new_errors += new
        for n, f in enumerate(out):
            if f.check != SUBSTITUTED:
                continue
            at = _segment_of(f)
            if (at in known and at not in fresh if f.subject or f.segment
                    else bool(known) and not new):
                out[n] = replace(f, baselined=True)
            elif f.severity >= Severity.ERROR:
                self.new_errors += 1
        return out

    def stale(self, in_scope: Callable[[Entry], bool]) -> list[Entry]:
        """The entries no finding matched, of those this run could have matched."""
        left = Counter(self.left)
        out = []
        for e in reversed(self.entries):  # the last copies of an identity are the stale ones
            if left[e.identity] > 0 and in_scope(e):
                left[e.identity] -= 1
                out.append(e)
        return sorted(out, key=lambda e: (e.line, e.file, e.check, e.key))

    def stale_findings(self, in_scope: Callable[[Entry], bool], shown: str) -> list[Finding]:
        """The stale entries as notes at their line of the baseline file (``shown``)."""
        return [Finding(STALE.id, STALE.severity,
                        f"{e.check} in {e.file} no longer found: {e.message}"[:300], shown,
                        e.line, 1 if e.line else 0, None, STALE.hint)
                for e in self.stale(in_scope)]
