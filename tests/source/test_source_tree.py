"""Which articles a run makes once English lives in content/<source-locale>, and the settings
that name the source and the targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ConfigError, from_table
from pipeline.layout import Layout
from pipeline.source.tree import articles, target_locales


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x\n", encoding="utf-8")


def test_every_english_article_is_made_once_per_target_locale(tmp_path: Path) -> None:
    _touch(tmp_path / "c" / "en-US" / "a.md")
    _touch(tmp_path / "c" / "en-US" / "sub" / "b.md")
    _touch(tmp_path / "c" / "fr-FR" / "a.md")  # a handoff of an English article
    _touch(tmp_path / "c" / "de-DE" / "old.md")  # a handoff without English
    (tmp_path / "l" / "ar-SA").mkdir(parents=True)
    layout = Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o", "en-US")
    found = articles(layout, configured=["he-IL"])
    assert found.rels == [
        "de-DE/old.md",
        "ar-SA/a.md", "de-DE/a.md", "fr-FR/a.md", "he-IL/a.md",
        "ar-SA/sub/b.md", "de-DE/sub/b.md", "fr-FR/sub/b.md", "he-IL/sub/b.md",
    ]
    assert layout.drives("fr-FR/a.md") and not layout.drives("de-DE/old.md")
    assert layout.paths("fr-FR/a.md")[0] == f"{tmp_path}/c/en-US/a.md"
    assert layout.has_article("he-IL/sub/b.md")


def test_build_locales_narrow_the_targets(tmp_path: Path) -> None:
    _touch(tmp_path / "c" / "en-US" / "a.md")
    for locale in ("fr-FR", "ar-SA"):
        (tmp_path / "l" / locale).mkdir(parents=True)
    layout = Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o", "en-US")
    assert target_locales(layout, frozenset({"ar-sa"})) == ["ar-SA"]
    assert articles(layout, frozenset({"ar-sa"})).rels == ["ar-SA/a.md"]


def test_without_a_source_folder_nothing_changes(tmp_path: Path) -> None:
    _touch(tmp_path / "c" / "en-US" / "a.md")  # read as a handoff, as before
    layout = Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o")
    assert articles(layout).rels == ["en-US/a.md"]
    assert not layout.drives("en-US/a.md")


@pytest.mark.parametrize(("table", "message"), [
    ({"source-locale": "english"}, "not a locale name"),
    ({"source-locale": 3}, "must be a string"),
    ({"target-locales": "fr-FR"}, "must be a list of strings"),
    ({"target-locales": ["fr FR"]}, "not a locale name"),
])
def test_bad_source_and_target_settings_are_refused(table: dict[str, object],
                                                    message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_table(table, "pyproject.toml", frozenset)


def test_source_and_target_settings_load() -> None:
    config = from_table({"source-locale": "en-GB", "target-locales": ["fr-FR", "fr-FR", "ja-JP"]},
                        "pyproject.toml", frozenset)
    assert config.source_locale == "en-GB"
    assert config.target_locales == ("fr-FR", "ja-JP")


def test_an_english_driven_tree_loads_the_catalog_fast_path_before_the_workers_fork(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its regular expressions are compiled once, in the process the workers fork from."""
    import sys

    _touch(tmp_path / "c" / "en-US" / "a.md")
    (tmp_path / "l" / "fr-FR").mkdir(parents=True)
    monkeypatch.delitem(sys.modules, "pipeline.catalog.canonical", raising=False)
    articles(Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o", "en-US"))
    assert "pipeline.catalog.canonical" in sys.modules
