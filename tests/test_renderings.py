"""Finding the English span that renders a term, on short sentences of our own."""

from __future__ import annotations

import pytest

from glossary.lexicon import Lexicon, english_keys
from glossary.renderings import (
    KnownRenderings,
    best_span,
    count_occurrences,
    find_rendering,
    term_evidence,
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def test_the_span_that_translates_the_term_is_found(lexicon: Lexicon) -> None:
    found = find_rendering("人类福祉", "This work serves human well-being across the world.", lexicon)
    assert found is not None and found.text == "human well-being"


@pytest.mark.parametrize(
    ("term", "english", "name"),
    [
        ("奋斗者", "The deep-sea submersible Fendouzhe descended to 10,000 meters.", "Fendouzhe"),
        ("北斗", "The BeiDou Navigation Satellite System offers precise services.", "BeiDou"),
        ("习近平", "This speech was delivered by Xi Jinping in Beijing.", "Xi Jinping"),
        # a craft named with 号 and a number: the name in pinyin, the number in figures
        ("地壳一号", "The drilling rig Diqiao 1 went deep into the crust.", "Diqiao 1"),
        ("嫦娥六号", "The Chang’e-6 mission brought back samples.", "Chang’e-6"),
        ("奋斗者号", "The submersible Fendouzhe dived.", "Fendouzhe"),
    ],
)
def test_a_name_spelled_in_pinyin_is_its_rendering(lexicon: Lexicon, term: str, english: str, name: str) -> None:
    # 奋斗者 is "striver" to the dictionary, 北斗 "Big Dipper": no sense explains the name
    found = find_rendering(term, english, lexicon)
    assert found is not None and found.text == name


def test_a_lowercase_word_spelling_a_terms_pinyin_is_no_name(lexicon: Lexicon) -> None:
    # a transliterated name is capitalised; a lowercase word that happens to spell
    # the pinyin is an English word ("change" spells 嫦娥's chang'e)
    assert find_rendering("奋斗者", "a submersible called fendouzhe by its crew", lexicon) is None


def test_an_adjective_the_translator_added_before_the_rendering_joins_it(lexicon: Lexicon) -> None:
    english = "We must strive to secure the strategic high ground in future development."
    evidence = term_evidence("制高点", lexicon)
    found = best_span(evidence, english, open_before=True)
    assert found is not None and (found.text, found.core) == ("strategic high ground", "high ground")
    # where the Chinese before the term is left untranslated, the adjective may be its translation
    kept_out = best_span(evidence, english, open_before=False)
    assert kept_out is not None and (kept_out.text, kept_out.core) == ("high ground", None)


def test_an_adjective_other_chinese_of_the_unit_explains_is_no_addition(lexicon: Lexicon) -> None:
    # 社会 ("society") of 社会氛围 explains "social", if only loosely
    elsewhere = frozenset(english_keys("society"))
    found = best_span(
        term_evidence("氛围", lexicon), "We must create a social atmosphere that respects work.", None, elsewhere,
        open_before=True,
    )
    assert found is not None and found.text == "atmosphere"


def test_a_word_finishing_the_last_words_sense_joins_though_the_span_has_its_key(lexicon: Lexicon) -> None:
    # 产业链 and 供应链 both end in 链: the first "chains" would otherwise do for both
    found = find_rendering("产业链供应链", "We will keep industrial chains and supply chains secure.", lexicon)
    assert found is not None and found.text == "industrial chains and supply chains"


def test_a_span_ending_inside_another_noun_phrase_is_no_rendering(lexicon: Lexicon) -> None:
    # "a strategic talent force" is about something else; its adjective is not 战略
    assert find_rendering("发展战略", "We prioritize the development of a strategic talent force.", lexicon) is None
    known = KnownRenderings([("发展战略", "development strategy")])
    assert not known.attest("We prioritize the development of a strategic talent force.")
    assert known.attest("This is our development strategy.") == {("发展战略", "development strategy"): 1}


def test_a_rendering_never_begins_or_ends_on_a_reflexive_pronoun(lexicon: Lexicon) -> None:
    english = "Generation after generation have dedicated themselves tirelessly to this goal."
    found = best_span(term_evidence("孜孜以求", lexicon, clause=True), english)
    assert found is not None and found.text == "tirelessly"


def test_a_paraphrased_term_gives_no_rendering(lexicon: Lexicon) -> None:
    assert find_rendering("十年磨一剑", "We must keep at it with patience and resolve.", lexicon) is None


def test_a_fragment_of_the_term_is_not_a_rendering(lexicon: Lexicon) -> None:
    # "science and technology" covers 科技 but nothing of 强国
    assert find_rendering("科技强国", "Science and technology matter to everyone.", lexicon) is None


def test_a_span_never_crosses_into(lexicon: Lexicon) -> None:
    found = find_rendering("科技强国", "We will build China into a country strong in science and technology.", lexicon)
    assert found is not None and found.text == "country strong in science and technology"


def test_a_possessive_begins_a_rendering_only_when_it_translates_a_term_word(lexicon: Lexicon) -> None:
    kept = find_rendering("党的全面领导", "We uphold the Party’s comprehensive leadership in all work.", lexicon)
    assert kept is not None and kept.text == "Party’s comprehensive leadership"
    # "China’s" meets 国家 only through a sense of its character 家
    dropped = find_rendering("国家战略科技力量", "We deployed China’s strategic science and technology forces.", lexicon)
    assert dropped is not None and dropped.text == "strategic science and technology forces"


def test_a_neighbour_standing_for_the_missing_word_of_a_sense_joins_the_span(lexicon: Lexicon) -> None:
    # CC-CEDICT: 制高点 "commanding position", 重中之重 "of highest priority"
    after = find_rendering("制高点", "We aim at the commanding heights of future industry.", lexicon)
    assert after is not None and after.text == "commanding heights"
    before = find_rendering("重中之重", "Talent is a top priority for us.", lexicon)
    assert before is not None and before.text == "top priority"


def test_a_neighbour_that_translates_other_chinese_in_the_unit_is_left_out(lexicon: Lexicon) -> None:
    evidence = term_evidence("重中之重", lexicon)
    elsewhere = frozenset(english_keys("top quality"))  # e.g. 一流 elsewhere in the unit
    found = best_span(evidence, "Talent is a top priority for us.", None, elsewhere)
    assert found is not None and found.text == "priority"


def test_a_word_nothing_explains_stands_for_the_one_term_word_the_dictionary_misses(lexicon: Lexicon) -> None:
    # CC-CEDICT renders 工匠 "artisan; smith" and 强国 "powerful country": neither
    # "master" nor "leader" is a sense, yet each stands where English puts that word
    modifier = find_rendering("大国工匠", "We honour the master craftsmen of our age.", lexicon)
    assert modifier is not None and modifier.text == "master craftsmen"
    head = find_rendering("科技强国", "We aim to become a world leader in science and technology.", lexicon)
    assert head is not None and head.text == "world leader in science and technology"


@pytest.mark.parametrize(
    "english",
    [
        "They want to master craftsmen skills.",  # a verb after "to"
        "We keep training craftsmen.",  # a verb form
        "Science and technology matter to everyone.",  # no "in" joins a head
    ],
)
def test_a_gap_is_filled_only_by_a_word_opening_a_noun_phrase(lexicon: Lexicon, english: str) -> None:
    term = "科技强国" if "Science" in english else "大国工匠"
    assert find_rendering(term, english, lexicon) is None


def test_a_word_that_translates_other_chinese_in_the_unit_never_fills_a_gap(lexicon: Lexicon) -> None:
    evidence = term_evidence("大国工匠", lexicon)
    elsewhere = frozenset(english_keys("master"))  # e.g. 大师 elsewhere in the unit
    assert best_span(evidence, "We honour the master craftsmen of our age.", None, elsewhere) is None


def test_a_neighbour_behind_a_comma_never_joins(lexicon: Lexicon) -> None:
    found = find_rendering("制高点", "We seized the commanding, heights aside.", lexicon)
    assert found is not None and found.text == "commanding"


def test_a_span_ending_on_a_premodifier_takes_its_noun(lexicon: Lexicon) -> None:
    found = find_rendering("高技能人才", "We train engineers and highly-skilled workers.", lexicon)
    assert found is not None and found.text == "highly-skilled workers"


@pytest.mark.parametrize(
    "english, rendering",
    [
        ("We have overhauled the science and technology management framework and sped up reform.",
         "science and technology management framework"),
        ("It was the National Science and Technology Conference, the biggest of the year.",
         "National Science and Technology Conference"),
    ],
)
def test_a_span_leaving_the_terms_head_untranslated_takes_the_noun_after_it(
    lexicon: Lexicon, english: str, rendering: str
) -> None:
    term = "科技管理体制" if "management" in english else "全国科技大会"
    found = find_rendering(term, english, lexicon)
    assert found is not None and found.text == rendering


@pytest.mark.parametrize(
    "english",
    [
        "Science and technology management requires the best people.",  # a verb: it takes a determiner
        "We pursue science and technology management framework reform.",  # a modifier of what follows
        "Science and technology management effectively helps.",  # an adverb
    ],
)
def test_a_word_that_cannot_close_the_noun_phrase_is_not_taken_for_its_head(lexicon: Lexicon, english: str) -> None:
    found = find_rendering("科技管理体制", english, lexicon)
    assert found is not None and found.text.lower() == "science and technology management"


def test_of_two_spans_scoring_alike_the_one_rendering_more_of_the_term_wins(lexicon: Lexicon) -> None:
    found = find_rendering("科技人才培养", "We cultivate and gather high-level scientific and technological talents.", lexicon)
    assert found is not None and found.text == "cultivate and gather high-level scientific and technological talents"


def test_a_fragment_recurring_with_the_term_gains_nothing_over_a_whole_rendering(lexicon: Lexicon) -> None:
    evidence = term_evidence("科技人才培养", lexicon)
    english = "We must strengthen the cultivation of scientific and technological talents."
    found = best_span(evidence, english, {"scientific and technological talents": 1.0})
    assert found is not None and found.text == "cultivation of scientific and technological talents"


def test_an_edge_word_that_only_repeats_a_character_of_a_rendered_word_is_left_out(lexicon: Lexicon) -> None:
    # "capabilities" is a sense of the 才 of 人才, which "talents" already renders
    english = "Fourth, strong capabilities to cultivate and gather high-level scientific and technological talents."
    found = find_rendering("高水平科技人才培养", english, lexicon)
    assert found is not None and found.text == "cultivate and gather high-level scientific and technological talents"


def test_the_verb_of_an_infinitive_never_stands_for_a_missing_word_of_a_sense(lexicon: Lexicon) -> None:
    # "technology" is part of 科技's "science and technology"; "develop" is not "science"
    found = find_rendering("科技金融", "Steps should be taken to develop technology finance.", lexicon)
    assert found is not None and found.text == "technology finance"


def test_one_english_word_never_counts_for_two_words_of_the_term(lexicon: Lexicon) -> None:
    # "talents" renders 人才; that 脱颖而出 is "to reveal one's talent" adds nothing
    assert find_rendering("人才脱颖而出", "We value young talents.", lexicon) is None
    found = find_rendering("人才脱颖而出", "We help talents rise above others.", lexicon)
    assert found is not None and found.text == "talents rise above others"


def test_a_word_the_term_repeats_may_share_its_translation(lexicon: Lexicon) -> None:
    found = find_rendering("中国智慧和中国力量", "We contribute Chinese insights and strength.", lexicon)
    assert found is not None and found.text == "Chinese insights and strength"


@pytest.mark.parametrize(
    "term, english, rendering",
    [
        ("新质生产力", "We must develop new quality productive forces.", "new quality productive forces"),
        ("科技人员", "We mobilized scientific and technological personnel.", "scientific and technological personnel"),
        ("核电站", "It built a nuclear power station.", "nuclear power station"),
    ],
)
def test_of_two_spans_alike_the_one_translating_more_of_the_terms_characters_wins(
    lexicon: Lexicon, term: str, english: str, rendering: str
) -> None:
    found = find_rendering(term, english, lexicon)
    assert found is not None and found.text == rendering


def test_an_adverb_closing_the_clause_renders_an_inner_modifier_the_span_leaves_out(lexicon: Lexicon) -> None:
    english = "We should improve our ability to nurture talent domestically."
    found = find_rendering("人才自主培养", english, lexicon)
    assert found is not None and found.text == "nurture talent domestically"


@pytest.mark.parametrize(
    "english, rendering",
    [
        # the adverb does not close the clause
        ("We should nurture talent domestically and abroad.", "nurture talent"),
        # the span renders 自主 itself, so the adverb after it is something else
        ("We should independently nurture talent quickly.", "independently nurture talent"),
    ],
)
def test_an_adverb_not_closing_the_clause_or_not_standing_for_a_word_is_left_out(
    lexicon: Lexicon, english: str, rendering: str
) -> None:
    found = find_rendering("人才自主培养", english, lexicon)
    assert found is not None and found.text == rendering


def test_a_dictionary_word_kept_whole_may_be_rendered_word_by_word(lexicon: Lexicon) -> None:
    # CC-CEDICT describes 小康社会; translations render 小康 and 社会
    english = "We have built a moderately prosperous society in all respects."
    found = find_rendering("小康社会", english, lexicon)
    assert found is not None and found.text == "moderately prosperous society"


def test_the_modifiers_of_a_dictionary_word_without_its_head_are_no_rendering_of_it(lexicon: Lexicon) -> None:
    # "science and technology" is the 科技 of 科技人员, not its 人员
    assert find_rendering("科技人员", "We mobilized science and technology.", lexicon) is None
    found = find_rendering("长足进步", "We have made significant progress.", lexicon)
    assert found is not None and found.text == "significant progress"


def test_a_term_keeps_the_dictionary_words_its_function_characters_belong_to(lexicon: Lexicon) -> None:
    english = "We will work to reach peak carbon emissions and carbon neutrality."
    found = find_rendering("碳达峰碳中和", english, lexicon)
    assert found is not None and found.text.endswith("carbon neutrality")


def test_a_rendering_ending_on_a_phrasal_verb_keeps_its_particle(lexicon: Lexicon) -> None:
    found = find_rendering("改革开放", "China remains committed to reform and opening up.", lexicon)
    assert found is not None and found.text == "reform and opening up"
    known = KnownRenderings([("改革开放", "reform and opening up")])
    assert known.attest("The policy of reform and opening up changed China.") == {("改革开放", "reform and opening up"): 1}


def test_a_premodifier_that_renders_the_terms_last_word_keeps_no_noun(lexicon: Lexicon) -> None:
    found = find_rendering("决定性", "The market plays a decisive role.", lexicon)
    assert found is not None and found.text == "decisive"


@pytest.mark.parametrize(
    "english, rendering",
    [
        ("We motivate all links in industry, academia, and research to act.", "industry, academia, and research"),
        ("It promotes industry-academia-research integrated innovation.", "industry-academia-research"),
        ("Collaboration among industries, universities, and research institutes grows.",
         "industries, universities, and research institutes"),
    ],
)
def test_an_abbreviation_compound_is_rendered_by_the_list_that_spells_it_out(
    lexicon: Lexicon, english: str, rendering: str
) -> None:
    found = find_rendering("产学研", english, lexicon)
    assert found is not None and found.text == rendering


def test_a_list_with_no_item_translating_its_character_is_not_a_rendering(lexicon: Lexicon) -> None:
    assert find_rendering("产学研", "We met cats, dogs, and birds.", lexicon) is None


def test_occurrences_are_counted_as_whole_words_with_any_apostrophe() -> None:
    text = "China’s innovation system; China's innovation systems; the innovation system."
    assert count_occurrences("China's innovation system", text) == 1
    assert count_occurrences("innovation system", text) == 2
    assert count_occurrences("power", "powerful powers, power-hungry, and power") == 1


def test_a_known_rendering_ending_on_a_person_is_not_the_activity() -> None:
    known = KnownRenderings([("科研人员", "scientific researchers")])
    assert not known.attest("Scientific research is the basis of progress.")
    assert known.attest("A scientific researcher spoke.") == {("科研人员", "scientific researcher"): 1}


def test_known_renderings_are_recognised_however_a_text_spells_them() -> None:

    known = KnownRenderings([("科技工作者", "scientific and technological workers"), ("产学研", "industry-academia-research")])
    found = known.attest(
        "We thank all S&T workers, and all scientific and technological workers; "
        "science and technology workers too. Industry-academia-research cooperation."
    )
    assert found == {
        ("科技工作者", "S&T workers"): 1,
        ("科技工作者", "scientific and technological workers"): 1,
        ("科技工作者", "science and technology workers"): 1,
        ("产学研", "industry-academia-research"): 1,
    }
    assert known.attest("Technology workers and science fans.") == {}


def test_renderings_that_differ_only_in_number_or_case_attest_an_occurrence_once() -> None:

    known = KnownRenderings([("习近平", "XI JINPING"), ("习近平", "Xi Jinping"), ("强国", "power"), ("强国", "powers")])
    assert known.attest("Xi Jinping spoke of great powers.") == {("习近平", "Xi Jinping"): 1, ("强国", "powers"): 1}


def test_a_span_rendering_some_words_of_a_dictionary_word_is_a_fragment(lexicon: Lexicon) -> None:
    # CC-CEDICT lists 科技工作者 whole, but it reads as 科技 + 工作者: "science and
    # technology" renders 科技 and leaves 工作者 out
    english = "Our scientists and engineers help build a country strong in science and technology."
    assert find_rendering("科技工作者", english, lexicon) is None
    whole = find_rendering("科技工作者", "We thank all S&T workers.", lexicon)
    assert whole is not None and whole.text == "S&T workers"


@pytest.mark.parametrize(
    ("term", "english", "rendering"),
    [
        ("一带一路", "The Belt and Road Initiative keeps growing.", "Belt and Road Initiative"),  # none of 一带, 一路
        ("马克思主义", "Marxism is our guide.", "Marxism"),  # kept whole by the segmenter
    ],
)
def test_a_dictionary_word_rendered_as_a_whole_is_no_fragment(
    lexicon: Lexicon, term: str, english: str, rendering: str
) -> None:
    found = find_rendering(term, english, lexicon)
    assert found is not None and found.text == rendering


@pytest.mark.parametrize(
    ("term", "english"),
    [
        ("科技管理", "We will reform the science and technology system."),  # 理 may mean "science"
        ("资源统筹", "We will pool resources widely."),  # 筹 may mean "resources"
    ],
)
def test_a_word_translating_one_term_word_is_no_evidence_for_anothers_characters(
    lexicon: Lexicon, term: str, english: str
) -> None:
    assert find_rendering(term, english, lexicon) is None


def test_only_the_longest_of_a_terms_overlapping_renderings_is_attested() -> None:

    known = KnownRenderings([
        ("国家战略科技力量", "national strategic scientific and technological forces"),
        ("国家战略科技力量", "strategic scientific and technological forces"),
        ("科技", "science and technology"),
    ])
    found = known.attest(
        "We deploy national strategic S&T forces, and strategic scientific and technological forces elsewhere."
    )
    assert found == {
        ("国家战略科技力量", "national strategic S&T forces"): 1,
        ("国家战略科技力量", "strategic scientific and technological forces"): 1,
        ("科技", "S&T"): 1,  # another term's rendering inside it still counts for that term
        ("科技", "scientific and technological"): 1,
    }


def test_a_rendering_crosses_a_comma_only_as_a_list_of_the_terms_words(lexicon: Lexicon) -> None:
    listed = find_rendering("自主安全可控", "Supply chains must be independent, secure, and controllable.", lexicon)
    assert listed is not None and listed.text == "independent, secure, and controllable"
    # "continuously strengthening" begins a new item, not a word of 人才队伍
    assert find_rendering("人才队伍", "We value talents, continuously strengthening the ranks of engineers.", lexicon) is None


@pytest.mark.parametrize(
    ("term", "english", "expected"),
    [
        ("高技能人才", "We need more highly skilled talents.", "highly skilled talents"),
        ("全球精准服务", "BeiDou offers precise positioning services globally.", "precise positioning services"),
        # "vigorously" meets only a sense of the character 强
        ("科技强国", "We mobilized scientific and technological personnel and vigorously advanced reform.", None),
    ],
)
def test_a_noun_phrases_rendering_begins_on_an_adverb_only_where_the_term_means_it(
    lexicon: Lexicon, term: str, english: str, expected: str | None
) -> None:
    found = find_rendering(term, english, lexicon)
    assert (found.text if found else None) == expected


def test_a_gap_is_not_filled_by_the_second_of_two_nouns_whose_first_renders_other_chinese(
    lexicon: Lexicon,
) -> None:
    english = (
        "It set the goal of making China a world leader in science and technology by 2035,"
        " and advanced self-reliance and strength in science and technology."
    )
    evidence = term_evidence("科技强国", lexicon)
    elsewhere = frozenset(english_keys("self-reliance goal make advance"))
    found = best_span(evidence, english, elsewhere=elsewhere)
    assert found is not None and found.text == "world leader in science and technology"


def test_a_known_rendering_inside_another_terms_longer_one_is_not_attested() -> None:

    known = KnownRenderings([
        ("科技自立自强", "self-reliance and strength in science and technology"),
        ("科技强国", "strength in science and technology"),
        ("科技强国", "science and technology power"),
        ("科技", "science and technology"),
    ])
    found = known.attest(
        "We pursue self-reliance and strength in science and technology and will become a science and "
        "technology power; China’s strength in science and technology grows."
    )
    assert found == {
        ("科技自立自强", "self-reliance and strength in science and technology"): 1,
        ("科技强国", "science and technology power"): 1,
        # each inside a rendering of a term that contains 科技: all three stay
        ("科技", "science and technology"): 3,
        # on its own, the shorter rendering is attested
        ("科技强国", "strength in science and technology"): 1,
    }


def test_a_single_characters_sense_is_rendered_by_its_head_noun(lexicon: Lexicon) -> None:
    # CC-CEDICT has 剑 as "double-edged sword": "a perfect sword" renders it
    evidence = term_evidence("十年磨一剑", lexicon, clause=True)
    english = "There is an ancient saying that speaks of taking ten years to forge a perfect sword."
    found = best_span(evidence, english)
    assert found is not None and found.text == "ten years to forge a perfect sword"
    # a word's sense is not its head: "initiatives" is not the Belt and Road Initiative
    assert find_rendering("一带一路", "We launched several initiatives this year.", lexicon) is None


def test_a_one_word_rendering_is_attested_by_the_word_not_its_key() -> None:

    known = KnownRenderings([("科研人员", "researchers"), ("强国", "country")])
    found = known.attest(
        "Research helps every researcher; researching is what researchers do in all countries."
    )
    assert found == {
        ("科研人员", "researcher"): 1,
        ("科研人员", "researchers"): 1,
        ("强国", "countries"): 1,
    }


def test_the_end_of_a_longer_list_is_not_a_rendering(lexicon: Lexicon) -> None:
    # "science and technology, and talent" ends the list of 教育、科技、人才: the
    # Chinese coordinates the words there, it does not form the term 科技人才
    english = "We promote sound interactions between education, science and technology, and talent."
    assert find_rendering("科技人才", english, lexicon) is None
    # nor is a list of more items than the term has words
    longer = "We promote the integrated development of education, science, technology, and talent undertakings."
    assert find_rendering("科技人才", longer, lexicon) is None
    # two adjectives parted by a comma alone describe one noun
    found = find_rendering("集中统一领导", "We uphold centralized, unified leadership over this work.", lexicon)
    assert found is not None and found.text == "centralized, unified leadership"


def test_a_sense_is_completed_over_a_word_other_chinese_translates_only_in_part(lexicon: Lexicon) -> None:
    # 重中之重 is "highest priority"; "top" stands for "highest". The unit's 一流 ("top
    # quality") has "top" only as a modifier: it names no thing, and does not keep
    # "top" from the span; its "quality", like 强国's "country", would
    from glossary.terminology import _named_elsewhere

    evidence = term_evidence("重中之重", lexicon)
    chinese = "要把人才工作作为重中之重，培养一流人才，建设强国。"
    english = "A top priority is to accelerate efforts to build a contingent of professionals."
    elsewhere = frozenset().union(*(lexicon.glosses(word) for word in ("一流", "强国")))
    named = _named_elsewhere("重中之重", chinese, lexicon, {})
    assert "top" in elsewhere and "top" not in named
    assert {"quali", "count"} <= named
    found = best_span(evidence, english, elsewhere=elsewhere, named=named)
    assert found is not None and found.text == "top priority"
    # where every word other Chinese may mean keeps the neighbour out, it stays out
    kept_out = best_span(evidence, english, elsewhere=elsewhere)
    assert kept_out is not None and kept_out.text == "priority"


def test_a_verb_made_from_an_uncovered_characters_adjective_joins_the_span(lexicon: Lexicon) -> None:
    # 强国 is "powerful country" and its 强 "strong": "country" renders it only in
    # part, and "strengthening" is the verb English makes from "strong"
    english = "We pursue the strategy of strengthening the country through talent."
    found = find_rendering("人才强国", english, lexicon)
    assert found is not None and found.text == "strengthening the country through talent"
    # a verb made from no sense of the term stays out, as does one other Chinese translates
    other = find_rendering("人才强国", "We pursue the strategy of widening the country through talent.", lexicon)
    assert other is not None and other.text == "country through talent"
    claimed = best_span(term_evidence("人才强国", lexicon), english, elsewhere=frozenset({"stren"}))
    assert claimed is not None and claimed.text == "country through talent"


def test_verbs_made_from_adjectives_lead_back_to_them() -> None:
    from glossary.derivation import adjective_keys
    from glossary.lexicon import english_key

    for verb, adjective in [("strengthening", "strong"), ("widened", "wide"), ("enriches", "rich"),
                            ("modernizing", "modern"), ("deepen", "deep")]:
        assert english_key(adjective) in adjective_keys(verb), verb
    assert not adjective_keys("country")
