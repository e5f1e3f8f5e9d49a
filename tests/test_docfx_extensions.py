"""DocFX's Markdown extensions in a vendor's catalog (helper-131): what DocFX reads as an
include, a video or raw HTML must be read so by the rules too, however the translation spells
it. Each attack comes with every mark a vendor may set (``ignore-<check>`` of each fidelity
check), so that only a safety check can hold it back; the page must show the English."""

from __future__ import annotations

from pathlib import Path

import pytest
from example import english_tree

from pipeline.cli import main

# every check a reviewer's mark may release (the safety checks cannot be)
MARKS = "".join(f"# ignore-{check}\n" for check in (
    "code-changed", "link-target-changed", "placeholder-changed", "html-broken", "html-missing",
    "newline-added", "pipe-added", "link-text-broken", "escape-added", "identifier-changed",
    "no-loc-changed", "entity-changed", "named-placeholder-missing", "number-changed",
    "control-character", "link-text-lost", "emphasis-changed"))


def _publish(tmp_path: Path, markdown: str, english: str, french: str,
             capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """An English-driven article, its catalog translating ``english`` as ``french`` with every
    mark; the page ``locales`` writes, and what it said on stderr."""
    base, po, out = english_tree(tmp_path, markdown)
    text = po.read_text(encoding="utf-8")

    def quoted(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    entry = f'msgid "{quoted(english)}"\nmsgstr ""'
    assert entry in text, text
    po.write_text(text.replace(entry, f'{MARKS}msgid "{quoted(english)}"\n'
                               f'msgstr "{quoted(french)}"'), encoding="utf-8")
    capsys.readouterr()
    main(["locales", *base, "--out", str(out)])
    return (out / "fr-FR" / "a.md").read_text(encoding="utf-8"), capsys.readouterr().err


INCLUDES = {
    # the block parser's '+' ('[!include+[…](…)]' on a line of its own)
    "plus": ("- Open the settings page.\n", "Open the settings page.",
             "[!INCLUDE+[t](../../locales/fr-FR/a.po)]"),
    # a title is read up to its first ']': a '[' in it is text
    "bracket in the title": ("Open the settings page.\n", "Open the settings page.",
                             "Voir [!INCLUDE [a[b](../../locales/fr-FR/a.po)] ici."),
    # a path not opened with '<' runs on over a '>' to its ')': 'a.md>/..' is nothing
    "path over a '>'": (
        "Read [!INCLUDE [t](../includes/a.md)] first.\n",
        "Read [!INCLUDE [t](../includes/a.md)] first.",
        "Lisez [!INCLUDE [t](../includes/a.md>/../../../locales/fr-FR/a.po)] d’abord."),
}


@pytest.mark.parametrize(("markdown", "english", "french"), INCLUDES.values(),
                         ids=INCLUDES.keys())
def test_an_include_as_docfx_reads_it_stays_off_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], markdown: str, english: str,
        french: str) -> None:
    """An include the old reader did not see (its title, '+' or path read otherwise than
    DocFX reads them) pulled the catalog into the page: exit 0, no finding but the fidelity
    ones the vendor's marks silenced."""
    page, err = _publish(tmp_path, f"# Test\n\n{markdown}", english, french, capsys)
    assert "locales/fr-FR" not in page, page
    assert "error[include-added]" in err and "render-substituted" in err, err


VIDEOS = {
    # DocFX trims what follows '[!VIDEO' with .NET's Trim(): no space at all, or any white
    # space of Unicode's, and the rest is the video's link, written into its iframe's src
    "no space, a srcdoc": (
        '[!VIDEOhttps://learn.microsoft.com/x"/srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;]',
        "unsafe-url"),
    "an em space, another host": ("[!VIDEO\u2003https://evil.example/x]", "foreign-host"),
}


@pytest.mark.parametrize(("french", "check"), VIDEOS.values(), ids=VIDEOS.keys())
def test_a_video_docfx_reads_without_a_space_after_its_name_stays_off_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], french: str, check: str) -> None:
    """'> [!VIDEOhttps://…"/srcdoc="…]' is a video to DocFX's quote parser, its link written
    into the iframe's src unescaped: the srcdoc's script ran (or another host's page showed in
    the iframe); the rules read a video only after a space or tab."""
    page, err = _publish(tmp_path, "# Test\n\n> See the video.\n", "See the video.", french,
                         capsys)
    assert "[!VIDEO" not in page, page
    assert f"error[{check}]" in err and "render-substituted" in err, err


NOLOCS = {
    "a script": ('Utilisez :::no-loc text="Azure\\<scr\\ipt>alert(1)\\</scr\\ipt>"::: ici.',
                 "unsafe-element"),
    "a style": ('Utilisez :::no-loc text="Azure\\<st\\yle>*{display:none}\\</st\\yle>"::: ici.',
                "unsafe-element"),
}


@pytest.mark.parametrize(("french", "check"), NOLOCS.values(), ids=NOLOCS.keys())
def test_a_no_loc_text_is_read_as_the_html_docfx_writes_of_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], french: str, check: str) -> None:
    """DocFX's NolocParser reads a backslash escape away and its renderer writes the text raw:
    ':::no-loc text="\\<scr\\ipt>…":::' is '<script>…' on the page, which no rule read as one
    (exit 0, no finding)."""
    page, err = _publish(tmp_path, 'Use :::no-loc text="Azure"::: here.\n',
                         'Use :::no-loc text=\\"Azure\\"::: here.'.replace("\\", ""), french,
                         capsys)
    assert "Utilisez" not in page, page
    assert f"error[{check}]" in err and "render-substituted" in err, err


COLON_VALUES = {
    "an image's source": 'Voir :::image type="content" source="https:\n//evil.example/a.png" '
                         'alt-text="Capture"::: ici.',
    "an image's link": 'Voir :::image type="content" source="media/a.png" alt-text="Capture" '
                       'link="https:\n//evil.example/"::: ici.',
    "a video's source": 'Voir :::video source="https:\n//evil.example/v"::: ici.',
}


@pytest.mark.parametrize("french", COLON_VALUES.values(), ids=COLON_VALUES.keys())
def test_a_directive_value_over_a_line_break_is_read_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], french: str) -> None:
    """DocFX reads an inline ':::image' or ':::video' value up to its closing quote, over a
    line break; the browser drops the line break from the URL: 'https:' + '//evil.example/…'
    loads from evil.example. The rules read a value to its line's end ('https:', no host)."""
    page, err = _publish(tmp_path, "Open the settings page.\n", "Open the settings page.",
                         french, capsys)
    assert "evil.example" not in page, page
    assert "error[foreign-host]" in err and "render-substituted" in err, err


def test_a_no_loc_text_made_over_two_catalog_entries_stays_off_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """':::no-loc text="' ending one sentence's translation and '\\<scr\\ipt>…":::' starting
    the next: each alone holds no tag a rule reads; side by side DocFX writes '<script>…' raw
    (exit 0, no finding but the no-loc-changed the vendor's mark silenced)."""
    english = "Open the settings page. Then select the option you need."
    content, locales, out = tmp_path / "content", tmp_path / "locales", tmp_path / "build"
    (content / "en-US").mkdir(parents=True)
    (content / "en-US" / "a.md").write_text(f"# Test\n\n{english}\n", encoding="utf-8")
    (locales / "fr-FR").mkdir(parents=True)
    base = ["--content", str(content), "--locales", str(locales), "-j", "1", "-q"]
    assert main(["extract", *base]) == 0
    po = locales / "fr-FR" / "a.po"
    text = po.read_text(encoding="utf-8")
    for en, fr in (("Open the settings page.", 'Ouvrez :::no-loc text=\\"'),
                   ("Then select the option you need.",
                    '\\\\<scr\\\\ipt>alert(1)\\\\</scr\\\\ipt>\\"::: la page.')):
        entry = f'msgid "{en}"\nmsgstr ""'
        assert entry in text
        text = text.replace(entry, f'{MARKS}msgid "{en}"\nmsgstr "{fr}"')
    po.write_text(text, encoding="utf-8")
    capsys.readouterr()
    main(["locales", *base, "--out", str(out)])
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "scr" not in page and english in page, page
    assert "a no-loc text DocFX writes as HTML" in err, err


XREFS = {
    "an xref": ("Use <xref:System.String> here.",
                "Utilisez <xref:System.String?title=x%22%20onmouseover%3D%22alert(1)%22> ici."),
    "a link to one": ("Use [String](xref:System.String) here.",
                      "Utilisez [String](xref:System.String?title=%22onmouseover=%22alert(1)) "
                      "ici."),
    "a shortcut": ("Use @System.String here.",
                   "Utilisez @System.String?title=x%22%20onmouseover%3D%22alert(1)%22 ici."),
    # Markdig tries the '@' parser at every '@', after a letter too
    "a shortcut after a word": (
        "Write to us.", "Écrivez-nous@System.String?title=x%22%20onmouseover%3D%22alert(1)%22."),
    "a tag's title": ('Use <xref href="System.Int32" title="the int type"></xref> here.',
                      'Utilisez <xref href="System.Int32" title=\'x" onmouseover="alert(1)\'>'
                      "</xref> ici."),
}


@pytest.mark.parametrize(("english", "french"), XREFS.values(), ids=XREFS.keys())
def test_a_cross_reference_whose_title_ends_its_attribute_stays_off_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], english: str, french: str) -> None:
    """DocFX resolves a cross reference into '<a class="xref" href="…" title="{title}">', its
    'title' query parameter percent-decoded and written unescaped: '%22 onmouseover=…' is a
    handler on the link (exit 0, no finding but the placeholder-changed a mark silenced)."""
    page, err = _publish(tmp_path, f"{english}\n", english, french, capsys)
    assert "onmouseover" not in page, page
    assert "error[unsafe-url]: a cross reference" in err and "render-substituted" in err, err


def test_the_englishs_own_cross_references_are_published() -> None:
    """'?displayProperty=nameWithType', as 338 of the corpus's xrefs have it, ends nothing."""
    from pipeline.checks.breakouts import xref_breakouts

    for text in ("Voir <xref:System.String?displayProperty=nameWithType>.",
                 "Voir [x](xref:System.String#Length) et @System.Int32.", "Écrivez à a@b.fr."):
        assert xref_breakouts("", text) == [], text


MEDIA = {
    "an entity": "Voir ![x](x&quot;onerror=&quot;alert(1)&quot;.mp3) ici.",
    "a number": "Voir ![x](media/a&#34;onerror&#61;&#34;alert(1)&#34;.mp4) ici.",
}


@pytest.mark.parametrize("french", MEDIA.values(), ids=MEDIA.keys())
def test_an_image_of_a_media_file_whose_destination_ends_its_attribute_stays_off_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], french: str) -> None:
    """Markdig's media links (in DocFX's pipeline) write an audio or video image's
    destination, its references decoded, into '<source src="…">' unescaped: '&quot;onerror='
    is a handler on the <source>, which fires as the file fails to load (exit 0; only the
    link-target-changed a mark silenced)."""
    page, err = _publish(tmp_path, "Open the settings page.\n", "Open the settings page.",
                         french, capsys)
    assert "onerror" not in page, page
    assert "error[unsafe-url]: a link whose destination" in err, err


PLAYERS = {
    "a video site's page": ("Watch [the demo](https://www.youtube.com/watch?v=abc) first.",
                            "Regardez ![la démo](https://www.youtube.com/watch?v=abc) d’abord."),
    "a media file": ("Play [the sound](media/a.mp3) now.",
                     "Écoutez ![le son](media/a.mp3) maintenant."),
}


@pytest.mark.parametrize(("english", "french"), PLAYERS.values(), ids=PLAYERS.keys())
def test_an_image_docfx_makes_a_player_of_is_an_element_the_english_lacks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], english: str, french: str) -> None:
    """Markdig's media links make an image of a YouTube, Vimeo, … page an <iframe> and one of
    an audio or video file an <audio> or <video>: a link of the English turned into an image
    put a player on the page (exit 0: same target, same host, no tag)."""
    page, err = _publish(tmp_path, f"{english}\n", english, french, capsys)
    assert "![" not in page, page
    assert "error[html-added]: HTML element added by the translation" in err, err


_FRONT = ("---\nms.translationtype: HT\nms.contentlocale: fr-FR\nms.sourcegitcommit: " + "0" * 40
          + "\nms.openlocfilehash: " + "1" * 40 + "\nms.lasthandoff: 01/20/2025\n---\n")
_PAIR = ('<span data-ttu-id="ab12c-{n}">{fr}</span><span class="sxs-lookup">'
         '<span data-stu-id="ab12c-{n}">{en}</span></span>')
JOINED = {
    "a media file's source": ("Voir ![x]", "(x&quot;onerror=&quot;alert(1)&quot;.mp3) ici."),
    "a cross reference's title": ("Voir @System.String?title=x",
                                  "%22%20onmouseover%3D%22alert(1)%22 ici."),
}


@pytest.mark.parametrize(("first", "second"), JOINED.values(), ids=JOINED.keys())
def test_a_breakout_made_over_two_touching_pairs_stays_off_the_page(
        tmp_path: Path, first: str, second: str) -> None:
    """Two pairs with nothing between them (a handoff as delivered, no catalog edit): each
    translation alone holds no link or xref that ends an attribute; side by side the page has
    '![x](x&quot;onerror=…mp3)' (Markdig writes it into <source src> raw) or
    '@System.String?title=x%22…' (DocFX writes the title into its <a> raw). Exit 0 before."""
    content, out = tmp_path / "content", tmp_path / "build"
    (content / "fr-FR").mkdir(parents=True)
    body = "".join(_PAIR.format(n=n, fr=fr, en=en) for n, fr, en in (
        (101, first, "Open the page."), (102, second, "Select the item.")))
    (content / "fr-FR" / "a.md").write_text(_FRONT + body + "\n", encoding="utf-8")
    main(["locales", "--content", str(content), "--locales", str(tmp_path / "locales"),
          "--out", str(out), "-j", "1", "-q"])
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    assert "onerror" not in page and "onmouseover" not in page, page


NO_BREAK = {
    "an include's path": (
        "Read [!INCLUDE [t](../includes/a.md)] first.",
        "Lisez [!INCLUDE [t](../includes/a.md\u00a0/../../../locales/fr-FR/a.po)] d’abord.",
        "include-added"),
    "a cross reference": (
        "Use @System.String here.",
        "Utilisez @System.String?title=x\u00a0%22%20onmouseover%3D%22alert(1)%22 ici.",
        "unsafe-url"),
    "a media file's destination": (
        "Open the settings page.",
        "Voir ![x](media/a\u00a0&quot;onerror=&quot;alert(1)&quot;.mp3) ici.", "unsafe-url"),
}


@pytest.mark.parametrize(("english", "french", "check"), NO_BREAK.values(), ids=NO_BREAK.keys())
def test_a_no_break_space_ends_no_path_or_destination_docfx_reads_on_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], english: str, french: str,
        check: str) -> None:
    """Markdig's white space is ASCII: an include's path, an '@uid' and a link's destination
    run on over a U+00A0, which Python's '\\s' took for their end: the include read as the
    English's own path ('a.md' U+00A0 '/../../x.po' loads '../x.po'), the xref's title and the
    media destination as ending nothing (exit 0)."""
    page, err = _publish(tmp_path, f"{english}\n", english, french, capsys)
    assert "\u00a0" not in page, page
    assert f"error[{check}]" in err, err


BETWEEN = {
    "a cross reference": ("Voir @System.String?title=x%22%20onmouseover%3D%22alert(1)%22 ici.",
                          "@"),
    "a media file": ('Voir ![x](media/a"onerror="alert(1)".mp3) ici.', '"'),
}


@pytest.mark.parametrize(("hostile", "gone"), BETWEEN.values(), ids=BETWEEN.keys())
def test_a_breakout_between_the_pairs_is_published_inert(
        tmp_path: Path, hostile: str, gone: str) -> None:
    """Markup between an sxs article's pairs with an xref whose title, or a media image whose
    destination, ends its attribute: found and reported, it was 'made inert' by escaping '&',
    '<', ':', '[!' and '{', which neither holds: the page still ran it."""
    content, out = tmp_path / "content", tmp_path / "build"
    (content / "fr-FR").mkdir(parents=True)
    body = (_PAIR.format(n=101, fr="Ouvrez la page.", en="Open the page.") + "\n\n" + hostile
            + "\n\n" + _PAIR.format(n=102, fr="Choisissez.", en="Select the item.") + "\n")
    (content / "fr-FR" / "a.md").write_text(_FRONT + body, encoding="utf-8")
    assert main(["locales", "--content", str(content), "--locales", str(tmp_path / "locales"),
                 "--out", str(out), "-j", "1", "-q"]) == 1
    page = (out / "fr-FR" / "a.md").read_text(encoding="utf-8")
    line = next(line for line in page.splitlines() if line.startswith("Voir"))
    assert gone not in line, line


def test_a_localized_destination_with_an_apostrophe_ends_no_attribute() -> None:
    """Only a double quote ends the src="…" Markdig writes a media destination into: a
    localized Wikipedia link with an apostrophe is published."""
    from pipeline.checks.breakouts import media_breakouts

    assert media_breakouts("[x](https://en.wikipedia.org/wiki/Instruction_set)",
                           "[x](https://fr.wikipedia.org/wiki/Jeu_d'instructions)") == []
