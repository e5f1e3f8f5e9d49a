"""What the last report knew of each article, so that a report over an unchanged tree rewrites
nothing and works out only the overview pages.

An article's pages depend on its article and catalog, on the findings about it (their lines,
states and messages), and on the settings. The run cache says which articles' files are as the
last run left them (``Summary.replayed``); for those, when the findings are the same again and
the first page is still there, the pages are as they were: the article's overview summary and
the anchors of its findings come from here, and its pages are neither made nor written.

Kept as JSON in the report folder (``.report-cache``), small (a line per article); anything
unexpected in it makes it ignored. Deleting it changes no page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.findings import Finding
from pipeline.report.overview import Summary
from pipeline.report.states import Tally

NAME = ".report-cache"
_FORMAT = 2  # 2: a fifth state, held


def findings_digest(findings: Sequence[Finding]) -> str:
    """The findings about one article, as a page shows them (repr: every field, in order)."""
    return hashlib.sha256(repr(tuple(findings)).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Known:
    """An article's pages as the last report wrote them."""

    digest: str  # of the findings about it
    summary: Summary
    anchors: tuple[str, ...]
    pages: int


class PageCache:
    def __init__(self, out_dir: str, fingerprint: str) -> None:
        self.path = Path(out_dir, NAME)
        self.fingerprint = fingerprint
        self.known: dict[str, Known] = {}
        self.fresh: dict[str, Known] = {}
        try:
            # surrogateescape: the fingerprint names the roots, whose names may not be UTF-8
            data = json.loads(self.path.read_text(encoding="utf-8", errors="surrogateescape"))
            if data.get("format") == _FORMAT and data.get("fingerprint") == fingerprint:
                for rel, (digest, locale, title, page, counts, readable, anchors, pages) in (
                        data["articles"].items()):
                    summary = Summary(rel, locale, title, page, Tally(tuple(counts)),
                                      bool(readable))
                    self.known[rel] = Known(digest, summary, tuple(anchors), int(pages))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            self.known = {}  # none, or one we cannot trust: every page is made

    def reusable(self, rel: str, digest: str, out_dir: str) -> Known | None:
        """The article's pages as last written, when they still stand for ``digest``."""
        known = self.known.get(rel)
        if known is None or known.digest != digest:
            return None
        if not os.path.exists(os.path.join(out_dir, known.summary.page)):
            return None
        return known

    def put(self, rel: str, known: Known) -> None:
        self.fresh[rel] = known

    def save(self) -> None:
        if self.fresh == self.known:
            return
        articles = {
            rel: [k.digest, k.summary.locale, k.summary.title, k.summary.page,
                  list(k.summary.tally.counts), k.summary.readable, list(k.anchors), k.pages]
            for rel, k in sorted(self.fresh.items())
        }
        text = json.dumps({"format": _FORMAT, "fingerprint": self.fingerprint,
                           "articles": articles}, ensure_ascii=False, separators=(",", ":"))
        from pipeline.findings import InputError
        from pipeline.io import write_atomic

        with contextlib.suppress(InputError, OSError):  # an unsaved cache costs only time
            write_atomic(self.path, text.encode("utf-8", "surrogateescape"), str(self.path))
