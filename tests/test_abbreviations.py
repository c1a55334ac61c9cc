"""Abbreviations: defined by the texts in brackets, or by CC-CEDICT; matched as written."""

from __future__ import annotations

from glossary.abbreviations import (
    abbreviations_in,
    defined_abbreviations,
    dictionary_abbreviations,
)
from glossary.attestation import KnownRenderings
from glossary.lexicon import Lexicon, english_key, english_keys


def test_a_text_defines_an_abbreviation_in_brackets_after_its_long_form() -> None:
    found = defined_abbreviations(
        [
            "We must lead in global science and technology (S&T) and in S&T talent.",
            "The Central Committee of the Communist Party of China (CPC) met.",
            "Reform of state-owned enterprises (SOEs) went on.",
        ]
    )
    assert found == {
        "S&T": "science and technology",
        "CPC": "communist party of china",  # "of" skipped, "central committee" left out
        "SOEs": "state-owned enterprises",  # parts of a hyphenated word, a plural s
    }


def test_brackets_that_define_nothing_are_no_abbreviation() -> None:
    found = defined_abbreviations(
        [
            "Growth was steady (GDP).",  # the letters begin no words before it
            "This was done in the province (Anhui).",  # not two capitals
        ]
    )
    assert found == {}


def test_the_long_form_given_most_often_wins_whatever_the_order() -> None:
    texts = [
        "the national people's congress (NPC)",
        "new product cycle (NPC)",
        "the national people's congress (NPC)",
    ]
    assert defined_abbreviations(texts)["NPC"] == "national people's congress"
    assert defined_abbreviations(reversed(texts))["NPC"] == "national people's congress"


def test_the_dictionary_gives_the_abbreviations_its_senses_define() -> None:
    table = dictionary_abbreviations()
    assert table["GDP"] == "gross domestic product"
    assert table["WTO"] == "world trade organization"
    # a region label in brackets ("AA battery (PRC)") defines nothing
    assert "PRC" not in table


def test_an_abbreviation_is_matched_as_written() -> None:
    """'IT' is information technology; 'it' stays a pronoun, a function word."""
    table = abbreviations_in(["science and technology (S&T)"])
    assert english_keys("IT and S&T", table) == [
        english_key(word) for word in ("information", "technology", "science", "technology")
    ]
    assert english_keys("it works", table) == [english_key("works")]


def test_a_lexicon_reads_a_text_with_the_abbreviations_it_defines() -> None:
    lexicon = Lexicon({})
    reading = lexicon.reading(["global science and technology (S&T) talent"])
    assert reading.abbreviations["S&T"] == "science and technology"
    assert "S&T" not in lexicon.abbreviations
    reading.add("科技", "S&T")  # taught through the view, known to the lexicon
    assert lexicon.senses("科技") == (
        frozenset({english_key("science"), english_key("technology")}),
    )


def test_a_long_form_is_keyed_as_its_words_would_be_written() -> None:
    """SOEs stands for "state-owned enterprises": its keys are those of the written
    words, the hyphenated one whole and in parts, in the aligner and in attestation."""
    table = abbreviations_in(["reform of state-owned enterprises (SOEs)"])
    assert english_keys("SOEs", table) == english_keys("state-owned enterprises", table)
    known = KnownRenderings([("国企", "state-owned enterprises")], table)
    assert known.count("SOEs grew.") == {("国企", "SOEs"): 1}
