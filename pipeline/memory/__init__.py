"""Translation memory: every translation of a locale's catalogs, reused for new English.

- ``rows``     what one catalog gives the memory, and the provenance comment a fill leaves
- ``index``    a locale's memory: exact choices and the close-match candidates
- ``store``    the memory file beside the outputs, kept per catalog by file status
- ``session``  a run's memory: the catalogs it processed, the others from the file, the
               articles left to fill after the first pass, and the consistency findings
- ``fill``     untranslated entries of a merged catalog filled from the memory (pure)
- ``tmx``      TMX 1.4 export and import; ``command`` is ``tm-export``

This module is the settings only: the command line and the runner import it on every run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MEMORY_NAME = ".pipeline-memory"
FINDINGS_NAME = ".pipeline-memory-findings"
DEFAULT_THRESHOLD = 0.75


def in_use(setting: bool | None, configured: tuple[Path, ...], given: tuple[Path, ...]) -> bool:
    """Whether a run uses the memory: ``translation-memory`` on, or a TMX file named on the
    command line (``given``), or in settings (``configured``) that leave the memory unset:
    silently ignoring the file a user named would be worse than the run's cost."""
    return bool(setting or given or (setting is None and configured))


@dataclass(frozen=True)
class Setup:
    """How a run uses the memory. ``folder``: where its files live (the output folder of a
    run that renders, whose cache skips articles); None: kept in memory only, as a run that
    processes every article needs. ``snapshot``: set for the second pass, naming the memory
    the first pass built."""

    folder: Path | None
    threshold: float = DEFAULT_THRESHOLD
    publish_exact: bool = False
    tmx: tuple[Path, ...] = ()
    snapshot: str = ""

    def file(self, locale: str) -> Path | None:
        """A locale's memory file: each locale apart, so that a run touching one locale
        reads and writes that locale's alone."""
        return None if self.folder is None else self.folder / f"{MEMORY_NAME}.{locale}"

    @property
    def findings_file(self) -> Path | None:
        return None if self.folder is None else self.folder / FINDINGS_NAME

    @property
    def digest(self) -> str:
        """What the run cache's fingerprint takes of it (not the folder: the run's own)."""
        return self.key()

    def key(self) -> str:
        """What decides a fill besides the catalogs: part of the run cache's fingerprint. A
        TMX file by its status as well as its name (as the run cache knows the catalogs): a
        vendor's next delivery under the same name is read again, not replayed."""
        return repr((self.threshold, self.publish_exact,
                     [(str(p), _state(p)) for p in self.tmx]))


def _state(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # a missing file is named by the run that reads it
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

