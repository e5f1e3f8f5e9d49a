"""What a failed write says: the write-failed error of each way a write of ``io`` fails, with
what to do, and what was kept."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pipeline.checks.inputs as inputs
from pipeline.findings import InputError


def relative(path: Path) -> str:
    """A path as diagnostics show it (as Layout.shown): relative to the working folder."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def changed(path: Path, shown: str | None) -> InputError:
    return InputError(
        inputs.WRITE_FAILED.id, "not written: the file changed since this run read it (saved "
        "by another program meanwhile); it stays as saved", shown or str(path), 0, 0,
        "run again: the next run takes the file as it is now")


def linked(to: Path | None, shown: str) -> InputError:
    where = f"a symbolic link to {relative(to)}" if to is not None else \
        "through a symbolic link to a folder (or a bind mount), the very file"
    return InputError(inputs.WRITE_FAILED.id, f"not written: {where} that this run reads, "
                      "which the write would replace; it stays as it is", shown, 0, 0,
                      "remove the link: the output goes in a folder of its own")


def write_error(path: Path, exc: OSError, shown: str | None, existed: bool) -> InputError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    kept = "the previous file is intact" if existed else "nothing was written"
    hint = ("shorten the article's name, or the folders above it" if exc.errno == errno.ENAMETOOLONG
            else "check permissions and free space, then run again")  # neither helps there
    blocked = inputs.in_the_way(path, shown or str(path)) \
        if exc.errno in (errno.ENOTDIR, errno.EEXIST) else None
    if blocked is not None:  # a file named as a folder of the path, a link to nothing
        reason, hint = blocked
    elif exc.errno == errno.EISDIR:
        reason, hint = "a folder stands where the file should be", "remove or rename the folder"
        kept = "nothing was written"
    elif exc.errno == errno.ENXIO:  # opening a socket fails so too
        reason, hint = "a device, FIFO or socket stands where the file should be (or a link " \
            "to one)", "remove it, or the link"
        kept = "it was left as it is"
    return InputError(inputs.WRITE_FAILED.id, f"cannot write: {reason}; {kept}",
                      shown or str(path), 0, 0, hint)
