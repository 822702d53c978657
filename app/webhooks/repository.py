from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.core.pagination import PageRequest
from app.webhooks.models import Webhook, WebhookDelivery, WebhookOutbox


def get(session: Session, business_center_id: str, webhook_id: str) -> Webhook | None:
    return session.scalars(
        select(Webhook).where(
            Webhook.business_center_id == business_center_id, Webhook.id == webhook_id
        )
    ).one_or_none()


def count_of(session: Session, business_center_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Webhook)
            .where(Webhook.business_center_id == business_center_id)
        )
        or 0
    )


def page(session: Session, business_center_id: str, page: PageRequest) -> list[Webhook]:
    stmt = select(Webhook).where(Webhook.business_center_id == business_center_id)
    return list(session.scalars(page.apply(stmt, Webhook.id)))


def ids_of(session: Session, business_center_id: str) -> list[str]:
    return list(
        session.scalars(
            select(Webhook.id)
            .where(Webhook.business_center_id == business_center_id)
            .order_by(Webhook.id)
        )
    )


def delete_webhook(session: Session, webhook_id: str) -> None:
    # Its pending events and its deliveries go with it (ON DELETE CASCADE).
    session.execute(delete(Webhook).where(Webhook.id == webhook_id))


def deliveries_page(session: Session, webhook_id: str, page: PageRequest) -> list[WebhookDelivery]:
    stmt = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    return list(session.scalars(page.apply(stmt, WebhookDelivery.id)))


# --- the sender's side ------------------------------------------------------------------------


def any_due(session: Session, now: datetime) -> bool:
    return (
        session.scalar(
            select(WebhookOutbox.id).where(WebhookOutbox.next_attempt_at <= now).limit(1)
        )
        is not None
    )


def due(session: Session, now: datetime, limit: int) -> list[tuple[WebhookOutbox, Webhook]]:
    """Rows due now, oldest first, locked. On PostgreSQL, rows another sender holds are
    skipped (SKIP LOCKED); SQLite's write transactions are serial already."""
    stmt = (
        select(WebhookOutbox, Webhook)
        .join(Webhook, Webhook.id == WebhookOutbox.webhook_id)
        .where(WebhookOutbox.next_attempt_at <= now)
        .order_by(WebhookOutbox.next_attempt_at, WebhookOutbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=WebhookOutbox)
    )
    return [(row, webhook) for row, webhook in session.execute(stmt)]


def leased(
    session: Session, webhook_id: str, outbox_id: str, lease_token: str
) -> WebhookOutbox | None:
    """The row, if this lease still holds it; locked in the order a webhook's deletion locks:
    the webhook, then its rows (so the two never deadlock)."""
    webhook = session.scalar(
        select(Webhook.id).where(Webhook.id == webhook_id).with_for_update(read=True)
    )
    if webhook is None:
        return None
    return session.scalars(
        select(WebhookOutbox)
        .where(WebhookOutbox.id == outbox_id, WebhookOutbox.lease_token == lease_token)
        .with_for_update()
    ).one_or_none()
