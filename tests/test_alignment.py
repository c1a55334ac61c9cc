"""Alignment shapes on short texts written for the purpose, the document-level
streams (captions wherever they stand), and the evaluation measures."""

from __future__ import annotations

import pytest

from glossary.alignment import Sentence, align_sentences
from glossary.alignment.documents import align_translation, stored_form
from glossary.alignment.evaluation import (
    Anchor,
    bead_f1,
    format_bead,
    parse_beads,
    score_anchors,
)
from glossary.alignment.learning import align_twice
from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.lexicon import Lexicon

BODY, CAPTION, TITLE = ParagraphKind.BODY, ParagraphKind.CAPTION, ParagraphKind.TITLE


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def beads(
    zh: list[str], en: list[str], lexicon: Lexicon
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    result = align_sentences([Sentence(s) for s in zh], [Sentence(s) for s in en], lexicon)
    return [(b.zh, b.en) for b in result]


# A small speech and a faithful translation, one sentence for one.
ZH = [
    "我们要加快建设科技强国。",
    "教育是国家发展的基础。",
    "人才是创新的第一资源。",
    "我们必须坚持对外开放。",
    "经济发展离不开科学技术。",
]
EN = [
    "We must accelerate building a country strong in science and technology.",
    "Education is the foundation of national development.",
    "Talent is the primary resource for innovation.",
    "We must persist in opening up to the outside world.",
    "Economic development cannot do without science and technology.",
]


def test_one_to_one(lexicon: Lexicon) -> None:
    assert beads(ZH, EN, lexicon) == [((i,), (i,)) for i in range(5)]


def test_one_chinese_sentence_becomes_two_and_three_english_ones(lexicon: Lexicon) -> None:
    zh = [ZH[0], "我们要加强基础研究，提高原始创新能力，培养青年科学家。", ZH[2]]
    en = [
        EN[0],
        "We must strengthen basic research.",
        "We should improve our capacity for original innovation.",
        "We should also train young scientists.",
        EN[2],
    ]
    assert beads(zh, en, lexicon) == [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,))]
    assert beads([*zh[:2], ZH[1]], [*en[:3], EN[1]], lexicon)[1] == ((1,), (1, 2))


def test_two_chinese_sentences_become_one_english_one(lexicon: Lexicon) -> None:
    zh = [ZH[0], "我们要发展教育。", "我们要培养人才。", ZH[3]]
    en = [EN[0], "We must develop education and cultivate talent.", EN[3]]
    assert beads(zh, en, lexicon) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_three_chinese_sentences_become_one_english_one(lexicon: Lexicon) -> None:
    zh = [ZH[1], "要发展农业。", "要发展工业。", "要发展服务业。", ZH[3]]
    en = [EN[1], "We must develop agriculture, industry and the service sector.", EN[3]]
    assert beads(zh, en, lexicon) == [((0,), (0,)), ((1, 2, 3), (1,)), ((4,), (2,))]


def test_a_dropped_slogan_is_left_unaligned(lexicon: Lexicon) -> None:
    zh = [ZH[0], ZH[1], "撸起袖子加油干！", ZH[2], ZH[3]]
    en = [EN[0], EN[1], EN[2], EN[3]]
    assert beads(zh, en, lexicon) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2,)),
        ((4,), (3,)),
    ]


def test_an_added_english_sentence_is_left_unaligned(lexicon: Lexicon) -> None:
    en = [EN[0], EN[1], "The speech was widely reported by foreign media.", EN[2], EN[3]]
    assert beads(ZH[:4], en, lexicon) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((), (2,)),
        ((2,), (3,)),
        ((3,), (4,)),
    ]


def test_lone_neighbours_standing_alike_are_paired(lexicon: Lexicon) -> None:
    """An address with no dictionary evidence, alone in its paragraph on both sides,
    between two aligned sentences: its place and length pair it."""
    zh = [Sentence(ZH[0], 0), Sentence("各位代表！", 1), Sentence(ZH[1], 2)]
    en = [Sentence(EN[0], 0), Sentence("Esteemed Deputies,", 1), Sentence(EN[1], 2)]
    assert [(b.zh, b.en) for b in align_sentences(zh, en, lexicon)] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
    ]


def test_lone_neighbours_placed_differently_stay_apart(lexicon: Lexicon) -> None:
    """A heading the translation dropped and an English sentence added at the end of
    the paragraph before it are not each other's translation."""
    zh = [Sentence(ZH[0], 0), Sentence("（四）以创新引领转型。", 1), Sentence(ZH[1], 2)]
    en = [
        Sentence(EN[0], 0),
        Sentence("All this will make our cities better.", 0),
        Sentence(EN[1], 2),
    ]
    assert [(b.zh, b.en) for b in align_sentences(zh, en, lexicon)] == [
        ((0,), (0,)),
        ((), (1,)),
        ((1,), ()),
        ((2,), (2,)),
    ]


def test_a_moved_clause_stays_one_to_one(lexicon: Lexicon) -> None:
    zh = [ZH[0], "为了提高科技创新投入效能，要深化科技经费管理改革。", ZH[2]]
    en = [
        EN[0],
        "We must deepen the reform of research funding management to improve the efficiency of investment in innovation.",
        EN[2],
    ]
    assert beads(zh, en, lexicon) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_list_becomes_bullet_points(lexicon: Lexicon) -> None:
    zh = ["主要经验是：坚持党的领导。", "坚持自主创新。", "坚持开放合作。"]
    en = [
        "Our main experiences include:",
        "• upholding the leadership of the Party;",
        "• persisting in independent innovation;",
        "• persisting in openness and cooperation.",
    ]
    assert beads(zh, en, lexicon) == [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))]


def test_sentences_swapped_by_the_translator_form_one_two_to_two_bead(lexicon: Lexicon) -> None:
    zh = [ZH[1], "到2035年建成科技强国。", "到2050年建成现代化强国。", ZH[3]]
    en = [
        EN[1],
        "By 2050, we will have built a modern country.",
        "By 2035, we will have built a country strong in science and technology.",
        EN[3],
    ]
    assert beads(zh, en, lexicon) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]


def paragraph(kind: ParagraphKind, language: str, *sentences: str) -> ParsedParagraph:
    return ParsedParagraph(language, kind, "".join(sentences), list(sentences))


def test_captions_are_aligned_with_captions_wherever_they_stand(lexicon: Lexicon) -> None:
    original = [
        paragraph(TITLE, "zh", "加快建设科技强国"),
        paragraph(BODY, "zh", ZH[0], ZH[1]),
        paragraph(
            CAPTION, "zh", "2024年6月24日，习近平出席大会并发表重要讲话。", "新华社记者姚大伟/摄"
        ),
        paragraph(BODY, "zh", ZH[2], ZH[3]),
    ]
    translation = [
        paragraph(
            TITLE, "en", "Accelerating the building of a country strong in science and technology"
        ),
        paragraph(
            CAPTION,
            "en",
            "Xi Jinping delivers an important speech at the conference on June 24, 2024.",
            "PHOTO BY XINHUA REPORTER YAO DAWEI",
        ),
        paragraph(BODY, "en", EN[0], EN[1]),
        paragraph(BODY, "en", EN[2], EN[3]),
    ]
    zh, en = stored_form(original), stored_form(translation, first_id=100)
    drafts = align_twice(lambda lex: align_translation(zh, en, lex), lexicon)
    pairs = {(d.zh_text, d.en_text) for d in drafts}
    assert (
        "2024年6月24日，习近平出席大会并发表重要讲话。",
        "Xi Jinping delivers an important speech at the conference on June 24, 2024.",
    ) in pairs
    assert (ZH[0], EN[0]) in pairs and (ZH[3], EN[3]) in pairs
    caption_units = [d for d in drafts if d.method.startswith("caption")]
    assert caption_units and all(
        "Xi Jinping" in d.en_text or "PHOTO" in d.en_text for d in caption_units
    )
    assert all(d.zh_segments or d.en_segments for d in drafts)


def test_a_caption_translated_in_the_running_text_is_paired_with_it(lexicon: Lexicon) -> None:
    """The translation has no caption: it says what the photo showed in a body
    paragraph of its own, out of the flow's order."""
    caption = "2024年6月24日，习近平出席大会并发表重要讲话。"
    said = "On June 24, 2024, Xi Jinping attended the conference and delivered an important speech."
    original = [
        paragraph(BODY, "zh", ZH[0], ZH[1]),
        paragraph(CAPTION, "zh", caption),
        paragraph(BODY, "zh", ZH[2], ZH[3]),
    ]
    translation = [
        paragraph(BODY, "en", EN[0], EN[1]),
        paragraph(BODY, "en", EN[2], EN[3]),
        paragraph(BODY, "en", said),
    ]
    zh, en = stored_form(original), stored_form(translation, first_id=100)
    drafts = align_twice(lambda lex: align_translation(zh, en, lex), lexicon)
    moved = [(d.zh_text, d.en_text, d.method) for d in drafts if d.method.startswith("moved")]
    assert moved == [(caption, said, "moved:1-1")]
    assert all(d.zh_segments and d.en_segments for d in drafts)  # nothing left over


def test_leftovers_that_do_not_translate_each_other_stay_apart(lexicon: Lexicon) -> None:
    original = [paragraph(BODY, "zh", ZH[0]), paragraph(CAPTION, "zh", "新华社记者姚大伟/摄")]
    translation = [paragraph(BODY, "en", EN[0]), paragraph(BODY, "en", EN[4])]
    zh, en = stored_form(original), stored_form(translation, first_id=100)
    drafts = align_twice(lambda lex: align_translation(zh, en, lex), lexicon)
    assert [d.method for d in drafts].count("unaligned") == 2


def test_every_sentence_is_in_exactly_one_bead(lexicon: Lexicon) -> None:
    zh = [*ZH, "这是一个多余的句子。"]
    en = [*EN[1:], "Another sentence with no counterpart at all."]
    result = beads(zh, en, lexicon)
    assert sorted(i for z, _ in result for i in z) == list(range(len(zh)))
    assert sorted(j for _, e in result for j in e) == list(range(len(en)))


def test_bead_format_round_trips_and_f1_is_strict() -> None:
    lines = [format_bead([0], [0, 1]), format_bead([1, 2], [2]), format_bead([3], [])]
    assert lines == ["[0]:[0, 1]", "[1, 2]:[2]", "[3]:[]"]
    gold = parse_beads(lines)
    assert gold == [((0,), (0, 1)), ((1, 2), (2,)), ((3,), ())]
    assert bead_f1(gold, gold)["f1"] == 1.0
    half = bead_f1([((0,), (0,)), ((1, 2), (2,))], gold)
    assert (half["precision"], half["recall"]) == (0.5, 0.5)
    with pytest.raises(ValueError, match="line 1"):
        parse_beads(["0:0"])


def test_anchor_scoring() -> None:
    units = {"t": [("甲乙。", "A B."), ("丙。", "")]}
    report = score_anchors(
        [
            Anchor("t", "甲", "A"),
            Anchor("t", "乙", "C"),
            Anchor("t", "丙", "-"),
            Anchor("t", "甲", "-"),
        ],
        units,
    )
    assert report.right["t"] == 2 and report.total["t"] == 4
    assert [a.en for a in report.failures] == ["C", "-"]


def test_a_quoted_expression_counts_as_evidence(lexicon: Lexicon) -> None:
    from glossary.alignment.scoring import BeadScorer

    zh = [Sentence("要弘扬“十年磨一剑”的精神。")]
    quoted = Sentence('We must carry forward the spirit of "ten years to forge a sword".')
    plain = Sentence("We must carry forward the spirit of ten years to forge a sword.")
    with_quotes = BeadScorer(zh, [quoted], lexicon).explanation(0, 1, 0, 1)
    without = BeadScorer(zh, [plain], lexicon).explanation(0, 1, 0, 1)
    assert with_quotes[0] > without[0] and with_quotes[1] > without[1]
