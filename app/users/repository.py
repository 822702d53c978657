from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.business_centers.models import BusinessCenter, Member
from app.core.db import Fetch, Statement
from app.users.models import User

_TOKEN_OWNER = Statement("SELECT id, email, token_digest FROM users WHERE token_digest = :digest")


async def token_owner(fetch: Fetch, digest: str) -> tuple[str, str, str] | None:
    """(id, email, token digest) of the user whose token has this digest."""
    found = await fetch(_TOKEN_OWNER, {"digest": digest})
    return (found[0][0], found[0][1], found[0][2]) if found else None


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.scalars(select(User).where(User.email == email))).one_or_none()


async def get(session: AsyncSession, user_id: str) -> User | None:
    return await session.get(User, user_id)


async def memberships(session: AsyncSession, user_id: str) -> list[tuple[Member, BusinessCenter]]:
    rows = await session.execute(
        select(Member, BusinessCenter)
        .join(BusinessCenter, BusinessCenter.id == Member.business_center_id)
        .where(Member.user_id == user_id)
        .order_by(Member.id.desc())
    )
    return [(member, bc) for member, bc in rows]
