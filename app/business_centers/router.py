from fastapi import APIRouter, Request, Response, status

from app.business_centers import service
from app.business_centers.schemas import (
    AdAccountCreate,
    AdAccountListItem,
    AdAccountRead,
    AdAccountRoleRead,
    AdAccountRoleSet,
    BusinessCenterCreate,
    BusinessCenterRead,
    MemberCreate,
    MemberRead,
    MemberUpdate,
)
from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.users.dependencies import CurrentUser

router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/v1/business-centers", tags=["Business Centers"]
)

_MEMBER_SEES = problem_responses(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
_ADMIN_DOES = (ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a Business Center",
    description="The caller becomes its first `ADMIN`.",
    responses=problem_responses(ErrorCode.UNAUTHENTICATED),
)
async def create_business_center(
    ctx: Ctx, user: CurrentUser, body: BusinessCenterCreate
) -> BusinessCenterRead:
    return await service.create(ctx, user, body)


@router.get(
    "/{bc_id}",
    summary="Read a Business Center",
    description="Any member may read its Business Center.",
    responses=_MEMBER_SEES,
)
async def get_business_center(ctx: Ctx, user: CurrentUser, bc_id: LookupId) -> BusinessCenterRead:
    return await service.get(ctx, user, bc_id)


@router.get(
    "/{bc_id}/members",
    summary="List members",
    description="Members of the Business Center, newest first.",
    responses=_MEMBER_SEES,
)
async def list_members(
    request: Request, user: CurrentUser, bc_id: LookupId, page: Pagination
) -> Page[MemberRead]:
    return await service.list_members(runtime_of(request).database.fetch, user, bc_id, page)


@router.post(
    "/{bc_id}/members",
    status_code=status.HTTP_201_CREATED,
    summary="Add a member",
    description="Add a signed-up user, by email, as `ADMIN` or `STANDARD`. Admin only.",
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.USER_NOT_FOUND, ErrorCode.ALREADY_A_MEMBER),
)
async def add_member(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, body: MemberCreate
) -> MemberRead:
    return await service.add_member(ctx, user, bc_id, body)


@router.patch(
    "/{bc_id}/members/{member_id}",
    summary="Change a member's role",
    description="Admin only. The last admin cannot be demoted (`LAST_ADMIN`).",
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.LAST_ADMIN),
)
async def update_member(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, member_id: LookupId, body: MemberUpdate
) -> MemberRead:
    return await service.update_member(ctx, user, bc_id, member_id, body)


@router.delete(
    "/{bc_id}/members/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a member",
    description="Admin only. Its assignments and ad-account roles go too. "
    "The last admin cannot be removed (`LAST_ADMIN`).",
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.LAST_ADMIN),
)
async def remove_member(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, member_id: LookupId
) -> Response:
    await service.remove_member(ctx, user, bc_id, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{bc_id}/ad-accounts",
    status_code=status.HTTP_201_CREATED,
    summary="Create an ad account",
    description="Admin only.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def create_ad_account(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, body: AdAccountCreate
) -> AdAccountRead:
    return await service.create_ad_account(ctx, user, bc_id, body)


@router.get(
    "/{bc_id}/ad-accounts",
    summary="List ad accounts",
    description="An admin sees every ad account of the BC; a standard member those it holds a "
    "role on. `my_role` is the caller's role on each.",
    responses=_MEMBER_SEES,
)
async def list_ad_accounts(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, page: Pagination
) -> Page[AdAccountListItem]:
    return await service.list_ad_accounts(ctx, user, bc_id, page)


@router.put(
    "/{bc_id}/ad-accounts/{ad_account_id}/members/{member_id}",
    summary="Give a member a role on an ad account",
    description="Admin only. `ADMIN` or `OPERATOR` on an ad account lets a member make Spark Ads "
    "there; `ANALYST` only reads.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def set_ad_account_role(
    ctx: Ctx,
    user: CurrentUser,
    bc_id: LookupId,
    ad_account_id: LookupId,
    member_id: LookupId,
    body: AdAccountRoleSet,
) -> AdAccountRoleRead:
    return await service.set_ad_account_role(ctx, user, bc_id, ad_account_id, member_id, body)


@router.delete(
    "/{bc_id}/ad-accounts/{ad_account_id}/members/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a member's role on an ad account away",
    description="Admin only.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def remove_ad_account_role(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, ad_account_id: LookupId, member_id: LookupId
) -> Response:
    await service.remove_ad_account_role(ctx, user, bc_id, ad_account_id, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
