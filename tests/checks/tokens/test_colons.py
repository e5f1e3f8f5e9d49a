"""DocFX ':::' directives' attributes read in order (``checks.tokens.colons``)."""

from __future__ import annotations

from pipeline.checks.tokens.colons import colon_urls, directive_values

IMAGE = (':::image type="content" source="media/a.png" alt-text="Voir source=" '
         'link="https://evil.example/x":::')


def test_a_value_that_looks_like_an_attribute_does_not_hide_the_next_one() -> None:
    assert colon_urls(IMAGE) == ["media/a.png", "https://evil.example/x"]
    assert directive_values(IMAGE, frozenset({"source"}), "image") == ["media/a.png"]


def test_a_quoted_value_runs_on_over_a_line_break_as_docfx_reads_it() -> None:
    text = 'Voir :::video title="la\ndémo" source="https://www.youtube.com/embed/xyz"::: ici'
    assert colon_urls(text) == ["https://www.youtube.com/embed/xyz"]


def test_a_directive_name_in_capitals_is_the_directive() -> None:
    assert directive_values(':::IMAGE source="b.png":::', frozenset({"source"}),
                            "image") == ["b.png"]


def test_a_directive_inside_a_code_span_loads_nothing() -> None:
    assert colon_urls('Écrivez `:::image source="x.png":::` ici.') == []
