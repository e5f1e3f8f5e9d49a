"""The checks a delivery must pass. One module per topic, listed in ``registry``:

- ``structure``: every pair whole and consistent, front matter in step with its folder
- ``sync``: article and catalog in step; one article in step across its locales
- ``fidelity``: each translation faithful to its English (code, links, markup, placeholders)
- ``safety``: nothing unsafe added (script, handlers, foreign hosts, new blocks)

The registry's names are available here. They load on first use: the registry brings every
rule module and its patterns, most of the package's import time, which a run with nothing to
do never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.checks.registry import (
        ALL_CHECKS,
        BY_ID,
        INPUT_CHECKS,
        SEGMENT_RULES,
        SegmentChecker,
        article_findings,
        catalog_findings,
        publishable,
        segment_issues,
    )

__all__ = [
    "ALL_CHECKS", "BY_ID", "INPUT_CHECKS", "SEGMENT_RULES", "SegmentChecker",
    "article_findings", "catalog_findings", "publishable", "segment_issues",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline.checks import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
