"""The report as a CI artifact: a second report over an unchanged tree replays the checks from
its run cache and makes no article page again; a change redoes only its article, and the result
is the report made from scratch; baselined and suppressed findings are shown as such."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from gate_tree import PAIRS, cli_args, make_tree, sxs

from pipeline.cli import main
from pipeline.report import build

ARTICLES = {"fr-FR/a.md": sxs(PAIRS), "fr-FR/b.md": sxs(PAIRS, prefix="c0ffe"),
            "de-DE/c.md": sxs(PAIRS, locale="de-DE", prefix="d00d1")}


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    content, locales, _ = make_tree(tmp_path, ARTICLES)
    assert main(cli_args("extract", content, locales)) == 0
    return content, locales


@pytest.fixture
def collected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles whose pages a report works out (reads, checks and lays out)."""
    seen: list[str] = []
    real = build.collect

    def counting(rel: str, *args: object) -> object:
        seen.append(rel)
        return real(rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "collect", counting)
    return seen


def report(content: Path, locales: Path, out: Path, *more: str) -> int:
    return main([*cli_args("report", content, locales), "--out", str(out), "-q", *more])


def same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file()
                   and not p.name.startswith("."))
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()
                   and not p.name.startswith("."))
    return files == other and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


def test_a_report_over_an_unchanged_tree_makes_no_article_page(
    tree: tuple[Path, Path], tmp_path: Path, collected: list[str]
) -> None:
    content, locales = tree
    out = tmp_path / "report"
    assert report(content, locales, out) == 0
    assert sorted(collected) == sorted(ARTICLES)
    collected.clear()
    assert report(content, locales, out) == 0
    assert collected == []


def test_a_changed_catalog_redoes_its_article_only_and_matches_a_fresh_report(
    tree: tuple[Path, Path], tmp_path: Path, collected: list[str]
) -> None:
    content, locales = tree
    out, fresh = tmp_path / "report", tmp_path / "fresh"
    assert report(content, locales, out) == 0
    po = locales / "fr-FR/b.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Fermez la fenêtre."', 'msgstr "Fermez la `fenêtre`."'), encoding="utf-8")
    collected.clear()
    assert report(content, locales, out) == 0
    assert collected == ["fr-FR/b.md"]
    assert report(content, locales, fresh) == 0
    assert same_tree(out, fresh)


def test_baselined_and_suppressed_findings_are_shown_as_such(
    tree: tuple[Path, Path], tmp_path: Path
) -> None:
    content, locales = tree
    out, baseline = tmp_path / "report", tmp_path / "b.json"
    assert report(content, locales, out) == 0  # first without: the marks must reach reused pages
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    po = locales / "fr-FR/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Close the window."', '# ignore-code-changed\nmsgid "Close the window."').replace(
        'msgstr "Fermez la fenêtre."', 'msgstr "Fermez la `fenêtre`."'), encoding="utf-8")
    assert report(content, locales, out, "--baseline", str(baseline)) == 0
    a_page = (out / "fr-FR/a.html").read_text(encoding="utf-8")
    c_page = (out / "de-DE/c.html").read_text(encoding="utf-8")
    assert a_page.count(">baselined<") == 2 and a_page.count(">suppressed<") == 1
    assert c_page.count(">baselined<") == 2  # an article whose files did not change
    listing = (out / "check-code-changed.html").read_text(encoding="utf-8")
    assert listing.count(">baselined<") == 6 and listing.count(">suppressed<") == 1


def test_a_report_under_a_folder_named_in_latin_1_is_written_and_reused(
    tree: tuple[Path, Path], tmp_path: Path, collected: list[str]
) -> None:
    """helper-127: roots under a folder whose name is not UTF-8 (``caf\\xe9``): the report wrote
    its pages, then stopped with 'internal error: UnicodeEncodeError … surrogates not allowed'
    (exit 3) saving its page cache, whose fingerprint names the roots."""
    content, locales = tree
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    odd.mkdir()
    content, locales = content.rename(odd / "content"), locales.rename(odd / "locales")
    (odd / "pyproject.toml").write_text("")
    out = odd / "report"
    assert report(content, locales, out) == 0
    assert (out / ".report-cache").is_file()
    collected.clear()
    assert report(content, locales, out) == 0
    assert collected == []  # reused: the cache reads back


def test_a_renamed_articles_baselined_findings_are_shown_baselined(
    tree: tuple[Path, Path], tmp_path: Path
) -> None:
    """As check and locales do: an entry whose article is gone stands for the same finding in
    the article it was renamed to (``git mv``)."""
    content, locales = tree
    out, baseline = tmp_path / "report", tmp_path / "b.json"
    assert main([*cli_args("baseline", content, locales), "--out", str(baseline)]) == 0
    (content / "fr-FR/a.md").rename(content / "fr-FR/renamed.md")
    (locales / "fr-FR/a.po").rename(locales / "fr-FR/renamed.po")
    assert report(content, locales, out, "--baseline", str(baseline)) == 0
    page = (out / "fr-FR/renamed.html").read_text(encoding="utf-8")
    assert page.count(">baselined<") == 2


def test_a_report_cache_nested_too_deep_is_ignored_and_every_page_made(
    tree: tuple[Path, Path], tmp_path: Path, collected: list[str]
) -> None:
    """A corrupt .report-cache is ignored; one nested deeply stopped the report with
    `pipeline: internal error: RecursionError`, exit 3."""
    content, locales = tree
    out = tmp_path / "report"
    assert report(content, locales, out) == 0
    (out / ".report-cache").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    collected.clear()
    assert report(content, locales, out) == 0
    assert sorted(collected) == sorted(ARTICLES)
