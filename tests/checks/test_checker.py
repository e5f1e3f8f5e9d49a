"""The segment checker skips the rules whose characters a segment lacks (``SegmentRule``'s
needs). That is only an optimisation: it must find exactly what running every rule finds, on
generated text full of the characters that matter and on every segment of the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import checks
from pipeline.article import read_article
from pipeline.checks import SegmentChecker, registry
from pipeline.checks.base import Check, Options
from pipeline.checks.rule import SegmentRule
from pipeline.findings import Severity


def every_rule(source: str, translation: str, options: Options) -> list[tuple[str, str]]:
    """What the rules say when each one is called, needs or not (at most five things a
    check, as the checker says them)."""
    hits = [(rule.check, Severity.INFO, True, False, message) for rule in checks.SEGMENT_RULES
            for message in rule.fn(source, translation, options)]
    return [(check.id, message) for check, _, _, _, message in registry._capped(hits)]


def gated(checker: SegmentChecker, source: str, translation: str) -> list[tuple[str, str]]:
    return [(check.id, message) for check, _, message in checker.issues(source, translation)]


# Every character a rule needs, also spelled as a character reference and, for a letter, in
# the other case: a rule that reads text unescaped or in any case must need what spells it.
NEEDED = sorted({c for r in checks.SEGMENT_RULES
                 for c in r.source_needs + r.translation_needs
                 + "".join(r.source_tokens + r.translation_tokens) if c.isprintable()})
SPELLED = [
    *(f"&#{ord(c)};" for c in NEEDED), *(f"&#x{ord(c):X};" for c in NEEDED),
    *(c.swapcase() for c in NEEDED if c.isalpha()),
    "&colon;", "&lpar;", "&rpar;", "&lsqb;", "&rsqb;", "&lbrack;", "&rbrack;", "&lt;", "&gt;",
    "&amp;", "&grave;", "&ast;", "&lowbar;", "&excl;", "&percnt;", "&lcub;", "&rcub;",
    "&verbar;", "&sol;", "&equals;", "&num;", "&period;", "&quot;", "&apos;", "&Tab;",
    "&NewLine;"]
# Markup, link, placeholder and block characters, and words that make names and URLs.
PIECES = st.sampled_from([
    *SPELLED,
    "`", "``", "*", "**", "_", "[", "]", "(", ")", "](", "<", ">", "</", "<b>", "</b>",
    '<a href="x">', "<script>", "&", "&lt;", "&#124;", "{0}", "{name}", "%s", "%PATH%", "!",
    "[!NOTE]", "|", "\\|", "\n", "\n# ", "\n- ", "://", "https://", "www.", "example.com",
    "javascript:", " onclick=x", "Set-AzContext", "policy.json", "12", "3.5", " ", "  ", "#",
    "-", ".", ":", "word", "Wort", "単語", "w", "W", "WWW.", "Www.", "ww", "wWW.",
    # a scheme's colon as a reference, a video link left open
    "&#58;", "&colon;", "&#40;", "[!VIDEO ", "x'y",
    # the needs of two characters or more (SegmentRule's tokens), and their parts
    ":::", ":::video source=\"a.mp4\":::", "![", "![a](b.mp4)", "ww.", "wW", "@", "a@b.example",
    "xref:a?title=%22", "mailto:", "(", "(javascript:x)", ":/", "//",
    # a scheme cut short at a text's end, which holds no ':', '/' or 'w'
    " h", " ht", " htt", " http", " HTtp", " https", " f", " ft", " ftp", "t", "p", "s",
    # edges: white space of other kinds, a letter that shows nothing, invisible characters,
    # comments and digits of other scripts at either end
    "\u3164", "\u00a0", "\t", "\u200b", "&nbsp;", "<!-- c -->", "\u0661\u0662", "1. ",
])
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(source=TEXT, translation=TEXT, locale=st.sampled_from(["fr-FR", "ja-JP", "ar-SA"]))
def test_skipping_rules_by_their_needs_changes_no_finding(
    source: str, translation: str, locale: str
) -> None:
    options = Options(locale=locale)
    assert gated(SegmentChecker(options), source, translation) == every_rule(
        source, translation, options)


def test_every_corpus_segment_gets_the_findings_of_every_rule(corpus_root: Path) -> None:
    options = Options(locale="de-DE")
    checker = SegmentChecker(options)
    compared = 0
    for path in sorted(corpus_root.rglob("*.md"))[::4]:
        rel = str(path.relative_to(corpus_root))
        for seg in read_article(path.read_bytes(), rel).segments:
            assert gated(checker, seg.source, seg.translation) == every_rule(
                seg.source, seg.translation, options), (rel, seg.id)
            compared += 1
    assert compared > 30_000


@pytest.mark.parametrize("translation", ["Voir WWW.", "Siehe Www.", "Visit www."])
def test_a_url_cut_after_its_www_in_any_case_is_checked(translation: str) -> None:
    # markup-open reads 'www.' in any case: its needs must let a capital W through
    options = Options(locale="de-DE")
    found = gated(SegmentChecker(options), "See the site.", translation)
    assert found == every_rule("See the site.", translation, options)
    assert [check for check, _ in found] == ["markup-open"]


@pytest.mark.parametrize("translation", ["Siehe ht", "Siehe http", "Voir https", "Vedi ftp",
                                         "Siehe hTTPs", "Ver ft"])
def test_a_url_cut_within_its_scheme_at_the_end_is_checked(translation: str) -> None:
    """The gate let only texts with '<', '=', '`', ':', '/' or 'w' through to markup-open:
    'Siehe http' (for the pair after it to finish with 's://evil…') was never looked at."""
    options = Options(locale="de-DE")
    found = gated(SegmentChecker(options), "See the site", translation)
    assert found == every_rule("See the site", translation, options)
    assert [check for check, _ in found] == ["markup-open"]


@pytest.mark.parametrize(("source", "translation"), [
    ("Open the page.", "Öffnen Sie javascript&#58;alert&#40;1&#41;"),
    ("Open the page.", "Öffnen Sie javascript&colon;alert&lpar;document.cookie&rpar;"),
    ("", "vbscript&#x3a;x=1"),
    ("Watch the video.", "Sehen Sie [!VIDEO x'y"),
])
def test_a_scheme_spelled_by_references_or_an_open_video_link_is_held_back(
    source: str, translation: str,
) -> None:
    # unsafe-url reads a scheme's colon spelled as a reference and a '[!VIDEO' with no ']':
    # its needs must let '&' and '[' through, or the translation reaches the page unchecked
    options = Options(locale="de-DE")
    assert gated(SegmentChecker(options), source, translation) == every_rule(
        source, translation, options)
    assert "unsafe-url" in [c.id for c in SegmentChecker(options).held_by(source, translation)]
    assert not checks.publishable(source, translation, options)


def _spied(monkeypatch: pytest.MonkeyPatch, tokens: tuple[str, ...] = ()
           ) -> tuple[SegmentChecker, list[str]]:
    """A checker of one rule, with ``tokens`` as its translation's, that notes each
    translation it is run on."""
    seen: list[str] = []

    def spy(source: str, translation: str, options: Options) -> list[str]:
        seen.append(translation)
        return []

    rule = SegmentRule(Check("spy", "fidelity", Severity.INFO, "s", "h"), spy,
                       translation_tokens=tokens)
    monkeypatch.setattr(registry, "SEGMENT_RULES", (rule,))
    return SegmentChecker(Options()), seen


def test_a_rule_without_needs_runs_on_every_differing_segment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checker, seen = _spied(monkeypatch)
    for translation in ("plain", "with <b>", "plain again"):
        checker.issues("English", translation)
    checker.issues("same", "same")  # identical: only the rules marked identical run
    assert seen == ["plain", "with <b>", "plain again"]


def test_a_rule_needing_a_token_runs_only_where_the_text_holds_the_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checker, seen = _spied(monkeypatch, ("://", ":::"))
    for translation in ("Hinweis: Text", "Siehe https://a.example", "a:: b", ":::image:::",
                        "plain"):
        checker.issues("English", translation)
    assert seen == ["Siehe https://a.example", ":::image:::"]


def test_a_repeated_pair_is_checked_once_per_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []

    def counting(source: str, translation: str, options: Options) -> list[str]:
        calls.append((options.locale, translation))
        return ["found"]

    rule = SegmentRule(Check("count", "fidelity", Severity.ERROR, "s", "h"), counting)
    monkeypatch.setattr(registry, "SEGMENT_RULES", (rule,))
    fr = SegmentChecker(Options(locale="fr-FR"))
    de = fr.with_options(Options(locale="de-DE"))
    first = fr.issues("Note", "Remarque")
    assert fr.issues("Note", "Remarque") == first == ((rule.check, Severity.ERROR, "found"),)
    de.issues("Note", "Remarque")
    assert calls == [("fr-FR", "Remarque"), ("de-DE", "Remarque")]


def test_a_checker_for_another_locale_keeps_its_rules_and_uses_the_new_locale() -> None:
    checker = SegmentChecker(Options(locale="fr-FR"))
    ja = checker.with_options(Options(locale="ja-JP"))
    # a lost edge space is fine in Japanese, not in French
    assert [c.id for c, _, _ in checker.issues("Text ", "Texte")] == ["edge-whitespace"]
    assert ja.issues("Text ", "テキスト") == ()
    assert ja.issues("Text ", "Texte") == ()  # the same pair, remembered per locale
    assert [c.id for c, _, _ in checker.issues("Text ", "Texte")] == ["edge-whitespace"]


# (options, what is reported, what holds the translation back) for a translation that adds a
# <script> (two safety errors) and changes a code span (a fidelity error).
VERDICTS = [
    (Options(), ["code-changed", "html-added", "unsafe-element"],
     ["code-changed", "html-added", "unsafe-element"]),
    (Options(select=frozenset({"untranslated"})), [],
     ["code-changed", "html-added", "unsafe-element"]),
    (Options(ignore=frozenset({"unsafe-element", "html-added", "code-changed"})), [],
     ["code-changed", "html-added", "unsafe-element"]),
    (Options(severities={"unsafe-element": Severity.INFO, "code-changed": Severity.INFO}),
     ["code-changed", "html-added", "unsafe-element"],
     ["code-changed", "html-added", "unsafe-element"]),
]


@pytest.mark.parametrize(("options", "reported", "held"), VERDICTS)
def test_selection_and_severity_change_what_is_reported_never_what_is_held_back(
    options: Options, reported: list[str], held: list[str]
) -> None:
    checker = SegmentChecker(options)
    issues, holding = checker.verdict("Run `a`.", "Exécutez `b`.<script>x</script>")
    assert sorted({c.id for c, _, _ in issues}) == reported
    assert sorted(c.id for c in holding) == held
    assert all(sev == options.severity(c) for c, sev, _ in issues)


def test_a_warning_holds_back_only_when_raised_to_an_error() -> None:
    sentence = "Open a terminal window to run it."  # untranslated: a warning
    assert SegmentChecker(Options()).held_by(sentence, sentence) == ()
    raised = SegmentChecker(Options(severities={"untranslated": Severity.ERROR}))
    assert [c.id for c in raised.held_by(sentence, sentence)] == ["untranslated"]


def test_a_check_says_at_most_five_things_of_one_segment_and_counts_the_rest() -> None:
    issues = SegmentChecker(Options()).issues("Open a terminal.", "<a " * 50)
    said = [m for c, _, m in issues if c.id == "html-broken"]
    assert len(said) == 5
    assert said[-1].endswith("(and 45 more of the same kind in this segment)")
    assert SegmentChecker(Options()).held_by("Open a terminal.", "<a " * 50)
