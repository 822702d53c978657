from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import AuthorizationStatus, RevokedBy, Scope

ACTIVE_ONLY = text("status = 'ACTIVE'")


class Authorization(Base):
    """A BC's access to one TikTok account, granted by its owner's scans."""

    __tablename__ = "authorizations"
    __table_args__ = (
        # At most one ACTIVE authorization per BC and account: widening, never doubling.
        Index(
            "uq_authorizations_active_pair",
            "business_center_id",
            "tiktok_account_id",
            unique=True,
            sqlite_where=ACTIVE_ONLY,
            postgresql_where=ACTIVE_ONLY,
        ),
        # The latest authorization of a pair is its current one.
        Index(
            "ix_authorizations_business_center_id_tiktok_account_id_id",
            "business_center_id",
            "tiktok_account_id",
            "id",
        ),
        Index(
            "ix_authorizations_business_center_id_status_id", "business_center_id", "status", "id"
        ),
        Index("ix_authorizations_tiktok_account_id_status_id", "tiktok_account_id", "status", "id"),
    )

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    tiktok_account_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="CASCADE")
    )
    scopes: Mapped[list[Scope]] = mapped_column(JSON)
    status: Mapped[AuthorizationStatus] = mapped_column(
        enum_type(AuthorizationStatus, "authorization_status")
    )
    granted_at: Mapped[datetime] = timestamp()
    revoked_at: Mapped[datetime | None] = timestamp(nullable=True)
    revoked_by: Mapped[RevokedBy | None] = mapped_column(
        enum_type(RevokedBy, "revoked_by"), nullable=True
    )
