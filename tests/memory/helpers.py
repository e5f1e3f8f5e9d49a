"""Small sxs trees for the translation memory's tests."""

from __future__ import annotations

from pathlib import Path


def pair(prefix: str, n: int, translation: str, english: str) -> str:
    sid = f"{prefix}-{n}"
    return (f'<span data-ttu-id="{sid}">{translation}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{sid}">{english}</span></span>')


def article(locale: str, prefix: str, pairs: list[tuple[str, str]], mt: bool = False) -> str:
    """An sxs article: one paragraph per (translation, English) pair."""
    head = ("---\ntitle: T\nms.openlocfilehash: 0123456789abcdef0123456789abcdef01234567\n"
            "ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567\n"
            f"ms.translationtype: {'MT' if mt else 'HT'}\nms.contentlocale: {locale}\n"
            "ms.lasthandoff: 05/01/2021\nms.locfileid: \"1\"\n---\n")
    body = "\n\n".join(pair(prefix, 101 + i, t, e) for i, (t, e) in enumerate(pairs))
    return head + "\n" + body + "\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# The memory is opt-in (``translation-memory``): these tests run with it on unless they give a
# configuration of their own.
_ON = Path(__file__).with_name("memory-on.toml")


def run(*words: str | Path) -> int:
    from pipeline.cli import main

    args = [str(w) for w in words]
    if "--config" not in args and args and args[0] in ("extract", "check", "locales", "baseline"):
        args += ["--config", str(_ON)]
    return main(args)
