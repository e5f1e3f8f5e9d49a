"""The DocFX directive readers of the safety rules (include-added's code snippets and ':::code',
html-added's and event-handler's '[!div …]' sections) run on every segment: read in time
linear in the text, whatever a translation repeats, and as the plain regular expressions read
them (kept here as the reference)."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks import segment_issues
from pipeline.checks.base import Options
from pipeline.checks.tokens.loads import loaded_paths
from pipeline.checks.tokens.tags import with_sections

# helper-94: each of these made a 20 kB segment take 1-4 s to check (a 100 kB one, a minute):
# every opening read to the text's end to fail, then the next opening did the same
HOSTILE = ["[!div", "[!div\\", "[!code-", "[!code[", "[!notebook-x[", ":::code ",
           ":::code source", "source=", "\\", "[!code[]" + " " * 20, "[!code[" * 20 + "]"]


# helper-107/108/109: generic attribute blocks, labels left open over lines, backticks and
# pipes between the pairs' readers
HOSTILE += ["{#", "{a=", "{a = ", "{.", '{a="', "[\n", "[a\n", "`|", "`\n\n", "<a `", '{a="{" b=']
# helper-131: DocFX's readers (includes, values over lines, media images, xrefs, no-loc texts)
HOSTILE += ["[!include[", "[!include+[](", "[!include [a[", "[!include[](<", ':::image source="',
            ':::a x="\n', ':::video link="\n"', 'source="\n:::', "![", "![\\[", "![a](",
            "![[a]", "](", '](&quot;', '@"', "@x", "<xref:", "xref:a?", ':::no-loc text="\\']


@pytest.mark.parametrize("piece", HOSTILE)
def test_a_repeated_directive_opening_is_checked_in_linear_time(piece: str) -> None:
    text = piece * (40_000 // len(piece)) + ("]:" if piece.startswith("[\n") or piece == "[a\n"
                                              else "")
    start = time.perf_counter()
    segment_issues("Text.", text, Options(locale="fr-FR"))
    assert time.perf_counter() - start < 1.5


# the readers as regular expressions (quadratic on the texts above), for reference
_SNIPPET = re.compile(
    r"\[!(?:code|notebook)(?:-[^\[\n]*+)?\[(?:[^\]\\]|\\.)*\]\s*\(\s*((?:[^)#?\"\\]|\\.)*)",
    re.I | re.S)
# ':::code' read as DocFX reads a directive's attributes: one after another from its name on
# (a 'source=' inside another's value is none: review, h158)
_ATTRIBUTE = (r"[ \t]*([A-Za-z][\w-]*)[ \t]*(?:=[ \t]*(?:\"([^\"]*)\"?|'([^'\n]*)'?"
              r"|((?:[^\s\"':]|:(?!::))*)))?")
_COLON_CODE = re.compile(r"(?=:::[ \t]*code(?![\w-])((?:" + _ATTRIBUTE + r")*))", re.I)
_SECTION = re.compile(r"\[!div((?:[^\]\\]|\\.)*+)\]", re.I)
_FILE_DIRECTIVE = re.compile(
    r"\[!include-?\s*\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]"
    r"\(\s*<?((?:[^)\s>\\]|\\.)*)", re.I | re.S)
_INCLUDE = re.compile(  # as DocFX's include parsers read one (helper-131)
    r"\[!include[-+]?\s*\[(?:[^\]\\]|\\.)*\]\(\s*(?:<((?:[^)>\t-\r \\]|\\[^\t-\r ])*)"
    r"|((?:[^)\t-\r \\]|\\[^\t-\r ])*))",
    re.I | re.S)


def _loads_reference(text: str) -> list[str]:
    out = _FILE_DIRECTIVE.findall(text)
    out += ["".join(m).strip() for m in _INCLUDE.findall(text)]
    out += [p.strip() for p in _SNIPPET.findall(text)]
    if ":::" in text:
        out.extend("".join(v) for m in _COLON_CODE.finditer(text)
                   for name, *v in re.findall(_ATTRIBUTE, m.group(1))
                   if name.lower() == "source")
    return out


def _sections_reference(text: str) -> int:
    return len(_SECTION.findall(text)) if "[!" in text else 0


_PIECES = st.sampled_from([
    "[!code", "[!CODE-cs", "[!notebook-py", "-", "[", "]", "(", ")", "\\", "\n", " ", "\t",
    "a.cs", "?name=x", "#L1", '"', "'", ":::", "code", "source", "=", ":", "[!div",
    "[!include", "x", "](", "<", ">", "+", "[!include+[", "[!INCLUDE-[", "\u00a0", "\x0b"])
_TEXTS = st.lists(_PIECES, max_size=24).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_the_linear_readers_read_as_the_regular_expressions(text: str) -> None:
    assert loaded_paths(text) == _loads_reference(text)
    assert with_sections(text).count("\n<div ") == _sections_reference(text)


@pytest.mark.parametrize("text", [
    "[!code-x[a [!code-]y[b](p)]",
    "[!code-cs[a\\]b](x.cs)] [!code-cs[c](y.cs)]",
    ":::code source=\"a.cs\" :::code source='b.cs':::",
    ":::code lang=x\nsource=a.cs :::code x source=b.cs",
    "source=\":::code source=b.cs",
    "[!div class=\"a\\]\"] [!div\\\n] [!div b]",
])
def test_the_linear_readers_agree_on_tricky_texts(text: str) -> None:
    assert loaded_paths(text) == _loads_reference(text)
    assert with_sections(text).count("\n<div ") == _sections_reference(text)


_OLD_PAYLOAD = re.compile(  # bare_schemes's script payload as it was read (quadratic)
    r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*"
    r"[^\s)\]*>|\x7f-\uffff][^\s]*?[(=`'\"%&\\]")


@given(st.lists(st.sampled_from(["javascript:", "data:", " ", "\u00a0", "\ufeff", "(", ")",
                                 "=", "x", "\\", "&#58;", "\n", "]", "é", "/", ","]),
                max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_bare_schemes_counts_as_the_payload_expression_did(text: str) -> None:
    import html

    from pipeline.checks.tokens.schemes import _DATA_PAYLOAD, _SCHEME, _SCHEME_CHARS, bare_schemes
    low = (html.unescape(text) if "&" in text else text).replace("\\", "").lower()
    old = sum(1 for m in _SCHEME.finditer(low)
              if (not m.start() or low[m.start() - 1] not in _SCHEME_CHARS)
              and (_DATA_PAYLOAD if m.group().startswith("d") else _OLD_PAYLOAD).match(
                  low, m.end()))
    assert bare_schemes(text) == old


@pytest.mark.parametrize("piece", ["javascript:", "vbscript:", "javascript:\ufeff", "data:x"])
def test_bare_schemes_reads_a_repeated_scheme_in_linear_time(piece: str) -> None:
    """helper-129: each scheme's code was looked for up to the next white space: a 55 kB
    translation of 'javascript:' repeated took 19 s to publish (unsafe-url and the joins
    count bare schemes in every text near a pair)."""
    from pipeline.checks.tokens.schemes import bare_schemes

    start = time.perf_counter()
    bare_schemes(piece * (100_000 // len(piece)))
    assert time.perf_counter() - start < 0.5


def test_a_long_word_before_an_escape_is_read_in_linear_time() -> None:
    """may_be_active reads each word with an escape: a match was tried from every position of
    each word before it, reading the word's rest each time (a 40 kB word took 2 s; the look
    at the markup between the pairs reads every page's)."""
    from pipeline.checks.safety import may_be_active

    start = time.perf_counter()
    assert not may_be_active("a" * 60_000 + " %41")
    assert time.perf_counter() - start < 0.5


@given(st.lists(st.sampled_from(["a", "&", "%", " ", "\n", "\u3000", "x:", ";", "#"]),
                max_size=14).map("".join))
@settings(max_examples=400, deadline=None)
def test_escaped_words_are_those_the_unanchored_expression_found(text: str) -> None:
    from pipeline.checks.safety_urls import ESCAPED_WORD

    assert ESCAPED_WORD.findall(text) == re.findall(r"[^\s&%]*+[&%]\S*+", text)


def test_a_translation_cut_into_many_table_cells_is_checked_in_linear_time() -> None:
    """h189: markup-open reads each of a translation's '|' cells alone, and each read parsed
    the English's code spans again: 3,000 cells against a 10 kB English took 4 s (a 100 kB
    segment, half a minute)."""
    english = "Run " + " ".join(f'`c{i}` <b>x{i}</b> <a href="a{i}.md" title="t">y</a>'
                                for i in range(200)) + " now."
    text = ("|<b>x1</b> `c1`" * 3000)[:40_000]
    start = time.perf_counter()
    segment_issues(english, text, Options(locale="fr-FR"))
    assert time.perf_counter() - start < 1.5
