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
from pipeline.checks.safety_urls import _loads
from pipeline.checks.tokens.tags import with_sections

# helper-94: each of these made a 20 kB segment take 1-4 s to check (a 100 kB one, a minute):
# every opening read to the text's end to fail, then the next opening did the same
HOSTILE = ["[!div", "[!div\\", "[!code-", "[!code[", "[!notebook-x[", ":::code ",
           ":::code source", "source=", "\\", "[!code[]" + " " * 20, "[!code[" * 20 + "]"]


# helper-107/108/109: generic attribute blocks, labels left open over lines, backticks and
# pipes between the pairs' readers
HOSTILE += ["{#", "{a=", "{a = ", "{.", '{a="', "[\n", "[a\n", "`|", "`\n\n", "<a `", '{a="{" b=']


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
_COLON_CODE = re.compile(
    r":::[ \t]*+code(?![\w-])[^\n]*?(?<![\w-])source[ \t]*=[ \t]*(?:\"([^\"\n]*)|'([^'\n]*)"
    r"|([^\s\"':]+))", re.I)
_SECTION = re.compile(r"\[!div((?:[^\]\\]|\\.)*+)\]", re.I)
_FILE_DIRECTIVE = re.compile(
    r"\[!include-?\s*\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]"
    r"\(\s*<?((?:[^)\s>\\]|\\.)*)", re.I | re.S)


def _loads_reference(text: str) -> list[str]:
    out = _FILE_DIRECTIVE.findall(text) + [p.strip() for p in _SNIPPET.findall(text)]
    if ":::" in text:
        out.extend("".join(m) for m in _COLON_CODE.findall(text))
    return out


def _sections_reference(text: str) -> int:
    return len(_SECTION.findall(text)) if "[!" in text else 0


_PIECES = st.sampled_from([
    "[!code", "[!CODE-cs", "[!notebook-py", "-", "[", "]", "(", ")", "\\", "\n", " ", "\t",
    "a.cs", "?name=x", "#L1", '"', "'", ":::", "code", "source", "=", ":", "[!div",
    "[!include", "x", "](", "<", ">"])
_TEXTS = st.lists(_PIECES, max_size=24).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_the_linear_readers_read_as_the_regular_expressions(text: str) -> None:
    assert _loads(text) == _loads_reference(text)
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
    assert _loads(text) == _loads_reference(text)
    assert with_sections(text).count("\n<div ") == _sections_reference(text)
