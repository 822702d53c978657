from fastapi import APIRouter, Request

from app.audit import service
from app.audit.schemas import AuditEventRead
from app.core.context import runtime_of
from app.core.errors import ErrorCode
from app.core.pagination import Page, Pagination
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.core.schemas import LookupId
from app.users.dependencies import CurrentUser

router = APIRouter(
    route_class=UnitOfWorkRoute,
    prefix="/v1/business-centers/{bc_id}/audit-events",
    tags=["Audit log"],
)


@router.get(
    "",
    summary="The BC's audit log",
    description="Admin only. Append-only, newest first: every change to the BC's members, ad "
    "accounts, access requests, authorizations, assignments and Spark Ads, including the owner's "
    "decisions and revocations that concern it.",
    responses=problem_responses(
        ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND
    ),
)
async def list_audit_events(
    request: Request, user: CurrentUser, bc_id: LookupId, page: Pagination
) -> Page[AuditEventRead]:
    return await service.list_events(runtime_of(request).database.fetch, user, bc_id, page)
