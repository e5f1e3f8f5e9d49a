"""Front matter as a page's renderer takes it, end to end through the CLI: the block ends where
Markdig ends it; nothing unsafe reaches a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main

PAIR = ('<span data-ttu-id="abcde-102">Texte.</span><span class="sxs-lookup">'
        '<span data-stu-id="abcde-102">Text.</span></span>')
LOC_KEYS = ("ms.translationtype: HT\nms.sourcegitcommit: " + "0" * 40 + "\nms.openlocfilehash: "
            + "1" * 40 + "\nms.lasthandoff: 01/20/2025\nms.contentlocale: fr-FR\n")
SCRIPT = "<script>alert(1)</script>"


def locales(tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]
            ) -> tuple[int, str, str]:
    """(exit status, the localized page, the report) of ``locales`` over one sxs article."""
    content, out = tmp_path / "C", tmp_path / "O"
    (content / "fr-FR").mkdir(parents=True)
    (content / "fr-FR" / "a.md").write_bytes(article.encode("utf-8"))
    capsys.readouterr()
    status = main(["locales", "--content", str(content), "--locales", str(tmp_path / "L"),
                   "--out", str(out), "-j", "1"])
    page = (out / "fr-FR" / "a.md").read_bytes().decode("utf-8")
    said = capsys.readouterr()
    return status, page, said.out + said.err


# Markdig closes front matter at a '---' or '...' line after any line end, a CR alone too
# (CommonMark's line ends are LF, CR and CR LF): what follows is the page's body
KEYS = "title: x\n" + LOC_KEYS.rstrip("\n")
EARLY_CLOSERS = {
    "'...' after a CR": f"---\n{KEYS}\r...\r# {SCRIPT}\n---\n{PAIR}\n",
    "'---' after a CR": f"---\n{KEYS}\r---\r# {SCRIPT}\n{PAIR}\n",
    "'...' after a CR LF, ended by a CR": f"---\n{KEYS}\r\n... \r# {SCRIPT}\n---\n{PAIR}\n",
    "empty, closed by '...' and a CR": f"---\n...\r# {SCRIPT}\n---\n{PAIR}\n",
}


@pytest.mark.parametrize("article", EARLY_CLOSERS.values(), ids=EARLY_CLOSERS.keys())
def test_front_matter_closed_after_a_lone_carriage_return_leaves_no_script_on_the_page(
    tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, page, report = locales(tmp_path, article, capsys)
    assert "<script" not in page
    assert status == 1 and "the markup outside the pairs" in report
    assert page.startswith(article[:article.index("<script")])  # the front matter as it was
