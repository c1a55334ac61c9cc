"""Which known renderings say enough to be attested in English with no Chinese beside it.

A rendering of several words ("self-reliance and strength in science and technology")
names its term wherever it stands. A rendering of one word may not: the Qiushi
translation renders 心无旁骛 "focus" once, and "focus" then stands in a commentary
for many other things ("with a focus on …"). The memory tells the two apart: where
the Chinese is beside the English, a word that renders a term specifically stands
mostly in units whose Chinese holds that term ("self-reliance" and 自立自强), while a
common word stands mostly elsewhere ("focus", "system", "Chinese"). Only the first
kind is attested in texts without Chinese; the units themselves keep every rendering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from glossary.renderings import ENGLISH_WORD, singular
from termbase.memory import AlignedUnit


def specific_renderings(
    known: Iterable[tuple[str, str]], units: Sequence[AlignedUnit]
) -> set[tuple[str, str]]:
    """The (term, rendering) pairs of ``known`` that may be attested without Chinese:
    every rendering of several words, and a one-word rendering only where most of the
    aligned ``units`` whose English holds the word (in either number) hold the term
    in their Chinese."""
    known = set(known)
    one_word = {singular(rendering.lower()) for _term, rendering in known if _is_one_word(rendering)}
    holding: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for word in {singular(w.lower()) for w in ENGLISH_WORD.findall(unit.en)} & one_word:
            holding[word].append(index)
    kept = set()
    for term, rendering in known:
        if not _is_one_word(rendering):
            kept.add((term, rendering))
            continue
        found_in = holding.get(singular(rendering.lower()), [])
        with_term = sum(1 for index in found_in if term in units[index].zh)
        if 2 * with_term > len(found_in):
            kept.add((term, rendering))
    return kept


def _is_one_word(rendering: str) -> bool:
    return len(ENGLISH_WORD.findall(rendering)) == 1
