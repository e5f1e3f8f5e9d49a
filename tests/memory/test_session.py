"""The translation memory in a run: new untranslated entries filled from the other articles'
catalogs, the same for any number of jobs, nothing done by a run with nothing to do, and the
consistency check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline.memory import MEMORY_NAME
from pipeline.memory.rows import checksum
from tests.memory.helpers import article, run, write

EN = "Select the subscription that you want to use for this deployment."
FR = "Sélectionnez l'abonnement à utiliser pour ce déploiement."
EN2 = "The resource group holds every resource of the solution."
FR2 = "Le groupe de ressources contient toutes les ressources de la solution."
CLOSE2 = "The resource group holds every resource of the new solution."


def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    content = tmp_path / "content"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [(FR, EN), (FR2, EN2)]))
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [
        ("", EN), ("", CLOSE2), ("", "Nothing like it is anywhere in the memory at all.")]))
    return content, tmp_path / "locales", tmp_path / "build"


def locales(content: Path, cats: Path, out: Path, *more: str) -> int:
    return run("locales", "--content", content, "--locales", cats, "--out", out, "-q", *more)


def test_a_new_untranslated_entry_is_filled_from_another_article(
        tmp_path: Path, require_gettext: None) -> None:
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    po = (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert (f'# tm: exact match from fr-FR/a.md (reviewed) filled {checksum(FR)}\n'
            f'#. bbbbb-101\n#: fr-FR/b.md:11\n'
            f'#, fuzzy\nmsgid "{EN}"\nmsgstr "{FR}"\n') in po
    assert (f'#, fuzzy\n#| msgid "{EN2}"\nmsgid "{CLOSE2}"\nmsgstr "{FR2}"\n') in po
    assert "# tm: 96% match from fr-FR/a.md (reviewed)" in po  # 2 x 56 / (56 + 60)
    assert 'msgid "Nothing like it is anywhere in the memory at all."\nmsgstr ""\n' in po
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", cats / "fr-FR/b.po"], check=True)
    # fuzzy: not published; the article's own (empty) translation stands
    assert FR not in (out / "fr-FR/b.md").read_text(encoding="utf-8")


def test_the_fill_is_the_same_for_any_number_of_jobs(tmp_path: Path) -> None:
    content, _, _ = tree(tmp_path)
    for n in range(12):  # enough articles for two workers
        write(content, f"fr-FR/x{n:02}.md", article("fr-FR", f"c{n:04}", [(FR2, EN2)]))
    got = []
    for jobs in ("1", "2"):
        cats, out = tmp_path / f"l{jobs}", tmp_path / f"o{jobs}"
        locales(content, cats, out, "-j", jobs)
        got.append((cats / "fr-FR/b.po").read_bytes())
    assert got[0] == got[1] and b"tm: exact match" in got[0]


def test_a_run_with_nothing_new_does_no_memory_work(tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    memory = out / f"{MEMORY_NAME}.fr-FR"
    before = memory.stat().st_mtime_ns
    po = (cats / "fr-FR/b.po").read_bytes()
    locales(content, cats, out, "-j", "1")
    assert memory.stat().st_mtime_ns == before and (cats / "fr-FR/b.po").read_bytes() == po


def test_tm_publish_exact_publishes_a_reviewed_exact_match(tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    config = write(tmp_path, "pyproject.toml",
                   "[tool.pipeline]\ntranslation-memory = true\ntm-publish-exact = true\n")
    locales(content, cats, out, "-j", "1", "--config", config)
    po = (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert f'#: fr-FR/b.md:11\nmsgid "{EN}"\nmsgstr "{FR}"\n' in po  # not fuzzy
    assert FR in (out / "fr-FR/b.md").read_text(encoding="utf-8")
    assert FR2 not in (out / "fr-FR/b.md").read_text(encoding="utf-8")  # close: never


def test_without_the_memory_nothing_is_filled(tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    config = write(tmp_path, "pyproject.toml", "[tool.pipeline]\ntranslation-memory = false\n")
    locales(content, cats, out, "-j", "1", "--config", config)
    assert "tm:" not in (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert not list(out.glob(MEMORY_NAME + "*"))


def test_inconsistent_translations_are_named_and_replayed_by_a_run_with_nothing_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, cats, out = tree(tmp_path)
    write(content, "fr-FR/c.md", article("fr-FR", "ccccc", [("Choisissez l'abonnement.", EN)]))
    write(content, "fr-FR/d.md", article("fr-FR", "ddddd", [(FR, EN)]))
    write(content, "fr-FR/e.md", article("fr-FR", "eeeee", [("Texte machine.", EN)], mt=True))
    locales(content, cats, out, "-j", "1")
    first = [line for line in capsys.readouterr().err.splitlines()
             if "inconsistent-translation" in line]
    assert len(first) == 1
    assert "fr-FR/c.po:1:1: warning[inconsistent-translation]: " in first[0]
    assert "in 2 (a.md, d.md)" in first[0] and "in 1 (c.md)" in first[0]
    assert "Texte machine" not in first[0]  # unreviewed machine translation is no voice
    locales(content, cats, out, "-j", "1")
    again = [line for line in capsys.readouterr().err.splitlines()
             if "inconsistent-translation" in line]
    assert again == first
    locales(content, cats, out, "-j", "1", "--ignore", "inconsistent-translation")
    assert "inconsistent-translation" not in capsys.readouterr().err


def test_a_damaged_memory_file_is_ignored_and_the_fill_is_the_same(tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    expected = (cats / "fr-FR/b.po").read_bytes()
    for damaged in out.glob(MEMORY_NAME + "*"):
        damaged.write_bytes(b"\x00not marshal")
    (cats / "fr-FR/b.po").unlink()
    (out / "fr-FR/b.md").unlink()
    assert locales(content, cats, out, "-j", "1") in (0, 1)
    assert (cats / "fr-FR/b.po").read_bytes() == expected


def test_the_second_pass_on_a_pool_of_workers_fills_as_one_process_does(tmp_path: Path) -> None:
    content, _, _ = tree(tmp_path)
    for n in range(30):  # enough articles left to fill for a second pass in batches
        write(content, f"fr-FR/y{n:02}.md", article("fr-FR", f"d{n:04}", [("", EN), ("", CLOSE2)]))
    got = []
    for jobs in ("1", "2"):
        cats, out = tmp_path / f"l{jobs}", tmp_path / f"o{jobs}"
        locales(content, cats, out, "-j", jobs)
        got.append(sorted((p.relative_to(cats).as_posix(), p.read_bytes())
                          for p in cats.rglob("*.po")))
    assert got[0] == got[1]
    assert all(b"tm: exact match" in data for rel, data in got[1] if "/y" in rel)


def test_an_article_left_to_fill_is_checked_and_rendered_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.job

    published: list[str] = []
    real = pipeline.job.publish

    def counted(article: Any, *args: Any) -> Any:
        published.append(article.rel)
        return real(article, *args)

    monkeypatch.setattr(pipeline.job, "publish", counted)
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    # b.md's first pass stops after its merge: the second pass does its work, once
    assert sorted(published) == ["fr-FR/a.md", "fr-FR/b.md"]
    assert "tm: exact match" in (cats / "fr-FR/b.po").read_text(encoding="utf-8")



def _translated_in_a_then_run(root: Path, cold: bool) -> bytes:
    """b.po after a run that follows a translator's work in a.po: with the run cache the first
    run left (``cold``: without it)."""
    content = root / "content"
    write(content, "fr-FR/a.md", article("fr-FR", "aaaaa", [("", EN), (FR2, EN2)]))
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [("", EN), ("", "Nothing alike.")]))
    cats, out = root / "locales", root / "build"
    locales(content, cats, out, "-j", "1")
    assert "# tm:" not in (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    a = cats / "fr-FR/a.po"
    text = a.read_text(encoding="utf-8")
    assert f'msgid "{EN}"\nmsgstr ""\n' in text
    a.write_text(text.replace(f'msgid "{EN}"\nmsgstr ""\n', f'msgid "{EN}"\nmsgstr "{FR}"\n'),
                 encoding="utf-8")  # the translator's work in a.po, reviewed
    if cold:
        shutil.rmtree(out)
    locales(content, cats, out, "-j", "1")
    return (cats / "fr-FR/b.po").read_bytes()


def test_a_translation_made_in_one_catalog_fills_the_others_on_the_next_run_as_a_cold_run_does(
        tmp_path: Path) -> None:
    """The run cache replayed every article whose own files were unchanged: an entry left
    open there was never filled from a translation a translator then made in another
    catalog, though a run without the cache (or ``extract``) filled it."""
    warm = _translated_in_a_then_run(tmp_path / "warm", cold=False)
    assert b"# tm: exact match from fr-FR/a.md (reviewed)" in warm
    assert warm == _translated_in_a_then_run(tmp_path / "cold", cold=True)


def _edit(path: Path, msgid: str, msgstr: str | None = None, fuzzy: bool = False) -> None:
    """A translator's edit in their PO editor: the entry's text (when given) and fuzzy flag."""
    from dataclasses import replace

    from pipeline.catalog import format_po, parse_po

    cat = parse_po(path.read_text(encoding="utf-8"), str(path))
    messages = tuple(replace(m, msgstr=m.msgstr if msgstr is None else msgstr,
                             flags=("fuzzy",) if fuzzy else ())
                     if m.msgid == msgid and not m.obsolete else m for m in cat.messages)
    path.write_text(format_po(replace(cat, messages=messages)), encoding="utf-8")


def _entry(path: Path, msgid: str) -> Any:
    from pipeline.catalog import parse_po

    cat = parse_po(path.read_text(encoding="utf-8"), str(path))
    return next(m for m in cat.messages if m.msgid == msgid and not m.obsolete)


@pytest.mark.parametrize("fuzzy", [False, True], ids=["reviewed", "still-fuzzy"])
def test_a_memory_fill_a_translator_edits_loses_the_memory_s_note(
        tmp_path: Path, fuzzy: bool) -> None:
    """The text is the translator's now: the note claimed it came from fr-FR/a.md (and, as an
    exact reviewed match, made it a copy with no voice in the memory)."""
    content, cats, out = tree(tmp_path)
    assert locales(content, cats, out, "-j", "1") == 0
    po = cats / "fr-FR/b.po"
    assert "tm: exact match" in po.read_text(encoding="utf-8")
    mine = "Choisissez l'abonnement de ce déploiement."
    _edit(po, EN, mine, fuzzy=fuzzy)
    assert locales(content, cats, out, "-j", "1") == 0
    entry = _entry(po, EN)
    assert entry.msgstr == mine and entry.fuzzy == fuzzy
    assert not any(c.startswith("tm: ") for c in entry.translator_comments)
    assert "tm: 96% match" in po.read_text(encoding="utf-8")  # the untouched fill keeps its


def test_a_memory_fill_reviewed_as_it_is_keeps_the_memory_s_note(tmp_path: Path) -> None:
    """Clearing the fuzzy flag alone accepts the memory's text: it is still the memory's, a copy
    of fr-FR/a.md's (``rows.COPY``), and the note says so."""
    content, cats, out = tree(tmp_path)
    assert locales(content, cats, out, "-j", "1") == 0
    po = cats / "fr-FR/b.po"
    _edit(po, EN)
    assert locales(content, cats, out, "-j", "1") == 0
    entry = _entry(po, EN)
    assert entry.msgstr == FR and not entry.fuzzy
    assert any(c.startswith("tm: exact match from fr-FR/a.md") for c in entry.translator_comments)


def test_a_translator_s_edit_of_a_memory_fill_is_not_replaced_by_a_human_handoff(
        tmp_path: Path) -> None:
    """A suggestion still fuzzy gives way to a human handoff's translation; text a translator
    wrote over it is theirs, and stays."""
    content, cats, out = tree(tmp_path)
    assert locales(content, cats, out, "-j", "1") == 0
    po = cats / "fr-FR/b.po"
    mine = "Choisissez l'abonnement de ce déploiement."
    _edit(po, EN, mine, fuzzy=True)
    write(content, "fr-FR/b.md", article("fr-FR", "bbbbb", [
        ("Sélectionnez l'abonnement du vendeur.", EN), ("", CLOSE2),
        ("", "Nothing like it is anywhere in the memory at all.")]))
    locales(content, cats, out, "-j", "1")
    assert _entry(po, EN).msgstr == mine
