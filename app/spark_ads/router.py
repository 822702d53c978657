from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.spark_ads import service
from app.spark_ads.schemas import (
    Eligibility,
    EligibilityQuery,
    Identity,
    SparkAdCreate,
    SparkAdRead,
)
from app.users.dependencies import CurrentUser

router = APIRouter(route_class=UnitOfWorkRoute, tags=["Identities and Spark Ads"])

_SEES_AD_ACCOUNT = (ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
AdAccountId = Annotated[LookupId, Query(description="An ad account the caller can see.")]


@router.get(
    "/v1/identities",
    summary="Identities the caller can use",
    description="Every TikTok account the caller holds a right to: `BC_AUTH_TT` through a BC "
    "assignment on an `ACTIVE` authorization, `TT_USER` through an account link. The two flags "
    "say whether it can be used on the given ad account now.",
    responses=problem_responses(*_SEES_AD_ACCOUNT),
)
async def list_identities(
    request: Request, user: CurrentUser, ad_account_id: AdAccountId
) -> Page[Identity]:
    return await service.identities(runtime_of(request).database.fetch, user, ad_account_id)


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
async def read_eligibility(
    request: Request, user: CurrentUser, query: Annotated[EligibilityQuery, Query()]
) -> Eligibility:
    return await service.eligibility(runtime_of(request).database.fetch, user, query)


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
    request: Request, user: CurrentUser, ad_account_id: AdAccountId, page: Pagination
) -> Page[SparkAdRead]:
    return await service.list_spark_ads(
        runtime_of(request).database.fetch, user, ad_account_id, page
    )
