"""terms.pinyin_initials: find a term by the initials of its pinyin (kjqg)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("terms") as batch_op:
        batch_op.add_column(sa.Column("pinyin_initials", sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_terms_pinyin_initials"), ["pinyin_initials"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("terms") as batch_op:
        batch_op.drop_index(batch_op.f("ix_terms_pinyin_initials"))
        batch_op.drop_column("pinyin_initials")
