"""The terminology's part of a build: the records it needs read out of the termbase,
``glossary.terminology`` run on them, the terms and evidence written back, in the
build's transaction."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from glossary.terminology import (
    ProposedTerms,
    attest_renderings,
    find_renderings,
    link_memory,
    rank_terms,
    term_drafts,
    with_glosses,
)
from records import TermDraft
from services.alignment import lexicon_with_approved
from services.forked import Progress, Stream, streamed
from termbase.memory import (
    aligned_units,
    chinese_sentences,
    english_sentences,
    english_sentences_outside_units,
)
from termbase.terms import known_renderings, replace_evidence, sync_terms

STEPS = 3  # how many times build_terminology reports a step (a progress bar's share)


class Proposal:
    """The terms a forked process proposes for the termbase's Chinese
    (``proposing_terms``): ``ranked`` as soon as they are ranked, then ``written``,
    their pinyin and traditional forms, the slower part."""

    def __init__(self, stream: Stream[ProposedTerms, list[TermDraft]]) -> None:
        self._stream = stream
        self._items = iter(stream)

    def ranked(self) -> ProposedTerms:
        return next(self._items)

    def written(self) -> dict[str, TermDraft]:
        for _none in self._items:  # the one item came: the drafts are the return value
            pass
        return {draft.simplified: draft for draft in self._stream.result}


@contextmanager
def proposing_terms(session: Session) -> Iterator[Proposal]:
    """The candidates of the termbase's Chinese, ranked and written in a forked process
    from now on: they need the Chinese sentences only, so the build aligns the memory
    and links its words meanwhile, on the other core. The terms glossed inline in any
    English are written there too: which of them count (those glossed where no
    Chinese stands beside the English) is known only once the memory is aligned, but
    their pinyin is the same either way."""
    chinese = chinese_sentences(session)
    english = english_sentences(session)

    def produce(_progress: Progress) -> Generator[ProposedTerms, None, list[TermDraft]]:
        ranked = rank_terms(chinese)
        yield ranked
        return term_drafts(with_glosses(ranked, english))

    with streamed(produce, batch=1) as stream:
        yield Proposal(stream)


def build_terminology(
    session: Session,
    on_step: Callable[[str], None] = lambda _description: None,
    proposal: Proposal | None = None,
) -> int:
    """Extract, rank and store terms with their renderings; returns how many terms.
    Editors' decisions stay as they are (``termbase.terms.sync_terms``). The terms
    come from ``proposal`` (``proposing_terms``, started before the memory was
    aligned), or from one started here, while this process links the memory's words,
    which needs no terms; the renderings are read off the links as soon as the terms
    are ranked, while the other process writes their pinyin."""
    if proposal is None:
        with proposing_terms(session) as started:
            return build_terminology(session, on_step, started)
    on_step("extracting terms")
    outside = english_sentences_outside_units(session)
    units = aligned_units(session)
    memory = link_memory(units, outside, lexicon_with_approved(session))
    proposed = with_glosses(proposal.ranked(), outside)
    on_step("finding renderings")
    found = find_renderings(proposed, memory)
    term_ids = sync_terms(session, term_drafts(proposed, proposal.written()))

    on_step("attesting renderings")
    # what editors and imports gave, for the terms still in the termbase
    known = [pair for pair in known_renderings(session) if pair[0] in term_ids]
    attested = attest_renderings(proposed.ranked, found, known, units, outside, proposed.glosses)
    replace_evidence(session, term_ids, found + attested)
    return len(term_ids)
