"""A catalog file read from disk: the I/O edge of the catalog stage."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pipeline.checks.inputs as inputs
from pipeline.catalog.model import Catalog
from pipeline.catalog.reader import parse_po_bytes
from pipeline.findings import InputError
from pipeline.io import Seen, read_seen
from pipeline.walk import printable

if TYPE_CHECKING:
    from pipeline.storage import Url


def read_catalog(path: Path | Url, shown: str, limit: int) -> Catalog | None:
    """The catalog at ``path``, None when there is none. Raises InputError when it is broken."""
    found = read_catalog_bytes(path, shown, limit)
    return None if found is None else found[0]


def read_catalog_bytes(path: Path | Url, shown: str, limit: int) -> tuple[Catalog, bytes] | None:
    found = read_catalog_seen(path, shown, limit)
    return None if found is None else found[:2]


def read_catalog_seen(path: Path | Url, shown: str, limit: int,
                      folders: dict[str, bool] | None = None,
                      ) -> tuple[Catalog, bytes, Seen | None] | None:
    """The catalog, its bytes and its status as read (``io.read_seen``); None when there is
    none. Raises InputError when it is broken. ``folders``: as ``_dangling``'s, kept by the
    caller for the catalogs it reads one after the other (a batch)."""
    try:
        data, seen = read_seen(path, limit, shown)
    except FileNotFoundError:
        link = _dangling(path, folders) if isinstance(path, Path) else None
        if link is not None:  # a share not mounted, say: the catalog is there, unreachable
            raise InputError(inputs.UNREADABLE.id, f"a symbolic link to "
                             f"{printable(os.readlink(link))!r}, which does not exist"
                             f"{'' if link == path else f' ({printable(str(link))})'}: the "
                             "catalog was neither read nor written", shown, 0, 0,
                             "restore what the link points to, or remove the link") from None
        return None
    except IsADirectoryError:
        raise InputError(inputs.PO_SYNTAX.id, "a folder stands where the catalog should be", shown,
                         0, 0, "remove or rename the folder") from None
    except NotADirectoryError:  # a file named as its locale folder ('locales/fr-FR')
        reason, hint = (inputs.in_the_way(path, shown) if isinstance(path, Path) else None) \
            or ("a folder of its path is a file", "move that file away")
        raise InputError(inputs.UNREADABLE.id, f"{reason}: the catalog was neither read nor "
                         "written", shown, 0, 0, f"{hint}, then run again") from None
    return parse_po_bytes(data, shown), data, seen  # decoded by the charset its header declares


def _dangling(path: Path, folders: dict[str, bool] | None = None) -> Path | None:
    """The symbolic link to nothing that hides ``path``: itself, or a folder above it (a
    locale folder linked to a share); None when nothing is (a catalog not made yet). Climbs
    only the folders that are missing: one call for most catalogs. (Strings, not
    ``path.parents``: on a first run every catalog's folders are missing, and pathlib's
    objects cost more than the calls.)

    ``folders``: what the climbs so far found, by folder: True, there (a folder, or a link to
    one); False, missing with nothing above hiding it. The catalogs of a batch share their
    folders: the climb ends at one already found, and a catalog in a folder found missing
    costs no call at all. (Kept for one batch's reading: a folder made or linked away
    meanwhile is met by the write, which refuses what is in the way.)"""
    known = {} if folders is None else folders
    at = os.fspath(path)
    if known.get(os.path.dirname(at)) is False:  # no file in a missing folder
        return None
    try:
        mode = os.lstat(at).st_mode
    except OSError:  # missing: what hides it may be above
        pass
    else:
        return Path(at) if stat.S_ISLNK(mode) and not os.path.exists(at) else None
    missing: list[str] = []
    while True:
        parent = os.path.dirname(at)
        if parent == at:
            return None
        at = parent
        found = known.get(at)
        if found is None:
            try:
                mode = os.lstat(at).st_mode
            except OSError:  # missing: what hides it may be above
                missing.append(at)
                continue
            if stat.S_ISLNK(mode) and not os.path.exists(at):
                return Path(at)
            known[at] = True
        known.update(dict.fromkeys(missing, False))  # nothing hides them: the climb ended
        return None
