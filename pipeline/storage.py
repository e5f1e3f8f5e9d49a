"""Roots given as fsspec URLs (``s3://``, ``gcs://``, ``memory://``, …): reading, writing and
listing under them. Plain paths never come here: they keep the os-based code of ``io`` and
``layout``, which a no-op run depends on for its speed. fsspec is imported only when a URL
root is used, and so is an optional dependency (the ``dask`` extra brings it).

What a store gives up against a local folder, said where it matters: there is no tree lock
(``fcntl`` needs a local folder; runs over the same catalogs must not overlap) and no run cache
(it keys on inode and ctime). Each object is written with one put, which object stores make
atomic per object; a store with folders and renames gets a temp object renamed over the target.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pipeline.checks.inputs as inputs
from pipeline.findings import InputError

_URL = re.compile(r"\A(?:[A-Za-z][A-Za-z0-9+.-]*::)*([A-Za-z][A-Za-z0-9+.-]*)://")
# One put is atomic per object and there is no rename to make it so: written directly.
OBJECT_STORES = frozenset({"s3", "s3a", "gcs", "gs", "az", "abfs", "abfss", "adl", "oss",
                           "memory"})
# What the file is to blame for: a finding at the file, as on a local disk. Anything else the
# store raises (a lost connection, a timeout, throttling) is ``Unavailable``.
FILE_ERRORS = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError,
               FileExistsError)
INSTALL = "pip install '.[dask]' in the project (or: pip install fsspec), and s3fs or gcsfs"


class Unavailable(Exception):
    """The store failed in a way a retry may heal: raised out of the batch for the executor
    to retry, never turned into a finding (that would publish a transient fault as a verdict
    on the article)."""


@dataclass(frozen=True, slots=True)
class Url:
    """A file or folder under a URL root: ``root`` as given (``s3://bucket/docs``), ``rel``
    below it. The storage options for its protocol travel with it (to the workers too), as
    sorted JSON, hashable and picklable; they are left out of its repr and text."""

    root: str
    rel: str = ""
    options: str = field(default="{}", repr=False)

    def __str__(self) -> str:
        return f"{self.root}/{self.rel}" if self.rel else self.root

    def __truediv__(self, rel: str) -> Url:
        return Url(self.root, f"{self.rel}/{rel}" if self.rel else rel, self.options)

    @property
    def name(self) -> str:
        return str(self).rpartition("/")[2]

    @property
    def protocol(self) -> str:
        return _URL.match(self.root).group(1).lower()  # type: ignore[union-attr]

    def resolve(self) -> Url:
        """As ``Path.resolve``: a URL names one place wherever the run starts."""
        return self

    def located(self) -> tuple[Any, str]:
        """(the fsspec file system, this file's path on it)."""
        fs, base = _filesystem(self.root, self.options)
        return fs, f"{base}/{self.rel}" if self.rel else base

    def is_dir(self) -> bool:
        fs, path = self.located()
        return bool(_store_call(self, fs.isdir, path))


def is_url(text: str) -> bool:
    return _URL.match(text) is not None


def parse_root(text: str) -> Path | Url:
    """A root as given on the command line or in settings: a URL, or a path (``file://`` is a
    path: local files keep the os-based code)."""
    if not is_url(text):
        return Path(text)
    if text.startswith(("file://", "local://")):
        return Path(text.partition("://")[2] or "/")
    return Url(text.rstrip("/") if not text.endswith("://") else text)


def given_path(text: str) -> Path:
    """A path option's value (argparse's ``type``). An empty one is refused: it is the folder
    the command runs in, and came from a shell variable not set (``--out "$OUT"``): pages,
    catalogs or a package were written all over that folder, exit 0."""
    import argparse

    if not text:
        raise argparse.ArgumentTypeError("an empty path (a shell variable not set?): give a "
                                         "path, or . for this folder")
    return Path(text)


def given_root(text: str) -> Path | Url:
    """A root option's value: ``parse_root`` of a path that is not empty (``given_path``)."""
    return parse_root(str(given_path(text)) if not is_url(text) else text)


def configured(root: Path | Url, storage_options: Mapping[str, Mapping[str, Any]]) -> Path | Url:
    """``root`` with the storage options for its protocol (``storage-options.<protocol>``); a
    chained URL (``simplecache::s3://…``) gets the whole table, keyed by protocol, as fsspec
    takes it."""
    if isinstance(root, Path):
        return root
    import json

    chained = "::" in root.root.partition("://")[0]
    options = dict(storage_options) if chained else dict(storage_options.get(root.protocol, {}))
    return Url(root.root, root.rel, json.dumps(options, sort_keys=True))


def available() -> str | None:
    """None when fsspec can be imported, else how to install it."""
    import importlib.util

    return None if importlib.util.find_spec("fsspec") is not None else INSTALL


@functools.lru_cache(maxsize=32)
def _filesystem(root: str, options: str) -> tuple[Any, str]:
    """The file system of a root and the root's path on it: made once per process (fsspec
    keeps its own instance cache too, but parsing the URL each time costs)."""
    import json

    from fsspec.core import url_to_fs

    fs, path = url_to_fs(root, **json.loads(options))
    return fs, str(path).rstrip("/")


def _store_call(where: Url, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)``, with what is not the file's fault raised as ``Unavailable``."""
    try:
        return call(*args, **kwargs)
    except FILE_ERRORS:
        raise
    except Exception as exc:
        raise Unavailable(f"{where}: {type(exc).__name__}: {exc}") from exc


def read_bytes(url: Url, limit: int, shown: str) -> bytes:
    """As ``io.read_bytes``: the object's bytes, refusing one over ``limit`` before reading
    it. FileNotFoundError when there is none, IsADirectoryError for a folder."""
    fs, path = url.located()
    info = _store_call(url, fs.info, path)
    if info.get("type") == "directory":
        raise IsADirectoryError(21, "Is a directory", str(url))
    size = info.get("size")
    if isinstance(size, int) and size > limit:
        raise inputs.too_large(shown, size, limit)
    data: bytes = _store_call(url, fs.cat_file, path)
    if len(data) > limit:
        raise inputs.too_large(shown, len(data), limit)
    return data


def write_files(writes: Sequence[tuple[Url, bytes, str | None]]) -> list[bool | InputError]:
    """As ``io.write_files``: per object True (written), False (it held exactly that) or the
    InputError of a failure that is the file's (permission denied). An object is compared
    before it is written, so an unchanged one is not put again, and a batch run twice (a lost
    worker's batch is recomputed) writes the same bytes. What the store is to blame for
    raises ``Unavailable``, for the batch to be retried."""
    results: list[bool | InputError] = [False] * len(writes)
    by_store: dict[tuple[str, str], list[int]] = {}
    for i, (url, _, _) in enumerate(writes):
        by_store.setdefault((url.root, url.options), []).append(i)
    for indexes in by_store.values():
        first = writes[indexes[0]][0]
        fs, _ = first.located()
        paths = {i: writes[i][0].located()[1] for i in indexes}
        held = _store_call(first, fs.cat, list(paths.values()), on_error="return")
        if not isinstance(held, dict):  # one path: fsspec gives its bytes alone
            held = {next(iter(paths.values())): held}
        todo: list[int] = []
        for i in indexes:
            url, data, shown = writes[i]
            old = held.get(paths[i], FileNotFoundError())
            if isinstance(old, bytes) and old == data:
                continue
            if isinstance(old, Exception) and not isinstance(old, FileNotFoundError):
                if not isinstance(old, FILE_ERRORS):
                    raise Unavailable(f"{url}: {type(old).__name__}: {old}") from old
                results[i] = _write_error(url, old, shown, True)
                continue
            todo.append(i)
        for i in todo:
            url, data, shown = writes[i]
            try:
                _put(fs, url.protocol, paths[i], data, url)
            except FILE_ERRORS as exc:
                results[i] = _write_error(url, exc, shown, False)
                continue
            results[i] = True
    return results


def write_mixed(
    writes: Sequence[tuple[Path | Url, bytes, str | None]],
    write_local: Callable[[Sequence[tuple[Path, bytes, str | None]]], list[bool | InputError]],
) -> list[bool | InputError]:
    """``io.write_files`` where some targets are URLs: the local ones by ``write_local`` (that
    function), the others here; results in the order given."""
    local = [n for n, w in enumerate(writes) if isinstance(w[0], Path)]
    remote = [n for n, w in enumerate(writes) if not isinstance(w[0], Path)]
    results: list[bool | InputError] = [False] * len(writes)
    done = write_local([cast(tuple[Path, bytes, str | None], writes[n]) for n in local])
    for n, result in zip(local, done, strict=True):
        results[n] = result
    urls = [cast(tuple[Url, bytes, str | None], writes[n]) for n in remote]
    for n, result in zip(remote, write_files(urls), strict=True):
        results[n] = result
    return results


def _put(fs: Any, protocol: str, path: str, data: bytes, url: Url) -> None:
    """One object, whole: a single put on an object store; elsewhere a temp object beside it
    (a dot name, which the walk skips) renamed over it."""
    if protocol in OBJECT_STORES:
        _store_call(url, fs.pipe_file, path, data)
        return
    folder, _, name = path.rpartition("/")
    from pipeline.lock import temp_name

    tmp = f"{folder}/{temp_name(name)}"
    _store_call(url, fs.makedirs, folder, exist_ok=True)
    _store_call(url, fs.pipe_file, tmp, data)
    try:
        _store_call(url, fs.mv, tmp, path)
    except Exception:
        with contextlib.suppress(Exception):  # the rename's error is the one to report
            fs.rm_file(tmp)
        raise


def _write_error(url: Url, exc: Exception, shown: str | None, existed: bool) -> InputError:
    kept = "the previous file is intact" if existed else "nothing was written"
    reason = "permission denied" if isinstance(exc, PermissionError) else str(exc)
    return InputError(inputs.WRITE_FAILED.id, f"cannot write: {reason}; {kept}",
                      shown or str(url), 0, 0, "check the storage's permissions, then run again")


def listing(url: Url) -> list[tuple[str, bool]]:
    """The entries of a folder, but dot names, as (name, is a folder), sorted by name; none
    when there is no such folder. PermissionError when it cannot be read, NotADirectoryError
    when ``url`` is an object."""
    fs, path = url.located()
    try:
        found = _store_call(url, fs.ls, path, detail=True)
    except FileNotFoundError:
        return []
    # a store lists an object as itself: read as a folder holding no locale, it dropped every
    # locale and prune deleted their pages (a local root that is a file is refused)
    if (len(found) == 1 and found[0].get("type") != "directory"
            and str(found[0]["name"]).strip("/") == path.strip("/")):
        raise NotADirectoryError(20, "Not a directory", str(url))
    entries = [(str(e["name"]).rstrip("/").rpartition("/")[2], e.get("type") == "directory")
               for e in found]
    return sorted((name, is_dir) for name, is_dir in entries if name[:1] != ".")


def files(url: Url, suffix: str) -> list[str]:
    """Every file named ``*suffix`` below the folder ``url`` (none in a dot folder), relative
    to it, sorted. PermissionError when it cannot be read."""
    fs, path = url.located()
    try:
        found = _store_call(url, fs.find, path, detail=False)
    except FileNotFoundError:
        return []
    prefix = len(path) + 1
    rels = (str(p)[prefix:] for p in found)
    return sorted(rel for rel in rels if rel.endswith(suffix)
                  and not any(part[:1] == "." for part in rel.split("/")))


def exists(url: Url) -> bool:
    fs, path = url.located()
    return bool(_store_call(url, fs.exists, path))


def is_file(url: Url) -> bool:
    """A file (an object) is there: a folder of that name is not one."""
    fs, path = url.located()
    return bool(_store_call(url, fs.isfile, path))
