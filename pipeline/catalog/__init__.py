"""Stage 2, the catalog: gettext PO files, one per article and locale.

- ``model``   ``Message`` and ``Catalog``, small and immutable
- ``writer``  exactly what GNU gettext writes, in the charset the header declares
- ``scan``    the PO grammar, line by line, every defect named at its line
- ``strings`` a string's escapes as gettext reads them, and why a string does not parse
- ``reader``  decode by the declared charset, then unescape, as gettext does (``decode``);
              ``canonical`` reads a file laid out as gettext writes it in one pass an entry
- ``plural``  the Plural-Forms header, checked as msgfmt checks it

The reader is gettext's PO grammar, written here rather than borrowed from polib: polib 1.2
silently drops characters from malformed strings, misreads several escapes and the "#~|" lines,
and completes a truncated file; its writer wraps lines differently from gettext, which vendors'
tools would show as churn (``docs/dependencies.md``).
"""

from __future__ import annotations

from pipeline.catalog.model import FUZZY, Catalog, Message
from pipeline.catalog.plural import plural_forms_problem
from pipeline.catalog.reader import parse_po, parse_po_bytes, validate_po_syntax
from pipeline.catalog.writer import encode_po, format_po

__all__ = [
    "FUZZY", "Catalog", "Message", "encode_po", "format_po", "parse_po", "parse_po_bytes",
    "plural_forms_problem", "validate_po_syntax",
]
