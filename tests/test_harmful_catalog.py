"""A vendor catalog carrying harmful translations: check names each at its segment, and no page
ever shows one of them (issue: nothing unsafe is ever published)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from example import english_tree

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
PO = "fr-FR/get-started/install-cli.po"

# msgstr in the committed catalog -> the vendor's harmful replacement, and the check that
# must catch it. Each stays reviewed (not fuzzy), so it is what render would publish.
ATTACKS = {
    "Prérequis": ('Prérequis<script>alert(1)</script>', "unsafe-element"),
    "Installer l’interface CLI": (
        'Installer <img src=x onerror="alert(1)">', "event-handler"),
    "Un compte gratuit sur [Contoso Learn](https://learn.contoso.com/account/sign-up).": (
        "Un compte gratuit sur [Contoso Learn](java&#115;cript:alert(1)).", "unsafe-url"),
    "Pour plus d’informations, consultez [Paramètres de proxy]"
    "(https://learn.contoso.com/docs-cli/proxy).": (
        "Pour plus d’informations, consultez [Paramètres de proxy]"
        "(https://evil.example.net/docs-cli/proxy).", "foreign-host"),
    "Ouvrez une fenêtre de terminal.": (
        "Ouvrez une fenêtre de terminal.\\n# Pris en main", "new-block"),
    "Pour vérifier l’installation, exécutez `contoso --version`.": (
        "Pour vérifier l’installation, exécutez `contoso --uninstall`.", "code-changed"),
    # a tag of no HTML element is an element to a browser: its attributes restyle the page
    "L’ensemble de la procédure prend environ 5 minutes.": (
        'L’ensemble <x-a style="position:fixed;inset:0">de la procédure</x-a> prend environ '
        "5 minutes.", "html-added"),
    # DocFX's block syntax: a zone pivot hides what follows on every page but one
    "Exécutez la commande suivante pour installer le package :": (
        'Exécutez la commande suivante :\\n:::zone pivot="evil"', "new-block"),
}


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    shutil.copytree(REPO / "content", content)
    shutil.copytree(REPO / "locales", locales)
    po = locales / PO
    text = po.read_text(encoding="utf-8")
    for good, (bad, _) in ATTACKS.items():
        assert f'msgstr "{good}"' in text
        quoted = bad.replace('"', '\\"')
        text = text.replace(f'msgstr "{good}"', f'msgstr "{quoted}"')
    po.write_text(text, encoding="utf-8")
    return content, locales, out


def base(content: Path, locales: Path) -> list[str]:
    return ["--content", str(content), "--locales", str(locales), "-j", "1"]


def test_check_names_each_harmful_translation_at_its_segment(
    tree: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = tree
    capsys.readouterr()
    assert main(["check", *base(content, locales), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    article = (content / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    for _good, (bad, check) in ATTACKS.items():
        hits = [f for f in findings if f["check"] == check and f["severity"] == "error"]
        assert hits, f"{check} not reported for {bad!r}"
        for f in hits:
            assert f["file"].endswith("content/fr-FR/get-started/install-cli.md")
            assert f["segment"] and f'data-ttu-id="{f["segment"]}"' in article.splitlines()[
                f["line"] - 1]


@pytest.mark.parametrize("form", ["localized", "bilingual"])
def test_render_publishes_none_of_them(
    tree: tuple[Path, Path, Path], form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = tree
    assert main(["render", *base(content, locales), "--out", str(out), "--form", form]) == 0
    page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    for bad, _ in ATTACKS.values():
        assert bad.replace("\\n", "\n") not in page
    for needle in ("<script", "onerror", "java&#115;cript", "evil.example.net", "--uninstall",
                   "\n# Pris en main", "<x-a", ":::zone"):
        assert needle not in page
    # the article's own, safe, translations stand in, and each swap is reported
    assert "Prérequis" in page
    assert capsys.readouterr().err.count("warning[render-substituted]") == len(ATTACKS)

# Report settings decide what is reported, never what is published (issue 11, item 2): with
# every flag the page holds none of the attacks, and each swap is reported, naming its checks.
# (flags, exit status, checks that must be reported, checks that must not be)
ALL_ATTACKS = {check for _, check in ATTACKS.values()}
SELECTIONS = [
    ([], 1, ALL_ATTACKS, set()),
    (["--select", "untranslated"], 0, set(), ALL_ATTACKS),
    (["--ignore", "unsafe-element,html-added"], 1, ALL_ATTACKS - {"unsafe-element", "html-added"},
     {"unsafe-element", "html-added"}),
]


@pytest.mark.parametrize(("flags", "status", "reported", "unreported"), SELECTIONS,
                         ids=[" ".join(s[0]) or "default" for s in SELECTIONS])
def test_locales_publishes_none_of_them_whatever_is_selected(
    tree: tuple[Path, Path, Path], flags: list[str], status: int, reported: set[str],
    unreported: set[str], capsys: pytest.CaptureFixture[str],
) -> None:
    content, locales, out = tree
    capsys.readouterr()
    assert main(["locales", *base(content, locales), "--out", str(out), "--format", "json",
                 *flags]) == status
    findings = json.loads(capsys.readouterr().out)
    page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    for needle in ("<script", "onerror", "java&#115;cript", "evil.example.net", "--uninstall",
                   "\n# Pris en main", "<x-a", ":::zone"):
        assert needle not in page
    errors = {f["check"] for f in findings if f["severity"] == "error"}
    assert reported <= errors and not unreported & errors
    swaps = [f for f in findings if f["check"] == "render-substituted"]
    assert len(swaps) == len(ATTACKS)
    assert any("(html-added, unsafe-element)" in f["message"] for f in swaps)

def test_cli_end_to_end_publishes_none_of_them_whatever_is_selected(
    tree: tuple[Path, Path, Path]
) -> None:
    """`python -m pipeline locales`, as `make locales` runs it, through the one publish path."""
    content, locales, out = tree
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for flags, status in (([], 1), (["--select", "untranslated"], 0)):
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "locales", *base(content, locales), "--out",
             str(out), "-q", *flags], capture_output=True, text=True, env=env, cwd=REPO)
        assert done.returncode == status, done.stderr  # swaps are warnings
        assert "Traceback" not in done.stderr
        page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
        assert "<script" not in page and "onerror" not in page
        lines = done.stderr.splitlines()
        swapped = [line for line in lines if "warning[render-substituted]" in line]
        assert len(swapped) == len(ATTACKS)
        assert any(":19:32: warning[render-substituted]: the catalog translation was held back "
                   "(html-added, unsafe-element); the article's translation was published "
                   "instead" in line for line in swapped), lines
        reported = [line for line in lines if "error[unsafe-element]" in line]
        assert bool(reported) is not flags  # reported unless deselected

def test_cli_end_to_end_keeps_unsafe_text_off_the_page_outside_the_pairs_too(
    tree: tuple[Path, Path, Path]
) -> None:
    """`python -m pipeline locales`, as `make locales` runs it, with a harmful catalog entry, a
    harmful translated title and an unpaired translation span carrying an event handler."""
    content, locales, out = tree
    md = content / "fr-FR/get-started/install-cli.md"
    text = md.read_text(encoding="utf-8")
    text = text.replace("title: Installer l’interface CLI Contoso Docs",
                        'title: "Installer <script>alert(2)</script>"', 1)
    text = text.replace("## <a name=", '<span data-ttu-id="4c1e7-199">Voir <img src=x '
                        'onerror="alert(3)"></span>\n\n## <a name=', 1)
    md.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for flags, status in (([], 1), (["--select", "untranslated"], 0)):
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "locales", *base(content, locales), "--out",
             str(out), "-q", *flags], capture_output=True, text=True, env=env, cwd=REPO)
        assert done.returncode == status, done.stderr  # swaps are warnings
        assert "Traceback" not in done.stderr
        page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
        assert "<script" not in page and "onerror" not in page and "<img" not in page
        assert page.startswith('---\ntitle: ""\n')
        lines = done.stderr.splitlines()
        swapped = [line for line in lines if "[render-substituted]" in line]
        assert any(":2:8: warning[render-substituted]: the front matter value of 'title' was "
                   "held back (html-added, unsafe-element)" in line for line in swapped), lines
        assert any("the translation span 4c1e7-199 of a broken pair was held back" in line
                   for line in swapped), lines
        assert len(swapped) == len(ATTACKS) + 2
        reported = [line for line in lines if "error[unsafe-element]" in line]
        assert bool(reported) is not flags  # reported unless deselected


def _active(page: str) -> list[str]:
    """What a browser would run in the page as a CommonMark renderer with raw HTML makes it."""
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("script", "iframe", "object", "embed"):
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith(
                        ("javascript:", "vbscript:", "data:")):
                    found.append(f"{tag}@{name}")

    Parser().feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(page))
    # DocFX's '> [!div …]' writes its attributes into a <div> as they stand
    for attributes in re.findall(r"^ {0,3}> ?\[!div([^\]\n]*)\]", page, re.M | re.I):
        Parser().feed(f"<div {attributes}>")
    return found


HOSTILE = {  # markup put between two pairs: each would run on the page as it is
    "script": "<script>alert(4)</script>",
    "handler over two lines": '<IMG SRC=x\nonerror="alert(5)">',
    "link in a table": '| a | b |\n|---|---|\n| <a href="java&#115;cript:alert(6)">x</a> | y |',
    "markdown link": "See [x](javascript:alert(10)).",  # markdown-it refuses it; others may not
    "pre across a blank line": "<pre>\n<img\n\nsrc=x\n\nonerror=alert(7)>\n</pre>",
    "backticks in raw HTML": "<div>\n`<img src=x onerror=alert(8)>`\n</div>",
    "held, code after it": "<script>x</script>\n    <img src=x onerror=alert(9)>",
    "docfx section": '> [!div class="x" onmouseover="alert(11)"]',  # helper-93
}
CODE = ('```html\n<script src="app.js"></script>\n```\n\n    <iframe src="x"></iframe>\n\n'
        'Run `<script>` as `onload=x`.\n\n')


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_cli_end_to_end_keeps_active_markup_between_the_pairs_off_the_page(
    tree: tuple[Path, Path, Path], hostile: str
) -> None:
    """Markup put in an sxs article between its pairs (by hand, by a tool) is checked too:
    what would run is published inert, whatever is selected; code that shows such markup in
    an article with none stays as it is; the bilingual form keeps the article's bytes."""
    content, locales, out = tree
    md = content / "fr-FR/get-started/install-cli.md"
    english = md.read_text(encoding="utf-8")
    assert "\n## <a name=" in english
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    md.write_text(english.replace("\n## <a name=", "\n" + CODE + "## <a name=", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "locales", *base(content, locales), "--out",
         str(out), "-q"], capture_output=True, text=True, env=env, cwd=REPO)
    assert "markup outside the pairs" not in done.stderr  # the English's own examples
    assert CODE in (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")

    text = english.replace("\n## <a name=", "\n" + hostile + "\n\n" + CODE + "## <a name=", 1)
    md.write_text(text, encoding="utf-8")
    for flags in ([], ["--select", "untranslated"], ["--ignore", "unsafe-element,event-handler"
                                                      ",unsafe-url"]):
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "locales", *base(content, locales), "--out",
             str(out), "-q", *flags], capture_output=True, text=True, env=env, cwd=REPO)
        assert "Traceback" not in done.stderr
        page = (out / "fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
        assert _active(page) == [], (flags, page)
        swapped = [line for line in done.stderr.splitlines() if "[render-substituted]" in line
                   and "the markup outside the pairs was held back" in line]
        assert swapped and all("show it in a code block" in line for line in swapped)
        if not flags:
            assert done.returncode == 1
    assert _active(english) == []
    assert _active(text) != [] or "[x](" in hostile  # the attack is real
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "render", *base(content, locales), "--out",
         str(out / "bi"), "--form", "bilingual", "-q"], capture_output=True, text=True,
        env=env, cwd=REPO)
    assert (out / "bi/fr-FR/get-started/install-cli.md").read_text(encoding="utf-8") == text


def test_segments_side_by_side_make_no_link_on_the_page(tmp_path: Path) -> None:
    """helper-77: each segment checked alone, two beside each other made a javascript: link
    on the page: a reference definition with its destination on the next line (English in),
    and a link text and its destination in two adjacent pairs (sxs)."""
    base, po, out = english_tree(
        tmp_path, "# Getting started\n\nRead the setup guide first.\n\nOpen the settings page.\n"
        "Then run the installer.\n")
    text = po.read_text(encoding="utf-8")
    for english, french in (("Read the setup guide first.", "Lisez d'abord le [guide]."),
                            ("Open the settings page.", "[guide]:"),
                            ("Then run the installer.", "javascript:alert(document.domain)")):
        text = text.replace(f'msgid "{english}"\nmsgstr ""',
                            f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    sxs = ('<span data-ttu-id="ab12c-103">Lisez le [guide]</span><span class="sxs-lookup">'
           '<span data-stu-id="ab12c-103">Read the setup guide.</span></span>'
           '<span data-ttu-id="ab12c-104">(javascript:alert(document.domain)) d\'abord.</span>'
           '<span class="sxs-lookup"><span data-stu-id="ab12c-104">Do it first.</span></span>')
    content = tmp_path / "content"
    (content / "de-DE").mkdir()
    (content / "de-DE" / "b.md").write_text(
        "---\nms.translationtype: HT\nms.contentlocale: de-DE\nms.sourcegitcommit: " + "0" * 40
        + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n---\n" + sxs
        + "\n", encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    for page in (out / "fr-FR" / "a.md", out / "de-DE" / "b.md"):
        assert "javascript" not in page.read_text(encoding="utf-8").lower(), page


def test_a_tag_or_script_split_over_segments_stays_off_the_page(tmp_path: Path) -> None:
    """helper-79: '<x-a' ending one sentence and ' onmouseover=… style=…>' the next (English
    in); '<scr', 'ipt>…</scr' and 'ipt>' in three touching sxs pairs: one tag, one script on
    the page, and no finding."""
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    (content / "en-US").mkdir(parents=True)
    (content / "en-US" / "a.md").write_text(
        "# Test\n\nOpen the settings page. Then select the option you need.\n",
        encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    base = ["--content", str(content), "--locales", str(locales), "-j", "1", "-q"]
    assert main(["extract", *base]) == 0
    po = locales / "fr-FR" / "a.po"
    text = po.read_text(encoding="utf-8")
    for english, french in (
            ("Open the settings page.", "Ouvrez la page des paramètres <x-a"),
            ("Then select the option you need.",
             'onmouseover=\\"alert(1)\\" style=\\"position:fixed;inset:0\\">Puis choisissez.')):
        text = text.replace(f'msgid "{english}"\nmsgstr ""',
                            f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    pair = ('<span data-ttu-id="ab12c-{n}">{fr}</span><span class="sxs-lookup">'
            '<span data-stu-id="ab12c-{n}">{en}</span></span>')
    body = "".join(pair.format(n=n, fr=fr, en=en) for n, fr, en in (
        (103, "Ouvrez la page.&lt;scr", "Open the page."),
        (104, "ipt>alert(1)&lt;/scr", "It runs."),
        (105, "ipt>Fin.", "The end.")))
    content = tmp_path / "content"
    (content / "de-DE").mkdir()
    (content / "de-DE" / "b.md").write_text(
        "---\nms.translationtype: HT\nms.contentlocale: de-DE\nms.sourcegitcommit: " + "0" * 40
        + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n---\n"
        + body.replace("&lt;", "<") + "\n", encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    assert "<x-a" not in (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "<script" not in (out / "de-DE" / "b.md").read_text(encoding="utf-8")


def test_a_link_made_over_two_catalog_entries_stays_off_the_page_whatever_its_code(
        tmp_path: Path) -> None:
    """helper-116: a vendor's catalog leaves '[terminal](' open at one entry's end (the flag
    silences the link check) and starts the next with code bare_schemes reads as prose (a
    letter outside ASCII); and a script URL's code cut between two entries."""
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    pair = ('<span data-ttu-id="ab12c-{n}">{fr}</span><span class="sxs-lookup">'
            '<span data-stu-id="ab12c-{n}">{en}</span></span>')
    front = ("---\nms.translationtype: HT\nms.contentlocale: fr-FR\nms.sourcegitcommit: "
             + "0" * 40 + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n"
             "---\n")
    english = ("Open the terminal.", "Run the command.", "Then close it.", "That is all.")
    body = " ".join(pair.format(n=101 + n, fr=f"Texte {n}.", en=en)
                    for n, en in enumerate(english))
    (content / "fr-FR").mkdir(parents=True)
    (content / "fr-FR" / "a.md").write_text(front + body + "\n", encoding="utf-8")
    entries = "".join(
        f'\n#. ab12c-{101 + n}\n{f"#, {flag}" + chr(10) if flag else ""}msgid "{en}"\n'
        f'msgstr "{fr}"\n'
        for n, (en, fr, flag) in enumerate((
            ("Open the terminal.", "Ouvrez le [terminal](", "ignore-link-target-changed"),
            ("Run the command.", "javascript:ñ=alert,ñ(1)) Exécutez la commande.", ""),
            ("Then close it.", "Puis [fermez](javascript:window.loc",
             "ignore-link-target-changed"),
            ("That is all.", "ation=alert(1)) la fenêtre.", ""))))
    (locales / "fr-FR").mkdir(parents=True)
    (locales / "fr-FR" / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + entries,
        encoding="utf-8")
    base = ["--content", str(content), "--locales", str(locales), "-j", "1", "-q"]
    main(["locales", *base, "--out", str(out)])
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "javascript" not in page, page


def test_a_list_items_first_words_moved_right_leave_the_englishs_code_below_it_code(
        tmp_path: Path) -> None:
    """helper-126: a translation that starts a list item with a space moves the item's content
    column one to the right, so that the English's indented code sample in the item (seven
    spaces: three for the item, four for code) is code no more: its '<img onerror=…>' a raw
    HTML block, live on the page, with no finding and exit 0 (English in)."""
    base, po, out = english_tree(
        tmp_path, "# Test\n\n1. Open the settings page.\n\n       <img src=x onerror=alert(1)>\n\n"
        "2. Then close it.\n")
    text = po.read_text(encoding="utf-8")
    english, french = "Open the settings page.", " Ouvrez la page des paramètres."
    text = text.replace(f'msgid "{english}"\nmsgstr ""', f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "1. Open the settings page.\n\n       <img" in page, page


def test_a_line_break_a_vendor_silenced_leaves_the_englishs_code_after_it_code(
        tmp_path: Path) -> None:
    """helper-126: a setext heading's translation that ends with a line break (its
    newline-added silenced by the vendor's own '# ignore-newline-added') puts a blank line
    between the heading's text and its underline: the underline is a paragraph, and the
    English's indented code sample under it that paragraph's next line, its
    '<img onerror=…>' live (English in; exit 0, no finding)."""
    base, po, out = english_tree(
        tmp_path, "Open the settings page\n======================\n"
        "    <img src=x onerror=alert(1)>\n")
    text = po.read_text(encoding="utf-8")
    english = "Open the settings page"
    text = text.replace(f'msgid "{english}"\nmsgstr ""', "# ignore-newline-added\n"
                        f'msgid "{english}"\nmsgstr "Ouvrez la page des paramètres\\n"')
    po.write_text(text, encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "Open the settings page\n======" in page, page


def test_a_tag_the_english_escapes_is_never_published_live(tmp_path: Path) -> None:
    """helper-126: the English documents a tag with a backslash ('\\<script src=…>'), which
    its page shows as text; a translation that drops the backslash was read as the English's
    own tag, subtracted, and published live (English in; exit 0, no finding). So was the
    English's own handler with other code."""
    base, po, out = english_tree(
        tmp_path, '# Test\n\nLoad it with \\<script src="lib.js">\\</script> in the header.\n\n'
        'Add <img src="a.png" onerror="fallback(this)"> to each page.\n')
    text = po.read_text(encoding="utf-8")
    for english, french in (
            ('Load it with \\\\<script src=\\"lib.js\\">\\\\</script> in the header.',
             'Chargez-la avec <script src=\\"lib.js\\"></script> dans l’en-tête.'),
            ('Add <img src=\\"a.png\\" onerror=\\"fallback(this)\\"> to each page.',
             'Ajoutez <img src=\\"a.png\\" onerror=\\"alert(document.cookie)\\"> à chaque page.')):
        assert f'msgid "{english}"\nmsgstr ""' in text, english
        text = text.replace(f'msgid "{english}"\nmsgstr ""',
                            f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "Chargez" not in page and "alert" not in page, page


@pytest.mark.parametrize("attributes", ["hidden", "inert popover", "contenteditable autofocus"])
def test_a_tag_the_english_opens_before_a_segment_gets_no_bare_attribute(
        tmp_path: Path, attributes: str, capsys: pytest.CaptureFixture[str]) -> None:
    """helper-126: a segment that starts inside an English HTML tag whose quoted value holds a
    '>' ('title="Settings > Privacy."', as a handoff may pair it); a translation that closes
    the value and adds a bare 'hidden' (or 'inert', 'popover', 'contenteditable', 'autofocus')
    put it on the English's tag: the paragraph hidden, exit 0, no finding (markup-open needs
    an '=', open_tags compared handlers, URLs and hosts only). The English-driven segmenter
    keeps such a tag whole (helper-136), so the pair comes from a handoff here."""
    base, po, out = english_tree(
        tmp_path, '# Test\n\n<p title="Settings > Privacy and security.">'
        "Open the privacy page.</p>\n")
    assert 'msgid "Open the privacy page."\nmsgstr ""' in po.read_text(encoding="utf-8")
    pair = ('<span data-ttu-id="ab12c-103">Confidentialité.&quot; ' + attributes
            + '>Ouvrez la page.</span><span class="sxs-lookup"><span data-stu-id="ab12c-103">'
            'Privacy and security.">Open the privacy page.</span></span>')
    content = tmp_path / "content"
    (content / "de-DE").mkdir()
    (content / "de-DE" / "b.md").write_text(
        "---\nms.translationtype: HT\nms.contentlocale: de-DE\nms.sourcegitcommit: " + "0" * 40
        + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n---\n"
        + '<p title="Settings > ' + pair.replace("&quot;", '"') + "</p>\n", encoding="utf-8")
    capsys.readouterr()
    main(["locales", *base, "--out", str(out)])
    assert "b.md:8:22: warning[render-substituted]" in capsys.readouterr().err
    page = (out / "de-DE" / "b.md").read_text(encoding="utf-8")
    assert "Open the privacy page." in page and attributes not in page, page


@pytest.mark.parametrize(("first", "second"), [
    ("Voir l’exemple [!INCLUDE", "[x](../../locales/fr-FR/a.po)] Il montre l’appel."),
    ("Voir l’exemple [!code-cs[x]", "(../../locales/fr-FR/a.po)] Il montre l’appel."),
])
def test_an_include_made_over_two_catalog_entries_stays_off_the_page(
        tmp_path: Path, first: str, second: str) -> None:
    """helper-126: each half of a DocFX include (or code snippet) is only a bracket out of
    place, which the vendor's own ignore marks release; side by side on the page (English in)
    they pull the catalog, with drafts no check reads, into the page. Exit 0, no finding."""
    _two_halves(tmp_path, "See the sample. It shows the call.", first, second, "a.po")


def test_a_video_link_made_over_two_catalog_entries_stays_off_the_page(tmp_path: Path) -> None:
    """helper-126: '[!VIDEO' and 'https://…" srcdoc="…]' side by side in a quote: DocFX
    writes the link into its iframe's src unescaped, the srcdoc's script runs."""
    _two_halves(tmp_path, "> See the video. It shows the steps at https://learn.microsoft.com/x.",
                "[!VIDEO", 'https://learn.microsoft.com/x\\" srcdoc=\\"&lt;script&gt;alert(1)'
                '&lt;/script&gt;] Les étapes.', "srcdoc")


def _two_halves(tmp_path: Path, body: str, first: str, second: str, shown: str) -> None:
    base, po, out = english_tree(tmp_path, f"# Test\n\n{body}\n")
    text = po.read_text(encoding="utf-8")
    marks = "# ignore-link-text-broken\n# ignore-link-target-changed\n"
    one, two = body.lstrip("> ").split(". ", 1)
    for english, french in ((one + ".", first), (two, second)):
        text = re.sub(rf'(#\. [^\n]*\n#: [^\n]*\nmsgid "{re.escape(english)}"\n)msgstr ""',
                      lambda m, f=french: marks + m.group(1) + f'msgstr "{f}"', text)
    po.write_text(text, encoding="utf-8")
    main(["locales", *base, "--out", str(out)])
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert shown not in page and "[!" not in page, page


@pytest.mark.parametrize(("english", "french"), [
    ('Watch :::video source=\\"https://www.youtube-nocookie.com/embed/abc\\"::: now.',
     'Regardez :::video source=\\"https://www.youtube-nocookie.com/embed/xyz\\"::: ici.'),
    ("Watch ![the demo](https://www.youtube.com/watch?v=abc) now.",
     "Regardez ![la démo](https://www.youtube.com/watch?v=xyz) maintenant."),
], ids=["video-directive", "media-image"])
def test_a_player_retargeted_on_its_host_stays_off_the_page_whatever_the_marks(
        tmp_path: Path, english: str, french: str) -> None:
    """Review: a translation that points the English's player at another video of the same
    site (anyone's upload, played inside the page), with the vendor's own
    '# ignore-link-target-changed': foreign-host saw the English's host, and the directive's
    source no check read at all (English in; exit 0, no finding)."""
    base, po, out = english_tree(tmp_path, "# Test\n\n" + english.replace('\\"', '"') + "\n")
    text = po.read_text(encoding="utf-8")
    assert f'msgid "{english}"\nmsgstr ""' in text, text
    text = text.replace(f'msgid "{english}"\nmsgstr ""', "# ignore-link-target-changed\n"
                        f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "xyz" not in page and "Regardez" not in page, page


@pytest.mark.parametrize(("english", "french"), [
    # a quoted value of the English's own tag (a translated title) holds a '|', then a tag
    ('Open <a href=\\"guide.md\\" title=\\"The guide\\">the guide</a> now.',
     'Ouvrez <a href=\\"guide.md\\" title=\\"|<img src=x onerror=alert(1)>\\">le guide</a>.'),
    # a code span of the English's, kept byte for byte, behind a code span a '|' cuts
    ("Write `<img src=x onerror=alert(1)>` to test.",
     "Écrivez `|` `<img src=x onerror=alert(1)>` pour tester."),
], ids=["in-a-quoted-value", "in-a-code-span"])
def test_a_bar_that_ends_a_table_cell_inside_markup_leaves_nothing_live(
        tmp_path: Path, english: str, french: str) -> None:
    """h188: GFM splits a table row at each unescaped '|' before it reads any inline markup,
    code spans and tags included: a '|' inside the translation's tag or code span ends the
    cell there, and what the rules read as an attribute's text or the English's own code
    starts the next cell live. With the vendor's marks for the fidelity checks that saw the
    '|' (pipe-added, code-changed), it was published: exit 0, an '<img onerror>' on the page."""
    base, po, out = english_tree(
        tmp_path, f"| Example | Meaning |\n|---|---|\n| {english.replace(chr(92), '')} | A. |\n")
    text = po.read_text(encoding="utf-8")
    assert f'msgid "{english}"\nmsgstr ""' in text, text
    text = text.replace(
        f'msgid "{english}"\nmsgstr ""',
        "# ignore-pipe-added, ignore-code-changed, ignore-html-broken\n"
        f'msgid "{english}"\nmsgstr "{french}"')
    po.write_text(text, encoding="utf-8")
    assert main(["locales", *base, "--out", str(out)]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert french.split()[0] not in page and "|<img" not in page, page
