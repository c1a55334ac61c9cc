"""Sure correspondences, found before the dynamic programme, that confine its search.

A word that one Chinese sentence alone uses in the stretch of text where its
counterpart can stand, whose translation one English sentence alone uses in the
stretch where *its* counterpart can stand, ties those two sentences together: a name,
a number, a rare policy word is rarely rendered twice nearby. Each such pair is a
candidate anchor, weighted by the rarity of the words that tie it, and kept only if
the two sentences explain each other reasonably well as a bead (a coincidence does
not). Candidates that contradict the order of the texts are dropped: the anchors kept
are the heaviest chain in which both sides advance (a weighted longest increasing
subsequence), so one tie far from its place cannot pull the alignment away.

Between two consecutive anchors the programme searches only the window they leave
(``corridor``), plus a margin on each side, so that it can still disagree with an
anchor that sits in a split or merged bead. Where a stretch of text has no anchor,
its window is as wide as the anchors around it allow, and the programme weighs every
possibility there; a document with no anchor at all is searched along the band its
lengths predict, as before anchors. This is the anchors-then-windows design of the
aligners that scale (Moore 2002; hunalign, Varga et al. 2005; Vecalign's
coarse-to-fine search, Thompson & Koehn 2019).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.alignment.scoring import BeadScorer

# A tie is trusted only where the two sentences explain each other this well as a
# 1–1 bead (mean share of their words with a translation on the other side): a
# sentence translated as three still reaches it, a coincidence does not.
MIN_SIMILARITY = 0.4
# How far (in sentences) from where the lengths of the texts put it a sentence's
# counterpart is looked for, and a tie must be unique there. On both dev corpora
# every radius from 30 to 120 gives the same alignment; 15 lets a word repeated just
# outside the window make false ties (the 2016 report loses 21 units).
NEIGHBOURHOOD = 60
# Sentences by which the search may stray from an anchor on either side: room for
# the programme to disagree with an anchor that sits in a split bead or is wrong.
MARGIN = 3


def _single(mask: int) -> int | None:
    """The index of the only bit set in ``mask``, or None."""
    if mask and not mask & (mask - 1):
        return mask.bit_length() - 1
    return None


def candidate_anchors(
    zh_items: Sequence[Sequence[tuple[float, int]]],
    en_items: Sequence[Sequence[tuple[float, int]]],
    zh_windows: Sequence[int],
    en_windows: Sequence[int],
) -> dict[tuple[int, int], float]:
    """(Chinese sentence, English sentence) pairs tied by words unique to them on both
    sides within the stretch of text where their counterpart can be, with the weight
    of the ties.

    ``zh_items[i]`` holds, for each word of Chinese sentence i, its weight and the
    bit mask of English sentences holding one of its translations; ``zh_windows[i]``
    is the mask of English sentences where its counterpart can stand. ``en_items``
    and ``en_windows`` are the same for the English sentences against the Chinese. A
    pair counts only where the tie is unique from both sides, so that a word
    repeated nearby in either text proves nothing."""
    from_zh: dict[tuple[int, int], float] = defaultdict(float)
    for i, items in enumerate(zh_items):
        for weight, mask in items:
            j = _single(mask & zh_windows[i])
            if j is not None:
                from_zh[i, j] += weight
    anchors: dict[tuple[int, int], float] = {}
    for j, items in enumerate(en_items):
        for weight, mask in items:
            single = _single(mask & en_windows[j])
            if single is not None and (single, j) in from_zh:
                anchors[single, j] = anchors.get((single, j), from_zh[single, j]) + weight
    return anchors


def _windows(own: Sequence[int], other: Sequence[int], radius: int) -> list[int]:
    """For each sentence of one side (cumulative lengths ``own``), the mask of the
    other side's sentences within ``radius`` of where its length puts it."""
    own_total, other_total = own[-1] or 1, other[-1] or 1
    windows = []
    for index in range(len(own) - 1):
        expected = bisect.bisect_left(other, own[index] / own_total * other_total)
        low, high = max(0, expected - radius), min(len(other) - 1, expected + radius + 1)
        windows.append((1 << high) - (1 << low))  # sentences low .. high - 1
    return windows


def sure_anchors(scorer: BeadScorer) -> dict[tuple[int, int], float]:
    """The candidate anchors of two sentence lists that hold up as 1–1 beads."""
    zh_windows = _windows(scorer.zh_prefix, scorer.en_prefix, NEIGHBOURHOOD)
    en_windows = _windows(scorer.en_prefix, scorer.zh_prefix, NEIGHBOURHOOD)
    candidates = candidate_anchors(scorer.zh_items, scorer.en_items, zh_windows, en_windows)
    return {
        (i, j): weight
        for (i, j), weight in candidates.items()
        if scorer.cost(i, i + 1, j, j + 1)[1] >= MIN_SIMILARITY
    }


def monotone_chain(candidates: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The heaviest chain of pairs in which both indices strictly increase: a weighted
    longest increasing subsequence, found in O(k log k) with a Fenwick tree of the
    best chain ending at or before each English index."""
    if not candidates:
        return []
    size = max(j for _, j in candidates) + 1
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)  # (weight, pair index)

    def best_before(j: int) -> tuple[float, int]:
        found = (0.0, -1)
        while j > 0:
            found = max(found, tree[j])
            j -= j & -j
        return found

    def record(j: int, entry: tuple[float, int]) -> None:
        j += 1
        while j <= size:
            tree[j] = max(tree[j], entry)
            j += j & -j

    pairs = sorted(candidates)
    previous: list[int] = [-1] * len(pairs)
    weights: list[float] = [0.0] * len(pairs)
    start = 0
    while start < len(pairs):  # one Chinese sentence at a time: its pairs cannot chain
        stop = start
        while stop < len(pairs) and pairs[stop][0] == pairs[start][0]:
            stop += 1
        for k in range(start, stop):
            weight, previous[k] = best_before(pairs[k][1])
            weights[k] = weight + candidates[pairs[k]]
        for k in range(start, stop):
            record(pairs[k][1], (weights[k], k))
        start = stop
    chain = []
    k = max(range(len(pairs)), key=lambda index: (weights[index], -index))
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    chain.reverse()
    return chain


def corridor(
    anchors: Sequence[tuple[int, int]], n: int, m: int, margin: int = MARGIN
) -> list[tuple[int, int]]:
    """For each row r of the programme (r Chinese sentences consumed), the range of
    English positions it may visit.

    An anchor (i, j) puts Chinese sentence i and English sentence j in one bead: before
    sentence i is consumed, j is not (the row's end is at most j); once it is, j is
    too (the row's start is at least j + 1). Each bound is loosened by ``margin``."""
    rows = []
    chinese = [i for i, _ in anchors]
    for r in range(n + 1):
        k = bisect.bisect_left(chinese, r)  # anchors[k] is the first with i >= r
        low = anchors[k - 1][1] + 1 - margin if k else 0
        high = anchors[k][1] + margin if k < len(anchors) else m
        rows.append((max(0, low), min(m, high)))
    rows[0] = (0, rows[0][1])
    rows[n] = (rows[n][0], m)
    return rows
