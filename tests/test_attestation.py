"""Renderings attested in English-only text by recombining known ones, on sentences of our own."""

from __future__ import annotations

from collections import Counter

import pytest

from glossary.attestation import DerivedRenderings, shared_character_swaps
from glossary.lexicon import Lexicon
from glossary.renderings import KnownRenderings


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def test_a_known_rendering_with_another_sense_of_one_word_is_attested(lexicon: Lexicon) -> None:
    derive = DerivedRenderings([("党的全面领导", "CPC’s overall leadership")], ["党的全面领导"], lexicon)
    assert derive.attest("They upheld the Party’s overall leadership in all work.") == {
        ("党的全面领导", "Party’s overall leadership"): 1
    }


def test_a_swapped_word_that_is_no_sense_of_the_chinese_word_attests_nothing(lexicon: Lexicon) -> None:
    derive = DerivedRenderings([("党的全面领导", "CPC’s overall leadership")], ["党的全面领导"], lexicon)
    assert not derive.attest("They praised the CPC’s overall strategy.")
    assert not derive.attest("They praised the Party, overall leadership aside.")  # not one run of words


def test_a_sense_of_a_word_beside_a_known_rendering_of_the_rest_attests_the_compound(lexicon: Lexicon) -> None:
    derive = DerivedRenderings(
        [("科技强国", "science and technology power")], ["世界科技强国", "科技强国"], lexicon
    )
    found = derive.attest("Rivalry among world science and technology powers grows.")
    assert found == {("世界科技强国", "world science and technology powers"): 1}
    assert not derive.attest("Rivalry among rising science and technology powers grows.")


def test_an_abbreviation_compound_spelled_out_is_attested_when_all_items_but_one_match(lexicon: Lexicon) -> None:
    derive = DerivedRenderings([], ["产学研"], lexicon)
    found = derive.attest("It integrates production, education, and research closely.")
    assert found == {("产学研", "production, education, and research"): 1}
    assert not derive.attest("We bought bread, butter, and research kits.")


def test_what_the_known_renderings_already_attest_is_left_out(lexicon: Lexicon) -> None:
    known = [("党的全面领导", "CPC’s overall leadership"), ("党的全面领导", "Party’s overall leadership")]
    derive = DerivedRenderings(known[:1], ["党的全面领导"], lexicon)
    text = "They upheld the Party’s overall leadership."
    assert derive.attest(text)
    assert not derive.attest(text, list(KnownRenderings(known).matches(text)))


def test_a_known_rendering_inside_a_longer_variant_of_its_term_is_one_occurrence_with_it(
    lexicon: Lexicon,
) -> None:
    # "national strategic" and the variant of "national strategic needs" are one
    # occurrence, the longer one's
    known = [("国家战略需求", "national strategic needs"), ("国家战略需求", "national strategic")]
    derive = DerivedRenderings(known, ["国家战略需求"], lexicon)
    text = "They must focus on major national strategic requirements, and aim higher."
    matches = list(KnownRenderings(known).matches(text))
    assert [match.written for match in matches] == ["national strategic"]
    assert derive.attest(text, matches) == {("国家战略需求", "national strategic requirements"): 1}
    assert derive.claimed(text, matches) == {("国家战略需求", "national strategic"): 1}


def test_of_overlapping_variants_of_one_term_the_longest_is_the_occurrence(lexicon: Lexicon) -> None:
    term = "国家战略科技力量"
    known = [
        (term, "national strategic scientific and technological forces"),
        (term, "strategic scientific and technological forces"),
    ]
    derive = DerivedRenderings(known, [term], lexicon)
    assert derive.attest("It is a contest of national strategic scientific and technological strength.") == {
        (term, "national strategic scientific and technological strength"): 1
    }


def test_variants_of_several_known_renderings_matching_one_span_are_one_occurrence(lexicon: Lexicon) -> None:
    known = [("党的全面领导", "CPC’s overall leadership"), ("党的全面领导", "CPC's overall leadership")]
    derive = DerivedRenderings(known, ["党的全面领导"], lexicon)
    assert derive.attest("They upheld the Party’s overall leadership.") == {
        ("党的全面领导", "Party’s overall leadership"): 1
    }


def test_a_known_rendering_whose_unexplained_edge_is_a_sense_of_the_compounds_word_is_the_compounds(
    lexicon: Lexicon,
) -> None:
    # "world" renders nothing of 科技强国, where a translator added it: without Chinese
    # beside it, the reading that explains every word is 世界科技强国
    derive = DerivedRenderings(
        [("科技强国", "world leader in science and technology")], ["世界科技强国", "科技强国"], lexicon
    )
    text = "China aims to become a world leader in science and technology."
    assert derive.attest(text) == {("世界科技强国", "world leader in science and technology"): 1}
    assert derive.claimed(text) == {("科技强国", "world leader in science and technology"): 1}
    # a known rendering whose edge the inner term itself explains stays the inner term's
    plain = DerivedRenderings([("科技强国", "science and technology power")], ["世界科技强国", "科技强国"], lexicon)
    assert not plain.claimed("China is a science and technology power.")


def test_a_word_translations_put_in_place_of_a_sense_attests_the_compound(lexicon: Lexicon) -> None:
    # two translations render 科技强国 alike but for "world" / "global": "global"
    # stands where "world", the sense of 世界, does
    known = [
        ("科技强国", "world leader in science and technology"),
        ("科技强国", "global leader in science and technology"),
        ("科技强国", "science and technology power"),
    ]
    derive = DerivedRenderings(known, ["世界科技强国", "科技强国"], lexicon)
    assert derive.attest("They built a global science and technology power.") == {
        ("世界科技强国", "global science and technology power"): 1
    }
    text = "China aims to become a global leader in science and technology."
    assert derive.attest(text) == {("世界科技强国", "global leader in science and technology"): 1}
    assert derive.claimed(text) == {("科技强国", "global leader in science and technology"): 1}
    # without the pair of renderings, "global" is no sense of 世界
    alone = DerivedRenderings(known[1:], ["世界科技强国", "科技强国"], lexicon)
    assert not alone.attest("They built a global science and technology power.")


def test_substitutes_are_words_not_keys(lexicon: Lexicon) -> None:
    # "strength" (a sense of 力量) and "advantage" stand in each other's place; and
    # "advantage" shares its key with "advancement", which stands for nothing
    known = [
        ("竞争优势", "competitive advantage in talent"),
        ("竞争优势", "competitive strength in talent"),
        ("战略科技", "strategic science and technology"),
    ]
    derive = DerivedRenderings(known, ["战略科技力量", "战略科技"], lexicon)
    assert derive.attest("We value strategic science and technology advantage.") == {
        ("战略科技力量", "strategic science and technology advantage"): 1
    }
    assert not derive.attest("We value strategic science and technology advancement.")


def test_a_free_head_noun_may_give_way_to_a_sense_of_the_term_word_it_stood_for(lexicon: Lexicon) -> None:
    # "workers" renders nothing of 高技能人才 in the known rendering; it stood for 人才,
    # which the rendering leaves untranslated: "personnel", a sense of 人才, may replace it
    derive = DerivedRenderings([("高技能人才", "highly-skilled workers")], ["高技能人才"], lexicon)
    assert derive.attest("We must nurture highly-skilled personnel who excel.") == {
        ("高技能人才", "highly-skilled personnel"): 1
    }
    assert not derive.attest("We must nurture highly-skilled engineers who excel.")


TALENT = [("人才强国战略", "strengthening the country through talent")]


def test_a_word_may_give_way_to_another_sense_of_the_head_character_it_renders(lexicon: Lexicon) -> None:
    # 强国's own senses are "powerful country" and "great power"; "country" is a sense of 国
    derive = DerivedRenderings(TALENT, ["人才强国战略"], lexicon)
    assert derive.attest("They pursued strengthening the nation through talent.") == {
        ("人才强国战略", "strengthening the nation through talent"): 1
    }


def test_a_modifier_characters_senses_are_not_swapped(lexicon: Lexicon) -> None:
    # "power" is one of the many senses of 强 ("strong", "to force" …), not of a head
    derive = DerivedRenderings([("科技强国", "science and technology power")], ["科技强国"], lexicon)
    assert not derive.attest("They deployed science and technology forces.")


def test_in_a_variant_prepositions_of_means_stand_for_one_another(lexicon: Lexicon) -> None:
    derive = DerivedRenderings(TALENT, ["人才强国战略"], lexicon)
    assert derive.attest("They pursued strengthening the nation with talent.") == {
        ("人才强国战略", "strengthening the nation with talent"): 1
    }
    assert not derive.attest("They pursued strengthening the nation for talent.")


@pytest.mark.parametrize(
    "text, rendering",
    [
        ("It implemented the Strategy of Strengthening the Nation with Talent.",
         "Strategy of Strengthening the Nation with Talent"),
        ("It implemented the strategy of strengthening the country through talent.",
         "strategy of strengthening the country through talent"),
        ("It implemented strengthening the country through talent strategy.",
         "strengthening the country through talent strategy"),
    ],
)
def test_a_rendering_leaving_out_the_terms_head_takes_the_noun_beside_it(
    lexicon: Lexicon, text: str, rendering: str
) -> None:
    derive = DerivedRenderings(TALENT, ["人才强国战略"], lexicon)
    known = KnownRenderings(TALENT)
    found = Counter(derive.with_head(match) for match in known.matches(text)) + Counter(
        written for _term, written in derive.attest(text)
    )
    assert set(found) == {rendering}


def test_two_term_words_sharing_a_character_may_share_one_translation(lexicon: Lexicon) -> None:
    term = "科技革命和产业变革"  # 革命 and 变革 share 革
    known = {(term, "scientific and technological revolution and industrial transformation")}
    swapped = shared_character_swaps(known, lexicon)
    assert (term, "scientific and technological revolution and industrial revolution") in swapped
    # found however the text spells the rest ("S&T"), as written there
    recognise = KnownRenderings(known | swapped)
    assert recognise.attest("The S&T revolution and industrial revolution is reshaping the world.") == {
        (term, "S&T revolution and industrial revolution"): 1
    }


def test_words_sharing_no_character_swap_nothing(lexicon: Lexicon) -> None:
    # 人才 and 强国 share no character: "talent" never stands for "country"
    assert not shared_character_swaps({("人才强国", "strengthening the country through talent")}, lexicon)


ROLE = [("科技强国", "world leader in science and technology"), ("科技强国", "science and technology power")]


@pytest.mark.parametrize(
    "text, rendering",
    [
        ("It is building a pioneer in science and technology.", "pioneer in science and technology"),
        ("They advance their country as a frontrunner in science and technology, at last.",
         "frontrunner in science and technology"),
        ("China became an innovator in science and technology.", "innovator in science and technology"),
    ],
)
def test_a_term_named_by_a_role_may_be_named_by_another_role(lexicon: Lexicon, text: str, rendering: str) -> None:
    # no sense of 科技强国 is "leader": the translator chose the role, and others choose others
    derive = DerivedRenderings(ROLE, ["科技强国"], lexicon)
    assert derive.attest(text) == {("科技强国", rendering): 1}


@pytest.mark.parametrize(
    "text",
    [
        "Human beings are the most critical factor in scientific and technological innovation.",  # no role
        "It built a pioneer in science and technology parks.",  # the field names something else
        "They became pioneers in science and technology.",  # no one thing
        "She is a worker in science and technology.",  # 科技工作者's word
        "It is building a pioneering force.",
    ],
)
def test_a_role_needs_an_indefinite_article_one_noun_phrase_and_a_word_of_no_other_term(
    lexicon: Lexicon, text: str
) -> None:
    known = [*ROLE, ("科技工作者", "science and technology workers")]
    derive = DerivedRenderings(known, ["科技强国", "科技工作者"], lexicon)
    assert not derive.attest(text)


def test_a_role_the_term_explains_is_no_free_choice(lexicon: Lexicon) -> None:
    # "workers" is a sense of 工作者: the known rendering names no role of its own choosing
    derive = DerivedRenderings([("科技工作者", "workers in science and technology")], ["科技工作者"], lexicon)
    assert not derive.attest("She is a pioneer in science and technology.")


def test_a_role_with_a_sense_of_a_word_before_it_is_the_compound_too(lexicon: Lexicon) -> None:
    derive = DerivedRenderings(ROLE, ["世界科技强国", "科技强国"], lexicon)
    assert derive.attest("He called on China to build a world pioneer in science and technology.") == {
        ("世界科技强国", "world pioneer in science and technology"): 1,
        ("科技强国", "pioneer in science and technology"): 1,
    }


def test_a_known_one_word_rendering_inside_a_role_of_another_term_is_claimed(lexicon: Lexicon) -> None:
    # 开拓者 is "pioneer" where the Chinese says so; "a pioneer in science and technology"
    # names 科技强国, not 开拓者 besides
    known = [*ROLE, ("开拓者", "pioneer")]
    derive = DerivedRenderings(known, ["科技强国", "开拓者"], lexicon)
    text = "It is building a pioneer in science and technology."
    matches = list(KnownRenderings(known).matches(text))
    assert [(m.term, m.written) for m in matches] == [("开拓者", "pioneer")]
    assert derive.claimed(text, matches) == {("开拓者", "pioneer"): 1}
    assert not derive.claimed("He was a pioneer.", list(KnownRenderings(known).matches("He was a pioneer.")))
