"""Events for the webhooks: called by the services where they happen, in the same unit of work.

Each event becomes one outbox row per webhook of the BC, in the transaction of the change that
caused it: a change that rolls back sends nothing, and one that commits is sent, later, by the
background sender (`app/webhooks/delivery.py`), never on the request's own time.
"""

from typing import Any

from app.access_requests.models import AccessRequest
from app.authorizations.models import Authorization
from app.core.context import Context
from app.core.db import utcnow
from app.core.enums import permissions_for
from app.core.ids import new_id
from app.webhooks import repository
from app.webhooks.models import WebhookEventType, WebhookOutbox
from app.webhooks.schemas import WebhookEvent


async def emit(
    ctx: Context, business_center_id: str, event_type: WebhookEventType, data: dict[str, Any]
) -> None:
    webhook_ids = await repository.ids_of(ctx.session, business_center_id)
    if not webhook_ids:
        return
    event = WebhookEvent(
        id=new_id(),
        type=event_type,
        occurred_at=ctx.now(),
        business_center_id=business_center_id,
        data=data,
    )
    payload = event.model_dump_json()
    # The sender waits in real time, so its schedule is on the wall clock, not the app's clock.
    now = utcnow()
    for webhook_id in webhook_ids:
        ctx.session.add(
            WebhookOutbox(
                webhook_id=webhook_id,
                event_id=event.id,
                event_type=event_type,
                payload=payload,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    await ctx.session.flush()


async def access_request_resolved(
    ctx: Context, access_request: AccessRequest, authorization: Authorization | None
) -> None:
    """The owner's decision on a QR code: `authorization` is the one granted or widened."""
    event_type = (
        WebhookEventType.ACCESS_REQUEST_DECLINED
        if authorization is None
        else WebhookEventType.ACCESS_REQUEST_AUTHORIZED
    )
    await emit(
        ctx,
        access_request.business_center_id,
        event_type,
        {
            "access_request_id": access_request.id,
            "status": access_request.status,
            "scope": access_request.scope,
            "permissions": permissions_for([access_request.scope]),
            "resolved_at": access_request.resolved_at,
            "tiktok_account_id": None if authorization is None else authorization.tiktok_account_id,
            "authorization_id": None if authorization is None else authorization.id,
            "scopes": None if authorization is None else authorization.scopes,
        },
    )


async def authorization_revoked(ctx: Context, authorization: Authorization) -> None:
    await emit(
        ctx,
        authorization.business_center_id,
        WebhookEventType.AUTHORIZATION_REVOKED,
        {
            "authorization_id": authorization.id,
            "tiktok_account_id": authorization.tiktok_account_id,
            "scopes": authorization.scopes,
            "revoked_by": authorization.revoked_by,
            "revoked_at": authorization.revoked_at,
        },
    )
