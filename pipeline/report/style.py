"""The report's style sheet, written beside the pages as style.css. System fonts only."""

CSS = """\
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --reviewed: #1a7f37; --held: #8250df; --mt: #0969da; --stale: #bf8700; --missing: #cf222e;
  --error: #cf222e; --warning: #9a6700; --info: #0969da;
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 1400px; padding: 16px 24px 48px; color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  background: #fff;
}
a { color: #0550ae; text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; }
h1 { font-size: 24px; margin: 4px 0; }
/* a vendor's title or a file name of one long word wraps, rather than run off the page (in a
   right-to-left heading, off its left edge, where no scrolling reaches) */
h1, .top .path { overflow-wrap: anywhere; }
h2 {
  font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line);
}
.crumbs { color: var(--muted); font-size: 13px; }
.top .path, .top .summary, .note { color: var(--muted); margin: 2px 0 8px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }

.bar {
  display: flex; height: 14px; width: 100%; min-width: 160px; border-radius: 7px;
  overflow: hidden; background: var(--soft); border: 1px solid var(--line);
}
.bar.small { height: 8px; min-width: 100px; }
.part { display: block; height: 100%; }
.part.reviewed, .key.reviewed { background: var(--reviewed); }
.part.held, .key.held { background: var(--held); }
.part.mt, .key.mt { background: var(--mt); }
.part.stale, .key.stale { background: var(--stale); }
.part.missing, .key.missing { background: var(--missing); }
.legend {
  list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 6px 0;
}
.legend .n { color: var(--muted); }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }

table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td {
  text-align: start; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line);
}
thead th { background: var(--soft); font-weight: 600; position: sticky; top: 0; z-index: 1; }
tbody th { font-weight: 500; overflow-wrap: anywhere; }
.num, .pct { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.pct.reviewed { color: var(--reviewed); } td.pct.held { color: var(--held); }
td.pct.mt { color: var(--mt); }
td.pct.stale { color: var(--stale); } td.pct.missing { color: var(--missing); }
td.pct.zero { color: #afb8c1; }
.barcell { width: 28%; vertical-align: middle; }
.found { white-space: nowrap; }
.tag {
  font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 8px;
  padding: 0 6px; margin-inline-start: 6px;
}
.title { color: var(--muted); font-weight: 400; }
.checks .summary { color: var(--muted); font-weight: 400; font-size: 12.5px; }
ul.articles { list-style: none; margin: 2px 0 0; padding: 0; overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--muted); }

.sev {
  display: inline-block; font-size: 11.5px; font-weight: 600; padding: 0 6px; border-radius: 8px;
  color: #fff;
}
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); }
.sev.info { background: var(--info); }
.none { color: var(--muted); }

table.sxs { table-layout: fixed; }
.sxs th.id { width: 120px; } .sxs th.state { width: 130px; }
.sxs td.en, .sxs td.tr { white-space: pre-wrap; overflow-wrap: anywhere; }
.sxs td.tr[dir="rtl"] { text-align: right; }
.sxs td.id code { display: block; color: var(--muted); }
.sxs .ln { color: var(--muted); font-size: 12px; }
.badge {
  display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px;
}
.badge.reviewed { background: #dafbe1; color: var(--reviewed); }
.badge.held { background: #fbefff; color: var(--held); }
.badge.mt { background: #ddf4ff; color: var(--mt); }
.badge.stale { background: #fff8c5; color: #7d4e00; }
.badge.missing { background: #ffebe9; color: var(--missing); }
.prev { margin-top: 6px; color: var(--muted); font-size: 12.5px; }
.sxs .note {
  margin-top: 6px; color: #7d4e00; font-size: 12.5px; text-align: left; white-space: normal;
}
.empty { color: var(--muted); font-style: italic; }
tr.flagged > td { background: #fff5f5; }
tr.flagged.warning > td { background: #fff8e6; } tr.flagged.info > td { background: #f1f8ff; }
tr.flagged > td:first-child { box-shadow: inset 4px 0 var(--error); }
tr.flagged.warning > td:first-child { box-shadow: inset 4px 0 var(--warning); }
tr.flagged.info > td:first-child { box-shadow: inset 4px 0 var(--info); }
tr.findings-row > td { background: #fff5f5; border-top: 0; padding-top: 0; }
tr.findings-row.warning > td { background: #fff8e6; }
tr.findings-row.info > td { background: #f1f8ff; }
tr.findings-row > td:first-child { box-shadow: inset 4px 0 var(--error); }
tr.findings-row.warning > td:first-child { box-shadow: inset 4px 0 var(--warning); }
tr.findings-row.info > td:first-child { box-shadow: inset 4px 0 var(--info); }
tr:target { outline: 2px solid #0969da; outline-offset: -2px; }
ul.findings { margin: 4px 0; padding-inline-start: 0; list-style: none; }
li.finding { margin: 3px 0; overflow-wrap: anywhere; }
li.finding .check { font-weight: 600; }
li.finding .where { color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
li.finding .loc {
  font-size: 12.5px;
  font-family: ui-monospace, "DejaVu Sans Mono", monospace;
}
table.listing { table-layout: fixed; }
table.listing td { overflow-wrap: anywhere; }
table.listing th:nth-child(1) { width: 84px; } table.listing th:nth-child(2) { width: 34%; }
table.listing th:nth-child(3) { width: 26%; }
h1 code { font-size: inherit; }
.pager { margin: 8px 0; } .pager a, .pager b { margin: 0 3px; }
"""
