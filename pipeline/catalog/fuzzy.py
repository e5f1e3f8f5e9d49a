"""How close two English segments are, for merge: msgmerge's fuzzy match, and spacing as
the page shows it (a re-wrapped paragraph is the same English)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from pipeline.catalog.model import Message

# msgmerge's fuzzy threshold: below this the old translation is no help to the translator.
FUZZY_THRESHOLD = 0.6


def similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def best_fuzzy(msgid: str, candidates: Sequence[Message], choices: Sequence[str]
                ) -> Message | None:
    """The candidate difflib finds closest to ``msgid`` (of equals, ``_before``'s), at least
    FUZZY_THRESHOLD; ``choices``: the candidates' msgids.

    2 x LCS / total length (rapidfuzz's Indel) bounds difflib's ratio from above, whose
    matching blocks are one common subsequence: rapidfuzz scores every candidate in C and
    passes over those below the bar (by their lengths alone, mostly), and difflib is asked
    about the others from the highest bound down, until no bound can beat the best score.
    The choice is the one difflib alone would make."""
    best = _best(msgid, choices, lambda n: similarity(msgid, choices[n]),
                 lambda n, m: _before(candidates[n], candidates[m]))
    return None if best is None else candidates[best]


def counterparts(choices: Sequence[str], lenders: Sequence[Message]) -> list[int | None]:
    """For each lender, the index of the choice it lends to (``similarity(choice, msgid)`` at
    least FUZZY_THRESHOLD), or None: the closest pair first, each choice and each lender
    taken once. By its nearest choice alone, a lender whose nearest another lender took (two
    sentences alike changed together) lent to none: its text went to #~ unseen though it
    cleared the bar for its own rewritten sentence. Of equal pairs, the earlier choice, then
    the lender by what it holds (``_before``), never by where a catalog lists it. Bounded by
    rapidfuzz as ``best_fuzzy`` is."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    pairs: list[tuple[float, int, int]] = []
    for j, lender in enumerate(lenders):
        for _, bound, n in process.extract(lender.msgid, choices,
                                           scorer=Indel.normalized_similarity,
                                           score_cutoff=FUZZY_THRESHOLD - 0.02, limit=None):
            if bound >= FUZZY_THRESHOLD - 1e-9:
                score = similarity(choices[n], lender.msgid)
                if score >= FUZZY_THRESHOLD:
                    pairs.append((score, n, j))
    rank = {j: r for r, j in enumerate(sorted(range(len(lenders)),
                                              key=lambda j: _order(lenders[j])))}
    out: list[int | None] = [None] * len(lenders)
    taken: set[int] = set()
    for _, n, j in sorted(pairs, key=lambda p: (-p[0], p[1], rank[p[2]])):
        if out[j] is None and n not in taken:
            out[j] = n
            taken.add(n)
    return out


def _best(query: str, choices: Sequence[str], score: Callable[[int], float],
          before: Callable[[int, int], bool]) -> int | None:
    """The index of the choice ``score`` rates highest, at least FUZZY_THRESHOLD; of equals,
    the first by rapidfuzz's bound and index, unless ``before`` prefers a later one."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    # (the cutoff a little under the bar: rapidfuzz turns it into a whole distance, and a
    # candidate exactly at the bar must not be lost to rounding; the loop keeps the bar)
    hits = process.extract(query, choices, scorer=Indel.normalized_similarity,
                           score_cutoff=FUZZY_THRESHOLD - 0.02, limit=None)
    best: int | None = None
    best_score = FUZZY_THRESHOLD
    for _, bound, n in sorted(hits, key=lambda hit: (-hit[1], hit[2])):
        if bound < best_score - 1e-9:
            break
        found = score(n)
        if found > best_score or (found == best_score and found > 0 and (
                best is None or before(n, best))):
            best, best_score = n, found
    return best


def _before(a: Message, b: Message) -> bool:
    """Of two equally close candidates, whether ``a`` is taken: an active one, then by what
    they hold, never by where a catalog lists them (a tool that sorts it, msgcat -s, would
    change which text lends)."""
    return _order(a) < _order(b)


def _order(m: Message) -> tuple[object, ...]:
    """Every field a Message is compared by, so that only equal entries tie: no context and
    the empty one are two entries to gettext (as are no previous English and an empty one),
    and entries alike in English, context and text may differ in flags or comments."""
    return (m.obsolete, m.msgid, m.msgctxt is not None, m.msgctxt or "", m.msgstr, m.flags,
            m.translator_comments, m.extracted_comments, m.references,
            m.previous_msgid is not None, m.previous_msgid or "",
            m.previous_msgctxt is not None, m.previous_msgctxt or "")


_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_SPACES = re.compile(r"[ \t]{2,}|\t")


def as_shown(text: str) -> str:
    """``text`` as a page shows its spacing: each line end inside a code span the space
    CommonMark shows, and outside code each run of spaces or tabs one space (a re-wrap that
    puts a line end where the English had two spaces, then joined, leaves one)."""
    if "\n" not in text and "\r" not in text and "  " not in text and "\t" not in text:
        return text
    from pipeline.checks.tokens.code import code_spans

    parts, pos = [], 0
    for start, end in code_spans(text):
        parts += [_SPACES.sub(" ", text[pos:start]), _LINE_END.sub(" ", text[start:end])]
        pos = end
    return "".join((*parts, _SPACES.sub(" ", text[pos:])))
