"""The bench's inputs, made once and cached under $TMPDIR (never in the repo):

- ``corpus``: the bilingual sxs tree, <locale>/...: the shared corpus itself, or for --quick a
  linked 10% sample of it;
- ``english``: the same tree with every article reduced to its English, the input mdpo and
  Translate Toolkit get (made by ``pipeline render --form source``, the regex as fallback);
- ``content4x``: four linked copies, <locale>/copy{1..4}/..., keeping the locale first.

The cache key covers every corpus file's path, size and mtime, so a changed corpus is
prepared again; bump PREP_VERSION when the way inputs are made changes.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sxs import english_of, markdown_files

PREP_VERSION = 2
QUICK_EVERY = 10  # --quick takes every 10th article, so every locale and repo stays in
COPIES = 4


@dataclass(frozen=True)
class Inputs:
    corpus: Path
    english: Path
    content4x: Path
    files: int
    megabytes: float
    english_by: str  # how the English was made, for the report


def cache_root() -> Path:
    return Path(tempfile.gettempdir()) / "pipeline-bench"


def _fingerprint(root: Path, rels: list[str], quick: bool) -> str:
    digest = hashlib.sha256(f"{PREP_VERSION} {quick} {root.resolve()}\n".encode())
    for rel in rels:
        st = (root / rel).stat()
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _link(src: Path, dst: Path) -> None:
    """A hard link (the pipeline sees a plain file), else a symlink, else a copy."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        try:
            dst.symlink_to(src.resolve())
        except OSError:
            shutil.copyfile(src, dst)


def _sample(corpus: Path, rels: list[str], dst: Path) -> list[str]:
    picked = rels[::QUICK_EVERY]
    for rel in picked:
        _link(corpus / rel, dst / rel)
    return picked


def _times_four(corpus: Path, rels: list[str], dst: Path) -> None:
    for rel in rels:
        locale, rest = rel.split(os.sep, 1)
        for n in range(1, COPIES + 1):
            _link(corpus / rel, dst / locale / f"copy{n}" / rest)


def _english(corpus: Path, rels: list[str], dst: Path, python: str, repo: Path) -> str:
    """English articles under ``dst``; the pipeline's own source form where it gives one."""
    with tempfile.TemporaryDirectory(dir=dst.parent) as empty:
        done = subprocess.run(
            [python, "-m", "pipeline", "render", "--form", "source", "-q",
             "--content", str(corpus), "--locales", empty, "--out", str(dst)],
            cwd=repo, capture_output=True, text=True, check=False,
        )
    for state in dst.glob(".*"):  # the pipeline's run state (its cache), not an input
        state.unlink()
    missing = [rel for rel in rels if not (dst / rel).is_file()]
    for rel in missing:  # the pipeline refused it, or is broken right now: use the regex
        text = (corpus / rel).read_bytes().decode("utf-8", "surrogateescape")
        out = dst / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(english_of(text).encode("utf-8", "surrogateescape"))
    if not missing:
        return "pipeline render --form source"
    if len(missing) == len(rels):
        print(f"bench: pipeline render failed (exit {done.returncode}); English made by regex:\n"
              f"{done.stderr[-2000:]}", file=sys.stderr)
        return "regex (pipeline render failed)"
    return f"pipeline render --form source, regex for {len(missing)} it skipped"


def prepare(corpus: Path, quick: bool, python: str, repo: Path) -> Inputs:
    """The cached inputs for ``corpus``, made first if absent or stale."""
    rels = markdown_files(str(corpus))
    if not rels:
        raise SystemExit(f"bench: no .md articles under {corpus}")
    home = cache_root() / f"{'quick' if quick else 'full'}-{_fingerprint(corpus, rels, quick)}"
    stamp = home / "inputs.json"
    if not stamp.is_file():
        _build(corpus, rels, quick, python, repo, home, stamp)
    info = json.loads(stamp.read_text())
    return Inputs(
        corpus=Path(info["corpus"]), english=home / "english", content4x=home / "content4x",
        files=info["files"], megabytes=info["megabytes"], english_by=info["english_by"],
    )


def _build(corpus: Path, rels: list[str], quick: bool, python: str, repo: Path,
           home: Path, stamp: Path) -> None:
    print(f"bench: preparing inputs in {home} (once)", file=sys.stderr)
    # Inputs for an older corpus, or half made by an interrupted run, are of no more use.
    for old in home.parent.glob(home.name.split("-")[0] + "-*"):
        shutil.rmtree(old, ignore_errors=True)
    home.mkdir(parents=True)
    source = corpus.resolve()
    if quick:
        rels = _sample(source, rels, home / "corpus")
        source = home / "corpus"
    english_by = _english(source, rels, home / "english", python, repo)
    _times_four(source, rels, home / "content4x")
    size = sum((source / rel).stat().st_size for rel in rels)
    # Written last: its presence says the cache is complete.
    stamp.write_text(json.dumps({
        "corpus": str(source), "files": len(rels), "megabytes": size / 1e6,
        "english_by": english_by,
    }))
