"""Building the translation memory: align every document that needs it, learn from
the confident pairs, align again.

Works on documents in memory; ``services.alignment`` reads them out of the termbase
and stores the units this gives back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from glossary.alignment.documents import align_bilingual, align_translation
from glossary.alignment.learning import align_twice
from glossary.lexicon import Lexicon
from records import DocumentMeta, DocumentRole, StoredParagraph, UnitDraft


@dataclass(frozen=True)
class DocumentToAlign:
    """A translation with its original's paragraphs (none for a bilingual document,
    which carries its own Chinese)."""

    meta: DocumentMeta
    paragraphs: list[StoredParagraph]
    original: list[StoredParagraph]

    @property
    def bilingual(self) -> bool:
        return self.meta.role == DocumentRole.BILINGUAL.value


def _align(document: DocumentToAlign, lexicon: Lexicon) -> list[UnitDraft]:
    """One document's units, its English read with the abbreviations it defines."""
    lexicon = lexicon.reading(
        sentence.text
        for paragraph in document.paragraphs
        if paragraph.language == "en"
        for sentence in paragraph.sentences
    )
    if document.bilingual:
        return align_bilingual(document.paragraphs, lexicon)
    return align_translation(document.original, document.paragraphs, lexicon)


def align_documents(
    documents: Sequence[DocumentToAlign],
    lexicon: Lexicon,
    on_step: Callable[[str], None] = lambda _description: None,
) -> dict[str, list[UnitDraft]]:
    """Each document's units, by id: aligned once, then again with what a copy of
    ``lexicon`` learnt from the confident pairs of that document's first pass
    (``learning.align_twice``). A document's units depend on it (and its original)
    alone, never on which other documents are in the memory or were aligned before:
    a rebuild that aligns only the documents that changed gives what a fresh build
    gives."""
    aligned = {}
    for document in documents:
        on_step(f"aligning {document.meta.id}")
        aligned[document.meta.id] = align_twice(partial(_align, document), lexicon.taught_apart())
        on_step(f"realigning {document.meta.id}")
    return aligned
