"""``Finding``: the name a finding shows, and the OS's name its links are made from."""

from __future__ import annotations

import os
from dataclasses import replace

from pipeline.findings import Finding, Severity

RAW = "content/fr-FR/" + os.fsdecode(b"caf\xe9.md")


def test_a_name_that_is_not_utf8_is_shown_escaped_and_kept_for_links() -> None:
    f = Finding("encoding", Severity.ERROR, "m", RAW)
    assert (f.file, f.path) == ("content/fr-FR/caf\\xe9.md", RAW)
    # as the run cache gives it back: both names
    assert Finding("encoding", Severity.ERROR, "m", f.file, os_file=f.os_file).path == RAW


def test_a_finding_cited_at_another_file_links_to_that_file_not_the_first() -> None:
    """The job cites a finding of an English article at its catalog entry with
    dataclasses.replace(f, file=...): the OS's name of the English stayed, so SARIF's URI and
    the report's link led to the English while the finding named the catalog."""
    f = Finding("encoding", Severity.ERROR, "m", RAW)
    cited = replace(f, file="locales/fr-FR/cafe.po", line=3)
    assert (cited.file, cited.path, cited.os_file) == ("locales/fr-FR/cafe.po",) * 2 + ("",)
    other = RAW.replace("content", "locales")
    again = replace(f, file=other)
    assert again.path == other and again.file == "locales/fr-FR/caf\\xe9.md"
