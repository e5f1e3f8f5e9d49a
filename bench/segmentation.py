"""How closely `pipeline segment` reproduces Microsoft's segmentation of English Markdown.

    python bench/segmentation.py [--corpus DIR] [--json] [--disagreements FILE]

For each English article of ``<corpus>/english`` (its ``MANIFEST.tsv``), the ground truth is the
list of English spans of the handoff at the same path under ``<corpus>/bilingual``, in order, as
``pipeline.article`` reads them (catalog form: a span's edge line breaks and CRLF aside; the
segmenter gives that same form). Figures:

- segments: the share of Microsoft's segments that the segmenter reproduces exactly, aligned in
  order with ``difflib.SequenceMatcher`` (no junk heuristic) over the two lists of strings: the
  sum of the matching blocks' sizes over the number of Microsoft's segments;
- precision: the same matches over the number of segments the segmenter gave;
- articles: the share of articles whose whole sequence equals Microsoft's;
- ids: in the identical articles, those whose every id number (the part after the prefix) is
  Microsoft's too;
- time: segmentation alone (reading and decoding aside), per article.

``--disagreements FILE`` writes every unmatched stretch, article by article, for error analysis.

``--proxy`` measures instead the handoffs of ``<corpus>/bilingual`` that have no English source,
each made into its English by putting every pair's English span in place of the pair: a proxy
for English never seen (other repositories), with its biases: lines Microsoft joined are
already joined, its escapes already written, and its merged ``-p`` segments count as misses.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.article import Article, read_article  # noqa: E402
from pipeline.findings import InputError  # noqa: E402
from pipeline.segment import segment  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus")
TARGET_SEGMENTS = 99.0
TARGET_ARTICLES = 85.0


@dataclass(frozen=True)
class Figures:
    articles: int
    microsoft: int
    ours: int
    matched: int
    identical: int
    ids_checked: int  # identical articles
    ids_equal: int  # ... whose id numbers are Microsoft's as well
    seconds: float

    @property
    def segment_pct(self) -> float:
        return 100.0 * self.matched / max(1, self.microsoft)

    @property
    def precision_pct(self) -> float:
        return 100.0 * self.matched / max(1, self.ours)

    @property
    def article_pct(self) -> float:
        return 100.0 * self.identical / max(1, self.articles)

    @property
    def id_pct(self) -> float:
        return 100.0 * self.ids_equal / max(1, self.ids_checked)

    @property
    def ms_per_article(self) -> float:
        return 1000.0 * self.seconds / max(1, self.articles)


def manifest(corpus: Path) -> list[str]:
    lines = (corpus / "english" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[0] for line in lines[1:] if line.strip()]


def english_of(handoff: Article) -> str:
    """The handoff with each pair replaced by its English span: its English, near enough."""
    text = handoff.text
    parts: list[str] = []
    pos = 0
    for seg in handoff.segments:
        parts.append(text[pos:seg.start])
        parts.append(text[seg.src_start:seg.src_end])
        pos = seg.end
    parts.append(text[pos:])
    return "".join(parts)


def _pairs(corpus: Path, proxy: bool) -> Iterator[tuple[str, Article, str]]:
    """(path, handoff, English text) of each article measured."""
    if not proxy:
        for rel in manifest(corpus):
            handoff = read_article((corpus / "bilingual" / rel).read_bytes(), rel)
            yield rel, handoff, (corpus / "english" / rel).read_bytes().decode("utf-8")
        return
    with_english = set(manifest(corpus)) if (corpus / "english" / "MANIFEST.tsv").is_file() \
        else set()
    listed = corpus / "MANIFEST.tsv"
    if listed.is_file():
        lines = listed.read_text(encoding="utf-8").splitlines()[1:]
        rels = [line.split("\t", 1)[0].removeprefix("bilingual/") for line in lines]
    else:  # a tree of handoffs alone: every article in it
        root = corpus / "bilingual"
        rels = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    for rel in rels:
        if rel in with_english:
            continue
        try:
            handoff = read_article((corpus / "bilingual" / rel).read_bytes(), rel)
        except InputError:
            continue
        if not handoff.problems:  # a broken pair leaves no clean English to rebuild
            yield rel, handoff, english_of(handoff)


def measure(corpus: Path, disagreements: list[str] | None = None,
            proxy: bool = False) -> Figures:
    articles = microsoft = ours_n = matched = identical = ids_checked = ids_equal = 0
    seconds = 0.0
    for rel, handoff, text in _pairs(corpus, proxy):
        truth = [s.source for s in handoff.segments]
        truth_ids = [s.id.split("-", 1)[1] for s in handoff.segments]
        started = time.perf_counter()
        result = segment(text, rel)
        seconds += time.perf_counter() - started
        ours = [s.source for s in result.segments]
        articles += 1
        microsoft += len(truth)
        ours_n += len(ours)
        identical += ours == truth
        matcher = difflib.SequenceMatcher(None, truth, ours, autojunk=False)
        blocks = matcher.get_matching_blocks()
        matched += sum(b.size for b in blocks)
        if ours == truth:
            ids_checked += 1
            ids_equal += truth_ids == [str(seg.number) for seg in result.segments]
        if disagreements is not None and ours != truth:
            disagreements.append(f"=== {rel}")
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                for k in range(i1, i2):
                    disagreements.append(f"- {truth_ids[k]:>6} {truth[k]!r}")
                for k in range(j1, j2):
                    seg = result.segments[k]
                    disagreements.append(f"+ {seg.number:>6} {seg.source!r}  @{seg.line}")
                disagreements.append("")
    return Figures(articles, microsoft, ours_n, matched, identical, ids_checked, ids_equal,
                   seconds)


def report(f: Figures, proxy: bool = False) -> str:
    if proxy:
        return "\n".join([
            "proxy: handoffs without English, their English rebuilt from their English spans",
            f"articles                      {f.articles}",
            f"segments reproduced exactly   {f.matched} of {f.microsoft} = {f.segment_pct:.2f} %",
            f"articles identical            {f.identical} = {f.article_pct:.2f} %",
            f"time                          {f.ms_per_article:.2f} ms per article",
        ])
    ok_s = "met" if f.segment_pct >= TARGET_SEGMENTS else "NOT met"
    ok_a = "met" if f.article_pct >= TARGET_ARTICLES else "NOT met"
    return "\n".join([
        f"articles                      {f.articles}",
        f"Microsoft's segments          {f.microsoft}",
        f"segments given                {f.ours}",
        f"segments reproduced exactly   {f.matched} = {f.segment_pct:.2f} %"
        f"  (target {TARGET_SEGMENTS} %: {ok_s}; difflib.SequenceMatcher alignment)",
        f"precision                     {f.precision_pct:.2f} %",
        f"articles identical            {f.identical} = {f.article_pct:.2f} %"
        f"  (target {TARGET_ARTICLES} %: {ok_a})",
        f"ids equal                     {f.ids_equal} of {f.ids_checked} identical articles"
        f" = {f.id_pct:.2f} %",
        f"time                          {f.seconds:.2f} s = {f.ms_per_article:.2f} ms per article",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--disagreements", type=Path, metavar="FILE",
                        help="write every disagreement with Microsoft to FILE")
    parser.add_argument("--proxy", action="store_true",
                        help="the handoffs without English, their English rebuilt from them")
    args = parser.parse_args(argv)
    if args.proxy and not (args.corpus / "bilingual").is_dir():
        print(f"no handoffs at {args.corpus}/bilingual", file=sys.stderr)
        return 2
    if not args.proxy and not (args.corpus / "english" / "MANIFEST.tsv").is_file():
        print(f"no English corpus at {args.corpus}/english", file=sys.stderr)
        return 2
    lines: list[str] | None = [] if args.disagreements else None
    figures = measure(args.corpus, lines, args.proxy)
    if args.disagreements and lines is not None:
        args.disagreements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps({**figures.__dict__, "segment_pct": figures.segment_pct,
                          "article_pct": figures.article_pct,
                          "ms_per_article": figures.ms_per_article}, indent=1))
    else:
        print(report(figures, args.proxy))
    return 0


if __name__ == "__main__":
    sys.exit(main())
