"""The dynamic programme: the cheapest monotone sequence of beads over two sentence lists.

Beads are 1–1, 1–2, 2–1, 1–3, 3–1, 2–2, 1–0 and 0–1, and the longer splits and
merges that long Chinese sentences call for (1–4, 1–5, 2–3 and their mirrors). The
search is confined to the windows between sure correspondences (``anchors.py``), or,
where the texts offer none, to a band around the diagonal that their lengths predict,
so its cost grows with the length of the documents rather than with their product.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from glossary.alignment.anchors import corridor, monotone_chain, sure_anchors
from glossary.alignment.scoring import MAX_SPLIT, SKIP, BeadScorer, Sentence
from glossary.alignment.scoring import SHAPES as SHAPE_PENALTIES
from glossary.lexicon import Lexicon

# (shape, the least a bead of that shape can cost): a shape that cannot beat the best
# found so far for a cell is not scored at all
SHAPES = [
    ((1, 1), 0.0),
    ((1, 0), SKIP),
    ((0, 1), SKIP),
    *((shape, penalty) for shape, penalty in SHAPE_PENALTIES.items() if shape != (1, 1)),
]
FORGET_EVERY = 32  # rows between clean-ups of the scorer's memo
MIN_BAND = 30
# Two lone neighbours are paired when their lengths are this likely (−log of the
# Gale–Church tail probability: 3.0 is a length difference within about two standard
# deviations of what the texts' ratio predicts).
LONE_LENGTH_COST = 3.0
MAX_BAND = 150


@dataclass(frozen=True)
class Bead:
    """Indices of the Chinese and English sentences that translate each other;
    one side is empty for a sentence with no counterpart."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    similarity: float
    cost: float

    @property
    def shape(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"


def _band(scorer: BeadScorer, n: int, m: int) -> list[tuple[int, int]]:
    """For each zh position i, the range of en positions j the search visits."""
    width = min(MAX_BAND, max(MIN_BAND, max(n, m) // 4))
    zh_cumulative, en_cumulative = scorer.zh_prefix, scorer.en_prefix
    zh_total, en_total = zh_cumulative[-1] or 1, en_cumulative[-1] or 1
    ranges = []
    for i in range(n + 1):
        expected = bisect.bisect_left(en_cumulative, zh_cumulative[i] / zh_total * en_total)
        ranges.append((max(0, expected - width), min(m, expected + width)))
    # each row must overlap the one before, or the band could be disconnected where
    # the expected position jumps (a long sentence)
    for i in range(1, n + 1):
        low, high = ranges[i]
        ranges[i] = (min(low, ranges[i - 1][1]), high)
    ranges[n] = (ranges[n][0], m)
    ranges[0] = (0, ranges[0][1])
    return ranges


def align_sentences(
    zh: list[Sentence],
    en: list[Sentence],
    lexicon: Lexicon,
    ratio: float = 0.0,
    *,
    anchored: bool = True,
) -> list[Bead]:
    """Align two sentence lists; every sentence ends up in exactly one bead.

    The programme searches the windows between sure correspondences (``anchors``);
    where there are none, or with ``anchored=False`` (the benchmarks' baseline), it
    searches the band around the diagonal that the texts' lengths predict."""
    n, m = len(zh), len(en)
    scorer = BeadScorer(zh, en, lexicon, ratio=ratio)
    anchors = monotone_chain(sure_anchors(scorer)) if anchored else []
    band = corridor(anchors, n, m) if anchors else _band(scorer, n, m)
    infinity = float("inf")
    best: list[dict[int, float]] = [{} for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float, float]]] = [{} for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        if i % FORGET_EVERY == 0:
            scorer.forget_before(i - MAX_SPLIT)
        low, high = band[i]
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            cell_best, cell_back = infinity, None
            for (a, b), least in SHAPES:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                previous = best[pi].get(pj)
                if previous is None or previous + least >= cell_best:
                    continue
                if previous + scorer.floor(pi, i, pj, j) >= cell_best:
                    continue
                cost, similarity = scorer.cost(pi, i, pj, j)
                total = previous + cost
                if total < cell_best:
                    cell_best, cell_back = total, (a, b, cost, similarity)
            if cell_back is not None:
                best[i][j] = cell_best
                back[i][j] = cell_back
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b, cost, similarity = back[i][j]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), similarity, cost))
        i, j = i - a, j - b
    beads.reverse()
    return _pair_lone_neighbours(beads, scorer)


def _place(breaks: list[int], index: int) -> tuple[bool, bool]:
    """Whether sentence ``index`` opens its paragraph and whether it closes it, from
    the count of paragraph breaks before each sentence."""
    opens = index == 0 or breaks[index] != breaks[index - 1]
    closes = index == len(breaks) - 1 or breaks[index + 1] != breaks[index]
    return opens, closes


def _pair_lone_neighbours(beads: list[Bead], scorer: BeadScorer) -> list[Bead]:
    """A Chinese and an English sentence left unaligned side by side (nothing else
    between the beads around them) are one bead where they stand alike in their
    paragraphs (both open one, or both close one, or both are one) and their lengths
    agree, as Gale–Church would pair them: the words gave no evidence either way
    ("各位代表！" / "Esteemed Deputies,"); their place and length say they translate
    each other."""
    paired: list[Bead] = []
    for bead in beads:
        previous = paired[-1] if paired else None
        if (
            previous is not None
            and len(previous.zh) + len(previous.en) == 1
            and len(bead.zh) + len(bead.en) == 1
            and bool(previous.zh) != bool(bead.zh)
        ):
            zh = previous.zh or bead.zh
            en = previous.en or bead.en
            bounds = (zh[0], zh[0] + 1, en[0], en[0] + 1)
            same_place = _place(scorer.zh_breaks, zh[0]) == _place(scorer.en_breaks, en[0])
            if same_place and scorer.length_cost(*bounds) <= LONE_LENGTH_COST:
                cost, similarity = scorer.cost(*bounds)
                paired[-1] = Bead(zh, en, similarity, cost)
                continue
        paired.append(bead)
    return paired
