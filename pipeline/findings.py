"""Findings: what checks, the reader and the merge report about an input."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
        return text

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
