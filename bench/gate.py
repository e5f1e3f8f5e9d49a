"""The CI gate on the shared corpus, end to end (the figures in docs/ci.md):

    .venv/bin/python bench/gate.py [--corpus DIR]

In a temporary copy of the corpus: extract, write the baseline, then check with it after each
of these, from the same baseline: nothing; one harmful catalog edit; every catalog reflowed by
msgcat -w 40; a paragraph added at the top of every article; a new handoff id prefix in every
article (merged by `locales`). Prints the exit status and the baseline's tally for each.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.cli import main  # noqa: E402

_ID = re.compile(r'(data-(?:ttu|stu)-id=")([0-9a-f]{5})-')


def gate(argv: list[str]) -> tuple[int, list[dict[str, object]], float]:
    out = io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main([*argv, "--format", "json"])
    return code, json.loads(out.getvalue()), time.monotonic() - started


def show(what: str, code: int, found: list[dict[str, object]], seconds: float) -> None:
    gated = [f for f in found if f["severity"] != "info"]
    new = [f for f in gated if not f.get("baselined") and f["check"] != "render-substituted"]
    stale = sum(1 for f in found if f["check"] == "baseline-stale")
    print(f"{what:38} exit {code}  baselined {sum(1 for f in gated if f.get('baselined')):5}"
          f"  new {len(new):3}  stale {stale:3}  ({seconds:.1f}s)")
    for f in new[:5]:
        print(f"    new: {f['file']}:{f['line']}: {f['severity']}[{f['check']}]")


def run(corpus: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content, locales, baseline = root / "content", root / "locales", root / "b.json"
        shutil.copytree(corpus, content)
        base = ["--content", str(content), "--locales", str(locales)]
        with contextlib.redirect_stderr(io.StringIO()):
            main(["extract", *base, "-q"])
            main(["baseline", *base, "-q", "--out", str(baseline)])
        entries = baseline.read_text(encoding="utf-8").count("\n") - 2
        print(f"baseline: {entries} entries, {baseline.stat().st_size:,} bytes")
        check = ["check", *base, "--baseline", str(baseline)]
        show("check --baseline", *gate(check))

        po = next(p for p in sorted(locales.rglob("*.po")) if "fr-FR" in str(p))
        saved = po.read_bytes()
        text = saved.decode()
        at = text.index('\nmsgstr "', text.index("\nmsgid", text.index("\nmsgid") + 1))
        end = text.index('"\n', at + 9)
        po.write_text(text[:end] + " <script>alert(1)</script>" + text[end:], encoding="utf-8")
        show(f"one harmful edit ({po.name})", *gate(check))
        po.write_bytes(saved)

        catalogs = sorted(locales.rglob("*.po"))
        for p in catalogs:
            subprocess.run(["msgcat", "-w", "40", str(p), "-o", str(p)], check=True)
        show(f"{len(catalogs)} catalogs reflowed (msgcat -w 40)", *gate(check))

        articles = sorted(content.rglob("*.md"))
        for p in articles:
            data = p.read_bytes()
            end = data.find(b"\n---", 4)
            cut = data.index(b"\n", end + 1) + 1 if data.startswith(b"---") and end > 0 else 0
            p.write_bytes(data[:cut] + b"\nAn unrelated new paragraph.\n\n" + data[cut:])
        show(f"{len(articles)} articles: a paragraph added on top", *gate(check))

        for p in articles:
            data = p.read_bytes().decode("utf-8")
            p.write_bytes(_ID.sub(lambda m: m.group(1) + hashlib.sha256(
                m.group(2).encode()).hexdigest()[:5] + "-", data).encode("utf-8"))
        show("new id prefix everywhere (locales)",
             *gate(["locales", *base, "--out", str(root / "build"), "--baseline",
                    str(baseline)]))


def cli() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path,
                   default=REPO.parent / "shared" / "corpus" / "bilingual")
    run(p.parse_args().corpus)


if __name__ == "__main__":
    cli()
