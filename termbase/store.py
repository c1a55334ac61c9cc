"""Storing documents and reading back what the termbase holds.

The reading layer (``glossary``) hands documents over as plain structures; this
module owns how they become rows, so no SQL is needed anywhere else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from records import DocumentMeta, SaveResult
from termbase.models import (
    Attestation,
    Document,
    Paragraph,
    Rendering,
    Segment,
    Term,
    TranslationUnit,
    utc_now,
)


class ParagraphInput(Protocol):
    """What a reader gives for one paragraph (``glossary.documents.ParsedParagraph``);
    read-only here, so that a reader's narrower types (a kind enum, a list) fit."""

    @property
    def language(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def sentences(self) -> Sequence[str]: ...
    @property
    def counterpart(self) -> int | None: ...


# The description fields a document row keeps (all of ``DocumentMeta`` but the
# encoding, which only says how to read the file).
STORED_FIELDS = (
    "id",
    "language",
    "role",
    "content_hash",
    "title",
    "translation_of",
    "outlet",
    "author",
    "published",
    "url",
    "official",
    "source_path",
)


def document_meta(row: Document) -> DocumentMeta:
    """A stored document's description, as the record the other layers speak in."""
    return DocumentMeta(**{name: getattr(row, name) for name in STORED_FIELDS})


def stored_hash(session: Session, document_id: str) -> str | None:
    return session.scalar(select(Document.content_hash).where(Document.id == document_id))


def document_exists(session: Session, document_id: str) -> bool:
    return stored_hash(session, document_id) is not None


def save_document(
    session: Session, meta: DocumentMeta, paragraphs: Sequence[ParagraphInput]
) -> SaveResult:
    """Add a document, or replace an older version of it, with all its segments.

    An unchanged content hash means nothing to do, which keeps rebuilds idempotent.
    Replacing drops what was derived from the old text (its segments, the translation
    units built on them, their attestations); terms and editors' decisions stay.
    """
    document = session.get(Document, meta.id)
    if document is not None and document.content_hash == meta.content_hash:
        return SaveResult.UNCHANGED
    result = SaveResult.ADDED if document is None else SaveResult.REPLACED
    if document is None:
        document = Document(id=meta.id)
        session.add(document)
    else:
        _drop_derived_rows(session, meta.id)
    for name in STORED_FIELDS:
        setattr(document, name, getattr(meta, name))
    document.ingested_at = utc_now()
    session.flush()
    _insert_paragraphs(session, meta.id, paragraphs)
    return result


def _drop_derived_rows(session: Session, document_id: str) -> None:
    session.execute(
        delete(TranslationUnit).where(
            or_(
                TranslationUnit.document_id == document_id,
                TranslationUnit.original_id == document_id,
            )
        )
    )
    session.execute(delete(Attestation).where(Attestation.document_id == document_id))
    session.execute(delete(Paragraph).where(Paragraph.document_id == document_id))
    session.expire_all()


def _insert_paragraphs(
    session: Session, document_id: str, paragraphs: Sequence[ParagraphInput]
) -> None:
    rows: list[Paragraph] = []
    for position, parsed in enumerate(paragraphs):
        row = Paragraph(
            document_id=document_id,
            position=position,
            language=parsed.language,
            kind=str(parsed.kind),
            text=parsed.text,
        )
        row.segments = [
            Segment(
                document_id=document_id,
                paragraph_position=position,
                sentence_position=index,
                language=parsed.language,
                text=sentence,
            )
            for index, sentence in enumerate(parsed.sentences)
        ]
        rows.append(row)
    session.add_all(rows)
    session.flush()
    for row, parsed in zip(rows, paragraphs, strict=True):
        if parsed.counterpart is not None:
            row.counterpart_id = rows[parsed.counterpart].id
    session.flush()


def stats(session: Session) -> dict:
    """Counts for ``glossary stats``: per document and language, and in total."""
    paragraph_counts = session.execute(
        select(Paragraph.document_id, Paragraph.language, Paragraph.kind, func.count()).group_by(
            Paragraph.document_id, Paragraph.language, Paragraph.kind
        )
    ).all()
    sentence_counts = session.execute(
        select(Segment.document_id, Segment.language, func.count()).group_by(
            Segment.document_id, Segment.language
        )
    ).all()
    unit_counts = dict(
        session.execute(
            select(TranslationUnit.document_id, func.count()).group_by(TranslationUnit.document_id)
        ).all()
    )
    documents: dict[str, dict[str, Any]] = {
        doc.id: {
            "id": doc.id,
            "title": doc.title,
            "language": doc.language,
            "role": doc.role,
            "translation_of": doc.translation_of,
            "outlet": doc.outlet,
            "published": doc.published,
            "ingested_at": doc.ingested_at.isoformat(),
            "paragraphs": {},
            "paragraph_kinds": {},
            "sentences": {},
            "translation_units": unit_counts.get(doc.id, 0),
        }
        for doc in session.scalars(select(Document).order_by(Document.id))
    }
    total_paragraphs: Counter[str] = Counter()
    total_sentences: Counter[str] = Counter()
    for document_id, language, kind, count in paragraph_counts:
        entry = documents[document_id]
        entry["paragraphs"][language] = entry["paragraphs"].get(language, 0) + count
        kinds = entry["paragraph_kinds"].setdefault(language, {})
        kinds[kind] = count
        total_paragraphs[language] += count
    for document_id, language, count in sentence_counts:
        documents[document_id]["sentences"][language] = count
        total_sentences[language] += count
    return {
        "documents": list(documents.values()),
        "totals": {
            "documents": len(documents),
            "paragraphs": dict(sorted(total_paragraphs.items())),
            "sentences": dict(sorted(total_sentences.items())),
            "translation_units": sum(unit_counts.values()),
            "terms": session.scalar(select(func.count()).select_from(Term)) or 0,
            "renderings": session.scalar(select(func.count()).select_from(Rendering)) or 0,
        },
    }
