"""The memory file beside the outputs (``.pipeline-memory``): each catalog's rows (packed, as
``rows.pack`` packs them) with the file status of the catalog they were read from. A run reads
the rows of the catalogs it did not process from here rather than parsing them again; a
catalog whose status changed since is read again. Only an optimisation, like the run cache:
deleting it changes no output.

Python's marshal format, as the run cache: written by this tool beside its outputs and
trusted as much as they are; anything unexpected, or from another Python, is ignored.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.findings import Finding, InputError, Severity

if TYPE_CHECKING:
    from pipeline.storage import Url

_FORMAT = 4  # 2: rows packed; 3: copies told apart (``rows.COPY``); 4: obsolete rows
_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}/{marshal.version}"
State = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Stored = dict[str, tuple[State, bytes]]  # by catalog: its status, its rows packed


# an active entry's empty msgstr: a line of its own, not followed by a string (the header's is)
_OPEN = re.compile(rb'^msgstr[ \t]*""[ \t]*\r?(?:\n(?![ \t]*")|\Z)', re.M)


def may_fill(path: Path | Url, limit: int) -> bool:
    """Whether the catalog at ``path`` may hold an entry the memory fills (an empty msgstr),
    looked for in its bytes, not parsed; one that cannot be read, too (its job says why)."""
    from pipeline.io import read_bytes

    try:
        return _OPEN.search(read_bytes(path, limit, str(path))) is not None
    except (InputError, OSError):
        return True


def state(path: str | Path) -> State | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _load(path: Path | None, kind: str, key: str | None) -> Any:
    """The data kept at ``path`` for ``key`` (None: any key); None when there is none."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            value = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (type(value) is dict and value.get("format") == _FORMAT and value.get("kind") == kind
            and value.get("python") == _PYTHON and key in (None, value.get("key"))):
        return value.get("data")
    return None


def _save(path: Path | None, kind: str, key: str, data: Any) -> None:
    from pipeline.io import write_atomic

    if path is None:
        return
    blob = marshal.dumps({"format": _FORMAT, "kind": kind, "python": _PYTHON, "key": key,
                          "data": data}, marshal.version)
    with contextlib.suppress(InputError, OSError):  # an unsaved memory costs only time
        write_atomic(path, blob)


def load_rows(path: Path | None, key: str | None) -> Stored:
    """The rows kept for the catalogs under the locales root ``key`` (None: any root)."""
    data = _load(path, "rows", key)
    out: Stored = {}
    if type(data) is not dict:
        return out
    for rel, value in data.items():
        with contextlib.suppress(TypeError, ValueError):
            st, rows = value
            if type(rows) is bytes:
                out[rel] = (tuple(st), rows)
    return out


def save_rows(path: Path | None, key: str, stored: Mapping[str, tuple[State, bytes]]) -> None:
    _save(path, "rows", key, {rel: stored[rel] for rel in sorted(stored)})


_SEVERITY = {int(s): s for s in Severity}
TMX_FILES = ""  # the findings file's key for the TMX files' own findings (no locale is "")


def load_findings(path: Path | None, key: str) -> dict[str, list[Finding]]:
    """The consistency findings of each locale as the last run with work left them."""
    data = _load(path, "findings", key)
    out: dict[str, list[Finding]] = {}
    if type(data) is not dict:
        return out
    for locale, found in data.items():
        with contextlib.suppress(KeyError, TypeError, ValueError):
            out[locale] = [Finding(c, _SEVERITY[s], m, fi, li, co, se, h)
                           for c, s, m, fi, li, co, se, h in found]
    return out


def save_findings(path: Path | None, key: str, by_locale: Mapping[str, list[Finding]]) -> None:
    _save(path, "findings", key, {locale: [
        [f.check, int(f.severity), f.message, f.file, f.line, f.column, f.segment, f.hint]
        for f in found] for locale, found in sorted(by_locale.items())})
