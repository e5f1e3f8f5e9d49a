"""The strings a YAML reader builds under some keys of a front matter, each with the event whose
text a hold replaces.

Read from the parser's events, as the article reader reads front matter (nothing constructed),
but as a consumer of the YAML sees the values, which their scalars' text may not show: a value
merged in by a merge key ('<<: {title: …}', '<<: *base', '<<: [*a, *b]'), an alias of a list
or a mapping, a '!!binary' scalar (base64: PyYAML builds bytes of it, Ruby's Psych and go-yaml a
string) or a '!!binary' key that decodes to 'title'. The article reader has already refused
what is not safe to read (an alias bomb, a cycle, a tag beyond YAML's own).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import yaml

try:  # as the article reader parses it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MERGE = "<<"
_MERGE_TAGS = ("!!merge", "tag:yaml.org,2002:merge")  # as the parser gives the tag
_BINARY = "tag:yaml.org,2002:binary"

Found = tuple[str, yaml.NodeEvent, str]  # (key, the event a hold replaces, a string)


@dataclass(slots=True, eq=False)
class _Node:
    event: yaml.NodeEvent  # its scalar, its collection's start, or the alias
    items: list[_Node] = field(default_factory=list)  # a mapping's: key, value, key, value…
    target: _Node | None = None  # an alias's node


def strings_under(yaml_text: str, keys: Collection[str] | None) -> Iterator[Found]:
    """Each non-empty string a YAML reader builds under one of ``keys`` (None: any key) of the
    root mapping, at any depth, keys of mappings inside included (with None, the root's keys
    too), with its key and the event a hold replaces. A key both written and merged in: both
    values, whichever a reader keeps. A key that is no string (a mapping, a list) is named by
    its first string, or '' if none."""
    root = _compose(yaml.parse(yaml_text, Loader=_Loader))
    if root is not None and isinstance(root.event, yaml.MappingStartEvent):
        yield from _entries(root, keys, frozenset())


def in_keys(yaml_text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Where (the parser's start index) each scalar and alias of the root mapping's keys is
    written, and each of any key at any depth, inside a key's list or mapping too: a hold
    there must leave the mapping's keys distinct, or a reader that refuses a duplicate key
    (js-yaml, YamlDotNet) reads no front matter."""
    root: set[int] = set()
    anywhere: set[int] = set()

    def visit(node: _Node, inside: bool, top: bool) -> None:
        event = node.event  # (an alias is where it is written: its anchor's is not followed)
        if not isinstance(event, yaml.CollectionStartEvent):
            assert event.start_mark is not None  # the parser marks every event
            if inside:
                anywhere.add(event.start_mark.index)
            return
        mapping = isinstance(event, yaml.MappingStartEvent)
        for i, item in enumerate(node.items):
            key = mapping and i % 2 == 0
            if key and top and not isinstance(item.event, yaml.CollectionStartEvent):
                assert item.event.start_mark is not None
                root.add(item.event.start_mark.index)
            visit(item, inside or key, False)

    document = _compose(yaml.parse(yaml_text, Loader=_Loader))
    if document is not None:
        visit(document, False, True)
    return frozenset(root), frozenset(anywhere)


def scalars(yaml_text: str) -> set[str]:
    """The text of every scalar of the YAML, as the article reader's parser reads it."""
    return {e.value for e in yaml.parse(yaml_text, Loader=_Loader)
            if isinstance(e, yaml.ScalarEvent)}


def _compose(events: Iterator[yaml.Event]) -> _Node | None:
    """The document's root node, each alias a node of its own (where it is written is where a
    hold replaces it) that points at its anchor's."""
    anchors: dict[str, _Node] = {}
    open_: list[_Node] = []
    root = None
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            open_.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        node = _Node(event)
        if isinstance(event, yaml.AliasEvent):
            node.target = anchors.get(event.anchor or "")
        elif event.anchor is not None:
            anchors[event.anchor] = node
        if open_:
            open_[-1].items.append(node)
        elif root is None:
            root = node
        if isinstance(event, yaml.CollectionStartEvent):
            open_.append(node)
    return root


def _entries(mapping: _Node, keys: Collection[str] | None, seen: frozenset[int]
             ) -> Iterator[Found]:
    if id(mapping) in seen:  # a cycle: the reader refuses them, this never loops
        return
    seen |= {id(mapping)}
    items = mapping.items
    for key, value in zip(items[::2], items[1::2], strict=False):
        name = _key(key)
        if name == MERGE:
            for merged in _merged(value):
                yield from _entries(merged, keys, seen)
        elif keys is None or (name is not None and name in keys):
            if name is None:  # the key's own strings are what a reader builds under it too
                strings = [*_strings(key, None, seen), *_strings(value, None, seen)]
                name = strings[0][1] if strings else ""
                yield from ((name, at, text) for at, text in strings)
            else:
                if keys is None:  # the key's own text is a string a reader builds too
                    yield from ((name, at, text) for at, text in _strings(key, None, seen))
                yield from ((name, at, text) for at, text in _strings(value, None, seen))


def _key(node: _Node) -> str | None:
    """A key's text as a reader builds it: through an alias, a '!!binary' one decoded. Any
    spelling of '<<' is a merge key: Psych takes a quoted one too."""
    node = node.target or node
    if not isinstance(node.event, yaml.ScalarEvent):
        return None
    if node.event.tag in _MERGE_TAGS:  # '!!merge x:' merges whatever its text
        return MERGE
    return _binary(node.event.value) if node.event.tag == _BINARY else node.event.value


def _merged(value: _Node) -> Iterator[_Node]:
    """The mappings a merge key's value brings in: a mapping, an alias of one, or a list of
    those."""
    value = value.target or value
    for node in value.items if isinstance(value.event, yaml.SequenceStartEvent) else [value]:
        node = node.target or node
        if isinstance(node.event, yaml.MappingStartEvent):
            yield node


def _strings(node: _Node, at: yaml.NodeEvent | None, seen: frozenset[int], merge: bool = False
             ) -> Iterator[tuple[yaml.NodeEvent, str]]:
    """Each non-empty string of ``node``, with the event a hold replaces: the first alias on
    the way (the reference, not the anchor's text, which other keys may use), else the scalar.
    Under a merge key (``merge``) an alias stays: it must name a mapping, so a hold replaces
    what is in that mapping."""
    event = node.event
    if isinstance(event, yaml.AliasEvent):
        if node.target is not None:
            yield from _strings(node.target, at or (None if merge else event), seen)
        return
    if isinstance(event, yaml.ScalarEvent):
        written = event.value
        # a '!!binary' scalar: its text as written too, which a reader that does not decode it
        # keeps (and lenient decoders read past what is not base64 in it)
        for text in (written, _binary(written)) if event.tag == _BINARY else (written,):
            if text:
                yield at or event, text
        return
    if id(node) in seen:
        return
    seen |= {id(node)}
    items = node.items
    if isinstance(event, yaml.MappingStartEvent):
        for key, value in zip(items[::2], items[1::2], strict=False):
            yield from _strings(key, at, seen)
            yield from _strings(value, at, seen, _key(key) == MERGE)
    else:
        for item in items:
            yield from _strings(item, at, seen, merge)


_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=]+")
_PADDING = re.compile(r"=+")


def _binary(value: str) -> str:
    """The text of a '!!binary' scalar's bytes as a lenient reader decodes it: characters that
    are not base64 skipped, each run of padding ending a piece, the bytes read as UTF-8 (what
    does not decode replaced: a page is UTF-8)."""
    data = b""
    for piece in _PADDING.split(_NOT_BASE64.sub("", value)):
        whole = len(piece) // 4 * 4
        rest = piece[whole:]  # 2 or 3 letters make 1 or 2 bytes; 1 makes none
        data += base64.b64decode(piece[:whole] + (rest.ljust(4, "=") if len(rest) > 1 else ""))
    return data.decode("utf-8", "replace")
