"""The run cache and English-driven articles: a rerun with nothing changed replays an article
whose locale folder also holds a handoff of it, and any change to the English, the handoff (its
text, its coming or its going), the catalog or the output redoes it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from source_tree import Tree

from pipeline import runner
from pipeline.segment.output import pair

GUIDE = """\
---
title: Back up your notes
description: Keep a copy of your notes.
---

# Back up your notes

Notes are stored on your device. A backup keeps a copy in the cloud.
"""


def _handoff(translation: str) -> str:
    return f"""\
---
title: Sauvegarder les notes
ms.translationtype: HT
ms.contentlocale: fr-FR
ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567
ms.openlocfilehash: 89abcdef0123456789abcdef0123456789abcdef
ms.lasthandoff: 01/20/2025
---
# <a name="back-up-your-notes"></a>{pair("aaaaa-101", "Back up your notes", "Sauvegarder")}

{pair("aaaaa-102", "Notes are stored on your device.", translation)}
"""


@pytest.fixture
def worked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The articles of each run that worked on any (a run that replays all calls no worker)."""
    done: list[list[str]] = []
    real = runner._work

    def counting(todo: list[str], *rest: object) -> object:
        done.append(list(todo))
        return real(todo, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_work", counting)
    return done


def _tree(tree: Tree, handoff: bool = True) -> Tree:
    tree.write("guide.md", GUIDE)
    tree.target("fr-FR")
    if handoff:
        tree.write("guide.md", _handoff("Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    return tree


def test_a_no_op_rerun_replays_an_english_article_that_has_a_handoff(
        tree: Tree, worked: list[list[str]]) -> None:
    _tree(tree)
    assert "Les notes restent sur l'appareil." in tree.page("fr-FR", "guide.md")
    assert tree.run("locales") == 0
    assert tree.run("locales") == 0
    assert worked == [["fr-FR/guide.md"]]


def _edit_english(tree: Tree) -> None:
    tree.write("guide.md", GUIDE.replace("in the cloud", "online"))


def _edit_handoff(tree: Tree) -> None:
    tree.write("guide.md", _handoff("Les notes sont sur votre appareil."), locale="fr-FR")


def _remove_handoff(tree: Tree) -> None:
    (tree.content / "fr-FR" / "guide.md").unlink()


def _edit_catalog(tree: Tree) -> None:
    tree.translate("fr-FR", "guide.md", {"Back up your notes": "Sauvegarde des notes"})


def _edit_output(tree: Tree) -> None:
    (tree.out / "fr-FR" / "guide.md").write_text("edited by hand\n", encoding="utf-8")


CHANGES: list[tuple[Callable[[Tree], None], str]] = [
    (_edit_english, "A backup keeps a copy online."),
    (_edit_handoff, "Les notes sont sur votre appareil."),
    # the catalog keeps what the handoff lent: the page is the same, its findings may not be
    (_remove_handoff, "Les notes restent sur l'appareil."),
    (_edit_catalog, "# <a name=\"back-up-your-notes\"></a>Sauvegarde des notes"),
    (_edit_output, "Les notes restent sur l'appareil."),
]


@pytest.mark.parametrize(("change", "shown"), CHANGES, ids=lambda c: getattr(c, "__name__", ""))
def test_any_change_to_an_english_driven_articles_files_redoes_it(
        tree: Tree, worked: list[list[str]], change: Callable[[Tree], None],
        shown: str) -> None:
    _tree(tree)
    assert tree.run("locales") == 0  # the cache now holds the article
    change(tree)
    assert tree.run("locales") == 0
    assert worked == [["fr-FR/guide.md"], ["fr-FR/guide.md"]]
    assert shown in tree.page("fr-FR", "guide.md")


def test_a_handoff_that_comes_after_the_english_is_not_replayed_over(
        tree: Tree, worked: list[list[str]]) -> None:
    _tree(tree, handoff=False)
    assert tree.run("locales") == 0
    assert worked == [["fr-FR/guide.md"]]
    tree.write("guide.md", _handoff("Les notes restent sur l'appareil."), locale="fr-FR")
    assert tree.run("locales") == 0
    assert worked[-1] == ["fr-FR/guide.md"]
    assert "Les notes restent sur l'appareil." in tree.page("fr-FR", "guide.md")


def test_an_unreadable_handoff_is_redone_every_run(tree: Tree, worked: list[list[str]]) -> None:
    """A handoff that cannot be read is reported by every run, never replayed as read."""
    _tree(tree)
    handoff = tree.content / "fr-FR" / "guide.md"
    handoff.write_bytes(b"\xff\xfe not UTF-8")
    assert tree.run("locales") == 1
    assert tree.run("locales") == 1
    assert worked[-2:] == [["fr-FR/guide.md"], ["fr-FR/guide.md"]]


def test_each_english_article_is_segmented_once_for_all_its_locales(
        tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Segmenting is most of an English-driven job: the locales of an article come one after
    the other, and reuse the segments."""
    from pipeline.source import job

    calls: list[str] = []
    real = job.segment_bytes

    def counting(data: bytes, shown: str) -> object:
        calls.append(shown)
        return real(data, shown)

    monkeypatch.setattr(job, "segment_bytes", counting)
    for name in ("a.md", "b.md", "c.md"):
        tree.write(name, GUIDE)
    tree.target("ar-SA", "de-DE", "fr-FR")
    assert tree.run("locales", "-j", "1") == 0
    assert sorted(calls) == sorted({*calls}) and len(calls) == 3
