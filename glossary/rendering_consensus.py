"""What the memory as a whole says a term translates as: the renderings its units agree on.

A Chinese term rendered by one stable English phrase across its occurrences is a unit
with a translation of its own (see ``glossary.extraction``'s notes on translation
consistency). Where the word links find that phrase in two units or more, the same
words are very likely its rendering in a unit where the links alone fall short:
"in all respects" for 全面 in 全面建成小康社会, "of growth" after "new drivers" for 新动能.
So the words of the rendering found most often, in at least ``MIN_UNITS`` units, and
of every rendering found in that many units that extends it become a sense of the term
for a second reading of its units, as a dictionary sense or an editor's approved
rendering is (``terminology.whole_term_keys``). Renderings that share nothing with
that core are left out: a string mostly read inside longer terms (强国 in 科技强国,
rendered "country", "country strong", but also "technology power" where its
neighbour's English crept in) is not given its neighbours' words.

Keys rather than strings are compared, so that "tax and fee cuts" and "cut taxes and
fees" agree, and "S&T" agrees with "science and technology".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from glossary.abbreviations import Abbreviations
from glossary.lexicon import english_keys

MIN_UNITS = 2  # a rendering found in this many units is the memory's consensus


def consensus_keys(
    found: Iterable[tuple[str, str]], abbreviations: Abbreviations | None = None
) -> dict[str, frozenset[str]]:
    """For each term, the keys of the rendering that ``found`` (term, rendering pairs,
    one for each unit where links found a rendering) gives most often, if at least
    MIN_UNITS times, with those of the renderings given at least MIN_UNITS times that
    hold them all; an abbreviation in ``abbreviations`` (CC-CEDICT's by default) is
    read as its long form."""
    counts: defaultdict[str, Counter[frozenset[str]]] = defaultdict(Counter)
    for term, rendering in found:
        keys = frozenset(english_keys(rendering, abbreviations))
        if keys:
            counts[term][keys] += 1
    agreed: dict[str, frozenset[str]] = {}
    for term, by_keys in counts.items():
        # the most frequent; of equals, the shortest, then the first in sorted order
        core, n = max(by_keys.items(), key=lambda item: (item[1], -len(item[0]), sorted(item[0])))
        if n >= MIN_UNITS:
            agreed[term] = frozenset().union(
                *(keys for keys, m in by_keys.items() if m >= MIN_UNITS and keys >= core)
            )
    return agreed
