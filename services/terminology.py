"""The terminology's part of a build: the records it needs read out of the termbase,
``glossary.terminology`` run on them, the terms and evidence written back, in the
build's transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from glossary.terminology import (
    attest_renderings,
    find_renderings,
    link_memory,
    propose_terms,
)
from services.alignment import lexicon_with_approved
from services.forked import computed
from termbase.memory import aligned_units, chinese_sentences, english_sentences_outside_units
from termbase.terms import known_renderings, replace_evidence, sync_terms

STEPS = 3  # how many times build_terminology reports a step (a progress bar's share)


def build_terminology(
    session: Session, on_step: Callable[[str], None] = lambda _description: None
) -> int:
    """Extract, rank and store terms with their renderings; returns how many terms.
    Editors' decisions stay as they are (``termbase.terms.sync_terms``). The terms are
    proposed (candidates, ranking, pinyin) in a forked process while this one links
    the memory's words, which needs no terms: two cores do the two at once."""
    on_step("extracting terms")
    outside = english_sentences_outside_units(session)
    chinese = chinese_sentences(session)
    units = aligned_units(session)
    lexicon = lexicon_with_approved(session)
    with computed(lambda: propose_terms(chinese, outside)) as proposed_terms:
        memory = link_memory(units, outside, lexicon)
        proposed = proposed_terms()
    term_ids = sync_terms(session, proposed.drafts)

    on_step("finding renderings")
    found = find_renderings(proposed, memory)

    on_step("attesting renderings")
    # what editors and imports gave, for the terms still in the termbase
    known = [pair for pair in known_renderings(session) if pair[0] in term_ids]
    attested = attest_renderings(proposed.ranked, found, known, units, outside, proposed.glosses)
    replace_evidence(session, term_ids, found + attested)
    return len(term_ids)
