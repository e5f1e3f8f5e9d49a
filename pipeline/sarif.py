"""Findings as SARIF 2.1.0, for code-scanning views (``check --format sarif``).

One run whose driver lists every check as a rule; each finding is a result at its file, line and
column. Paths are relative URIs against ``%SRCROOT%`` (the folder the command ran in), made
from the bytes the OS names a file by (a name that is not UTF-8 too). Columns
count Unicode code points, as the diagnostics do. ``partialFingerprints`` identify a finding by
its check, file and what it is about, as the baseline does: its segment's English and
translation, else its message (not its line, which moves with edits above it, nor the catalog
lines and segment ids a message cites: ``identity.message_key``), so a code-scanning view keeps
tracking the same problem across runs.

With a baseline, every result has a ``baselineState``: ``unchanged`` for a baselined finding,
``new`` for any other, ``absent`` for a baseline entry no finding matched (``baseline-stale``).
A finding silenced by an ``ignore-<check>`` flag in its catalog entry carries an ``inSource``
suppression, as SARIF marks a problem its source says to overlook.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from pipeline import __version__
from pipeline.checks.base import Check
from pipeline.findings import Finding, Severity
from pipeline.identity import message_key

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "pipelineFinding/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(check: Check) -> dict[str, Any]:
    return {
        "id": check.id,
        "shortDescription": {"text": check.summary},
        "help": {"text": check.hint or check.summary},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"tags": [check.topic]},
    }


def _other_rule(check_id: str) -> dict[str, Any]:
    """A finding id that is not a check (e.g. ``layout``): described so its results resolve."""
    return {
        "id": check_id,
        "shortDescription": {"text": f"{check_id} (reported by the pipeline, not a check)"},
        "help": {"text": "see the result's message"},
    }


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?): a relative reference with forward slashes where the path is relative,
    else a file URI. ``path`` as the OS names the file: its bytes are percent-encoded (RFC
    3986), so a name that is not UTF-8 (b'caf\\xe9.md': 'caf%E9.md') leads to the file."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    if os.path.isabs(path):
        return "file://" + quote(os.fsencode(posix if posix.startswith("/") else "/" + posix)), \
            False
    return quote(os.fsencode(posix.removeprefix("./"))), True


def _location(finding: Finding) -> dict[str, Any]:
    uri, relative = artifact_uri(finding.path)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line > 0:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _about(finding: Finding) -> str:
    """What a finding is about, as the baseline keys it: its segment's English and translation
    (``subject``) where it has one, else its message. Findings of one message on several
    segments (the same code span missing from three sentences) are told apart by their
    segments, not by their order: a fourth added above one took its fingerprint, and a
    code-scanning view showed the new problem as the old, dismissed alert and all."""
    # a finding on no segment with a subject keeps a file unchecked, keyed by the bytes of it
    # for the baseline's gate (``identity.unchecked``): here that moved the alert with every
    # unrelated edit of the file, a dismissed one back as new
    if finding.subject and finding.segment is not None:
        return finding.subject
    return message_key(finding.message)


def fingerprint(finding: Finding, occurrence: int) -> str:
    """Stable across runs and line moves; ``occurrence`` tells identical findings in one file
    (about the same thing) apart: their order by line."""
    text = "\x00".join((finding.check, finding.file.replace(os.sep, "/"), _about(finding),
                        str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


STALE = "baseline-stale"  # the check id of a baseline entry no finding matched


def to_sarif(
    findings: Iterable[Finding], checks: Sequence[Check], baseline: bool = False
) -> dict[str, Any]:
    """The SARIF log of one run: every check a rule, every finding a result. Pure.
    ``baseline``: a baseline was applied, so every result says how it stands to it."""
    ordered = sorted(findings, key=Finding.sort_key)
    rules = [_rule(c) for c in checks]
    index = {c.id: i for i, c in enumerate(checks)}
    for check_id in sorted({f.check for f in ordered} - set(index)):
        index[check_id] = len(rules)
        rules.append(_other_rule(check_id))
    seen: dict[tuple[str, str, str], int] = {}
    results = []
    for f in ordered:
        key = (f.check, f.file, _about(f))  # as ``fingerprint`` reads it
        seen[key] = seen.get(key, 0) + 1
        message = f.message
        if f.segment:
            message += f" (segment {f.segment})"
        result: dict[str, Any] = {
            "ruleId": f.check,
            "ruleIndex": index[f.check],
            "level": LEVELS[f.severity],
            "message": {"text": message},
            "locations": [_location(f)],
            "partialFingerprints": {FINGERPRINT: fingerprint(f, seen[key])},
        }
        if baseline:
            result["baselineState"] = ("absent" if f.check == STALE else
                                       "unchanged" if f.baselined else "new")
        if f.suppressed:
            result["suppressions"] = [{
                "kind": "inSource", "status": "accepted",
                "justification": f"ignore-{f.check} flag on the catalog entry",
            }]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pipeline",
                "version": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
