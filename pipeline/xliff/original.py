"""Whether a returned XLIFF file's ``<file original>`` names the catalog it is imported into.

``xliff-export`` (and ``handoff``) write the catalog's path under the locales root, with its
locale folder (``fr-FR/get-started/a.po``). A converter names the file as it was given:
Translate Toolkit's ``po2xliff`` writes ``in/fr-FR/get-started/a.po`` for a folder, and for one
catalog the path it was run with, ``a.po`` from inside the catalog's folder. Each names the
catalog when one path is the end of the other, in whole folder names. A name without the
locale folder does not say the locale: the file must then say it (``said``: its
``target-language``, else the Language of the PO header unit a converter sends back), and it
must be the catalog's (its folder or its Language header), so that a German file of the same
name is still refused in the French folder, and one that says no locale is refused too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from typing import Any

from pipeline.checks.sync import other_language
from pipeline.xliff.review import is_po_header

_LANGUAGE = re.compile(r"^Language:[ \t]*([^\s\\]+)", re.M)


def file_language(node: Any, unit_tag: str, source_tag: str) -> str | None:
    """The locale a returned ``<file>`` says it holds: its ``target-language``, else the
    Language field of the PO header unit (po2xliff writes both from the PO's header; a tool
    that rewrites the file may keep only the unit). None when it says none."""
    said = (node.get("target-language") or "").strip()
    if said:
        return said
    for unit in node.iter(unit_tag):
        if is_po_header(unit):
            found = _LANGUAGE.search(unit.findtext(source_tag) or "")
            return found.group(1) if found else None
    return None


def named(raw: str, rel: str, said: str | None, language: str | None,
          others: Collection[str] = ()) -> str | None:
    """None when ``raw`` (the file's ``original``, a Windows tool's backslashes read as
    separators, or as the name's own) can name the catalog at ``rel``; else why it cannot.
    ``said``: the locale the file says it holds (``file_language``); ``language``: the
    catalog's Language header; ``others``: the tree's catalogs, of which one more that a short
    name ends leaves it naming neither (``a.po``: ``fr-FR/a.po`` or ``fr-FR/sub/a.po``?)."""
    slashed = raw.replace("\\", "/")
    tidy = posixpath.normpath(slashed) if slashed else ""  # "./a.po", as given, is "a.po"
    for name in dict.fromkeys((raw, slashed, tidy)):
        if name == rel or name.endswith("/" + rel):  # unless the file says another locale
            return None if not said or not other_language(said, rel.split("/", 1)[0]) else (
                f"of target-language {said!r}, another language than the catalog {rel!r} "
                f"it names ({slashed!r}): not taken for it")
        if name and rel.endswith("/" + name) and _same_language(said, rel, language):
            twin = _twin(name, rel, others)
            if twin is None:
                return None
            first, second = sorted((rel, twin))
            return (f"exported from a catalog {slashed!r}, a name that ends {first!r} and "
                    f"{second!r} alike: not taken for either")
    if tidy and rel.endswith("/" + tidy):  # the name fits, the language does not
        if not said:
            return (f"exported from a catalog {slashed!r} that names no locale (no "
                    f"target-language), which cannot be told from another locale's: not taken "
                    f"for {rel!r}")
        return (f"exported from a catalog {slashed!r} of target-language {said!r}, not from "
                f"{rel!r}")
    return f"exported from the catalog {slashed!r}, not from {rel!r}"


def _twin(name: str, rel: str, others: Collection[str]) -> str | None:
    """Another catalog of ``rel``'s locale folder whose path ``name`` ends too."""
    folder = rel.split("/", 1)[0] + "/"
    return next((o for o in sorted(others) if o != rel and o.startswith(folder)
                 and o.endswith("/" + name)), None)


def _same_language(said: str | None, rel: str, language: str | None) -> bool:
    if not said:  # nothing says the locale: a German a.po would pass for the French one
        return False
    wanted = {_code(rel.split("/", 1)[0]), *((_code(language),) if language else ())}
    return _code(said) in wanted


def _code(name: str) -> str:
    """A locale as compared: fr_FR, fr-fr and FR-FR alike."""
    return name.strip().replace("_", "-").lower()
