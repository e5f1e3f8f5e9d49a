"""The English-driven flow end to end on a small tree, through the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from source_tree import Tree, lag

from pipeline.segment.output import pair

GUIDE = """\
---
title: Share a notebook
description: Invite others to read or edit a notebook.
ms.date: 02/03/2025
---

# Share a notebook

You can share a notebook with anyone who has an account.

## Send an invitation

1. Open the notebook, and then select **Share**.
2. Enter an email address. See [Permissions](#permissions) for what each role can do.

## Permissions

| Role | Can do |
|---|---|
| Reader | Read pages. |
| Editor | Read and change pages. |
"""
ARABIC = {
    "Share a notebook": "مشاركة دفتر ملاحظات",
    "Permissions": "الأذونات",
    "Read pages.": "قراءة الصفحات.",
}
FRENCH = {
    "Share a notebook": "Partager un bloc-notes",
    "Send an invitation": "Envoyer une invitation",
    "Enter an email address.": "Entrez une adresse e-mail.",
}


def _two_locales(tree: Tree) -> Tree:
    tree.write("share.md", GUIDE)
    tree.target("ar-SA", "fr-FR")
    assert tree.run("extract") == 0
    tree.translate("ar-SA", "share.md", ARABIC)
    tree.translate("fr-FR", "share.md", FRENCH)
    return tree


def test_locales_on_a_tree_of_english_and_catalogs_builds_every_locale(tree: Tree) -> None:
    _two_locales(tree)
    assert tree.run("locales") == 0
    arabic, french = tree.page("ar-SA", "share.md"), tree.page("fr-FR", "share.md")
    assert "# <a name=\"share-a-notebook\"></a>مشاركة دفتر ملاحظات\n" in arabic
    assert "| Reader | قراءة الصفحات. |" in arabic
    assert "title: مشاركة دفتر ملاحظات\n" in arabic and "ms.contentlocale: ar-SA\n" in arabic
    assert "2. Entrez une adresse e-mail. See [Permissions](#permissions)" in french
    assert '## <a name="permissions"></a>Permissions\n' in french
    # a second run changes no file (the run cache aside)
    def stamps() -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in tree.root.rglob("*")
                if p.is_file() and not p.name.startswith(".")}

    before = stamps()
    assert tree.run("locales") == 0
    assert stamps() == before


def test_render_source_gives_the_english_back_byte_for_byte(tree: Tree) -> None:
    _two_locales(tree)
    english = GUIDE.replace("\n", "\r\n").rstrip("\r\n")
    tree.write("share.md", english)
    assert tree.run("extract") == 0
    assert tree.run("render", "--form", "source") == 0
    assert (tree.out / "fr-FR" / "share.md").read_bytes() == english.encode()


def test_render_bilingual_writes_pairs_with_the_published_translations(tree: Tree) -> None:
    _two_locales(tree)
    assert tree.run("render", "--form", "bilingual") == 0
    page = tree.page("fr-FR", "share.md")
    assert '<span data-ttu-id="' in page
    assert ('">Envoyer une invitation</span><span class="sxs-lookup"><span data-stu-id="'
            in page)
    assert '">Send an invitation</span></span>' in page


def test_the_source_folder_is_not_read_as_handoffs(tree: Tree,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    assert tree.run("check", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    assert {f["check"] for f in found} <= {"translation-lag"}
    assert not (tree.out / "en-US").exists()
    assert not (tree.locales / "en-US").exists()


HANDOFF = f"""\
---
title: Referenz
ms.translationtype: HT
ms.contentlocale: de-DE
ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567
ms.openlocfilehash: 89abcdef0123456789abcdef0123456789abcdef
ms.lasthandoff: 01/20/2025
---
{pair('ddddd-101', 'The reference.', 'Die Referenz.')}
"""


def test_handoffs_without_english_still_run_as_before_beside_it(tree: Tree) -> None:
    _two_locales(tree)
    tree.write("reference.md", HANDOFF, locale="de-DE")
    assert tree.run("locales") == 0
    assert tree.page("de-DE", "reference.md").endswith("\nDie Referenz.\n")
    assert tree.catalog("de-DE", "reference.md").header_value("X-MS-Translation-Type") == "HT"
    # the English is made for the handoffs' locale too
    assert "# <a name=\"share-a-notebook\"></a>Share a notebook" in tree.page("de-DE", "share.md")


def test_the_settings_name_the_source_locale_and_more_target_locales(tree: Tree) -> None:
    tree.write("share.md", GUIDE, locale="en-GB")
    config = tree.root / "pyproject.toml"
    config.write_text('[tool.pipeline]\nsource-locale = "en-GB"\n'
                      'target-locales = ["he-IL", "ja-JP"]\n', encoding="utf-8")
    assert tree.run("locales", "--config", str(config)) == 0
    assert sorted(p.name for p in tree.out.iterdir() if p.is_dir()) == ["he-IL", "ja-JP"]
    assert tree.catalog("he-IL", "share.md").header_value("Language") == "he_IL"


def test_check_reports_changed_english_and_the_locales_that_lag(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    tree.write("share.md", GUIDE.replace("Enter an email address.", "Enter an address."))
    assert tree.run("extract") == 0
    capsys.readouterr()
    assert tree.run("check", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    changed = [f for f in found if f["check"] == "english-changed"]
    assert len(changed) == 1 and changed[0]["file"].endswith("fr-FR/share.po")
    assert "was 'Enter an email address.'" in changed[0]["message"]
    lag = {f["file"].rsplit("/", 2)[1]: f["message"] for f in found
           if f["check"] == "translation-lag"}
    assert set(lag) == {"ar-SA", "fr-FR"}
    assert "1 awaiting review after an English change" in lag["fr-FR"]


def test_a_catalog_whose_english_is_gone_is_an_orphan(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    (tree.content / "en-US" / "share.md").unlink()
    capsys.readouterr()
    assert tree.run("check", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    orphans = {f["file"].rsplit("/", 2)[1]: f["message"] for f in found
               if f["check"] == "orphan-catalog"}
    assert sorted(orphans) == ["ar-SA", "fr-FR"]
    # it names the English that is gone, not a handoff the tree never had
    assert orphans["fr-FR"].startswith("no English ") and "en-US/share.md" in orphans["fr-FR"]
    assert "left from an earlier run" not in orphans["fr-FR"]  # no run wrote a page


def test_the_pages_an_earlier_run_made_of_a_deleted_english_are_orphans(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The English is gone; the pages the last run wrote are not updated any more: said at
    each page (``--prune`` deletes them: tests/checks/test_tree.py)."""
    _two_locales(tree)
    assert tree.run("locales") == 0
    (tree.content / "en-US" / "share.md").unlink()
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    pages = sorted(f["file"].rsplit("/", 2)[1] for f in found if f["check"] == "orphan-page")
    assert pages == ["ar-SA", "fr-FR"]
    catalogs = [f["message"] for f in found if f["check"] == "orphan-catalog"]
    assert len(catalogs) == 2 and not any("build" in m for m in catalogs)


def test_a_broken_english_article_is_reported_once_for_all_its_locales(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    (tree.content / "en-US" / "bad.md").write_bytes(b"caf\xe9\n")
    capsys.readouterr()
    assert tree.run("locales") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error[" in line]
    assert len(errors) == 1 and "en-US/bad.md" in errors[0] and "encoding" in errors[0]
    assert tree.page("fr-FR", "share.md")  # the other articles still ran


@pytest.mark.parametrize("target, said", [
    ("nowhere.md", "a symbolic link to 'nowhere.md', which does not exist"),
    ("ghost.md", "cannot follow this symbolic link (it leads back to itself)"),
])
def test_an_english_article_that_is_a_broken_link_is_reported_once_at_the_english(
        tree: Tree, capsys: pytest.CaptureFixture[str], target: str, said: str) -> None:
    """helper-43: a link to nothing was a handoff to read in every locale's folder, each an
    error at a path that does not exist, with a hint about permissions."""
    _two_locales(tree)
    (tree.content / "en-US" / "ghost.md").symlink_to(target)
    capsys.readouterr()
    assert tree.run("locales") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error[" in line]
    assert len(errors) == 1 and "en-US/ghost.md" in errors[0], errors
    assert said in errors[0] or "cannot follow this symbolic link" in errors[0]
    assert tree.page("fr-FR", "share.md")  # the other articles still ran


def test_an_english_article_that_is_a_fifo_is_reported_once_at_the_english(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO was no English to ``Layout.drives``: each locale's job read a handoff that does
    not exist, an error per locale at that path (No such file or directory)."""
    _two_locales(tree)
    os.mkfifo(tree.content / "en-US" / "pipe.md")
    capsys.readouterr()
    assert tree.run("locales") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error[" in line]
    assert len(errors) == 1 and "en-US/pipe.md: error[unreadable]: not a regular file" in errors[0]
    assert tree.page("fr-FR", "share.md")  # the other articles still ran


def test_a_translation_with_an_error_is_cited_at_its_catalog_entry(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    _two_locales(tree)
    tree.translate("fr-FR", "share.md",
                   {"Open the notebook, and then select **Share**.": "Ouvrez <script>x</script>"})
    capsys.readouterr()
    assert tree.run("locales") == 1
    err = capsys.readouterr().err
    assert "fr-FR/share.po:" in err and "error[unsafe-element]" in err
    assert "1. Open the notebook, and then select **Share**." in tree.page("fr-FR", "share.md")


def test_english_driven_catalogs_are_what_gnu_gettext_writes(
        tree: Tree, require_gettext: None) -> None:
    _two_locales(tree)
    tree.write("share.md", GUIDE.replace("Enter an email address.", "Enter an address."))
    assert tree.run("extract") == 0
    for po in sorted(tree.locales.rglob("*.po")):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)
        again = subprocess.run(["msgcat", "--no-wrap", str(po)], check=True,
                               capture_output=True).stdout
        assert again == po.read_bytes(), po


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_committed_example_is_in_step(tmp_path: Path) -> None:
    """``make locales`` on a fresh clone leaves git clean: the example's catalogs are what a
    run makes of content/ (checked here by a run on a copy)."""
    repo = Path(__file__).resolve().parents[2]
    for name in ("content", "locales"):
        shutil.copytree(repo / name, tmp_path / name)
    tree = Tree(tmp_path)
    assert tree.run("locales") == 0
    for po in sorted((repo / "locales").rglob("*.po")):
        rel = po.relative_to(repo)
        assert (tmp_path / rel).read_bytes() == po.read_bytes(), rel


def test_a_held_back_translation_counts_as_lagging(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The page shows English where the checks hold a translation back: the lag says so."""
    _two_locales(tree)
    tree.translate("fr-FR", "share.md",
                   {"Permissions": "Autorisations <script>alert(1)</script>"})
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 1
    found = json.loads(capsys.readouterr().out)
    lag = [f["message"] for f in found if f["check"] == "translation-lag"
           and "fr-FR" in f["file"]]
    assert len(lag) == 1 and "1 held back by an error in the translation" in lag[0]
    assert "## <a name=\"permissions\"></a>Permissions\n" in tree.page("fr-FR", "share.md")


def test_an_entry_two_units_share_is_reported_once(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """The title and the first heading hold the same English: one entry, one finding each."""
    tree.write("share.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "share.md", {"Share a notebook": "Partager <script>x</script>"})
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 1
    found = json.loads(capsys.readouterr().out)
    cited = [(f["check"], f["line"]) for f in found if f["check"] != "translation-lag"]
    assert sorted(cited) == sorted(set(cited)) and {c for c, _ in cited} == {
        "html-added", "unsafe-element", "render-substituted"}


def test_the_teams_own_english_markup_is_published_as_written(tree: Tree) -> None:
    """The markup between the segments of an English-driven page is the team's English, which
    the safety rules trust: an embed stays, with no finding. (An sxs article's is checked.)"""
    tree.target("fr-FR")
    english = GUIDE + '\n<script src="https://cdn.contoso.com/widget.js"></script>\n'
    tree.write("share.md", english)
    assert tree.run("locales") == 0
    assert '<script src="https://cdn.contoso.com/widget.js"></script>' in tree.page(
        "fr-FR", "share.md")


def test_an_ignore_mark_silences_its_check_on_an_english_driven_catalog(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer's ``# ignore-placeholder-changed`` is the same decision whatever drives the
    catalog: the translation is published and the finding is neither printed nor counted."""
    from dataclasses import replace

    from pipeline.catalog import format_po

    tree.target("fr-FR")
    tree.write("share.md", GUIDE)
    assert tree.run("extract") == 0
    english = "You can share a notebook with anyone who has an account."
    tree.translate("fr-FR", "share.md", {english: "Partagez-le avec {0}."})
    path = tree.catalog_path("fr-FR", "share.md")
    cat = tree.catalog("fr-FR", "share.md")
    cat = replace(cat, messages=tuple(
        replace(m, translator_comments=("ignore-placeholder-changed",)) if m.msgid == english
        else m for m in cat.messages))
    path.write_text(format_po(cat), encoding="utf-8")
    capsys.readouterr()
    assert tree.run("locales") == 0
    assert "placeholder-changed" not in capsys.readouterr().err
    assert "Partagez-le avec {0}." in tree.page("fr-FR", "share.md")
    # a safety check no mark silences: an include it adds stays off the page (helper-77)
    cat = tree.catalog("fr-FR", "share.md")
    path.write_text(format_po(replace(cat, messages=tuple(
        replace(m, msgstr="Partagez-le. [!INCLUDE[x](../x.md)]") if m.msgid == english
        else m for m in cat.messages))), encoding="utf-8")
    assert tree.run("locales") == 1
    assert "[!INCLUDE[x](../x.md)]" not in tree.page("fr-FR", "share.md")


def test_code_a_translation_adds_inside_an_english_html_block_is_read_as_markup(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """In an English <div> block backticks are text: a tag in code the translation adds is live
    there, and an ignore-code-changed mark (the vendor writes the catalog) does not let it
    onto the page (helper-84)."""
    from dataclasses import replace

    from pipeline.catalog import format_po

    tree.target("fr-FR")
    tree.write("box.md", "# Box\n\n<div class=\"box\">\nRead the guide first.\n</div>\n")
    assert tree.run("extract") == 0
    english = "Read the guide first."
    overlay = 'Lisez `<b style="position:fixed;inset:0">le guide</b>` d\'abord.'
    tree.translate("fr-FR", "box.md", {english: overlay})
    path = tree.catalog_path("fr-FR", "box.md")
    cat = tree.catalog("fr-FR", "box.md")
    path.write_text(format_po(replace(cat, messages=tuple(
        replace(m, translator_comments=("ignore-code-changed",)) if m.msgid == english
        else m for m in cat.messages))), encoding="utf-8")
    capsys.readouterr()
    assert tree.run("locales") == 1
    assert "html-added" in capsys.readouterr().err
    page = tree.page("fr-FR", "box.md")
    assert "position:fixed" not in page and "\nRead the guide first.\n" in page


def test_an_english_with_carriage_returns_alone_is_refused_at_the_first_one(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """Classic Mac line ends are line ends to Markdown and text to a line reader: the article
    is refused, named at its first lone CR, its catalog left as it was; the others still run."""
    tree.target("fr-FR")
    tree.write("share.md", GUIDE)
    tree.write("other.md", "# Other\n\nStill runs.\n")
    assert tree.run("extract") == 0
    before = tree.catalog_path("fr-FR", "share.md").read_bytes()
    tree.write("share.md", GUIDE.replace("\n", "\r"))
    capsys.readouterr()
    assert tree.run("locales") == 1
    err = capsys.readouterr().err
    assert "share.md:1:4: error[encoding]: a carriage return (CR) that is not followed" in err
    assert tree.catalog_path("fr-FR", "share.md").read_bytes() == before
    assert "Still runs." in tree.page("fr-FR", "other.md")


def test_a_translation_marked_fuzzy_for_no_english_change_is_counted_as_awaiting_review(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """After ``msgmerge`` without ``--previous`` (or a translator's own fuzzy mark) such an
    entry was counted as never translated."""
    _two_locales(tree)
    po = tree.catalog_path("fr-FR", "share.md")
    text = po.read_text(encoding="utf-8")
    marked = text.replace('msgid "Send an invitation"', '#, fuzzy\nmsgid "Send an invitation"')
    po.write_text(marked, encoding="utf-8")
    capsys.readouterr()
    assert tree.run("check", "--format", "json") == 0
    said = lag(capsys.readouterr().out, "fr-FR")
    assert "1 translated, awaiting review" in said
    never = int(said.split(" never translated")[0].rsplit("(", 1)[1])
    assert never == sum(1 for m in tree.catalog("fr-FR", "share.md").active() if not m.msgstr)


def _machine_translated(tree: Tree, second: str, *extra: str) -> None:
    """``check --format json`` on an English article whose machine-translated handoff lends
    'Ouvrez un terminal.' and ``second``, under publish-machine-translation = false."""
    config = tree.root / "pyproject.toml"
    config.write_text("[tool.pipeline]\npublish-machine-translation = false\n",
                      encoding="utf-8")
    tree.write("a.md", "---\ntitle: Open a terminal\n---\nOpen a terminal. Type `ls`.\n")
    pair = ('<span data-ttu-id="9c85a-{n}">{tr}</span><span class="sxs-lookup"><span '
            'data-stu-id="9c85a-{n}">{en}</span></span>')
    tree.write("a.md", "---\nms.translationtype: MT\nms.contentlocale: fr-FR\n---\n"
               + pair.format(n=104, tr="Ouvrez un terminal.", en="Open a terminal.") + " "
               + pair.format(n=105, tr=second, en="Type `ls`.") + "\n", locale="fr-FR")
    tree.run("check", "--format", "json", "--config", str(config), *extra)


@pytest.mark.parametrize("second, extra, said", [
    ("Tapez `ls`.", (), ["2 translated, awaiting review"]),  # kept off the page: awaits review
    ("Tapez `rm`.", (), ["1 translated, awaiting review",  # an error of its own holds it back
                         "1 held back by an error in the translation"]),
    # what is reported does not change what holds it back (helper-42)
    ("Tapez `rm`.", ("--ignore", "code-changed"), ["1 translated, awaiting review",
                                                   "1 held back by an error in the translation"]),
])
def test_machine_translation_kept_off_the_page_is_counted_as_awaiting_review_not_as_held(
        tree: Tree, capsys: pytest.CaptureFixture[str], second: str, extra: tuple[str, ...],
        said: list[str]) -> None:
    capsys.readouterr()
    _machine_translated(tree, second, *extra)
    message = lag(capsys.readouterr().out)
    assert all(part in message for part in said)
    assert ("held back" in message) is (len(said) == 2)


def test_a_translation_ending_in_a_backslash_never_escapes_the_page_after_it(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-43: 'C:\\Programme\\' in a cell escaped the cell's '|', an alt text's '\\'
    its ']': the table lost a column and the image was gone, with no finding."""
    tree.write("install.md", "# Install\n\n|Setting|Meaning|\n|---|---|\n"
               "|Path|The install folder.|\n\n![Diagram of the flow](media/flow.png)\n")
    tree.target("de-DE")
    assert tree.run("locales") == 0
    tree.translate("de-DE", "install.md", {
        "The install folder.": "Der Installationsordner, z. B. C:\\Programme\\",
        "Diagram of the flow": "Diagramm des Ablaufs\\"})
    capsys.readouterr()
    assert tree.run("locales") == 1
    assert capsys.readouterr().err.count("error[escape-added]") == 2
    page = tree.page("de-DE", "install.md")
    assert "|Path|The install folder.|" in page and "![Diagram of the flow](media" in page


def test_a_translation_ending_in_a_backslash_before_a_space_or_a_line_end_is_published(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-45: there the backslash is text (a spaced cell, a paragraph's end, YAML)."""
    tree.write("install.md", "---\ntitle: Install\n---\n# Install\n\n| Setting | Meaning |\n"
               "|---|---|\n| Path | The install folder. |\n\nGo to the folder.\n")
    tree.target("de-DE")
    assert tree.run("locales") == 0
    tree.translate("de-DE", "install.md", {
        "The install folder.": "Der Ordner C:\\Programme\\", "Install": "Installieren\\",
        "Go to the folder.": "Gehen Sie zu C:\\Programme\\"})
    capsys.readouterr()
    assert tree.run("locales") == 0
    assert "escape-added" not in capsys.readouterr().err
    page = tree.page("de-DE", "install.md")
    assert "| Path | Der Ordner C:\\Programme\\ |" in page
    assert "Gehen Sie zu C:\\Programme\\\n" in page and "</a>Installieren\\\n" in page


def test_a_title_in_front_matter_yaml_cannot_read_is_said_to_stay_english(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-43: 'title: Contoso CLI: the guide' is no YAML; its translation was offered,
    translated, and never published, and nothing said so."""
    tree.write("colon.md", "---\ntitle: Contoso CLI: the guide\nms.date: 01/02/2025\n"
                           "keywords:\n- first key\n---\n\n# Contoso CLI\n\nText here.\n")
    tree.target("fr-FR")
    assert tree.run("locales") == 0
    tree.translate("fr-FR", "colon.md", {"Contoso CLI: the guide": "Contoso CLI : le guide",
                                         "first key": "première clé", "Text here.": "Texte ici."})
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    said = [f["message"] for f in found if f["check"] == "render-substituted"]
    assert [m.split(" was not")[0] for m in said] == [
        "the translated title", "the translated keyword"]  # (helper-45: keywords too)
    assert all(f["file"].endswith("colon.po") and f["line"] > 1 for f in found
               if f["check"] == "render-substituted")
    page = tree.page("fr-FR", "colon.md")
    assert "title: Contoso CLI: the guide\n" in page and "- first key\n" in page
    assert "Texte ici." in page
    assert "2 kept English" in lag(json.dumps(found))  # off the page, counted


FOLDED = ("---\ntitle: Share files\ndescription: >-\n  Share a folder\n\n  with your team.\n"
          "---\n\n# Share files\n\nOpen the folder.\n")


def test_a_translated_description_with_a_blank_line_in_its_block_is_published(
        tree: Tree) -> None:
    tree.write("fold.md", FOLDED)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "fold.md", {"Share a folder\nwith your team.":
                                        "Partagez un dossier\navec votre équipe."})
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "fold.md")
    assert 'description: "Partagez un dossier\\navec votre équipe."\n' in page


def test_a_translated_value_no_edit_can_write_is_reported_and_stays_english(
        tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever keeps a translated title or description off the page says so, YAML the
    English reads or not: never a translation counted as published that the page lacks."""
    from pipeline.source import frontmatter

    tree.write("fold.md", FOLDED)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "fold.md", {"Share a folder\nwith your team.":
                                        "Partagez un dossier\navec votre équipe."})
    monkeypatch.setattr(frontmatter, "_reads_back", lambda *args: False)  # no edit reads back
    capsys.readouterr()
    assert tree.run("locales", "--format", "json", "-j", "1") == 0
    found = json.loads(capsys.readouterr().out)
    said = [f for f in found if f["check"] == "render-substituted"]
    assert len(said) == 1 and "translated description was not published" in said[0]["message"]
    assert "  Share a folder\n\n  with your team.\n" in tree.page("fr-FR", "fold.md")
    assert "1 kept English" in lag(json.dumps(found))


@pytest.mark.parametrize("flag, says", [
    ("#, ignore-unsafe-element", "a safety check is never silenced"),
    ("# ignore-no-such-check", "no check has this id"),
])
def test_an_ignore_flag_that_cannot_apply_is_a_warning_in_an_english_driven_catalog(
        tree: Tree, capsys: pytest.CaptureFixture[str], flag: str, says: str) -> None:
    """As in a handoff's catalog: a flag naming a safety check, or no check, is said."""
    tree.write("fold.md", FOLDED)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "fold.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "Open the folder."', f'{flag}\nmsgid "Open the folder."'),
                    encoding="utf-8")
    capsys.readouterr()
    tree.run("check", "--format", "json")
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "ignore-flag"]
    assert len(found) == 1 and says in found[0]["message"]
    assert found[0]["file"].endswith("fold.po") and found[0]["line"] > 1


def test_another_locales_catalog_in_this_locales_folder_is_refused_not_published(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """h185: the same English has a catalog per locale, so another locale's fits every entry:
    the German one copied over the French was published as the French page, unsaid."""
    tree.write("a.md", "# Setup\n\nOpen the file.\n")
    tree.target("fr-FR")
    assert tree.run("locales") == 0
    tree.translate("fr-FR", "a.md", {"Open the file.": "Öffnen Sie die Datei."})
    path = tree.catalog_path("fr-FR", "a.md")
    path.write_text(path.read_text(encoding="utf-8").replace("Language: fr_FR", "Language: de"),
                    encoding="utf-8")
    before = path.read_bytes()
    capsys.readouterr()
    assert tree.run("locales") == 1
    assert "error[po-locale]: the catalog's Language header says 'de'" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert "Öffnen" not in tree.page("fr-FR", "a.md")
