"""Article structure checks: quiet on a good article, and each fires at the right line."""

from __future__ import annotations

import pytest

from pipeline.article import parse_article
from pipeline.checks import article_findings
from pipeline.checks.base import Options

FRONT = (
    "---\ntitle: T\nms.openlocfilehash: abc\nms.sourcegitcommit: def\nms.translationtype: MT\n"
    "ms.contentlocale: {locale}\nms.lasthandoff: 04/15/2021\nms.locfileid: \"1\"\n---\n"
)


def pair(tid: str, tr: str, en: str, sid: str | None = None) -> str:
    return (f'<span data-ttu-id="{tid}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{sid or tid}">{en}</span></span>')


def findings(body: str, locale: str = "fr-FR", folder: str = "fr-FR", front: str | None = None,
             options: Options | None = None) -> list[tuple[str, int, str | None]]:
    text = (FRONT.format(locale=locale) if front is None else front) + body
    article = parse_article(text, f"{folder}/a.md")
    return [(f.check, f.line, f.segment) for f in article_findings(article, options or Options())]


GOOD = pair("abcde-102", "Bonjour", "Hello") + " " + pair("abcde-103", "Monde", "World") + "\n"


def test_a_well_formed_article_has_no_structural_findings() -> None:
    assert findings(GOOD) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            '<span data-ttu-id="abcde-102&quot;>Bonjour</span><span class="sxs-lookup">'
            '<span data-stu-id="abcde-102">Hello</span></span>\n',
            [("malformed-span", 10, None), ("unpaired-lookup", 10, None)],
            id="escaped-quote-in-attribute",
        ),
        pytest.param(
            "x\n" + '<span data-ttu-id="abcde-102">Bonjour</span> and nothing else\n',
            [("unpaired-translation", 11, "abcde-102")], id="translation-without-lookup",
        ),
        pytest.param(
            '<span class="sxs-lookup"><span data-stu-id="abcde-102">Hello</span></span>\n',
            [("unpaired-lookup", 10, None)], id="lookup-without-translation",
        ),
        pytest.param(
            '<span data-ttu-id="abcde-102">Bonjour</span><span class="sxs-lookup">'
            '<span data-stu-id="abcde-102">Hello\n',
            [("unclosed-span", 10, "abcde-102")], id="unclosed-lookup",
        ),
        pytest.param(pair("abcde-102", "Bonjour", "Hello", sid="abcde-103") + "\n",
                     [("span-id-mismatch", 10, "abcde-102")], id="ttu-stu-id-mismatch"),
        pytest.param(GOOD + "\n" + pair("abcde-102", "Autre", "Other") + "\n",
                     [("duplicate-id", 12, "abcde-102")], id="same-id-different-english"),
        pytest.param(GOOD + "\n" + pair("fffff-104", "Autre", "Other") + "\n",
                     [("mixed-id-prefix", 12, "fffff-104")], id="two-handoffs-mixed"),
    ],
)
def test_structural_defects_are_reported_at_their_line(
    body: str, expected: list[tuple[str, int, str | None]]
) -> None:
    assert findings(body) == expected


def test_same_id_with_the_same_english_is_not_a_duplicate() -> None:
    assert findings(GOOD + "\n" + pair("abcde-102", "Bonjour", "Hello") + "\n") == []


def test_locale_folder_and_contentlocale_compare_case_insensitively() -> None:
    assert findings(GOOD, locale="fr-fr", folder="fr-FR") == []


def test_locale_mismatch_is_reported_at_the_key_line() -> None:
    assert findings(GOOD, locale="de-DE", folder="fr-FR") == [("locale-mismatch", 6, None)]


def test_missing_localization_keys_are_reported() -> None:
    front = "---\ntitle: T\nms.contentlocale: fr-FR\n---\n"
    assert findings(GOOD, front=front) == [("missing-loc-keys", 1, None)]


def test_an_include_file_without_front_matter_needs_no_keys() -> None:
    assert findings(GOOD, front="") == []


def test_ignored_checks_are_not_reported() -> None:
    body = pair("abcde-102", "Bonjour", "Hello", sid="abcde-103") + "\n"
    assert findings(body, options=Options(ignore=frozenset({"span-id-mismatch"}))) == []
