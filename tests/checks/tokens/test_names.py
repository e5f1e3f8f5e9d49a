"""Cmdlet and file names in text."""

from __future__ import annotations

from pipeline.checks.tokens.names import api_names, has_word, names


def test_names_find_cmdlets_and_files_not_compounds() -> None:
    text = "Run Set-AzContext, ConvertTo-Json and edit (policy.json). Read-Only, Add-On, a .csv"
    assert names(text) == ["Set-AzContext", "ConvertTo-Json", "policy.json"]


def test_api_names_are_scoped_dotted_or_parameters_and_not_prose() -> None:
    text = ("Call IUnknown::Release on System.IO.File with the -Force and -WhatIf switches; -This, "
            "server.database.schema.table, www.contoso.com, e.g. U.S.A. and Read-Only")
    assert api_names(text) == ["IUnknown::Release", "System.IO.File", "-Force", "-WhatIf"]


def test_a_name_at_the_start_or_end_of_the_text_is_a_whole_word() -> None:
    assert has_word("set-azcontext", "set-azcontext")
    assert has_word("run set-azcontext", "set-azcontext")
    assert not has_word("xset-azcontext", "set-azcontext")
    assert not has_word("set-azcontexts", "set-azcontext")


def test_a_dash_is_a_parameter_only_where_the_text_speaks_of_parameters_or_cmdlets() -> None:
    assert api_names("-Confirm") == ["-Confirm"]
    assert api_names("Use the -Force switch.") == ["-Force"]
    assert api_names("Run Get-Item -Path x") == ["-Path"]
    assert api_names("Monday -Friday, and it returns -Infinity") == []
    assert api_names("Step 1 -Create the cmdlet's module") == []


def test_a_name_runs_on_into_cjk_text_and_compounds() -> None:
    assert has_word("Remove-Item과", "Remove-Item")
    assert has_word("die policy.json-Datei", "policy.json")
    assert has_word("System.IO.Fileオブジェクト", "System.IO.File")
    assert not has_word("System.IO.Filesystem", "System.IO.File")
