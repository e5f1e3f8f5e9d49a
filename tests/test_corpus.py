"""The whole shared corpus through the pipeline: byte-exact round trips and GNU-clean catalogs."""

from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from page_model import on_page

from pipeline.article import read_article
from pipeline.checks import SEGMENT_RULES
from pipeline.cli import main
from pipeline.render import Form, render

# An independent, naive reading of the format: good enough to cross-check the real scanner.
NAIVE_PAIR = re.compile(
    r'<span data-ttu-id="([^"<>]*)">((?:(?!<span data-ttu-id=).)*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="([^"<>]*)">(.*?)</span></span>',
    re.S,
)


@pytest.fixture(scope="module")
def corpus_run(corpus_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Catalogs for the whole corpus, then every form rendered from them.

    ``exact-*``: the source and bilingual forms, which are the pure substitution the format
    defines. ``published``: the localized pages, where a translation that a check holds back is
    replaced by a safe text. ``unreported``: the same with every segment check ignored, which
    changes what is reported and nothing that is published."""
    root = tmp_path_factory.mktemp("corpus")
    dirs = {name: root / name for name in (
        "locales", "exact-source", "exact-bilingual", "published", "unreported")}
    config = root / "pyproject.toml"
    ids = ", ".join(f'"{r.check.id}"' for r in SEGMENT_RULES)
    config.write_text(f"[tool.pipeline]\nignore = [{ids}]\n", encoding="utf-8")
    base = ["--content", str(corpus_root), "--locales", str(dirs["locales"]), "-q"]
    assert main(["extract", *base]) == 0
    for form in ("source", "bilingual"):
        assert main(["render", *base, "--form", form, "--out", str(dirs[f"exact-{form}"])]) == 0
    # substitutions are warnings: the page was published, safely
    assert main(["render", *base, "--out", str(dirs["published"])]) == 0
    assert main(["render", *base, "--config", str(config), "--out", str(dirs["unreported"])]) == 0
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
        if (corpus_run["exact-bilingual"] / p.relative_to(corpus_root)).read_bytes()
        != p.read_bytes()
    ]
    assert differ == []


@pytest.mark.parametrize("form", ["localized", "source"])
def test_localized_and_source_are_the_pair_by_pair_substitution(
    corpus_root: Path, corpus_run: dict[str, Path], form: str
) -> None:
    """The source form as the CLI writes it; the localized form as ``render`` makes it from the
    article's own translations (the pages hold back what the checks find: next tests), with
    the English span's line breaks at its edges (``page_model``)."""
    group = 2 if form == "localized" else 4
    differ = []
    for path in articles(corpus_root):
        data = path.read_bytes()
        text = data.decode("utf-8")  # bytes: read_text would fold CRLF
        expected = NAIVE_PAIR.sub(lambda m: m.group(group) if form == "source" else
                                  on_page(m.group(2), m.group(4)), text)
        rel = path.relative_to(corpus_root)
        if form == "source":
            got = (corpus_run["exact-source"] / rel).read_bytes().decode()
        else:
            got = render(read_article(data, str(rel)), Form.LOCALIZED)
        if got != expected:
            differ.append(str(path))
    assert differ == []


def test_ignoring_every_segment_check_publishes_the_same_pages(
    corpus_root: Path, corpus_run: dict[str, Path]
) -> None:
    differ = [
        str(p) for p in articles(corpus_root)
        if (corpus_run["unreported"] / p.relative_to(corpus_root)).read_bytes()
        != (corpus_run["published"] / p.relative_to(corpus_root)).read_bytes()
    ]
    assert differ == []


def test_published_pages_differ_only_where_a_translation_had_an_error(
    corpus_root: Path, corpus_run: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Default settings: each segment with an error is swapped for a safe text, and reported;
    every other byte is the exact substitution."""
    capsys.readouterr()
    assert main(["check", "--content", str(corpus_root), "--locales",
                 str(corpus_run["locales"]), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    errors = {(f["file"], f["segment"]) for f in findings
              if f["severity"] == "error" and f["check"] in {r.check.id for r in SEGMENT_RULES}}
    assert errors, "the corpus has real MT defects; the checks must find some"
    unexpected = []
    for path in articles(corpus_root):
        rel = path.relative_to(corpus_root)
        article = read_article(path.read_bytes(), str(rel))
        exact = render(article, Form.LOCALIZED)
        published = (corpus_run["published"] / rel).read_bytes().decode()
        if exact == published:
            continue
        shown = os.path.relpath(path)
        swapped = {(shown, s.id) for s in article.segments}
        if not swapped & errors:
            unexpected.append(str(rel))
            continue
        # re-render by hand: English where the segment had an error, translation elsewhere
        bad = {sid for file, sid in errors if file == shown}
        expected = render(article, Form.LOCALIZED, [
            s.source if s.id in bad else s.translation for s in article.segments])
        if published != expected:
            unexpected.append(f"{rel} ({len(bad)} segments with errors)")
    assert unexpected == []


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
    # and the same run again leaves every catalog and output as it was
    assert {p: p.stat().st_mtime_ns for p in catalogs} == before


def test_a_catalog_made_from_its_article_alone_has_nothing_for_the_catalog_rules(
        corpus_root: Path) -> None:
    """A run skips the catalog rules for a catalog it has just made from the article alone
    (``job.prepare``): they compare a catalog with its article, and such a catalog agrees with
    it by construction. Held over every article of the corpus, duplicate English and all."""
    from pipeline.catalog.keys import entries_for, segment_keys
    from pipeline.checks import catalog_findings
    from pipeline.checks.base import Options
    from pipeline.merge import merge

    found = []
    for path in articles(corpus_root):
        rel = str(path.relative_to(corpus_root))
        article = read_article(path.read_bytes(), rel, rel)
        if not article.segments:
            continue
        keys = segment_keys(article.segments)
        catalog = merge(article, None, keys)
        found += catalog_findings(article, catalog, rel[:-3] + ".po", Options(), keys,
                                  entries=entries_for(article, catalog, keys))
    assert found == []
