"""Whether a name is one locale's folder name as docs trees spell it (fr-FR, zh-Hans, es-419):
by its shape and the C library's locale names, so that web-ui or doc_fr is not taken for one.
Used where a name is judged alone (a root given, a file standing where a locale folder goes),
with no tree around it to tell."""

from __future__ import annotations

import locale as _locale
import re
from functools import cache

# A folder named as one locale with its script or region (fr-FR, zh-Hans, es-419): what the
# content root holds, never what it is. The language must be one the C library knows, so
# that a root named web-ui or doc_fr is not taken for one.
_LOCALE_FOLDER = re.compile(
    r"([A-Za-z]{2,3})(?:[-_][A-Za-z]{4}(?:[-_](?:[A-Za-z]{2}|\d{3}))?|[-_](?:[A-Za-z]{2}|\d{3}))\Z")


_SCRIPTS = frozenset({"arab", "cyrl", "deva", "hans", "hant", "hebr", "latn", "beng", "grek",
                      "guru", "gujr", "knda", "mlym", "orya", "taml", "telu", "thai", "sinh"})


@cache
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """The languages, and the language_region pairs, of the C library's locale names (fr_FR,
    pt_BR, sr_RS@latin): the locales in use, where the shape alone takes in words (to-do)."""
    names = [k.split(".")[0].split("@")[0] for k in _locale.locale_alias]
    languages = frozenset(n.split("_")[0] for n in names
                          if re.fullmatch(r"[a-z]{2,3}", n.split("_")[0]))
    pairs = frozenset(n for n in names if re.fullmatch(r"[a-z]{2,3}_[a-z]{2}", n))
    return languages, pairs


def locale_folder(name: str) -> bool:
    """Whether ``name`` is a locale a docs tree names a folder for, in any case and with - or
    _: a language and region in use (fr-FR, pt-br), a language with a script (zh-Hans), or
    with a numeric region (es-419)."""
    if _LOCALE_FOLDER.match(name) is None:
        return False
    languages, pairs = _known()
    language, *rest = re.split(r"[-_]", name.lower())
    scripts = [part for part in rest if part in _SCRIPTS]
    regions = [part for part in rest if part not in _SCRIPTS]
    if not regions:
        return bool(scripts) and language in languages
    [region] = regions[-1:]
    return len(regions) == 1 and (f"{language}_{region}" in pairs
                                  or (region.isdigit() and language in languages))


def same_tag(name: str, other: str) -> bool:
    """Whether two folder names spell one locale: in any case, with - or _ (en-us, en_US for
    en-US)."""
    return name.lower().replace("_", "-") == other.lower().replace("_", "-")


# Language codes tools write for a language another code names now: those the registry
# retired (ISO 639 renamed them in 1989), which Java wrote until version 17 (``new
# Locale("he")`` reads ``iw``), and Tagalog's for Filipino. A Java tool's Hebrew memory is
# ``iw-IL``, its catalog's Language ``iw_IL``.
SAME_LANGUAGE = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "tl": "fil"}
