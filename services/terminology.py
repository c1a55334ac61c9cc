"""The terminology's part of a build: the records it needs read out of the termbase,
``glossary.terminology`` run on them, the terms and evidence written back, in the
build's transaction."""

from __future__ import annotations

from collections.abc import Callable, Generator

from sqlalchemy.orm import Session

from glossary.terminology import (
    ProposedTerms,
    attest_renderings,
    find_renderings,
    link_memory,
    propose_terms,
    term_drafts,
)
from records import EnglishSentence, TermDraft
from services.alignment import lexicon_with_approved
from services.forked import Progress, streamed
from termbase.memory import aligned_units, chinese_sentences, english_sentences_outside_units
from termbase.terms import known_renderings, replace_evidence, sync_terms

STEPS = 3  # how many times build_terminology reports a step (a progress bar's share)


def build_terminology(
    session: Session, on_step: Callable[[str], None] = lambda _description: None
) -> int:
    """Extract, rank and store terms with their renderings; returns how many terms.
    Editors' decisions stay as they are (``termbase.terms.sync_terms``). Two cores
    share the work: a forked process proposes the terms and then writes their pinyin,
    while this one links the memory's words, which needs no terms, and reads the
    renderings off the links as soon as the ranked terms come."""
    on_step("extracting terms")
    outside = english_sentences_outside_units(session)
    chinese = chinese_sentences(session)
    units = aligned_units(session)
    lexicon = lexicon_with_approved(session)
    with streamed(_proposing(chinese, outside), batch=1) as proposing:
        memory = link_memory(units, outside, lexicon)
        items = iter(proposing)
        proposed = next(items)
        on_step("finding renderings")
        found = find_renderings(proposed, memory)
        for _none in items:  # the one item came: the drafts are what the child returns
            pass
        drafts = proposing.result
    term_ids = sync_terms(session, drafts)

    on_step("attesting renderings")
    # what editors and imports gave, for the terms still in the termbase
    known = [pair for pair in known_renderings(session) if pair[0] in term_ids]
    attested = attest_renderings(proposed.ranked, found, known, units, outside, proposed.glosses)
    replace_evidence(session, term_ids, found + attested)
    return len(term_ids)


def _proposing(
    chinese: list[str], outside: list[EnglishSentence]
) -> Callable[[Progress], Generator[ProposedTerms, None, list[TermDraft]]]:
    """The proposed terms, as soon as they are ranked, then their drafts (pinyin and
    traditional forms, the slower part) as what the generator returns."""

    def produce(_progress: Progress) -> Generator[ProposedTerms, None, list[TermDraft]]:
        proposed = propose_terms(chinese, outside)
        yield proposed
        return term_drafts(proposed)

    return produce
