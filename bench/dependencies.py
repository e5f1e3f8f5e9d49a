"""The figures of docs/dependencies.md: what polib, python-frontmatter, BeautifulSoup and nh3
would do to the corpus, beside the pipeline's own reader and rules.

    .venv/bin/python bench/dependencies.py [--corpus DIR]

Runs itself again in bench/.venv (where the libraries are pinned, never in the project's venv),
with the project on the path. Builds the corpus catalogs with a cold ``locales`` run first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"


def _files(root: Path, suffix: str) -> list[Path]:
    return sorted(p for p in root.rglob(f"*{suffix}") if p.is_file())


def polib_figures(catalogs: Path) -> None:
    import polib

    from pipeline.catalog import parse_po_bytes
    from pipeline.catalog.reader import _parse as parse_strictly

    files = _files(catalogs, ".po")
    datas = [p.read_bytes() for p in files]
    best_polib = best_ours = best_strict = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        read = [polib.pofile(d.decode()) for d in datas]
        best_polib = min(best_polib, time.perf_counter() - t)
        t = time.perf_counter()
        for d, p in zip(datas, files, strict=True):
            parse_strictly(d, str(p), None)  # the line-by-line grammar alone
        best_strict = min(best_strict, time.perf_counter() - t)
        t = time.perf_counter()
        for d, p in zip(datas, files, strict=True):
            parse_po_bytes(d, str(p))  # the fast path for gettext's layout, else the grammar
        best_ours = min(best_ours, time.perf_counter() - t)
    wrapped = sum(str(po).encode() != d for po, d in zip(read, datas, strict=True))
    unwrapped = sum(str(polib.pofile(d.decode(), wrapwidth=0)).encode() != d for d in datas)
    print(f"polib: re-saving {len(files)} gettext-canonical catalogs changes {wrapped} "
          f"(default width), {unwrapped} (wrapwidth=0); read best of 3: polib {best_polib:.2f} s, "
          f"ours strictly {best_strict:.2f} s, ours {best_ours:.2f} s")
    bad = _files(REPO / "tests" / "data" / "bad" / "catalogs", ".po")
    accepted = []
    for path in bad:
        try:
            polib.pofile(str(path))
        except Exception:  # polib raises OSError or ValueError, by version
            continue
        accepted.append(path.name)
    print(f"polib: reads {len(accepted)} of {len(bad)} broken catalogs without error: "
          f"{', '.join(accepted)}")


def front_matter_figures(articles: list[Path]) -> None:
    import frontmatter

    changed = 0
    for path in articles:
        data = path.read_bytes()
        out = frontmatter.dumps(frontmatter.loads(data.decode())).encode()
        changed += out not in (data, data.rstrip(b"\n"))
    print(f"python-frontmatter: loads + dumps changes {changed} of {len(articles)} articles")


def html_parser_figures(articles: list[Path]) -> None:
    from bs4 import BeautifulSoup

    t = time.perf_counter()
    changed = sum(str(BeautifulSoup(p.read_text(), "html.parser")).encode() != p.read_bytes()
                  for p in articles)
    print(f"beautifulsoup4 (html.parser): re-serialising changes {changed} of {len(articles)} "
          f"articles, {time.perf_counter() - t:.1f} s")


def sanitiser_figures(articles: list[Path]) -> None:
    import nh3

    from pipeline.article import read_article

    total = altered = flagged = 0
    for path in articles:
        for seg in read_article(path.read_bytes(), str(path)).segments:
            total += 1
            text, english = seg.translation, seg.source
            if nh3.clean(text) != text:
                altered += 1
                if "<" in text:
                    kept_t = nh3.clean(text).replace("&lt;", "<").replace("&gt;", ">")
                    kept_e = nh3.clean(english).replace("&lt;", "<").replace("&gt;", ">")
                    flagged += len(text) - len(kept_t) > len(english) - len(kept_e)
    print(f"nh3: clean() alters {altered} of {total} translations "
          f"({100 * altered / total:.1f} %); as a detector it flags {flagged}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if os.environ.get("PIPELINE_BENCH_DEPS") != "1":
        sys.path.insert(0, str(BENCH))
        from toolenv import ensure

        env = {**os.environ, "PIPELINE_BENCH_DEPS": "1", "PYTHONPATH": str(REPO)}
        return subprocess.run([str(ensure()), __file__, "--corpus", str(args.corpus)],
                              env=env, check=False).returncode
    articles = _files(args.corpus, ".md")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pipeline", "extract", "--content", str(args.corpus),
                        "--locales", tmp, "-q"], check=False, stderr=subprocess.DEVNULL)
        polib_figures(Path(tmp))
    front_matter_figures(articles)
    html_parser_figures(articles)
    sanitiser_figures(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
