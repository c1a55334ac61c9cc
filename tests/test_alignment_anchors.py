"""Anchors-then-windows: the sure correspondences found before the dynamic programme,
the windows they leave it, and that the windows cost the real pairs no bead."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.alignment import Sentence, align_sentences
from glossary.alignment.anchors import candidate_anchors, corridor, monotone_chain, sure_anchors
from glossary.alignment.documents import FLOW_KINDS
from glossary.alignment.scoring import BeadScorer
from glossary.decoding import decode_bytes
from glossary.lexicon import Lexicon
from glossary.reading import read_text

SHARED = Path(__file__).resolve().parents[2] / "shared"

EVERYWHERE = [(1 << 10) - 1] * 10  # windows covering ten sentences


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def test_a_tie_counts_only_where_the_word_is_unique_on_both_sides() -> None:
    # Chinese 0 has a word held by English 2 alone, and English 2 a word offered by
    # Chinese 0 alone: a tie. Chinese 1's word is held by English 0 and 1: no tie.
    # English 1's word points back at Chinese 1 alone, but Chinese 1 points nowhere
    # alone: one side is not enough.
    zh_items = [[(2.0, 0b100)], [(1.0, 0b011)], []]
    en_items = [[], [(1.5, 0b010)], [(3.0, 0b001)]]
    assert candidate_anchors(zh_items, en_items, EVERYWHERE, EVERYWHERE) == {(0, 2): 5.0}


def test_a_tie_is_looked_for_only_where_the_counterpart_can_stand() -> None:
    # the word is held by English 0 and English 9; around Chinese 0 only English 0 is
    zh_items = [[(1.0, 0b1000000001)]]
    en_items = [[(1.0, 0b1)]]
    assert candidate_anchors(zh_items, en_items, EVERYWHERE, EVERYWHERE) == {}
    assert candidate_anchors(zh_items, en_items, [0b111], [0b1]) == {(0, 0): 2.0}


def test_the_heaviest_chain_in_order_is_kept() -> None:
    candidates = {(0, 0): 1.0, (1, 1): 1.0, (2, 9): 1.5, (3, 3): 1.0, (4, 4): 1.0}
    assert monotone_chain(candidates) == [(0, 0), (1, 1), (3, 3), (4, 4)]
    # one heavy pair out of place outweighs a light chain, never a heavier one
    assert monotone_chain({(0, 5): 10.0, (1, 1): 1.0, (2, 2): 1.0}) == [(0, 5)]
    assert monotone_chain({}) == []


def test_one_chinese_sentence_anchors_at_most_one_english_one() -> None:
    chain = monotone_chain({(0, 0): 1.0, (0, 1): 1.0, (1, 2): 1.0})
    assert [i for i, _ in chain] == [0, 1]


def test_the_corridor_keeps_the_programme_beside_its_anchors() -> None:
    rows = corridor([(2, 3), (5, 6)], n=8, m=10, margin=1)
    assert len(rows) == 9
    assert rows[0][0] == 0 and rows[8][1] == 10  # the corners are always reachable
    # before Chinese 2 is consumed English 3 is not (± margin); after it, it is
    assert rows[2] == (0, 4)
    assert rows[3] == (3, 7)
    assert rows[6] == (6, 10)
    lows, highs = zip(*rows, strict=True)
    assert list(lows) == sorted(lows) and list(highs) == sorted(highs)
    assert all(rows[r + 1][0] <= rows[r][1] for r in range(8))  # connected


def test_a_coincidence_is_not_trusted(lexicon: Lexicon) -> None:
    # 2025 ties the first Chinese sentence to the last English one, which is about
    # something else: as a 1–1 bead they explain each other badly
    zh = [Sentence("2025年我们要加快建设科技强国。"), Sentence("教育是国家发展的基础。")]
    en = [
        Sentence("Education is the foundation of national development."),
        Sentence("By 2025 talent will be the primary resource for innovation."),
    ]
    scorer = BeadScorer(zh, en, lexicon)
    assert (0, 1) in candidate_anchors(scorer.zh_items, scorer.en_items, EVERYWHERE, EVERYWHERE)
    assert (0, 1) not in sure_anchors(scorer)


def _flow(path: Path, language: str, role: str) -> list[Sentence]:
    paragraphs = read_text(decode_bytes(path.read_bytes(), str(path)), language, role).paragraphs
    return [
        Sentence(text, number)
        for number, paragraph in enumerate(paragraphs)
        if paragraph.kind in FLOW_KINDS
        for text in paragraph.sentences
    ]


@pytest.mark.parametrize(
    "original, translation",
    [
        ("corpus/speech-2024-06-24.zh.txt", "corpus/speech-2024-06-24.qiushi.en.txt"),
        ("corpus-gwr/gwr-2016.zh.txt", "corpus-gwr/gwr-2016.en.txt"),
    ],
)
def test_the_windows_cost_a_real_pair_no_bead(
    original: str, translation: str, lexicon: Lexicon
) -> None:
    """Searching only between anchors finds every bead the whole band finds."""
    zh = _flow(SHARED / original, "zh-Hans", "original")
    en = _flow(SHARED / translation, "en", "translation")
    scorer = BeadScorer(zh, en, lexicon)
    assert len(monotone_chain(sure_anchors(scorer))) > len(zh) / 10  # anchors were found
    anchored = [(b.zh, b.en) for b in align_sentences(zh, en, lexicon)]
    band = [(b.zh, b.en) for b in align_sentences(zh, en, lexicon, anchored=False)]
    assert anchored == band
