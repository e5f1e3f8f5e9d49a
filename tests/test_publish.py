"""What a page shows (``pipeline.publish``): report settings never open the guard."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.article import Article, parse_article
from pipeline.catalog import FUZZY, Catalog
from pipeline.checks.base import Options
from pipeline.findings import Finding, Severity
from pipeline.merge import merge
from pipeline.publish import Policy, Published, publish
from pipeline.render import Form, entries_for


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


FRONT = ("---\ntitle: Installer\nms.translationtype: HT\nms.contentlocale: fr-FR\n"
         "online version: https://learn.contoso.com/fr-fr/cli\n---\n")
ARTICLE = (FRONT + "# " + pair("abcde-102", "Prérequis", "Prerequisites") + "\n\n"
           + pair("abcde-103", "Exécutez `contoso --version`.", "Run `contoso --version`.")
           + " " + pair("abcde-104", "Ouvrez une fenêtre de terminal.",
                        "Open a terminal window to run it.") + "\n")


def article_of(text: str = ARTICLE) -> Article:
    return parse_article(text, "fr-FR/a.md")


def edited(article: Article, english: str, translation: str) -> Catalog:
    """The article's catalog with a vendor's reviewed translation of ``english``."""
    cat = merge(article, None)
    return replace(cat, messages=tuple(
        replace(m, msgstr=translation, flags=tuple(f for f in m.flags if f != FUZZY))
        if m.msgid == english else m for m in cat.messages))


DEFAULT = Options()


def run(article: Article, catalog: Catalog | None, options: Options = DEFAULT,
        form: Form = Form.LOCALIZED) -> Published:
    return publish(article, entries_for(article, catalog), Policy(options, form))


def ids(findings: tuple[Finding, ...]) -> list[str]:
    return sorted(f.check for f in findings)


# ------------------------------------------------------------------ report settings (item 2)

SCRIPT = "Prérequis<script>alert(1)</script>"
REPORT_SETTINGS = {
    "default": Options(),
    "select untranslated": Options(select=frozenset({"untranslated"})),
    "ignore the checks that find it": Options(ignore=frozenset({"unsafe-element",
                                                                "html-added"})),
    "every safety check lowered to info": Options(severities={
        c: Severity.INFO for c in ("unsafe-element", "html-added", "event-handler",
                                   "unsafe-url", "foreign-host", "new-block")}),
}


@pytest.mark.parametrize("options", REPORT_SETTINGS.values(), ids=REPORT_SETTINGS.keys())
def test_report_settings_never_let_an_unsafe_translation_onto_the_page(options: Options) -> None:
    article = article_of()
    out = run(article, edited(article, "Prerequisites", SCRIPT), options)
    assert out.text is not None
    assert "<script" not in out.text
    assert "# Prérequis\n" in out.text  # the article's own translation stands in
    # the swap is reported whatever is selected, naming the checks that held it back
    [swap] = out.substitutions
    assert swap.check == "render-substituted" and swap.line == 7
    assert "(html-added, unsafe-element)" in swap.message


def test_what_is_reported_still_follows_the_selection() -> None:
    article = article_of()
    catalog = edited(article, "Prerequisites", SCRIPT)
    assert ids(run(article, catalog).findings) == ["html-added", "unsafe-element"]
    assert run(article, catalog, REPORT_SETTINGS["select untranslated"]).findings == ()
    lowered = run(article, catalog, REPORT_SETTINGS["every safety check lowered to info"])
    assert {f.severity for f in lowered.findings} == {Severity.INFO}


# Other checks: an error at its default severity holds back whatever the report settings say;
# a check raised to error holds back too; a warning never does.
SENTENCE = "Open a terminal window to run it."  # untranslated: a warning
CODE = ("Run `contoso --version`.", "Exécutez `contoso --uninstall`.")  # code-changed: error
GUARDS = [
    ("code-changed deselected", Options(select=frozenset({"untranslated"})), *CODE, True),
    ("code-changed ignored", Options(ignore=frozenset({"code-changed"})), *CODE, True),
    ("code-changed lowered", Options(severities={"code-changed": Severity.WARNING}),
     *CODE, True),
    ("untranslated, a warning", Options(), SENTENCE, SENTENCE, False),
    ("untranslated raised to error", Options(severities={"untranslated": Severity.ERROR}),
     SENTENCE, SENTENCE, True),
]


@pytest.mark.parametrize(("options", "english", "translation", "held"),
                         [g[1:] for g in GUARDS], ids=[g[0] for g in GUARDS])
def test_the_other_checks_hold_back_by_their_default_or_raised_severity(
    options: Options, english: str, translation: str, held: bool
) -> None:
    article = article_of()
    out = run(article, edited(article, english, translation), options)
    assert out.text is not None
    assert (translation not in out.text) is held
    assert len(out.substitutions) == held


def test_only_ignoring_render_substituted_itself_silences_a_swap() -> None:
    article = article_of()
    catalog = edited(article, "Prerequisites", SCRIPT)
    quiet = run(article, catalog, Options(ignore=frozenset({"render-substituted"})))
    assert quiet.substitutions == ()
    assert quiet.text is not None and "<script" not in quiet.text

