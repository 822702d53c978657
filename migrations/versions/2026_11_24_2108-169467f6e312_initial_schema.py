"""initial schema

Revision ID: 169467f6e312
Revises:
Create Date: 2026-11-24 21:08:50.262531
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "169467f6e312"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "business_centers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_centers")),
    )
    op.create_table(
        "tiktok_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=24), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("bio", sa.String(length=500), nullable=False),
        sa.Column("owner_token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tiktok_accounts")),
        sa.UniqueConstraint(
            "owner_token_digest", name=op.f("uq_tiktok_accounts_owner_token_digest")
        ),
    )
    # Usernames are unique whatever their case, as in the TikTok app.
    op.create_index(
        "uq_tiktok_accounts_username_lower",
        "tiktok_accounts",
        [sa.text("lower(username)")],
        unique=True,
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_users_token_digest")),
    )
    op.create_table(
        "access_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("business_center_id", sa.String(length=36), nullable=False),
        sa.Column(
            "scope",
            sa.Enum(
                "EXISTING_POSTS",
                "LIVE_VIDEOS",
                name="scope",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "AUTHORIZED",
                "DECLINED",
                "EXPIRED",
                "CANCELED",
                name="access_request_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_member_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_center_id"],
            ["business_centers.id"],
            name=op.f("fk_access_requests_business_center_id_business_centers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_access_requests_tiktok_account_id_tiktok_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_requests")),
        sa.UniqueConstraint("code_digest", name=op.f("uq_access_requests_code_digest")),
    )
    with op.batch_alter_table("access_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_access_requests_business_center_id_id", ["business_center_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_access_requests_business_center_id_status_id",
            ["business_center_id", "status", "id"],
            unique=False,
        )

    op.create_table(
        "account_links",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_account_links_tiktok_account_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_account_links_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_links")),
        sa.UniqueConstraint(
            "tiktok_account_id", "user_id", name=op.f("uq_account_links_tiktok_account_id")
        ),
    )
    with op.batch_alter_table("account_links", schema=None) as batch_op:
        batch_op.create_index("ix_account_links_user_id", ["user_id"], unique=False)

    op.create_table(
        "ad_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("business_center_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_center_id"],
            ["business_centers.id"],
            name=op.f("fk_ad_accounts_business_center_id_business_centers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ad_accounts")),
    )
    with op.batch_alter_table("ad_accounts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ad_accounts_business_center_id_id", ["business_center_id", "id"], unique=False
        )

    op.create_table(
        "audit_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("business_center_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "actor_type",
            sa.Enum(
                "USER",
                "OWNER",
                "SYSTEM",
                name="actor_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_center_id"],
            ["business_centers.id"],
            name=op.f("fk_audit_events_business_center_id_business_centers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_events_business_center_id_id", ["business_center_id", "id"], unique=False
        )

    op.create_table(
        "authorizations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("business_center_id", sa.String(length=36), nullable=False),
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "REVOKED",
                name="authorization_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "revoked_by",
            sa.Enum(
                "OWNER",
                "BUSINESS_CENTER",
                name="revoked_by",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["business_center_id"],
            ["business_centers.id"],
            name=op.f("fk_authorizations_business_center_id_business_centers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_authorizations_tiktok_account_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorizations")),
    )
    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_authorizations_business_center_id_status_id",
            ["business_center_id", "status", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_authorizations_tiktok_account_id_status_id",
            ["tiktok_account_id", "status", "id"],
            unique=False,
        )
        batch_op.create_index(
            "uq_authorizations_active_pair",
            ["business_center_id", "tiktok_account_id"],
            unique=True,
            sqlite_where=sa.text("status = 'ACTIVE'"),
            postgresql_where=sa.text("status = 'ACTIVE'"),
        )

    op.create_table(
        "lives",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum("LIVE", "ENDED", name="live_status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_lives_tiktok_account_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lives")),
    )
    with op.batch_alter_table("lives", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lives_tiktok_account_id_id", ["tiktok_account_id", "id"], unique=False
        )

    op.create_table(
        "members",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("business_center_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column(
            "role",
            sa.Enum("ADMIN", "STANDARD", name="bc_role", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_center_id"],
            ["business_centers.id"],
            name=op.f("fk_members_business_center_id_business_centers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint(
            "business_center_id", "user_id", name=op.f("uq_members_business_center_id")
        ),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index("ix_members_user_id", ["user_id"], unique=False)

    op.create_table(
        "showcases",
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "ALL_SHOP_PRODUCTS",
                "SELECTED_PRODUCTS",
                "MULTIPLE_SHOPS",
                name="showcase_source",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("shop_ids", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_showcases_tiktok_account_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tiktok_account_id", name=op.f("pk_showcases")),
    )
    op.create_table(
        "videos",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tiktok_account_id", sa.String(length=36), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column(
            "visibility",
            sa.Enum(
                "PUBLIC",
                "FRIENDS",
                "PRIVATE",
                name="visibility",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("ad_authorization", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tiktok_account_id"],
            ["tiktok_accounts.id"],
            name=op.f("fk_videos_tiktok_account_id_tiktok_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_videos")),
    )
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.create_index(
            "ix_videos_tiktok_account_id_id", ["tiktok_account_id", "id"], unique=False
        )

    op.create_table(
        "ad_account_members",
        sa.Column("ad_account_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "ADMIN",
                "OPERATOR",
                "ANALYST",
                name="ad_account_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ad_account_id"],
            ["ad_accounts.id"],
            name=op.f("fk_ad_account_members_ad_account_id_ad_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_ad_account_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ad_account_id", "member_id", name=op.f("pk_ad_account_members")),
    )
    with op.batch_alter_table("ad_account_members", schema=None) as batch_op:
        batch_op.create_index("ix_ad_account_members_member_id", ["member_id"], unique=False)

    op.create_table(
        "assignments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("authorization_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["authorization_id"],
            ["authorizations.id"],
            name=op.f("fk_assignments_authorization_id_authorizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_assignments_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint(
            "authorization_id", "member_id", name=op.f("uq_assignments_authorization_id")
        ),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index("ix_assignments_member_id", ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_member_id")

    op.drop_table("assignments")
    with op.batch_alter_table("ad_account_members", schema=None) as batch_op:
        batch_op.drop_index("ix_ad_account_members_member_id")

    op.drop_table("ad_account_members")
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.drop_index("ix_videos_tiktok_account_id_id")

    op.drop_table("videos")
    op.drop_table("showcases")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_user_id")

    op.drop_table("members")
    with op.batch_alter_table("lives", schema=None) as batch_op:
        batch_op.drop_index("ix_lives_tiktok_account_id_id")

    op.drop_table("lives")
    with op.batch_alter_table("authorizations", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_authorizations_active_pair",
            sqlite_where=sa.text("status = 'ACTIVE'"),
            postgresql_where=sa.text("status = 'ACTIVE'"),
        )
        batch_op.drop_index("ix_authorizations_tiktok_account_id_status_id")
        batch_op.drop_index("ix_authorizations_business_center_id_status_id")

    op.drop_table("authorizations")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_business_center_id_id")

    op.drop_table("audit_events")
    with op.batch_alter_table("ad_accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_ad_accounts_business_center_id_id")

    op.drop_table("ad_accounts")
    with op.batch_alter_table("account_links", schema=None) as batch_op:
        batch_op.drop_index("ix_account_links_user_id")

    op.drop_table("account_links")
    with op.batch_alter_table("access_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_access_requests_business_center_id_status_id")
        batch_op.drop_index("ix_access_requests_business_center_id_id")

    op.drop_table("access_requests")
    op.drop_table("users")
    op.drop_index("uq_tiktok_accounts_username_lower", table_name="tiktok_accounts")
    op.drop_table("tiktok_accounts")
    op.drop_table("business_centers")
