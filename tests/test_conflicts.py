from glossary.conflicts import settle_shared_phrases
from glossary.renderings import Found
from termbase.memory import AlignedUnit

UNIT = AlignedUnit(
    1, "translation", "立足自力更生、艰苦奋斗，推进高水平科技自立自强。",
    "relying on our own efforts and working hard, moving toward greater self-reliance and strength",
)


def _found(text: str) -> Found:
    return Found(text, 1.0)


def test_terms_apart_in_the_chinese_leave_a_shared_phrase_to_the_better_ranked() -> None:
    found = {"自立自强": [(UNIT, _found("self-reliance"))], "自力更生": [(UNIT, _found("self-reliance"))]}
    settled = settle_shared_phrases(found, {"自立自强": 33, "自力更生": 182})
    assert settled == {"自立自强": [(UNIT, _found("self-reliance"))], "自力更生": [(UNIT, None)]}


def test_terms_overlapping_in_the_chinese_may_share_a_phrase() -> None:
    phrase = "greater self-reliance and strength"
    nested = {"科技自立自强": [(UNIT, _found(phrase))], "自立自强": [(UNIT, _found(phrase))]}
    assert settle_shared_phrases(nested, {"自立自强": 1, "科技自立自强": 2}) == nested
    overlapping = {"科技自立自强": [(UNIT, _found(phrase))], "高水平科技": [(UNIT, _found(phrase))]}  # share 科技
    assert settle_shared_phrases(overlapping, {"高水平科技": 1, "科技自立自强": 2}) == overlapping


def test_different_phrases_are_no_conflict() -> None:
    found = {"自立自强": [(UNIT, _found("self-reliance"))], "自力更生": [(UNIT, _found("relying on our own efforts"))]}
    assert settle_shared_phrases(found, {"自立自强": 33, "自力更生": 182}) == found
