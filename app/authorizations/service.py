"""Granting, widening and ending a BC's access to a TikTok account."""

from app.audit.service import Actor, record
from app.authorizations import policy, repository
from app.authorizations.models import Authorization
from app.authorizations.repository import HeldAccount
from app.authorizations.schemas import BcTikTokAccountRead, ProfileRead
from app.business_centers import policy as bc_policy
from app.business_centers import repository as business_centers
from app.core.context import Context
from app.core.db import Fetch
from app.core.enums import (
    AssignmentRole,
    AuthorizationStatus,
    BcRole,
    Permission,
    RevokedBy,
    Scope,
    permissions_for,
    sorted_scopes,
)
from app.core.errors import AppError, ErrorCode
from app.core.pagination import Page, PageRequest
from app.spark_ads import pausing
from app.tiktok_app import repository as tiktok_accounts
from app.tiktok_app.models import TikTokAccount
from app.tiktok_app.schemas import LiveRead, ShowcaseRead, VideoRead
from app.users.principal import UserPrincipal
from app.webhooks import events as webhook_events


async def grant(
    ctx: Context, business_center_id: str, tiktok_account_id: str, scope: Scope, actor: Actor
) -> Authorization:
    """Create the BC's authorization for the account, or widen its active one with `scope`.

    Locks the BC and then the account (always in this order) so that the limits,
    counted over ACTIVE authorizations, hold under concurrent approvals.
    """
    await business_centers.lock(ctx.session, business_center_id)
    await tiktok_accounts.lock(ctx.session, tiktok_account_id)
    active = await repository.active_for(ctx.session, business_center_id, tiktok_account_id)
    if active is not None:
        if scope not in active.scopes:
            active.scopes = sorted_scopes([*active.scopes, scope])
            await ctx.session.flush()
            record(
                ctx,
                business_center_id=business_center_id,
                actor=actor,
                action="authorization.widened",
                target_type="authorization",
                target_id=active.id,
                detail={"scope": scope, "scopes": active.scopes},
            )
        return active

    settings = ctx.settings
    if await repository.count_active_for_account(ctx.session, tiktok_account_id) >= (
        settings.max_bcs_per_tiktok_account
    ):
        raise AppError(
            ErrorCode.LIMIT_EXCEEDED,
            f"This TikTok account already authorizes {settings.max_bcs_per_tiktok_account} "
            "Business Centers.",
        )
    if await repository.count_active_for_business_center(ctx.session, business_center_id) >= (
        settings.max_tiktok_accounts_per_bc
    ):
        raise AppError(
            ErrorCode.LIMIT_EXCEEDED,
            f"This Business Center already holds {settings.max_tiktok_accounts_per_bc} "
            "TikTok accounts.",
        )
    authorization = Authorization(
        business_center_id=business_center_id,
        tiktok_account_id=tiktok_account_id,
        scopes=[scope],
        status=AuthorizationStatus.ACTIVE,
        granted_at=ctx.now(),
    )
    ctx.session.add(authorization)
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=business_center_id,
        actor=actor,
        action="authorization.granted",
        target_type="authorization",
        target_id=authorization.id,
        detail={"tiktok_account_id": tiktok_account_id, "scopes": authorization.scopes},
    )
    return authorization


async def revoke(ctx: Context, authorization: Authorization, by: RevokedBy, actor: Actor) -> None:
    """End an authorization and pause the Spark Ads made through it.

    The caller has loaded it under a row lock, so this cannot interleave with an
    assignment or a Spark Ad being made through it.
    """
    policy.ensure_active(authorization)
    authorization.status = AuthorizationStatus.REVOKED
    authorization.revoked_at = ctx.now()
    authorization.revoked_by = by
    await ctx.session.flush()
    record(
        ctx,
        business_center_id=authorization.business_center_id,
        actor=actor,
        action="authorization.revoked",
        target_type="authorization",
        target_id=authorization.id,
        detail={"tiktok_account_id": authorization.tiktok_account_id, "revoked_by": by},
    )
    await pausing.pause_for_authorization(ctx, authorization.id)
    await webhook_events.authorization_revoked(ctx, authorization)


def _held(
    authorization: Authorization, account: TikTokAccount, roles: list[AssignmentRole]
) -> HeldAccount:
    return HeldAccount(
        authorization_id=authorization.id,
        tiktok_account_id=account.id,
        username=account.username,
        display_name=account.display_name,
        scopes=list(authorization.scopes),
        status=authorization.status,
        granted_at=authorization.granted_at,
        revoked_at=authorization.revoked_at,
        revoked_by=authorization.revoked_by,
        roles=roles,
    )


def _account_read(held: HeldAccount) -> BcTikTokAccountRead:
    return BcTikTokAccountRead(
        id=held.tiktok_account_id,
        username=held.username,
        display_name=held.display_name,
        scopes=held.scopes,
        permissions=permissions_for(held.scopes),
        authorization_status=held.status,
        authorized_at=held.granted_at,
        revoked_at=held.revoked_at,
        revoked_by=held.revoked_by,
        # Roles on an ended authorization give nothing: report none.
        my_roles=held.roles if held.status is AuthorizationStatus.ACTIVE else [],
    )


async def list_accounts(
    fetch: Fetch,
    user: UserPrincipal,
    business_center_id: str,
    status: AuthorizationStatus,
    page: PageRequest,
) -> Page[BcTikTokAccountRead]:
    """Agencies page through hundreds of accounts: one statement, which the route runs outside
    any unit of work (`Database.fetch`)."""
    role, accounts = await repository.business_center_page(
        fetch, user.id, business_center_id, status, page
    )
    if role is None:
        raise bc_policy.not_a_member()
    if role is not BcRole.ADMIN and status is AuthorizationStatus.REVOKED:
        # A standard member sees an account only while its authorization is active.
        return Page(items=[])
    return page.page(accounts, _account_read, key=lambda held: held.authorization_id)


async def get_account(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> BcTikTokAccountRead:
    access = await policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    account = await tiktok_accounts.get(ctx.session, tiktok_account_id)
    assert account is not None  # an authorization implies its account
    return _account_read(_held(access.authorization, account, access.my_roles))


async def revoke_by_business_center(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> None:
    access = await policy.admin_account(ctx.session, user, business_center_id, tiktok_account_id)
    authorization = await repository.lock(ctx.session, access.authorization)
    await revoke(ctx, authorization, RevokedBy.BUSINESS_CENTER, Actor.user(user.id))


async def profile(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> ProfileRead:
    access = await policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.PROFILE_INFO, role=None)
    account = await tiktok_accounts.get(ctx.session, tiktok_account_id)
    assert account is not None
    return ProfileRead(
        username=account.username,
        display_name=account.display_name,
        bio=account.bio,
        showcase=ShowcaseRead.of(await tiktok_accounts.showcase(ctx.session, tiktok_account_id)),
    )


async def videos(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    ad_enabled: bool | None,
    page: PageRequest,
) -> Page[VideoRead]:
    access = await policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.PUBLIC_VIDEOS, role=AssignmentRole.POST)
    rows = await tiktok_accounts.public_videos_page(
        ctx.session, tiktok_account_id, ad_enabled, page
    )
    return page.page(rows, VideoRead.model_validate, key=lambda video: video.id)


async def lives(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    page: PageRequest,
) -> Page[LiveRead]:
    access = await policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.LIVE_VIDEOS, role=AssignmentRole.LIVE)
    rows = await tiktok_accounts.lives_page(ctx.session, tiktok_account_id, page)
    return page.page(rows, LiveRead.model_validate, key=lambda live: live.id)
