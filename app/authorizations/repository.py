from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.assignments.models import Assignment
from app.authorizations.models import Authorization
from app.business_centers.models import BusinessCenter
from app.core.enums import AuthorizationStatus
from app.core.pagination import PageRequest
from app.tiktok_app.models import TikTokAccount

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


def current_for_pair(
    session: Session, business_center_id: str, tiktok_account_id: str
) -> Authorization | None:
    """The BC's latest authorization for the account, ACTIVE or REVOKED: the one that counts."""
    return session.scalars(
        select(Authorization)
        .where(
            Authorization.business_center_id == business_center_id,
            Authorization.tiktok_account_id == tiktok_account_id,
        )
        .order_by(Authorization.id.desc())
        .limit(1)
    ).one_or_none()


def lock(session: Session, authorization: Authorization) -> Authorization:
    """Re-read under a row lock: assignments and revocation of one authorization are serial."""
    session.refresh(authorization, with_for_update=True)
    return authorization


def share_lock(session: Session, authorization_id: str) -> Authorization | None:
    """Read under a shared lock: a revocation waits until the reader's change commits."""
    return session.scalars(
        select(Authorization).where(Authorization.id == authorization_id).with_for_update(read=True)
    ).one_or_none()


def business_center_page(
    session: Session,
    business_center_id: str,
    member_id: str,
    status: AuthorizationStatus,
    *,
    only_assigned: bool,
    page: PageRequest,
) -> list[tuple[Authorization, TikTokAccount, Assignment | None]]:
    """The BC's TikTok accounts by their current authorization, with the member's assignment."""
    newer = aliased(Authorization)
    is_current = ~exists().where(
        newer.business_center_id == Authorization.business_center_id,
        newer.tiktok_account_id == Authorization.tiktok_account_id,
        newer.id > Authorization.id,
    )
    mine = and_(Assignment.authorization_id == Authorization.id, Assignment.member_id == member_id)
    stmt = (
        select(Authorization, TikTokAccount, Assignment)
        .join(TikTokAccount, TikTokAccount.id == Authorization.tiktok_account_id)
        .join(Assignment, mine, isouter=not only_assigned)
        .where(
            Authorization.business_center_id == business_center_id, Authorization.status == status
        )
    )
    if status is AuthorizationStatus.REVOKED:
        stmt = stmt.where(is_current)
    return [(a, t, m) for a, t, m in session.execute(page.apply(stmt, Authorization.id))]
