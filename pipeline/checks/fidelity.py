"""Translation against source: each translation faithful to its English's code, links, markup,
placeholders and numbers."""

from __future__ import annotations

from pipeline.checks.base import SegmentRule

RULES: tuple[SegmentRule, ...] = ()
