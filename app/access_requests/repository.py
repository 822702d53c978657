from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.access_requests.models import AccessRequest
from app.core.db import Fetch, Statement, utc_from_driver
from app.core.enums import AccessRequestStatus, BcRole, Scope
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page


async def get(
    session: AsyncSession, business_center_id: str, request_id: str
) -> AccessRequest | None:
    return (
        await session.scalars(
            select(AccessRequest).where(
                AccessRequest.business_center_id == business_center_id,
                AccessRequest.id == request_id,
            )
        )
    ).one_or_none()


@dataclass(frozen=True, slots=True)
class ImageSubject:
    """What a QR image of a request shows, and whether it may be shown."""

    id: str
    scope: Scope
    status: AccessRequestStatus
    expires_at: datetime
    business_center_name: str


# A request's QR images are fetched again and again (the admin's page, the copied card): the
# caller's role and the request, in one statement run by the driver.
_IMAGE_SUBJECT = Statement("""
SELECT m.role, ar.id, ar.scope, ar.status, ar.expires_at, bc.name
FROM business_centers AS bc
JOIN members AS m ON m.business_center_id = bc.id AND m.user_id = :user_id
LEFT JOIN access_requests AS ar ON ar.business_center_id = bc.id AND ar.id = :request_id
WHERE bc.id = :business_center_id
""")


async def image_subject(
    fetch: Fetch, user_id: str, business_center_id: str, request_id: str
) -> tuple[BcRole | None, ImageSubject | None]:
    """The caller's role in the BC (None: no member) and the BC's request (None: no such)."""
    found = await fetch(
        _IMAGE_SUBJECT,
        {"user_id": user_id, "business_center_id": business_center_id, "request_id": request_id},
    )
    if not found:
        return None, None
    role, ar_id, scope, status, expires_at, bc_name = found[0]
    if ar_id is None:
        return BcRole(role), None
    subject = ImageSubject(
        id=ar_id,
        scope=Scope(scope),
        status=AccessRequestStatus(status),
        expires_at=utc_from_driver(expires_at),
        business_center_name=bc_name,
    )
    return BcRole(role), subject


async def by_code_digest(
    session: AsyncSession, code_digest: str, *, lock: bool = False
) -> AccessRequest | None:
    """The request a QR code belongs to; `lock` holds its row until the transaction ends."""
    stmt = select(AccessRequest).where(AccessRequest.code_digest == code_digest)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def lock(session: AsyncSession, access_request: AccessRequest) -> AccessRequest:
    """Re-read the row under a lock, so a decision about it cannot race another."""
    await session.refresh(access_request, with_for_update=True)
    return access_request


def _requests_page(condition: str) -> PageStatement:
    """The caller's role in the BC (no row: not a member) and, for an admin, a page of the
    BC's requests that meet `condition`: one statement, the page taken from the index
    (business_center_id, id) at the cursor."""
    return PageStatement(
        f"""
SELECT me.role, r.id, r.scope, r.status, r.expires_at, r.created_by_member_id, r.created_at,
       r.resolved_at, r.tiktok_account_id
FROM members AS me
LEFT JOIN (
  SELECT id, scope, status, expires_at, created_by_member_id, created_at, resolved_at,
         tiktok_account_id
  FROM access_requests
  WHERE business_center_id = :business_center_id {condition} {{after}}
  ORDER BY id DESC
  LIMIT :limit
) AS r ON me.role = 'ADMIN'
WHERE me.business_center_id = :business_center_id AND me.user_id = :user_id
ORDER BY r.id DESC
""",  # noqa: S608 (the conditions are ours, below; values are bound)
        "id",
        timestamps=["now"],
    )


# Expiry is read, never written: a pending request past its time *is* expired.
_PAGES = {
    None: _requests_page(""),
    AccessRequestStatus.PENDING: _requests_page("AND status = 'PENDING' AND expires_at > :now"),
    AccessRequestStatus.EXPIRED: _requests_page(
        "AND (status = 'EXPIRED' OR (status = 'PENDING' AND expires_at <= :now))"
    ),
}
_PAGE_OF_STATUS = _requests_page("AND status = :status")


@dataclass(frozen=True, slots=True)
class StoredRequest:
    id: str
    business_center_id: str
    scope: Scope
    status: AccessRequestStatus
    expires_at: datetime
    created_by_member_id: str
    created_at: datetime
    resolved_at: datetime | None
    tiktok_account_id: str | None


async def page(
    fetch: Fetch,
    user_id: str,
    business_center_id: str,
    status: AccessRequestStatus | None,
    now: datetime,
    page: PageRequest,
) -> tuple[BcRole | None, list[StoredRequest]]:
    """The caller's role in the BC (None: not a member) and, for an admin, the page."""
    params: dict[str, object] = {"user_id": user_id, "business_center_id": business_center_id}
    if status in _PAGES:
        statement = _PAGES[status]
        if status is not None:
            params["now"] = now
    else:
        statement = _PAGE_OF_STATUS
        params["status"] = status
    found = await fetch_guarded_page(fetch, statement, page, params)
    if found is None:
        return None, []
    (role,), rows = found
    requests = [
        StoredRequest(
            id=request_id,
            business_center_id=business_center_id,
            scope=Scope(scope),
            status=AccessRequestStatus(stored_status),
            expires_at=utc_from_driver(expires_at),
            created_by_member_id=created_by,
            created_at=utc_from_driver(created_at),
            resolved_at=None if resolved_at is None else utc_from_driver(resolved_at),
            tiktok_account_id=tiktok_account_id,
        )
        for (
            request_id,
            scope,
            stored_status,
            expires_at,
            created_by,
            created_at,
            resolved_at,
            tiktok_account_id,
        ) in rows
    ]
    return BcRole(role), requests


async def count_unresolved(session: AsyncSession, now: datetime) -> dict[AccessRequestStatus, int]:
    """How many requests, across all BCs, are PENDING and how many read as EXPIRED (metrics)."""
    pending = AccessRequest.status == AccessRequestStatus.PENDING
    expired = or_(
        AccessRequest.status == AccessRequestStatus.EXPIRED,
        and_(pending, AccessRequest.expires_at <= now),
    )
    scannable, past_expiry = (
        await session.execute(
            select(
                func.count().filter(and_(pending, AccessRequest.expires_at > now)),
                func.count().filter(expired),
            ).where(
                AccessRequest.status.in_([AccessRequestStatus.PENDING, AccessRequestStatus.EXPIRED])
            )
        )
    ).one()
    return {AccessRequestStatus.PENDING: scannable, AccessRequestStatus.EXPIRED: past_expiry}
