"""A catalog file read from disk: the I/O edge of the catalog stage."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pipeline.checks.inputs as inputs
from pipeline.catalog.model import Catalog
from pipeline.catalog.reader import parse_po_bytes
from pipeline.findings import InputError
from pipeline.io import read_bytes
from pipeline.layout import printable

if TYPE_CHECKING:
    from pipeline.storage import Url


def read_catalog(path: Path | Url, shown: str, limit: int) -> Catalog | None:
    """The catalog at ``path``, None when there is none. Raises InputError when it is broken."""
    found = read_catalog_bytes(path, shown, limit)
    return None if found is None else found[0]


def read_catalog_bytes(path: Path | Url, shown: str, limit: int) -> tuple[Catalog, bytes] | None:
    try:
        data = read_bytes(path, limit, shown)
    except FileNotFoundError:
        if isinstance(path, Path) and os.path.islink(path):  # a share not mounted, say
            raise InputError(inputs.UNREADABLE.id, f"a symbolic link to "
                             f"{printable(os.readlink(path))!r}, which does not exist: the "
                             "catalog was neither read nor written", shown, 0, 0,
                             "restore what the link points to, or remove the link") from None
        return None
    except IsADirectoryError:
        raise InputError(inputs.PO_SYNTAX.id, "a folder stands where the catalog should be", shown,
                         0, 0, "remove or rename the folder") from None
    return parse_po_bytes(data, shown), data  # decoded by the charset its header declares
