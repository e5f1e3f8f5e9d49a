"""A batch of articles in a worker: each made from its English (``source.job``) or from its
handoff (``job``), then the batch's files written together (``job.write_batch``)."""

from __future__ import annotations

from pipeline import job
from pipeline.outcome import Outcome, Settings
from pipeline.publish import Guard


def process_batch(rels: list[str], settings: Settings) -> list[Outcome]:
    guard = Guard(settings.options)
    folders: dict[str, bool] = {}  # what the batch's catalog reads found of their folders
    drives = settings.layout.drives
    driven = [drives(rel) for rel in rels]
    english = job.prepare_safely
    if any(driven):  # the segmenter is loaded by a run that has English to segment
        from pipeline.source import job as source_job

        english = source_job.prepare_safely
    prepared = [job.lean((english if by_english else job.prepare_safely)(
        rel, settings, guard, folders)) for rel, by_english in zip(rels, driven, strict=True)]
    return job.write_batch(prepared, settings)


def run_batch(work: tuple[list[str], Settings]) -> list[Outcome]:
    """``process_batch`` for a worker process: one picklable argument."""
    return process_batch(*work)
