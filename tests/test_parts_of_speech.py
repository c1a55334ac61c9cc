"""What tells a noun phrase from a verb phrase, on each side of a unit."""

from __future__ import annotations

import pytest

from glossary.parts_of_speech import (
    auxiliary,
    heads_verb_phrase,
    helping_verb,
    nominal,
    opens_clause,
    opens_verb_phrase,
    predicates,
)


@pytest.mark.parametrize(
    ("word", "heads"),
    [
        ("pursue", True),  # base form, a verb only
        ("Establishes", True),  # present, whatever its case
        ("will", True),  # a modal, though also a noun
        ("was", True),  # an auxiliary
        ("pursued", False),  # a participle may stand before a noun
        ("targeted", False),
        ("cut", False),  # a noun too
        ("reform", False),
        ("policy", False),
        ("ownership", False),
    ],
)
def test_an_english_word_heads_a_verb_phrase_in_every_reading(word: str, heads: bool) -> None:
    assert heads_verb_phrase(word) is heads


@pytest.mark.parametrize(
    ("word", "is_auxiliary"),
    [
        ("was", True),
        ("Has", True),
        ("should", True),
        ("will", False),  # "political will": a noun too
        ("can", False),
        ("having", False),  # the gerund that opens "having a home"
        ("pursued", False),
    ],
)
def test_an_auxiliary_is_nothing_but_a_verb(word: str, is_auxiliary: bool) -> None:
    assert auxiliary(word) is is_auxiliary


@pytest.mark.parametrize(
    ("words", "is_nominal"),
    [
        (["财政政策"], True),
        (["积极", "的", "财政政策"], True),  # 的 makes the adjective an attribute
        (["新型", "城镇化"], True),
        (["实施", "财政政策"], False),  # jieba tags 实施 a verb
        (["创新"], False),  # a verbal noun (vn) may be rendered by a verb
        (["简政放权"], False),  # jieba's n, but 放权 inside is a verb
        (["招商引资"], False),  # jieba's n, but CC-CEDICT's first sense is "to ..."
        (["积极", "财政政策"], False),  # an adjective may govern a noun
        (["健全", "地方税", "体系"], False),
        (["放管服"], False),  # no dictionary knows it, and 放 is a verb
        (["全面", "两孩", "政策"], True),  # jieba lacks 两孩, whose characters are no verbs
    ],
)
def test_a_chinese_term_is_nominal_when_no_word_may_be_a_verb(
    words: list[str], is_nominal: bool
) -> None:
    assert nominal(words) is is_nominal


@pytest.mark.parametrize(
    ("words", "count"),
    [
        (["财政", "政策"], 0),
        (["休闲", "农业"], 1),  # 休闲 "to relax"
        (["健全", "地方税", "体系"], 1),
        (["简政放权"], 2),  # one word to jieba, two verb–object halves
        (["放管服"], 3),  # an abbreviation jieba lacks: 放, 管 and 服 may each be verbs
        (["实施", "积极", "的", "财政政策"], 1),  # 的 makes 积极 an attribute
    ],
)
def test_a_chinese_term_holds_as_many_predicates_as_words_that_may_be_verbs(
    words: list[str], count: int
) -> None:
    assert predicates(words) == count


@pytest.mark.parametrize(
    ("words", "opens"),
    [
        (["develop", "farm-based"], True),  # nothing but a verb
        (["set", "the"], True),  # a noun too, but a determiner follows only the verb
        (["show", "our"], True),
        (["set", "targets"], False),  # "a set", "show trials": nouns stay free
        (["reform", "measures"], False),
        (["set"], False),
        ([], False),
    ],
)
def test_a_verb_phrase_opens_with_a_verb_or_a_verb_before_a_determiner(
    words: list[str], opens: bool
) -> None:
    assert opens_verb_phrase(words) is opens


@pytest.mark.parametrize(
    ("word", "helps"),
    [("will", True), ("Must", True), ("is", True), ("can", True), ("tighten", False)],
)
def test_a_helping_verb_may_be_an_auxiliary_or_a_modal(word: str, helps: bool) -> None:
    assert helping_verb(word) is helps


@pytest.mark.parametrize(
    ("words", "at", "opens"),
    [
        ("costs fall so that we gain".split(), 2, True),  # a multiword subordinator
        ("act in order to grow".split(), 1, True),
        ("act so as to grow".split(), 1, True),
        ("this is so as well".split(), 2, False),  # "so as" alone opens nothing
        ("in order".split(), 0, False),  # cut off at the sentence's end
        ("growth we expect".split(), 1, True),  # a pronoun that is only a subject
        ("growth because demand".split(), 1, True),
        ("you and it".split(), 0, False),  # objects too
        ("progress while growing".split(), 1, False),
    ],
)
def test_a_clause_opens_at_a_subject_pronoun_or_a_subordinator(
    words: list[str], at: int, opens: bool
) -> None:
    assert opens_clause(words, at) is opens
