"""What makes a bead (a group of Chinese sentences and the English ones that translate
them) likely: lexical translation evidence, numbers, and length.

Every sentence in a bead should be *explained* by the other side: a Chinese sentence
by how many of its words (weighted by rarity in the document, so 科技 counts for less
than 嫦娥) have a translation on the English side, an English sentence likewise. Costs
are in one currency so that a 1–1 bead, a 1–3 split and an unaligned sentence can be
weighed in one dynamic programme:

    cost = shape penalty + Σ over the bead's sentences (1 − how well it is explained)
           + LENGTH_WEIGHT · −log P(length difference)   (Gale–Church)
           + a penalty for merging sentences across a paragraph break

and a sentence with no counterpart costs SKIP. With a shape penalty of STEP per extra
sentence, a sentence joins a bead exactly when it is explained better than
1 + STEP − SKIP, whatever the size of the bead, and is left unaligned otherwise:
what has no counterpart is not forced onto a neighbour.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TypeVar

from glossary.lexicon import Lexicon, chinese_evidence, english_keys

STEP = 0.3  # shape penalty per sentence beyond one on each side
SKIP = 1.0  # a sentence with no counterpart
# Shapes the programme considers, and their penalties: one Chinese sentence of many
# clauses is often rendered as several English sentences (up to seven in official
# translations of speeches), and the reverse; 2–2 and 2–3 beads (crossing clauses)
# pay extra, so that two 1–1 beads are preferred where they fit.
MAX_SPLIT = 7
SHAPES = {
    **{(1, k): (k - 1) * STEP for k in range(1, MAX_SPLIT + 1)},
    **{(k, 1): (k - 1) * STEP for k in range(2, MAX_SPLIT + 1)},
    (2, 2): 3 * STEP,
    (2, 3): 4 * STEP,
    (3, 2): 4 * STEP,
}
LENGTH_WEIGHT = 0.1
CROSSING = 0.6  # per paragraph break inside a bead
IDF_FLOOR = 0.5
SMOOTHING = 1.0  # in units of the mean word weight: one missing word's worth of doubt
# Gale–Church for Chinese characters against English characters (spaces excluded):
# English runs to about 4.5 characters per Chinese one in political texts; sentence
# by sentence, translators vary far more than the paragraph pairs of a literal
# translation suggest (variance about 30 per Chinese character), so the model is kept
# loose and its cost capped: length breaks ties, it does not overrule the words.
DEFAULT_VARIANCE = 60.0
MAX_LENGTH_COST = 5.0

_SPACE = re.compile(r"\s+")
# A quoted expression (a slogan, a name) is usually quoted in the translation too.
QUOTED_KEY = "#quoted"
QUOTED = frozenset({QUOTED_KEY})
_ZH_QUOTED = re.compile(r"[“「『][^”」』]{1,30}[”」』]")
_EN_QUOTED = re.compile(r"[“\"][^”\"]{1,80}[”\"]")


@dataclass(frozen=True)
class Sentence:
    """A sentence to align and where it stands: ``paragraph`` (any id) tells where
    paragraphs break."""

    text: str
    paragraph: int = 0


def _length(text: str) -> int:
    return len(_SPACE.sub("", text))


def _normal_tail(z: float) -> float:
    """Two-sided tail probability of a standard normal."""
    return math.erfc(abs(z) / math.sqrt(2))


Key = TypeVar("Key", bound=Hashable)  # a word, or a set of its translations


def _idf(documents: Sequence[Collection[Key]]) -> dict[Key, float]:
    """Inverse document frequency over the sentences, floored so that a common word
    (科技, "science") still counts for something when it is all a sentence has."""
    frequency = Counter(key for keys in documents for key in keys)
    total = len(documents)
    idf = {key: math.log((total + 1) / (count + 0.5)) for key, count in frequency.items()}
    floor = IDF_FLOOR * (math.fsum(idf.values()) / len(idf) if idf else 1.0)
    return {key: max(value, floor) for key, value in idf.items()}


def _paragraph_breaks(sentences: list[Sentence]) -> list[int]:
    """For each sentence, how many paragraph breaks come before it."""
    changes = [
        int(i > 0 and s.paragraph != sentences[i - 1].paragraph) for i, s in enumerate(sentences)
    ]
    return list(accumulate(changes))


def _union_mask(keys: frozenset[str], holding: dict[str, int]) -> int:
    mask = 0
    for key in keys:
        mask |= holding.get(key, 0)
    return mask


def _range_mask(start: int, stop: int) -> int:
    return (1 << stop) - (1 << start)


def _never_explained(items: list[list[tuple[float, int]]], totals: list[float]) -> list[float]:
    """Cumulative sums of what no bead can explain of each sentence: the share of its
    words with no translation anywhere on the other side."""
    shares = (
        1 - sum(weight for weight, mask in words if mask) / total
        for words, total in zip(items, totals, strict=True)
    )
    return [0.0, *accumulate(shares)]


@dataclass
class BeadScorer:
    """Precomputed evidence for two sentence lists, and the cost of any bead.

    Each word's evidence is kept as a bit mask of the sentences on the other side that
    hold one of its translations, so "is this word explained by sentences j0..j1" is
    one AND, and the answers are memoised: the programme asks the same question for
    every bead shape that shares a sentence range.
    """

    zh: list[Sentence]
    en: list[Sentence]
    lexicon: Lexicon
    ratio: float = 0.0
    variance: float = DEFAULT_VARIANCE
    _memo: dict[tuple[int, int, int, int], float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        zh_units = [
            chinese_evidence(s.text, self.lexicon) + [QUOTED] * len(_ZH_QUOTED.findall(s.text))
            for s in self.zh
        ]
        en_keys = [
            sorted(
                {
                    *english_keys(s.text, self.lexicon.abbreviations),
                    *([QUOTED_KEY] if _EN_QUOTED.search(s.text) else []),
                }
            )
            for s in self.en
        ]
        # a Chinese word (its set of translations) is weighted by its rarity here
        zh_idf = _idf([set(units) for units in zh_units])
        en_idf = _idf(en_keys)
        en_holding: dict[str, int] = {}  # key -> mask of English sentences holding it
        for j, keys in enumerate(en_keys):
            for key in keys:
                en_holding[key] = en_holding.get(key, 0) | (1 << j)
        zh_offering: dict[str, int] = {}  # key -> mask of Chinese sentences offering it
        for i, units in enumerate(zh_units):
            for key in frozenset().union(*units):
                zh_offering[key] = zh_offering.get(key, 0) | (1 << i)
        self.zh_items = [
            [(zh_idf[u], _union_mask(u, en_holding)) for u in units] for units in zh_units
        ]
        self.en_items = [[(en_idf[k], zh_offering.get(k, 0)) for k in keys] for keys in en_keys]
        # fsum and sorted keys below: sums of floats in an order that string hashing
        # decides would differ in their last bits from run to run, and a near tie in
        # the programme could then fall either way (PYTHONHASHSEED)
        zh_smoothing = SMOOTHING * (math.fsum(zh_idf.values()) / len(zh_idf) if zh_idf else 1.0)
        en_smoothing = SMOOTHING * (math.fsum(en_idf.values()) / len(en_idf) if en_idf else 1.0)
        self.zh_totals = [sum(w for w, _ in items) + zh_smoothing for items in self.zh_items]
        self.en_totals = [sum(w for w, _ in items) + en_smoothing for items in self.en_items]
        self.zh_lengths = [_length(s.text) for s in self.zh]
        self.en_lengths = [_length(s.text) for s in self.en]
        self.zh_prefix = [0, *accumulate(self.zh_lengths)]
        self.zh_breaks = _paragraph_breaks(self.zh)
        self.en_breaks = _paragraph_breaks(self.en)
        self.en_prefix = [0, *accumulate(self.en_lengths)]
        if not self.ratio:
            self.ratio = (self.en_prefix[-1] or 1) / (self.zh_prefix[-1] or 1)
        self.zh_unexplained = _never_explained(self.zh_items, self.zh_totals)
        self.en_unexplained = _never_explained(self.en_items, self.en_totals)

    def _explained(self, side: int, index: int, start: int, stop: int) -> float:
        """How well sentence ``index`` of one side (0 zh, 1 en) is explained by the
        other side's sentences start..stop."""
        memo_key = (side, index, start, stop)
        found = self._memo.get(memo_key)
        if found is None:
            items, totals = (
                (self.zh_items, self.zh_totals) if side == 0 else (self.en_items, self.en_totals)
            )
            window = _range_mask(start, stop)
            found = sum(w for w, mask in items[index] if mask & window) / totals[index]
            self._memo[memo_key] = found
        return found

    def forget_before(self, row: int) -> None:
        """Drop memoised answers the programme can no longer ask for: it only looks
        back MAX_SPLIT rows, so memory stays flat however long the document."""
        self._memo = {
            key: value
            for key, value in self._memo.items()
            if (key[1] if key[0] == 0 else key[3]) >= row
        }

    def explanation(self, i0: int, i1: int, j0: int, j1: int) -> list[float]:
        """How well each sentence of zh[i0:i1] + en[j0:j1] is explained by the other side."""
        return [self._explained(0, i, j0, j1) for i in range(i0, i1)] + [
            self._explained(1, j, i0, i1) for j in range(j0, j1)
        ]

    def length_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        zh_length = self.zh_prefix[i1] - self.zh_prefix[i0]
        en_length = self.en_prefix[j1] - self.en_prefix[j0]
        mean = (zh_length + en_length / self.ratio) / 2 or 1
        delta = (en_length - self.ratio * zh_length) / math.sqrt(self.variance * mean)
        return min(MAX_LENGTH_COST, -math.log(max(_normal_tail(delta), 1e-12)))

    def crossing(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The penalty for the paragraph breaks inside zh[i0:i1] and en[j0:j1]."""
        breaks = (
            self.zh_breaks[i1 - 1]
            - self.zh_breaks[i0]
            + self.en_breaks[j1 - 1]
            - self.en_breaks[j0]
        )
        return CROSSING * breaks

    def floor(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The least the bead zh[i0:i1] ↔ en[j0:j1] can cost, without scoring its words:
        its shape, its paragraph breaks and what the other side can never explain."""
        size = (i1 - i0, j1 - j0)
        if 0 in size:
            return SKIP * sum(size)
        return (
            SHAPES[size]
            + self.crossing(i0, i1, j0, j1)
            + self.zh_unexplained[i1]
            - self.zh_unexplained[i0]
            + self.en_unexplained[j1]
            - self.en_unexplained[j0]
        )

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(cost, similarity) of the bead zh[i0:i1] ↔ en[j0:j1]; similarity is the mean
        explanation of its sentences, in [0, 1]."""
        size = (i1 - i0, j1 - j0)
        if 0 in size:
            return SKIP * sum(size), 0.0
        explained = self.explanation(i0, i1, j0, j1)
        cost = (
            SHAPES[size]
            + sum(1 - x for x in explained)
            + LENGTH_WEIGHT * self.length_cost(i0, i1, j0, j1)
            + self.crossing(i0, i1, j0, j1)
        )
        return cost, sum(explained) / len(explained)
