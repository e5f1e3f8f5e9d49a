"""Article-against-catalog checks and the cross-locale check."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.article import Article, parse_article
from pipeline.catalog import Catalog, format_po, parse_po
from pipeline.checks import catalog_findings
from pipeline.checks.base import Options
from pipeline.checks.tree import edition, locale_lag
from pipeline.merge import merge

FRONT = (
    "---\ntitle: T\nms.openlocfilehash: abc\nms.sourcegitcommit: {commit}\n"
    "ms.translationtype: HT\nms.contentlocale: {locale}\nms.lasthandoff: {handoff}\n---\n"
)


def pair(tid: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{tid}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{tid}">{en}</span></span>')


def article(pairs: list[tuple[str, str, str]], locale: str = "fr-FR", commit: str = "c1",
            handoff: str = "04/15/2021") -> Article:
    body = "\n\n".join(pair(*p) for p in pairs) + "\n"
    text = FRONT.format(locale=locale, commit=commit, handoff=handoff) + body
    return parse_article(text, f"{locale}/doc.md")


BASE = [("abcde-102", "Bonjour", "Hello"), ("abcde-103", "Au revoir", "Goodbye")]


def check(a: Article, catalog: Catalog) -> list[tuple[str, str, int]]:
    cat = parse_po(format_po(catalog), "fr-FR/doc.po")  # with real catalog line numbers
    return [(f.check, f.file, f.line)
            for f in catalog_findings(a, cat, "fr-FR/doc.po", Options())]


def test_article_and_fresh_catalog_are_in_step() -> None:
    a = article(BASE)
    assert check(a, merge(a, None)) == []


def test_segment_without_entry_is_reported_at_the_segment() -> None:
    a = article(BASE)
    b = article([*BASE, ("abcde-104", "Merci", "Thanks")])
    assert check(b, merge(a, None)) == [("missing-entry", "fr-FR/doc.md", 13)]


def test_entry_without_segment_is_reported_at_the_catalog_line() -> None:
    a = article(BASE)
    b = article(BASE[:1])
    found = check(b, merge(a, None))
    assert found == [("orphan-entry", "fr-FR/doc.po", 28)]


def test_changed_english_is_source_drift_quoting_both_sides() -> None:
    a = article(BASE)
    b = article([BASE[0], ("abcde-103", "Au revoir", "Good bye")])
    cat = parse_po(format_po(merge(a, None)), "fr-FR/doc.po")
    msgs = [(f.check, f.message) for f in catalog_findings(b, cat, "fr-FR/doc.po", Options())]
    assert len(msgs) == 1 and msgs[0][0] == "source-drift"
    assert "'Good bye'" in msgs[0][1] and "'Goodbye'" in msgs[0][1]


def test_reviewed_catalog_translation_differing_from_article_is_noted() -> None:
    a = article(BASE)
    cat = merge(a, None)
    cat = replace(cat, messages=tuple(
        replace(m, msgstr="Salut") if m.msgid == "Hello" else m for m in cat.messages))
    assert check(a, cat) == [("catalog-overrides-article", "fr-FR/doc.md", 9)]


def test_locales_with_different_english_say_which_lags() -> None:
    new = article(BASE, locale="fr-FR", commit="newcommit", handoff="05/01/2021")
    old = article([BASE[0]], locale="de-DE", commit="oldcommit", handoff="01/01/2021")
    same = article(BASE, locale="ja-JP", commit="newcommit", handoff="05/02/2021")
    eds = [edition(a, "|".join(s.source for s in a.segments)) for a in (new, old, same)]
    found = locale_lag(eds, Options(), "content")
    assert [(f.check, f.file) for f in found] == [("locale-lag", "content/de-DE/doc.md")]
    assert "oldcommit" in found[0].message and "2021-01-01" in found[0].message
    assert "ja-JP" in found[0].message  # the newest handoff, named as the reference


def test_locales_with_the_same_english_do_not_lag() -> None:
    eds = [edition(article(BASE, locale=loc), "x") for loc in ("fr-FR", "de-DE")]
    assert locale_lag(eds, Options(), "content") == []


def test_two_long_texts_are_quoted_from_a_little_before_where_they_differ() -> None:
    """english-changed cut both texts at the same length: 'now …and what…', 'was …and what…'
    showed no change at all."""
    from pipeline.checks.english import quote_apart

    head = "The preview server runs in a terminal window and shows the pages and what "
    now, was = quote_apart(head + "changed since.", head + "you edit.", 60)
    assert now != was and "changed since." in now and "you edit." in was
    assert now.startswith("'…") and was.startswith("'…")
    assert quote_apart("Short one.", "Short two.", 60) == ("'Short one.'", "'Short two.'")


def test_a_fuzzy_mark_no_gettext_tool_reads_as_fuzzy_is_reported_at_its_entry() -> None:
    """`#, Fuzzy`, `#,\u00a0fuzzy` (a no-break space), `# fuzzy` (a comment): a translator
    marked the draft unreviewed, but GNU's tools, polib and Translate Toolkit read no fuzzy
    flag there, so the translation counts as reviewed and is published. It was, with no word
    (found by h155); `#, fuzzy` itself and flags GNU does not know are no finding."""
    a = article([*BASE, ("abcde-104", "Merci", "Thanks"), ("abcde-105", "Oui", "Yes")])
    cat = merge(a, None)
    marks = {"Hello": {"flags": ("Fuzzy",)}, "Goodbye": {"flags": ("\u00a0fuzzy",)},
             "Thanks": {"translator_comments": ("fuzzy",)},
             "Yes": {"flags": ("fuzzy", "max-length:40")}}
    cat = replace(cat, messages=tuple(replace(m, **marks[m.msgid]) for m in cat.messages))
    assert check(a, cat) == [("fuzzy-lookalike", "fr-FR/doc.po", 22),
                             ("fuzzy-lookalike", "fr-FR/doc.po", 29),
                             ("fuzzy-lookalike", "fr-FR/doc.po", 36)]


def test_a_format_flag_a_vendor_added_is_reported_at_its_entry() -> None:
    # helper-105: msgfmt -c refuses '50% off' against '50 % de' under c-format; the run kept
    # the flag and wrote a catalog msgfmt refuses, saying nothing
    a = article(BASE)
    cat = merge(a, None)
    cat = replace(cat, messages=tuple(
        replace(m, flags=("fuzzy", "c-format") if m.msgid == "Goodbye" else ("no-c-format",))
        for m in cat.messages))
    assert check(a, cat) == [("format-flag", "fr-FR/doc.po", 29)]


@pytest.mark.parametrize("language, locale, other", [
    ("de_DE", "fr-FR", True), ("en", "fr-FR", True), ("fr", "fr-FR", False),
    ("fr_CA", "fr-FR", False), ("zh_Hans", "zh-CN", False), ("sr@latin", "sr-Latn-RS", False),
    ("iw_IL", "he-IL", False), ("no", "nb-NO", False), ("", "fr-FR", False),
    ("LANGUAGE", "fr-FR", False),
    # 'no' is Norwegian, either written form: a Nynorsk catalog may say it (h185, h189)
    ("no", "nn-NO", False), ("no_NO", "nn-NO", False), ("nb_NO", "no", False),
    ("nn", "nb-NO", True), ("nb", "nn-NO", True),
])
def test_a_catalog_of_another_language_than_its_folder_is_foreign(
        language: str, locale: str, other: bool) -> None:
    """h185: another locale's catalog filed in this locale's folder (po-locale)."""
    from pipeline.checks.sync import foreign_locale

    po = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\nmsgid "Hello"\nmsgstr "x"\n'
    found = foreign_locale(parse_po(po, "a.po"), po.encode(), locale, "a.po")
    assert [(f.check, f.line) for f in found] == ([("po-locale", 3)] if other else [])


@pytest.mark.parametrize("language, locale, other", [
    ("zh_TW", "zh-CN", True), ("zh_Hant", "zh-CN", True), ("zh-Hans", "zh-TW", True),
    ("sr@latin", "sr-Cyrl-RS", True), ("sr_RS@latin", "sr-Cyrl-RS", True),
    ("uz@cyrillic", "uz-Latn-UZ", True),
    ("zh", "zh-TW", False), ("zh_HK", "zh-TW", False), ("zh_Hant", "zh-HK", False),
    ("zh_CN", "zh-Hans", False), ("sr_RS", "sr-Latn-RS", False), ("sr", "sr-Cyrl-RS", False),
    ("pt_BR", "pt-PT", False), ("und", "fr-FR", False), ("mul", "fr-FR", False),
])
def test_a_catalog_in_another_script_than_its_folder_is_foreign_a_script_unnamed_is_not(
        language: str, locale: str, other: bool) -> None:
    """h189: a zh-TW catalog filed in zh-CN, or a Serbian Latin one in sr-Cyrl-RS, would be
    published in the other writing; a tag that names no script, and 'und', are no other."""
    from pipeline.checks.sync import foreign_locale

    po = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\nmsgid "Hello"\nmsgstr "x"\n'
    found = foreign_locale(parse_po(po, "a.po"), po.encode(), locale, "a.po")
    assert [(f.check, f.line) for f in found] == ([("po-locale", 3)] if other else [])


def test_po_locale_names_the_line_of_the_language_field_not_a_field_ending_in_language() -> None:
    """h189: Poedit 1.x's 'X-Poedit-Language' (or 'X-Language') before the Language field:
    the finding pointed at that line."""
    from pipeline.checks.sync import foreign_locale

    po = ('msgid ""\nmsgstr ""\n"X-Poedit-Language: German\\n"\n"Language: de_DE\\n"\n\n'
          'msgid "Hello"\nmsgstr "x"\n')
    found = foreign_locale(parse_po(po, "a.po"), po.encode(), "fr-FR", "a.po")
    assert [(f.check, f.line) for f in found] == [("po-locale", 4)]
