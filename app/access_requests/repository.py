from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.access_requests.models import AccessRequest
from app.core.enums import AccessRequestStatus
from app.core.pagination import PageRequest


def get(session: Session, business_center_id: str, request_id: str) -> AccessRequest | None:
    return session.scalars(
        select(AccessRequest).where(
            AccessRequest.business_center_id == business_center_id,
            AccessRequest.id == request_id,
        )
    ).one_or_none()


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
