"""Counting known renderings in English that has no Chinese beside it.

Commentary, and translations whose original is not in the termbase, cannot be
aligned, but they attest how a term is rendered: wherever a rendering already known
for a term (found in an aligned unit, glossed inline, decided by an editor or
imported) stands in such a sentence, that is one occurrence of it.

A rendering is recognised by its content words' keys in order (``glossary.lexicon``:
stems cut to five letters, abbreviations spelled out), with only function words
between them, inside one clause: "S&T workers" and "science and technology workers"
are the known "scientific and technological workers", as written in the text. Where
recognised renderings overlap, the longest stands: "national strategic science and
technology strength" is one occurrence of its term, not also one of "science and
technology" for another.

A rendering found in a unit is recognised only if it is more than one word where its
term is more than one (``whole_enough``). A rendering is counted only where it is
specific to its term: among the aligned units
whose English holds it, most must hold the term in their Chinese, and no other term
it is known for more of them. "science and technology", found once as a cut-short
rendering of 科技强国, stands in many units without 科技强国, so it attests nothing
of it in free text. Renderings the memory never shows (glosses, editors', imported)
are taken as given.

A longer term that free text names but no aligned unit renders is read as its first
word's dictionary translation before a rendering of the rest (世界|科技强国: "world
science and technology powers"), composed of the renderings found specific, and then
judged specific in turn (``KnownRenderings.with_composed``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from glossary.abbreviations import Abbreviations
from glossary.extraction.reference import dictionary_senses
from glossary.lexicon import english_key
from glossary.word_alignment import ENGLISH_WORD, chinese_tokens
from glossary.word_classes import CHINESE_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS

SPECIFICITY = 0.5  # the share of units holding a rendering that must hold its term
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]“”\"]")

# A word's keys with where the word stands: (key, start, end)
Keyed = list[tuple[str, int, int]]


def _keyed_words(text: str, abbreviations: Abbreviations) -> Keyed:
    """The content-word keys of a text with each word's place; a word spelled as an
    abbreviation (S&T) gives the keys of what it abbreviates, a hyphenated one
    (innovation-driven) those of its parts."""
    keyed: Keyed = []
    for match in ENGLISH_WORD.finditer(text.replace("’", "'")):
        expansion = abbreviations.get(match.group())
        parts = re.split(r"[\s-]+", expansion or match.group().lower())
        keyed += [
            (english_key(part), match.start(), match.end())
            for part in parts
            if part and part not in ENGLISH_FUNCTION_WORDS
        ]
    return keyed


def whole_enough(term: str, rendering: str, abbreviations: Abbreviations) -> bool:
    """Whether a rendering found in a unit may be recognised in free text: one content
    word for a term of several words is a span the word links cut short (形成产业
    "industries"), and free text uses that word for much else ("industrial policy",
    "the economic situation" for 经济主战场)."""
    words = [t for t in chinese_tokens(term) if t.text not in CHINESE_FUNCTION_WORDS]
    return len(words) < 2 or len(_keyed_words(rendering, abbreviations)) > 1


def _clauses(text: str) -> Iterable[tuple[int, str]]:
    """(offset, clause) of each stretch of a text between clause punctuation."""
    offset = 0
    for piece in _CLAUSE_BREAK.split(text):
        yield offset, piece
        offset += len(piece) + 1


class KnownRenderings:
    """Every known (term, rendering), recognised in running English text."""

    def __init__(
        self,
        known: Iterable[tuple[str, str]],
        abbreviations: Abbreviations,
        keyed: dict[str, Keyed] | None = None,
    ) -> None:
        self.abbreviations = abbreviations
        self._keyed = {} if keyed is None else keyed  # text -> its keyed words, shared
        self._terms: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._written: dict[tuple[str, ...], str] = {}  # one rendering with these keys
        for term, rendering in known:
            keys = self.keys(rendering)
            if keys:
                self._terms[keys].add(term)
                self._written.setdefault(keys, rendering)
        self._lengths = sorted({len(keys) for keys in self._terms}, reverse=True)

    def keyed_words(self, text: str) -> Keyed:
        found = self._keyed.get(text)
        if found is None:
            found = self._keyed[text] = _keyed_words(text, self.abbreviations)
        return found

    def keys(self, text: str) -> tuple[str, ...]:
        return tuple(key for key, _s, _e in self.keyed_words(text))

    def with_composed(self, terms: Iterable[str]) -> KnownRenderings:
        """These renderings and those of longer terms made of a word and a known term
        (世界|科技强国, cut where the segmenter ends the term's first word), which no
        aligned unit shows: each one-word translation the dictionary gives the word
        (世界 "world") before each rendering of the shorter term ("science and
        technology power"). English puts an adjective or noun modifier before its head
        as Chinese does, so free text that names the whole term reads "world science
        and technology powers", which the shorter term's rendering alone would claim.
        A composition that reads as a known rendering is that one ("all" is a function
        word; "strategy" and "strategic" share a key)."""
        known_for: defaultdict[str, list[str]] = defaultdict(list)
        for keys, known_terms in self._terms.items():
            for term in known_terms:
                known_for[term].append(self._written[keys])
        composed: list[tuple[str, str]] = []
        for term in terms:
            if not any(term[cut:] in known_for for cut in range(1, len(term) - 1)):
                continue
            words = chinese_tokens(term)
            heads = known_for.get(term[words[0].end :]) if len(words) > 1 else None
            if not heads:
                continue
            senses = dictionary_senses(words[0].text) or ()
            for rendering in (f"{s} {head}" for s in senses if s.isalpha() for head in heads):
                if self.keys(rendering) not in self._terms:
                    composed.append((term, rendering))
        known = [(term, self._written[keys]) for keys, ts in self._terms.items() for term in ts]
        return KnownRenderings(known + composed, self.abbreviations, self._keyed)

    def matches(self, sentence: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, keys) of every recognised rendering, longest first, overlaps
        left to the longer."""
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for offset, clause in _clauses(sentence):
            keyed = self.keyed_words(clause)
            keys = [key for key, _s, _e in keyed]
            for length in self._lengths:
                for first in range(len(keyed) - length + 1):
                    window = tuple(keys[first : first + length])
                    if window in self._terms:
                        found.append(
                            (
                                offset + keyed[first][1],
                                offset + keyed[first + length - 1][2],
                                window,
                            )
                        )
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        kept: list[tuple[int, int, tuple[str, ...]]] = []
        for start, end, window in found:
            if all(end <= s or start >= e for s, e, _k in kept):
                kept.append((start, end, window))
        return kept

    def count(self, sentence: str) -> Counter[tuple[str, str]]:
        """(term, rendering as written in the sentence) → how often it stands there."""
        found: Counter[tuple[str, str]] = Counter()
        for start, end, keys in self.matches(sentence):
            for term in self._terms[keys]:
                found[(term, sentence[start:end])] += 1
        return found

    def specific(self, units: Sequence[tuple[str, str]]) -> KnownRenderings:
        """The known renderings specific to their terms in these (Chinese, English)
        units: where the memory shows a rendering, most units showing it hold its term."""
        shown: Counter[tuple[str, ...]] = Counter()
        with_term: Counter[tuple[tuple[str, ...], str]] = Counter()
        for chinese, english in units:
            for keys in {keys for _s, _e, keys in self.matches(english)}:
                shown[keys] += 1
                for term in self._terms[keys]:
                    with_term[(keys, term)] += term in chinese
        kept: list[tuple[str, str]] = []
        for keys, terms in self._terms.items():
            most = max(with_term[(keys, term)] for term in terms)
            if not shown[keys] or most >= SPECIFICITY * shown[keys]:
                kept += [
                    (term, self._written[keys])
                    for term in terms
                    if not shown[keys] or with_term[(keys, term)] == most
                ]
        return KnownRenderings(kept, self.abbreviations, self._keyed)
