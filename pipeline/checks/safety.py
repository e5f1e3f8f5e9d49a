"""Safety: nothing a translation adds may run script, load content, retarget a link or open a
new Markdown block."""

from __future__ import annotations

from pipeline.checks.base import SegmentRule

RULES: tuple[SegmentRule, ...] = ()
