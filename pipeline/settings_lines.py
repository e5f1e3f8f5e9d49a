"""Where each key of ``[tool.pipeline]`` is set in pyproject.toml: tomllib gives values and no
positions, and a settings error is one to fix at its line (``pyproject.toml:14: [tool.pipeline]
jobs must be …``). Read line by line, as TOML's keys and table headers stand: enough to point
at the line; a value that cannot be placed is named without one."""

from __future__ import annotations

import re

_PART = r'(?:"[^"\n]*"|\'[^\'\n]*\'|[A-Za-z0-9_-]+)'
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*\[[ \t]*({_DOTTED})[ \t]*\][ \t]*(?:#.*)?$")
_KEY = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")


def _parts(dotted: str) -> list[str]:
    return [p.strip(" \t").strip("\"'") for p in re.findall(rf"{_PART}", dotted)]


def key_lines(text: str) -> dict[str, int]:
    """The first line of each key under [tool.pipeline] (dotted below it: ``severity`` and
    ``severity.untranslated``), of a table header, a key, or a dotted key's every prefix."""
    found: dict[str, int] = {}
    table: list[str] | None = []  # the current table's key path (None: an array of tables)

    def note(path: list[str], line: int) -> None:
        if path[:2] == ["tool", "pipeline"]:
            for end in range(3, len(path) + 1):
                found.setdefault(".".join(path[2:end]), line)

    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("[["):
            table = None
        elif (header := _HEADER.match(line)) is not None:
            table = _parts(header[1])
            note(table, number)
        elif table is not None and (key := _KEY.match(line)) is not None:
            note(table + _parts(key[1]), number)
    return found
