"""The SARIF the gate uploads, validated against the SARIF 2.1.0 JSON schema itself
(tests/data/sarif, see its README for where the file comes from): new, baselined, stale and
suppressed results together, and the corpus run when the corpus is here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.cli import main

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def validate(log: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log),
                    key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors][:5] == []


def sarif(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main([*argv, "--format", "sarif"])
    return code, json.loads(capsys.readouterr().out)


def test_the_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_a_gate_run_with_every_kind_of_result_is_valid_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = make_tree(tmp_path, {"fr-FR/a.md": sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    baseline = tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    po = locales / "fr-FR/a.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('"Puis exécutez le serveur."', '"Puis exécutez `docs serve`."')  # stale
    text = text.replace('msgstr "Fermez la fenêtre."', 'msgstr "Fermez <b>la</b> fenêtre."')
    text = text.replace('msgid "Open a terminal."', '# ignore-code-changed\n'
                        'msgid "Open a terminal."')
    po.write_text(text.replace('msgstr "Ouvrez un terminal."', 'msgstr "Ouvrez un `terminal`."'),
                  encoding="utf-8")
    code, log = sarif(capsys, [*cli_args("check", content, locales), "--baseline",
                               str(baseline)])
    assert code == 1
    results = log["runs"][0]["results"]
    states = {(r["ruleId"], r["baselineState"], "suppressions" in r) for r in results
              if r["ruleId"] != "catalog-overrides-article"}
    assert states == {("code-changed", "unchanged", False), ("html-added", "new", False),
                      ("baseline-stale", "absent", False), ("code-changed", "new", True)}
    validate(log)


def test_the_corpus_with_its_baseline_is_valid_sarif(
    corpus_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales, baseline = tmp_path / "locales", tmp_path / "b.json"
    base = ["--content", str(corpus_root), "--locales", str(locales), "-q"]
    assert main(["extract", *base]) == 0
    assert main(["baseline", *base, "--out", str(baseline)]) == 0
    code, log = sarif(capsys, ["check", *base, "--baseline", str(baseline)])
    assert code == 0
    results = log["runs"][0]["results"]
    assert len(results) > 1000
    assert {r["baselineState"] for r in results if r["level"] != "note"} == {"unchanged"}
    validate(log)


def test_the_validator_rejects_what_the_schema_forbids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The schema is really applied: a wrong baselineState or an unknown property fails."""
    content, locales, _ = make_tree(tmp_path, {"fr-FR/a.md": sxs(PAIRS)})
    assert main(cli_args("extract", content, locales)) == 0
    _, log = sarif(capsys, cli_args("check", content, locales))
    validate(log)
    for bad in ({"baselineState": "baselined"}, {"suppressed": True}):
        broken = json.loads(json.dumps(log))
        broken["runs"][0]["results"][0].update(bad)
        with pytest.raises(AssertionError):
            validate(broken)
