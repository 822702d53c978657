"""Step 1: access requests and their QR codes (SPEC section 4)."""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from anyio import to_thread

from app.access_requests import repository
from app.access_requests.models import AccessRequest
from app.access_requests.qr_images import ImageFormat, QrCard, render_qr_card, render_qr_code
from app.access_requests.repository import ImageSubject, StoredRequest
from app.access_requests.schemas import AccessRequestCreate, AccessRequestRead
from app.audit.service import Actor, record
from app.business_centers import policy
from app.core.context import Context, Runtime
from app.core.db import Fetch
from app.core.enums import AccessRequestStatus, permissions_for
from app.core.errors import AppError, ErrorCode, not_found
from app.core.ids import new_id
from app.core.metrics import count_resolved
from app.core.pagination import Page, PageRequest
from app.users.principal import UserPrincipal


class Expiring(Protocol):
    """An access request, stored or as a statement read it."""

    @property
    def status(self) -> AccessRequestStatus: ...

    @property
    def expires_at(self) -> datetime: ...


def effective_status(access_request: Expiring, now: datetime) -> AccessRequestStatus:
    """A pending request whose time has passed reads as EXPIRED, everywhere, at once."""
    if access_request.status is AccessRequestStatus.PENDING and access_request.expires_at <= now:
        return AccessRequestStatus.EXPIRED
    return access_request.status


def ensure_scannable(access_request: Expiring, now: datetime) -> None:
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


def to_read(runtime: Runtime, access_request: AccessRequest | StoredRequest) -> AccessRequestRead:
    return AccessRequestRead(
        id=access_request.id,
        business_center_id=access_request.business_center_id,
        scope=access_request.scope,
        permissions=permissions_for([access_request.scope]),
        status=effective_status(access_request, runtime.clock()),
        qr_code_url=runtime.qr_codes.url_for(access_request.id),
        expires_at=access_request.expires_at,
        created_by_member_id=access_request.created_by_member_id,
        created_at=access_request.created_at,
        resolved_at=access_request.resolved_at,
        tiktok_account_id=access_request.tiktok_account_id,
    )


async def create(
    ctx: Context, user: UserPrincipal, business_center_id: str, body: AccessRequestCreate
) -> AccessRequestRead:
    member = await policy.admin_membership(ctx.session, user, business_center_id)
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
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="access_request.created",
        target_type="access_request",
        target_id=request_id,
        detail={"scope": body.scope},
    )
    return to_read(ctx.runtime, access_request)


async def _visible(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequest:
    await policy.admin_membership(ctx.session, user, business_center_id)
    access_request = await repository.get(ctx.session, business_center_id, request_id)
    if access_request is None:
        raise not_found("Access request")
    return access_request


async def list_requests(
    runtime: Runtime,
    fetch: Fetch,
    user: UserPrincipal,
    business_center_id: str,
    status: AccessRequestStatus | None,
    page: PageRequest,
) -> Page[AccessRequestRead]:
    """Agencies page through long histories: one statement, which the route runs outside any
    unit of work (`Database.fetch`)."""
    role, requests = await repository.page(
        fetch, user.id, business_center_id, status, runtime.clock(), page
    )
    policy.require_admin_role(role)
    return page.page(requests, lambda row: to_read(runtime, row), key=lambda row: row.id)


async def get(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequestRead:
    return to_read(ctx.runtime, await _visible(ctx, user, business_center_id, request_id))


@dataclass(frozen=True, slots=True)
class Image:
    """An image that is rendered only when the client does not already have it."""

    etag: str
    media_type: str
    render: Callable[[], Awaitable[bytes]]


# Bump when the renderer's output changes, so clients do not keep an old image.
RENDERER_VERSION = 2


class _RenderedImages:
    """Rendered images kept by their inputs. Rendering is pure, so an image is good for as long
    as its inputs are the same, and no replica can hold a stale one. A miss renders in a worker
    thread (a card takes milliseconds of CPU); a hit costs a dictionary lookup."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._images: OrderedDict[object, bytes] = OrderedDict()
        self._lock = threading.Lock()

    async def get(self, key: object, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            image = self._images.get(key)
            if image is not None:
                self._images.move_to_end(key)
                return image
        image = await to_thread.run_sync(render)
        with self._lock:
            self._images[key] = image
            if len(self._images) > self._size:
                self._images.popitem(last=False)
        return image


_rendered = _RenderedImages(size=512)


def _etag(*inputs: object) -> str:
    digest = hashlib.sha256(repr((RENDERER_VERSION, *inputs)).encode()).hexdigest()
    return f'"{digest[:32]}"'


async def _image_subject(
    runtime: Runtime, user: UserPrincipal, business_center_id: str, request_id: str
) -> ImageSubject:
    """A request whose QR code can still be scanned, for an admin of its BC. The images are
    fetched again and again, so this is one statement outside any unit of work."""
    role, subject = await repository.image_subject(
        runtime.database.fetch, user.id, business_center_id, request_id
    )
    policy.require_admin_role(role)
    if subject is None:
        raise not_found("Access request")
    ensure_scannable(subject, runtime.clock())
    return subject


async def qr_code(
    runtime: Runtime,
    user: UserPrincipal,
    business_center_id: str,
    request_id: str,
    image_format: ImageFormat,
) -> Image:
    subject = await _image_subject(runtime, user, business_center_id, request_id)
    url = runtime.qr_codes.url_for(subject.id)
    key = ("qr-code", url, image_format)
    return Image(
        etag=_etag(*key),
        media_type=image_format.media_type,
        render=lambda: _rendered.get(key, lambda: render_qr_code(url, image_format)),
    )


async def qr_card(
    runtime: Runtime,
    user: UserPrincipal,
    business_center_id: str,
    request_id: str,
    image_format: ImageFormat,
    language: str,
) -> Image:
    subject = await _image_subject(runtime, user, business_center_id, request_id)
    card = QrCard(
        qr_code_url=runtime.qr_codes.url_for(subject.id),
        business_center_name=subject.business_center_name,
        permissions=[str(p) for p in permissions_for([subject.scope])],
        scope=subject.scope,
        expires_at=subject.expires_at,
        language=language,  # the card's texts, so the ETag and the cache key cover it
    )
    key = ("qr-card", card, image_format)
    return Image(
        etag=_etag(*key),
        media_type=image_format.media_type,
        render=lambda: _rendered.get(key, lambda: render_qr_card(card, image_format)),
    )


async def cancel(
    ctx: Context, user: UserPrincipal, business_center_id: str, request_id: str
) -> AccessRequestRead:
    access_request = await repository.lock(
        ctx.session, await _visible(ctx, user, business_center_id, request_id)
    )
    if effective_status(access_request, ctx.now()) is not AccessRequestStatus.PENDING:
        raise AppError(
            ErrorCode.ACCESS_REQUEST_NOT_PENDING, "Only a pending access request can be canceled."
        )
    access_request.status = AccessRequestStatus.CANCELED
    access_request.resolved_at = ctx.now()
    count_resolved(ctx.session, access_request.status)  # once the cancellation commits
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=Actor.user(user.id),
        action="access_request.canceled",
        target_type="access_request",
        target_id=access_request.id,
    )
    return to_read(ctx.runtime, access_request)
