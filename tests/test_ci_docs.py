"""docs/ci.md: its CI recipes are valid YAML, and every `pipeline` command in them is one the
command line accepts (a recipe that drifts from the options fails here, not in a user's CI)."""

from __future__ import annotations

import re
import shlex
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
