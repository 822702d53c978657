from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, status

from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page
from app.core.problems import problem_responses
from app.core.query import QueryModel
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.spark_ads import service
from app.spark_ads.schemas import (
    AdAccountQuery,
    Eligibility,
    EligibilityBatchItem,
    EligibilityBatchQuery,
    EligibilityQuery,
    Identity,
    IdentityVideo,
    IdentityVideosQuery,
    SparkAdCreate,
    SparkAdRead,
    SparkAdsQuery,
)
from app.users.dependencies import CurrentUser

router = APIRouter(route_class=UnitOfWorkRoute, tags=["Identities and Spark Ads"])

_SEES_AD_ACCOUNT = (ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
AdAccount = Annotated[AdAccountQuery, Depends(QueryModel(AdAccountQuery))]


@router.get(
    "/v1/identities",
    summary="Identities the caller can use",
    description="Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC "
    "assignment on an `ACTIVE` authorization, `TT_USER` through an account link. The two flags "
    "say whether it can be used on the given ad account now.",
    responses=problem_responses(*_SEES_AD_ACCOUNT),
)
async def list_identities(request: Request, user: CurrentUser, query: AdAccount) -> Page[Identity]:
    return await service.identities(runtime_of(request).database.fetch, user, query.ad_account_id)


@router.get(
    "/v1/spark-ads/eligibility",
    summary="May the caller make this Spark Ad?",
    description="Runs every check on its own and reports each failing one, in order: "
    "`AD_ACCOUNT_ROLE_REQUIRED`, `TIKTOK_ACCOUNT_NOT_ASSIGNED`, `AUTHORIZATION_REVOKED`, "
    "`SCOPE_NOT_AUTHORIZED`, `VIDEO_NOT_FOUND`, `VIDEO_NOT_PUBLIC`, `VIDEO_NOT_AD_AUTHORIZED`, "
    "`LIVE_NOT_FOUND`, `LIVE_NOT_ACTIVE`. `via` names the paths that give the caller the account. "
    "Give exactly one of `video_id` and `live_id`.",
    responses=problem_responses(*_SEES_AD_ACCOUNT),
)
async def check_eligibility(
    request: Request,
    user: CurrentUser,
    query: Annotated[EligibilityQuery, Depends(QueryModel(EligibilityQuery))],
) -> Eligibility:
    return await service.eligibility(runtime_of(request).database.fetch, user, query)


@router.post(
    "/v1/spark-ads/eligibility/batch",
    summary="Many eligibility checks at once",
    description="Up to 100 checks on one ad account in one request, as an agency asks about a "
    "creator's posts before it builds Spark Ads. Each item is exactly what "
    "`GET /v1/spark-ads/eligibility` says for the same question (the same `reasons` in the same "
    "order, the same `via`), one item per check in the order given. The whole batch is read "
    "from one snapshot of the database: a revocation that commits meanwhile is in every item "
    "or in none. Nothing is written. 404 when the caller does not see the ad account; 422 for "
    "no check or more than 100, or a check with both or neither of `video_id` and `live_id`.\n\n"
    "```json\n"
    '{"items": [{"tiktok_account_id": "<tiktok account id>", "video_id": "<video id>", '
    '"live_id": null, "allowed": true, "reasons": [], "via": ["BUSINESS_CENTER"]}, '
    '{"tiktok_account_id": "<tiktok account id>", "video_id": "<another video id>", '
    '"live_id": null, "allowed": false, "reasons": ["VIDEO_NOT_AD_AUTHORIZED"], '
    '"via": ["BUSINESS_CENTER"]}], "next_cursor": null}\n'
    "```",
    responses=problem_responses(*_SEES_AD_ACCOUNT),
)
async def check_eligibility_batch(
    request: Request, user: CurrentUser, body: EligibilityBatchQuery
) -> Page[EligibilityBatchItem]:
    return await service.eligibility_batch(runtime_of(request).database.fetch, user, body)


@router.get(
    "/v1/identities/{identity_id}/videos",
    summary="An identity's videos, and which the caller can pull",
    description="The `PUBLIC` videos of the TikTok account `identity_id`, newest first, as the "
    "caller can use them through this identity on this ad account: `can_pull` and `reasons` "
    "are what `GET /v1/spark-ads/eligibility` says for each video with this `identity_type`. "
    "The identity is one that `GET /v1/identities?ad_account_id=` lists for the caller "
    "(`BC_AUTH_TT`: `identity_authorized_bc_id` names the BC, whose `ACTIVE` authorization the "
    "caller is assigned on; `TT_USER`: the caller's account link, without "
    "`identity_authorized_bc_id`). Any other identity, and an ad account the caller does not "
    "see, is 404; a `BC_AUTH_TT` identity whose authorization lacks `PUBLIC_VIDEOS` is 403 "
    "`SCOPE_NOT_AUTHORIZED`. `FRIENDS` and `PRIVATE` videos are never listed; `ad_enabled` "
    "filters on `ad_authorization`. One snapshot of the database per page; nothing is "
    "written.\n\n"
    "```json\n"
    '{"items": [{"id": "<video id>", "caption": "Crumb shot", "ad_authorization": true, '
    '"created_at": "2026-11-24T22:48:26.315000Z", "can_pull": true, "reasons": []}, '
    '{"id": "<older video id>", "caption": "Proofing", "ad_authorization": false, '
    '"created_at": "2026-11-23T09:12:03.100000Z", "can_pull": false, '
    '"reasons": ["VIDEO_NOT_AD_AUTHORIZED"]}], "next_cursor": null}\n'
    "```",
    responses=problem_responses(*_SEES_AD_ACCOUNT, ErrorCode.SCOPE_NOT_AUTHORIZED),
)
async def list_identity_videos(
    request: Request,
    user: CurrentUser,
    identity_id: Annotated[LookupId, Path(description="The TikTok account's id.")],
    query: Annotated[IdentityVideosQuery, Depends(QueryModel(IdentityVideosQuery))],
) -> Page[IdentityVideo]:
    return await service.identity_videos(
        runtime_of(request).database.fetch, user, identity_id, query
    )


@router.post(
    "/v1/spark-ads",
    status_code=status.HTTP_201_CREATED,
    summary="Make a Spark Ad",
    description="Pulls a video (or an active LIVE) of the TikTok account into a Spark Ad on the "
    "ad account. Refused with 403: `code` is the first reason, `reasons` all of them.",
    responses=problem_responses(
        *_SEES_AD_ACCOUNT,
        ErrorCode.AD_ACCOUNT_ROLE_REQUIRED,
        ErrorCode.TIKTOK_ACCOUNT_NOT_ASSIGNED,
        ErrorCode.SCOPE_NOT_AUTHORIZED,
        ErrorCode.VIDEO_NOT_FOUND,
        ErrorCode.VIDEO_NOT_PUBLIC,
        ErrorCode.VIDEO_NOT_AD_AUTHORIZED,
        ErrorCode.LIVE_NOT_FOUND,
        ErrorCode.LIVE_NOT_ACTIVE,
    ),
)
async def create_spark_ad(ctx: Ctx, user: CurrentUser, body: SparkAdCreate) -> SparkAdRead:
    return await service.create(ctx, user, body)


@router.get(
    "/v1/spark-ads",
    summary="The ad account's Spark Ads",
    description="For anyone who sees the ad account. Newest first.",
    responses=problem_responses(*_SEES_AD_ACCOUNT),
)
async def list_spark_ads(
    request: Request,
    user: CurrentUser,
    query: Annotated[SparkAdsQuery, Depends(QueryModel(SparkAdsQuery))],
) -> Page[SparkAdRead]:
    return await service.list_spark_ads(
        runtime_of(request).database.fetch, user, query.ad_account_id, page=query
    )
