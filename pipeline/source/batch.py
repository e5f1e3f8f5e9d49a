"""A batch of articles in a worker: each made from its English (``source.job``) or from its
handoff (``job``), then the batch's files written together (``job.write_batch``)."""

from __future__ import annotations

from pipeline import job
from pipeline.outcome import Outcome, Settings
from pipeline.publish import Guard
from pipeline.source import job as english


def process_batch(rels: list[str], settings: Settings) -> list[Outcome]:
    guard = Guard(settings.options)
    drives = settings.layout.drives
    prepared = [job.lean((english.prepare_safely if drives(rel) else job.prepare_safely)(
        rel, settings, guard)) for rel in rels]
    return job.write_batch(prepared, settings)


def run_batch(work: tuple[list[str], Settings]) -> list[Outcome]:
    """``process_batch`` for a worker process: one picklable argument."""
    return process_batch(*work)
