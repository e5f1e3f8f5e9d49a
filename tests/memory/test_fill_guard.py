"""What the memory may put into a catalog: only what publishing would let through, whatever the
report settings; and never an echo of its own fills that outvotes the translator it copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog import parse_po
from tests.memory.helpers import run, write
from tests.memory.test_english_driven import page, translate

EN = "Select the subscription that you want to use for this deployment."
UNSAFE = "Wählen Sie das Abonnement <script>alert(1)</script> für diese Bereitstellung."


def _config(tmp_path: Path, *lines: str) -> Path:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.pipeline]\ntranslation-memory = true\ntm-publish-exact = true\n"
                      + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return config


def _locales(tmp_path: Path, config: Path) -> int:
    return run("locales", "--content", tmp_path / "content", "--locales", tmp_path / "locales",
               "--out", tmp_path / "build", "-q", "-j", "1", "--config", config)


def _entry(path: Path, msgid: str) -> tuple[str, bool]:
    cat = parse_po(path.read_text(encoding="utf-8"), str(path))
    msg = next(m for m in cat.messages if m.msgid == msgid and not m.obsolete)
    return msg.msgstr, msg.fuzzy


def test_ignoring_the_checks_does_not_let_the_memory_copy_what_publishing_holds_back(
        tmp_path: Path) -> None:
    config = _config(tmp_path, 'ignore = ["unsafe-element", "html-added"]')
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "en-US/a.md", page(EN))
    (cats / "de-DE").mkdir(parents=True)
    _locales(tmp_path, config)
    translate(cats / "de-DE/a.po", {EN: UNSAFE})
    write(content, "en-US/b.md", page(EN))
    _locales(tmp_path, config)
    assert _entry(cats / "de-DE/b.po", EN) == ("", False)


def _filled_from_a(tmp_path: Path, names: str) -> tuple[Path, Path, Path]:
    """a.md reviewed as 'Alt.' in de-DE, then the articles ``names`` (one letter each) with the
    same English filled from it and published (tm-publish-exact): (config, content, locales)."""
    config = _config(tmp_path)
    content, cats = tmp_path / "content", tmp_path / "locales"
    write(content, "en-US/a.md", page(EN))
    (cats / "de-DE").mkdir(parents=True)
    _locales(tmp_path, config)
    translate(cats / "de-DE/a.po", {EN: "Alt."})
    for name in names:
        write(content, f"en-US/{name}.md", page(EN))
    _locales(tmp_path, config)
    return config, content, cats


def test_published_copies_of_a_match_do_not_outvote_the_translator_who_changed_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """b, c and d were filled with a.md's reviewed text and published (tm-publish-exact). The
    translator then changes a.md's text: a new article takes the new text, not the old one
    the memory's own copies still hold, and is not said to come from a copy."""
    config, content, cats = _filled_from_a(tmp_path, "bcd")
    assert _entry(cats / "de-DE/b.po", EN) == ("Alt.", False)
    translate(cats / "de-DE/a.po", {EN: "Neu."})
    write(content, "en-US/e.md", page(EN))
    _locales(tmp_path, config)
    assert _entry(cats / "de-DE/e.po", EN) == ("Neu.", False)
    assert "# tm: exact match from de-DE/a.md (reviewed)" in (
        cats / "de-DE/e.po").read_text(encoding="utf-8")
    # the pages disagree now: that is still reported
    capsys.readouterr()
    run("check", "--content", content, "--locales", cats, "-q", "--config", config)
    assert "warning[inconsistent-translation]: 'Select the subscription" in capsys.readouterr().err


def test_a_deleted_catalog_s_text_is_not_served_by_its_published_copies(tmp_path: Path) -> None:
    config, content, cats = _filled_from_a(tmp_path, "b")
    (cats / "de-DE/a.po").unlink()
    (content / "en-US/a.md").unlink()
    write(content, "en-US/e.md", page(EN))
    _locales(tmp_path, config)
    assert _entry(cats / "de-DE/e.po", EN) == ("", False)


def test_a_memory_note_wrapped_by_polib_s_save_is_still_the_memory_s(tmp_path: Path) -> None:
    """polib wraps ``#`` comments at 78 columns, after a hyphen of the path too: the note is
    still read as the memory's (the vendor package's match category, english-changed), and
    a fill of the entry again leaves no piece of the old one behind."""
    import polib

    from pipeline.memory.rows import Provenance, provenance, without_provenance

    origin = "he-IL/articles/pricing-costing/add-custom-fields-price-setup-transactional.md"
    note = f"tm: 97% match from {origin} (reviewed)"
    po = polib.POFile()
    po.append(polib.POEntry(msgid="a", msgstr="b", tcomment=f"keep me\n{note}",
                            flags=["fuzzy"], previous_msgid="c"))
    po.save(str(tmp_path / "x.po"))
    text = (tmp_path / "x.po").read_text(encoding="utf-8")
    assert f"# {note}\n" not in text  # wrapped: the case at hand
    msg = next(m for m in parse_po(text, "x.po").messages if m.msgid == "a")
    assert provenance(msg) == Provenance(97, origin, True)
    assert without_provenance(msg.translator_comments) == ("keep me",)


def test_a_tmx_exact_match_with_a_generic_attribute_handler_is_not_published(
        tmp_path: Path) -> None:
    # helper-108: Markdig's '{onmouseover=…}' writes the handler onto the paragraph; no rule
    # read '{…}' blocks, so a vendor's TMX filled and published it as a reviewed exact match
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "en-US/a.md", "# Setup\n\nClick the button.\n")
    (cats / "fr-FR").mkdir(parents=True)
    tmx = write(tmp_path, "vendor.tmx", (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en-US" '
        'datatype="plaintext" segtype="sentence" adminlang="en-US" creationtool="x" '
        'creationtoolversion="1" o-tmf="x"/><body><tu><tuv xml:lang="en-US"><seg>Click the '
        'button.</seg></tuv><tuv xml:lang="fr-FR"><seg>Cliquez sur le bouton. '
        '{onmouseover=alert(document.cookie)}</seg></tuv></tu></body></tmx>'))
    _locales(tmp_path, _config(tmp_path, f'tm = ["{tmx}"]'))
    assert "onmouseover" not in (out / "fr-FR/a.md").read_text(encoding="utf-8")
