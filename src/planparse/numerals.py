"""Chinese numerals to integers.

Plans write numbers in three ways: Arabic digits (``2013``), positional Chinese
digits, mostly in years (``二○一一``, ``二〇二一``), and Chinese numerals with unit
characters (``十九``, ``二十三``, ``一百二十``).  :func:`cn_to_int` reads all three.
"""

from __future__ import annotations

import re

#: Chinese digit characters, including the forms used in years and financial text.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "◯": 0, "O": 0, "o": 0, "０": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Unit characters below 万.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Unit characters that close a group.
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

#: Characters that may appear in a Chinese numeral (for building regexes).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: A regex character class matching one numeral character.
NUMERAL_CLASS = "[" + re.escape(NUMERAL_CHARS) + "]"


def cn_to_int(text: str) -> int | None:
    """Read ``text`` as an integer, or return ``None`` when it is not a number.

    >>> cn_to_int("二○一一"), cn_to_int("十九"), cn_to_int("二十三"), cn_to_int("15")
    (2011, 19, 23, 15)
    """
    s = text.strip()
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if all(c in DIGITS for c in s):  # positional: 二○一一
        value = 0
        for c in s:
            value = value * 10 + DIGITS[c]
        return value
    total = 0  # sum of closed 万/亿 groups
    group = 0  # current group below 万
    digit: int | None = None
    for c in s:
        if c in DIGITS:
            if digit:  # two digits in a row: only 零 may precede another (一百零五)
                return None
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            group += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            group += digit or 0
            total = (total + group) * BIG_UNITS[c] if BIG_UNITS[c] > 10_000 else total + group * BIG_UNITS[c]
            group, digit = 0, None
        else:
            return None
    return total + group + (digit or 0)
