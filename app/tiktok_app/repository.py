from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import Fetch, Statement
from app.core.enums import Visibility
from app.core.pagination import PageRequest
from app.tiktok_app.models import AccountLink, Live, Showcase, TikTokAccount, Video
from app.users.models import User


async def get(session: AsyncSession, tiktok_account_id: str) -> TikTokAccount | None:
    return await session.get(TikTokAccount, tiktok_account_id)


async def lock(session: AsyncSession, tiktok_account_id: str) -> None:
    """Serialize approvals for one account (see authorizations.service.grant)."""
    await session.execute(
        select(TikTokAccount.id).where(TikTokAccount.id == tiktok_account_id).with_for_update()
    )


_OWNER_TOKEN_ACCOUNT = Statement(
    "SELECT id, owner_token_digest FROM tiktok_accounts WHERE owner_token_digest = :digest"
)


async def owner_token_account(fetch: Fetch, digest: str) -> tuple[str, str] | None:
    """(id, token digest) of the TikTok account whose owner token has this digest."""
    found = await fetch(_OWNER_TOKEN_ACCOUNT, {"digest": digest})
    return (found[0][0], found[0][1]) if found else None


async def by_username(session: AsyncSession, username: str) -> TikTokAccount | None:
    """Usernames match whatever their case."""
    return (
        await session.scalars(
            select(TikTokAccount).where(func.lower(TikTokAccount.username) == username.lower())
        )
    ).one_or_none()


async def video(session: AsyncSession, tiktok_account_id: str, video_id: str) -> Video | None:
    return (
        await session.scalars(
            select(Video).where(Video.tiktok_account_id == tiktok_account_id, Video.id == video_id)
        )
    ).one_or_none()


async def live(session: AsyncSession, tiktok_account_id: str, live_id: str) -> Live | None:
    return (
        await session.scalars(
            select(Live).where(Live.tiktok_account_id == tiktok_account_id, Live.id == live_id)
        )
    ).one_or_none()


async def showcase(session: AsyncSession, tiktok_account_id: str) -> Showcase | None:
    return await session.get(Showcase, tiktok_account_id)


async def link(session: AsyncSession, tiktok_account_id: str, user_id: str) -> AccountLink | None:
    return (
        await session.scalars(
            select(AccountLink).where(
                AccountLink.tiktok_account_id == tiktok_account_id, AccountLink.user_id == user_id
            )
        )
    ).one_or_none()


async def links_page(
    session: AsyncSession, tiktok_account_id: str, page: PageRequest
) -> list[tuple[AccountLink, User]]:
    stmt = (
        select(AccountLink, User)
        .join(User, User.id == AccountLink.user_id)
        .where(AccountLink.tiktok_account_id == tiktok_account_id)
    )
    return [(link, user) for link, user in await session.execute(page.apply(stmt, AccountLink.id))]


async def public_videos_page(
    session: AsyncSession, tiktok_account_id: str, ad_enabled: bool | None, page: PageRequest
) -> list[Video]:
    stmt = select(Video).where(
        Video.tiktok_account_id == tiktok_account_id, Video.visibility == Visibility.PUBLIC
    )
    if ad_enabled is not None:
        stmt = stmt.where(Video.ad_authorization.is_(ad_enabled))
    return list(await session.scalars(page.apply(stmt, Video.id)))


async def lives_page(
    session: AsyncSession, tiktok_account_id: str, page: PageRequest
) -> list[Live]:
    stmt = select(Live).where(Live.tiktok_account_id == tiktok_account_id)
    return list(await session.scalars(page.apply(stmt, Live.id)))
