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


def test_words_sharing_only_a_prefix_get_different_keys() -> None:
    assert len({english_key(w) for w in ("international", "internet", "interest")}) == 3
    assert english_key("undertaking") != english_key("underlying")
    assert english_key("countermeasure") != english_key("country")
    # after a Latin prefix five letters say little: 计划 "program" is not 进步 "progress"
    assert english_key("program") != english_key("progress")
    assert english_key("competition") == english_key("competitive")


def test_a_words_family_shares_its_key() -> None:
    assert english_key("international") == english_key("internationally")
    assert english_key("science") == english_key("scientific") == "scien"
