from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, id_column, timestamp
from app.core.db import Base
from app.core.enums import AssignmentRole


class Assignment(Base):
    """Step 2: a member's roles on one authorization (its TikTok account)."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("authorization_id", "member_id"),
        Index("ix_assignments_member_id", "member_id"),
    )

    id: Mapped[str] = id_column()
    authorization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("authorizations.id", ondelete="CASCADE")
    )
    member_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("members.id", ondelete="CASCADE")
    )
    roles: Mapped[list[AssignmentRole]] = mapped_column(JSON)
    assigned_at: Mapped[datetime] = timestamp()
