"""Finding the English phrase that renders a Chinese term in one translation unit.

The phrase is chosen by lexical evidence, not by position: among the spans of the
English sentence that start and end on a content word, the one whose words best
translate the term's words (CC-CEDICT, pairs learnt from the memory, approved
renderings; a term's single characters as weaker evidence) and that carries least
else. A span that recurs with the term across the memory is preferred over one that
does not. Where no span explains the term well enough, the translation has
paraphrased it away, and that is recorded rather than a rendering invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from glossary.lexicon import (
    ENGLISH_STOPWORDS,
    Lexicon,
    Senses,
    chinese_words,
    english_keys,
    transliteration_keys,
)

MAX_WORDS = 14  # "new round of scientific and technological revolution and industrial transformation"
MIN_SCORE = 0.55  # below this the unit paraphrases the term
CHARACTER_WEIGHT = 0.6  # a word matched only through one of its characters
STEM, STEM_MATCH = 4, 0.7  # keys sharing only their first four letters match at 0.7

# A word: letters/digits with inner hyphens, apostrophes or ampersands (S&T, R&D,
# high-quality, China’s).
_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'&\-][A-Za-z0-9]+)*")
# Spans never cross these: a rendering lives inside one clause.
_BARRIER = re.compile(r"[.;:!?()\[\]“”\"]")
# "building China into a country strong in …": what follows "into" renders the term,
# what precedes it is the verb's object; a rendering never spans the word.
_SPAN_BREAKERS = {"into"}
# Words that may sit inside a rendering but neither begin nor end one.
_EDGE_STOPWORDS = ENGLISH_STOPWORDS | {"such", "like", "including", "among", "toward", "towards"}


@dataclass(frozen=True)
class Found:
    """The rendering of a term in a text: the exact substring and how sure we are."""

    text: str
    score: float


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    keys: frozenset[str]  # empty for function words; S&T → {scien, techn}


def _tokens(text: str) -> list[list[_Token]]:
    """Word tokens of an English text, grouped into clauses."""
    clauses: list[list[_Token]] = [[]]
    position = 0
    for match in _WORD.finditer(text):
        if _BARRIER.search(text, position, match.start()):
            clauses.append([])
        word = match.group()
        lowered = word.lower().replace("’", "'")
        base = lowered[:-2] if lowered.endswith("'s") else lowered
        keys = frozenset(english_keys(base))
        clauses[-1].append(_Token(word, match.start(), match.end(), keys))
        position = match.end()
    return [clause for clause in clauses if clause]


@dataclass(frozen=True)
class TermEvidence:
    """What each word of a term may be translated as: per word its senses, and the
    senses of each of its characters (weaker evidence, for words the dictionary
    renders differently from the translator)."""

    words: tuple[Senses, ...]
    characters: tuple[tuple[Senses, ...], ...]
    everything: frozenset[str]
    stems: frozenset[str]


def term_evidence(term: str, lexicon: Lexicon) -> TermEvidence:
    if lexicon.senses(term):
        words = [term]  # a dictionary entry as a whole: 一带一路 is not 一带 + 一路
    else:
        words = [part for word in (chinese_words(term) or [term]) for part in lexicon.parts(word)]
    word_senses = []
    for word in words:
        senses = lexicon.senses(word)
        spelled = transliteration_keys(word)
        word_senses.append(senses + ((frozenset(spelled),) if spelled else ()))
    character_senses = tuple(
        tuple(lexicon.senses(c) for c in word) if len(word) > 1 else () for word in words
    )
    numbers = {k for k in english_keys(term) if k.startswith("#")}
    everything = frozenset().union(
        *(keys for senses in word_senses for keys in senses),
        *(keys for word in character_senses for senses in word for keys in senses),
        numbers,
    )
    return TermEvidence(
        tuple(word_senses), character_senses, everything, frozenset(k[:STEM] for k in everything)
    )


def _coverage(senses: Senses, present: set[str], stems: set[str]) -> float:
    """How much of its best-covered sense a span holds; a word that shares only its
    first letters with the sense's (central / center) counts for less."""
    return max(
        (
            sum(1.0 if k in present else STEM_MATCH if k[:STEM] in stems else 0.0 for k in keys) / len(keys)
            for keys in senses
        ),
        default=0.0,
    )


def _score(evidence: TermEvidence, words: Sequence[frozenset[str]]) -> float:
    """F-measure of how much of the term the span covers (sense by sense) and how many
    of the span's content words the term explains."""
    if not words:
        return 0.0
    present = set().union(*words)
    stems = {k[:STEM] for k in present}
    covered, missing = 0.0, 0
    for senses, characters in zip(evidence.words, evidence.characters, strict=True):
        by_characters = (
            CHARACTER_WEIGHT * sum(_coverage(c, present, stems) for c in characters) / len(characters)
            if characters
            else 0.0
        )
        coverage = max(_coverage(senses, present, stems), by_characters)
        covered += coverage
        missing += coverage == 0
    if missing > len(evidence.words) // 3:
        return 0.0  # a fragment: "science and technology" is not a rendering of 科技强国
    recall = covered / len(evidence.words)
    explaining, explaining_stems = evidence.everything, evidence.stems
    precision = sum(
        1.0 if not keys.isdisjoint(explaining)
        else STEM_MATCH if any(k[:STEM] in explaining_stems for k in keys) else 0.0
        for keys in words
    ) / len(words)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@lru_cache(maxsize=4096)
def candidate_spans(english: str) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Every span that could be a rendering: inside one clause, at most MAX_WORDS
    words, beginning and ending on a content word. Returns the text and the keys of
    each content word in it (the first and last are the span's edges)."""
    spans = []
    for clause in _tokens(english):
        for i, first in enumerate(clause):
            if not first.keys or first.text.lower() in _EDGE_STOPWORDS:
                continue
            for j in range(i, min(len(clause), i + MAX_WORDS)):
                last = clause[j]
                if last.text.lower() in _SPAN_BREAKERS:
                    break
                if not last.keys or last.text.lower() in _EDGE_STOPWORDS:
                    continue
                words = tuple(t.keys for t in clause[i : j + 1] if t.keys)
                spans.append((english[first.start : last.end], words))
    return tuple(spans)


def _explains(evidence: TermEvidence, keys: frozenset[str]) -> bool:
    stems = evidence.stems
    return not keys.isdisjoint(evidence.everything) or any(k[:STEM] in stems for k in keys)


def find_rendering(
    term: str, english: str, lexicon: Lexicon, recurring: dict[str, float] | None = None
) -> Found | None:
    """The span of ``english`` that renders ``term``, or None if it is paraphrased away."""
    return best_span(term_evidence(term, lexicon), english, recurring)


def best_span(
    evidence: TermEvidence, english: str, recurring: dict[str, float] | None = None
) -> Found | None:
    """The span of ``english`` that best renders the term ``evidence`` describes.

    Only spans whose first and last content words the term explains are weighed: a
    span with an unexplained edge always scores below the same span without it.
    ``recurring`` maps lower-cased phrases to how strongly they go with the term across
    the memory (0–1); it breaks ties between spans the dictionary rates alike.
    """
    best: Found | None = None
    for text, words in candidate_spans(english):
        if not (_explains(evidence, words[0]) and _explains(evidence, words[-1])):
            continue
        score = _score(evidence, words)
        if recurring:
            score += 0.25 * recurring.get(text.lower(), 0.0)
        if best is None or score > best.score or (score == best.score and len(text) < len(best.text)):
            best = Found(text, score)
    return best if best is not None and best.score >= MIN_SCORE else None


def _normal(text: str) -> str:
    return text.lower().replace("’", "'")


def count_occurrences(phrase: str, text: str) -> int:
    """How often ``phrase`` occurs in ``text`` as whole words, ignoring case and the
    kind of apostrophe."""
    needle, haystack = _normal(phrase), _normal(text)
    count, start = 0, haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            count += 1
        start = haystack.find(needle, start + 1)
    return count
