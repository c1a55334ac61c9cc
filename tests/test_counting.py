"""Counting many strings in one pass gives exactly what str.count gives."""

from __future__ import annotations

import random

from glossary.extraction.counting import count_all


def test_counts_match_str_count_on_overlapping_and_nested_strings() -> None:
    text = "科技强国科技强国强国 aaaa 科技"
    strings = ["科技强国", "强国", "科技", "国科", "aa", "aaa", "不在", "科技强国科技"]
    assert count_all(strings, text) == {s: text.count(s) for s in strings}
    assert count_all(strings, text)["aa"] == 2  # non-overlapping, leftmost first


def test_counts_match_str_count_on_random_text() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("科技强国人才") for _ in range(2000))
    strings = {text[i : i + rng.randint(1, 5)] for i in rng.sample(range(1990), 200)} | {
        "国国国",
        "才科",
    }
    assert count_all(strings, text) == {s: text.count(s) for s in strings}


def test_nothing_to_count() -> None:
    assert count_all([], "科技") == {}
    assert count_all([""], "科技") == {}
