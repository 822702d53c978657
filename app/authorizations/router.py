from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from app.authorizations import service
from app.authorizations.schemas import (
    AuthorizationsQuery,
    BcTikTokAccountRead,
    ProfileRead,
    VideosQuery,
)
from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.query import QueryModel
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.tiktok_app.schemas import LiveRead, VideoRead
from app.users.dependencies import CurrentUser

router = APIRouter(
    route_class=UnitOfWorkRoute,
    prefix="/v1/business-centers/{bc_id}/tiktok-accounts",
    tags=["TikTok accounts in a BC"],
)

_SEES = (ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
_READS = problem_responses(
    *_SEES,
    ErrorCode.FORBIDDEN,
    ErrorCode.SCOPE_NOT_AUTHORIZED,
    ErrorCode.AUTHORIZATION_REVOKED,
)


@router.get(
    "",
    summary="List the BC's TikTok accounts",
    description="An admin sees every account the BC is authorized for; a standard member only "
    "those assigned to it. `status` picks the authorization status (default `ACTIVE`); "
    "`my_roles` are the caller's roles on each account.",
    responses=problem_responses(*_SEES),
)
async def list_bc_tiktok_accounts(
    request: Request,
    user: CurrentUser,
    bc_id: LookupId,
    query: Annotated[AuthorizationsQuery, Depends(QueryModel(AuthorizationsQuery))],
) -> Page[BcTikTokAccountRead]:
    return await service.list_accounts(
        runtime_of(request).database.fetch, user, bc_id, query.status, page=query
    )


@router.get(
    "/{tiktok_account_id}",
    summary="Read one of the BC's TikTok accounts",
    description="As in the list: 404 where the caller may not see it.",
    responses=problem_responses(*_SEES),
)
async def get_bc_tiktok_account(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, tiktok_account_id: LookupId
) -> BcTikTokAccountRead:
    return await service.get_account(ctx, user, bc_id, tiktok_account_id)


@router.delete(
    "/{tiktok_account_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End the BC's access to a TikTok account",
    description="Admin only. The authorization becomes `REVOKED` (`revoked_by: BUSINESS_CENTER`): "
    "every use stops on the next request and the Spark Ads made through it are paused.",
    responses=problem_responses(*_SEES, ErrorCode.FORBIDDEN, ErrorCode.AUTHORIZATION_REVOKED),
)
async def revoke_bc_tiktok_account(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, tiktok_account_id: LookupId
) -> Response:
    await service.revoke_by_business_center(ctx, user, bc_id, tiktok_account_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{tiktok_account_id}/profile",
    summary="The account's profile",
    description="Admins and assigned members; needs `PROFILE_INFO`. Includes Product Showcase.",
    responses=_READS,
)
async def get_bc_tiktok_account_profile(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, tiktok_account_id: LookupId
) -> ProfileRead:
    return await service.profile(ctx, user, bc_id, tiktok_account_id)


@router.get(
    "/{tiktok_account_id}/videos",
    summary="The account's public videos",
    description="Admins and holders of `POST`; needs `PUBLIC_VIDEOS`. Only `PUBLIC` videos, each "
    "with its ad authorization; `ad_enabled` filters on it.",
    responses=_READS,
)
async def list_bc_tiktok_account_videos(
    ctx: Ctx,
    user: CurrentUser,
    bc_id: LookupId,
    tiktok_account_id: LookupId,
    query: Annotated[VideosQuery, Depends(QueryModel(VideosQuery))],
) -> Page[VideoRead]:
    return await service.videos(ctx, user, bc_id, tiktok_account_id, query.ad_enabled, page=query)


@router.get(
    "/{tiktok_account_id}/lives",
    summary="The account's LIVEs",
    description="Admins and holders of `LIVE`; needs `LIVE_VIDEOS`. Active and ended.",
    responses=_READS,
)
async def list_bc_tiktok_account_lives(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, tiktok_account_id: LookupId, page: Pagination
) -> Page[LiveRead]:
    return await service.lives(ctx, user, bc_id, tiktok_account_id, page)
