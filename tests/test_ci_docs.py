"""docs/ci.md: its CI recipes are valid YAML, and every `pipeline` command in them is one the
command line accepts (a recipe that drifts from the options fails here, not in a user's CI)."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from pipeline.arguments import parser as _parser

DOC = Path(__file__).resolve().parents[1] / "docs" / "ci.md"


def blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def commands() -> list[str]:
    found = re.findall(r"^\s*(?:- )?(pipeline (?:check|locales|baseline|report) .*)$",
                       DOC.read_text(encoding="utf-8"), re.M)
    return [c for c in found if "…" not in c and "[" not in c]  # not the synopses


def test_the_recipes_are_valid_yaml() -> None:
    assert len(blocks()) == 2
    for text in blocks():
        assert isinstance(yaml.safe_load(text), dict)


@pytest.mark.parametrize("line", commands())
def test_each_pipeline_command_of_the_recipes_parses(line: str) -> None:
    words = shlex.split(line.replace("$since", "--changed-since origin/main")
                        .split(">")[0])[1:]
    args = _parser(words[0]).parse_args(words)
    assert args.command == words[0]


def test_the_recipes_run_the_gate() -> None:
    assert len(commands()) >= 3
    assert all("--baseline" in c for c in commands() if c.startswith("pipeline locales"))


def _in_step_commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [m.strip() for m in re.findall(r"^\s*(?:run: |- )(.*-- locales/)\s*$", text, re.M)]


@pytest.mark.parametrize("command", _in_step_commands())
def test_the_in_step_check_fails_on_a_catalog_the_run_created_and_nobody_committed(
        tmp_path: Path, command: str) -> None:
    """A pull request adds an article without its catalog: the run writes the catalog, and
    the recipe's check must fail (``git diff`` alone never shows an untracked file)."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "HOME": str(tmp_path),
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PATH": "/usr/bin:/bin"}

    def sh(line: str) -> int:
        return subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env,
                              capture_output=True).returncode

    (tmp_path / "locales/fr-FR").mkdir(parents=True)
    (tmp_path / "locales/fr-FR/a.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert sh("git init -q && git add -A && git commit -q -m docs") == 0
    assert sh(command) == 0  # in step
    (tmp_path / "locales/fr-FR/new.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert sh(command) != 0
