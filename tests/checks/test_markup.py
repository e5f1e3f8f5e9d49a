"""The shared tokenizers: CommonMark code spans, the strict HTML scanner (which reports and never
repairs), links, prose masking, emphasis pairing, locale-proof numbers, names and URL decoding."""

from __future__ import annotations

import pytest

from pipeline.checks import markup as m


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        pytest.param("a `b` c", ["`b`"], id="single"),
        pytest.param("``a`b``", ["``a`b``"], id="double-holds-single"),
        pytest.param("`a`` b", [], id="unequal-runs-are-literal"),
        pytest.param("\\`a` b`", ["` b`"], id="escaped-backtick-is-literal"),
        pytest.param("`A``B`", ["`A``B`"], id="glued-spans-are-one"),
        pytest.param("`a` and `b`", ["`a`", "`b`"], id="two"),
        pytest.param("no code", [], id="none"),
    ],
)
def test_code_spans_follow_commonmark(text: str, spans: list[str]) -> None:
    assert m.code_texts(text) == spans


def test_without_code_masks_each_span_once() -> None:
    assert m.without_code("a `<b>` c `d`") == f"a {m.MASK} c {m.MASK}"


# --- strict HTML -------------------------------------------------------------------------------


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
    tags, bad = m.html_tags(text)
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
    tags, bad = m.html_tags(text)
    assert [b.reason for b in bad] == [reason]
    assert not any(t.name in ("a", "b") and t.offset == 0 for t in tags)  # nothing guessed


@pytest.mark.parametrize(
    ("text", "unbalanced"),
    [
        pytest.param("<b>x</b>", [], id="balanced"),
        pytest.param("<b>x", ["<b>"], id="open"),
        pytest.param("x</b>", ["</b>"], id="stray-end"),
        pytest.param("<b><i>x</b></i>", ["<i>", "</i>"], id="misnested"),
        pytest.param("a<br>b<img src=x>", [], id="void-elements"),
        pytest.param("<p/>", [], id="self-closing"),
    ],
)
def test_unbalanced_lists_open_and_stray_elements(text: str, unbalanced: list[str]) -> None:
    assert m.unbalanced(m.html_tags(text)[0]) == unbalanced


def test_lenient_tags_read_any_name_and_quoted_gt() -> None:
    assert m.lenient_tags('<x-y a=">" onclick=z><svg/onload=1>') == [
        ("x-y", [("a", ">"), ("onclick", "z")]), ("svg", [("onload", "1")])]


# --- links and prose -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        pytest.param('[a](b.md "title") ![i](p.png)', ["b.md", "p.png"], id="inline-and-image"),
        pytest.param("[a](<x y.md>)", ["x y.md"], id="angle-destination"),
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
    assert sorted(m.links(text).targets) == sorted(targets)


def test_links_separates_directives_and_xrefs() -> None:
    found = m.links("[!NOTE] see <xref:A.B> and [!INCLUDE [t](t.md)]")
    assert found.directives == ["[!NOTE]", "[!INCLUDE [t](t.md)]"]
    assert found.xrefs == ["<xref:A.B>"]


def test_prose_masks_everything_but_prose_and_keeps_link_text_brackets() -> None:
    text = "[a](b.md) `c` <xref:D> <b>e</b> https://f.g/h [!NOTE] i"
    k = m.MASK
    assert m.prose(text) == f"[a]{k} {k} {k} {k}e{k} {k} {k} i"


# --- emphasis, numbers, names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        pytest.param("**bold** text", ["**"], id="bold"),
        pytest.param("*a* and _b_ and __c__", ["*", "_", "__"], id="kinds"),
        pytest.param("** not bold**", [], id="space-after-opener"),
        pytest.param("**「設定」**を", [], id="punctuation-then-letter-cannot-close"),
        pytest.param("**設定**を", ["**"], id="cjk-letters-close"),
        pytest.param("snake_case_name", [], id="intraword-underscore"),
        pytest.param("a * b * c", [], id="spaced-stars"),
        pytest.param("\\*\\*x\\*\\*", [], id="escaped"),
        pytest.param("**a** **b**", ["**", "**"], id="two"),
        pytest.param("a** b **c", [], id="closer-before-opener"),
    ],
)
def test_emphasis_pairs_follow_flanking_rules(text: str, pairs: list[str]) -> None:
    assert m.emphasis(text)[0] == pairs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        pytest.param("**a** and ** b", 3, id="bold"),
        pytest.param("my_name_is _x_", 2, id="snake-case-not-counted"),
        pytest.param("\\*a\\*", 0, id="escaped-not-counted"),
    ],
)
def test_emphasis_counts_the_runs_that_could_emphasise(text: str, runs: int) -> None:
    assert m.emphasis(text)[1] == runs


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        pytest.param("1,000", "1.000", id="dot-grouping"),
        pytest.param("1,000", "1 000", id="space-grouping"),
        pytest.param("1,000", "1\u202f000", id="narrow-nbsp-grouping"),
        pytest.param("1,000", "١٬٠٠٠", id="arabic-indic"),
        pytest.param("1.5", "1,5", id="decimal-comma"),
        pytest.param("300K", "30万", id="myriad"),
        pytest.param("6 P.M.", "18:00", id="twelve-hour"),
    ],
)
def test_numbers_compare_equal_across_locales(english: str, translation: str) -> None:
    assert m.numbers(english, english=True)[1] == m.numbers(translation, english=False)[1]


def test_numbers_ignore_urls_code_and_entities() -> None:
    assert m.numbers("[v](https://x/2020) `42` &#40; 7", english=False) == (["7"], ["7"])


def test_names_find_cmdlets_and_files_not_compounds() -> None:
    text = "Run Set-AzContext, ConvertTo-Json and edit (policy.json). Read-Only, Add-On, a .csv"
    assert m.names(text) == ["Set-AzContext", "ConvertTo-Json", "policy.json"]


# --- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "decoded"),
    [
        pytest.param("java&#115;cript:x", "javascript:x", id="entity"),
        pytest.param("%256A%2561vascript:x", "javascript:x", id="double-percent"),
        pytest.param(" Java\tScript:x", "javascript:x", id="space-tab-case"),
        pytest.param("javascript&colon;x", "javascript:x", id="named-entity"),
        pytest.param("https:\\\\evil.example", "https://evil.example", id="backslashes"),
    ],
)
def test_decoded_url_reads_as_a_browser(url: str, decoded: str) -> None:
    assert m.decoded_url(url) == decoded


@pytest.mark.parametrize(
    ("url", "host"),
    [
        pytest.param("https://a.b/c", "a.b", id="plain"),
        pytest.param("//a.b/c", "a.b", id="protocol-relative"),
        pytest.param("https://user@a.b:8080/c", "a.b", id="userinfo-port"),
        pytest.param("https:a.b", "a.b", id="no-slashes"),
        pytest.param("../a.md", None, id="relative"),
        pytest.param("xref:A.B", None, id="xref"),
        pytest.param("mailto:a@b.c", None, id="mailto"),
    ],
)
def test_url_host(url: str, host: str | None) -> None:
    assert m.url_host(m.decoded_url(url)) == host
