"""The translation memory: the sentences to align, and the units aligned from them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from sqlalchemy import ColumnElement, and_, delete, exists, select
from sqlalchemy.orm import Session, selectinload

from records import (
    AlignedUnit,
    CandidateText,
    DocumentMeta,
    DocumentRole,
    EnglishSentence,
    FoundUnit,
    StoredParagraph,
    StoredSentence,
    StoredUnit,
    UnitDraft,
)
from termbase.models import Document, Paragraph, Segment, TranslationUnit, UnitSegment
from termbase.store import document_meta

# A unit with text on both sides: an aligned pair, not a sentence the aligner left
# without a counterpart.
COMPLETE_UNIT = and_(TranslationUnit.zh_text != "", TranslationUnit.en_text != "")


def document_paragraphs(session: Session, document_id: str) -> list[StoredParagraph]:
    rows = session.scalars(
        select(Paragraph)
        .where(Paragraph.document_id == document_id)
        .order_by(Paragraph.position)
        .options(selectinload(Paragraph.segments))
    )
    return [
        StoredParagraph(
            id=row.id,
            position=row.position,
            language=row.language,
            kind=row.kind,
            counterpart_id=row.counterpart_id,
            sentences=[StoredSentence(s.id, s.text) for s in row.segments],
        )
        for row in rows
    ]


def documents_to_align(session: Session) -> list[DocumentMeta]:
    """Translations whose original is in the termbase, and bilingual documents, that
    have no translation units yet (new, or changed since they were aligned)."""
    has_units = exists().where(TranslationUnit.document_id == Document.id)
    translated = Document.role == DocumentRole.TRANSLATION.value
    rows = session.scalars(
        select(Document)
        .where(~has_units)
        .where(
            (Document.role == DocumentRole.BILINGUAL.value)
            | (translated & Document.translation_of.is_not(None))
        )
        .order_by(Document.id)
    )
    return [document_meta(row) for row in rows]


def replace_units(
    session: Session, document_id: str, original_id: str | None, drafts: Sequence[UnitDraft]
) -> None:
    """Store the units aligned for one document, replacing any it had."""
    session.execute(delete(TranslationUnit).where(TranslationUnit.document_id == document_id))
    for draft in drafts:
        unit = TranslationUnit(
            document_id=document_id,
            original_id=original_id,
            zh_text=draft.zh_text,
            en_text=draft.en_text,
            score=draft.score,
            method=draft.method,
            low_confidence=draft.low_confidence,
        )
        unit.segments = [
            UnitSegment(segment_id=segment, side=side, position=position)
            for side, segments in (("zh", draft.zh_segments), ("en", draft.en_segments))
            for position, segment in enumerate(segments)
        ]
        session.add(unit)
    session.flush()


def document_units(session: Session, document_id: str) -> list[StoredUnit]:
    """One document's units in the order they were stored, unaligned sentences too."""
    rows = session.execute(
        select(
            TranslationUnit.id,
            TranslationUnit.document_id,
            TranslationUnit.zh_text,
            TranslationUnit.en_text,
            TranslationUnit.score,
            TranslationUnit.method,
            TranslationUnit.low_confidence,
        )
        .where(TranslationUnit.document_id == document_id)
        .order_by(TranslationUnit.id)
    )
    return [StoredUnit(*row) for row in rows]


# --- Searching the memory (``glossary tm search``) ---------------------------------


def iter_unit_texts(
    session: Session, side: Literal["zh", "en"], batch_size: int = 2000
) -> Iterator[list[CandidateText]]:
    """The ``side`` text of every aligned unit, ``batch_size`` units at a time, in id
    order.

    Rows are streamed (a server-side cursor on PostgreSQL, ``fetchmany`` on SQLite), so
    a search holds one page of the memory at a time however large the memory is. Only
    the id, the searched text and the aligner's score travel: the other side and the
    document are fetched afterwards, by ``found_units``, for the few units kept.
    Units with an empty side are sentences the aligner left without a counterpart and
    are never candidates.
    """
    text = TranslationUnit.zh_text if side == "zh" else TranslationUnit.en_text
    statement = (
        select(TranslationUnit.id, text, TranslationUnit.score)
        .where(COMPLETE_UNIT)
        .order_by(TranslationUnit.id)
        .execution_options(yield_per=batch_size)
    )
    for page in session.execute(statement).partitions():
        yield [CandidateText(unit_id, unit_text, score) for unit_id, unit_text, score in page]


def found_units(session: Session, unit_ids: Sequence[int]) -> dict[int, FoundUnit]:
    """The units ``unit_ids`` with their documents' titles and outlets, by id. A unit
    deleted since it was scanned (a concurrent rebuild) is simply absent."""
    if not unit_ids:
        return {}
    rows = session.execute(
        select(
            TranslationUnit.id,
            TranslationUnit.zh_text,
            TranslationUnit.en_text,
            TranslationUnit.score,
            TranslationUnit.document_id,
            Document.title,
            Document.outlet,
        )
        .join(Document, Document.id == TranslationUnit.document_id)
        .where(TranslationUnit.id.in_(list(unit_ids)))
    )
    return {row[0]: FoundUnit(*row) for row in rows}


def chinese_sentences(session: Session) -> list[str]:
    """Every Chinese sentence in the termbase except captions: the text terms are
    extracted from."""
    return list(
        session.scalars(
            select(Segment.text)
            .join(Paragraph, Segment.paragraph_id == Paragraph.id)
            .where(Segment.language == "zh", Paragraph.kind != "caption")
            .order_by(Segment.id)
        )
    )


def english_sentences(session: Session) -> list[EnglishSentence]:
    """Every English sentence in the termbase, aligned or not."""
    return _english_sentences(session)


def english_sentences_outside_units(session: Session) -> list[EnglishSentence]:
    """English sentences that no aligned unit pairs with Chinese: commentary,
    translations whose original is not in the termbase, sentences the aligner left
    alone. Renderings are attested there by matching known ones."""
    paired = (
        select(UnitSegment.segment_id)
        .join(TranslationUnit, UnitSegment.unit_id == TranslationUnit.id)
        .where(COMPLETE_UNIT)
    )
    return _english_sentences(session, Segment.id.not_in(paired))


def _english_sentences(session: Session, *where: ColumnElement[bool]) -> list[EnglishSentence]:
    """The English sentences that meet the ``where`` conditions, in stored order."""
    rows = session.execute(
        select(Segment.id, Segment.document_id, Segment.text)
        .where(Segment.language == "en", *where)
        .order_by(Segment.id)
    )
    return [EnglishSentence(*row) for row in rows]


def aligned_documents(session: Session) -> set[str]:
    """The documents with at least one complete translation unit: their English stands
    beside the Chinese it translates."""
    return set(session.scalars(select(TranslationUnit.document_id).where(COMPLETE_UNIT).distinct()))


def aligned_units(session: Session) -> list[AlignedUnit]:
    rows = session.execute(
        select(
            TranslationUnit.id,
            TranslationUnit.document_id,
            TranslationUnit.zh_text,
            TranslationUnit.en_text,
        )
        .where(COMPLETE_UNIT)
        .order_by(TranslationUnit.id)
    )
    return [AlignedUnit(*row) for row in rows]
