"""An index for the metrics' count of unresolved access requests

Revision ID: 5b1e7c2d9a40
Revises: 2fe92a8a16cc
Create Date: 2026-11-25 01:15:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5b1e7c2d9a40"
down_revision: str | None = "2fe92a8a16cc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_access_requests_status_expires_at",
        "access_requests",
        ["status", "expires_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_access_requests_status_expires_at", table_name="access_requests")
