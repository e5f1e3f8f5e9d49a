"""The localized front matter's ``keywords``: each item (or the one-line value) the segmenter
numbered is replaced where it stands by its translation, as the handoffs translated them.

A translation is written as it is where YAML reads it back as that text (a plain word list),
else as one double-quoted string. The whole front matter is read back after the edits (as
events: nothing constructed): every item must read as intended and every other value as
before, or no keyword is changed and the English ones stay. Front matter never breaks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import yaml

from pipeline.article import read_front_matter
from pipeline.findings import InputError
from pipeline.segment.model import Kind
from pipeline.segment.model import Segment as Unit

Edit = tuple[int, int, str]
KEY = "keywords"


def edits(text: str, start: int, close: int, units: Sequence[Unit],
          published: Sequence[str]) -> list[Edit]:
    """The edits that translate the keywords in ``text[start:close]`` (the YAML block)."""
    items = [(u, _one_line(tr)) for u, tr in zip(units, published, strict=True)
             if u.kind is Kind.KEYWORDS and u.pieces]
    if all(tr == u.source for u, tr in items):
        return []
    before = _read(text[start:close])
    if before is None:
        return []
    # each keyword unit is the item the YAML reads where it stands (the segmenter leaves out
    # the items that are no one-line scalar); one that is not found: none changes
    where = [max((n for n, at in enumerate(before[2]) if start + at <= u.start), default=-1)
             for u, _ in items]
    if len(set(where)) != len(where) or -1 in where:
        return []
    out: list[Edit] = []
    expected = list(before[0])
    for at, (u, tr) in zip(where, items, strict=True):
        if tr == u.source:
            continue
        token, expected[at] = _token(text, u, text[u.start:u.end], tr)
        out.append((u.start, u.end, token))
    after = _read(_applied(text, start, close, out))
    if after is None or after[1] != before[1] or after[0] != tuple(expected):
        return []  # an item would not read as meant, or another value would move
    return out


def _one_line(tr: str) -> str:
    """One item a line, as the English holds it (any line break YAML knows, U+2028 too)."""
    return " ".join(tr.split()) if "".join(tr.splitlines()) != tr else tr


def _token(text: str, u: Unit, raw: str, tr: str) -> tuple[str, str]:
    """What to write for ``tr`` in place of ``raw``, and the value YAML should read there."""
    quote = text[u.start - 1] if u.start and text[u.start - 1] in "\"'" else ""
    if quote and text[u.end:u.end + 1] == quote:  # inside a quoted one-line value
        if quote == '"':
            return tr.replace("\\", "\\\\").replace('"', '\\"'), tr
        return tr.replace("'", "''"), tr
    quoted = raw[:1] in ('"', "'") and raw[-1:] == raw[:1]
    if quoted and tr[:1] in ('"', "'") and tr[-1:] == tr[:1]:
        value = _unquoted(tr)  # a quoted English item, translated with its quotes: its value,
        if value is not None:  # written anew (nothing after the closing quote survives)
            tr = value
    flow = text[:u.start].rstrip(" \t")[-1:] in ("[", ",")  # an item of keywords: [a, b]
    return (tr if _reads_as(tr, tr, flow) else json.dumps(tr, ensure_ascii=False)), tr


def _unquoted(raw: str) -> str | None:
    got = _read(f"k: {raw}\n")
    return got[1].get("k") if got is not None else None


def is_text(value: str) -> bool:
    """Whether a plain (unquoted) YAML scalar ``value`` is read as text: 'No', 'yes', '~',
    '2024-01-01', '0x10' are read as a boolean, null, a date, a number by every YAML reader
    (DocFX's too), though the parser's events hand them over as strings."""
    tag: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.nodes.ScalarNode, value, (True, False))
    return tag == _STR


_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def _reads_as(token: str, intended: str, flow: bool = False) -> bool:
    """Whether ``token`` written as a plain item (of a block list, or of a flow sequence:
    ``flow``) reads back as ``intended``, as text."""
    if token != token.strip() or not token:
        return False
    if token[:1] not in ("'", '"') and not is_text(token):
        return False
    got = _read(f"{KEY}: [{token}]\n" if flow else f"{KEY}:\n- {token}\n")
    return got is not None and got[0] == (intended,)


def _applied(text: str, start: int, close: int, out: Sequence[Edit]) -> str:
    parts: list[str] = []
    pos = start
    for a, b, new in sorted(out):
        parts.append(text[pos:a])
        parts.append(new)
        pos = b
    parts.append(text[pos:close])
    return "".join(parts)


def _at(event: yaml.Event) -> int:
    return event.start_mark.index if event.start_mark is not None else 0


def _read(yaml_text: str
          ) -> tuple[tuple[str, ...], dict[str, str | None], list[int]] | None:
    """The keywords (a one-line value counts as one item), every other top-level value, and
    where each keyword item starts; None when the YAML is not front matter the reader
    takes."""
    try:
        meta = read_front_matter(yaml_text, "")[0]  # refuses what is hostile, first
    except InputError:
        return None
    items: list[str] = []
    starts: list[int] = []
    depth, in_keywords, key = 0, False, None
    try:
        for event in yaml.parse(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth == 2 and key == KEY:
                    in_keywords = True
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 1:
                    in_keywords, key = False, None
                continue
            if isinstance(event, yaml.ScalarEvent):
                if depth == 1:
                    if key is None:
                        key = event.value
                    else:
                        if key == KEY:
                            items.append(event.value)
                            starts.append(_at(event))
                        key = None
                elif depth == 2 and in_keywords:
                    items.append(event.value)
                    starts.append(_at(event))
    except yaml.YAMLError:
        return None
    meta.pop(KEY, None)
    return tuple(items), meta, starts
