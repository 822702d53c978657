from fastapi import APIRouter, Response, status

from app.core.context import Ctx
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.users.dependencies import CurrentUser
from app.webhooks import service
from app.webhooks.schemas import DeliveryRead, WebhookCreate, WebhookCreated, WebhookRead

router = APIRouter(
    route_class=UnitOfWorkRoute,
    prefix="/v1/business-centers/{bc_id}/webhooks",
    tags=["Webhooks"],
)

_ADMIN_DOES = (ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)

_DELIVERY = """
Events: `access_request.authorized` and `access_request.declined` (the owner's decision on
a QR code), `authorization.revoked` (by the owner or by the BC). Each is POSTed as JSON
`{"id", "type", "occurred_at", "business_center_id", "data": {...}}` with the headers
`X-Webhook-Id` (the event id: the same on every retry, so a receiver can drop duplicates),
`X-Webhook-Timestamp` (Unix seconds) and `X-Webhook-Signature: sha256=<hex>`, the
HMAC-SHA256, under the webhook's secret, of `"{timestamp}.{body}"`. Check it in constant
time and refuse old timestamps.

Any 2xx answer is a delivery; anything else (another status, a timeout, a refused address)
is retried with exponential backoff (1 s, 2 s, 4 s...) up to `WEBHOOKS_MAX_ATTEMPTS`
attempts. Redirects are not followed.
"""


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Register a webhook",
    description="Admin only. The URL must be `https`, and its host must not be, or resolve to, "
    "a loopback, private, link-local or reserved address (422 `VALIDATION_ERROR`); the host "
    "is resolved and checked again before every delivery. The response shows the signing "
    "`secret` this once. At most `MAX_WEBHOOKS_PER_BC` (10) per BC: 409 `LIMIT_EXCEEDED`.\n"
    + _DELIVERY,
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.LIMIT_EXCEEDED),
)
async def create_webhook(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, body: WebhookCreate
) -> WebhookCreated:
    return await service.register(ctx, user, bc_id, body)


@router.get(
    "",
    summary="List webhooks",
    description="Admin only. The BC's webhooks, newest first, without their secrets.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def list_webhooks(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, page: Pagination
) -> Page[WebhookRead]:
    return await service.list_webhooks(ctx, user, bc_id, page)


@router.delete(
    "/{webhook_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a webhook",
    description="Admin only. Events not yet delivered to it are dropped, and its delivery "
    "record goes with it.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def delete_webhook(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, webhook_id: LookupId
) -> Response:
    await service.delete(ctx, user, bc_id, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{webhook_id}/deliveries",
    summary="List a webhook's delivery attempts",
    description="Admin only. Every attempt, newest first: the event, the attempt number, the "
    "receiver's status code or the error, and the `outcome`: `DELIVERED`, `WILL_RETRY`, or "
    "`GAVE_UP` after the last attempt.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def list_webhook_deliveries(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, webhook_id: LookupId, page: Pagination
) -> Page[DeliveryRead]:
    return await service.list_deliveries(ctx, user, bc_id, webhook_id, page)
