"""The HTML report (`pipeline report`) without a browser: what the pages say, where they link,
that untrusted text stays text, and that a rerun rewrites nothing.

The tree is the repository's content/ and locales/ with a few edits, so that every segment state
and a few findings show up (``demo_tree``); tests/test_report_browser.py reuses it."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

import pytest
from example import copy_example

from pipeline import checks
from pipeline.catalog import Message
from pipeline.checks import registry
from pipeline.checks.base import Check, Options
from pipeline.checks.rule import SegmentRule
from pipeline.cli import main
from pipeline.findings import Severity
from pipeline.merge import MT_NOTE
from pipeline.provenance import note
from pipeline.report import article_page
from pipeline.report.states import State, Tally, classify, is_rtl

REPO = Path(__file__).resolve().parents[1]
FR = "fr-FR/get-started/install-cli"
AR = "ar-SA/get-started/install-cli"
JA = "ja-JP/get-started/install-cli"
SCRIPT = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"
TAG = "<script>document.title='pwned'</script>"


# ---------------------------------------------------------------- the tree


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def demo_tree(root: Path) -> tuple[Path, Path]:
    """content/ and locales/ copied under ``root``, then edited:

    - fr-FR: the lookup span of 4c1e7-103 carries another id (span-id-mismatch, an error on a
      segment row); the reviewed "Prerequisites" says ``SCRIPT`` in the catalog (the catalog's
      reviewed translation wins; catalog-overrides-article notes it);
    - ja-JP: "Prerequisites" holds ``TAG`` in its English and its translation, in the article
      and the catalog alike: nothing a check would stop, so it is published as is (and the
      English differs from the other locales': locale-lag);
    - ar-SA (machine translated): three entries reviewed; "Open a terminal window." was made
      for other English (a previous msgid: stale); the article's English of a93d2-105 changed
      (source-drift: stale; and locale-lag: its English now differs from the other
      locales'); the entry of "Install the CLI" is gone (missing-entry: missing).
    """
    content, locales = root / "content", root / "locales"
    copy_example(content, locales)  # the report covers the handoffs
    fr_md, fr_po = content / f"{FR}.md", locales / f"{FR}.po"
    _edit(fr_md, 'data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"')
    _edit(fr_po, 'msgstr "Prérequis"', f'msgstr "Prérequis {SCRIPT}"')
    ja_md, ja_po = content / f"{JA}.md", locales / f"{JA}.po"
    _edit(ja_md, "前提条件</span>", f"前提条件 {TAG}</span>")
    _edit(ja_md, ">Prerequisites</span></span>", f">Prerequisites {TAG}</span></span>")
    _edit(ja_po, 'msgid "Prerequisites"\nmsgstr "前提条件"',
          f'msgid "Prerequisites {TAG}"\nmsgstr "前提条件 {TAG}"')
    ar_md, ar_po = content / f"{AR}.md", locales / f"{AR}.po"
    for n in (102, 103, 104):
        _edit(ar_po, f"#. a93d2-{n}\n#. {MT_NOTE}\n", f"#. a93d2-{n}\n")
        _edit(ar_po, f"install-cli.md:{15 if n == 102 else 17}\n#, fuzzy\n",
              f"install-cli.md:{15 if n == 102 else 17}\n")
    _edit(ar_po, f"#. a93d2-111\n#. {MT_NOTE}\n", "#. a93d2-111\n")
    _edit(ar_po, '#, fuzzy\nmsgid "Open a terminal window."',
          '#, fuzzy\n#| msgid "Open a terminal."\nmsgid "Open a terminal window."')
    text = ar_po.read_text(encoding="utf-8")
    gone = re.sub(r'#\. a93d2-110\n(?:#\..*\n)*#: ar-SA/get-started/install-cli\.md:25\n'
                  r'#, fuzzy\nmsgid "Install the CLI"\nmsgstr "تثبيت CLI"\n\n', "", text)
    assert gone != text
    ar_po.write_text(gone, encoding="utf-8")
    _edit(ar_md, '<span data-stu-id="a93d2-105">The whole process takes about 5 minutes.',
          '<span data-stu-id="a93d2-105">The whole process takes about 10 minutes.')
    return content, locales


def build(root: Path, content: Path, locales: Path, *more: str) -> Path:
    out = root / "report"
    args = ["report", "--content", str(content), "--locales", str(locales), "--out", str(out),
            "-j", "1", "-q", *more]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    here = os.getcwd()
    os.chdir(root)  # findings show paths relative to the working folder, as in diagnostics
    try:
        demo_tree(root)
        return build(root, Path("content"), Path("locales"))
    finally:
        os.chdir(here)


# ---------------------------------------------------------------- a small DOM

VOID = {"meta", "link", "br", "img", "hr", "input", "col", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Descendants with this tag and these attributes (``cls`` matches one class)."""
        found = []
        for c in self.children:
            if isinstance(c, str):
                continue
            if (tag is None or c.tag == tag) and all(
                (v in c.attrs.get("class", "").split()) if k == "cls" else c.attrs.get(k) == v
                for k, v in attrs.items()
            ):
                found.append(c)
            found.extend(c.all(tag, **attrs))
        return found

    def one(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag} {attrs}>"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


def dom(path: Path) -> Node:
    return parse_html(path.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


def locale_row(doc: Node, locale: str) -> dict[str, str]:
    """A row of the index's locale table as {column header: cell text}."""
    table = doc.one("table", cls="locales")
    heads = [squash(th.text) for th in table.one("thead").all("th")]
    row = table.one("tr", id=f"locale-{locale}")
    cells = [squash(c.text) for c in row.children if isinstance(c, Node)]
    return dict(zip(heads, cells, strict=True))


# ---------------------------------------------------------------- states and direction


def test_segment_states() -> None:
    mt = Message("a", "x", flags=("fuzzy",), extracted_comments=("id-1", MT_NOTE))
    assert classify(Message("a", "x")) is State.REVIEWED
    assert classify(mt) is State.MT
    assert classify(Message("a", "x", flags=("fuzzy",), previous_msgid="b")) is State.STALE
    assert classify(Message("a", "x", flags=("fuzzy",))) is State.STALE  # flagged by hand
    assert classify(Message("a", "")) is State.MISSING
    assert classify(None) is State.MISSING
    assert classify(None, drifted=Message("old", "x")) is State.STALE
    assert classify(Message("a", "x"), held=True) is State.HELD  # reviewed, not published
    assert classify(mt, held=True) is State.MT  # not reviewed anyway
    tally = Tally.of([State.REVIEWED, State.MT, State.MT, State.MISSING])
    assert tally.share(State.MT) == 50.0 and tally.share(State.STALE) == 0.0
    assert Tally().share(State.MT) == 0.0


def test_a_segments_machine_translation_is_told_by_its_handoff_record_before_its_note() -> None:
    """h185: a vendor who dropped the MT note made machine translation a reviewer's draft on
    the report, and a draft typed over it under the note machine translation."""
    record = note("x", True)
    assert classify(Message("a", "x", flags=("fuzzy",), extracted_comments=(record,))) \
        is State.MT
    assert classify(Message("a", "draft", flags=("fuzzy",),
                            extracted_comments=(MT_NOTE, record))) is State.STALE


@pytest.mark.parametrize("locale", ["ar-SA", "he-IL", "fa-IR", "ur-PK", "ps-AF", "yi", "ckb-IQ",
                                    "pa-Arab-PK", "ar_EG"])
def test_right_to_left_locales(locale: str) -> None:
    assert is_rtl(locale)


@pytest.mark.parametrize("locale", ["fr-FR", "ja-JP", "en", "zh-Hans-CN", "az-Latn-AZ",
                                    "ar-Latn", "pt-BR"])
def test_left_to_right_locales(locale: str) -> None:
    assert not is_rtl(locale)


# ---------------------------------------------------------------- the index


def test_index_shows_completion_per_locale(report: Path) -> None:
    doc = dom(report / "index.html")
    rows = {loc: locale_row(doc, loc) for loc in ("ar-SA", "de-DE", "fr-FR", "ja-JP")}
    # ar-SA: 47 segments; 3 reviewed, 2 stale (previous msgid, drift), 1 missing, 41 MT
    assert rows["ar-SA"]["Segments"] == "47"
    assert rows["ar-SA"]["reviewed"] == "6.4%"
    assert rows["ar-SA"]["MT"] == "87.2%"
    assert rows["ar-SA"]["stale"] == "4.3%"
    assert rows["ar-SA"]["missing"] == "2.1%"
    assert rows["de-DE"]["MT"] == "100.0%"  # machine translated, nobody reviewed it yet
    assert rows["fr-FR"]["Articles"] == "2" and rows["fr-FR"]["reviewed"] == "98.9%"
    # one reviewed translation of fr-FR fails a check: its page shows the handoff's instead
    assert rows["fr-FR"]["held back"] == "1.1%" and rows["ar-SA"]["held back"] == "0.0%"
    assert rows["ja-JP"]["reviewed"] == "100.0%"
    assert "right to left" in rows["ar-SA"]["Locale"]
    assert "right to left" not in rows["fr-FR"]["Locale"]
    bar = doc.one("tr", id="locale-ar-SA").one("div", cls="bar")
    widths = [p.attrs["style"] for p in bar.all("span", cls="part")]
    assert widths == ["width:6.383%", "width:87.234%", "width:4.255%", "width:2.128%"]


def test_findings_table_counts_by_check_and_links_the_articles(report: Path) -> None:
    doc = dom(report / "index.html")
    table = doc.one("table", cls="checks")
    rows = {r.attrs["id"]: r for r in table.one("tbody").all("tr")}
    assert set(rows) >= {
        "check-span-id-mismatch-error", "check-source-drift-error", "check-missing-entry-error",
        "check-catalog-overrides-article-info", "check-locale-lag-warning",
    }
    mismatch = rows["check-span-id-mismatch-error"]
    cells = [squash(c.text) for c in mismatch.children if isinstance(c, Node)]
    assert cells[1:3] == ["error", "1"]
    links = [x.attrs["href"] for x in mismatch.all("a")]
    assert f"{FR}.html#s1" in links
    assert "check-span-id-mismatch.html" in links
    # errors first, then warnings and notes
    order = [r.attrs["id"].rsplit("-", 1)[1] for r in table.one("tbody").all("tr")]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_report_has_the_findings_of_check(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = report.parent
    here = os.getcwd()
    os.chdir(root)
    try:
        capsys.readouterr()
        main(["check", "--content", "content", "--locales", "locales", "-j", "1", "--format",
              "json", "-q"])
        checked = json.loads(capsys.readouterr().out)
    finally:
        os.chdir(here)
    shown = []
    for name in sorted(p.name for p in report.glob("check-*.html")):
        for tr in dom(report / name).one("table", cls="listing").one("tbody").all("tr"):
            shown.append((name[len("check-"):-len(".html")], squash(tr.all("td")[3].text)))
    assert sorted(shown) == sorted((f["check"], f["message"]) for f in checked)
    assert len(shown) >= 6


# ---------------------------------------------------------------- article pages


def test_article_page_sets_english_beside_the_translation(report: Path) -> None:
    doc = dom(report / f"{FR}.html")
    row = doc.one("tr", id="s0")
    en, tr = row.one("td", cls="en"), row.one("td", cls="tr")
    assert en.text == "Install the Contoso Docs CLI"
    assert tr.text == "Installer l’interface CLI Contoso Docs"
    assert en.attrs["lang"] == "en" and tr.attrs["lang"] == "fr-FR"
    assert "dir" not in tr.attrs
    assert squash(row.one("td", cls="state").text) == "reviewed"
    heads = [squash(th.text) for th in doc.one("table", cls="sxs").one("thead").all("th")]
    assert heads == ["Segment", "English", "Translation as published · fr-FR", "State"]


def test_finding_is_highlighted_on_its_row_and_links_its_catalog_line(report: Path) -> None:
    doc = dom(report / f"{FR}.html")
    row = doc.one("tr", id="s1")
    assert {"flagged", "error"} <= set(row.attrs["class"].split())
    assert [r.attrs["id"] for r in doc.all("tr", cls="flagged")] == ["s1", "s4"]
    item = findings_row(doc, "s1").one("li", cls="finding")
    assert "span-id-mismatch" in item.text and "error" in item.text
    assert "translation span 4c1e7-103 is paired with lookup span 4c1e7-903" in item.text
    po = Path(report.parent, "locales", f"{FR}.po").read_text(encoding="utf-8").split("\n")
    line = po.index("#. 4c1e7-103") + 1  # the entry starts at its #. (1-based)
    link = item.one("a", cls="loc")
    assert link.text == f"locales/{FR}.po:{line}"
    assert link.attrs["href"] == f"../../../locales/{FR}.po#L{line}"
    assert po[line - 1] == "#. 4c1e7-103"


def test_states_and_findings_on_the_rtl_page(report: Path) -> None:
    doc = dom(report / f"{AR}.html")
    states = {r.attrs["id"]: r.attrs["class"].split()[1] for r in doc.all("tr", cls="seg")}
    assert [states[f"s{n}"] for n in range(5)] == ["reviewed"] * 3 + ["stale", "mt"]
    assert states["s8"] == "missing" and states["s9"] == "stale"
    drift = doc.one("tr", id="s3")
    assert "flagged" in drift.attrs["class"]
    assert squash(drift.one("div", cls="prev").text) == (
        "translated for: The whole process takes about 5 minutes.")
    old = doc.one("tr", id="s9").one("div", cls="prev")
    assert squash(old.text) == "translated for: Open a terminal."
    for td in doc.all("td", cls="tr"):
        assert td.attrs["dir"] == "rtl" and td.attrs["lang"] == "ar-SA"
    for td in doc.all("td", cls="en"):
        assert td.attrs["dir"] == "ltr" and td.attrs["lang"] == "en"
    assert doc.one("h1").attrs == {"lang": "ar-SA", "dir": "rtl"}
    missing = doc.one("tr", id="s8")
    assert "missing-entry" in findings_row(doc, "s8").text
    assert missing.one("td", cls="en").text == "Install the CLI"


def findings_row(doc: Node, row_id: str) -> Node:
    """The findings row that follows segment row ``row_id``."""
    body = doc.one("table", cls="sxs").one("tbody")
    rows = [c for c in body.children if isinstance(c, Node)]
    n = next(i for i, r in enumerate(rows) if r.attrs.get("id") == row_id)
    assert "findings-row" in rows[n + 1].attrs["class"]
    return rows[n + 1]


def test_a_translation_with_errors_is_shown_as_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is published is what the page shows: a stand-in segment rule makes a <script> an
    error, so the catalog's translation of "Prerequisites" gives way to the article's."""
    def no_script(source: str, translation: str, options: Options) -> list[str]:
        return ["script added"] if "<script" in translation and "<script" not in source else []

    rule = SegmentRule(Check("test-script", "safety", Severity.ERROR, "s", "h"), no_script)
    monkeypatch.setattr(registry, "SEGMENT_RULES", (*checks.SEGMENT_RULES, rule))
    monkeypatch.setitem(checks.BY_ID, "test-script", rule.check)
    content, locales = demo_tree(tmp_path)
    doc = dom(build(tmp_path, content, locales) / f"{FR}.html")
    row = doc.one("tr", id="s4")
    assert row.one("td", cls="tr").children[0] == "Prérequis"
    # counted as held back, not reviewed: the completion bar says what the pages show
    assert squash(row.one("td", cls="state").text) == "held back"
    assert "held" in row.attrs["class"].split()
    note = squash(row.one("td", cls="tr").one("div", cls="note").text)
    assert note.startswith("the catalog translation was held back (")
    assert "test-script" in note  # the note names the checks that held it back
    assert note.endswith(
        "); the article's translation was published instead")
    assert "test-script" in findings_row(doc, "s4").text


def test_a_held_back_translation_stays_held_back_when_substitutions_are_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ignoring render-substituted hides the finding, never what the page shows."""
    def no_script(source: str, translation: str, options: Options) -> list[str]:
        return ["script added"] if "<script" in translation and "<script" not in source else []

    rule = SegmentRule(Check("test-script", "safety", Severity.ERROR, "s", "h"), no_script)
    monkeypatch.setattr(registry, "SEGMENT_RULES", (*checks.SEGMENT_RULES, rule))
    monkeypatch.setitem(checks.BY_ID, "test-script", rule.check)
    content, locales = demo_tree(tmp_path)
    settings = tmp_path / "settings.toml"
    settings.write_text('[tool.pipeline]\nignore = ["render-substituted"]\n', encoding="utf-8")
    doc = dom(build(tmp_path, content, locales, "--config", str(settings)) / f"{FR}.html")
    row = doc.one("tr", id="s4")
    assert row.one("td", cls="tr").children[0] == "Prérequis"
    assert squash(row.one("td", cls="state").text) == "held back"


def test_untrusted_text_stays_text(report: Path) -> None:
    for page in report.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<img" not in text.lower(), page
        for node in parse_html(text).all():
            assert node.tag not in ("script", "img", "iframe", "object", "embed"), page
            assert not [k for k in node.attrs if k.startswith("on")], (page, node.tag)
    fr = (report / f"{FR}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in fr
    assert parse_html(fr).one("title").text == f"{FR}.md · localization report"
    ja = dom(report / f"{JA}.html")
    row = ja.one("tr", id="s4")
    assert row.one("td", cls="tr").text == f"前提条件 {TAG}"
    assert row.one("td", cls="en").text == f"Prerequisites {TAG}"
    assert row.attrs["class"] == "seg reviewed"  # published as is: no check stopped it


def test_every_link_resolves_and_nothing_leaves_the_machine(report: Path) -> None:
    pages = sorted(report.rglob("*.html"))
    checked = {r.attrs["id"].rsplit("-", 1)[0] for r in
               dom(report / "index.html").one("table", cls="checks").one("tbody").all("tr")}
    assert len(pages) == 1 + 4 + 5 + len(checked)  # the index, locales, articles, checks
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'\b(?:href|src)="([^"]*)"', text):
            assert not re.match(r"[a-z][a-z0-9+.-]*:|//", url), (page, url)
            target = page.parent / unquote(url.split("#", 1)[0])
            assert target.exists(), (page, url)
        assert "@import" not in text and "url(" not in text
    css = (report / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "http" not in css


def test_links_to_an_article_with_a_hash_in_its_name_resolve(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-128: every link to ``c#-guide.md`` (its page, its catalog line, the article) was
    cut at the name's '#': ``fr-FR/get-started/c`` with a fragment, a file that is not there.
    A '#' in a path is escaped (%23); the report's own fragments still follow a '#'."""
    monkeypatch.chdir(tmp_path)
    demo_tree(tmp_path)
    content, locales = Path("content"), Path("locales")
    shutil.copy(content / f"{FR}.md", content / "fr-FR/get-started/c#-guide.md")
    shutil.copy(locales / f"{FR}.po", locales / "fr-FR/get-started/c#-guide.po")
    out = build(tmp_path, content, locales)
    seen = 0
    for page in sorted(out.rglob("*.html")):
        for url in re.findall(r'\b(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            path, _, fragment = url.partition("#")
            assert (page.parent / unquote(path)).exists(), (page, url)
            seen += "c%23-guide" in path
            if fragment.startswith("s") and path.endswith(".html"):
                assert f'id="{fragment}"' in (page.parent / unquote(path)).read_text(
                    encoding="utf-8"), (page, url)
    assert seen >= 3


def test_a_file_name_that_reorders_or_hides_text_is_shown_escaped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-134: a vendor's file name with a bidi override (``bidi\\u202egpj.exe.md``) was
    written raw, so the browser showed it reversed, 'bidi91:dm.exe.jpg' beside its line, and
    a zero-width space hid in a name. Names, messages and hints are shown as the diagnostics
    print them (``\\u202e``); the links still resolve (percent-encoded)."""
    monkeypatch.chdir(tmp_path)
    demo_tree(tmp_path)
    content, locales = Path("content"), Path("locales")
    for name in ("bidi\u202egpj.exe", "zw\u200bx"):
        shutil.copy(content / f"{FR}.md", content / f"fr-FR/{name}.md")
        shutil.copy(locales / f"{FR}.po", locales / f"fr-FR/{name}.po")
    out = build(tmp_path, content, locales)
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}
    for page, text in pages.items():
        assert "\u202e" not in text and "\u200b" not in text, page
    listing = squash(pages[out / "fr-FR.html"])
    assert "bidi\\u202egpj.exe.md" in listing and "zw\\u200bx.md" in listing
    article = pages[out / "fr-FR/bidi\u202egpj.exe.html"]
    # the catalog's line, and the message naming the catalog, as check prints them
    assert "locales/fr-FR/bidi\\u202egpj.exe.po:" in article
    assert "(locales/fr-FR/bidi\\u202egpj.exe.po:" in squash(article)
    assert "<title>fr-FR/bidi\\u202egpj.exe.md · localization report</title>" in article


def test_a_file_name_that_is_not_utf8_links_to_the_file_by_its_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that is not UTF-8 (b'caf\\xe9.md') was linked by the escaped name shown
    ('caf%5Cxe9.md'), a file that is not there. The link percent-encodes the name's bytes
    ('caf%E9.md'); the text still shows it escaped, as check prints it."""
    monkeypatch.chdir(tmp_path)
    demo_tree(tmp_path)
    content, locales = Path("content"), Path("locales")
    (content / "fr-FR" / os.fsdecode(b"caf\xe9.md")).write_bytes(b"x\n")
    out = build(tmp_path, content, locales)
    seen = 0
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for url, shown in re.findall(r'<a href="([^"#]*caf[^"#]*)(?:#[^"]*)?"[^>]*>([^<]*)<',
                                     text):
            assert url.endswith("/content/fr-FR/caf%E9.md"), (page, url)
            assert (page.parent / os.fsdecode(unquote_to_bytes(url))).is_file(), (page, url)
            assert shown == "content/fr-FR/caf\\xe9.md"
            seen += 1
    assert seen >= 1


def test_an_article_page_lists_a_bounded_number_of_findings_and_counts_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-134: a catalog of 100,000 stray entries made its article's page 57 MB (every
    po-foreign-entry finding listed under "Findings on the article"). A list shows at most
    ``FINDINGS_SHOWN`` findings, then how many more and a link to their checks' pages, which
    list every one of them."""
    from pipeline.report import html

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(html, "FINDINGS_SHOWN", 5, raising=False)
    demo_tree(tmp_path)
    content, locales = Path("content"), Path("locales")
    with (locales / f"{FR}.po").open("a", encoding="utf-8") as po:
        po.writelines(f'\nmsgid "stray {n}"\nmsgstr "égaré {n}"\n' for n in range(12))
    out = build(tmp_path, content, locales)
    page = (out / f"{FR}.html").read_text(encoding="utf-8")
    section = dom(out / f"{FR}.html").one("section", id="findings")
    assert len(section.all("li", cls="finding")) == 5
    # the twelve stray entries and the locale-lag of demo_tree: five shown, eight counted
    assert "… and 8 more, on the pages of their checks: po-foreign-entry" in squash(
        section.text)
    assert '<a href="../../check-po-foreign-entry.html">' in page
    listing = (out / "check-po-foreign-entry.html").read_text(encoding="utf-8")
    assert listing.count("stray ") == 12


def test_an_article_named_like_a_part_of_a_long_page_keeps_its_own_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-134: the second part of the page of a long ``install-cli.md`` and the page of
    an article named ``install-cli~2.md`` were both ``install-cli~2.html``: one replaced the
    other, and the pager's link to part 2 led to another article. Every page is its own."""
    from pipeline.report import article_page

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(article_page, "ROWS_PER_PAGE", 20)
    demo_tree(tmp_path)
    content, locales = Path("content"), Path("locales")
    for name in ("install-cli~2", "install-cli~~2"):
        shutil.copy(content / f"{FR}.md", content / f"fr-FR/get-started/{name}.md")
        shutil.copy(locales / f"{FR}.po", locales / f"fr-FR/get-started/{name}.po")
    out = build(tmp_path, content, locales)
    titles: dict[str, list[str]] = {}
    for page in sorted((out / "fr-FR/get-started").glob("install-cli*.html")):
        title = re.search(r"<title>(.*) · localization report</title>",
                          page.read_text(encoding="utf-8"))
        assert title is not None
        titles.setdefault(title.group(1), []).append(page.name)
    # 47 segments, 20 a page: three parts for each of the three articles, none lost
    assert {k: len(v) for k, v in titles.items()} == {
        f"{FR}.md": 3, "fr-FR/get-started/install-cli~2.md": 3,
        "fr-FR/get-started/install-cli~~2.md": 3}
    assert titles[f"{FR}.md"][:2] == ["install-cli.html", "install-cli~2.html"]


# ---------------------------------------------------------------- writing


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file less the caches (.pipeline-cache, .report-cache): they record file states
    and times, and are an optimisation, not the report."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith("-cache")}


def test_rerun_rewrites_nothing_and_jobs_do_not_matter(tmp_path: Path) -> None:
    content, locales = demo_tree(tmp_path)
    out = build(tmp_path, content, locales)
    before = snapshot(out)
    # every page; not the caches (.pipeline-cache, .report-cache), an optimisation that may
    # note new file states
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")
              if p.is_file() and not p.name.startswith(".")}
    build(tmp_path, content, locales)
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes
    shutil.rmtree(out)
    build(tmp_path, content, locales, "-j", "3")
    assert snapshot(out) == before


def test_report_writes_only_its_folder(tmp_path: Path) -> None:
    content, locales = demo_tree(tmp_path)
    inputs = snapshot(tmp_path)
    out = build(tmp_path, content, locales)
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("report/")} == inputs
    assert (out / "index.html").is_file()


def test_default_folder_is_build_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["report", "-j", "1"]) == 0
    assert (tmp_path / "build/report/index.html").is_file()
    summary = re.match(r"report: 5 articles, 231 segments, \d+ findings; (\d+) of (\d+) pages "
                       r"written in [\d.]+s: build/report/index.html$", capsys.readouterr().err)
    assert summary is not None and summary[1] == summary[2]


def test_long_articles_are_split_and_findings_link_the_right_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_page, "ROWS_PER_PAGE", 10)
    content, locales = demo_tree(tmp_path)
    out = build(tmp_path, content, locales)
    parts = sorted(p.name for p in (out / "ar-SA/get-started").iterdir())
    assert parts == [f"install-cli{s}.html" for s in ("", "~2", "~3", "~4", "~5")]
    first = dom(out / f"{AR}.html")
    assert [a.attrs["href"] for a in first.all("nav", cls="pager")[0].all("a")] == [
        f"install-cli~{n}.html" for n in range(2, 6)]
    assert len(first.all("tr", cls="seg")) == 10
    assert dom(out / f"{AR}~5.html").all("tr", cls="seg")[-1].attrs["id"] == "s46"
    # the missing entry (segment 9) is on page 1; source drift (segment 3) too
    doc = dom(out / "check-missing-entry.html")
    assert doc.one("table", cls="listing").one("tbody").all("a")[0].attrs["href"] == (
        f"{AR}.html#s8")


def test_unreadable_article_still_gets_a_page(tmp_path: Path) -> None:
    content, locales = demo_tree(tmp_path)
    (content / "fr-FR/broken.md").write_bytes(b"---\ntitle: x\n# never closed\n")
    out = build(tmp_path, content, locales)
    doc = dom(out / "fr-FR/broken.html")
    assert "front matter block is not closed" in doc.one("section", id="findings").text
    index = dom(out / "index.html")
    assert index.one("tr", id="check-front-matter-error").all("a")[0].attrs["href"] == (
        "check-front-matter.html")
    assert "fr-FR/broken.md" in index.one("tr", id="check-front-matter-error").text


# ---------------------------------------------------------------- the shared corpus


def test_report_of_the_whole_corpus(
    corpus_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every article of the corpus gets a page; no page grows past a reasonable size."""
    locales, out = tmp_path / "locales", tmp_path / "report"
    assert main(["extract", "--content", str(corpus_root), "--locales", str(locales), "-q"]) == 0
    capsys.readouterr()
    assert main(["report", "--content", str(corpus_root), "--locales", str(locales), "--out",
                 str(out)]) == 0
    summary = capsys.readouterr().err
    articles = sorted(p.relative_to(corpus_root) for p in corpus_root.rglob("*.md"))
    assert f"report: {len(articles)} articles" in summary
    for rel in articles:
        assert (out / rel.with_suffix(".html")).is_file(), rel
    sizes = [p.stat().st_size for p in out.rglob("*.html")]
    assert max(sizes) < 1_000_000
    index = dom(out / "index.html")
    locales_shown = [r.attrs["id"] for r in index.one("table", cls="locales").one("tbody")
                     .all("tr")]
    assert locales_shown == [f"locale-{p.name}" for p in sorted(corpus_root.iterdir())
                             if p.is_dir()]


@pytest.mark.parametrize("relative", [True, False])
def test_a_report_whose_entry_page_could_not_be_written_does_not_point_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    relative: bool,
) -> None:
    """A folder where index.html should be: the summary named out/index.html as the report's
    entry, beside the error that it was not written (h176)."""
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    (tmp_path / "out" / "index.html").mkdir(parents=True)
    out = "../out" if relative else str(tmp_path / "out")
    assert main(["report", "--content", str(REPO / "content"), "--out", out, "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "index.html: error[write-failed]" in err
    assert err.rstrip().endswith("index.html could not be written (see above)")
