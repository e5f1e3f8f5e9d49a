"""The files a vendor sent back (``xliff-import``, ``handoff-import``): those the import
reads, in any case of their suffix, and a finding for each other file or a second file for
one catalog. (Moved out of ``layout``, which walks the trees.)"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.findings import Finding, Severity
from pipeline.layout import Layout
from pipeline.walk import walk_files


def _system_file(rel: str) -> bool:
    """What a file manager or archiver leaves in a folder, never a vendor's: hidden files and
    folders (``.DS_Store``, macOS's ``._a.xlf`` resource forks), ``__MACOSX/``, ``Thumbs.db``,
    ``desktop.ini`` and Office's ``~$`` lock files."""
    parts = rel.split("/")
    name = parts[-1]
    return (any(p.startswith(".") or p == "__MACOSX" for p in parts)
            or name.lower() in ("thumbs.db", "desktop.ini") or name.startswith("~$"))


def returned_files(
    root: Path, shown: str, suffixes: tuple[str, ...], check: str, known: tuple[str, ...] = ()
) -> tuple[list[str], list[Finding]]:
    """The files a vendor sent back below ``root``: those whose suffix is one of ``suffixes``
    in any case (``.XLF``, ``.xliff``), sorted; and a warning for each other file but those
    ending in ``known`` (the package's own), which the import cannot take: a CAT tool's own
    format (``.sdlxliff``, ``.mqxliff``) sent back by mistake is said, not passed over; what a
    file manager or archiver adds (``Thumbs.db``, ``__MACOSX/``) is passed over. A second
    file for one catalog (``a.XLF`` beside ``a.xliff``) is an error and is not imported. A
    folder holding none of them is a warning: the wrong folder, which a summary of none read
    alone said only without -q."""
    found = walk_files(root, shown, "")
    rels: list[str] = []
    problems = list(found.problems)
    taken: dict[str, str] = {}  # each catalog's returned file
    for rel in found.rels:
        if _system_file(rel):
            continue
        stem, suffix = os.path.splitext(rel)
        suffix = suffix.lower()
        if suffix in suffixes:
            first = taken.setdefault(stem, rel)
            if first == rel:
                rels.append(rel)
            else:  # two files for one catalog: applying both could lose one's edits
                problems.append(Finding(
                    check, Severity.ERROR, f"a second file for the catalog {stem}.po, beside "
                    f"{first}: not imported", f"{shown}/{rel}", 0, 0, None,
                    "send back one file per catalog; merge the two in the CAT tool"))
        elif suffix not in known:
            problems.append(Finding(
                check, Severity.WARNING, f"skipped: not a file this import reads "
                f"({', '.join(suffixes)})", f"{shown}/{rel}", 0, 0, None,
                "export the file from the CAT tool in the format it was sent in"))
    if not rels and not found.problems:  # the wrong folder: said even under -q
        *most, last = suffixes
        kinds = f"{', '.join(most)} or {last}" if most else last
        problems.append(Finding(
            check, Severity.WARNING, f"no {kinds} file in this folder: nothing was imported",
            shown, 0, 0, None, "give the folder the vendor's files were unpacked into (the one "
            "holding their locale folders)"))
    return rels, problems


def all_catalogs(locales: Path) -> frozenset[str]:
    """The tree's catalogs (paths under ``locales``): a file named by a converter as it was
    given (``a.po``) is a catalog's only when it ends no other's path (``pipeline.xliff.original``).
    One walk of the tree an import, as the walk of the returned files costs."""
    return frozenset(rel[:-3] + ".po" for rel in Layout(Path(), locales, Path()).catalogs().rels)
