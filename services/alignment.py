"""The translation memory's part of a build, and the lexicon every aligner starts
from: the editors' approved renderings on top of the dictionary."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from glossary.alignment.memory import DocumentToAlign, align_documents
from glossary.lexicon import Lexicon
from records import DocumentMeta, DocumentRole, StoredParagraph
from services.store import reading
from termbase import Termbase
from termbase.memory import document_paragraphs, documents_to_align, replace_units
from termbase.terms import approved_renderings


def lexicon_with_approved(session: Session) -> Lexicon:
    """The dictionary with every approved rendering added: what editors decided, which
    the aligners may rely on."""
    lexicon = Lexicon()
    for chinese, english in approved_renderings(session):
        lexicon.add(chinese, english)
    return lexicon


def approved_lexicon(termbase: Termbase | None) -> Lexicon:
    """``lexicon_with_approved`` for ``glossary align``, which borrows a termbase's
    renderings when there is one; the bare dictionary without."""
    if termbase is None:
        return Lexicon()
    with reading(termbase) as session:
        return lexicon_with_approved(session)


def _original_paragraphs(session: Session, meta: DocumentMeta) -> list[StoredParagraph]:
    """The paragraphs a translation is aligned with: its original's; none for a
    bilingual document, which carries its own Chinese."""
    if meta.role == DocumentRole.BILINGUAL.value or meta.translation_of is None:
        return []
    return document_paragraphs(session, meta.translation_of)


def _to_align(session: Session) -> list[DocumentToAlign]:
    return [
        DocumentToAlign(
            meta, document_paragraphs(session, meta.id), _original_paragraphs(session, meta)
        )
        for meta in documents_to_align(session)
    ]


def align_new_documents(
    session: Session, on_step: Callable[[str], None] = lambda _description: None
) -> dict[str, int]:
    """Align the documents that have no units yet and store their units, in the
    build's transaction; returns how many units each got. Each document learns from
    its own first pass only (``glossary.alignment.memory``), so the documents that
    did not change keep the units a fresh build would give them."""
    documents = _to_align(session)
    if not documents:
        return {}
    aligned = align_documents(documents, lexicon_with_approved(session), on_step)
    for document in documents:
        # a bilingual document carries its own Chinese: its units do not hang on the original
        original = None if document.bilingual else document.meta.translation_of
        replace_units(session, document.meta.id, original, aligned[document.meta.id])
    return {document_id: len(drafts) for document_id, drafts in aligned.items()}
