"""``.ci/run``: the optional tools CI installs for the tests that drive them (Chromium for the
report's browser test, OmegaT for the handoff's), each so that a failed install warns and
never fails CI; and a test skipped for want of OmegaT ends the run with a banner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.conftest import OMEGAT_MISSING, REPO_ROOT, pytest_terminal_summary

SCRIPT = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("tool", ["chromium", "omegat"])
def test_ci_installs_the_tool_and_only_warns_when_it_cannot(tool: str) -> None:
    command = " ".join(SCRIPT.replace("\\\n", " ").split("\n"))
    assert re.search(
        rf"command -v {tool} >/dev/null \|\| \(apt-get update -qq && apt-get install -y -qq "
        rf"{tool} >/dev/null\)\s+\|\| echo \"warning: could not install {tool}; [^\"]+\" >&2",
        command), f".ci/run does not install {tool} as it should"
    assert SCRIPT.index(f"install -y -qq {tool}") < SCRIPT.index("make test")


def test_ci_installs_gnu_gettext_which_the_readme_requires() -> None:
    """The README says `.ci/run` installs what the tests need, GNU gettext among them; it
    installed the rest and left the interoperability tests to fail without msgfmt."""
    command = " ".join(SCRIPT.replace("\\\n", " ").split("\n"))
    assert re.search(r"command -v msgfmt >/dev/null \|\| \(apt-get update -qq && apt-get "
                     r"install -y -qq gettext >/dev/null\)", command)
    assert SCRIPT.index("install -y -qq gettext ") < SCRIPT.index("make test")


@dataclass
class _Reporter:
    stats: dict[str, list[Any]]
    banners: list[str] = field(default_factory=list)

    def write_sep(self, sep: str, title: str, **markup: bool) -> None:
        self.banners.append(title)


@dataclass
class _Skipped:
    longrepr: tuple[str, int, str]


def test_a_test_skipped_for_want_of_omegat_ends_the_run_with_a_banner() -> None:
    reporter = _Reporter({"skipped": [_Skipped(("t.py", 1, f"Skipped: {OMEGAT_MISSING}"))]})
    pytest_terminal_summary(reporter)  # type: ignore[arg-type]
    assert reporter.banners == [OMEGAT_MISSING]
    quiet = _Reporter({"skipped": [_Skipped(("t.py", 1, "Skipped: something else"))]})
    pytest_terminal_summary(quiet)  # type: ignore[arg-type]
    assert quiet.banners == []
