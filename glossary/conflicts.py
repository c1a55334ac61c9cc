"""One English phrase renders one Chinese term of a unit.

Each term's rendering is found on its own, so two terms may be given the same phrase of
a unit: in "making China a world leader in science and technology by 2035" both
科技强国 and 科技事业 (whose 事业 the dictionary gives as "undertaking") may take
"world leader in science and technology", and in "relying on our own efforts …
self-reliance and strength in science and technology" both 自立自强 and 自力更生 may
take "self-reliance". Where the two stand apart in the Chinese, the phrase can
translate only one of them: the better ranked term (the likelier term, and mostly
the one with the more specific evidence) keeps it, and the other is recorded as
paraphrased in that unit. Terms that overlap in the Chinese (科技 in 科技强国, 科技事业
and 事业发展 in 科技事业发展) may share a phrase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from glossary.occurrence import occurrences
from glossary.renderings import Found
from termbase.memory import AlignedUnit


def settle_shared_phrases(
    found: Mapping[str, Sequence[tuple[AlignedUnit, Found | None]]], rank: Mapping[str, int]
) -> dict[str, list[tuple[AlignedUnit, Found | None]]]:
    """``found`` (term → its units, each with the rendering found there) with every
    phrase that terms standing apart in a unit's Chinese share left to the best ranked
    of them (``rank``: 1 is best)."""
    sharing: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
    chinese: dict[int, str] = {}
    for term, pairs in found.items():
        for index, (unit, rendering) in enumerate(pairs):
            if rendering is not None:
                sharing[(unit.id, rendering.text)].append((term, index))
                chinese[unit.id] = unit.zh
    losers: set[tuple[str, int]] = set()
    for (unit_id, _text), claims in sharing.items():
        kept: list[str] = []
        for term, index in sorted(claims, key=lambda claim: rank.get(claim[0], len(rank) + 1)):
            if any(_apart(term, other, chinese[unit_id]) for other in kept):
                losers.add((term, index))
            else:
                kept.append(term)
    return {
        term: [(unit, None if (term, index) in losers else rendering) for index, (unit, rendering) in enumerate(pairs)]
        for term, pairs in found.items()
    }


def _apart(term: str, other: str, chinese: str) -> bool:
    """Whether neither term holds the other and no occurrence of one in ``chinese``
    overlaps an occurrence of the other."""
    if term in other or other in term:
        return False
    return not any(
        start < other_end and other_start < end
        for start, end in occurrences(term, chinese)
        for other_start, other_end in occurrences(other, chinese)
    )

