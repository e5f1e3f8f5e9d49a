"""docs/dependencies.md against pyproject.toml: every runtime and dask-extra dependency is in
its tables with the bounds pyproject gives it, and each file it names as the user imports
the library; every development dependency is named in its prose."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "dependencies.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# The distribution's name as the doc spells it, and the module it is imported as.
NAMES = {"PyYAML": ("PyYAML", "yaml"), "translate-toolkit": ("Translate Toolkit", "translate"),
         "lxml": ("lxml", "lxml"), "rapidfuzz": ("rapidfuzz", "rapidfuzz"),
         "markdown-it-py": ("markdown-it-py", "markdown_it"),
         "dask[distributed]": ("Dask distributed", "distributed"), "fsspec": ("fsspec", "fsspec")}


def _split(requirement: str) -> tuple[str, str]:
    name, bounds = re.match(r"([\w\-.\[\]]+)(.*)", requirement).groups()  # type: ignore[union-attr]
    return name, bounds


def _row(shown: str) -> list[str]:
    found = re.search(rf"^\| \*\*{re.escape(shown)}\*\* \((`[^`]*`)\) \|(.*)\|(.*)\|$", DOC, re.M)
    assert found is not None, f"docs/dependencies.md has no row for {shown}"
    return [found.group(1), found.group(3)]


@pytest.mark.parametrize("requirement", [*PROJECT["dependencies"],
                                         *PROJECT["optional-dependencies"]["dask"]])
def test_each_runtime_dependency_has_its_row_with_its_bounds_and_files(requirement: str) -> None:
    name, bounds = _split(requirement)
    shown, module = NAMES[name]
    shown_bounds, where = _row(shown)
    assert shown_bounds == f"`{bounds}`"
    paths = re.findall(r"`(pipeline/[\w/.]+)`", where)
    assert paths
    for path in paths:
        files = sorted((REPO / path).rglob("*.py")) if path.endswith("/") else [REPO / path]
        assert any(re.search(rf"^\s*(?:import|from) {module}\b", f.read_text(encoding="utf-8"),
                             re.M) for f in files), f"{path} does not import {module}"


@pytest.mark.parametrize("requirement", PROJECT["optional-dependencies"]["dev"])
def test_each_development_dependency_is_explained(requirement: str) -> None:
    name, _ = _split(requirement)
    development = DOC[DOC.index("## Development"):DOC.index("\n## Libraries")]
    assert f"`{name}`" in development
