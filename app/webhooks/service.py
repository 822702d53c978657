"""Registering a BC's webhooks and reading their deliveries. Admin only."""

from app.audit.service import Actor, record
from app.business_centers import policy
from app.business_centers import repository as business_centers
from app.core.context import Context
from app.core.errors import AppError, ErrorCode, not_found
from app.core.pagination import Page, PageRequest
from app.users.principal import UserPrincipal
from app.webhooks import destinations, repository
from app.webhooks.models import Webhook
from app.webhooks.schemas import DeliveryRead, WebhookCreate, WebhookCreated, WebhookRead
from app.webhooks.signing import SecretBox, new_secret


def secret_box(ctx: Context) -> SecretBox:
    return SecretBox(ctx.settings.secret_key.get_secret_value())


def _check_url(ctx: Context, url: str) -> None:
    try:
        destinations.validate_for_registration(
            url, allow_private=ctx.settings.webhooks_allow_private
        )
    except destinations.DestinationError as error:
        raise AppError(
            ErrorCode.VALIDATION_ERROR,
            f"This webhook URL is not allowed: {error}.",
            extra={"errors": [{"loc": ["body", "url"], "msg": str(error)}]},
        ) from None


async def register(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: WebhookCreate
) -> WebhookCreated:
    await policy.admin_membership(ctx.session, user, business_center_id)
    _check_url(ctx, body.url)
    # Serialize registrations of this BC, so the limit holds under concurrent requests.
    await business_centers.lock(ctx.session, business_center_id)
    limit = ctx.settings.max_webhooks_per_bc
    if await repository.count_of(ctx.session, business_center_id) >= limit:
        raise AppError(
            ErrorCode.LIMIT_EXCEEDED, f"This Business Center already has {limit} webhooks."
        )
    secret = new_secret()
    webhook = Webhook(
        business_center_id=business_center_id,
        url=body.url,
        secret_encrypted=secret_box(ctx).seal(secret),
        created_at=ctx.now(),
    )
    ctx.session.add(webhook)
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="webhook.created",
        target_type="webhook",
        target_id=webhook.id,
        detail={"url": webhook.url},
    )
    return WebhookCreated(**WebhookRead.model_validate(webhook).model_dump(), secret=secret)


async def list_webhooks(
    ctx: Context, user: UserPrincipal, business_center_id: str, page: PageRequest
) -> Page[WebhookRead]:
    await policy.admin_membership(ctx.session, user, business_center_id)
    rows = await repository.page(ctx.session, business_center_id, page)
    return page.page(rows, WebhookRead.model_validate, key=lambda webhook: webhook.id)


async def _webhook(ctx: Context, business_center_id: str, webhook_id: str) -> Webhook:
    webhook = await repository.get(ctx.session, business_center_id, webhook_id)
    if webhook is None:
        raise not_found("Webhook")
    return webhook


async def delete(
    ctx: Context, user: UserPrincipal, business_center_id: str, webhook_id: str
) -> None:
    """Its events not yet sent are dropped; an attempt in flight is not recorded."""
    await policy.admin_membership(ctx.session, user, business_center_id)
    webhook = await _webhook(ctx, business_center_id, webhook_id)
    await repository.delete_webhook(ctx.session, webhook.id)
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="webhook.deleted",
        target_type="webhook",
        target_id=webhook.id,
        detail={"url": webhook.url},
    )


async def list_deliveries(
    ctx: Context, user: UserPrincipal, business_center_id: str, webhook_id: str, page: PageRequest
) -> Page[DeliveryRead]:
    await policy.admin_membership(ctx.session, user, business_center_id)
    webhook = await _webhook(ctx, business_center_id, webhook_id)
    rows = await repository.deliveries_page(ctx.session, webhook.id, page)
    return page.page(rows, DeliveryRead.model_validate, key=lambda delivery: delivery.id)
