"""The HTML report as a reader sees it: opened from the file system in headless Chromium.

``--dump-dom`` gives the document after the browser parsed it (and ran any script, were there
one), so the checks see what the browser built, not what we wrote; a screenshot shows that the
style sheet loaded and the completion bars are drawn.

Needs Debian's ``chromium`` (``apt-get install chromium``); without it these tests are skipped
and say so. ``PIPELINE_REPORT_SCREENSHOTS=docs`` also saves the screenshots of docs/report.md
(docs/report.png, docs/report-article.png).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_report import (
    AR,
    FR,
    JA,
    TAG,
    Node,
    build,
    demo_tree,
    findings_row,
    locale_row,
    parse_html,
    squash,
)

CHROMIUM_MISSING = "chromium not installed: browser test skipped; apt-get install chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)
# The colours of the four states in style.css
COLOURS = {
    "reviewed": (0x1A, 0x7F, 0x37), "mt": (0x09, 0x69, 0xDA), "stale": (0xBF, 0x87, 0x00),
    "missing": (0xCF, 0x22, 0x2E),
}


class Browser:
    def __init__(self, exe: str, profile: Path) -> None:
        self.exe = exe
        self.profile = profile

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [self.exe, *FLAGS, f"--user-data-dir={self.profile}", *args],
            capture_output=True, text=True, timeout=180, check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def dom(self, page: Path) -> Node:
        return parse_html(self._run("--dump-dom", page.resolve().as_uri()))

    def screenshot(self, page: Path, png: Path, height: int = 900) -> bytes:
        self._run(f"--screenshot={png}", f"--window-size=1280,{height}", page.resolve().as_uri())
        return png.read_bytes()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip(CHROMIUM_MISSING)
    return Browser(exe, tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-report")
    here = os.getcwd()
    os.chdir(root)  # paths in the report as `pipeline report` run in the tree shows them
    try:
        demo_tree(root)
        return build(root, Path("content"), Path("locales"))
    finally:
        os.chdir(here)


def test_index_shows_locales_bars_and_findings(browser: Browser, report: Path) -> None:
    doc = browser.dom(report / "index.html")
    assert squash(doc.one("h1").text) == "Localization report"
    ar = locale_row(doc, "ar-SA")
    assert (ar["reviewed"], ar["MT"], ar["stale"], ar["missing"]) == (
        "6.4%", "87.2%", "4.3%", "2.1%")
    assert locale_row(doc, "fr-FR")["reviewed"] == "98.9%"  # and 1.1 % held back
    assert locale_row(doc, "de-DE")["MT"] == "100.0%"
    assert locale_row(doc, "ja-JP")["Segments"] == "47"
    bar = doc.one("tr", id="locale-ar-SA").one("div", cls="bar")
    assert bar.attrs["aria-label"] == (
        "reviewed 6.4%, held back 0.0%, MT 87.2%, stale 4.3%, missing 2.1%")
    row = doc.one("tr", id="check-span-id-mismatch-error")
    cells = [squash(c.text) for c in row.children if isinstance(c, Node)]
    assert cells[0].startswith("span-id-mismatch") and cells[1:3] == ["error", "1"]
    assert f"{FR}.md" in cells[3]


def test_article_page_side_by_side_with_a_highlighted_finding(
    browser: Browser, report: Path
) -> None:
    doc = browser.dom(report / f"{FR}.html")
    row = doc.one("tr", id="s1")
    assert squash(row.one("td", cls="en").text).startswith("The Contoso Docs CLI lets you build")
    assert squash(row.one("td", cls="tr").text).startswith("L’interface CLI Contoso Docs")
    assert "flagged" in row.attrs["class"].split() and "error" in row.attrs["class"].split()
    flagged = findings_row(doc, "s1")
    assert "span-id-mismatch" in flagged.text
    # the entry's first line in the report's catalog (its "#. 4c1e7-103" comment)
    lines = (report.parent / "locales" / f"{FR}.po").read_text(encoding="utf-8").splitlines()
    line = lines.index("#. 4c1e7-103") + 1
    assert f"locales/{FR}.po:{line}" in squash(flagged.text)


def test_script_in_a_translation_shows_as_text_and_never_runs(
    browser: Browser, report: Path
) -> None:
    for page in (f"{JA}.html", f"{FR}.html"):
        doc = browser.dom(report / page)
        assert doc.all("script") == [] and doc.all("img") == [], page
        title = f"{page.removesuffix('.html')}.md · localization report"
        assert squash(doc.one("title").text) == title  # not 'pwned': nothing ran
        assert "<script>document.title='pwned'" in doc.text, page  # shown as text
    row = browser.dom(report / f"{JA}.html").one("tr", id="s4")
    assert row.one("td", cls="tr").text == f"前提条件 {TAG}"
    assert row.one("td", cls="en").text == f"Prerequisites {TAG}"


def test_right_to_left_locale(browser: Browser, report: Path) -> None:
    doc = browser.dom(report / f"{AR}.html")
    cells = doc.all("td", cls="tr")
    assert len(cells) == 47
    assert all(c.attrs.get("dir") == "rtl" and c.attrs.get("lang") == "ar-SA" for c in cells)
    assert all(c.attrs.get("dir") == "ltr" for c in doc.all("td", cls="en"))
    assert doc.one("h1").attrs.get("dir") == "rtl"
    assert "source-drift" in doc.text and "missing-entry" in doc.text


def test_screenshots_show_the_bars(browser: Browser, report: Path, tmp_path: Path) -> None:
    keep = os.environ.get("PIPELINE_REPORT_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path
    index = browser.screenshot(report / "index.html", folder / "report.png")
    article = browser.screenshot(report / f"{AR}.html", folder / "report-article.png")
    seen = colours(index, rows=480)
    for state, rgb in COLOURS.items():
        assert seen.get(rgb, 0) > 200, f"no {state} bar drawn: did style.css load?"
    assert colours(article, rows=300).get(COLOURS["mt"], 0) > 1000


def test_a_long_right_to_left_title_wraps_inside_the_page(
        browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-134: an article title of one long word (a vendor's, 400 Arabic letters without
    a space) did not wrap: the right-to-left heading ran off the page's left edge, where no
    scrolling reaches, its start unreadable. Headings wrap anywhere, as the cells do: the
    page's left margin stays blank."""
    monkeypatch.chdir(tmp_path)
    demo_tree(tmp_path)
    article = Path("content", f"{AR}.md")
    text = article.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    article.write_text(text.replace(title, "title: " + "تثبيت" * 80, 1), encoding="utf-8")
    out = build(tmp_path, Path("content"), Path("locales"))
    width, lines = _decode(browser.screenshot(out / f"{AR}.html", tmp_path / "a.png"), 400)
    step = len(lines[0]) // width
    margin = [line[x] for line in lines for x in range(0, 12 * step, step)]
    assert min(margin) > 200, "the title runs into the page's left margin"


# ---------------------------------------------------------------- reading a screenshot


def colours(png: bytes, rows: int) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour the first ``rows`` rows of a PNG hold."""
    width, lines = _decode(png, rows)
    step = len(lines[0]) // width
    counts: dict[tuple[int, int, int], int] = {}
    for line in lines:
        for x in range(0, len(line), step):
            rgb = (line[x], line[x + 1], line[x + 2])
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def _decode(png: bytes, limit: int) -> tuple[int, list[bytes]]:
    """The first ``limit`` rows of an 8-bit RGB(A) PNG, unfiltered (no imaging package)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data = 8, b""
    width = height = depth = colour = interlace = 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data += body
    assert depth == 8 and interlace == 0 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * bpp
    prev = bytearray(stride)
    lines: list[bytes] = []
    for y in range(min(limit, height)):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, line, prev, bpp)
        lines.append(bytes(line))
        prev = line
    return width, lines


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    if kind == 0:
        return
    if kind == 2:
        line[:] = bytes((x + p) & 255 for x, p in zip(line, prev, strict=True))
        return
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        if kind == 1:
            line[i] = (line[i] + a) & 255
        elif kind == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        else:
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
