"""A progress bar on a terminal for runs longer than a second; silent otherwise."""

from __future__ import annotations

import time
from typing import TextIO

_DELAY = 1.0  # a run shorter than this shows no bar at all
_INTERVAL = 0.1


class Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total > 0 and stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.visible = False

    def advance(self, *_: object) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < _DELAY or (now - self.drawn_at < _INTERVAL
                                            and self.done < self.total):
            return
        self.drawn_at = now
        import shutil  # only a bar being drawn needs it

        width = max(10, min(40, shutil.get_terminal_size((80, 20)).columns - 40))
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} articles {now - self.started:.1f}s")
        self.stream.flush()
        self.visible = True

    def close(self) -> None:
        if self.visible:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.visible = False
