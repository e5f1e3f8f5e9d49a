"""Stage 1, the article: reading an sxs article into its raw front matter and its span pairs
with exact offsets.

- ``model``        the records: ``Segment`` (a pair) and ``Article``
- ``encoding``     bytes to text, strictly (UTF-8 only, a BOM kept, no NUL)
- ``frontmatter``  the front matter's values, read safely from YAML events
- ``spans``        the pairs, and every malformed one as a finding
- ``spantext``     a span's text to its catalog form and back: one mapping, one home

Nothing here rewrites text. The front matter is kept as the bytes it was and parsed only to read
values; everything that is not a well-formed pair is skeleton and passes through untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.article.encoding import decode
    from pipeline.article.frontmatter import (
        MAX_FRONT_MATTER,
        MAX_FRONT_MATTER_DEPTH,
        MAX_FRONT_MATTER_VALUES,
        read_front_matter,
        split_front_matter,
    )
    from pipeline.article.model import Article, Segment
    from pipeline.article.spans import LOOKUP_MARK, OPENER, OPENER_PREFIX, scan_segments
    from pipeline.article.spantext import catalog_form, span_text

# Where each name lives. They load on first use: a light module (``render`` for the span text
# mapping) can import one submodule without the YAML reader the command line never needs.
_HOMES = {
    "decode": "encoding", "MAX_FRONT_MATTER": "frontmatter",
    "MAX_FRONT_MATTER_DEPTH": "frontmatter", "MAX_FRONT_MATTER_VALUES": "frontmatter",
    "read_front_matter": "frontmatter", "split_front_matter": "frontmatter",
    "Article": "model", "Segment": "model", "LOOKUP_MARK": "spans", "OPENER": "spans",
    "OPENER_PREFIX": "spans", "scan_segments": "spans", "catalog_form": "spantext",
    "span_text": "spantext",
}

__all__ = [
    "LOOKUP_MARK", "MAX_FRONT_MATTER", "MAX_FRONT_MATTER_DEPTH", "MAX_FRONT_MATTER_VALUES",
    "OPENER", "OPENER_PREFIX", "Article", "Segment", "catalog_form", "decode", "parse_article",
    "read_article", "read_front_matter", "scan_segments", "span_text", "split_front_matter",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"pipeline.article.{home}"), name)


def parse_article(text: str, rel: str, path: str | None = None) -> Article:
    """Parse article text. ``rel`` is the path under the content root (locale folder first)."""
    from pipeline.article.frontmatter import read_front_matter, split_front_matter
    from pipeline.article.model import Article
    from pipeline.article.spans import scan_segments

    shown = path or rel
    body_start, yaml_text = split_front_matter(text, shown)
    meta, meta_lines = read_front_matter(yaml_text, shown)
    segments, problems = scan_segments(text, body_start, shown)
    locale = rel.replace("\\", "/").split("/", 1)[0]
    return Article(shown, rel, locale, text, body_start, meta, meta_lines, segments, problems)


def read_article(data: bytes, rel: str, path: str | None = None) -> Article:
    from pipeline.article.encoding import decode

    shown = path or rel
    return parse_article(decode(data, shown), rel, shown)
