from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import id_column, timestamp
from app.core.db import Base


class IdempotencyRecord(Base):
    """The first response to a POST with an `Idempotency-Key`, replayed to its retries."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("caller_digest", "key"),)

    id: Mapped[str] = id_column()
    # SHA-256 of the Authorization header: keys are per caller, and no token is stored.
    caller_digest: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    # SHA-256 of the path, query and body: the same key with another request is refused.
    request_digest: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: in progress
    # Encrypted under SECRET_KEY: a response may hold a token or personal data.
    response: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = timestamp()
