"""The page of one article: English beside the published translation, segment by segment, with
the findings on the rows they are about. Long articles are split into several pages."""

from __future__ import annotations

import os
from collections.abc import Sequence

from pipeline.findings import Finding
from pipeline.report.collect import Row, View
from pipeline.report.html import (
    a,
    bar,
    chunks,
    esc,
    file_link,
    finding_link,
    finding_list,
    join,
    legend,
    page,
    pager,
    shown,
    split_path,
)
from pipeline.report.states import html_lang, is_rtl

ROWS_PER_PAGE = 400


def page_stem(rel: str) -> str:
    """'fr-FR/a/b.md' -> 'fr-FR/a/b' (the report page is that plus '.html'), each '~' of the
    name doubled: the parts of a long page are 'b~2.html', 'b~3.html', and an article named
    'b~2.md' had that page too, so one article's page replaced a part of the other's. With
    the tildes of names doubled, a part's single '~' is no name's ('b~~2.html')."""
    return (rel[:-3] if rel.endswith(".md") else rel).replace("~", "~~")


def article_pages(
    view: View, out_dir: str, findings: Sequence[Finding]
) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, html) of each page of the article, and for each of ``findings`` the page and
    anchor that show it. ``out_dir`` is the report's root folder (absolute)."""
    groups = chunks(range(len(view.rows)), ROWS_PER_PAGE)
    paths = split_path(page_stem(view.rel), len(groups))
    where: dict[int, str] = {}
    pages = []
    for n, (path, group) in enumerate(zip(paths, groups, strict=True)):
        page_dir = os.path.join(out_dir, os.path.dirname(path))
        body = [_header(view, page_dir)]
        if n == 0:
            body.append(_general(view, path, page_dir))
        body.append(pager(path, paths))
        body.append(_table(view, group, path, page_dir))
        body.append(pager(path, paths))
        for i in group:
            for f in view.rows[i].findings:
                where[id(f)] = f"{path}#s{i}"
        title = f"{view.rel} · localization report"
        crumbs = [("index.html", "Report"), (f"{view.locale}.html", view.locale)]
        pages.append((path, page(title, path, crumbs, join(body))))
    anchors = [where.get(id(f), f"{paths[0]}#findings") for f in findings]
    return pages, anchors


def _lang_attrs(locale: str) -> str:
    rtl = ' dir="rtl"' if is_rtl(locale) else ""
    return f' lang="{esc(html_lang(locale))}"{rtl}'


def _header(view: View, page_dir: str) -> str:
    title = (
        f"<h1{_lang_attrs(view.locale)}>{esc(view.title)}</h1>" if view.title
        else f"<h1>{shown(view.rel)}</h1>"
    )
    article = a(*file_link(page_dir, view.article_file))
    if view.catalog == "ok":
        catalog = a(*file_link(page_dir, view.catalog_file))
    else:
        catalog = f"{shown(view.catalog_file)} ({esc(view.catalog)})"
    kind = "machine translation" if view.machine_translated else "human translation"
    facts = (
        f'<dl class="facts"><dt>Article</dt><dd>{article}</dd><dt>Catalog</dt><dd>{catalog}</dd>'
        f"<dt>Segments</dt><dd>{len(view.rows):,} · {kind}</dd></dl>"
    )
    progress = bar(view.tally) + legend(view.tally) if view.rows else ""
    return (f'<header class="top">{title}<p class="path">{shown(view.rel)}</p>{facts}{progress}'
            "</header>")


def _general(view: View, here: str, page_dir: str) -> str:
    if not view.general:
        note = "" if view.readable else '<p class="empty">The article could not be read.</p>'
        return f'<section id="findings">{note}</section>' if note else ""
    items = finding_list(here, view.general, lambda f: finding_link(page_dir, f))
    return (
        f'<section id="findings"><h2>Findings on the article ({len(view.general):,})</h2>'
        f"{items}</section>"
    )


def _table(view: View, indices: Sequence[int], here: str, page_dir: str) -> str:
    if not view.rows:
        return ""
    tr_attrs = _lang_attrs(view.locale)
    head = (
        '<table class="sxs"><thead><tr><th class="id">Segment</th>'
        '<th class="en">English</th>'
        f'<th class="tr">Translation as published · {shown(view.locale)}</th>'
        '<th class="state">State</th></tr></thead><tbody>'
    )
    po_dir = os.path.normpath(view.catalog_file)
    rows = [_row(view.rows[i], i, tr_attrs, (here, page_dir), view.catalog_file, po_dir)
            for i in indices]
    return head + join(rows) + "</tbody></table>"


def _row(row: Row, n: int, tr_attrs: str, where: tuple[str, str], po: str, po_norm: str) -> str:
    here, page_dir = where  # the page (from the report's root) and its folder (absolute)
    worst = max((f.severity for f in row.findings), default=None)
    flag = f" flagged {worst.label}" if worst is not None else ""
    prev = (f'<div class="prev">translated for: {esc(row.previous)}</div>'
            if row.previous is not None else "")
    text = esc(row.published) if row.published else '<span class="empty">(empty)</span>'
    note = f'<div class="note" lang="en" dir="ltr">{shown(row.note)}</div>' if row.note else ""
    cells = (
        f'<tr id="s{n}" class="seg {row.state.value}{flag}">'
        f'<td class="id"><code>{shown(row.id)}</code><span class="ln">line {row.line}</span></td>'
        f'<td class="en" lang="en" dir="ltr">{esc(row.source)}{prev}</td>'
        f'<td class="tr"{tr_attrs}>{text}{note}</td>'
        f'<td class="state"><span class="badge {row.state.value}">{esc(row.state.label)}</span>'
        "</td></tr>"
    )
    if worst is None:
        return cells

    def link(f: Finding) -> tuple[str, str]:
        if os.path.normpath(f.file) == po_norm:
            return file_link(page_dir, po, f.line)
        if row.entry_line:
            return file_link(page_dir, po, row.entry_line)
        return finding_link(page_dir, f)

    ordered = sorted(row.findings, key=lambda f: (-f.severity, f.check, f.message))
    return (
        f'{cells}\n<tr class="findings-row {worst.label}"><td></td><td colspan="3">'
        f"{finding_list(here, ordered, link)}</td></tr>"
    )
