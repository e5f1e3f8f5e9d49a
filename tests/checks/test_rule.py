"""A rule is declared once, on its function, and runs only when its module's RULES table lists
it: a declared rule left out of the table would never run, and nothing else would notice."""

from __future__ import annotations

import types

import pytest

import pipeline.checks.fidelity as fidelity
import pipeline.checks.fidelity.markup as fidelity_markup
import pipeline.checks.fidelity.text as fidelity_text
import pipeline.checks.fidelity.verbatim as fidelity_verbatim
import pipeline.checks.safety as safety
import pipeline.checks.structure as structure
import pipeline.checks.sync as sync
from pipeline.checks.base import Check, Options
from pipeline.checks.rule import ArticleRule, CatalogRule, SegmentRule, segment_rule
from pipeline.findings import Severity


def test_a_segment_rule_carries_its_check_and_needs_and_calls_its_function() -> None:
    @segment_rule("bar-added", "fidelity", Severity.ERROR, "a bar", "remove it",
                  translation_needs="|")
    def bar_added(source: str, translation: str, options: Options) -> list[str]:
        return ["bar"] if "|" in translation and "|" not in source else []

    assert isinstance(bar_added, SegmentRule)
    assert bar_added.check == Check("bar-added", "fidelity", Severity.ERROR, "a bar", "remove it")
    assert (bar_added.source_needs, bar_added.translation_needs) == ("", "|")
    assert bar_added.gated and not bar_added.identical
    assert list(bar_added("a", "a|b", Options())) == ["bar"]


RULE_TYPES = (SegmentRule, ArticleRule, CatalogRule)


@pytest.mark.parametrize(
    ("module", "table"),
    [
        pytest.param(fidelity_verbatim, fidelity.RULES, id="fidelity.verbatim"),
        pytest.param(fidelity_markup, fidelity.RULES, id="fidelity.markup"),
        pytest.param(fidelity_text, fidelity.RULES, id="fidelity.text"),
        pytest.param(safety, safety.RULES, id="safety"),
        pytest.param(structure, structure.RULES, id="structure"),
        pytest.param(sync, sync.RULES, id="sync"),
    ],
)
def test_every_rule_declared_in_a_module_is_in_its_table(
    module: types.ModuleType, table: tuple[object, ...]
) -> None:
    declared = {name for name, value in vars(module).items() if isinstance(value, RULE_TYPES)
                and name != "RULES"}
    assert declared, "no rule found: the test looks in the wrong place"
    listed = {rule for rule in table if isinstance(rule, RULE_TYPES)}
    missing = sorted(name for name in declared if getattr(module, name) not in listed)
    assert missing == []


@pytest.mark.parametrize("table", [fidelity.RULES, safety.RULES, structure.RULES, sync.RULES],
                         ids=["fidelity", "safety", "structure", "sync"])
def test_a_table_lists_each_rule_once(table: tuple[SegmentRule, ...]) -> None:
    ids = [rule.check.id for rule in table]
    assert len(ids) == len(set(ids))
