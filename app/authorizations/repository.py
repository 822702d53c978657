import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.authorizations.models import Authorization
from app.business_centers.models import BusinessCenter
from app.core.db import Fetch, utc_from_driver
from app.core.enums import AssignmentRole, AuthorizationStatus, BcRole, RevokedBy, Scope
from app.core.pagination import PageRequest, PageStatement, fetch_guarded_page

_ACTIVE = Authorization.status == AuthorizationStatus.ACTIVE


async def active_for(
    session: AsyncSession, business_center_id: str, tiktok_account_id: str
) -> Authorization | None:
    return (
        await session.scalars(
            select(Authorization).where(
                Authorization.business_center_id == business_center_id,
                Authorization.tiktok_account_id == tiktok_account_id,
                _ACTIVE,
            )
        )
    ).one_or_none()


async def count_active_for_account(session: AsyncSession, tiktok_account_id: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Authorization)
            .where(Authorization.tiktok_account_id == tiktok_account_id, _ACTIVE)
        )
        or 0
    )


async def count_active_for_business_center(session: AsyncSession, business_center_id: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Authorization)
            .where(Authorization.business_center_id == business_center_id, _ACTIVE)
        )
        or 0
    )


async def of_account(
    session: AsyncSession, tiktok_account_id: str, authorization_id: str, *, lock: bool = False
) -> Authorization | None:
    stmt = select(Authorization).where(
        Authorization.tiktok_account_id == tiktok_account_id, Authorization.id == authorization_id
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def page_of_account(
    session: AsyncSession, tiktok_account_id: str, status: AuthorizationStatus, page: PageRequest
) -> list[tuple[Authorization, str]]:
    stmt = (
        select(Authorization, BusinessCenter.name)
        .join(BusinessCenter, BusinessCenter.id == Authorization.business_center_id)
        .where(Authorization.tiktok_account_id == tiktok_account_id, Authorization.status == status)
    )
    return [(a, name) for a, name in await session.execute(page.apply(stmt, Authorization.id))]


async def current_for_pair(
    session: AsyncSession, business_center_id: str, tiktok_account_id: str
) -> Authorization | None:
    """The BC's latest authorization for the account, ACTIVE or REVOKED: the one that counts."""
    return (
        await session.scalars(
            select(Authorization)
            .where(
                Authorization.business_center_id == business_center_id,
                Authorization.tiktok_account_id == tiktok_account_id,
            )
            .order_by(Authorization.id.desc())
            .limit(1)
        )
    ).one_or_none()


async def lock(session: AsyncSession, authorization: Authorization) -> Authorization:
    """Re-read under a row lock: assignments and revocation of one authorization are serial."""
    await session.refresh(authorization, with_for_update=True)
    return authorization


async def share_lock(session: AsyncSession, authorization_id: str) -> Authorization | None:
    """Read under a shared lock: a revocation waits until the reader's change commits."""
    return (
        await session.scalars(
            select(Authorization)
            .where(Authorization.id == authorization_id)
            .with_for_update(read=True)
        )
    ).one_or_none()


def _accounts_page(revoked: bool) -> PageStatement:
    """The caller's role in the BC (no row: not a member) and a page of the BC's TikTok
    accounts by their authorization of `:status` (for REVOKED, only the current one of each
    account: a renewed authorization replaces it), each with the caller's assignment; an
    admin sees every one, a standard member those it is assigned to. One statement, the page
    taken from the index (business_center_id, id) at the cursor."""
    current = (
        """AND NOT EXISTS (
        SELECT 1 FROM authorizations AS newer
        WHERE newer.business_center_id = au.business_center_id
          AND newer.tiktok_account_id = au.tiktok_account_id
          AND newer.id > au.id)"""
        if revoked
        else ""
    )
    return PageStatement(
        f"""
SELECT me.role, p.id, p.tiktok_account_id, p.username, p.display_name, p.scopes, p.status,
       p.granted_at, p.revoked_at, p.revoked_by, p.roles
FROM members AS me
LEFT JOIN (
  SELECT au.id, t.id AS tiktok_account_id, t.username, t.display_name,
         CAST(au.scopes AS TEXT) AS scopes, au.status, au.granted_at, au.revoked_at,
         au.revoked_by, CAST(s.roles AS TEXT) AS roles
  FROM authorizations AS au
  JOIN tiktok_accounts AS t ON t.id = au.tiktok_account_id
  LEFT JOIN assignments AS s
    ON s.authorization_id = au.id
    AND s.member_id = (
      SELECT id FROM members
      WHERE business_center_id = :business_center_id AND user_id = :user_id)
  WHERE au.business_center_id = :business_center_id AND au.status = :status {current}
    AND (s.id IS NOT NULL OR (
      SELECT role FROM members
      WHERE business_center_id = :business_center_id AND user_id = :user_id) = 'ADMIN')
    {{after}}
  ORDER BY au.id DESC
  LIMIT :limit
) AS p ON 1 = 1
WHERE me.business_center_id = :business_center_id AND me.user_id = :user_id
ORDER BY p.id DESC
""",  # noqa: S608 (the condition is ours; values are bound)
        "au.id",
    )


_ACCOUNTS_PAGES = {
    status: _accounts_page(status is AuthorizationStatus.REVOKED) for status in AuthorizationStatus
}


@dataclass(frozen=True, slots=True)
class HeldAccount:
    """A TikTok account as the BC holds it through one authorization, and the caller's roles."""

    authorization_id: str
    tiktok_account_id: str
    username: str
    display_name: str
    scopes: list[Scope]
    status: AuthorizationStatus
    granted_at: datetime
    revoked_at: datetime | None
    revoked_by: RevokedBy | None
    roles: list[AssignmentRole]  # the caller's; none when it is not assigned


async def business_center_page(
    fetch: Fetch,
    user_id: str,
    business_center_id: str,
    status: AuthorizationStatus,
    page: PageRequest,
) -> tuple[BcRole | None, list[HeldAccount]]:
    """The caller's role in the BC (None: not a member) and the page's accounts."""
    found = await fetch_guarded_page(
        fetch,
        _ACCOUNTS_PAGES[status],
        page,
        {"user_id": user_id, "business_center_id": business_center_id, "status": status.value},
    )
    if found is None:
        return None, []
    (role,), rows = found
    accounts = [
        HeldAccount(
            authorization_id=authorization_id,
            tiktok_account_id=account_id,
            username=username,
            display_name=display_name,
            scopes=[Scope(scope) for scope in json.loads(scopes)],
            status=AuthorizationStatus(stored_status),
            granted_at=utc_from_driver(granted_at),
            revoked_at=None if revoked_at is None else utc_from_driver(revoked_at),
            revoked_by=None if revoked_by is None else RevokedBy(revoked_by),
            roles=[AssignmentRole(role) for role in json.loads(roles)] if roles else [],
        )
        for (
            authorization_id,
            account_id,
            username,
            display_name,
            scopes,
            stored_status,
            granted_at,
            revoked_at,
            revoked_by,
            roles,
        ) in rows
    ]
    return BcRole(role), accounts
