"""The segmenter's parts, table-driven: blocks, inline constructs, emphasis, sentences, slugs,
and the source ranges a segment maps back to."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.findings import Severity
from pipeline.segment import docfx, segment, segment_bytes
from pipeline.segment.anchors import page_ids, slug
from pipeline.segment.blocks import scan_blocks
from pipeline.segment.emphasis import resolve
from pipeline.segment.inline import AtomKind, atoms
from pipeline.segment.model import Kind
from pipeline.segment.sentences import split


def kinds(text: str) -> list[str]:
    return [b.kind.value for b in scan_blocks(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a\nb\n\nc\n", ["paragraph", "paragraph"]),
    ("# h\ntext\n", ["heading", "paragraph"]),
    ("text\n===\n", ["heading"]),
    ("```\ncode\n```\ntext\n", ["code", "paragraph"]),
    ("    code\n\ntext\n", ["code", "paragraph"]),
    ("text\n    not code: a continuation\n", ["paragraph"]),
    ("> [!NOTE]\n> text\n", ["directive", "paragraph"]),
    ("[!INCLUDE[a](b.md)]\ntext\n", ["directive", "paragraph"]),
    ("::: zone pivot=\"x\"\ntext\n::: zone-end\n", ["directive", "paragraph", "directive"]),
    ("|a|b|\n|-|-|\n|c|d|\n", ["table"]),
    ("text\n|a|b|\n|-|-|\n", ["paragraph", "table"]),
    ("<table>\n<tr><td>x</td></tr>\n</table>\n\ntext\n", ["html", "paragraph"]),
    ("- a\n- b\n\n  c\n", ["paragraph", "paragraph", "paragraph"]),
    ("***\ntext\n---\n", ["heading"]),  # a thematic break, then a setext heading
    # inline DocFX syntax at a line's start is text, not a directive
    (':::no-loc text="Azure DevOps"::: lets you plan.\n', ["paragraph"]),
    ('Select\n:::image type="icon" source="g.png"::: and then\nselect.\n', ["paragraph"]),
    (':::image type="content" source="a.png" alt-text="A":::\n', ["directive"]),
    (':::image type="content" source="a.png" alt-text="A":::.\n', ["directive"]),
    ("[!INCLUDE[a](a.md)] works with [!INCLUDE[b](b.md)]\n", ["paragraph"]),
    ("[!INCLUDE [a](a.md)]\n", ["directive"]),
])
def test_blocks_are_found_as_commonmark_and_docfx_read_them(text: str,
                                                             expected: list[str]) -> None:
    assert kinds(text) == expected


def test_block_lines_are_source_ranges_without_container_prefixes() -> None:
    text = "> quoted\n> more\n\n1. item\n   lazy\n"
    blocks = scan_blocks(text)
    assert [[text[a:b] for a, b in blk.lines] for blk in blocks] == [
        ["quoted", "more"], ["item", "lazy"]]
    assert blocks[0].quoted and not blocks[1].quoted


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert kinds("```\nnever closed\n\ntext\n") == ["code"]


@pytest.mark.parametrize(("text", "kind"), [
    ("`a. b`", AtomKind.CODE),
    ("[a. b](c.md)", AtomKind.LINK),
    ("![a. b](c.png)", AtomKind.IMAGE),
    ("[!INCLUDE[a. b](c.md)]", AtomKind.INCLUDE),
    ("https://example.com/a.b", AtomKind.URL),
    ("<https://example.com/a.b>", AtomKind.URL),
    ('<a href="x. y">', AtomKind.TAG),
    ("**a. b**", AtomKind.STRONG),
])
def test_inline_constructs_are_single_atoms(text: str, kind: AtomKind) -> None:
    found = atoms(text)
    assert [(a.kind, a.start, a.end) for a in found] == [(kind, 0, len(text))]


def test_a_bracket_alone_is_text_not_a_link() -> None:
    assert atoms("[NOTE!] text") == []


@pytest.mark.parametrize(("text", "pairs", "literal"), [
    ("**a** b", [(0, 2, 3, 5)], []),
    ("a * b", [], [2]),
    ("(*)", [], [1]),
    ("** *x* **", [(3, 4, 5, 6)], [0, 1, 7, 8]),
    ("snake_case_name", [], [5, 10]),
    ("__x_", [(1, 2, 3, 4)], [0]),
])
def test_emphasis_is_resolved_as_commonmark_does(text: str, pairs: list[tuple[int, ...]],
                                                 literal: list[int]) -> None:
    assert resolve(text, [False] * len(text)) == (pairs, literal)


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two? Three! Four… Five", ["One.", "Two?", "Three!", "Four…", "Five"]),
    ("Ends. lowercase next", ["Ends.", "lowercase next"]),
    ("Use `a. b` now. Next", ["Use `a. b` now.", "Next"]),
    ("See [a. b](c) now. Next", ["See [a. b](c) now.", "Next"]),
    ("Say **Stop.** Next", ["Say **Stop.**", "Next"]),
    ('He said "Go." Next', ['He said "Go."', "Next"]),
    ("(Aside.) Next", ["(Aside.) Next"]),
    ("e.g. this, i.e. that, vs. those", ["e.g. this, i.e. that, vs. those"]),
    ("The U.S. and non-U.S. markets", ["The U.S. and non-U.S. markets"]),
    ("E.g. this", ["E.g.", "this"]),
    ("Open the tab. It opens.", ["Open the tab. It opens."]),
    ("No. Yes.", ["No.", "Yes."]),
    ("Wait... go", ["Wait... go"]),
    ("Type '?' here", ["Type '?' here"]),
    ("The `.` character", ["The `.` character"]),
    ("2. Determine it", ["2. Determine it"]),
    ("Version 3.10.54.98 is out", ["Version 3.10.54.98 is out"]),
    ("Ask Prof. Smith. Approx. Ten minutes.", ["Ask Prof. Smith.", "Approx. Ten minutes."]),
])
def test_sentences_split_as_the_handoffs_do(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split(text, atoms(text))] == expected


@pytest.mark.parametrize(("heading", "expected"), [
    ("Link actuals to original records", "link-actuals-to-original-records"),
    ("Set up the *Fabrikam* connector (preview)", "set-up-the-fabrikam-connector-preview"),
    ("Lite deployment - deal to proforma invoicing",
     "lite-deployment---deal-to-proforma-invoicing"),
    ("Customize [!INCLUDE[pn_x](../a.md)] forms", "customize-pn_x-forms"),
    ("Use [the API](api.md)", "use-the-api"),
    ("Données & café", "données--café"),
])
def test_slugs_are_microsofts(heading: str, expected: str) -> None:
    assert slug(heading) == expected


def test_pieces_cover_the_source_of_a_soft_wrapped_sentence_in_a_quote() -> None:
    text = "> First part\n> second\tpart. Next.\n"
    seg = segment(text, "a.md").segments[0]
    assert seg.source == "First part second    part."  # the tab stops at column 12
    assert [text[a:b] for a, b in seg.pieces] == ["First part", "second", "part."]
    assert text[seg.start:seg.end] == "First part\n> second\tpart."
    assert (seg.line, seg.column) == (1, 3)


def test_no_break_spaces_become_spaces_and_keep_their_source() -> None:
    text = "A\u00a0B."
    seg = segment(text, "a.md").segments[0]
    assert seg.source == "A B." and seg.pieces == ((0, 4),)


def test_bad_front_matter_is_a_warning_and_the_article_still_segments() -> None:
    text = "---\ntitle: T\ntitle: U\n---\nBody.\n"
    article = segment(text, "a.md")
    assert [s.source for s in article.segments] == ["Body."]
    assert [s.source for s in article.fields] == ["T"]
    assert [f.format_text() for f in article.findings] == [
        "a.md:3:1: warning[front-matter]: duplicate front matter key 'title' (first on line 2)"
        " (hint: keep one of the two (Microsoft's handoffs took it as it is))"]


def test_an_english_yaml_mistake_keeps_its_own_hint() -> None:
    text = "---\ntitle: Step 1: go\n---\nBody.\n"
    [finding] = segment(text, "a.md").findings
    assert finding.severity.label == "warning" and finding.line == 2
    assert finding.hint == ('put the value in double quotes: title: "Step 1: go" '
                            "(Microsoft's handoffs took it as it is)")


def test_the_same_english_always_gives_the_same_ids() -> None:
    text = "# A\n\nB. C.\n"
    first, second = segment(text, "a.md"), segment(text, "b.md")
    assert [s.id for s in first.segments] == [s.id for s in second.segments]
    assert segment(text + "D.\n", "a.md").prefix != first.prefix


def test_page_ids_are_docfx_auto_identifiers_numbered_when_repeated() -> None:
    assert page_ids(["Overview", "Overview", "Press <kbd>Ctrl+C</kbd>", "The _new_ way",
                     "The `foo_bar` option", "**Bold** and *em*", "snake_case_name",
                     "[Link](x.md) here", "Overview"]) == [
        "overview", "overview-1", "press-ctrlc", "the-new-way", "the-foo_bar-option",
        "bold-and-em", "snake_case_name", "link-here", "overview-2"]


@pytest.mark.parametrize("tag", ["span", "strong", "kbd", 'a href="https://example.com"'])
def test_a_tag_alone_on_its_line_in_an_html_block_stays_out_of_the_unit(tag: str) -> None:
    """CommonMark opens an HTML block (type 7) with an inline tag alone on its line: the
    translation must not be written on that line, or the block becomes a paragraph."""
    name = tag.split()[0]
    text = f"<{tag}>\nPass *args here.\n</{name}>\n"
    found = segment(text, "a.md").segments
    assert [s.source for s in found] == ["Pass \\*args here."]
    assert text[found[0].start:found[0].end] == "Pass *args here."


def test_a_line_that_starts_with_inline_docfx_syntax_is_translated_whole() -> None:
    text = (':::no-loc text="Azure DevOps"::: lets you plan your work. It also tracks bugs.\n\n'
            'Select the gear icon\n:::image type="icon" source="media/gear.png"::: and then '
            'select\n**Settings**.\n')
    assert [s.source for s in segment(text, "a.md").segments] == [
        ':::no-loc text="Azure DevOps"::: lets you plan your work.', "It also tracks bugs.",
        'Select the gear icon :::image type="icon" source="media/gear.png"::: and then select '
        "**Settings**."]


def test_a_deeply_nested_list_is_read_without_rescanning_its_indentation(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line's indentation is skipped once for all the list items it continues, not once
    per item: 2,000 nested items (a file well under the size limit) took minutes when every
    level scanned the rest of the line's white space again (cubic in the depth)."""
    import pipeline.segment.blocks as blocks

    skipped = 0
    real = blocks._columns

    def counting(line: str, pos: int, col: int, stop: int | None = None) -> tuple[int, int]:
        nonlocal skipped
        found = real(line, pos, col, stop)
        skipped += found[0] - pos
        return found

    monkeypatch.setattr(blocks, "_columns", counting)
    depth = 200
    text = "".join("  " * i + f"- item {i}\n" for i in range(depth))
    assert len(segment(text, "a.md").segments) == depth
    assert skipped <= 4 * depth * depth  # each line's 2i spaces a few times: not i times


@pytest.mark.parametrize("element", ["code", "samp", "CODE"])
def test_a_sentence_is_never_cut_inside_inline_html_code(element: str) -> None:
    text = f"Set <{element}>Retry.Count. Max</{element}> to 5. Then restart.\n"
    assert [s.source for s in segment(text, "a.md").segments] == [
        f"Set <{element}>Retry.Count. Max</{element}> to 5.", "Then restart."]


@pytest.mark.parametrize("indent", ["", "    "])
def test_an_image_directive_over_several_lines_has_its_alt_text_and_no_other_unit(
    indent: str
) -> None:
    """DocFX reads the attributes of an ':::image' left open on its line from the lines
    after it; Markdown alone would take them for a paragraph or indented code."""
    text = (f':::image type="content"\n{indent}source="media/multi.png"\n'
            f'{indent}alt-text="Multi-line alt."\n{indent}lightbox="x.png":::\n\nAfter it.\n')
    article = segment(text, "a.md")
    assert [(u.kind.value, u.source) for u in (*article.fields, *article.segments)] == [
        ("alt", "Multi-line alt."), ("text", "After it.")]


@pytest.mark.parametrize(("column", "content"), [("   ", "      "), ("  ", "     "), ("", "  ")])
def test_the_text_of_a_column_is_translated_however_the_row_is_indented(
    column: str, content: str
) -> None:
    """The Learn reference writes a row's columns 3 spaces in and their text 6: Markdown
    then reads each column's text as indented code; DocFX reads it as text."""
    text = (f":::row:::\n{column}:::column span=\"\":::\n{content}Column one. More text.\n\n"
            f"{content}Second paragraph.\n{column}:::column-end:::\n{column}:::column:::\n"
            f"{content}Column two.\n{column}:::column-end:::\n:::row-end:::\n")
    assert [s.source for s in segment(text, "a.md").segments] == [
        "Column one.", "More text.", "Second paragraph.", "Column two."]


def test_unclosed_front_matter_is_text_with_a_warning() -> None:
    article = segment("---\ntitle: Forgot to close\n\n# Heading\n", "a.md")
    assert [s.source for s in article.segments] == ["title: Forgot to close", "Heading"]
    assert [(f.check, f.severity, f.line) for f in article.findings] == [
        ("front-matter", Severity.WARNING, 1)]


def test_front_matter_closed_after_a_lone_cr_leaves_the_next_lines_to_the_body() -> None:
    """Markdig ends front matter at '...' after a CR alone: the heading after it is the page's
    text, segmented and translated as such, as the sxs reader reads it."""
    article = segment("---\ntitle: T\r...\r# Heading\n---\nText.\n", "a.md")
    assert [s.source for s in article.segments] == ["Heading", "Text."]
    assert article.body_start == len("---\ntitle: T\r...\r")


@pytest.mark.parametrize(("column", "content"), [("", ""), ("   ", "      ")])
def test_code_in_a_column_is_never_a_segment(column: str, content: str) -> None:
    """A fenced block in a column, and lines 4 deeper than the column's text, are code to
    DocFX: never cut into sentences nor translated."""
    text = (f":::row:::\n{column}:::column:::\n{content}Run this:\n\n"
            f"{content}```powershell\n{content}Connect-AzAccount\n\n{content}# Sign in. Then go.\n"
            f"{content}```\n\n{content}~~~\n{content}Get-Thing. Now.\n{content}~~~\n\n"
            f"{content}    indented code. Here.\n\n{content}Done.\n"
            f"{column}:::column-end:::\n:::row-end:::\n")
    assert [s.source for s in segment(text, "a.md").segments] == ["Run this:", "Done."]


def test_unclosed_inline_code_tags_are_read_in_linear_time(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each '<code>' takes the next '</code>': a paragraph of thousands left open is not
    searched to its end from every one (a 240 KB paragraph took a minute)."""
    import pipeline.segment.inline as inline

    searched = 0
    real = inline.bisect.bisect_left

    def counting(a: list[int], x: int, *rest: int, **named: object) -> int:
        nonlocal searched
        searched += 1
        return real(a, x, *rest, **named)  # type: ignore[arg-type]

    monkeypatch.setattr(inline.bisect, "bisect_left", counting)
    text = "Word <code>x. " * 2000 + "end </code>.\n"
    assert inline._code_elements(text, [False] * len(text))[0].end == len(text) - 2
    assert searched <= 2000
    assert len(segment(text, "a.md").segments) == 1


@pytest.mark.parametrize("element", ["code", "samp"])
def test_a_paragraph_that_is_one_inline_code_element_is_a_segment(element: str) -> None:
    text = f"<{element}>Access denied. Ask your administrator.</{element}>\n"
    assert [s.source for s in segment(text, "a.md").segments] == [text.strip()]


@pytest.mark.parametrize("item", ["- **`-c|-ConfigFile`**", "- *`-Force`*", "__`x`__ `y`",
                                  "| Option | Use |\n|---|---|\n| **`-Verbosity`** | Output. |"])
def test_code_in_bold_or_italics_alone_is_no_segment(item: str) -> None:
    """As code alone is not (NuGet's option lists: the handoffs leave them unpaired)."""
    text = f"{item}\n\nThe file.\n"
    assert [s.source for s in segment(text, "a.md").segments] == (
        ["Option", "Use", "Output.", "The file."] if "Output" in item else ["The file."])


@pytest.mark.parametrize("text", ["*`x`*.", "**`Get-Item`** gets it.", "**Note** `x`"])
def test_emphasised_code_with_words_or_a_full_stop_is_a_segment(text: str) -> None:
    assert [s.source for s in segment(text + "\n", "a.md").segments] == [text]


@pytest.mark.parametrize("item", ["**<br/>**", "[**<span></span>**](workflow.md)\\",
                                  "- [*<wbr>*](binding.md)", "&nbsp;&nbsp;**<br/>**"])
def test_tags_in_bold_or_as_a_links_text_alone_are_no_segment(item: str) -> None:
    """As tags alone are not: a tag shows nothing, and bold or a link around it adds no word."""
    assert [s.source for s in segment(f"{item}\n\nThe file.\n", "a.md").segments] == [
        "The file."]


@pytest.mark.parametrize("item", ["**\\<remove>**", "[**\\<configuration>**](configuration.md)",
                                  "&nbsp;&nbsp;[**\\<configSections>**](sections.md)"])
def test_escaped_tags_in_bold_or_as_a_links_text_are_a_segment(item: str) -> None:
    """'\\<remove>' shows '<remove>': the breadcrumb of a dotnet configuration page, which the
    de-DE handoff pairs line by line (a 2020 tr-TR one pairs none of the page's element names,
    its heading included)."""
    sources = [s.source for s in segment(f"{item}\n\nThe file.\n", "a.md").segments]
    assert len(sources) == 2 and "**\\<" in sources[0] and sources[1] == "The file."


@pytest.mark.parametrize("text", ["The **\\<Order>** element.", "See [\\<x>](x.md).",
                                  "**<b>Bold</b>**", "[![Diagram](a.png)](b.md)"])
def test_tags_in_bold_or_a_link_with_words_around_or_inside_are_a_segment(text: str) -> None:
    assert [s.source for s in segment(text + "\n", "a.md").segments] == [text]


def test_text_right_after_a_multi_line_image_is_a_segment() -> None:
    text = (':::image type="content"\nsource="a.png"\nalt-text="Alt."\nlightbox="b.png":::\n'
            "The portal shows your resources. Select one.\n")
    article = segment(text, "a.md")
    assert [s.source for s in article.segments] == [
        "The portal shows your resources.", "Select one."]


def test_an_image_left_open_in_a_crlf_file_ends_at_the_blank_line() -> None:
    text = (':::image type="content" source="a.png"\r\n\r\nFirst paragraph.\r\n\r\n'
            'Second with :::no-loc text="Contoso"::: in it.\r\n')
    assert [s.source for s in segment(text, "a.md").segments] == [
        "First paragraph.", 'Second with :::no-loc text="Contoso"::: in it.']


def test_a_character_reference_in_a_headings_code_stays_as_written_in_its_id() -> None:
    """DocFX shows '&amp;' in code literally: only references outside code are decoded."""
    assert page_ids(["The `&amp;` operator", "The `&` operator", "Fish &amp; chips"]) == [
        "the-amp-operator", "the--operator", "fish--chips"]


@pytest.mark.parametrize(("column", "content"), [("    ", "        "), ("   ", "      ")])
def test_code_after_a_blank_line_in_a_column_stays_code(column: str, content: str) -> None:
    text = (f":::row:::\n{column}:::column:::\n{content}Install it.\n\n"
            f"{content}    npm install --save thing\n\n{content}```\n{content}echo one\n\n"
            f"{content}echo three.\n{content}```\n\n{content}Done.\n"
            f"{column}:::column-end:::\n:::row-end:::\n")
    assert [s.source for s in segment(text, "a.md").segments] == ["Install it.", "Done."]


def test_column_text_wrapped_deeper_and_text_after_a_fence_are_translated() -> None:
    text = (":::row:::\n  :::column:::\n    Run this first, with a long sentence that\n"
            "        wraps deeper. And a second sentence.\n\n    ```bash\n    pip install x\n"
            "    ```\n    Then run it. It works.\n  :::column-end:::\n:::row-end:::\n")
    assert [s.source for s in segment(text, "a.md").segments] == [
        # a column's lines as written, as the handoffs pair them
        "Run this first, with a long sentence that\n        wraps deeper.",
        "And a second sentence.",
        "Then run it.", "It works."]


def test_tab_indented_code_in_a_column_and_code_after_a_row_stay_code() -> None:
    text = (":::row:::\n  :::column:::\n    Text.\n\n\t\tnpm install thing. Now\n"
            "  :::column:::\n    Other.\n:::row-end:::\n\nAfter.\n\n    make all. Then\n")
    assert [s.source for s in segment(text, "a.md").segments] == ["Text.", "Other.", "After."]


def test_an_escaped_tag_in_a_heading_is_text_in_its_id() -> None:
    """What a reader sees makes Markdig's id: '&lt;T&gt;' and '\\<T\\>' show '<T>', code
    shows as written (tags and underscores too), '&#95;' is an underscore, and '< 10' is no
    tag."""
    assert page_ids(["Use &lt;T&gt; generics", "Add the &lt;PropertyGroup&gt; element",
                     "The <b>bold</b> `<T>` way", "The `<add>` element",
                     "The `__init__` method", "Use &#95;&#95;init&#95;&#95;",
                     "Use \\<T\\> types", "If x < 10 or y > 20"]) == [
        "use-t-generics", "add-the-propertygroup-element", "the-bold-t-way", "the-add-element",
        "the-__init__-method", "use-__init__", "use-t-types", "if-x--10-or-y--20"]


def test_a_backslash_escaped_tag_is_text_a_reader_sees_and_a_segment() -> None:
    """'\\<tracking>' shows '<tracking>' on the page: text, no tag (the handoffs pair each
    such line, and the heading: dotnet's configuration file schema pages)."""
    text = ("# \\<activityScheduledQuery>\nDescribes it.\n\n\\<system.serviceModel>  \n"
            "\\<tracking>  \n\\</trackingProfile>\n")
    assert atoms("\\<tracking> \\</tracking>") == []
    assert [s.source for s in segment(text, "a.md").segments] == [
        "\\<activityScheduledQuery>", "Describes it.", "\\<system.serviceModel>",
        "\\<tracking>", "\\</trackingProfile>"]


@pytest.mark.parametrize("text, tag", [('\\<a title="<b>">x', "<b>"),
                                       ("\\<a t='<img src=x.png>'> y", "<img src=x.png>")])
def test_a_tag_inside_what_an_escaped_tag_would_span_is_a_tag(text: str, tag: str) -> None:
    """The escaped '<' is one character of text; what follows is read on from it, as
    CommonMark (markdown-it) reads it: the tag in the quoted 'attribute' is raw HTML."""
    assert [text[a.start:a.end] for a in atoms(text)] == [tag]


def test_a_code_tag_written_in_backticks_is_code_not_an_element() -> None:
    text = "Wrap the sample in `<samp>`. Keep the text short. Close it with `</samp>`.\n"
    assert [s.source for s in segment(text, "a.md").segments] == [
        "Wrap the sample in `<samp>`.", "Keep the text short.", "Close it with `</samp>`."]


def test_a_columns_list_items_keep_their_deeper_paragraphs_and_code_stays_code() -> None:
    text = (":::row:::\n  :::column:::\n    1. Open the portal.\n\n"
            "        Sign in with your work account.\n\n    - Plans\n\n"
            "        - Basic plan.\n\n    ### Install\n        npm install contoso. Then.\n\n"
            "    ````\n    ```\n    Inner code.\n    ```\n    ````\n    Done here.\n"
            "  :::column-end:::\n:::row-end:::\n")
    assert [s.source for s in segment(text, "a.md").segments] == [
        "1. Open the portal.", "Sign in with your work account.", "- Plans",
        "- Basic plan.", "Install", "Done here."]


def test_a_heading_with_no_letter_or_digit_has_markdigs_id_section() -> None:
    assert page_ids(["???", "!!!", "Intro"]) == ["section", "section-1", "intro"]


def test_a_heading_in_a_column_is_a_heading_whose_link_works_on_the_page() -> None:
    text = ("See [pricing](#pricing).\n\n:::row:::\n    :::column:::\n        ## Pricing\n\n"
            "        It costs money.\n    :::column-end:::\n:::row-end:::\n")
    article = segment(text, "a.md")
    heading = next(s for s in article.segments if s.source == "Pricing")
    assert (heading.kind, heading.anchor) == (Kind.HEADING, "pricing")


# The rule as first written: its lazy scan from every ':::' took time in the square of a line
# of many ':::' and no letter (30 KB: 11 s).
_QUADRATIC_INLINE_COLONS = re.compile(r" {0,3}:::(?:no-loc\b|[^\r\n]*?:::[^\r\n]*?[^\W_])")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([":::", ":", "::::", " ", "a", "_", ".", "é", "\n", "no-loc",
                                 "image", '"']), max_size=12))
def test_an_inline_colons_line_is_told_as_the_first_rule_told_it(pieces: list[str]) -> None:
    line = ":::" + "".join(pieces)
    assert (docfx._INLINE_COLONS.match(line) is None) == (
        _QUADRATIC_INLINE_COLONS.match(line) is None)


@pytest.mark.parametrize("hidden", [
    '<?xml version="1.0" encoding="utf-8"?>',
    "<![CDATA[\nRaw data. Not shown to readers.\n]]>",
    "<!DOCTYPE html>",
    "<div>\n<!-- a note. For writers. -->\n<?php echo 'x'; ?> Shown text.\n</div>",
])
def test_text_no_reader_sees_in_an_html_block_is_never_a_segment(hidden: str) -> None:
    text = f"# Raw blocks\n\n{hidden}\n\nVisible text.\n"
    sources = [s.source for s in segment(text, "a.md").segments]
    assert [s for s in sources if s not in ("Raw blocks", "Visible text.", "Shown text.")] == []


def test_code_inside_a_note_in_a_column_is_never_a_segment() -> None:
    """A note's fenced block, and its lines 4 deeper after a blank line of the note, are code
    in a column too, as outside one."""
    text = (":::row:::\n    :::column:::\n        > [!NOTE]\n        > Back up first.\n"
            "        >\n        > ```\n        > rm -rf files. Now\n        > ```\n\n"
            "        > [!TIP]\n        > Run it:\n        >\n"
            "        >     npm install contoso. Then\n    :::column-end:::\n:::row-end:::\n")
    sources = [s.source for s in segment(text, "a.md").segments]
    assert not [s for s in sources if "rm -rf" in s or "npm" in s or s == "Then"]
    assert any("Back up first." in s for s in sources) and any("Run it:" in s for s in sources)


@pytest.mark.parametrize("cell", ["Use `line one<br>line two` in the cell.",
                                  "Write ``a <br/> b`` here."])
def test_a_br_inside_code_in_a_table_cell_is_code_and_cuts_nothing(cell: str) -> None:
    text = f"| Goal | How |\n|---|---|\n| Break | {cell} |\n"
    assert [s.source for s in segment(text, "t.md").segments] == ["Goal", "How", "Break", cell]


def test_a_br_outside_code_in_a_table_cell_still_cuts_it() -> None:
    text = "| Goal | How |\n|---|---|\n| Break | One `x`<br>Two `y` |\n"
    assert [s.source for s in segment(text, "t.md").segments][-2:] == ["One `x`", "Two `y`"]


def test_an_escaped_br_in_a_table_cell_is_text_and_cuts_nothing() -> None:
    """'\\<br>' shows '<br>' (CommonMark reads the escape): no line break in the cell."""
    text = "| Tag | Use |\n|---|---|\n| Break | Write One\\<br>Two for a break. |\n"
    assert [s.source for s in segment(text, "t.md").segments][-1] == (
        "Write One\\<br>Two for a break.")


@pytest.mark.parametrize("style", [">-", "|", ">"])
def test_a_block_scalar_value_is_cited_at_its_key_line(style: str) -> None:
    """helper-43: a folded description was cited at line 1 of the article."""
    text = (f"---\ntitle: T\ndescription: {style}\n  Learn how to configure\n  the proxy.\n"
            "---\n# H\n")
    fields = {s.kind: s for s in segment(text, "a.md").fields}
    assert (fields[Kind.TITLE].line, fields[Kind.DESCRIPTION].line) == (2, 3)


@pytest.mark.parametrize(("value", "entry"), [("null", None), ("~", None), ("NULL # none", None),
                                              ('"null"', "null"), ("nullable", "nullable")])
@pytest.mark.parametrize("eol", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_yaml_null_description_is_no_entry(value: str, entry: str | None, eol: str) -> None:
    """'description: null' is no text (it was an entry 'null' to translate); quoted, it is."""
    text = f"---\ntitle: Guide\ndescription: {value}\n---\n\n# Guide\n".replace("\n", eol)
    fields = [s.source for s in segment(text, "a.md").fields if s.kind is Kind.DESCRIPTION]
    assert fields == ([] if entry is None else [entry])


@pytest.mark.parametrize(("text", "expected"), [
    # in an HTML block: a block tag whose quoted value holds '>' or a sentence end
    ('<p title="a > b. C">Text here. Next one.</p>\n', ["Text here.", "Next one."]),
    ('<div>\n<p class="x" title="Go. Now">Text here. Next one.</p>\n</div>\n',
     ["Text here.", "Next one."]),
    ("<p title='a > b'>Text here.</p>\n", ["Text here."]),
    ('<p>See <img alt="a > b. C" src="x.png"> here. Next one.</p>\n',
     ['See <img alt="a > b. C" src="x.png"> here.', "Next one."]),
    ('<td title="a > b">\nText here. Next one.\n</td>\n', ["Text here.", "Next one."]),
    # in a paragraph and a table cell: a block tag ends a segment, its value never does
    ('Text here.<br title="a > b. C">Next one.\n', ["Text here.", "Next one."]),
    ('| A |\n|---|\n| One.<br title="a > b. C">Two. |\n', ["A", "One.", "Two."]),
    ('<img alt="a > b. C" src="x.png"> Next sentence.\n',
     ['<img alt="a > b. C" src="x.png"> Next sentence.']),
    ('<a name="x" title="a > b"></a>1. Determine the path. Then go.\n',
     ["1. Determine the path.", "Then go."]),
])
def test_a_tag_whose_quoted_value_holds_a_gt_or_a_sentence_end_is_never_cut(
        text: str, expected: list[str]) -> None:
    assert [s.source for s in segment(text, "a.md").segments] == expected


def test_a_quoted_value_left_open_is_read_as_before_and_in_linear_time() -> None:
    import time

    text = "<p " + 'a="b ' * 5000 + ">Text here.</p>\n"
    began = time.perf_counter()
    segment(text, "a.md")
    assert time.perf_counter() - began < 2


@pytest.mark.parametrize(("text", "expected"), [
    ('<p title="a > b.\nC d">Text here. Next one.</p>\n', ["Text here.", "Next one."]),
    ("<div>\n<td title='Go > now.\nThen' class=x>Cell. Two.</td>\n</div>\n", ["Cell.", "Two."]),
    ('<div title="a >\nb">\nText here.\n</div>\n', ["Text here."]),
])
def test_an_html_block_tag_whose_quoted_value_holds_a_gt_and_a_line_end_is_read_whole(
        text: str, expected: list[str]) -> None:
    """CommonMark lets a quoted value hold line ends; read line by line, the tag ended at its
    first '>' and the rest of its value ('b.', 'C d">Text here.') became segments."""
    assert [s.source for s in segment(text, "a.md").segments] == expected


def test_html_block_tags_left_open_over_lines_are_read_in_linear_time() -> None:
    import time

    timings = []
    for n in (2000, 8000):
        text = "<div>\n" + '<p title="a >\nx y z\n' * n
        began = time.perf_counter()
        segment(text, "a.md")
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5


@pytest.mark.parametrize("piece", ["<!--", "<!-- a", '<a b="', "<!--<a "])
def test_a_heading_of_thousands_of_openings_gets_its_id_in_linear_time(piece: str) -> None:
    """'## ' + '<!--' 20,000 times: a comment read as '<!--.*?-->' ran from each opening to the
    line's end, seven seconds for one heading's id and as much again for the link check's
    slug. A comment is still '<!--' to the first '-->' on its line."""
    import time

    from pipeline.source.links import anchors

    timings = []
    for n in (5_000, 20_000):
        began = time.perf_counter()
        page_ids([piece * n])
        anchors("## " + piece * n + "\n")
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5
    assert page_ids(["Setup <!-- x --> now <!-- open", "A <!--x-->-->b"]) == [
        "setup--now----open", "a---b"]


@given(st.lists(st.sampled_from(["<!--", "-->", "<!-->", "<", ">", "-", "!", "a", " ", "\n",
                                 "\r", "\u2028", "<b>", "</a>", "<a href=\"", "\"", "'", "=",
                                 "<x-y title='>'>"]) | st.characters(), max_size=24)
       .map("".join))
@settings(max_examples=400, deadline=None)
def test_tags_and_comments_are_taken_out_as_the_expression_did(text: str) -> None:
    """``without_tags`` (a comment's end looked for once a line) leaves what '<!--.*?-->'
    beside the tag expression left, of any text."""
    from pipeline.segment.anchors import without_tags
    from pipeline.segment.htmlstart import ATTRIBUTES

    old = re.compile(rf"</?[A-Za-z][A-Za-z0-9-]*(?:{ATTRIBUTES}/?>|[^<>\n]*>)|<!--.*?-->")
    assert without_tags(text) == old.sub("", text)


@pytest.mark.parametrize("name", ["a", "a-"])
def test_a_heading_of_one_long_unclosed_tag_name_gets_its_id_in_linear_time(name: str) -> None:
    """'<' and a tag name 60,000 characters long, no '>': the name was given back a character
    at a time, each time read on to the line's end for a '>' (four seconds for one heading's
    id, eight in the link check's anchors)."""
    import time

    from pipeline.segment.anchors import rendered_slug

    start = time.perf_counter()
    rendered_slug("<" + name * (60_000 // len(name)))
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("text", "line", "message", "hint"), [
    ("# T\n\nText.\n\n```bash\necho hi\n\nMore text. And more.\n", 5,
     "the code fence opened here is never closed: the rest of the article (lines 6 to 8) is "
     "code on the page", "end the code with a line of ``` alone"),
    ("# T\n\nText.\n\n<!-- a note\n\nMore text.\n", 5,
     "the HTML comment (<!--) opened here is never closed: the rest of the article (lines 6 to "
     "7) is hidden on the page", "close it with --> where it should end"),
    ("# T\n\n<pre>\nx\n\nMore text.\n", 3,
     "the <pre> block opened here is never closed: the rest of the article (lines 4 to 6) is "
     "inside it on the page", "close it with </pre> where it should end"),
    ("# T\n\n- item\n\n  ~~~~\n  code\n  ```\n  more\n", 5,
     "the code fence opened here is never closed", "end the code with a line of ~~~~ alone"),
])
def test_a_block_left_open_to_the_end_is_a_warning_at_the_line_that_opened_it(
        text: str, line: int, message: str, hint: str) -> None:
    """CommonMark (and Markdig) run it to the end: every sentence after it was code or hidden
    in every locale, never sent for translation, and nothing said so."""
    [finding] = segment(text, "a.md").findings
    assert (finding.check, finding.severity.label, finding.line) == (
        "markdown-unclosed", "warning", line)
    assert finding.message.startswith(message) and finding.hint == hint


@pytest.mark.parametrize("text", [
    "# T\n\n```bash\necho hi\n```\n\nMore.\n",  # closed
    "# T\n\nText.\n\n```\n",  # a fence on the last line: nothing after it
    "# T\n\n- item\n\n  ```\n  code\n\nAfter the list.\n",  # the list item's end ends it
    "# T\n\n<!-- a -->\n\n<div>\nx\n",  # a <div> block ends at a blank line or the end
])
def test_a_block_closed_or_ended_by_its_container_is_no_finding(text: str) -> None:
    assert segment(text, "a.md").findings == ()


def test_a_handoff_in_the_english_folder_is_an_error_not_english_to_translate() -> None:
    """Its spans and the locale's text were segmented as English: every locale's catalog got
    `<span data-ttu-id="…">Installer…</span><span` as msgids to send for translation."""
    text = ("---\ntitle: T\n---\n# Titre\n\n<span data-ttu-id=\"4c1e7-103\">Ouvrez-le.</span>"
            "<span class=\"sxs-lookup\"><span data-stu-id=\"4c1e7-103\">Open it.</span></span>\n")
    article = segment_bytes(text.encode(), "a.md")
    assert article.segments == () and article.fields == ()
    [finding] = article.findings
    assert (finding.check, finding.severity.label, finding.line, finding.column) == (
        "handoff-in-english", "error", 6, 1)
    assert finding.hint == ("move a handoff to its locale's folder, content/<locale>/; write "
                            "English without the spans")


def test_an_english_article_that_shows_the_sxs_format_in_code_is_segmented() -> None:
    pair = '<span data-ttu-id="b5df6-103">Le module…</span><span class="sxs-lookup">'
    text = (f"# The format\n\nA pair: `{pair}` is one.\n\n```markdown\n{pair}\n```\n\n"
            f"    {pair}\n")
    article = segment_bytes(text.encode(), "a.md")
    assert article.findings == ()
    assert [seg.source for seg in article.segments] == ["The format", f"A pair: `{pair}` is one."]
