from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.business_centers.models import AdAccount, AdAccountMember, BusinessCenter, Member
from app.core.db import Fetch, utc_from_driver
from app.core.enums import AdAccountRole, BcRole
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page
from app.users.models import User


async def get(session: AsyncSession, business_center_id: str) -> BusinessCenter | None:
    return await session.get(BusinessCenter, business_center_id)


async def lock(session: AsyncSession, business_center_id: str) -> None:
    """Serialize changes that count rows of this BC (admins, authorizations).

    PostgreSQL takes a row lock; SQLite's write transactions are already serial.
    """
    await session.execute(
        select(BusinessCenter.id).where(BusinessCenter.id == business_center_id).with_for_update()
    )


async def member_of_user(
    session: AsyncSession, business_center_id: str, user_id: str
) -> Member | None:
    return (
        await session.scalars(
            select(Member).where(
                Member.business_center_id == business_center_id, Member.user_id == user_id
            )
        )
    ).one_or_none()


async def member_with_user(
    session: AsyncSession, business_center_id: str, member_id: str, *, share_lock: bool = False
) -> tuple[Member, User] | None:
    """`share_lock` keeps the member from being removed until the caller commits."""
    stmt = (
        select(Member, User)
        .join(User, User.id == Member.user_id)
        .where(Member.business_center_id == business_center_id, Member.id == member_id)
    )
    if share_lock:
        stmt = stmt.with_for_update(read=True, of=Member)
    row = (await session.execute(stmt)).one_or_none()
    return None if row is None else (row[0], row[1])


async def count_admins(session: AsyncSession, business_center_id: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Member)
            .where(Member.business_center_id == business_center_id, Member.role == BcRole.ADMIN)
        )
        or 0
    )


async def delete_member(session: AsyncSession, member_id: str) -> None:
    # Its assignments and ad-account roles go with it (ON DELETE CASCADE).
    await session.execute(delete(Member).where(Member.id == member_id))


async def get_ad_account(
    session: AsyncSession, business_center_id: str, ad_account_id: str, *, lock: bool = False
) -> AdAccount | None:
    """`lock` serializes role changes on the ad account."""
    stmt = select(AdAccount).where(
        AdAccount.business_center_id == business_center_id, AdAccount.id == ad_account_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def ad_accounts_page(
    session: AsyncSession,
    business_center_id: str,
    member_id: str,
    *,
    only_mine: bool,
    page: PageRequest,
) -> list[tuple[AdAccount, AdAccountRole | None]]:
    role_of_member = and_(
        AdAccountMember.ad_account_id == AdAccount.id, AdAccountMember.member_id == member_id
    )
    stmt = (
        select(AdAccount, AdAccountMember.role)
        .join(AdAccountMember, role_of_member, isouter=not only_mine)
        .where(AdAccount.business_center_id == business_center_id)
    )
    return [(a, r) for a, r in await session.execute(page.apply(stmt, AdAccount.id))]


async def get_ad_account_member(
    session: AsyncSession, ad_account_id: str, member_id: str
) -> AdAccountMember | None:
    return await session.get(AdAccountMember, (ad_account_id, member_id))


# The caller's role in the BC (no row: not a member) and a page of its members with their
# users: one statement, the page taken from the index (business_center_id, id) at the cursor.
_MEMBERS_PAGE = PageStatement(
    """
SELECT me.role, p.id, p.user_id, p.email, p.display_name, p.role, p.created_at
FROM members AS me
LEFT JOIN (
  SELECT m.id, m.user_id, u.email, u.display_name, m.role, m.created_at
  FROM members AS m
  JOIN users AS u ON u.id = m.user_id
  WHERE m.business_center_id = :business_center_id {after}
  ORDER BY m.id DESC
  LIMIT :limit
) AS p ON 1 = 1
WHERE me.business_center_id = :business_center_id AND me.user_id = :user_id
ORDER BY p.id DESC
""",
    "m.id",
)


@dataclass(frozen=True, slots=True)
class StoredMember:
    id: str
    user_id: str
    email: str
    display_name: str
    role: BcRole
    created_at: datetime


async def members_page(
    fetch: Fetch, user_id: str, business_center_id: str, page: PageRequest
) -> tuple[BcRole | None, list[StoredMember]]:
    """The caller's role in the BC (None: not a member) and the page's members."""
    found = await fetch_guarded_page(
        fetch, _MEMBERS_PAGE, page, {"user_id": user_id, "business_center_id": business_center_id}
    )
    if found is None:
        return None, []
    (my_role,), rows = found
    members = [
        StoredMember(member_id, member_user, email, name, BcRole(role), utc_from_driver(created))
        for member_id, member_user, email, name, role, created in rows
    ]
    return BcRole(my_role), members
