"""Segmenting plain English Markdown as Microsoft's handoffs did.

``segment(text, path)`` is pure and deterministic: the blocks of the body (``blocks``), the runs
of text in each (``paragraphs``, ``tables``, ``html``), the sentences of each run
(``sentences``, never cutting the inline Markdown ``inline`` finds), numbered as Microsoft
numbers them (``ids``), headings with their slugs (``anchors``). Front matter ``title`` and
``description`` and image alt text are numbered too but are never pairs (``fields``).

Bad input never raises: it comes back as findings on the ``SegmentedArticle``.
"""

from __future__ import annotations

from pipeline.segment.model import Kind, Segment, SegmentedArticle
from pipeline.segment.segmenter import segment, segment_bytes

__all__ = ["Kind", "Segment", "SegmentedArticle", "segment", "segment_bytes"]
