"""Identities and Spark Ads: using a TikTok account on an ad account (SPEC section 8)."""

from app.audit.service import Actor, record
from app.authorizations import repository as authorizations
from app.core.context import Context
from app.core.db import Fetch, fetch_in
from app.core.enums import (
    AuthorizationStatus,
    BcRole,
    IdentityType,
    Permission,
    Reason,
    SparkAdStatus,
    Visibility,
    permissions_for,
)
from app.core.errors import AppError, ErrorCode, not_found
from app.core.pagination import Page, PageRequest
from app.core.schemas import lookup_id
from app.spark_ads import repository
from app.spark_ads.eligibility import (
    PULLING_ROLES,
    ContentKind,
    Decision,
    Facts,
    LiveFacts,
    VideoFacts,
    decide,
)
from app.spark_ads.models import SparkAd
from app.spark_ads.repository import AdAccountRoles, CheckIds, StoredFacts, StoredVideo
from app.spark_ads.schemas import (
    Eligibility,
    EligibilityBatchItem,
    EligibilityBatchQuery,
    EligibilityQuery,
    Identity,
    IdentityVideo,
    IdentityVideosQuery,
    SparkAdCreate,
    SparkAdRead,
)
from app.users.principal import UserPrincipal


def _visible(ad_account: AdAccountRoles | None) -> AdAccountRoles:
    """The ad account, if the caller sees it: it admins the ad account's BC or holds a role on
    the ad account. Any other is 404."""
    if ad_account is None or (
        ad_account.bc_role is not BcRole.ADMIN and ad_account.ad_role is None
    ):
        raise not_found("Ad account")
    return ad_account


def _facts(stored: StoredFacts, video_id: str | None) -> Facts:
    """The decision's facts; 404 when the caller does not see the ad account."""
    ad_account = _visible(stored.ad_account)
    content: VideoFacts | LiveFacts | None = stored.video if video_id is not None else stored.live
    return Facts(
        ad_account_business_center_id=ad_account.business_center_id,
        ad_role=ad_account.ad_role,
        bc_paths=stored.bc_paths,
        linked=stored.linked,
        sees_account=stored.linked or stored.held,
        kind=ContentKind.VIDEO if video_id is not None else ContentKind.LIVE,
        content=content,
    )


async def eligibility(fetch: Fetch, user: UserPrincipal, query: EligibilityQuery) -> Eligibility:
    """The hottest path of the service: one statement, run by the route on a connection of its
    own, no unit of work, nothing cached, so a revocation holds on the very next request."""
    stored = await repository.eligibility_facts(
        fetch,
        user.id,
        query.ad_account_id,
        query.tiktok_account_id,
        query.video_id,
        query.live_id,
    )
    decision = decide(_facts(stored, query.video_id), query.identity_type)
    return Eligibility(allowed=decision.allowed, reasons=decision.reasons, via=decision.via)


async def eligibility_batch(
    fetch: Fetch, user: UserPrincipal, query: EligibilityBatchQuery
) -> Page[EligibilityBatchItem]:
    """Each check answered exactly as `eligibility` answers it (the same facts, the same
    `decide()`), all of them from one statement: one snapshot of the database, so a revocation
    that commits meanwhile is in every answer or in none, and one round trip whatever the
    number of checks. 404 when the caller does not see the ad account."""
    # Each id looked up as the single check's `LookupId` looks it up; the check keeps it as
    # given, for its answer.
    ids = [
        CheckIds(
            lookup_id(check.tiktok_account_id),
            None if check.video_id is None else lookup_id(check.video_id),
            None if check.live_id is None else lookup_id(check.live_id),
        )
        for check in query.checks
    ]
    found = await repository.batch_eligibility_facts(fetch, user.id, query.ad_account_id, ids)
    _visible(found.ad_account)
    # `decide()` is pure, and the checks of one account share its facts: the same account,
    # content and identity type is the same decision (a batch of one account's videos needs a
    # few), so each is decided once, from the facts the single check would read.
    decisions: dict[object, Decision] = {}
    items = []
    for check, check_ids in zip(query.checks, ids, strict=True):
        content = found.content(check_ids)
        key = (check_ids.tiktok_account_id, check.video_id is None, content, check.identity_type)
        decision = decisions.get(key)
        if decision is None:
            facts = _facts(found.of(check_ids), check.video_id)
            decision = decisions[key] = decide(facts, check.identity_type)
        items.append(
            {
                "tiktok_account_id": check.tiktok_account_id,
                "video_id": check.video_id,
                "live_id": check.live_id,
                "allowed": decision.allowed,
                "reasons": decision.reasons,
                "via": decision.via,
            }
        )
    # Validated in one call (pydantic's core): twice as fast as building 100 models one by one.
    return Page[EligibilityBatchItem].model_validate({"items": items})


def _refused(reasons: list[Reason]) -> AppError:
    return AppError(
        ErrorCode[reasons[0]],
        "This Spark Ad is not allowed; `reasons` lists every failing check.",
        status=403,
        extra={"reasons": list(reasons)},
    )


async def _lock_path(
    ctx: Context, decision: Decision, body: SparkAdCreate, user: UserPrincipal
) -> None:
    """Hold the right being used until this ad commits, so an ending that races it either
    comes first (and refuses it) or comes after (and pauses it)."""
    if decision.identity_type is IdentityType.BC_AUTH_TT:
        assert decision.bc_path is not None
        authorization = await authorizations.share_lock(
            ctx.session, decision.bc_path.authorization_id
        )
        if authorization is None or authorization.status is not AuthorizationStatus.ACTIVE:
            raise _refused([Reason.AUTHORIZATION_REVOKED])
    elif not await repository.link_exists(ctx.session, body.tiktok_account_id, user.id, lock=True):
        raise _refused([Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED])


async def create(ctx: Context, user: UserPrincipal, body: SparkAdCreate) -> SparkAdRead:
    stored = await repository.eligibility_facts(
        fetch_in(ctx.session),
        user.id,
        body.ad_account_id,
        body.tiktok_account_id,
        body.video_id,
        body.live_id,
    )
    facts = _facts(stored, body.video_id)
    decision = decide(facts, body.identity_type)
    if not decision.allowed:
        raise _refused(decision.reasons)
    await _lock_path(ctx, decision, body, user)
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
    await ctx.session.flush()
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


async def list_spark_ads(
    fetch: Fetch, user: UserPrincipal, ad_account_id: str, page: PageRequest
) -> Page[SparkAdRead]:
    """For anyone who sees the ad account, in one statement (run outside any unit of work by
    the route)."""
    ad_account, ads = await repository.page(fetch, user.id, ad_account_id, page)
    _visible(ad_account)
    return page.page(ads, SparkAdRead.model_validate, key=lambda spark_ad: spark_ad.id)


async def identities(fetch: Fetch, user: UserPrincipal, ad_account_id: str) -> Page[Identity]:
    """Every identity the caller holds a right to, newest right first, and whether it works on
    this ad account now: one statement outside any unit of work, like eligibility."""
    ad_account, held = await repository.identities(fetch, user.id, ad_account_id)
    can_pull = _visible(ad_account).ad_role in PULLING_ROLES
    return Page(
        items=[
            Identity(
                identity_type=IdentityType.TT_USER
                if right.bc_path is None
                else IdentityType.BC_AUTH_TT,
                identity_id=right.account_id,
                identity_authorized_bc_id=None
                if right.bc_path is None
                else right.bc_path.business_center_id,
                username=right.username,
                display_name=right.display_name,
                # A link gives every permission on the account.
                can_pull_video=can_pull
                and (right.bc_path is None or not right.bc_path.failures(ContentKind.VIDEO)),
                can_use_live_ads=can_pull
                and (right.bc_path is None or not right.bc_path.failures(ContentKind.LIVE)),
            )
            for right in held
        ]
    )


async def identity_videos(
    fetch: Fetch,
    user: UserPrincipal,
    identity_id: str,
    query: IdentityVideosQuery,
) -> Page[IdentityVideo]:
    """The identity's PUBLIC videos, newest first, each with what eligibility says for it
    through this identity on this ad account: one statement outside any unit of work. An ad
    account the caller does not see, or an identity it does not hold (as `identities` lists
    them), is 404; a BC identity whose authorization lacks PUBLIC_VIDEOS is 403."""
    found = await repository.identity_videos(
        fetch,
        user.id,
        query.ad_account_id,
        identity_id,
        query.identity_type,
        query.identity_authorized_bc_id,
        query.ad_enabled,
        query,
    )
    ad_account = _visible(found.ad_account)
    if found.scopes is None:
        raise not_found("Identity")
    if Permission.PUBLIC_VIDEOS not in permissions_for(found.scopes):
        raise AppError(
            ErrorCode.SCOPE_NOT_AUTHORIZED,
            f"The owner has not granted {Permission.PUBLIC_VIDEOS} to this Business Center.",
        )
    # The facts are the single check's for each video. Every listed video is PUBLIC, so the
    # answer depends only on its ad authorization: two decisions at most, whatever the page.
    # Holding the identity means holding the account now (`sees_account`); a TT_USER identity
    # is the caller's link, and a BC_AUTH_TT decision does not look at links.
    decisions = {
        ad_authorization: decide(
            Facts(
                ad_account_business_center_id=ad_account.business_center_id,
                ad_role=ad_account.ad_role,
                bc_paths=found.bc_paths,
                linked=query.identity_type is IdentityType.TT_USER,
                sees_account=True,
                kind=ContentKind.VIDEO,
                content=VideoFacts(Visibility.PUBLIC, ad_authorization),
            ),
            query.identity_type,
        )
        for ad_authorization in {video.ad_authorization for video in found.videos}
    }

    def item(video: StoredVideo) -> IdentityVideo:
        decision = decisions[video.ad_authorization]
        return IdentityVideo(
            id=video.id,
            caption=video.caption,
            ad_authorization=video.ad_authorization,
            created_at=video.created_at,
            can_pull=decision.allowed,
            reasons=decision.reasons,
        )

    return query.page(found.videos, item, key=lambda video: video.id)
