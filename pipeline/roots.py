"""The roots a run is given, checked before any work: the output never where the run reads
(a page written over a delivered article cannot be got back, and one written inside the
content root is read again as an article by the next run), and a content or catalogs root
that is not itself one locale's folder (its subfolders would be taken as locales)."""

from __future__ import annotations

import errno
import os
import posixpath
from collections.abc import Sequence
from pathlib import Path

from pipeline.checks.inputs import WRITE_FAILED, standing
from pipeline.findings import Finding, Severity
from pipeline.locale_names import locale_folder
from pipeline.storage import Url
from pipeline.terms import GLOSSARY_SUFFIXES
from pipeline.walk import is_locale


def misplaced(content: Path | Url, locales: Path | Url, out: Path | Url,
              pages: bool = False, written: str = "the pages") -> str | None:
    """What is wrong with the roots, as the error says it, or None. ``pages``: the run writes
    pages to ``out`` (<out>/<locale>/<path>.md), so it too must not be one locale's folder.
    ``written``: what the run writes there, as the error names it."""
    for name, root in (("--content", content), ("--locales", locales)):
        problem = one_locale(name, root)
        if problem is not None:
            return problem
    for name, root in (("--locales", locales), ("--out", out)):  # made when missing
        problem = not_a_folder(name, root)
        if problem is not None:
            return problem
    for name, root in (("--content", content), ("--locales", locales)):
        if _overlap(out, root):
            return (f"--out {out} and {name} {root} overlap: {written} would be written "
                    "over, or read back as, what the run reads; give an output folder of its own")
    return one_locale("--out", out) if pages else None


def written_over(out: Path, reads: Sequence[tuple[str, Path | Url]],
                 articles: Path | None = None,
                 files: Sequence[tuple[str, Path]] = ()) -> str | None:
    """The error for the output of a command that writes beside the run (an XLIFF folder, a
    vendor package, a TMX file, segment's folder) where it reads: one of the roots ``reads``
    names or a locale folder of one, or in the ``articles`` folder it reads (segment's English),
    or None. ``handoff --format po --out locales`` wrote its package over the catalogs,
    ``tm-export --out`` a catalog or article replaced it with TMX, and ``segment --format sxs
    --out content/en-US`` the English articles with their sxs form. ``files``: the files the
    runs read beside the roots (the settings, the baseline, a terms file or folder): ``tm-export
    --out pyproject.toml`` replaced the settings with TMX."""
    for name, root in reads:
        if _overlap(out, root):
            return (f"--out {out} and {name} {root} overlap: what this command writes would "
                    "replace, or be read back as, the files it reads; give an output of "
                    "its own")
    for name, path in files:
        o, f = _resolved(out), _resolved(path)
        # in a folder of them (the glossary's) only what it reads: a glossary in the repo's
        # root refused every output beside the settings, a TMX file or a package folder
        if o == f or (o.parent == f and o.suffix.lower() in GLOSSARY_SUFFIXES):
            return (f"--out {out} is {name} ({path}), which the runs read: what this command "
                    "writes would replace it; give an output of its own")
    if articles is not None:
        o, a = _resolved(out), _resolved(articles)
        if o == a or a in o.parents:
            return (f"--out {out} is inside --source {articles}: the files written would "
                    "replace, or be read back as, its articles; give an output folder of "
                    "its own")
    return None


def one_locale(name: str, root: Path | Url) -> str | None:
    """The error for a root that is one locale's folder (content/fr-FR, locales/fr-FR,
    build/fr-FR), or None: its subfolders (get-started, how-to) would be taken as locales, and
    catalogs, pages and XLIFF files written for them (pages at build/fr-FR/fr-FR/...). A root
    not made yet counts by its name alone."""
    here = _local(root)
    if isinstance(here, Path) and locale_folder(here.name) and not _holds_locales(here):
        return (f"{name} {root} is one locale's folder: give the folder that holds "
                f"the locale folders ({here.parent})")
    return None


def not_a_folder(name: str, root: Path | Url) -> str | None:
    """The error for a folder to write that cannot be one (a file stands there), or None."""
    problem = _no_folder(root) if isinstance(root, Path) else None
    if problem is None:
        return None
    return f"{name} {root} {problem}: give a folder (it is made if it does not exist)"


def _no_folder(root: Path) -> str | None:
    """Why no folder can be at ``root``, or None: a file stands there or above it, or a link to
    nothing (what cannot be looked at is left to the run, which says so at the file)."""
    try:
        if root.exists():
            return None if root.is_dir() else "is a file"
        if root.is_symlink():  # (exists() is False for a loop too: stat fails either way)
            return ("is a symbolic link that leads back to itself" if _loops(root)
                    else "is a symbolic link to nothing")
        above = next((p for p in root.parents if p.exists()), None)
    except OSError:
        return None
    return None if above is None or above.is_dir() else f"is inside {above}, a file"


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _holds_locales(folder: Path) -> bool:
    """Whether ``folder`` has a locale folder in it, as a content root does (a root named
    es-ES holding fr-fr is one; fr-FR holding get-started or to-do is not)."""
    try:
        return any(p.is_dir() and locale_folder(p.name) for p in folder.iterdir())
    except OSError:
        return False


def _resolved(path: Path) -> Path:
    """``path`` resolved as far as it can be: ``Path.resolve`` raises on a symbolic link loop
    (RuntimeError before Python 3.13), a traceback before the run could say what is wrong;
    ``realpath`` leaves the loop unresolved and the run reports the folder it cannot read."""
    return Path(os.path.realpath(path))


def _local(root: Path | Url) -> Path | str:
    """A root as a local path where it is one (a path, a ``file://`` or ``local://`` URL,
    chained or not), symbolic links and ``..`` resolved in that order; else its store's URL,
    normalized as the store reads it (``memory://x/a`` and ``memory:///x/a`` are one)."""
    if isinstance(root, Path):
        return _resolved(root)
    target = str(root).rsplit("::", 1)[-1]  # the store a chained cache fronts
    for scheme in ("file://", "local://"):
        if target.startswith(scheme):
            return _resolved(Path(target[len(scheme):]))
    try:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(target)
    except Exception:  # a store whose package is missing: compared as written
        return target.rstrip("/")
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return f"{protocol}://{posixpath.normpath('/' + path.lstrip('/'))}".rstrip("/")


def _overlap(out: Path | Url, root: Path | Url) -> bool:
    """``out`` is ``root``, or lies in one of its locale folders (where a page is an article
    or sits among the catalogs). Elsewhere below it (content/build) nothing is read back."""
    o, r = _local(out), _local(root)
    if o == r:
        return True
    if isinstance(o, Path) and isinstance(r, Path):
        return r in o.parents and is_locale(o.relative_to(r).parts[0])
    if isinstance(o, str) and isinstance(r, str) and o.startswith(r + "/"):
        return is_locale(o[len(r) + 1:].split("/", 1)[0])
    return False


def into_reads(target: Path, roots: Sequence[Path | Url]) -> bool:
    """Whether the folder ``target`` goes in is, through a link below ``--out`` (a package's
    pkg/fr-FR linked to locales/fr-FR), one of ``roots`` or in one of its locale folders:
    ``written_over`` sees only the output root itself."""
    return any(_overlap(target.parent, root) for root in roots)


def linked_in(shown: str) -> Finding:
    """What a command says of a file it does not write (``shown``): ``into_reads``, or
    ``written_over`` of its folder, found it would replace a file the command reads."""
    return Finding(WRITE_FAILED.id, Severity.ERROR, "not written: its folder is, through a "
                   "symbolic link, a folder this command reads (the articles, the English or "
                   "the catalogs), whose file it would replace; that file stays as it is",
                   shown, 0, 0, None, "remove the link: the output goes in a folder of "
                   "its own")


def missing_locale(locales: Path, locale: str) -> str | None:
    """Why ``locale`` names no catalogs under ``locales`` (a typo: fr_FR, es-ES for es-MX),
    with the locales there, or None. A command that would write an empty package or memory
    for it says so rather than succeed with nothing."""
    try:
        entries = list(locales.iterdir())
    except OSError:
        entries = []
    names = sorted(p.name for p in entries if p.is_dir() and is_locale(p.name))
    if any(name.lower() == locale.lower() for name in names):
        return None
    for path in entries:  # a file or a link to nothing in the way: named, as the walks do
        found = standing(str(path), str(path)) if path.name.lower() == locale.lower() else None
        if found is not None:
            return f"{found[0]}: no catalog of {locale} was read ({found[1]}, then run again)"
    return (f"no catalogs of {locale} under {locales} (its locales: "
            f"{', '.join(names) or 'none'})")
