"""What texts that touch on a page make together. Each segment's translation is checked alone,
but on the page it stands against the text beside it: translations of pairs with nothing between
them ('[x]', '(java', 'script:alert(1))'), or the article's markup before it ('See [x](java')
and a translation after. A script or data URL scheme split over such a join is in neither text,
so no segment rule sees it; ``scheme_joins`` finds the translations that make one.

The texts near a join are read as ``bare_schemes`` reads any text (references, backslash escapes,
case, white space and controls between the letters), up to ``_REACH`` letters on each side.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from pipeline import join_loads, open_tags
from pipeline.article.spantext import page_text
from pipeline.checks.inputs import RENDER_SUBSTITUTED
from pipeline.checks.safety_urls import bare_schemes, may_spell_unsafe, unsafe_urls
from pipeline.checks.tokens.open_markup import ON_ATTRIBUTE
from pipeline.findings import Finding, Severity
from pipeline.render import Form, PageOf, laid_out

if TYPE_CHECKING:
    from pipeline.article import Article

# what can spell a scheme: letters, references, backslash escapes, white space and controls
_RUN = re.compile(r"[A-Za-z0-9&#;\\\x00-\x20\x7f]*+")
_REFERENCE = frozenset("&#0123456789xXabcdefABCDEF")  # what a reference cut short ends with
_COLON_AHEAD = re.compile(r"[A-Za-z0-9#;\\\x00-\x20\x7f]*+[:&]")
_NAMES = ("javascript", "vbscript", "livescript", "data")  # as bare_schemes knows them
_GAP = r"[\x00-\x20\x7f]*"  # bare_schemes's white space between a name's letters


def _spelled(words: Iterable[str]) -> str:
    return "|".join(_GAP.join(map(re.escape, word)) for word in sorted(words, key=len)[::-1])


# A text may start with the last part of a scheme: a reference, escape or white space cut at
# the join, a ':', or the rest of a name before its ':' (or before a reference or escape that
# may spell it); and end with the first part of one (read backwards: its last 12 characters).
_STARTS_PART = re.compile("(?i)[\\x00-\\x20\\x7f&#;\\\\0-9:]|(?:" + _spelled(
    {name[k:] for name in _NAMES for k in range(1, len(name))}) + f"){_GAP}[:&\\\\]")
_CUTS = "&#;\\0123456789" + "".join(map(chr, range(0x21))) + "\x7f"
_FIRST = frozenset(_CUTS + ":" + "".join(n[1:] + n[1:].upper() for n in _NAMES))
# what _STARTS_PART's first choice starts with: its second needs a ':', '&' or '\\' in the text
_STARTS = frozenset(_CUTS + ":")
_LAST = frozenset(_CUTS + ":" + "".join(n[:-1] + n[:-1].upper() for n in _NAMES))
_MIDDLES = frozenset(n[i:j] for n in _NAMES for i in range(len(n)) for j in range(i + 1, len(n)))
_NAME_BACKWARDS = re.compile(f"(?i)[\\x00-\\x20\\x7f\\\\]*(?:{_spelled(n[::-1] for n in _NAMES)})")
_ENDS_PART = re.compile("(?i)[\\x00-\\x20\\x7f&#;\\\\0-9:]|(?:" + _spelled(
    {name[:k][::-1] for name in _NAMES for k in range(1, len(name))}) + ")")
_SEPARATORS = re.compile(r"[\x00-\x20\x7f]+")  # what bare_schemes allows between letters
_LINE_ENDS = re.compile(r"[\x00-\x20\x7f]*\n[\x00-\x20\x7f]*")
_BLANKS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x20\x7f]+")  # those but line ends
_REACH = 96  # letters read on each side: 'javascript:' spelled in references, and a payload
_RAW = 4096  # characters looked through for them (white space runs count once)


_HINT = ("keep each link's target and each attribute within one segment, as the English does; "
         "do not end or begin a translation with part of one")


def hold(article: Article, published: list[str], severity: Severity,
         markup_quiet: bool = False, tag_open: bool = True) -> tuple[list[Finding], PageOf]:
    """Each translation in ``published`` (each pair's text on the page) that makes a script or
    data URL with the text it touches gives way to its English, until none does; a
    ``render-substituted`` finding for each. ``markup_quiet``: the article's own text between
    the pairs holds no scheme (``loose.markup_quiet``), so none of its schemes is cut;
    ``tag_open``: it may leave a tag open where a pair stands (``open_tags``). With the
    localized page of what ``published`` ends as (made once: the checks may have read it)."""
    swaps: list[Finding] = []
    # each page the checks below read whole, made once (a round's for the localized one)
    english = functools.cache(lambda: laid_out(article, Form.SOURCE))
    while True:
        local = functools.cache(lambda: laid_out(article, Form.LOCALIZED, published))
        made = scheme_joins(article, published, markup_quiet, local)
        if tag_open:
            made += [(i, open_tags.WHY)
                     for i in open_tags.in_open_tags(article, published, local, english)
                     if all(i != j for j, _ in made)]
        made += [(i, why) for i, why in join_loads.loads_joined(article, published, local, english)
                 if all(i != j for j, _ in made)]
        if not made:
            return swaps, local
        for i, what in made:
            seg = article.segments[i]
            published[i] = seg.source
            swaps.append(Finding(
                RENDER_SUBSTITUTED.id, severity, f"the translation was held back ({what}); the "
                "English was published instead", article.path, seg.line, seg.column, seg.id,
                _HINT))


_SCHEME = "unsafe-url: with the text beside it on the page it makes a script or data URL"
_HANDLER = "event-handler: with the text beside it on the page it makes an event handler"


def scheme_joins(article: Article, published: Sequence[str], markup_quiet: bool = False,
                 local: PageOf | None = None) -> list[tuple[int, str]]:
    """The segments whose published text, with the text beside it on the page (the article's
    markup between the pairs, or the next pair's text), makes a script or data URL that
    neither holds alone, where the English in its place makes none: a scheme split at a join,
    or a scheme whole before it whose code the join goes on with ('javascript:window.loc',
    'ation=…'; such code has no white space); or an ``on…=`` handler whose name or value the
    join completes ('Voir onto' + 'ggle=alert(1)'). Each with why it is held."""
    segments = article.segments
    maybe: list[int] = []
    cut: list[int] = []
    linked: list[int] = []
    named: list[int] = []
    # one pass over the texts for the four kinds below (most texts are none of them)
    for i, (seg, shown) in enumerate(zip(segments, published, strict=True)):
        if not shown:
            continue
        # texts that end within a scheme's code ('javascript:window.loc'): rare, as is
        # markup that may hold a scheme at all
        spells = ":" in shown or "&" in shown  # (what a scheme's ':' is spelled with)
        if spells and _open(shown):
            cut.append(i)
        if shown == seg.source:
            continue
        # most translations can be no part of one: they end with a full stop, and a '*', a
        # letter outside ASCII or a full stop comes before any ':' at their start
        if ((shown[0] in _FIRST and (shown[0] in _STARTS or spells or "\\" in shown)
             and _STARTS_PART.match(shown) is not None)
                or (shown[-1] in _LAST and _ENDS_PART.match(shown[:-13:-1]) is not None)
                or (len(shown) <= 10 and (shown.lower() if shown.isalpha() else _flat(shown))
                    in _MIDDLES)):
            maybe.append(i)
        # texts that start with a scheme, or end with a link's destination left open ('Voir
        # [x](', 'javascript:ñ=alert,ñ(1))'): a scheme there is a link, whatever its code
        # looks like
        if ((shown[0] in _SCHEME_FIRST and (
                shown[0] in _SPELLERS or shown[1:2] in _SPELLERS
                or shown[:2].lower() in _SCHEME_HEADS) and _starts_scheme(shown))
                or (shown[-1] in _DESTINATION_LAST
                    and (shown.rstrip()[-2:] in _OPENERS or shown.rstrip()[-1:] in "<=\"'")
                    and _OPEN_DESTINATION.search(_SEPARATORS.sub("\t", shown[-_REACH:]))
                    is not None)):
            linked.append(i)
        # texts that start with an attribute's value, or the end of its name ('ggle=
        # alert(1)'): the text before may end with the start of a handler's name ('Voir onto')
        if "=" in shown and _VALUE_AHEAD.match(shown):
            named.append(i)
    if not (maybe or cut or linked or named) and markup_quiet:
        return []
    # the page as render writes it
    parts, page, starts = local() if local else laid_out(article, Form.LOCALIZED, published)
    code: set[int] = set()
    if cut or not markup_quiet:  # the translations at a join within a scheme's code
        code = {i for i in range(cut[0] if markup_quiet else 0, len(segments))
                if published[i] != segments[i].source
                and any(_open(_code_before(page, starts[2 * i + 1] + k * len(parts[2 * i + 1])))
                        for k in (0, 1))}
    found = []
    linked_set, named_set = set(linked), set(named)
    for i in sorted(linked_set.union(maybe, code, named_set)):
        start = starts[2 * i + 1]
        end = start + len(parts[2 * i + 1])
        english = page_text(segments[i], segments[i].source, article.text)
        if any(_could(page, b) and _made(page, b, start, end, english, _sides)
               for b in (start, end)) or (
                i in code and any(_made(page, b, start, end, english, _code_sides)
                                  for b in (start, end))) or (
                i in linked_set and any(_made_link(page, b, start, end, english)
                                        for b in (start, end))):
            found.append((i, _SCHEME))
        elif i in named_set and _handler_at(page, start) and not _handler_at(
                *_english_in(page, start, start, end, english)):
            found.append((i, _HANDLER))
    return found


# A link's destination left open where a text ends, white space read as ``_side`` leaves it
# (each run one tab): '](' (white space may follow), '](<', a definition's ']:', an autolink's
# '<', an HTML attribute that takes a URL
_OPEN_DESTINATION = re.compile(
    r"(?:\][(:]\t?(?:<\t?)?|<|(?i:[\t/\"'](?:href|src|action|formaction|poster|background|"
    r"data|xlink:href)\t?=\t?(?:[\"']\t?)?))\Z")
_OPENERS = ("](", "]:")  # (the ends of an open destination: these, '<', a URL attribute's)
_DESTINATION_LAST = frozenset("(:< \t\n=\"'")
_SPELLERS = frozenset("&\\<" + "".join(map(chr, range(0x21))) + "\x7f")  # may spell a letter
_SCHEME_FIRST = frozenset("jvldJVLD") | _SPELLERS
# ... and its first two letters: a name's own ('la', 'de', 'die' start no scheme)
_SCHEME_HEADS = frozenset(name[:2] for name in _NAMES)
# a scheme where a text starts, however spelled (case, white space and controls)
_SCHEME_AT = re.compile(f"(?i)[\\x00-\\x20\\x7f]*<?(?:{_spelled(_NAMES)}){_GAP}:")
_SPELT = 4 * _REACH  # room for a scheme spelled in references and escapes
_ZEROS = re.compile(r"(&#[xX]?)0+(?=[0-9a-fA-F])")
# white space and controls before a scheme, spelled or not ('&#32;', '&#x9;', '&Tab;')
_LEADING = re.compile(r"(?:[\x00-\x20\x7f]|&#(?:127|3[0-2]|[12][0-9]|[0-9])(?![0-9]);?"
                      r"|&#[xX](?:7[fF]|20|1[0-9a-fA-F]|[0-9a-fA-F])(?![0-9a-fA-F]);?"
                      r"|&(?:Tab|NewLine);)*+")


def _starts_scheme(text: str) -> bool:
    """Whether ``text`` starts with a script or data URL's scheme, references and backslash
    escapes read as the page reads them."""
    if _SCHEME_AT.match(text) is not None:
        return True
    if text.find("&", 0, _SPELT) < 0 and text.find("\\", 0, _SPELT) < 0:
        return False
    if "&#" in text:  # a reference padded with zeros ('&#000106;') spells as much as it
        text = _ZEROS.sub(r"\1", text)
    # white space and controls, spelled or not, may stand before it: read on past them
    lead = _LEADING.match(text).end()  # type: ignore[union-attr]
    head = text[:lead + _SPELT]
    return _SCHEME_AT.match((html.unescape(head) if "&" in head else head).replace("\\", "")
                            ) is not None


_VALUE_AHEAD = re.compile(r"[^\s=<>\"'/]*+\s*+=")


def _handler_at(page: str, at: int) -> bool:
    """Whether the texts either side of ``at`` make an ``on…=`` handler neither has alone."""
    before, after = page[max(0, at - _REACH):at], page[at:at + _REACH]
    return _handlers(before + after) > _handlers(before) + _handlers(after)


def _handlers(text: str) -> int:
    return len(ON_ATTRIBUTE.findall(" " + text.lower()))


def _made_link(page: str, at: int, start: int, end: int, english: str) -> bool:
    """Whether the join at ``at`` makes a link to a script or data URL ('Voir [x](' +
    'javascript:…'), which the English in the translation's place does not: any link where
    the English page has none there, else one to another URL."""
    if not _links(page, at):
        return False
    if not _links(*_english_in(page, at, start, end, english)):
        return True
    return _made(page, at, start, end, english, _sides)


def _english_in(page: str, at: int, start: int, end: int, english: str) -> tuple[str, int]:
    """The page with the English in place of the translation at ``start``..``end``, and where
    the join at ``at`` is then."""
    return page[:start] + english + page[end:], start + (len(english) if at > start else 0)


def _links(page: str, at: int) -> bool:
    """Whether the text before ``at`` leaves a link's destination open and the text after it
    starts with a script or data URL's scheme: a link, whatever its code looks like."""
    return (_OPEN_DESTINATION.search(_side(page, at, -1)) is not None
            and _starts_scheme(page[at:at + _RAW]))


# what goes on with a script URL's code, or a data URL's media type, wherever it was cut
_MORE_CODE = "a/a("
_WHITE = re.compile(r"\s")


def _open(text: str) -> bool:
    """Whether ``text`` ends within a script or data URL that is none yet for want of its code,
    which text after it could complete. Its ':' (or a reference that may spell it) stands after
    its last white space: a scheme's code has none (a data URL's media type may follow spaces)."""
    return (_ends_in_code(text) and may_spell_unsafe(text)
            and bare_schemes(text + _MORE_CODE) > bare_schemes(text))


def _ends_in_code(text: str) -> bool:
    """Whether the last word of ``text`` (after its last space, tab or line feed; white space
    at its end aside) holds a ':' or '&'. Read from the end: an expression tried from each
    ':' and '&' read on to the next white space from each, quadratic in a run of them
    (20,000 colons before ' x' took 3 s)."""
    core = text.rstrip(" \t\n\r\f\v")
    word = core[max(core.rfind(" "), core.rfind("\t"), core.rfind("\n")) + 1:]
    return ":" in word or "&" in word


def _code_before(page: str, at: int) -> str:
    """The text before ``at``: back over the code that may end there (a scheme's code has no
    white space, however long) and ``_REACH`` * 2 characters more, for the scheme however
    spelled."""
    run = max(page.rfind(" ", 0, at), page.rfind("\n", 0, at), page.rfind("\t", 0, at)) + 1
    return page[max(0, run - 2 * _REACH):at]


def _code_after(page: str, at: int) -> str:
    """The code after ``at``, up to its first white space; within a '<…>' destination or a
    quoted value left open on its line, where white space goes on with it, to the line's end."""
    line = max(page.rfind("\n", 0, at), page.rfind(">", 0, at)) + 1
    if any(c in page[line:at] for c in "<\"'"):
        stop = page.find("\n", at)
        return page[at:stop if stop >= 0 else len(page)]
    space = _WHITE.search(page, at)
    return page[at:space.start() if space else len(page)]


def _code_sides(page: str, at: int) -> tuple[str, str]:
    """The code a join within a scheme's code joins: back to the scheme, on to white space."""
    return _code_before(page, at), _code_after(page, at)


def _flat(text: str) -> str:
    return _SEPARATORS.sub("", text).lower()


def _could(page: str, at: int) -> bool:
    """A quick look at the join at ``at``: a scheme over it needs after it a run of what can
    spell one (letters, digits, references, backslashes, white space) that a ':' or a
    reference ends (or a reference cut at the join), and before it such a run that holds the
    first letter of a scheme name or a reference; or, right after a ':' (its code after the
    join), the whole name before that ':'."""
    before = page[max(0, at - 2 * _REACH):at][::-1]
    after_colon = before[:1] in (":", ";")  # right after a scheme's ':' (or a reference)
    if (not after_colon and _COLON_AHEAD.match(page, at) is None
            and page[at - 1:at] not in _REFERENCE):
        return False
    if before[:1] == ":":  # the whole name must stand before it (its code after the join)
        return (_NAME_BACKWARDS.match(before, 1) is not None
                or "&" in before[1:_REACH] or ";" in before[1:_REACH])
    run = before[:_RUN.match(before).end()]  # type: ignore[union-attr]
    for reach in (_RAW, at):  # white space takes the room: look further
        if len(run) < len(before) or len(before) >= at:
            break
        before = page[max(0, at - reach):at][::-1]
        run = before[:_RUN.match(before).end()]  # type: ignore[union-attr]
    return any(c in run for c in "jvldJVLD&")


def _made(page: str, at: int, start: int, end: int, english: str,
          sides: Callable[[str, int], tuple[str, str]]) -> bool:
    """Whether the join at ``at`` (the start or end of the translation at ``start``..``end``)
    makes a script or data URL, a scheme or a link, that the English in the translation's
    place does not; ``sides``: the texts either side of a join that are read."""
    schemes, urls = _new(*sides(page, at))
    if not (schemes or urls):
        return False
    # the English page's own join is the English's: the same join with the English in place
    english_schemes, english_urls = _new(*sides(*_english_in(page, at, start, end, english)))
    return (schemes and not english_schemes) or bool(urls - english_urls)


def _new(before: str, after: str) -> tuple[bool, Counter[str]]:
    """What ``before`` and ``after`` make together and neither alone: a scheme with code
    (``bare_schemes``), and each script or data URL they link to, as a browser reads it."""
    joined = before + after
    urls = Counter(unsafe_urls(joined))
    if urls:
        urls.subtract(unsafe_urls(before))
        urls.subtract(unsafe_urls(after))
    before, after = _SEPARATORS.sub("\t", before), _SEPARATORS.sub("\t", after)
    return bare_schemes(before + after) > bare_schemes(before) + bare_schemes(after), +urls


def _sides(page: str, at: int) -> tuple[str, str]:
    """The texts either side of a join, their line ends kept: a link's definition starts a
    line (``_new`` reads schemes with each run of white space one tab)."""
    return _side(page, at, -1, _BLANKS), _side(page, at, 1, _BLANKS)


def _side(page: str, at: int, way: int, blanks: re.Pattern[str] = _SEPARATORS) -> str:
    """Up to ``_REACH`` characters of ``page`` before (``way`` -1) or after ``at``, each run of
    ``blanks`` (white space and controls) one tab."""
    for reach in (2 * _REACH, _RAW, len(page)):  # more where white space runs take the room
        raw = page[max(0, at - reach):at] if way < 0 else page[at:at + reach]
        whole = len(raw) < reach  # the page's start or end is in it
        if blanks is _BLANKS:  # a CR alone ends a line too (CommonMark); runs of them one
            raw = _LINE_ENDS.sub("\n", raw.replace("\r\n", "\n").replace("\r", "\n"))
        text = blanks.sub("\t", raw)
        if len(text) >= _REACH or whole:
            break
    return text[-_REACH:] if way < 0 else text[:_REACH]
