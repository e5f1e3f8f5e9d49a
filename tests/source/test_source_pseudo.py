"""Pseudo-localization, judged by an independent CommonMark parser (markdown-it-py): every unit
of every English article "translated" as '« English »' gives a page with the English's
structure (the same blocks and nesting, code, link targets, images and HTML tags), and every
unit "translated" as its own English gives the English back (Microsoft's heading anchors and the
locale line aside). A unit that took in a list marker, a table pipe or an emphasis delimiter, or
a translation put anywhere but over its unit's text, changes the parse."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from source_tree import Tree

from pipeline.catalog import Catalog, format_po
from pipeline.catalog.files import read_catalog

_PARSER = MarkdownIt("commonmark").enable("table")
_ANCHOR = re.compile(r'<a name="[^"]*"></a>')
_FRONT = re.compile(r"---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.S)

EDGES = """\
---
title: Edge cases
description: "Quoted: description"
---

Setext heading
==============

- Loose item one.

- Loose item two with *emphasis* and `code`.
  Continued line.

  A second paragraph in the item.

    1. Nested ordered.
    2. Another nested.

> Quote with a list:
> - inside quote
>
> > Nested quote text.

| Name | Description |
|---|---|
| `a\\|b` | Escaped \\| pipe here. |
| Row two | Has <br> a break. |

<div class="x">
Some HTML block text.
</div>

<span>
Pass *args and **kwargs here.
</span>

<a href="https://example.com">
Link text in a block.
</a>

Text with <kbd>Ctrl</kbd>+<kbd>C</kbd> inline HTML.

> [!NOTE]
> A note with [a link](https://example.com "Title").

:::zone pivot="windows"

Windows-only text.

:::zone-end

# [Tab A](#tab/a)

See the [reference][ref] and <https://example.org>.

[ref]: https://example.com/ref "Ref title"

Hard break with two spaces\x20\x20
next line. Backslash break\\
next line.

***Bold italic*** and __bold__ and _em_ and snake_case_word.

```python
# not a heading
```
"""


def _body(text: str) -> str:
    text = text.lstrip("\ufeff")
    m = _FRONT.match(text)
    return _ANCHOR.sub("", text[m.end():] if m else text)


def _shape(text: str) -> list[tuple[object, ...]]:
    """The parse, less the words: block tokens with their nesting, code and HTML tags; inline
    tokens with link targets, image sources, code and inline HTML (soft breaks aside: a
    translation replaces its unit's lines with its own)."""
    out: list[tuple[object, ...]] = []
    for t in _PARSER.parse(_body(text)):
        if t.type == "inline":
            out.append(("inline", tuple(
                (c.type, c.tag, c.nesting, c.attrGet("href"), c.attrGet("src"),
                 c.content if c.type in ("code_inline", "html_inline") else "")
                for c in t.children or () if c.type not in ("text", "softbreak"))))
        elif t.type == "html_block":  # its text is translated in place: its tags stay
            out.append((t.type, t.level, tuple(re.findall(r"<[^<>]*>", t.content))))
        else:
            out.append((t.type, t.tag, t.nesting, t.level,
                        t.content if t.type in ("fence", "code_block") else ""))
    return out


def _translate_all(tree: Tree, locale: str, how: str) -> None:
    for path in sorted((tree.locales / locale).rglob("*.po")):
        cat = read_catalog(path, str(path), 10_000_000)
        assert isinstance(cat, Catalog)
        messages = tuple(
            m if m.obsolete else type(m)(
                m.msgid, f"« {m.msgid} »" if how == "wrap" else m.msgid, m.msgctxt, (),
                m.translator_comments, m.extracted_comments, m.references)
            for m in cat.messages)
        path.write_text(format_po(Catalog(cat.header, cat.header_comments, cat.header_flags,
                                          messages)), encoding="utf-8")


def _pages(tree: Tree, how: str) -> list[tuple[str, str, str]]:
    tree.target("fr-FR")
    assert tree.run("extract") in (0, 1)
    _translate_all(tree, "fr-FR", how)
    assert tree.run("locales") in (0, 1)
    english = tree.content / "en-US"
    return [(str(p.relative_to(english)), p.read_text(encoding="utf-8"),
             (tree.out / "fr-FR" / p.relative_to(english)).read_text(encoding="utf-8"))
            for p in sorted(english.rglob("*.md"))]


@pytest.mark.parametrize("how", ["wrap", "identity"])
def test_edge_cases_keep_their_structure_under_pseudo_translation(tree: Tree, how: str) -> None:
    tree.write("edges.md", EDGES)
    tree.write("crlf.md", "# CRLF title\r\n\r\nLine one.\r\nLine two.\r\n\r\n- item\r\n")
    for rel, english, page in _pages(tree, how):
        if how == "identity":
            assert _body(page) == _body(english), rel
        else:
            assert _shape(page) == _shape(english), rel
            assert "« " in page, rel  # translated: the oracle is no tautology


def test_every_english_article_of_the_corpus_keeps_its_structure(
        tree: Tree, corpus_root: Path) -> None:
    english = corpus_root.parent / "english"
    articles = sorted(english.glob("*/*/**/*.md"))
    if not articles:
        pytest.skip(f"no English corpus at {english}")
    for n, path in enumerate(articles):  # numbered: two repositories may share a path
        target = tree.content / "en-US" / f"{n:03d}" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    differ = [rel for rel, english_text, page in _pages(tree, "wrap")
              if _shape(page) != _shape(english_text)]
    assert differ == []
