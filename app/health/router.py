from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.core.context import runtime_of
from app.core.errors import ErrorCode
from app.core.problems import problem_response, problem_responses
from app.core.routing import UnitOfWorkRoute
from app.health import service

router = APIRouter(route_class=UnitOfWorkRoute, tags=["Operations"])


class Status(BaseModel):
    status: str


@router.get("/healthz", summary="Liveness", description="The process is up.")
async def check_liveness() -> Status:
    return Status(status="ok")


@router.get(
    "/readyz",
    summary="Readiness",
    description="200 when the database answers and is at the latest migration, else 503.",
    responses=problem_responses(ErrorCode.SERVICE_UNAVAILABLE),
    response_model=Status,
)
async def check_readiness(request: Request) -> Status | JSONResponse:
    problem = await service.readiness_problem(runtime_of(request).database)
    if problem is not None:
        return problem_response(request, ErrorCode.SERVICE_UNAVAILABLE, problem)
    return Status(status="ready")
