"""What a page shows (``pipeline.publish``): report settings never open the guard, and no text
reaches a page that the safety rules have not seen, outside the pairs as well."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.article import Article, parse_article, read_front_matter, split_front_matter
from pipeline.catalog import FUZZY, Catalog
from pipeline.catalog.keys import entries_for
from pipeline.checks import SEGMENT_RULES, SegmentChecker
from pipeline.checks.base import Options
from pipeline.findings import Finding, Severity
from pipeline.merge import merge
from pipeline.publish import Policy, Published, publish
from pipeline.render import Form


def pair(seg_id: str, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{en}</span></span>')


FRONT = ("---\ntitle: Installer\nms.translationtype: HT\nms.contentlocale: fr-FR\n"
         "online version: https://learn.contoso.com/fr-fr/cli\n---\n")
ARTICLE = (FRONT + "# " + pair("abcde-102", "Prérequis", "Prerequisites") + "\n\n"
           + pair("abcde-103", "Exécutez `contoso --version`.", "Run `contoso --version`.")
           + " " + pair("abcde-104", "Ouvrez une fenêtre de terminal.",
                        "Open a terminal window to run it.") + "\n")


def article_of(text: str = ARTICLE) -> Article:
    return parse_article(text, "fr-FR/a.md")


def edited(article: Article, english: str, translation: str, cat: Catalog | None = None
           ) -> Catalog:
    """The article's catalog (or ``cat``) with a vendor's reviewed translation of ``english``."""
    cat = merge(article, None) if cat is None else cat
    return replace(cat, messages=tuple(
        replace(m, msgstr=translation, flags=tuple(f for f in m.flags if f != FUZZY))
        if m.msgid == english else m for m in cat.messages))


DEFAULT = Options()


def run(article: Article, catalog: Catalog | None, options: Options = DEFAULT,
        form: Form = Form.LOCALIZED) -> Published:
    return publish(article, entries_for(article, catalog), Policy(options, form))


def ids(findings: tuple[Finding, ...]) -> list[str]:
    return sorted(f.check for f in findings)


# ------------------------------------------------------------------ report settings (item 2)

SCRIPT = "Prérequis<script>alert(1)</script>"
REPORT_SETTINGS = {
    "default": Options(),
    "select untranslated": Options(select=frozenset({"untranslated"})),
    "ignore the checks that find it": Options(ignore=frozenset({"unsafe-element",
                                                                "html-added"})),
    "every safety check lowered to info": Options(severities={
        c: Severity.INFO for c in ("unsafe-element", "html-added", "event-handler",
                                   "unsafe-url", "foreign-host", "new-block")}),
}


@pytest.mark.parametrize("options", REPORT_SETTINGS.values(), ids=REPORT_SETTINGS.keys())
def test_report_settings_never_let_an_unsafe_translation_onto_the_page(options: Options) -> None:
    article = article_of()
    out = run(article, edited(article, "Prerequisites", SCRIPT), options)
    assert out.text is not None
    assert "<script" not in out.text
    assert "# Prérequis\n" in out.text  # the article's own translation stands in
    # the swap is reported whatever is selected, naming the checks that held it back
    [swap] = out.substitutions
    assert swap.check == "render-substituted" and swap.line == 7
    assert "(html-added, unsafe-element)" in swap.message


@pytest.mark.parametrize("edit", [
    "Prérequis javascript&#58;alert&#40;1&#41;",  # a scheme's colon spelled as a reference
    "Prérequis [!VIDEO x'onload=alert`1`",  # a video link left open
])
def test_a_scheme_spelled_by_references_or_an_open_video_link_stays_off_the_page(
    edit: str,
) -> None:
    article = article_of()
    out = run(article, edited(article, "Prerequisites", edit))
    assert out.text is not None and edit not in out.text
    assert "# Prérequis\n" in out.text  # the article's own translation stands in
    [swap] = out.substitutions
    assert "unsafe-url" in swap.message


def test_what_is_reported_still_follows_the_selection() -> None:
    article = article_of()
    catalog = edited(article, "Prerequisites", SCRIPT)
    assert ids(run(article, catalog).findings) == ["html-added", "unsafe-element"]
    assert run(article, catalog, REPORT_SETTINGS["select untranslated"]).findings == ()
    lowered = run(article, catalog, REPORT_SETTINGS["every safety check lowered to info"])
    assert {f.severity for f in lowered.findings} == {Severity.INFO}


# Other checks: an error at its default severity holds back whatever the report settings say;
# a check raised to error holds back too; a warning never does.
SENTENCE = "Open a terminal window to run it."  # untranslated: a warning
CODE = ("Run `contoso --version`.", "Exécutez `contoso --uninstall`.")  # code-changed: error
GUARDS = [
    ("code-changed deselected", Options(select=frozenset({"untranslated"})), *CODE, True),
    ("code-changed ignored", Options(ignore=frozenset({"code-changed"})), *CODE, True),
    ("code-changed lowered", Options(severities={"code-changed": Severity.WARNING}),
     *CODE, True),
    ("untranslated, a warning", Options(), SENTENCE, SENTENCE, False),
    ("untranslated raised to error", Options(severities={"untranslated": Severity.ERROR}),
     SENTENCE, SENTENCE, True),
]


@pytest.mark.parametrize(("options", "english", "translation", "held"),
                         [g[1:] for g in GUARDS], ids=[g[0] for g in GUARDS])
def test_the_other_checks_hold_back_by_their_default_or_raised_severity(
    options: Options, english: str, translation: str, held: bool
) -> None:
    article = article_of()
    out = run(article, edited(article, english, translation), options)
    assert out.text is not None
    assert (translation not in out.text) is held
    assert len(out.substitutions) == held


def test_only_ignoring_render_substituted_itself_silences_a_swap() -> None:
    article = article_of()
    catalog = edited(article, "Prerequisites", SCRIPT)
    quiet = run(article, catalog, Options(ignore=frozenset({"render-substituted"})))
    assert quiet.substitutions == ()
    assert quiet.text is not None and "<script" not in quiet.text


# ------------------------------------------------------------------ text outside the pairs (item 3)

GOOD_PAIR = pair("abcde-103", "Texte.", "Text.")
BROKEN = (FRONT + '<span data-ttu-id="abcde-102">Salut <img src=x onerror="alert(1)"></span>\n\n'
          + GOOD_PAIR + "\n")


@pytest.mark.parametrize("text", [
    BROKEN,  # a translation span with no English partner
    BROKEN.replace('"abcde-102">', '"abcde-102&quot;>').replace(  # quotes escaped by a tool
        "</span>\n", '</span><span class="sxs-lookup"><span data-stu-id="abcde-102">Hello'
        "</span></span>\n", 1),
], ids=["unpaired", "malformed"])
def test_a_broken_pair_with_an_unsafe_translation_is_kept_off_the_page(text: str) -> None:
    article = article_of(text)
    assert article.problems  # the scanner reports the pair and leaves it as skeleton
    out = run(article, None)
    assert out.text is not None
    assert "onerror" not in out.text and "<img" not in out.text
    assert ids(out.findings) == ["event-handler", "html-added"]
    assert {(f.line, f.segment) for f in out.findings} == {(7, "abcde-102")}
    assert all(f.message.startswith("the translation span abcde-102 of a broken pair: ")
               for f in out.findings)
    [swap] = out.substitutions
    assert swap.message.endswith("); nothing was published instead")
    # only the translation's text goes; the markup and the English around it stay as they were
    assert out.text == text.replace('Salut <img src=x onerror="alert(1)">', "").replace(
        GOOD_PAIR, "Texte.")


def test_a_safe_broken_pair_passes_through_as_it_is() -> None:
    text = BROKEN.replace('Salut <img src=x onerror="alert(1)">', "Salut tout le monde")
    out = run(article_of(text), None)
    assert (out.text, out.findings, out.substitutions) == (
        text.replace(GOOD_PAIR, "Texte."), (), ())


# (front matter, the translated key, what must not be published, the lines reported). Every
# other key stays as is.
HOSTILE = [
    ("title: <script>alert(1)</script>\n", "title", "<script", {3}),
    ('title: "Titre <img src=x onerror=alert(1)>"\n', "title", "onerror", {3}),
    ("description: 'Voir <iframe src=x></iframe>'\n", "description", "<iframe", {3}),
    ("description: Voir [ici](https://evil.example.net/x)\n", "description", "evil.example", {3}),
    ("description: |\n  Ligne.\n  <script>x</script>\n", "description", "<script", {3}),
    ("description: >-\n  Ligne\n  <script>x</script>\n", "description", "<script", {3}),
    ("description: Ligne\n  <script>x</script>\n", "description", "<script", {3}),
    ('keywords: [cli, "<script>x</script>"]\n', "keywords", "<script", {3}),
    ("keywords:\n- cli\n- <script>x</script>\n", "keywords", "<script", {5}),
    ("keywords:\n  - cli\n  - {a: <script>x</script>}\n", "keywords", "<script", {5}),
    ("title: &t <script>x</script>\ndescription: *t\n", "title", "<script", {3, 4}),
    ("title: !!str <script>x</script>\r\n", "title", "<script", {3}),
    ("title: \"Télécharger \u202eexe.putes\"\n", "title", "\u202e", {3}),
]


@pytest.mark.parametrize(("yaml_text", "key", "needle", "lines"), HOSTILE,
                         ids=[h[0][:30] for h in HOSTILE])
def test_an_unsafe_translated_front_matter_value_is_published_empty(
    yaml_text: str, key: str, needle: str, lines: set[int]
) -> None:
    text = ("---\nms.translationtype: HT\n" + yaml_text + "ms.date: 01/02/2021\n---\n"
            + pair("abcde-102", "Texte.", "Text.") + "\n")
    article = article_of(text)
    out = run(article, None)
    assert out.text is not None
    front = split_front_matter(out.text, "a.md")[1]
    assert needle not in front
    meta, _ = read_front_matter(front, "a.md")  # still valid YAML, with every key
    assert list(meta) == list(article.meta)
    assert meta["ms.date"] == "01/02/2021" and meta["ms.translationtype"] == "HT"
    if article.meta[key] is not None:  # a single value: now an empty string
        assert meta[key] == ""
    assert out.text.endswith("---\nTexte.\n")  # the body is published as usual
    # reported at the value's line, and so is the swap
    assert {f.line for f in out.findings} == {f.line for f in out.substitutions} == lines
    assert all(f.message.startswith("the front matter value of '") for f in out.findings)
    assert any(f.message.startswith(f"the front matter value of {key!r}: ")
               for f in out.findings)
    assert out.substitutions and all(
        s.message.endswith("); an empty value was published instead")
        for s in out.substitutions)


def test_the_strings_of_one_alias_held_back_leave_one_empty_value_in_its_place() -> None:
    """'title: *a', a list of two scripts: both are read, both held, and the alias becomes one
    empty value; the list itself, metadata with a script in it, is held string by string."""
    text = ARTICLE.replace("title: Installer", 'x: &a ["<script>x</script>", "<img src=x '
                           'onerror=alert(1)>"]\ntitle: *a')
    out = run(article_of(text), None)
    assert out.text is not None and '\ntitle: ""\n' in out.text
    built = yaml.safe_load(split_front_matter(out.text, "a.md")[1])
    assert built["title"] == "" and built["x"] == ["", ""]
    assert len(out.substitutions) == 4 and {f.line for f in out.substitutions} == {2, 3}


def test_front_matter_that_passes_is_published_byte_for_byte() -> None:
    """The English's own metadata (URLs, dates) is not checked against an empty English: the
    keys translated in place are."""
    out = run(article_of(), None)
    assert out.text is not None and out.text.startswith(FRONT)
    assert (out.findings, out.substitutions) == ((), ())


@pytest.mark.parametrize("value", [
    "<activityScheduledQuery>", "'# Configuration'", '"- Quick start"', "1. Einführung",
    '"> Azure CLI"'])
def test_a_front_matter_value_is_yaml_not_markdown_and_opens_no_block(value: str) -> None:
    """dotnet's configuration schema pages are titled '<activityScheduledQuery>', and so are
    their handoffs: a YAML value has no Markdown block around it, so no block start (an HTML
    block, a heading) is held back there; what would run still is."""
    text = ARTICLE.replace("title: Installer", "title: " + value)
    out = run(article_of(text), None)
    assert out.text is not None and out.text.startswith(FRONT.replace("Installer", value))
    assert (out.findings, out.substitutions) == ((), ())
    script = run(article_of(ARTICLE.replace("title: Installer", "title: <script>x</script>")),
                 None)
    assert "unsafe-element" in ids(script.findings) and script.substitutions


def test_the_bilingual_form_keeps_the_text_outside_the_pairs_as_delivered() -> None:
    text = BROKEN.replace("title: Installer", "title: <script>x</script>")
    out = run(article_of(text), None, form=Form.BILINGUAL)
    assert out.text == text  # the round trip: the article as it was delivered
    assert "unsafe-element" in ids(out.findings)  # reported all the same


def test_front_matter_closed_after_a_lone_cr_ends_where_the_page_ends_it() -> None:
    """Markdig ends front matter at a '...' line after a CR alone: the lines after it are the
    page's body, checked as the body's markup; the bilingual form keeps every byte."""
    text = ARTICLE.replace("fr-FR\n", "fr-FR\r...\r# <script>alert(1)</script>\n", 1)
    article = article_of(text)
    assert text[:article.body_start].endswith("fr-FR\r...\r")
    out = run(article, None)
    assert out.text is not None and "<script" not in out.text
    assert out.text.startswith(text[:article.body_start])
    assert {(f.check, f.line) for f in out.findings} == {("unsafe-element", 4)}
    assert run(article, None, form=Form.BILINGUAL).text == text  # the round trip


# ------------------------------------------------------------------ any edits, any report settings

PIECES = st.sampled_from([
    "`", "``", "*", "**", "[", "]", "(", ")", "](", "<b>", "</b>", '<a href="x">', "<script>",
    "<img src=x onerror=alert(1)>", "&lt;", "{0}", "%s", "|", "\n", "\n# ", "\n- ", "https://",
    "https://evil.example", "javascript:", "Set-AzContext", "12", " ", "#", "-", ".", "word",
    "Wort", "run the command now",
])
TEXT = st.lists(PIECES, min_size=1, max_size=8).map("".join)
IDS = [r.check.id for r in SEGMENT_RULES]
REPORTING = st.builds(
    Options,
    select=st.frozensets(st.sampled_from(IDS), max_size=3),
    ignore=st.frozensets(st.sampled_from(IDS), max_size=6),
    severities=st.dictionaries(st.sampled_from(IDS), st.sampled_from(list(Severity)),
                               max_size=6),
    locale=st.just("fr-FR"),
)


@settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(TEXT, TEXT, st.one_of(st.none(), TEXT)), min_size=1,
                      max_size=4),
       options=REPORTING)
def test_nothing_a_check_holds_back_is_published_whatever_the_edits_and_report_settings(
    pairs: list[tuple[str, str, str | None]], options: Options
) -> None:
    """Each pair: (English, the article's translation, the vendor's reviewed edit or None).
    Every segment's published text is its English or passes the full rule set."""
    text = "".join(
        pair(f"abcde-{101 + n}", tr.replace("<", "&lt;") if "span" in tr else tr, en) + "\n\n"
        for n, (en, tr, _) in enumerate(pairs))
    article = article_of(text)
    assume(len(article.segments) == len(pairs) and not article.problems)
    catalog = merge(article, None)
    for seg, (_, _, edit) in zip(article.segments, pairs, strict=True):
        if edit is not None:
            catalog = replace(catalog, messages=tuple(
                replace(m, msgstr=edit, flags=()) if m.msgid == seg.source else m
                for m in catalog.messages))
    out = run(article, catalog, options)
    full = SegmentChecker(Options(locale="fr-FR"))
    for seg, shown in zip(article.segments, out.translations, strict=True):
        assert shown == seg.source or not full.held_by(seg.source, shown), (seg.source, shown)


# ------------------------------------------------------------------ reference links of the page

REFERENCES = (FRONT + pair("abcde-105", "{tr}", "Download the [latest][] package, or see [FAQ].")
              + "\n\n[latest]: https://aka.ms/latest\n[faq]: #faq\n")


@pytest.mark.parametrize("translation", [
    "Téléchargez le [dernier][] package, ou voir [FAQ].",  # a collapsed reference translated
    "Téléchargez le [latest][] package, ou voir [questions fréquentes].",  # a shortcut one
])
def test_a_reference_link_the_translation_loses_is_held_back(translation: str) -> None:
    published = run(article_of(REFERENCES.format(tr=translation)), None)
    assert "link-target-changed" in ids(published.findings)
    assert published.text is not None and translation not in published.text
    assert "Download the [latest][] package, or see [FAQ]." in published.text


@pytest.mark.parametrize("translation", [
    "Téléchargez le [latest][] package, ou voir [faq].",  # the labels kept (case is no matter)
    "Téléchargez le [dernier][latest] package, ou voir [la FAQ][FAQ].",  # words translated
])
def test_a_reference_link_kept_or_relabelled_is_published(translation: str) -> None:
    published = run(article_of(REFERENCES.format(tr=translation)), None)
    assert "link-target-changed" not in ids(published.findings)
    assert published.text is not None and translation in published.text


def test_brackets_of_a_label_the_page_does_not_define_are_text_and_may_be_translated() -> None:
    text = FRONT + pair("abcde-105", "Sélectionnez [Paramètres].", "Select [Settings].") + "\n"
    published = run(article_of(text), None)
    assert published.findings == () and published.text is not None
    assert "Sélectionnez [Paramètres]." in published.text


ANCHORED = (FRONT + pair("abcde-105", "{tr}", 'Some text with an <a id="mid"></a>anchor.')
            + "\n\n" + pair("abcde-106", "Retour à [l’ancre](#mid).", "Back to [it](#mid).")
            + "\n")


def test_a_translation_that_drops_an_anchor_the_page_links_to_is_held_back() -> None:
    published = run(article_of(ANCHORED.format(tr="Du texte avec une ancre.")), None)
    assert "link-target-changed" in ids(published.findings)
    assert published.text is not None and 'with an <a id="mid"></a>anchor.' in published.text


def test_an_anchor_no_link_points_to_may_go_with_its_html() -> None:
    text = ANCHORED.format(tr="Du texte avec une ancre.").replace("(#mid)", "(#elsewhere)")
    published = run(article_of(text), None)
    assert "link-target-changed" not in ids(published.findings)
    assert published.text is not None and "Du texte avec une ancre." in published.text


@pytest.mark.parametrize("definition", [
    "[BREAKING CHANGE]: Removed the `x` command group",  # a paragraph, no definition
    "```\n[breaking change]: https://example.com\n```",  # a definition in a code sample
])
def test_a_line_that_only_looks_like_a_definition_defines_no_label(definition: str) -> None:
    text = (FRONT + pair("abcde-105", "[CHANGEMENT MAJEUR] Suppression de `x`.",
                         "[BREAKING CHANGE] Removed `x`.") + f"\n\n{definition}\n")
    published = run(article_of(text), None)
    assert "link-target-changed" not in ids(published.findings)
    assert published.text is not None and "[CHANGEMENT MAJEUR] Suppression" in published.text


@pytest.mark.parametrize("translation", ["    Ouvrez un terminal.", "\tOuvrez un terminal.",
                                         "  \tOuvrez un terminal."])
def test_a_translation_four_columns_deep_where_its_segment_begins_a_block_is_held_back(
        translation: str) -> None:
    text = FRONT + "\n" + pair("abcde-105", translation, "Open a terminal.") + "\n"
    published = run(article_of(text), None)
    assert "new-block" in ids(published.findings)
    assert published.text is not None and translation not in published.text


@pytest.mark.parametrize("where, translation", [
    ("First sentence. {pair}\n", "    Ouvrez."),  # the second sentence of its line
    ("A paragraph's first line\n{pair}\n", "    Ouvrez."),  # a continuation line
    ("- item\n\n  {pair}\n", "  Ouvrez."),  # a list item's paragraph, two deep (helper-42)
    ("> {pair}\n", "   Ouvrez."),  # a quote: the space after '>' is the mark's
    ("Text\n2. {pair}\n", "    Ouvrez."),  # '2.' cannot interrupt a paragraph: its text
])
def test_a_translation_that_starts_with_spaces_where_they_make_no_code_is_published(
        where: str, translation: str) -> None:
    text = FRONT + "\n" + where.format(pair=pair("abcde-105", translation,
                                                 "Open a terminal.")) + "\n"
    published = run(article_of(text), None)
    assert "new-block" not in ids(published.findings)
    assert published.text is not None and translation in published.text


@pytest.mark.parametrize("before", [
    "",  # the body's first line, right after the front matter
    "# Steps\n",  # after a heading
    "- ",  # a list item's text
    "- First item.\n- ",  # the second item, with no blank line before it
    "1. ",  # an ordered item
    "A paragraph.\n> ",  # a quote that interrupts a paragraph
    "```\ncode\n```\n",  # after a closing fence
    "  ",  # a paragraph indented two, the translation two more: four in all
    "-  ",  # five spaces after a list marker in all (helper-42)
    "Title\n=====\n",  # after a setext heading
    "<!-- a comment -->\n",  # after an HTML block closed on its line
    "> - ",  # a list item in a quote: only marks stand before it on its line
    "Text.\n\n10) ",  # an ordered item with a ')' mark
])
def test_a_translation_that_would_be_indented_code_where_a_block_begins_is_held_back(
        before: str) -> None:
    translation = {"  ": "  Ouvrez.", "-  ": "   Ouvrez."}.get(before, "    Ouvrez.")
    text = FRONT + before + pair("abcde-105", translation, "Open.") + "\n"
    published = run(article_of(text), None)
    assert "new-block" in ids(published.findings)


def test_a_definition_read_in_a_crlf_page_and_after_any_fence_is_a_definition() -> None:
    from pipeline.checks.tokens.links import defined_labels

    assert defined_labels("[latest]: https://a\r\n[b]: x \"t\"\r\n") == {"latest", "b"}
    assert defined_labels("```\n[code]: http://x\n````\n[after]: http://y\n") == {"after"}
    assert defined_labels("```json``` is inline\n\n[after]: http://y\n") == {"after"}
    # CommonMark's rules (helper-42): no definition interrupts a paragraph; lists and quotes
    # hold them too
    assert defined_labels("Text\n[a]: http://x\n") == frozenset()
    assert defined_labels("- [a]: http://x\n\n> [b]: http://y\n") == {"a", "b"}


def test_a_label_followed_by_a_colon_within_a_line_is_a_link() -> None:
    from pipeline.checks.tokens.links import defined_labels, references

    defined = defined_labels("[docs]: https://x\n")
    assert references("Read [docs]: it helps.", defined) == ["docs"]
    assert references("[docs]: https://x", defined) == []


@pytest.mark.parametrize("after, held", [("|", True), (" |", False), ("](a.png)", True)])
def test_an_sxs_translation_ending_in_a_backslash_is_held_where_it_escapes_the_page(
        after: str, held: bool) -> None:
    before = "![" if after.startswith("]") else "|Path|"
    text = FRONT + before + pair("abcde-105", "C:\\Programme\\", "The folder.") + after + "\n"
    published = run(article_of(text), None)
    assert ("escape-added" in ids(published.findings)) is held
    assert published.text is not None and ("C:\\Programme\\" in published.text) is not held


def test_a_final_backslash_before_the_next_pairs_code_is_held_by_a_safety_check() -> None:
    """helper-93: the backslash makes the next pair's opening backtick text, and its code (an
    English '<img onerror>' example) raw HTML; escape-added, which a mark silences, alone
    held it back."""
    text = FRONT + pair("abcde-105", "Lisez ceci.\\", "Read this.") + pair(
        "abcde-106", "`<img src=x onerror=alert(1)>` est dangereux.",
        "`<img src=x onerror=alert(1)>` is dangerous.") + "\n"
    published = run(article_of(text), None)
    assert {"escape-added", "markup-open"} <= set(ids(published.findings))
    assert published.text is not None and "ceci.\\" not in published.text


def test_a_carriage_return_alone_ends_a_line_for_the_new_block_check() -> None:
    """helper-45: lines were counted at LF alone, so after a lone CR the check asked about
    the wrong line, and an indented code block was published."""
    text = FRONT + "Para.\n\r" + pair("abcde-105", "    Ouvrez un terminal.", "Open a terminal.") \
        + "\n"
    published = run(article_of(text), None)
    assert "new-block" in ids(published.findings)


@pytest.mark.parametrize("after, held", [
    ("\n" + "Ouvrez-le.\n", True),  # helper-47: a line of the paragraph follows: a hard break
    ("\n\nNext paragraph.\n", False),  # the paragraph ends: the backslash is text
    (pair("abcde-106", "Suivant.", "Next.") + "\n", False),  # the next pair's text follows
    (pair("abcde-106", "[Lien](x.md) suivant.", "[Link](x.md) next.") + "\n", True),  # its '['
    (pair("abcde-106", "**Remarque**", "**Note**") + "\n", True),  # helper-48: its '*'
    ("\n- Suivant.\n", False),  # helper-48: a new block follows: the backslash is text
    ("\n## Titre\n", False),
    ("\n```\ncode\n```\n", False),
    ("\n> [!NOTE]\n", False),
    ("\n---\n", False),
    ("\r\rNext paragraph.\n", False),  # a blank line of CR alone
    ("\n" + pair("abcde-106", "Suivant.", "Next.") + "\n", True),  # helper-49: a pair's line
    ("\r\n" + pair("abcde-106", "Suivant.", "Next.") + "\r\n", True),
    ("\n2. Suivant.\n", True),  # only '1.' interrupts a paragraph
    ("\n<b>x</b> y\n", True),  # inline HTML continues it
    ("\n```x``` y\n", True),  # no fence: code spans
    ("\n:::image src=x:::\n", True),
    ("\n=\n", False),  # a setext underline of one '='
])
def test_a_final_backslash_before_a_line_end_or_a_pair_is_judged_by_what_follows(
        after: str, held: bool) -> None:
    text = FRONT + pair("abcde-105", "Dans C:\\dossier\\", "In C:\\folder.") + after
    published = run(article_of(text), None)
    assert ("escape-added" in ids(published.findings)) is held


@pytest.mark.parametrize("after, held", [
    ("\n> " + pair("abcde-106", "Suivant.", "Next.") + "\n", True),  # the quote goes on
    ("\n> - Suivant.\n", False),  # a list in the quote: a new block
    ("\n\nNext.\n", False),  # the quote ends
])
def test_a_final_backslash_in_a_quote_is_judged_by_the_quotes_next_line(
        after: str, held: bool) -> None:
    text = FRONT + "> " + pair("abcde-105", "Dans C:\\dossier\\", "In C:\\folder.") + after
    published = run(article_of(text), None)
    assert ("escape-added" in ids(published.findings)) is held


# ------------------------------------------------ helper-104: what reached a page unchecked

REF_BODY = (FRONT + pair("abcde-102", "Texte un.", "Text one.") + "\n\n"
            + pair("abcde-103", "Voir [Contoso Learn][learn].", "See [Contoso Learn][learn].")
            + "\n\n[learn]: https://learn.contoso.com/\n")


@pytest.mark.parametrize("definition", [
    "[learn]: <javascript:void alert(document.domain)>",  # '<…>' may hold spaces
    '[learn]: //evil.example/phish "a\\"b"',  # a title may escape its quote
    "[learn]: <//evil.example/phish now>",
    "Texte un.\n[Contoso\nLearn]: https://evil.example/",  # a label over two lines
])
def test_a_definition_in_a_translation_never_retargets_the_englishs_link(
        definition: str) -> None:
    # CommonMark's first definition of a label wins: the English's own link would move
    article = article_of(REF_BODY)
    published = run(article, edited(article, "Text one.", definition))
    assert published.text is not None
    assert definition not in published.text
    assert "Texte un.\n\nVoir" in published.text  # the handoff's own translation instead


IMG = "<img src=x onerror=alert(document.domain)>"


def between_pairs(markup: str) -> Published:
    """The page of an sxs article with ``markup`` of its own between two pairs."""
    text = (FRONT + pair("abcde-102", "Texte un.", "Text one.") + "\n\n" + markup + "\n\n"
            + pair("abcde-103", "Texte deux.", "Text two.") + "\n")
    return run(article_of(text), None)


@pytest.mark.parametrize("markup", [
    # a code span cannot cross a blank line, a table cell's '|' or a heading's line end
    f"`x\n\nVoir {IMG} ici`",
    f"| a | b |\n|---|---|\n| `x | {IMG} ` |",
    f"# Titre `x\nVoir {IMG} ici`",
    # helper-107: cut where CommonMark does not, backticks pair anew and mask live markup: a
    # paragraph line with a pipe is no table row, a lone tag line interrupts no paragraph, and
    # a heading four spaces deep in a list item ends one
    f"Use `a|` {IMG} `b`.",
    f"`a\n<span>\n` {IMG} `b`",
    f"- a\n  - b\n    c `\n    # {IMG} `",
])
def test_markup_between_the_pairs_is_masked_as_code_only_where_commonmark_reads_code(
        markup: str) -> None:
    published = between_pairs(markup)
    assert published.text is not None
    assert "<img src=x onerror" not in published.text
    assert "&lt;img src=x onerror" in published.text  # published inert


@pytest.mark.parametrize("markup", [
    # over two lines of one paragraph a code span is still one
    "Use `<img onerror=x>` in a\nparagraph of `<img\nonerror=y>` and more.",
    # a paragraph line with pipes in its code is no table row
    'Use `<button onclick="a() || b()">` here.',
])
def test_a_code_span_of_the_markup_between_the_pairs_stays_the_englishs_example(
        markup: str) -> None:
    published = between_pairs(markup)
    assert published.text is not None and markup in published.text


def test_end_tags_that_close_the_englishs_elements_are_held_whatever_the_marks() -> None:
    # html-added (safety) now compares end tags: a vendor's ignore-html-broken mark releases
    # only the fidelity rule
    text = FRONT + '<div class="NOTE">\n\n' + pair("abcde-102", "Texte un.", "Text one.") + (
        "\n\n</div>\n")
    article = article_of(text)
    catalog = edited(article, "Text one.", "Texte un.</div></div></main></body>")
    catalog = replace(catalog, messages=tuple(
        replace(m, translator_comments=("ignore-html-broken",)) if m.msgid == "Text one." else m
        for m in catalog.messages))
    published = run(article, catalog)
    assert published.text is not None and "</main>" not in published.text
    assert "html-added" in ids(published.findings)


def test_a_generic_attribute_handler_between_the_pairs_is_published_inert() -> None:
    # helper-108: '{onmouseover=…}' after a pair: Markdig writes it onto the paragraph
    text = (FRONT + pair("abcde-102", "Texte un.", "Text one.") + " {onmouseover=alert(1)}\n")
    published = run(article_of(text), None)
    assert published.text is not None and "{onmouseover=alert(1)}" not in published.text


@pytest.mark.parametrize("markup", [
    # helper-109: as Markdig reads a block, and a fence's info string, which a page does not
    # show as code
    "{onmouseover = alert(1)}",
    "{.a onmouseover=alert(1)//{}",
    "{\fonmouseover=alert(1)}",
    "{onmouseover=\nalert(1)}",
    "```cs {onmouseover=alert(1)}\nvar x = 1;\n```",
    # helper-112: backticks the page pairs not (across a blank line, a heading's end, a cell's
    # pipe, a longer closing fence) hide no block; a fence in a quote or list has its info
    # string too
    "Voir `a\n\n{onmouseover=alert(1)}\n\nb` ici.",
    "# Titre `a\n{onmouseover=alert(1)}\nb` ici.",
    "| a | b |\n|---|---|\n| `x | {onmouseover=alert(1)} | y` |",
    "> ```cs\n> x\n> ````\n\n{onmouseover=alert(1)}\n\n> ```cs\n> y\n> ```",
    "> ```cs {onmouseover=alert(1)}\n> var x = 1;\n> ```",
    "1. Étape :\n\n    ```cs {onmouseover=alert(1)}\n    var x = 1;\n    ```",
    "1. Étape\n   - ```cs {onmouseover=alert(1)}\n     var x = 1;\n     ```",
])
def test_a_generic_attribute_block_between_the_pairs_is_published_inert(markup: str) -> None:
    published = between_pairs(markup)
    assert published.text is not None and "{onmouseover" not in published.text
    assert "{.a onmouseover" not in published.text and "{\fonmouseover" not in published.text


@pytest.mark.parametrize("markup", [
    # a backslash escape is read away in a destination: the link goes to 'javascript:…'
    "Voir [ici](javascript\\:alert(document.domain)).",
    "[ici]: javascript\\:alert(1)\n\nVoir [ici].",
])
def test_a_script_url_escaped_with_backslashes_between_the_pairs_is_published_inert(
        markup: str) -> None:
    published = between_pairs(markup)
    assert published.text is not None and markup not in published.text
    assert any(f.check == "render-substituted" for f in published.substitutions)


@pytest.mark.parametrize("end", ["\r\n", "\r"])
@pytest.mark.parametrize("underline", ["===", "---", "***"])
def test_a_line_that_ends_a_block_ends_a_code_span_whatever_the_line_ends(
        end: str, underline: str) -> None:
    # helper-115: with CR LF or CR line ends a setext underline or a thematic break was not
    # seen as a block, so a backtick before it paired with one after it and masked live markup
    text = (FRONT + pair("abcde-102", "Texte un.", "Text one.") + f"\n\n`a\n{underline}\n{IMG}"
            + " `\n\n" + pair("abcde-103", "Texte deux.", "Text two.") + "\n").replace("\n", end)
    published = run(article_of(text), None)
    assert published.text is not None and "<img src=x onerror" not in published.text


@pytest.mark.parametrize("definition", [
    "[a]: /u\n'`'",  # its title on the next line
    "[a]:\n/u`",  # its destination on the next line
    "[a\n`]: /u",  # its label over two lines
])
def test_a_backtick_in_a_definition_over_two_lines_masks_nothing_after_it(
        definition: str) -> None:
    # helper-115: the definition's second line was read as a paragraph's, so its backtick
    # paired with one after the live tag and masked it as code
    published = between_pairs(f"{definition}\n{IMG} `")
    assert published.text is not None and "<img src=x onerror" not in published.text


@pytest.mark.parametrize("text", [
    # helper-115: a stretch's backticks pair with another stretch's across the pair between
    # them, so what the stretch alone reads as code is live on the page
    FRONT + "Run `` " + pair("abcde-102", "Bonjour", "Hello") + f" `` {IMG} `` now "
    + pair("abcde-103", "Monde", "World") + "\n",
    FRONT + "Voir ` " + pair("abcde-102", "ceci", "this") + f" ` {IMG} ` et "
    + pair("abcde-103", "cela", "that") + " `\n",
])
def test_a_code_span_that_pairs_across_a_pair_on_the_page_masks_nothing(text: str) -> None:
    published = run(article_of(text), None)
    assert published.text is not None and "<img src=x onerror" not in published.text


@pytest.mark.parametrize("body", [
    # helper-115: each translation passes alone; side by side on the page they make a link
    pair("abcde-102", "[x]", "See") + pair("abcde-103", "(java", "the")
    + pair("abcde-104", "script:alert(1))", "docs."),
    pair("abcde-102", "Voir [x]", "See") + pair("abcde-103", "(javascript&#5", "the")
    + pair("abcde-104", "8;alert(1))", "docs."),
    "See [x](java" + pair("abcde-102", "script:alert(1)) la doc.", "Script docs."),
    # the scheme whole, its code cut: by the markup, or between translations
    "See [x](javascript:window." + pair("abcde-102", "location=alert(1)) la doc.", "Docs."),
    "See [x](" + pair("abcde-102", "javascript:window.loc", "Open")
    + pair("abcde-103", "ation=alert(1)) la doc.", "docs."),
])
def test_a_scheme_made_by_translations_side_by_side_is_not_published(body: str) -> None:
    published = run(article_of(FRONT + body + "\n"), None)
    assert published.text is not None and "script:alert" not in published.text
    assert published.substitutions and all(
        "unsafe-url" in f.message for f in published.substitutions)


def test_a_tag_inside_a_quoted_value_left_open_between_the_pairs_is_published_inert() -> None:
    # helper-115: a paragraph's '<b title="' with no closing quote is text on the page, so the
    # tag after it is live; read as one tag to the end, its handler was inside a value
    published = between_pairs(f'Texte <b title=" {IMG}')
    assert published.text is not None and "<img src=x onerror" not in published.text


def test_a_leading_destination_to_an_application_after_a_link_text_is_held_back() -> None:
    # helper-109: CJK pairs stand side by side: '[設定]' + '(ms-msdt:…)' is one live link
    text = (FRONT + pair("abcde-102", "詳細は[設定]", "For details, see the settings.")
            + pair("abcde-103", "(ms-msdt:/id%20PCWDiagnostic)を参照してください。",
                   "Restart the computer.") + "\n")
    published = run(article_of(text), None)
    assert published.text is not None and "](ms-msdt:" not in published.text


@pytest.mark.parametrize(("left", "right"), [
    # helper-111: each half passes alone; in a raw HTML block the page's own '</td>' closes
    # the tag the first leaves open, and the second's words are its attributes
    ("Ouvrez une fenêtre <x-a ,", "autofocus tabindex=1 onfocus=alert(1) ,"),
    ("Ouvrez une fenêtre <x-a é", "é onmouseover=alert(1) é"),
    ("Ouvrez une fenêtre <x-a é", "style=position:fixed;inset:0;background:red é"),
    # a name is what a browser reads as one: '<scretails,' too (the fuzzer's next find)
    ("Pour d<scretails, consultez la page.", "autofocus onfocus=alert(1) ,"),
])
def test_a_tag_left_open_for_the_next_pair_in_an_html_block_is_held_back(
        left: str, right: str) -> None:
    english = ("Open a terminal window.", "Close it when done.")
    cells = (pair("abcde-102", "Ouvrez une fenêtre.", english[0]) + " "
             + pair("abcde-103", "Fermez-la.", english[1]))
    article = article_of(FRONT + f'<table>\n<tr>\n<td align="left">{cells}</td>\n</tr>\n</table>\n')
    catalog = edited(article, english[0], left, edited(article, english[1], right))
    published = run(article, catalog)
    assert published.text is not None and left not in published.text
    assert "markup-open" in ids(published.findings)


@pytest.mark.parametrize("translation", [
    "Voir la suite ontoggle=alert(1) !",  # helper-116: punctuation after the handler
    "Voir la suite ontoggle=alert(1) »",
    "詳細 ontoggle=alert(1) を参照。",  # CJK: attribute names to a browser too
    "Voir la suite ontoggle=alert(1) de l'aide.",  # helper-119: quotes go into names
    "Voir ontoggle=alert('x') !",
    'Voir ontoggle=alert(1) la "suite".',
    "1<2 ontoggle=alert(document.domain) !",  # helper-120: a '<' that starts no tag
])
def test_a_translation_that_finishes_a_tag_the_markup_opens_is_held_back(
        translation: str) -> None:
    text = (FRONT + "<details open " + pair("abcde-102", translation, "See more.")
            + " >\n<summary>Details</summary>\n</details>\n")
    published = run(article_of(text), None)
    assert published.text is not None and "ontoggle" not in published.text
    assert "markup-open" in ids(published.findings)


@pytest.mark.parametrize("text", [
    # helper-116: the English lookup opens a fence the translation leaves out, so the line
    # after the pair is code on the English page only
    FRONT + pair("abcde-102", "Exécutez ceci :", "Run this:\n```text\n")
    + "\n<script>alert(1)</script>\n```\n",
    # ... a single backtick for the English's double one pairs with the markup's next one
    FRONT + pair("abcde-102", "Exécutez `x", "Run ``x")
    + " and `<img src=x onerror=alert(1)>` done.\n",
])
def test_markup_that_is_code_on_the_english_page_only_is_published_inert(text: str) -> None:
    published = run(article_of(text), None)
    assert published.text is not None
    assert "<script>" not in published.text and "<img src=x" not in published.text
    assert {"unsafe-element", "event-handler"} & set(ids(published.findings))


def test_the_englishs_own_code_between_the_pairs_is_published_as_it_is() -> None:
    text = (FRONT + pair("abcde-102", "Exécutez ceci :", "Run this:") + "\n\n```html\n"
            "<script>alert(1)</script>\n```\n\nVoir `<img src=x onerror=alert(1)>`.\n")
    published = run(article_of(text), None)
    assert published.text is not None and "<script>alert(1)</script>" in published.text
    assert "`<img src=x onerror=alert(1)>`" in published.text and not published.findings


def marked(catalog: Catalog, english: str, comment: str) -> Catalog:
    """The catalog with a reviewer's translator comment on the entry of ``english``."""
    return replace(catalog, messages=tuple(
        replace(m, translator_comments=(comment,)) if m.msgid == english else m
        for m in catalog.messages))


@pytest.mark.parametrize("userinfo", [
    "%2F", "%2f", "%23", "%3F", "%5C",
    "&#37;2F",  # Markdown reads the reference: the browser gets '%2F'
    "\\",  # Markdown reads '\@' as '@': the browser gets 'learn.contoso.com@evil.example'
])
def test_a_link_whose_user_name_spells_a_delimiter_escaped_is_held_back(userinfo: str) -> None:
    # helper-117: a browser splits the authority at the raw '/', '?', '#' and '\' only, so
    # 'learn.contoso.com%2F' is the user name and evil.example the host; a reviewer's
    # ignore-link-target-changed mark releases only the fidelity rule
    english = "See [the docs](https://learn.contoso.com/en-us/a)."
    article = article_of(FRONT + pair(
        "abcde-102", "Voir [la doc](https://learn.contoso.com/fr-fr/a).", english) + "\n")
    edit = f"Voir [la doc](https://learn.contoso.com{userinfo}@evil.example/a)."
    catalog = marked(edited(article, english, edit), english, "ignore-link-target-changed")
    published = run(article, catalog)
    assert published.text is not None and "evil.example" not in published.text
    assert "foreign-host" in ids(published.findings)


@pytest.mark.parametrize("www", ["wWW", "wwW", "wWw"])
def test_a_www_autolink_with_capitals_after_its_first_w_is_held_back(www: str) -> None:
    # helper-117: Markdig opens an autolink on a lower-case 'w' and matches the rest of
    # 'www.' in any case: 'wWW.evil.example' is a link on the page
    english = "Download the fix before you continue."
    article = article_of(FRONT + pair(
        "abcde-102", "Téléchargez le correctif avant de continuer.", english) + "\n")
    edit = f"Téléchargez le correctif sur {www}.evil.example/patch.exe avant de continuer."
    published = run(article, edited(article, english, edit))
    assert published.text is not None and "evil.example" not in published.text
    assert "foreign-host" in ids(published.findings)


def test_markup_code_only_while_the_articles_translation_stands_is_published_inert() -> None:
    # the article's translation keeps the English's two backticks; the catalog's, published
    # in its place, has one: the page it makes is the one read
    article = article_of(FRONT + pair("abcde-102", "Exécutez ``x", "Run ``x")
                         + " and `<img src=x onerror=alert(1)>` done.\n")
    published = run(article, edited(article, "Run ``x", "Exécutez `x"))
    assert published.text is not None and "<img src=x" not in published.text


@pytest.mark.parametrize(("english", "translation"), [
    # helper-119: prose with an '=' and a menu path's '>' is no tag's end
    ("Set Timeout=30 in the app's settings, then select File > Options.",
     "Legen Sie Timeout=30 in den App-Einstellungen fest, und wählen Sie dann Datei > Optionen."),
    ("Set Timeout=30 in the app's settings, then select File > Options.",
     "アプリの設定で Timeout=30 を設定してから、[ファイル] > [オプション] を選択します。"),
    ("Set x to 1 and select File > Open.", "Legen Sie x=1 fest und wählen Sie Datei > Öffnen."),
])
def test_prose_with_an_assignment_and_a_menu_path_is_published(english: str, translation: str
                                                               ) -> None:
    published = run(article_of(FRONT + pair("abcde-102", translation, english) + "\n"), None)
    assert published.text is not None and translation in published.text
    assert "markup-open" not in ids(published.findings)


def test_markup_code_only_by_a_broken_pairs_fence_is_published_inert() -> None:
    # helper-119: the broken pair is held back and its text, fence and all, leaves the page;
    # the script after it was code only while that text stood
    text = (FRONT + pair("abcde-101", "Texte.", "Text.") + '\n\n<span data-ttu-id="abcde-150">'
            "Voir <b>\n```\n</span>\n\n<script>alert(2)</script>\n\n```\n")
    published = run(article_of(text), None)
    assert published.text is not None and "<script>alert(2)" not in published.text


@pytest.mark.parametrize("translations", [
    # helper-120: a handler's name and its value in two texts side by side
    ("Voir ontoggle=", "alert(document.domain) !"),
    ("Voir ontoggle", "=alert(document.domain) !"),
    # helper-121: or its name cut ('onto' + 'ggle=…')
    ("Voir onto", "ggle=alert(document.domain) !"),
    ("Voir o", "ntoggle=alert(document.domain) !"),
])
def test_a_handler_split_over_two_translations_in_an_open_tag_is_held_back(
        translations: tuple[str, str]) -> None:
    text = (FRONT + "<details open " + pair("abcde-102", translations[0], "See")
            + pair("abcde-103", translations[1], "more.")
            + " >\n<summary>Details</summary>\n</details>\n")
    published = run(article_of(text), None)
    assert published.text is not None and "=alert(" not in published.text  # no handler's code


@pytest.mark.parametrize(("english", "translation"), [
    # helper-120: the English's own quoted value, then the verb's particle
    ('Set the value to ReadOnly="true".', 'Legen Sie den Wert auf ReadOnly="true" fest.'),
    ("Turn the setting on with Enabled='1'.", "Schalten Sie die Einstellung mit Enabled='1' ein."),
])
def test_a_quoted_value_the_english_has_is_no_tags_end(english: str, translation: str) -> None:
    published = run(article_of(FRONT + pair("abcde-102", translation, english) + "\n"), None)
    assert published.text is not None and translation in published.text


@pytest.mark.parametrize("translations", [
    # helper-120: a URL's scheme or 'www.' cut between two translations side by side
    ("Téléchargez le correctif sur w", "ww.evil.example/patch.exe avant de continuer."),
    ("Voir htt", "ps://evil.example/patch.exe ici."),
    ("Voir https", "://evil.example/patch.exe ici."),
    # helper-121: 'www' whole, a rest from 'p://', and an English about HTTP
    ("Téléchargez le correctif sur www", ".evil.example/patch.exe avant de continuer."),
    ("Voir htt", "p://evil.example/patch.exe ici."),
    ("Activez http", "s://evil.example/ est conseillé."),
])
def test_a_url_cut_within_its_scheme_between_two_translations_is_held_back(
        translations: tuple[str, str]) -> None:
    text = (FRONT + pair("abcde-102", translations[0], "Download the fix over HTTP")
            + pair("abcde-103", translations[1], "before you go on.") + "\n")
    published = run(article_of(text), None)
    assert published.text is not None  # (a host's name alone, with no scheme or 'www.', is text)
    assert "://evil" not in published.text and "www.evil" not in published.text.lower()


def test_a_tag_the_markup_opens_before_a_pair_and_finishes_after_it_is_published_inert() -> None:
    # helper-120: each stretch of markup alone holds no tag with a handler; read as one, with
    # the pair between them, they do
    text = (FRONT + "<details open " + pair("abcde-102", "Voir la suite", "See more")
            + " ontoggle=alert(document.domain)>\n<summary>x</summary>\n</details>\n")
    published = run(article_of(text), None)
    assert published.text is not None and "<details open" not in published.text
    assert "event-handler" in ids(published.findings)


@pytest.mark.parametrize(("english", "translation"), [
    # helper-121: no URL, no tag: a price before tax, a protocol, a translated display name, a
    # formula that starts a Japanese sentence
    ("Price: €100 before tax", "Prix : 100 € HT"),
    ("Protocol: File Transfer Protocol", "Protocole : FTP"),
    ('Set DisplayName="Sales Report".', 'Legen Sie DisplayName="Umsatzbericht" fest.'),
    ("Enter the formula =SUM(A1:A3).", "=SUM(A1:A3) という数式を入力します。"),
])
def test_plausible_translations_are_no_markup_left_open(english: str, translation: str) -> None:
    published = run(article_of(FRONT + pair("abcde-102", translation, english) + "\n"), None)
    assert published.text is not None and translation in published.text


_D, _E = "<details open ", ">\n<summary>x</summary>\n</details>\n"
_SPLIT = (pair("abcde-101", "Entrez ontoggle", "Enter")
          + pair("abcde-102", "=alert(document.domain)", "=SUM(A1:A3) in the cell."))


@pytest.mark.parametrize("body", [
    # helper-122: a tag the markup opens before a pair, read whole as the page writes it
    _D + pair("abcde-101", "Entrez ontoggle", "Enter")
    + pair("abcde-102", "=alert(document.domain)", "=SUM(A1:A3) in the cell.") + " " + _E,
    _D + pair("abcde-101", "Voir onto", "See") + pair("abcde-102", "ggle" + " " * 100
                                                       + "=alert(1)", "more") + " " + _E,
    _D + pair("abcde-101", "Voir", "See") + " " + pair("abcde-102", "la suite", "more")
    + " ontoggle=alert(1)" + _E,
    _D + 'title="a>b" ' + pair("abcde-101", "Voir la suite", "See more") + " ontoggle=alert(1)"
    + _E,
    _D + pair("abcde-101", "Voir la suite", "See more") + " ontoggle=alert(1)" + _E
    + "\n<script>alert(2)</script>\n",
    _D + "on" + pair("abcde-101", "", "") + "toggle=alert(1)" + _E,
    _D + pair("abcde-101", "Voir on", "See") + "toggle=alert(1)" + _E,
    _D + pair("abcde-101", "Voir ontoggle", "See") + "=" + pair("abcde-102", "alert(1)", "more")
    + _E,
    # helper-123: quotes in a name or an unquoted value, a '<' in a name, a tag inside a quoted
    # value, and an English that has another handler's name in its prose
    *(_D + before + _SPLIT + " " + _E for before in (
        "don't ", "x=a'b ", 'a"b ', "a< ", "data-x=1<2 ", 'title="Use <b> for bold" ')),
    _D + _SPLIT + " " + pair("abcde-103", "Définissez le gestionnaire.",
                             "Set the onclick= handler.") + _E,
    # helper-124: a '<' no page reads as a tag before it (a code span, a comment, a textarea,
    # a no-break space read as white space), and a handler's name in the English's value
    *(before + '<details open title=">" ' + _SPLIT + " " + _E for before in (
        'Use `<a title="` to start.\n\n', '<!-- <a title=" -->\n',
        '<div><textarea><img alt="</textarea>', '<div><b x=\u00a0"y>')),
    '<details open title="' + pair("abcde-101", 'Voir" ontoggle=alert(1) x',
                                   "Set the ontoggle= handler") + '"' + _E,
    # helper-125: a name right after a quoted value, and a value the English's name has not
    '<details open title="' + pair("abcde-101", 'Voir"ontoggle=alert(1) x', "See it") + '"' + _E,
    "<details open title='" + pair("abcde-101", "Voir'ontoggle=alert(1) x", "See it") + "'" + _E,
    _D + pair("abcde-101", "Voir/ontoggle=alert(1) x", "Set the ontoggle= handler") + _E,
])
def test_a_tag_open_over_pairs_gets_no_handler_on_the_page(body: str) -> None:
    published = run(article_of(FRONT + body), None)
    assert published.text is not None
    at = published.text.find("<details")
    tag = published.text[at:published.text.find(">\n", at)] if at >= 0 else ""
    names = re.sub(r"""=\s*("[^"]*"|'[^']*')""", "=", tag)  # (a value's text is no name)
    assert re.search(r"ontoggle\s*=\s*alert", names) is None, tag  # no live tag or handler


@pytest.mark.parametrize("opening", ["<img ", "<img alt=Don't "])  # (helper-123: a quote)
def test_a_tag_over_a_pair_keeps_the_englishs_host(opening: str) -> None:
    # helper-122: the English span inside the tag gives its attributes; the translation's
    # may not load from another host
    text = FRONT + opening + pair("abcde-101", 'src="https://evil.example/x.png" title="Logo"',
                                  'src="media/logo.png" title="Logo"') + ">\n"
    published = run(article_of(text), None)
    assert published.text is not None and "evil.example" not in published.text


@pytest.mark.parametrize("translation", [
    # helper-123: a host after a '//' the English has only elsewhere
    "//x@evil.example/x", "//3627733045/x", "//evil。example/x", "//evil%2Eexample/x",
    "//fileserver.contoso.com@evil.example/x",
])
def test_a_host_after_a_scheme_the_text_before_ends_with_is_held_back(translation: str) -> None:
    text = (FRONT + pair("abcde-101", "Utilisez https:", "Use HTTP or HTTPS.")
            + pair("abcde-102", translation, "Lines that start with // are comments, such as "
                   "//fileserver.contoso.com/docs.") + "\n")
    published = run(article_of(text), None)
    assert published.text is not None and "https:" + translation not in published.text


@pytest.mark.parametrize(("english", "translation"), [
    # helper-122: a '//' the English has, with no host after it
    ("Enter the share path, for example //fileserver/docs.",
     "//fileserver/docs のような共有パスを入力します。"),
    ("Lines that start with // are comments.", "//で始まる行はコメントです。"),
    ("A logo", "Un logo"),  # in '<img alt="…">': the tag has nothing its English's has not
])
def test_translations_that_start_with_a_slash_pair_or_stand_in_a_tag_are_published(
        english: str, translation: str) -> None:
    body = (f'<img src="a.png" alt="{pair("abcde-101", translation, english)}">'
            if english == "A logo" else pair("abcde-101", translation, english))
    published = run(article_of(FRONT + body + "\n"), None)
    assert published.text is not None and translation in published.text


@pytest.mark.parametrize("translation", ["Onglet = Général", "Puis onglet = Insertion"])
def test_a_word_that_starts_with_on_is_no_handler(translation: str) -> None:
    # helper-124: 'onglet' is French for a tab; a browser runs only an event's handler
    text = FRONT + '<img alt="' + pair("abcde-101", translation, "Tab = General") + '">\n'
    published = run(article_of(text), None)
    assert published.text is not None and translation in published.text


def test_an_event_a_browser_added_lately_is_a_handler() -> None:
    # helper-125: 'oncommand' is in no older list of events; an unknown 'on…=' is one
    text = (FRONT + pair("abcde-101", "Voir <details open ", "See <details open ")
            + pair("abcde-102", "oncommand=alert(1) x", "Click it") + " >\n")
    published = run(article_of(text), None)
    assert published.text is not None and "oncommand=alert" not in published.text


@pytest.mark.parametrize(("before", "translation"), [
    # helper-125: a comparison's '<b' is read as a tag over the pair; the French 'on', with no
    # value, runs nothing
    ("Use `a<b` to compare. ", "On peut comparer deux valeurs."),
    ("If a<b then ", "on garde a."),
])
def test_a_word_on_after_a_comparison_is_published(before: str, translation: str) -> None:
    text = FRONT + before + pair("abcde-101", translation, "You can compare two values.") + "\n"
    published = run(article_of(text), None)
    assert published.text is not None and translation in published.text


def test_a_catalog_judged_without_its_article_holds_back_a_value_as_publish_does() -> None:
    """A handoff package's counts (and tm-export) read the catalog alone: a title '- a' was
    counted held back (new-block), though the page publishes it (a front matter value is
    YAML, it opens no block). A title that shares its English with the heading is held back
    at the heading, and so still counted; a body sentence is, as ever."""
    from pipeline.catalog import Message
    from pipeline.publish import HeldBack

    held = HeldBack(DEFAULT, "fr-FR")
    title = Message("Install the tool", "- a", extracted_comments=(
        "5d48a-101", "front matter: title"))
    description = Message("How to install it.", "- b", extracted_comments=(
        "5d48a-102", "front matter: description", "handoff: HT 0123abcd"))
    shared = Message("Install the tool", "- a", extracted_comments=(
        "5d48a-101", "5d48a-103", "front matter: title"))
    body = Message("Open a terminal.", "- c", extracted_comments=("5d48a-104",))
    assert held(title) == () and held(description) == ()
    assert [c.id for c in held(shared)] == [c.id for c in held(body)] == ["new-block"]
    # a value's other checks still hold it back
    unsafe = replace(title, msgstr="<script>x</script>")
    assert held(unsafe) and "new-block" not in [c.id for c in held(unsafe)]
