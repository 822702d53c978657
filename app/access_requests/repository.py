from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.access_requests.models import AccessRequest
from app.core.db import Rows, Statement, utc_from_driver
from app.core.enums import AccessRequestStatus, BcRole, Scope
from app.core.pagination import PageRequest


def get(session: Session, business_center_id: str, request_id: str) -> AccessRequest | None:
    return session.scalars(
        select(AccessRequest).where(
            AccessRequest.business_center_id == business_center_id,
            AccessRequest.id == request_id,
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


def image_subject(
    rows: Rows, user_id: str, business_center_id: str, request_id: str
) -> tuple[BcRole | None, ImageSubject | None]:
    """The caller's role in the BC (None: no member) and the BC's request (None: no such)."""
    found = rows(
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


def by_code_digest(
    session: Session, code_digest: str, *, lock: bool = False
) -> AccessRequest | None:
    """The request a QR code belongs to; `lock` holds its row until the transaction ends."""
    stmt = select(AccessRequest).where(AccessRequest.code_digest == code_digest)
    if lock:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def lock(session: Session, access_request: AccessRequest) -> AccessRequest:
    """Re-read the row under a lock, so a decision about it cannot race another."""
    session.refresh(access_request, with_for_update=True)
    return access_request


def page(
    session: Session,
    business_center_id: str,
    status: AccessRequestStatus | None,
    now: datetime,
    page: PageRequest,
) -> list[AccessRequest]:
    stmt = select(AccessRequest).where(AccessRequest.business_center_id == business_center_id)
    pending = AccessRequest.status == AccessRequestStatus.PENDING
    # Expiry is read, never written: a pending request past its time *is* expired.
    if status is AccessRequestStatus.PENDING:
        stmt = stmt.where(pending, AccessRequest.expires_at > now)
    elif status is AccessRequestStatus.EXPIRED:
        stmt = stmt.where(
            or_(
                AccessRequest.status == AccessRequestStatus.EXPIRED,
                and_(pending, AccessRequest.expires_at <= now),
            )
        )
    elif status is not None:
        stmt = stmt.where(AccessRequest.status == status)
    return list(session.scalars(page.apply(stmt, AccessRequest.id)))


def count_unresolved(session: Session, now: datetime) -> dict[AccessRequestStatus, int]:
    """How many requests, across all BCs, are PENDING and how many read as EXPIRED (metrics)."""
    pending = AccessRequest.status == AccessRequestStatus.PENDING
    expired = or_(
        AccessRequest.status == AccessRequestStatus.EXPIRED,
        and_(pending, AccessRequest.expires_at <= now),
    )
    scannable, past_expiry = session.execute(
        select(
            func.count().filter(and_(pending, AccessRequest.expires_at > now)),
            func.count().filter(expired),
        ).where(
            AccessRequest.status.in_([AccessRequestStatus.PENDING, AccessRequestStatus.EXPIRED])
        )
    ).one()
    return {AccessRequestStatus.PENDING: scannable, AccessRequestStatus.EXPIRED: past_expiry}
