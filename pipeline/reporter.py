"""How a run's findings reach the user as it goes: lines on stderr, a JSON list or a SARIF
document on stdout (``check --format``). Whatever stops the run, stdout holds one whole JSON
document or nothing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from pipeline import checks
from pipeline.findings import Finding, Severity, json_text
from pipeline.progress import Progress


class Reporter:
    """Prints findings as they come, article by article: a run never holds them all. SARIF is
    one document, so its findings are gathered and printed at the end."""

    def __init__(self, fmt: str, quiet: bool, bar: Progress, baseline: bool = False) -> None:
        self.fmt = fmt
        self.quiet = quiet
        self.baseline = baseline  # SARIF then marks each result new, unchanged or absent
        self.bar = bar  # cleared before a line is printed under it
        self.gathered: list[Finding] = []
        self.first = True
        self.closed = False

    def __call__(self, findings: Sequence[Finding]) -> None:
        if self.fmt == "sarif":
            self.gathered.extend(findings)
        elif self.fmt == "json":
            for f in findings:  # one write each: a run stopped between two leaves no ","
                sys.stdout.write(("[\n " if self.first else ",\n ") + json_text(f.to_json()))
                self.first = False
        else:
            # suppressed findings are not printed; baselined ones are, unless quiet
            lines = [f.format_text() for f in findings if not f.suppressed and not (
                self.quiet and (f.severity is Severity.INFO or f.baselined))]
            if lines:
                self.bar.close()
                # one write, line end included: Ctrl-C between the text and its line end left
                # "pipeline: interrupted" on the end of the last finding's line
                sys.stderr.write("\n".join(lines) + "\n")

    def close(self) -> None:
        """The end of a finished run: the SARIF document, or the JSON list's end."""
        if self.closed:
            return
        self.closed = True
        if self.fmt == "sarif":
            from pipeline import sarif

            sys.stdout.write(json_text(
                sarif.to_sarif(self.gathered, checks.ALL_CHECKS, self.baseline), indent=1))
            sys.stdout.write("\n")
        elif self.fmt == "json":
            sys.stdout.write("[]\n" if self.first else "\n]\n")

    def abandon(self) -> None:
        """The end of a run that stopped before ``close``: a JSON list begun is closed, so that
        stdout stays one JSON document (the findings printed so far; the exit status says the
        run failed). No SARIF document: read as a complete scan, its upload would close the
        alerts of every article the run did not reach."""
        if self.closed:
            return
        self.closed = True
        if self.fmt == "json" and not self.first:
            with contextlib.suppress(OSError):  # a closed pipe: the run's own error is told
                sys.stdout.write("\n]\n")
