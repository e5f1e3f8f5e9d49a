"""The corpus figures: Microsoft's segments of the 642 English articles, reproduced.

The ground truth is each handoff's English spans, read by ``pipeline.article``; the measurement
is ``bench/segmentation.py``'s. Skipped (loudly) when the shared corpus is absent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    path = REPO_ROOT / "bench" / "segmentation.py"
    spec = importlib.util.spec_from_file_location("bench_segmentation", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(corpus_root: Path) -> object:
    corpus = corpus_root.parent
    if not (corpus / "english" / "MANIFEST.tsv").is_file():
        pytest.skip(f"no English corpus at {corpus / 'english'}")
    return _bench().measure(corpus)


def test_microsofts_segments_are_reproduced(figures: object) -> None:
    assert figures.articles == 642  # type: ignore[attr-defined]
    assert figures.segment_pct >= 99.0  # type: ignore[attr-defined]


def test_most_articles_are_segmented_exactly_as_microsoft_did(figures: object) -> None:
    assert figures.article_pct >= 85.0  # type: ignore[attr-defined]


def test_segmentation_is_fast(figures: object) -> None:
    assert figures.ms_per_article < 50  # type: ignore[attr-defined]


def test_ids_agree_wherever_the_segments_do(figures: object) -> None:
    # every article segmented as Microsoft did also has Microsoft's id numbers
    assert figures.ids_equal == figures.ids_checked  # type: ignore[attr-defined]
