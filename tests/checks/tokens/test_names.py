"""Cmdlet and file names in text."""

from __future__ import annotations

from pipeline.checks.tokens.names import names


def test_names_find_cmdlets_and_files_not_compounds() -> None:
    text = "Run Set-AzContext, ConvertTo-Json and edit (policy.json). Read-Only, Add-On, a .csv"
    assert names(text) == ["Set-AzContext", "ConvertTo-Json", "policy.json"]
