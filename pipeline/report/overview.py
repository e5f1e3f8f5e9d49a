"""The pages above the articles: the index (completion per locale, findings per check), one page
per locale listing its articles, and one page per check listing its findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import checks
from pipeline.findings import Finding, Severity
from pipeline.report.html import (
    a,
    bar,
    check_stem,
    chunks,
    esc,
    finding_link,
    finding_list,
    join,
    legend,
    page,
    page_link,
    pager,
    pct,
    pct_class,
    severity_badge,
    shown,
    split_path,
    state_badges,
)
from pipeline.report.states import ORDER, Tally, html_lang, is_rtl

ARTICLES_PER_PAGE = 500
FINDINGS_PER_PAGE = 500
ARTICLES_SHOWN = 5  # per row of the index's findings table


@dataclass(frozen=True, slots=True)
class Summary:
    """What the overview pages need of one article."""

    rel: str
    locale: str
    title: str
    page: str  # its first report page
    tally: Tally
    readable: bool


@dataclass(frozen=True, slots=True)
class Located:
    """A finding, the article it belongs to ('' for none) and the report page that shows it."""

    finding: Finding
    rel: str = ""
    anchor: str = ""


Pages = list[tuple[str, str]]
_NOUNS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
          Severity.INFO: ("note", "notes")}


def _counts(findings: Sequence[Located]) -> str:
    by = {s: 0 for s in Severity}
    for loc in findings:
        by[loc.finding.severity] += 1
    parts = [f'<span class="sev {s.label}">{by[s]:,} {_NOUNS[s][by[s] != 1]}</span>'
             for s in sorted(Severity, reverse=True) if by[s]]
    return " ".join(parts) or '<span class="none">none</span>'


def _pct_cells(tally: Tally) -> str:
    return "".join(
        f'<td class="pct {s.value}{pct_class(tally.share(s))}" '
        f'title="{tally.count(s):,} segments">'
        f"{pct(tally.share(s))}</td>"
        for s in ORDER
    )


def index_page(
    summaries: Sequence[Summary], located: Sequence[Located], out_dir: str
) -> tuple[str, str]:
    here = "index.html"
    locales = sorted({s.locale for s in summaries})
    total = sum((s.tally for s in summaries), Tally())
    segments = total.total
    head = (
        '<header class="top"><h1>Localization report</h1>'
        f'<p class="summary">{len(summaries):,} articles · {segments:,} segments · '
        f"{len(locales)} locales · "
        f"{f'{len(located):,} findings: {_counts(located)}' if located else 'no findings'}</p>"
        f"{bar(total)}{legend(total)}</header>"
    )
    rows = []
    for loc in locales:
        mine = [s for s in summaries if s.locale == loc]
        tally = sum((s.tally for s in mine), Tally())
        found = [x for x in located if x.rel and x.rel.split("/", 1)[0] == loc]
        rtl = ' <span class="tag">right to left</span>' if is_rtl(loc) else ""
        rows.append(
            f'<tr id="locale-{esc(loc)}"><th scope="row">{a(f"{loc}.html", loc)}{rtl}</th>'
            f'<td class="num">{len(mine):,}</td><td class="num">{tally.total:,}</td>'
            f'<td class="barcell">{bar(tally)}</td>{_pct_cells(tally)}'
            f'<td class="found">{_counts(found)}</td></tr>'
        )
    table = (
        '<section id="locales"><h2>Completion by locale</h2><table class="locales"><thead><tr>'
        '<th>Locale</th><th class="num">Articles</th><th class="num">Segments</th>'
        "<th>Completion</th>"
        + "".join(f'<th class="pct {s.value}">{esc(s.label)}</th>' for s in ORDER)
        + f'<th>Findings</th></tr></thead><tbody>{join(rows)}</tbody></table>'
        + _states_note() + "</section>"
    )
    body = [head, table, _findings_table(here, located), _outside(located, out_dir)]
    return here, page("Localization report", here, [("index.html", "Report")], join(body))


def _states_note() -> str:
    return (
        '<p class="note"><b>reviewed</b>: a translation nobody flagged; <b>held back</b>: '
        "reviewed, but the checks keep it off the page (see the segment's findings); "
        "<b>MT</b>: machine translation not yet reviewed; <b>stale</b>: made for other English "
        "(changed since, or the article drifted from its catalog) or flagged for review; "
        "<b>missing</b>: no catalog entry or an empty translation.</p>"
    )


def check_groups(located: Sequence[Located]) -> list[tuple[str, Severity, list[Located]]]:
    """Findings by (check, severity): errors first, then by check id."""
    groups: dict[tuple[str, Severity], list[Located]] = {}
    for loc in located:
        groups.setdefault((loc.finding.check, loc.finding.severity), []).append(loc)
    ordered = sorted(groups.items(), key=lambda kv: (-kv[0][1], kv[0][0]))
    return [(check, sev, items) for (check, sev), items in ordered]


def _findings_table(here: str, located: Sequence[Located]) -> str:
    if not located:
        return '<section id="findings"><h2>Findings by check</h2><p>No findings.</p></section>'
    rows = []
    for check, sev, items in check_groups(located):
        first: dict[str, str] = {}
        for loc in items:
            if loc.rel:
                first.setdefault(loc.rel, loc.anchor)
        links = [a(page_link(here, anchor), rel) for rel, anchor in
                 sorted(first.items())[:ARTICLES_SHOWN]]
        more = len(first) - len(links)
        every = "the finding" if len(items) == 1 else f"all {len(items):,} findings"
        extra = f"<li>… and {more:,} more</li>" if more > 0 else ""
        if len(first) == 1:
            where = f'<ul class="articles"><li>in {links[0]}</li></ul>'
        else:  # folded: a check may concern hundreds of articles
            where = (
                f"<details><summary>in {len(first):,} articles</summary>"
                f'<ul class="articles">{"".join(f"<li>{x}</li>" for x in links)}{extra}</ul>'
                "</details>" if first else ""
            )
        known = checks.BY_ID.get(check)
        summary = f'<div class="summary">{esc(known.summary)}</div>' if known else ""
        rows.append(
            f'<tr id="check-{esc(check)}-{sev.label}"><th scope="row">'
            f'<a href="{esc(check_stem(check))}.html"><code>{esc(check)}</code></a>{summary}</th>'
            f'<td>{severity_badge(sev.label)}</td><td class="num">{len(items):,}</td>'
            f'<td>{a(f"{check_stem(check)}.html", every)}{where}</td></tr>'
        )
    return (
        '<section id="findings"><h2>Findings by check</h2><table class="checks"><thead><tr>'
        '<th>Check</th><th>Severity</th><th class="num">Count</th><th>Articles</th>'
        f"</tr></thead><tbody>{join(rows)}</tbody></table></section>"
    )


def _outside(located: Sequence[Located], out_dir: str) -> str:
    loose = [x.finding for x in located if not x.rel]
    if not loose:
        return ""
    items = finding_list("index.html", loose, lambda f: finding_link(out_dir, f))
    return (
        f'<section id="outside"><h2>Findings outside any article ({len(loose):,})</h2>'
        f"{items}</section>"
    )


def locale_pages(
    locale: str, summaries: Sequence[Summary], located: Sequence[Located]
) -> Pages:
    tally = sum((s.tally for s in summaries), Tally())
    found: dict[str, list[Located]] = {}
    for loc in located:
        found.setdefault(loc.rel, []).append(loc)
    groups = chunks(summaries, ARTICLES_PER_PAGE)
    paths = split_path(locale, len(groups))
    lang = f' lang="{esc(html_lang(locale))}"' + (' dir="rtl"' if is_rtl(locale) else "")
    direction = " · right to left" if is_rtl(locale) else ""
    head = (
        f'<header class="top"><h1>{shown(locale)}</h1><p class="summary">{len(summaries):,} '
        f"articles · {tally.total:,} segments{direction}</p>{bar(tally)}{legend(tally)}</header>"
    )
    pages: Pages = []
    for path, group in zip(paths, groups, strict=True):
        rows = []
        for s in group:
            name = s.rel.split("/", 1)[1] if "/" in s.rel else s.rel
            title = f'<div class="title"{lang}>{esc(s.title)}</div>' if s.title else ""
            rows.append(
                f'<tr><th scope="row">{a(page_link(path, s.page), name)}{title}</th>'
                f'<td class="num">{s.tally.total:,}</td>'
                f'<td class="barcell">{bar(s.tally, small=True)}</td>{_pct_cells(s.tally)}'
                f'<td class="found">{_counts(found.get(s.rel, []))}</td></tr>'
            )
        table = (
            '<table class="articles"><thead><tr><th>Article</th><th class="num">Segments</th>'
            "<th>Completion</th>"
            + "".join(f'<th class="pct {s.value}">{esc(s.label)}</th>' for s in ORDER)
            + f"<th>Findings</th></tr></thead><tbody>{join(rows)}</tbody></table>"
        )
        body = join([head, pager(path, paths), table, pager(path, paths)])
        crumbs = [("index.html", "Report"), (paths[0], locale)]
        pages.append((path, page(f"{locale} · localization report", path, crumbs, body)))
    return pages


def check_pages(
    check: str, items: Sequence[Located], out_dir: str
) -> Pages:
    """Every finding of one check, all severities, in report order."""
    groups = chunks(items, FINDINGS_PER_PAGE)
    paths = split_path(check_stem(check), len(groups))
    known = checks.BY_ID.get(check)
    about = (f'<p class="summary">{esc(known.summary)}</p>'
             f'<p class="hint">hint: {esc(known.hint)}</p>') if known else ""
    head = (f'<header class="top"><h1><code>{esc(check)}</code></h1>{about}'
            f'<p>{len(items):,} finding{"" if len(items) == 1 else "s"}</p></header>')
    pages: Pages = []
    for path, group in zip(paths, groups, strict=True):
        rows = []
        for loc in group:
            f = loc.finding
            article = a(page_link(path, loc.anchor), loc.rel) if loc.rel else "—"
            rows.append(
                f'<tr class="{f.severity.label}"><td>{severity_badge(f.severity.label)}'
                f'{state_badges(f)}</td>'
                f"<td>{article}</td><td>{a(*finding_link(out_dir, f), cls='loc')}</td>"
                f"<td>{shown(f.message)}</td></tr>"
            )
        table = (
            '<table class="listing"><thead><tr><th>Severity</th><th>Article</th><th>Where</th>'
            f"<th>Message</th></tr></thead><tbody>{join(rows)}</tbody></table>"
        )
        body = join([head, pager(path, paths), table, pager(path, paths)])
        crumbs = [("index.html", "Report"), ("index.html#findings", "Findings")]
        pages.append((path, page(f"{check} · localization report", path, crumbs, body)))
    return pages
