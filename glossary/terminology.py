"""Building the terminology: term candidates from all Chinese text, their pinyin and
traditional forms, and each translation's renderings with the evidence for them.

Runs after alignment, in the same transaction as the build, whenever a document
changed. Evidence is rebuilt from scratch each time; editors' decisions are kept by
``termbase.terms``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from glossary.attestation import DerivedRenderings, shared_character_swaps
from glossary.clause_terms import clause_shaped, quoted_in
from glossary.conflicts import settle_shared_phrases
from glossary.cooccurrence import Translation, index_translations, recurring_renderings
from glossary.extraction import extract_candidates, inline_glosses
from glossary.lexicon import Lexicon, chinese_words, sense_head
from glossary.occurrence import stands_in, untranslated_before
from glossary.pinyin import pinyin_fields, pinyin_marks
from glossary.renderings import (
    Found,
    KnownRenderings,
    best_span,
    count_occurrences,
    singular,
    term_evidence,
)
from glossary.script import to_traditional
from glossary.specificity import specific_renderings
from termbase.memory import (
    AlignedUnit,
    aligned_units,
    chinese_sentences,
    english_sentences_outside_units,
)
from termbase.terms import (
    EvidenceDraft,
    TermDraft,
    approved_renderings,
    known_renderings,
    replace_evidence,
    sync_terms,
)

MAX_TERMS = 1000  # candidates kept, best first
STEPS = 3  # how many times build_terminology reports a step (a progress bar's share)


def _draft(term: str, rank: int, frequency: int) -> TermDraft:
    return TermDraft(
        simplified=term,
        traditional=to_traditional(term),
        **pinyin_fields(pinyin_marks(term)),
        rank=rank,
        frequency=frequency,
    )


def _glossed(sentences) -> list[tuple[str, str, int, str]]:  # type: ignore[no-untyped-def]
    """(Chinese, English, segment id, document id) of inline glosses such as
    'world S&T superpower (世界科技强国)'."""
    return [
        (chinese, english, sentence.segment_id, sentence.document_id)
        for sentence in sentences
        for chinese, english in inline_glosses(sentence.text)
    ]


@dataclass(frozen=True)
class _WordGlosses:
    """What a word of a unit's Chinese may be translated by: every key it may meet, and
    the keys that name what it means (see ``_named_elsewhere``)."""

    word: str
    keys: frozenset[str]
    names: frozenset[str]


# a unit's Chinese → its words' glosses, memoised for one build
GlossMemo = dict[str, tuple[_WordGlosses, ...]]


def _chinese_glosses(chinese: str, lexicon: Lexicon, memo: GlossMemo) -> tuple[_WordGlosses, ...]:
    found = memo.get(chinese)
    if found is None:
        found = memo[chinese] = tuple(
            _WordGlosses(word, lexicon.glosses(word), _names(word, lexicon))
            for word in dict.fromkeys(chinese_words(chinese))
        )
    return found


def _names(word: str, lexicon: Lexicon) -> frozenset[str]:
    heads = (sense_head(sense) for part in lexicon.parts(word) for sense in lexicon.senses(part))
    return frozenset(head for head in heads if head)


def _others(term: str, chinese: str, lexicon: Lexicon, memo: GlossMemo) -> Iterator[_WordGlosses]:
    """The words of a unit's Chinese that are not part of ``term``, nor hold it."""
    return (g for g in _chinese_glosses(chinese, lexicon, memo) if g.word not in term and term not in g.word)


def _elsewhere(term: str, chinese: str, lexicon: Lexicon, memo: GlossMemo) -> frozenset[str]:
    """Keys of the words of a unit's Chinese that are not part of ``term``: English
    words they may translate belong to them, not to the term's rendering."""
    return frozenset().union(*(g.keys for g in _others(term, chinese, lexicon, memo)))


def _named_elsewhere(term: str, chinese: str, lexicon: Lexicon, memo: GlossMemo) -> frozenset[str]:
    """Keys of the words of a unit's Chinese that are not part of ``term`` and that name
    what those words mean: their one-word senses and the head (last word) of their
    longer ones ("country" of 强国's "powerful country", not "top" of 一流's "top
    quality")."""
    return frozenset().union(*(g.names for g in _others(term, chinese, lexicon, memo)))


def _renderings(
    term: str,
    units: list[AlignedUnit],
    lexicon: Lexicon,
    kinds: frozenset[str] = frozenset(),
    *,
    gloss_memo: GlossMemo | None = None,
    translations: Mapping[str, Translation] | None = None,
) -> list[Found | None]:
    """The rendering of ``term`` in each unit: a first look by the dictionary, then a
    second in which phrases that recur with the term across the memory are preferred,
    so that one translation's consistent rendering wins over a fragment of it.
    ``kinds``: what extraction found the term as (quoted, idiom …), which tells a
    clause from a noun phrase (see ``glossary.clause_terms``). ``gloss_memo``: the
    build's memo of each unit's Chinese words and their glosses (a fresh one if None);
    the lexicon must not change while it is in use. ``translations``: each document's
    units' English (``cooccurrence.index_translations``); where given,
    units still without a rendering get the free rendering their translation uses
    consistently for the term, if any (see ``glossary.cooccurrence``)."""
    memo: GlossMemo = {} if gloss_memo is None else gloss_memo
    evidence = term_evidence(term, lexicon, clause_shaped(term, kinds))
    elsewhere = [_elsewhere(term, unit.zh, lexicon, memo) for unit in units]
    named = [_named_elsewhere(term, unit.zh, lexicon, memo) for unit in units]
    quoted = [quoted_in(term, unit.zh) for unit in units]
    open_before = [untranslated_before(term, unit.zh, unit.en, lexicon) is None for unit in units]
    first = [
        best_span(evidence, unit.en, None, other, quotes, whole, free)
        for unit, other, quotes, whole, free in zip(units, elsewhere, quoted, named, open_before, strict=True)
    ]
    # count_occurrences ignores case: each distinct lower-cased rendering is counted once
    recurring = {
        text: sum(1 for unit in units if count_occurrences(text, unit.en)) / len(units)
        for text in {found.text.lower() for found in first if found}
    }
    found = first if not recurring else [
        best_span(evidence, unit.en, recurring, other, quotes, whole, free)
        for unit, other, quotes, whole, free in zip(units, elsewhere, quoted, named, open_before, strict=True)
    ]
    if translations is None or all(found):
        return found
    for document in dict.fromkeys(unit.document_id for unit in units):
        here = [i for i, unit in enumerate(units) if unit.document_id == document]
        completed = recurring_renderings(
            evidence, [units[i].en for i in here], [found[i] for i in here],
            [elsewhere[i] for i in here], translations[document],
        )
        for i, rendering in zip(here, completed, strict=True):
            found[i] = rendering
    return found


def _rendered_in(
    found_in_units: Mapping[str, list[tuple[AlignedUnit, Found | None]]],
) -> dict[tuple[str, str], set[int]]:
    """(term, rendering lower-cased and singular) → the units where it renders the term."""
    rendered: dict[tuple[str, str], set[int]] = defaultdict(set)
    for term, pairs in found_in_units.items():
        for unit, found in pairs:
            if found:
                rendered[(term, singular(found.text.lower()))].add(unit.id)
    return rendered


def build_terminology(
    session: Session, on_step: Callable[[str], None] = lambda _description: None
) -> int:
    """Extract, rank and store terms with their renderings; returns how many terms."""
    on_step("extracting terms")
    lexicon = Lexicon()
    sentences = chinese_sentences(session)
    candidates = [
        candidate for candidate in extract_candidates(sentences, limit=MAX_TERMS)
        if any(stands_in(candidate.text, sentence, lexicon) for sentence in sentences if candidate.text in sentence)
    ]  # not the characters of a longer word: 碳发展 in 绿色低碳发展 (低碳 + 发展)
    outside = english_sentences_outside_units(session)
    glosses = _glossed(outside)
    frequency = {c.text: c.frequency for c in candidates}
    kinds = {c.text: c.kinds for c in candidates}
    ranked = [c.text for c in candidates]
    for chinese, _english, _segment, _document in glosses:
        if chinese not in frequency:
            ranked.append(chinese)
        frequency[chinese] = frequency.get(chinese, 0) + 1
    term_ids = sync_terms(
        session, [_draft(term, rank, frequency[term]) for rank, term in enumerate(ranked, 1)]
    )

    on_step("finding renderings")
    for chinese, english in approved_renderings(session):
        lexicon.add(chinese, english)
    units = aligned_units(session)
    gloss_memo: GlossMemo = {}  # the lexicon is complete from here on
    translations = index_translations([(unit.document_id, unit.en) for unit in units])
    found_in_units: dict[str, list[tuple[AlignedUnit, Found | None]]] = {}
    for term in ranked:
        occurrences = [unit for unit in units if term in unit.zh and stands_in(term, unit.zh, lexicon)]
        found = _renderings(
            term, occurrences, lexicon, kinds.get(term, frozenset()),
            gloss_memo=gloss_memo, translations=translations,
        )
        found_in_units[term] = list(zip(occurrences, found, strict=True))
    found_in_units = settle_shared_phrases(found_in_units, {term: rank for rank, term in enumerate(ranked, 1)})
    evidence = [
        EvidenceDraft(term, unit.document_id, found.text if found else None, unit_id=unit.id, context=unit.en)
        for term, pairs in found_in_units.items()
        for unit, found in pairs
    ]
    for chinese, english, segment_id, document_id in glosses:
        evidence.append(EvidenceDraft(chinese, document_id, english, segment_id=segment_id))

    on_step("attesting renderings")
    known = {(e.term, e.rendering) for e in evidence if e.rendering}
    # "high ground" stays known where a translation wrote "the strategic high ground"
    known |= {(term, found.core) for term, pairs in found_in_units.items() for _u, found in pairs if found and found.core}
    known |= {pair for pair in known_renderings(session) if pair[0] in term_ids}
    known |= shared_character_swaps(known, lexicon)
    # a common word ("focus") that renders a term once is not that term everywhere
    recognise = KnownRenderings(specific_renderings(known, units, _rendered_in(found_in_units)))
    derive = DerivedRenderings(known, term_ids, lexicon)
    glossed_segments = {(chinese, segment) for chinese, _e, segment, _d in glosses}
    for sentence in outside:
        matches = list(recognise.matches(sentence.text))
        derived, claimed = derive.read(sentence.text, matches)
        attested = derived
        for match in matches:
            if claimed[(match.term, match.written)]:
                claimed[(match.term, match.written)] -= 1  # a longer rendering holds it
            else:
                attested[(match.term, derive.with_head(match))] += 1
        for (term, written), count in attested.items():
            if (term, sentence.segment_id) in glossed_segments:
                continue  # the gloss itself is already the evidence
            evidence.append(
                EvidenceDraft(term, sentence.document_id, written, segment_id=sentence.segment_id,
                              count=count, context=sentence.text)
            )
    replace_evidence(session, term_ids, evidence)
    return len(term_ids)
