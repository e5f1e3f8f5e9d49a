"""Successive handoffs against a catalog: which text an entry ends with, whether it is still
marked as machine translation, and what ``check`` says about it.

The rule: an entry nobody changed in the catalog follows the newest handoff (a machine handoff
never replaces a human's text); an entry a translator changed or reviewed keeps the catalog's
text, and a newer human handoff that delivers other text is a ``handoff-disagrees`` warning."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.article import Article, parse_article
from pipeline.catalog import FUZZY, Catalog, Message, format_po, parse_po
from pipeline.catalog.keys import entries_for
from pipeline.checks import catalog_findings
from pipeline.checks.base import Options
from pipeline.cli import main
from pipeline.merge import MT_NOTE, merge

FRONT = """---
title: T
ms.openlocfilehash: 8e6819f6d6ff37baab4bdd49cb5a87c32490f841
ms.sourcegitcommit: 8bc60ec34bc1e40685e3976576e04a2623f63a7c
ms.translationtype: {tt}
ms.contentlocale: fr-FR
ms.lasthandoff: 04/15/2021
---
"""
EN = "Hello world"
OTHERS = [("Ouvrez le fichier.", "Open the file."), ("Fermez la fenêtre.", "Close the window.")]


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


def delivery(tt: str, text: str, prefix: str) -> Article:
    """A handoff of the article: ``text`` translates EN; every handoff has new segment ids."""
    pairs = [(text, EN), *OTHERS]
    body = "\n\n".join(pair(f"{prefix}-{n}", tr, en) for n, (tr, en) in enumerate(pairs, 102))
    return parse_article(FRONT.format(tt=tt) + body + "\n", "fr-FR/doc.md")


def handoff(prefix: str, *pairs: tuple[str, str]) -> Article:
    """A human handoff of ``pairs`` (translation, English), their ids ``prefix``-101 on."""
    body = "\n\n".join(pair(f"{prefix}-{n}", tr, en) for n, (tr, en) in enumerate(pairs, 101))
    return parse_article(FRONT.format(tt="HT") + body + "\n", "fr-FR/doc.md")


def corrected(first: Article, was: str, now: str) -> Catalog:
    """The catalog ``first`` makes, its translation ``was`` corrected to ``now``."""
    catalog = reread(merge(first, None))
    return reread(replace(catalog, messages=tuple(
        replace(m, msgstr=now) if m.msgstr == was else m for m in catalog.messages)))


def shown(article: Article, catalog: Catalog) -> list[str | None]:
    """What each segment's entry in ``catalog`` gives the page (None: no entry)."""
    return [m.msgstr if m is not None else None for m in entries_for(article, catalog)]


def reread(catalog: Catalog) -> Catalog:
    return parse_po(format_po(catalog), "fr-FR/doc.po")


def edit(catalog: Catalog, msgstr: str | None = None, fuzzy: bool = False) -> Catalog:
    """A translator's change to EN's entry, as a PO editor makes it (the #. notes stay)."""
    def changed(m: Message) -> Message:
        if m.msgid != EN or m.obsolete:
            return m
        flags = tuple(f for f in m.flags if f != FUZZY)
        return replace(m, msgstr=m.msgstr if msgstr is None else msgstr,
                       flags=(FUZZY, *flags) if fuzzy else flags)
    return replace(catalog, messages=tuple(changed(m) for m in catalog.messages))


def run(steps: list[str]) -> tuple[Article, Catalog]:
    """Each step: ``HT:text`` / ``MT:text`` a handoff, then extract; ``edit:text`` a translator
    changes the msgstr and marks it reviewed; ``review`` clears the fuzzy flag; ``wip:text``
    changes the msgstr and leaves it fuzzy; ``flag`` marks it fuzzy; ``extract`` runs extract
    again on the same handoff."""
    article: Article | None = None
    catalog: Catalog | None = None
    for n, step in enumerate(steps):
        kind, _, text = step.partition(":")
        if kind in ("HT", "MT"):
            article = delivery(kind, text, f"{n:05x}")
            catalog = reread(merge(article, catalog))
            continue
        assert article is not None and catalog is not None
        if kind == "extract":
            catalog = reread(merge(article, catalog))
        elif kind == "edit":
            catalog = reread(edit(catalog, text))
        elif kind == "review":
            catalog = reread(edit(catalog))
        elif kind == "wip":
            catalog = reread(edit(catalog, text, fuzzy=True))
        elif kind == "flag":
            catalog = reread(edit(catalog, fuzzy=True))
        else:
            raise AssertionError(step)
    assert article is not None and catalog is not None
    return article, catalog


def entry(catalog: Catalog) -> tuple[str, str]:
    """EN's entry as (msgstr, state): reviewed, MT (fuzzy with the MT note) or fuzzy."""
    msg = next(m for m in catalog.messages if m.msgid == EN and not m.obsolete)
    if not msg.fuzzy:
        assert MT_NOTE not in msg.extracted_comments
        return msg.msgstr, "reviewed"
    return msg.msgstr, "MT" if MT_NOTE in msg.extracted_comments else "fuzzy"


def findings(article: Article, catalog: Catalog) -> list[str]:
    return [f"{f.severity.label}[{f.check}]"
            for f in catalog_findings(article, catalog, "fr-FR/doc.po", Options())]


CASES = [
    # nobody edited the catalog: the newest handoff's text, marked as that handoff was
    (["HT:A", "HT:B"], ("B", "reviewed"), []),
    (["MT:A", "HT:B"], ("B", "reviewed"), []),
    (["MT:A", "HT:A"], ("A", "reviewed"), []),  # the vendor's human kept the MT: reviewed
    (["MT:A", "MT:B"], ("B", "MT"), []),
    (["HT:A", "HT:B", "HT:C"], ("C", "reviewed"), []),
    # a machine handoff never replaces a human's text
    (["HT:A", "MT:B"], ("A", "reviewed"), ["info[catalog-overrides-article]"]),
    (["HT:A", "MT:B", "HT:C"], ("C", "reviewed"), []),
    # a handoff without a translation clears nothing
    (["HT:A", "HT:"], ("A", "reviewed"), []),
    (["MT:A", "HT:"], ("A", "MT"), []),
    # a translator's edit wins; a newer human handoff that disagrees is a warning
    (["HT:A", "edit:X", "HT:A"], ("X", "reviewed"), ["info[catalog-overrides-article]"]),
    (["HT:A", "edit:X", "HT:B"], ("X", "reviewed"), ["warning[handoff-disagrees]"]),
    (["HT:A", "edit:X", "HT:B", "HT:B"], ("X", "reviewed"), ["warning[handoff-disagrees]"]),
    (["HT:A", "edit:X", "MT:B"], ("X", "reviewed"), ["info[catalog-overrides-article]"]),
    (["MT:A", "edit:X", "HT:B"], ("X", "reviewed"), ["warning[handoff-disagrees]"]),
    # ... until the handoff agrees: then the entry follows handoffs again
    (["HT:A", "edit:X", "HT:X"], ("X", "reviewed"), []),
    (["HT:A", "edit:X", "HT:X", "HT:B"], ("B", "reviewed"), []),
    (["HT:A", "edit:X", "HT:B", "edit:B", "extract", "HT:C"], ("C", "reviewed"), []),
    # (taking the handoff's text is seen by the next extract; with none between, the edit
    # still counts as the translator's)
    (["HT:A", "edit:X", "HT:B", "edit:B", "HT:C"], ("B", "reviewed"),
     ["warning[handoff-disagrees]"]),
    # reviewing machine translation makes it a human's
    (["MT:A", "review", "MT:B"], ("A", "reviewed"), ["info[catalog-overrides-article]"]),
    (["MT:A", "review", "HT:B"], ("A", "reviewed"), ["warning[handoff-disagrees]"]),
    (["MT:A", "review", "HT:A", "HT:B"], ("B", "reviewed"), []),
    # work in progress and a translator's flag stay; the handoff's text is what is published,
    # and a human handoff that meets text a translator changed says so (helper-83)
    (["MT:A", "wip:X", "HT:B"], ("X", "fuzzy"), ["warning[handoff-disagrees]"]),
    (["HT:A", "wip:X", "HT:B"], ("X", "fuzzy"), ["warning[handoff-disagrees]"]),
    (["MT:A", "wip:X", "HT:X"], ("X", "fuzzy"), []),
    (["MT:A", "wip:X", "MT:B"], ("X", "fuzzy"), []),
    (["HT:A", "flag", "HT:B"], ("A", "fuzzy"), []),
]


@pytest.mark.parametrize(("steps", "expected", "found"), CASES,
                         ids=[" ".join(c[0]) for c in CASES])
def test_successive_handoffs(
    steps: list[str], expected: tuple[str, str], found: list[str]
) -> None:
    article, catalog = run(steps)
    assert entry(catalog) == expected
    assert findings(article, catalog) == found
    # extracting again changes nothing, and says the same
    again = merge(article, catalog)
    assert again == merge(article, reread(again))
    assert entry(again) == expected


def test_every_entry_records_what_its_handoff_delivered() -> None:
    from pipeline.provenance import recorded

    cat = merge(delivery("MT", "A", "aaaaa"), None)
    assert all(recorded(m) is not None for m in cat.messages)
    assert [c for c in cat.messages[0].extracted_comments if c.startswith("handoff")] == [
        "handoff: MT d3d99e8b"]


def test_a_catalog_without_records_is_trusted_only_where_it_matches_the_handoff() -> None:
    """Catalogs written before records existed (or by a tool that dropped the #. notes): an
    entry that equals the article gains its record; one that differs is kept as a
    translator's and measured against this handoff from now on."""
    from pipeline.provenance import recorded

    first = reread(merge(delivery("HT", "A", "aaaaa"), None))
    bare = replace(first, messages=tuple(
        replace(m, extracted_comments=tuple(c for c in m.extracted_comments
                                            if not c.startswith("handoff")))
        for m in first.messages))
    same = reread(merge(delivery("HT", "A", "bbbbb"), bare))
    assert entry(same) == ("A", "reviewed") and all(recorded(m) for m in same.messages)
    assert entry(merge(delivery("HT", "B", "ccccc"), same)) == ("B", "reviewed")

    kept = reread(merge(delivery("HT", "B", "bbbbb"), bare))
    assert entry(kept) == ("A", "reviewed")
    article = delivery("HT", "C", "ccccc")
    later = reread(merge(article, kept))
    assert entry(later) == ("A", "reviewed")
    assert findings(article, later) == ["warning[handoff-disagrees]"]


def test_another_handoff_meeting_an_entry_without_its_record_disagrees_until_resolved() -> None:
    """helper-74: a tool dropped the #. notes, and another human handoff than the catalog's
    last (its ms.openlocfilehash says so) delivers other text: what the translator started
    from is unknown. The catalog's text stays, and the two disagree, run after run, until one
    side takes the other's (the same handoff again, above, stays a translator's edit)."""
    from pipeline.provenance import recorded

    first = reread(merge(delivery("HT", "A", "aaaaa"), None))
    bare = replace(first, messages=tuple(replace(m, extracted_comments=()) for m in
                                         first.messages))
    newer = parse_article(delivery("HT", "B", "bbbbb").text.replace(
        "8e6819f6d6ff37baab4bdd49cb5a87c32490f841", "0" * 40), "fr-FR/doc.md")
    kept = reread(merge(newer, bare))
    assert entry(kept) == ("A", "reviewed")
    assert findings(newer, kept) == ["warning[handoff-disagrees]"]
    [said] = [f.message for f in catalog_findings(newer, kept, "fr-FR/doc.po", Options())]
    assert "has no record of the handoff it came from" in said  # not 'changed by a translator'
    assert "not the text they changed" not in said
    again = reread(merge(newer, kept))  # the next run: nothing changed
    assert again == kept and findings(newer, again) == ["warning[handoff-disagrees]"]
    took = reread(merge(newer, edit(again, "B")))  # the translator takes the handoff's
    assert entry(took) == ("B", "reviewed") and findings(newer, took) == []
    assert all(recorded(m) is not None for m in took.messages)


def test_an_entry_that_never_had_a_record_is_a_translators_beside_recorded_ones() -> None:
    """helper-76: in a catalog whose other entries have records, an entry without one never
    had any (a translator's text for English no handoff had translated): another handoff
    that translates it is no lasting disagreement, and says nothing of a dropped record."""
    first = reread(merge(delivery("HT", "A", "aaaaa"), None))
    mine = replace(first, messages=tuple(
        replace(m, msgstr="Mine", extracted_comments=()) if m.msgid == EN else m
        for m in first.messages))
    newer = parse_article(delivery("HT", "B", "bbbbb").text.replace(
        "8e6819f6d6ff37baab4bdd49cb5a87c32490f841", "0" * 40), "fr-FR/doc.md")
    kept = reread(merge(newer, mine))
    assert entry(kept) == ("Mine", "reviewed")
    assert findings(newer, kept) == ["info[catalog-overrides-article]"]


def test_extract_reports_the_disagreement_even_when_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    article_path = content / "fr-FR" / "doc.md"
    article_path.parent.mkdir(parents=True)
    base = ["--content", str(content), "--locales", str(locales), "-j", "1", "-q"]

    article_path.write_text(delivery("HT", "A", "aaaaa").text, encoding="utf-8")
    assert main(["extract", *base]) == 0
    po = locales / "fr-FR" / "doc.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "A"', 'msgstr "X"'),
                  encoding="utf-8")
    article_path.write_text(delivery("HT", "B", "bbbbb").text, encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", *base]) == 0
    err = capsys.readouterr().err
    assert "warning[handoff-disagrees]" in err and "'X'" in err and "'B'" in err
    assert main(["locales", *base, "--out", str(out)]) == 0
    page = (out / "fr-FR" / "doc.md").read_text(encoding="utf-8")
    assert page == FRONT.format(tt="HT") + "X\n\nOuvrez le fichier.\n\nFermez la fenêtre.\n"


def test_a_translation_whose_msgid_a_vendors_tool_changed_waits_for_review_and_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tool that rewrote an entry's msgid (a space added, say) beside the translator's
    edit: the edit is kept, as a suggestion for the article's English, and not published
    until reviewed; the run says so at the entry, as it does for the English's own catalogs."""
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    article_path = content / "fr-FR" / "doc.md"
    article_path.parent.mkdir(parents=True)
    base = ["--content", str(content), "--locales", str(locales), "-j", "1"]
    article_path.write_text(delivery("HT", "A", "aaaaa").text, encoding="utf-8")
    assert main(["extract", *base, "-q"]) == 0
    po = locales / "fr-FR" / "doc.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        f'msgid "{EN}"\nmsgstr "A"', f'msgid "{EN} "\nmsgstr "Mon texte"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["locales", *base, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "info[english-changed]" in line]
    assert len(said) == 1 and "doc.po:" in said[0] and f"'{EN} '" in said[0], err
    text = po.read_text(encoding="utf-8")
    assert f'#, fuzzy\n#| msgid "{EN} "\nmsgid "{EN}"\nmsgstr "Mon texte"' in text
    page = (out / "fr-FR" / "doc.md").read_text(encoding="utf-8")
    assert page.startswith(FRONT.format(tt="HT") + "A\n")


@pytest.mark.parametrize("tt", ["", "MT-PE", "HT-MT", "unknown"])
def test_a_handoff_whose_translation_type_cannot_be_read_never_replaces_a_humans_text(
        tt: str) -> None:
    """helper-46: a missing or unknown type counted as human translation, and its text took
    the place of a reviewed one, reviewed."""
    first = delivery("HT", "Bonjour le monde", "aaaaa")
    catalog = reread(merge(first, None))
    later = delivery(tt, "MT bonjour", "bbbbb")
    assert entry(reread(merge(later, catalog))) == ("Bonjour le monde", "reviewed")
    fresh = entry(reread(merge(later, None)))
    assert fresh == ("MT bonjour", "MT")  # new text of unknown provenance: awaits review


def test_a_handoff_of_a_known_type_or_with_no_translation_is_taken_as_it_says() -> None:
    from pipeline.merge import is_machine_translated

    assert not is_machine_translated(delivery(" ht ", "Bonjour", "aaaaa"))
    assert is_machine_translated(delivery("mt", "Bonjour", "aaaaa"))
    empty = parse_article(FRONT.format(tt="") + pair("aaaaa-102", "", EN) + "\n", "fr-FR/d.md")
    assert not is_machine_translated(empty)  # nothing delivered: nothing to call machine-made


@pytest.mark.parametrize(("tt", "machine"), [
    ("Human Translation", False), ("human  translation", False), ("Machine Translation", True)])
def test_a_handoff_that_spells_its_translation_type_out_is_taken_as_it_says(
        tt: str, machine: bool) -> None:
    """helper-60: Microsoft's handoffs of 2017 write 'ms.translationtype: Human Translation';
    their human translations became fuzzy machine translation awaiting review."""
    from pipeline.merge import is_machine_translated

    article = delivery(tt, "Bonjour", "aaaaa")
    assert is_machine_translated(article) is machine
    assert entry(reread(merge(article, None))) == ("Bonjour", "MT" if machine else "reviewed")


def test_twins_a_handoff_reorders_keep_their_own_translations_and_corrections() -> None:
    """helper-46: the twin without a context took the entry without one by key alone; the
    correction of 'Prochain' moved onto the 'Suivant' segment, and 'Suivant' was lost."""
    def handoff(prefix: str, first: str, second: str) -> Article:
        body = (pair(f"{prefix}-101", first, "Next") + "\n\n"
                + pair(f"{prefix}-102", second, "Next") + "\n")
        return parse_article(FRONT.format(tt="HT") + body, "fr-FR/doc.md")

    catalog = corrected(handoff("aaaaa", "Suivant", "Prochain"), "Prochain", "Prochain (revu)")
    merged = reread(merge(handoff("bbbbb", "Prochain", "Suivant"), catalog))
    active = [(m.msgctxt, m.msgstr) for m in merged.messages if not m.obsolete]
    assert active == [(None, "Prochain (revu)"), ("bbbbb-102", "Suivant")]


def test_new_english_beside_a_kept_sentence_takes_the_human_translation_delivered() -> None:
    """helper-46: 'Open a terminal now.' added beside 'Open a terminal.' was given the other
    sentence's text as a fuzzy suggestion, and the human translation delivered was stored
    nowhere; a reviewer clearing the flag would have published the wrong sentence."""
    catalog = reread(merge(handoff("aaaaa", ("Ouvrez un terminal.", "Open a terminal.")), None))
    merged = reread(merge(handoff("bbbbb", ("Ouvrez un terminal.", "Open a terminal."),
                                  ("Ouvrez un terminal maintenant.", "Open a terminal now.")),
                          catalog))
    added = next(m for m in merged.messages if m.msgid == "Open a terminal now.")
    assert (added.msgstr, added.fuzzy, added.previous_msgid) == (
        "Ouvrez un terminal maintenant.", False, None)


def test_a_twin_whose_english_changed_leaves_its_correction_to_no_other_segment() -> None:
    """helper-47: with one twin's English changed, the other took the entry without a
    context by key alone, and published the first twin's correction; the obsolete entry
    kept for it must not be a duplicate of the active one (msgfmt refuses those)."""
    catalog = corrected(handoff("aaaaa", ("Suivant", "Next"), ("Prochain", "Next")), "Suivant",
                        "Suivant (revu)")
    merged = reread(merge(handoff("bbbbb", ("Étape suivante", "Next step"),
                                  ("Prochain", "Next")), catalog))
    active = {m.msgid: m for m in merged.messages if not m.obsolete}
    assert (active["Next"].msgstr, active["Next"].fuzzy) == ("Prochain", False)
    assert active["Next step"].msgstr == "Suivant (revu)" and active["Next step"].fuzzy
    kept = [(m.msgctxt, m.msgstr) for m in merged.messages if m.obsolete]
    assert kept == [("aaaaa-101", "Suivant (revu)")]  # nothing lost, and no duplicate key
    assert len({m.key for m in merged.messages}) == len(merged.messages)
    assert reread(merge(handoff("bbbbb", ("Étape suivante", "Next step"),
                                ("Prochain", "Next")), merged)) == merged  # settled


def test_an_include_without_front_matter_is_taken_as_it_always_was() -> None:
    """helper-47: Microsoft hands includes back with no front matter (4 corpus handoffs):
    their human translations must not turn into machine translation."""
    from pipeline.merge import is_machine_translated

    include = parse_article("> [!NOTE]\n> " + pair("91a66-101", "Ce sujet.", "This topic.")
                            + "\n", "fr-FR/inc.md")
    assert not is_machine_translated(include)
    assert entry(reread(merge(parse_article(pair("aaaaa-101", "Bonjour le monde", EN) + "\n",
                                            "fr-FR/doc.md"), None)))[1] == "reviewed"


@pytest.mark.parametrize("front", ["---\n---\n", "---\n# a comment\n---\n", "---\n...\n"])
def test_front_matter_that_says_nothing_of_its_type_is_machine_translation(front: str) -> None:
    """helper-48: an empty or unread block left meta empty, and counted as human."""
    from pipeline.merge import is_machine_translated

    assert is_machine_translated(parse_article(front + pair("aaaaa-101", "Salut", EN) + "\n",
                                               "fr-FR/doc.md"))


@pytest.mark.parametrize("opening", ["----\n\n", "--- x\n\n", "\ufeff-----\n\n"])
def test_an_article_opening_with_a_rule_has_no_front_matter_and_is_taken_as_before(
        opening: str) -> None:
    """helper-49: '----' is a thematic break, not front matter: no type is missing."""
    from pipeline.merge import is_machine_translated

    assert not is_machine_translated(parse_article(
        opening + pair("aaaaa-101", "Hallo Welt.", EN) + "\n", "fr-FR/doc.md"))


def test_an_obsolete_twin_never_takes_the_place_of_a_translators_correction() -> None:
    """An obsolete entry keeps its handoff record (for an edit undone); a twin gone obsolete
    with its record took, by that record, the place of the corrected entry of the one segment
    left, when a later handoff delivered the gone twin's text: the correction went obsolete,
    unpublished, and nothing said so (the catalog's text must stay, ``handoff-disagrees``)."""
    catalog = reread(merge(handoff("aaaaa", ("Suivant", "Next"), ("Prochain", "Next")), None))
    catalog = reread(merge(handoff("bbbbb", ("Suivant", "Next")), catalog))
    corrected = tuple(replace(m, msgstr="Suivant (revu)") if m.msgstr == "Suivant" else m
                      for m in catalog.messages)
    catalog = reread(replace(catalog, messages=corrected))
    article = handoff("ccccc", ("Prochain", "Next"))
    merged = reread(merge(article, catalog))
    active = [(m.msgctxt, m.msgstr) for m in merged.messages if not m.obsolete]
    assert active == [(None, "Suivant (revu)")]
    assert findings(article, merged) == ["warning[handoff-disagrees]"]


def test_a_twins_correction_stays_published_when_a_handoff_translates_both_alike() -> None:
    """helper-127: twins ('Next' as 'Suivant' and 'Suivante'), the second corrected by a
    translator; a newer handoff delivered 'Suivant' for both, so both segments took the entry
    without a context by key alone: the correction went obsolete, the page showed the
    handoff's text for English that had not changed, and nothing said so. The correction
    must stay the second segment's, published, with ``handoff-disagrees``."""
    catalog = corrected(handoff("aaaaa", ("Suivant", "Next"), ("Suivante", "Next")), "Suivante",
                        "Passez à la suivante")
    article = handoff("bbbbb", ("Suivant", "Next"), ("Suivant", "Next"))
    merged = reread(merge(article, catalog))
    assert shown(article, merged) == ["Suivant", "Passez à la suivante"]
    assert findings(article, merged) == ["warning[handoff-disagrees]"]
    assert reread(merge(article, merged)) == merged  # settled
    # a twin nobody changed follows the handoff: one entry, the other obsolete as before
    plain = reread(merge(article, reread(merge(handoff("aaaaa", ("Suivant", "Next"),
                                                       ("Suivante", "Next")), None))))
    assert [m.msgctxt for m in plain.messages if not m.obsolete] == [None]


def test_twins_a_handoff_still_tells_apart_keep_their_keys_beside_a_corrected_twin() -> None:
    """Only twins a handoff translates alike take a context for a corrected twin: where the
    handoff still translates one English two ways, its keys stand (no entry is added)."""
    three = (("Suivant", "Next"), ("Suivante", "Next"), ("Suivant", "Next"))
    catalog = corrected(handoff("aaaaa", *three), "Suivante", "Passez à la suivante")
    article = handoff("bbbbb", *three)
    merged = reread(merge(article, catalog))
    assert [(m.msgctxt, m.msgstr) for m in merged.messages] == [
        (None, "Suivant"), ("bbbbb-102", "Passez à la suivante")]
    assert shown(article, merged) == ["Suivant", "Passez à la suivante", "Suivant"]


def test_the_corrected_twin_not_an_earlier_untouched_one_keeps_its_segment() -> None:
    """Found by a fuzzer over 37ef846: the segment given a context took the first twin in
    order (untouched), which then followed the handoff, and the correction went obsolete
    all the same; the next run undid it. It takes the corrected twin's own key."""
    catalog = corrected(handoff("aaaaa", ("Suivant", "Next"), ("Suivante", "Next"),
                                ("Prochain", "Next")), "Prochain", "Prochain (revu)")
    article = handoff("bbbbb", ("Suivant", "Next"), ("Suivant", "Next"))
    merged = reread(merge(article, catalog))
    assert shown(article, merged) == ["Suivant", "Prochain (revu)"]
    assert reread(merge(article, merged)) == merged  # settled
