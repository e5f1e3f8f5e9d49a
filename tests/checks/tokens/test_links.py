"""Link targets, directives and xrefs, as a reader finds them outside code."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.links import anchors_named, links


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        pytest.param('[a](b.md "title") ![i](p.png)', ["b.md", "p.png"], id="inline-and-image"),
        pytest.param("[a](<x y.md>)", ["x y.md"], id="angle-destination"),
        # definitions as CommonMark reads them (helper-104)
        pytest.param("[l]: <a b.md>", ["a b.md"], id="definition-angled-with-a-space"),
        pytest.param('[l]: /x "a\\"b"', ["/x"], id="definition-title-escaping-a-quote"),
        pytest.param("[l]:\n  /x", ["/x"], id="definition-destination-on-the-next-line"),
        pytest.param('[l]: /x\n"title"', ["/x"], id="definition-title-on-the-next-line"),
        pytest.param("[Con\ntoso]: /x", ["/x"], id="definition-label-over-two-lines"),
        pytest.param('[l]: /x "open', [], id="an-unclosed-title-makes-no-definition"),
        pytest.param("[BREAKING CHANGE]: Removed x", [], id="words-after-a-label-are-prose"),
        pytest.param("[w](https://e.org/Foo_(bar))", ["https://e.org/Foo_(bar)"],
                     id="balanced-parentheses"),
        pytest.param("[a][ref] and [b]", ["[ref]"], id="reference-label"),
        pytest.param("<https://x.y/z> <xref:A>", ["https://x.y/z"], id="autolink-not-xref"),
        pytest.param("see https://x.y/z.", ["https://x.y/z"], id="bare-url-trailing-dot"),
        pytest.param("[Foohttps://x.y](https://x.y)", ["https://x.y"], id="glued-url-no-link"),
        pytest.param('<a href="h.md"><img src="i.png"></a>', ["h.md", "i.png"], id="href-src"),
        pytest.param("[!INCLUDE[t](../inc/t.md)]", [], id="directive-inner-link"),
        pytest.param("[r]: https://x.y \"t\"", ["https://x.y"], id="reference-definition"),
        pytest.param("`[a](b)`", [], id="inside-code"),
    ],
)
def test_links_finds_every_target(text: str, targets: list[str]) -> None:
    assert sorted(links(text).targets) == sorted(targets)


def test_links_separates_directives_and_xrefs() -> None:
    found = links("[!NOTE] see <xref:A.B> and [!INCLUDE [t](t.md)]")
    assert found.directives == ["[!NOTE]", "[!INCLUDE [t](t.md)]"]
    assert found.xrefs == ["<xref:A.B>"]


@pytest.mark.parametrize(("text", "names"), [
    ('<a title=">" id="setup"></a>Setup', ["setup"]),
    ("<a title='a > b' name=\"setup\"></a>", ["setup"]),
    ('<a title="see id=\'setup\'">x</a>', []),  # in a value: text, no anchor
])
def test_an_anchor_is_read_over_the_tag_s_quoted_values(text: str, names: list[str]) -> None:
    assert anchors_named(text, frozenset({"setup"})) == names


def test_anchor_attributes_are_read_in_linear_time() -> None:
    import time

    timings = []
    for n in (20_000, 80_000):
        text = '<a title="x" ' * n
        began = time.perf_counter()
        anchors_named(text, frozenset({"setup"}))
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5
