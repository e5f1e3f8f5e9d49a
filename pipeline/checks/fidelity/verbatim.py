"""What a translation copies from its English unchanged: inline code, link targets,
placeholders and directives, prose placeholders, command and file names."""

from __future__ import annotations

import re
import unicodedata

from pipeline.checks.base import Options, diff_multiset, iter_missing_added
from pipeline.checks.base import quote as q
from pipeline.checks.rule import NONE, Messages, segment_rule
from pipeline.checks.tokens.code import code_texts, escaped, without_code
from pipeline.checks.tokens.colons import colon_urls
from pipeline.checks.tokens.links import (
    COLON_REST,
    DESTINATION_PATTERN,
    URL_TAIL,
    anchors_named,
    inline_links,
    link_key,
    links,
    references,
    shortcut_labels,
)
from pipeline.checks.tokens.names import (
    CMDLET_NOUN,
    CONSTANT,
    DOT_CANDIDATE,
    after_a_verb,
    api_names,
    glues,
    has_word,
    names,
)
from pipeline.checks.tokens.prose import prose
from pipeline.checks.tokens.tags import KNOWN_TAG_NAMES
from pipeline.findings import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
F = "fidelity"

# Link-like fragments as written, ending where the link reader stops (patterns shared with
# tokens.links): if both sides have the same, their targets are the same (fast path). A tag
# runs over its quoted values, as the link reader reads it: to its first '>', '<a title=">"
# href="a.md">' left its href out, and the same '<a title=">' on both sides hid a new target.
_RAW_LINK = re.compile(
    f"{DESTINATION_PATTERN}|\\]\\[[^\\]]*+\\]|\\]:[ \t]*+\\S*+"
    r"""|<(?:[^<>"']++|"[^"]*+"|'[^']*+')*+>|<[^<>]*+>"""
    f"|://{URL_TAIL}|:::{COLON_REST}")
_SIMPLE_CODE = re.compile(r"`[^`]+`")
# .NET format items, printf conversions, Windows environment variables.
_FORMAT_ITEM = re.compile(
    r"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}|%(?:\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdfuxXc](?![A-Za-z])"
    r"|%[A-Za-z_][A-Za-z0-9_]*%"
)
# Learn's inline marking of a term that stays in English: its text is never translated.
_NO_LOC = re.compile(r""":::no-loc\s+text\s*=\s*(?:"[^"\n]*"|'[^'\n]*')\s*:::""")
_RAW_PLACEHOLDER = re.compile(
    rf"\[![^\]]*|<xref:[^>]*>|{_FORMAT_ITEM.pattern}|{_NO_LOC.pattern}")
# Prose placeholders: '<your-server-name>', '{customerId}', '&lt;name&gt;'; not a tag of a known
# element, an xref or an autolink (the look-ahead), which other checks compare.
_NAMED = re.compile(
    rf"<(?!/|(?:{KNOWN_TAG_NAMES})[\s/>]|[A-Za-z][A-Za-z0-9+.-]*:)[^<>\s!?=][^<>\n]{{0,60}}>"
    r"|\{[^\W\d][\w.-]{0,40}\}|&lt;[^&\n]{1,60}&gt;", re.I)


@segment_rule(
    "code-changed", F, ERROR, "an inline code span differs from the English",
    "copy every `code` span from the English byte for byte; code is never translated",
    source_needs="`", translation_needs="`")
def code_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation or ("`" not in source and "`" not in translation):
        return NONE
    if ("``" not in source and "``" not in translation and "\\`" not in source
            and "\\`" not in translation):
        # single backticks, none escaped: CommonMark pairs each with the next, as this does
        src, tr = _SIMPLE_CODE.findall(source), _SIMPLE_CODE.findall(translation)
        if sorted(src) == sorted(tr):
            return _stray(source, translation)
    else:
        src, tr = code_texts(source), code_texts(translation)
    if ("\n" in source or "\n" in translation or "\r" in source or "\r" in translation) and \
            sorted(map(_as_shown, src)) == sorted(map(_as_shown, tr)):
        return _stray(source, translation)  # the same code on the page
    return list(iter_missing_added("code", src, tr)) or _stray(source, translation)


def _as_shown(code: str) -> str:
    """A code span as CommonMark shows it: a line end inside it is a space."""
    return code.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _stray(source: str, translation: str) -> Messages:
    """A backtick the translation adds that closes no span: on the page it pairs with the next
    one, in this segment or a later one. (With the same spans, no more backticks than the
    English means no more strays: nearly every segment stops at the count.)"""
    if translation.count("`") <= source.count("`") or \
            _stray_backticks(translation) <= _stray_backticks(source):
        return NONE
    return ["the translation has a backtick that closes no code span: it would make code "
            f"of the text after it on the page: {q(translation, 70)}"]


def _stray_backticks(text: str) -> int:
    """Backticks outside code spans, not escaped: each would open a span on the page."""
    if "`" not in text:
        return 0
    masked = without_code(text)
    return sum(1 for i, ch in enumerate(masked) if ch == "`" and not escaped(masked, i))


def _linkish(text: str) -> bool:
    # ']' alone is common (ja '[設定]' UI labels): a link needs '](', '][' or ']:' after it
    return ("]" in text and ("](" in text or "][" in text or "]:" in text)) or (
        "<" in text and ("=" in text or "@" in text)) or "://" in text or ":::" in text


def _targets(text: str) -> list[str]:
    """What the text links to or shows: its links, and the images, videos and links of its
    ':::image' and ':::video' directives (a page loads an image or player from those as it
    does from '![x](y)': one retargeted is a changed target)."""
    found = links(text).targets
    return [*found, *colon_urls(text)] if ":::" in text else found


@segment_rule(
    "link-target-changed", F, ERROR, "a link or image target differs from the English",
    "keep every (target), [reference] and <autolink> as in the English; only the configured "
    "locale rewrites (such as /en-us/ to /fr-fr/) are allowed",
    source_needs="]<", translation_needs="]<", source_tokens=("://", ":::"),
    translation_tokens=("://", ":::"))  # _linkish
def link_target_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    # Every link form has ']' (inline, reference), '://' (bare URL, autolink) or a '<' with
    # '=' (href/src) or '@' (e-mail autolink). Single-character tests come first: nearly free.
    if not (_linkish(source) or _linkish(translation)):
        return NONE
    # Fast path: the same link-like fragments on both sides cannot hold different targets.
    if (sorted(m.group() for m in _RAW_LINK.finditer(source))
            == sorted(m.group() for m in _RAW_LINK.finditer(translation))):
        return NONE
    src = _targets(source)
    tr = _targets(translation)
    if src == tr:
        return _no_longer_links(source, translation, options)
    rewrites, locale = options.link_rewrites, options.locale
    shown = {link_key(u, rewrites, locale): u for u in (*tr, *src)}
    missing, added = diff_multiset([link_key(u, rewrites, locale) for u in src],
                                   [link_key(u, rewrites, locale) for u in tr])
    if (missing or added) and "[" in source:
        # '[words][label]' for the English's '[label]', and back: the same reference link
        missing = _unless_shortcut(missing, translation)
        added = _unless_shortcut(added, source)
    if missing:
        return [("link target missing from the translation: "
                 + ", ".join(q(shown[m], 70) for m in missing)
                 + (f"; it has {', '.join(q(shown[a], 70) for a in added)}" if added else ""))]
    if added:
        return ["link target added by the translation: "
                + ", ".join(q(shown[a], 70) for a in added)]
    return _no_longer_links(source, translation, options)


def _unless_shortcut(targets: list[str], other: str) -> list[str]:
    """``targets`` but the reference labels ``other`` links to by '[label]' or '[label][]'."""
    labels = shortcut_labels(other)
    return [t for t in targets if not (t[:1] == "[" and t[-1:] == "]" and t[1:-1] in labels)]


def _no_longer_links(source: str, translation: str, options: Options) -> Messages:
    """The same targets, but a link of the English is text in the translation: its ')' is
    missing, or a space parts its ']' from its '(' (the target then reads as a bare URL)."""
    closed = [d for d, ok in inline_links(source) if ok]
    if not closed:
        return NONE
    rewrites, locale = options.link_rewrites, options.locale
    keys = {link_key(d, rewrites, locale): d for d in closed}
    missing, _ = diff_multiset(
        [link_key(d, rewrites, locale) for d in closed],
        [link_key(d, rewrites, locale) for d, ok in inline_links(translation) if ok])
    if not missing:
        return NONE
    return ["link broken in the translation, shown as text: "
            + ", ".join(q(keys[m], 70) for m in missing)
            + " (keep each [text](target) whole: ']' touching '(', and the closing ')')"]


def _placeholders(text: str) -> list[str]:
    found = links(text)
    out = [*found.directives, *found.xrefs]
    if ":::" in text:
        out.extend(_NO_LOC.findall(without_code(text)))
    if "{" in text or "%" in text:
        # %SystemRoot% and %systemroot% are one variable: Windows ignores its case
        out.extend(p.lower() if p[-1] == "%" else p
                   for p in _FORMAT_ITEM.findall(prose(text)))
    return out


@segment_rule(
    "placeholder-changed", F, ERROR,
    "a placeholder ({0}, %s, %VAR%, <xref:…>, [!INCLUDE …], [!NOTE], :::no-loc:::) differs "
    "from the English",
    "copy placeholders, xrefs, [!…] directives and :::no-loc text=\"…\"::: from the English "
    "unchanged",
    source_needs="{%!<", translation_needs="{%!<", source_tokens=(":::",),
    translation_tokens=(":::",))
def placeholder_changed(source: str, translation: str, options: Options) -> Messages:
    if source == translation:
        return NONE
    if ("{" not in source and "%" not in source and "!" not in source and "<" not in source
            and "{" not in translation and "%" not in translation and "!" not in translation
            and "<" not in translation and ":::" not in source and ":::" not in translation):
        return NONE
    # Fast path: the same candidates anywhere in the raw text cannot differ in prose.
    if sorted(_RAW_PLACEHOLDER.findall(source)) == sorted(_RAW_PLACEHOLDER.findall(translation)):
        return NONE
    return list(iter_missing_added("placeholder", _placeholders(source),
                                   _placeholders(translation)))


def _raw_angled(found: list[tuple[int, str]], text: str) -> list[str]:
    """'<name>' placeholders not escaped as '\\<name>': a reader takes them for HTML tags."""
    return [p for start, p in found if p[0] == "<" and not escaped(text, start)]


@segment_rule(
    "named-placeholder-missing", F, WARNING,
    "fewer <name> or {name} placeholders than the English, or one that lost its escape",
    "keep each <placeholder> and {placeholder} of the English, escaped as in the English; "
    "translating the words inside is fine",
    source_needs="<{&")
def named_placeholder_missing(source: str, translation: str, options: Options) -> Messages:
    # Only a drop is reported: '<Site name>' becoming '<Websitename>' is a good translation.
    # An escape lost is reported too: '\\<Websitename>' shows, '<Websitename>' is a hidden tag.
    if source == translation or not ("<" in source or "{" in source or "&lt;" in source):
        return NONE
    src_text = without_code(source)
    src = [(m.start(), m.group()) for m in _NAMED.finditer(src_text)]
    if not src:
        return NONE
    tr_text = without_code(translation)
    tr = [(m.start(), m.group()) for m in _NAMED.finditer(tr_text)]
    out = []
    if len(tr) < len(src):
        out.append(f"{len(src) - len(tr)} placeholder(s) missing from the translation; the "
                   f"English has {', '.join(q(p, 40) for _, p in src)}, the translation "
                   f"{', '.join(q(p, 40) for _, p in tr) or 'none'}")
    raw_src, raw_tr = _raw_angled(src, src_text), _raw_angled(tr, tr_text)
    if len(raw_tr) > len(raw_src):
        out.append(f"placeholder not escaped as in the English (a browser hides it as an "
                   f"unknown tag): {', '.join(q(p, 40) for p in raw_tr)}; write '\\<'")
    return out


@segment_rule(
    "identifier-changed", F, ERROR,
    "a cmdlet, parameter, file or API name of the English is missing or altered",
    "keep command names such as Set-AzContext, parameters such as -Confirm, file names such as "
    "policy.json and API names such as System.IO.File or IUnknown::Release unchanged")
def identifier_changed(source: str, translation: str, options: Options) -> Messages:
    # Code spans and link targets have their own checks; this looks at names in plain text,
    # such as the link text of a cmdlet's "related links" entry.
    if source == translation:
        return NONE
    if not (("-" in source and CMDLET_NOUN.search(source) is not None)
            or ("." in source and DOT_CANDIDATE.search(source) is not None)
            or "::" in source or ("_" in source and CONSTANT.search(source) is not None)):
        return NONE
    # 'S\\_OK', '\\_\\_init\\_\\_.py' show 'S_OK', '__init__.py': both sides are read as the
    # page shows them
    if "\\_" in source:
        source = source.replace("\\_", "_")
    seen = translation.replace("\\_", "_") if "\\_" in translation else translation
    # link destinations ('](x.md)', the commonest '.ext') are masked before names are sought
    text = prose(source) if "](" in source or "`" in source else source
    src, api = _names(text)
    if not (src or api) or (all(has_word(seen, name) for name in src)
                            and all(_has_api(seen, name) for name in api)):
        return NONE  # every name of the English is still there, verbatim
    if "<" in source or "[!" in source or "://" in source:
        src, api = _names(prose(source))  # rarer markup: mask it too
        if not (src or api):
            return NONE
    # Case-insensitive: PowerShell and Windows file names are ('set-AzContext' runs); an API
    # name is not ('System.IO.file' is another name)
    shown = prose(seen)
    low = shown.lower()
    missing = [n for n in src if not has_word(low, n.lower())]
    if api:
        missing += [n for n in dict.fromkeys(api) if n not in missing and not _has_api(shown, n)]
    if not missing:
        return NONE
    return [f"name missing or altered in the translation: {', '.join(q(m, 50) for m in missing)}"
            f"; translation: {q(translation)}"]


# '_' and '__' of emphasis around names ('_Set-AzContext_', '_Stop-Process -Force_'): a pair
# with no '_' at a word's edge between them, the closing one not followed by an extension
# ('__init__.py', '_Layout.cshtml', '_config.yml' are names, and their '_' never pairs with a
# later word's)
_EMPHASIS_UNDERSCORES = re.compile(
    r"(?<!\w)(_{1,2})(?=[^\W_])((?:[^\n_]|(?<=[^\W_])_(?=[^\W_]))*?[^\W_])\1(?!\w|\.\w)")


def _names(text: str) -> tuple[list[str], list[str]]:
    if "_" in text:
        text = _EMPHASIS_UNDERSCORES.sub(
            lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)), text)
    return names(text), api_names(text)


def _has_api(text: str, name: str) -> bool:
    """An API name as the English has it: CJK full-width colons and dots are the same name
    (NFKC); a parameter in any case (PowerShell's are), glued to a word before it or not, and
    in a compound after it (de '-Name-Parameter')."""
    if has_word(text, name):
        return True
    wide = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if name[0] == "-":  # ('-Namen' is another name; '-Name-Parameter', '-Nameを' are it)
        return any(not glues(wide, m.end(), 1) and not after_a_verb(wide, m.start())
                   for m in re.finditer(re.escape(name), wide, re.I))
    return has_word(wide, name)


def references_lost(source: str, translation: str, defined: frozenset[str]) -> Messages:
    """What ``link-target-changed`` says of a translation that loses a reference link to a
    label its page defines: a shortcut '[label]' whose words were translated is text on the
    page, no link. Needs the page's definitions, so ``publish`` asks it, not the checker."""
    if not defined or source == translation or "[" not in source:
        return NONE
    missing, _ = diff_multiset(references(source, defined), references(translation, defined))
    if not missing:
        return NONE
    return [f"reference link lost: the translation no longer links to "
            f"{', '.join(q(f'[{label}]', 40) for label in dict.fromkeys(missing))}, which the "
            f"page defines; keep the label, or write [translated words][label]"]


def anchors_lost(source: str, translation: str, targets: frozenset[str]) -> Messages:
    """What ``link-target-changed`` says of a translation that drops an HTML anchor (a name or
    id of the English) that the page's links point to: those links would lead nowhere. Needs
    the page's links, so ``publish`` asks it."""
    if source == translation:
        return NONE
    missing, _ = diff_multiset(anchors_named(source, targets),
                               anchors_named(translation, targets))
    if not missing:
        return NONE
    return [f"anchor lost: the translation drops {', '.join(q(a, 40) for a in missing)}, "
            "which links of the page point to; keep the element with its name or id"]
