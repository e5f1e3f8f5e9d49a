"""Front matter as a page's renderer and its YAML reader take it, end to end through the CLI: the
block ends where Markdig ends it, and every string a YAML reader builds under a translated key
is checked, however the YAML spells it; nothing unsafe reaches a page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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


# Translated values the raw scalar text does not show: a YAML reader builds a script from them
HIDDEN_VALUES = {
    "binary": "title: !!binary PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\n",
    "binary, verbatim tag": "title: !<tag:yaml.org,2002:binary> PHNjcmlwdD5hbGVydCgxKTwvc2Ny"
                            "aXB0Pg==\n",
    "merge key": f'<<: {{title: "{SCRIPT}"}}\n',
    "merge of an alias": f'm: &m {{description: "{SCRIPT}"}}\n<<: *m\n',
    "merge of a list": f'm: &m {{x: y}}\n<<: [*m, {{keywords: ["{SCRIPT}"]}}]\n',
    "tagged merge key": f'!!merge x: {{title: "{SCRIPT}"}}\n',  # helper-120
    "alias of a list": f'x: &a ["{SCRIPT}"]\ntitle: *a\n',
    "alias of a mapping": f'x: &a {{k: "{SCRIPT}"}}\ndescription: *a\n',
    "binary key": f'!!binary dGl0bGU=: "{SCRIPT}"\n',
}


@pytest.mark.parametrize("values", HIDDEN_VALUES.values(), ids=HIDDEN_VALUES.keys())
def test_a_translated_value_a_yaml_reader_builds_into_a_script_is_published_empty(
    tmp_path: Path, values: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = f"---\n{values}{LOC_KEYS}---\n{PAIR}\n"
    status, page, report = locales(tmp_path, article, capsys)
    built = yaml.safe_load(page.split("---\n")[1])  # merged, aliases expanded, bytes decoded
    built = {k.decode() if isinstance(k, bytes) else k: v for k, v in built.items()}
    assert "script" not in repr([built.get(k) for k in ("title", "description", "keywords")])
    assert status == 1 and "the front matter value of '" in report
    assert "an empty value was published instead" in report
    assert page.endswith("---\nTexte.\n")


# YAML 1.1 (PyYAML, libyaml, YamlDotNet) breaks a line at NEL, U+2028 and U+2029; YAML 1.2
# (js-yaml, the 'yaml' package) reads them as text, and '#' after one as part of the value
YAML_11_BREAKS = ("\u2028", "\u2029", "\x85")
READ_ON = {
    "line separator": f"title: Titre\u2028# {SCRIPT}\n",
    "paragraph separator": f"title: Titre\u2029# {SCRIPT}\n",
    "NEL": f"title: Titre\x85# {SCRIPT}\n",
    "held in both readings": f"title: {SCRIPT}\u2028# {SCRIPT}\n",
}


@pytest.mark.parametrize("values", READ_ON.values(), ids=READ_ON.keys())
def test_a_value_a_yaml_12_reader_reads_on_past_a_unicode_line_break_is_checked_whole(
    tmp_path: Path, values: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``title: Titre`` U+2028 ``# <script>…``: a YAML 1.1 reader reads the title 'Titre' and
    a comment; a YAML 1.2 reader the title 'Titre' U+2028 '# <script>…'. Before, only the first
    reading was checked: exit 0, the script published in the title a 1.2 reader builds. Held
    in both readings, one edit empties it (two overlapping ones wrote ``title: \"\"\"\"``)."""
    article = f"---\n{values}{LOC_KEYS}---\n{PAIR}\n"
    status, page, report = locales(tmp_path, article, capsys)
    block = page.split("---\n")[1]
    as_11 = yaml.safe_load(block)
    as_12 = yaml.safe_load(block.translate({ord(c): "\ue000" for c in YAML_11_BREAKS}))
    assert as_11["title"] == as_12["title"] == ""
    assert status == 1 and "the front matter value of 'title'" in report


def test_values_of_the_two_yaml_readings_that_overlap_in_part_are_published_as_one_empty_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A block scalar a 1.2 reader reads past U+2028 ('title: |' on to the line end) and a
    value a 1.1 reader starts after the U+2028 and reads on to the next line ('description: |'
    U+2028 ' <script>…' then ' # tail') overlap in part, neither inside the other. Before, each
    was its own edit: the page got ``title: \"\"\"\"``, which no YAML reader reads."""
    values = f"title: |\n  a\u2028description: |\u2028 {SCRIPT}\n # tail\n"
    status, page, report = locales(tmp_path, f"---\n{values}{LOC_KEYS}---\n{PAIR}\n", capsys)
    block = page.split("---\n")[1]
    for text in (block, block.translate({ord(c): "\ue000" for c in YAML_11_BREAKS})):
        built = yaml.safe_load(text)
        assert built["title"] == "" and "description" not in built
    assert status == 1 and "the front matter value of 'description'" in report


# The handoff's other keys: the English article's metadata as the vendor's file carries it, which
# a page uses too (a redirect page goes to ``redirect_url``; DocFX writes the rest into meta tags)
METADATA = {
    "script scheme in redirect_url": "redirect_url: javascript:alert(1)\n",
    "script element in ms.custom": f'ms.custom: "{SCRIPT}"\n',
    "escaped in a double-quoted value": 'redirect_url: "\\x6Aavascript:alert(1)"\n',
    "escaped element": 'ms.custom: "\\x3Cscript>alert(1)\\x3C/script>"\n',
    "base64 of a script": "ms.custom: !!binary PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\n",
    "in a list": f'ms.collection:\n  - x\n  - "{SCRIPT}"\n',
    "in a nested mapping": "redirect:\n  url: javascript:alert(1)\n",
    "event handler in a block scalar": 'ms.custom: |\n  <img src=x\n  onerror="alert(1)">\n',
}


@pytest.mark.parametrize("values", METADATA.values(), ids=METADATA.keys())
def test_metadata_of_a_handoff_that_would_run_a_script_is_published_empty(
    tmp_path: Path, values: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, keys other than title, description and keywords were copied to the page
    unchecked: exit 0 and ``redirect_url: javascript:…`` published. Now the rules for active
    content look at every string of the front matter of an sxs article, as at its markup."""
    article = f"---\ntitle: Titre\n{values}{LOC_KEYS}---\n{PAIR}\n"
    status, page, report = locales(tmp_path, article, capsys)
    built = yaml.safe_load(page.split("---\n")[1])
    assert "javascript" not in repr(built) and "<script" not in repr(built)
    assert "onerror" not in repr(built) and "x6A" not in repr(built) and "PHNj" not in repr(built)
    assert built["title"] == "Titre" and built["ms.contentlocale"] == "fr-FR"
    assert status == 1 and "the front matter value of '" in report
    assert "an empty value was published instead" in report
    assert page.endswith("---\nTexte.\n")


def test_metadata_with_nothing_active_is_copied_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = ("redirect_url: https://learn.microsoft.com/a\nms.custom: 'a <b>x</b> & y!'\n"
              'online version: "https://go.microsoft.com/fwlink/?linkid=1"\n'
              "helpviewer_keywords:\n  - \"x, y\"\n")
    article = f"---\ntitle: Titre\n{values}{LOC_KEYS}---\n{PAIR}\n"
    status, page, report = locales(tmp_path, article, capsys)
    assert status == 0 and page == article.replace(PAIR, "Texte.")
    assert "front matter" not in report
