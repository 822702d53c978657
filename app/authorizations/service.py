"""Granting, widening and ending a BC's access to a TikTok account."""

from app.audit.service import Actor, record
from app.authorizations import policy, repository
from app.authorizations.models import Authorization
from app.authorizations.schemas import BcTikTokAccountRead, ProfileRead
from app.business_centers import policy as bc_policy
from app.business_centers import repository as business_centers
from app.core.context import Context
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


def grant(
    ctx: Context, business_center_id: str, tiktok_account_id: str, scope: Scope, actor: Actor
) -> Authorization:
    """Create the BC's authorization for the account, or widen its active one with `scope`.

    Locks the BC and then the account (always in this order) so that the limits,
    counted over ACTIVE authorizations, hold under concurrent approvals.
    """
    business_centers.lock(ctx.session, business_center_id)
    tiktok_accounts.lock(ctx.session, tiktok_account_id)
    active = repository.active_for(ctx.session, business_center_id, tiktok_account_id)
    if active is not None:
        if scope not in active.scopes:
            active.scopes = sorted_scopes([*active.scopes, scope])
            ctx.session.flush()
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
    if repository.count_active_for_account(ctx.session, tiktok_account_id) >= (
        settings.max_bcs_per_tiktok_account
    ):
        raise AppError(
            ErrorCode.LIMIT_EXCEEDED,
            f"This TikTok account already authorizes {settings.max_bcs_per_tiktok_account} "
            "Business Centers.",
        )
    if repository.count_active_for_business_center(ctx.session, business_center_id) >= (
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
    ctx.session.flush()
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


def revoke(ctx: Context, authorization: Authorization, by: RevokedBy, actor: Actor) -> None:
    """End an authorization and pause the Spark Ads made through it.

    The caller has loaded it under a row lock, so this cannot interleave with an
    assignment or a Spark Ad being made through it.
    """
    policy.ensure_active(authorization)
    authorization.status = AuthorizationStatus.REVOKED
    authorization.revoked_at = ctx.now()
    authorization.revoked_by = by
    ctx.session.flush()
    record(
        ctx,
        business_center_id=authorization.business_center_id,
        actor=actor,
        action="authorization.revoked",
        target_type="authorization",
        target_id=authorization.id,
        detail={"tiktok_account_id": authorization.tiktok_account_id, "revoked_by": by},
    )
    pausing.pause_for_authorization(ctx, authorization.id)
    webhook_events.authorization_revoked(ctx, authorization)


def _account_read(
    authorization: Authorization, account: TikTokAccount, roles: list[AssignmentRole]
) -> BcTikTokAccountRead:
    return BcTikTokAccountRead(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        scopes=authorization.scopes,
        permissions=permissions_for(authorization.scopes),
        authorization_status=authorization.status,
        authorized_at=authorization.granted_at,
        revoked_at=authorization.revoked_at,
        revoked_by=authorization.revoked_by,
        # Roles on an ended authorization give nothing: report none.
        my_roles=roles if authorization.status is AuthorizationStatus.ACTIVE else [],
    )


def list_accounts(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    status: AuthorizationStatus,
    page: PageRequest,
) -> Page[BcTikTokAccountRead]:
    member = bc_policy.membership(ctx.session, user, business_center_id)
    is_admin = member.role is BcRole.ADMIN
    if not is_admin and status is AuthorizationStatus.REVOKED:
        # A standard member sees an account only while its authorization is active.
        return Page(items=[])
    rows = repository.business_center_page(
        ctx.session, business_center_id, member.id, status, only_assigned=not is_admin, page=page
    )
    return page.page(
        rows,
        lambda row: _account_read(row[0], row[1], [] if row[2] is None else list(row[2].roles)),
        key=lambda row: row[0].id,
    )


def get_account(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> BcTikTokAccountRead:
    access = policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    account = tiktok_accounts.get(ctx.session, tiktok_account_id)
    assert account is not None  # an authorization implies its account
    return _account_read(access.authorization, account, access.my_roles)


def revoke_by_business_center(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> None:
    access = policy.admin_account(ctx.session, user, business_center_id, tiktok_account_id)
    authorization = repository.lock(ctx.session, access.authorization)
    revoke(ctx, authorization, RevokedBy.BUSINESS_CENTER, Actor.user(user.id))


def profile(
    ctx: Context, user: UserPrincipal, business_center_id: str, tiktok_account_id: str
) -> ProfileRead:
    access = policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.PROFILE_INFO, role=None)
    account = tiktok_accounts.get(ctx.session, tiktok_account_id)
    assert account is not None
    return ProfileRead(
        username=account.username,
        display_name=account.display_name,
        bio=account.bio,
        showcase=ShowcaseRead.of(tiktok_accounts.showcase(ctx.session, tiktok_account_id)),
    )


def videos(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    ad_enabled: bool | None,
    page: PageRequest,
) -> Page[VideoRead]:
    access = policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.PUBLIC_VIDEOS, role=AssignmentRole.POST)
    rows = tiktok_accounts.public_videos_page(ctx.session, tiktok_account_id, ad_enabled, page)
    return page.page(rows, VideoRead.model_validate, key=lambda video: video.id)


def lives(
    ctx: Context,
    user: UserPrincipal,
    business_center_id: str,
    tiktok_account_id: str,
    page: PageRequest,
) -> Page[LiveRead]:
    access = policy.visible_account(ctx.session, user, business_center_id, tiktok_account_id)
    policy.require_content(access, Permission.LIVE_VIDEOS, role=AssignmentRole.LIVE)
    rows = tiktok_accounts.lives_page(ctx.session, tiktok_account_id, page)
    return page.page(rows, LiveRead.model_validate, key=lambda live: live.id)
