import pytest

from glossary.lexicon import Lexicon
from glossary.occurrence import stands_in, untranslated_before


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def test_a_term_inside_a_longer_dictionary_word_does_not_stand_there(lexicon: Lexicon) -> None:
    # 科技工作者: 科技 + 工作者 ("worker"); 科技工作 ends inside 工作者
    assert not stands_in("科技工作", "向广大科技工作者致以诚挚问候！", lexicon)
    assert stands_in("科技工作", "加强党中央对科技工作的集中统一领导。", lexicon)


def test_one_occurrence_standing_as_a_unit_is_enough(lexicon: Lexicon) -> None:
    assert stands_in("科技工作", "科技工作者要做好科技工作。", lexicon)


def test_a_term_nested_on_word_boundaries_stands(lexicon: Lexicon) -> None:
    assert stands_in("强国", "建成科技强国。", lexicon)
    assert not stands_in("强国", "科技发展。", lexicon)


def test_the_word_before_a_term_that_the_english_leaves_untranslated_is_found(lexicon: Lexicon) -> None:
    chinese = "面向世界科技前沿。"
    assert untranslated_before("科技前沿", chinese, "targeting the global frontiers of science", lexicon) == "世界"
    assert untranslated_before("科技前沿", chinese, "targeting the world's frontiers of science", lexicon) is None


@pytest.mark.parametrize(
    "chinese", ["抢占未来发展制高点。", "制高点很重要。", "抢占科技的制高点。"],
)
def test_a_translated_word_a_function_word_or_nothing_before_the_term_leaves_it_open(
    lexicon: Lexicon, chinese: str
) -> None:
    english = "We must secure the strategic high ground in future development and technology."
    assert untranslated_before("制高点", chinese, english, lexicon) is None
