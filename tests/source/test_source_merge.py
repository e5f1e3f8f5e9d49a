"""Catalogs from English: merged with merge's own rules across English edits; a handoff of the
same article lends its translations; front matter and alt text are entries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from source_tree import Tree

from pipeline.article import read_article
from pipeline.catalog import Catalog, Message
from pipeline.segment.output import pair

GUIDE = """\
---
title: Back up your notes
description: Keep a copy of your notes.
ms.date: 01/15/2025
---

# Back up your notes

Notes are stored on your device. A backup keeps a copy in the cloud.

![The backup button](media/backup.png)

## Restore a backup

Select **Restore**, and then pick the backup to use.
"""
FRENCH = {
    "Back up your notes": "Sauvegarder vos notes",
    "Notes are stored on your device.": "Les notes sont stockées sur votre appareil.",
    "A backup keeps a copy in the cloud.": "Une sauvegarde en garde une copie dans le cloud.",
    "Restore a backup": "Restaurer une sauvegarde",
}


def _entry(cat: Catalog, msgid: str) -> Message:
    found = [m for m in cat.messages if m.msgid == msgid]
    assert len(found) == 1, msgid
    return found[0]


def _translated(tree: Tree) -> Tree:
    tree.write("guide.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "guide.md", FRENCH)
    assert tree.run("extract") == 0
    return tree


def test_title_description_and_alt_text_are_catalog_entries(tree: Tree) -> None:
    tree.write("guide.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    assert "front matter: title" in _entry(cat, "Back up your notes").extracted_comments
    assert "front matter: description" in _entry(
        cat, "Keep a copy of your notes.").extracted_comments
    assert "image alt text" in _entry(cat, "The backup button").extracted_comments
    assert _entry(cat, "Restore a backup").references == ("en-US/guide.md",)


def test_a_changed_sentence_becomes_fuzzy_with_the_previous_english(tree: Tree) -> None:
    _translated(tree)
    tree.write("guide.md", GUIDE.replace("A backup keeps a copy in the cloud.",
                                         "A backup keeps a copy in your cloud storage."))
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    entry = _entry(cat, "A backup keeps a copy in your cloud storage.")
    assert entry.fuzzy
    assert entry.previous_msgid == "A backup keeps a copy in the cloud."
    assert entry.msgstr == FRENCH["A backup keeps a copy in the cloud."]
    # the English is published until the entry is reviewed
    assert tree.run("locales") == 0
    assert "A backup keeps a copy in your cloud storage." in tree.page("fr-FR", "guide.md")


def test_an_english_edit_undone_gets_its_reviewed_translation_back(tree: Tree) -> None:
    """A revert is a common commit: the entry reviewed for the English as it was comes back
    as it was, not as a suggestion to review again, even after a second edit; the suggestions
    made meanwhile, nobody's work, do not pile up as obsolete entries."""
    _translated(tree)
    old, new = "A backup keeps a copy in the cloud.", "A backup keeps a copy in the cloud now."
    tree.write("guide.md", GUIDE.replace(old, new))
    assert tree.run("extract") == 0
    tree.write("guide.md", GUIDE.replace(old, "A backup keeps a copy in the cloud again."))
    assert tree.run("extract") == 0
    tree.write("guide.md", GUIDE)
    assert tree.run("locales") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    back = [m for m in cat.messages if m.msgid == old and not m.obsolete]
    assert len(back) == 1 and back[0].reviewed and back[0].previous_msgid is None
    assert back[0].msgstr == FRENCH[old]
    assert [m.msgid for m in cat.messages if m.obsolete] == []
    assert FRENCH[old] in tree.page("fr-FR", "guide.md")


def test_reflowed_lines_and_trailing_spaces_change_no_catalog_byte(tree: Tree) -> None:
    _translated(tree)
    before = tree.catalog_path("fr-FR", "guide.md").read_bytes()
    tree.write("guide.md", GUIDE.replace(
        "Notes are stored on your device. A backup keeps a copy in the cloud.",
        "Notes are stored on your\ndevice. A backup keeps a copy\nin the cloud. ").replace(
        "Select **Restore**, and then pick the backup to use.",
        "Select **Restore**, and then pick the\nbackup to use.   "))
    assert tree.run("extract") == 0
    assert tree.catalog_path("fr-FR", "guide.md").read_bytes() == before


@pytest.mark.parametrize("translation", [
    "Exécutez `az group create --name G` pour créer le groupe.",  # code as the page shows it
    "Exécutez `az group create\n--name G` pour créer le groupe.",  # wrapped as the English was
])
def test_a_paragraph_rewrapped_inside_a_code_span_keeps_its_reviewed_translation(
        tree: Tree, translation: str) -> None:
    """Microsoft's English keeps a line end inside a code span; a writer who re-wraps the
    paragraph moves it: the same code on the page, so the entry stays reviewed, with the new
    English."""
    tree.write("wrap.md", "# Wrap\n\nRun `az group create\n--name G` to create the group.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    english = "Run `az group create\n--name G` to create the group."
    tree.translate("fr-FR", "wrap.md", {english: translation})
    tree.write("wrap.md", "# Wrap\n\nRun `az group create --name G`\nto create the group.\n")
    assert tree.run("locales") == (0 if "\n" not in translation else 1)
    by_id = {m.msgid: m for m in tree.catalog("fr-FR", "wrap.md").messages}
    entry = by_id["Run `az group create --name G` to create the group."]
    assert entry.msgstr == translation and not entry.fuzzy and not entry.obsolete
    assert english not in by_id  # no obsolete copy of the English as it was wrapped
    page = tree.page("fr-FR", "wrap.md")
    # a line end the English no longer has is held back (newline-added), never published
    assert (translation in page) is ("\n" not in translation)


def test_removed_english_becomes_obsolete_and_keeps_its_translation(tree: Tree) -> None:
    _translated(tree)
    tree.write("guide.md", GUIDE.replace(" A backup keeps a copy in the cloud.", ""))
    assert tree.run("extract") == 0
    gone = _entry(tree.catalog("fr-FR", "guide.md"), "A backup keeps a copy in the cloud.")
    assert gone.obsolete
    assert gone.msgstr == FRENCH["A backup keeps a copy in the cloud."]


TITLE = "Sauvegarder les notes"


def _handoff(english: str, translation: str) -> str:
    return f"""\
---
title: Sauvegarder les notes
description: Gardez une copie de vos notes.
ms.translationtype: HT
ms.contentlocale: fr-FR
ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567
ms.openlocfilehash: 89abcdef0123456789abcdef0123456789abcdef
ms.lasthandoff: 01/20/2025
---
# <a name="back-up-your-notes"></a>{pair("aaaaa-103", "Back up your notes", TITLE)}

{pair('aaaaa-104', english, translation)}

![Le bouton de sauvegarde](media/backup.png)
"""


def test_a_handoff_of_the_same_article_lends_its_translations(tree: Tree) -> None:
    tree.write("guide.md", GUIDE)
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    assert _entry(cat, "Notes are stored on your device.").msgstr == \
        "Les notes restent sur l'appareil."
    assert _entry(cat, "Back up your notes").msgstr == "Sauvegarder les notes"
    assert _entry(cat, "Keep a copy of your notes.").msgstr == "Gardez une copie de vos notes."
    assert _entry(cat, "The backup button").msgstr == "Le bouton de sauvegarde"
    assert cat.header_value("X-MS-Source-Git-Commit") == \
        "0123456789abcdef0123456789abcdef01234567"
    page = tree.page("fr-FR", "guide.md")
    assert "Les notes restent sur l'appareil. A backup keeps a copy in the cloud." in page
    assert "![Le bouton de sauvegarde](media/backup.png)" in page
    # the English drives: the page has the English's layout, not the handoff's
    assert page.startswith("---\ntitle: Sauvegarder les notes\n")
    assert "ms.translationtype" not in page


def test_a_translators_text_is_never_overwritten_by_a_handoff(tree: Tree) -> None:
    _translated(tree)
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Autre traduction."), locale="fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    assert _entry(cat, "Notes are stored on your device.").msgstr == \
        FRENCH["Notes are stored on your device."]


def test_entries_microsoft_merged_keep_joining_their_sentences(tree: Tree) -> None:
    tree.write("guide.md", GUIDE)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "guide.md")
    text = path.read_text(encoding="utf-8")
    merged = ("Notes are stored on your device. A backup keeps a copy in the cloud.")
    path.write_text(text + f'\n#. bbbbb-p101\nmsgid "{merged}"\nmsgstr "Tout est sauvegardé."\n',
                    encoding="utf-8")
    assert tree.run("locales") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    assert _entry(cat, merged).msgstr == "Tout est sauvegardé."
    assert not _entry(cat, merged).obsolete
    assert "\nTout est sauvegardé.\n" in tree.page("fr-FR", "guide.md")


def test_english_translated_two_ways_keeps_both_translations(tree: Tree) -> None:
    text = "# Notes\n\nSelect **Save**.\n\n## Sync\n\nSelect **Save**.\n"
    tree.write("twice.md", text)
    tree.write("twice.md", f"""\
---
ms.translationtype: HT
---
# <a name="notes"></a>{pair('ccccc-101', 'Notes', 'Notes')}

{pair('ccccc-102', 'Select **Save**.', 'Sélectionnez **Enregistrer**.')}

## <a name="sync"></a>{pair('ccccc-103', 'Sync', 'Synchronisation')}

{pair('ccccc-104', 'Select **Save**.', 'Cliquez sur **Enregistrer**.')}
""", locale="fr-FR")
    assert read_article((tree.content / "fr-FR" / "twice.md").read_bytes(), "fr-FR/twice.md")
    # catalogs made from the handoff alone first (the sxs path), then the English takes over
    (tree.content / "en-US" / "twice.md").rename(tree.root / "twice.md")
    assert tree.run("extract") == 0
    (tree.content / "fr-FR" / "twice.md").unlink()
    (tree.root / "twice.md").rename(tree.content / "en-US" / "twice.md")
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "twice.md")
    assert page.index("Sélectionnez **Enregistrer**.") < page.index("Cliquez sur **Enregistrer**.")
    assert all(not m.fuzzy for m in tree.catalog("fr-FR", "twice.md").messages if m.msgstr)


def test_an_english_edit_that_changes_no_segment_leaves_the_catalog_byte_for_byte(
        tree: Tree) -> None:
    """ms.date is no segment: the catalog keeps its bytes, POT-Creation-Date included."""
    _translated(tree)
    before = tree.catalog_path("fr-FR", "guide.md").read_bytes()
    tree.write("guide.md", GUIDE.replace("ms.date: 01/15/2025", "ms.date: 03/11/2026"))
    assert tree.run("locales") == 0
    assert tree.catalog_path("fr-FR", "guide.md").read_bytes() == before
    # a segment changed: the catalog is the new English's, dated by it
    tree.write("guide.md", GUIDE.replace("ms.date: 01/15/2025", "ms.date: 03/11/2026")
               .replace("pick the backup", "choose the backup"))
    assert tree.run("extract") == 0
    assert tree.catalog("fr-FR", "guide.md").header_value("POT-Creation-Date") == \
        "2026-03-11 00:00+0000"


def test_an_edited_title_whose_heading_kept_the_old_english_gets_its_translation_as_fuzzy(
        tree: Tree) -> None:
    """The old English still has an entry (the heading's): it lends its translation to the
    edited title as a suggestion, as msgmerge does, and stays as it is."""
    _translated(tree)
    tree.write("guide.md", GUIDE.replace("title: Back up your notes",
                                         "title: Back up your notes to the cloud"))
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "guide.md")
    title = _entry(cat, "Back up your notes to the cloud")
    assert title.fuzzy and title.msgstr == "Sauvegarder vos notes"
    assert title.previous_msgid == "Back up your notes"
    heading = _entry(cat, "Back up your notes")
    assert heading.reviewed and heading.msgstr == "Sauvegarder vos notes"


def test_a_suggestion_for_one_sentence_never_parts_a_merged_paragraph(tree: Tree) -> None:
    """The description repeats the merged paragraph's second sentence: it gets the paragraph's
    translation as a fuzzy suggestion. That suggestion is no translation of the sentence's
    own, so the next run still joins the paragraph and publishes its translation."""
    tree.write("guide.md", GUIDE.replace("description: Keep a copy of your notes.",
                                         "description: A backup keeps a copy in the cloud."))
    tree.target("fr-FR")
    # as extracted from a handoff: the merged pair alone, no entry for the description
    merged = "Notes are stored on your device. A backup keeps a copy in the cloud."
    path = tree.catalog_path("fr-FR", "guide.md")
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    f'#. bbbbb-p101\nmsgid "{merged}"\nmsgstr "Tout est sauvegardé."\n',
                    encoding="utf-8")
    for _ in range(2):
        assert tree.run("locales") == 0
        cat = tree.catalog("fr-FR", "guide.md")
        assert _entry(cat, merged).msgstr == "Tout est sauvegardé."
        assert not _entry(cat, merged).obsolete
        assert "\nTout est sauvegardé.\n" in tree.page("fr-FR", "guide.md")
    assert tree.run("check") == 0


def test_a_newer_handoff_that_disagrees_with_a_translator_is_cited_at_the_handoff(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    english = "Notes are stored on your device."
    tree.write("guide.md", GUIDE)
    tree.write("guide.md", _handoff(english, "Les notes restent sur l'appareil."),
               locale="fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "guide.md", {english: "Vos notes sont sur l'appareil."})
    tree.write("guide.md", _handoff(english, "Les notes sont sur votre appareil."),
               locale="fr-FR")
    capsys.readouterr()
    assert tree.run("check") == 0
    err = capsys.readouterr().err
    assert f"{tree.content / 'fr-FR' / 'guide.md'}:12:1: warning[handoff-disagrees]" in err or \
        "fr-FR/guide.md:12:1: warning[handoff-disagrees]" in err, err
    assert "en-US/guide.md" not in "".join(
        line for line in err.splitlines() if "handoff-disagrees" in line)


@pytest.mark.usefixtures("require_gettext")
def test_msgmerge_with_the_template_keeps_the_second_translation_of_the_same_english(
        tree: Tree) -> None:
    """The same English translated two ways keeps the second under a msgctxt. ``msgmerge``
    against ``segment --format pot`` (which has no contexts) makes that entry obsolete; the
    next run gives it back to the occurrence it served, and the catalog is as before."""
    import subprocess
    from dataclasses import replace

    from pipeline.catalog import format_po
    from pipeline.cli import main

    tree.write("save.md", "# Save your work\n\n1. Select **Save**.\n2. Name the file.\n"
                          "3. Select **Save**.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "save.md")
    twice = next(m for m in cat.messages if m.msgid == "Select **Save**.")
    first_id, second_id = twice.extracted_comments[:2]
    messages: list[Message] = []
    for m in cat.messages:
        if m is twice:
            messages += [replace(m, msgstr="Sélectionnez **Enregistrer**.",
                                 extracted_comments=(first_id,)),
                         replace(m, msgstr="Cliquez sur **Enregistrer**.", msgctxt=second_id,
                                 extracted_comments=(second_id,))]
        else:
            messages.append(replace(m, msgstr=f"[fr] {m.msgid}"))
    path = tree.catalog_path("fr-FR", "save.md")
    path.write_text(format_po(replace(cat, messages=tuple(messages))), encoding="utf-8")
    assert tree.run("locales") == 0
    before_page, before_po = tree.page("fr-FR", "save.md"), path.read_bytes()
    assert "3. Cliquez sur **Enregistrer**." in before_page
    assert main(["segment", "--source", str(tree.content / "en-US"), "--format", "pot",
                 "--out", str(tree.root / "pot"), "-q"]) == 0
    subprocess.run(["msgmerge", "-q", "--previous", "--update", "--backup=none", str(path),
                    str(tree.root / "pot" / "save.pot")], check=True)
    assert '#~ msgctxt "' in path.read_text(encoding="utf-8")  # what msgmerge made of it
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "save.md") == before_page
    assert path.read_bytes() == before_po


def test_a_handoff_lends_the_alt_text_of_an_image_whose_attributes_run_over_lines(
    tree: Tree
) -> None:
    image = (':::image type="content"\n    source="media/portal.png"\n'
             '    alt-text="{alt}":::\n')
    tree.write("guide.md", GUIDE + "\n" + image.format(alt="The portal"))
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Les notes restent sur l'appareil.")
               + "\n" + image.format(alt="Le portail"), locale="fr-FR")
    assert tree.run("locales") == 0
    assert _entry(tree.catalog("fr-FR", "guide.md"), "The portal").msgstr == "Le portail"
    assert '    alt-text="Le portail":::\n' in tree.page("fr-FR", "guide.md")


def test_a_newer_handoff_of_unknown_type_never_replaces_a_human_translation(tree: Tree) -> None:
    """helper-47: the catalog's X-MS-Translation-Type HT stood for a later handoff that says
    no type, and its text replaced the reviewed one as human translation."""
    tree.write("guide.md", GUIDE)
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    tree.write("guide.md", _handoff("Notes are stored on your device.", "MT ? les notes.")
               .replace("ms.translationtype: HT\n", ""), locale="fr-FR")
    assert tree.run("locales") in (0, 1)
    entry = _entry(tree.catalog("fr-FR", "guide.md"), "Notes are stored on your device.")
    assert (entry.msgstr, entry.fuzzy) == ("Les notes restent sur l'appareil.", False)


def test_a_changed_english_title_gets_the_handoffs_title_as_a_suggestion(tree: Tree) -> None:
    """helper-47: a handoff lends its title by place, whatever English it translates: a
    changed English title must not take it as a reviewed translation."""
    tree.write("guide.md", GUIDE)
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    tree.write("guide.md", GUIDE.replace("title: Back up your notes", "title: Back up notes"))
    assert tree.run("locales") in (0, 1)
    entry = _entry(tree.catalog("fr-FR", "guide.md"), "Back up notes")
    assert entry.fuzzy and entry.previous_msgid == "Back up your notes"


def _repeated(tree: Tree, text: str, ways: tuple[tuple[tuple[int, ...], str], ...],
              keep_ids: bool = True) -> Path:
    """'Next' of ``text`` (twins.md) translated several ways: each of ``ways`` the occurrences
    (by rank) one translation serves, the first plain, the others under the context of their
    first id (as ``segment_keys`` makes them); every other entry '[fr] <English>'."""
    from dataclasses import replace

    from pipeline.catalog import format_po

    tree.write("twins.md", text)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    cat = tree.catalog("fr-FR", "twins.md")
    nxt = next(m for m in cat.messages if m.msgid == "Next")
    ids = nxt.extracted_comments
    messages: list[Message] = []
    for m in cat.messages:
        if m is nxt:
            messages += [replace(m, msgstr=translation, msgctxt=None if k == 0 else ids[at[0]],
                                 extracted_comments=tuple(ids[i] for i in at) if keep_ids else ())
                         for k, (at, translation) in enumerate(ways)]
        else:
            messages.append(replace(m, msgstr=f"[fr] {m.msgid}"))
    path = tree.catalog_path("fr-FR", "twins.md")
    path.write_text(format_po(replace(cat, messages=tuple(messages))), encoding="utf-8")
    return path


TWINS = "# Twins\n\nIntro here.\n\n- Next\n- Other\n\n## Next\n\n| Step | Result |\n|---|---|\n" \
        "| Next | Done |\n"


@pytest.mark.parametrize("edit", ["- Next one\n", ""], ids=["edited", "removed"])
def test_an_occurrence_edited_away_moves_no_other_occurrences_translation(
        tree: Tree, edit: str) -> None:
    """'Next' three times, the table's translated another way (a context): the list item's
    edited or removed, the table cell keeps its own translation, and a second run (no run
    cache) changes nothing."""
    path = _repeated(tree, TWINS, (((0, 1), "Suivant"), ((2,), "Ensuite")))
    assert tree.run("locales") == 0
    assert "| [fr] Step | [fr] Result |" in tree.page("fr-FR", "twins.md")
    assert "| Ensuite | [fr] Done |" in tree.page("fr-FR", "twins.md")
    tree.write("twins.md", TWINS.replace("- Next\n", edit))
    assert tree.run("locales") == 0
    page, po = tree.page("fr-FR", "twins.md"), path.read_bytes()
    assert "| Ensuite | [fr] Done |" in page and '<a name="next"></a>Suivant' in page
    kept = [m for m in tree.catalog("fr-FR", "twins.md").messages if m.msgstr == "Ensuite"]
    assert [m.obsolete for m in kept] == [False]
    for cached in [p for p in tree.out.rglob("*") if p.is_file() and "fr-FR" not in p.parts]:
        cached.unlink()  # the run cache (in the output folder): the next run works it out anew
    assert tree.run("locales") == 0
    assert (tree.page("fr-FR", "twins.md"), path.read_bytes()) == (page, po)


def test_an_undone_edit_joins_a_paragraph_translated_as_one_entry_again(tree: Tree) -> None:
    """A catalog holding a paragraph of two sentences as one entry (a -p merge): an edit parts
    it (the sentences fuzzy, the entry obsolete); undone, the paragraph is one entry again, its
    translation reviewed and published, as before the edit."""
    text = "# Alpha guide\n\nOpen the app first. Then select the button.\n"
    tree.write("a.md", text)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "a.md")
    po = path.read_text(encoding="utf-8")
    whole = ('#. 5d48a-p103\n#: en-US/a.md\nmsgid "Open the app first. Then select the button."\n'
             'msgstr "Ouvrez l\'app, puis le bouton."\n')
    head, _, _ = po.partition('#. 5d48a-103')
    path.write_text(head + whole, encoding="utf-8")
    assert tree.run("locales") == 0
    before = tree.page("fr-FR", "a.md")
    assert "Ouvrez l'app, puis le bouton." in before
    tree.write("a.md", text.replace("select", "click"))
    assert tree.run("locales") == 0
    assert "Ouvrez l'app, puis le bouton." not in tree.page("fr-FR", "a.md")
    tree.write("a.md", text)
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "a.md") == before
    entry = _entry(tree.catalog("fr-FR", "a.md"), "Open the app first. Then select the button.")
    assert entry.reviewed and not entry.obsolete


def test_a_locale_joining_sentences_lags_no_other_locale(
        tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """One English, two locales: fr-FR's catalog holds the paragraph as one entry, de-DE's the
    sentences. Both follow the same English file: no locale-lag (it said 'English differs
    from fr-FR (handed off ? from ?)' at a handoff that does not exist)."""
    tree.write("a.md", "# Alpha guide\n\nOpen the app first. Then select the button.\n")
    tree.target("fr-FR", "de-DE")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "a.md")
    head, _, _ = path.read_text(encoding="utf-8").partition('#. 5d48a-103')
    path.write_text(head + '#. 5d48a-p103\nmsgid "Open the app first. Then select the button."\n'
                    'msgstr "Ouvrez l\'app, puis le bouton."\n', encoding="utf-8")
    capsys.readouterr()
    assert tree.run("locales", "--format", "json") == 0
    assert "locale-lag" not in capsys.readouterr().out


def test_a_sentence_reviewed_since_beats_the_old_paragraph_entry(tree: Tree) -> None:
    """The paragraph parted by an edit, a sentence reviewed on its own, the paragraph deleted
    (all obsolete), then the English restored: the sentence's review is the newer work and is
    published; the old paragraph entry stays obsolete."""
    text = "# Alpha guide\n\nOpen the app first. Then select the button.\n\nOther text.\n"
    tree.write("a.md", text)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "a.md")
    head, _, _ = path.read_text(encoding="utf-8").partition('#. 5d48a-103')
    path.write_text(head + '#. 5d48a-p103\nmsgid "Open the app first. Then select the button."\n'
                    'msgstr "Ancien paragraphe."\n', encoding="utf-8")
    tree.write("a.md", text.replace("select", "click"))
    assert tree.run("locales") == 0
    tree.translate("fr-FR", "a.md", {"Open the app first.": "Ouvrez d'abord l'app."})
    tree.write("a.md", "# Alpha guide\n\nOther text.\n")
    assert tree.run("locales") == 0
    tree.write("a.md", text)
    assert tree.run("locales") == 0
    assert "Ouvrez d'abord l'app. Then select the button." in tree.page("fr-FR", "a.md")
    assert _entry(tree.catalog("fr-FR", "a.md"), "Open the app first.").reviewed


THREE = "# Twins\n\nIntro here.\n\n- Next\n- Other\n\n## Next\n\nText.\n\n| Step | Result |\n" \
        "|---|---|\n| Next | Done |\n"
HEADING = "## Next\n\nText.\n\n"


def _three_ways(tree: Tree, keep_ids: bool = True) -> Path:
    """THREE with 'Next' as 'Suivant' (list item), 'Prochain' (heading) and 'Ensuite' (cell)."""
    path = _repeated(tree, THREE, (((0,), "Suivant"), ((1,), "Prochain"), ((2,), "Ensuite")),
                     keep_ids)
    assert tree.run("locales") == 0
    return path


def _shown(page: str) -> tuple[str, str, str]:
    item = page.split("\n- ", 1)[1].split("\n", 1)[0]
    heading = page.split('<a name="next"></a>', 1)[1].split("\n", 1)[0]
    cell = page.split("|---|---|\n| ", 1)[1].split(" |", 1)[0]
    return item, heading, cell


def test_a_moved_occurrence_keeps_its_translation(tree: Tree) -> None:
    """The heading moved below the table: each occurrence keeps its own translation (the
    heading took the cell's, and its own went obsolete)."""
    path = _three_ways(tree)
    assert _shown(tree.page("fr-FR", "twins.md")) == ("Suivant", "Prochain", "Ensuite")
    tree.write("twins.md", THREE.replace(HEADING, "") + "\n" + HEADING)
    assert tree.run("locales") == 0
    assert _shown(tree.page("fr-FR", "twins.md")) == ("Suivant", "Prochain", "Ensuite")
    assert {m.msgstr for m in tree.catalog("fr-FR", "twins.md").messages
            if m.msgid == "Next" and not m.obsolete} == {"Suivant", "Prochain", "Ensuite"}
    assert path.is_file()


def test_an_occurrences_edit_undone_publishes_its_translation_again(tree: Tree) -> None:
    _three_ways(tree)
    tree.write("twins.md", THREE.replace("## Next", "## Next steps"))
    assert tree.run("locales") == 0
    tree.write("twins.md", THREE)
    assert tree.run("locales") == 0
    assert _shown(tree.page("fr-FR", "twins.md")) == ("Suivant", "Prochain", "Ensuite")


def test_without_ids_the_occurrences_keep_their_order(tree: Tree) -> None:
    """A tool dropped the #. comments: the plain entry is the first occurrence's, the context
    the later one's (a context's id alone sorted it before the plain entry: swapped)."""
    tree.write("save.md", "# Notes\n\nSelect **Save**.\n\n## Sync\n\nSelect **Save**.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "save.md")
    head, _, _ = path.read_text(encoding="utf-8").partition("#. ")
    path.write_text(head + 'msgid "Notes"\nmsgstr "Notes"\n\nmsgid "Select **Save**."\n'
                    'msgstr "Sélectionnez **Enregistrer**."\n\nmsgid "Sync"\nmsgstr "Synchro"\n\n'
                    'msgctxt "5d48a-104"\nmsgid "Select **Save**."\n'
                    'msgstr "Cliquez sur **Enregistrer**."\n', encoding="utf-8")
    assert tree.run("locales") == 0
    page = tree.page("fr-FR", "save.md")
    assert page.index("Sélectionnez") < page.index("Synchro") < page.index("Cliquez")


def test_the_first_occurrences_edit_undone_publishes_its_plain_entry_again(tree: Tree) -> None:
    _three_ways(tree)
    tree.write("twins.md", THREE.replace("- Next\n", "- Next one\n"))
    assert tree.run("locales") == 0
    tree.write("twins.md", THREE)
    assert tree.run("locales") == 0
    assert _shown(tree.page("fr-FR", "twins.md")) == ("Suivant", "Prochain", "Ensuite")


SAVE3 = ("# Notes\n\nSelect **Save**.\n\n## Sync\n\nSelect **Save**.\n\n## Third\n\n"
         "Select **Save**.\n")


@pytest.mark.parametrize(("contexts", "shown"), [
    ((("106", "A3"), ("104", "A2")), ["A1", "A2", "A3"]),
    ((("106", "A3"),), ["A1", "A1", "A3"]),
    ((("104", "A2"),), ["A1", "A2", "A1"]),
], ids=["contexts-out-of-order", "the-third-alone", "the-second-alone"])
def test_without_ids_a_context_serves_the_occurrence_it_names(
        tree: Tree, contexts: tuple[tuple[str, str], ...], shown: list[str]) -> None:
    """No #. comments (a tool dropped them): a context is the occurrence whose id it names, as
    it was made; the plain entry serves the others. It was taken by its place in the file."""
    _vendor_save3(tree, contexts)
    page = tree.page("fr-FR", "save.md")
    assert [line for line in page.splitlines() if line.startswith("A")] == shown
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "save.md") == page


def test_every_occurrences_edit_undone_brings_the_plain_entry_back(tree: Tree) -> None:
    _three_ways(tree)
    tree.write("twins.md", THREE.replace("- Next\n", "- X\n").replace("## Next", "## X")
               .replace("| Next |", "| X |"))
    assert tree.run("locales") == 0
    tree.write("twins.md", THREE)
    assert tree.run("locales") == 0
    assert _shown(tree.page("fr-FR", "twins.md")) == ("Suivant", "Prochain", "Ensuite")


def _vendor_save3(tree: Tree, contexts: tuple[tuple[str, str], ...] = (
        ("104", "A2"), ("106", "A3"))) -> Path:
    """SAVE3 with a vendor's catalog: the plain entry A1, and ``contexts`` (by default A2 for
    the second occurrence, 104, and A3 for the third, 106)."""
    tree.write("save.md", SAVE3)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "save.md")
    head, _, _ = path.read_text(encoding="utf-8").partition("#. ")
    body = 'msgid "Select **Save**."\nmsgstr "A1"\n'
    for ident, text in contexts:
        body += f'\nmsgctxt "5d48a-{ident}"\nmsgid "Select **Save**."\nmsgstr "{text}"\n'
    path.write_text(head + body, encoding="utf-8")
    assert tree.run("locales") == 0
    return path


def _drop_ids(path: Path) -> None:
    """What a tool that keeps no extracted comments gives back."""
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True)
                            if not line.startswith("#. ")), encoding="utf-8")


def _shown_a(tree: Tree) -> list[str]:
    return [line for line in tree.page("fr-FR", "save.md").splitlines() if line.startswith("A")]


def test_without_ids_the_first_occurrences_edit_undone_gets_its_plain_entry_back(
        tree: Tree) -> None:
    """helper-73: the first occurrence edited (its plain entry obsolete), the #. ids dropped,
    the edit undone: the plain entry is the first occurrence's again."""
    path = _vendor_save3(tree)
    tree.write("save.md", SAVE3.replace("Select **Save**.", "Select **Save** now.", 1))
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A2", "A3"]
    _drop_ids(path)
    tree.write("save.md", SAVE3)
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A1", "A2", "A3"]


@pytest.mark.usefixtures("require_gettext")
def test_msgmerge_gives_an_obsolete_context_back_to_the_occurrence_it_names(
        tree: Tree) -> None:
    """helper-73: three occurrences, the plain entry serving the first two and a context the
    third. msgmerge against the template makes the context obsolete, without its #. ids; the
    next run gave it to the second occurrence by rank. The id it names is its occurrence."""
    import subprocess

    from pipeline.cli import main

    path = _vendor_save3(tree, (("106", "A3"),))
    assert _shown_a(tree) == ["A1", "A1", "A3"]
    before_page, before_po = tree.page("fr-FR", "save.md"), path.read_bytes()
    assert main(["segment", "--source", str(tree.content / "en-US"), "--format", "pot",
                 "--out", str(tree.root / "pot"), "-q"]) == 0
    subprocess.run(["msgmerge", "-q", "--previous", "--update", "--backup=none", str(path),
                    str(tree.root / "pot" / "save.pot")], check=True)
    assert '#~ msgctxt "5d48a-106"' in path.read_text(encoding="utf-8")
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A1", "A1", "A3"]
    assert tree.page("fr-FR", "save.md") == before_page and path.read_bytes() == before_po


@pytest.mark.usefixtures("require_gettext")
def test_msgmerge_then_an_english_edit_gives_each_occurrence_its_own_translation(
        tree: Tree) -> None:
    """helper-75: msgmerge made a context obsolete, then paragraphs were added before the
    occurrences: the id the context names is an id of the article as the catalog's #. ids
    last saw it, not of the English now (taken as now, the two translations swapped)."""
    import subprocess

    from pipeline.cli import main

    tree.write("save.md", SAVE3.split("\n\n## Third")[0] + "\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    path = tree.catalog_path("fr-FR", "save.md")
    head, _, _ = path.read_text(encoding="utf-8").partition("#. ")
    path.write_text(head + 'msgid "Select **Save**."\nmsgstr "A1"\n\nmsgctxt "5d48a-104"\n'
                    'msgid "Select **Save**."\nmsgstr "A2"\n', encoding="utf-8")
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A1", "A2"]
    assert main(["segment", "--source", str(tree.content / "en-US"), "--format", "pot",
                 "--out", str(tree.root / "pot"), "-q"]) == 0
    subprocess.run(["msgmerge", "-q", "--previous", "--update", "--backup=none", str(path),
                    str(tree.root / "pot" / "save.pot")], check=True)
    assert '#~ msgctxt "5d48a-104"' in path.read_text(encoding="utf-8")
    tree.write("save.md", SAVE3.split("\n\n## Third")[0].replace(
        "# Notes\n\n", "# Notes\n\nRead this first.\n\n## Intro\n\n") + "\n")
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A1", "A2"]


@pytest.mark.usefixtures("require_gettext")
def test_msgmerge_then_a_tool_dropping_the_ids_keeps_each_occurrences_translation(
        tree: Tree) -> None:
    """helper-76: with no #. ids left to place the occurrences, the id a context names is
    taken as an id of the English now, not the contexts by rank."""
    import subprocess

    from pipeline.cli import main

    path = _vendor_save3(tree, (("106", "A3"),))
    assert main(["segment", "--source", str(tree.content / "en-US"), "--format", "pot",
                 "--out", str(tree.root / "pot"), "-q"]) == 0
    subprocess.run(["msgmerge", "-q", "--previous", "--update", "--backup=none", str(path),
                    str(tree.root / "pot" / "save.pot")], check=True)
    _drop_ids(path)
    assert tree.run("locales") == 0
    assert _shown_a(tree) == ["A1", "A1", "A3"]


def _machine_translated_then_off_handoffs(tree: Tree, sentence: str) -> None:
    """guide.md's ``sentence`` machine translated by an MT handoff, run, then the handoff
    removed: the catalog carries the translations from then on."""
    tree.write("guide.md", GUIDE)
    handoff = tree.write("guide.md", _handoff(sentence, "Les notes restent sur l'appareil.")
                         .replace("ms.translationtype: HT", "ms.translationtype: MT"),
                         locale="fr-FR")
    assert tree.run("locales") == 0
    handoff.unlink()


def test_an_edit_undone_gets_a_machine_translation_back_as_it_was(tree: Tree) -> None:
    """A machine translation nobody reviewed is published (publish-machine-translation); an
    English edit and its revert bring it back as it was, still machine translation with its
    handoff record, and published again: obsolete, the entry had lost both, and came back as
    a reviewer's unfinished work that is never published."""
    sentence = "Notes are stored on your device."
    _machine_translated_then_off_handoffs(tree, sentence)
    assert tree.run("locales") == 0
    before = _entry(tree.catalog("fr-FR", "guide.md"), sentence)
    assert "Les notes restent sur l'appareil." in tree.page("fr-FR", "guide.md")
    tree.write("guide.md", GUIDE.replace(sentence, "Notes are stored on this device."))
    assert tree.run("locales") == 0
    tree.write("guide.md", GUIDE)
    assert tree.run("locales") == 0
    after = _entry(tree.catalog("fr-FR", "guide.md"), sentence)
    assert (after.msgstr, after.flags, after.extracted_comments) == (
        before.msgstr, before.flags, before.extracted_comments)
    assert "Les notes restent sur l'appareil." in tree.page("fr-FR", "guide.md")


@pytest.mark.parametrize("edit, published", [
    # a vendor's draft typed over the machine translation, fuzzy, the MT note left in place:
    # the translator's unreviewed text, never published (render took it for the machine's)
    (lambda s: s.replace('msgstr "Les notes restent', 'msgstr "BROUILLON : les notes restent'),
     "Notes are stored on your device."),
    # a tool that dropped the MT note, the record and text still the machine's: published as
    # machine translation, by render as by locales
    (lambda s: s.replace("#. machine translation: not yet reviewed\n", ""),
     "Les notes restent sur l'appareil."),
], ids=["a-draft-under-the-mt-note", "the-mt-note-dropped"])
def test_render_publishes_machine_translation_by_its_handoff_record_not_its_note(
        tree: Tree, edit: Callable[[str], str], published: str) -> None:
    """h185: an English-driven page before its extract (``render``) took any fuzzy entry with
    the MT note for machine translation to publish."""
    sentence = "Notes are stored on your device."
    _machine_translated_then_off_handoffs(tree, sentence)
    path = tree.catalog_path("fr-FR", "guide.md")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert tree.run("render") == 0
    page = tree.page("fr-FR", "guide.md")
    assert published in page and "BROUILLON" not in page
    assert tree.run("locales") == 0
    assert tree.page("fr-FR", "guide.md") == page


def test_an_edited_title_takes_the_suggestion_of_its_own_old_english(tree: Tree) -> None:
    """The title's old English is still the heading's, so its entry stays claimed; a changed
    description, further from the new title, must not lend its translation before it: the
    suggestion names the English it translates, and that is the title's old English."""
    english = ("---\ntitle: Keep a copy of your notes\ndescription: Keep a copy of your notes "
               "on your device.\n---\n\n# Keep a copy of your notes\n\nNotes are kept.\n")
    tree.write("guide.md", english)
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    tree.translate("fr-FR", "guide.md", {
        "Keep a copy of your notes": "Gardez une copie de vos notes",
        "Keep a copy of your notes on your device.": "Gardez une copie sur l'appareil."})
    tree.write("guide.md", english.replace("title: Keep a copy of your notes",
                                           "title: Keep a copy of all your notes")
               .replace("on your device.", "on this device."))
    assert tree.run("extract") == 0
    title = _entry(tree.catalog("fr-FR", "guide.md"), "Keep a copy of all your notes")
    assert (title.previous_msgid, title.msgstr) == (
        "Keep a copy of your notes", "Gardez une copie de vos notes")


def test_an_edit_undone_piles_up_no_suggestion_for_english_reviewed_with_its_old_msgid(
        tree: Tree) -> None:
    """A reviewer who clears the fuzzy flag alone (``msgattrib --clear-fuzzy``, a text
    editor) leaves the ``#| msgid``; an edit of that English and its revert left the
    suggestion made for the edit behind, obsolete and fuzzy, beside the reviewed entry whose
    text it is (the rule that drops it took only entries without a ``#|``)."""
    first = "Select **Restore**, and then pick the backup to use."
    second = "Select **Restore**, and then pick the backup you want to use."
    _translated(tree)
    tree.translate("fr-FR", "guide.md", {first: "Sélectionnez **Restaurer**."})
    tree.write("guide.md", GUIDE.replace(first, second))
    assert tree.run("locales") == 0
    tree.translate("fr-FR", "guide.md", {second: "Sélectionnez **Restaurer**, puis l'une."})
    assert _entry(tree.catalog("fr-FR", "guide.md"), second).previous_msgid == first
    assert tree.run("locales") == 0
    for n in range(3):
        tree.write("guide.md", GUIDE.replace(first, second[:-1] + f" now {n}."))
        assert tree.run("locales") == 0
        tree.write("guide.md", GUIDE.replace(first, second))
        assert tree.run("locales") == 0
    assert [m.msgid for m in tree.catalog("fr-FR", "guide.md").messages if m.obsolete] == [first]


def test_a_paragraph_rewrapped_at_a_double_space_keeps_its_reviewed_translation(
        tree: Tree) -> None:
    # helper-106: the page shows one space either way; real articles hold double spaces
    # ('**Browse**  button'), and a re-wrap (Prettier, Reflow Markdown) takes them to a line end
    tree.write("wrap.md", "# Wrap\n\nSelect the **Browse**  button to pick a path. It opens.\n")
    tree.target("fr-FR")
    assert tree.run("extract") == 0
    english = "Select the **Browse**  button to pick a path."
    french = "Sélectionnez le bouton **Browse** pour choisir un chemin."
    tree.translate("fr-FR", "wrap.md", {english: french})
    tree.write("wrap.md", "# Wrap\n\nSelect the **Browse**\nbutton to pick a path. It opens.\n")
    assert tree.run("locales") == 0
    by_id = {m.msgid: m for m in tree.catalog("fr-FR", "wrap.md").messages if not m.obsolete}
    entry = by_id["Select the **Browse** button to pick a path."]
    assert entry.msgstr == french and not entry.fuzzy
    assert french in tree.page("fr-FR", "wrap.md")


@pytest.mark.parametrize("alt", ["The backup buttons", "A diagram of the restore flow"])
def test_changed_alt_text_never_takes_the_old_alt_texts_translation_as_its_own(
        tree: Tree, alt: str) -> None:
    """A handoff lends alt text by image target, whatever English it translated: once the
    English alt text changed, the handoff's alt text the catalog already took for the old
    English is that English's translation. It was the new English's entry, reviewed, and
    published: a suggestion of the old entry to review at most, never a delivery."""
    tree.write("guide.md", GUIDE)
    tree.write("guide.md", _handoff("Notes are stored on your device.",
                                    "Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    for more in ("", "Pick one."):  # and on a later run, the old entry obsolete
        tree.write("guide.md", GUIDE.replace("The backup button", alt) + more)
        assert tree.run("locales") in (0, 1)
        entry = _entry(tree.catalog("fr-FR", "guide.md"), alt)
        assert not (entry.reviewed and entry.msgstr)
        assert "Le bouton de sauvegarde" not in tree.page("fr-FR", "guide.md")
