"""`check --format sarif`: a SARIF 2.1.0 log that code-scanning views accept.

The SARIF JSON schema cannot be fetched here, so the log is held to the schema's rules by hand:
for every object the log uses, its required properties, the properties it may have (the schema
forbids any other), and the types and values of those the pipeline writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline import checks
from pipeline.cli import main
from pipeline.findings import Finding, Severity
from pipeline.sarif import FINGERPRINT, SRCROOT, fingerprint, to_sarif

REPO = Path(__file__).resolve().parents[1]

# From the SARIF 2.1.0 schema (sarif-schema-2.1.0.json): (required, allowed) per object.
SCHEMA: dict[str, tuple[set[str], set[str]]] = {
    "sarifLog": ({"version", "runs"},
                 {"$schema", "version", "runs", "inlineExternalProperties", "properties"}),
    "run": ({"tool"}, {
        "tool", "invocations", "conversion", "language", "versionControlProvenance",
        "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
        "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
        "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
        "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
        "translations", "policies", "webRequests", "webResponses", "specialLocations",
        "properties"}),
    "tool": ({"driver"}, {"driver", "extensions", "properties"}),
    "toolComponent": ({"name"}, {
        "guid", "name", "organization", "product", "productSuite", "shortDescription",
        "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
        "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings",
        "notifications", "rules", "taxa", "locations", "language", "contents",
        "isComprehensive", "localizedDataSemanticVersion",
        "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
        "translationMetadata", "supportedTaxonomies", "properties"}),
    "reportingDescriptor": ({"id"}, {
        "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
        "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
        "helpUri", "help", "relationships", "properties"}),
    "multiformatMessageString": ({"text"}, {"text", "markdown", "properties"}),
    "reportingConfiguration": (set(), {"enabled", "level", "rank", "parameters", "properties"}),
    "propertyBag": (set(), {"tags"}),  # open-ended, but tags must be unique strings
    "result": ({"message"}, {
        "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
        "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
        "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
        "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
        "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
        "webResponse", "properties"}),
    "message": (set(), {"text", "markdown", "id", "arguments", "properties"}),
    "location": (set(), {"id", "physicalLocation", "logicalLocations", "message",
                         "annotations", "relationships", "properties"}),
    "physicalLocation": (set(), {"address", "artifactLocation", "region", "contextRegion",
                                 "properties"}),
    "artifactLocation": (set(), {"uri", "uriBaseId", "index", "description", "properties"}),
    "region": (set(), {"startLine", "startColumn", "endLine", "endColumn", "charOffset",
                       "charLength", "byteOffset", "byteLength", "snippet", "message",
                       "sourceLanguage", "properties"}),
}
LEVELS = {"none", "note", "warning", "error"}
# RFC 3986 relative reference: no scheme, no backslash, only URI characters.
URI_REFERENCE = re.compile(r"(?![A-Za-z][A-Za-z0-9+.-]*:)[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*\Z")


def shape(obj: Any, kind: str) -> None:
    assert isinstance(obj, dict), f"{kind} must be an object"
    required, allowed = SCHEMA[kind]
    assert required <= obj.keys(), f"{kind} lacks {required - obj.keys()}"
    if kind != "propertyBag":
        assert obj.keys() <= allowed, f"{kind} may not have {obj.keys() - allowed}"


def text(obj: Any, kind: str = "multiformatMessageString") -> None:
    shape(obj, kind)
    assert isinstance(obj["text"], str) and obj["text"]


def validate(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 schema's rules for everything the pipeline writes."""
    shape(log, "sarifLog")
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    shape(run, "run")
    assert run.get("columnKind") in (None, "utf16CodeUnits", "unicodeCodePoints")
    shape(run["tool"], "tool")
    driver = run["tool"]["driver"]
    shape(driver, "toolComponent")
    assert driver["name"] == "pipeline" and isinstance(driver["version"], str)
    rules = driver["rules"]
    assert isinstance(rules, list)
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for rule in rules:
        shape(rule, "reportingDescriptor")
        assert isinstance(rule["id"], str) and rule["id"]
        text(rule["shortDescription"])
        text(rule["help"])
        if "defaultConfiguration" in rule:
            shape(rule["defaultConfiguration"], "reportingConfiguration")
            assert rule["defaultConfiguration"]["level"] in LEVELS
        if "properties" in rule:
            tags = rule["properties"]["tags"]
            assert all(isinstance(t, str) for t in tags) and len(set(tags)) == len(tags)
    assert isinstance(run["results"], list)
    for result in run["results"]:
        shape(result, "result")
        text(result["message"], "message")
        assert result["level"] in LEVELS
        assert isinstance(result["ruleIndex"], int) and result["ruleIndex"] >= -1
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        fingerprints = result["partialFingerprints"]
        assert isinstance(fingerprints, dict) and fingerprints
        assert all(isinstance(v, str) and v for v in fingerprints.values())
        assert isinstance(result["locations"], list) and len(result["locations"]) == 1
        for location in result["locations"]:
            shape(location, "location")
            physical = location["physicalLocation"]
            shape(physical, "physicalLocation")
            artifact = physical["artifactLocation"]
            shape(artifact, "artifactLocation")
            assert URI_REFERENCE.match(artifact["uri"]), artifact["uri"]
            assert artifact["uriBaseId"] == SRCROOT
            if "region" in physical:
                region = physical["region"]
                shape(region, "region")
                assert isinstance(region["startLine"], int) and region["startLine"] >= 1
                if "startColumn" in region:
                    assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1


def finding(check: str = "source-drift", line: int = 12, column: int = 5, message: str = "m",
            file: str = "content/fr-FR/a.md", severity: Severity = Severity.ERROR) -> Finding:
    return Finding(check, severity, message, file, line, column, "b5df6-103", "a hint")


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = log["runs"][0]["results"]
    return found


def test_every_check_is_a_rule_with_its_summary_hint_and_level() -> None:
    log = to_sarif([], checks.ALL_CHECKS)
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.id for c in checks.ALL_CHECKS]
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for rule, check in zip(rules, checks.ALL_CHECKS, strict=True):
        assert rule["shortDescription"]["text"] == check.summary
        assert rule["help"]["text"] == check.hint
        assert rule["defaultConfiguration"]["level"] == level[check.severity]


def test_a_result_names_its_rule_level_message_and_place() -> None:
    log = to_sarif([finding(severity=Severity.INFO, message="the catalog's is used")],
                   checks.ALL_CHECKS)
    validate(log)
    [result] = results(log)
    assert result["ruleId"] == "source-drift" and result["level"] == "note"
    assert result["message"]["text"].startswith("the catalog's is used")
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "content/fr-FR/a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 5},
    }


def test_zero_line_or_column_is_left_out_of_the_region() -> None:
    log = to_sarif([finding(line=0, column=0), finding(line=3, column=0)], checks.ALL_CHECKS)
    validate(log)
    places = [r["locations"][0]["physicalLocation"] for r in results(log)]
    assert "region" not in places[0]
    assert places[1]["region"] == {"startLine": 3}


def test_uris_are_relative_with_forward_slashes_and_escaped() -> None:
    log = to_sarif([finding(file="locales/ja-JP/my docs/設定#1.po"),
                    finding(file="../shared/corpus/x.md")], checks.ALL_CHECKS)
    validate(log)
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in results(log))
    assert uris == ["../shared/corpus/x.md",
                    "locales/ja-JP/my%20docs/%E8%A8%AD%E5%AE%9A%231.po"]


def test_fingerprints_are_stable_across_runs_and_line_moves_and_distinct() -> None:
    a, b = finding(message="one", line=3), finding(message="two", line=9)
    twin = finding(message="one", line=40)  # the same problem twice in one file
    first = to_sarif([a, b, twin], checks.ALL_CHECKS)
    moved = to_sarif([twin, finding(message="two", line=19), finding(message="one", line=13)],
                     checks.ALL_CHECKS)

    def prints(log: dict[str, Any]) -> list[str]:
        return sorted(r["partialFingerprints"][FINGERPRINT] for r in results(log))

    assert prints(first) == prints(moved)
    assert len(set(prints(first))) == 3


def test_a_fingerprint_does_not_move_with_the_catalog_line_or_segment_id_a_message_cites(
) -> None:
    """A finding on a catalog's translation cites the entry's line, which an entry inserted
    above moves (a paragraph added to the article), as a new handoff moves its segment id:
    the result is the same problem, and its fingerprint stays."""
    said = ("code missing from the translation: '`x`' (the catalog's translation: "
            "locales/fr-FR/a.po:{}) in b5df6-{}")
    before = to_sarif([finding(message=said.format(52, 108), line=19),
                       finding(message=said.format(60, 109), line=21)], checks.ALL_CHECKS)
    after = to_sarif([finding(message=said.format(58, 109), line=23),
                      finding(message=said.format(66, 110), line=25)], checks.ALL_CHECKS)

    def prints(log: dict[str, Any]) -> list[str]:
        return [r["partialFingerprints"][FINGERPRINT] for r in results(log)]

    assert prints(before) == prints(after) and len(set(prints(before))) == 2


def test_a_finding_that_is_not_a_check_still_resolves_to_a_rule() -> None:
    log = to_sarif([finding(check="layout", severity=Severity.INFO)], checks.ALL_CHECKS)
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results(log)[0]["ruleIndex"]]["id"] == "layout"


def test_check_format_sarif_prints_the_findings_as_a_sarif_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    (tmp_path / "content" / "not a locale").mkdir()
    po = tmp_path / "locales" / "fr-FR" / "get-started" / "install-cli.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Prérequis"', 'msgstr "Conditions préalables"'), encoding="utf-8")
    orphan = tmp_path / "locales" / "de-DE" / "gone.po"
    orphan.write_bytes((tmp_path / "locales/de-DE/reference/configuration.po").read_bytes())
    broken = tmp_path / "locales" / "fr-FR" / "reference" / "configuration.po"
    broken.write_text('msgid "x\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    base = ["check", "--content", "content", "--locales", "locales", "-j", "1"]
    code = main([*base, "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert code == 1
    validate(log)
    main([*base, "--format", "json"])
    plain = json.loads(capsys.readouterr().out)
    assert len(plain) == len(results(log)) >= 4
    got = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
           for r in results(log)}
    assert {("po-syntax", "locales/fr-FR/reference/configuration.po"),
            ("orphan-catalog", "locales/de-DE/gone.po"),
            ("catalog-overrides-article", "content/fr-FR/get-started/install-cli.md"),
            ("layout", "content/not%20a%20locale")} <= got


def test_a_file_name_that_is_not_utf8_is_a_uri_of_its_bytes_that_leads_to_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its URI was the escaped name shown ('caf%5Cxe9.md': 'caf\\xe9.md'), which names no
    file; the message shows the escaped name, and the fingerprint is made from it, as before."""
    from urllib.parse import unquote_to_bytes

    from test_sarif_schema import validate as validate_schema

    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content" / "fr-FR" / os.fsdecode(b"caf\xe9.md")).write_bytes(b"x\n")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "--content", "content", "--locales", "locales", "-j", "1",
            "--format", "sarif"]
    main(argv)
    log = json.loads(capsys.readouterr().out)
    validate(log)
    validate_schema(log)
    [result] = [r for r in results(log) if r["ruleId"] == "encoding"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "content/fr-FR/caf%E9.md"
    assert Path(os.fsdecode(unquote_to_bytes(uri))).is_file()
    shown = Finding("encoding", Severity.ERROR, result["message"]["text"],
                    "content/fr-FR/caf\\xe9.md")
    assert result["partialFingerprints"][FINGERPRINT] == fingerprint(shown, 1)
    main(argv)
    assert results(json.loads(capsys.readouterr().out)) == results(log)


def test_findings_of_one_message_on_several_segments_keep_their_fingerprints_when_one_is_added(
) -> None:
    """The same code span missing from two sentences of an article: two results of one
    message, told apart by their order. A pull request that breaks a third sentence above
    them gave the new result the first one's fingerprint, and the first the second's: a
    code-scanning view showed the new problem as the old alert (dismissed, if it was) and an
    old one as new. Results on a segment are told apart by the segment they are about."""
    said = "code missing from the translation: '`az login`'"

    def on(subject: str, line: int) -> Finding:
        return replace(finding(check="code-changed", message=said, line=line), subject=subject)

    before = to_sarif([on("s1", 20), on("s2", 40)], checks.ALL_CHECKS)
    after = to_sarif([on("s0", 10), on("s1", 21), on("s2", 41)], checks.ALL_CHECKS)

    def prints(log: dict[str, Any]) -> dict[int, str]:
        return {r["locations"][0]["physicalLocation"]["region"]["startLine"]:
                r["partialFingerprints"][FINGERPRINT] for r in results(log)}

    old, new = prints(before), prints(after)
    assert (new[21], new[41]) == (old[20], old[40]) and new[10] not in old.values()


def test_a_broken_catalog_keeps_its_fingerprint_when_an_unrelated_part_of_it_is_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding that keeps a file unchecked is keyed by the file's bytes for the baseline's
    gate; the fingerprint took that key too, so a comment added above a syntax error gave
    its alert a new fingerprint: the old (dismissed) alert closed and a new one opened on every
    edit of the file. The fingerprint keys it by its message, as any finding on no segment."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    broken = tmp_path / "locales" / "fr-FR" / "reference" / "configuration.po"
    monkeypatch.chdir(tmp_path)
    argv = ["check", "--content", "content", "--locales", "locales", "-j", "1",
            "--format", "sarif"]

    def prints() -> list[str]:
        main(argv)
        return [r["partialFingerprints"][FINGERPRINT]
                for r in results(json.loads(capsys.readouterr().out))
                if r["ruleId"] == "po-syntax"]

    broken.write_text('msgid "x\n', encoding="utf-8")
    before = prints()
    broken.write_text('# a translator\'s note\nmsgid "x\n', encoding="utf-8")
    assert prints() == before and len(before) == 1
