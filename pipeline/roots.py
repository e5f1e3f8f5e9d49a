"""The roots a run is given, checked before any work: the output never where the run reads
(a page written over a delivered article cannot be got back, and one written inside the
content root is read again as an article by the next run), and a content root that is not
itself one locale's folder (its subfolders would be taken as locales)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.layout import is_locale
from pipeline.storage import Url

# A folder named as one locale with its region (fr-FR, zh-Hans-CN, es-419): what the content
# root holds, never what it is.
_LOCALE_FOLDER = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?[-_](?:[A-Za-z]{2}|\d{3})\Z")


def misplaced(content: Path | Url, locales: Path | Url, out: Path | Url) -> str | None:
    """What is wrong with the roots, as the error says it, or None. Local roots only: a
    store's URLs are compared as given."""
    if isinstance(content, Path) and _LOCALE_FOLDER.match(content.resolve().name):
        return (f"--content {content} is one locale's folder: give the folder that holds the "
                f"locale folders ({content.parent})")
    for name, root in (("--content", content), ("--locales", locales)):
        if _overlap(out, root):
            return (f"--out {out} and {name} {root} overlap: the pages would be written over, "
                    "or read back as, what the run reads; give an output folder of its own")
    return None


def _overlap(out: Path | Url, root: Path | Url) -> bool:
    """``out`` is ``root``, or lies in one of its locale folders (where a page is an article
    or sits among the catalogs). Elsewhere below it (content/build) nothing is read back."""
    if isinstance(out, Url) or isinstance(root, Url):
        return str(out).rstrip("/") == str(root).rstrip("/")
    o, r = Path(os.path.abspath(out)).resolve(), Path(os.path.abspath(root)).resolve()
    if o == r:
        return True
    if r not in o.parents:
        return False
    return is_locale(o.relative_to(r).parts[0])


def missing_locale(locales: Path, locale: str) -> str | None:
    """Why ``locale`` names no catalogs under ``locales`` (a typo: fr_FR, es-ES for es-MX),
    with the locales there, or None. A command that would write an empty package or memory
    for it says so rather than succeed with nothing."""
    try:
        names = sorted(p.name for p in locales.iterdir() if p.is_dir() and is_locale(p.name))
    except OSError:
        names = []
    if any(name.lower() == locale.lower() for name in names):
        return None
    return (f"no catalogs of {locale} under {locales} (its locales: "
            f"{', '.join(names) or 'none'})")
