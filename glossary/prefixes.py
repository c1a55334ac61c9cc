"""Where an English word's prefix ends, found by successor variety (Hafer & Weiss,
"Word segmentation by letter successor varieties", 1974) over the English of
CC-CEDICT's definitions.

A key cut to five letters (``glossary.lexicon.english_key``) merges a word's family
("strength", "strengthen"), but after a prefix five letters say nothing: "inter" is
"international", "internet" and "interest" alike. Where a morpheme ends, the number
of different letters that follow it across a vocabulary rises to a peak (inter-n,
inter-e, inter-a, inter-v … against i-n-t-e-r), so a prefix is a start of a word
whose successor variety is higher than one letter shorter and one letter longer,
and high in itself: at least MIN_VARIETY different letters follow it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from glossary import cedict
from glossary.disk_cache import MARSHAL, cached

PARSE_VERSION = 1  # bump when prefixes are found differently: the cache is derived again
MIN_VARIETY = 10  # letters that must be able to follow a prefix (of 26)
SHORTEST, LONGEST = 3, 7  # a prefix's length in letters
_WORD = re.compile(r"[a-z]{3,}")


def long_prefix(word: str) -> str:
    """The longest prefix ``word`` starts with, with at least two letters after it,
    or ""."""
    boundaries = prefix_boundaries()
    found = ""
    for length in range(SHORTEST, min(LONGEST, len(word) - 2) + 1):
        if word[length] in boundaries.get(word[:length], ""):
            found = word[:length]
    return found


@cache
def prefix_boundaries() -> dict[str, str]:
    """Prefix → the letters after which it ends a prefix (derived once, then read
    from the disk cache)."""
    return cached(
        f"cedict-prefixes-{cedict.fingerprint()}-{PARSE_VERSION}-{MIN_VARIETY}.marshal",
        _prefix_boundaries,
        MARSHAL,
    )


def _prefix_boundaries() -> dict[str, str]:
    vocabulary = {
        word
        for definitions in cedict.definitions().values()
        for definition in definitions
        for word in _WORD.findall(definition.lower())
    }
    return boundaries_in(vocabulary)


def boundaries_in(vocabulary: set[str]) -> dict[str, str]:
    """The prefix boundaries of a vocabulary: for each start whose successor variety
    is at least MIN_VARIETY and higher than that of the start one letter shorter,
    the following letters that give a longer start of lower variety."""
    following: defaultdict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        for length in range(1, min(len(word), LONGEST + 2)):
            following[word[:length]].add(word[length])
    variety = {start: len(letters) for start, letters in following.items()}
    boundaries = {}
    for start, letters in following.items():
        n = variety[start]
        if SHORTEST <= len(start) <= LONGEST and n >= MIN_VARIETY and n > variety[start[:-1]]:
            ends = "".join(sorted(c for c in letters if variety.get(start + c, 0) < n))
            if ends:
                boundaries[start] = ends
    return boundaries
