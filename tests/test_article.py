"""Reading sxs articles: exact offsets, catalog forms, malformed pairs and hostile front matter.

Every article here is given as bytes and must come back byte for byte (``article.text.encode()``),
and the bilingual render with the article's own translations must be the article itself.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.article import Article, Segment, read_article
from pipeline.findings import InputError, Severity
from pipeline.render import Form, render

REL = "fr-FR/docs/article.md"


def pair(seg_id: str, tr: str, en: str, lookup_id: str | None = None) -> str:
    return (
        f'<span data-ttu-id="{seg_id}">{tr}</span><span class="sxs-lookup">'
        f'<span data-stu-id="{lookup_id or seg_id}">{en}</span></span>'
    )


def read(data: bytes | str, rel: str = REL, path: str | None = None) -> Article:
    """Read an article and check the invariants every article must keep."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    article = read_article(raw, rel, path)
    assert article.text.encode("utf-8") == raw
    assert render(article, Form.BILINGUAL).encode("utf-8") == raw
    return article


def read_error(data: bytes | str, rel: str = REL) -> InputError:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(InputError) as info:
        read_article(raw, rel)
    assert info.value.finding.severity is Severity.ERROR
    assert info.value.finding.file == rel
    return info.value


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``needle``, computed independently."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def check_offsets(article: Article, seg: Segment, tr_raw: str, en_raw: str) -> None:
    text = article.text
    assert text[seg.tr_start : seg.tr_end] == tr_raw
    assert text[seg.src_start : seg.src_end] == en_raw
    assert text[seg.start : seg.end] == pair(seg.id, tr_raw, en_raw, seg.lookup_id)
    assert (seg.line, seg.column) == article.line_of(seg.start)


# ------------------------------------------------------------------ pairs


def test_one_pair_becomes_one_segment_with_exact_offsets() -> None:
    text = "Intro " + pair("b5df6-103", "Bonjour le monde", "Hello world") + " fin.\n"
    article = read(text)
    assert article.problems == ()
    assert article.locale == "fr-FR"
    assert article.prefixes == ("b5df6",)
    [seg] = article.segments
    assert (seg.id, seg.lookup_id) == ("b5df6-103", "b5df6-103")
    assert (seg.translation, seg.source) == ("Bonjour le monde", "Hello world")
    assert (seg.start, seg.end) == (6, len(text) - len(" fin.\n"))
    assert (seg.line, seg.column) == (1, 7)
    assert (seg.tr_lead, seg.tr_trail, seg.tr_crlf) == ("", "", False)
    check_offsets(article, seg, "Bonjour le monde", "Hello world")


def test_several_pairs_on_one_line_each_have_their_own_column() -> None:
    pairs = [("b5df6-104", "Un.", "One."), ("b5df6-105", "Deux.", "Two."),
             ("b5df6-106", "Trois.", "Three.")]
    line = " ".join(pair(*p) for p in pairs)
    text = "# Titre\n\n" + line + "\n"
    article = read(text)
    assert [s.id for s in article.segments] == [p[0] for p in pairs]
    for seg, (seg_id, tr, en) in zip(article.segments, pairs, strict=True):
        assert (seg.line, seg.column) == position(text, f'<span data-ttu-id="{seg_id}"')
        assert seg.line == 3
        check_offsets(article, seg, tr, en)
    assert article.segments[1].column == len(pair(*pairs[0])) + 2


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param('# <a name="add-a-logo"></a>', "\n", id="heading-after-anchor"),
        pytest.param("1. ", "\n", id="list-item"),
        pytest.param("- ", "  \n", id="bullet-with-hard-break"),
        pytest.param("| `x` | ", " |\n", id="table-cell"),
        pytest.param("> [!NOTE]\n> ", "\n", id="blockquote-note"),
        pytest.param("[", "](https://example.com/a?b=c)\n", id="link-text"),
        pytest.param("![", "](media/logo.png)\n", id="image-alt"),
        pytest.param("<table><tr><td>", "</td></tr></table>\n", id="inside-td"),
        pytest.param("    ", "\n", id="indented-block"),
    ],
)
def test_pair_in_markdown_context_keeps_the_context_as_skeleton(before: str, after: str) -> None:
    tr, en = "Ouvrez **Paramètres** &gt; `Logo`.", "Open **Settings** &gt; `Logo`."
    text = "Texte.\n\n" + before + pair("b5df6-103", tr, en) + after
    article = read(text)
    [seg] = article.segments
    assert (seg.translation, seg.source) == (tr, en)
    assert (seg.line, seg.column) == position(text, "<span data-ttu-id=")
    check_offsets(article, seg, tr, en)
    assert render(article, Form.LOCALIZED) == "Texte.\n\n" + before + tr + after
    assert render(article, Form.SOURCE) == "Texte.\n\n" + before + en + after


def test_inline_markup_and_entities_inside_spans_are_kept_verbatim() -> None:
    tail = '<br>&#40;<kbd>Ctrl</kbd>&#41; [!INCLUDE [n](n.md)] ![i](i.png "t")'
    tr = 'Voir <xref:Foo.Bar> et <a href="x.md">ceci</a>' + tail
    en = 'See <xref:Foo.Bar> and <a href="x.md">this</a>' + tail
    article = read(pair("b5df6-103", tr, en) + "\n")
    [seg] = article.segments
    assert (seg.translation, seg.source) == (tr, en)
    check_offsets(article, seg, tr, en)


def test_nested_span_inside_the_english_side_does_not_end_the_pair_early() -> None:
    tr = 'Le <span class="x">bouton</span>'
    en = 'The <span class="x">button</span>'
    text = pair("b5df6-103", tr, en) + " " + pair("b5df6-104", "Fin.", "End.") + "\n"
    article = read(text)
    assert [(s.translation, s.source) for s in article.segments] == [(tr, en), ("Fin.", "End.")]
    assert article.problems == ()
    check_offsets(article, article.segments[0], tr, en)


def test_multi_line_span_with_lf_keeps_its_newline_and_starts_on_its_first_line() -> None:
    tr, en = "Ligne un\nligne deux", "Line one\nline two"
    text = "a\n\n" + pair("b5df6-103", tr, en) + "\n" + pair("b5df6-104", "Après", "After") + "\n"
    article = read(text)
    first, second = article.segments
    assert (first.translation, first.source, first.tr_crlf) == (tr, en, False)
    assert (first.line, second.line) == (3, 6)  # the pair itself holds two newlines
    check_offsets(article, first, tr, en)


def test_multi_line_span_with_crlf_is_lf_in_catalog_form_and_flagged() -> None:
    tr, en = "Ligne un\r\nligne deux\r\nligne trois", "Line one\r\nline two\r\nline three"
    text = "a\r\n" + pair("b5df6-103", tr, en) + "\r\n"
    article = read(text)
    [seg] = article.segments
    assert seg.translation == "Ligne un\nligne deux\nligne trois"
    assert seg.source == "Line one\nline two\nline three"
    assert seg.tr_crlf is True
    assert (seg.line, seg.column) == (2, 1)
    check_offsets(article, seg, tr, en)
    assert render(article, Form.LOCALIZED) == "a\r\n" + tr + "\r\n"


def test_span_mixing_crlf_and_lf_is_not_normalised() -> None:
    tr = "un\r\ndeux\ntrois"
    article = read(pair("b5df6-103", tr, "one\r\ntwo\nthree") + "\n")
    [seg] = article.segments
    assert (seg.translation, seg.source, seg.tr_crlf) == (tr, "one\r\ntwo\nthree", False)


def test_edge_whitespace_runs_with_a_newline_move_to_lead_and_trail() -> None:
    tr, en = "\r\n   Texte   \n  ", "\n  Text\n"
    article = read("[" + pair("b5df6-103", tr, en) + "](x.md)\n")
    [seg] = article.segments
    assert (seg.tr_lead, seg.translation, seg.tr_trail) == ("\r\n   ", "Texte", "   \n  ")
    assert seg.source == "Text"
    assert seg.tr_crlf is False
    assert render(article, Form.LOCALIZED) == "[" + tr + "](x.md)\n"


def test_spaces_at_span_edges_without_a_newline_stay_in_the_catalog_form() -> None:
    tr, en = "  Texte\t", " Text "
    article = read("| " + pair("b5df6-103", tr, en) + " |\n")
    [seg] = article.segments
    assert (seg.tr_lead, seg.translation, seg.tr_trail) == ("", tr, "")
    assert seg.source == en


def test_crlf_front_matter_lines_with_lf_dash_lines_as_in_older_files() -> None:
    front = (
        "---\n"
        "title: Ajouter un logo\r\n"
        "ms.date: 09/20/2019\r\n"
        "ms.translationtype: HT\r\n"
        "ms.contentlocale: fr-fr\r\n"
        "---\n"
    )
    text = front + "# " + pair("2ab04-102", "Titre", "Title") + "\r\n"
    article = read(text)
    assert article.body_start == len(front)
    assert dict(article.meta) == {
        "title": "Ajouter un logo", "ms.date": "09/20/2019", "ms.translationtype": "HT",
        "ms.contentlocale": "fr-fr",
    }
    assert dict(article.meta_lines) == {
        "title": 2, "ms.date": 3, "ms.translationtype": 4, "ms.contentlocale": 5,
    }
    [seg] = article.segments
    assert (seg.line, seg.column) == (7, 3)


def test_mixed_crlf_and_lf_lines_count_every_newline_once() -> None:
    text = (
        "---\ntitle: T\n---\n"
        "# A\r\n\r\n"
        + pair("b5df6-103", "Un", "One") + "\n"
        + "\r\n"
        + "x " + pair("b5df6-104", "Deux", "Two") + "\r\n"
    )
    article = read(text)
    assert [(s.line, s.column) for s in article.segments] == [(6, 1), (8, 3)]
    assert article.line_of(len(text)) == (9, 1)


def test_file_without_final_newline_round_trips() -> None:
    text = "# T\n\n" + pair("b5df6-103", "Dernier", "Last")
    article = read(text)
    [seg] = article.segments
    assert seg.end == len(text)
    assert render(article, Form.LOCALIZED) == "# T\n\nDernier"


def test_no_break_spaces_and_bidi_and_zero_width_marks_are_kept_everywhere() -> None:
    tr = "\u200fاضغط\u00a0**حفظ**\u200e\u202c"
    en = "Press\u00a0**Save**\u200b"
    text = "\u200f# \u00a0" + pair("2ab04-103", tr, en) + "\u00a0\u200f  \n"
    article = read(text)
    [seg] = article.segments
    assert (seg.translation, seg.source) == (tr, en)
    assert (seg.line, seg.column) == (1, 5)
    check_offsets(article, seg, tr, en)
    assert render(article, Form.LOCALIZED) == "\u200f# \u00a0" + tr + "\u00a0\u200f  \n"


def test_empty_english_side_with_a_lone_anchor_is_a_segment() -> None:
    tr = '<a name="overview"></a>'
    text = "## " + pair("7d3f0-102", tr, "") + "Vue d'ensemble\n"
    article = read(text)
    [seg] = article.segments
    assert (seg.translation, seg.source) == (tr, "")
    assert seg.src_start == seg.src_end
    assert render(article, Form.SOURCE) == "## Vue d'ensemble\n"
    assert render(article, Form.LOCALIZED) == "## " + tr + "Vue d'ensemble\n"


def test_empty_translation_and_english_is_a_segment() -> None:
    article = read("<td>" + pair("7d3f0-106", "", "") + "</td>\n")
    [seg] = article.segments
    assert (seg.translation, seg.source, seg.tr_start, seg.tr_end) == ("", "", 34, 34)


def test_ttu_and_stu_id_mismatch_is_a_segment_carrying_both_ids() -> None:
    text = pair("b5df6-103", "Oui", "Yes", lookup_id="b5df6-104") + "\n"
    article = read(text)
    [seg] = article.segments
    assert (seg.id, seg.lookup_id) == ("b5df6-103", "b5df6-104")
    assert (seg.translation, seg.source) == ("Oui", "Yes")
    assert article.problems == ()


def test_p_ids_of_merged_sentences_are_ordinary_ids() -> None:
    article = read(pair("b5df6-p103", "Un. Deux.", "One. Two.") + "\n")
    assert [s.id for s in article.segments] == ["b5df6-p103"]
    assert article.prefixes == ("b5df6",)


# ------------------------------------------------------------------ malformed pairs


def test_quote_escaped_attribute_is_reported_at_its_span_and_stays_skeleton() -> None:
    broken = (
        '<span data-ttu-id="18c18-207&quot;>Texte cassé</span><span class="sxs-lookup">'
        '<span data-stu-id="18c18-207&quot;>Broken text</span></span>'
    )
    text = "# T\n\nAvant. " + broken + " " + pair("18c18-208", "Après.", "After.") + "\n"
    article = read(text, path="content/fr-FR/x.md")
    [seg] = article.segments
    assert seg.id == "18c18-208"
    checks = [(p.check, p.line, p.column, p.file) for p in article.problems]
    assert checks[0] == ("malformed-span", 3, 8, "content/fr-FR/x.md")
    assert ("malformed-span", *position(text, "<span data-ttu-id")) == checks[0][:3]
    # the lookup half of the broken pair has no translation span the scanner accepted
    assert checks[1:] == [("unpaired-lookup", *position(text, '<span class="sxs-lookup">'),
                           "content/fr-FR/x.md")]
    assert all(p.severity is Severity.ERROR for p in article.problems)
    localized = render(article, Form.LOCALIZED)
    assert localized == "# T\n\nAvant. " + broken + " Après.\n"


def test_translation_without_lookup_is_unpaired_at_its_position() -> None:
    text = "a\n  b <span data-ttu-id=\"x1234-5\">Seul</span> c\n" + pair("x1234-6", "B", "B") + "\n"
    article = read(text)
    assert [s.id for s in article.segments] == ["x1234-6"]
    [problem] = article.problems
    assert (problem.check, problem.line, problem.column, problem.segment) == (
        "unpaired-translation", 2, 5, "x1234-5")
    assert render(article, Form.LOCALIZED).startswith('a\n  b <span data-ttu-id="x1234-5">Seul')


def test_lookup_without_translation_is_unpaired_at_its_position() -> None:
    text = (
        "a\n\n   Seul<span class=\"sxs-lookup\"><span data-stu-id=\"x1234-5\">Alone</span></span>\n"
        + pair("x1234-6", "B", "B") + "\n"
    )
    article = read(text)
    assert [s.id for s in article.segments] == ["x1234-6"]
    [problem] = article.problems
    assert (problem.check, problem.line, problem.column) == ("unpaired-lookup", 3, 8)


@pytest.mark.parametrize("followed", [True, False], ids=["pair-follows", "end-of-file"])
def test_unclosed_lookup_is_reported_at_the_lookup_and_text_preserved(followed: bool) -> None:
    text = (
        "# T\n\n"
        '<span data-ttu-id="x1234-5">Texte</span><span class="sxs-lookup">'
        '<span data-stu-id="x1234-5">Text\n\nmore text'
    )
    if followed:
        text += "\n\n" + pair("x1234-6", "B", "B") + "\n"
    article = read(text)
    assert [s.id for s in article.segments] == (["x1234-6"] if followed else [])
    [problem] = article.problems
    assert (problem.check, problem.segment) == ("unclosed-span", "x1234-5")
    assert (problem.line, problem.column) == position(text, '<span class="sxs-lookup">') == (3, 41)



@pytest.mark.parametrize("side", ["translation", "english"])
@pytest.mark.parametrize("inner", [1, 2])
def test_a_pair_nested_in_a_span_is_reported_there_and_the_whole_kept_as_it_is(
    side: str, inner: int
) -> None:
    # The inner pairs are whole, but they sit inside another pair's span: rendering them
    # would rewrite the middle of a broken pair on the page. The whole is skeleton, kept as
    # delivered, and one finding names the place and the remedy.
    held = " ".join(pair(f"x1234-{9 + i}", f"dans{i}", f"in{i}") for i in range(inner))
    tr, en = ("Deux " + held + ".", "Two.") if side == "translation" else (
        "Deux.", "Two\n" + held + ".")
    outer = pair("x1234-5", tr, en)
    text = "# T\n\n" + pair("x1234-4", "Un.", "One.") + " " + outer + " " + pair(
        "x1234-6", "Trois.", "Three.") + "\n\n" + pair("x1234-7", "Quatre.", "Four.") + "\n"
    article = read(text)
    assert [s.id for s in article.segments] == ["x1234-4", "x1234-6", "x1234-7"]
    [problem] = article.problems
    assert (problem.check, problem.segment) == ("nested-span", "x1234-5")
    assert (problem.line, problem.column) == position(text, '<span data-ttu-id="x1234-9">')
    assert "holds the pair x1234-9" in problem.message
    page = render(article, Form.LOCALIZED)
    assert page == "# T\n\nUn. " + outer + " Trois.\n\nQuatre.\n"


def test_a_broken_span_does_not_take_in_the_pairs_of_the_next_paragraph() -> None:
    # an unclosed translation span, then whole pairs, then a lone lookup further on: a pair
    # never runs across a blank line, so the pairs between stand on their own
    text = ('<span data-ttu-id="x1234-5">Deux.\n\n' + pair("x1234-6", "Trois.", "Three.")
            + ' </span><span class="sxs-lookup"><span data-stu-id="x1234-5">Two.</span></span>\n')
    article = read(text)
    assert [s.id for s in article.segments] == ["x1234-6"]
    assert [p.check for p in article.problems] == ["unpaired-translation", "unpaired-lookup"]


@pytest.mark.parametrize("broken", [
    pytest.param('<SPAN data-ttu-id="x1234-5">Deux.</SPAN><SPAN class="sxs-lookup">'
                 '<SPAN data-stu-id="x1234-5">Two.</SPAN></SPAN>', id="upper-case"),
    pytest.param('Deux. <span data-stu-id="x1234-5">Two.</span>', id="lone-english-span"),
    pytest.param('<span  data-ttu-id="x1234-5">Deux.</span><span class="sxs-lookup">'
                 '<span data-stu-id="x1234-5">Two.</span></span>', id="two-spaces"),
    pytest.param('<span lang="fr" data-ttu-id="x1234-5">Deux.</span><span class="sxs-lookup">'
                 '<span data-stu-id="x1234-5">Two.</span></span>', id="attribute-first"),
    pytest.param('<span\ndata-ttu-id="x1234-5">Deux.</span><span class="sxs-lookup">'
                 '<span data-stu-id="x1234-5">Two.</span></span>', id="line-break"),
])
def test_span_markup_written_otherwise_is_reported_where_it_starts(broken: str) -> None:
    # Before: upper-case spans or a lone English span passed over in silence (both words on
    # the page), and a translation span written otherwise was named only at its lookup.
    text = "# T\n\n" + pair("x1234-4", "Un.", "One.") + " " + broken + "\n"
    article = read(text)
    assert [s.id for s in article.segments] == ["x1234-4"]
    found = [(p.check, p.line, p.column) for p in article.problems]
    at = text.index("<", text.index(" ", text.index("</span></span>")))
    before = text[:at]
    assert ("malformed-span", before.count("\n") + 1, at - before.rfind("\n")) in found


def test_a_pair_whose_translation_span_is_escaped_is_one_finding_not_two() -> None:
    # the MT escape of 2 corpus files: the lookup is escaped too, and named with its pair
    text = ('<span data-ttu-id="18c18-207&quot;>Deux.</span><span class=&quot;sxs-lookup&quot;>'
            '<span data-stu-id=&quot;18c18-207&quot;>Two.</span></span>\n')
    assert [p.check for p in read(text).problems] == ["malformed-span"]

# ------------------------------------------------------------------ front matter


def test_article_without_front_matter_has_empty_meta() -> None:
    text = "# T\n\n---\n\n" + pair("b5df6-103", "A", "B") + "\n"
    article = read(text)
    assert (article.body_start, dict(article.meta), dict(article.meta_lines)) == (0, {}, {})
    assert article.segments[0].line == 5


def test_empty_front_matter_is_no_metadata() -> None:
    text = "---\n---\n" + pair("b5df6-103", "A", "B")
    article = read(text)
    assert (article.body_start, dict(article.meta)) == (8, {})


def test_front_matter_values_are_read_as_strings_never_constructed() -> None:
    text = textwrap.dedent("""\
        ---
        title: Ajouter un logo
        ms.date: 04/15/2021
        ms.locfileid: "51829734"
        ms.openlocfilehash: 0123456789
        ms.custom: [seo, intro]
        keywords:
          - a
          - b
        robots: true
        empty:
        ---
        corps
        """)
    article = read(text)
    assert dict(article.meta) == {
        "title": "Ajouter un logo", "ms.date": "04/15/2021", "ms.locfileid": "51829734",
        "ms.openlocfilehash": "0123456789", "ms.custom": None, "keywords": None,
        "robots": "true", "empty": "",
    }
    assert dict(article.meta_lines) == {
        "title": 2, "ms.date": 3, "ms.locfileid": 4, "ms.openlocfilehash": 5, "ms.custom": 6,
        "keywords": 7, "robots": 10, "empty": 11,
    }
    assert article.body_start == text.index("corps")


def test_unclosed_front_matter_is_an_error_on_line_1() -> None:
    error = read_error("---\ntitle: T\n\n# Body\n")
    assert (error.finding.check, error.finding.line, error.finding.column) == (
        "front-matter", 1, 1)
    assert "not closed" in error.finding.message


def test_duplicate_front_matter_key_is_an_error_at_the_second_key() -> None:
    error = read_error("---\ntitle: A\nms.date: 1\r\ntitle: B\n---\n")
    assert (error.finding.check, error.finding.line, error.finding.column) == (
        "front-matter", 4, 1)
    assert "title" in error.finding.message and "line 2" in error.finding.message


def test_front_matter_that_is_not_a_mapping_is_an_error() -> None:
    error = read_error("---\n- a\n- b\n---\n")
    assert (error.finding.check, error.finding.line) == ("front-matter", 2)


def test_invalid_yaml_is_an_error_at_its_line() -> None:
    error = read_error("---\ntitle: A\nms.date: [1, 2\nauthor: x\n---\n")
    assert error.finding.check == "front-matter"
    # at the '[' left open, not where the parser noticed it (line 4 or 5)
    assert (error.finding.line, error.finding.column) == (3, 10)
    assert "a '[' that is not closed with ']' on its line" in error.finding.message


PYTHON_TAG = "---\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n---\n# T\n"


def test_python_object_tag_executes_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    data = PYTHON_TAG.format(marker=marker).encode()
    try:
        article = read_article(data, REL)
    except InputError as exc:
        assert exc.finding.check == "front-matter"
    else:
        assert article.text.encode() == data
        assert article.meta.get("title") in (None, "")
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object:os.Foo",
                                 "!!python/name:os.system"])
def test_python_object_tag_is_refused_at_its_line(tag: str, tmp_path: Path) -> None:
    error = read_error(f"---\nauthor: me\ntitle: {tag} [x]\n---\n# T\n")
    assert (error.finding.check, error.finding.line, error.finding.column) == (
        "front-matter", 3, 8)


def test_non_standard_local_tag_is_refused_at_its_line() -> None:
    error = read_error("---\nauthor: me\ntitle: !custom x\n---\n")
    assert (error.finding.check, error.finding.line, error.finding.column) == (
        "front-matter", 3, 8)


def test_ordinary_anchor_and_alias_are_read() -> None:
    article = read("---\na: &x Valeur\nb: *x\n---\n")
    assert dict(article.meta) == {"a": "Valeur", "b": "Valeur"}


def _alias_bomb(levels: int = 9) -> str:
    names = "abcdefghijklmnop"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*{names[i - 1]}"] * 9)
        lines.append(f"{names[i]}: &{names[i]} [{refs}]")
    return "---\n" + "\n".join(lines) + "\n---\n# T\n"


_BOMB_CHILD = """
import sys, time
from pipeline.article import read_article
from pipeline.findings import InputError
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    read_article(data, "fr-FR/bomb.md")
except InputError:
    pass
print(time.perf_counter() - start)
"""


def test_alias_bomb_is_refused_or_read_within_a_second(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.md"
    bomb.write_text(_alias_bomb(), encoding="utf-8")
    # A child process, so that a runaway read is killed instead of hanging the suite.
    try:
        proc = subprocess.run([sys.executable, "-c", _BOMB_CHILD, str(bomb)],
                              capture_output=True, text=True, timeout=4, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("reading the alias bomb took more than 4 s (killed)")
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) < 1.0


def test_small_alias_fan_out_is_read_quickly() -> None:
    start = time.perf_counter()
    try:
        read_article(_alias_bomb(levels=3).encode(), REL)
    except InputError as exc:
        assert exc.finding.check == "front-matter"
    assert time.perf_counter() - start < 1.0


def test_deep_flow_nesting_is_refused_without_recursion_error() -> None:
    deep = "---\ntitle: " + "[" * 10000 + "]" * 10000 + "\n---\n# T\n"
    start = time.perf_counter()
    error = read_error(deep)  # a RecursionError escaping would fail here
    assert error.finding.check == "front-matter"
    assert error.finding.line == 2
    assert time.perf_counter() - start < 1.0


def test_deep_block_nesting_is_refused_without_recursion_error() -> None:
    deep = "---\ntitle: T\nlist:\n" + "- " * 10000 + "x\n---\n"
    error = read_error(deep)
    assert error.finding.check == "front-matter"


def test_front_matter_nesting_within_the_limit_is_read() -> None:
    article = read("---\nms.custom: " + "[" * 20 + "x" + "]" * 20 + "\ntitle: T\n---\n")
    assert dict(article.meta) == {"ms.custom": None, "title": "T"}


# Regression: HEAD took YAML's line numbers, which also break at U+2028, U+0085, lone CR.
@pytest.mark.parametrize("mark", ["\u2028", "\u0085"], ids=["U+2028", "U+0085"])
def test_meta_lines_count_only_newlines_as_the_article_does(mark: str) -> None:
    text = f"---\ntitle: 'Titre{mark}suite'\nms.date: 04/15/2021\n---\n"
    article = read(text)  # (YAML itself may fold the mark inside the value: not our subject)
    assert article.meta_lines["ms.date"] == 3 == position(text, "ms.date")[0]


# Regression: HEAD reported YAML reader errors at line 2, column 1.
def test_control_character_in_front_matter_is_reported_at_its_line() -> None:
    error = read_error("---\ntitle: T\nauthor: me\ndescription: a\x1bb\n---\n")
    assert (error.finding.check, error.finding.line) == ("front-matter", 4)


# ------------------------------------------------------------------ bytes


def test_invalid_utf8_is_an_encoding_error_with_its_line() -> None:
    data = b"---\ntitle: T\n---\n# T\n\nabc \xff def\n"
    error = read_error(data)
    assert (error.finding.check, error.finding.line, error.finding.column) == ("encoding", 6, 5)
    assert "0xff" in error.finding.message


def test_the_column_of_invalid_utf8_counts_the_characters_before_it_not_bytes() -> None:
    """helper-134: the column counted bytes, so each accented letter before the bad byte
    moved it one further than the character columns of every other finding and of SARIF's
    ``columnKind`` (``unicodeCodePoints``): 'Étape éé \\xe9' said 13, the byte is the 10th."""
    error = read_error("# T\n\nÉtape éé 😀 ".encode() + b"\xe9\n")
    assert (error.finding.line, error.finding.column) == (3, 12)


def test_truncated_utf8_sequence_at_end_of_file_is_an_encoding_error() -> None:
    error = read_error(b"# T\n\n" + "é".encode()[:1])
    assert (error.finding.check, error.finding.line) == ("encoding", 3)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_is_an_encoding_error_on_line_1(encoding: str) -> None:
    data = "---\ntitle: T\n---\n".encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = ("\ufeff" + "---\ntitle: T\n---\n").encode(encoding)
    error = read_error(data)
    assert (error.finding.check, error.finding.line, error.finding.column) == ("encoding", 1, 1)
    assert "UTF-16" in error.finding.message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_named_utf32_with_the_conversion_that_fits(encoding: str) -> None:
    # it was called UTF-16, and the hint's `iconv -f UTF-16` made a garbled file of it
    error = read_error("---\ntitle: T\n---\n# Hello\n".encode(encoding))
    assert (error.finding.check, error.finding.line) == ("encoding", 1)
    assert "UTF-32" in error.finding.message and error.finding.hint is not None
    assert "iconv -f UTF-32 -t UTF-8" in error.finding.hint


def test_utf16_without_byte_order_mark_is_an_encoding_error_on_line_1() -> None:
    error = read_error("---\ntitle: T\n---\n".encode("utf-16-le"))
    assert (error.finding.check, error.finding.line) == ("encoding", 1)


def test_a_utf8_byte_order_mark_is_kept_and_the_front_matter_read_after_it() -> None:
    data = ("\ufeff---\ntitle: T\n---\n"
            '<span data-ttu-id="a1b2c-101">Bonjour.</span><span class="sxs-lookup">'
            '<span data-stu-id="a1b2c-101">Hello.</span></span>\n').encode()
    article = read_article(data, REL)
    assert article.text.encode() == data
    assert article.meta == {"title": "T"}
    assert [(s.source, s.translation) for s in article.segments] == [("Hello.", "Bonjour.")]


@pytest.mark.parametrize(("data", "column"), [
    (b"# T\n\nab\x00c\n", 3),
    ("# T\n\n\u4e2d\u6587\x00c\n".encode(), 3),  # found in the bytes, placed in characters
])
def test_nul_byte_is_an_encoding_error_at_its_line_and_column(data: bytes, column: int) -> None:
    error = read_error(data)
    assert (error.finding.check, error.finding.line, error.finding.column) == (
        "encoding", 3, column)


def test_a_segment_is_immutable_and_compares_by_value() -> None:
    seg = Segment("a-101", "a-101", "Hello", "Bonjour", 0, 10, 1, 2, 3, 4, 1, 1)
    with pytest.raises(AttributeError):
        seg.translation = "Salut"  # type: ignore[misc]
    assert seg == Segment("a-101", "a-101", "Hello", "Bonjour", 0, 10, 1, 2, 3, 4, 1, 1)
    assert (seg.tr_lead, seg.tr_trail, seg.tr_crlf) == ("", "", False)
    assert seg._replace(translation="Salut").translation == "Salut"
    assert hash(seg) == hash(seg._replace())


def test_front_matter_closed_by_yamls_document_end_is_front_matter() -> None:
    """DocFX closes front matter at '...' as at '---': so does ``segment --format sxs``'s
    output, which must read back."""
    data = b"---\ntitle: Good title\n...\n\nBody text.\n"
    article = read_article(data, "fr-FR/a.md", "a.md")
    assert article.meta["title"] == "Good title"
    assert article.body_start == data.index(b"\n\nBody")  + 1
    assert render(article, Form.BILINGUAL).encode() == data


def test_a_file_whose_lines_end_with_a_carriage_return_alone_is_an_encoding_error() -> None:
    """helper-46: classic Mac OS line ends hid the front matter, and with it the translation
    type: a machine translation was taken for a human one."""
    error = read_error(b"---\rms.translationtype: MT\r---\r# T\r")
    assert (error.finding.check, error.finding.line, error.finding.column) == ("encoding", 1, 4)
    assert "a carriage return (CR) that is not followed by a line feed" in error.finding.message


def test_a_carriage_return_alone_inside_a_line_feed_file_is_text() -> None:
    data = b"---\ntitle: T\n---\nA table\rcell\r\n"  # 176 corpus handoffs hold one
    assert read_article(data, REL).text.encode() == data


@pytest.mark.parametrize("opener", ["--- ", "---\t", "---  "])
def test_front_matter_opened_with_trailing_white_space_is_front_matter(opener: str) -> None:
    """35 corpus handoffs open '--- ': their front matter (and translation type) went unread,
    and once a missing type counted as machine translation, they did (helper-47)."""
    data = (f"{opener}\r\nms.translationtype: HT\r\n---\r\n"
            '<span data-ttu-id="a1b2c-101">Bonjour.</span><span class="sxs-lookup">'
            '<span data-stu-id="a1b2c-101">Hello.</span></span>\r\n').encode()
    article = read_article(data, REL)
    assert article.meta == {"ms.translationtype": "HT"} and article.text.encode() == data
    assert [s.source for s in article.segments] == ["Hello."]


@pytest.mark.parametrize("opener", [b"---\r", b"--- \r", b"---\t\r"])
def test_front_matter_opened_with_a_carriage_return_alone_is_refused(opener: bytes) -> None:
    error = read_error(opener + b"ms.translationtype: MT\r---\r# T\r")
    assert (error.finding.check, error.finding.line) == ("encoding", 1)
