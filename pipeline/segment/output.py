"""A segmented article in the three forms ``pipeline segment`` writes: JSON records, a gettext
template (POT) and the sxs form a handoff would have before translation. Pure functions."""

from __future__ import annotations

from pipeline.catalog import Catalog, Message, format_po
from pipeline.segment.model import Kind, SegmentedArticle

_NOTES = {
    Kind.TITLE: "front matter: title",
    Kind.DESCRIPTION: "front matter: description",
    Kind.KEYWORDS: "front matter: keywords",
    Kind.ALT: "image alt text",
}


def json_record(article: SegmentedArticle, rel: str) -> dict[str, object]:
    """``{"file": …, "segments": [{"id", "source", "line", "column"}, …]}``: the pairs only,
    as Microsoft's handoff would hold them."""
    return {
        "file": rel,
        "segments": [
            {"id": s.id, "source": s.source, "line": s.line, "column": s.column}
            for s in article.segments
        ],
    }


def pot(article: SegmentedArticle, rel: str, language: str = "en_US") -> str:
    """The article's gettext template: one entry per English text (the pairs, and what the
    handoffs translate in place: title, description, keywords, image alt text), in article
    order; ``#.`` the segment ids, ``#:`` the lines. Deterministic: no clock. ``Language``
    names the English it was made from (``msgfmt -c`` wants the field; a PO made from the
    template sets its own)."""
    entries: dict[str, tuple[list[str], list[str]]] = {}  # msgid -> (comments, references)
    for seg in sorted((*article.segments, *article.fields), key=lambda s: s.number):
        comments, refs = entries.setdefault(seg.source, ([], []))
        comments.append(seg.id)
        note = _NOTES.get(seg.kind)
        if note is not None and note not in comments:
            comments.append(note)
        if seg.line:
            ref = f"{rel}:{seg.line}"
            if ref not in refs:
                refs.append(ref)
    header = (
        ("Project-Id-Version", rel),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", "1970-01-01 00:00+0000"),
        ("PO-Revision-Date", "1970-01-01 00:00+0000"),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    )
    messages = tuple(
        Message(msgid, "", None, (), (), tuple(comments), tuple(refs))
        for msgid, (comments, refs) in entries.items()
    )
    catalog = Catalog(
        header=header,
        header_comments=(
            f"Template of {rel}, segmented from its English as Microsoft's handoffs segment it.",
            "msgids are the English segments; #. gives their ids, #: their lines.",
        ),
        header_flags=(),
        messages=messages,
    )
    return format_po(catalog)


def pair(seg_id: str, english: str, translation: str | None = None) -> str:
    """A span pair: the translation (by default the English itself) and its English."""
    shown = english if translation is None else translation
    return (
        f'<span data-ttu-id="{seg_id}">{shown}</span><span class="sxs-lookup">'
        f'<span data-stu-id="{seg_id}">{english}</span></span>'
    )


def sxs(article: SegmentedArticle) -> str:
    """The article as a handoff would hold it before translation: every byte of the English
    kept but where a segment stands, which becomes a pair with the English on both sides;
    each heading gets Microsoft's ``<a name="slug"></a>`` after its ``#``s."""
    text = article.text
    parts: list[str] = []
    pos = 0
    for seg in article.segments:
        if seg.start < pos:  # cannot happen for a well-formed segmentation; keep the bytes
            continue
        parts.append(text[pos:seg.start])
        if seg.kind is Kind.HEADING and seg.anchor is not None:
            parts.append(_anchor_before(parts, seg.anchor))
        parts.append(pair(seg.id, seg.source))
        pos = seg.end
    parts.append(text[pos:])
    return "".join(parts)


def _anchor_before(parts: list[str], slug: str) -> str:
    """The anchor goes right after the heading's ``#``s: before whatever the English has
    between them and the heading's text (its own anchor, say), which is already in ``parts``."""
    last = parts[-1]
    line_start = last.rfind("\n") + 1
    line = last[line_start:]
    hashes = len(line) - len(line.lstrip(" "))
    while hashes < len(line) and line[hashes] == "#":
        hashes += 1
    while hashes < len(line) and line[hashes] in " \t":
        hashes += 1
    if line_start + hashes < len(last):  # something between the #s and the text: put it after
        parts[-1] = last[: line_start + hashes]
        return f'<a name="{slug}"></a>' + last[line_start + hashes:]
    return f'<a name="{slug}"></a>'
