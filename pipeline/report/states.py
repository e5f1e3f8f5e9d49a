"""What a reader of the report sees of each segment: its state, and which way its text runs.

A segment is in exactly one state:

- ``reviewed``: its catalog entry has a translation nobody flagged (not fuzzy);
- ``mt``: fuzzy, noted as unreviewed machine translation (``merge.MT_NOTE``);
- ``stale``: fuzzy for another reason (changed English: a previous msgid; or flagged by hand),
  or its catalog entry was made for other English (source drift);
- ``missing``: no catalog entry, or an empty translation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.catalog import Message
from pipeline.merge import MT_NOTE


class State(enum.Enum):
    REVIEWED = "reviewed"
    MT = "mt"
    STALE = "stale"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    State.REVIEWED: "reviewed",
    State.MT: "MT",
    State.STALE: "stale",
    State.MISSING: "missing",
}
ORDER: tuple[State, ...] = (State.REVIEWED, State.MT, State.STALE, State.MISSING)


def classify(msg: Message | None, drifted: Message | None = None) -> State:
    """The state of a segment whose active entry is ``msg``. ``drifted`` is the entry that names
    the segment's id but holds other English (only looked at when ``msg`` is None)."""
    if msg is None:
        return State.STALE if drifted is not None and drifted.msgstr else State.MISSING
    if not msg.msgstr:
        return State.MISSING
    if not msg.fuzzy:
        return State.REVIEWED
    if msg.previous_msgid is None and MT_NOTE in msg.extracted_comments:
        return State.MT
    return State.STALE


@dataclass(frozen=True, slots=True)
class Tally:
    """Segments per state, in ``ORDER``."""

    counts: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def of(cls, states: Iterable[State]) -> Tally:
        n = [0, 0, 0, 0]
        for state in states:
            n[ORDER.index(state)] += 1
        return cls((n[0], n[1], n[2], n[3]))

    def __add__(self, other: Tally) -> Tally:
        a, b = self.counts, other.counts
        return Tally((a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]))

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, state: State) -> int:
        return self.counts[ORDER.index(state)]

    def share(self, state: State) -> float:
        """Percent of all segments, 0 when there are none."""
        total = self.total
        return 100.0 * self.count(state) / total if total else 0.0


# Languages written right to left (ISO 639 codes; ``iw``/``ji`` are the old codes of he/yi).
RTL_LANGUAGES = frozenset({
    "ar", "arc", "azb", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc",
    "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "syr", "ug", "ur", "yi",
})
# Scripts written right to left (ISO 15924): a script subtag decides over the language.
RTL_SCRIPTS = frozenset({
    "adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa",
})


def is_rtl(locale: str) -> bool:
    """'ar-SA', 'he-IL', 'fa', 'ur-PK', 'pa-Arab' run right to left; 'az-Latn', 'fr-FR' do not."""
    parts = locale.replace("_", "-").split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script is not None:
        return script.lower() in RTL_SCRIPTS
    return parts[0].lower() in RTL_LANGUAGES


def html_lang(locale: str) -> str:
    """The BCP 47 tag for a ``lang`` attribute: 'pt_BR' -> 'pt-BR'."""
    return locale.replace("_", "-")
