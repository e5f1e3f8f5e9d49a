"""DocFX's ':::' directives (':::image', ':::video', ':::code' …), their attributes read as its
TripleColon parsers read them: one after another from the name on, each a name, then at most
'=' and a value, up to the closing ':::' or what no attribute reading takes.

In order, not by looking for a name anywhere: a value may hold what looks like another
attribute ('alt-text="voir source=" link="https://evil.example/x"' links to evil.example;
'language="x source=a.cs" source="../../x.po"' loads x.po), and an inline directive's
double-quoted value runs on over line breaks ('title="a' + line break + 'b" source="…"').
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.checks.tokens.code import code_spans, first_come

# A directive's head: ':::', the spaces a block's may have, a name (DocFX lower-cases it:
# ':::IMAGE' is an image). Looked for at every position: a head inside another's value
# stands on its own where that one is refused.
_HEAD = re.compile(r":::[ \t]*+([A-Za-z][\w-]*+)")
# One attribute from where the last ended: spaces or tabs, a name, and '=' with a value. DocFX
# takes a double-quoted one alone (to its closing quote, line breaks and all) and refuses the
# directive at any other: read anyway (a single-quoted one, or a bare one up to ':::'), they
# only add what DocFX would not load, never hide what it would.
_ATTRIBUTE = re.compile(
    r"[ \t]*+([A-Za-z][\w-]*+)[ \t]*+"
    r"(?:=[ \t]*+(?:\"([^\"]*+)\"?|'([^'\n]*+)'?|((?:[^\s\"':]|:(?!::))*+)))?")
# What a directive loads, shows or links to: an image's source, lightbox and link, a video's
# source and thumbnail, a code snippet's source (and the names other tools use for those)
URL_ATTRIBUTES = frozenset(("source", "src", "lightbox", "link", "href", "url", "thumbnail",
                            "poster"))


def attributes(text: str, at: int) -> list[tuple[str, str]]:
    """The attributes of the directive whose name ends at ``at``, names in lower case."""
    return _read(text, at)[0]


def _read(text: str, at: int) -> tuple[list[tuple[str, str]], int]:
    """``attributes``, and where the last of them ends."""
    out = []
    n = len(text)
    while at < n:
        m = _ATTRIBUTE.match(text, at)
        if m is None:  # ':::', a line break, anything else: no further attribute
            break
        quoted, single, bare = m.group(2, 3, 4)
        out.append((m.group(1).lower(), quoted if quoted is not None
                    else single if single is not None else bare or ""))
        at = m.end()
    return out, at


def directive_values(text: str, names: frozenset[str], kind: str = "") -> list[str]:
    """The values of the ``names`` attributes of each directive of ``text`` (only those named
    ``kind``, in any case, if given), in order."""
    out: list[str] = []
    for head in _HEAD.finditer(text):
        if kind and head.group(1).lower() != kind:
            continue
        out.extend(v for a, v in attributes(text, head.end()) if a in names)
    return out


def colon_urls(text: str) -> list[str]:
    """What ':::image' and ':::video' directives load or link to (source, lightbox, link…),
    outside code spans: each directive no code span holds, read whole. DocFX reads a ':::'
    before any backtick after it: 'alt-text="`" link="https://evil…" loc-scope="`"' is no
    code but a link, and a backtick in a directive opens no code span over the text after it
    ('alt-text="`"::: :::image link="https://evil…"::: `' links too)."""
    if ":::" not in text:
        return []
    read = [(head, *_read(text, head.end())) for head in _HEAD.finditer(text)]
    spans = (first_come(code_spans(text), [(h.start(), end) for h, _, end in read])
             if "`" in text else [])
    starts = [s for s, _ in spans]
    out: list[str] = []
    for head, found, _ in read:
        i = bisect_right(starts, head.start()) - 1  # the last code span that starts before it
        if i >= 0 and head.start() < spans[i][1]:
            continue  # a ':::' in code
        out.extend(v for a, v in found if a in URL_ATTRIBUTES)
    return out
