"""Pipe tables as Markdig cuts them: rows into cells at unescaped ``|`` outside code spans,
cells into parts at ``<br>`` outside code spans. The delimiter row holds no text; cells beyond
the header's column count are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.segment.escapes import escaped
from pipeline.segment.flat import Flat
from pipeline.segment.inline import code_spans
from pipeline.segment.paragraphs import single_run

_BR = re.compile(r"</?br\s*/?>", re.I)


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    row = text[start:end]
    code = code_spans(row) if "`" in row else []
    ci = 0
    bounds: list[int] = []
    i = row.find("|")
    while i >= 0:  # the pipes alone: a row is mostly text
        at, i = i, row.find("|", i + 1)
        while ci < len(code) and code[ci][1] <= at:
            ci += 1
        if ci < len(code) and code[ci][0] < at:
            continue
        if escaped(row, at):
            continue
        bounds.append(at)
    cells: list[tuple[int, int]] = []
    prev = 0
    for b in bounds:
        cells.append((prev, b))
        prev = b + 1
    cells.append((prev, len(row)))
    stripped = row.strip()
    if stripped.startswith("|") and cells:
        cells = cells[1:]
    if stripped.endswith("|") and len(stripped) > 1 and cells:
        cells = cells[:-1]
    return [(start + a, start + b) for a, b in cells]


def table_runs(text: str, lines: Sequence[tuple[int, int]]) -> list[Flat]:
    runs: list[Flat] = []
    for index, (start, end) in enumerate(lines):
        if index == 1:  # the delimiter row
            continue
        for a, b in _cells(text, start, end):
            pos = a
            # a <br> in a code span is code, no line break (``tag `<br>` ends a line``), and
            # an escaped one is text ('\\<br>' shows '<br>')
            code = [(a + s, a + e) for s, e in code_spans(text[a:b])] \
                if "`" in text[a:b] else []
            for m in _BR.finditer(text, a, b):
                if escaped(text, m.start()) or any(s < m.start() < e for s, e in code):
                    continue
                runs.append(single_run(text, pos, m.start()))
                pos = m.end()
            runs.append(single_run(text, pos, b))
    return runs
