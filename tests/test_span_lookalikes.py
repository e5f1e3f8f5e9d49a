"""Span markup written otherwise than a handoff writes it: reported where it starts, but only when
it is a pair's markup, and in time linear in the size of the article."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.article import parse_article, spans
from pipeline.render import Form, render

REL = "fr-FR/a.md"


def pair(n: int, tr: str, en: str) -> str:
    return (f'<span data-ttu-id="x1234-{n}">{tr}</span><span class="sxs-lookup">'
            f'<span data-stu-id="x1234-{n}">{en}</span></span>')


@pytest.mark.parametrize("other", [
    pytest.param('<span data-stu-idx="3">note</span>', id="other-attribute-name"),
    pytest.param('<span class="sxs-lookup-x">note</span>', id="other-class"),
    pytest.param('<span title="data-ttu-id">note</span>', id="attribute-named-in-a-value"),
])
@pytest.mark.parametrize("where", ["skeleton", "translation"])
def test_a_span_that_only_looks_like_a_pairs_is_no_finding(other: str, where: str) -> None:
    # Before: any <span> whose tag held the letters 'data-stu-id' or 'sxs-lookup' anywhere was
    # an error, so an article documenting HTML was reported for markup that is not a pair's.
    text = (other + "\n\n" + pair(4, "Un.", "One.") + "\n" if where == "skeleton"
            else pair(4, f"Un {other}.", "One.") + "\n")
    article = parse_article(text, REL)
    assert [s.id for s in article.segments] == ["x1234-4"]
    assert article.problems == ()
    assert render(article, Form.BILINGUAL) == text


def test_a_lone_english_span_at_the_very_start_is_reported() -> None:
    # the look back for the lookup's outer tag must not wrap round to the end of the text
    text = '<span data-stu-id="x1234-5">Two.</span>\n\n<span class="sxs-lookup">'
    found = [(p.check, p.line, p.column) for p in parse_article(text, REL).problems]
    assert ("malformed-span", 1, 1) in found


def test_many_span_tags_left_open_are_read_in_linear_time() -> None:
    # Before: each tag's end was looked for up to the end of the text: 32 s for 6.4 MB.
    text = '<SPAN data-ttu-id="x' * 250_000  # 5 MB, under the default max-file-size
    start = time.perf_counter()
    article = parse_article(text, REL)
    assert time.perf_counter() - start < 4.0
    assert len(article.problems) == 250_000


@pytest.mark.parametrize("other", [
    pytest.param("<span class='sxs-lookup'>One.</span>", id="lookup-class-in-single-quotes"),
    pytest.param('<span class="note sxs-lookup">One.</span>', id="lookup-among-other-classes"),
    pytest.param('<span class="SXS-LOOKUP">One.</span>', id="lookup-class-in-upper-case"),
    pytest.param('<SPAN DATA-TTU-ID="x1234-5">Deux.</SPAN><SPAN CLASS="SXS-LOOKUP">'
                 '<SPAN DATA-STU-ID="x1234-5">Two.</SPAN></SPAN>', id="a-pair-in-upper-case"),
])
def test_a_lookalike_is_reported_whatever_else_the_article_holds(other: str) -> None:
    # Before: the one-pass path's gate counted 'tu-id' alone, case and all, so these were an
    # error beside a broken pair (the careful path) and nothing beside well-formed ones: their
    # words and their English both showed on the page, unreported.
    text = pair(4, "Un.", "One.") + "\n\n" + other + "\n"
    broken = text + '\n<span data-ttu-id="x1234-9">Neuf.</span>\n'
    assert "malformed-span" in [p.check for p in parse_article(text, REL).problems]
    assert "malformed-span" in [p.check for p in parse_article(broken, REL).problems]


def test_a_tag_named_with_a_unicode_case_of_s_is_no_span_on_either_path() -> None:
    # Before: the careful path's (?i) scan took '<ſpan' (U+017F) for '<span' and reported it
    # beside a broken pair, while the one-pass path's gate (ASCII) passed it beside well-formed
    # ones. A browser's tag names are ASCII: it is no span, so neither path reports it.
    other = '<\u017fpan class="sxs-lookup">One.</\u017fpan>'
    text = pair(4, "Un.", "One.") + "\n\n" + other + "\n"
    broken = text + '\n<span data-ttu-id="x1234-9">Neuf.</span>\n'
    assert "malformed-span" not in [p.check for p in parse_article(text, REL).problems]
    assert "malformed-span" not in [p.check for p in parse_article(broken, REL).problems]


@pytest.mark.parametrize("attrs", [
    pytest.param('title=">" data-ttu-id="x1234-9"', id="id-after-a-quoted-gt"),
    pytest.param("title='a > b' class=\"sxs-lookup\"", id="lookup-class-after-a-quoted-gt"),
    pytest.param('class="a > sxs-lookup"', id="lookup-class-in-a-value-holding-a-gt"),
])
def test_a_pair_s_span_written_after_a_quoted_gt_is_still_reported(attrs: str) -> None:
    # Before: the tag was read to its first '>', inside the value: the pair's attribute after
    # it went unseen and the span markup in the translation was no finding
    text = pair(4, f"Un <span {attrs}>deux</span>.", "One.") + "\n"
    found = [p.check for p in parse_article(text, REL).problems]
    assert found == ["malformed-span"]


def test_span_tags_with_quoted_values_are_read_in_linear_time() -> None:
    timings = []
    for n in (20_000, 80_000):
        text = '<span title="> data-ttu-id=\'' * n
        start = time.perf_counter()
        parse_article(text, REL)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 8 * timings[0] + 0.5


_PIECES = ['<span data-ttu-id="a-1">', '<span data-ttu-id="a-2">', "</span>", "</span></span>",
           '<span class="sxs-lookup">', '<span data-stu-id="a-1">', "<span>", "<SPAN ", "<Span>",
           "<spaN", "<s", "<", "<b>", "<span class='sxs-lookup'>", '<SPAN class="sxs-lookup">',
           '<sPan data-ttu-id="a-1">', '">', "x", " ", "\n", "\r",
           "\u4e00", "<\u017fpan>"]
_span_text = st.lists(st.sampled_from(_PIECES), max_size=3).map("".join)


@given(st.lists(st.one_of(st.sampled_from(_PIECES),
                          st.tuples(_span_text, _span_text).map(lambda texts: pair(1, *texts))),
                max_size=8).map("".join),
       st.integers(min_value=0, max_value=3))
@settings(max_examples=3000, deadline=None)
def test_the_one_pass_read_is_the_gated_read_wherever_it_runs_to_the_end(
        text: str, skip: int) -> None:
    """The one pass (no span tag but the pairs', read to the end of the text) stands for the
    counts that decide it otherwise: whatever it reads, they read the same."""
    start = min(skip, len(text))
    segments, to_the_end = spans._segments(text, start, spans._STRICT_RE.match)
    if to_the_end:
        assert segments == spans._gated(text, start)
