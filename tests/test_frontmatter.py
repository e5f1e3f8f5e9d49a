"""Front matter read without the YAML parser when it is flat ('key: value' lines, lists of
plain items, comments): the reading must be the parser's, value for value and line for line,
and anything else must still go to the parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.article.frontmatter as fm
from pipeline.findings import InputError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def parsed(text: str) -> object:
    """What the YAML parser's events give for ``text``, or the error it raises."""
    try:
        return fm._parse(text, "a.md")
    except InputError as exc:
        return exc.finding.message


# The pieces of lines a vendor's or a writer's front matter holds, the awkward ones included:
# YAML indicators, ': ' and ' #' inside values, quotes, tabs, CR, YAML 1.1's extra line breaks.
_PIECES = ["a", "b c", "ms.date", "ms:assetid", "x", "1", ":", ": ", " #", "#", "'", '"', "-",
           "- ", "?", "[", "]", "{", ",", "&", "*", "!", "|", ">", "%", "@", "`", "\\", " ",
           "  ", "\t", "\r", "\x85", "\u2028", "\ufeff", "é", "é b"]
_KEYS = ["title", "description", "ms.author", "ms:assetid", "online version", "a b:c", "title",
         "_k", "k-1", "k/x", "2k", "k ", " k"]


@st.composite
def _lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["pair", "pair", "key", "item", "comment", "blank", "raw"]))
    value = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=4)))
    quote = draw(st.sampled_from(["", "", '"', "'"]))
    if kind == "pair":
        return f"{draw(st.sampled_from(_KEYS))}: {quote}{value}{quote}"
    if kind == "key":
        return f"{draw(st.sampled_from(_KEYS))}:{draw(st.sampled_from(['', ' ', '  ']))}"
    if kind == "item":
        return f"{draw(st.sampled_from(['', ' ', '  ']))}- {quote}{value}{quote}"
    if kind == "comment":
        return f"#{value}"
    return draw(st.sampled_from(["", " ", "\r"])) if kind == "blank" else value


@settings(max_examples=3000, deadline=None)
@given(st.lists(_lines(), min_size=1, max_size=6))
def test_flat_front_matter_reads_as_the_yaml_parser_reads_it(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    flat = fm._flat(text)
    if flat is not None:
        assert flat == parsed(text)


@pytest.mark.parametrize("text, expected", [
    ("title: Hello world  \nms.date: 03/25/2021\n",
     ({"title": "Hello world", "ms.date": "03/25/2021"}, {"title": 2, "ms.date": 3})),
    ('title: "Quickstart: a"\r\ndescription: \'It\'\r\n',
     ({"title": "Quickstart: a", "description": "It"}, {"title": 2, "description": 3})),
    ("external help file: a.dll-Help.xml\nms:assetid: 38aac7a2\n",
     ({"external help file": "a.dll-Help.xml", "ms:assetid": "38aac7a2"},
      {"external help file": 2, "ms:assetid": 3})),
    ("# required metadata\n\nms.custom:\n- a [b], c\n- 'd'\nms.prod:\n",
     ({"ms.custom": None, "ms.prod": ""}, {"ms.custom": 4, "ms.prod": 7})),
])
def test_flat_front_matter_is_read_without_the_parser(text: str, expected: object) -> None:
    assert fm._flat(text) == expected
    assert parsed(text) == expected


@pytest.mark.parametrize("text", [
    "title: a: b\n",  # a mapping in a value
    "title: a #note\n",  # a comment after a value
    "title: a\ntitle: b\n",  # a duplicate: the parser's error, at its line
    "title: &x a\nother: *x\n",  # anchors and aliases
    "title: !!python/object a\n",
    "title: >\n  folded\n",
    "ms.custom:\n  - a\n- b\n",  # items of two indentations
    "title: a\n- b\n",  # an item of no list
    "title:\ta\n",
    "title: a\x85b\n",  # YAML 1.1 reads U+0085 as a line break
    "title: \"a\\tb\"\n",  # an escape
    "key:x\n",  # no mapping at all
    "  title: a\n",
    "# only a comment\n",
    "k" * 1030 + ": a\n",  # longer than YAML takes for a key
])
def test_front_matter_of_any_other_shape_goes_to_the_parser(text: str) -> None:
    assert fm._flat(text) is None


def test_a_duplicate_key_in_flat_front_matter_is_still_reported_at_its_line() -> None:
    with pytest.raises(InputError) as exc:
        fm.read_front_matter("title: a\nms.date: b\ntitle: c\n", "a.md")
    assert (exc.value.finding.check, exc.value.finding.line) == ("front-matter", 4)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_every_corpus_front_matter_reads_the_same_with_or_without_the_parser() -> None:
    read = 0
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        try:
            yaml_text = fm.split_front_matter(text, "a.md")[1]
        except InputError:
            continue
        flat = fm._flat(yaml_text)
        if flat is not None:
            read += 1
            assert flat == parsed(yaml_text), path
    assert read > 2500  # most real front matter is flat


@pytest.mark.parametrize(("text", "yaml_text", "body"), [
    ("---\na: b\r...\r# x\n---\n", "a: b\r", "# x\n---\n"),  # a CR alone ends a line too
    ("---\na: b\r---\rbody", "a: b\r", "body"),
    ("---\na: b\r\n... \t\r\nbody", "a: b\r\n", "body"),
    ("---\na: b\n---\x0c\nbody", "a: b\n", "body"),  # Markdig's white space
    ("---\n...\r# x\n---\n", "", "# x\n---\n"),
    ("---\na: b\n---", "a: b\n", ""),
    ("---\na: b\r----\r ---\r.. .\r---\nbody", "a: b\r----\r ---\r.. .\r", "body"),
])
def test_front_matter_ends_at_the_first_closer_markdig_reads_after_any_line_end(
    text: str, yaml_text: str, body: str
) -> None:
    """Markdig (DocFX) ends the block at a '---' or '...' line, lines ended by LF, CR LF or a
    CR alone: its body, which the page shows, starts there, and so does the article's."""
    start, read = fm.split_front_matter(text, "a.md")
    assert (read, text[start:]) == (yaml_text, body)


@given(st.lists(st.sampled_from(["-", ".", "---", "...", "\r", "\n", "\r\n", " ", "\t", "\v",
                                 "\x0c", "a", "\n---", "\r..."]), max_size=12).map("".join),
       st.integers(min_value=0, max_value=40))
@settings(max_examples=3000, deadline=None)
def test_the_closer_is_found_where_a_look_behind_first_found_it(text: str, at: int) -> None:
    """The closer's line end is looked behind for after its '---' (a pattern opening with the
    look-behind was tried at every character): each search finds what that one found, a line
    end before the search's start included."""
    import re

    first = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t\v\f]*(?:\r\n|\r|\n|\Z)")
    at = min(at, len(text))
    before, now = first.search(text, at), fm.FRONT_MATTER_END.search(text, at)
    assert (before and before.span()) == (now and now.span())


@pytest.mark.parametrize("line", ["title: a{}b \t", "keywords:\n- a{}b \t"],
                         ids=["value", "list item"])
def test_a_flat_line_of_many_spaces_it_fails_is_read_in_linear_time(line: str) -> None:
    """A plain value of 20,000 spaces between two words, then a tab: the flat reader fails the
    line (the parser reads it) after trying the value again at each shorter length, three
    seconds for one line. Its value is read as before."""
    import time

    timings = []
    for n in (5_000, 20_000):
        text = line.format(" " * n)
        began = time.perf_counter()
        meta = fm.read_front_matter(text, "a.md")[0]
        timings.append(time.perf_counter() - began)
        assert meta.get("title", "a" + " " * n + "b") == "a" + " " * n + "b"
    assert timings[1] < 8 * timings[0] + 0.5


@given(st.lists(st.sampled_from(["title:", "- ", "  - ", "a", " ", "\t", "\r", "#", ":",
                                 "'", '"', "\u00a0", "\u2028", "\u0085", "\x1c"])
                | st.characters(), max_size=16).map("".join))
@settings(max_examples=400, deadline=None)
def test_a_flat_line_reads_as_it_did_with_a_greedy_plain_value(line: str) -> None:
    """The plain value possessive reads every line as the greedy one did: what follows it
    (' *', '\\r') is nothing it could hold back and have the line match."""
    import re

    greedy = (rf'"({fm._TEXT}"\\]*)"|\'({fm._TEXT}\']*)\'|'
              rf"({fm._TEXT}\s\-?:,\[\]{{}}#&*!|>'\"%@`\\]{fm._TEXT}\t]*)")
    old = re.compile(fm._FLAT_LINE.pattern.replace(fm._SCALAR, greedy))
    assert old.pattern != fm._FLAT_LINE.pattern
    before, now = old.fullmatch(line), fm._FLAT_LINE.fullmatch(line)
    assert (before and before.groups()) == (now and now.groups())


@pytest.mark.parametrize(("value", "refused"), [
    ("[" * 32 + "]" * 32, False),
    ("[" * 33 + "]" * 33, True),
    ("[{" * 16 + "[" + "]" * 17 + "}]" * 16, True),  # the two kinds count together
    ("[], " * 40, False),  # more brackets than the limit, none deep: the walk reads them
])
def test_flow_nesting_is_refused_past_the_limit_and_only_there(value: str, refused: bool) -> None:
    """Two counts stand in for the walk over the brackets when there are too few of them to
    nest past the limit; the walk decides the rest."""
    try:
        fm._guard_flow_depth(f"title: {value}\n", "a.md")
    except InputError:
        assert refused
    else:
        assert not refused


# The common mistakes in front matter, each with the line to fix and what to write instead.
_MISTAKES = [
    ('title: a\ndescription: "b\nms.topic: c\nms.date: "2021"\n', 3,
     'a quoted value is not closed on its line: its " runs on to the " on line 5',
     'end the value with a " on its line'),
    ("title: a\ndescription: 'b\n", 3, "a quoted value is never closed: its ' runs on to the end",
     "end the value with a ' on its line; a ' inside the value is written ''"),
    ("title: Step 1: go\n", 2, "a ': ' inside a value that is not quoted",
     'put the value in double quotes: title: "Step 1: go"'),
    ("title: a\n  description: b\n", 3, "this line is indented under the value of the line above",
     "start the key where the other keys start"),
    ("title: a\n\tauthor: b\n", 3, "a tab, where YAML takes only spaces",
     "replace the tab with spaces"),
    ("keywords: [a, b\nms.topic: c\n", 2, "a '[' that is not closed with ']' on its line",
     "close it with ']'"),
    ('title: "a" b\n', 2, "text after the closing quote of a quoted value",
     'put the value in double quotes: title: "\\"a\\" b"'),
    ("title: `az` CLI\n", 2, "a value that starts with '`', which YAML reserves",
     'put the value in double quotes: title: "`az` CLI"'),
    ("title: *new*\n", 2, "a value that starts with '*', which YAML reads as an alias",
     'put the value in double quotes: title: "*new*"'),
    ("title: a\n- b\n", 3, "a list item ('- ') among the keys",
     "put the items under a key with no value on its line"),
]


@pytest.mark.parametrize("loader", ["libyaml", "pure"])
@pytest.mark.parametrize(("text", "line", "message", "hint"), _MISTAKES)
def test_a_yaml_mistake_is_said_as_made_at_its_line_by_either_parser(
    monkeypatch: pytest.MonkeyPatch, loader: str, text: str, line: int, message: str, hint: str,
) -> None:
    """The parser's own words were a place it gave up ("found unexpected end of stream" at the
    closing ---, for a quote opened lines above) and differed between libyaml and the
    pure-Python parser; the mistake is said the same by both, where it was made."""
    import yaml

    if loader == "pure":
        monkeypatch.setattr(fm, "_Loader", yaml.SafeLoader)
    with pytest.raises(InputError) as raised:
        fm._parse(text, "a.md")
    finding = raised.value.finding
    assert finding.line == line
    assert finding.message.startswith("front matter is not valid YAML: " + message)
    assert finding.hint is not None and finding.hint.startswith(hint)
