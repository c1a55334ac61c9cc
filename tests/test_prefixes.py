"""Prefixes found by successor variety: where many different letters may follow a
word's start, and fewer follow one letter earlier and one letter later."""

from glossary.prefixes import boundaries_in, long_prefix

# "inter" is followed by n, e, a, v, c, f, p, r, s, l and t: ten different letters,
# where "inte" is followed by "r" and "g" only
VOCABULARY = {
    "international",
    "internet",
    "interact",
    "intervene",
    "intercept",
    "interface",
    "interpret",
    "interrupt",
    "intersect",
    "interlock",
    "interest",
    "integral",
    "integrate",
    "intent",
}


def test_a_prefix_ends_where_the_variety_of_next_letters_peaks() -> None:
    boundaries = boundaries_in(VOCABULARY)
    assert set(boundaries) == {"inter"}
    # after "intern" and "interr" one letter only may follow: a boundary before each
    assert set(boundaries["inter"]) == {"n", "e", "a", "v", "c", "f", "p", "r", "s", "l"}


def test_too_few_successors_make_no_prefix() -> None:
    assert boundaries_in({"interact", "intervene", "internet", "integral"}) == {}


def test_the_dictionarys_vocabulary_gives_the_common_prefixes() -> None:
    """CC-CEDICT's English has the Latin and English prefixes that begin many
    unrelated words, and no prefix in a word's own root."""
    found = {
        word: long_prefix(word)
        for word in ("international", "underlying", "counterpart", "transform", "supervise")
    }
    assert found == {
        "international": "inter",
        "underlying": "under",
        "counterpart": "counter",
        "transform": "trans",
        "supervise": "super",
    }
    assert long_prefix("program") == "pro"
    assert long_prefix("science") == long_prefix("develop") == ""
    assert long_prefix("inter") == ""  # two letters must follow it
