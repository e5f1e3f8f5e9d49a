"""What a page shows as code (``pipeline.page_code``): a translation that ends the English's
code after it, its lines read as CommonMark reads them, whatever the quick looks spare."""

from __future__ import annotations

import pytest

from pipeline.article import parse_article
from pipeline.page_code import opens_code

PAIR = ('<span data-ttu-id="abcde-1">T</span><span class="sxs-lookup">'
        '<span data-stu-id="abcde-1">English</span></span>')
CASES = [  # (text before the pair, after it, translation, whether English code is lost)
    ("```\n", "\n<div>\n", "Tr\n```", True),  # closes the fence the English leaves open
    ("", "\n====\n    <img src=x>\n", "Tr\n", True),  # the underline a paragraph over the code
    ("", "\n\n    code\n", "Tr\nsuite", False),  # a blank line keeps the code code
    ("", "\n\ntext\n", "Tr\n", False),  # no code after it at all
    ("    code\n\n", "\n", "Tr\n", False),  # code before it stays code
]


@pytest.mark.parametrize(("before", "after", "translation", "lost"), CASES,
                         ids=["fence closed", "setext underline", "blank line", "no code",
                              "code before"])
def test_a_translation_that_ends_the_englishs_code_after_it_is_seen(
        before: str, after: str, translation: str, lost: bool) -> None:
    article = parse_article("# T\n\n" + before + PAIR + after, "fr-FR/a.md")
    [seg] = article.segments
    assert opens_code(article, seg.start, seg.end, translation, seg.source) is lost
