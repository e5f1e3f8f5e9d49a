"""Fuzz the article reader: ``python fuzz/fuzz_article.py --seconds 60`` (``make fuzz``).

For any bytes, ``read_article`` returns an Article or raises InputError, within a bounded time,
and what it returns is consistent: every segment's offsets point at its spans in the text.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fuzzing
from hypothesis import strategies as st

from pipeline.article import OPENER, read_article
from pipeline.findings import InputError

FRONT = [
    b"---\n", b"---\r\n", b"---", b"\n", b"\r\n", b"title: ", b"ms.date: 03/08/2021\n",
    b"ms.contentlocale: fr-FR\n", b"key: value\n", b"  - item\n", b"- ", b"[", b"]", b"{", b"}",
    b", ", b": ", b"&a ", b"*a ", b"&b [*a, *a]\n", b"!!python/object:os.system ", b"!tag ",
    b"!!str ", b"? ", b"'quoted'", b'"dq\\x41"', b"|\n  block\n", b">\n  folded\n", b"# c\n",
    b"...\n", b"%YAML 1.1\n", b"\t", b"  ", b"\xe2\x80\xa8", b"\xc2\x85", b"\x1b", b"\xff",
    b"\x00", b"\xef\xbb\xbf", b"title: x\n", b"title: y\n",
]
BODY = [
    b'<span data-ttu-id="a1b2c-101">', b'<span data-ttu-id="a1b2c-102">', b"</span>",
    b'<span class="sxs-lookup">', b'<span data-stu-id="a1b2c-101">',
    b'<span data-stu-id="a1b2c-102">', b"</span></span>", b"<span>", b"texte ", b"English ",
    b"\n", b"\r\n", b"  ", b"&quot;", b'<span data-ttu-id="18c18-207&quot;>', b"<b>", b"</b>",
    b"# ", b"| ", b"> ", b"[", b"](url)", b"\xc3\xa9", b"\xe2\x80\x8e",
]

INPUTS = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda a, b: a + b, fuzzing.pieces(FRONT), fuzzing.pieces(BODY)),
    fuzzing.mutated(fuzzing.seeds("content/*/*/*.md", "tests/data/bad/articles/*/*.md",
                                  "tests/data/bad/catalogs/article.md")),
)


def target(data: bytes) -> None:
    try:
        article = read_article(data, "fr-FR/fuzz.md")
    except InputError:
        return
    text = article.text
    assert text.encode("utf-8") == data
    assert 0 <= article.body_start <= len(text)
    for seg in article.segments:
        assert text.startswith(OPENER, seg.start), seg
        assert seg.start < seg.tr_start <= seg.tr_end < seg.src_start <= seg.src_end < seg.end
        assert article.line_of(seg.start) == (seg.line, seg.column)


if __name__ == "__main__":
    sys.exit(fuzzing.main("article", target, INPUTS))
