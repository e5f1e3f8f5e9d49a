"""Digests: of a file's bytes, as the run cache and the page manifest record them, and of this
package's own source, which keys the cache and a worker pool's code."""
from __future__ import annotations

import contextlib
import os


def source_digest() -> str:
    """A digest of this package's own source, every ``.py`` file below it by path and bytes: a
    cache written by other code (an older commit, another install) is not replayed, whatever
    ``__version__`` says. Worked out on every run: about 40 small files, a millisecond."""
    try:  # the blake2 module alone: hashlib would load OpenSSL, 6 ms a run
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without it
        from hashlib import blake2b
    root = os.path.dirname(os.path.abspath(__file__))
    hasher = blake2b(digest_size=16)
    for rel in sorted(_sources(root, "")):
        try:
            with open(os.path.join(root, rel), "rb") as fh:
                data = fh.read()
        except OSError:
            data = b"\xff unreadable"  # not a valid source: a digest no readable file gives
        hasher.update(b"%s\x00%d\x00" % (rel.encode("utf-8", "surrogateescape"), len(data)))
        hasher.update(data)
    return hasher.hexdigest()


def _sources(folder: str, prefix: str) -> list[str]:
    found: list[str] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(prefix + entry.name)
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                found.extend(_sources(entry.path, f"{prefix}{entry.name}/"))
    return found


def digest(data: bytes) -> str:
    import hashlib  # loaded by the first file hashed: a run with nothing to do hashes none

    # SHA-256 runs on the CPU's SHA instructions: twice blake2b's speed here, and a cold run
    # hashes every article, catalog and output it writes.
    # 64 bits: the chance that an edited file keeps its size and hashes alike is 2^-64
    return hashlib.sha256(data).hexdigest()[:16]
