"""Re-extraction never loses a translator's work: vendor edits, new handoffs, duplicates."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.article import Article, parse_article, read_article
from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.catalog.fuzzy import (
    FUZZY_THRESHOLD,
    _order,
    best_fuzzy,
    counterparts,
    similarity,
)
from pipeline.catalog.keys import entries_for, segment_keys
from pipeline.checks.base import Options
from pipeline.header import gettext_language
from pipeline.merge import MT_NOTE, merge
from pipeline.provenance import OBSOLETE_NOTE, delivered
from pipeline.publish import Policy, publish
from pipeline.render import Form


def page(article: Article, catalog: Catalog, form: Form) -> str:
    """The page as production publishes it (``publish``, default options)."""
    text = publish(article, entries_for(article, catalog), Policy(Options(), form)).text
    assert text is not None
    return text

FRONT = """---
title: T
ms.openlocfilehash: 8e6819f6d6ff37baab4bdd49cb5a87c32490f841
ms.sourcegitcommit: 8bc60ec34bc1e40685e3976576e04a2623f63a7c
ms.translationtype: {tt}
ms.contentlocale: fr-FR
ms.lasthandoff: 04/15/2021
ms.locfileid: "51829734"
---
"""


def pair(seg_id: str, tr: str, en: str) -> str:
    return (
        f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
        f'<span data-stu-id="{seg_id}">{en}</span></span>'
    )


def make(pairs: list[tuple[str, str, str]], tt: str = "HT", prefix: str = "b5df6") -> Article:
    body = "\n\n".join(pair(f"{prefix}-{n}", tr, en) for n, tr, en in pairs) + "\n"
    return parse_article(FRONT.format(tt=tt) + body, "fr-FR/doc.md")


BASE = [
    ("102", "Bonjour le monde", "Hello world"),
    ("103", "Ouvrez le fichier `a.json`.", "Open the file `a.json`."),
    ("104", "Sélectionnez **Enregistrer**.", "Select **Save**."),
    ("105", "Fermez la fenêtre.", "Close the window."),
]


def by_msgid(catalog: Catalog) -> dict[str, Message]:
    return {m.msgid: m for m in catalog.messages if m.msgctxt is None}


def vendor_edit(catalog: Catalog, msgid: str, msgstr: str, comment: str = "") -> Catalog:
    msgs = []
    for m in catalog.messages:
        if m.msgid == msgid:
            m = replace(m, msgstr=msgstr, flags=tuple(f for f in m.flags if f != FUZZY),
                        translator_comments=(comment,) if comment else m.translator_comments)
        msgs.append(m)
    return replace(catalog, messages=tuple(msgs))


def reread(catalog: Catalog) -> Catalog:
    """As the vendor's file comes back: written and parsed again."""
    return parse_po(format_po(catalog), "vendor.po")


def test_fresh_catalog_has_one_entry_per_english_with_ids_and_lines_as_comments() -> None:
    cat = merge(make(BASE), None)
    assert [m.msgid for m in cat.messages] == [en for _, _, en in BASE]
    first = cat.messages[0]
    assert first.msgstr == "Bonjour le monde"
    assert first.extracted_comments == ("b5df6-102", delivered("Bonjour le monde", False).note)
    assert first.references == ("fr-FR/doc.md:10",)
    assert not first.fuzzy


def test_machine_translation_is_fuzzy_and_marked_for_review() -> None:
    cat = merge(make(BASE, tt="MT"), None)
    assert all(m.fuzzy for m in cat.messages)
    assert all(MT_NOTE in m.extracted_comments for m in cat.messages)


def test_header_carries_gettext_language_and_provenance() -> None:
    cat = merge(make(BASE), None)
    assert cat.header_value("Language") == "fr_FR"
    assert cat.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert cat.header_value("X-MS-Source-Git-Commit") == "8bc60ec34bc1e40685e3976576e04a2623f63a7c"
    assert cat.header_value("X-MS-Open-Loc-File-Hash") == "8e6819f6d6ff37baab4bdd49cb5a87c32490f841"
    assert cat.header_value("X-MS-Translation-Type") == "HT"
    assert cat.header_value("X-MS-Last-Handoff") == "04/15/2021"
    assert cat.header_value("POT-Creation-Date") == "2021-04-15 00:00+0000"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fr-FR", "fr_FR"), ("ar-sa", "ar_SA"), ("zh-Hans-CN", "zh_Hans_CN"), ("de", "de")],
)
def test_gettext_language_form(locale: str, expected: str) -> None:
    assert gettext_language(locale) == expected


def test_merging_the_same_article_again_changes_nothing() -> None:
    article = make(BASE, tt="MT")
    cat = merge(article, None)
    assert merge(article, reread(cat)) == cat


def test_vendor_edits_survive_reextraction_and_stay_reviewed() -> None:
    article = make(BASE, tt="MT")
    edited = vendor_edit(merge(article, None), "Hello world", "Salut tout le monde", "vendor")
    again = merge(article, reread(edited))
    msg = by_msgid(again)["Hello world"]
    assert msg.msgstr == "Salut tout le monde"
    assert msg.reviewed
    assert msg.translator_comments == ("vendor",)
    assert MT_NOTE not in msg.extracted_comments
    # the others, never touched by the vendor, are still unreviewed machine translation
    assert by_msgid(again)["Close the window."].fuzzy


@pytest.mark.parametrize(("before", "after", "same"), [
    ("Run `a\nb` now.", "Run `a b` now.", True),  # a line end inside code moved
    ("Run `a  \n  b` now.", "Run `a b` now.", True),
    ("Run `a b` now.", "Run `a\nb` now.", True),  # and into one
    ("Run `a\nb` now.", "Run `ab` now.", False),  # the code itself changed
    ("Run a\nb now.", "Run a b now.", False),  # outside code a line end is not a space
    ("Select **Browse**  now.", "Select **Browse** now.", True),  # two spaces show as one
    ("Run `a  b` now.", "Run `a b` now.", False),  # not in code: it keeps them
])
def test_english_that_only_moved_a_line_end_inside_code_keeps_its_entry(
        before: str, after: str, same: bool) -> None:
    old = vendor_edit(merge(make([("102", "", before)], tt="MT"), None), before, "Exécutez.")
    new = merge(make([("102", "", after)], tt="MT"), reread(old))
    entry = by_msgid(new)[after]
    assert (entry.msgstr == "Exécutez." and entry.reviewed) is same
    assert (before in by_msgid(new)) is not same  # else the old English stays, obsolete


def test_a_comment_on_an_untranslated_entry_goes_with_its_changed_english() -> None:
    # helper-105: an untranslated entry lends no text, so nothing kept a translator's question
    # on it once its English changed (and an obsolete entry without a translation is dropped)
    old = merge(make([("102", "", "Check the version.")], tt="MT"), None)
    old = replace(old, messages=tuple(replace(m, translator_comments=("Which version?",))
                                      for m in old.messages))
    new = merge(make([("102", "", "Check the installed version.")], tt="MT"), reread(old))
    entry = by_msgid(new)["Check the installed version."]
    assert entry.translator_comments == ("Which version?",) and not entry.msgstr


def test_reviewed_catalog_wins_over_the_article_when_rendering() -> None:
    article = make(BASE)
    edited = vendor_edit(merge(article, None), "Close the window.", "Fermez cette fenêtre.")
    out = page(article, edited, Form.LOCALIZED)
    assert "Fermez cette fenêtre." in out
    assert "Fermez la fenêtre." not in out


def test_article_translation_fills_only_what_the_catalog_lacks() -> None:
    article = make(BASE)
    cat = merge(article, None)
    emptied = replace(cat, messages=tuple(
        replace(m, msgstr="") if m.msgid == "Hello world" else m for m in cat.messages))
    refilled = merge(article, reread(emptied))
    assert by_msgid(refilled)["Hello world"].msgstr == "Bonjour le monde"


def handoff(article: Article, prefix: str, *, change: dict[str, str] | None = None,
            remove: set[str] | None = None, add: list[tuple[str, str]] | None = None) -> str:
    """A new handoff of ``article``: a new id prefix, some English changed, removed, added."""
    change = change or {}
    remove = remove or set()
    text = article.text
    out, last = [], 0
    for seg in article.segments:
        out.append(text[last:seg.start])
        if seg.source not in remove:
            en = change.get(seg.source, seg.source)
            tr = seg.translation if en == seg.source else "TRADUCTION NOUVELLE " + en
            out.append(pair(seg.id, tr, en))
        last = seg.end
    out.append(text[last:])
    new = "".join(out)
    for en, tr in add or []:
        new = new.rstrip("\n") + "\n\n" + pair(f"{prefix}-999", tr, en) + "\n"
    old_prefix = article.segments[0].id.split("-")[0]
    return new.replace(f'="{old_prefix}-', f'="{prefix}-')


def test_new_handoff_matches_by_english_not_by_id() -> None:
    article = make(BASE)
    cat = reread(vendor_edit(merge(article, None), "Hello world", "Salut"))
    new_text = handoff(
        article, "1accc",
        change={"Open the file `a.json`.": "Open the file `b.json`."},
        remove={"Close the window."},
        add=[("A brand new sentence.", "Une phrase toute neuve.")],
    )
    new_article = parse_article(new_text, "fr-FR/doc.md")
    assert new_article.segments[0].id == "1accc-102"
    merged = merge(new_article, cat)
    msgs = by_msgid(merged)

    # unchanged English keeps the vendor's text
    assert msgs["Hello world"].msgstr == "Salut" and msgs["Hello world"].reviewed
    # changed English of an entry nobody changed: the human translation the handoff delivers
    # for it, reviewed (the entry follows the newest handoff)
    changed = msgs["Open the file `b.json`."]
    assert not changed.fuzzy and changed.previous_msgid is None
    assert changed.msgstr == "TRADUCTION NOUVELLE Open the file `b.json`."
    # removed English: obsolete, translation kept; so is the changed English's reviewed entry,
    # for the English to find again should the change be undone
    gone = [m for m in merged.messages if m.obsolete]
    assert [(m.msgid, m.msgstr) for m in gone] == [
        ("Open the file `a.json`.", "Ouvrez le fichier `a.json`."),
        ("Close the window.", "Fermez la fenêtre.")]
    assert not any(m.fuzzy for m in gone)
    # new English: the article's translation
    assert msgs["A brand new sentence."].msgstr == "Une phrase toute neuve."
    assert msgs["A brand new sentence."].extracted_comments[0] == "1accc-999"

    # rendering never uses the stale suggestion made for other English
    out = page(new_article, merged, Form.LOCALIZED)
    assert "TRADUCTION NOUVELLE Open the file `b.json`." in out
    assert "Ouvrez le fichier `a.json`." not in out
    assert "Salut" in out


def test_changed_english_takes_the_human_translation_a_new_handoff_delivers_for_it() -> None:
    """An HT handoff whose English changed since the catalog's entry: the entry nobody changed
    follows the newest handoff, so the human translation of the new English is the entry,
    reviewed, and the old one stays obsolete as it was. It was a fuzzy suggestion of the old
    English's translation, the handoff's human translation recorded by its checksum alone:
    lost from the catalog, and never taken by later runs (a suggestion waits for review)."""
    article = make(BASE)
    cat = reread(merge(article, None))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    entry = by_msgid(merged)["Open the file `b.json`."]
    assert (entry.msgstr, entry.reviewed, entry.previous_msgid) == (
        "TRADUCTION NOUVELLE Open the file `b.json`.", True, None)
    assert entry.extracted_comments[-1] == delivered(entry.msgstr, False).note
    assert [(m.msgid, m.msgstr, m.fuzzy) for m in merged.messages if m.obsolete] == [
        ("Open the file `a.json`.", "Ouvrez le fichier `a.json`.", False)]
    assert merge(new, merged) == merged  # the next run: as it is


@pytest.mark.parametrize("tt", ["HT", "MT"])
def test_changed_english_of_an_entry_a_translator_changed_lends_their_text_for_review(
        tt: str) -> None:
    """The entry's text is a translator's (edited in the catalog): never lost, it is the
    suggestion for the new English, fuzzy, whatever the handoff delivers for it."""
    article = make(BASE, tt)
    cat = reread(vendor_edit(merge(article, None), "Open the file `a.json`.", "Ouvrez `a.json`."))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md")
    entry = by_msgid(merge(new, cat))["Open the file `b.json`."]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Ouvrez `a.json`.", True, "Open the file `a.json`.")


def test_a_translators_changed_entry_lends_to_changed_english_over_a_closer_untouched_one(
        ) -> None:
    """Two old entries near the new English: the translator's (edited in the catalog, English
    just changed) and a closer one nobody changed (an earlier handoff's, obsolete). The
    untouched one would only give way to the handoff; picked for being closer, it sent the
    translator's text to #~ with no finding, the new English reviewed as delivered. Found by
    h155: a translator who corrected an msgid ("Property" to "Property name") lost their
    published text so, where `check` had said it would become a fuzzy entry for review."""
    article = make(BASE)
    edited = vendor_edit(merge(article, None), "Open the file `a.json`.", "Ouvrez `a.json`.")
    untouched = Message("Open the file `b.json`", "Ouvrez le fichier `b.json`",
                        extracted_comments=(delivered("Ouvrez le fichier `b.json`", False).note,),
                        obsolete=True)
    cat = reread(replace(edited, messages=(*edited.messages, untouched)))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    entry = by_msgid(merged)["Open the file `b.json`."]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Ouvrez `a.json`.", True, "Open the file `a.json`.")
    # both old entries stay as they were, obsolete: either English may come back
    assert [(m.msgid, m.msgstr) for m in merged.messages if m.obsolete] == [
        ("Open the file `a.json`.", "Ouvrez `a.json`."),
        ("Open the file `b.json`", "Ouvrez le fichier `b.json`")]
    assert merge(new, merged) == merged  # the next run: as it is


def test_an_obsolete_header_in_a_catalog_without_one_is_kept_apart_from_the_new_header(
        ) -> None:
    """A catalog whose header was deleted and that keeps an old one as #~ (GNU reads it so:
    no header). The run writes a header; the obsolete one, kept as it was, repeated its key,
    and msgfmt -c and msgcat refused the catalog (found by h155). It takes a context of its
    own, as an obsolete twin does."""
    article = make(BASE)
    fresh = merge(article, None)
    old_header = Message("", "Language: de\n", obsolete=True)
    cat = replace(fresh, header=(), messages=(*fresh.messages, old_header))
    merged = reread(merge(article, cat))  # the strict reader: a duplicate raised here
    kept = [m for m in merged.messages if m.obsolete]
    assert [(m.msgctxt, m.msgid, m.msgstr) for m in kept] == [
        ("obsolete", "", "Language: de\n")]
    assert merge(article, merged) == merged  # the next run: as it is


def test_changed_english_of_a_human_translation_is_no_machine_translation_s() -> None:
    """Machine translation never replaces a human's: an MT handoff's text for changed English
    leaves the human translation of the old English as the suggestion."""
    article = make(BASE)
    cat = reread(merge(article, None))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}).replace(
        "ms.translationtype: HT", "ms.translationtype: MT"), "fr-FR/doc.md")
    entry = by_msgid(merge(new, cat))["Open the file `b.json`."]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Ouvrez le fichier `a.json`.", True, "Open the file `a.json`.")


def test_obsolete_entry_comes_back_when_its_english_returns() -> None:
    article = make(BASE)
    cat = reread(vendor_edit(merge(article, None), "Close the window.", "Fermez-la."))
    without = parse_article(handoff(article, "22222", remove={"Close the window."}),
                            "fr-FR/doc.md")
    obsolete = reread(merge(without, cat))
    assert any(m.obsolete and m.msgstr == "Fermez-la." for m in obsolete.messages)
    back = merge(parse_article(handoff(article, "33333"), "fr-FR/doc.md"), obsolete)
    msg = by_msgid(back)["Close the window."]
    assert (msg.msgstr, msg.obsolete, msg.reviewed) == ("Fermez-la.", False, True)


def test_an_obsolete_entry_carries_the_obsolete_note_while_obsolete_only() -> None:
    """The # comment survives a tool that writes #~ entries back active, dropping their #.
    notes (Translate Toolkit's po2xliff and xliff2po); it goes when the English comes back."""
    article = make(BASE)
    cat = reread(vendor_edit(merge(article, None), "Close the window.", "Fermez-la.", "mine"))
    without = parse_article(handoff(article, "22222", remove={"Close the window."}),
                            "fr-FR/doc.md")
    obsolete = reread(merge(without, cat))
    [gone] = [m for m in obsolete.messages if m.obsolete]
    assert gone.translator_comments == ("mine", OBSOLETE_NOTE)
    assert merge(without, obsolete) == obsolete  # said once, however often it runs
    back = by_msgid(merge(parse_article(handoff(article, "33333"), "fr-FR/doc.md"), obsolete))
    assert back["Close the window."].translator_comments == ("mine",)


def test_an_entry_obsolete_before_the_note_existed_is_left_as_it_was() -> None:
    """A catalog written before obsolete entries carried their # note: its #~ entries were
    given the note at the next extract, a diff in every such catalog a vendor holds. The note
    goes on an entry as it turns obsolete; one obsolete already is left byte for byte."""
    article = make(BASE)
    cat = reread(vendor_edit(merge(article, None), "Close the window.", "Fermez-la.", "mine"))
    without = parse_article(handoff(article, "22222", remove={"Close the window."}),
                            "fr-FR/doc.md")
    older = reread(merge(without, cat))
    obsolete = [m.translator_comments for m in older.messages if m.obsolete]
    assert obsolete == [("mine", OBSOLETE_NOTE)]
    before = replace(older, messages=tuple(
        replace(m, translator_comments=("mine",)) if m.obsolete else m
        for m in older.messages))
    assert merge(without, before) == before


def test_same_english_with_two_translations_round_trips() -> None:
    pairs = [*BASE, ("106", "Cliquez sur **Enregistrer**.", "Select **Save**.")]
    article = make(pairs)
    keys = segment_keys(article.segments)
    assert keys[2] == (None, "Select **Save**.")
    assert keys[4] == ("b5df6-106", "Select **Save**.")
    cat = reread(merge(article, None))
    assert page(article, cat, Form.BILINGUAL) == article.text


def test_same_english_with_the_same_translation_shares_one_entry() -> None:
    pairs = [*BASE, ("106", "Sélectionnez **Enregistrer**.", "Select **Save**.")]
    cat = merge(make(pairs), None)
    shared = by_msgid(cat)["Select **Save**."]
    assert shared.extracted_comments[:2] == ("b5df6-104", "b5df6-106")
    assert len(cat.messages) == 4


def test_duplicate_english_entries_follow_a_new_handoff() -> None:
    pairs = [*BASE, ("106", "Cliquez sur **Enregistrer**.", "Select **Save**.")]
    article = make(pairs)
    cat = merge(article, None)
    cat = reread(replace(cat, messages=tuple(
        replace(m, msgstr="Appuyez sur **Enregistrer**.") if m.msgctxt else m
        for m in cat.messages)))
    new_article = parse_article(handoff(article, "1accc"), "fr-FR/doc.md")
    merged = merge(new_article, cat)
    ctx = [m for m in merged.messages if m.msgctxt and not m.obsolete]
    assert [(m.msgctxt, m.msgstr) for m in ctx] == [("1accc-106", "Appuyez sur **Enregistrer**.")]
    assert not any(m.obsolete for m in merged.messages)


def test_empty_english_gets_its_segment_id_as_context() -> None:
    article = make([*BASE, ("106", '<a name="x"></a>', "")])
    cat = merge(article, None)
    empty = [m for m in cat.messages if m.msgid == ""]
    assert [(m.msgctxt, m.msgstr) for m in empty] == [("b5df6-106", '<a name="x"></a>')]
    assert page(article, reread(cat), Form.BILINGUAL) == article.text


# ------------------------------------------------------------------ on real corpus articles

def _corpus_article(corpus_root: Path, translation_type: str) -> Article:
    for path in sorted(corpus_root.glob("*/*/**/*.md")):
        data = path.read_bytes()
        if f"ms.translationtype: {translation_type}".encode() not in data:
            continue
        article = read_article(data, str(path.relative_to(corpus_root)))
        sources = [s.source for s in article.segments]
        if 30 <= len(article.segments) <= 150 and len(set(sources)) == len(sources) and all(
            re.search(r"[A-Za-z]{3}", s) for s in sources
        ):
            return article
    pytest.skip(f"no suitable {translation_type} article in the corpus")


@pytest.mark.parametrize("translation_type", ["MT", "HT"])
def test_vendor_edit_and_new_handoff_on_a_real_article(
    corpus_root: Path, translation_type: str
) -> None:
    article = _corpus_article(corpus_root, translation_type)
    segs = article.segments
    cat = merge(article, None)
    edited_en = [segs[i].source for i in (3, 7, 11)]
    # each edit keeps the English's code, links and markup: the page publishes it
    for n, en in enumerate(edited_en):
        cat = vendor_edit(cat, en, f"{en} (VENDOR EDIT {n})")
    cat = reread(cat)

    # the same delivery again: every translation and review state as the vendor left it
    again = merge(article, cat)
    def state(c: Catalog) -> list[tuple[object, ...]]:
        return [(m.msgid, m.msgstr, m.flags, m.translator_comments, m.obsolete)
                for m in c.messages]
    assert state(again) == state(cat)
    assert merge(article, reread(again)) == again

    changed_en, removed_en = segs[5].source, segs[9].source
    new_text = handoff(article, "abcde", change={changed_en: changed_en + " Extra words."},
                       remove={removed_en}, add=[("Brand new English.", "NOUVEAU")])
    new_article = read_article(new_text.encode(), article.rel)
    merged = reread(merge(new_article, cat))
    msgs = by_msgid(merged)
    for n, en in enumerate(edited_en):
        assert msgs[en].msgstr == f"{en} (VENDOR EDIT {n})" and msgs[en].reviewed
    # changed English of an entry nobody changed: the handoff's translation of it, as any
    # entry follows the newest handoff (machine translation fuzzy)
    followed = msgs[changed_en + " Extra words."]
    assert followed.msgstr == "TRADUCTION NOUVELLE " + changed_en + " Extra words."
    assert followed.fuzzy == (translation_type == "MT") and followed.previous_msgid is None
    # an entry whose English changed stays too, obsolete, for a revert to find: reviewed
    # (HT) or machine translation (MT), with its handoff record
    assert [m.msgid for m in merged.messages if m.obsolete] == [changed_en, removed_en]
    assert msgs["Brand new English."].msgstr == "NOUVEAU"
    localized = page(new_article, merged, Form.LOCALIZED)
    assert all(f"VENDOR EDIT {n}" in localized for n in range(3))
    bilingual = page(new_article, merged, Form.BILINGUAL)
    assert bilingual.count("VENDOR EDIT") == sum(
        s.source in edited_en for s in new_article.segments)


# ------------------------------------------------------------------ obsolete against active

def active_by_key(catalog: Catalog) -> dict[tuple[str | None, str], Message]:
    return {m.key: m for m in catalog.messages if not m.obsolete}


@pytest.mark.parametrize("obsolete_first", [False, True], ids=["obsolete-last", "obsolete-first"])
def test_an_obsolete_entry_never_replaces_an_active_one_with_the_same_english(
    obsolete_first: bool,
) -> None:
    """GNU refuses such a catalog (the reader reports po-duplicate); merge holds anyway."""
    article = make(BASE)
    cat = vendor_edit(merge(article, None), "Hello world", "Salut tout le monde")
    active = by_msgid(cat)["Hello world"]
    stale = replace(active, msgstr="Bonjour ancien", obsolete=True, references=(),
                    extracted_comments=())
    msgs = (stale, *cat.messages) if obsolete_first else (*cat.messages, stale)
    merged = merge(article, replace(cat, messages=msgs))
    kept = active_by_key(merged)[(None, "Hello world")]
    assert (kept.msgstr, kept.reviewed) == ("Salut tout le monde", True)
    assert [m.key for m in merged.messages].count((None, "Hello world")) == 1


def test_an_obsolete_context_entry_never_replaces_an_active_one_of_an_earlier_handoff() -> None:
    """The same English translated two ways: its context entries follow a new handoff by
    English, and an obsolete one (older ids) must not take the active one's place."""
    pairs = [*BASE, ("106", "Cliquez sur **Enregistrer**.", "Select **Save**.")]
    article = make(pairs)
    cat = merge(article, None)
    reviewed = replace(next(m for m in cat.messages if m.msgctxt),
                       msgstr="Appuyez sur **Enregistrer**.")
    stale = replace(reviewed, msgctxt="0ld00-106", msgstr="Ancienne traduction.",
                    obsolete=True, references=(), extracted_comments=())
    others = tuple(m for m in cat.messages if not m.msgctxt)
    new_article = parse_article(handoff(article, "1accc"), "fr-FR/doc.md")
    merged = merge(new_article, replace(cat, messages=(stale, *others, reviewed)))
    ctx = [(m.msgctxt, m.msgstr) for m in merged.messages if m.msgctxt and not m.obsolete]
    assert ctx == [("1accc-106", "Appuyez sur **Enregistrer**.")]
    assert [(m.msgctxt, m.msgstr) for m in merged.messages if m.obsolete] == [
        ("0ld00-106", "Ancienne traduction.")]


def test_english_changed_twice_keeps_the_english_the_translation_was_made_for() -> None:
    """A suggestion nobody reviewed yet, whose English changes again: its #| msgid stays the
    English its translation was made for (msgmerge --previous does the same), so a reviewer
    does not see only the last small change."""
    article = make(BASE)
    cat = reread(vendor_edit(merge(article, None), "Open the file `a.json`.",
                             "Ouvrez le fichier `a.json`, relu."))  # a translator's: it lends
    once = merge(parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md"), cat)
    assert by_msgid(once)["Open the file `b.json`."].previous_msgid == "Open the file `a.json`."
    twice = merge(parse_article(handoff(article, "2bddd", change={
        "Open the file `a.json`.": "Open the files `b.json`."}), "fr-FR/doc.md"), once)
    entry = by_msgid(twice)["Open the files `b.json`."]
    assert entry.fuzzy and entry.msgstr == "Ouvrez le fichier `a.json`, relu."
    assert entry.previous_msgid == "Open the file `a.json`."


def _best_by_difflib_alone(msgid: str, candidates: list[Message]) -> Message | None:
    """The choice before rapidfuzz's bound passed candidates over: every one compared; of
    equals, the one that sorts first by what it holds (every field compared)."""
    best, best_score = None, FUZZY_THRESHOLD
    for cand in candidates:
        score = similarity(msgid, cand.msgid)
        if score > best_score or (score == best_score and score > 0 and (
                best is None or _order(cand) < _order(best))):
            best, best_score = cand, score
    return best


_WORDS = st.text(st.sampled_from("ab cde.`*"), max_size=24)


@settings(max_examples=1500, deadline=None)
@given(_WORDS, st.lists(_WORDS, max_size=8))
def test_the_fuzzy_match_is_the_one_difflib_alone_would_choose(
        msgid: str, others: list[str]) -> None:
    candidates = [Message(o, f"t{i}") for i, o in enumerate(others)]
    assert best_fuzzy(msgid, candidates, others) is _best_by_difflib_alone(msgid, candidates)


@pytest.mark.parametrize("sort", [False, True])
def test_a_correction_stays_on_its_segment_among_entries_of_the_same_english(sort: bool) -> None:
    """Three items with the same English, told apart by context: the translator corrects the
    second; the next handoff has new ids and a new item of the same English before it (or the
    vendor's tool sorted the entries). Each entry goes to the segment whose translation its
    handoff record names, the correction with it."""
    first = merge(make([("107", "Premier", "Next"), ("108", "Deuxième", "Next"),
                        ("109", "Troisième", "Next")], prefix="9c85a"), None)
    messages = [replace(m, msgstr="Deuxième (corrigé)") if m.msgstr == "Deuxième" else m
                for m in first.messages]
    if sort:
        messages.sort(key=lambda m: m.msgstr != "Deuxième (corrigé)")  # the correction first
    edited = replace(first, messages=tuple(messages))
    article = make([("107", "Premier", "Next"), ("108", "Nouveau", "Next"),
                    ("109", "Deuxième", "Next"), ("110", "Troisième", "Next")], prefix="1ab2c")
    merged = merge(article, edited)
    assert page(article, merged, Form.LOCALIZED).split("---\n")[-1].split() == [
        "Premier", "Nouveau", "Deuxième", "(corrigé)", "Troisième"]


def test_a_comment_on_an_untranslated_twin_goes_to_its_own_twin() -> None:
    # helper-107: both comments went to the first of two equally close twins
    old = merge(make([("102", "Vérifiez la version.", "Check the version."),
                      ("103", "Contrôlez la version.", "Check the version.")]), None)
    notes = {None: "Q-for-102", "b5df6-103": "Q-for-103"}
    old = replace(old, messages=tuple(
        replace(m, msgstr="", translator_comments=(notes[m.msgctxt],)) for m in old.messages))
    new = merge(make([("102", "Vérifiez la version installée.", "Check the installed version."),
                      ("103", "Contrôlez la version installée.",
                       "Check the installed version.")]), reread(old))
    by_ctxt = {m.msgctxt: m.translator_comments for m in new.messages if not m.obsolete}
    assert by_ctxt == {None: ("Q-for-102",), "b5df6-103": ("Q-for-103",)}


def test_spacing_the_page_does_not_show_keeps_the_entry_either_way() -> None:
    # helper-107: one space to two kept the entry only the other way round
    old = reread(merge(make([("102", "Traduit.", "Select **Browse** now.")]), None))
    new = merge(make([("102", "", "Select **Browse**  now.")]), old)
    (entry,) = [m for m in new.messages if not m.obsolete]
    assert entry.msgstr == "Traduit." and not entry.fuzzy


def _commented(cat: Catalog, notes: dict[str, str]) -> Catalog:
    return replace(cat, messages=tuple(
        replace(m, msgstr="", translator_comments=(notes[m.msgid],)) if m.msgid in notes else m
        for m in cat.messages))


def test_a_comment_goes_to_its_changed_english_when_the_ids_have_moved() -> None:
    # helper-109: a sentence put before them shifts the ids; an id's entry is another sentence
    old = _commented(merge(make([("102", "", "Open the portal."),
                                 ("103", "", "Select the resource group.")]), None),
                     {"Open the portal.": "Q-portal", "Select the resource group.": "Q-rg"})
    new = merge(make([("102", "", "Sign in first."), ("103", "", "Open the Azure portal."),
                      ("104", "", "Select the resource group that you created.")]), reread(old))
    notes = {m.msgid: m.translator_comments for m in new.messages if not m.obsolete}
    assert notes["Open the Azure portal."] == ("Q-portal",)
    assert notes["Select the resource group that you created."] == ("Q-rg",)


def test_the_comments_of_two_sentences_joined_into_one_are_both_kept() -> None:
    old = _commented(merge(make([("102", "", "Open the settings file."),
                                 ("103", "", "Save the settings file.")]), None),
                     {"Open the settings file.": "Q1", "Save the settings file.": "Q2"})
    new = merge(make([("110", "", "Open and save the settings file."),
                      ("111", "", "Close the window.")]), reread(old))
    assert sorted(c for m in new.messages for c in m.translator_comments) == ["Q1", "Q2"]


def _tm_filled(catalog: Catalog, msgid: str, msgstr: str, previous: str | None) -> Catalog:
    """The catalog as ``memory.fill`` leaves it: ``msgid``'s untranslated entry a fuzzy memory
    suggestion, with the memory's English as its previous msgid for a close match."""
    note = ("tm: exact match from other.md (reviewed)" if previous is None
            else "tm: 90% match from other.md (reviewed)")
    return replace(catalog, messages=tuple(
        replace(m, msgstr=msgstr, flags=(FUZZY,), translator_comments=(note,),
                previous_msgid=previous) if m.msgid == msgid else m
        for m in catalog.messages))


@pytest.mark.parametrize("previous", [None, "Open the file `c.json`."])
def test_changed_english_of_a_memory_suggestion_takes_the_human_translation_delivered(
        previous: str | None) -> None:
    """A memory suggestion still fuzzy is nobody's text: a human handoff's translation of its
    English replaces it (``settle``), and so does one of its changed English. It lent its
    text as a fuzzy suggestion instead, the human translation recorded by checksum alone."""
    article = make([*BASE[:1], ("103", "", "Open the file `a.json`."), *BASE[2:]])
    cat = reread(_tm_filled(merge(article, None), "Open the file `a.json`.",
                            "Ouvrez `a.json` (mémoire).", previous))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md")
    entry = by_msgid(reread(merge(new, cat)))["Open the file `b.json`."]
    assert (entry.msgstr, entry.reviewed, entry.previous_msgid, entry.translator_comments) == (
        "TRADUCTION NOUVELLE Open the file `b.json`.", True, None, ())


def test_a_translators_comment_goes_with_changed_english_that_follows_the_handoff() -> None:
    """A comment is the translator's own, whatever the text: the entry of changed English
    that follows the handoff has it, as the suggestion it was had it (it stayed on the old,
    obsolete entry alone, which tools drop)."""
    article = make(BASE)
    cat = reread(replace(merge(article, None), messages=tuple(
        replace(m, translator_comments=("Keep 'fichier', not 'dossier'.",))
        if m.msgid == "Open the file `a.json`." else m for m in merge(article, None).messages)))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `b.json`."}), "fr-FR/doc.md")
    entry = by_msgid(reread(merge(new, cat)))["Open the file `b.json`."]
    assert entry.msgstr == "TRADUCTION NOUVELLE Open the file `b.json`." and entry.reviewed
    assert entry.translator_comments == ("Keep 'fichier', not 'dossier'.",)



@pytest.mark.parametrize("obsolete", [True, False])
def test_a_reviewed_human_text_lends_before_closer_machine_text_nobody_reviewed(
        obsolete: bool) -> None:
    """An MT handoff changes English whose human translation is reviewed; the catalog also
    holds machine translation nobody reviewed of English a little closer still. Picked for
    its closeness, the machine entry gave way to the handoff: the entry was new machine
    translation and the human's text was only obsolete. The human's text is the suggestion,
    as it is when the catalog holds no such machine text; the entry is no MT (its text is
    not), and the machine entry stays as it was."""
    article = make(BASE)
    machine = "Ouvrez maintenant le fichier `a.json` (MT)."
    other = Message("Open the file `a.json` now.", machine, None, (FUZZY,), (),
                    (MT_NOTE, delivered(machine, True).note), (), None, None, obsolete, 0)
    fresh = merge(article, None)
    cat = reread(replace(fresh, messages=(*fresh.messages, other)))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `a.json` now!"}).replace(
        "ms.translationtype: HT", "ms.translationtype: MT"), "fr-FR/doc.md")
    assert similarity("Open the file `a.json` now!", other.msgid) > similarity(
        "Open the file `a.json` now!", "Open the file `a.json`.")
    merged = reread(merge(new, cat))
    entry = by_msgid(merged)["Open the file `a.json` now!"]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Ouvrez le fichier `a.json`.", True, "Open the file `a.json`.")
    assert MT_NOTE not in entry.extracted_comments
    assert [(m.msgstr, m.fuzzy, MT_NOTE in m.extracted_comments)
            for m in merged.messages if m.msgid == other.msgid] == [(machine, True, True)]
    assert merge(new, merged) == merged  # the next run: as it is


def test_a_memory_suggestion_still_fuzzy_lends_by_closeness_alone_beside_machine_text() -> None:
    """A memory suggestion still fuzzy is nobody's text, as machine translation nobody
    reviewed is (``provenance``): it was taken for a human's and lent before closer machine
    text, so under an MT handoff the changed English got the memory's suggestion, made for
    other English, rather than the handoff's machine translation of it. The closer lends: the
    machine entry gives way, and the memory's suggestion stays, obsolete, as it was."""
    article = make([*BASE[:1], ("103", "", "Open the file `a.json`."), *BASE[2:]])
    memory = "Ouvrez `a.json` (mémoire)."
    machine = "Ouvrez maintenant le fichier `a.json` (MT)."
    other = Message("Open the file `a.json` now.", machine, None, (FUZZY,), (),
                    (MT_NOTE, delivered(machine, True).note), (), None, None, True, 0)
    filled = _tm_filled(merge(article, None), "Open the file `a.json`.", memory, None)
    cat = reread(replace(filled, messages=(*filled.messages, other)))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `a.json` now!"}).replace(
        "ms.translationtype: HT", "ms.translationtype: MT"), "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    entry = by_msgid(merged)["Open the file `a.json` now!"]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid, MT_NOTE in entry.extracted_comments
            ) == ("TRADUCTION NOUVELLE Open the file `a.json` now!", True, None, True)
    assert [(m.msgstr, m.obsolete) for m in merged.messages
            if m.msgid == "Open the file `a.json`."] == [(memory, True)]
    assert merge(new, merged) == merged


def test_which_of_equally_close_old_entries_lends_does_not_hang_on_the_catalogs_order() -> None:
    """Changed English as close to two old entries (`a.json` became `d.json`; the catalog also
    holds `#~ Open the file c.json.`): the first the catalog listed lent, so a catalog a tool
    sorted (msgcat -s, here reversed) gave the new English another suggestion. Of equals, an
    active entry lends, then the one first by what it holds."""
    article = make(BASE)
    fresh = merge(article, None)
    gone = Message("Open the file `c.json`.", "Ouvrez C.", None, (), (),
                   (delivered("Ouvrez C.", False).note,), (), None, None, True, 0)
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `d.json`."}).replace(
        "ms.translationtype: HT", "ms.translationtype: MT"), "fr-FR/doc.md")
    lent = set()
    for order in (1, -1):
        cat = reread(replace(fresh, messages=(*fresh.messages, gone)))
        entry = by_msgid(merge(new, replace(cat, messages=cat.messages[::order])))[
            "Open the file `d.json`."]
        lent.add((entry.msgstr, entry.previous_msgid))
    assert lent == {("Ouvrez le fichier `a.json`.", "Open the file `a.json`.")}


def test_of_equally_close_entries_alike_in_english_context_and_text_the_order_picks_none() -> None:
    """Two old entries with the same English and translation, one with no context and one
    with the empty context (two entries to gettext), one fuzzy: the tie-break by English,
    context and text read the two alike and fell back on where the catalog lists them. It
    reads every field an entry is compared by."""
    fuzzy = Message("Open the file `c.json`.", "Ouvrez C.", "", ("fuzzy",))
    plain = Message("Open the file `c.json`.", "Ouvrez C.")
    picked = {best_fuzzy("Open the file `d.json`.", pair, [m.msgid for m in pair])
              for pair in ([fuzzy, plain], [plain, fuzzy])}
    assert len(picked) == 1


def test_a_translators_changed_entry_lends_ahead_of_an_untouched_one_to_its_own_english_alone(
        ) -> None:
    """Two sentences alike changed in one handoff: the translator edited the first one's
    entry, nobody the second's. The translator's entry lent ahead of the closer untouched one
    to every changed English it cleared the bar for: the second sentence got the first one's
    text ('Ouvrez `a.json`.', the wrong file) as its suggestion, and the handoff's
    translation of it, which its untouched entry follows, was not taken."""
    article = make([("102", "Bonjour le monde", "Hello world"),
                    ("103", "Ouvrez le fichier `a.json`.", "Open the file `a.json`."),
                    ("104", "Ouvrez le fichier `c.json`.", "Open the file `c.json`.")])
    cat = reread(vendor_edit(merge(article, None), "Open the file `a.json`.",
                             "Ouvrez `a.json`."))
    new = parse_article(handoff(article, "1accc", change={
        "Open the file `a.json`.": "Open the file `a.yaml`.",
        "Open the file `c.json`.": "Open the file `c.yaml`."}), "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    mine, other = by_msgid(merged)["Open the file `a.yaml`."], by_msgid(merged)[
        "Open the file `c.yaml`."]
    assert (mine.msgstr, mine.fuzzy, mine.previous_msgid) == (
        "Ouvrez `a.json`.", True, "Open the file `a.json`.")
    assert (other.msgstr, other.fuzzy) == ("TRADUCTION NOUVELLE Open the file `c.yaml`.", False)
    assert merge(new, merged) == merged


_NAMES = ["alpha", "beta", "gamma", "delta", "omega", "sigma"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_NAMES), min_size=2, max_size=5, unique=True),
       st.data())
def test_a_translators_changed_entry_lends_ahead_of_untouched_ones_at_most_once(
        names: list[str], data: st.DataObject) -> None:
    """Sentences alike (one file name apart), some edited by a translator, some changed by
    the next handoff: a changed sentence whose entry nobody touched follows the handoff,
    unless it takes a translator's text as a suggestion, and each translator's entry goes so
    ahead of an untouched one to one sentence at most; one whose entry a translator edited
    keeps their text for review."""
    article = make([(str(102 + n), f"Ouvrez le fichier `{name}.json`.",
                     f"Open the file `{name}.json`.") for n, name in enumerate(names)])
    edited = data.draw(st.sets(st.sampled_from(names)))
    changed = data.draw(st.sets(st.sampled_from(names), min_size=1))
    cat = merge(article, None)
    for name in sorted(edited):
        cat = vendor_edit(cat, f"Open the file `{name}.json`.", f"Ouvrez `{name}.json`.")
    cat = reread(cat)
    new = parse_article(handoff(article, "1accc", change={
        f"Open the file `{n}.json`.": f"Open the file `{n}.yaml`." for n in changed}),
        "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    lent: list[str] = []
    for name in sorted(changed):
        entry = by_msgid(merged)[f"Open the file `{name}.yaml`."]
        if name in edited:
            assert (entry.msgstr, entry.fuzzy) == (f"Ouvrez `{name}.json`.", True)
        elif entry.fuzzy:
            assert entry.msgstr.startswith("Ouvrez `") and entry.previous_msgid is not None
            lent.append(entry.msgstr)
        else:
            assert entry.msgstr == f"TRADUCTION NOUVELLE Open the file `{name}.yaml`."
    assert len(lent) == len(set(lent))
    assert merge(new, merged) == merged


def test_a_translators_entry_whose_nearest_english_another_took_lends_to_its_own_rewrite(
        ) -> None:
    """Two entries a translator edited, their sentences changed in one handoff: the second's
    ('Open the file b.json.', rewritten 'Select the file b.json and open it.') is nearer the
    first's new English ('Open the file a.yaml.') than its own. Lending to its nearest alone,
    where the first's entry went, it lent to none: its rewrite took a closer untouched entry's
    handoff text and the translator's went to #~ unseen. The closest pairs are made first."""
    x1, x2, u = ("Open the file a.json.", "Open the file b.json.",
                 "Select the file c.json and open it.")
    y1, y2 = "Open the file a.yaml.", "Select the file b.json and open it."
    article = make([("102", "Ouvrez a", x1), ("103", "Ouvrez b", x2),
                    ("104", "Sélectionnez c", u)])
    cat = vendor_edit(merge(article, None), x1, "Ouvrez `a`.")
    cat = reread(vendor_edit(cat, x2, "Ouvrez `b`."))
    new = parse_article(handoff(article, "1accc", change={
        x1: y1, x2: y2, u: "Select the file c.json and open it now."}), "fr-FR/doc.md")
    merged = reread(merge(new, cat))
    first, second = by_msgid(merged)[y1], by_msgid(merged)[y2]
    assert (first.msgstr, first.fuzzy) == ("Ouvrez `a`.", True)
    assert (second.msgstr, second.fuzzy, second.previous_msgid) == ("Ouvrez `b`.", True, x2)
    assert merge(new, merged) == merged


_WORDS = st.lists(st.sampled_from(["ab", "ac", "b", "abc", "a b", "ca"]), min_size=1,
                  max_size=4).map(" ".join)
_LENDER = st.builds(Message, _WORDS, st.sampled_from(["x", "y"]),
                    st.sampled_from([None, "", "c"]), st.sampled_from([(), (FUZZY,)]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORDS, max_size=5), st.lists(_LENDER, max_size=6), st.randoms())
def test_counterparts_pair_each_once_above_the_bar_whatever_the_catalogs_order(
        choices: list[str], lenders: list[Message], rnd: random.Random) -> None:
    """Review (h166): each English and each entry is paired at most once, above the bar, and
    which entry lends to which English hangs on what they hold, not on the catalog's order."""
    out = counterparts(choices, lenders)
    paired = [n for n in out if n is not None]
    assert len(paired) == len(set(paired))
    assert all(similarity(choices[n], lenders[j].msgid) >= FUZZY_THRESHOLD
               for j, n in enumerate(out) if n is not None)
    order = list(range(len(lenders)))
    rnd.shuffle(order)
    shuffled = counterparts(choices, [lenders[k] for k in order])
    assert sorted((_order(lenders[j]), -1 if n is None else n) for j, n in enumerate(out)) \
        == sorted((_order(lenders[k]), -1 if n is None else n) for k, n in zip(order, shuffled,
                                                                              strict=True))


class _Seg(NamedTuple):
    """What segment_keys reads of a segment."""

    id: str
    source: str
    translation: str


def _keys_as_specified(segments: list[_Seg]) -> list[tuple[str | None, str]]:
    """segment_keys' rule, step by step: the English alone where it tells the segment apart
    (its first translation, or the same again), else the segment's id, numbered past a key
    an earlier segment with another translation holds."""
    first: dict[str, str] = {}
    taken: dict[tuple[str | None, str], str] = {}
    out: list[tuple[str | None, str]] = []
    for seg in segments:
        if seg.source and seg.source not in first:
            first[seg.source] = seg.translation
            key: tuple[str | None, str] = (None, seg.source)
        elif seg.source and first[seg.source] == seg.translation:
            key = (None, seg.source)
        else:
            key, n = (seg.id, seg.source), 1
            while key in taken and taken[key] != seg.translation:
                n += 1
                key = (f"{seg.id}.{n}", seg.source)
        taken.setdefault(key, seg.translation)
        out.append(key)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(_Seg, st.sampled_from(["a", "b", "a.2", ""]),
                          st.sampled_from(["", "x", "y"]), st.sampled_from(["", "1", "2"])),
                max_size=12))
def test_segment_keys_follow_the_rule_and_every_segment_round_trips(segments: list[_Seg]) -> None:
    keys = segment_keys(segments)  # type: ignore[arg-type]
    assert keys == _keys_as_specified(segments)
    held: dict[tuple[str | None, str], str] = {}
    for key, seg in zip(keys, segments, strict=True):
        assert key[1] == seg.source
        assert held.setdefault(key, seg.translation) == seg.translation


def test_a_reviewed_entry_a_tool_left_its_previous_msgid_on_follows_handoffs_once_they_agree(
        ) -> None:
    """h185: ``msgattrib --clear-fuzzy`` (a review in the GNU tools) leaves the ``#| msgid`` of a
    suggestion for changed English; kept on the reviewed entry, it made the entry look
    unfinished for good: a human handoff that then agreed with it, and every later one, was
    ``handoff-disagrees`` and never taken. The merge drops it, as msgmerge does."""
    en, old_en = "Property list", "Properties"
    first = parse_po(format_po(merge(make([(101, "Propriétés", en)], prefix="aaaaa"), None)),
                     "fr-FR/doc.po")
    reviewed = replace(first, messages=tuple(
        replace(m, msgstr="Liste (relue)", previous_msgid=old_en) if m.msgid == en else m
        for m in first.messages))
    agreed = merge(make([(101, "Liste (relue)", en)], prefix="bbbbb"), reviewed)
    later = merge(make([(101, "Liste des propriétés", en)], prefix="ccccc"), agreed)
    entry = next(m for m in later.messages if m.msgid == en and not m.obsolete)
    assert (entry.msgstr, entry.previous_msgid, entry.fuzzy) == (
        "Liste des propriétés", None, False)


def test_an_obsolete_entry_keeps_its_previous_msgid_as_msgmerge_does() -> None:
    """h189: the drop of ``#|`` lines of a reviewed entry took an obsolete entry's ``#~|``
    lines too, which msgmerge keeps."""
    kept = Message("Old English.", "Ancien anglais.", previous_msgid="Older English.",
                   obsolete=True)
    first = merge(make([(101, "Propriétés", "Property list")], prefix="aaaaa"), None)
    old = replace(first, messages=(*first.messages, kept))
    merged = merge(make([(101, "Propriétés", "Property list")], prefix="aaaaa"), old)
    [obsolete] = [m for m in merged.messages if m.obsolete]
    assert (obsolete.msgid, obsolete.previous_msgid) == ("Old English.", "Older English.")
