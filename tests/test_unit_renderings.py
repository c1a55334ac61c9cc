"""What the proposed terms carry into the renderings of their occurrences: a term the
second reader reads as one proper noun is rendered by a noun phrase."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import glossary.terminology as terminology
from glossary.lexicon import Lexicon
from glossary.word_alignment import AlignedPair
from records import AlignedUnit

from .links import pair_with_links

ZH = "全面推开营改增试点，积极发展混合所有制经济。"
EN = "We will establish mixed ownership systems and extend the VAT pilot."
LINKS = {
    ("混合", "establish"): 0.6,
    ("混合", "mixed"): 0.8,
    ("所有制", "ownership"): 1.0,
    ("所有制", "systems"): 0.7,
    ("发展", "establish"): 0.3,
    ("营改增", "VAT"): 1.0,
}


def _aligned(units: Sequence[tuple[str, str]], _lexicon: Lexicon) -> list[AlignedPair]:
    return [pair_with_links(zh, en, LINKS) for zh, en in units]


def test_the_second_readers_names_are_proposed_as_names() -> None:
    proposed = terminology.rank_terms([ZH])
    assert {"营改增", "混合所有制"} <= proposed.names
    assert proposed.names <= set(proposed.ranked)
    assert "积极发展" not in proposed.names


@pytest.mark.parametrize("named", [True, False])
def test_a_name_is_rendered_by_a_noun_phrase(monkeypatch: pytest.MonkeyPatch, named: bool) -> None:
    monkeypatch.setattr(terminology, "align_units", _aligned)
    units = [AlignedUnit(1, "report-en", ZH, EN)]
    names = {"混合所有制"} if named else set()
    memory = terminology.link_memory(units, [], Lexicon({}))
    found = terminology.unit_renderings(["混合所有制"], memory, names)
    expected = "mixed ownership systems" if named else "establish mixed ownership systems"
    assert [e.rendering for e in found] == [expected]
