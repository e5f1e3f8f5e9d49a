"""The ids of the problems found while reading and writing files: not rules, but ids users see,
select and look up (``pipeline checks``). A light module of its own, so that the readers and
writers (article, catalog, io, layout) raise with these constants, never with a string literal,
without loading any rule.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from pipeline.findings import Check, Finding, InputError, Severity

ENCODING = Check(
    "encoding", "input", Severity.ERROR,
    "the file is not valid UTF-8 text, or its name is not UTF-8 (the file is skipped)",
    "save the file as UTF-8; rename it in UTF-8",
)
EMPTY_ARTICLE = Check(
    "empty-article", "input", Severity.ERROR,
    "an article with no text (0 bytes, or white space only): a copy or download cut short (the "
    "file is skipped)",
    "restore the article from version control or the handoff; to remove an article, delete "
    "its file",
)
FRONT_MATTER = Check(
    "front-matter", "input", Severity.ERROR,
    "front matter that cannot be read safely (unclosed, invalid or hostile YAML)",
    "fix the YAML; front matter holds plain keys and values",
)
TOO_LARGE = Check(
    "too-large", "input", Severity.ERROR,
    "a file larger than the configured limit",
    "split the article, or raise max-file-size in [tool.pipeline]",
)
PO_SYNTAX = Check(
    "po-syntax", "input", Severity.ERROR,
    "a catalog that does not parse as PO",
    "fix the catalog in a PO editor or restore it; it is never overwritten while broken",
)
PO_DUPLICATE = Check(
    "po-duplicate", "input", Severity.ERROR,
    "two catalog entries for the same English",
    "merge the two entries into one",
)
PO_PLURAL = Check(
    "po-plural", "input", Severity.ERROR,
    "plural entries, or a Plural-Forms header msgfmt would reject, in an article catalog",
    "remove msgid_plural/msgstr[n]; each segment is one string",
)
PO_FOREIGN_ENTRY = Check(
    "po-foreign-entry", "input", Severity.ERROR,
    "a catalog entry added by hand: English not in the article, and no segment id",
    "remove the entry; the catalog is left as is and nothing is published from it",
)
PO_LOCALE = Check(
    "po-locale", "input", Severity.ERROR,
    "a catalog whose Language header names another language (or script) than its locale folder",
    "move the catalog to its locale's folder, or correct its Language header; it is left as "
    "is and nothing is published from it",
)
INTERNAL_ERROR = Check(
    "internal-error", "input", Severity.ERROR,
    "a bug in the pipeline while processing an article (the others still run)",
    "report it with the article attached; the article's files were left as they were",
)
WRITE_FAILED = Check(
    "write-failed", "input", Severity.ERROR,
    "an output could not be written",
    "check permissions and free space; the previous file is intact",
)
LAYOUT = Check(
    "layout", "input", Severity.INFO,
    "a folder under the content root that is no locale",
    "put articles under <locale>/ folders such as fr-FR/; others are skipped",
)
UNREADABLE = Check(
    "unreadable", "input", Severity.ERROR,
    "a folder that cannot be read, a symbolic link that cannot be followed, or a file that is "
    "no regular file (a FIFO, a device) in the content, "
    "catalogs or XLIFF tree; what is in it is skipped, the rest still runs",
    "check the folder's permissions, or fix the link, then run again",
)
SYMLINK_LOOP = Check(
    "symlink-loop", "input", Severity.WARNING,
    "a symbolic link to a folder it is in; it is not followed (nothing is lost: what it points "
    "to is walked already)",
    "remove the link",
)
MARKDOWN_UNCLOSED = Check(
    "markdown-unclosed", "input", Severity.WARNING,
    "English Markdown whose code fence, HTML comment or <pre>/<script> block is never closed: "
    "the rest of the article is inside it on the page, and none of it is translated",
    "close it where it ends",
)
HANDOFF_IN_ENGLISH = Check(
    "handoff-in-english", "input", Severity.ERROR,
    "an English article (content/en-US) that holds sxs span pairs: a locale's handoff put in "
    "the English folder, or English pasted from one (the article is skipped)",
    "move a handoff to its locale's folder, content/<locale>/; write English without the spans",
)
RENDER_SUBSTITUTED = Check(
    "render-substituted", "safety", Severity.WARNING,
    "a translation with errors was not published; a safe text stood in for it",
    "fix the translation in the catalog",
)

# Found by the article reader while it reads the span pairs (``Article.problems``).
MALFORMED_SPAN = Check(
    "malformed-span", "structure", Severity.ERROR,
    "span markup that does not parse (escaped or missing quotes in an attribute, upper case, "
    "other attributes)",
    "restore the attribute as data-ttu-id=\"…\" / data-stu-id=\"…\" with plain quotes, and the "
    "spans as the handoff writes them: lower case, no other attribute",
)
UNPAIRED_TRANSLATION = Check(
    "unpaired-translation", "structure", Severity.ERROR,
    "a translation span without its English lookup span",
    "restore the <span class=\"sxs-lookup\"> part from the source delivery",
)
UNPAIRED_LOOKUP = Check(
    "unpaired-lookup", "structure", Severity.ERROR,
    "an English lookup span without a translation span before it",
    "restore the <span data-ttu-id=…> translation span from the source delivery",
)
UNCLOSED_SPAN = Check(
    "unclosed-span", "structure", Severity.ERROR,
    "an English lookup span that is never closed",
    "end the pair with </span></span>",
)
NESTED_SPAN = Check(
    "nested-span", "structure", Severity.ERROR,
    "a pair inside a span of another pair (kept as it is, inner pair and all)",
    "take the inner pair out of the span, or restore both pairs from the source delivery",
)

INPUT_CHECKS: tuple[Check, ...] = (
    ENCODING,
    EMPTY_ARTICLE,
    FRONT_MATTER,
    TOO_LARGE,
    PO_SYNTAX,
    PO_DUPLICATE,
    PO_PLURAL,
    PO_FOREIGN_ENTRY,
    PO_LOCALE,
    INTERNAL_ERROR,
    WRITE_FAILED,
    LAYOUT,
    UNREADABLE,
    SYMLINK_LOOP,
    MARKDOWN_UNCLOSED,
    HANDOFF_IN_ENGLISH,
    RENDER_SUBSTITUTED,
)


def too_large(shown: str, size: int, limit: int) -> InputError:
    """A file over ``max-file-size``, refused before it is read whole (local or URL roots)."""
    return InputError(TOO_LARGE.id, f"file is {size:,} bytes; the limit is {limit:,}", shown, 0,
                      0, TOO_LARGE.hint)


def unreadable(path: object, exc: OSError, shown: str) -> Finding:
    """Why an article cannot be read, and what to do: a symbolic link to nothing is not a
    matter of permissions."""
    if exc.errno == errno.ELOOP:
        return Finding(UNREADABLE.id, Severity.ERROR, "cannot follow this symbolic link "
                       "(it leads back to itself)", shown, hint="point the link at the "
                       "article, or remove it")
    if isinstance(path, Path) and path.is_symlink() and not path.exists():
        return Finding(UNREADABLE.id, Severity.ERROR, f"a symbolic link to "
                       f"{str(path.readlink())!r}, which does not exist", shown, hint="point the "
                       "link at the article, or remove it")
    return Finding(UNREADABLE.id, Severity.ERROR, f"cannot read: "
                   f"{exc.strerror or exc}", shown, hint="check the file's permissions")


def in_the_way(path: str | os.PathLike[str], shown: str) -> tuple[str, str] | None:
    """(what stands where a folder of ``path`` should be, what to do), naming it as ``shown``
    does: a file (``locales/fr-FR`` a file, for ``locales/fr-FR/a.po``), or a symbolic link to
    nothing (``build/fr-FR -> ../gone``); None when neither. 'Not a directory' and 'File
    exists' named no file, and their hint was about permissions."""
    at, named = os.fspath(path), shown
    while at != os.path.dirname(at):
        at, named = os.path.dirname(at), os.path.dirname(named)
        found = standing(at, named or at)
        if found is not None or os.path.exists(at):  # the first there: a file, or no culprit
            return found
    return None


def standing(at: str, named: str) -> tuple[str, str] | None:
    """(what stands at ``at``, where a folder should be, what to do): a symbolic link to
    nothing or a file, named ``named``; None when a folder is there, or nothing."""
    if os.path.islink(at) and not os.path.exists(at):
        return (f"{named} is a symbolic link to {os.readlink(at)!r}, which does not exist",
                "restore what the link points to, or remove the link")
    return file_in_the_way(named) if os.path.exists(at) and not os.path.isdir(at) else None


def file_in_the_way(named: str) -> tuple[str, str]:
    return f"{named} is a file, where a folder should be", "move that file away"
