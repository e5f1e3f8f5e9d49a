"""Filling untranslated entries from the memory: exact and close matches, provenance, the
segment rules, and never a translator's text replaced."""

from __future__ import annotations

import pytest

from pipeline import checks
from pipeline.catalog import Catalog, Message
from pipeline.checks.base import Options
from pipeline.findings import Severity
from pipeline.memory.fill import fill
from pipeline.memory.index import build
from pipeline.memory.rows import Provenance, catalog_rows, checksum, provenance

EN = "Select the subscription that you want to use for this deployment."
CLOSE = "Select the subscription that you want to use for this new deployment."
FR = "Sélectionnez l'abonnement à utiliser pour ce déploiement."


def safe(source: str, text: str) -> bool:
    checker = checks.SegmentChecker(Options(locale="fr-FR"))
    return all(sev < Severity.ERROR for _, sev, _ in checker.issues(source, text))


def filled(msgid: str, index_rows: dict[str, list[tuple[str, str, bool]]],
           threshold: float = 0.75, publish_exact: bool = False) -> Message:
    catalog = Catalog(messages=(Message(msgid),))
    out, _ = fill(catalog, build(index_rows.items()), safe, threshold, publish_exact)
    return out.messages[0]


def test_an_exact_match_takes_the_translation_most_reviewed_entries_agree_on() -> None:
    rows = {
        "fr-FR/a.md": [(EN, "Autre traduction.", True)],
        "fr-FR/b.md": [(EN, FR, True)],
        "fr-FR/c.md": [(EN, FR, True)],
        "fr-FR/d.md": [(EN, "Traduction automatique.", False)],
        "fr-FR/e.md": [(EN, "Traduction automatique.", False)],
        "fr-FR/f.md": [(EN, "Traduction automatique.", False)],
    }
    msg = filled(EN, rows)
    assert msg.msgstr == FR  # two reviewed beat one reviewed and three unreviewed
    assert msg.fuzzy and msg.previous_msgid is None
    assert provenance(msg) == Provenance(100, "fr-FR/b.md", True)
    assert msg.translator_comments == (
        f"tm: exact match from fr-FR/b.md (reviewed) filled {checksum(FR)}",)


R, U = True, False  # reviewed, unreviewed


@pytest.mark.parametrize(("held", "chosen", "reviewed"), [
    # one article repeating a table cell under many msgctxt is one voice, not eleven
    ({"a": [("No.", U)] * 11, "b": [("Non.", U)], "c": [("Non.", U)]}, "Non.", False),
    ({"a": [("No.", R)] * 11, "b": [("Non.", R)], "c": [("Non.", R)]}, "Non.", True),
    # mostly machine translation: what most articles agree on, not a lone reviewed variant
    ({"a": [("Humain.", R)], "b": [("Machine.", U)], "c": [("Machine.", U)],
      "d": [("Machine.", U)]}, "Machine.", False),
    # ... a reviewed article breaking a tie between as many articles
    ({"a": [("Humain.", R)], "b": [("Machine.", U)]}, "Humain.", True),
    # reviewed articles half or more: the reviewers decide, against more unreviewed articles
    ({"a": [("B.", R)], "b": [("A.", R)], "c": [("M.", U)], "d": [("M.", U)]}, "A.", True),
])
def test_an_exact_match_counts_articles_and_lets_reviewers_decide_where_they_are_most(
        held: dict[str, list[tuple[str, bool]]], chosen: str, reviewed: bool) -> None:
    rows = {f"fr-FR/{name}.md": [(EN, text, r) for text, r in found]
            for name, found in held.items()}
    msg = filled(EN, rows, publish_exact=True)
    assert msg.msgstr == chosen
    assert msg.fuzzy is not reviewed  # published only when reviewed (tm-publish-exact)
    found = provenance(msg)
    assert found is not None and found.reviewed is reviewed


def test_a_tie_is_broken_by_the_text_whatever_the_order_of_the_catalogs() -> None:
    one = {"fr-FR/z.md": [(EN, "B.", True)], "fr-FR/a.md": [(EN, "A.", True)]}
    two = {"fr-FR/a.md": [(EN, "B.", True)], "fr-FR/z.md": [(EN, "A.", True)]}
    assert filled(EN, one).msgstr == filled(EN, two).msgstr == "A."


def test_an_exact_match_of_only_unreviewed_text_is_offered_as_unreviewed() -> None:
    msg = filled(EN, {"fr-FR/a.md": [(EN, FR, False)]}, publish_exact=True)
    assert msg.msgstr == FR and msg.fuzzy
    assert msg.translator_comments == (
        f"tm: exact match from fr-FR/a.md (unreviewed) filled {checksum(FR)}",)


@pytest.mark.parametrize(("publish_exact", "fuzzy"), [(False, True), (True, False)])
def test_tm_publish_exact_publishes_exact_matches_of_reviewed_text(
        publish_exact: bool, fuzzy: bool) -> None:
    msg = filled(EN, {"fr-FR/a.md": [(EN, FR, True)]}, publish_exact=publish_exact)
    assert msg.msgstr == FR and msg.fuzzy is fuzzy and msg.reviewed is not fuzzy


def test_a_close_match_is_a_fuzzy_suggestion_with_the_matched_english_as_previous() -> None:
    msg = filled(CLOSE, {"fr-FR/a.md": [(EN, FR, True)]}, publish_exact=True)
    assert msg.msgstr == FR and msg.fuzzy
    assert msg.previous_msgid == EN
    found = provenance(msg)
    assert found is not None and 75 <= found.similarity < 100 and found.origin == "fr-FR/a.md"


@pytest.mark.parametrize(("threshold", "offered"), [(0.75, True), (0.98, False)])
def test_the_threshold_decides_what_is_close(threshold: float, offered: bool) -> None:
    msg = filled(CLOSE, {"fr-FR/a.md": [(EN, FR, True)]}, threshold=threshold)
    assert bool(msg.msgstr) is offered


def test_unrelated_english_gets_nothing() -> None:
    msg = filled("Restart the computer to finish the setup.", {"fr-FR/a.md": [(EN, FR, True)]})
    assert msg.msgstr == "" and not msg.translator_comments


def test_a_suggestion_that_breaks_the_new_english_s_code_is_not_offered() -> None:
    old = "Run `az login` to sign in to your account."
    new = "Run `az logout` to sign in to your account."
    rows = {"fr-FR/a.md": [(old, "Exécutez `az login` pour vous connecter à votre compte.", True)]}
    assert filled(new, rows).msgstr == ""  # its code span is not the new English's
    good = {"fr-FR/a.md": [(old, "Exécutez `az logout` pour vous connecter.", True)]}
    assert filled(new, good).msgstr  # (the same match with the code right is offered)


def test_a_translator_s_text_is_never_replaced() -> None:
    catalog = Catalog(messages=(
        Message(EN, "Ma traduction.", flags=("fuzzy",)),
        Message(CLOSE, "Mon autre traduction."),
        Message(EN + " Again.", "", obsolete=True),
    ))
    index = build([("fr-FR/a.md", [(EN, FR, True), (CLOSE, FR, True)])])
    out, count = fill(catalog, index, safe, 0.75, True)
    assert count == 0 and out is catalog


def test_the_memory_s_own_suggestions_and_changed_english_feed_no_memory() -> None:
    catalog = Catalog(messages=(
        Message("Reviewed text here.", "Texte relu ici."),
        Message("Machine text here.", "Texte machine ici.", flags=("fuzzy",)),
        Message("Changed text here.", "Ancien texte.", flags=("fuzzy",),
                previous_msgid="Old text here."),
        Message("Suggested text here.", "Suggestion.", flags=("fuzzy",),
                translator_comments=("tm: 80% match from fr-FR/a.md (reviewed)",)),
        Message("Untranslated text here."),
    ))
    assert catalog_rows(catalog) == (("Reviewed text here.", "Texte relu ici.", True),
                                     ("Machine text here.", "Texte machine ici.", False))
