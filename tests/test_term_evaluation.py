"""Scoring a terminology against gold terms (glossary/term_evaluation.py), on small gold
rows written here: term recall at the three cuts, rendering accuracy by (term,
translation) pair and by row, and pinyin split into syllables and tones and word joining."""

from __future__ import annotations

from glossary.term_evaluation import GoldRow, evaluate_terms, normal_rendering

CHINESE = "我们要建成科技强国，推进一带一路，坚持集中力量办大事，发挥新型举国体制优势。"


def row(
    zh: str, rendering: str, document: str = "qiushi", marks: str = "", numbers: str = ""
) -> GoldRow:
    return GoldRow(zh, marks, numbers, document, rendering)


def gold() -> list[GoldRow]:
    science = ("kējì qiángguó", "ke1 ji4 qiang2 guo2")
    belt = ("Yīdài Yīlù", "yi1 dai4 yi1 lu4")
    return [
        # one pair with two renderings, one of them proposed
        row("科技强国", "science and technology power", "qiushi", *science),
        row("科技强国", "country strong in science and technology", "qiushi", *science),
        # a pair whose two rows differ only in case and article: one rendering
        row("科技强国", "The Science and Technology Power", "commentary", *science),
        row("科技强国", "science and technology power", "commentary", *science),
        row("一带一路", "Belt and Road Initiative", "qiushi", *belt),
        row("一带一路", "-", "commentary", *belt),  # paraphrased away: no pair
        row(
            "集中力量办大事",
            "pool resources",
            "qiushi",
            "jízhōng lìliàng bàn dàshì",
            "ji2 zhong1 li4 liang4 ban4 da4 shi4",
        ),
        row(
            "新型举国体制",
            "new system",
            "qiushi",
            "xīnxíng jǔguó tǐzhì",
            "xin1 xing2 ju3 guo2 ti3 zhi4",
        ),
        row(
            "世界科技强国",
            "world leader",
            "commentary",
            "shìjiè kējì qiángguó",
            "shi4 jie4 ke1 ji4 qiang2 guo2",
        ),  # not in the Chinese
    ]


def ranked(positions: dict[str, int], length: int = 1500) -> list[str]:
    """A candidate list of ``length`` fillers with the given terms at 1-based positions."""
    terms = [f"填充{i}" for i in range(length)]
    for term, position in positions.items():
        terms[position - 1] = term
    return terms


RENDERINGS = {
    "科技强国": {
        "qiushi": {"Science and Technology Power"},
        "commentary": {"science and technology power"},
    },
    "一带一路": {"qiushi": {"the Belt and Road Initiative"}},
    "集中力量办大事": {"qiushi": {"concentrate resources"}},
}
STORED = {
    "科技强国": ("kējì qiángguó", "ke1 ji4 qiang2 guo2"),
    "一带一路": ("yīdài-yīlù", "YI1 dai4 yi1 lu4"),  # joined otherwise, same syllables and tones
    "集中力量办大事": (
        "jízhōng lìliàng bàn dàshì",
        "ji2 zhong1 li4 liang4 ban4 da4 shi3",
    ),  # a tone wrong
    "世界科技强国": ("shìjiè kējì qiángguó", "shi4 jie4 ke1 ji4 qiang2 guo2"),
}
POSITIONS = {"科技强国": 3, "一带一路": 450, "集中力量办大事": 1200, "世界科技强国": 10}


def report(within: int | None = None):
    return evaluate_terms(
        gold(), ranked(POSITIONS), RENDERINGS, STORED, CHINESE, within, aligned={"qiushi"}
    )


def test_term_recall_is_given_within_400_within_1000_and_anywhere() -> None:
    result = report().as_dict()
    # four gold terms occur in the Chinese; 世界科技强国 does not and is not counted
    assert result["recall_terms"] == 4
    assert (
        result["recall_within_400"],
        result["recall_within_1000"],
        result["recall_anywhere"],
    ) == (0.25, 0.5, 0.75)
    assert result["missed_within_400"] == ["一带一路", "集中力量办大事", "新型举国体制"]
    assert result["missed_within_1000"] == ["集中力量办大事", "新型举国体制"]
    assert result["missed_anywhere"] == ["新型举国体制"]
    assert result["positions"]["一带一路"] == 450 and result["positions"]["新型举国体制"] is None
    assert "recall_within_100" not in result


def test_an_extra_cut_is_added_to_the_three() -> None:
    result = report(within=5).as_dict()
    assert result["recall_within_5"] == 0.25
    assert {"recall_within_400", "recall_within_1000", "recall_anywhere"} <= set(result)


def test_rendering_accuracy_is_by_term_and_translation_pair() -> None:
    result = report()
    # pairs: 科技强国/qiushi (one of two proposed), 科技强国/commentary (case and article
    # folded: one rendering, proposed), 一带一路/qiushi (article ignored), 集中力量办大事/qiushi
    # (missed), 新型举国体制/qiushi (missed), 世界科技强国/commentary (missed)
    assert result.rendering_pairs == {"pairs": 6, "any": 3, "all": 2}
    assert result.rendering_accuracy == 0.5
    assert result.rendering_accuracy_all == 2 / 6
    # rows: 8 with a real rendering, 4 of them proposed
    assert (result.rendering_rows, result.rendering_rows_right) == (8, 4)
    assert result.as_dict()["rendering_accuracy"] == 0.5
    assert result.as_dict()["rendering_row_accuracy"] == 0.5


def test_the_rendering_breakdown_separates_aligned_texts() -> None:
    by_source = report().rendering_by_source
    assert by_source["aligned"] == {"pairs": 4, "any": 2, "all": 1, "rows": 5, "rows_right": 2}
    assert by_source["english only"] == {"pairs": 2, "any": 1, "all": 1, "rows": 3, "rows_right": 2}


def test_missed_renderings_list_what_was_proposed() -> None:
    misses = {(m["zh"], m["rendering"]): m["proposed"] for m in report().rendering_misses}
    assert misses[("集中力量办大事", "pool resources")] == ["concentrate resources"]
    assert misses[("科技强国", "country strong in science and technology")] == [
        "Science and Technology Power"
    ]
    assert ("科技强国", "The Science and Technology Power") not in misses


def test_pinyin_is_split_into_syllables_and_tones_and_word_joining_on_found_terms() -> None:
    result = report()
    # found among the candidates: all but 新型举国体制, 世界科技强国 included
    assert result.pinyin_terms == 4
    # 集中力量办大事 has a tone wrong; 一带一路 differs in case only in the numbers
    assert result.pinyin_syllables_right == 3 and result.pinyin_syllables_accuracy == 0.75
    # 一带一路 is joined with a hyphen and not capitalised
    assert result.pinyin_joining_right == 3
    misses = {m["zh"]: m for m in result.pinyin_misses}
    assert set(misses) == {"一带一路", "集中力量办大事"}
    assert misses["一带一路"]["wrong"] == ["joining"]
    assert misses["一带一路"]["expected"] == ["Yīdài Yīlù", "yi1 dai4 yi1 lu4"]
    assert misses["一带一路"]["got"] == ["yīdài-yīlù", "YI1 dai4 yi1 lu4"]
    assert misses["集中力量办大事"]["wrong"] == ["syllables"]


def test_a_term_without_stored_pinyin_gets_the_computed_one() -> None:
    result = evaluate_terms(
        [row("科技强国", "-", marks="kējì qiángguó", numbers="ke1 ji4 qiang2 guo2")],
        ["科技强国"],
        {},
        {},
        CHINESE,
    )
    assert (result.pinyin_terms, result.pinyin_syllables_right, result.pinyin_joining_right) == (
        1,
        1,
        1,
    )
    assert (
        result.rendering_pairs == {"pairs": 0, "any": 0, "all": 0}
        and result.rendering_accuracy == 0.0
    )


def test_normal_rendering_folds_case_and_a_leading_article() -> None:
    assert normal_rendering("The  Belt and Road’s") == "belt and road's"
    assert normal_rendering("theory") == "theory"
