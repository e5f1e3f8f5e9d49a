"""The translation memory's figures on the shared corpus, one command:

    python bench/memory.py [--corpus DIR] [--locales fr-FR,de-DE] [--runs N] [--no-timing]

Leave-out, per locale: the catalogs of 80 % of the articles (chosen by a hash of the path, so
the split is the same on every machine) make the memory; the other 20 % are new. A held-out
article whose English source is in the corpus (``english/<locale>/...``, see its MANIFEST.tsv)
is given as that source article: its English segmented as the English-driven path does
(``pipeline.segment``, ``source.units``), each unit compared with the translation the handoff
lends it (``source.handoff.lend``; units the handoff has no translation for are left out).
The others are given as their handoff's English segments, each compared with the translation
its handoff holds (human or machine).

- exact: of the new segments whose English is in the memory, how many the fill gives a
  translation (coverage), and how often it equals the held-out one; beside it the plain
  majority translation (most entries, reviewed or not) and ``msgmerge --compendium``; and
  how many held-out translations the majority equals that the segment rules refuse (the fill
  never offers those);
- close: of the others, how many get a close-match suggestion (>= 75 %, passing the segment
  rules), and the character F-score (chrF, beta 2, n-grams 1-6) of the suggestion against the
  held-out translation, beside the English's own (what an empty entry gives a translator);
- rapidfuzz against difflib on a sample of the close lookups: time and agreement;
- a cold ``locales`` run over the whole corpus with and without the memory, and the no-op
  rerun (best of --runs, interleaved).

Output: a Markdown report on stdout, also written to bench/memory-results.md.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from pipeline import checks  # noqa: E402
from pipeline.article import Article, read_article  # noqa: E402
from pipeline.catalog import Message, format_po  # noqa: E402
from pipeline.checks.base import Options  # noqa: E402
from pipeline.findings import InputError, Severity  # noqa: E402
from pipeline.memory.fill import filled_entry  # noqa: E402
from pipeline.memory.index import MIN_CLOSE, Index, build  # noqa: E402
from pipeline.memory.rows import catalog_rows, provenance  # noqa: E402
from pipeline.merge import merge  # noqa: E402
from pipeline.segment import segment_bytes  # noqa: E402
from pipeline.source.handoff import lend  # noqa: E402
from pipeline.source.units import units_of  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bilingual"
THRESHOLD = 0.75


def held_out(rel: str) -> bool:
    """One article in five, by a hash of its path: the same split everywhere."""
    return hashlib.sha256(rel.encode()).digest()[0] % 5 == 0


def chrf(hyp: str, ref: str, n_max: int = 6, beta: float = 2.0) -> float:
    """Sentence chrF (Popović 2015): character n-gram F-beta, averaged over n = 1..6,
    spaces removed as sacrebleu does."""
    hyp, ref = hyp.replace(" ", ""), ref.replace(" ", "")
    precisions, recalls = [], []
    for n in range(1, n_max + 1):
        h = Counter(hyp[i : i + n] for i in range(len(hyp) - n + 1))
        r = Counter(ref[i : i + n] for i in range(len(ref) - n + 1))
        if not h or not r:
            continue
        common = sum((h & r).values())
        precisions.append(common / sum(h.values()))
        recalls.append(common / sum(r.values()))
    if not precisions:
        return 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if p + r == 0:
        return 0.0
    return 100 * (1 + beta**2) * p * r / (beta**2 * p + r)


def articles(corpus: Path, locale: str) -> list[tuple[str, bytes]]:
    out = []
    for path in sorted((corpus / locale).rglob("*.md")):
        out.append((path.relative_to(corpus).as_posix(), path.read_bytes()))
    return out


def majority(index: Index, source: str) -> str | None:
    """The plain majority: the translation most entries hold, reviewed or not."""
    choices = index.exact(source)
    if not choices:
        return None
    return min(choices, key=lambda c: (-c.total, c.target)).target


def msgmerge_compendium(catalogs: list[bytes], queries: list[str], work: Path
                        ) -> tuple[dict[str, tuple[str, bool]], float]:
    """msgmerge --compendium over the memory's catalogs: {English: (translation, fuzzy)}."""
    comp_parts = []
    for n, data in enumerate(catalogs):
        p = work / f"c{n}.po"
        p.write_bytes(data)
        comp_parts.append(str(p))
    listing = work / "files.txt"
    listing.write_text("\n".join(comp_parts) + "\n")
    comp = work / "compendium.po"
    subprocess.run(["msgcat", "--use-first", "-f", str(listing), "-o", str(comp)], check=True,
                   capture_output=True)
    pot = work / "new.pot"
    entries = [Message(q) for q in dict.fromkeys(queries)]
    from pipeline.catalog import Catalog

    pot.write_text(format_po(Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),),
                                     messages=tuple(entries))), encoding="utf-8")
    empty = work / "empty.po"
    empty.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                     encoding="utf-8")
    out = work / "merged.po"
    started = time.perf_counter()
    subprocess.run(["msgmerge", "--quiet", "--no-wrap", f"--compendium={comp}", "-o", str(out),
                    str(empty), str(pot)], check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    from pipeline.catalog import parse_po_bytes

    merged = parse_po_bytes(out.read_bytes(), str(out))
    return {m.msgid: (m.msgstr, m.fuzzy) for m in merged.messages if m.msgstr}, elapsed


def held_out_pairs(article: Article, english: Path) -> list[tuple[str, str]] | None:
    """(English, held-out translation) of a held-out article given as its English source
    article, or None when the corpus has no English source for it (or it cannot be read)."""
    if not english.is_file():
        return None
    try:
        segmented = segment_bytes(english.read_bytes(), str(english))
    except InputError:
        return None
    within = article.rel.split("/", 1)[1]
    units = units_of(segmented, within)
    return [(u.source, tr) for u, tr in zip(units, lend(units, segmented.text, article),
                                             strict=True)]


def evaluate(corpus: Path, locale: str, work: Path) -> dict[str, object]:
    memory_rows: list[tuple[str, tuple[tuple[str, str, bool], ...]]] = []
    catalogs: list[bytes] = []
    new: list[tuple[str, str, bool]] = []  # (English, held-out translation, human)
    by_english = by_handoff = 0  # held-out articles given as English source / handoff English
    for rel, data in articles(corpus, locale):
        try:
            article = read_article(data, rel, rel)
        except InputError:
            continue
        if held_out(rel):
            seen: set[str] = set()
            human = (article.meta.get("ms.translationtype") or "").strip().upper() != "MT"
            pairs = held_out_pairs(article, corpus.parent / "english" / rel)
            if pairs is None:
                by_handoff += 1
                pairs = [(seg.source, seg.translation) for seg in article.segments]
            else:
                by_english += 1
            for source, translation in pairs:
                if source and translation and source not in seen:
                    seen.add(source)
                    new.append((source, translation, human))
            continue
        catalog = merge(article, None)
        memory_rows.append((rel, catalog_rows(catalog)))
        catalogs.append(format_po(catalog).encode())
    started = time.perf_counter()
    index = build(memory_rows)
    build_s = time.perf_counter() - started
    checker = checks.SegmentChecker(Options(locale=locale))

    def safe(source: str, text: str) -> bool:
        return all(sev < Severity.ERROR for _, sev, _ in checker.issues(source, text))

    exact_known = exact_filled = exact_equal = majority_equal = majority_refused = 0
    human_known = human_equal = human_majority = 0
    close_queries = close_got = 0
    chrf_sugg: list[float] = []
    chrf_english: list[float] = []
    close_sample: list[str] = []
    started = time.perf_counter()
    for source, reference, human in new:
        if index.exact(source):
            exact_known += 1
            got = filled_entry(Message(source), index, safe, THRESHOLD, False)
            prov = provenance(got) if got is not None else None
            equal = got is not None and prov is not None and prov.exact \
                and got.msgstr == reference
            if got is not None and prov is not None and prov.exact:
                exact_filled += 1
                exact_equal += equal
            by_majority = majority(index, source) == reference
            majority_equal += by_majority
            majority_refused += by_majority and not safe(source, reference)
            if human:
                human_known += 1
                human_equal += equal
                human_majority += by_majority
            continue
        if len(source) < MIN_CLOSE:
            continue
        close_queries += 1
        if len(close_sample) < 60:
            close_sample.append(source)
        got = filled_entry(Message(source), index, safe, THRESHOLD, False)
        if got is not None:
            close_got += 1
            chrf_sugg.append(chrf(got.msgstr, reference))
            chrf_english.append(chrf(source, reference))
    fill_s = time.perf_counter() - started

    # rapidfuzz (the index) against difflib over the same length band, on a sample
    started = time.perf_counter()
    fast = [index.close(q, THRESHOLD, 1) for q in close_sample]
    fast_s = time.perf_counter() - started
    started = time.perf_counter()
    slow = [difflib_best(index, q) for q in close_sample]
    slow_s = time.perf_counter() - started
    agree = sum((f[0].source if f else None) == s for f, s in zip(fast, slow, strict=True))

    # msgmerge --compendium on the same catalogs and new English
    queries = [s for s, _, _ in new]
    gettext, gettext_s = msgmerge_compendium(catalogs, queries, work)
    # msgmerge's translation of known English, fuzzy or not (a compendium's machine
    # translations are fuzzy, and msgmerge then keeps them fuzzy)
    gt_exact = sum(1 for s, _, _ in new if index.exact(s) and s in gettext)
    gt_equal = sum(1 for s, ref, _ in new if index.exact(s) and gettext.get(s, ("",))[0] == ref)
    gt_fuzzy = sum(1 for s, _, _ in new
                   if not index.exact(s) and len(s) >= MIN_CLOSE and s in gettext)
    return {
        "locale": locale, "memory": len(index), "new": len(new), "exact_known": exact_known,
        "exact_filled": exact_filled, "exact_equal": exact_equal,
        "majority_equal": majority_equal, "majority_refused": majority_refused,
        "by_english": by_english, "by_handoff": by_handoff, "close_queries": close_queries,
        "human_known": human_known, "human_equal": human_equal,
        "human_majority": human_majority,
        "close_got": close_got,
        "chrf_sugg": sum(chrf_sugg) / len(chrf_sugg) if chrf_sugg else 0.0,
        "chrf_english": sum(chrf_english) / len(chrf_english) if chrf_english else 0.0,
        "build_s": build_s, "fill_s": fill_s, "sample": len(close_sample), "fast_s": fast_s,
        "slow_s": slow_s, "agree": agree, "gt_exact": gt_exact, "gt_equal": gt_equal,
        "gt_fuzzy": gt_fuzzy, "gt_s": gettext_s,
    }


def difflib_best(index: Index, query: str) -> str | None:
    """The best close match by difflib's SequenceMatcher over the same length band."""
    from bisect import bisect_left, bisect_right

    n, t = len(query), THRESHOLD
    i = bisect_left(index.lengths, n * t / (2 - t))
    j = bisect_right(index.lengths, n * (2 - t) / t)
    best, best_score = None, t
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(query)
    for cand in index.sources[i:j]:
        matcher.set_seq1(cand)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score > best_score or (score == best_score and best is None):
            best, best_score = cand, score
    return best


class Timed(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the run's process tree (its workers included)
    rss: float  # peak resident set of its largest process, MB


def timed_run(corpus: Path, work: Path, memory: bool, noop: bool = False) -> Timed:
    """`locales` over the corpus: cold (fresh folders) or a no-op rerun."""
    cats, out = work / ("l1" if memory else "l0"), work / ("o1" if memory else "o0")
    config = work / ("on.toml" if memory else "off.toml")
    config.write_text(f"[tool.pipeline]\ntranslation-memory = {'true' if memory else 'false'}\n")
    if not noop:
        shutil.rmtree(cats, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline", "locales", "--content", str(corpus), "--locales",
           str(cats), "--out", str(out), "-q", "--config", str(config)]
    subprocess.run(["sync"], check=False)
    # GNU time: a process forked from this one would count this one's peak as its own
    report = work / "time.txt"
    started = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%U %S %M", *cmd], cwd=REPO,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - started
    user, system, peak = report.read_text().split()[-3:]
    return Timed(wall, float(user) + float(system), int(peak) / 1024)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--locales", default="", help="comma-separated (default: every locale)")
    p.add_argument("--runs", type=int, default=3, help="timed runs per row (best of)")
    p.add_argument("--no-timing", action="store_true", help="leave out the timed runs")
    p.add_argument("--timing-only", action="store_true",
                   help="only the timed runs (printed; the results file is left as it is)")
    args = p.parse_args()
    locales = ([] if args.timing_only else [x for x in args.locales.split(",") if x] or
               sorted(d.name for d in args.corpus.iterdir() if d.is_dir()))
    lines = ["# Translation memory: leave-out figures", "",
             f"Corpus {args.corpus}; memory from 80 % of each locale's articles (hash split), "
             "the other 20 % new: given as their English source article where the corpus has "
             "one (English-driven segmentation, the handoff's translation of each unit as "
             "reference), else as their handoff's English (\"held out: English, handoff\": "
             "how many articles each way). \"majority = refused\": held-out translations the "
             "majority equals but the segment rules refuse (the fill never offers them). "
             f"Close matches at {int(THRESHOLD * 100)} %.", "",
             "| locale | held out: English, handoff | memory | new | exact known | filled | "
             "= held-out | majority = | majority = refused | "
             "msgmerge filled, = | human: known, = held-out, majority = | close tried | "
             "suggested | chrF sugg. | chrF English | msgmerge fuzzy | fill s | msgmerge s | "
             "rapidfuzz / difflib s (agree) |",
             "|---|" + "---:|" * 18]
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for locale in locales:
            work = Path(tmp) / locale
            work.mkdir()
            r = evaluate(args.corpus, locale, work)
            for k, v in r.items():
                if isinstance(v, int | float) and not isinstance(v, bool):
                    totals[k] += v  # type: ignore[assignment,unused-ignore]
            lines.append(_row(r))
            print(lines[-1], file=sys.stderr)
        totals_row = dict(totals)
        totals_row["locale"] = "all"
        totals_row["chrf_sugg"] = float("nan")
        totals_row["chrf_english"] = float("nan")
        lines.append(_row(totals_row))
        if not args.no_timing:
            lines += ["", f"`locales` over the whole corpus, without and with the memory: best of "
                      f"{args.runs} interleaved rounds (no-op reruns: three a round); CPU is "
                      "user + system of the process tree, RSS the peak of its largest process.",
                      "", "| run | measure | without memory | with memory | ratio |",
                      "|---|---|---:|---:|---:|"]
            work = Path(tmp) / "timing"
            work.mkdir()
            cold: dict[bool, list[Timed]] = {False: [], True: []}
            noop: dict[bool, list[Timed]] = {False: [], True: []}
            for _ in range(args.runs):
                for memory in (False, True):
                    cold[memory].append(timed_run(args.corpus, work, memory))
                    noop[memory].extend(timed_run(args.corpus, work, memory, noop=True)
                                        for _ in range(3))
            for name, table in (("cold", cold), ("no-op rerun", noop)):
                for field, unit in (("cpu", "CPU s"), ("wall", "wall s"), ("rss", "peak RSS MB")):
                    a = min(getattr(t, field) for t in table[False])
                    b = min(getattr(t, field) for t in table[True])
                    lines.append(f"| {name} | {unit} | {a:.2f} | {b:.2f} | {b / a:.2f} |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if not args.timing_only:
        (BENCH / "memory-results.md").write_text(text, encoding="utf-8")
    return 0


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f} %" if b else "-"


def _row(r: dict[str, object]) -> str:
    def num(key: str) -> float:
        value = r.get(key, 0)
        return float(value) if isinstance(value, int | float) else 0.0

    known, close, human = num("exact_known"), num("close_queries"), num("human_known")
    cs, ce = num("chrf_sugg"), num("chrf_english")
    chrf_cells = ("-", "-") if cs != cs else (f"{cs:.1f}", f"{ce:.1f}")
    cells = [
        str(r.get("locale")), f"{num('by_english'):.0f}, {num('by_handoff'):.0f}",
        f"{num('memory'):.0f}", f"{num('new'):.0f}", f"{known:.0f}",
        _pct(num("exact_filled"), known),
        f"{_pct(num('exact_equal'), known)} ({num('exact_equal'):.0f})",
        f"{_pct(num('majority_equal'), known)} ({num('majority_equal'):.0f})",
        f"{num('majority_refused'):.0f}",
        f"{_pct(num('gt_exact'), known)}, {_pct(num('gt_equal'), known)}",
        f"{human:.0f}, {_pct(num('human_equal'), human)}, {_pct(num('human_majority'), human)}",
        f"{close:.0f}", _pct(num("close_got"), close), *chrf_cells, f"{num('gt_fuzzy'):.0f}",
        f"{num('fill_s'):.1f}", f"{num('gt_s'):.1f}",
        f"{num('fast_s'):.2f} / {num('slow_s'):.2f} ({num('agree'):.0f}/{num('sample'):.0f})",
    ]
    return "| " + " | ".join(cells) + " |"


if __name__ == "__main__":
    raise SystemExit(main())
