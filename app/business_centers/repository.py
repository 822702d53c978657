from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from app.business_centers.models import AdAccount, AdAccountMember, BusinessCenter, Member
from app.core.enums import AdAccountRole, BcRole
from app.core.pagination import PageRequest
from app.users.models import User


def get(session: Session, business_center_id: str) -> BusinessCenter | None:
    return session.get(BusinessCenter, business_center_id)


def lock(session: Session, business_center_id: str) -> None:
    """Serialize changes that count rows of this BC (admins, authorizations).

    PostgreSQL takes a row lock; SQLite's write transactions are already serial.
    """
    session.execute(
        select(BusinessCenter.id).where(BusinessCenter.id == business_center_id).with_for_update()
    )


def member_of_user(session: Session, business_center_id: str, user_id: str) -> Member | None:
    return session.scalars(
        select(Member).where(
            Member.business_center_id == business_center_id, Member.user_id == user_id
        )
    ).one_or_none()


def member_with_user(
    session: Session, business_center_id: str, member_id: str, *, share_lock: bool = False
) -> tuple[Member, User] | None:
    """`share_lock` keeps the member from being removed until the caller commits."""
    stmt = (
        select(Member, User)
        .join(User, User.id == Member.user_id)
        .where(Member.business_center_id == business_center_id, Member.id == member_id)
    )
    if share_lock:
        stmt = stmt.with_for_update(read=True, of=Member)
    row = session.execute(stmt).one_or_none()
    return None if row is None else (row[0], row[1])


def members_page(
    session: Session, business_center_id: str, page: PageRequest
) -> list[tuple[Member, User]]:
    stmt = (
        select(Member, User)
        .join(User, User.id == Member.user_id)
        .where(Member.business_center_id == business_center_id)
    )
    return [(m, u) for m, u in session.execute(page.apply(stmt, Member.id))]


def count_admins(session: Session, business_center_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Member)
            .where(Member.business_center_id == business_center_id, Member.role == BcRole.ADMIN)
        )
        or 0
    )


def delete_member(session: Session, member_id: str) -> None:
    # Its assignments and ad-account roles go with it (ON DELETE CASCADE).
    session.execute(delete(Member).where(Member.id == member_id))


def get_ad_account(
    session: Session, business_center_id: str, ad_account_id: str, *, lock: bool = False
) -> AdAccount | None:
    """`lock` serializes role changes on the ad account."""
    stmt = select(AdAccount).where(
        AdAccount.business_center_id == business_center_id, AdAccount.id == ad_account_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def ad_accounts_page(
    session: Session, business_center_id: str, member_id: str, *, only_mine: bool, page: PageRequest
) -> list[tuple[AdAccount, AdAccountRole | None]]:
    role_of_member = and_(
        AdAccountMember.ad_account_id == AdAccount.id, AdAccountMember.member_id == member_id
    )
    stmt = (
        select(AdAccount, AdAccountMember.role)
        .join(AdAccountMember, role_of_member, isouter=not only_mine)
        .where(AdAccount.business_center_id == business_center_id)
    )
    return [(a, r) for a, r in session.execute(page.apply(stmt, AdAccount.id))]


def get_ad_account_member(
    session: Session, ad_account_id: str, member_id: str
) -> AdAccountMember | None:
    return session.get(AdAccountMember, (ad_account_id, member_id))
