"""Terminology: no-loc terms kept as they are, glossary terms translated as the glossary says;
table-driven both ways (fires on the wrong translation, quiet on the right one), then the
settings, files and front matter they come from, end to end."""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from gate_tree import cli_args, make_tree, sxs

from pipeline.article import parse_article
from pipeline.catalog import format_po, parse_po
from pipeline.cli import main
from pipeline.terms import Terms, TermsError, front_matter_terms, load, read_glossary


@pytest.mark.parametrize("terms, english, translation, missing", [
    # kept: quiet
    (["Azure"], "Sign in to Azure.", "Connectez-vous à Azure.", []),
    (["Azure"], "Sign in to Azure.", "登录到Azure中。", []),  # CJK right beside the term
    (["Azure"], "Use Azure's portal.", "Utilisez le portail d’Azure.", []),
    (["Windows Server"], "Install Windows Server.", "Installez Windows\u00a0Server.", []),
    (["Azure"], "Open the AzureAD blade.", "Ouvrez le panneau Azur AD.", []),  # no whole word
    (["Azure"], "Run `Get-Azure`.", "Exécutez `Get-Azur`.", []),  # code: code-changed's
    (["Azure"], "See [it](https://x.com/Azure/a).", "Voir [ceci](https://x.com/a).", []),
    (["Azure"], "Sign in.", "Connectez-vous à Azur.", []),  # not in the English
    # changed: fires
    (["Azure"], "Sign in to Azure.", "Connectez-vous à Azur.", ["Azure"]),
    (["PowerShell"], "Open PowerShell.", "Ouvrez Powershell.", ["PowerShell"]),
    (["Windows Server"], "Install Windows Server.", "Installez le serveur Windows.",
     ["Windows Server"]),
    (["<Window>"], "The <Window> element.", "L’élément <Fenêtre>.", ["<Window>"]),
    (["Azure", "Teams"], "Azure and Teams.", "Azure et Équipes.", ["Teams"]),
])
def test_no_loc_terms(terms: list[str], english: str, translation: str,
                      missing: list[str]) -> None:
    assert Terms(tuple(terms)).no_loc_missing(english, translation) == missing


GLOSSARY = {
    "fr-fr": (("resource group", ("groupe de ressources",)),
              ("subscription", ("abonnement", "souscription"))),
    "ru-ru": (("subscription", ("подписка",)), ("resource group", ("группа ресурсов",))),
    "ja-jp": (("subscription", ("サブスクリプション",)),),
    "de-de": (("storage account", ("Speicherkonto",)), ("mailbox", ("Postfach",)),
              ("policy", ("Richtlinie",))),
}


@pytest.mark.parametrize("locale, english, translation, missing", [
    # the required translation is there: quiet
    ("fr-FR", "Create a resource group.", "Créez un groupe de ressources.", []),
    ("fr-FR", "Delete the resource groups.", "Supprimez les groupes de ressources.", []),
    ("fr-FR", "Pick a subscription.", "Choisissez une souscription.", []),  # an alternative
    ("ru-RU", "Select a subscription.", "Выберите подписку.", []),  # inflected
    ("ru-RU", "In the resource group.", "В группе ресурсов.", []),
    ("ja-JP", "Select a subscription.", "サブスクリプションを選択します。", []),
    ("de-DE", "Create a storage account.", "Erstellen Sie ein Speicherkonto.", []),
    ("de-DE", "Two storage accounts.", "Zwei Speicherkonten.", []),
    ("fr-FR", "Run `resource group` now.", "Exécutez `resource group`.", []),  # code
    ("fr-FR", "Use subscriptionId.", "Utilisez subscriptionId.", []),  # not the word
    ("fr-FR", "Id: /subscriptions/{id}/x", "Id : /Subscriptions/{id}/x", []),  # a path
    ("es-ES", "Create a resource group.", "Cree un grupo.", []),  # no glossary for es-ES
    ("de-DE", "Two mailboxes.", "Zwei Postfächer.", []),  # umlaut plural
    ("de-DE", "The mailbox policy.", "Die Archivpostfachrichtlinie.", []),  # compounds
    ("fr-FR", "The [New-Item](x) resource group.", "Le groupe de [ressources New-Item](x).",
     []),  # markup between the words
    ("fr-FR", "Open Contoso Resource Group Manager.", "Ouvrez le gestionnaire.", []),  # a name
    ("fr-FR", "See [Move a resource group](a.md).", "Voir [Move a resource group](a.md).",
     []),  # the English kept as it is: a title
    ("de-DE", "Open the mailbox.", "Öffnen Sie das Post Fach.", ["mailbox"]),
    # lacking it: fires
    ("fr-FR", "Create a resource group.", "Créez un ensemble de ressources.",
     ["resource group"]),
    ("fr-FR", "Resource groups hold resources.", "Les ensembles contiennent des ressources.",
     ["resource group"]),  # capitalized at the start of a sentence: still the word
    ("ru-RU", "Select a subscription.", "Выберите план.", ["subscription"]),
    ("ja-JP", "Select a subscription.", "契約を選択します。", ["subscription"]),
    ("fr-FR", "The subscription of the resource group.", "L’abonnement du groupe.",
     ["resource group"]),
])
def test_glossary_terms(locale: str, english: str, translation: str,
                        missing: list[str]) -> None:
    terms = Terms((), GLOSSARY)
    assert [t for t, _ in terms.glossary_missing(locale, english, translation)] == missing


FRONT = "---\ntitle: T\n{}ms.contentlocale: fr-FR\n---\nbody\n"


@pytest.mark.parametrize("yaml_text, terms", [
    ("no-loc:\n- Azure\n- \"Windows Server\"\n", ("Azure", "Windows Server")),
    ("no-loc: [Azure, PowerShell]\n", ("Azure", "PowerShell")),
    ("no-loc: Azure\n", ("Azure",)),
    ("x: &a Azure\nno-loc: [*a, Teams]\n", ("Azure", "Teams")),
    ("no-loc: []\n", ()),
    ("no-loc:\n- [nested]\n- Azure\n", ("Azure",)),
    ("title2: no-loc\n", ()),
    ("", ()),
])
def test_front_matter_no_loc_list(yaml_text: str, terms: tuple[str, ...]) -> None:
    article = parse_article(FRONT.format(yaml_text), "fr-FR/a.md")
    assert front_matter_terms(article) == terms


def test_glossary_files_csv_and_tbx(tmp_path: Path) -> None:
    (tmp_path / "fr-FR.csv").write_text(
        "english,translation\n# a comment\nsubscription,abonnement,souscription\n\n",
        encoding="utf-8")
    (tmp_path / "fr-FR.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX"><text><body>'
        '<termEntry><langSet xml:lang="en"><tig><term>resource group</term></tig></langSet>'
        '<langSet xml:lang="de"><tig><term>Ressourcengruppe</term></tig></langSet>'
        '<langSet xml:lang="fr"><tig><term>groupe de ressources</term></tig></langSet>'
        '</termEntry></body></text></martif>', encoding="utf-8")
    (tmp_path / "README.md").write_text("not a glossary", encoding="utf-8")
    assert read_glossary(tmp_path) == {"fr-fr": (
        ("subscription", ("abonnement", "souscription")),
        ("resource group", ("groupe de ressources",)))}


@pytest.mark.parametrize("name, text, says", [
    ("fr-FR.csv", "subscription\n", "fr-FR.csv:1: a glossary row is an English term"),
    # h176: the row's number was given, not its line: off after a quoted cell's line break
    ("fr-FR.csv", 'Save,Enregistrer\n"resource\ngroup",groupe\nsubscription\n',
     "fr-FR.csv:4: a glossary row is an English term"),
    ("fr-FR.csv", "Save;Enregistrer\n", r"fr-FR.csv:1: .*\(this row has a semicolon: save the "
                                        r"file with commas\)$"),
    ("fr-FR.tbx", "<martif>\n<unclosed>", r"fr-FR.tbx:2:11: not a readable TBX file: "
                                           r"Premature end of data in tag unclosed line 2; "
                                           r"export it again from the terminology tool$"),
    ("fr-FR.tbx", '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><m>&x;</m>', ""),
    # h176: entries whose language tags read as no English (or no translation) were dropped
    # one by one, unsaid: the glossary check was off for the locale
    ("fr-FR.tbx", '<martif><text><body>\n<termEntry><langSet lang="en"><term>Save</term>'
                  '</langSet><langSet lang="fr"><term>Enregistrer</term></langSet></termEntry>'
                  '</body></text></martif>',
     r"fr-FR.tbx:2: none of its 1 term entries has an English term \(xml:lang=\"en\" or "
     r"\"en-US\"\) and a translation; set each language's xml:lang, or export the file again"),
])
def test_a_bad_glossary_is_named_with_its_line(
    tmp_path: Path, name: str, text: str, says: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    if not says:  # an external entity is never resolved: the file holds no entry
        assert read_glossary(tmp_path) == {"fr-fr": ()}
        return
    with pytest.raises(TermsError, match=says):
        read_glossary(tmp_path)


@pytest.mark.parametrize("data, says", [
    (b"Azure\nCaf\xe9\n", "no-loc.txt:2: cannot read the no-loc list: invalid UTF-8 (byte 0xe9); "
                          "save the file as UTF-8"),
    ("Azure\n".encode("utf-16"), "no-loc.txt:1: cannot read the no-loc list: the file is UTF-16; "
                                 "save it as UTF-8"),
    ("Azure\n".encode("utf-32"), "no-loc.txt:1: cannot read the no-loc list: the file is UTF-32; "
                                 "save it as UTF-8"),
])
def test_a_terms_file_that_is_not_utf8_is_named_at_its_line_with_what_to_do(
        tmp_path: Path, data: bytes, says: str) -> None:
    """It said `'utf-8' codec can't decode byte 0xe9 in position 9: invalid continuation
    byte`: an offset, and nothing of what to do."""
    (tmp_path / "no-loc.txt").write_bytes(data)
    with pytest.raises(TermsError) as raised:
        load((), tmp_path / "no-loc.txt", None)
    assert str(raised.value) == f"{tmp_path}/{says}"


def test_a_terms_file_that_is_not_there_says_so_without_pythons_errno() -> None:
    with pytest.raises(TermsError) as raised:
        load((), Path("no-such-list.txt"), None)
    assert str(raised.value) == ("no-such-list.txt: cannot read the no-loc list: No such file "
                                 "or directory (check the path in the settings, [tool.pipeline])")


def test_no_terms_at_all_is_none() -> None:
    assert load((), None, None) is None


# ---- end to end

PAIRS = [
    ("Sign in to Azure.", "Connectez-vous à Azur."),  # no-loc-changed
    ("Create a resource group.", "Créez un ensemble de ressources."),  # glossary-term
    ("Open PowerShell.", "Ouvrez PowerShell."),
]


def setup_tree(tmp_path: Path, glossary: str = "resource group,groupe de ressources\n"
               ) -> tuple[Path, Path, Path]:
    content, locales, out = make_tree(tmp_path, {"fr-FR/a.md": sxs(PAIRS)})
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "no-loc.txt").write_text("# products\nAzure\n", encoding="utf-8")
    (tmp_path / "terms" / "fr-FR.csv").write_text(glossary, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nno-loc = ["PowerShell"]\n'
        f'no-loc-file = "{tmp_path / "terms" / "no-loc.txt"}"\n'
        f'glossary = "{tmp_path / "terms"}"\n', encoding="utf-8")
    return content, locales, out


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_settings_bring_both_checks_and_an_error_holds_the_translation_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, out = setup_tree(tmp_path)
    code, found = run_json(capsys, [*cli_args("locales", content, locales), "--out", str(out)])
    assert code == 1
    assert sorted((f["check"], f["severity"]) for f in found) == [
        ("glossary-term", "warning"), ("no-loc-changed", "error"),
        ("render-substituted", "warning")]
    page = (out / "fr-FR/a.md").read_text(encoding="utf-8")
    assert "Sign in to Azure." in page and "Azur." not in page  # English stood in


def test_a_changed_glossary_is_seen_by_a_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The run cache keys on the terms' content: a glossary edit is not replayed over."""
    content, locales, out = setup_tree(tmp_path)
    argv = [*cli_args("locales", content, locales), "--out", str(out)]
    _, found = run_json(capsys, argv)
    assert any(f["check"] == "glossary-term" for f in found)
    (tmp_path / "terms" / "fr-FR.csv").write_text(
        "resource group,ensemble de ressources\n", encoding="utf-8")
    _, found = run_json(capsys, argv)
    assert not any(f["check"] == "glossary-term" for f in found)


def test_an_articles_front_matter_no_loc_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = make_tree(tmp_path, {
        "fr-FR/a.md": sxs(PAIRS[2:], extra="no-loc: [PowerShell]\n"),
        "fr-FR/b.md": sxs([("Open PowerShell.", "Ouvrez Powershell.")], prefix="c0ffe",
                          extra="no-loc: [PowerShell]\n"),
        "fr-FR/c.md": sxs([("Open PowerShell.", "Ouvrez Powershell.")], prefix="d00d1")})
    assert main(cli_args("extract", content, locales)) == 0
    code, found = run_json(capsys, cli_args("check", content, locales))
    assert code == 1
    terms = [f for f in found if f["check"] in ("no-loc-changed", "glossary-term")]
    assert [(f["check"], f["file"].rsplit("/", 1)[-1]) for f in terms] == [
        ("no-loc-changed", "b.md")]


def test_an_unreadable_glossary_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales, _ = setup_tree(tmp_path, glossary="only-english\n")
    capsys.readouterr()
    assert main(cli_args("check", content, locales)) == 2
    err = capsys.readouterr().err.strip()
    assert "fr-FR.csv:1:" in err and "\n" not in err


@pytest.mark.parametrize("extra", [[], ["--select", "code-changed"],
                                   ["--ignore", "no-loc-changed,glossary-term"]])
def test_selection_never_changes_what_a_no_loc_term_keeps_off_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    content, locales, out = setup_tree(tmp_path)
    _, found = run_json(capsys, [*cli_args("locales", content, locales), "--out", str(out),
                                 *extra])
    page = (out / "fr-FR/a.md").read_text(encoding="utf-8")
    assert "Sign in to Azure." in page and "Azur." not in page  # English stood in
    reported = {f["check"] for f in found}
    assert ("no-loc-changed" in reported) == (not extra)


def test_the_fallback_to_the_articles_own_translation_passes_the_terms_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalog's reviewed text is held back (a bidi override), and the article's own
    translation breaks a no-loc term: the English stands in, not the article's text."""
    content, locales, out = setup_tree(tmp_path)
    assert main([*cli_args("extract", content, locales), "-q"]) in (0, 1)
    po = locales / "fr-FR/a.po"
    catalog = parse_po(po.read_text(encoding="utf-8"), str(po))
    po.write_text(format_po(replace(catalog, messages=tuple(
        replace(m, msgstr="Connectez-vous à Azure \u202e.", flags=())
        if m.msgid == "Sign in to Azure." else m for m in catalog.messages))), encoding="utf-8")
    run_json(capsys, [*cli_args("locales", content, locales), "--out", str(out)])
    page = (out / "fr-FR/a.md").read_text(encoding="utf-8")
    assert "Sign in to Azure." in page and "Azur." not in page


def _refused_in_time(call: Callable[[], object], expected: type[Exception], match: str) -> None:
    """``call`` raises ``expected`` within seconds (a blocked read fails the test, not hangs it)."""
    def late(signum: int, frame: object) -> None:
        raise TimeoutError("still reading after 5 s")

    old = signal.signal(signal.SIGALRM, late)
    signal.alarm(5)
    try:
        with pytest.raises(expected, match=match):
            call()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("name", ["no-loc.txt", "glossary/fr-FR.csv", "glossary/fr-FR.tbx"])
def test_a_terms_file_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    """helper-127: a no-loc list or glossary that is a FIFO (or /dev/zero) blocked the run
    forever (or read until memory ran out) before any article: read as articles are, a
    regular file up to a limit."""
    (tmp_path / "glossary").mkdir()
    os.mkfifo(tmp_path / name)
    no_loc = tmp_path / name if name == "no-loc.txt" else None
    glossary = None if no_loc else tmp_path / "glossary"
    _refused_in_time(lambda: load((), no_loc, glossary), TermsError,
                     f"{re.escape(str(tmp_path / name))}: cannot read the .*: not a regular file")
