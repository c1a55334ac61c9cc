"""Growing a rendering to the synonym of the one word of a dictionary sense it lacks.

A rendering that covers all but one word of a dictionary sense ("commanding" of
"commanding position", "priority" of "highest priority") has usually swapped that
word for a synonym standing in the same place ("commanding heights", "top priority").
Knowing where the missing word stands tells which neighbour of the span fills it.
"""

from __future__ import annotations

from glossary.lexicon import Senses, key_stem, sense_order


def missing_edge(
    senses: Senses, span: tuple[frozenset[str], frozenset[str]], present: set[str], stems: set[str]
) -> str | None:
    """Where a span should grow to take in the synonym of the one word it lacks of one
    of ``senses``: "before" when that is the sense's first word and the next one
    begins the span, "after" when it is the last and the one before it ends the span;
    otherwise None. ``span`` holds the keys of the span's first and last words."""
    first, last = span
    for keys in senses:
        order = sense_order(keys)
        if len(order) < 2:
            continue
        missing = [i for i, k in enumerate(order) if k not in present and key_stem(k) not in stems]
        if missing == [0] and order[1] in first:
            return "before"
        if missing == [len(order) - 1] and order[-2] in last:
            return "after"
    return None
