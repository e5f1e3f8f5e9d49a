"""What one catalog gives the memory, and the comment a filled entry carries.

A row is (English, translation, reviewed). Reviewed: a translation a person stands behind
(not fuzzy). Fuzzy entries count as unreviewed translations of their English (machine
translation, or a vendor's "needs review"), except those whose translation was made for
other English: a fuzzy entry with a previous msgid (changed English), and the memory's own
suggestions (a ``tm:`` comment), which would only echo the memory back into itself. An exact
match of reviewed text kept as filled (published with ``tm-publish-exact``, or its fuzzy flag
cleared) is a ``COPY``: reviewed, as its page shows it, but no voice of its own in the memory
(``index``), whose article it came from holds it: else the copies would outvote the translator
who changes that text, and serve a deleted catalog's text on. An obsolete entry (``#~``: its
English left the article, moved to another one maybe) is ``OBSOLETE``: the memory's last resort,
read only for English no active entry has, and never as reviewed.

A catalog's rows travel and are kept packed (``pack``): marshalled and compressed, in the
worker that read the catalog. As Python objects the rows of the corpus took 57 MB in the
parent, which holds every catalog's until the run ends; packed they take 10 MB, and the
memory file is written from them as they are.
"""

from __future__ import annotations

import marshal
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pipeline.catalog import Catalog, Message

Row = tuple[str, str, int]  # (English, translation, state: UNREVIEWED … OBSOLETE)
UNREVIEWED, REVIEWED, COPY, OBSOLETE = 0, 1, 2, 3
REVIEWED_STATES = (REVIEWED, COPY)  # a reviewer stands behind the text (an obsolete: no more)

PREFIX = "tm: "
# ``filled`` and the CRC-32 of the text the fill wrote: a note on other text is a human's edit
_PROVENANCE = re.compile(r"tm: (exact|(\d{1,3})%) match from (\S.*?) \((reviewed|unreviewed)\)"
                         r"(?: filled ([0-9a-f]{8}))?\Z")
_FILLED = re.compile(r"filled [0-9a-f]{8}\Z")
_STATES = ("(reviewed)", "(unreviewed)")


class Provenance(NamedTuple):
    """Where a filled entry's translation came from, as its comment says."""

    similarity: int  # percent; 100 for an exact match
    origin: str  # the article (its path under the content root) or the TMX file
    reviewed: bool  # the memory's translation was reviewed

    @property
    def exact(self) -> bool:
        return self.similarity == 100

    def comment(self, text: str) -> str:
        """The note on an entry filled with ``text``."""
        what = "exact" if self.exact else f"{self.similarity}%"
        state = "reviewed" if self.reviewed else "unreviewed"
        return f"{PREFIX}{what} match from {self.origin} ({state}) filled {checksum(text)}"


def checksum(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


_WRAPPED = 4  # comment lines a wrapped note may take (polib wraps ``#`` comments at 78 columns)


def _notes(comments: tuple[str, ...]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """Each ``tm:`` note among the comments: (first line, end line, the note read). A
    note a tool wrapped over the next comment lines (polib's save wraps at 78 columns, after
    a hyphen of the path too) is read whole again, its path's pieces joined as they were (a
    path with spaces is read back only unwrapped)."""
    for i, comment in enumerate(comments):
        if not comment.startswith(PREFIX):
            continue
        m = _PROVENANCE.match(comment)
        if m is not None:
            if m.group(5) is None and i + 1 < len(comments) and _FILLED.match(comments[i + 1]):
                whole = _PROVENANCE.match(f"{comment} {comments[i + 1]}")  # checksum wrapped
                if whole is not None:
                    yield i, i + 2, whole
                    continue
            yield i, i + 1, m
            continue
        words = comment.split()
        for end in range(i + 1, min(i + _WRAPPED, len(comments))):
            words += comments[end].split()
            tail = 3 if len(words) >= 8 and words[-3] in _STATES and words[-2] == "filled" else 1
            if len(words) >= 5 + tail and words[-tail] in _STATES:
                if tail == 1 and end + 1 < len(comments) and _FILLED.match(comments[end + 1]):
                    end += 1  # the checksum wrapped onto a line of its own
                    words += comments[end].split()
                    tail = 3
                m = _PROVENANCE.match(" ".join([*words[:4], "".join(words[4:-tail]),
                                                *words[-tail:]]))
                if m is not None:
                    yield i, end + 1, m
                break


def without_provenance(comments: tuple[str, ...]) -> tuple[str, ...]:
    """The comments without the memory's notes, wrapped ones whole; a translator's own comment
    that merely starts as one ('tm: glossary term') stays."""
    drop = {n for start, end, _ in _notes(comments) for n in range(start, end)}
    return tuple(c for n, c in enumerate(comments) if n not in drop)


def provenance(msg: Message) -> Provenance | None:
    """The memory's comment on an entry, if a fill left one and the entry still holds the text
    it filled: text a human edited since is theirs (``edited``). A note from before the
    checksum cannot tell, and is taken at its word."""
    for _, _, m in _notes(msg.translator_comments):
        if m.group(5) is not None and m.group(5) != checksum(msg.msgstr):
            return None
        percent = 100 if m.group(1) == "exact" else int(m.group(2))
        return Provenance(percent, m.group(3), m.group(4) == "reviewed")
    return None


def edited(msg: Message) -> Message:
    """The entry without the memory's note where a human changed the text the fill wrote (its
    fuzzy flag cleared alone is a review of that text, which stays the memory's); the entry
    itself otherwise. Merge applies it to every entry it reads."""
    if not msg.translator_comments:
        return msg
    for _, _, m in _notes(msg.translator_comments):
        if m.group(5) is not None and m.group(5) != checksum(msg.msgstr):
            return replace(msg, translator_comments=without_provenance(msg.translator_comments))
        break
    return msg


def is_suggestion(msg: Message) -> bool:
    """A fuzzy entry whose translation was made for other English or by the memory."""
    if not msg.fuzzy:
        return False
    if msg.previous_msgid is not None:
        return True
    return provenance(msg) is not None


def catalog_rows(catalog: Catalog, held: Callable[[Message], object] | None = None
                 ) -> tuple[Row, ...]:
    """The catalog's rows; with ``held``, a reviewed entry it holds back (a true value: the
    checks that keep it off the page) counts as unreviewed."""
    return tuple([
        (m.msgid, m.msgstr, _state(m, held))
        for m in catalog.messages
        if m.msgid and m.msgstr and not (m.fuzzy and is_suggestion(m))
    ])


def _state(msg: Message, held: Callable[[Message], object] | None) -> int:
    if msg.obsolete:
        return OBSOLETE
    if msg.fuzzy or (held is not None and held(msg)):
        return UNREVIEWED
    found = provenance(msg)
    return COPY if found is not None and found.exact and found.reviewed else REVIEWED


def pack(rows: tuple[Row, ...]) -> bytes:
    # level 1: a third of the size for a tenth of the time of the default level
    return zlib.compress(marshal.dumps(rows), 1)


def unpack(packed: bytes) -> tuple[Row, ...]:
    """The rows ``pack`` packed; none from anything else (a damaged memory file costs fills,
    never a run)."""
    try:
        rows = marshal.loads(zlib.decompress(packed))
    except (zlib.error, EOFError, ValueError, TypeError):
        return ()
    return rows if type(rows) is tuple else ()


def packed_rows(catalog: Catalog) -> bytes:
    return pack(catalog_rows(catalog))


def open_entries(catalog: Catalog) -> int:
    """Entries the memory may fill: active, with English and no translation."""
    return sum(1 for m in catalog.messages if m.msgid and not m.msgstr and not m.obsolete)
