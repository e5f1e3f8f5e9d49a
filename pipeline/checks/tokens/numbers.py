"""Numbers as a reader reads them, whatever the locale writes: digit runs of any script, group
and decimal separators, scale words, 12-hour times."""

from __future__ import annotations

import re

from pipeline.checks.tokens.code import MASK
from pipeline.checks.tokens.entities import ENTITY
from pipeline.checks.tokens.prose import prose

DIGIT_RUN = re.compile(r"\d+")
_NON_DIGIT = re.compile(r"\D")
# A number with its group and decimal separators (1,000 / 1.000 / 1 000 / ١٬٠٠٠ / 1'000) and
# a scale word: English K/M/B and thousand/million/billion ('1 million' is the '100 万' of
# Chinese and Japanese), Chinese and Japanese 万 (萬 in Traditional Chinese: 10⁴) and 億/亿 (10⁸).
_WORDS = ("thousand", "million", "billion")
_WORD = "(?:" + "|".join(_WORDS) + ")(?![A-Za-z])"
_NUMBER = re.compile(
    r"(\d+(?:[.,\u00a0\u202f\u2009'’٫٬]\d+| \d{3}(?!\d))*)[ \u00a0]?"
    r"(万|萬|億|亿|[KMB](?![A-Za-z])|(?<=[ \u00a0])" + _WORD + ")?")
_SCALE: dict[str, int] = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000,
                          "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                          "万": 10_000, "萬": 10_000, "億": 100_000_000, "亿": 100_000_000}
_SCALE_WORD = re.compile(r"\d[ \u00a0]" + _WORD)
# English forms that other locales write differently: a 12-hour time ('6:00 P.M.' is 18:00)
# and the '24x7' idiom ('年中無休').
_TIME_12H = re.compile(r"\b(\d{1,2})(?::(\d\d))? ?([AaPp])\.?[Mm]\.?(?![A-Za-z])")
_ROUND_THE_CLOCK = re.compile(r"24 ?[xX×/] ?7(?: ?[xX×/] ?365)?")
# A US date's month may become a word ('11/16' is '16 ноября'): only its day and year count.
_US_DATE_MONTH = re.compile(r"\b(?:1[0-2]|0?[1-9])/(?=(?:3[01]|[12]\d|0?[1-9])\b)")


def digit_values(runs: list[str]) -> list[str]:
    """Digit runs as sorted values (int() reads any script's digits), a year such as 2018 as
    18: '13.01.18' is how ru-RU writes 1/13/2018."""
    out = []
    for r in runs:
        v = int(r)
        out.append(v % 100 if len(r) == 4 and 1900 <= v < 2100 else v)
    return [str(v) for v in sorted(out)]


def _amount(number: str, scale: str) -> float:
    """A number's value whatever its locale: the last separator is a decimal point unless
    exactly three digits follow it ('1.000' and '1,000' are a thousand, '28,4' is 28.4)."""
    digits = _NON_DIGIT.sub("", number)
    tail = DIGIT_RUN.findall(number)[-1]
    value: float
    if len(tail) != 3 and len(tail) != len(digits):
        value = int(digits[: -len(tail)]) + int(tail) / 10 ** len(tail)
    else:
        value = float(int(digits))
    return round(value * _SCALE[scale], 6)


def has_myriad(text: str) -> bool:
    """Whether ``text`` writes a myriad scale, 万 (萬) or 億 (亿): its digits alone may be a
    hundred times off the English's ('10 million' as '10 万')."""
    return "万" in text or "萬" in text or "億" in text or "亿" in text


def has_scale_word(text: str) -> bool:
    """Whether a number of ``text`` is followed by 'thousand', 'million' or 'billion'."""
    return _SCALE_WORD.search(text) is not None


def numbers(text: str, english: bool, scale_words: bool = True) -> tuple[list[str], list[str]]:
    """The prose's digit runs (digit_values) and its amounts, both sorted, amounts written in
    full (``_written``): any script's digits, any locale's grouping and decimal mark and
    scale words compare equal ('1 million' is a number alone where not ``scale_words``). On
    the English side, 12-hour times become 24-hour ones, the '24x7' idiom and the month of a
    US date are left out."""
    text = prose(text)
    if "&" in text:
        text = ENTITY.sub(MASK, text)
    if english:
        if "24" in text:
            text = _ROUND_THE_CLOCK.sub(MASK, text)
        text = _TIME_12H.sub(_to_24h, text)
        if "/" in text:
            text = _US_DATE_MONTH.sub(MASK, text)
    amounts = sorted(_amount(n, "" if not scale_words and k in _WORDS else k)
                     for n, k in _NUMBER.findall(text))
    return digit_values(DIGIT_RUN.findall(text)), [_written(a) for a in amounts]


def _written(amount: float) -> str:
    """An amount in full ('10000000', '28.4'): '%g' kept six digits, so 1234567 and 1234568
    were one amount, and a message said '1e+07'."""
    return f"{amount:.6f}".rstrip("0").rstrip(".")


def _to_24h(m: re.Match[str]) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3) in "Pp" else 0)
    return f"{hour}:{m.group(2) or '00'}"
