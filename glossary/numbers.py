"""Numbers as language-neutral evidence: 2035, 十八大 and "18th", 二〇二四年 and 2024.

Numbers, dates and ordinals survive translation almost unchanged, so both the
aligner and the lexicon reduce them to one key, ``#18``, whatever script they came in.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIADS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def chinese_numeral_value(numeral: str) -> int | None:
    """The value of a Chinese numeral: 十八 → 18, 二十一 → 21, 二〇三五 → 2035,
    一百零五 → 105; ``None`` if it is not a well-formed numeral."""
    if not numeral or not CHINESE_NUMERAL.fullmatch(numeral):
        return None
    if not any(c in _UNITS or c in _MYRIADS for c in numeral):
        # digit by digit, as years are written: 二〇三五
        return int("".join(str(_DIGITS[c]) for c in numeral))
    total = section = 0
    digit: int | None = None
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            total += (section + (digit or 0)) * _MYRIADS[char]
            section, digit = 0, None
    return total + section + (digit or 0)


# A Chinese numeral counts as a number only where it is plainly one: it has a unit
# character (十, 百 …), is an ordinal (第三) or an enumeration (一是, 二是), or stands
# before a classifier (三个, 五项). Otherwise 一 in 统一, 一体 or 一带一路 would become
# a number everywhere; 一个 and 两院 are "a" and "both" more often than numbers.
_ZH_NUMBER_CONTEXT = re.compile(
    r"(第)?([零〇一二两三四五六七八九十百千万亿]+)"
    r"(年|月|日|次|届|个|项|条|大|周年|号|颗|种|位|名|批|倍|是)?"
)
# Units after which a numeral measures time or an order (五年 "five years", 三次
# "three times", 五届 "the fifth session", 两倍 "double") instead of counting a set.
MEASURING_UNITS = ("周年", "年", "月", "日", "次", "届", "号", "倍")

# Digits scaled by the myriads after them, as reports write quantities: 795万 (7.95
# million), 1.5亿 (150 million), 74.4万亿 (74.4 trillion).
_ARABIC = re.compile(r"(\d+(?:[.,]\d+)*)([万亿]*)")


def _counts_as_number(ordinal: str | None, numeral: str, classifier: str | None) -> bool:
    if ordinal or classifier == "是" or any(c in numeral for c in "十百千万亿"):
        return True
    if classifier == "年":
        return len(numeral) > 1  # 二〇三五年, not 一年
    return classifier is not None and numeral not in ("一", "两")


def chinese_number_keys(text: str) -> list[str]:
    keys = []
    for match in _ARABIC.finditer(text):
        digits, myriads = match.groups()
        scale = 1
        for char in myriads:
            scale *= _MYRIADS[char]
        keys.append(f"#{_arabic_value(digits, scale)}")
    for match in _ZH_NUMBER_CONTEXT.finditer(text):
        ordinal, numeral, classifier = match.groups()
        value = chinese_numeral_value(numeral)
        if value and _counts_as_number(ordinal, numeral, classifier):  # not a lone 万
            keys.append(f"#{value}")
    return keys


_EN_CARDINALS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
}
_EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
_EN_WORDS = {**_EN_CARDINALS, **_EN_ORDINALS, "once": 1, "twice": 2}
_EN_SCALES = {"million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_NUMBER = re.compile(
    r"\b(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?\b(?:[ -](million|billion|trillion)\b)?|\b([a-z]+)\b",
    re.IGNORECASE,
)


def english_number_keys(text: str) -> list[str]:
    keys = []
    for match in _EN_NUMBER.finditer(text):
        digits, scale, word = match.groups()
        if digits:
            keys.append(f"#{_arabic_value(digits, _EN_SCALES[scale.lower()] if scale else 1)}")
        elif word.lower() in _EN_WORDS:
            keys.append(f"#{_EN_WORDS[word.lower()]}")
    return keys


def english_cardinal(word: str) -> int | None:
    """The value of a cardinal number word, alone or opening a hyphenated compound
    ("five", "Four-Pronged", "eight-point"); None for anything else, ordinals
    included ("fifth" counts nothing)."""
    return _EN_CARDINALS.get(word.split("-", 1)[0].lower())


def english_ordinal(word: str) -> int | None:
    """The value of an ordinal number word, alone or opening a hyphenated compound
    ("fifth", "third-tier"); None for anything else."""
    return _EN_ORDINALS.get(word.split("-", 1)[0].lower())


def _arabic_value(digits: str, scale: int = 1) -> str:
    """2,035 and 2035 are one number; 3.5 stays 3.5; 7.95 at a scale of a million
    and 795 at a scale of ten thousand are both 7950000."""
    try:
        value = Decimal(digits.replace(",", "")) * scale
    except InvalidOperation:
        return digits
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
