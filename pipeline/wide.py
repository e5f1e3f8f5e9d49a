"""Text saved in UTF-16 or UTF-32, which no reader here takes (articles, catalogs and terms
files are UTF-8, catalogs another ASCII-based charset too): which of the two, told by the byte
order mark, or by the NUL bytes an ASCII-heavy text has in every other (or three of every
four) bytes, so that the error names the form the file is in and the conversion that fits."""

from __future__ import annotations

import codecs

_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))  # 32 first: a prefix


def wide_form(data: bytes) -> str | None:
    """"UTF-32" or "UTF-16" where ``data`` is text in that form, else None."""
    for bom, form in _BOMS:
        if data.startswith(bom):
            return form
    head = data[:512]
    if len(head) < 4 or b"\x00" not in head[:4]:
        return None
    lanes = [head[i::4] for i in range(4)]
    if sum(lane.count(0) * 10 >= len(lane) * 9 for lane in lanes) == 3:
        return "UTF-32"  # three bytes of every four NUL
    if head[0::2].count(0) * 10 >= len(head) * 4 or head[1::2].count(0) * 10 >= len(head) * 4:
        return "UTF-16"
    return None
