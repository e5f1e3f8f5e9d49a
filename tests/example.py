"""The repository's example tree, copied for a test (a module of its own: both tests/ and
tests/source have a conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def copy_example(content: Path, locales: Path | None = None, english: bool = False) -> None:
    """The repository's example content (and catalogs, given ``locales``) copied for a test.
    Without ``english``, the handoffs alone: the plain English of content/en-US and the
    catalogs it drives are left out (tests/source covers that flow)."""
    shutil.copytree(REPO_ROOT / "content", content)
    if locales is not None:
        shutil.copytree(REPO_ROOT / "locales", locales)
    source = content / "en-US"
    if english or not source.is_dir():
        return
    for md in source.rglob("*.md"):
        within = md.relative_to(source).with_suffix(".po")
        for po in locales.glob(f"*/{within}") if locales is not None else ():
            po.unlink()
    shutil.rmtree(source)


def english_tree(tmp_path: Path, markdown: str) -> tuple[list[str], Path, Path]:
    """An English-driven tree of one article (``content/en-US/a.md``), its fr-FR catalog
    extracted: (the arguments that name the tree, the catalog, the output folder)."""
    from pipeline.cli import main

    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    (content / "en-US").mkdir(parents=True)
    (content / "en-US" / "a.md").write_text(markdown, encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    base = ["--content", str(content), "--locales", str(locales), "-j", "1", "-q"]
    assert main(["extract", *base]) == 0
    return base, locales / "fr-FR" / "a.po", out
