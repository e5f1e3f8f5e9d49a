"""Fuzz the English segmenter: ``python fuzz/fuzz_segment.py --seconds 60`` (``make fuzz``).

For any English Markdown, ``segment`` returns within a bounded time; ``render --form source``
gives the English back byte for byte; and the bilingual form, read back by the sxs reader,
holds exactly the segments (the English a handoff of the same file would give: the catalogs
of both paths then share their entries).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fuzzing
from hypothesis import strategies as st

from pipeline.article import read_article
from pipeline.render import Form
from pipeline.segment import segment_bytes
from pipeline.segment.model import Kind
from pipeline.source.render import render
from pipeline.source.units import english_meta, units_of

MARKDOWN = [
    b"# ", b"## ", b"Step 1. ", b"Q. ", b"etc. ", b"Inc. ", b"admin**. ", b"**Bold?** ",
    b"word ", b"Sentence. ", b"Why? ", b"how ", b"\n", b"\n\n", b"    ", b"\t", b"\r\n",
    b":::row:::\n", b"    :::column:::\n", b"        - [x](y.md)\n", b"    :::column-end:::\n",
    b'<a id="1"/></a>', b'<a name="x"></a>', b"<xref:A.B>", b". . . ", b"[link](u.md)",
    b"[Take it.](s.md)", b"https://e.com/x", b"\xe2\x80\xaf", b"\xc2\xa0", b"| ", b" | ",
    b"|---|---|\n", b"> ", b"> [!NOTE]\n", b"- ", b"1. ", b"`code`", b"*em*", b"_", b"\\",
    b':::no-loc text="TIN":::', b"![alt](i.png)", b"<br>", b"<div>\n", b"</div>\n", b"```\n",
    b"[!INCLUDE[x](y.md)]", b"---\ntitle: A title. Two.\n---\n", b"&amp; ", b"\xc3\xa9",
]
INPUTS = st.one_of(
    fuzzing.pieces(MARKDOWN, max_size=120),
    fuzzing.mutated(fuzzing.seeds("content/en-US/*.md", "tests/data/segment/*.md")),
)
_PAIRED = (Kind.TEXT, Kind.HEADING, Kind.CELL, Kind.HTML)


def target(data: bytes) -> None:
    english = segment_bytes(data, "fuzz.md")
    if english.findings:  # not text the pipeline reads (a NUL byte), front matter it refuses
        return  # (then so is the bilingual form's, a copy of it): reported, not a crash
    text = english.text
    units = units_of(english, "fuzz.md")
    meta = english_meta(english)
    english_only = [u.source for u in units]
    assert render(english, units, english_only, Form.SOURCE, "fr-FR", meta) == text
    render(english, units, [f"T{i}" for i in range(len(units))], Form.LOCALIZED, "fr-FR", meta)
    bilingual = render(english, units, english_only, Form.BILINGUAL, "fr-FR", meta)
    article = read_article(bilingual.encode("utf-8", "surrogatepass"), "fr-FR/fuzz.md")
    assert [s.source for s in article.segments] == [
        u.source for u in units if u.kind in _PAIRED], text


if __name__ == "__main__":
    sys.exit(fuzzing.main("segment", target, INPUTS))
