from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.authorizations.models import Authorization
from app.business_centers.models import BusinessCenter
from app.core.enums import AuthorizationStatus
from app.core.pagination import PageRequest

_ACTIVE = Authorization.status == AuthorizationStatus.ACTIVE


def active_for(
    session: Session, business_center_id: str, tiktok_account_id: str
) -> Authorization | None:
    return session.scalars(
        select(Authorization).where(
            Authorization.business_center_id == business_center_id,
            Authorization.tiktok_account_id == tiktok_account_id,
            _ACTIVE,
        )
    ).one_or_none()


def count_active_for_account(session: Session, tiktok_account_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Authorization)
            .where(Authorization.tiktok_account_id == tiktok_account_id, _ACTIVE)
        )
        or 0
    )


def count_active_for_business_center(session: Session, business_center_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Authorization)
            .where(Authorization.business_center_id == business_center_id, _ACTIVE)
        )
        or 0
    )


def of_account(
    session: Session, tiktok_account_id: str, authorization_id: str, *, lock: bool = False
) -> Authorization | None:
    stmt = select(Authorization).where(
        Authorization.tiktok_account_id == tiktok_account_id, Authorization.id == authorization_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def page_of_account(
    session: Session, tiktok_account_id: str, status: AuthorizationStatus, page: PageRequest
) -> list[tuple[Authorization, str]]:
    stmt = (
        select(Authorization, BusinessCenter.name)
        .join(BusinessCenter, BusinessCenter.id == Authorization.business_center_id)
        .where(Authorization.tiktok_account_id == tiktok_account_id, Authorization.status == status)
    )
    return [(a, name) for a, name in session.execute(page.apply(stmt, Authorization.id))]
