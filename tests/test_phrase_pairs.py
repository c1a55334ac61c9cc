"""The span read off a unit's word links as a term's rendering."""

from __future__ import annotations

from glossary.enumerations import counted_items, item_position
from glossary.lexicon import Lexicon, english_key
from glossary.phrase_pairs import (
    PhraseEdges,
    _read_sentence,
    _whole_term_words,
    best_span,
    rendering_text,
)
from glossary.term_marks import Marks
from glossary.terminology import whole_term_keys
from glossary.word_alignment import AlignedPair, english_tokens

from .links import pair_with_links

ZH = "我们要建设科技强国。"
EN = "We will build a country strong in science and technology, and work hard."


def _pair(links: dict[tuple[str, str], float], zh: str = ZH, en: str = EN) -> AlignedPair:
    return pair_with_links(zh, en, links)


def _rendering(
    pair: AlignedPair, term: str, zh: str = ZH, en: str = EN, *, named: bool = False
) -> str | None:
    start = zh.index(term)
    span = best_span(pair, start, start + len(term), named=named)
    return rendering_text(en, pair.english, span[0], span[1]) if span else None


TERM_LINKS = {
    ("科技", "science"): 1.0,
    ("科技", "technology"): 1.0,
    ("强国", "country"): 0.6,
    ("强国", "strong"): 1.0,
    ("建设", "build"): 1.0,
    ("我们", "We"): 1.0,
}


def test_the_span_holding_the_terms_links_and_little_else_renders_it() -> None:
    assert _rendering(_pair(TERM_LINKS), "科技强国") == "country strong in science and technology"


def test_a_word_linked_to_other_chinese_stays_out() -> None:
    assert _rendering(_pair(TERM_LINKS), "建设") == "build"


def test_a_span_begins_and_ends_on_a_content_word_inside_one_clause() -> None:
    links = {**TERM_LINKS, ("科技", "work"): 0.2}  # a stray link beyond the comma
    assert _rendering(_pair(links), "科技强国") == "country strong in science and technology"


def test_no_links_means_the_term_was_paraphrased_away() -> None:
    assert _rendering(_pair({("建设", "build"): 1.0}), "科技强国") is None


def test_a_whole_phrase_is_preferred_to_one_cut_inside_it() -> None:
    edges = PhraseEdges(
        [
            "We accomplish major tasks.",
            "Major reforms and major projects advance, and tasks remain.",
            "These are the tasks of the year.",
        ]
    )
    # "major" always goes on to a noun; "tasks" ends phrases
    assert edges.weight(["accomplish", "major", "tasks"]) > edges.weight(["accomplish", "major"])
    assert edges.weight(["major", "tasks"]) > edges.weight(["tasks", "major"])


def test_a_run_always_followed_by_a_word_is_cut_short_there() -> None:
    """ "centenary" ends phrases elsewhere, but "two centenary" is always followed by
    "goals": the run's own habit outweighs its last word's once it is seen often."""
    edges = PhraseEdges(
        ["The centenary, and the centenary of the Party."]
        + ["We achieve the two centenary goals."] * 8
    )
    whole, cut = ["two", "centenary", "goals"], ["two", "centenary"]
    assert edges.weight(cut) < edges.weight(whole)
    # seen once, a run leans on its words' habits: "centenary" ends phrases
    once = PhraseEdges(["The centenary, and the centenary of the Party.", "two centenary goals"])
    assert once.weight(cut) > edges.weight(cut)


def test_what_the_term_as_a_whole_translates_as_links_all_of_it() -> None:
    """一带一路 is cut into 一带 ("region") and 一路 ("all the way"): their links alone
    reach only "Belt"; the whole term's sense (CC-CEDICT: "Belt and Road Initiative")
    links "Road" and "Initiative" to it too, so the rendering is not cut short."""
    zh, en = "共建一带一路。", "We jointly build the Belt and Road Initiative."
    pair = _pair({("一带", "Belt"): 0.4, ("共建", "jointly"): 1.0}, zh, en)
    start = zh.index("一带一路")
    assert _rendering(pair, "一带一路", zh, en) == "Belt"
    whole = frozenset({"belt", "road", "initi"})
    span = best_span(pair, start, start + 4, term_keys=whole)
    assert span is not None
    assert rendering_text(en, pair.english, span[0], span[1]) == "Belt and Road Initiative"


def test_a_terms_whole_keys_are_its_first_sense_and_what_editors_approved() -> None:
    """The dictionary's first sense is the term's commonest translation; the later
    pieces of a long definition are explanation ("Chinese government plan …")."""
    lexicon = Lexicon(
        {
            "一带一路": (
                frozenset({"belt", "road", "initi"}),
                frozenset({"chines", "govern", "plan"}),
            )
        }
    )
    lexicon.add("一带一路", "BRI cooperation")
    keys = whole_term_keys(lexicon, "一带一路")
    assert {"belt", "road", "initi", english_key("cooperation")} <= keys
    assert not {"chines", "govern", "plan"} & keys
    assert whole_term_keys(lexicon, "科技强国") == frozenset()


def test_a_whole_terms_words_are_read_in_one_stretch_of_the_sentence() -> None:
    """A key met again further on ("initiative") belongs to something else there."""
    english = english_tokens(
        "Build the Belt and Road Initiative, and advance the Western Development initiative."
    )
    keys = _read_sentence(tuple(token.text for token in english)).keys
    words = _whole_term_words(keys, frozenset({"belt", "road", "initi"}))
    assert [english[j].text for j in words] == ["Belt", "Road", "Initiative"]
    assert _whole_term_words(keys, frozenset()) == []


def _counted_rendering(
    zh: str, en: str, term: str, links: dict[tuple[str, str], float]
) -> str | None:
    pair = _pair(links, zh, en)
    start = zh.index(term)
    span = best_span(pair, start, start + len(term), marks=Marks(counted_items(term)))
    return rendering_text(en, pair.english, span[0], span[1]) if span else None


def test_a_list_of_as_many_items_as_the_term_counts_renders_it_whole() -> None:
    """The aligner links 四风 to one item of the four at best; the count says the whole
    list renders it, and no span cuts into the list."""
    zh = "坚决纠正四风，严格执行规定。"
    en = "We took firm action to address formalism, bureaucratism, hedonism, and extravagance, and enforced the rules."
    links = {("四风", "extravagance"): 0.7, ("纠正", "address"): 1.0, ("规定", "rules"): 1.0}
    assert _rendering(_pair(links, zh, en), "四风", zh, en) == "extravagance"
    assert _counted_rendering(zh, en, "四风", links) == (
        "formalism, bureaucratism, hedonism, and extravagance"
    )


def test_a_label_keeping_the_count_beats_the_list_that_explains_it() -> None:
    zh = "着力抓好三去一降一补。"
    en = "We focused on five priority tasks -- cutting overcapacity, reducing inventory, deleveraging, lowering costs, and strengthening areas of weakness -- thereby improving supply."
    links = {("三去", "tasks"): 0.2, ("三去", "reducing"): 1.0, ("一降", "deleveraging"): 0.5}
    assert _counted_rendering(zh, en, "三去一降一补", links) == "five priority tasks"


def test_a_numeral_the_translation_reads_as_an_ordinal_counts_nothing() -> None:
    """五中全会 is the fifth plenary session, not a set of five: where the links reach
    "fifth", a list of five items nearby is not its rendering."""
    zh = "贯彻五中全会精神，稳增长、促改革、调结构、惠民生、防风险。"
    en = "We will implement the fifth plenary session, and keep growth stable, promote reform, make adjustments, improve lives, and guard against risks."
    links = {
        ("五中全会", "fifth"): 0.8,
        ("五中全会", "plenary"): 0.8,
        ("五中全会", "session"): 0.6,
        ("五中全会", "reform"): 0.3,  # a stray link into the list
    }
    assert counted_items("五中全会") == {5}
    assert _counted_rendering(zh, en, "五中全会", links) == "fifth plenary session"


def test_a_label_other_chinese_claims_more_is_not_the_terms() -> None:
    """Numbers link wherever they are equal: "Five-Year" meets 五位一体's 五 as well as
    五年规划's 五年, but it is the latter's label."""
    zh = "统筹推进五位一体总体布局，编制五年规划。"
    en = "We will promote the overall plan for balanced progress and draw up the Five-Year Plan."
    links = {
        ("五位一体", "Five-Year"): 0.5,
        ("五位一体", "balanced"): 0.6,
        ("五位一体", "progress"): 0.6,
        ("五年", "Five-Year"): 1.0,
        ("规划", "Plan"): 1.0,
        ("总体", "overall"): 1.0,
    }
    assert _counted_rendering(zh, en, "五位一体", links) == "balanced progress"


def test_a_list_item_is_rendered_by_the_english_item_at_its_place() -> None:
    """A translator keeps a list's order: 补短板, the fifth of five items, is the fifth
    of the English list, which the links reach only at "weakness"; a stray link to the
    item before is no reason to reach across the list's comma."""
    zh = "抓好去产能、去库存、去杠杆、降成本、补短板。"
    en = "We focused on cutting overcapacity, reducing excess inventory, deleveraging, lowering costs, and strengthening areas of weakness."
    links = {("板", "weakness"): 0.6, ("补短", "costs"): 0.9, ("降", "lowering"): 1.0}
    pair = _pair(links, zh, en)
    start = zh.index("补短板")
    place = item_position(zh, start, start + 3)
    assert _rendering(pair, "补短板", zh, en) != "strengthening areas of weakness"
    span = best_span(pair, start, start + 3, marks=Marks(item=place))
    assert span is not None
    assert rendering_text(en, pair.english, span[0], span[1]) == ("strengthening areas of weakness")


def test_a_term_with_no_verb_is_rendered_by_a_noun_phrase() -> None:
    """财政政策 is linked to the verb that renders 实施 before it, as a small memory
    links a noun to the verb it keeps company with; a term with no word that may be a
    verb names something, and its English neither begins with a verb nor takes one in.
    The verb 实施 with it is a verb phrase and keeps its verb."""
    zh = "今年继续实施积极的财政政策。"
    en = "This year we will continue to pursue a proactive fiscal policy."
    links = {
        ("积极", "proactive"): 1.0,
        ("财政政策", "fiscal"): 0.5,
        ("财政政策", "policy"): 1.0,
        ("财政政策", "pursue"): 0.6,
        ("实施", "pursue"): 0.3,
        ("继续", "continue"): 1.0,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "积极的财政政策", zh, en) == "proactive fiscal policy"
    assert _rendering(pair, "实施积极的财政政策", zh, en) == "pursue a proactive fiscal policy"


def test_a_term_with_no_verb_runs_across_no_auxiliary_but_in_a_relative_clause() -> None:
    """A noun phrase holds a finite verb only in a relative clause: "was pursued" is
    the predicate of the sentence, which the noun's links reach, not part of its name;
    "that is" opens a clause inside the noun phrase."""
    zh = "积极的财政政策力度加大。"
    en = "More proactive fiscal policy was pursued."
    links = {
        ("积极", "proactive"): 1.0,
        ("财政政策", "fiscal"): 0.4,
        ("财政政策", "policy"): 1.0,
        ("财政政策", "pursued"): 0.8,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "积极的财政政策", zh, en) == "proactive fiscal policy"
    zh = "建成小康社会。"
    en = "We will build a society that is moderately prosperous."
    links = {
        ("小康社会", "society"): 1.0,
        ("小康社会", "moderately"): 0.5,
        ("小康社会", "prosperous"): 0.6,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "小康社会", zh, en) == "society that is moderately prosperous"


def test_an_infinitive_in_a_noun_phrase_is_no_auxiliary() -> None:
    """ "have" after "to" is an infinitive, which a noun phrase may hold ("policy of
    allowing couples to have two children"); "has been" is the sentence's predicate."""
    zh = "适应实施全面两孩政策。"
    en = "As the policy of allowing couples to have two children has been adopted, we act."
    links = {
        ("政策", "policy"): 1.0,
        ("两孩", "couples"): 0.35,
        ("两孩", "have"): 0.33,
        ("两孩", "two"): 1.0,
        ("两孩", "children"): 0.7,
        ("两孩", "been"): 0.47,
        ("实施", "adopted"): 0.6,
    }
    pair = _pair(links, zh, en)
    rendering = _rendering(pair, "全面两孩政策", zh, en)
    assert rendering == "policy of allowing couples to have two children"


def test_a_span_runs_into_a_coordinated_verb_phrase_only_for_a_second_predicate() -> None:
    """A comma before a verb in its base form opens the next verb phrase of a series;
    a term with one predicate or none is rendered inside one of them ("farm-based
    recreation or agritourism", not "agricultural products, develop farm-based …").
    A coinage of two verb–object halves (简政放权) holds two predicates, and its
    rendering may run across ("streamline administration, delegate powers")."""
    zh = "发展农产品精深加工和休闲农业。"
    en = "We will process agricultural products, develop farm-based recreation or agritourism."
    links = {  # a small memory links 农业 to the agricultural words of the series too
        ("农业", "agricultural"): 0.9,
        ("农业", "products"): 0.8,
        ("农业", "farm-based"): 0.6,
        ("休闲", "recreation"): 1.0,
        ("农业", "agritourism"): 0.8,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "休闲农业", zh, en) == "farm-based recreation or agritourism"
    zh = "推进简政放权。"
    en = "We will streamline administration, delegate powers."
    links = {
        ("简政放权", "streamline"): 1.0,
        ("简政放权", "administration"): 0.8,
        ("简政放权", "delegate"): 0.9,
        ("简政放权", "powers"): 0.9,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "简政放权", zh, en) == "streamline administration, delegate powers"


def test_a_word_that_may_be_a_verb_opens_the_next_verb_phrase_before_a_determiner() -> None:
    """ "set" is a noun too, but before "the" it is the verb of the next phrase of the
    series: 创新型国家, one noun, is "country of innovators", not "…, and set"."""
    zh = "进入创新型国家行列，并确立了长远目标。"
    en = "We joined the ranks of a country of innovators, and set the long-term goal."
    links = {  # a small memory's stray link from 创新型 to the next verb
        ("国家", "country"): 1.0,
        ("创新型", "innovators"): 1.0,
        ("创新型", "set"): 0.6,
        ("创新型", "long-term"): 0.26,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "创新型国家", zh, en) == "country of innovators"


def test_no_rendering_begins_with_an_auxiliary_or_a_modal() -> None:
    """ "will", "must" and "can" mark the sentence's predicate, not the term: a small
    memory links them to the verb they stand with, and a span opening on them is a
    clause ("tighten oversight", not "will tighten oversight")."""
    zh = "我们要严格监管。"
    en = "We will tighten oversight."
    links = {("严格", "tighten"): 1.0, ("监管", "oversight"): 1.0, ("严格", "will"): 0.6}
    pair = _pair(links, zh, en)
    assert _rendering(pair, "严格监管", zh, en) == "tighten oversight"


def test_no_rendering_runs_across_a_subject_pronoun() -> None:
    """ "we" can only be a subject, and a subject opens a clause: a string cut across
    a sentence adverbial and its clause (今年|网络提速降费) is rendered by the clause's
    phrase alone, not by "year, we will increase …"."""
    zh = "今年网络提速降费。"
    en = "This year, we will increase broadband speed and lower rates."
    links = {
        ("今年", "year"): 1.0,
        ("网络", "broadband"): 1.0,
        ("提速", "increase"): 0.6,
        ("提速", "speed"): 1.0,
        ("降费", "lower"): 0.8,
        ("降费", "rates"): 0.9,
    }
    pair = _pair(links, zh, en)
    assert (
        _rendering(pair, "今年网络提速降费", zh, en) == "increase broadband speed and lower rates"
    )


def test_no_rendering_runs_into_a_clause_of_purpose() -> None:
    """ "so that" opens a clause of purpose or result, which says what the term is for,
    not what it is: 医保 is "medical insurance", not "medical insurance so that
    medical", where the word after the clause's start repeats one of its links."""
    zh = "建立基本医保全国联网。"
    en = (
        "We will build a nationwide network for basic medical insurance so that medical costs fall."
    )
    links = {
        ("全国", "nationwide"): 1.0,
        ("联网", "network"): 1.0,
        ("医保", "medical"): 1.0,
        ("医保", "insurance"): 1.0,
        ("基本", "basic"): 1.0,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "医保", zh, en) == "medical insurance"


def test_a_capitalised_verb_after_a_word_is_part_of_a_name() -> None:
    """ "Represents" can only be a verb, but written with a capital after another word
    it is a word of a name, which a noun phrase may end on; a capitalised verb that
    opens the sentence ("Guide") is still a verb, which no noun phrase begins with."""
    zh = "以三个代表重要思想为指导。"
    en = "Guide us by the Theory of Three Represents."
    links = {
        ("三个代表", "Guide"): 0.5,
        ("三个代表", "Three"): 1.0,
        ("三个代表", "Represents"): 1.0,
        ("指导", "Guide"): 0.3,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "三个代表", zh, en) == "Three Represents"


def test_a_name_is_rendered_by_a_noun_phrase_whatever_its_words() -> None:
    """混合 may be "to mix", so 混合所有制 is no noun by its words alone, and a verb its
    rare words' links reach comes in; read as one proper noun by the second reader, it
    names something, and its English is a noun phrase."""
    zh = "在电力等领域实行混合所有制改革。"
    en = "We will establish mixed ownership systems in the power sector."
    links = {
        ("混合", "establish"): 0.6,
        ("混合", "mixed"): 0.8,
        ("所有制", "ownership"): 1.0,
        ("所有制", "systems"): 0.7,
        ("实行", "establish"): 0.3,
        ("电力", "power"): 1.0,
    }
    pair = _pair(links, zh, en)
    assert _rendering(pair, "混合所有制", zh, en) == "establish mixed ownership systems"
    assert _rendering(pair, "混合所有制", zh, en, named=True) == "mixed ownership systems"


def test_a_sentences_first_word_is_a_verb_whatever_ends_the_sentence() -> None:
    """No word stands before the first: a capitalised verb there opens the sentence,
    even where no full stop ends it (a heading, a title line)."""
    words = ("Pursue", "the", "Theory", "of", "Three", "Represents")
    assert _read_sentence(words).verbs == (0,)
