"""Where things live: content/<locale>/<path>.md <-> locales/<locale>/<path>.po <->
<out>/<locale>/<path>.md. The locale is the first folder under the content root."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\Z")


def is_locale(name: str) -> bool:
    return _LOCALE.match(name) is not None


@dataclass(frozen=True, slots=True)
class Layout:
    content: Path
    locales: Path
    out: Path
    # The roots as diagnostics show them, worked out once: relpath() asks the OS for the working
    # folder on every call, which cost seconds over a docs tree.
    _shown: tuple[str, str, str] = field(init=False, repr=False, compare=False)
    _roots: tuple[str, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_roots", (str(self.content), str(self.locales), str(self.out)))
        cwd = os.getcwd()
        object.__setattr__(self, "_shown", tuple(
            _display(root, cwd) for root in (self.content, self.locales, self.out)))

    def shown_article(self, rel: str) -> str:
        return _join(self._shown[0], rel)

    def shown_catalog(self, rel: str) -> str:
        return _join(self._shown[1], rel[:-3] + ".po")

    def shown_output(self, rel: str) -> str:
        return _join(self._shown[2], rel)

    def article(self, rel: str) -> Path:
        return self.content / rel

    def catalog(self, rel: str) -> Path:
        return self.locales / (rel[:-3] + ".po")

    def output(self, rel: str) -> Path:
        return self.out / rel

    def paths(self, rel: str) -> tuple[str, str, str]:
        """(article, catalog, output) as strings: the cheap form for stat-only hot paths."""
        content, locales, out = self._roots
        return f"{content}/{rel}", f"{locales}/{rel[:-3]}.po", f"{out}/{rel}"

    def shown(self, path: Path) -> str:
        """A path as diagnostics show it: relative to the working folder when below it."""
        try:
            return os.path.relpath(path)
        except ValueError:  # pragma: no cover - another drive on Windows
            return str(path)

    def articles(self, locales: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
        """(article paths relative to the content root, sorted; skipped non-locale folders)."""
        found: list[str] = []
        skipped: list[str] = []
        if not self.content.is_dir():
            return found, skipped
        for entry in sorted(os.scandir(self.content), key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            if not is_locale(entry.name):
                skipped.append(entry.name)
                continue
            if locales and entry.name.lower() not in locales:
                continue
            found.extend(_walk(Path(entry.path), entry.name, ".md"))
        return found, skipped

    def catalogs(self) -> list[str]:
        """Catalog paths relative to the locales root, as article-style '.md' paths."""
        found: list[str] = []
        if not self.locales.is_dir():
            return found
        for entry in sorted(os.scandir(self.locales), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith(".") and is_locale(entry.name):
                found.extend(r[:-3] + ".md" for r in _walk(Path(entry.path), entry.name, ".po"))
        return found


def _display(root: Path, cwd: str) -> str:
    try:
        return os.path.relpath(root, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(root)


def _join(root: str, rel: str) -> str:
    return rel if root == "." else f"{root}/{rel}"


def _walk(root: Path, prefix: str, suffix: str) -> list[str]:
    out: list[str] = []
    _scan(str(root), prefix, suffix, out)
    return sorted(out)


def _scan(folder: str, prefix: str, suffix: str, out: list[str]) -> None:
    # os.scandir directly: half the time of os.walk on a docs tree, which matters for a no-op run.
    with os.scandir(folder) as it:
        for entry in it:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir():
                _scan(entry.path, f"{prefix}/{name}", suffix, out)
            elif name.endswith(suffix):
                out.append(f"{prefix}/{name}")
