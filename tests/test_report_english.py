"""The report over plain English (content/en-US) and the catalogs it drives: each English article
gets a page in each target locale, whose rows are its units as ``locales`` publishes them, and
the findings of its catalog sit on the rows they are about."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from example import copy_example
from test_report import _edit, build, dom, findings_row, squash

ARTICLE = "how-to/preview-locally"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with its English, edited: fr-FR's reviewed "Prerequisites" says ``SCRIPT``
    (held back: the English is published); the English of the intro's first sentence changed
    (no entry holds it until the next extract: missing)."""
    root = tmp_path_factory.mktemp("report-english")
    here = os.getcwd()
    os.chdir(root)
    try:
        content, locales = Path("content"), Path("locales")
        copy_example(content, locales, english=True)
        _edit(locales / "fr-FR" / f"{ARTICLE}.po", 'msgstr "Prérequis"',
              f'msgstr "Prérequis {SCRIPT}"')
        _edit(content / "en-US" / f"{ARTICLE}.md", "can build your articles and serve them",
              "can build your articles and then serve them")
        return build(root, content, locales)
    finally:
        os.chdir(here)


def _rows(doc: object) -> list[tuple[str, str, str]]:
    """(English, published, state) of each segment row."""
    return [(r.one("td", cls="en").text, r.one("td", cls="tr").text,
             squash(r.one("td", cls="state").text))
            for r in doc.all("tr", cls="seg")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("locale", ["ar-SA", "de-DE", "fr-FR", "ja-JP"])
def test_every_target_locale_of_an_english_article_has_its_page(report: Path,
                                                                 locale: str) -> None:
    doc = dom(report / locale / f"{ARTICLE}.html")
    facts = squash(doc.one("dl").text)
    assert f"content/en-US/{ARTICLE}.md" in facts and f"locales/{locale}/{ARTICLE}.po" in facts
    rows = _rows(doc)
    assert rows[0][0] == "Preview an article locally"  # the front matter's title comes first
    assert len(rows) == 29
    index = squash(dom(report / f"{locale}.html").text)
    assert ARTICLE in index


def test_rows_show_what_locales_publishes_from_the_catalog(report: Path) -> None:
    doc = dom(report / "fr-FR" / f"{ARTICLE}.html")
    assert doc.one("h1").text == "Prévisualiser un article en local"  # the translated title
    rows = _rows(doc)
    assert ("Start the preview server", "Démarrer le serveur d’aperçu", "reviewed") in rows
    # de-DE's catalog holds no translation of the heading: the English stands in
    de = _rows(dom(report / "de-DE" / f"{ARTICLE}.html"))
    assert ("Start the preview server", "Start the preview server", "missing") in de


def test_an_unsafe_translation_is_held_back_and_its_finding_is_on_its_row(report: Path) -> None:
    doc = dom(report / "fr-FR" / f"{ARTICLE}.html")
    row = next(r for r in doc.all("tr", cls="seg") if r.one("td", cls="en").text ==
               "Prerequisites")
    cell = row.one("td", cls="tr")
    assert cell.children[0] == "Prerequisites"  # the English, not the script, and why
    assert squash(cell.one("div", cls="note").text) == (
        "the catalog translation was held back (html-added, unsafe-element); the English was "
        "published instead")
    assert "flagged" in row.attrs["class"].split()
    items = findings_row(doc, row.attrs["id"]).all("li", cls="finding")
    assert sorted(c for i in items for c in ("html-added", "unsafe-element") if c in i.text) \
        == ["html-added", "unsafe-element"]
    item = next(i for i in items if "unsafe-element" in i.text)
    po = Path(report.parent, "locales", "fr-FR", f"{ARTICLE}.po").read_text(
        encoding="utf-8").split("\n")
    link = item.one("a", cls="loc")
    line = int(link.text.rsplit(":", 1)[1])
    assert link.text.startswith(f"locales/fr-FR/{ARTICLE}.po:")
    assert SCRIPT in "\n".join(po[line - 1:line + 6])  # the entry the finding names
    assert SCRIPT not in (report / "fr-FR" / f"{ARTICLE}.html").read_text(encoding="utf-8")


def test_english_changed_since_the_catalog_shows_missing_until_extract(report: Path) -> None:
    rows = _rows(dom(report / "ja-JP" / f"{ARTICLE}.html"))
    changed = [r for r in rows if "and then serve them" in r[0]]
    assert len(changed) == 1 and changed[0][1] == changed[0][0] and changed[0][2] == "missing"


def test_the_index_counts_the_english_driven_articles(report: Path) -> None:
    doc = dom(report / "index.html")
    text = squash(doc.text)
    for locale in ("ar-SA", "de-DE", "fr-FR", "ja-JP"):
        assert locale in text
    pages = sorted(p.relative_to(report).as_posix() for p in report.rglob(f"{ARTICLE}.html"))
    assert pages == [f"{loc}/{ARTICLE}.html" for loc in ("ar-SA", "de-DE", "fr-FR", "ja-JP")]
