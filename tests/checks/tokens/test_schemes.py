"""Script and data schemes however they are spelled: a text with no colon and no reference
that could spell one is counted as none without being read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.tokens.schemes import _SCHEME, bare_schemes

PIECES = st.sampled_from(["javascript", "JavaScript", "vbscript", "data", "text/html", ",",
                          "alert(1)", "\\", " ", "\t", "\x00", "x", ":", "&#58;", "&colon;",
                          "(", "=", '"', "数据", "\u00a0"])


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(PIECES, max_size=10).map("".join))
def test_every_scheme_read_ends_with_a_colon(text: str) -> None:
    # what lets bare_schemes count none in a text with no ':' and no '&' (a reference)
    low = text.replace("\\", "").lower()
    assert all(m.group().endswith(":") for m in _SCHEME.finditer(low))


def test_a_scheme_spelled_by_a_reference_is_counted_without_a_colon_in_the_text() -> None:
    assert bare_schemes("javascript&#58;alert(1)") == 1
    assert bare_schemes("javascript&colon;alert(1)") == 1
    assert bare_schemes("javascript alert(1)") == 0
