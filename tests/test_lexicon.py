"""The bilingual lexicon built from CC-CEDICT."""

from __future__ import annotations

from glossary.lexicon import (
    Lexicon,
    _parse_cedict,
    english_key,
    english_keys,
)


def _keys(text: str) -> frozenset[str]:
    return frozenset(english_keys(text))


def test_senses_marked_regional_informal_or_obsolete_are_left_out() -> None:
    senses = _parse_cedict(
        {
            "强国": (
                "(ironically) mainland China (Taiwan & Hong Kong usage)",
                "powerful country",
                "great power",
            ),
            "单车": ("(Tw) bicycle", "bike (dialect)", "single vehicle"),
        }
    )
    assert set(senses["强国"]) == {_keys("powerful country"), _keys("great power")}
    assert set(senses["单车"]) == {_keys("single vehicle")}


def test_definitions_about_the_character_itself_are_left_out() -> None:
    senses = _parse_cedict(
        {
            "一": (
                "one",
                "single",
                '"one" radical in Chinese characters (Kangxi radical 1)',
                "also pr. [yao1] for greater clarity when spelling out numbers digit by digit",
            ),
            "激进": ("radical", "extreme"),
        }
    )
    assert set(senses["一"]) == {frozenset({"one"}), _keys("single")}  # the number key kept apart
    assert _keys("radical") in set(senses["激进"])
    assert not {"chine", "chara", "clari"} & Lexicon().glosses("一百年")


def test_the_shipped_dictionary_gives_strong_countries_no_ironic_sense() -> None:
    assert all("china" not in keys for keys in Lexicon().senses("强国"))


def test_words_sharing_only_a_long_prefix_get_different_keys() -> None:
    assert len({english_key(w) for w in ("international", "internet", "interest")}) == 3
    assert english_key("undertaking") != english_key("underlying")
    assert english_key("countermeasure") != english_key("country")
    assert english_key("frontier") != english_key("front-runner")  # 前沿 is no frontrunner
    assert english_key("frontiers") == english_key("frontier")
    # after a Latin prefix five letters say little: 计划 "program" is not 进步 "progress"
    assert english_key("program") != english_key("progress")
    assert english_key("concentrate") != english_key("concern")
    assert english_key("competition") == english_key("competitive")


def test_an_ism_or_ist_is_not_the_word_it_is_made_from() -> None:
    # 社会主义 "socialism" is not 社会 "social"; 科学家 "scientist" is not 科学 "science"
    assert english_key("socialist") == english_key("socialism") == english_key("socialists")
    assert english_key("socialist") != english_key("social")
    assert english_key("scientists") != english_key("science")
    assert (
        english_key("consist") == "consis" and english_key("exists") == "exist"
    )  # verbs in -sist, -xist
    assert english_key("international") == english_key("internationally")
    assert english_key("science") == english_key("scientific") == "scien"
