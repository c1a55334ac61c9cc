"""Free renderings found by how they recur with a term across one translation."""

from __future__ import annotations

import pytest

from glossary.cooccurrence import Translation, recurring_renderings
from glossary.lexicon import Lexicon
from glossary.renderings import Found, best_span, term_evidence

TERM = "科技工作者"
WITH_TERM = [
    "I convey my regards to all scientists and engineers across the country.",
    "I hope our scientists and engineers will align their pursuits with the cause.",
]
OTHERS = [
    "Basic research is the source of innovation.",
    "We must reform the management of research funding.",
    "Universities train young scientists and engineers for industry.",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def _translation(*texts: str) -> Translation:
    return Translation(texts)


def _complete(lexicon: Lexicon, english: list[str], others: list[str], elsewhere=frozenset()) -> list:
    evidence = term_evidence(TERM, lexicon)
    found = [best_span(evidence, text) for text in english]
    return recurring_renderings(
        evidence, english, found, [elsewhere] * len(english), _translation(*english, *others)
    )


def test_the_dictionary_alone_calls_a_free_rendering_a_paraphrase(lexicon: Lexicon) -> None:
    evidence = term_evidence(TERM, lexicon)
    assert [best_span(evidence, text) for text in WITH_TERM] == [None, None]


def test_a_phrase_recurring_with_the_term_is_its_rendering_where_the_dictionary_found_none(
    lexicon: Lexicon,
) -> None:
    completed = _complete(lexicon, WITH_TERM, OTHERS)
    assert [found.text if found else None for found in completed] == ["scientists and engineers"] * 2
    # two units with both, one more with the phrase: Dice 2·2 / (2 + 3)
    assert all(found and found.score == pytest.approx(0.8) for found in completed)


def test_a_phrase_common_across_the_translation_is_not_taken(lexicon: Lexicon) -> None:
    common = [f"Many scientists and engineers took part in project {n}." for n in range(8)]
    assert _complete(lexicon, WITH_TERM, common) == [None, None]


def test_a_phrase_seen_with_the_term_once_is_not_taken(lexicon: Lexicon) -> None:
    once = [WITH_TERM[0], "I hope our researchers will align their pursuits with the cause."]
    assert _complete(lexicon, once, OTHERS) == [None, None]


def test_a_phrase_whose_added_word_translates_other_chinese_of_the_unit_is_not_taken(
    lexicon: Lexicon,
) -> None:
    # the unit's Chinese has a word for "engineers" (工程师) beside the term
    engineers = frozenset(Lexicon().glosses("工程师"))
    assert _complete(lexicon, WITH_TERM, OTHERS, elsewhere=engineers) == [None, None]


def test_a_verb_is_never_taken_into_a_recurring_rendering(lexicon: Lexicon) -> None:
    english = [
        "Boosting scientists and engineers is our common responsibility.",
        "Boosting scientists and engineers is a glorious mission.",
    ]
    completed = _complete(lexicon, english, OTHERS)
    assert [found.text if found else None for found in completed] == ["scientists and engineers"] * 2


def test_a_rendering_the_dictionary_found_is_kept(lexicon: Lexicon) -> None:
    english = [*WITH_TERM, "We thank the scientific and technological workers."]
    completed = _complete(lexicon, english, OTHERS)
    assert completed[2] == Found("scientific and technological workers", completed[2].score)
    assert completed[2] == best_span(term_evidence(TERM, lexicon), english[2])


def test_a_translation_counts_the_units_holding_a_phrase_as_whole_words() -> None:
    translation = Translation([
        "Scientists and engineers met.", "We thank scientists and engineers, and scientists and engineers thank us.",
        "Engineers and scientists differ.", "The scientists and engineering staff.",
    ])
    assert translation.units_with("scientists and engineers") == 2
    assert translation.units_with("Engineers") == 3
    assert translation.units_with("chemists") == 0
