from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base
from app.core.enums import ActorType


class AuditEvent(Base):
    """Append-only: one row per change to a BC, written in the change's transaction."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_business_center_id_id", "business_center_id", "id"),)

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    at: Mapped[datetime] = timestamp()
    actor_type: Mapped[ActorType] = mapped_column(enum_type(ActorType, "actor_type"))
    actor_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
