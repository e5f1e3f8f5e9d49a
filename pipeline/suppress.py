"""Per-entry suppressions: a reviewer marks a false positive once, in the catalog entry, and the
check no longer reports that entry.

Two spellings, the same meaning:

- the flag ``#, ignore-<check-id>`` (Weblate's convention; Weblate, Translate Toolkit, polib
  and this pipeline keep it, but GNU msgcat and msgmerge drop every flag they do not know);
- a translator comment ``# ignore-<check-id>`` (several: comma-separated), which every
  gettext tool keeps, GNU's included.

A silenced finding is kept, marked ``suppressed``: the report and SARIF show it as such, but
it is not printed, not counted, and does not hold its translation back. A safety check is
never silenced: a flag naming one (or naming no check) is reported as ``ignore-flag``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pipeline.checks.base import Check
from pipeline.findings import Finding, Severity

if TYPE_CHECKING:
    from pipeline.catalog import Catalog, Message

PREFIX = "ignore-"
UNSUPPRESSABLE = "safety"  # the topic whose checks no flag silences
IGNORE_FLAG = Check(
    "ignore-flag", "sync", Severity.WARNING,
    "an ignore-<check> flag that cannot apply: it names a safety check, which is never "
    "silenced, or no check at all",
    "remove the flag; a safety finding must be fixed in the translation, and `pipeline checks` "
    "lists the check ids",
)
_COMMENT = re.compile(r"\s*ignore-[a-z0-9-]+(?:\s*,\s*ignore-[a-z0-9-]+)*\s*\Z")
Issues = tuple[tuple[Check, Severity, str], ...]


def ignored(msg: Message) -> frozenset[str]:
    """The check ids the entry's flags and translator comments silence."""
    ids = {f[len(PREFIX):] for f in msg.flags if f.startswith(PREFIX)}
    if msg.translator_comments:
        # an editor that wraps comments may break one at a hyphen: put it back together
        text = re.sub(r"-\n", "-", "\n".join(msg.translator_comments))
        for line in text.split("\n"):
            if _COMMENT.match(line):
                ids.update(part.strip()[len(PREFIX):] for part in line.split(","))
    return frozenset(ids)


def split(issues: Issues, msg: Message) -> tuple[Issues, Issues]:
    """(the issues still reported, those the entry silences)."""
    ids = ignored(msg)
    if not ids:
        return issues, ()
    kept = tuple(i for i in issues if i[0].id not in ids or i[0].topic == UNSUPPRESSABLE)
    if len(kept) == len(issues):
        return issues, ()
    return kept, tuple(i for i in issues if i not in kept)


_FUZZY_ONLY = ("fuzzy",)


def flag_findings(catalog: Catalog, known: Mapping[str, Check], path: str,
                  severity: Severity = IGNORE_FLAG.severity) -> Iterable[Finding]:
    """An ``ignore-flag`` warning for each flag of ``catalog`` that names a safety check or no
    check at all."""
    for msg in catalog.active():
        if not msg.translator_comments and (not msg.flags or msg.flags == _FUZZY_ONLY):
            continue  # most entries: no mark to look at (a machine translation is fuzzy)
        for check_id in sorted(ignored(msg)):
            check = known.get(check_id)
            if check is not None and check.topic != UNSUPPRESSABLE:
                continue
            why = ("no check has this id" if check is None else
                   "a safety check is never silenced; the finding stays and the translation "
                   "is still held back")
            yield Finding(IGNORE_FLAG.id, severity, f"{PREFIX}{check_id}: {why}", path,
                          msg.line, 1, None, IGNORE_FLAG.hint)
