"""Word links between the Chinese and English of every translation unit, learnt from
the whole memory.

The model is fast_align's (Dyer, Chahuneau & Smith, NAACL 2013): IBM Model 1's word
translation table with a prior that favours links near the diagonal, trained by
expectation maximisation in both directions and the two directions combined. Two
kinds of outside knowledge seed it: dictionary senses (CC-CEDICT and editors'
approved renderings, through ``glossary.lexicon``) start as likely translations, and
a dictionary link is kept as a link of its own. Training is deterministic and does
not depend on the order of the units, so the same memory always gives the same links
(eflomal, a stronger sampler, has no seed: two builds of one corpus would differ).

The links are weighted, because the rendering step weighs evidence rather than
trusting one link: a dictionary link counts 1, any other the mean of the two
directions' posterior probabilities of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer

from glossary import segmentation
from glossary.lexicon import Lexicon, english_key, key_stem, token_keys
from glossary.symbols import is_symbol_word
from glossary.word_classes import CHINESE_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS

ITERATIONS = 5
DIAGONAL_TENSION = 4.0  # fast_align's default λ
NULL_PROBABILITY = 0.08  # fast_align's default p0
DICTIONARY_PRIOR = 2.0  # pseudo-count of a dictionary pair in the first expectation
DICTIONARY = 1.0
LOOSE = 0.7  # a dictionary link through a derived word
MIN_LINK = 0.1  # a link less probable than this, in the two directions' mean, is none
PHRASE_GAP = 1  # words that may stand between two English words one Chinese word meets

# A word: letters and digits with inner hyphens, apostrophes or ampersands (S&T,
# high-quality, China’s); in a token list any other non-space character stands alone.
ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'&\-][A-Za-z0-9]+)*")
_ENGLISH_TOKEN = re.compile(rf"{ENGLISH_WORD.pattern}|\S")
_PUNCTUATION = re.compile(r"^[\W_]+$")
_stem = snowballstemmer.stemmer("english").stemWord


@dataclass(frozen=True)
class Token:
    """A word of one side of a unit, with where it stands in the unit's text."""

    text: str
    start: int
    end: int


def chinese_tokens(text: str) -> list[Token]:
    """jieba's words of a Chinese text, punctuation and spaces left out, but not the
    signs read as words (互联网+, ``glossary.symbols``)."""
    tokens, position = [], 0
    for word in segmentation.words(text):
        if word.strip() and (not _PUNCTUATION.match(word) or is_symbol_word(word)):
            tokens.append(Token(word, position, position + len(word)))
        position += len(word)
    return tokens


def english_tokens(text: str) -> list[Token]:
    """Words and punctuation marks of an English text."""
    return [Token(m.group(), m.start(), m.end()) for m in _ENGLISH_TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def _english_type(word: str) -> str:
    """What the model counts: a word's Snowball stem, so that a small memory still
    sees "reform", "reforms" and "reforming" as one."""
    lowered = word.lower()
    return _stem(lowered) if lowered[:1].isalnum() else lowered


@dataclass
class AlignedPair:
    """One unit's tokens and the weighted links between them: (Chinese index,
    English index) → weight."""

    chinese: list[Token]
    english: list[Token]
    links: dict[tuple[int, int], float]


def dictionary_links(
    chinese: Sequence[Token], english: Sequence[Token], lexicon: Lexicon
) -> dict[tuple[int, int], float]:
    """Pairs of words the dictionary says may translate each other, weighing DICTIONARY,
    or LOOSE where the English word only shares its stem's first letters with a
    translation (``lexicon.key_stem``: "central" for 中心's "center") or is a
    hyphenated word one of whose parts is a translation ("law-based" for 依法治国's
    "law", "working-age" for 年龄's "age"): a word of its own, which holds the
    translation as a derived word does. An abbreviation the lexicon knows meets what
    its long form's words meet ("CPC’s" 党, "S&T" 科技).
    Where the same Chinese word stands more than once, an English word is linked only
    to one of them: the one whose neighbours the dictionary links to the English word's
    neighbours (海绵城市 beside "sponge cities"), else the nearest in relative position,
    as a translator keeps the order of a sentence's parts."""
    keys = [
        english_key(t.text.lower())
        if t.text[:1].isalnum() and t.text.lower() not in ENGLISH_FUNCTION_WORDS
        else None
        for t in english
    ]
    parts = [
        frozenset(token_keys(t.text.lower())) if "-" in t.text and key else frozenset()
        for t, key in zip(english, keys, strict=True)
    ]
    expansions = [
        lexicon.abbreviation_keys(t.text) if t.text[:1].isupper() else frozenset() for t in english
    ]
    candidates: dict[tuple[str, int], list[int]] = defaultdict(list)
    weight: dict[tuple[str, int], float] = {}
    for i, token in enumerate(chinese):
        if token.text in CHINESE_FUNCTION_WORDS:
            continue
        glosses = lexicon.glosses(token.text)
        if not glosses:
            continue
        loose = lexicon.loose_glosses(token.text)
        for j, key in enumerate(keys):
            if not key:
                continue
            found = (
                DICTIONARY
                if key in glosses or glosses & expansions[j]
                else LOOSE
                if key_stem(key) in loose or parts[j] & glosses
                else 0.0
            )
            if found:
                candidates[(token.text, j)].append(i)
                weight[(token.text, j)] = max(weight.get((token.text, j), 0.0), found)
    every = {(i, j) for (_word, j), positions in candidates.items() for i in positions}

    def neighbours(i: int, j: int) -> int:
        return sum((i + di, j + dj) in every for di in (-1, 1) for dj in (-2, -1, 1, 2))

    links = {
        (
            min(
                positions,
                key=lambda i: (-neighbours(i, j), abs(i / len(chinese) - j / len(english))),
            ),
            j,
        ): weight[(word, j)]
        for (word, j), positions in candidates.items()
    }
    return _one_phrase_each(links)


def _one_phrase_each(links: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """The links of each Chinese word to its English words that stand together, as the
    one phrase that translates it: a translator renders a word once. Runs of linked
    English words are split where more than PHRASE_GAP words stand between two of
    them, and of a word's runs only the one with the most links is kept, all where
    they tie. 规模经营 (经营 "to engage in; to operate") meets "engaging", "scaled" and
    "operations" in "engaging in appropriately scaled farming operations"; 从严治党,
    whose parts' senses hold "govern" and "society", meets "government" and "social"
    in a sentence that renders it "strict Party self-governance": a sense of the word
    that matches by chance elsewhere in the sentence, not its translation."""
    by_word: defaultdict[int, list[int]] = defaultdict(list)
    for i, j in sorted(links):
        by_word[i].append(j)
    kept: dict[tuple[int, int], float] = {}
    for i, positions in by_word.items():
        runs = [[positions[0]]]
        for j in positions[1:]:
            if j - runs[-1][-1] - 1 <= PHRASE_GAP:
                runs[-1].append(j)
            else:
                runs.append([j])
        most = max(map(len, runs))
        longest = [run for run in runs if len(run) == most]
        for run in longest if len(longest) == 1 else runs:
            kept.update({(i, j): links[(i, j)] for j in run})
    return kept


class _Direction:
    """fast_align in one direction: each target word is generated by one source word
    or by nothing."""

    def __init__(
        self, sources: list[np.ndarray], targets: list[np.ndarray], prior: set[tuple[int, int]]
    ) -> None:
        self.sources, self.targets = sources, targets
        pair_ids: dict[tuple[int, int], int] = {}
        self.pairs: list[np.ndarray] = []
        for source, target in zip(sources, targets, strict=True):
            grid = [[pair_ids.setdefault((s, t), len(pair_ids)) for s in source] for t in target]
            self.pairs.append(np.array(grid, dtype=np.int64).reshape(len(target), len(source)))
        self.sources_of = np.empty(len(pair_ids), dtype=np.int64)
        for (s, _t), index in pair_ids.items():
            self.sources_of[index] = s
        boost = np.zeros(len(pair_ids))
        for pair in prior:
            if pair in pair_ids:
                boost[pair_ids[pair]] = DICTIONARY_PRIOR
        self.translation = self._normalised(np.ones(len(pair_ids)) + boost)

    def _normalised(self, counts: np.ndarray) -> np.ndarray:
        totals = np.bincount(self.sources_of, weights=counts)
        return counts / totals[self.sources_of]

    @staticmethod
    def _distortion(target_length: int, source_length: int) -> np.ndarray:
        """fast_align's diagonal prior, one row per target word."""
        j = (np.arange(target_length) + 1) / target_length
        i = (np.arange(source_length) + 1) / source_length
        weights = np.exp(-DIAGONAL_TENSION * np.abs(j[:, None] - i[None, :]))
        return (1 - NULL_PROBABILITY) * weights / weights.sum(axis=1, keepdims=True)

    def posteriors(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """Each target word's probability of coming from each source word, and from
        nothing."""
        pairs = self.pairs[index]
        scores = self.translation[pairs] * self._distortion(*pairs.shape)
        null = NULL_PROBABILITY * (1.0 / max(1, pairs.shape[1]))
        totals = scores.sum(axis=1, keepdims=True) + null
        return scores / totals, null / totals[:, 0]

    def train(self) -> None:
        for _ in range(ITERATIONS):
            counts = np.zeros_like(self.translation)
            for index, pairs in enumerate(self.pairs):
                if pairs.size:
                    np.add.at(counts, pairs, self.posteriors(index)[0])
            self.translation = self._normalised(counts + 1e-9)

    def link_probabilities(self, index: int) -> np.ndarray:
        """Each (target, source) word pair's posterior probability of a link."""
        if not self.pairs[index].size:
            return np.zeros(self.pairs[index].shape)
        return self.posteriors(index)[0]


def align_units(units: Sequence[tuple[str, str]], lexicon: Lexicon) -> list[AlignedPair]:
    """Weighted word links for each (Chinese, English) unit, trained on all of them."""
    tokenised = [(chinese_tokens(zh), english_tokens(en)) for zh, en in units]
    chinese_ids: dict[str, int] = {}
    english_ids: dict[str, int] = {}
    chinese_arrays, english_arrays, from_dictionary = [], [], []
    prior: set[tuple[int, int]] = set()
    for chinese, english in tokenised:
        zh_ids = np.array(
            [chinese_ids.setdefault(t.text, len(chinese_ids)) for t in chinese], dtype=np.int64
        )
        en_ids = np.array(
            [english_ids.setdefault(_english_type(t.text), len(english_ids)) for t in english],
            dtype=np.int64,
        )
        chinese_arrays.append(zh_ids)
        english_arrays.append(en_ids)
        found = dictionary_links(chinese, english, lexicon)
        from_dictionary.append(found)
        prior |= {(int(zh_ids[i]), int(en_ids[j])) for i, j in found}
    forward = _Direction(chinese_arrays, english_arrays, prior)
    backward = _Direction(english_arrays, chinese_arrays, {(e, z) for z, e in prior})
    forward.train()
    backward.train()
    aligned = []
    for index, (chinese, english) in enumerate(tokenised):
        combined = (forward.link_probabilities(index) + backward.link_probabilities(index).T) / 2
        links = {
            (int(i), int(j)): float(combined[j, i])
            for j, i in zip(*np.nonzero(combined >= MIN_LINK), strict=False)
        }
        links.update(from_dictionary[index])
        aligned.append(AlignedPair(chinese, english, links))
    return aligned
