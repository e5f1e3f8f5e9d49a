from __future__ import annotations

import pytest

from pipeline.wide import wide_form

TEXT = "---\ntitle: Café\n---\n# Hello 世界\n"


@pytest.mark.parametrize("codec, form", [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
])
def test_text_in_a_wide_form_is_named_with_or_without_a_byte_order_mark(
        codec: str, form: str) -> None:
    assert wide_form(TEXT.encode(codec)) == form


@pytest.mark.parametrize("data", [TEXT.encode(), b"", b"a", "\ufeff# T\n".encode(),
                                  "世界".encode() * 50])
def test_utf8_is_no_wide_form(data: bytes) -> None:
    assert wide_form(data) is None
