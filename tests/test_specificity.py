from glossary.specificity import specific_renderings
from termbase.memory import AlignedUnit


def _unit(index: int, zh: str, en: str) -> AlignedUnit:
    return AlignedUnit(index, "translation", zh, en)


UNITS = [
    _unit(1, "让科研人员心无旁骛、潜心钻研。", "Researchers can focus on their work."),
    _unit(2, "坚持系统观念。", "We keep the focus on the whole system."),
    _unit(3, "抓重点。", "Our focus is on key areas."),
    _unit(4, "推进高水平科技自立自强。", "We advance self-reliance in science."),
    _unit(5, "实现科技自立自强。", "Self-reliance is the goal."),
]
# where each one-word rendering was found to render its term
RENDERED = {("心无旁骛", "focus"): {1}, ("自立自强", "self-reliance"): {4, 5}}


def test_a_one_word_rendering_standing_mostly_for_other_chinese_is_not_attested_without_it() -> None:
    known = {("心无旁骛", "focus"), ("自立自强", "self-reliance")}
    assert specific_renderings(known, UNITS, RENDERED) == {("自立自强", "self-reliance")}


def test_a_one_word_rendering_is_matched_in_either_number() -> None:
    # "focuses" is "focus": still two units of three without the term
    assert specific_renderings({("心无旁骛", "focuses")}, UNITS, RENDERED) == set()


def test_a_rendering_of_several_words_is_always_attested() -> None:
    known = {("心无旁骛", "focus on their work"), ("系统观念", "the whole system")}
    assert specific_renderings(known, UNITS, RENDERED) == known


def test_units_whose_chinese_holds_the_term_inside_a_longer_one_are_no_evidence_for_it() -> None:
    # 强国 is in all three units, but "country" renders it in one: in the others it
    # belongs to the longer 科技强国's "country strong in science and technology"
    units = [
        _unit(1, "建设科技强国。", "We build a country strong in science and technology."),
        _unit(2, "建成科技强国。", "The country will be strong in science and technology."),
        _unit(3, "人才强国。", "Talent makes a strong country."),
    ]
    assert specific_renderings({("强国", "country")}, units, {("强国", "country"): {3}}) == set()
    assert specific_renderings({("强国", "country")}, units, {("强国", "country"): {2, 3}}) == {("强国", "country")}
