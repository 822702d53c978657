from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.pagination import PageRequest
from app.webhooks.models import Webhook, WebhookDelivery, WebhookOutbox


async def get(session: AsyncSession, business_center_id: str, webhook_id: str) -> Webhook | None:
    return (
        await session.scalars(
            select(Webhook).where(
                Webhook.business_center_id == business_center_id, Webhook.id == webhook_id
            )
        )
    ).one_or_none()


async def count_of(session: AsyncSession, business_center_id: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Webhook)
            .where(Webhook.business_center_id == business_center_id)
        )
        or 0
    )


async def page(session: AsyncSession, business_center_id: str, page: PageRequest) -> list[Webhook]:
    stmt = select(Webhook).where(Webhook.business_center_id == business_center_id)
    return list(await session.scalars(page.apply(stmt, Webhook.id)))


async def ids_of(session: AsyncSession, business_center_id: str) -> list[str]:
    return list(
        await session.scalars(
            select(Webhook.id)
            .where(Webhook.business_center_id == business_center_id)
            .order_by(Webhook.id)
        )
    )


async def delete_webhook(session: AsyncSession, webhook_id: str) -> None:
    # Its pending events and its deliveries go with it (ON DELETE CASCADE).
    await session.execute(delete(Webhook).where(Webhook.id == webhook_id))


async def deliveries_page(
    session: AsyncSession, webhook_id: str, page: PageRequest
) -> list[WebhookDelivery]:
    stmt = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    return list(await session.scalars(page.apply(stmt, WebhookDelivery.id)))


# --- the sender's side ------------------------------------------------------------------------


async def any_due(session: AsyncSession, now: datetime) -> bool:
    return (
        await session.scalar(
            select(WebhookOutbox.id).where(WebhookOutbox.next_attempt_at <= now).limit(1)
        )
        is not None
    )


async def due(
    session: AsyncSession, now: datetime, limit: int
) -> list[tuple[WebhookOutbox, Webhook]]:
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
    return [(row, webhook) for row, webhook in await session.execute(stmt)]


async def leased(
    session: AsyncSession, webhook_id: str, outbox_id: str, lease_token: str
) -> WebhookOutbox | None:
    """The row, if this lease still holds it; locked in the order a webhook's deletion locks:
    the webhook, then its rows (so the two never deadlock)."""
    webhook = await session.scalar(
        select(Webhook.id).where(Webhook.id == webhook_id).with_for_update(read=True)
    )
    if webhook is None:
        return None
    return (
        await session.scalars(
            select(WebhookOutbox)
            .where(WebhookOutbox.id == outbox_id, WebhookOutbox.lease_token == lease_token)
            .with_for_update()
        )
    ).one_or_none()
