"""Renderings the memory agrees on, read back into units where the links fall short."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import glossary.terminology as terminology
from glossary.lexicon import Lexicon, english_keys
from glossary.rendering_consensus import MIN_UNITS, consensus_keys
from glossary.word_alignment import AlignedPair
from records import AlignedUnit

from .links import pair_with_links


def test_a_rendering_found_in_two_units_is_the_consensus() -> None:
    found = [
        ("新动能", "new growth drivers"),
        ("新动能", "New growth drivers"),
        ("新动能", "new drivers"),  # once: no consensus
        ("制高点", "high ground"),  # once: no consensus
    ]
    assert MIN_UNITS == 2
    assert consensus_keys(found) == {"新动能": frozenset(english_keys("new growth drivers"))}


def test_renderings_agree_by_their_words_not_their_order_or_inflection() -> None:
    found = [("减税降费", "tax and fee cuts"), ("减税降费", "cut taxes and fees")]
    assert consensus_keys(found) == {"减税降费": frozenset(english_keys("cut tax fee"))}


def test_an_abbreviation_agrees_with_its_long_form() -> None:
    found = [("科技", "S&T"), ("科技", "science and technology")]
    assert consensus_keys(found, {}) == {}
    assert consensus_keys(found, {"S&T": "science and technology"}) == {
        "科技": frozenset(english_keys("science and technology"))
    }


def test_renderings_that_extend_the_commonest_add_their_words_others_do_not() -> None:
    """强国 read inside 科技强国: "country" most often, "country strong" extends it,
    "technology power" is its neighbour's English and shares nothing with it."""
    found = [("强国", "country")] * 3 + [("强国", "country strong")] * 2
    found += [("强国", "technology power")] * 2 + [("强国", "great country")]  # once
    assert consensus_keys(found) == {"强国": frozenset(english_keys("country strong"))}


UNITS = [
    ("新动能加快成长。", "New growth drivers grew quickly."),
    ("培育新动能。", "We fostered new growth drivers."),
    ("新动能不断增强。", "Ever stronger are the new drivers of growth."),
]
# What a small memory's aligner might give: "growth" linked to the term where it stands
# inside the phrase, but not after "of".
LINKS = [
    {("新", "New"): 1.0, ("动能", "growth"): 0.6, ("动能", "drivers"): 0.9},
    {("新", "new"): 1.0, ("动能", "growth"): 0.6, ("动能", "drivers"): 0.9},
    {
        ("新", "new"): 1.0,
        ("动能", "drivers"): 0.9,
        ("不断", "Ever"): 0.7,
        ("增强", "stronger"): 0.8,
    },
]


def _aligned(units: Sequence[tuple[str, str]], _lexicon: Lexicon) -> list[AlignedPair]:
    return [pair_with_links(zh, en, LINKS[[u[0] for u in UNITS].index(zh)]) for zh, en in units]


@pytest.mark.parametrize("agreeing", [True, False])
def test_a_unit_is_read_again_with_the_rendering_the_others_agree_on(
    monkeypatch: pytest.MonkeyPatch, agreeing: bool
) -> None:
    monkeypatch.setattr(terminology, "align_units", _aligned)
    if not agreeing:
        monkeypatch.setattr(terminology, "consensus_keys", lambda *_args: {})
    units = [AlignedUnit(k, "report-en", zh, en) for k, (zh, en) in enumerate(UNITS)]
    memory = terminology.link_memory(units, [], Lexicon({}))
    found = terminology.unit_renderings(["新动能"], memory)
    by_unit = {e.unit_id: e.rendering for e in found}
    assert by_unit[0] == "New growth drivers" and by_unit[1] == "new growth drivers"
    # the links alone stop at "drivers"; the memory's consensus takes "of growth" in
    assert by_unit[2] == ("new drivers of growth" if agreeing else "new drivers")
