"""Properties of the segmenter on any text: it never raises, it is deterministic, and every
segment's text comes from the source ranges it names (less the changes the handoffs make:
white space joined, escapes and spaces added around emphasis, references decoded)."""

from __future__ import annotations

import html
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import segment, segment_bytes
from pipeline.segment.model import SegmentedArticle

# Markdown's punctuation and structure, so the generator reaches the interesting paths.
_PIECES = st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "* ", "|", "| a | b |\n|--|--|\n", "```\n", "    ", "\t",
    "\n", "\n\n", "  \n", "\\\n", ". ", "? ", "! ", "… ", "...", "e.g. ", "U.S. ", "tab. ",
    "**", "*", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](x.md)", "[!NOTE]",
    "[!INCLUDE[a](b.md)]", "<br>", "</br>", "<td>", "</td>", "<p>", "<!--", "-->", "<a name=\"x\">",
    "</a>", "https://example.com/a.b ", "&nbsp;", "&#95;", "\u00a0", "::: zone\n", "---\n",
    "title: T\n", "Word", "word", "Text. ", "42", "é", "\r\n", ":", "\"", "'",
])
_MARKDOWN = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=60).map("".join)
_NUMERIC_REF = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")


def _canon(text: str) -> str:
    text = _NUMERIC_REF.sub(lambda m: html.unescape(m.group()), text)
    return re.sub(r"[\s\\]", "", text)


def _check(article: SegmentedArticle) -> None:
    text = article.text
    last = 0
    for seg in (*article.segments, *article.fields):
        # no white space before the text; after it, only what a hard line break left (the
        # spaces beyond two, or what stood before its backslash), kept with the last segment
        assert seg.source.lstrip() == seg.source
        if not seg.pieces:  # a front matter value YAML wrote other than as it reads
            continue
        assert 0 <= seg.start <= seg.pieces[0][0] and seg.pieces[-1][1] == seg.end <= len(text)
        assert all(a < b <= c for (a, b), (c, _) in zip(seg.pieces, seg.pieces[1:], strict=False))
        covered = "".join(text[a:b] for a, b in seg.pieces)
        assert _canon(covered) == _canon(seg.source), (covered, seg.source)
    for seg in article.segments:  # pairs never overlap, in article order
        assert seg.start >= last
        last = seg.end


@settings(max_examples=400, deadline=None)
@given(_MARKDOWN)
def test_segmentation_never_raises_and_every_segment_comes_from_the_source(text: str) -> None:
    article = segment(text, "a.md")
    _check(article)
    assert segment(text, "a.md") == article  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_segments_or_a_finding(data: bytes) -> None:
    article = segment_bytes(data, "a.md")
    assert article.segments or article.findings or article.text is not None


def test_hostile_input_is_linear() -> None:
    """Constructs that would make a naive scanner quadratic: unclosed brackets, emphasis and
    backtick runs, a long line of sentences, deep nesting."""
    n = 40_000
    cases = ["[" * n, "*a " * n, "` " * n + "``", "a. " * n, "> " * 200 + "x\n" * 2000,
             "- " * 200 + "x\n", "(" * n, "**" * n, "<a " * n, "|" * n + "\n|-|\n",
             # unmatched openers then closers, and many sentences each holding an atom
             "*a " * n + "a* " * n, "*a _b " * n + "b_ a* " * n, "`a` b. " * n,
             "[a](b) c. " * n, "**a** b. " * n,
             # a heading of many sentences; periods that end nothing after a leading tag
             "# " + "Go now. " * n, "<b>x</b> " + "e.g. " * (3 * n),
             # a tag or code span inside thousands of nested links or bold runs: what each
             # holds is read again, which must stop at a few levels (it overflowed the stack)
             "[" * n + "<a>" + "](x)" * n, "**" * n + "<a>" + "**" * n,
             "**" * n + "`a`" + "**" * n, "*x **" * (n // 4) + "<a>" + "** x*" * (n // 4)]
    for text in cases:
        started = time.perf_counter()
        segment(text, "a.md")
        assert time.perf_counter() - started < 5, text[:20]
