"""Renderings the dictionary cannot explain, found by how they recur with the term.

A translator may render a term freely but consistently: the Qiushi translation puts
"scientists and engineers" wherever the speech says 科技工作者. The dictionary sees a
fragment of that ("scientists" for 科技) and rightly calls each unit a paraphrase. The
memory sees more: the phrase stands in every unit of that translation holding the term
and in few of its other units. Such a phrase is taken as the rendering where three
things hold together:

- it recurs: it is in at least two of the units where the dictionary found no
  rendering, and in few of the translation's other units (its Dice coefficient with
  those paraphrasing units is high). The units where the term has a rendering say
  nothing either way: the phrase may be part of another term's rendering there;
- it is anchored: some word of it translates a word of the term (the "scientists" of
  "scientists and engineers"), so a phrase that merely recurs nearby is not taken;
- it adds what the dictionary lacks: some word of it the term does not explain, and
  no other Chinese word of the unit does either ("engineers"). A phrase the term
  explains entirely is the dictionary's business, and where it failed, a fragment.

Only units where the dictionary found no rendering are given one: this step never
overrides lexical evidence, it fills what would otherwise be recorded as paraphrase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from glossary.renderings import (
    ENGLISH_WORD,
    Found,
    TermEvidence,
    WordToken,
    count_occurrences,
    ends_without_noun,
    explains,
    nominal,
    phrase_spans,
)

MIN_UNITS = 2  # a phrase seen with the term once is a coincidence
MIN_DICE = 0.4  # 2·(paraphrasing units with the phrase) / (paraphrasing units + units with the phrase)
MAX_WORDS = 6  # content words of a free rendering


def recurring_renderings(
    evidence: TermEvidence,
    english: Sequence[str],
    found: Sequence[Found | None],
    elsewhere: Sequence[frozenset[str]],
    translation: Translation,
) -> list[Found | None]:
    """``found`` with the paraphrased units of one translation given the phrase that
    recurs with the term there, if one does (see the module's doc).

    ``english``: the English of the translation's units holding the term, ``found``
    what the dictionary found in each, ``elsewhere`` the keys of each unit's other
    Chinese words; ``translation``: all that translation's units, the term's among
    them."""
    paraphrased = [i for i, f in enumerate(found) if f is None]
    if len(paraphrased) < MIN_UNITS:
        return list(found)
    unexplained = Translation(english[i] for i in paraphrased)
    best: tuple[float, int, str] | None = None
    weighed: set[str] = set()
    for i in paraphrased:
        for text, words in phrase_spans(english[i], MAX_WORDS):
            lowered = text.lower()
            if lowered in weighed or not _adds_to_dictionary(evidence, text, words, elsewhere[i]):
                continue
            weighed.add(lowered)
            together = unexplained.units_with(text)
            if together < MIN_UNITS:
                continue
            dice = 2 * together / (len(paraphrased) + translation.units_with(text))
            candidate = (dice, len(text), lowered)
            if dice >= MIN_DICE and (best is None or candidate > best):
                best = candidate
    if best is None:
        return list(found)
    dice, _length, phrase = best
    completed = list(found)
    for i in paraphrased:
        written = next(
            (text for text, words in phrase_spans(english[i], MAX_WORDS)
             if text.lower() == phrase and _adds_to_dictionary(evidence, text, words, elsewhere[i])),
            None,
        )
        if written:
            completed[i] = Found(written, dice)
    return completed


def _adds_to_dictionary(
    evidence: TermEvidence, text: str, words: Sequence[WordToken], elsewhere: frozenset[str]
) -> bool:
    """Whether a phrase of at least two content words, not ending on a premodifier
    (see ``renderings.ends_without_noun``), has one the term explains and one that
    neither the term nor the unit's other Chinese words explain; those must read as
    part of a noun phrase (not "Boosting", not "effectively": ``renderings.nominal``)."""
    if len(words) < 2 or ends_without_noun(text):
        return False
    unexplained = [token for token in words if not explains(evidence, token.keys)]
    return (
        len(unexplained) < len(words) and bool(unexplained)
        and all(token.keys.isdisjoint(elsewhere) and nominal(token) for token in unexplained)
    )


class Translation:
    """The English of one translation's units, indexed by word, so that how many units
    hold a phrase is counted over the units holding all its words, not over all."""

    def __init__(self, english: Iterable[str]) -> None:
        self._texts = [text.lower() for text in english]
        self._units: dict[str, set[int]] = defaultdict(set)
        for i, text in enumerate(self._texts):
            for word in ENGLISH_WORD.findall(text):
                self._units[word].add(i)
        self._counted: dict[str, int] = {}

    def units_with(self, phrase: str) -> int:
        """How many units hold ``phrase`` as whole words (case ignored)."""
        phrase = phrase.lower()
        if phrase not in self._counted:
            words = ENGLISH_WORD.findall(phrase)
            holding = set.intersection(*(self._units.get(word, set()) for word in words)) if words else set()
            self._counted[phrase] = sum(1 for i in holding if count_occurrences(phrase, self._texts[i]))
        return self._counted[phrase]


def index_translations(units: Iterable[tuple[str, str]]) -> dict[str, Translation]:
    """(document id, English) of aligned units → each document's ``Translation``."""
    by_document: dict[str, list[str]] = defaultdict(list)
    for document, english in units:
        by_document[document].append(english)
    return {document: Translation(english) for document, english in by_document.items()}
