"""Chinese and English sentence splitting rules."""

from __future__ import annotations

import pytest

from glossary.sentences import split_chinese_sentences, split_english_sentences

# ---------------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------------


def test_chinese_terminal_punctuation() -> None:
    text = "科技兴则民族兴，科技强则国家强。我们要奋斗！这是为什么？一是基础研究；二是人才。"
    assert split_chinese_sentences(text) == [
        "科技兴则民族兴，科技强则国家强。",
        "我们要奋斗！",
        "这是为什么？",
        "一是基础研究；",
        "二是人才。",
    ]


def test_chinese_closing_quotes_and_brackets_stay() -> None:
    text = "他说：“要坚持创新。”我们同意。（这是注释。）下一句『引文！』最后《书名》。"
    assert split_chinese_sentences(text) == [
        "他说：“要坚持创新。”",
        "我们同意。",
        "（这是注释。）",
        "下一句『引文！』",
        "最后《书名》。",
    ]


def test_chinese_single_quote_and_corner_bracket() -> None:
    assert split_chinese_sentences("‘好。’「对！」完") == ["‘好。’", "「对！」", "完"]


def test_chinese_ascii_punctuation() -> None:
    assert split_chinese_sentences("真的吗?是的!好;完") == ["真的吗?", "是的!", "好;", "完"]


def test_chinese_runs_of_punctuation_not_split() -> None:
    assert split_chinese_sentences("真的吗？！是的。。。好") == ["真的吗？！", "是的。。。", "好"]


def test_chinese_ellipsis_stays_inside_sentence() -> None:
    assert split_chinese_sentences("嫦娥、天宫……都是成果。还有……！") == [
        "嫦娥、天宫……都是成果。",
        "还有……！",
    ]
    assert split_chinese_sentences("一句话……") == ["一句话……"]


def test_chinese_no_empty_sentences_and_stripped() -> None:
    assert split_chinese_sentences("  第一句。  \n\n  第二句！  ") == ["第一句。", "第二句！"]
    assert split_chinese_sentences("") == []
    assert split_chinese_sentences("   \n ") == []


def test_chinese_newline_is_boundary_and_stray_closer_joins_previous() -> None:
    assert split_chinese_sentences("没有句号的标题\n正文。") == ["没有句号的标题", "正文。"]
    assert split_chinese_sentences("他说：“好。\n”然后") == ["他说：“好。”", "然后"]


def test_chinese_url_question_mark_not_a_boundary() -> None:
    assert split_chinese_sentences("见 http://a.cn/x?id=3 的说明。完") == [
        "见 http://a.cn/x?id=3 的说明。",
        "完",
    ]


# ---------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------


def test_english_basic_boundaries() -> None:
    assert split_english_sentences("We must act. Can we? Yes! 2035 is the target.") == [
        "We must act.",
        "Can we?",
        "Yes!",
        "2035 is the target.",
    ]


def test_english_lowercase_continuation_not_split() -> None:
    assert split_english_sentences('He asked "why?" and left. Fine.') == [
        'He asked "why?" and left.',
        "Fine.",
    ]


def test_english_closing_quotes_and_brackets_kept() -> None:
    assert split_english_sentences(
        'He said "Go." Then he left. (It was late.) “Really!” We agree.'
    ) == [
        'He said "Go."',
        "Then he left.",
        "(It was late.)",
        "“Really!”",
        "We agree.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Li met Dr. Wang and Prof. Zhao today.",
        "See No. 7 of the journal.",
        "Fruit, e.g. Apples, and i.e. Pears are listed.",
        "China vs. Japan was played.",
        "It was signed on Jan. 5 and Feb. 6 of that year.",
        "The author J. Smith wrote it.",
        "The U.S. Congress and the U.K. Parliament met the P.R.C. Delegation.",
        "We study S&T and R&D policy.",
    ],
)
def test_english_abbreviations_do_not_end_sentences(text: str) -> None:
    assert split_english_sentences(text) == [text]


def test_english_abbreviation_at_sentence_end_before_opener() -> None:
    assert split_english_sentences("We like apples, pears, etc. The rest is fine.") == [
        "We like apples, pears, etc.",
        "The rest is fine.",
    ]
    assert split_english_sentences("He moved to the U.S. This was in 2012.") == [
        "He moved to the U.S.",
        "This was in 2012.",
    ]
    assert split_english_sentences("The apples, etc. Are listed below.") == [
        "The apples, etc. Are listed below."
    ]


def test_english_no_without_number_ends_sentence() -> None:
    assert split_english_sentences("The answer was no. Then we left.") == [
        "The answer was no.",
        "Then we left.",
    ]


def test_english_sentence_ending_with_st_tokens() -> None:
    assert split_english_sentences("China invests in S&T. R&D grows. It matters.") == [
        "China invests in S&T.",
        "R&D grows.",
        "It matters.",
    ]


def test_english_bullets_are_separate_sentences() -> None:
    text = "We have learned:\n• upholding leadership;\n· following the path\n▪ nurturing culture\n– one\n- two"
    assert split_english_sentences(text) == [
        "We have learned:",
        "• upholding leadership;",
        "· following the path",
        "▪ nurturing culture",
        "– one",
        "- two",
    ]


def test_english_inline_bullets_split() -> None:
    assert split_english_sentences("including: • first item; • second item.") == [
        "including:",
        "• first item;",
        "• second item.",
    ]


def test_english_numbered_items_keep_their_number() -> None:
    assert split_english_sentences(
        "1. Upholding the lead\n2. Following the path. It is good.\nIV. Deepening Reform"
    ) == [
        "1. Upholding the lead",
        "2. Following the path.",
        "It is good.",
        "IV. Deepening Reform",
    ]


def test_english_bullet_after_sentence_starts_new_sentence() -> None:
    assert split_english_sentences("The list follows. • First. • Second.") == [
        "The list follows.",
        "• First.",
        "• Second.",
    ]


def test_english_footnote_reference_stays_with_sentence() -> None:
    assert split_english_sentences("A world S&T superpower (世界科技强国).[1] The plan works.") == [
        "A world S&T superpower (世界科技强国).[1]",
        "The plan works.",
    ]


def test_english_newlines_and_empties() -> None:
    assert split_english_sentences("  Title line\n\nBody one.  Body two.  \n") == [
        "Title line",
        "Body one.",
        "Body two.",
    ]
    assert split_english_sentences("") == []


def test_english_decimals_and_times_not_split() -> None:
    assert split_english_sentences("Growth was 5.2 percent at 10 a.m. on Monday.") == [
        "Growth was 5.2 percent at 10 a.m. on Monday."
    ]


def test_english_sentences_glued_by_a_lost_space_are_split() -> None:
    text = "Social stability grew.Given all these factors, it was not easy.China grew."
    assert split_english_sentences(text) == [
        "Social stability grew.",
        "Given all these factors, it was not easy.",
        "China grew.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr.Smith went home.",
        "Tea, coffee etc.Those are drinks.",
        "The U.S.Army came.",
        "See gov.cn.Then go.",
    ],
)
def test_english_glued_abbreviations_and_addresses_are_not_split(text: str) -> None:
    assert split_english_sentences(text) == [text]
