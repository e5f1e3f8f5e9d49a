"""HTML building blocks. Every piece of text that comes from an input goes through ``esc``:
translations are untrusted, and markup in them must show as text."""

from __future__ import annotations

import html
import os
import posixpath
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar
from urllib.parse import quote

from pipeline.findings import Finding, terminal_text
from pipeline.report.states import ORDER, Tally

T = TypeVar("T")

# No script of any kind, nothing from the network: the page could not run or fetch anything
# even if some text slipped through unescaped.
CSP = "default-src 'none'; style-src 'self' 'unsafe-inline' file:; img-src 'self' data: file:"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def shown(text: str) -> str:
    """A name or a finding's words (a file or folder name, a segment id, a message, a hint) as
    the diagnostics print them: escaped, and each character a terminal acts on written as
    Python writes it (``\\u202e``, ``\\u200b``). Raw, a bidi override in a vendor's file
    name reversed the rest of its line ('bidi\\u202egpj.exe.md:19' showed as
    'bidi91:dm.exe.jpg'), and a zero-width character hid in it. Translations and English
    are the vendor's text and are shown as written (``esc``)."""
    return esc(terminal_text(text))


def _split(url: str) -> tuple[str, str, str]:
    """(path, '#', fragment) of a link the report makes. Its fragments (``s4``, ``L12``,
    ``findings``, ``check-…``) hold no '.' or '/' and its paths end in a file's suffix, so a
    '#' in a file's name (``c#-guide.md``) is the path's: cut there, every link to the
    article went to a file 'c'."""
    path, sep, fragment = url.rpartition("#")
    if not sep or "." in fragment or "/" in fragment:
        return url, "", ""
    return path, sep, fragment


def href(url: str) -> str:
    """A relative URL for an attribute: percent-encoded, then escaped."""
    path, sep, fragment = _split(url)
    # the bytes the OS names a file by: a name that is not UTF-8 (lone surrogates from
    # os.fsdecode) is percent-encoded as it is on disk, so the link leads to the file
    return esc(quote(os.fsencode(path), safe="/") + sep + quote(fragment, safe=""))


def page_link(here: str, target: str) -> str:
    """The link from report page ``here`` to report page ``target`` (both relative to the root,
    with '/' separators; a fragment may follow ``target``)."""
    path, sep, fragment = _split(target)
    rel = posixpath.relpath(path, posixpath.dirname(here) or ".")
    return rel + sep + fragment


def file_link(page_dir: str, file: str, line: int = 0, path: str = "") -> tuple[str, str]:
    """(link, text) for an input file shown as ``file`` (as in diagnostics), from the folder
    ``page_dir`` (absolute) of a report page: a relative link, and the text 'path:line'.
    ``path``: the file as the OS names it, where that is not ``file`` (``Finding.path``)."""
    rel = os.path.relpath(os.path.abspath(path or file), page_dir).replace(os.sep, "/")
    if line:
        return f"{rel}#L{line}", f"{file}:{line}"
    return rel, file


def finding_link(page_dir: str, f: Finding) -> tuple[str, str]:
    """``file_link`` for a finding: shown by its printable name, linked by the OS's."""
    return file_link(page_dir, f.file, f.line, f.path)


def a(url: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{href(url)}"{attr}>{shown(text)}</a>'


def page(title: str, here: str, crumbs: Sequence[tuple[str, str]], body: str) -> str:
    """A whole page. ``crumbs`` are (target page, text) pairs above the title."""
    style = page_link(here, "style.css")
    nav = " › ".join(a(page_link(here, target), text) for target, text in crumbs)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{shown(title)}</title>\n"
        f'<link rel="stylesheet" href="{href(style)}">\n</head>\n<body>\n'
        f'<nav class="crumbs">{nav}</nav>\n{body}\n</body>\n</html>\n'
    )


def pct(value: float) -> str:
    return f"{value:.1f}%"


def pct_class(value: float) -> str:
    """' zero' for a share of nothing, so that it can be shown faintly."""
    return " zero" if value == 0 else ""


def bar(tally: Tally, small: bool = False) -> str:
    """A stacked completion bar, one coloured part per state."""
    total = tally.total
    parts = []
    for state in ORDER:
        n = tally.count(state)
        if n:
            share = tally.share(state)
            parts.append(
                f'<span class="part {state.value}" style="width:{share:.3f}%" '
                f'title="{state.label}: {n:,} ({pct(share)})"></span>'
            )
    label = ", ".join(f"{s.label} {pct(tally.share(s))}" for s in ORDER) if total else "empty"
    cls = "bar small" if small else "bar"
    return f'<div class="{cls}" role="img" aria-label="{esc(label)}">{"".join(parts)}</div>'


def legend(tally: Tally) -> str:
    items = "".join(
        f'<li><span class="key {s.value}"></span>{esc(s.label)} '
        f'<b>{pct(tally.share(s))}</b> <span class="n">({tally.count(s):,})</span></li>'
        for s in ORDER
    )
    return f'<ul class="legend">{items}</ul>'


def severity_badge(label: str) -> str:
    return f'<span class="sev {esc(label)}">{esc(label)}</span>'


def state_badges(f: Finding) -> str:
    """A finding's standing beside its severity: baselined (accepted for now) or suppressed
    (silenced by its catalog entry); empty for most."""
    return (" " + severity_badge("baselined") if f.baselined else "") + (
        " " + severity_badge("suppressed") if f.suppressed else "")


def finding_item(f: Finding, link: tuple[str, str]) -> str:
    """One finding as a list item: severity, check and message; then the hint and where."""
    hint = f'<span class="hint">hint: {shown(f.hint)}</span> · ' if f.hint else ""
    return (
        f'<li class="finding {f.severity.label}">{severity_badge(f.severity.label)}'
        f'{state_badges(f)} '
        f'<code class="check">{shown(f.check)}</code> {shown(f.message)}'
        f'<div class="where">{hint}{a(link[0], link[1], "loc")}</div></li>'
    )


# findings listed in one place of a page (an article's own, a row's, those outside any
# article); the rest are counted, and each check's pages list every one of them
FINDINGS_SHOWN = 500


def check_stem(check: str) -> str:
    return f"check-{check}"


def finding_list(
    here: str, findings: Sequence[Finding], link: Callable[[Finding], tuple[str, str]]
) -> str:
    """``findings`` as a list on page ``here``: the first ``FINDINGS_SHOWN``, then how many
    more and the check pages that hold them. Unbounded, a catalog of 100,000 stray entries
    made its article's page 57 MB."""
    items = [finding_item(f, link(f)) for f in findings[:FINDINGS_SHOWN]]
    rest = findings[FINDINGS_SHOWN:]
    if rest:
        pages = ", ".join(a(page_link(here, f"{check_stem(c)}.html"), c)
                          for c in sorted({f.check for f in rest}))
        items.append(f'<li class="more">… and {len(rest):,} more, on the pages of their '
                     f"checks: {pages}</li>")
    return f'<ul class="findings">{join(items)}</ul>'


def pager(here: str, paths: Sequence[str]) -> str:
    """Links to the pages of a split page; empty when there is one page."""
    if len(paths) < 2:
        return ""
    links = [
        f'<b aria-current="page">{n}</b>' if p == here else a(page_link(here, p), str(n))
        for n, p in enumerate(paths, 1)
    ]
    return f'<nav class="pager">Page {" ".join(links)}</nav>'


def split_path(stem: str, count: int) -> list[str]:
    """The paths of a page split in ``count`` parts: 'x.html', 'x~2.html', ..."""
    return [f"{stem}.html" if n == 1 else f"{stem}~{n}.html" for n in range(1, count + 1)]


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in runs of ``size``; one empty run when there are none."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def join(lines: Iterable[str]) -> str:
    return "\n".join(lines)
