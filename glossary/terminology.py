"""Building the terminology: term candidates from all Chinese text, their pinyin and
traditional forms, and each translation's renderings with the evidence for them.

Runs after alignment, in the same transaction as the build, whenever a document
changed (``services.terminology`` reads the records out of the termbase and writes
the terms and evidence back). The stages work on plain records in memory, one
module each:

1. ``glossary.extraction``: candidates from the Chinese, ranked by termhood, and
   terms glossed inline in English ("world S&T superpower (世界科技强国)")
   (``rank_terms``, ``with_glosses``), then their pinyin and traditional forms
   (``term_drafts``);
2. ``glossary.word_alignment``: word links between the two sides of every unit,
   learnt from the whole memory with the dictionary as a prior (``link_memory``,
   which needs nothing of the first stage, so the two may run side by side; the
   candidates need only the Chinese, not its alignment, and the renderings only the
   ranked terms, not their pinyin);
3. ``glossary.phrase_pairs``: in each unit whose Chinese holds a term, the English
   span the links say renders it, or none where the translation paraphrased it;
4. ``glossary.attestation``: the renderings known so far counted in English that has
   no Chinese beside it.

Evidence is rebuilt from scratch each time, from the memory's content alone (not
from the order in which documents were stored), so a rebuild gives what a fresh
build of the same corpus gives. Editors' decisions are kept by ``termbase.terms``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import ahocorasick

from glossary.abbreviations import abbreviations_in
from glossary.attestation import KnownRenderings, whole_enough
from glossary.extraction import extract_candidates, inline_glosses
from glossary.lexicon import Lexicon
from glossary.phrase_pairs import PhraseEdges, best_span, rendering_text
from glossary.pinyin import pinyin_fields, pinyin_marks, proper_name
from glossary.rendering_consensus import consensus_keys
from glossary.script import to_traditional
from glossary.term_marks import Marks, marks
from glossary.word_alignment import AlignedPair, align_units
from records import AlignedUnit, EnglishSentence, EvidenceDraft, TermDraft


@dataclass(frozen=True)
class Gloss:
    """A term glossed inline in English: 'world S&T superpower (世界科技强国)'."""

    chinese: str
    english: str
    segment_id: int
    document_id: str


@dataclass(frozen=True)
class ProposedTerms:
    """The terms extraction proposes, best first, with how often each occurs, and the
    inline glosses among them."""

    ranked: list[str]
    frequency: dict[str, int]
    glosses: list[Gloss]
    # terms set off by book-title marks (《中国制造2025》): proper names
    titles: frozenset[str] = frozenset()
    # terms the second reader reads as one proper noun or place (kind "name"): they
    # name something, so their English is a noun phrase whatever their words
    names: frozenset[str] = frozenset()


def _draft(term: str, rank: int, frequency: int, *, title: bool = False) -> TermDraft:
    """A term as proposed; a title (set off by book-title marks) is a proper name,
    every word of its pinyin capitalised."""
    written = pinyin_marks(term)
    return TermDraft(
        simplified=term,
        traditional=to_traditional(term),
        **pinyin_fields(proper_name(written) if title else written),
        rank=rank,
        frequency=frequency,
    )


def _glossed(sentences: Sequence[EnglishSentence]) -> list[Gloss]:
    return [
        Gloss(chinese, english, sentence.segment_id, sentence.document_id)
        for sentence in sentences
        for chinese, english in inline_glosses(sentence.text)
    ]


def rank_terms(chinese: Sequence[str]) -> ProposedTerms:
    """Candidates from the ``chinese`` sentences, ranked by termhood."""
    candidates = extract_candidates(chinese)
    return ProposedTerms(
        [c.text for c in candidates],
        {c.text: c.frequency for c in candidates},
        [],
        titles=frozenset(c.text for c in candidates if "title" in c.kinds),
        names=frozenset(c.text for c in candidates if "name" in c.kinds),
    )


def with_glosses(proposed: ProposedTerms, outside: Sequence[EnglishSentence]) -> ProposedTerms:
    """The ``proposed`` terms, then the terms glossed inline in ``outside`` (English
    with no Chinese beside it) that are not among them; a gloss counts as one more
    occurrence of its term."""
    glosses = _glossed(outside)
    frequency = dict(proposed.frequency)
    ranked = list(proposed.ranked)
    for gloss in glosses:
        if gloss.chinese not in frequency:
            ranked.append(gloss.chinese)
        frequency[gloss.chinese] = frequency.get(gloss.chinese, 0) + 1
    return replace(proposed, ranked=ranked, frequency=frequency, glosses=glosses)


def term_drafts(
    proposed: ProposedTerms, written: Mapping[str, TermDraft] | None = None
) -> list[TermDraft]:
    """The proposed terms as the termbase keeps them: ranked, counted, with their
    pinyin and traditional forms; those of a term in ``written`` (drafts made before
    glosses were added) are taken from there, not worked out again."""
    written = written or {}
    return [
        replace(written[term], rank=rank, frequency=proposed.frequency[term])
        if term in written
        else _draft(term, rank, proposed.frequency[term], title=term in proposed.titles)
        for rank, term in enumerate(proposed.ranked, 1)
    ]


class LinkedMemory(NamedTuple):
    """The translation memory with its word links: what renderings are read off.
    Linking needs no terms, so it may run while they are proposed."""

    units: list[AlignedUnit]  # in an order of their own content
    pairs: list[AlignedPair]  # their word links, unit by unit
    lexicon: Lexicon  # read with the abbreviations the memory's English defines
    edges: PhraseEdges  # how runs of words begin and end phrases in all its English


def link_memory(
    units: Sequence[AlignedUnit], outside: Sequence[EnglishSentence], lexicon: Lexicon
) -> LinkedMemory:
    """The word links of every unit, learnt from all of them with the ``lexicon`` as a
    prior (``glossary.word_alignment``), and the phrase edges of all the English there
    is, ``outside`` (English with no Chinese beside it) too. The aligner is trained on
    the units in an order of their own content, so that the result does not depend on
    the order they were stored in."""
    english = _memory_english(units, outside)
    # the abbreviations any English of the memory defines are read as their long forms
    reading = lexicon.reading(english)
    ordered = sorted(units, key=lambda unit: (unit.document_id, unit.zh, unit.en))
    pairs = align_units([(unit.zh, unit.en) for unit in ordered], reading)
    return LinkedMemory(ordered, pairs, reading, PhraseEdges(english))


def unit_renderings(
    terms: Sequence[str], memory: LinkedMemory, names: Collection[str] = frozenset()
) -> list[EvidenceDraft]:
    """One piece of evidence for each occurrence of a term in a unit's Chinese: the
    English span rendering it there, or no rendering where the translation
    paraphrased it; the memory's phrase edges prefer whole phrases, what the
    dictionary or editors say the whole term translates as (``whole_term_keys``)
    links those English words to all of it, and a term among ``names``
    (``ProposedTerms.names``) is rendered by a noun phrase. Occurrences of the terms
    whose renderings the memory agrees on (``glossary.rendering_consensus``) are then
    read again, with those renderings' words linked the same way."""
    if not terms or not memory.units:
        return []
    finder = ahocorasick.Automaton()
    for term in terms:
        finder.add_word(term, term)
    finder.make_automaton()
    lexicon, edges = memory.lexicon, memory.edges
    senses = {term: whole_term_keys(lexicon, term) for term in terms}
    occurrences = [
        _Occurrence(unit, pair, start, end + 1, term, marks(unit.zh, start, end + 1))
        for unit, pair in zip(memory.units, memory.pairs, strict=True)
        for end, term in finder.iter(unit.zh)
        for start in [end + 1 - len(term)]
    ]
    evidence = [_rendering(found, edges, senses[found.term], names) for found in occurrences]
    agreed = consensus_keys(
        ((e.term, e.rendering) for e in evidence if e.rendering), lexicon.abbreviations
    )
    return [
        _rendering(found, edges, senses[found.term] | agreed[found.term], names)
        if found.term in agreed
        else first
        for found, first in zip(occurrences, evidence, strict=True)
    ]


class _Occurrence(NamedTuple):
    """A term standing at [start, end) of a unit's Chinese, with the unit's word links
    and what the Chinese around it marks (``glossary.term_marks``)."""

    unit: AlignedUnit
    pair: AlignedPair
    start: int
    end: int
    term: str
    marks: Marks


def _rendering(
    found: _Occurrence, edges: PhraseEdges, senses: frozenset[str], names: Collection[str]
) -> EvidenceDraft:
    """The best span of the unit's English for the term, given the word links, what
    the term as a whole translates as (``senses``) and whether it is a name."""
    unit, pair = found.unit, found.pair
    named = found.term in names
    span = best_span(pair, found.start, found.end, edges, senses, found.marks, named)
    rendering = rendering_text(unit.en, pair.english, span[0], span[1]) if span else None
    return EvidenceDraft(found.term, unit.document_id, rendering, unit_id=unit.id, context=unit.en)


def whole_term_keys(lexicon: Lexicon, term: str) -> frozenset[str]:
    """What the term as a whole translates as: the keys of its first sense in the
    dictionary (CC-CEDICT lists the commonest first: 一带一路 "Belt and Road
    Initiative", 制高点 "high ground"; later ones are rarer senses or the parts of an
    explanation) and of every rendering editors approved. Jieba cuts many such terms
    into words that mean something else alone (一带 "region", 一路 "all the way"),
    so their word links alone miss the rendering."""
    return frozenset().union(*lexicon.senses(term)[:1], *lexicon.extra.get(term, ()))


def find_renderings(proposed: ProposedTerms, memory: LinkedMemory) -> list[EvidenceDraft]:
    """Evidence from the memory's units (``unit_renderings``) and from the inline
    glosses."""
    evidence = unit_renderings(proposed.ranked, memory, proposed.names)
    evidence += [
        EvidenceDraft(gloss.chinese, gloss.document_id, gloss.english, segment_id=gloss.segment_id)
        for gloss in proposed.glosses
    ]
    return evidence


def _memory_english(units: Sequence[AlignedUnit], outside: Sequence[EnglishSentence]) -> list[str]:
    """All the English of the memory: the units' and that with no Chinese beside it."""
    return [unit.en for unit in units] + [sentence.text for sentence in outside]


def attest_renderings(
    terms: Sequence[str],
    found: Sequence[EvidenceDraft],
    known: Collection[tuple[str, str]],
    units: Sequence[AlignedUnit],
    outside: Sequence[EnglishSentence],
    glosses: Sequence[Gloss],
) -> list[EvidenceDraft]:
    """Evidence in ``outside`` (English with no Chinese beside it) for the renderings
    ``found`` in units and glosses, the ``known`` (term, rendering) pairs that editors
    and imports gave, and those composed of them for longer ``terms``
    (``KnownRenderings.with_composed``): one piece per term and sentence,
    counting each occurrence; a glossed sentence is already evidence of its gloss."""
    # abbreviations as any text of the memory defines them (S&T in one translation,
    # used bare in a commentary)
    abbreviations = abbreviations_in(_memory_english(units, outside))
    pairs = {(e.term, e.rendering) for e in found if e.rendering}
    recognised = {pair for pair in pairs if whole_enough(*pair, abbreviations)} | set(known)
    # a phrase that renders other Chinese in most units is not this term's in free text
    memory = [(unit.zh, unit.en) for unit in units]
    specific = KnownRenderings(recognised, abbreviations).specific(memory)
    # longer terms' renderings composed of the specific ones, as specific in turn
    recognise = specific.with_composed(terms).specific(memory)
    glossed_segments = {(gloss.chinese, gloss.segment_id) for gloss in glosses}
    evidence = []
    for sentence in outside:
        for (term, written), count in sorted(recognise.count(sentence.text).items()):
            if (term, sentence.segment_id) in glossed_segments:
                continue  # the gloss itself is already the evidence
            evidence.append(
                EvidenceDraft(
                    term,
                    sentence.document_id,
                    written,
                    segment_id=sentence.segment_id,
                    count=count,
                    context=sentence.text,
                )
            )
    return evidence
