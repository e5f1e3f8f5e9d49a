"""Which entries of a catalog need a vendor's work, in which match category, and how many
English words each category holds (the numbers a vendor quotes from).

Categories, in the order they are listed:

- ``new``: no translation;
- ``fuzzy-TM 75-84``, ``fuzzy-TM 85-94``, ``fuzzy-TM 95-99``: a close match the translation
  memory suggested, by its similarity (``fuzzy-TM <75`` when the threshold is set lower);
- ``exact-TM``: the memory's translation of the same English, not yet reviewed here;
- ``changed``: the English changed since the entry was reviewed (``#| msgid``);
- ``MT-to-review``: machine translation not yet reviewed;
- ``to-review``: any other fuzzy entry;
- ``to-fix``: a reviewed translation the checks keep off the page (the English is published in
  its place until it is fixed).

Other reviewed entries need no work and are left out, as are obsolete ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.catalog import Catalog, Message
from pipeline.memory.rows import provenance
from pipeline.provenance import is_machine_translation

CATEGORIES = ("new", "fuzzy-TM <75", "fuzzy-TM 75-84", "fuzzy-TM 85-94", "fuzzy-TM 95-99",
              "exact-TM", "changed", "MT-to-review", "to-review", "to-fix")
# Which checks keep a reviewed entry's translation off the page (publish.HeldBack's ids).
HeldBy = Callable[[Message], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Work:
    """One entry a vendor receives."""

    message: Message
    category: str
    similarity: int | None  # a memory match's, percent
    origin: str | None  # the article a memory match came from
    held: tuple[str, ...] = ()  # to-fix: the checks that keep the translation off the page
    reviewed: bool = True  # a memory match's text was reviewed where it came from

    def describe(self, article: str) -> str:
        """The provenance line a vendor sees beside the unit."""
        # a vendor who sees an exact match takes it for reviewed text: say when it is not
        unreviewed = "" if self.reviewed else " (unreviewed)"
        what = {
            "new": "new: no translation yet",
            "exact-TM": f"exact TM match from {self.origin}{unreviewed}",
            "changed": "English changed since the last review (previous English shown)",
            "MT-to-review": "machine translation, not yet reviewed",
            "to-review": "translation to review",
            "to-fix": "reviewed, but not published: the translation fails "
                      f"{', '.join(self.held)} (see pipeline check)",
        }.get(self.category, f"TM match {self.similarity}% from {self.origin}{unreviewed}")
        return f"{self.category} | {what} | article {article}"


def category(msg: Message, held_by: HeldBy | None = None) -> Work | None:
    """The work an entry needs; None when it needs none."""
    if msg.obsolete or not msg.msgid:
        return None
    if not msg.msgstr:
        return Work(msg, "new", None, None)
    if not msg.fuzzy:
        held = tuple(held_by(msg)) if held_by is not None else ()
        return Work(msg, "to-fix", None, None, held) if held else None
    found = provenance(msg)
    if found is not None:
        if found.exact:
            return Work(msg, "exact-TM", 100, found.origin, reviewed=found.reviewed)
        s = found.similarity
        band = ("fuzzy-TM 95-99" if s >= 95 else "fuzzy-TM 85-94" if s >= 85
                else "fuzzy-TM 75-84" if s >= 75 else "fuzzy-TM <75")
        return Work(msg, band, s, found.origin, reviewed=found.reviewed)
    if msg.previous_msgid is not None:
        return Work(msg, "changed", None, None)
    if is_machine_translation(msg):
        return Work(msg, "MT-to-review", None, None)
    return Work(msg, "to-review", None, None)


def needing_work(catalog: Catalog, held_by: HeldBy | None = None) -> list[Work]:
    return [w for w in (category(m, held_by) for m in catalog.messages) if w is not None]


def base(msg: Message) -> str:
    """The entry's translation and review state as exported: an import applies a unit only
    while the catalog still holds them (else someone translated it meanwhile)."""
    text = f"{int(msg.fuzzy)}\x00{msg.msgstr}".encode()
    return hashlib.blake2b(text, digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Count:
    segments: int = 0
    words: int = 0


def counts(works: Iterable[Work]) -> dict[str, Count]:
    """Segments and English words per category (words as ``stats`` and pocount count them)."""
    from pipeline.stats import count_words, pocount_source

    out: dict[str, Count] = {}
    for w in works:
        c = out.get(w.category, Count())
        out[w.category] = Count(c.segments + 1,
                                c.words + count_words(pocount_source(w.message.msgid)))
    return out
