"""Translation against source: each translation faithful to its English's code, links, markup,
placeholders and numbers.

Every rule compares the two sides as multisets, so a translation may reorder what it keeps
(word order changes across languages) but not drop, add or alter it. Severity follows harm:
ERROR where the published page breaks or says something false (code, link targets,
placeholders, broken HTML, a new line or '|' that splits a table row); WARNING or INFO where
good machine translation legitimately differs (emphasis moved, entities written as characters,
numbers spelled out, names left in English).

- ``verbatim``: what is copied unchanged (code, link targets, placeholders, names)
- ``markup``: HTML, escaping entities, emphasis
- ``text``: numbers, untranslated English, blank translations, white space, characters that
  split a block or show nothing

What each rule needs to find anything (``source_needs``/``translation_needs``, see
``SegmentRule``) is declared on the rule and read off its own early exits.
"""

from __future__ import annotations

from pipeline.checks.fidelity import markup, text, verbatim
from pipeline.checks.rule import SegmentRule

# The fidelity rules in the order they run and are listed (each declared on its function).
RULES: tuple[SegmentRule, ...] = (
    verbatim.code_changed,
    verbatim.link_target_changed,
    markup.emphasis_changed,
    markup.html_missing,
    markup.html_broken,
    markup.entity_changed,
    verbatim.placeholder_changed,
    verbatim.named_placeholder_missing,
    text.number_changed,
    verbatim.identifier_changed,
    text.untranslated,
    text.translation_blank,
    text.edge_whitespace,
    text.newline_added,
    text.pipe_added,
    text.link_text_broken,
    text.link_text_lost,
)
# Checks of a translation in its place on the page (``publish`` asks them).
PAGE_CHECKS = (text.ESCAPE_ADDED,)
