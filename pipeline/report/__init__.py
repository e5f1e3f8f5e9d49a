"""A static HTML report of a tree: completion per locale, the findings by check, and each
article's English beside its published translation with the findings on their segments.

Entered at ``<out>/index.html``; it works from the file system, offline: no script, nothing
fetched, one local style sheet. Every input text is escaped (translations are untrusted).

- ``states``        each segment's state (reviewed, MT, stale, missing) and text direction
- ``collect``       an article and its catalog as rows, with the findings placed on them
- ``html``          escaping, links, page skeleton, completion bars
- ``article_page``  the side-by-side page(s) of one article
- ``overview``      the index, the locale pages and the check pages
- ``build``         runs the checks and writes every page (in parallel, only when changed)
- ``command``       ``python -m pipeline report``
"""

from typing import Any

__all__ = ["Result", "check", "write_report"]


def __getattr__(name: str) -> Any:
    # The builder is imported on first use: a no-op `locales` run should not pay for
    # importing the report's modules.
    if name in ("Result", "check", "write_report"):
        from pipeline.report import build

        return getattr(build, name)
    raise AttributeError(name)
