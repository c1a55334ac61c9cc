"""Which known renderings say enough to be attested in English with no Chinese beside it.

A rendering of several words ("self-reliance and strength in science and technology")
names its term wherever it stands. A rendering of one word may not: the Qiushi
translation renders 心无旁骛 "focus" once, and "focus" then stands in a commentary
for many other things ("with a focus on …"). The memory tells the two apart: where
the Chinese is beside the English, a word that renders a term specifically stands
mostly in units where it was found to render that term ("self-reliance" and 自立自强),
while a common word stands mostly elsewhere ("focus", "system", "Chinese"; "country",
which renders 强国 in a few units but stands in many more for 国家, 我国 or the 国 of
a longer term). Only the first kind is attested in texts without Chinese; the units
themselves keep every rendering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from glossary.renderings import ENGLISH_WORD, singular
from termbase.memory import AlignedUnit


def specific_renderings(
    known: Iterable[tuple[str, str]],
    units: Sequence[AlignedUnit],
    rendered: Mapping[tuple[str, str], set[int]],
) -> set[tuple[str, str]]:
    """The (term, rendering) pairs of ``known`` that may be attested without Chinese:
    every rendering of several words, and a one-word rendering only where most of the
    aligned ``units`` whose English holds the word (in either number) are units where
    it was found to render the term. ``rendered``: (term, word lower-cased and
    singular) → the ids of the units where that word is the term's rendering."""
    known = set(known)
    one_word = {singular(rendering.lower()) for _term, rendering in known if _is_one_word(rendering)}
    holding: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        for word in {singular(w.lower()) for w in ENGLISH_WORD.findall(unit.en)} & one_word:
            holding[word].append(unit.id)
    kept = set()
    for term, rendering in known:
        if not _is_one_word(rendering):
            kept.add((term, rendering))
            continue
        word = singular(rendering.lower())
        found_in = holding.get(word, [])
        with_term = len(set(found_in) & rendered.get((term, word), set()))
        if 2 * with_term > len(found_in):
            kept.add((term, rendering))
    return kept


def _is_one_word(rendering: str) -> bool:
    return len(ENGLISH_WORD.findall(rendering)) == 1
