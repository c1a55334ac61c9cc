"""Numerical abbreviations (四风, 三去一降一补) and the English that names their items."""

from __future__ import annotations

import pytest

from glossary.enumerations import counted_items, enumerations, item_position, labels
from glossary.word_alignment import english_tokens


def _lists(english: str, counts: set[int]) -> list[str]:
    tokens = english_tokens(english)
    return [
        " ".join(tokens[k].text for item in items for k in item)
        for items in enumerations(tokens, frozenset(counts))
    ]


def _labels(english: str, counts: set[int]) -> list[str]:
    tokens = english_tokens(english)
    return [" ".join(tokens[k].text for k in items) for items in labels(tokens, frozenset(counts))]


@pytest.mark.parametrize(
    ("term", "counts"),
    [
        ("四风", {4}),
        ("三农", {3}),
        ("双创", {2}),
        ("三去一降一补", {3, 5}),  # three cuts, one reduction, one boost: 3 or 5 items
        ("两免一补", {2, 3}),
        ("全面两孩政策", set()),  # a count inside a name abbreviates nothing
        ("一国", set()),  # one names no set
        ("五年规划", set()),  # five years measure time
        ("二十大", set()),  # the 20th congress
        ("一带一路", {2}),  # one belt and one road
        ("科技强国", set()),
    ],
)
def test_a_numerical_abbreviation_names_its_first_numeral_or_the_sum(
    term: str, counts: set[int]
) -> None:
    assert counted_items(term) == counts


def test_a_list_of_as_many_items_is_found_without_the_verb_before_it() -> None:
    english = "We took firm action to address formalism, bureaucratism, hedonism, and extravagance, and rigorously enforced the rules."
    assert _lists(english, {4}) == ["formalism bureaucratism hedonism extravagance"]
    assert _lists(english, {3}) == []  # four items are no list of three


def test_the_first_item_is_no_longer_than_the_others() -> None:
    english = "We must willingly maintain political integrity, think in big-picture terms, uphold the leadership core, and keep in alignment."
    assert _lists(english, {4}) == [
        "maintain political integrity think in big-picture terms uphold the leadership core keep in alignment"
    ]


def test_a_list_without_the_serial_comma_ends_at_the_next_conjunction() -> None:
    english = "support agriculture, rural areas and farmers and small businesses."
    assert _lists(english, {3}) == ["agriculture rural areas farmers"]


def test_the_tail_of_a_longer_list_is_no_list() -> None:
    english = "Promote balanced economic, political, cultural, social, and ecological progress."
    assert _lists(english, {5}) == ["economic political cultural social ecological progress"]
    assert _lists(english, {4}) == []


def test_a_list_in_a_translators_note_is_left_out() -> None:
    english = "the Four-Pronged Comprehensive Strategy (Note: This refers to moves to build prosperity, deepen reform, advance the rule of law, and strengthen discipline)"
    assert _lists(english, {4}) == []


def test_a_label_is_a_cardinal_and_the_words_after_it() -> None:
    english = "we focused on five priority tasks -- cutting overcapacity, lowering costs"
    assert _labels(english, {3, 5}) == ["five priority tasks"]
    assert _labels("the Four-Pronged Comprehensive Strategy;", {4}) == [
        "Four-Pronged Comprehensive Strategy"
    ]


def test_an_ordinal_is_no_label() -> None:
    assert _labels("the fifth plenary session", {5}) == []


def test_a_terms_place_in_a_list_set_off_by_the_enumeration_comma() -> None:
    chinese = "抓好去产能、去库存、去杠杆、降成本、补短板，改善供给。"

    def place(term: str) -> tuple[int, int] | None:
        start = chinese.index(term)
        return item_position(chinese, start, start + len(term))

    assert place("去产能") == (5, 0)  # the first item, after the verb governing the list
    assert place("去库存") == (5, 1)
    assert place("补短板") == (5, 4)
    assert place("库存") is None  # no whole item
    assert place("改善供给") is None  # no list
    assert item_position("推进改革、开放。", 2, 4) is None  # two items: no list of three
