"""Front matter: where the body starts, and the values Microsoft numbers but never pairs.

The handoffs translate ``title``, ``description`` and ``keywords`` in place. Title and
description take one number per sentence, each keyword item one, before the body's segments.
YAML that will not parse (a duplicated key, say) was taken as it was by the handoffs: the block
is still front matter, its values read line by line, and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

import pipeline.checks.inputs as inputs
from pipeline.article import read_front_matter
from pipeline.article.frontmatter import FRONT_MATTER_END
from pipeline.findings import Finding, InputError, Severity
from pipeline.segment.flat import Flat
from pipeline.segment.model import Kind
from pipeline.segment.paragraphs import single_run
from pipeline.yamlvalues import strings_under

_OPEN = re.compile(r"---[ \t]*\r?\n")
# (a value greedy, its trailing blanks dropped after, ``_value_end``: a lazy one before '[ \t]*\r?$'
# tried each length against the rest, and a value of many spaces took seconds)
_KEY_LINE = re.compile(r"^(title|description|keywords):[ \t]*(.*)$", re.M)
_ITEM = re.compile(r"[ \t]*-[ \t]+(.*)$")
_SENTENCED = (("title", Kind.TITLE), ("description", Kind.DESCRIPTION))
# a key whose value is YAML's null, unquoted ('description: null', '~'): no text at all
_NULL_KEY = re.compile(r"^(title|description):[ \t]*(?:null|Null|NULL|~)[ \t]*(?:#[^\r\n]*)?\r?$",
                       re.M)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    body: int  # offset where the body starts
    values: tuple[tuple[Kind, Flat], ...]  # title, description, keyword items, in that order
    findings: tuple[Finding, ...] = ()
    meta: dict[str, str | None] = field(default_factory=dict)  # as the YAML reader gave it


def front_matter(text: str, start: int, path: str) -> FrontMatter:
    m = _OPEN.match(text, start)
    end = FRONT_MATTER_END.search(text, m.end()) if m is not None else None
    if m is None:
        return FrontMatter(start, ())
    if end is None:  # unclosed: Markdown (and DocFX) read it as a rule and text
        return FrontMatter(start, (), (Finding(
            inputs.FRONT_MATTER.id, Severity.WARNING, "the front matter block is not closed: its "
            "lines are read as the article's text, and translated as such", path, 1, 1, None,
            "end the front matter with a line holding only ---"),))
    yaml_start = m.end()
    yaml_text = text[yaml_start:end.start()]
    findings: tuple[Finding, ...] = ()
    meta: dict[str, str | None] = {}
    try:
        meta = read_front_matter(yaml_text, path)[0]
        parsed = True
    except InputError as exc:
        f = exc.finding
        findings = (Finding(f.check, Severity.WARNING, f.message, f.file, f.line, f.column,
                            None, f"{f.hint} (Microsoft's handoffs took it as it is)"),)
        parsed = False
    found: dict[str, list[Flat]] = {}
    nulls = {m.group(1) for m in _NULL_KEY.finditer(yaml_text)}
    for key, flats in _lines(text, yaml_start, end.start()):
        if key in found:  # a repeated key: the first one counts
            continue
        if parsed and key != "keywords":  # the parser's value, located in the text if it can be
            value = meta.get(key)
            if key in nulls:
                value = None
            flats = [_located(flats, value)] if value and value.strip() else []
        found[key] = flats
    if parsed:
        findings = tuple(_unreached(text, yaml_start, yaml_text, meta, found, path))
    values: list[tuple[Kind, Flat]] = []
    for key, kind in _SENTENCED:
        values.extend((kind, flat) for flat in found.get(key, ()))
    values.extend((Kind.KEYWORDS, flat) for flat in found.get("keywords", ()))
    return FrontMatter(end.end(), tuple(values), findings, meta)


def _unreached(text: str, yaml_start: int, yaml_text: str, meta: dict[str, str | None],
               found: dict[str, list[Flat]], path: str) -> Iterator[Finding]:
    """A warning for each title or description YAML gives the page but no ``title:`` line
    holds (a flow mapping, ``{title: …}``; a key indented or quoted; a value merged in by
    ``<<``): no unit is made of it, so it stays English in every locale. Its translation could
    not be put back where a reader takes it (merged in: into a mapping other keys share)."""
    for key, _ in _SENTENCED:
        if key in found:  # a 'title:' line holds it: its text, or YAML's null ('title: ~')
            continue
        value = meta.get(key)
        how = f"is not on a line that starts '{key}:'"
        at: int | None = None
        if not (isinstance(value, str) and value.strip()):
            if key in meta or ("<<" not in yaml_text and "merge" not in yaml_text):
                continue  # (a merge key is rare: only then is the YAML read again)
            try:
                merged = next((e for _, e, v in strings_under(yaml_text, (key,)) if v.strip()),
                              None)
            except yaml.YAMLError:  # (read once already: never expected)
                continue
            if merged is None:
                continue
            how = "is merged in by a merge key (<<)"
            at = merged.start_mark.index if merged.start_mark is not None else 0
        if at is None:  # where the key is written
            m = re.search(rf"(?<![\w.-]){key}['\"]?[ \t]*:", yaml_text)
            at = m.start() if m is not None else 0
        line = text.count("\n", 0, yaml_start + at) + 1
        yield Finding(
            inputs.FRONT_MATTER.id, Severity.WARNING, f"the front matter's {key} {how}: it is "
            "not translated, and stays English in every locale", path, line, 1, None,
            f"write it as a '{key}: …' line of its own at the start of a line, outside braces "
            "and not merged in from another key")


def _lines(text: str, start: int, end: int) -> Iterator[tuple[str, list[Flat]]]:
    """Each title, description and keywords line with its value(s) as they stand in the text:
    a one-line value without its quotes, or the ``- item`` lines that follow the key."""
    for m in _KEY_LINE.finditer(text, start, end):
        key = m.group(1)
        a, b = m.span(2)
        b = _value_end(text, a, b)
        if key == "keywords" and text[a:a + 1] == "[" and text[b - 1:b] == "]":
            # keywords: [a, "b"]: an item a unit, as in a block list; a sequence of more than
            # scalars has none (no translation could be put back in place)
            flow = _flow_items(text, a + 1, b - 1)
            # an alias, an anchor or a tag is no text (no more than in a block list)
            yield key, [single_run(text, s, e) for s, e in flow or ()
                        if text[s] in "'\"" or not _NOT_PLAIN.match(text, s, e)]
            continue
        if b - a >= 2 and text[a] == text[b - 1] and text[a] in "'\"":
            a, b = a + 1, b - 1
        if a < b or key != "keywords":
            yield key, [single_run(text, a, b)] if a < b else []
            continue
        items: list[Flat] = []
        pos = m.end() + 1
        while pos < end:
            nl = text.find("\n", pos, end)
            line_end = end if nl < 0 else nl
            item = _ITEM.match(text, pos, line_end)
            span = (_item_value(text, item.start(1), _value_end(text, *item.span(1)))
                    if item is not None else None)
            if span is not None:
                items.append(single_run(text, *span))
            elif item is None and text[pos:line_end].strip() and text[pos] not in " \t":
                break  # the next key (an item no entry is made for is not)
            pos = line_end + 1
        yield key, items


def _value_end(text: str, a: int, b: int) -> int:
    """Where a line's value ``text[a:b]`` ends: before the CR of its line end, and before the
    spaces and tabs that close it."""
    if b > a and text[b - 1] == "\r":
        b -= 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return b


_NOT_PLAIN = re.compile(r"[>|&*!%@`?]|-[ \t]|[^'\"].*(?::[ \t]|:$)")


def _item_value(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Where a block list item's text stands: the line's value (its comment aside), or None
    for an item that is no one-line scalar (a folded '>-' or literal '|' block, an anchor,
    alias or tag, a nested list or mapping), whose translation could not be put back in place
    as YAML reads it."""
    if a >= b or (text[a] not in "'\"" and _NOT_PLAIN.match(text, a, b)):
        return None
    if text[a] not in "'\"":
        comment = text.find(" #", a, b)
        if comment >= 0:
            b = comment
            while b > a and text[b - 1] in " \t":
                b -= 1
    return (a, b) if a < b else None


_FLOW_SCALAR = {'"': re.compile(r'"(?:[^"\\\n]|\\.)*"'), "'": re.compile(r"'(?:[^'\n]|'')*'")}
_FLOW_PLAIN = re.compile(r"[^,\[\]{}\n]*")


def _flow_items(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The items of a one-line flow sequence (``text[a:b]``, inside its brackets) as they stand,
    quotes and all; None when it holds more than scalars (a nested collection, a comment)."""
    items: list[tuple[int, int]] = []
    pos = a
    while True:
        while pos < b and text[pos] in " \t":
            pos += 1
        if pos >= b:
            return items  # [] or a trailing comma
        m = _FLOW_SCALAR.get(text[pos], _FLOW_PLAIN).match(text, pos, b)
        if m is None:
            return None
        end = m.end()
        while end > pos and text[end - 1] in " \t":
            end -= 1
        if end == pos or (text[pos] not in "\"'" and " #" in text[pos:end]):
            return None
        items.append((pos, end))
        pos = m.end()
        while pos < b and text[pos] in " \t":
            pos += 1
        if pos < b and text[pos] != ",":
            return None
        pos += 1


def _located(flats: list[Flat], value: str) -> Flat:
    """The value's run in the text when it is written there as is, else the value alone."""
    if flats and flats[0].text == value:
        return flats[0]
    # its line and column: where the value starts on the key's line ('>-' for a folded one)
    return Flat(value, (), "", flats[0].source_pos(0) if flats else 0)
