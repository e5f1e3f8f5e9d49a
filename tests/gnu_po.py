"""GNU gettext's own reading of PO files, through libgettextpo (the library behind msgfmt and
msgcat, Debian: libgettextpo0), for the differential test of our reader.

Run as a script, in a process of its own (a C library that misbehaves must not take the test
run down): ``python tests/gnu_po.py FILE...`` prints one JSON object per file with the errors
GNU reports and the messages it reads. Strings are GNU's bytes, in the file's own charset, as
latin-1 text: the caller decodes them by the charset the header declares, as msgconv would.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import sys
from typing import Any

LIBRARY = "libgettextpo.so.0"

_XERROR = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                           ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p)
_XERROR2 = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p,
                            ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t,
                            ctypes.c_int, ctypes.c_char_p)


class _Handler(ctypes.Structure):
    _fields_ = [("xerror", _XERROR), ("xerror2", _XERROR2)]


def load() -> ctypes.CDLL | None:
    """The library, or None when it is not installed."""
    name = ctypes.util.find_library("gettextpo") or LIBRARY
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    p, s = ctypes.c_void_p, ctypes.c_char_p
    for fn, res, args in (
        ("po_file_read_v3", p, [s, p]), ("po_file_free", None, [p]),
        ("po_file_domains", ctypes.POINTER(s), [p]),
        ("po_message_iterator", p, [p, s]), ("po_message_iterator_free", None, [p]),
        ("po_next_message", p, [p]),
        ("po_message_msgctxt", s, [p]), ("po_message_msgid", s, [p]),
        ("po_message_msgid_plural", s, [p]), ("po_message_msgstr", s, [p]),
        ("po_message_comments", s, [p]), ("po_message_extracted_comments", s, [p]),
        ("po_message_prev_msgctxt", s, [p]), ("po_message_prev_msgid", s, [p]),
        ("po_message_is_obsolete", ctypes.c_int, [p]), ("po_message_is_fuzzy", ctypes.c_int, [p]),
        ("po_message_filepos", p, [p, ctypes.c_int]), ("po_filepos_file", s, [p]),
        ("po_filepos_start_line", ctypes.c_size_t, [p]),
    ):
        f = getattr(lib, fn)
        f.restype, f.argtypes = res, args
    return lib


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


def read(lib: ctypes.CDLL, path: str) -> dict[str, Any]:
    errors: list[list[Any]] = []

    def xerror(severity: int, _msg: int, _file: bytes | None, line: int, _col: int, _multi: int,
               text: bytes | None) -> None:
        # A fatal error's handler "must not return"; libgettextpo's reader only raises one
        # after the whole file is read ("found N fatal errors"), so returning is safe there.
        shown = -1 if line == ctypes.c_size_t(-1).value else line
        errors.append([severity, shown, (text or b"").decode("utf-8", "replace").strip()])

    def xerror2(severity: int, _m1: int, _f1: bytes | None, line1: int, _c1: int, _ml1: int,
                text1: bytes | None, _m2: int, _f2: bytes | None, line2: int, _c2: int,
                _ml2: int, text2: bytes | None) -> None:
        errors.append([severity, line1, (text1 or b"").decode("utf-8", "replace").strip(),
                       line2])

    handler = _Handler(_XERROR(xerror), _XERROR2(xerror2))
    file = lib.po_file_read_v3(path.encode(), ctypes.byref(handler))
    out: dict[str, Any] = {"path": path, "errors": errors, "domains": [], "messages": []}
    if not file:
        return out
    try:
        domains = lib.po_file_domains(file)
        i = 0
        while domains[i] is not None:
            out["domains"].append(domains[i].decode("latin-1"))
            i += 1
        for domain in out["domains"]:
            it = lib.po_message_iterator(file, domain.encode("latin-1"))
            try:
                while True:
                    m = lib.po_next_message(it)
                    if not m:
                        break
                    refs = []
                    n = 0
                    while True:
                        pos = lib.po_message_filepos(m, n)
                        if not pos:
                            break
                        refs.append([_text(lib.po_filepos_file(pos)),
                                     lib.po_filepos_start_line(pos)])
                        n += 1
                    out["messages"].append({
                        "domain": domain,
                        "msgctxt": _text(lib.po_message_msgctxt(m)),
                        "msgid": _text(lib.po_message_msgid(m)),
                        "msgid_plural": _text(lib.po_message_msgid_plural(m)),
                        "msgstr": _text(lib.po_message_msgstr(m)),
                        "comments": _text(lib.po_message_comments(m)),
                        "extracted": _text(lib.po_message_extracted_comments(m)),
                        "prev_msgctxt": _text(lib.po_message_prev_msgctxt(m)),
                        "prev_msgid": _text(lib.po_message_prev_msgid(m)),
                        "obsolete": bool(lib.po_message_is_obsolete(m)),
                        "fuzzy": bool(lib.po_message_is_fuzzy(m)),
                        "refs": refs,
                    })
            finally:
                lib.po_message_iterator_free(it)
    finally:
        lib.po_file_free(file)
    return out


def main(paths: list[str]) -> int:
    lib = load()
    if lib is None:
        print(f"{LIBRARY} is not installed", file=sys.stderr)
        return 3
    for path in paths:
        print(json.dumps(read(lib, path)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
