from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import AccessRequestStatus, Scope


class AccessRequest(Base):
    """Step 1. `status` is stored as PENDING until resolved; expiry is read from `expires_at`."""

    __tablename__ = "access_requests"
    __table_args__ = (
        Index("ix_access_requests_business_center_id_id", "business_center_id", "id"),
        Index(
            "ix_access_requests_business_center_id_status_id",
            "business_center_id",
            "status",
            "id",
        ),
        # The metrics' count of unresolved requests (PENDING, EXPIRED) at every scrape reads
        # this index alone, however many resolved requests there are.
        Index("ix_access_requests_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    scope: Mapped[Scope] = mapped_column(enum_type(Scope, "scope"))
    status: Mapped[AccessRequestStatus] = mapped_column(
        enum_type(AccessRequestStatus, "access_request_status")
    )
    # SHA-256 of the QR code: enough to find the request from a scan, useless to a thief.
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = timestamp()
    # Kept as history: the member may since have left the BC.
    created_by_member_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime] = timestamp()
    resolved_at: Mapped[datetime | None] = timestamp(nullable=True)
    tiktok_account_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("tiktok_accounts.id", ondelete="SET NULL"), nullable=True
    )
