"""A catalog's header as a merge writes it: our fields from the article (the handoff's dates,
its provenance as X-MS-* fields), a vendor's kept, in the order the catalog has them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.catalog import Catalog
from pipeline.provenance import MT_NOTE

if TYPE_CHECKING:
    from pipeline.article import Article


def gettext_language(locale: str) -> str:
    """'fr-FR' -> 'fr_FR', 'ar-sa' -> 'ar_SA', 'zh-Hans-CN' -> 'zh_Hans_CN'."""
    parts = locale.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) in (2, 3) else part.title())
    return "_".join(out)


_HANDOFF = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*\Z")


def _po_date(value: str | None) -> str | None:
    m = _HANDOFF.match(value or "")
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d} 00:00+0000"


# The catalog header's provenance fields and the front matter keys they come from
# (``pipeline.source`` keeps them when the English takes over a catalog a handoff made).
PROVENANCE = (
    ("X-MS-Content-Locale", "ms.contentlocale"),
    ("X-MS-Source-Git-Commit", "ms.sourcegitcommit"),
    ("X-MS-Open-Loc-File-Hash", "ms.openlocfilehash"),
    ("X-MS-Translation-Type", "ms.translationtype"),
    ("X-MS-Last-Handoff", "ms.lasthandoff"),
    ("X-MS-Loc-File-Id", "ms.locfileid"),
)

# GNU's header fields in their order (``msgdomain_list_set_header_field`` in gettext's
# msgl-header.c): a missing one goes before the first field that comes after it.
_GNU_ORDER = (
    "project-id-version", "report-msgid-bugs-to", "pot-creation-date", "po-revision-date",
    "last-translator", "language-team", "language", "mime-version", "content-type",
    "content-transfer-encoding",
)
_OURS = {*_GNU_ORDER, *(k.lower() for k, _ in PROVENANCE)}


def build_header(article: Article, old: Catalog | None) -> tuple[tuple[str, str], ...]:
    """Deterministic: dates come from the handoff, never from the clock, so an unchanged article
    gives an unchanged catalog. A vendor's revision date, translator, team and charset are
    kept, and the fields stay in the order the catalog has them: ours updated in place, the
    fields a vendor's tool added (X-Generator, Plural-Forms, ...) where it put them, and a field
    of ours the catalog lacks put where GNU's tools put it (``_placed``)."""
    created = (
        _po_date(article.meta.get("ms.lasthandoff"))
        or _po_date(article.meta.get("ms.date"))
        or "1970-01-01 00:00+0000"
    )

    def kept(name: str, default: str) -> str:
        value = old.header_raw(name) if old is not None else None  # a vendor's bytes
        return default if value is None else value

    project = article.rel.split("/", 1)[1] if "/" in article.rel else article.rel
    header = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", kept("PO-Revision-Date", created)),
        ("Last-Translator", kept("Last-Translator", "")),
        ("Language-Team", kept("Language-Team", "")),
        ("Language", gettext_language(article.locale)),
        ("MIME-Version", "1.0"),
        ("Content-Type", kept("Content-Type", "text/plain; charset=UTF-8")),  # see encode_po
        ("Content-Transfer-Encoding", "8bit"),
    ]
    for name, key in PROVENANCE:
        value = article.meta.get(key)
        if value is not None:
            header.append((name, " ".join(value.split())))
    if old is None or not old.header:
        return tuple(header)
    ours = {name.lower(): (name, value) for name, value in header}
    out: list[tuple[str, str]] = []
    for key, value in old.header:
        name = key.strip().lower()
        if name not in _OURS:
            out.append((key, value))  # a vendor's field, where the vendor put it
        elif name in ours:
            out.append(ours.pop(name))  # ours, in place (a second copy is dropped)
        # else: a provenance field the article no longer gives, or a copy of one: dropped
    for field in ours.values():
        _placed(out, field)
    return tuple(out)


def _placed(out: list[tuple[str, str]], field: tuple[str, str]) -> None:
    """``field`` added to ``out`` as GNU's tools add a field: one of GNU's before the first of
    its fields that come after it, any other (ours: X-MS-*) at the end."""
    name = field[0].lower()
    if name in _GNU_ORDER:
        later = _GNU_ORDER[_GNU_ORDER.index(name) + 1 :]
        for at, (key, _) in enumerate(out):
            if key.strip().lower() in later:
                out.insert(at, field)
                return
    out.append(field)


def header_comments(article: Article, old: Catalog | None) -> tuple[str, ...]:
    """A new catalog's header comments; a catalog's own stay, none if a vendor removed them
    (GNU's tools never add any back)."""
    if old is not None:
        return old.header_comments
    return (
        f"{article.locale} translation of {article.rel}",
        "msgids are the English segments of the sxs article; edit only msgstr.",
        f"Fuzzy entries are not yet reviewed: {MT_NOTE.split(':')[0]} or changed English.",
    )
