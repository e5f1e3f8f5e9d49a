"""docs/checks.md and `pipeline checks` list the same check ids, each with the same severity
and under the same topic, and the doc's overview counts them right: a user looks an id up in
either and finds the other saying the same."""

from __future__ import annotations

import re

import pytest
from example import REPO_ROOT

from pipeline.cli import main

DOC = (REPO_ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
# The checks are documented between these two headings; the corpus figures after them.
CHECKS_PART = DOC[DOC.index("\n## The checks\n"):DOC.index("\n## On the corpus\n")]
# After this sentence, a table of the import commands' own ids, which are no checks.
IMPORTS = "`xliff-import` and `handoff-import` report what they could not apply"


def _listed(capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[str, str]]:
    """`pipeline checks`: id -> (severity, topic)."""
    assert main(["checks"]) == 0
    rows = [line.split()[:3] for line in capsys.readouterr().out.splitlines()]
    return {cid: (severity, topic) for cid, severity, topic in rows}


def _documented() -> tuple[dict[str, list[tuple[str, str]]], set[str]]:
    """The checks part of docs/checks.md: id -> [(severity, topic)] for each heading
    (`#### \\`id\\` — severity`) or input table row (`| \\`id\\` (severity) |`), and the ids
    of the import table."""
    checks, imports = CHECKS_PART.split(IMPORTS)
    found: dict[str, list[tuple[str, str]]] = {}
    topic = ""
    for line in checks.splitlines():
        if (heading := re.match(r"### (\w+)$", line)):
            topic = heading.group(1).lower()
        elif (check := re.match(r"#### `([a-z-]+)` — (error|warning|info)$", line)):
            found.setdefault(check.group(1), []).append((check.group(2), topic))
        elif topic == "input" and (row := re.match(r"\| `([a-z-]+)`(?: \((\w+)\))? \|", line)):
            found.setdefault(row.group(1), []).append((row.group(2) or "error", topic))
    first_cells = re.findall(r"^\| ([^|]+) \|", imports, re.M)
    return found, {cid for cell in first_cells for cid in re.findall(r"`([a-z-]+)`", cell)}


def test_every_check_pipeline_checks_lists_is_documented_with_its_severity_and_topic(
        capsys: pytest.CaptureFixture[str]) -> None:
    listed = _listed(capsys)
    documented, _ = _documented()
    documented["layout"] = [("info", "input")]  # in a sentence after the input table
    assert {cid: [value] for cid, value in listed.items()} == documented


def test_the_import_commands_ids_are_documented_apart_and_are_no_checks(
        capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline import xliff
    from pipeline.handoff import back

    _, imports = _documented()
    assert imports == {xliff.CHECK, xliff.CLEARED, xliff.CONFLICT, xliff.STALE,
                       xliff.INCOMPLETE, back.CHECK, back.STALE, back.CONFLICT,
                       back.INCOMPLETE}
    assert not imports & set(_listed(capsys))
    assert "`layout` is listed by `pipeline checks`" in CHECKS_PART


def test_the_overview_counts_each_topics_checks(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _listed(capsys)
    overview = dict(re.findall(r"^\| \[(\w+)\]\(#\w+\) \| (\d+)", CHECKS_PART, re.M))
    safety = re.search(r"^\| \[safety\]\(#safety\) \| (\d+) errors \+ `render-substituted`",
                       CHECKS_PART, re.M)
    assert safety is not None
    overview["safety"] = str(int(safety.group(1)) + 1)
    counts = {topic: sum(1 for _, t in listed.values() if t == topic)
              for topic in {t for _, t in listed.values()} - {"terminology"}}
    assert {topic: int(n) for topic, n in overview.items()} == counts


def test_the_doc_lists_every_safety_check_as_never_silenced(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The list named seven of the ten: include-added, markup-open and control-character
    are never silenced either (`# ignore-control-character` is an ignore-flag warning)."""
    listed = _listed(capsys)
    found = re.search(r"\*\*Safety checks are never silenced\*\* \(([^)]*)\)",
                      " ".join(DOC.split()))
    assert found is not None
    named = set(re.findall(r"`([a-z-]+)`", found.group(1)))
    assert named == {cid for cid, (severity, topic) in listed.items()
                     if topic == "safety" and severity == "error"}


def test_each_documented_hint_is_the_one_the_tool_prints() -> None:
    """The doc's `Hint:` under a check is the hint its findings carry (code marks aside): the
    doc's inconsistent-translation hint was an older one."""
    from pipeline.checks.registry import ALL_CHECKS

    differ = []
    for check in ALL_CHECKS:
        section = re.search(rf"^#### `{re.escape(check.id)}` — \w+\n(.*?)(?=^#|\Z)",
                            CHECKS_PART, re.M | re.S)
        hint = section and re.search(r"^Hint: (.*?)(?:\n\n|\Z)", section.group(1), re.M | re.S)
        if hint:
            shown = " ".join(hint.group(1).split()).replace("`", "").rstrip(".")
            if shown != check.hint.replace("`", "").rstrip("."):
                differ.append(check.id)
    assert differ == []
