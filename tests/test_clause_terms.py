"""Renderings of terms that are clauses (idioms, quoted slogans, verb phrases), on
sentences of our own."""

from __future__ import annotations

import pytest

from glossary.clause_terms import clause_shaped, quoted_in
from glossary.lexicon import Lexicon
from glossary.renderings import best_span, term_evidence
from glossary.terminology import _renderings
from termbase.memory import AlignedUnit

QUOTING = 'He told us to "spend ten years to forge one sword," and to seize the day.'


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


@pytest.mark.parametrize(
    ("term", "kinds", "expected"),
    [
        ("只争朝夕", (), True),  # CC-CEDICT marks it (idiom)
        ("十年磨一剑", ("quoted",), True),  # the author quotes it
        ("释放创新活力", (), True),  # begins with a verb
        ("十年磨一剑", ("phrase",), False),
        ("科技人才", ("phrase",), False),
    ],
)
def test_a_term_is_a_clause_by_its_marks_or_its_first_word(term: str, kinds: tuple[str, ...], expected: bool) -> None:
    assert clause_shaped(term, kinds) is expected


def test_a_term_is_quoted_only_when_the_marks_hold_it_alone() -> None:
    assert quoted_in("十年磨一剑", "我们要以“十年磨一剑”的决心")
    assert not quoted_in("十年磨一剑", "我们要以十年磨一剑的决心")
    assert not quoted_in("十年磨一剑", "我们要以“十年磨一剑精神”为榜样")


def test_a_clause_needs_evidence_for_most_of_its_words_not_two_thirds(lexicon: Lexicon) -> None:
    # 十, 年 and 一 by their numbers and the dictionary, 剑 in part; 磨 ("forge") not at all
    english = "It took ten years to forge one sword."
    assert best_span(term_evidence("十年磨一剑", lexicon), english) is None
    found = best_span(term_evidence("十年磨一剑", lexicon, clause=True), english)
    assert found is not None and found.text == "ten years to forge one sword"


def test_a_quotation_holding_the_span_renders_a_quoted_term(lexicon: Lexicon) -> None:
    evidence = term_evidence("十年磨一剑", lexicon, clause=True)
    quoted = best_span(evidence, QUOTING, quoted=True)
    assert quoted is not None and quoted.text == "spend ten years to forge one sword"
    unquoted = best_span(evidence, QUOTING.replace('"', ""), quoted=True)
    assert unquoted is not None and unquoted.text == "ten years to forge one sword"


def test_a_clauses_rendering_crosses_no_comma(lexicon: Lexicon) -> None:
    english = "Our research serves the main economic battlefield, orientation matters most."
    noun = best_span(term_evidence("面向经济主战场", lexicon), english)
    assert noun is not None and noun.text == "main economic battlefield, orientation"
    clause = best_span(term_evidence("面向经济主战场", lexicon, clause=True), english)
    assert clause is not None and clause.text == "main economic battlefield"


def test_a_numeral_in_a_noun_phrase_is_no_evidence_on_its_own(lexicon: Lexicon) -> None:
    # 二十大 is "20th National Congress": "20th" alone leaves 大 unexplained
    english = "At its 20th National Congress, our Party defined the mission."
    assert best_span(term_evidence("党的二十大", lexicon), english) is None


def test_the_build_renders_a_quoted_idiom_by_its_quotation(lexicon: Lexicon) -> None:
    units = [
        AlignedUnit(1, "a", "我们要以“十年磨一剑”的坚定决心只争朝夕。", QUOTING),
        AlignedUnit(2, "b", "我们要以十年磨一剑的坚定决心只争朝夕。", "It took ten years to forge one sword."),
    ]
    found = _renderings("十年磨一剑", units, lexicon, frozenset({"quoted"}))
    assert [f.text if f else None for f in found] == [
        "spend ten years to forge one sword",
        "ten years to forge one sword",
    ]
    assert _renderings("十年磨一剑", units, lexicon) == [None, None]
