"""Granting, widening and ending a BC's access to a TikTok account."""

from app.audit.service import Actor, record
from app.authorizations import repository
from app.authorizations.models import Authorization
from app.business_centers import repository as business_centers
from app.core.context import Context
from app.core.enums import AuthorizationStatus, RevokedBy, Scope, sorted_scopes
from app.core.errors import AppError, ErrorCode
from app.tiktok_app import repository as tiktok_accounts


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
    """End an authorization; the caller has loaded it under a row lock."""
    if authorization.status is AuthorizationStatus.REVOKED:
        raise AppError(ErrorCode.AUTHORIZATION_REVOKED, "This authorization has already ended.")
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
