"""Verbs made from adjectives: "strengthen" from strong, "enrich" from rich,
"modernize" from modern.

A Chinese verb-object word makes its object what an adjective says (强国 "make the
country strong", 富民 "make the people rich"), and translators write it as the verb
English derives from that adjective ("strengthening the country", "enriching the
people"), while the dictionary gives the character only as the adjective (强
"strong"). Knowing the adjective a verb comes from connects the two.
"""

from __future__ import annotations

from functools import lru_cache

from glossary.lexicon import english_key

# Nouns of measure that "-en" verbs are built on, with their adjectives.
_MEASURE_NOUNS = {"strength": "strong", "length": "long", "height": "high", "breadth": "broad", "width": "wide",
                  "depth": "deep"}
_INFLECTIONS = ("ing", "ed", "es", "s")
MIN_BASE = 3  # "en" + a base of fewer letters is a word of its own ("ended", "enter")


@lru_cache(maxsize=8192)
def adjective_keys(word: str) -> frozenset[str]:
    """Keys (see ``glossary.lexicon.english_key``) of the adjectives a verb may be made
    from: strengthening → strong, widened → wide, enriches → rich, modernize → modern;
    empty for a word that is no such verb."""
    lowered = word.lower()
    verbs = {lowered} | {lowered[: -len(ending)] for ending in _INFLECTIONS if lowered.endswith(ending)}
    verbs |= {verb + "e" for verb in verbs}  # "modernizing" → "modernize"
    adjectives: set[str] = set()
    for verb in verbs:
        if verb.endswith("en") and len(verb) - 2 >= MIN_BASE:
            base = verb[:-2]
            adjectives |= {_MEASURE_NOUNS.get(base, base), base + "e"}
        if verb.startswith("en") and len(verb) - 2 >= MIN_BASE:
            adjectives.add(verb[2:])
        if verb.endswith(("ize", "ise")) and len(verb) - 3 >= MIN_BASE:
            adjectives.add(verb[:-3])
        if verb.endswith("ify") and len(verb) - 3 >= MIN_BASE:
            adjectives |= {verb[:-3], verb[:-3] + "e"}
    return frozenset(english_key(adjective) for adjective in adjectives)
