"""initial schema: documents, segments, translation units, terms, renderings,
attestations and the append-only review log

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The review log is append-only: the database itself refuses to rewrite history.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER review_log_no_{verb.lower()} BEFORE {verb} ON review_log
    BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END"""
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION review_log_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'review_log is append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER review_log_append_only BEFORE UPDATE OR DELETE ON review_log
    FOR EACH ROW EXECUTE FUNCTION review_log_append_only()""",
]


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("translation_of", sa.String(length=200), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("official", sa.Boolean(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('original', 'translation', 'bilingual', 'commentary')",
            name=op.f("ck_documents_role"),
        ),
        sa.ForeignKeyConstraint(
            ["translation_of"],
            ["documents.id"],
            name=op.f("fk_documents_translation_of_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("term_id", sa.Integer(), nullable=True),
        sa.Column("term", sa.String(length=200), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_log")),
    )
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_log_term_id"), ["term_id"], unique=False)

    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("simplified", sa.String(length=200), nullable=False),
        sa.Column("traditional", sa.String(length=200), nullable=True),
        sa.Column("pinyin_marks", sa.String(length=400), nullable=True),
        sa.Column("pinyin_numbers", sa.String(length=400), nullable=True),
        sa.Column("pinyin_toneless", sa.String(length=400), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("subject_field", sa.String(length=200), nullable=True),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("rank", sa.Float(), nullable=True),
        sa.Column("frequency", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_by", sa.String(length=120), nullable=True),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('candidate', 'approved', 'rejected')", name=op.f("ck_terms_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
        sa.UniqueConstraint("simplified", name=op.f("uq_terms_simplified")),
    )
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_terms_pinyin_toneless"), ["pinyin_toneless"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_terms_traditional"), ["traditional"], unique=False)

    op.create_table(
        "paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counterpart_id"],
            ["paragraphs.id"],
            name=op.f("fk_paragraphs_counterpart_id_paragraphs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_paragraphs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraphs")),
        sa.UniqueConstraint("document_id", "position", name=op.f("uq_paragraphs_document_id")),
    )
    op.create_table(
        "renderings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_by", sa.String(length=120), nullable=True),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('candidate', 'preferred', 'admitted', 'deprecated', 'rejected')",
            name=op.f("ck_renderings_status"),
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["terms.id"], name=op.f("fk_renderings_term_id_terms"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_renderings")),
        sa.UniqueConstraint("term_id", "text", name=op.f("uq_renderings_term_id")),
    )
    op.create_table(
        "translation_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("original_id", sa.String(length=200), nullable=True),
        sa.Column("zh_text", sa.Text(), nullable=False),
        sa.Column("en_text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("low_confidence", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_translation_units_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["original_id"],
            ["documents.id"],
            name=op.f("fk_translation_units_original_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_units")),
    )
    with op.batch_alter_table("translation_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_translation_units_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_translation_units_original_id"), ["original_id"], unique=False
        )

    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("paragraph_position", sa.Integer(), nullable=False),
        sa.Column("sentence_position", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_segments_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraphs.id"],
            name=op.f("fk_segments_paragraph_id_paragraphs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
        sa.UniqueConstraint(
            "paragraph_id", "sentence_position", name=op.f("uq_segments_paragraph_id")
        ),
    )
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_segments_document_language", ["document_id", "language"], unique=False
        )

    op.create_table(
        "attestations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("rendering_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("context", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_attestations_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rendering_id"],
            ["renderings.id"],
            name=op.f("fk_attestations_rendering_id_renderings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_attestations_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["terms.id"],
            name=op.f("fk_attestations_term_id_terms"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["translation_units.id"],
            name=op.f("fk_attestations_unit_id_translation_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestations")),
    )
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attestations_rendering_id"), ["rendering_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attestations_segment_id"), ["segment_id"], unique=False
        )
        batch_op.create_index(
            "ix_attestations_term_document", ["term_id", "document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attestations_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_segments",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("side IN ('zh', 'en')", name=op.f("ck_unit_segments_side")),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_unit_segments_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["translation_units.id"],
            name=op.f("fk_unit_segments_unit_id_translation_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_id", "segment_id", name=op.f("pk_unit_segments")),
    )
    with op.batch_alter_table("unit_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_segments_segment_id"), ["segment_id"], unique=False
        )

    _create_append_only_triggers()


def downgrade() -> None:
    with op.batch_alter_table("unit_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_segments_segment_id"))

    op.drop_table("unit_segments")
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attestations_unit_id"))
        batch_op.drop_index("ix_attestations_term_document")
        batch_op.drop_index(batch_op.f("ix_attestations_segment_id"))
        batch_op.drop_index(batch_op.f("ix_attestations_rendering_id"))

    op.drop_table("attestations")
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_index("ix_segments_document_language")

    op.drop_table("segments")
    with op.batch_alter_table("translation_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_translation_units_original_id"))
        batch_op.drop_index(batch_op.f("ix_translation_units_document_id"))

    op.drop_table("translation_units")
    op.drop_table("renderings")
    op.drop_table("paragraphs")
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_terms_traditional"))
        batch_op.drop_index(batch_op.f("ix_terms_pinyin_toneless"))

    op.drop_table("terms")
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_log_term_id"))
        batch_op.drop_index(batch_op.f("ix_review_log_at"))

    op.drop_table("review_log")
    op.drop_table("documents")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION review_log_append_only()")
