"""Counting known renderings in English that has no Chinese beside it.

Commentary, and translations whose original is not in the termbase, cannot be
aligned, but they attest how a term is rendered: wherever a rendering already known
for a term (found in an aligned unit, glossed inline, decided by an editor or
imported) stands in such a sentence as whole words, that is one occurrence of it.
Case is ignored. Where known renderings overlap in a sentence, the longest stands:
"national strategic science and technology strength" is one occurrence of its term,
not also one of "science and technology" for another.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import ahocorasick

_WORD_CHARACTER = re.compile(r"[\w&’'-]")


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


class KnownRenderings:
    """Every known (term, rendering), looked for in running English text."""

    def __init__(self, known: Iterable[tuple[str, str]]) -> None:
        self._terms: dict[str, set[str]] = {}
        for term, rendering in known:
            self._terms.setdefault(_normal(rendering), set()).add(term)
        self._automaton = ahocorasick.Automaton()
        for phrase in self._terms:
            self._automaton.add_word(phrase, phrase)
        if self._terms:
            self._automaton.make_automaton()

    def count(self, sentence: str) -> Counter[tuple[str, str]]:
        """(term, rendering as written in the sentence) → how often it stands there."""
        if not self._terms:
            return Counter()
        text = _normal(sentence)
        written = " ".join(sentence.replace("’", "'").split())  # same offsets as ``text``
        matches = [
            (end - len(phrase) + 1, end + 1, phrase)
            for end, phrase in self._automaton.iter(text)
            if _whole_words(text, end - len(phrase) + 1, end + 1)
        ]
        # longest first; a match overlapping one already kept is inside it
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        kept: list[tuple[int, int, str]] = []
        for start, end, phrase in matches:
            if all(end <= s or start >= e for s, e, _p in kept):
                kept.append((start, end, phrase))
        found: Counter[tuple[str, str]] = Counter()
        for start, end, phrase in kept:
            for term in self._terms[phrase]:
                found[(term, written[start:end])] += 1
        return found


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not _WORD_CHARACTER.match(before) and not _WORD_CHARACTER.match(after)
