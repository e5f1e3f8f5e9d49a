"""The strict HTML scanner, which reports and never repairs, and the lenient one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.tokens.tag_ends import _closed, _closes_from
from pipeline.checks.tokens.tags import html_tags, lenient_tags, unbalanced


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        pytest.param('<a href="x" target=_blank>y</a>', ["<a href target>", "</a>"], id="attrs"),
        pytest.param("<br/><br /><BR>", ["<br>", "<br>", "<br>"], id="void-forms"),
        pytest.param("<input disabled>", ["<input disabled>"], id="attribute-without-value"),
        pytest.param("<xref:A.B> <https://x.y>", [], id="xref-and-autolink"),
        pytest.param("<your-server-name> <Site name> <String>", [], id="prose-placeholders"),
        pytest.param("<table_name> <code.x>", [], id="known-name-without-boundary"),
        pytest.param("a < b > c", [], id="comparison"),
        pytest.param("<!-- note --><b>", ["<b>"], id="closed-comment-skipped"),
    ],
)
def test_html_tags_reads_known_elements_only(text: str, tokens: list[str]) -> None:
    tags, bad = html_tags(text)
    assert [t.token for t in tags] == tokens
    assert bad == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param('<a href="x>y</a>', "attribute value quote is not closed", id="open-quote"),
        pytest.param("<b", "tag is not closed with '>'", id="b-without-gt"),
        pytest.param("<b text", "tag is not closed with '>'", id="attribute-then-end"),
        pytest.param("<b<i>x", "tag is not closed with '>'", id="lt-right-after-name"),
        pytest.param("</b x>", "end tag holds more than its name", id="end-tag-attribute"),
        pytest.param('<a href="x"title="y">', "attributes must be separated by white space",
                     id="glued-attributes"),
        pytest.param("<a href=>", "attribute 'href' has '=' but no value", id="empty-value"),
        pytest.param("<!-- open", "comment is not closed", id="open-comment"),
    ],
)
def test_html_tags_reports_malformed_tags_and_never_repairs(text: str, reason: str) -> None:
    tags, bad = html_tags(text)
    assert [b.reason for b in bad] == [reason]
    assert not any(t.name in ("a", "b") and t.offset == 0 for t in tags)  # nothing guessed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<b>x</b>", [], id="balanced"),
        pytest.param("<b>x", ["<b>"], id="open"),
        pytest.param("x</b>", ["</b>"], id="stray-end"),
        pytest.param("<b><i>x</b></i>", ["<i>", "</i>"], id="misnested"),
        pytest.param("a<br>b<img src=x>", [], id="void-elements"),
        pytest.param("<p/>", [], id="self-closing"),
    ],
)
def test_unbalanced_lists_open_and_stray_elements(text: str, expected: list[str]) -> None:
    assert unbalanced(html_tags(text)[0]) == expected


def test_lenient_tags_read_any_name_and_quoted_gt() -> None:
    assert lenient_tags('<x-y a=">" onclick=z><svg/onload=1>') == [
        ("x-y", [("a", ">"), ("onclick", "z")]), ("svg", [("onload", "1")])]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="<a b>\"' =xy/\n\t", max_size=60))
def test_where_a_tag_closes_reads_the_same_from_the_end_as_tag_by_tag(text: str) -> None:
    # helper-109: many unclosed tags each read to the text's end (quadratic); the one pass from
    # the end must say what each reading says
    closes = _closes_from(text)
    for i, c in enumerate(text):
        if c == "<":
            assert _closed(text, i) == _closed(text, i, closes)
