from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import id_column, timestamp
from app.core.db import Base

CALLER_MAX_LENGTH = 64


class IdempotencyRecord(Base):
    """The first response to a POST with an `Idempotency-Key`, replayed to its retries."""

    __tablename__ = "idempotency_records"
    __table_args__ = (
        UniqueConstraint("caller", "key"),
        # Records expire by age: the sweep on each write finds them by it.
        Index("ix_idempotency_records_created_at", "created_at"),
    )

    id: Mapped[str] = id_column()
    # The principal the key belongs to (`user:<id>`, `owner:<id>`): a record is only ever
    # replayed to a caller who authenticates as that principal at the time of the retry.
    caller: Mapped[str] = mapped_column(String(CALLER_MAX_LENGTH))
    key: Mapped[str] = mapped_column(String(255))
    # SHA-256 of the path, query and body: the same key with another request is refused.
    request_digest: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: in progress
    # Encrypted under SECRET_KEY: a response may hold a token or personal data.
    response: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = timestamp()
