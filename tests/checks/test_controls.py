"""A control character a translation adds never reaches the page: ``control-character`` is a
safety rule, so the translation is held back and the English published. Through the CLI, on the
example tree (the table-driven cases are in test_safety.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from example import copy_example

from pipeline.cli import main

ARTICLE = "fr-FR/get-started/install-cli.md"
FRENCH = "Cet article explique comment installer l’interface CLI sur Windows, macOS et Linux."
ENGLISH = "This article shows how to install the CLI on Windows, macOS, and Linux."


@pytest.mark.parametrize("control", ["\x1bc", "\x9b2J", "\x0b", "&#27;"],
                         ids=["escape-reset", "c1-csi", "vertical-tab", "escape-reference"])
def test_a_control_character_in_a_translation_is_held_back_and_the_english_published(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], control: str) -> None:
    copy_example(tmp_path / "content")
    article = tmp_path / "content" / ARTICLE
    text = article.read_text(encoding="utf-8")
    assert text.count(FRENCH) == 1
    article.write_text(text.replace(FRENCH, f"{control}{FRENCH}"), encoding="utf-8")
    rc = main(["locales", "--content", str(tmp_path / "content"), "--locales",
               str(tmp_path / "locales"), "--out", str(tmp_path / "build"), "-j", "1", "-q",
               "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    page = (tmp_path / "build" / ARTICLE).read_text(encoding="utf-8")
    assert rc == 1
    assert [f["severity"] for f in found if f["check"] == "control-character"] == ["error"]
    assert any(f["check"] == "render-substituted" and "control-character" in f["message"]
               for f in found)
    assert control not in page and FRENCH not in page and ENGLISH in page
