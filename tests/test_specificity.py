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


def test_a_one_word_rendering_standing_mostly_for_other_chinese_is_not_attested_without_it() -> None:
    known = {("心无旁骛", "focus"), ("自立自强", "self-reliance")}
    assert specific_renderings(known, UNITS) == {("自立自强", "self-reliance")}


def test_a_one_word_rendering_is_matched_in_either_number() -> None:
    # "focuses" is "focus": still two units of three without the term
    assert specific_renderings({("心无旁骛", "focuses")}, UNITS) == set()


def test_a_rendering_of_several_words_is_always_attested() -> None:
    known = {("心无旁骛", "focus on their work"), ("系统观念", "the whole system")}
    assert specific_renderings(known, UNITS) == known
