"""The memory fills the catalogs made from English source articles (``pipeline.source``) as it
fills those of handoffs: the same rules, provenance comments and checks on suggestions, and a
translator's text never replaced."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline.catalog import Catalog, format_po, parse_po
from pipeline.memory.rows import checksum
from tests.memory.helpers import run, write

EN = "Select the subscription that you want to use for this deployment."
FR = "Sélectionnez l'abonnement à utiliser pour ce déploiement."
EN2 = "The resource group holds every resource of the solution."
FR2 = "Le groupe de ressources contient toutes les ressources de la solution."
CLOSE2 = "The resource group holds every resource of the new solution."
OTHER = "Nothing like it is anywhere in the memory at all."


def page(*sentences: str) -> str:
    return "---\ntitle: Deploy\n---\n\n" + "\n\n".join(sentences) + "\n"


def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    """a.md translated and reviewed in fr-FR; b.md new, one sentence of it in a.md and one
    close to a.md's other sentence."""
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "en-US/a.md", page(EN, EN2))
    (cats / "fr-FR").mkdir(parents=True)
    assert run("extract", "--content", content, "--locales", cats, "-q") == 0
    translate(cats / "fr-FR/a.po", {EN: FR, EN2: FR2, "Deploy": "Déployer"})
    write(content, "en-US/b.md", page(EN, CLOSE2, OTHER))
    return content, cats, out


def translate(path: Path, table: dict[str, str], fuzzy: bool = False) -> None:
    """A translator's edit: the msgstr of each msgid in ``table``, reviewed unless ``fuzzy``."""
    from dataclasses import replace

    cat = parse_po(path.read_text(encoding="utf-8"), str(path))
    flags = ("fuzzy",) if fuzzy else ()
    messages = tuple(replace(m, msgstr=table[m.msgid], flags=flags)
                     if m.msgid in table and not m.obsolete else m for m in cat.messages)
    path.write_text(format_po(replace(cat, messages=messages)), encoding="utf-8")


def catalog(path: Path) -> Catalog:
    return parse_po(path.read_text(encoding="utf-8"), str(path))


def locales(content: Path, cats: Path, out: Path, *more: str) -> int:
    return run("locales", "--content", content, "--locales", cats, "--out", out, "-q", *more)


def test_new_english_of_a_source_article_is_filled_from_another_article_s_catalog(
        tmp_path: Path, require_gettext: None) -> None:
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    po = (cats / "fr-FR/b.po").read_text(encoding="utf-8")
    assert (f'# tm: exact match from fr-FR/a.md (reviewed) filled {checksum(FR)}\n'
            f'#. bb801-102\n#: en-US/b.md\n'
            f'#, fuzzy\nmsgid "{EN}"\nmsgstr "{FR}"\n') in po
    assert f'#, fuzzy\n#| msgid "{EN2}"\nmsgid "{CLOSE2}"\nmsgstr "{FR2}"\n' in po
    assert "# tm: 96% match from fr-FR/a.md (reviewed)" in po
    assert f'msgid "{OTHER}"\nmsgstr ""\n' in po
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", cats / "fr-FR/b.po"], check=True)
    # fuzzy: not published; the page keeps the English
    assert FR not in (out / "fr-FR/b.md").read_text(encoding="utf-8")
    # a rerun changes nothing
    before = (cats / "fr-FR/b.po").read_bytes()
    locales(content, cats, out, "-j", "1")
    assert (cats / "fr-FR/b.po").read_bytes() == before


def test_a_translator_s_text_in_a_source_article_s_catalog_is_never_replaced(
        tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    off = write(tmp_path, "off.toml", "[tool.pipeline]\ntranslation-memory = false\n")
    locales(content, cats, out, "-j", "1", "--config", off)  # b.po made without the memory
    mine = "Choisissez votre abonnement."
    translate(cats / "fr-FR/b.po", {EN: mine, CLOSE2: "Ma suggestion."}, fuzzy=True)
    locales(content, cats, out, "-j", "1")
    found = {m.msgid: m for m in catalog(cats / "fr-FR/b.po").messages}
    assert found[EN].msgstr == mine and found[CLOSE2].msgstr == "Ma suggestion."
    assert not found[EN].translator_comments and not found[CLOSE2].translator_comments
    assert found["Deploy"].msgstr == "Déployer"  # the entry left empty is filled


def test_tm_publish_exact_publishes_a_reviewed_exact_match_in_the_source_article_s_page(
        tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    config = write(tmp_path, "on.toml",
                   "[tool.pipeline]\ntranslation-memory = true\ntm-publish-exact = true\n")
    locales(content, cats, out, "-j", "1", "--config", config)
    found = {m.msgid: m for m in catalog(cats / "fr-FR/b.po").messages}
    assert found[EN].msgstr == FR and not found[EN].fuzzy
    assert found[CLOSE2].fuzzy  # a close match: never published
    text = (out / "fr-FR/b.md").read_text(encoding="utf-8")
    assert FR in text and FR2 not in text and CLOSE2 in text


def test_a_source_article_left_to_fill_is_checked_and_rendered_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.source.job

    published: list[str] = []
    real = pipeline.source.job.publish

    def counted(article: Any, *args: Any) -> Any:
        published.append(article.rel)
        return real(article, *args)

    monkeypatch.setattr(pipeline.source.job, "publish", counted)
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    assert sorted(published) == ["fr-FR/a.md", "fr-FR/b.md"]  # b.md's second pass only
    assert "tm: exact match" in (cats / "fr-FR/b.po").read_text(encoding="utf-8")


def test_a_memory_suggestion_is_reported_as_one_not_as_an_english_change(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, cats, out = tree(tmp_path)
    locales(content, cats, out, "-j", "1")
    capsys.readouterr()
    assert run("check", "--content", content, "--locales", cats, "--format", "json") == 0
    found = [f["message"] for f in json.loads(capsys.readouterr().out)
             if f["file"].endswith("fr-FR/b.po")]
    assert any(m.startswith("a translation memory suggestion for other English (96% like it, "
                            "from fr-FR/a.md) awaits review") for m in found), found
    assert not any("the English changed since" in m for m in found), found
    lag = [m for m in found if "lags the English" in m]
    assert lag and "1 awaiting review of a memory suggestion" in lag[0], lag


def test_a_suggestion_lent_by_other_english_is_kept_without_the_lender_s_memory_note(
        tmp_path: Path) -> None:
    """The merge's suggestion stays (a translator's edit of one cannot be told from the
    lender's text, so the memory never replaces it), and no longer claims the memory's note
    the lender had."""
    content, cats, out = tree(tmp_path)
    near = "Select the subscription that you want to use for the deployment."
    write(content, "en-US/b.md", page(near))
    locales(content, cats, out, "-j", "1")
    translate(cats / "fr-FR/b.po", {near: "Choisissez l'abonnement du déploiement."})
    write(content, "en-US/b.md", page(near, EN))  # EN: reviewed in a.md
    locales(content, cats, out, "-j", "1")
    found = {m.msgid: m for m in catalog(cats / "fr-FR/b.po").messages}
    assert found[EN].msgstr == "Choisissez l'abonnement du déploiement."
    assert found[EN].fuzzy and found[EN].previous_msgid == near
    assert not any(c.startswith("tm: ") for c in found[EN].translator_comments)


def test_a_suggestion_lent_by_english_the_article_still_has_is_no_english_change(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, cats, out = tree(tmp_path)
    off = write(tmp_path, "off.toml", "[tool.pipeline]\ntranslation-memory = false\n")
    write(content, "en-US/a.md", page(EN, EN2, EN.replace("this", "the")))
    capsys.readouterr()
    assert run("locales", "--content", content, "--locales", cats, "--out", out,
               "--config", off, "--format", "json") in (0, 1)
    found = [f["message"] for f in json.loads(capsys.readouterr().out)
             if f["check"] == "english-changed"]
    assert len(found) == 1 and "lent by the translation of similar English the article " \
        "still has" in found[0] and "changed since" not in found[0]


def test_a_translator_s_edit_of_a_lent_suggestion_is_not_replaced_by_the_memory(
        tmp_path: Path) -> None:
    content, cats, out = tree(tmp_path)
    off = write(tmp_path, "off.toml", "[tool.pipeline]\ntranslation-memory = false\n")
    near = "Select the subscription that you want to use for the deployment."
    write(content, "en-US/b.md", page(near))
    locales(content, cats, out, "-j", "1", "--config", off)
    translate(cats / "fr-FR/b.po", {near: "Choisissez l'abonnement du déploiement."})
    write(content, "en-US/b.md", page(near, EN))
    locales(content, cats, out, "-j", "1", "--config", off)  # EN: lent near's text, fuzzy
    path = cats / "fr-FR/b.po"
    lent = next(m for m in catalog(path).messages if m.msgid == EN)
    assert lent.fuzzy and lent.previous_msgid == near
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'msgid "{EN}"\nmsgstr "Choisissez', f'msgid "{EN}"\nmsgstr "Ma version. Choisissez'),
        encoding="utf-8")  # the translator's edit, not yet reviewed
    locales(content, cats, out, "-j", "1")
    found = next(m for m in catalog(path).messages if m.msgid == EN)
    assert found.msgstr.startswith("Ma version.") and found.previous_msgid == near


def test_a_human_handoff_replaces_a_memory_suggestion_and_stays_once_it_is_gone(
        tmp_path: Path) -> None:
    """b.md's entry holds a.md's translation, filled by the memory (fuzzy); then b.md's human
    handoff arrives. The memory's copy was taken for a translator's text: the handoff's
    translation was recorded as delivered but never kept, so it went with the handoff."""
    content, cats, out = tree(tmp_path)
    assert locales(content, cats, out) == 0
    assert _entry(cats / "fr-FR/b.po").msgstr == FR
    vendor = "Choisissez l'abonnement de ce déploiement."
    assert run("segment", "--source", content / "en-US", "--format", "sxs", "--out",
               tmp_path / "sxs") == 0
    sxs = (tmp_path / "sxs/b.md").read_text(encoding="utf-8")
    sxs = sxs.replace(f">{EN}</span><span class", f">{vendor}</span><span class", 1)
    write(content, "fr-FR/b.md", sxs.replace("---\n", "---\nms.translationtype: HT\n", 1))
    locales(content, cats, out)
    (content / "fr-FR/b.md").unlink()
    locales(content, cats, out)
    entry = _entry(cats / "fr-FR/b.po")
    assert entry.msgstr == vendor and not entry.fuzzy
    assert not any(c.startswith("tm: ") for c in entry.translator_comments)
    assert vendor in (out / "fr-FR/b.md").read_text(encoding="utf-8")


def _entry(path: Path) -> Any:
    return next(m for m in catalog(path).active() if m.msgid == EN)


def test_a_sentence_moved_to_another_article_is_offered_its_translation_from_the_one_it_left(
        tmp_path: Path, require_gettext: None) -> None:
    """h151: a sentence moved from a.md to b.md (both with catalogs) left its reviewed
    translation obsolete in a.po, which the memory never read: b.po's entry stayed empty, the
    page English, though the same English had a translation. The obsolete text is offered
    now, as the memory's last resort (no active entry has the English): a fuzzy suggestion,
    never published, said to be unreviewed."""
    content, cats, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    write(content, "en-US/a.md", page(EN, EN2))
    write(content, "en-US/b.md", page(OTHER))
    (cats / "fr-FR").mkdir(parents=True)
    assert locales(content, cats, out, "-j", "1") == 0
    translate(cats / "fr-FR/a.po", {EN: FR, EN2: FR2})
    write(content, "en-US/a.md", page(EN2))
    write(content, "en-US/b.md", page(OTHER, EN))
    locales(content, cats, out, "-j", "1")
    a = {m.msgid: m for m in catalog(cats / "fr-FR/a.po").messages}
    assert a[EN].obsolete and a[EN].msgstr == FR  # kept where it was
    b = {m.msgid: m for m in catalog(cats / "fr-FR/b.po").messages}
    assert b[EN].msgstr == FR and b[EN].fuzzy
    assert f"tm: exact match from fr-FR/a.md (unreviewed) filled {checksum(FR)}" in \
        b[EN].translator_comments
    assert FR not in (out / "fr-FR/b.md").read_text(encoding="utf-8")
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", cats / "fr-FR/b.po"], check=True)
    before = {p: p.read_bytes() for p in cats.rglob("*.po")}
    locales(content, cats, out, "-j", "2")
    assert {p: p.read_bytes() for p in cats.rglob("*.po")} == before


def test_an_obsolete_translation_never_outvotes_an_active_one(tmp_path: Path) -> None:
    """The memory reads an obsolete entry only for English no active entry has: an old text
    kept in two catalogs does not outvote the one a reviewer stands behind now."""
    from pipeline.memory.index import build
    from pipeline.memory.rows import OBSOLETE, REVIEWED

    index = build([("fr-FR/a.md", [(EN, FR, REVIEWED)]),
                   ("fr-FR/b.md", [(EN, "Ancien.", OBSOLETE), (EN2, FR2, OBSOLETE)]),
                   ("fr-FR/c.md", [(EN, "Ancien.", OBSOLETE)])])
    assert [c.target for c in index.exact(EN)] == [FR]
    [only] = index.exact(EN2)
    assert only.target == FR2 and only.reviewed == 0
