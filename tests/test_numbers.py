"""Numbers as evidence shared by both languages: one key whatever the script."""

from __future__ import annotations

import pytest

from glossary.numbers import (
    chinese_number_keys,
    chinese_numeral_value,
    english_cardinal,
    english_number_keys,
    english_ordinal,
)


@pytest.mark.parametrize(
    "chinese, english",
    [
        ("二〇三五年", "by 2035"),
        ("十八大", "the 18th National Congress"),
        ("增长6.7%", "6.7 percent"),
        ("退出煤炭产能1.5亿吨", "150 million metric tons"),
        ("今年高校毕业生795万人", "7.95 million students"),
        ("5000万吨", "50-million tons"),
        ("国内生产总值达到74.4万亿元", "74.4 trillion yuan"),
        ("补助2,035元", "2035 yuan"),
    ],
)
def test_a_number_has_one_key_in_either_language(chinese: str, english: str) -> None:
    assert chinese_number_keys(chinese) == english_number_keys(english)


def test_scaled_quantities_do_not_meet_their_bare_digits() -> None:
    # 5000万 is fifty million, not the 5,000 of another sentence
    assert "#5000" not in chinese_number_keys("压减钢铁产能5000万吨")
    assert english_number_keys("5,000 tons") == ["#5000"]


def test_a_lone_myriad_is_not_a_number() -> None:
    assert chinese_number_keys("万人") == []
    assert chinese_number_keys("三千万人") == ["#30000000"]
    assert chinese_numeral_value("二十一") == 21


@pytest.mark.parametrize(
    ("word", "cardinal", "ordinal"),
    [
        ("five", 5, None),
        ("Four-Pronged", 4, None),
        ("eight-point", 8, None),
        ("fifth", None, 5),
        ("third-tier", None, 3),
        ("twice", None, None),
        ("fiver", None, None),
    ],
)
def test_a_number_word_is_a_cardinal_or_an_ordinal(
    word: str, cardinal: int | None, ordinal: int | None
) -> None:
    assert english_cardinal(word) == cardinal
    assert english_ordinal(word) == ordinal
