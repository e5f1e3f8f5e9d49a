"""Front matter read safely: the block's raw text is kept as it is, and its values are read from
the YAML parser's events alone (no constructor runs, no alias is expanded), within limits checked
as the events arrive."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import yaml

import pipeline.checks.inputs as inputs
from pipeline.article.model import line_starts, position
from pipeline.article.yamlerrors import explain
from pipeline.findings import InputError

try:  # libyaml is much faster; the pure-Python loader is just as safe.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FRONT_OPEN_RE = re.compile(r"---[ \t]*\r?\n")
# Closed by '---', or by YAML's document end '...', on a line of its own as Markdig (DocFX)
# reads lines: after a LF, a CR LF or a CR alone (CommonMark's three line ends), white space
# after it allowed (Markdig's: vertical tab and form feed too). Where a renderer ends the block
# its body starts: read up to a later closer, text the page shows would go unchecked.
# The line end before it is looked behind for after the '---': a pattern that opens with a
# look-behind has no first character for the search to skip to, and was tried at every one.
FRONT_MATTER_END = re.compile(
    r"(?:---(?<=[\r\n]---)|\.\.\.(?<=[\r\n]\.\.\.))[ \t\v\f]*(?:\r\n|\r|\n|\Z)")

# Front matter is small in every real article; a huge or deeply nested block is hostile or broken.
# Real front matter is under 2 KB; these limits keep the pure-Python YAML parser well under a
# second on the most hostile block allowed.
MAX_FRONT_MATTER = 32 * 1024
MAX_FRONT_MATTER_DEPTH = 32
MAX_FRONT_MATTER_VALUES = 2_000


def opens_front_matter(text: str) -> bool:
    """Whether ``text`` opens a front matter block (its first line ``---``, spaces after it
    allowed, a byte order mark before it), read or not: a line end of CR alone counts too
    (such a file is refused) and a longer rule (``----``) does not."""
    return _OPENS_RE.match(text, 1 if text.startswith("\ufeff") else 0) is not None


_OPENS_RE = re.compile(r"---[ \t]*(?:\r|\n|\Z)")


def split_front_matter(text: str, path: str) -> tuple[int, str]:
    """Return (offset where the body starts, YAML text). No front matter gives (0, ''); a
    byte order mark may stand before it."""
    at = 1 if text.startswith("\ufeff") else 0
    opener = _FRONT_OPEN_RE.match(text, at)  # '--- ' too: 35 corpus handoffs open so
    if opener is None:
        return at, ""
    first_end = opener.end()
    m = FRONT_MATTER_END.search(text, first_end)
    if m is None:
        raise InputError(
            inputs.FRONT_MATTER.id, "front matter block is not closed", path, 1, 1,
            "end the front matter with a line holding only ---",
        )
    return m.end(), text[first_end : m.start()]


def read_front_matter(
    yaml_text: str, path: str
) -> tuple[dict[str, str | None], dict[str, int]]:
    """Top-level keys and scalar values, with their lines.

    The YAML is read as a stream of parser events and nothing else: no node graph is composed and
    no object constructed, so no tag can run code and no alias is ever expanded. Hostile input
    is refused by limits checked as the events arrive, the same with or without libyaml: the
    size of the block, the nesting depth, the number of values once aliases are counted as
    what they stand for (an alias bomb), and tags beyond YAML's own plain types."""
    if not yaml_text.strip():
        return {}, {}
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise InputError(
            inputs.FRONT_MATTER.id, f"front matter is {len(yaml_text):,} characters; the limit is "
            f"{MAX_FRONT_MATTER:,}", path, 2, 1, "front matter holds metadata, not content",
        )
    _guard_flow_depth(yaml_text, path)
    flat = _flat(yaml_text)
    return flat if flat is not None else _parse(yaml_text, path)


def _parse(yaml_text: str, path: str) -> tuple[dict[str, str | None], dict[str, int]]:
    """``read_front_matter`` by YAML's parser events, for front matter of any shape."""
    starts = line_starts(yaml_text)

    def where(index: int | None) -> tuple[int, int]:
        """An article line and column for a character index into the front matter. YAML's own
        line numbers also break at a lone CR, U+0085, U+2028 and U+2029; the article's only at
        LF, so the position is worked out here from the index."""
        if index is None or not 0 <= index <= len(yaml_text):
            return 2, 1
        line, col = position(yaml_text, index, starts)
        return line + 1, col

    try:
        return _read_events(yaml.parse(yaml_text, Loader=_Loader), path, where)
    except yaml.MarkedYAMLError as exc:
        # the parser's words and place, said as the writer made the mistake (``yamlerrors``)
        said = explain(exc, yaml_text, _Loader, lambda index: where(index)[0])
        line, col = where(said.index)
        raise InputError(
            inputs.FRONT_MATTER.id, f"front matter is not valid YAML: {said.problem}", path,
            line, col, said.hint,
        ) from None
    except yaml.reader.ReaderError as exc:
        line, col = where(exc.position)
        raise InputError(
            inputs.FRONT_MATTER.id, f"front matter is not valid YAML: character "
            f"{_show_char(exc.character)} is not allowed", path, line, col,
            "remove the character; YAML allows no control characters but tab and line breaks",
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError(
            inputs.FRONT_MATTER.id, f"front matter is not valid YAML: {exc}", path, 2, 1,
            "fix the YAML syntax",
        ) from None


# Characters YAML reads as themselves inside a one-line scalar: not a control character, not
# one of YAML 1.1's other line breaks (U+0085, U+2028, U+2029), no BOM, no lone surrogate.
_TEXT = "[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
# A scalar whose value is the text as written: double-quoted with no escape, single-quoted
# with no quote inside, or plain, starting with no YAML indicator (': ' and ' #' are refused
# after the match). A plain one is possessive: it holds the spaces ' *' after it would take,
# and a line it fails (a tab after them) was tried again at each shorter length, quadratic.
_SCALAR = (rf'"({_TEXT}"\\]*)"|\'({_TEXT}\']*)\'|'
           rf"({_TEXT}\s\-?:,\[\]{{}}#&*!|>'\"%@`\\]{_TEXT}\t]*+)")
# The lines of flat front matter: 'key: value', 'key:' then '- item' lines, blank lines and
# comments. A key is words with single spaces and inner colons ('ms:assetid', 'online
# version'), as PowerShell's reference pages write them.
_FLAT_LINE = re.compile(
    rf"(?:([A-Za-z_][\w.\-/]*(?:[ :][A-Za-z0-9_][\w.\-/]*)*):(?: +(?:{_SCALAR}))? *"
    rf"|( *)- +(?:{_SCALAR}) *"
    r"|#[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]*| *)\r?")


def _flat(yaml_text: str) -> tuple[dict[str, str | None], dict[str, int]] | None:
    """The keys and values of flat front matter (see ``_FLAT_LINE``), read without the parser:
    most of the time a cold run spent reading articles' front matter. None for anything else,
    which the parser reads. Gives what ``_read_events`` gives (a property test holds the two
    together): a key with a list has the value None."""
    meta: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    values = 1  # the mapping
    open_key: str | None = None  # a key with no value of its own: its list may follow
    indent: str | None = None  # the open list's items' indentation
    match = _FLAT_LINE.fullmatch
    for number, line in enumerate(yaml_text.split("\n"), 2):
        m = match(line)
        if m is None:
            return None
        key, q1, s1, p1, dash, q2, s2, p2 = m.groups()
        if key is None and dash is None:
            continue  # blank, or a comment
        value = q1 if q1 is not None else s1 if s1 is not None else p1
        if value is None:
            value = q2 if q2 is not None else s2 if s2 is not None else p2
        plain = p1 if key is not None else p2
        if plain is not None:  # its trailing spaces are no part of it
            value = plain = plain.rstrip(" ")
            if ": " in plain or " #" in plain or plain.endswith(":"):
                return None  # YAML reads these otherwise
        if dash is not None:  # a list item: of the key just before it, at one indentation
            if open_key is None or indent not in (None, dash):
                return None
            indent = dash
            meta[open_key] = None
            values += 1
            continue
        if key in lines or len(key) > 1000:
            return None  # a duplicate, or longer than YAML's 1,024 for a key: the parser's
        meta[key] = "" if value is None else value
        lines[key] = number
        values += 2
        open_key, indent = (key if value is None else None), None
    if not lines or values > MAX_FRONT_MATTER_VALUES:
        return None
    return meta, lines


def _show_char(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character[:1] or "\0")
    return f"U+{code:04X}"


_BRACKET_RE = re.compile(r"[\[\]{}]")


def _guard_flow_depth(yaml_text: str, path: str) -> None:
    """Refuse deep [ { nesting before the parser sees it: the pure-Python scanner slows down
    with every open bracket, so a block of brackets would take seconds to reach the event that
    the depth limit stops. Brackets in quoted text count too; no real front matter nests."""
    count = yaml_text.count
    if count("[") + count("{") <= MAX_FRONT_MATTER_DEPTH:
        return  # too few to nest that deep: two counts cost less than the regex's look
    depth = 0
    for m in _BRACKET_RE.finditer(yaml_text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                line, col = position(yaml_text, m.start())
                raise InputError(
                    inputs.FRONT_MATTER.id,
                    f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} levels deep", path,
                    line + 1, col, "front matter holds flat metadata",
                )
        else:
            depth = max(0, depth - 1)


# YAML's own types: anything else (!!python/object, a local !tag) would ask a loader to build
# something, and front matter holds plain values.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in (
        "str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary", "merge",
        "omap", "pairs", "set", "value",
    )
) | {"!"}


def _read_events(
    events: Iterator[yaml.Event], path: str, where: Callable[[int | None], tuple[int, int]]
) -> tuple[dict[str, str | None], dict[str, int]]:
    meta: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    depth = 0  # open collections
    values = 0  # scalars and collections, an alias counting as all it stands for
    opened: list[tuple[str | None, int]] = []  # (anchor, values before it) per open collection
    sizes: dict[str, int] = {}  # anchor -> values it stands for
    scalars: dict[str, str] = {}  # anchor -> its value, for an alias used as a value
    documents = 0
    key: str | None = None  # the top-level key awaiting its value

    def fail(message: str, event: yaml.Event, hint: str) -> InputError:
        line, col = where(event.start_mark.index if event.start_mark is not None else None)
        return InputError(inputs.FRONT_MATTER.id, message, path, line, col, hint)

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail("front matter holds more than one YAML document", event,
                           "keep one block of 'key: value' lines")
            continue
        if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, before = opened.pop()
            if anchor is not None:
                sizes[anchor] = values - before
                scalars.pop(anchor, None)  # the name now stands for a collection
            continue
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS:
            raise fail(f"YAML tag {tag!r} is not allowed in front matter", event,
                       "remove the tag; front matter holds plain values")
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in sizes:
                raise fail(f"alias *{event.anchor} does not refer to a value defined before it",
                           event,
                           "define the anchor (&name) before using it, or write the value")
            values += sizes[event.anchor]
        else:
            values += 1
        if values > MAX_FRONT_MATTER_VALUES:
            raise fail(
                f"front matter stands for more than {MAX_FRONT_MATTER_VALUES:,} values once "
                "its aliases are expanded (an alias bomb?)", event,
                "front matter holds a few plain values; write them out without aliases",
            )
        if depth == 0:  # the document's root
            if not isinstance(event, yaml.MappingStartEvent):
                raise fail("front matter is not a mapping of keys to values", event,
                           "write front matter as 'key: value' lines")
        elif depth == 1:  # a top-level key or value
            if key is None:
                if not isinstance(event, yaml.ScalarEvent):
                    raise fail("front matter key is not a plain string", event,
                               "use plain keys")
                key = event.value
                line = where(event.start_mark.index if event.start_mark is not None else None)[0]
                if key in lines:
                    raise fail(f"duplicate front matter key {key!r} (first on line "
                               f"{lines[key]})", event, "keep one of the two")
                lines[key] = line
            else:
                if isinstance(event, yaml.ScalarEvent):
                    meta[key] = event.value
                elif isinstance(event, yaml.AliasEvent):
                    meta[key] = scalars.get(event.anchor or "")
                else:
                    meta[key] = None
                key = None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                raise fail(f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} levels deep",
                           event, "front matter holds flat metadata")
            opened.append((event.anchor, values - 1))
        elif isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            sizes[event.anchor] = 1
            scalars[event.anchor] = event.value
    return meta, lines

