"""A catalog's header as a merge writes it: our fields from the article, a vendor's kept, in the
order the catalog has them (pipeline/header.py)."""

from __future__ import annotations

from pipeline.article import parse_article
from pipeline.catalog import Catalog, Message
from pipeline.header import build_header

FRONT = """---
title: T
ms.sourcegitcommit: {commit}
ms.translationtype: HT
ms.contentlocale: fr-FR
ms.lasthandoff: 04/15/2021
---
<span data-ttu-id="b5df6-102">Bonjour</span><span class="sxs-lookup">\
<span data-stu-id="b5df6-102">Hello</span></span>
"""
OURS = [
    ("Project-Id-Version", "doc.md"), ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "2021-04-15 00:00+0000"), ("PO-Revision-Date", "2021-04-16 10:30+0200"),
    ("Last-Translator", "Jeanne"), ("Language-Team", ""), ("Language", "fr_FR"),
    ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"), ("X-MS-Source-Git-Commit", "aaa"),
    ("X-MS-Translation-Type", "HT"), ("X-MS-Content-Locale", "fr-FR"),
    ("X-MS-Last-Handoff", "04/15/2021"),
]


def header(old: list[tuple[str, str]] | None, commit: str = "aaa") -> list[tuple[str, str]]:
    article = parse_article(FRONT.format(commit=commit), "fr-FR/doc.md")
    catalog = None if old is None else Catalog(header=tuple(old), messages=(Message("a", "b"),))
    return list(build_header(article, catalog))


def names(fields: list[tuple[str, str]]) -> list[str]:
    return [k for k, _ in fields]


def test_a_vendors_fields_stay_where_the_vendor_put_them_and_ours_are_updated_in_place() -> None:
    """Vendor fields moved after the X-MS-* fields on the first rewrite: churn in the diff."""
    old = [*OURS[:7], ("Plural-Forms", "nplurals=2; plural=(n > 1);"), *OURS[7:10],
           ("X-Generator", "Poedit 3.4"), *OURS[10:]]
    new = header(old, commit="bbb")  # a new handoff: the commit changes in place
    assert names(new) == names(old)
    assert dict(new)["X-MS-Source-Git-Commit"] == "bbb"
    assert dict(new)["X-Generator"] == "Poedit 3.4"
    assert dict(new)["Last-Translator"] == "Jeanne"  # a vendor's value of ours, kept
    assert header(new, commit="bbb") == new


def test_a_field_of_ours_the_catalog_lacks_goes_where_gnu_puts_it() -> None:
    """msgmerge's rule: one of GNU's fields before the first of its fields that follow it in
    GNU's order; any other (X-MS-*) at the end."""
    old = [(k, v) for k, v in OURS if k not in ("Language", "X-MS-Content-Locale")]
    old.insert(2, ("X-Generator", "Poedit 3.4"))
    new = header(old)
    at = names(new).index
    assert at("Language") == at("MIME-Version") - 1
    assert names(new)[-1] == "X-MS-Content-Locale"
    assert at("X-Generator") == 2


def test_a_provenance_field_the_article_no_longer_gives_is_dropped_in_place() -> None:
    old = [*OURS, ("X-MS-Loc-File-Id", "123"), ("X-Generator", "Poedit 3.4")]
    assert names(header(old)) == [*names(OURS), "X-Generator"]


def test_a_new_catalog_has_gnus_order_then_the_provenance() -> None:
    assert names(header(None)) == [
        *names(OURS[:10]), "X-MS-Content-Locale", "X-MS-Source-Git-Commit",
        "X-MS-Translation-Type", "X-MS-Last-Handoff"]
