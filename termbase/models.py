"""SQLAlchemy models of the termbase.

The schema itself is owned by the Alembic migrations in ``termbase/migrations``;
these classes describe it for the ORM and must match the newest migration (a test
compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from records import (
    DOCUMENT_ID_CHARACTERS,
    EDITOR_CHARACTERS,
    METHOD_CHARACTERS,
    OUTLET_CHARACTERS,
    PINYIN_CHARACTERS,
    RENDERING_CHARACTERS,
    SUBJECT_FIELD_CHARACTERS,
    DocumentRole,
    RenderingStatus,
    TermStatus,
)

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The content hash of a document that exists only as the source named by imported
# evidence (a TMX prop, a TBX source): it has no text here, so builds leave its
# evidence alone.
IMPORTED = "imported"


def _check_in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Document(Base):
    """One ingested file: an original, a translation, a bilingual text or commentary."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(_check_in("role", DocumentRole), name="role"),)

    id: Mapped[str] = mapped_column(String(DOCUMENT_ID_CHARACTERS), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(35))
    role: Mapped[str] = mapped_column(String(20))
    translation_of: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    outlet: Mapped[str | None] = mapped_column(String(OUTLET_CHARACTERS))
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(Text)
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    source_path: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Paragraph.position",
    )


class Paragraph(Base):
    """A paragraph in one language. In a bilingual document ``counterpart_id`` links an
    English paragraph and the Chinese paragraph it translates."""

    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    counterpart_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="SET NULL")
    )

    document: Mapped[Document] = relationship(back_populates="paragraphs")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="paragraph",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Segment.sentence_position",
    )


class Segment(Base):
    """One sentence: the unit the aligner pairs and term extraction reads."""

    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("paragraph_id", "sentence_position"),
        Index("ix_segments_document_language", "document_id", "language"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"))
    paragraph_position: Mapped[int] = mapped_column(Integer)
    sentence_position: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)

    paragraph: Mapped[Paragraph] = relationship(back_populates="segments")


class TranslationUnit(Base):
    """A Chinese–English sentence pair (or group) of the translation memory.

    The texts are stored on the unit itself because units imported from other tools'
    TMX files have no segments behind them; ``unit_segments`` links a unit to the
    segments it was aligned from, where there are any.
    """

    __tablename__ = "translation_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    original_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    zh_text: Mapped[str] = mapped_column(Text, default="")
    en_text: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    method: Mapped[str] = mapped_column(String(METHOD_CHARACTERS))
    low_confidence: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    segments: Mapped[list[UnitSegment]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="UnitSegment.position"
    )


class UnitSegment(Base):
    __tablename__ = "unit_segments"
    __table_args__ = (CheckConstraint("side IN ('zh', 'en')", name="side"),)

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("translation_units.id", ondelete="CASCADE"), primary_key=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    side: Mapped[str] = mapped_column(String(2))
    position: Mapped[int] = mapped_column(Integer)


class _Edited:
    """Who made and last changed a row, and a version for optimistic locking."""

    created_by: Mapped[str | None] = mapped_column(String(EDITOR_CHARACTERS))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    modified_by: Mapped[str | None] = mapped_column(String(EDITOR_CHARACTERS))
    modified_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        # SQLAlchemy bumps ``version`` on every UPDATE and refuses a stale one, so
        # two editors saving the same row cannot silently overwrite each other.
        # (A mixin has no table of its own; each mapped subclass has, by now.)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Term(_Edited, Base):
    __tablename__ = "terms"
    __table_args__ = (
        CheckConstraint(_check_in("status", TermStatus), name="status"),
        Index("ix_terms_rank", "rank", "simplified"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    simplified: Mapped[str] = mapped_column(String(200), unique=True)
    traditional: Mapped[str | None] = mapped_column(String(200), index=True)
    pinyin_marks: Mapped[str | None] = mapped_column(String(PINYIN_CHARACTERS))
    pinyin_numbers: Mapped[str | None] = mapped_column(String(PINYIN_CHARACTERS))
    pinyin_toneless: Mapped[str | None] = mapped_column(String(400), index=True)
    pinyin_initials: Mapped[str | None] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(20), default=TermStatus.CANDIDATE.value)
    subject_field: Mapped[str | None] = mapped_column(String(SUBJECT_FIELD_CHARACTERS))
    definition: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[float | None] = mapped_column(Float)
    frequency: Mapped[int] = mapped_column(Integer, default=0)

    renderings: Mapped[list[Rendering]] = relationship(
        back_populates="term", cascade="all, delete-orphan", passive_deletes=True
    )


# Terms best first, those without a rank (kept for an editor's decision) last, written
# so that the index ix_terms_rank serves it without a sort.
RANK_ORDER = (Term.rank.asc().nulls_last(), Term.simplified.asc())


class Rendering(_Edited, Base):
    __tablename__ = "renderings"
    __table_args__ = (
        UniqueConstraint("term_id", "text"),
        CheckConstraint(_check_in("status", RenderingStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(RENDERING_CHARACTERS))
    status: Mapped[str] = mapped_column(String(20), default=RenderingStatus.CANDIDATE.value)
    note: Mapped[str | None] = mapped_column(Text)

    term: Mapped[Term] = relationship(back_populates="renderings")


class Attestation(Base):
    """Evidence: a term (and, where one was found, its rendering) occurring in a
    document, in a translation unit where there is one, ``count`` times."""

    __tablename__ = "attestations"
    __table_args__ = (
        Index("ix_attestations_term_document", "term_id", "document_id"),
        Index("ix_attestations_document_term", "document_id", "term_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"))
    rendering_id: Mapped[int | None] = mapped_column(
        ForeignKey("renderings.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("translation_units.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    count: Mapped[int] = mapped_column(Integer, default=1)
    context: Mapped[str | None] = mapped_column(Text)


class ReviewLogEntry(Base):
    """Append-only record of every editorial decision. Database triggers refuse
    UPDATE and DELETE on this table. It names the term by text as well as by id so
    that the history outlives merges and deletions."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    editor: Mapped[str] = mapped_column(String(EDITOR_CHARACTERS))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    term_id: Mapped[int | None] = mapped_column(Integer, index=True)
    term: Mapped[str | None] = mapped_column(String(200))
    field: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
