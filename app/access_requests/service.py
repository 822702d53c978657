"""Step 1: access requests and their QR codes (SPEC section 4)."""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.access_requests import repository
from app.access_requests.models import AccessRequest
from app.access_requests.qr_images import ImageFormat, QrCard, render_qr_card, render_qr_code
from app.access_requests.schemas import AccessRequestCreate, AccessRequestRead
from app.audit.service import Actor, record
from app.business_centers import policy
from app.business_centers import repository as business_centers
from app.core.context import Context
from app.core.enums import AccessRequestStatus, permissions_for
from app.core.errors import AppError, ErrorCode, not_found
from app.core.ids import new_id
from app.core.metrics import count_resolved
from app.core.pagination import Page, PageRequest
from app.users.principal import UserPrincipal


def effective_status(access_request: AccessRequest, now: datetime) -> AccessRequestStatus:
    """A pending request whose time has passed reads as EXPIRED, everywhere, at once."""
    if access_request.status is AccessRequestStatus.PENDING and access_request.expires_at <= now:
        return AccessRequestStatus.EXPIRED
    return access_request.status


def ensure_scannable(access_request: AccessRequest, now: datetime) -> None:
    """Raise the SPEC's error for a QR code that can no longer be used."""
    match effective_status(access_request, now):
        case AccessRequestStatus.PENDING:
            return
        case AccessRequestStatus.EXPIRED:
            raise AppError(ErrorCode.QR_CODE_EXPIRED, "This QR code has expired.")
        case AccessRequestStatus.CANCELED:
            raise AppError(ErrorCode.ACCESS_REQUEST_CANCELED, "This access request was canceled.")
        case _:
            raise AppError(ErrorCode.QR_CODE_ALREADY_USED, "This QR code has already been used.")


def to_read(ctx: Context, access_request: AccessRequest) -> AccessRequestRead:
    return AccessRequestRead(
        id=access_request.id,
        business_center_id=access_request.business_center_id,
        scope=access_request.scope,
        permissions=permissions_for([access_request.scope]),
        status=effective_status(access_request, ctx.now()),
        qr_code_url=ctx.qr_codes.url_for(access_request.id),
        expires_at=access_request.expires_at,
        created_by_member_id=access_request.created_by_member_id,
        created_at=access_request.created_at,
        resolved_at=access_request.resolved_at,
        tiktok_account_id=access_request.tiktok_account_id,
    )


def create(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: AccessRequestCreate
) -> AccessRequestRead:
    member = policy.admin_membership(ctx.session, user, business_center_id)
    now = ctx.now()
    request_id = new_id()
    access_request = AccessRequest(
        id=request_id,
        business_center_id=business_center_id,
        scope=body.scope,
        status=AccessRequestStatus.PENDING,
        code_digest=ctx.qr_codes.digest(ctx.qr_codes.code_for(request_id)),
        expires_at=now + timedelta(seconds=ctx.settings.qr_code_ttl_seconds),
        created_by_member_id=member.id,
        created_at=now,
    )
    ctx.session.add(access_request)
    ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="access_request.created",
        target_type="access_request",
        target_id=request_id,
        detail={"scope": body.scope},
    )
    return to_read(ctx, access_request)


def _visible(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequest:
    policy.admin_membership(ctx.session, user, business_center_id)
    access_request = repository.get(ctx.session, business_center_id, request_id)
    if access_request is None:
        raise not_found("Access request")
    return access_request


def list_requests(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    status: AccessRequestStatus | None,
    page: PageRequest,
) -> Page[AccessRequestRead]:
    policy.admin_membership(ctx.session, user, business_center_id)
    rows = repository.page(ctx.session, business_center_id, status, ctx.now(), page)
    return page.page(rows, lambda row: to_read(ctx, row), key=lambda row: row.id)


def get(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequestRead:
    return to_read(ctx, _visible(ctx, user, business_center_id, request_id))


@dataclass(frozen=True, slots=True)
class Image:
    """An image that is rendered only when the client does not already have it."""

    etag: str
    media_type: str
    render: Callable[[], bytes]


# Bump when the renderer's output changes, so clients do not keep an old image.
RENDERER_VERSION = 1
# Rendering is pure, so a rendered image can be kept as long as its inputs are the same:
# the inputs are the key, and no replica can hold a stale one.
_render_qr_code = functools.lru_cache(maxsize=256)(render_qr_code)
_render_qr_card = functools.lru_cache(maxsize=256)(render_qr_card)


def _etag(*inputs: object) -> str:
    digest = hashlib.sha256(repr((RENDERER_VERSION, *inputs)).encode()).hexdigest()
    return f'"{digest[:32]}"'


def qr_code(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    request_id: str,
    image_format: ImageFormat,
) -> Image:
    access_request = _visible(ctx, user, business_center_id, request_id)
    ensure_scannable(access_request, ctx.now())
    url = ctx.qr_codes.url_for(access_request.id)
    return Image(
        etag=_etag("qr-code", url, image_format),
        media_type=image_format.media_type,
        render=lambda: _render_qr_code(url, image_format),
    )


def qr_card(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    request_id: str,
    image_format: ImageFormat,
) -> Image:
    access_request = _visible(ctx, user, business_center_id, request_id)
    ensure_scannable(access_request, ctx.now())
    bc = business_centers.get(ctx.session, business_center_id)
    assert bc is not None
    card = QrCard(
        qr_code_url=ctx.qr_codes.url_for(access_request.id),
        business_center_name=bc.name,
        permissions=[str(p) for p in permissions_for([access_request.scope])],
        scope=access_request.scope,
        expires_at=access_request.expires_at,
    )
    return Image(
        etag=_etag("qr-card", card, image_format),
        media_type=image_format.media_type,
        render=lambda: _render_qr_card(card, image_format),
    )


def cancel(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequestRead:
    access_request = repository.lock(
        ctx.session, _visible(ctx, user, business_center_id, request_id)
    )
    if effective_status(access_request, ctx.now()) is not AccessRequestStatus.PENDING:
        raise AppError(
            ErrorCode.ACCESS_REQUEST_NOT_PENDING, "Only a pending access request can be canceled."
        )
    access_request.status = AccessRequestStatus.CANCELED
    access_request.resolved_at = ctx.now()
    count_resolved(ctx.session, access_request.status)  # once the cancellation commits
    ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="access_request.canceled",
        target_type="access_request",
        target_id=access_request.id,
    )
    return to_read(ctx, access_request)
