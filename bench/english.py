"""English in: the figures of the English-driven pipeline on the 642 English articles.

    python bench/english.py [--corpus DIR] [--runs N] [--keep DIR] [--json]

For each locale of ``<corpus>/english/MANIFEST.tsv`` (each English article belongs to one
locale's handoff, at the same path under ``<corpus>/bilingual``):

1. catalogs are extracted from the handoffs, in a tree of their own:
   ``pipeline extract --content <handoffs> --locales <catalogs>``;
2. ``pipeline locales`` runs on a tree holding ONLY the English (``content/en-US/…``) and a copy
   of those catalogs; then ``render --form bilingual`` on the same tree, which shows per pair
   what the localized page publishes.

Figures:

- segmentation: Microsoft's English segments reproduced, articles identical (``segmentation``);
- published: of Microsoft's translated pairs (a non-empty translation), the share whose
  translation the English-driven page publishes for the same English: the two pair lists
  aligned by English with ``difflib.SequenceMatcher``; the rest is split into English we do
  not segment as Microsoft did, and translations the checks refuse (which the sxs path does not
  publish either);
- links: in-page links of the localized pages broken by translation
  (``pipeline.source.links.broken_by_translation``), out of all their in-page links;
- cost: a cold English-driven ``locales`` against a cold ``locales`` on the same handoffs (the
  sxs path), per article, best of ``--runs``, each locale's tree a fresh process.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from segmentation import measure as measure_segments  # noqa: E402
from segmentation import report as segment_report  # noqa: E402

from pipeline.article import read_article, scan_segments  # noqa: E402
from pipeline.checks.base import Options  # noqa: E402
from pipeline.checks.registry import publishable  # noqa: E402
from pipeline.source.links import broken_by_translation, links  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus")
SOURCE = "en-US"
TARGET_PUBLISHED = 98.5


@dataclass(frozen=True)
class Tree:
    """One locale's trees: its handoffs, the catalogs extracted from them, its English."""

    locale: str
    root: Path
    rels: tuple[str, ...]  # paths under the locale folder

    @property
    def handoffs(self) -> Path:
        return self.root / "handoffs"

    @property
    def catalogs(self) -> Path:
        return self.root / "catalogs"

    @property
    def english(self) -> Path:
        return self.root / "english"


def manifest(corpus: Path) -> dict[str, list[str]]:
    lines = (corpus / "english" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    by_locale: dict[str, list[str]] = {}
    for line in lines[1:]:
        if line.strip():
            locale, _, rel = line.split("\t", 1)[0].partition("/")
            by_locale.setdefault(locale, []).append(rel)
    return by_locale


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def pipeline(python: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, "-m", "pipeline", *args, "-q"], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def build_trees(corpus: Path, root: Path, python: str) -> list[Tree]:
    """Per locale: the handoffs and the English linked in, catalogs extracted."""
    trees = []
    for locale, rels in sorted(manifest(corpus).items()):
        tree = Tree(locale, root / locale, tuple(rels))
        for rel in rels:
            _link(corpus / "bilingual" / locale / rel, tree.handoffs / locale / rel)
            _link(corpus / "english" / locale / rel, tree.english / SOURCE / rel)
        done = pipeline(python, "extract", "--content", str(tree.handoffs),
                        "--locales", str(tree.catalogs))
        if done.returncode not in (0, 1):
            raise SystemExit(f"extract failed on {tree.handoffs}:\n{done.stderr[-2000:]}")
        trees.append(tree)
    return trees


def locales_cmd(python: str, content: Path, work: Path, *extra: str) -> list[str]:
    """``locales`` on ``content`` with the catalogs and outputs of ``work``."""
    return [python, "-m", "pipeline", "locales", "--content", str(content), "--locales",
            str(work / "locales"), "--out", str(work / "out"), "-q", *extra]


def _timed(cmd: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return wall, cpu, done.returncode


@dataclass
class Cost:
    wall: float = 0.0
    cpu: float = 0.0


# The cold runs compared: (name, content tree, catalogs to start from: those extracted from the
# handoffs, none (an empty locale folder), or those another scenario's run left). "Cold": an
# empty output folder, so no run cache.
SCENARIOS = (
    ("english", "english", "handoffs"),  # English alone + the catalogs: the figure
    ("english-again", "english", "english"),  # ... once more, over the catalogs it left
    ("english-new", "english", "none"),  # English alone, no catalogs yet
    ("sxs", "handoffs", "none"),  # the sxs path as bench/run.py's cold row runs it
    ("sxs-again", "handoffs", "sxs"),  # ... once more, over the catalogs it left
)


def fresh_work(tree: Tree, work: Path, catalogs: Path | None) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if catalogs is not None:
        shutil.copytree(catalogs, work / "locales")
    else:  # the locale folder alone makes the locale a target of the English
        (work / "locales" / tree.locale).mkdir(parents=True)
    return work


def time_runs(python: str, trees: list[Tree], scratch: Path, runs: int) -> dict[str, Cost]:
    """Best of ``runs`` of the sum over the locale trees, for each scenario, interleaved. The
    work folders of the last round are kept (the English-driven ones give the other
    figures)."""
    best: dict[str, Cost] = {}
    for _ in range(runs):
        for name, content, start in SCENARIOS:
            cost = Cost()
            for tree in trees:
                catalogs = {"handoffs": tree.catalogs, "none": None}.get(
                    start, scratch / f"{start}-{tree.locale}" / "locales")
                subprocess.run(["sync"], check=False)
                work = fresh_work(tree, scratch / f"{name}-{tree.locale}", catalogs)
                root = tree.english if content == "english" else tree.handoffs
                wall, cpu, _ = _timed(locales_cmd(python, root, work))
                cost.wall, cost.cpu = cost.wall + wall, cost.cpu + cpu
            if name not in best or cost.wall < best[name].wall:
                best[name] = cost
    return best


@dataclass
class Published:
    translated: int = 0  # Microsoft's pairs with a translation
    published: int = 0  # ... whose translation the English-driven page publishes
    unmatched: int = 0  # ... whose English we segment otherwise
    refused: int = 0  # ... matched, but the checks refuse the translation
    other: int = 0
    samples: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float:
        return 100.0 * self.published / max(1, self.translated)


@dataclass
class Links:
    pages: int = 0
    links: int = 0
    broken: int = 0
    samples: list[str] = field(default_factory=list)


def compare(python: str, tree: Tree, work: Path, pub: Published, lnk: Links) -> None:
    """The published and link figures of one locale's English-driven run in ``work``."""
    bilingual = work / "bilingual"
    done = pipeline(python, "render", "--form", "bilingual", "--content", str(tree.english),
                    "--locales", str(work / "locales"), "--out", str(bilingual))
    if done.returncode not in (0, 1):
        raise SystemExit(f"render failed:\n{done.stderr[-2000:]}")
    options = Options(locale=tree.locale)
    for rel in tree.rels:
        handoff = read_article((tree.handoffs / tree.locale / rel).read_bytes(), rel)
        # the pairs alone: the English's front matter may hold YAML the reader refuses
        ours = scan_segments((bilingual / tree.locale / rel).read_text(encoding="utf-8"), 0,
                             rel)[0]
        theirs = [s for s in handoff.segments if s.translation]
        pub.translated += len(theirs)
        matcher = difflib.SequenceMatcher(None, [s.source for s in theirs],
                                          [s.source for s in ours], autojunk=False)
        matched: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                matched[block.a + k] = block.b + k
        for i, seg in enumerate(theirs):
            j = matched.get(i)
            if j is None:
                pub.unmatched += 1
            elif ours[j].translation == seg.translation:
                pub.published += 1
            elif not publishable(seg.source, seg.translation, options):
                pub.refused += 1
            else:
                pub.other += 1
                if len(pub.samples) < 10:
                    pub.samples.append(f"{tree.locale}/{rel}: {seg.source[:60]!r}: Microsoft "
                                       f"{seg.translation[:50]!r}, ours "
                                       f"{ours[j].translation[:50]!r}")
        english = (tree.english / SOURCE / rel).read_text(encoding="utf-8")
        localized = (work / "out" / tree.locale / rel).read_text(encoding="utf-8")
        broken = broken_by_translation(english, localized)
        lnk.pages += 1
        lnk.links += len(links(localized))
        lnk.broken += len(broken)
        lnk.samples.extend(f"{tree.locale}/{rel}: #{b}" for b in broken[:3])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--runs", type=int, default=3, help="best of N timed runs (default 3)")
    p.add_argument("--keep", type=Path, help="build the trees here and keep them")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    if not (args.corpus / "english" / "MANIFEST.tsv").is_file():
        print(f"no English corpus at {args.corpus}/english", file=sys.stderr)
        return 2
    python = sys.executable
    root = args.keep or Path(tempfile.mkdtemp(prefix="english-"))
    try:
        shutil.rmtree(root, ignore_errors=True)
        segments = measure_segments(args.corpus)
        trees = build_trees(args.corpus, root / "trees", python)
        costs = time_runs(python, trees, root / "work", max(1, args.runs))
        pub, lnk = Published(), Links()
        for tree in trees:
            compare(python, tree, root / "work" / f"english-{tree.locale}", pub, lnk)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    n = sum(len(t.rels) for t in trees)
    figures = {
        "articles": n, "segments_pct": segments.segment_pct, "articles_pct": segments.article_pct,
        "translated": pub.translated, "published": pub.published, "published_pct": pub.pct,
        "unmatched": pub.unmatched, "refused": pub.refused, "other": pub.other,
        "pages": lnk.pages, "inpage_links": lnk.links, "broken_links": lnk.broken,
        **{f"{name}_ms_per_article": 1000 * c.wall / n for name, c in costs.items()},
        **{f"{name}_cpu_ms_per_article": 1000 * c.cpu / n for name, c in costs.items()},
    }
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    ok = "met" if pub.pct >= TARGET_PUBLISHED else "NOT met"
    print(segment_report(segments))
    print("\n".join([
        f"Microsoft's translated pairs  {pub.translated}",
        f"  published for the same English  {pub.published} = {pub.pct:.2f} %  "
        f"(target {TARGET_PUBLISHED} %: {ok})",
        f"  English segmented otherwise     {pub.unmatched}",
        f"  refused by the checks           {pub.refused} (the sxs path publishes none of "
        "these either)",
        f"  other                           {pub.other}",
        f"in-page links broken by translation  {lnk.broken} of {lnk.links} in {lnk.pages} "
        "localized pages (target 0)",
        f"cold cost per article ({len(trees)} locale trees, a process each, best of "
        f"{args.runs}; wall, CPU in brackets):",
        *(f"  {label:<44} {1000 * costs[name].wall / n:6.2f} ms "
          f"({1000 * costs[name].cpu / n:.2f} ms)" for name, label in (
              ("english", "English-driven, catalogs from the handoffs"),
              ("english-again", "English-driven, the catalogs it left"),
              ("english-new", "English-driven, no catalogs yet"),
              ("sxs", "sxs path on the handoffs, no catalogs"),
              ("sxs-again", "sxs path on the handoffs, the catalogs it left"))),
    ]))
    for sample in pub.samples + lnk.samples[:10]:
        print(f"  {sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
