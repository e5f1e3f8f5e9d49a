"""What a reader of the report sees of each segment: its state, and which way its text runs.

A segment is in exactly one state:

- ``reviewed``: its catalog entry has a translation nobody flagged (not fuzzy);
- ``held``: reviewed, but the checks keep the translation off the page (the page shows the
  English, or the handoff's translation);
- ``mt``: fuzzy, unreviewed machine translation (``provenance.is_machine_translation``);
- ``stale``: fuzzy for another reason (changed English: a previous msgid; or flagged by hand),
  or its catalog entry was made for other English (source drift);
- ``missing``: no catalog entry, or an empty translation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.catalog import Message
from pipeline.provenance import is_machine_translation


class State(enum.Enum):
    REVIEWED = "reviewed"
    HELD = "held"
    MT = "mt"
    STALE = "stale"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    State.REVIEWED: "reviewed",
    State.HELD: "held back",
    State.MT: "MT",
    State.STALE: "stale",
    State.MISSING: "missing",
}
ORDER: tuple[State, ...] = (State.REVIEWED, State.HELD, State.MT, State.STALE, State.MISSING)


def classify(msg: Message | None, drifted: Message | None = None, held: bool = False) -> State:
    """The state of a segment whose active entry is ``msg``. ``drifted`` is the entry that names
    the segment's id but holds other English (only looked at when ``msg`` is None); ``held``:
    the checks kept the entry's translation off the page."""
    if msg is None:
        return State.STALE if drifted is not None and drifted.msgstr else State.MISSING
    if not msg.msgstr:
        return State.MISSING
    if not msg.fuzzy:
        return State.HELD if held else State.REVIEWED
    if is_machine_translation(msg):
        return State.MT
    return State.STALE


@dataclass(frozen=True, slots=True)
class Tally:
    """Segments per state, in ``ORDER``."""

    counts: tuple[int, ...] = (0,) * len(ORDER)

    @classmethod
    def of(cls, states: Iterable[State]) -> Tally:
        n = [0] * len(ORDER)
        for state in states:
            n[ORDER.index(state)] += 1
        return cls(tuple(n))

    def __add__(self, other: Tally) -> Tally:
        return Tally(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)))

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
