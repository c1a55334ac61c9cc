"""Building the translation memory: align every document that needs it, learn from
the confident pairs, align again, store."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from glossary.alignment.documents import align_bilingual, align_translation
from glossary.alignment.learning import LEARNING_SCORE, confident_pairs, learn_from_pairs
from glossary.lexicon import Lexicon
from records import DocumentRole, UnitDraft
from termbase.memory import confident_units, document_paragraphs, documents_to_align, replace_units
from termbase.models import Document
from termbase.terms import approved_renderings


def _align(session: Session, document: Document, lexicon: Lexicon) -> list[UnitDraft]:
    paragraphs = document_paragraphs(session, document.id)
    if document.role == DocumentRole.BILINGUAL.value:
        return align_bilingual(paragraphs, lexicon)
    original = document_paragraphs(session, document.translation_of)  # type: ignore[arg-type]
    return align_translation(original, paragraphs, lexicon)


def build_memory(
    session: Session,
    lexicon: Lexicon | None = None,
    on_step: Callable[[str], None] = lambda _description: None,
) -> dict[str, int]:
    """Align the documents that have no units yet; returns units stored per document."""
    documents = documents_to_align(session)
    if not documents:
        return {}
    lexicon = lexicon or Lexicon()
    for chinese, english in approved_renderings(session):
        lexicon.add(chinese, english)
    first_pass = {}
    for document in documents:
        on_step(f"aligning {document.id}")
        first_pass[document.id] = _align(session, document, lexicon)
    material = [pair for drafts in first_pass.values() for pair in confident_pairs(drafts)]
    material += confident_units(session, LEARNING_SCORE)  # what earlier builds aligned
    learn_from_pairs(lexicon, material)
    stored = {}
    for document in documents:
        on_step(f"realigning {document.id}")
        drafts = _align(session, document, lexicon)
        # a bilingual document carries its own Chinese: its units do not hang on the original
        bilingual = document.role == DocumentRole.BILINGUAL.value
        replace_units(session, document.id, None if bilingual else document.translation_of, drafts)
        stored[document.id] = len(drafts)
    return stored
