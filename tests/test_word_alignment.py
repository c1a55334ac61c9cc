"""Word links learnt from a memory: dictionary links, learnt links, and the same links
whatever order the units come in."""

from __future__ import annotations

from glossary.lexicon import Lexicon
from glossary.word_alignment import (
    DICTIONARY,
    LOOSE,
    align_units,
    chinese_tokens,
    dictionary_links,
    english_tokens,
)

# Made-up words the dictionary cannot know ("zorblat" for 甲乙), so that only the
# memory can teach their link.
MEMORY = [
    ("我们发展甲乙。", "We develop zorblat."),
    ("甲乙很重要。", "Zorblat is important."),
    ("我们支持甲乙和科技。", "We support zorblat and technology."),
    ("科技很重要。", "Technology is important."),
]


def _links_by_word(pair) -> dict[tuple[str, str], float]:
    return {(pair.chinese[i].text, pair.english[j].text): w for (i, j), w in pair.links.items()}


def test_tokens_keep_their_place_in_the_text() -> None:
    chinese = chinese_tokens("我们支持科技，好。")
    assert [t.text for t in chinese][:3] == ["我们", "支持", "科技"]
    assert all("我们支持科技，好。"[t.start : t.end] == t.text for t in chinese)
    english = english_tokens("China’s S&T, well-being.")
    assert [t.text for t in english] == ["China’s", "S&T", ",", "well-being", "."]


def test_the_dictionary_links_words_and_the_memory_teaches_the_rest() -> None:
    aligned = align_units(MEMORY, Lexicon())
    links = _links_by_word(aligned[3])
    assert links[("科技", "Technology")] == DICTIONARY
    learnt = _links_by_word(aligned[0])
    assert 0 < learnt[("甲乙", "zorblat")] < DICTIONARY
    assert ("甲乙", "We") not in learnt


def test_links_do_not_depend_on_the_order_of_the_units() -> None:
    forward = [_links_by_word(p) for p in align_units(MEMORY, Lexicon())]
    backward = [_links_by_word(p) for p in align_units(MEMORY[::-1], Lexicon())][::-1]
    assert len(forward) == len(backward) == len(MEMORY)
    for mine, theirs in zip(forward, backward, strict=True):
        assert mine.keys() == theirs.keys()
        assert all(abs(mine[k] - theirs[k]) < 1e-9 for k in mine)


def test_a_repeated_chinese_word_takes_the_dictionary_link_its_neighbours_support() -> None:
    chinese = chinese_tokens("海绵城市建设和城市发展。")
    english = english_tokens("Cities will develop, and so will the building of sponge cities.")
    links = dictionary_links(chinese, english, Lexicon())
    last_cities = max(j for j, t in enumerate(english) if t.text == "cities")
    # the second 城市 stands nearer in relative position; 海绵 beside "sponge" decides
    assert [chinese[i].text + str(i) for i, j in links if j == last_cities] == ["城市1"]


def test_a_chinese_words_dictionary_links_stay_in_one_english_phrase() -> None:
    """规模经营's senses (经营 "to engage in; to operate") meet "engaging" and
    "operations": a translator renders the word once, so the run with more of its
    links, "scaled … operations", is its phrase, and "engaging" three words before
    was a sense met by chance. Runs that tie are all kept."""
    chinese = chinese_tokens("发展适度规模经营")
    english = english_tokens("engaging in appropriately scaled farming operations")
    links = {
        (chinese[i].text, english[j].text) for i, j in dictionary_links(chinese, english, Lexicon())
    }
    assert links == {("适度", "appropriately"), ("规模经营", "scaled"), ("规模经营", "operations")}
    english = english_tokens("engaging in appropriately scaled")
    links = {
        (chinese[i].text, english[j].text) for i, j in dictionary_links(chinese, english, Lexicon())
    }
    assert {("规模经营", "engaging"), ("规模经营", "scaled")} <= links


def test_a_word_derived_from_a_translation_is_a_weaker_dictionary_link() -> None:
    chinese = chinese_tokens("中心任务")
    english = english_tokens("the central task")
    links = {
        (chinese[i].text, english[j].text): w
        for (i, j), w in dictionary_links(chinese, english, Lexicon()).items()
    }
    # CC-CEDICT has 中心 "center" and 任务 "task": "central" shares the stem's first letters
    assert links == {("中心", "central"): LOOSE, ("任务", "task"): DICTIONARY}


def test_a_hyphenated_word_holding_a_translation_is_a_weaker_dictionary_link() -> None:
    """ "working-age" holds 劳动's "work" and 年龄's "age", but is a word of its own: a
    part is a link as loose as a derived word's; "law-based" holds 依法治国's "law"."""
    chinese = chinese_tokens("劳动年龄人口")
    english = english_tokens("the working-age population")
    links = {
        (chinese[i].text, english[j].text): w
        for (i, j), w in dictionary_links(chinese, english, Lexicon()).items()
    }
    assert links == {
        ("劳动", "working-age"): LOOSE,
        ("年龄", "working-age"): LOOSE,
        ("人口", "population"): DICTIONARY,
    }
    chinese, english = chinese_tokens("依法治国"), english_tokens("law-based governance")
    assert dictionary_links(chinese, english, Lexicon()) == {(0, 0): LOOSE}


def test_an_abbreviation_meets_what_its_long_form_meets() -> None:
    """ "CPC’s" is "Communist Party of China's" where the memory defines it so, and "S&T"
    "science and technology"; unknown, they link nothing."""
    zh, en = "坚持党的全面领导，发展科技。", "Uphold the CPC’s overall leadership and develop S&T."
    chinese, english = chinese_tokens(zh), english_tokens(en)

    def linked(lexicon: Lexicon) -> set[tuple[str, str]]:
        return {
            (chinese[i].text, english[j].text)
            for (i, j), w in dictionary_links(chinese, english, lexicon).items()
            if w == DICTIONARY
        }

    plain = Lexicon()
    plain.abbreviations = {}
    assert not {("党", "CPC’s"), ("科技", "S&T")} & linked(plain)
    reading = Lexicon().reading(
        ["the Communist Party of China (CPC) leads", "science and technology (S&T) advance"]
    )
    assert {("党", "CPC’s"), ("科技", "S&T")} <= linked(reading)


def test_a_sign_read_as_a_word_is_linked_as_one() -> None:
    """互联网+ is "Internet Plus": the plus sign, punctuation to the tokenizer, is a
    word named by its Unicode name; a comma is still left out."""
    zh, en = "推进“互联网+”行动，加快发展。", "Advance the Internet Plus action plan."
    chinese, english = chinese_tokens(zh), english_tokens(en)
    assert [t.text for t in chinese][:3] == ["推进", "互联网", "+"]
    assert "，" not in {t.text for t in chinese}
    links = dictionary_links(chinese, english, Lexicon())
    assert any(chinese[i].text == "+" and english[j].text == "Plus" for i, j in links)
    assert Lexicon().glosses("＋") == Lexicon().glosses("+") != frozenset()
