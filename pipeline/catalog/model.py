"""The catalog's model: ``Message`` (one entry) and ``Catalog``, small and immutable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

FUZZY = "fuzzy"


@dataclass(frozen=True, init=False)
class Message:
    """One catalog entry. Frozen, with ``__init__`` written out as ``Segment``'s is: merge and
    the reader make one per segment, and the generated frozen ``__init__`` costs several
    times as much."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)  # where the reader found it; 0 when new
    # A translation a person stands behind: present, not fuzzy, not obsolete. Worked out
    # once: publishing asks it of every segment's entry, several times.
    reviewed: bool = field(init=False, compare=False, repr=False)

    def __init__(
        self, msgid: str, msgstr: str = "", msgctxt: str | None = None,
        flags: tuple[str, ...] = (), translator_comments: tuple[str, ...] = (),
        extracted_comments: tuple[str, ...] = (), references: tuple[str, ...] = (),
        previous_msgid: str | None = None, previous_msgctxt: str | None = None,
        obsolete: bool = False, line: int = 0,
    ) -> None:
        self.__dict__.update(
            msgid=msgid, msgstr=msgstr, msgctxt=msgctxt, flags=flags,
            translator_comments=translator_comments, extracted_comments=extracted_comments,
            references=references, previous_msgid=previous_msgid,
            previous_msgctxt=previous_msgctxt, obsolete=obsolete, line=line,
            reviewed=bool(msgstr) and FUZZY not in flags and not obsolete,
        )

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags



@dataclass(frozen=True, slots=True)
class Catalog:
    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    # the header's msgstr as the file wrote it: written back byte for byte while the fields
    # read from it are unchanged (a vendor's 'Key:value', a last line with no line feed)
    header_text: str = field(default="", compare=False)

    def header_value(self, name: str) -> str | None:
        """The field's value without the spaces around it (the first, if given twice)."""
        raw = self.header_raw(name)
        return None if raw is None else raw.strip()

    def header_raw(self, name: str) -> str | None:
        """The field's value as the file writes it after 'Name: '."""
        name = name.lower()
        for key, value in self.header:
            if key.strip().lower() == name:
                return value
        return None

    def with_header(self, **values: str) -> Catalog:
        return replace(self, header=tuple(values.items()))

    def active(self) -> Iterator[Message]:
        return (m for m in self.messages if not m.obsolete)




def reference_words(line: str) -> list[str]:
    """The references of a ``#:`` line as GNU gettext reads them: the text between spaces and
    tabs (a line break, a no-break space or a form feed is part of a name to it). A file name
    with a space is several references to gettext, so that is how it is written and read."""
    if "\t" not in line:  # nearly every line: one reference, no white space to fold
        words = line.strip(" ").split(" ")
        if "" not in words:
            return words
    return [word for word in line.replace("\t", " ").split(" ") if word]
