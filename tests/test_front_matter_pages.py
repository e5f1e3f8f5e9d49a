"""Front matter as a page's renderer and its YAML reader take it, end to end through the CLI: the
block ends where Markdig ends it, and every string a YAML reader builds under a translated key
is checked, however the YAML spells it; nothing unsafe reaches a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from pipeline.article import parse_article, split_front_matter
from pipeline.catalog.keys import entries_for
from pipeline.checks import SegmentChecker, safety
from pipeline.checks.base import Options
from pipeline.checks.tokens.tags import lenient_tags
from pipeline.cli import main
from pipeline.findings import InputError
from pipeline.publish import Guard, Policy, publish

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
    # a YAML 1.1 reader folds NEL NEL to a line break, which a browser drops from a URL: as
    # written, the scheme has a character in it that is no white space to a quick look
    "NEL in a plain scalar": "redirect_url: java\x85\x85 script:alert(1)\n",
    "NEL in a literal block": "redirect_url: |\n  java\x85  script:alert(1)\n",
    # libyaml (the article reader's parser) reads a tab there; PyYAML's own scanner does not
    "a tab before an attribute's '='": "ms.custom: <img src=x onerror\t=alert(1)>\n",
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


# What runs, cut where a reader folds, drops or decodes: line breaks (YAML 1.1's NEL, U+2028
# and U+2029 too, CR LF), indentation, tabs, doubled quotes, comments, escapes of HTML and URLs
_ACTIVE = ["javascript:alert(1)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           "data:text/html,x", "vbscript:msgbox(1)", "&#106;avascript:alert(1)"]
_CUTS = ["", " ", "\t", "\n", "\n\n", "\r\n", "\x85", "\x85\x85", "\u2028", "\u2029",
         "''", " #c", "\n#c\n", "%0A", "&#10;", "- ", ": "]


def _scalar(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_ACTIVE))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_CUTS)) + text[at:]
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded", "flow"]))
    lines = text.replace("\r\n", "\n").split("\n")
    indent = "  "
    if style in ("literal", "folded"):
        return f"{'|' if style == 'literal' else '>'}\n" + "".join(
            indent + line + "\n" for line in lines)
    body = ("\n" + indent).join(lines)
    if style == "single":
        return f"'{body}'\n"
    if style == "double":
        return '"' + body.replace('"', "'") + '"\n'
    if style == "flow":
        return f"[x, '{body}']\n"
    return body + "\n"


@st.composite
def _front_matter(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(["redirect_url", "ms.custom", "a", "b"]),
                         min_size=1, max_size=3, unique=True))
    values = "".join(f"{k}: {_scalar(draw)}" for k in keys)
    # keys that run: of the root mapping, of a nested one (two, or one beside an empty key)
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.sampled_from(["root", "nested", "beside empty"]))
        one, two = (draw(st.sampled_from(_ACTIVE)) for _ in range(2))
        values += {"root": f"'{one}': x\n", "nested": f"m: {{'{one}': 1, '{two}': 2}}\n",
                   "beside empty": f"n:\n  '{one}': 1\n  '': 2\n"}[where]
    return values


def _strings(yaml_text: str) -> set[str]:
    """Every string scalar a YAML 1.1 reader builds (keys too); each mapping's keys distinct,
    as a reader that refuses a duplicate key (js-yaml, YamlDotNet) needs them."""
    out: set[str] = set()
    todo = [yaml.compose(yaml_text, Loader=yaml.SafeLoader)]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            keys = [yaml.serialize(k) for k, _ in node.value]
            assert len(set(keys)) == len(keys), f"a duplicate key: {keys}"
            todo.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
            out.add(node.value)
    return out


_FLAGS = Guard(Options()).markup.flags
_NO_HANDLER = SegmentChecker(Options(), (safety.unsafe_element, safety.unsafe_url)).flags


def _runs(text: str) -> bool:
    """What the rules for active content flag, but for an ``on…`` attribute alone that no
    browser runs, which ``may_be_active`` passes: one with no value ('<img one rror=…>'), or
    a name with other white space in it ('on' U+2028 'error=…': an attribute of that name)."""
    return _FLAGS(text) and (_NO_HANDLER(text) or any(
        _HANDLER.fullmatch(a) and v for _, attrs in lenient_tags(text) for a, v in attrs))


_HANDLER = re.compile("on[a-z]+")


@settings(max_examples=300, deadline=None)
@given(_front_matter())
@example("redirect_url: 'j\x85avascript:alert(1)'\n")
def test_no_string_of_the_front_matter_the_rules_for_what_runs_flag_reaches_the_page(
    values: str
) -> None:
    """Whatever YAML folds, drops or decodes, no string a YAML reader builds from an sxs
    article's front matter that the rules for active content flag is on the page."""
    article_text = f"---\ntitle: Titre\n{values}{LOC_KEYS}---\n{PAIR}\n"
    try:
        built = _strings(article_text.split("---\n")[1])
        article = parse_article(article_text, "fr-FR/a.md")
    except (yaml.YAMLError, InputError, AssertionError):  # (a key twice in the input)
        assume(False)
        return
    assume(article.body_start and not article.problems)
    active = {s for s in built if _runs(s)}
    page = publish(article, entries_for(article, None), Policy(Options())).text
    assert page is not None
    kept = _strings(split_front_matter(page, "a.md")[1])
    assert not active & kept


KEYS = {
    "of the root mapping": "'<script>alert(1)</script>': x\n",
    "two of a nested mapping": 'm: {"<script>a</script>": 1, "<img src=x onerror=alert(1)>": 2}\n',
    "beside an empty key": 'm:\n  "javascript:alert(1)": 1\n  "": 2\n',
    "beside a key of the name a hold would take": 'm: {"<script>a</script>": 1, "held 1": 2}\n',
}


@pytest.mark.parametrize("values", KEYS.values(), ids=KEYS.keys())
def test_a_front_matter_key_that_would_run_a_script_is_published_under_another_name(
    tmp_path: Path, values: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key is a string a reader builds too: one of the root mapping was copied to the page
    unchecked, exit 0; two held keys of one mapping were both published as '""', a duplicate
    key, and js-yaml and YamlDotNet read no front matter. Each now gets a name of its own."""
    article = f"---\ntitle: Titre\n{values}{LOC_KEYS}---\n{PAIR}\n"
    status, page, report = locales(tmp_path, article, capsys)
    front = page.split("---\n")[1]
    kept = _strings(front)  # each mapping's keys distinct
    assert not {s for s in kept if _runs(s)}
    assert "held 1" in front or "held 2" in front
    assert status == 1 and "the front matter key of '" in report
    assert "a key of another name was published instead" in report
