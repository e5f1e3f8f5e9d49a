"""Which articles a run makes once English lives in content/<source-locale>, and the settings
that name the source and the targets."""

from __future__ import annotations

from collections.abc import Callable
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


def _english_tree(root: Path) -> None:
    _articles(root)
    (root / "content" / "fr-FR").mkdir()
    (root / "locales" / "de-DE").mkdir(parents=True)


def _articles(root: Path, names: str = "a", folder: str = "") -> None:
    """English articles ``names`` (each its name as title and heading, then 'Text.') under
    content/en-US/``folder``."""
    (root / "content" / "en-US" / folder).mkdir(parents=True)
    for name in names:
        (root / "content" / "en-US" / folder / f"{name}.md").write_text(
            f"---\ntitle: {name}\n---\n\n# {name}\n\nText.\n")


def _translate(catalog: Path) -> str:
    """'Text.' translated in ``catalog``; the catalog's text before."""
    before = catalog.read_text()
    catalog.write_text(before.replace('msgid "Text."\nmsgstr ""', 'msgid "Text."\nmsgstr "Texte."'))
    return before


def _published_fr(root: Path) -> tuple[str, str]:
    """An English a.md run into locales/fr-FR, its 'Text.' translated there and run again:
    (the page build/fr-FR/a.md, the catalog as the first run made it)."""
    _articles(root)
    (root / "locales" / "fr-FR").mkdir(parents=True)
    assert _main(root) == 0
    empty = _translate(root / "locales" / "fr-FR" / "a.po")
    assert _main(root) == 0
    return (root / "build" / "fr-FR" / "a.md").read_text(), empty


def _main(root: Path, *extra: str) -> int:
    from pipeline.cli import main

    return main(["locales", "--content", str(root / "content"), "--locales",
                 str(root / "locales"), "--out", str(root / "build"), "-j", "1", "-q", *extra])


def test_a_run_lists_its_target_locales_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line, the articles, the orphan walk and the build-locales check each
    listed the content and catalogs folders: four listings a run could disagree on. One
    listing decides: each root is listed once."""
    import pipeline.source.tree as source_tree

    _english_tree(tmp_path)
    folders, listed = source_tree._folders, []

    def spy(root: Path) -> list[str] | str:
        listed.append(str(root))
        return folders(root)

    monkeypatch.setattr(source_tree, "_folders", spy)
    assert _main(tmp_path, "--prune") == 0
    assert sorted(listed) == sorted([str(tmp_path / "content"), str(tmp_path / "locales")])


def test_a_catalogs_folder_changed_between_listings_leaves_the_run_one_set_of_targets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """locales/ held de-DE when the run listed its targets and no more when the articles
    were listed (a folder changed, a network folder's hiccup): de-DE was a target of the
    run (its jobs, prune) and yet none of its articles was made. Every part reads the one
    listing: de-DE's page is made."""
    import pipeline.source.tree as source_tree

    _english_tree(tmp_path)
    folders, seen = source_tree._folders, []

    def changing(root: Path) -> list[str] | str:
        if str(root) == str(tmp_path / "locales"):
            seen.append(root)
            if len(seen) > 1:
                return []  # de-DE gone, on every later listing
        return folders(root)

    monkeypatch.setattr(source_tree, "_folders", changing)
    assert _main(tmp_path) == 0
    assert seen and (tmp_path / "build" / "de-DE" / "a.md").is_file()
    assert (tmp_path / "build" / "fr-FR" / "a.md").is_file()


def test_a_listing_that_fails_then_reads_drops_no_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """locales/ could not be listed when the run looked for its targets and could later: the
    run's targets and whether its roots were listed come from that one listing, so de-DE is
    neither made nor taken for dropped, and its page stays."""
    import pipeline.source.tree as source_tree

    _english_tree(tmp_path)
    assert _main(tmp_path) == 0
    folders, seen = source_tree._folders, []

    def hiccup(root: Path) -> list[str] | str:
        if str(root) == str(tmp_path / "locales"):
            seen.append(root)
            if len(seen) == 1:
                return "Input/output error"
        return folders(root)

    monkeypatch.setattr(source_tree, "_folders", hiccup)
    _main(tmp_path, "--prune")
    assert len(seen) == 1
    assert (tmp_path / "build" / "de-DE" / "a.md").is_file()


@pytest.mark.parametrize("other", ["FR-fr", "fr-fr"])
def test_a_locale_folder_in_another_case_never_takes_the_englishs_translations_away(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], other: str) -> None:
    """A handoff folder `content/FR-fr` (a delivery unzipped as its vendor spelled it) sorted
    before `fr-FR` and became the English's target: a new, empty `locales/FR-fr/a.po`, the
    page made from it untranslated at `build/FR-fr/a.md`, and `--prune` removed the
    translated `build/fr-FR/a.md`, exit 0. The catalogs' spelling is made, with a warning."""
    from pipeline.cli import main

    root = tmp_path
    page, _ = _published_fr(root)
    assert "Texte." in page
    (root / "content" / other).mkdir()
    capsys.readouterr()
    assert main(["locales", "--content", str(root / "content"), "--locales",
                 str(root / "locales"), "--out", str(root / "build"), "-j", "1",
                 "--prune"]) == 0
    assert (root / "build" / "fr-FR" / "a.md").read_text() == page
    assert not (root / "locales" / other).exists() and not (root / "build" / other).exists()
    assert (f"content/{other}: warning[layout]: the locale folder {other!r} names "
            "the locale of 'fr-FR' in another case") in capsys.readouterr().err


def test_a_delivery_in_a_locale_folder_in_another_case_makes_no_second_target(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder other-spelled held a handoff of the English (content/FR-fr/a.md, a delivery
    unzipped as its vendor spelled it): the catalogs' spelling was made, but the handoff was
    a job of its own, English-driven for FR-fr: a new, empty locales/FR-fr/a.po, its page
    published untranslated at build/FR-fr/a.md (on macOS or Windows the very files of
    fr-FR, written by two jobs). The other spelling's handoffs are fr-FR's job, with the
    warning."""
    root = tmp_path
    page, _ = _published_fr(root)
    (root / "content" / "FR-fr").mkdir()
    (root / "content" / "FR-fr" / "a.md").write_text(page.replace("Texte.", "Le texte."))
    capsys.readouterr()
    _main(root, "--prune")
    assert (root / "build" / "fr-FR" / "a.md").read_text() == page
    assert not (root / "locales" / "FR-fr").exists() and not (root / "build" / "FR-fr").exists()
    assert ("content/FR-fr: warning[layout]: the locale folder 'FR-fr' names the locale of "
            "'fr-FR' in another case") in capsys.readouterr().err


@pytest.mark.parametrize("other", ["FR-fr", "fr-fr"])
def test_a_catalogs_folder_in_another_case_never_takes_the_englishs_translations_away(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], other: str) -> None:
    """Catalogs in two spellings (locales/FR-fr/a.po, which a run before the fix above made,
    or a vendor returned so) were taken sorted by code point: 'FR-fr' before 'fr-FR' became
    the English's target, its empty catalog published untranslated at build/FR-fr/a.md, and
    --prune removed the translated build/fr-FR/a.md, exit 0. The tag's own case comes first."""
    root = tmp_path
    page, empty = _published_fr(root)
    (root / "locales" / other).mkdir()
    (root / "locales" / other / "a.po").write_text(empty)
    capsys.readouterr()
    _main(root, "--prune")
    assert (root / "build" / "fr-FR" / "a.md").read_text() == page
    assert not (root / "build" / other).exists()
    assert (f"locales/{other}: warning[layout]: the locale folder {other!r} names the locale "
            "of 'fr-FR' in another case") in capsys.readouterr().err


def test_catalogs_in_two_spellings_are_made_where_most_of_them_are_filed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repo whose catalogs are filed under locales/fr-fr (a spelling many repos use), and a
    vendor's return unzipped as locales/fr-FR/a.po beside them: the tag's own case was made,
    fr-FR, from the one new catalog, b.md published untranslated at build/fr-FR, and --prune
    removed the translated build/fr-fr pages, exit 0. The spelling filing the most catalogs
    is made (the tag's case between equals), and the other is the warning."""
    root = tmp_path
    _articles(root, "ab")
    (root / "locales" / "fr-fr").mkdir(parents=True)
    assert _main(root) == 0
    for name in ("a", "b"):
        _translate(root / "locales" / "fr-fr" / f"{name}.po")
    assert _main(root) == 0
    pages = {name: (root / "build" / "fr-fr" / f"{name}.md").read_text() for name in "ab"}
    (root / "locales" / "fr-FR").mkdir()
    (root / "locales" / "fr-FR" / "a.po").write_text(
        (root / "locales" / "fr-fr" / "a.po").read_text().replace("Texte.", "Le texte."))
    capsys.readouterr()
    _main(root, "--prune")
    assert {name: (root / "build" / "fr-fr" / f"{name}.md").read_text()
            for name in "ab"} == pages
    assert not (root / "build" / "fr-FR").exists()
    assert ("locales/fr-FR: warning[layout]: the locale folder 'fr-FR' names the locale of "
            "'fr-fr' in another case") in capsys.readouterr().err


def _filed_apart(root: Path, fr: Path) -> None:
    """The catalogs of locales/fr-fr/docs moved to ``fr`` and linked back in."""
    docs = root / "locales" / "fr-fr" / "docs"
    fr.parent.mkdir(parents=True, exist_ok=True)
    docs.rename(fr)
    docs.symlink_to(fr, target_is_directory=True)


def _hidden_in_the_other(root: Path, fr: Path) -> None:
    """Three stray catalogs in a dot folder of locales/fr-FR, which no run reads."""
    del fr
    (root / "locales" / "fr-FR" / ".old").mkdir(parents=True)
    for name in "xyz":
        (root / "locales" / "fr-FR" / ".old" / f"{name}.po").write_text("")


@pytest.mark.parametrize("arrange", [_filed_apart, _hidden_in_the_other],
                         ids=["filed through a linked folder", "strays in a dot folder"])
def test_catalogs_in_two_spellings_are_counted_as_the_run_reads_them(
        tmp_path: Path, arrange: Callable[[Path, Path], None],
        capsys: pytest.CaptureFixture[str]) -> None:
    """The catalogs a spelling files are counted as the run walks them: through a linked
    folder (a shared checkout linked in), never in a dot folder. Counted by os.walk, the
    repo's fr-fr filing its catalogs through a link held none, a vendor's locales/fr-FR/docs/
    a.po (or three strays in locales/fr-FR/.old) outnumbered it, fr-FR was made and --prune
    removed the translated build/fr-fr pages."""
    root = tmp_path / "r"
    _articles(root, "ab", "docs")
    (root / "locales" / "fr-fr").mkdir(parents=True)
    assert _main(root) == 0
    if arrange is _filed_apart:
        arrange(root, tmp_path / "shared" / "docs")
    for name in ("a", "b"):
        _translate(root / "locales" / "fr-fr" / "docs" / f"{name}.po")
    assert _main(root) == 0
    pages = {name: (root / "build" / "fr-fr" / "docs" / f"{name}.md").read_text()
             for name in "ab"}
    assert all("Texte." in page for page in pages.values())
    (root / "locales" / "fr-FR" / "docs").mkdir(parents=True)
    (root / "locales" / "fr-FR" / "docs" / "a.po").write_text(
        (root / "locales" / "fr-fr" / "docs" / "a.po").read_text())
    if arrange is not _filed_apart:
        arrange(root, tmp_path)
    capsys.readouterr()
    _main(root, "--prune")
    assert {name: (root / "build" / "fr-fr" / "docs" / f"{name}.md").read_text()
            for name in "ab"} == pages
    assert not (root / "build" / "fr-FR").exists()


def test_a_catalogs_spelling_that_is_a_link_to_the_other_is_said_to_be_one_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """locales/fr-FR a link to the repo's locales/fr-fr: the warning said to move what is in
    'fr-fr' into 'fr-FR' and remove 'fr-fr', which, done, removed the catalogs the link
    showed. It says the two are one folder and to remove the link."""
    root = tmp_path
    (root / "content" / "en-US").mkdir(parents=True)
    (root / "content" / "en-US" / "a.md").write_text("---\ntitle: a\n---\n\n# a\n\nText.\n")
    (root / "locales" / "fr-fr").mkdir(parents=True)
    assert _main(root) == 0
    (root / "locales" / "fr-FR").symlink_to("fr-fr", target_is_directory=True)
    capsys.readouterr()
    _main(root)
    said = capsys.readouterr().err
    assert "remove it" not in said
    assert ("the locale folder 'fr-fr' and 'fr-FR' are one folder, through the symbolic link "
            "'fr-FR'") in said and "(hint: remove the link 'fr-FR')" in said
