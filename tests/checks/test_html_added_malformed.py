"""html-added and the start tags the strict reader calls malformed: a browser's element counts,
the English's own comparison ('a <b') in the translation does not (helper-92)."""

from __future__ import annotations

import pytest

from pipeline.checks import segment_issues
from pipeline.checks.base import Options
from pipeline.checks.registry import SegmentChecker


def held_by_safety(source: str, translation: str) -> list[str]:
    """The safety checks that hold the translation back: html-broken (fidelity) reports the
    malformed tag too, but a translator's mark releases it; these hold it whatever the marks."""
    checker = SegmentChecker(Options(locale="fr-FR"))
    return [c.id for c in checker.held_by(source, translation) if c.topic == "safety"]


def added(source: str, translation: str) -> list[str]:
    opts = Options(select=frozenset({"html-added"}), locale="fr-FR")
    return [m for c, m in segment_issues(source, translation, opts) if c.id == "html-added"]


# The English compares ('<b' with no '>', no element); the translation keeps the comparison,
# and the words after it happen to end the strict reading otherwise (an apostrophe, a quote,
# an '='): no element the English lacks, so the good translation is published.
@pytest.mark.parametrize(("source", "translation"), [
    ("If a <b the operation fails.", "Si a <b l'opération échoue."),
    ("If x <a the loop ends.", "Se x <a l'iterazione termina."),
    ("When n <i we stop.", "Quand n <i s'arrête, on stoppe."),
    ("Check that x <i is true.", "Vérifiez que x <i = y est vrai."),
    ("Check that a <b holds.", 'Vérifiez que a <b "tient".'),
])
def test_the_englishs_comparison_kept_by_the_translation_adds_no_element(
        source: str, translation: str) -> None:
    assert added(source, translation) == []
    assert held_by_safety(source, translation) == []


# A browser reads a '<' inside a tag into an attribute's name and ends the tag at the '>':
# '<video x<y>' is a <video> (which hides the text after it), '<span x<y hidden>' a hidden span.
@pytest.mark.parametrize("translation", [
    "Lisez <video x<y> le guide.",
    "Lisez <span x<y hidden>le guide</span>.",
    "Lisez <img x<y src=a.png> le guide.",
    "Lisez `<s x<y>` le guide.",
])
def test_a_start_tag_a_browser_closes_past_a_lt_counts(translation: str) -> None:
    assert added("Read the guide.", translation)
    assert held_by_safety("Read the guide.", translation) == ["html-added"]
