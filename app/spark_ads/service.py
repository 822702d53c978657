"""Identities and Spark Ads: using a TikTok account on an ad account (SPEC section 8)."""

from app.audit.service import Actor, record
from app.authorizations import repository as authorizations
from app.core.context import Context
from app.core.enums import (
    AdAccountRole,
    AuthorizationStatus,
    BcRole,
    IdentityType,
    Reason,
    SparkAdStatus,
)
from app.core.errors import AppError, ErrorCode, not_found
from app.core.pagination import Page, PageRequest
from app.spark_ads import repository
from app.spark_ads.eligibility import (
    PULLING_ROLES,
    BcPath,
    ContentKind,
    Decision,
    Facts,
    LiveFacts,
    VideoFacts,
    decide,
)
from app.spark_ads.models import SparkAd
from app.spark_ads.schemas import (
    Eligibility,
    EligibilityQuery,
    Identity,
    SparkAdCreate,
    SparkAdRead,
)
from app.tiktok_app import repository as tiktok_accounts
from app.users.principal import UserPrincipal


def _visible_ad_account(
    ctx: Context, user: UserPrincipal, ad_account_id: str
) -> tuple[str, AdAccountRole | None]:
    """The ad account's BC and the caller's role on it. A caller sees an ad account when it
    admins the ad account's BC or holds a role on it; any other is 404."""
    found = repository.ad_account_for_user(ctx.session, ad_account_id, user.id)
    if found is None or (found[1] is not BcRole.ADMIN and found[2] is None):
        raise not_found("Ad account")
    ad_account, _, role = found
    return ad_account.business_center_id, role


def _facts(
    ctx: Context,
    user: UserPrincipal,
    ad_account_id: str,
    tiktok_account_id: str,
    video_id: str | None,
    live_id: str | None,
) -> Facts:
    business_center_id, ad_role = _visible_ad_account(ctx, user, ad_account_id)
    paths = [
        BcPath(
            business_center_id=authorization.business_center_id,
            authorization_id=authorization.id,
            active=authorization.status is AuthorizationStatus.ACTIVE,
            scopes=authorization.scopes,
            roles=[] if assignment is None else assignment.roles,
        )
        for _, authorization, assignment in repository.bc_paths(
            ctx.session, user.id, tiktok_account_id
        )
    ]
    content: VideoFacts | LiveFacts | None = None
    if video_id is not None:
        kind = ContentKind.VIDEO
        video = tiktok_accounts.video(ctx.session, tiktok_account_id, video_id)
        if video is not None:
            content = VideoFacts(video.visibility, video.ad_authorization)
    else:
        assert live_id is not None
        kind = ContentKind.LIVE
        live = tiktok_accounts.live(ctx.session, tiktok_account_id, live_id)
        if live is not None:
            content = LiveFacts(live.status)
    linked = repository.link_exists(ctx.session, tiktok_account_id, user.id)
    return Facts(
        ad_account_business_center_id=business_center_id,
        ad_role=ad_role,
        bc_paths=paths,
        linked=linked,
        sees_account=linked
        or repository.business_center_holds(ctx.session, user.id, tiktok_account_id),
        kind=kind,
        content=content,
    )


def eligibility(ctx: Context, user: UserPrincipal, query: EligibilityQuery) -> Eligibility:
    facts = _facts(
        ctx, user, query.ad_account_id, query.tiktok_account_id, query.video_id, query.live_id
    )
    decision = decide(facts, query.identity_type)
    return Eligibility(allowed=decision.allowed, reasons=decision.reasons, via=decision.via)


def _refused(reasons: list[Reason]) -> AppError:
    return AppError(
        ErrorCode[reasons[0]],
        "This Spark Ad is not allowed; `reasons` lists every failing check.",
        status=403,
        extra={"reasons": list(reasons)},
    )


def _lock_path(ctx: Context, decision: Decision, body: SparkAdCreate, user: UserPrincipal) -> None:
    """Hold the right being used until this ad commits, so an ending that races it either
    comes first (and refuses it) or comes after (and pauses it)."""
    if decision.identity_type is IdentityType.BC_AUTH_TT:
        assert decision.bc_path is not None
        authorization = authorizations.share_lock(ctx.session, decision.bc_path.authorization_id)
        if authorization is None or authorization.status is not AuthorizationStatus.ACTIVE:
            raise _refused([Reason.AUTHORIZATION_REVOKED])
    elif not repository.link_exists(ctx.session, body.tiktok_account_id, user.id, lock=True):
        raise _refused([Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED])


def create(ctx: Context, user: UserPrincipal, body: SparkAdCreate) -> SparkAdRead:
    facts = _facts(
        ctx, user, body.ad_account_id, body.tiktok_account_id, body.video_id, body.live_id
    )
    decision = decide(facts, body.identity_type)
    if not decision.allowed:
        raise _refused(decision.reasons)
    _lock_path(ctx, decision, body, user)
    identity_type = body.identity_type or decision.identity_type
    bc_path = decision.bc_path if identity_type is IdentityType.BC_AUTH_TT else None
    spark_ad = SparkAd(
        ad_account_id=body.ad_account_id,
        identity_type=identity_type,
        identity_id=body.tiktok_account_id,
        identity_authorized_bc_id=bc_path.business_center_id if bc_path else None,
        authorization_id=bc_path.authorization_id if bc_path else None,
        video_id=body.video_id,
        live_id=body.live_id,
        name=body.name,
        status=SparkAdStatus.ACTIVE,
        created_by_user_id=user.id,
        created_at=ctx.now(),
    )
    ctx.session.add(spark_ad)
    ctx.session.flush()
    record(
        ctx,
        business_center_id=facts.ad_account_business_center_id,
        actor=Actor.user(user.id),
        action="spark_ad.created",
        target_type="spark_ad",
        target_id=spark_ad.id,
        detail={
            "identity_type": identity_type,
            "identity_id": body.tiktok_account_id,
            "video_id": body.video_id,
            "live_id": body.live_id,
        },
    )
    return SparkAdRead.model_validate(spark_ad)


def list_spark_ads(
    ctx: Context, user: UserPrincipal, ad_account_id: str, page: PageRequest
) -> Page[SparkAdRead]:
    _visible_ad_account(ctx, user, ad_account_id)
    rows = repository.page(ctx.session, ad_account_id, page)
    return page.page(rows, SparkAdRead.model_validate, key=lambda spark_ad: spark_ad.id)


def identities(ctx: Context, user: UserPrincipal, ad_account_id: str) -> Page[Identity]:
    """Every identity the caller holds a right to, newest right first, and whether it works on
    this ad account now."""
    _, ad_role = _visible_ad_account(ctx, user, ad_account_id)
    can_pull = ad_role in PULLING_ROLES
    rights: list[tuple[str, Identity]] = []  # (time-ordered id of the right, identity)
    for authorization, assignment, account in repository.assigned_accounts(ctx.session, user.id):
        path = BcPath(
            authorization.business_center_id,
            authorization.id,
            True,
            authorization.scopes,
            assignment.roles,
        )
        rights.append(
            (
                assignment.id,
                Identity(
                    identity_type=IdentityType.BC_AUTH_TT,
                    identity_id=account.id,
                    identity_authorized_bc_id=authorization.business_center_id,
                    username=account.username,
                    display_name=account.display_name,
                    can_pull_video=can_pull and not path.failures(ContentKind.VIDEO),
                    can_use_live_ads=can_pull and not path.failures(ContentKind.LIVE),
                ),
            )
        )
    for link_id, account in repository.linked_accounts(ctx.session, user.id):
        # A link gives every permission on the account.
        rights.append(
            (
                link_id,
                Identity(
                    identity_type=IdentityType.TT_USER,
                    identity_id=account.id,
                    identity_authorized_bc_id=None,
                    username=account.username,
                    display_name=account.display_name,
                    can_pull_video=can_pull,
                    can_use_live_ads=can_pull,
                ),
            )
        )
    rights.sort(key=lambda right: right[0], reverse=True)
    return Page(items=[identity for _, identity in rights])
