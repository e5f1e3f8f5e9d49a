"""What a page shows as code (``pipeline.page_code``): a translation that ends the English's
code after it, its lines read as CommonMark reads them, whatever the quick looks spare."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import parse_article
from pipeline.page_code import opens_code

PAIR = ('<span data-ttu-id="abcde-1">T</span><span class="sxs-lookup">'
        '<span data-stu-id="abcde-1">English</span></span>')
CASES = [  # (text before the pair, after it, translation, whether English code is lost)
    ("```\n", "\n<div>\n", "Tr\n```", True),  # closes the fence the English leaves open
    ("", "\n====\n    <img src=x>\n", "Tr\n", True),  # the underline a paragraph over the code
    ("", "\n\n    code\n", "Tr\nsuite", False),  # a blank line keeps the code code
    ("", "\n\ntext\n", "Tr\n", False),  # no code after it at all
    ("    code\n\n", "\n", "Tr\n", False),  # code before it stays code
]


@pytest.mark.parametrize(("before", "after", "translation", "lost"), CASES,
                         ids=["fence closed", "setext underline", "blank line", "no code",
                              "code before"])
def test_a_translation_that_ends_the_englishs_code_after_it_is_seen(
        before: str, after: str, translation: str, lost: bool) -> None:
    article = parse_article("# T\n\n" + before + PAIR + after, "fr-FR/a.md")
    [seg] = article.segments
    assert opens_code(article, seg.start, seg.end, translation, seg.source) is lost


@pytest.mark.parametrize(("markup", "gone"), [
    ('> [!div `class="nextstepaction" onmouseover="alert(1)"`]\n> [Suite](next.md)', "[!div"),
    (':::image type="content" source="media/a.png" alt-text="Capture `" '
     'link="javascript:alert(1)" loc-scope="`":::', "javascript:"),
    ('Voir @"System.String?title=`x%22%20onmouseover%3D%22alert(1)%22`" ici.', '@"'),
    ('Voir **ceci**{title="`" onmouseover="alert(1)" lang="`"} ici.', '{title'),
    # h158: Markdig reads a quoted value to its closing quote, over a line break too
    ('Voir **ceci**{title="`\n" onmouseover="alert(1)" lang="`"} ici.', '{title'),
    # ... and a class run to white space or '}', a '{' in it and all
    ('Voir **ceci**{.a`{x onmouseover="alert(1)" y="`"} ici.', '{.a'),
], ids=["a section's attributes in backticks", "a directive's quoted values",
        "a cross reference's quoted title", "generic attributes' quoted values",
        "generic attributes' quoted value over a line break",
        "generic attributes' class run holding a brace"])
def test_backticks_in_a_docfx_directive_between_the_pairs_are_no_code(
        tmp_path: Path, markup: str, gone: str) -> None:
    """Review: DocFX reads a '[!div …]' to its first ']' and a ':::image' to its line's end
    before any code span: it strips a section's backticks and writes its attributes raw, and
    takes a directive's quoted values, an '@"uid"' shortcut and Markdig's generic attributes
    ('{title="`" onmouseover=…}') whole. Read as code, the
    markup between an sxs article's pairs was left alone: '<div onmouseover=…>' and
    '<a href="javascript:…">' on the page, exit 0, no finding."""
    assert _published(tmp_path, markup) == 1
    page = (tmp_path / "build" / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert gone not in page, page


def _published(tmp_path: Path, markup: str) -> int:
    """``locales``' exit code for an sxs article with ``markup`` between its two pairs."""
    from pipeline.cli import main

    content, out = tmp_path / "content", tmp_path / "build"
    (content / "fr-FR").mkdir(parents=True)
    front = ("---\nms.translationtype: HT\nms.contentlocale: fr-FR\nms.sourcegitcommit: "
             + "0" * 40 + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n"
             "---\n")
    (content / "fr-FR" / "a.md").write_text(
        front + PAIR + "\n\n" + markup + "\n\n" + PAIR.replace("-1", "-2") + "\n",
        encoding="utf-8")
    return main(["locales", "--content", str(content), "--locales", str(tmp_path / "locales"),
                 "--out", str(out), "-j", "1", "-q"])


@pytest.mark.parametrize("markup", [
    'Écrivez `$s = @"` puis `<b onclick="f()">` ici.',
    'Lancez `test [! -e x` puis `<b onclick="f()">` ici.',
    'Écrivez `:::image "` puis `<b onclick="f()">` ici.',
], ids=["a here-string's @\"", "a [! in code", "a ::: in code"])
def test_a_directive_opening_inside_a_code_span_holds_no_later_span(
        tmp_path: Path, markup: str) -> None:
    """h158: whichever starts first wins, as the page reads it: a '@"' (PowerShell's
    here-string), '[!' or ':::' inside a code span is code, and opens nothing that holds the
    code span after it. Read as an opening, the later span's markup was taken for live: the
    English's own sample held back, the page published with its markup made inert, exit 1."""
    assert _published(tmp_path, markup) == 0
    page = (tmp_path / "build" / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert markup in page, page


def test_a_backtick_in_a_reference_links_label_opens_no_code_span(tmp_path: Path) -> None:
    """h161: Markdig reads a full reference link's label from the raw text, as a destination,
    so its backtick is the label's and the backtick after it is a lone one: read as a code
    span over both, the handler between them was left alone, published live, exit 0."""
    markup = 'Voir [a][`] puis <b onclick="alert(1)">x</b> ici `.\n\n[`]: x.md'
    assert _published(tmp_path, markup) == 1
    page = (tmp_path / "build" / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert 'onclick="alert' not in page, page


_BITS = ["", "- ", "> ", "1. ", " ", "  ", "\t", "x", "text\n", "\n", "- a\n", "> q\n",
         "    code\n", "```\n", "  - b\n", "#"]


def test_a_line_that_can_open_no_code_on_a_page_with_none_is_judged_as_the_parse_does(
        ) -> None:
    """opens_code spares the page with the translation in place its reading where the page
    has no code and the translation's line has too little white space among its marks to be
    indented code: the answer is the reading's, on pages of every kind."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline import page_code

    texts = st.lists(st.sampled_from(_BITS), max_size=5).map("".join)

    @given(st.sampled_from(["# T\n\n", "    code\n\n", "\tx\n", "x\n", ""]), texts, texts,
           st.sampled_from([" ", "  ", "\t", "   ", " \t", " \n "]), texts)
    @settings(max_examples=400, deadline=None)
    def same(first: str, before: str, after: str, lead: str, rest: str) -> None:
        article = parse_article("---\ntitle: T\n---\n" + first + before + PAIR + after,
                                "fr-FR/a.md")
        if len(article.segments) != 1:
            return
        [seg] = article.segments
        tr = lead + "Tr" + rest
        quick = opens_code(article, seg.start, seg.end, tr, seg.source)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(page_code, "_may_indent", lambda line: True)
            assert opens_code(article, seg.start, seg.end, tr, seg.source) == quick

    same()
