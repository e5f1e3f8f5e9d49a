"""How often the terminology checks fire on the shared corpus, and a sample of hits to judge by
eye (the figures in docs/checks.md, "Terminology on the corpus").

    .venv/bin/python bench/terminology.py [--corpus DIR] [--sample 30] [--seed 15]

Terms: the corpus's own ``no-loc`` front matter lists, bench/terminology/no-loc.txt (a
docs-wide list of product names) and bench/terminology/glossary/<locale>.csv. Prints the hits
per check, locale and term, then a seeded random sample of each check's hits with the English
and the translation, for a person to mark right or wrong.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from pipeline.cli import main  # noqa: E402


def run(corpus: Path, sample: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        locales = root / "locales"
        config = root / "pyproject.toml"
        config.write_text(
            "[tool.pipeline]\n"
            f'no-loc-file = "{HERE / "terminology" / "no-loc.txt"}"\n'
            f'glossary = "{HERE / "terminology" / "glossary"}"\n', encoding="utf-8")
        base = ["--content", str(corpus), "--locales", str(locales), "-q", "--config",
                str(config)]
        assert main(["extract", *base]) in (0, 1)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["check", *base, "--select", "no-loc-changed,glossary-term",
                  "--format", "json"])
        found = json.loads(out.getvalue())
    by_check = collections.Counter(f["check"] for f in found)
    print(f"{len(found)} hits: {dict(sorted(by_check.items()))}")
    for check in sorted(by_check):
        hits = [f for f in found if f["check"] == check]
        locales_ = collections.Counter(f["file"].split("/bilingual/")[-1].split("/")[0]
                                       for f in hits)
        terms = collections.Counter(f["message"].split("'")[1] for f in hits)
        print(f"\n{check}: {len(hits)} hits; by locale {dict(sorted(locales_.items()))}")
        print(f"  by term: {dict(terms.most_common())}")
        print(f"  sample of {min(sample, len(hits))} (seed {seed}):")
        for n, f in enumerate(random.Random(seed).sample(hits, min(sample, len(hits))), 1):
            source, translation = segment(Path(f["file"]), f["segment"], f["line"])
            print(f"  {n:2}. {f['file'].split('/bilingual/')[-1]}:{f['line']} {f['message']}")
            print(f"      EN {source[:160]!r}")
            print(f"      TR {translation[:160]!r}")


def segment(path: Path, seg_id: str, line: int) -> tuple[str, str]:
    from pipeline.article import read_article

    article = read_article(path.read_bytes(), "xx/a.md")
    for seg in article.segments:
        if seg.id == seg_id and seg.line == line:
            return seg.source, seg.translation
    return "?", "?"


def cli() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path,
                   default=REPO.parent / "shared" / "corpus" / "bilingual")
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--seed", type=int, default=15)
    a = p.parse_args()
    run(a.corpus, a.sample, a.seed)


if __name__ == "__main__":
    cli()
