from fastapi import APIRouter, Request, Response, status

from app.assignments import service
from app.assignments.schemas import AssignmentRead, AssignmentsCreate, AssignmentUpdate
from app.core.context import Ctx, runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.users.dependencies import CurrentUser

router = APIRouter(
    route_class=UnitOfWorkRoute,
    prefix="/v1/business-centers/{bc_id}/tiktok-accounts/{tiktok_account_id}/assignments",
    tags=["Step 2: assignments"],
)

_ADMIN_DOES = (ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)
_CHANGES = problem_responses(
    *_ADMIN_DOES, ErrorCode.ROLE_OUTSIDE_SCOPE, ErrorCode.AUTHORIZATION_REVOKED
)


@router.get(
    "",
    summary="List the account's assignments",
    description="Admin only. Who holds which roles on this TikTok account.",
    responses=problem_responses(*_ADMIN_DOES),
)
async def list_assignments(
    request: Request,
    user: CurrentUser,
    bc_id: LookupId,
    tiktok_account_id: LookupId,
    page: Pagination,
) -> Page[AssignmentRead]:
    return await service.list_assignments(
        runtime_of(request).database.fetch, user, bc_id, tiktok_account_id, page
    )


@router.post(
    "",
    summary="Assign members (bulk)",
    description="Admin only, on an `ACTIVE` authorization. Tick up to 50 members and pick the "
    "roles: each gets exactly these roles (assigning again replaces them). All or nothing: a "
    "member id not in this BC is `MEMBER_NOT_FOUND` and nothing changes. `POST` needs the "
    "`EXISTING_POSTS` scope, `LIVE` needs `LIVE_VIDEOS`.",
    responses=problem_responses(
        *_ADMIN_DOES,
        ErrorCode.MEMBER_NOT_FOUND,
        ErrorCode.ROLE_OUTSIDE_SCOPE,
        ErrorCode.AUTHORIZATION_REVOKED,
    ),
)
async def assign_members(
    ctx: Ctx,
    user: CurrentUser,
    bc_id: LookupId,
    tiktok_account_id: LookupId,
    body: AssignmentsCreate,
) -> Page[AssignmentRead]:
    return await service.assign(ctx, user, bc_id, tiktok_account_id, body)


@router.put(
    "/{member_id}",
    summary="Set one member's roles",
    description="Admin only, on an `ACTIVE` authorization. Creates or replaces the assignment.",
    responses=_CHANGES,
)
async def set_assignment(
    ctx: Ctx,
    user: CurrentUser,
    bc_id: LookupId,
    tiktok_account_id: LookupId,
    member_id: LookupId,
    body: AssignmentUpdate,
) -> AssignmentRead:
    return await service.update(ctx, user, bc_id, tiktok_account_id, member_id, body)


@router.delete(
    "/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Unassign a member",
    description="Admin only, on an `ACTIVE` authorization. The member loses the account at once.",
    responses=problem_responses(*_ADMIN_DOES, ErrorCode.AUTHORIZATION_REVOKED),
)
async def remove_assignment(
    ctx: Ctx, user: CurrentUser, bc_id: LookupId, tiktok_account_id: LookupId, member_id: LookupId
) -> Response:
    await service.remove(ctx, user, bc_id, tiktok_account_id, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
