"""Golden files: English Markdown in, Microsoft's segments out.

Each ``tests/data/segment/<case>.md`` sits beside ``<case>.expected.json``: the pairs (id,
kind, source, line, column, a heading's anchor) and the numbered texts the handoffs translate in
place (title, description, keywords, alt text). Regenerate after a deliberate rule change with
``UPDATE_GOLDEN=1 pytest tests/segment/test_segment_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.segment import Segment, segment

DATA = Path(__file__).resolve().parents[1] / "data" / "segment"
CASES = sorted(DATA.glob("*.md"))


def _record(seg: Segment) -> dict[str, object]:
    out: dict[str, object] = {
        "id": seg.id.split("-", 1)[1], "kind": seg.kind.value, "source": seg.source,
        "line": seg.line, "column": seg.column,
    }
    if seg.anchor is not None:
        out["anchor"] = seg.anchor
    return out


def _actual(case: Path) -> dict[str, object]:
    article = segment(case.read_bytes().decode("utf-8"), case.name)
    return {
        "segments": [_record(s) for s in article.segments],
        "fields": [_record(s) for s in article.fields],
        "findings": [f.format_text() for f in article.findings],
    }


def test_every_rule_has_a_golden_case() -> None:
    names = {case.stem for case in CASES}
    assert {"paragraphs", "abbreviations", "headings", "lists", "tables", "notes", "html",
            "links", "images", "code", "includes", "breaks", "frontmatter"} <= names


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_segments_match_the_golden_file(case: Path) -> None:
    expected_path = case.with_suffix(".expected.json")
    actual = _actual(case)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
