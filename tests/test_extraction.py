"""Term extraction: the pattern extractors, the ranking's properties, recall against
the development gold, and inline glosses in English translations."""

from __future__ import annotations

import itertools

import pytest

from glossary.documents import ParagraphKind
from glossary.extraction import (
    Candidate,
    extract_candidates,
    inline_glosses,
    missed_terms,
    read_gold_terms,
    term_recall,
    terms_in,
)
from glossary.extraction.candidates import Token, tokens
from glossary.extraction.reference import general_word
from glossary.extraction.second_reading import (
    SPECIAL_NOUN_TAGS,
    second_reading,
    special_nouns,
)
from glossary.reading import read_text
from glossary.sentences import split_chinese_sentences

from .conftest import CORPUS, SHARED

GOLD = SHARED / "dev-gold" / "terms.tsv"


def _by_text(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.text: c for c in candidates}


def _rank(candidates: list[Candidate], text: str) -> int:
    return next(i for i, c in enumerate(candidates) if c.text == text)


@pytest.fixture(scope="module")
def speech_sentences() -> list[str]:
    document = read_text(
        (CORPUS / "speech-2024-06-24.zh.txt").read_text(encoding="utf-8"), "zh-Hans", "original"
    )
    return [s for p in document.paragraphs if p.kind != ParagraphKind.CAPTION for s in p.sentences]


@pytest.fixture(scope="module")
def speech_candidates(speech_sentences: list[str]) -> list[Candidate]:
    return extract_candidates(speech_sentences)


# --- pattern extractors, on sentences written for these tests -----------------------


def test_numbered_formulas() -> None:
    found = _by_text(
        extract_candidates(
            [
                "全党要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
                "坚持四个面向，统筹推进“五位一体”总体布局。",
                "要坚持“破四唯”和“立新标”相结合。",
                "一步一个脚印，一代又一代接续奋斗。",
            ]
        )
    )
    for formula in (
        "两个确立",
        "四个意识",
        "四个自信",
        "两个维护",
        "四个面向",
        "五位一体",
        "破四唯",
    ):
        assert "formula" in found[formula].kinds, formula
    formulas = {text for text, c in found.items() if "formula" in c.kinds}
    assert not {"一步一个", "一个脚印", "立新标"} & formulas


def test_quoted_expressions() -> None:
    found = _by_text(
        extract_candidates(
            [
                "我们要以“十年磨一剑”的坚定决心，推动共建“一带一路”高质量发展。",
                "“嫦娥六号”任务圆满成功，“天问”探火，“奋斗者”号探秘万米深海。",
                "深入实施人才强国战略和国家重大科技工程。",
            ]
        )
    )
    assert "quoted" in found["十年磨一剑"].kinds
    assert {"quoted", "formula"} <= found["一带一路"].kinds
    assert "quoted" in found["奋斗者"].kinds  # “奋斗者”号
    assert "人才强国战略" in found
    assert "quoted" in found["天问"].kinds


def test_abbreviations_and_coordinations() -> None:
    found = _by_text(
        extract_candidates(
            [
                "推动企业主导的产学研融通创新，调动产学研各环节的积极性。",
                "当前，新一轮科技革命和产业变革深入发展。",
            ]
        )
    )
    assert "abbreviation" in found["产学研"].kinds
    assert found["产学研"].frequency == 2
    assert "coordination" in found["新一轮科技革命和产业变革"].kinds


def test_genitive_of_party_kept_inside_a_term() -> None:
    found = _by_text(extract_candidates(["坚持党的全面领导，发挥党总揽全局的作用。"]))
    assert "党的全面领导" in found


def test_slogan_of_two_verb_object_pairs() -> None:
    """集中力量 is one word to jieba and absent from CC-CEDICT: halved, it is 集中 + 力量,
    so the run reads verb, object, verb, object, and the slogan tops the list although
    it occurs once, after its subject and inside a 的 phrase."""
    ranked = extract_candidates(["发挥社会主义制度集中力量办大事的优势。", "推动科技创新。"])
    assert "slogan" in ranked[0].kinds and ranked[0].text == "集中力量办大事"
    slogans = {c.text for c in ranked if "slogan" in c.kinds}
    assert slogans == {"集中力量办大事"}  # not 社会主义制度集中力量办大事 nor 科技创新


def test_marked_names_with_enumerations_and_latin_or_numeric_tails() -> None:
    found = _by_text(
        extract_candidates(
            [
                "全面推行“双随机、一公开”监管，落实“互联网+”行动计划。",
                "启动实施《中国制造2025》，推动大众创业、万众创新。",
                "我代表国务院，向大会报告政府工作。",
            ]
        )
    )
    assert "quoted" in found["双随机、一公开"].kinds
    assert "quoted" in found["互联网+"].kinds
    assert "quoted" in found["中国制造2025"].kinds  # book-title marks
    assert "parallel" in found["大众创业、万众创新"].kinds
    assert "parallel" not in found.get("政府工作", Candidate("", 0, 0, frozenset())).kinds
    assert "institution" in found["国务院"].kinds


def test_parallel_pair_is_not_cut_from_a_longer_list() -> None:
    found = _by_text(extract_candidates(["推动大众创业、万众创新、全民创造，加快发展。"]))
    assert not [text for text, c in found.items() if "parallel" in c.kinds]


@pytest.mark.parametrize(
    ("sentence", "formula"),
    [
        ("坚持共商共建共享原则，加快建设。", "共商共建共享"),  # three words opening alike
        ("健全联防联控机制。", "联防联控"),  # two, one of them coined
    ],
)
def test_parallel_words_opening_with_one_character_are_a_formula(
    sentence: str, formula: str
) -> None:
    assert "parallel" in _by_text(extract_candidates([sentence]))[formula].kinds


@pytest.mark.parametrize("sentence", ["统筹生产生活空间。", "一步一步向前走。"])
def test_two_dictionary_words_or_one_word_twice_are_no_formula(sentence: str) -> None:
    """生产|生活 is a coordination of two words the dictionary has; 一步|一步 repeats."""
    found = extract_candidates([sentence])
    assert not [c.text for c in found if "parallel" in c.kinds]


@pytest.mark.parametrize(
    ("sentence", "coinage"),
    [
        ("坚决防止脱实向虚。", "脱实向虚"),  # cut by jieba into four characters
        ("坚持标本兼治，推动降本增效。", "降本增效"),
    ],
)
def test_a_four_character_coinage_is_an_idiom(sentence: str, coinage: str) -> None:
    found = _by_text(extract_candidates([sentence]))
    assert "idiom" in found[coinage].kinds


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("坚决防止脱实向虚。", "防止脱实"),  # a verb with a coined object
        ("适应新形势下的要求。", "新形势下"),  # a closing localiser
    ],
)
def test_a_phrase_of_four_characters_is_no_coinage(sentence: str, phrase: str) -> None:
    found = _by_text(extract_candidates([sentence]))
    assert phrase not in found or "idiom" not in found[phrase].kinds


def test_a_name_between_book_title_marks_is_a_title() -> None:
    found = _by_text(extract_candidates(["全面实施《中国制造2025》，推进“互联网+”行动。"]))
    assert {"quoted", "title"} <= found["中国制造2025"].kinds
    assert "title" not in found["互联网+"].kinds


def test_a_string_the_tagger_reads_as_one_proper_noun_is_a_name() -> None:
    """营改增 and 混合所有制 are cut into ordinary words by jieba (营|改|增, 混合|所有制);
    Baidu's tagger reads each as one proper noun (nz), so each is a name, a unit whatever
    the words' tags say. 社会主义, nz too, is a word general language uses too often to
    be a coined name."""
    found = _by_text(
        extract_candidates(["全面推开营改增试点，积极发展混合所有制经济，坚持社会主义道路。"])
    )
    assert {text for text, c in found.items() if "name" in c.kinds} == {"营改增", "混合所有制"}


def test_a_name_the_tagger_reads_with_its_verb_is_the_name_alone() -> None:
    """The tagger reads 践行社会主义核心价值观 as one proper noun; the verb 践行 governs
    the name after it, so the name is 社会主义核心价值观."""
    names = {
        c.text
        for c in extract_candidates(["培育和践行社会主义核心价值观，加强思想道德建设。"])
        if "name" in c.kinds
    }
    assert "社会主义核心价值观" in names
    assert "践行社会主义核心价值观" not in names


def test_a_place_jieba_does_not_know_is_a_name() -> None:
    """Baidu's tagger reads 粤港澳大湾区, which jieba cuts apart, as one place (LOC): a
    zone the policy names. 北京, a place jieba knows, is vocabulary."""
    found = _by_text(extract_candidates(["研究制定粤港澳大湾区城市群发展规划，支持北京发展。"]))
    assert {text for text, c in found.items() if "name" in c.kinds} == {"粤港澳大湾区"}


def test_a_noun_only_the_second_reader_knows_is_a_candidate() -> None:
    """jieba's dictionary lacks 获得感 and cuts it 获得|感, a verb and a one-character
    word no pattern joins; the second reader reads it as one noun, so it is found."""
    sentence = "人民群众获得感增强。"
    assert "获得感" not in {t.word for t in tokens(sentence)}
    assert "获得感" in {c.text for c in extract_candidates([sentence])}


def test_a_proper_noun_cut_inside_a_jieba_word_is_no_name() -> None:
    """The tagger reads 中国|式现代化, jieba 中国式|现代化: where the two disagree on an
    edge, the tagger's noun is a misreading, not a name."""
    sentence = "以中国式现代化全面推进中华民族伟大复兴。"
    words = [t.word for t in tokens(sentence)]
    edges = set(itertools.accumulate(map(len, words), initial=0))
    reading = second_reading(sentence)
    assert "".join(word.text for word in reading) == sentence
    tagged = {word.text: word.tag for word in reading}
    assert tagged.get("式现代化") in SPECIAL_NOUN_TAGS  # what the tagger reads
    start = sentence.index("式现代化")
    end = start + len("式现代化")
    assert end in edges and start not in edges
    assert "式现代化" not in special_nouns(reading, edges)
    assert "式现代化" not in special_nouns(reading, {start})  # both edges must agree
    assert "式现代化" in special_nouns(reading, edges | {start})


def test_list_items_are_cut_by_the_lists_parallelism() -> None:
    """Coordinated items are built alike: the first is the tail of its segment as long
    as the others, cut from the verb governing the list (加强|定向调控), and an adverb
    may open an item before its head noun (相机调控, 不忘初心), not before a verb or an
    adjective (更加|开放)."""
    texts = {
        c.text
        for c in extract_candidates(
            [
                "我们要加强定向调控、相机调控，提高预见性。",
                "不忘初心、牢记使命，继续前进。",
                "变得更加积极、更加开放。",
            ]
        )
    }
    assert {"定向调控", "相机调控", "不忘初心"} <= texts
    assert not {"更加积极", "更加开放"} & texts


def test_compressed_verb_object_words_and_counted_names() -> None:
    """A one-character verb with a two-character object is one word (去|产能), a
    two-character verb with its object a phrase (加快|建设); a numeral may count
    inside a name (八项规定) but not end one."""
    texts = {
        c.text
        for c in extract_candidates(
            [
                "抓好去产能、去库存、去杠杆、降成本、补短板。",
                "落实党中央八项规定精神。",
                "加快建设海洋强国。",
            ]
        )
    }
    assert {"去产能", "去库存", "去杠杆", "降成本", "补短板", "八项规定"} <= texts
    assert "加快建设" not in texts
    assert not [text for text in texts if text.endswith("八项")]


def test_recurring_string_cut_apart_by_the_tagger_is_a_candidate() -> None:
    """jieba tags 供给 and 侧 as verbs, so no noun pattern reaches 供给侧结构性改革; it
    recurs after and before different words (accessor variety), which makes it a unit."""
    ranked = extract_candidates(
        [
            "突出抓好供给侧结构性改革，既做减法，又做加法。",
            "深入推进供给侧结构性改革。",
            "以供给侧结构性改革为主线，扩大有效需求。",
            "我们要以推进供给侧结构性改革为主线。",
        ]
    )
    found = _by_text(ranked)
    assert "repeated" in found["供给侧结构性改革"].kinds
    assert "repeated" not in found["做减法"].kinds  # seen once


# --- ranking properties ----------------------------------------------------------------


def test_nominalised_verb_inside_an_object_is_a_phrase_not_a_clause() -> None:
    """培养 governs objects elsewhere, but between 提高 and 水平 it is "training": the
    noun–verb run before the head noun is a complete term, not a statement."""
    ranked = extract_candidates(
        ["要切实提高教师自主培养水平和质量。", "培养学生，培养教师，培养青年。"]
    )
    assert ranked[0].text == "教师自主培养"
    assert _rank(ranked, "教师自主培养") < _rank(ranked, "教师自主培养水平")


def test_subject_verb_object_clause_ranks_below_its_noun_phrases() -> None:
    """A headline clause standing between commas is no term: 增添 occurs once, but
    before a three-character object it governs it; 树起 is a verb and its complement,
    unknown to the dictionary and tagged as a place word by jieba."""
    ranked = extract_candidates(
        ["数字经济增添新动力，", "青年学者树起学术标杆，", "加强海洋牧场建设。"]
    )
    assert _rank(ranked, "数字经济") < _rank(ranked, "数字经济增添新动力")
    assert _rank(ranked, "青年学者") < _rank(ranked, "青年学者树起学术标杆")
    assert _rank(ranked, "学术标杆") < _rank(ranked, "青年学者树起学术标杆")


def test_a_verb_before_an_aspect_particle_is_in_use_not_a_noun() -> None:
    """取得 before 了 or a numeral is a verb taking its object, though both are
    boundaries: a phrase ending on it is a statement (国际合作|取得), and ranks below a
    noun phrase seen once (海洋牧场)."""
    ranked = extract_candidates(
        [
            "国际合作取得了新进展。",
            "科研工作取得了重大突破。",
            "区域合作取得一批成果。",
            "加强海洋牧场建设。",
        ]
    )
    assert _rank(ranked, "海洋牧场") < _rank(ranked, "国际合作取得")


def test_the_second_reader_tells_a_verb_used_as_a_noun_from_one_in_use() -> None:
    """维护 stands before a boundary in two of its three uses (维护和…, 维护“…”), as a
    noun ending its phrase would, but the second reader reads it governing an object
    in most: a predicate. 创新 after 科技 and 产业 is read as a noun every time."""
    from glossary.extraction.ranking import _Usage

    sentences = [
        "加强科技创新，坚决维护国家主权。",
        "推动科技创新和产业创新，维护和发展人民利益。",
        "我们要维护“一国两制”，鼓励创新。",
    ]
    usage = _Usage([tokens(s) for s in sentences], [second_reading(s) for s in sentences])
    assert usage.predicate(Token("维护", "v"))
    assert usage.nominal_verb(Token("创新", "v")) and not usage.predicate(Token("创新", "v"))


def test_a_phrase_ending_on_the_adverb_of_the_next_verb_is_no_unit() -> None:
    """全面 stands before a verb in most of its uses (全面推进, 全面深化): before 推进
    it modifies the verb, so 中国式现代化全面 is a cut through two phrases, and ranks
    below phrases that stand alone."""
    ranked = extract_candidates(
        [
            "以中国式现代化全面推进强国建设。",
            "要全面深化改革。",
            "全面建设社会主义现代化国家。",
            "海洋牧场建设取得进展。",
        ]
    )
    assert _rank(ranked, "社会主义现代化国家") < _rank(ranked, "中国式现代化全面")
    assert _rank(ranked, "海洋牧场建设") < _rank(ranked, "中国式现代化全面")


def test_an_idiom_no_verb_takes_as_its_object_is_a_predicate() -> None:
    """奋勇前进 and 自立自强 both close their phrases, but only 自立自强 is ever the
    object of a verb (推进|…自立自强): 宏伟目标奋勇前进 is a statement, 科技自立自强 a term."""
    ranked = extract_candidates(
        [
            "朝着建成海洋强国的宏伟目标奋勇前进！",
            "全党同志要奋勇前进。",
            "推进高水平科技自立自强。",
            "实现科技自立自强，",
            "加强海洋牧场建设。",
        ]
    )
    assert _rank(ranked, "海洋牧场") < _rank(ranked, "宏伟目标奋勇前进")
    assert _rank(ranked, "科技自立自强") == 0


def test_nested_string_that_never_occurs_alone_ranks_below_its_container() -> None:
    texts = [
        "要加强国家战略科技力量建设。",
        "国家战略科技力量是体现国家意志的力量。",
        "壮大国家战略科技力量，支撑科技强国建设。",
    ]
    ranked = extract_candidates(texts)
    assert _rank(ranked, "国家战略科技力量") < _rank(ranked, "战略科技力量")
    assert _rank(ranked, "国家战略科技力量") < _rank(ranked, "国家战略科技")


def test_general_words_alone_are_left_out_or_low(speech_candidates: list[Candidate]) -> None:
    texts = {c.text for c in speech_candidates}
    assert not {"我们", "发展", "工作", "人才", "建设"} & texts
    top = {c.text for c in speech_candidates[:200]}
    assert not {"我们", "发展", "工作", "问题", "方面"} & top


def test_no_duplicates_and_ranked_by_score(speech_candidates: list[Candidate]) -> None:
    texts = [c.text for c in speech_candidates]
    assert len(texts) == len(set(texts))
    scores = [c.score for c in speech_candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(c.frequency >= 1 and c.kinds for c in speech_candidates)
    assert extract_candidates(texts[:0]) == []


def test_limit(speech_sentences: list[str], speech_candidates: list[Candidate]) -> None:
    assert extract_candidates(speech_sentences, limit=10) == speech_candidates[:10]


def test_duplicated_input_ranks_as_once(
    speech_sentences: list[str], speech_candidates: list[Candidate]
) -> None:
    """The termbase may hold the same speech twice (original and bilingual edition)."""
    twice = extract_candidates(speech_sentences + speech_sentences)
    assert [c.text for c in twice[:100]] == [c.text for c in speech_candidates[:100]]
    assert (
        _by_text(twice)["科技强国"].frequency
        == 2 * _by_text(speech_candidates)["科技强国"].frequency
    )


# --- quality on the sample corpus ------------------------------------------------------


def test_recall_within_first_400(
    speech_sentences: list[str], speech_candidates: list[Candidate]
) -> None:
    gold = terms_in(read_gold_terms(GOLD), speech_sentences)
    assert len(gold) == 23  # 世界科技强国 is glossed only in the 2018 translation
    recall = term_recall(speech_candidates, gold, 400)
    missed = missed_terms(speech_candidates, gold, 400)
    assert recall >= 0.90, missed
    assert term_recall(speech_candidates, gold, 200) < recall  # the measure depends on n


def test_recall_on_the_other_genre() -> None:
    """The 2016 and 2017 Government Work Reports, a genre the ranking was not built
    on: nearly every gold term is a candidate, and over half are within the first 1,000."""
    sentences = [
        sentence
        for name in ("gwr-2016.zh.txt", "gwr-2017.zh.txt")
        for line in (SHARED / "corpus-gwr" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
        for sentence in split_chinese_sentences(line.strip())
    ]
    gold = terms_in(read_gold_terms(SHARED / "dev-gold" / "gwr-2017-terms.tsv"), sentences)
    ranked = extract_candidates(sentences)
    assert term_recall(ranked, gold) >= 0.90, missed_terms(ranked, gold)
    assert term_recall(ranked, gold, 1000) >= 0.50, missed_terms(ranked, gold, 1000)


def test_precision_sanity(speech_candidates: list[Candidate]) -> None:
    """Of the first 100, nearly all are more than a single general-language word, and
    none is a general word, a function word or an object-taking verb plus a phrase."""
    top = speech_candidates[:100]
    multiword_or_special = [c for c in top if not general_word(c.text)]
    assert len(multiword_or_special) / len(top) >= 0.95
    governing = ("加快", "推进", "坚持", "加强", "推动", "建设", "实现", "我们", "要", "的")
    assert not [c.text for c in top if c.text.startswith(governing)]


# --- evaluation helpers ----------------------------------------------------------------


def test_term_recall_counts_exact_matches_within_n() -> None:
    ranked = [
        Candidate(t, 1, 1.0, frozenset({"phrase"})) for t in ("科技强国", "新质生产力", "强国")
    ]
    assert term_recall(
        ranked, ["科技强国", "新质生产力", "大国工匠", "科技强国"], 2
    ) == pytest.approx(2 / 3)
    assert term_recall(ranked, ["强国"], 2) == 0.0
    assert missed_terms(ranked, ["强国", "大国工匠"]) == ["大国工匠"]
    assert terms_in(["科技强国", "世界科技强国"], ["建设科技强国"]) == ["科技强国"]


# --- inline glosses --------------------------------------------------------------------


def test_inline_glosses_in_the_2018_translation() -> None:
    pairs = inline_glosses(
        (CORPUS / "speech-2018-05-28.digichina.en.txt").read_text(encoding="utf-8")
    )
    assert ("世界科技强国", "world S&T superpower") in pairs
    assert ("自主创新", "independent innovation") in pairs
    assert ("供给侧结构性改革", "supply-side structural reform") in pairs


def test_inline_glosses_both_ways() -> None:
    pairs = inline_glosses(
        "We will advance the Belt and Road Initiative (一带一路). 我们要坚持自主创新 (independent "
        "innovation). It called for the building of a modern industrial system (现代化产业体系)."
    )
    assert pairs == [
        ("一带一路", "Belt and Road Initiative"),
        ("现代化产业体系", "modern industrial system"),
        ("自主创新", "independent innovation"),
    ]


def test_string_between_varied_neighbours_is_a_unit() -> None:
    """负面清单 never stands alone, but it recurs before three different heads and after
    two different words: accessor variety makes it a unit, above a string seen once."""
    ranked = extract_candidates(
        [
            "实行负面清单管理制度。",
            "试行市场准入负面清单制度。",
            "扩大市场准入负面清单试点。",
            "加强海洋牧场建设。",
        ]
    )
    assert _rank(ranked, "负面清单") < _rank(ranked, "海洋牧场")


# --- general evidence of units and fragments -------------------------------------------


def test_numeral_with_a_measure_word_is_a_numbered_formula() -> None:
    """八项规定 is always framed the same way (党中央|八项规定|精神), yet a numeral, a
    measure word and the counted thing make a numbered formula; the tail of a longer
    number (十九大) starts none."""
    by_text = _by_text(
        extract_candidates(
            ["落实党中央八项规定精神。", "严格执行党中央八项规定精神。", "党的十九大胜利召开。"]
        )
    )
    assert "formula" in by_text["八项规定"].kinds
    assert not any(text.startswith("九大") for text in by_text)


def test_string_nested_only_beside_another_candidate_keeps_its_frequency() -> None:
    """新常态 only occurs in 经济发展新常态, which is 经济发展 (used everywhere on its
    own) beside it: two units side by side, so 新常态 is no fragment of the longer one
    and, seen three times, ranks above a phrase seen once."""
    texts = [
        "主动适应经济发展新常态。",
        "积极引领经济发展新常态。",
        "正确把握经济发展新常态。",
        "经济发展取得新成就。",
        "推动经济发展。",
        "保持经济发展。",
        "壮大新动能。",
        "培育新动能。",
        "发展新动能。",
    ]
    ranked = extract_candidates(texts)
    assert _rank(ranked, "新常态") < _rank(ranked, "发展新动能")


def test_string_always_glued_to_one_lone_character_is_a_fragment() -> None:
    """贸试验区 always follows 自, which the segmenter cut off though 自贸 begins a
    dictionary word: a piece of 自贸试验区, below a candidate seen as often."""
    ranked = extract_candidates(
        [
            "扩大自贸试验区范围。",
            "推广自贸试验区经验。",
            "建设自贸试验区。",
            "扩大海洋牧场范围。",
            "推广海洋牧场经验。",
            "建设海洋牧场。",
        ]
    )
    assert _rank(ranked, "贸试验区") > _rank(ranked, "海洋牧场")


def test_rare_long_word_is_a_candidate_whatever_its_tag() -> None:
    """A word of four characters that general language seldom uses is a set expression
    whatever its tag (简政放权, which the dictionary's head 放权 makes a verb)."""
    texts = {c.text for c in extract_candidates(["深入推进简政放权。", "继续推进简政放权。"])}
    assert "简政放权" in texts


def test_words_the_dictionary_lists_as_one_are_a_candidate() -> None:
    """A run of words the dictionary lists as one set expression is a unit, whatever
    the tags the segmenter gave its pieces (过|紧日子, 过 tagged as a particle)."""
    texts = {c.text for c in extract_candidates(["各级政府要坚持过紧日子。"])}
    assert "过紧日子" in texts


def test_keyness_is_saturated_at_the_texts_commonest_words() -> None:
    """推进 in every sentence of a report and 经济 in most mark the genre: the two weigh
    alike, as the ceiling of the text's words, while 创新 and the words used once keep
    their own, lower weights."""
    from glossary.extraction.ranking import KEYNESS_QUANTILE, _Usage

    rare = (
        "海绵城市 河长制 影子银行 债转股 营改增 蓝天 湾区 农田 水利 铁路 公路 机场 港口 "
        "学校 医院 森林 草原 湿地 河流 湖泊 海洋 粮食 棉花 油料 钢铁 煤炭 电力 石油 天然气"
    ).split()
    sentences = ["推进经济发展。"] * 30 + ["推进科技创新。"] * 10
    sentences += [f"加强{word}。" for word in rare]
    usage = _Usage([tokens(s) for s in sentences], [second_reading(s) for s in sentences])
    assert usage.occurrences["推进"] > usage.occurrences["经济"] > usage.occurrences["创新"]
    ceiling = max(usage.weight.values())
    assert KEYNESS_QUANTILE < 1
    assert usage.weight["推进"] == usage.weight["经济"] == ceiling
    assert usage.weight["海绵"] < usage.weight["创新"] < ceiling


def test_a_dictionary_phrase_is_no_more_specific_than_its_halves() -> None:
    """jieba's dictionary lists 快速增长 as one entry, with the count of how often its
    corpus kept it whole: on that count alone the phrase looks rarer in general
    language than 快速 and 增长 are, and so specific to any report that says it
    three times. Its weight is capped at its halves' mean; 工匠精神, two words, is
    weighed by its words as before."""
    from glossary.extraction.ranking import _log_keyness, _Usage

    sentences = ["经济保持快速增长。"] * 3 + ["弘扬工匠精神。"] * 3 + ["推进经济发展。"] * 20
    tokenised = [tokens(s) for s in sentences]
    assert "快速增长" in [t.word for t in tokenised[0]]
    usage = _Usage(tokenised, [second_reading(s) for s in sentences])
    whole = _log_keyness(3, sum(usage.occurrences.values()), "快速增长")
    assert usage.weight["快速增长"] < whole
    assert usage.weight["工匠"] > usage.weight["快速增长"]


def test_a_dictionary_entry_of_an_adverb_or_a_verb_and_what_follows_is_a_predicate() -> None:
    """jieba lists 全面实施 as one word (tagged n), but it is 全面, which the text uses
    before its verbs, and the verb 实施: a predicate, as 全面|推进 cut apart is, and
    no name; so is 深化改革, a verb and its object. 行动计划, an entry of two nouns,
    stays a name."""
    from glossary.extraction.ranking import _is_clause, _Usage

    sentences = ["全面加强管理。", "全面建成小康社会。", "全面贯彻精神。", "全面实施计划。"]
    sentences += ["制定行动计划。", "深化体制改革。", "深化开放。"]
    tokenised = [tokens(s) for s in sentences]
    assert "全面实施" in [t.word for t in tokenised[3]]
    usage = _Usage(tokenised, [second_reading(s) for s in sentences])
    assert "全面" in usage.adverbial
    assert _is_clause(tokens("全面实施"), usage)
    assert not _is_clause(tokens("行动计划"), usage)
    assert [t.word for t in tokens("深化改革")] == ["深化改革"]
    assert _is_clause(tokens("深化改革"), usage)


def test_a_verb_before_a_verb_phrase_is_coordinated_not_governing() -> None:
    """减税 before 降费 (itself a verb and its object) does not govern it: 减税降费 is
    two compressed verb–object words side by side, a term of its own, where 建设 before
    科技强国 is that term in use."""
    texts = [
        "实施减税降费政策。",
        "继续减税降费。",
        "推动降费。",
        "坚持降费。",
        "降费取得成效。",
        "扩大减税范围。",
        "落实减税政策。",
        "减税效果明显。",
        "加快建设科技强国。",
        "全面建设科技强国。",
        "科技强国是目标。",
        "我们要发展海洋牧场。",
    ]
    ranked = extract_candidates(texts)
    assert _rank(ranked, "减税降费") < _rank(ranked, "海洋牧场")
    assert _rank(ranked, "海洋牧场") < _rank(ranked, "建设科技强国")


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        pytest.param(
            [
                "在区间调控基础上加强定向调控、相机调控。",
                "在区间调控基础上，加强定向调控、相机调控，提高预见性。",
                "加强管理。",
                "加强监督。",
                "加强领导。",
            ],
            "定向调控",
            id="a statement holding a name takes nothing from its count",
        ),
        pytest.param(
            [
                "四是依靠创新推动新旧动能转换和结构优化升级。",
                "这是推动新旧动能转换和经济结构升级的有效方式。",
            ],
            "新旧动能转换",
            id="a verb read as a noun in one of two sentences is a noun",
        ),
        pytest.param(
            [
                "发展多种形式适度规模经营，是中国特色农业现代化的必由之路。",
                "今年对适度规模经营农户实施大灾保险。",
            ],
            "适度规模经营",
            id="a set phrase right before a noun is used as a noun",
        ),
    ],
)
def test_a_name_ranks_above_a_description_seen_once(texts: list[str], name: str) -> None:
    """Each is a name, not a statement, by a point of grammar, and ranks above
    数字经济发展, a description seen once:

    - 定向调控 is seen twice, both times after 加强, which governs it: 加强定向调控 is
      that term in use, a statement, and takes nothing from its count;
    - 转换 stands twice between 动能 and 和, the same neighbours, but in two
      sentences, and the second reader reads it once as a noun ("the shift"): a verb
      used as a noun by half its uses;
    - 规模经营 (a set phrase) is never the object of a verb here, but it stands right
      before 农户, which it modifies without 的: used as a noun, so 适度规模经营 is no
      clause ending on a predicate idiom."""
    ranked = extract_candidates([*texts, "推动数字经济发展。"])
    assert _rank(ranked, name) < _rank(ranked, "数字经济发展")
