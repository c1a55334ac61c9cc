"""Indexes the review app pages by: terms in rank order, and terms by document

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

At 100,000 terms, the page at offset 50,000 of the ranked list took 76 ms without
``ix_terms_rank`` and under 1 ms with it; the document filter took 75 ms without
``ix_attestations_document_term`` and 33 ms with it (bench/review.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_terms_rank", "terms", ["rank", "simplified"])
    op.create_index("ix_attestations_document_term", "attestations", ["document_id", "term_id"])


def downgrade() -> None:
    op.drop_index("ix_attestations_document_term", table_name="attestations")
    op.drop_index("ix_terms_rank", table_name="terms")
