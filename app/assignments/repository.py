import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments.models import Assignment
from app.business_centers.models import Member
from app.core.db import Fetch, utc_from_driver
from app.core.enums import AssignmentRole, AuthorizationStatus, BcRole
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page
from app.users.models import User


async def get(session: AsyncSession, authorization_id: str, member_id: str) -> Assignment | None:
    return (
        await session.scalars(
            select(Assignment).where(
                Assignment.authorization_id == authorization_id, Assignment.member_id == member_id
            )
        )
    ).one_or_none()


async def for_members(
    session: AsyncSession, authorization_id: str, member_ids: Collection[str]
) -> dict[str, Assignment]:
    rows = await session.scalars(
        select(Assignment).where(
            Assignment.authorization_id == authorization_id, Assignment.member_id.in_(member_ids)
        )
    )
    return {assignment.member_id: assignment for assignment in rows}


async def members_with_users(
    session: AsyncSession, business_center_id: str, member_ids: Collection[str]
) -> dict[str, tuple[Member, User]]:
    """The BC's members among `member_ids`, held (shared) so none is removed mid-assignment."""
    rows = await session.execute(
        select(Member, User)
        .join(User, User.id == Member.user_id)
        .where(Member.business_center_id == business_center_id, Member.id.in_(member_ids))
        .with_for_update(read=True, of=Member)
    )
    return {member.id: (member, user) for member, user in rows}


async def remove(session: AsyncSession, assignment_id: str) -> None:
    await session.execute(delete(Assignment).where(Assignment.id == assignment_id))


# The caller's role in the BC (no row: not a member), the BC's current authorization for the
# account (its status; none: never authorized), whether the caller is assigned on it, and, for
# an admin, a page of its assignments with their members' users: one statement, the page
# taken from the index (authorization_id, id) at the cursor.
_PAGE = PageStatement(
    """
SELECT me.role, cur.status, mine.id, p.id, p.member_id, p.user_id, p.email, p.roles,
       p.assigned_at
FROM members AS me
LEFT JOIN authorizations AS cur
  ON cur.business_center_id = me.business_center_id
  AND cur.tiktok_account_id = :tiktok_account_id
  AND NOT EXISTS (
    SELECT 1 FROM authorizations AS newer
    WHERE newer.business_center_id = cur.business_center_id
      AND newer.tiktok_account_id = cur.tiktok_account_id
      AND newer.id > cur.id)
LEFT JOIN assignments AS mine ON mine.authorization_id = cur.id AND mine.member_id = me.id
LEFT JOIN (
  SELECT s.id, s.authorization_id, s.member_id, m.user_id, u.email,
         CAST(s.roles AS TEXT) AS roles, s.assigned_at
  FROM assignments AS s
  JOIN members AS m ON m.id = s.member_id
  JOIN users AS u ON u.id = m.user_id
  WHERE s.authorization_id = (
    SELECT id FROM authorizations
    WHERE business_center_id = :business_center_id AND tiktok_account_id = :tiktok_account_id
    ORDER BY id DESC
    LIMIT 1) {after}
  ORDER BY s.id DESC
  LIMIT :limit
) AS p ON me.role = 'ADMIN' AND p.authorization_id = cur.id
WHERE me.business_center_id = :business_center_id AND me.user_id = :user_id
ORDER BY p.id DESC
""",
    "s.id",
)


@dataclass(frozen=True, slots=True)
class StoredAssignment:
    id: str
    member_id: str
    user_id: str
    email: str
    roles: list[AssignmentRole]
    assigned_at: datetime


@dataclass(frozen=True, slots=True)
class AccountAssignments:
    """What the list of an account's assignments needs to know, and the page."""

    role: BcRole | None  # the caller's in the BC; None: not a member
    status: AuthorizationStatus | None  # the current authorization's; None: never authorized
    assigned: bool  # the caller holds an assignment on it
    items: list[StoredAssignment]


async def page(
    fetch: Fetch, user_id: str, business_center_id: str, tiktok_account_id: str, page: PageRequest
) -> AccountAssignments:
    found = await fetch_guarded_page(
        fetch,
        _PAGE,
        page,
        {
            "user_id": user_id,
            "business_center_id": business_center_id,
            "tiktok_account_id": tiktok_account_id,
        },
        guard=3,
    )
    if found is None:
        return AccountAssignments(None, None, False, [])
    (role, status, mine), rows = found
    items = [
        StoredAssignment(
            assignment_id,
            member_id,
            member_user,
            email,
            [AssignmentRole(r) for r in json.loads(roles)],
            utc_from_driver(assigned_at),
        )
        for assignment_id, member_id, member_user, email, roles, assigned_at in rows
    ]
    return AccountAssignments(
        BcRole(role),
        None if status is None else AuthorizationStatus(status),
        mine is not None,
        items,
    )
