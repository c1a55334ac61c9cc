import pytest

from glossary.lexicon import Lexicon
from glossary.occurrence import stands_in


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
