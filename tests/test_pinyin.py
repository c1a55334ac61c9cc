"""Pinyin of terms in the GB/T 16159-2012 orthography, tone numbers, search keys.

The gold terms are hand-checked; the other expectations are political vocabulary
written out by the orthography's rules, one group per rule, so that a rule that breaks
names itself.
"""

from __future__ import annotations

import csv
from pathlib import Path

import jieba
import pytest
from pypinyin import lazy_pinyin

from glossary.pinyin import (
    _parse_phrases,
    normalise_pinyin_query,
    numbers_from_marks,
    pinyin_marks,
    pinyin_numbers,
    proper_name,
    search_keys,
    toneless,
)
from glossary.terminology import rank_terms, term_drafts

DEV_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "dev-gold"
GOLD = DEV_GOLD / "terms.tsv"


def _gold_terms(path: Path = GOLD) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["zh"]: (row["pinyin_marks"], row["pinyin_numbers"]) for row in rows}


def test_every_gold_term_exactly_right_in_both_columns() -> None:
    gold = _gold_terms()
    assert len(gold) >= 20
    wrong = {
        zh: (pinyin_marks(zh), pinyin_numbers(zh))
        for zh, expected in gold.items()
        if (pinyin_marks(zh), pinyin_numbers(zh)) != expected
    }
    assert wrong == {}


@pytest.mark.parametrize("gold", ["terms.tsv", "gwr-2017-terms.tsv"])
def test_gold_numbers_follow_from_gold_marks(gold: str) -> None:
    # each gold's own two columns agree under numbers_from_marks (syllables only:
    # "Zhōngguó Zhìzào 2025" is "zhong1 guo2 zhi4 zao4"), so an editor's correction
    # in marks yields the numbers the gold would give
    for marks, numbers in _gold_terms(DEV_GOLD / gold).values():
        assert numbers_from_marks(marks) == numbers


def _check(cases: list[tuple[str, str]]) -> None:
    assert {zh: pinyin_marks(zh) for zh, _ in cases} == dict(cases)


def test_words_joined_and_phrases_spaced() -> None:
    _check(
        [
            ("科技强国", "kējì qiángguó"),
            ("共同富裕", "gòngtóng fùyù"),
            ("全过程人民民主", "quánguòchéng rénmín mínzhǔ"),
            ("新发展理念", "xīn fāzhǎn lǐniàn"),
            ("人类命运共同体", "rénlèi mìngyùn gòngtóngtǐ"),
            ("集中力量办大事", "jízhōng lìliàng bàn dàshì"),
            ("国家治理体系和治理能力现代化", "guójiā zhìlǐ tǐxì hé zhìlǐ nénglì xiàndàihuà"),
            ("关键核心技术", "guānjiàn héxīn jìshù"),
            ("坐冷板凳", "zuò lěngbǎndèng"),
        ]
    )


def test_suffixes_and_prefixes_join_their_word() -> None:
    _check(
        [
            ("创新型国家", "chuàngxīnxíng guójiā"),
            ("新质生产力", "xīnzhì shēngchǎnlì"),
            ("中国式现代化", "Zhōngguóshì xiàndàihuà"),
            ("科技工作者", "kējì gōngzuòzhě"),
            ("中国特色社会主义", "Zhōngguó tèsè shèhuì zhǔyì"),
            ("供给侧结构性改革", "gōngjǐcè jiégòuxìng gǎigé"),
            ("产业链供应链", "chǎnyèliàn gōngyìngliàn"),
            ("高质量发展", "gāozhìliàng fāzhǎn"),
            ("非公有制经济", "fēigōngyǒuzhì jīngjì"),
            ("能耗双控", "nénghào shuāngkòng"),
            ("中国共产党人", "Zhōngguó Gòngchǎndǎngrén"),
            # an adjective is no prefix: gold 硬科技 yìng kējì
            ("新时代", "xīn shídài"),
        ]
    )


def test_a_term_of_two_content_morphemes_is_one_word() -> None:
    """jieba leaves the coined word apart; as a term it stands for one concept."""
    _check(
        [
            ("降费", "jiàngfèi"),
            ("棚改", "pénggǎi"),
            ("雾霾", "wùmái"),  # 霾 a bound morpheme
            ("较低", "jiào dī"),  # an adverb is a word of its own
        ]
    )


def test_particles() -> None:
    _check(
        [
            ("党的全面领导", "dǎng de quánmiàn lǐngdǎo"),
            ("真正的多边主义", "zhēnzhèng de duōbiān zhǔyì"),
            ("人与自然和谐共生", "rén yǔ zìrán héxié gòngshēng"),
            # 着 了 过 join the verb before them (kànzhe, tōngguòle in GB/T 16159)
            ("坚持着", "jiānchízhe"),
            ("朝着", "cháozhe"),
            ("为了人民", "wèile rénmín"),
        ]
    )


def test_numerals_stand_apart_from_what_they_count() -> None:
    _check(
        [
            ("四个全面", "sì gè quánmiàn"),
            ("两个维护", "liǎng gè wéihù"),
            ("新一轮科技革命", "xīn yī lún kējì gémìng"),
            ("十年磨一剑", "shí nián mó yī jiàn"),
            ("一个中国原则", "yī gè Zhōngguó yuánzé"),
            ("和平共处五项原则", "hépíng gòngchǔ wǔ xiàng yuánzé"),
            ("第三次分配", "dì-sān cì fēnpèi"),
            ("第十四个五年规划", "dì-shísì gè wǔ nián guīhuà"),
            ("三百五十六", "sānbǎi wǔshíliù"),
            # numerals inside words stay: 统一, 老百姓, 零部件, 两岸, 进一步
            ("祖国统一", "zǔguó tǒngyī"),
            ("老百姓", "lǎobǎixìng"),
            ("核心零部件", "héxīn língbùjiàn"),
            ("两岸关系", "liǎng'àn guānxì"),
            ("进一步", "jìnyībù"),
        ]
    )


def test_idioms() -> None:
    _check(
        [
            ("只争朝夕", "zhǐzhēng-zhāoxī"),
            ("与时俱进", "yǔshí-jùjìn"),
            ("因地制宜", "yīndì-zhìyí"),
            ("科技自立自强", "kējì zìlì-zìqiáng"),
            ("能上能下", "néngshàng-néngxià"),
            ("五位一体", "wǔwèi-yītǐ"),
            ("实事求是", "shíshì-qiúshì"),
            # indivisible: written together
            ("重中之重", "zhòngzhōngzhīzhòng"),
            ("一以贯之", "yīyǐguànzhī"),
            ("有所为有所不为", "yǒusuǒwéi yǒusuǒbùwéi"),
            # jieba's idiom list also holds plain phrases of two common words
            ("一切依靠群众", "yīqiè yīkào qúnzhòng"),
            ("安全可靠", "ānquán kěkào"),
        ]
    )


def test_numbered_formulas_group_each_numeral_with_its_item() -> None:
    # a numeral heading an abbreviated item is one word with it (6.1.2, like 三农);
    # jieba's lexicalised set phrases stay idioms (五位一体 above)
    _check(
        [
            ("三严三实", "sānyán sānshí"),
            ("一照一码", "yīzhào yīmǎ"),
            ("六稳六保", "liùwěn liùbǎo"),
            ("一老一小", "yīlǎo yīxiǎo"),
            ("三公经费", "sāngōng jīngfèi"),
        ]
    )
    # counting stays apart: measure words, quantifiers, long numbers, objects of a verb
    _check(
        [
            ("四个全面", "sì gè quánmiàn"),
            ("三大攻坚战", "sān dà gōngjiānzhàn"),
            ("十二连增", "shí'èr lián zēng"),
            ("万人以上", "wàn rén yǐshàng"),
            ("十年磨一剑", "shí nián mó yī jiàn"),
        ]
    )


def test_single_characters_that_make_a_word_are_joined() -> None:
    _check(
        [
            # three single morphemes, no two of them a word: an abbreviation
            ("煤改气", "méigǎiqì"),
            # two that CC-CEDICT has as a word
            ("众筹平台", "zhòngchóu píngtái"),
            ("厚植创新沃土", "hòuzhí chuàngxīn wòtǔ"),
            # a verb and its object stay apart (6.2.2)
            ("锻长板", "duàn chángbǎn"),
        ]
    )


def test_four_character_expressions_of_two_parts() -> None:
    # 6.10.1: idiom-like pairs of two coined two-syllable parts are hyphenated
    _check(
        [
            ("以气代煤", "yǐqì-dàiméi"),
            ("降本增效", "jiàngběn-zēngxiào"),
            ("招商引资", "zhāoshāng-yǐnzī"),
            ("勇挑重担", "yǒngtiāo-zhòngdàn"),
            ("抓早抓小", "zhuāzǎo-zhuāxiǎo"),
            ("爱国爱港", "àiguó-àigǎng"),
        ]
    )
    # but not: two dictionary words, a word and its object or head, an adverb before
    # a verb, a verb and its complement, words of time or place side by side
    _check(
        [
            ("油气管网", "yóuqì guǎnwǎng"),
            ("打造众创", "dǎzào zhòng chuàng"),
            ("从严治党", "cóngyán zhìdǎng"),
            ("又做加法", "yòu zuò jiāfǎ"),
            ("落到实处", "luòdào shíchù"),
            ("科研院所", "kēyán yuànsuǒ"),
            ("事前事后", "shìqián shìhòu"),
            ("线上线下", "xiànshàng xiànxià"),
        ]
    )


def test_monosyllabic_adjective_before_a_word() -> None:
    # 6.1.2 joins a three-syllable structure the dictionary knows as one concept;
    # otherwise the adjective is a word of its own. Readings are those of the whole.
    _check(
        [
            ("新台阶", "xīn táijiē"),
            ("强刺激", "qiáng cìjī"),
            ("大变局", "dà biànjú"),
            ("全领域", "quán lǐngyù"),
            ("制高点", "zhìgāodiǎn"),
            ("全过程", "quánguòchéng"),
        ]
    )


def test_abbreviated_coordinate_compounds_hyphenated() -> None:
    _check(
        [
            ("产学研", "chǎn-xué-yán"),
            ("放管服改革", "fàng-guǎn-fú gǎigé"),
            ("专精特新", "zhuān-jīng-tè-xīn"),
            ("京津冀协同发展", "Jīng-Jīn-Jì xiétóng fāzhǎn"),
        ]
    )


def test_proper_nouns_capitalised() -> None:
    _check(
        [
            ("一带一路", "Yīdài Yīlù"),
            ("中国", "Zhōngguó"),
            ("中国人", "Zhōngguórén"),
            ("中华民族伟大复兴", "Zhōnghuá Mínzú wěidà fùxīng"),
            ("中国人民解放军", "Zhōngguó Rénmín Jiěfàngjūn"),
            ("粤港澳大湾区", "Yuè-Gǎng-Ào Dàwānqū"),
            (
                "习近平新时代中国特色社会主义思想",
                "Xí Jìnpíng xīn shídài Zhōngguó tèsè shèhuì zhǔyì sīxiǎng",
            ),
            # jieba tags these as names or organisations; they are not
            ("人类福祉", "rénlèi fúzhǐ"),
            ("大国工匠", "dàguó gōngjiàng"),
            ("基层党组织", "jīcéng dǎngzǔzhī"),
        ]
    )


def test_neutral_tone_unmarked() -> None:
    _check(
        [
            ("中心任务", "zhōngxīn rènwu"),
            ("帽子", "màozi"),
            ("人才队伍", "réncái duìwu"),
            ("扎实推进", "zhāshi tuījìn"),
            ("知识产权", "zhīshi chǎnquán"),
        ]
    )
    assert pinyin_numbers("任务") == "ren4 wu5"
    assert pinyin_numbers("党的") == "dang3 de5"


def test_polyphones_in_context() -> None:
    _check(
        [
            ("为人民服务", "wèi rénmín fúwù"),
            ("以人民为中心", "yǐ rénmín wéi zhōngxīn"),
            ("重大", "zhòngdà"),
            ("长足进步", "chángzú jìnbù"),
            ("行业", "hángyè"),
            ("发展", "fāzhǎn"),
            ("要素", "yàosù"),
            ("着力解决", "zhuólì jiějué"),
            ("锻长板", "duàn chángbǎn"),
            ("重庆", "Chóngqìng"),
        ]
    )


def test_yi_and_bu_keep_their_dictionary_tones() -> None:
    # no tone sandhi: pypinyin's own phrase list has 一个 yí gè and 不要 bú yào
    _check(
        [
            ("一个", "yī gè"),
            ("不断", "bùduàn"),
            ("不忘初心", "bù wàng chūxīn"),
            ("一体化", "yītǐhuà"),
        ]
    )


def test_apostrophe_before_a_o_e() -> None:
    _check(
        [
            ("平安中国", "píng'ān Zhōngguó"),
            ("雄安新区", "Xióng'ān Xīnqū"),
            ("中国方案", "Zhōngguó fāng'àn"),
        ]
    )


def test_punctuation_and_latin_script() -> None:
    _check(
        [
            ("不忘初心、牢记使命", "bù wàng chūxīn, láojì shǐmìng"),
            ("“两个确立”", '"liǎng gè quèlì"'),
            ("5G基站", "5G jīzhàn"),
        ]
    )
    assert pinyin_numbers("5G基站") == "ji1 zhan4"  # syllables only
    assert pinyin_marks("  ") == ""


def test_numbers_from_marks() -> None:
    assert numbers_from_marks("zhànlüè kēxuéjiā") == "zhan4 lüe4 ke1 xue2 jia1"
    assert numbers_from_marks("nǚxìng") == "nü3 xing4"
    assert numbers_from_marks("Yīdài Yīlù") == "yi1 dai4 yi1 lu4"
    assert numbers_from_marks("chǎn-xué-yán") == "chan3 xue2 yan2"
    assert numbers_from_marks("màozi") == "mao4 zi5"
    # the apostrophe and the a/o/e rule decide where syllables break
    assert numbers_from_marks("Xī'ān") == "xi1 an1"
    assert numbers_from_marks("xiān") == "xian1"
    assert numbers_from_marks("fāng'àn") == "fang1 an4"
    assert numbers_from_marks("Tiān'ānmén") == "tian1 an1 men2"
    assert numbers_from_marks("jīnián") == "ji1 nian2"
    with pytest.raises(ValueError):
        numbers_from_marks("hello")


def test_an_editors_correction_yields_consistent_numbers_and_keys() -> None:
    corrected = "kējì qiángguó"  # as a termbase would store it for 科技强国
    assert numbers_from_marks(corrected) == "ke1 ji4 qiang2 guo2"
    assert search_keys(corrected)["compact"] == "kejiqiangguo"


def test_numbers_always_agree_with_marks() -> None:
    for term in ["新一轮科技革命和产业变革", "中华人民共和国", "人民群众对美好生活的向往"]:
        assert pinyin_numbers(term) == numbers_from_marks(pinyin_marks(term))
        assert len(pinyin_numbers(term).split()) == len(term)


def test_toneless() -> None:
    assert toneless("科技强国") == "keji qiangguo"
    assert toneless("kējì qiángguó") == "keji qiangguo"
    assert toneless("zhan4 lüe4") == "zhan lüe"
    assert toneless("Yīdài Yīlù") == "Yidai Yilu"


def test_search_keys() -> None:
    assert search_keys(pinyin_marks("科技强国")) == {
        "spaced": "keji qiangguo",
        "compact": "kejiqiangguo",
        "initials": "kjqg",
    }
    assert search_keys("zhànlüè kēxuéjiā") == {
        "spaced": "zhanlue kexuejia",
        "compact": "zhanluekexuejia",
        "initials": "zlkxj",
    }
    assert search_keys("Yīdài Yīlù")["compact"] == "yidaiyilu"
    assert search_keys("chǎn-xué-yán")["spaced"] == "chan xue yan"
    assert search_keys("Xī'ān")["compact"] == "xian"


@pytest.mark.parametrize(
    ("query", "normalised"),
    [
        ("kejiqiangguo", "kejiqiangguo"),
        ("keji qiangguo", "kejiqiangguo"),
        ("kē jì", "keji"),
        ("ke1ji4", "keji"),
        ("ke1 ji4 qiang2 guo2", "kejiqiangguo"),
        ("KJQG", "kjqg"),
        ("zhanlve", "zhanlue"),
        ("zhànlüè", "zhanlue"),
        ("zhan4lu:e4", "zhanlue"),
    ],
)
def test_normalise_pinyin_query(query: str, normalised: str) -> None:
    assert normalise_pinyin_query(query) == normalised


@pytest.mark.parametrize(
    "query", ["kejiqiangguo", "keji qiangguo", "Kējì Qiángguó", "ke1ji4qiang2guo2", "kjqg"]
)
def test_every_query_form_finds_the_term(query: str) -> None:
    keys = search_keys(pinyin_marks("科技强国"))
    assert normalise_pinyin_query(query) in (keys["compact"], keys["initials"])


def test_a_partial_query_begins_the_key() -> None:
    keys = search_keys(pinyin_marks("科技强国"))
    assert keys["compact"].startswith(normalise_pinyin_query("kē jì"))
    assert not keys["compact"].startswith(normalise_pinyin_query("qiangguo"))


def test_phrase_list_refuses_an_entry_whose_syllables_do_not_match() -> None:
    assert _parse_phrases(["# comment", "", "任务\trènwu"]) == {"任务": "rènwu"}
    with pytest.raises(ValueError, match="line 1"):
        _parse_phrases(["任务\trèn"])


def test_no_global_side_effects_on_jieba_or_pypinyin() -> None:
    # the aligner and the lexicon use the global jieba and pypinyin: the phrase list
    # must not change what they see
    pinyin_marks("新质生产力")
    pinyin_marks("中心任务")
    assert not jieba.dt.FREQ.get("新质")
    assert lazy_pinyin("任务") == ["ren", "wu"]
    assert pinyin_numbers("任务") == "ren4 wu5"


def test_a_proper_name_capitalises_every_word() -> None:
    """GB/T 16159-2012 6.3.3: every word of a proper name of several words is
    capitalised, each part of a hyphenated one too; the tone numbers stay as they are."""
    assert proper_name(pinyin_marks("中国制造2025")) == "Zhōngguó Zhìzào 2025"
    assert proper_name(pinyin_marks("巴黎协定")) == "Bālí Xiédìng"
    assert proper_name("yuè-gǎng-ào dàwānqū") == "Yuè-Gǎng-Ào Dàwānqū"
    assert numbers_from_marks(proper_name(pinyin_marks("巴黎协定"))) == pinyin_numbers("巴黎协定")


def test_a_term_set_off_by_book_title_marks_gets_its_pinyin_as_a_proper_name() -> None:
    proposed = rank_terms(["全面实施《中国制造2025》，发展智能制造。"])
    pinyin = {draft.simplified: draft.pinyin_marks for draft in term_drafts(proposed)}
    assert pinyin["中国制造2025"] == "Zhōngguó Zhìzào 2025"
    assert pinyin["智能制造"] == "zhìnéng zhìzào"
