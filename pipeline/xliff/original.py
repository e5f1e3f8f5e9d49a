"""Whether a returned XLIFF file's ``<file original>`` names the catalog it is imported into.

``xliff-export`` (and ``handoff``) write the catalog's path under the locales root, with its
locale folder (``fr-FR/get-started/a.po``). A converter names the file as it was given:
Translate Toolkit's ``po2xliff`` writes ``in/fr-FR/get-started/a.po`` for a folder, and for one
catalog the path it was run with, ``a.po`` from inside the catalog's folder. Each names the
catalog when one path is the end of the other, in whole folder names. A name without the
locale folder does not say the locale: the file's ``target-language`` must then be the
catalog's (its folder or its Language header), so that a German file of the same name is still
refused in the French folder.
"""

from __future__ import annotations

import posixpath


def named(raw: str, rel: str, target: str | None, language: str | None) -> str | None:
    """None when ``raw`` (the file's ``original``, a Windows tool's backslashes read as
    separators, or as the name's own) can name the catalog at ``rel``; else why it cannot.
    ``target``: the file's ``target-language``; ``language``: the catalog's Language header."""
    slashed = raw.replace("\\", "/")
    tidy = posixpath.normpath(slashed) if slashed else ""  # "./a.po", as given, is "a.po"
    for name in dict.fromkeys((raw, slashed, tidy)):
        if name == rel or name.endswith("/" + rel):
            return None
        if name and rel.endswith("/" + name) and _same_language(target, rel, language):
            return None
    if tidy and rel.endswith("/" + tidy):  # the name fits, the language does not
        return (f"exported from a catalog {slashed!r} of target-language {target!r}, not from "
                f"{rel!r}")
    return f"exported from the catalog {slashed!r}, not from {rel!r}"


def _same_language(target: str | None, rel: str, language: str | None) -> bool:
    if not target:  # nothing says another locale
        return True
    wanted = {_code(rel.split("/", 1)[0]), *((_code(language),) if language else ())}
    return _code(target) in wanted


def _code(name: str) -> str:
    """A locale as compared: fr_FR, fr-fr and FR-FR alike."""
    return name.strip().replace("_", "-").lower()
