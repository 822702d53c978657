"""Spark Ads, and an index to find the current authorization of a BC and account

Revision ID: 439d5119372a
Revises: 169467f6e312
Create Date: 2026-11-24 21:19:06.397747
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "439d5119372a"
down_revision: str | None = "169467f6e312"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spark_ads",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ad_account_id", sa.String(length=36), nullable=False),
        sa.Column(
            "identity_type",
            sa.Enum(
                "BC_AUTH_TT",
                "TT_USER",
                name="identity_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("identity_id", sa.String(length=36), nullable=False),
        sa.Column("identity_authorized_bc_id", sa.String(length=36), nullable=True),
        sa.Column("authorization_id", sa.String(length=36), nullable=True),
        sa.Column("video_id", sa.String(length=36), nullable=True),
        sa.Column("live_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "PAUSED",
                name="spark_ad_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_by_user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ad_account_id"],
            ["ad_accounts.id"],
            name=op.f("fk_spark_ads_ad_account_id_ad_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["authorization_id"],
            ["authorizations.id"],
            name=op.f("fk_spark_ads_authorization_id_authorizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_spark_ads_identity_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["live_id"], ["lives.id"], name=op.f("fk_spark_ads_live_id_lives"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["video_id"],
            ["videos.id"],
            name=op.f("fk_spark_ads_video_id_videos"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spark_ads")),
    )
    with op.batch_alter_table("spark_ads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_spark_ads_ad_account_id_id", ["ad_account_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_spark_ads_authorization_id_status", ["authorization_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_spark_ads_identity_id_created_by_user_id",
            ["identity_id", "created_by_user_id"],
            unique=False,
        )

    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_authorizations_business_center_id_tiktok_account_id_id",
            ["business_center_id", "tiktok_account_id", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.drop_index("ix_authorizations_business_center_id_tiktok_account_id_id")

    with op.batch_alter_table("spark_ads", schema=None) as batch_op:
        batch_op.drop_index("ix_spark_ads_identity_id_created_by_user_id")
        batch_op.drop_index("ix_spark_ads_authorization_id_status")
        batch_op.drop_index("ix_spark_ads_ad_account_id_id")

    op.drop_table("spark_ads")
