"""DocFX's block syntax the Markdown reader must know: a line that is a directive (``:::`` zone,
moniker, image, row, column; ``[!NOTE]``; a line that is one ``[!INCLUDE …]``) stands alone and
is never a segment."""

from __future__ import annotations

import re

# DocFX: `:::` directives (zone, moniker, image, row, column) and lines that are one `[!…]`
# (its brackets one level deep: `[!INCLUDE[a](b.md)] and [!INCLUDE[c](d.md)]` is text)
_DIRECTIVE = re.compile(
    r" {0,3}(?::::|\[!(?:NOTE|TIP|IMPORTANT|CAUTION|WARNING)\][ \t]*$"
    r"|\[!(?:INCLUDE|include|Include|div|DIV|VIDEO|video|Video|code|Code)\b"
    r"(?:[^\[\]\r\n]|\[[^\[\]\r\n]*\])*\][ \t]*$)"
)
# A `:::` that is inline: DocFX's no-loc, or a directive closed on its line with text after it
# (`:::image type="icon" source="gear.png"::: and then select`; a full stop alone is no text)
# (To the first ':::' after the opening, then on to a letter or digit: a letter after a later
# ':::' is after the first one too, and the line is read once, however many ':::' it has.)
_INLINE_COLONS = re.compile(r" {0,3}:::(?:no-loc\b|(?:(?!:::)[^\r\n])*+:::[^\r\n]*?[^\W_])")


def is_directive(rest: str) -> bool:
    """Whether a line's text (after its container prefixes) is a DocFX block directive."""
    return _DIRECTIVE.match(rest) is not None and _INLINE_COLONS.match(rest) is None

# The image directive, its attributes on one line or several: up to the ':::' that closes it
# (included), or to a blank line (LF or CRLF) for one never closed. Its alt text is translated
# in place.
IMAGE = re.compile(r":::image\b(?:(?!:::)[^\n]|\n(?![ \t\r]*\n))*(?::::)?")
IMAGE_ALT = re.compile(r'\balt-text\s*=\s*"([^"]*)"')
