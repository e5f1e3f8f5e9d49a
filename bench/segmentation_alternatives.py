"""The choices behind the segmenter, measured: block finder and sentence splitter.

    python bench/segmentation_alternatives.py [--corpus DIR]

Runs ``bench/segmentation.py``'s measurement with each part swapped for an alternative:

- blocks: the hand-written CommonMark + DocFX scanner (``pipeline.segment.blocks``) or
  markdown-it-py's CommonMark parser with its table extension, its source maps (line ranges)
  turned into the same block records (DocFX's ``[!NOTE]``/``[!INCLUDE]``/``:::`` lines split
  out of its paragraphs, as the scanner does);
- sentences: the Markdown-aware punctuation rule (``pipeline.segment.sentences``), or pysbd
  (English, rule-based) on the same text, with the inline Markdown masked first or not.

Needs ``pip install markdown-it-py pysbd`` (bench/requirements-segmentation.txt); the pipeline
itself uses neither.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.segment import blocks as blocks_mod  # noqa: E402
from pipeline.segment import paragraphs, segmenter  # noqa: E402
from pipeline.segment.blocks import _DIRECTIVE, Block, BlockKind, line_ranges  # noqa: E402
from pipeline.segment.inline import Atom  # noqa: E402


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_segmentation",
                                                  ROOT / "bench" / "segmentation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- markdown-it-py blocks


def mdit_blocks(text: str, start: int = 0) -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    lines = line_ranges(text, start)
    tokens = md.parse(text[start:])
    out: list[Block] = []
    quoted = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind in ("paragraph_open", "heading_open") and tok.map:
            inline = tokens[i + 1]
            located = _locate(text, lines, tok.map, inline.content.split("\n"))
            if kind == "heading_open":
                out.append(Block(BlockKind.HEADING, tuple(located), int(tok.tag[1]), quoted > 0))
            else:
                out.extend(_split_directives(text, located, quoted > 0))
        elif kind == "table_open" and tok.map:
            rows = [_unquote(text, *lines[n]) for n in range(tok.map[0], tok.map[1])]
            out.append(Block(BlockKind.TABLE, tuple(rows), 0, quoted > 0))
        elif kind == "html_block" and tok.map:
            rows = [_unquote(text, *lines[n]) for n in range(tok.map[0], tok.map[1])]
            out.append(Block(BlockKind.HTML, tuple(rows), 0, quoted > 0))
        i += 1
    return out


def _unquote(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in "> \t":
        a += 1
    return a, b


def _locate(text: str, lines: Sequence[tuple[int, int]], span: Sequence[int],
            content: Sequence[str]) -> list[tuple[int, int]]:
    """Each content line found in its source line (markdown-it gives the text, not where)."""
    out: list[tuple[int, int]] = []
    for k, piece in enumerate(content):
        n = span[0] + k
        if n >= len(lines):
            break
        a, b = lines[n]
        source = text[a:b]
        at = source.rfind(piece) if piece else -1
        if at < 0:
            stripped = piece.strip()
            at = source.find(stripped) if stripped else len(source)
            piece = stripped
        out.append((a + max(at, 0), a + max(at, 0) + len(piece)))
    return out


def _split_directives(text: str, located: list[tuple[int, int]], quoted: bool) -> list[Block]:
    out: list[Block] = []
    current: list[tuple[int, int]] = []
    for a, b in located:
        if _DIRECTIVE.match(text, a, b):
            if current:
                out.append(Block(BlockKind.PARAGRAPH, tuple(current), 0, quoted))
                current = []
            continue
        current.append((a, b))
    if current:
        out.append(Block(BlockKind.PARAGRAPH, tuple(current), 0, quoted))
    return out


# ---------------------------------------------------------------- pysbd sentences

_segmenter: Any = None


def pysbd_split(masked: bool) -> Callable[..., list[tuple[int, int]]]:
    def split(text: str, atoms: Sequence[Atom], start: int = 0,
              end: int | None = None) -> list[tuple[int, int]]:
        global _segmenter
        if _segmenter is None:
            import pysbd

            _segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        end = len(text) if end is None else end
        chunk = text[start:end]
        if masked:  # inline Markdown made opaque, same length: no boundary inside it
            chars = list(chunk)
            for atom in atoms:
                for k in range(max(atom.start, start), min(atom.end, end)):
                    if not chars[k - start].isspace():
                        chars[k - start] = "x"
            chunk = "".join(chars)
        out: list[tuple[int, int]] = []
        for span in _segmenter.segment(chunk):
            a, b = start + span.start, start + span.end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
        return out

    return split


# ---------------------------------------------------------------- the runs

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    args = parser.parse_args(argv)
    bench = _bench()
    rule_split = paragraphs.split
    scanner = blocks_mod.scan_blocks
    variants: list[tuple[str, Any, Any]] = [
        ("scanner + rule (shipped)", scanner, rule_split),
        ("markdown-it-py + rule", mdit_blocks, rule_split),
        ("scanner + pysbd, inline Markdown masked", scanner, pysbd_split(True)),
        ("scanner + pysbd, raw", scanner, pysbd_split(False)),
    ]
    print(f"{'variant':42} {'segments %':>10} {'articles %':>10} {'ms/article':>10}")
    for name, find_blocks, split in variants:
        segmenter.scan_blocks = find_blocks  # type: ignore[assignment]
        paragraphs.split = split
        f = bench.measure(args.corpus)
        print(f"{name:42} {f.segment_pct:10.2f} {f.article_pct:10.2f} {f.ms_per_article:10.2f}")
    segmenter.scan_blocks = scanner  # type: ignore[assignment]
    paragraphs.split = rule_split
    return 0


if __name__ == "__main__":
    sys.exit(main())
