"""A small docs tree written on the fly for the CI gate's tests: sxs articles made from
(English, translation) pairs, so that each test says exactly which findings it starts from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FRONT = """---
title: {title}
ms.openlocfilehash: 5339dbe6cae2a21bddb47708258a8b299a38280f
ms.sourcegitcommit: 2ef88e2c6f5f21f1587a4255fe335c0c1b0cf6ed
ms.translationtype: HT
ms.contentlocale: {locale}
ms.lasthandoff: 03/19/2021
{extra}---
"""

# English and translation; the translations marked BAD have an error the checks find.
PAIRS = (
    ("Open a terminal.", "Ouvrez un terminal."),
    ("Run `docs build` now.", "Exécutez maintenant."),  # BAD: code-changed
    ("Read the [guide](https://learn.contoso.com/guide).",
     "Lisez le [guide](https://learn.contoso.com/guide)."),
    ("Then run `docs serve`.", "Puis exécutez le serveur."),  # BAD: code-changed
    ("Close the window.", "Fermez la fenêtre."),
)


def sxs(pairs: Sequence[tuple[str, str]], prefix: str = "b5df6", locale: str = "fr-FR",
        extra: str = "", lead: str = "") -> str:
    """An article: front matter, then one paragraph per pair (``lead`` before the first)."""
    body = [FRONT.format(title="Test", locale=locale, extra=extra), lead]
    for n, (english, translation) in enumerate(pairs, 101):
        body.append(
            f'<span data-ttu-id="{prefix}-{n}">{translation}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{prefix}-{n}">{english}</span></span>\n\n')
    return "".join(body)


def make_tree(root: Path, articles: dict[str, str]) -> tuple[Path, Path, Path]:
    """content/, locales/ and build/ under ``root``, with ``articles`` (path under content/:
    text) written."""
    content, locales, out = root / "content", root / "locales", root / "build"
    (root / "pyproject.toml").write_text("", encoding="utf-8")  # ``cli_args`` names it
    for rel, text in articles.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content, locales, out


def cli_args(cmd: str, content: Path, locales: Path, *more: str) -> list[str]:
    out = ["--out", str(content.parent / "build")] if cmd in ("locales", "render") else []
    return [cmd, "--content", str(content), "--locales", str(locales), "-j", "1", *out,
            "--config", str(content.parent / "pyproject.toml"), *more]
