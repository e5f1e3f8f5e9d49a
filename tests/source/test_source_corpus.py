"""The English-driven figures on the 642 English articles of the shared corpus, measured as
``bench/english.py`` measures them: catalogs extracted from the handoffs, then ``locales`` on
a tree holding only the English. Skipped (loudly) when the corpus is absent."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    path = REPO_ROOT / "bench" / "english.py"
    spec = importlib.util.spec_from_file_location("bench_english", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(corpus_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    corpus = corpus_root.parent
    if not (corpus / "english" / "MANIFEST.tsv").is_file():
        pytest.skip(f"no English corpus at {corpus / 'english'}")
    bench = _bench()
    root = tmp_path_factory.mktemp("english")
    trees = bench.build_trees(corpus, root / "trees", sys.executable)
    published, links = bench.Published(), bench.Links()
    for tree in trees:
        work = bench.fresh_work(tree, root / tree.locale, tree.catalogs)
        done = subprocess.run(bench.locales_cmd(sys.executable, tree.english, work),
                              cwd=REPO_ROOT, capture_output=True, text=True, check=False)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        bench.compare(sys.executable, tree, work, published, links)
    return published, links


def test_microsofts_translation_is_published_for_its_english(figures: tuple[Any, Any]) -> None:
    published, _ = figures
    assert published.translated == 33599
    assert published.pct >= 98.5
    assert published.other == 0  # what is not published is English segmented otherwise


def test_no_in_page_link_is_broken_by_translation(figures: tuple[Any, Any]) -> None:
    _, links = figures
    assert links.pages == 642
    assert links.links > 0
    assert links.broken == 0, links.samples
