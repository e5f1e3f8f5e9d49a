"""Findings: what checks, the reader and the merge report about an input."""

from __future__ import annotations

import enum
import os
import unicodedata
from dataclasses import dataclass

# What a terminal or a CI log acts on rather than shows: control characters (C0, DEL, C1: an
# ESC starts a sequence that clears the screen, retitles the window or hides a link), format
# characters (the bidirectional overrides and isolates that reorder what follows: Trojan
# Source) and the line and paragraph separators; a lone surrogate too (no encoder takes it).
_ACTED_ON = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _acted_on(text: str) -> list[str]:
    """The characters of ``text`` a terminal acts on, each once; none for most text."""
    if text.isprintable():  # the common case, at C speed
        return []
    return [c for c in dict.fromkeys(text) if unicodedata.category(c) in _ACTED_ON]


def terminal_text(text: str) -> str:
    """``text`` as a terminal may print it: each character it would act on rather than show
    written as Python writes it in a string (``\\x1b``, ``\\u202e``), as the findings
    already quote a translation; a file or folder name and a segment id are the vendor's,
    and reach a line unquoted."""
    for c in _acted_on(text):
        text = text.replace(c, repr(c)[1:-1])
    return text


def json_text(value: object, indent: int | None = None) -> str:
    """``value`` as JSON (UTF-8 text, not ASCII escapes) in which every character a terminal
    acts on is a ``\\u`` escape: the same JSON to a reader, and nothing a terminal or a CI log
    acts on when it is printed there (JSON itself escapes only C0 controls)."""
    import json  # only the JSON and SARIF formats need it: a run with nothing to do does not

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    for c in _acted_on(text):
        if c not in "\n":  # a line break between items (indent): JSON's own white space
            text = text.replace(c, json.dumps(c)[1:-1])
    return text


def shown_path(path: object) -> str:
    """A path a command's summary names (``--out``), as a finding would show it: bytes that are
    not UTF-8 as \\x escapes, characters a terminal acts on escaped."""
    return terminal_text(printable_name(str(path)))


def printable_name(path: str) -> str:
    """A path as findings show it. A name that is not UTF-8 comes from os.fsdecode with lone
    surrogates, which JSON, SARIF, HTML and a UTF-8 terminal cannot carry: its bytes are shown
    with \\x escapes, as ``ls -b`` shows them."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes os.fsdecode could not decode
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Check:
    """A check id with its default severity, topic, one-line summary and hint: the vocabulary
    findings are made of, light enough for every reader and writer to raise with."""

    id: str  # stable, kebab-case
    topic: str  # structure | sync | fidelity | safety | input
    severity: Severity  # default; configurable
    summary: str
    hint: str


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    segment: str | None = None
    hint: str = ""
    # What the finding is about, as a short digest (the segment's English and translation),
    # set by the job where it knows the segment: a baseline matches findings by it, never by
    # line. Empty: the baseline falls back to the message.
    subject: str = ""
    # Silenced by an ignore-<check> flag on the catalog entry: kept (the report and SARIF
    # show it as such) but not printed, not counted and not holding anything back.
    suppressed: bool = False
    baselined: bool = False  # matched by an entry of the baseline (set by the gate, not cached)
    # The file as the OS names it, where that is not ``file``: a name that is not UTF-8 comes
    # from os.fsdecode with lone surrogates, which ``file`` shows with \\x escapes (no JSON,
    # SARIF, HTML or terminal can carry them). Links and URIs are made from its bytes: the
    # escaped name points at no file. Set from ``file`` when that is given raw.
    os_file: str = ""

    def __post_init__(self) -> None:
        if self.os_file and printable_name(self.os_file) != self.file:
            # a copy cited at another file (dataclasses.replace(f, file=the catalog)): the
            # name it kept is the first file's, and its links would lead there
            object.__setattr__(self, "os_file", "")
        if not self.file.isascii():  # the common case ends here, at C speed
            shown = printable_name(self.file)
            if shown != self.file:
                object.__setattr__(self, "os_file", self.file)
                object.__setattr__(self, "file", shown)

    @property
    def path(self) -> str:
        """The file's name as the OS takes it (``os.fsencode`` gives its bytes)."""
        return self.os_file or self.file

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.check, self.message)

    def format_text(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        # a baselined finding shows "baselined" where its severity stands: the run does not
        # fail on it, and scripts reading "error[" see only what does
        label = "baselined" if self.baselined else self.severity.label
        text = f"{where}: {label}[{self.check}]: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return terminal_text(text)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.label,
            "check": self.check,
            "message": self.message,
            "segment": self.segment,
            "hint": self.hint,
        }
        if self.baselined:  # only where true: the documented keys stay the same otherwise
            out["baselined"] = True
        if self.suppressed:
            out["suppressed"] = True
        return out


class InputError(Exception):
    """An input the pipeline cannot use, with its location. The CLI prints it, not a traceback."""

    def __init__(
        self, check: str, message: str, file: str, line: int = 0, column: int = 0, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.finding = Finding(check, Severity.ERROR, message, file, line, column, None, hint)
