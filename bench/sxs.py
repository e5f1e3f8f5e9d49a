"""The sxs span pair, as a plain regular expression.

Good enough for the bench (making English inputs, the naive and bare-regex baselines); the
pipeline's own scanner handles the corner cases this one ignores (entities, nesting, CRLF).
"""

import os
import re

# Group 1: the translation; group 2: the English source.
PAIR = re.compile(
    r'<span data-ttu-id="[^"]*">(.*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>',
    re.S,
)


def english_of(text: str) -> str:
    """The article with every pair replaced by its English."""
    return PAIR.sub(lambda m: m.group(2), text)


def markdown_files(root: str) -> list[str]:
    """Article paths relative to ``root``, sorted, skipping dot files and folders."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            if name.endswith(".md") and not name.startswith("."):
                found.append(os.path.normpath(os.path.join(rel_dir, name)))
    return sorted(found)
