"""Standard output as the command line sets it up: characters the charset cannot hold written as
JSON escapes, and a write that fails (a full disk, ``> /dev/full``, an I/O error on the file it
is redirected to) raised as ``OutputFailed``, so that the run names it instead of calling it an
internal error."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import TextIO, cast

_ESCAPE = "pipeline-json-escape"


class OutputFailed(Exception):
    """Standard output (or error) could not be written: what was printed is cut short."""

    def __init__(self, cause: OSError, fd: int) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause
        self.fd = fd  # 1 or 2


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """What an encoding cannot hold, as JSON's escapes (astral characters as a surrogate
    pair): inside a JSON string they read back as the same text, and in a table they say
    which character it was."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            out.append(f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}")
        else:
            out.append(f"\\u{cp:04x}")
    return "".join(out), exc.end


class _Guarded:
    """The stream, but for a failed write or flush, which is ``OutputFailed``. A closed pipe
    stays ``BrokenPipeError``: the reader went away, which is no failure of the run."""

    def __init__(self, stream: TextIO, fd: int) -> None:
        self._stream = stream
        self._fd = fd

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(exc, self._fd) from exc

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(exc, self._fd) from exc

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def set_up() -> None:
    """Under a locale whose charset is not UTF-8 (or PYTHONIOENCODING=latin-1) stdout cannot
    encode every character: ``checks`` and the JSON and SARIF of ``check`` stopped with an
    internal error at the first '…'. Such characters are written as JSON escapes instead.
    A failed write stopped the run as an internal error ('please report it'), exit 3; one to
    stderr (a CI log on a full disk) crashed it, exit 1, as if the inputs had problems."""
    codecs.register_error(_ESCAPE, _json_escape)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors=_ESCAPE)
    if sys.stdout is not None and not isinstance(sys.stdout, _Guarded):
        sys.stdout = cast(TextIO, _Guarded(sys.stdout, 1))
    if sys.stderr is not None and not isinstance(sys.stderr, _Guarded):
        sys.stderr = cast(TextIO, _Guarded(sys.stderr, 2))


def where(fd: int) -> str:
    """The file standard output (``fd`` 1) or error (2) goes to, as the system names it
    (Linux), else 'standard output' or 'standard error'."""
    with contextlib.suppress(OSError):
        return os.readlink(f"/proc/self/fd/{fd}")
    return "standard output" if fd == 1 else "standard error"
