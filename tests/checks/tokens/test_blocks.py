"""The Markdown block a line would open, as CommonMark reads its first characters."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.blocks import block_start, block_starts


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("# Title", "heading", id="heading"),
        pytest.param("#1 priority", None, id="hash-without-space"),
        pytest.param("- item", "list item", id="bullet"),
        pytest.param("-5 degrees", None, id="minus-number"),
        pytest.param("12. step", "list item", id="ordered"),
        pytest.param("---", "thematic break or front matter delimiter", id="break"),
        pytest.param("```js", "code fence", id="fence"),
        pytest.param("> quote", "block quote", id="quote"),
        pytest.param("<div>", "HTML block", id="html-block"),
        pytest.param("<b>bold</b>", None, id="inline-html"),
        pytest.param("[a]: https://x.y", "link reference definition", id="reference-definition"),
        pytest.param("[BREAKING]: Changed x", None, id="text-after-destination"),
        pytest.param("   - three spaces", "list item", id="indented-three"),
        pytest.param("    - four spaces", None, id="indented-four-is-code"),
        pytest.param("**Bold** start", None, id="bold-is-not-a-bullet"),
    ],
)
def test_block_start_names_the_block_a_line_opens(line: str, kind: str | None) -> None:
    assert block_start(line) == kind


def test_block_starts_reads_the_first_line_apart_from_the_others() -> None:
    assert block_starts("Text\n- a\nplain\n# b") == (None, ["list item", "heading"])
