"""A small docs tree whose English lives in content/en-US, and the commands run on it (a
module of its own name: tests/ and tests/source both have a conftest)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.catalog import Catalog, format_po, parse_po
from pipeline.cli import main


@dataclass(frozen=True)
class Tree:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def out(self) -> Path:
        return self.root / "build"

    def write(self, rel: str, text: str, locale: str = "en-US") -> Path:
        path = self.content / locale / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    def target(self, *locales: str) -> None:
        for locale in locales:
            (self.locales / locale).mkdir(parents=True, exist_ok=True)

    def run(self, command: str, *extra: str) -> int:
        args = [command, "--content", str(self.content), "--locales", str(self.locales), "-q"]
        if command in ("render", "locales"):
            args += ["--out", str(self.out)]
        return main([*args, *extra])

    def catalog_path(self, locale: str, rel: str) -> Path:
        return self.locales / locale / (rel[:-3] + ".po")

    def catalog(self, locale: str, rel: str) -> Catalog:
        path = self.catalog_path(locale, rel)
        return parse_po(path.read_text(encoding="utf-8"), str(path))

    def translate(self, locale: str, rel: str, table: dict[str, str]) -> None:
        """A vendor's edit: the msgstr of each msgid in ``table``, reviewed."""
        path = self.catalog_path(locale, rel)
        cat = self.catalog(locale, rel)
        messages = tuple(
            replace(m, msgstr=table[m.msgid], flags=tuple(f for f in m.flags if f != "fuzzy"))
            if m.msgid in table and not m.obsolete else m for m in cat.messages)
        path.write_text(format_po(replace(cat, messages=messages)), encoding="utf-8")

    def page(self, locale: str, rel: str) -> str:
        return (self.out / locale / rel).read_bytes().decode("utf-8")


def lag(json_out: str, locale: str = "") -> str:
    """The translation-lag message of ``--format json`` output (of ``locale``'s catalog)."""
    return next(f["message"] for f in json.loads(json_out)
                if f["check"] == "translation-lag" and locale in f["file"])
