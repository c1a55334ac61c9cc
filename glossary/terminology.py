"""Building the terminology: term candidates from all Chinese text, their pinyin and
traditional forms, and each translation's renderings with the evidence for them.

Runs after alignment, in the same transaction as the build, whenever a document
changed. The stages work on plain records in memory, one module each:

1. ``glossary.extraction``: candidates from the Chinese, ranked by termhood, and
   terms glossed inline in English ("world S&T superpower (世界科技强国)");
2. ``glossary.word_alignment``: word links between the two sides of every unit,
   learnt from the whole memory with the dictionary as a prior;
3. ``glossary.phrase_pairs``: in each unit whose Chinese holds a term, the English
   span the links say renders it, or none where the translation paraphrased it;
4. ``glossary.attestation``: the renderings known so far counted in English that has
   no Chinese beside it.

Evidence is rebuilt from scratch each time, from the memory's content alone (not
from the order in which documents were stored), so a rebuild gives what a fresh
build of the same corpus gives. Editors' decisions are kept by ``termbase.terms``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ahocorasick
from sqlalchemy.orm import Session

from glossary.attestation import KnownRenderings
from glossary.extraction import extract_candidates, inline_glosses
from glossary.lexicon import Lexicon
from glossary.phrase_pairs import PhraseEdges, best_span, rendering_text
from glossary.pinyin import pinyin_fields, pinyin_marks
from glossary.script import to_traditional
from glossary.word_alignment import align_units
from records import AlignedUnit, EnglishSentence, EvidenceDraft, TermDraft
from termbase.memory import aligned_units, chinese_sentences, english_sentences_outside_units
from termbase.terms import approved_renderings, known_renderings, replace_evidence, sync_terms

STEPS = 3  # how many times build_terminology reports a step (a progress bar's share)


def _draft(term: str, rank: int, frequency: int) -> TermDraft:
    return TermDraft(
        simplified=term,
        traditional=to_traditional(term),
        **pinyin_fields(pinyin_marks(term)),
        rank=rank,
        frequency=frequency,
    )


def _glossed(sentences: Sequence[EnglishSentence]) -> list[tuple[str, str, int, str]]:
    """(Chinese, English, segment id, document id) of inline glosses such as
    'world S&T superpower (世界科技强国)'."""
    return [
        (chinese, english, sentence.segment_id, sentence.document_id)
        for sentence in sentences
        for chinese, english in inline_glosses(sentence.text)
    ]


def unit_renderings(
    terms: Sequence[str], units: Sequence[AlignedUnit], lexicon: Lexicon, edges: PhraseEdges
) -> list[EvidenceDraft]:
    """One piece of evidence for each occurrence of a term in a unit's Chinese: the
    English span rendering it there, or no rendering where the translation
    paraphrased it; ``edges`` (learnt from the termbase's English) prefers whole
    phrases. The word aligner is trained on the units in an order of their own
    content, so that the result does not depend on the order they were stored in."""
    if not terms or not units:
        return []
    finder = ahocorasick.Automaton()
    for term in terms:
        finder.add_word(term, term)
    finder.make_automaton()
    order = sorted(
        range(len(units)), key=lambda k: (units[k].document_id, units[k].zh, units[k].en)
    )
    aligned = align_units([(units[k].zh, units[k].en) for k in order], lexicon)
    evidence = []
    for k, pair in zip(order, aligned, strict=True):
        unit = units[k]
        for end, term in finder.iter(unit.zh):
            span = best_span(pair, end - len(term) + 1, end + 1, edges)
            rendering = rendering_text(unit.en, pair.english, span[0], span[1]) if span else None
            evidence.append(
                EvidenceDraft(term, unit.document_id, rendering, unit_id=unit.id, context=unit.en)
            )
    return evidence


def build_terminology(
    session: Session, on_step: Callable[[str], None] = lambda _description: None
) -> int:
    """Extract, rank and store terms with their renderings; returns how many terms."""
    on_step("extracting terms")
    candidates = extract_candidates(chinese_sentences(session))
    outside = english_sentences_outside_units(session)
    glosses = _glossed(outside)
    frequency = {c.text: c.frequency for c in candidates}
    ranked = [c.text for c in candidates]
    for chinese, _english, _segment, _document in glosses:
        if chinese not in frequency:
            ranked.append(chinese)
        frequency[chinese] = frequency.get(chinese, 0) + 1
    term_ids = sync_terms(
        session, [_draft(term, rank, frequency[term]) for rank, term in enumerate(ranked, 1)]
    )

    on_step("finding renderings")
    lexicon = Lexicon()
    for chinese, english in approved_renderings(session):
        lexicon.add(chinese, english)
    units = aligned_units(session)
    edges = PhraseEdges([unit.en for unit in units] + [sentence.text for sentence in outside])
    evidence = unit_renderings(ranked, units, lexicon, edges)
    evidence += [
        EvidenceDraft(chinese, document_id, english, segment_id=segment_id)
        for chinese, english, segment_id, document_id in glosses
    ]

    on_step("attesting renderings")
    known = {(e.term, e.rendering) for e in evidence if e.rendering}
    known |= {pair for pair in known_renderings(session) if pair[0] in term_ids}
    # a phrase that renders other Chinese in most units is not this term's in free text
    recognise = KnownRenderings(known).specific([(unit.zh, unit.en) for unit in units])
    glossed_segments = {(chinese, segment) for chinese, _e, segment, _d in glosses}
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
    replace_evidence(session, term_ids, evidence)
    return len(term_ids)
