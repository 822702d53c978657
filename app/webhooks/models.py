"""Webhooks, the outbox of events still to send, and the record of every delivery attempt."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.columns import ID_LENGTH, enum_type, id_column, timestamp
from app.core.db import Base

URL_MAX_LENGTH = 2048
ERROR_MAX_LENGTH = 200


class WebhookEventType(StrEnum):
    ACCESS_REQUEST_AUTHORIZED = "access_request.authorized"
    ACCESS_REQUEST_DECLINED = "access_request.declined"
    AUTHORIZATION_REVOKED = "authorization.revoked"


class DeliveryOutcome(StrEnum):
    DELIVERED = "DELIVERED"  # a 2xx answer
    WILL_RETRY = "WILL_RETRY"  # failed; another attempt is scheduled
    GAVE_UP = "GAVE_UP"  # failed, and it was the last attempt


class Webhook(Base):
    __tablename__ = "webhooks"
    __table_args__ = (Index("ix_webhooks_business_center_id_id", "business_center_id", "id"),)

    id: Mapped[str] = id_column()
    business_center_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("business_centers.id", ondelete="CASCADE")
    )
    url: Mapped[str] = mapped_column(String(URL_MAX_LENGTH))
    # The signing secret, encrypted under SECRET_KEY: the sender needs it back, a copy of the
    # database alone must not give it.
    secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = timestamp()


class WebhookOutbox(Base):
    """One event still to send to one webhook, written in the transaction of the change.

    `next_attempt_at` is on the wall clock. A sender claims a row by pushing it past the
    lease and setting `lease_token`; only the holder of the token may record the attempt.
    """

    __tablename__ = "webhook_outbox"
    __table_args__ = (Index("ix_webhook_outbox_next_attempt_at", "next_attempt_at", "id"),)

    id: Mapped[str] = id_column()
    webhook_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    event_type: Mapped[str] = mapped_column(String(64))
    # The exact JSON body: every attempt sends (and signs) the same bytes.
    payload: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = timestamp()
    lease_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = timestamp()


class WebhookDelivery(Base):
    """One attempt to deliver one event: append-only."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_webhook_id_id", "webhook_id", "id"),)

    id: Mapped[str] = id_column()
    webhook_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("webhooks.id", ondelete="CASCADE")
    )
    event_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    event_type: Mapped[str] = mapped_column(String(64))
    attempt: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(ERROR_MAX_LENGTH), nullable=True)
    outcome: Mapped[DeliveryOutcome] = mapped_column(
        enum_type(DeliveryOutcome, "webhook_delivery_outcome")
    )
    duration_ms: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = timestamp()
