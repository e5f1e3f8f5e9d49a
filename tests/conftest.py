"""Shared fixtures: the shared bilingual corpus, GNU gettext, and small helpers for the tests.

- ``corpus_root``: the shared corpus of real sxs articles, /work/shared/corpus/bilingual (that is
  ``<repo>/../shared/corpus/bilingual``). When it is absent every test that needs it is skipped,
  loudly: the skip reason names the path and the run ends with a banner saying so.
- ``require_gettext``: GNU gettext's msgfmt and msgcat. Missing tools FAIL the tests that need
  them (a skip would hide that the writer was never checked against GNU).
- OmegaT (``tests/handoff/test_omegat.py``): skipped where it is not installed, loudly too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bilingual"
CORPUS_MISSING = f"SHARED CORPUS NOT FOUND at {CORPUS_ROOT}: corpus tests skipped"
GETTEXT_MISSING = "GNU gettext (msgfmt, msgcat) is required: apt-get install gettext"
OMEGAT_MISSING = ("OMEGAT NOT INSTALLED: the OmegaT handoff test skipped; apt-get install omegat "
                  "(.ci/run installs it)")
# skips that end the run with a banner: each leaves a part of the project untried
LOUD_SKIPS = (CORPUS_MISSING, OMEGAT_MISSING)


def corpus_available() -> bool:
    return CORPUS_ROOT.is_dir() and any(CORPUS_ROOT.iterdir())


def require_corpus() -> Path:
    """The corpus root, or a loud skip. Usable from fixtures and helpers alike."""
    if not corpus_available():
        pytest.skip(CORPUS_MISSING)
    return CORPUS_ROOT


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    return require_corpus()


@pytest.fixture(scope="session")
def require_gettext() -> None:
    missing = [tool for tool in ("msgfmt", "msgcat") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{GETTEXT_MISSING} (not on PATH: {', '.join(missing)})", pytrace=False)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons = [str(getattr(rep, "longrepr", "")) for rep in skipped]
    for loud in LOUD_SKIPS:
        if any(loud in reason for reason in reasons):
            terminalreporter.write_sep("!", loud, red=True, bold=True)

