"""A run with nothing to do replays the consistency findings the last run with work kept, and
those of the TMX files (a broken one is named on every run): one small file read, nothing else
of the memory loaded. A TMX file that changed changes the fingerprint (``Setup.key``), so
nothing is replayed then."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.findings import Finding
    from pipeline.memory import Setup


def replay(settings: Any, fingerprint: str, rels: Collection[str]) -> list[Finding]:
    """The consistency findings of a run with nothing to do (``settings``: the runner's): as
    the last run with work kept them, read from one small file; a locale with none kept (a
    first run with the memory) is worked out by a ``session``."""
    from pipeline.memory import store

    setup: Setup = settings.memory
    kept = store.load_findings(setup.findings_file, fingerprint)
    if all(rel.split("/", 1)[0] in kept for rel in rels):
        from pipeline.findings import Finding

        return sorted((f for found in kept.values() for f in found), key=Finding.sort_key)
    from pipeline.memory.session import replay as work_out

    return work_out(settings, fingerprint, rels)
