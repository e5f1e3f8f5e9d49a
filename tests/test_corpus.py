"""The whole shared corpus through the pipeline: byte-exact round trips and GNU-clean catalogs."""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline.cli import main

# An independent, naive reading of the format: good enough to cross-check the real scanner.
NAIVE_PAIR = re.compile(
    r'<span data-ttu-id="([^"<>]*)">((?:(?!<span data-ttu-id=).)*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="([^"<>]*)">(.*?)</span></span>',
    re.S,
)


@pytest.fixture(scope="module")
def corpus_run(corpus_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    dirs = {name: root / name for name in ("locales", "localized", "source", "bilingual")}
    base = ["--content", str(corpus_root), "--locales", str(dirs["locales"]), "-q"]
    # Exit 1: the corpus has real defects (malformed spans); they must not stop the others.
    assert main(["extract", *base]) == 0
    for form in ("localized", "source", "bilingual"):
        assert main(["render", *base, "--out", str(dirs[form]), "--form", form]) in (0, 1)
    return dirs


def articles(corpus_root: Path) -> list[Path]:
    return sorted(corpus_root.rglob("*.md"))


def test_every_manifest_article_is_present(corpus_root: Path) -> None:
    manifest = (corpus_root.parent / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    assert len(articles(corpus_root)) == len(manifest) - 1 == 2642


def test_bilingual_form_is_the_input_byte_for_byte(
    corpus_root: Path, corpus_run: dict[str, Path]
) -> None:
    differ = [
        str(p) for p in articles(corpus_root)
        if (corpus_run["bilingual"] / p.relative_to(corpus_root)).read_bytes() != p.read_bytes()
    ]
    assert differ == []


@pytest.mark.parametrize("form", ["localized", "source"])
def test_localized_and_source_are_the_pair_by_pair_substitution(
    corpus_root: Path, corpus_run: dict[str, Path], form: str
) -> None:
    group = 2 if form == "localized" else 4
    differ = []
    for path in articles(corpus_root):
        text = path.read_text(encoding="utf-8")
        expected = NAIVE_PAIR.sub(lambda m: m.group(group), text)
        got = (corpus_run[form] / path.relative_to(corpus_root)).read_text(encoding="utf-8")
        if got != expected:
            differ.append(str(path))
    assert differ == []


def _gettext_problems(po: Path) -> str | None:
    fmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True)
    if fmt.returncode or fmt.stderr:
        return f"{po}: msgfmt -c: {fmt.stderr.decode()[:300]}"
    cat = subprocess.run(["msgcat", "--no-wrap", str(po)], capture_output=True)
    if cat.returncode or cat.stdout != po.read_bytes():
        return f"{po}: msgcat --no-wrap changes the file"
    return None


def test_every_catalog_is_gettext_clean_and_unchanged_by_msgcat(
    corpus_run: dict[str, Path], require_gettext: None
) -> None:
    catalogs = sorted(corpus_run["locales"].rglob("*.po"))
    assert len(catalogs) == 2642
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for p in pool.map(_gettext_problems, catalogs) if p]
    assert problems == []


def test_reextracting_the_corpus_rewrites_no_catalog(
    corpus_root: Path, corpus_run: dict[str, Path]
) -> None:
    catalogs = sorted(corpus_run["locales"].rglob("*.po"))
    before = {p: p.stat().st_mtime_ns for p in catalogs}
    assert main(["extract", "--content", str(corpus_root), "--locales",
                 str(corpus_run["locales"]), "-q"]) == 0
    assert {p: p.stat().st_mtime_ns for p in catalogs} == before
