"""The competitors' workloads, run by ``run.py`` in a fresh interpreter each (bench venv).

    python bench/workloads.py TOOL SRC OUT RESULT

TOOL is mdpo, tt, naive or regex; SRC the input tree (English articles for mdpo and tt,
bilingual ones for naive and regex); OUT an empty folder for the PO and Markdown written;
RESULT a JSON file for the counts. A file a converter chokes on is counted and skipped, so one
odd article never stops the loop: the harness times the whole process either way.
"""

import glob
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sxs import PAIR, markdown_files

# One phase's work on one article, given its path relative to SRC.
Step = Callable[[str], None]


class Tally:
    """Per-phase seconds and failure counts, plus the first few failures to show."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []
        self.extra: dict[str, Any] = {}

    def failed(self, phase: str, rel: str, exc: BaseException) -> None:
        self.errors[phase] = self.errors.get(phase, 0) + 1
        if len(self.samples) < 5:
            self.samples.append(f"{phase} {rel}: {type(exc).__name__}: {exc}"[:300])


def run_phase(name: str, step: Step, rels: list[str], tally: Tally,
              skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """Apply ``step`` to each article not in ``skip``; return those that failed."""
    failed: set[str] = set()
    started = time.perf_counter()
    for rel in rels:
        if rel in skip:
            continue
        try:
            step(rel)
        except Exception as exc:  # any converter failure is a data point, not a crash
            failed.add(rel)
            tally.failed(name, rel, exc)
    tally.seconds[name] = time.perf_counter() - started
    tally.errors.setdefault(name, 0)
    return frozenset(failed)


class Tree:
    """Where one article's PO and Markdown output go under OUT (folders made on demand)."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def po(self, rel: str) -> Path:
        return self._made(self.out / "po" / (rel[:-3] + ".po"))

    def md(self, rel: str) -> Path:
        return self._made(self.out / "md" / rel)

    @staticmethod
    def _made(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


def two_phases(extract: Step, render: Step, src: Path, tally: Tally) -> None:
    """md2po over every article, then po2md over those whose extraction worked."""
    rels = markdown_files(str(src))
    tally.extra["files"] = len(rels)
    failed = run_phase("md2po", extract, rels, tally)
    run_phase("po2md", render, rels, tally, failed)


def mdpo(src: Path, out: Path, tally: Tally) -> None:
    from mdpo.md2po import markdown_to_pofile  # type: ignore[import-not-found,unused-ignore]
    from mdpo.po2md import pofile_to_markdown  # type: ignore[import-not-found,unused-ignore]

    tree = Tree(out)

    def extract(rel: str) -> None:
        # A list means "these files" to mdpo; a bare string would be globbed or taken as text.
        markdown_to_pofile([str(src / rel)]).save(str(tree.po(rel)))

    def render(rel: str) -> None:
        # mdpo globs the PO paths it is given, so escape them.
        pofile_to_markdown(str(src / rel), [glob.escape(str(tree.po(rel)))],
                           save=str(tree.md(rel)))

    two_phases(extract, render, src, tally)


def tt(src: Path, out: Path, tally: Tally) -> None:
    # The per-file functions the md2po and po2md commands call, with their default options.
    from translate.convert.md2po import (  # type: ignore[import-not-found,unused-ignore]
        MD2POOptionParser,
    )
    from translate.convert.po2md import (  # type: ignore[import-not-found,unused-ignore]
        DEFAULT_MAX_LINE_LENGTH,
        PO2MDOptionParser,
    )

    tree = Tree(out)
    converter = MD2POOptionParser()

    def extract(rel: str) -> None:
        with open(src / rel, "rb") as fin, open(tree.po(rel), "wb") as fout:
            converter._extract_translation_units(fin, fout, None, "msgctxt", "single")

    def render(rel: str) -> None:
        with (open(tree.po(rel), "rb") as pin, open(src / rel, "rb") as template,
              open(tree.md(rel), "wb") as fout):
            PO2MDOptionParser._translate_md_file(
                pin, fout, template, False, None, DEFAULT_MAX_LINE_LENGTH
            )

    two_phases(extract, render, src, tally)


def naive(src: Path, out: Path, tally: Tally) -> None:
    """What a team would write first: regex out the pairs, polib in and out, regex back."""
    import polib  # type: ignore[import-untyped,unused-ignore]

    tree = Tree(out)

    def one(rel: str) -> None:
        text = (src / rel).read_text(encoding="utf-8")
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        seen: set[str] = set()
        for m in PAIR.finditer(text):
            if m.group(2) not in seen:  # a PO file holds each msgid once
                seen.add(m.group(2))
                catalog.append(polib.POEntry(msgid=m.group(2), msgstr=m.group(1)))
        po_path = str(tree.po(rel))
        catalog.save(po_path)
        table: dict[str, str] = {e.msgid: e.msgstr for e in polib.pofile(po_path)}
        localized = PAIR.sub(lambda m: table.get(m.group(2), m.group(1)), text)
        tree.md(rel).write_text(localized, encoding="utf-8")

    rels = markdown_files(str(src))
    tally.extra["files"] = len(rels)
    run_phase("naive", one, rels, tally)


def regex(src: Path, _out: Path, tally: Tally) -> None:
    """The floor: read every article and find every pair; nothing is written."""
    rels = markdown_files(str(src))
    tally.extra["files"] = len(rels)
    pairs = 0

    def one(rel: str) -> None:
        nonlocal pairs
        pairs += sum(1 for _ in PAIR.finditer((src / rel).read_text(encoding="utf-8")))

    run_phase("scan", one, rels, tally)
    tally.extra["pairs"] = pairs


WORKLOADS: dict[str, Callable[[Path, Path, Tally], None]] = {
    "mdpo": mdpo, "tt": tt, "naive": naive, "regex": regex,
}


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[0] not in WORKLOADS:
        print(__doc__, file=sys.stderr)
        return 2
    tool, src, out, result = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    tally = Tally()
    try:
        WORKLOADS[tool](src, out, tally)
    except Exception:  # an import or set-up failure: report it, the harness marks the row
        traceback.print_exc()
        return 1
    finally:
        result.write_text(json.dumps({
            "seconds": tally.seconds, "errors": tally.errors,
            "samples": tally.samples, **tally.extra,
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
