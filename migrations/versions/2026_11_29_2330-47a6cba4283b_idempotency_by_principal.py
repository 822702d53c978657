"""Idempotency records belong to a principal, not to an Authorization header; swept by age

Records made before this revision were keyed by a digest of the raw header, which no longer
names anyone: the table is made anew (a retry across the upgrade runs again, as after the TTL).

Revision ID: 47a6cba4283b
Revises: 5b1e7c2d9a40
Create Date: 2026-11-29 23:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "47a6cba4283b"
down_revision: str | None = "5b1e7c2d9a40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(caller_column: str) -> None:
    op.create_table(
        "idempotency_records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(caller_column, sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        sa.UniqueConstraint(
            caller_column, "key", name=op.f(f"uq_idempotency_records_{caller_column}")
        ),
    )


def upgrade() -> None:
    op.drop_table("idempotency_records")
    _create("caller")
    op.create_index(
        "ix_idempotency_records_created_at", "idempotency_records", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_idempotency_records_created_at", table_name="idempotency_records")
    op.drop_table("idempotency_records")
    _create("caller_digest")
