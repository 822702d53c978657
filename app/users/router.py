from fastapi import APIRouter, status

from app.core.context import Ctx
from app.core.errors import ErrorCode
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.users import service
from app.users.dependencies import CurrentUser
from app.users.schemas import Me, UserCreate, UserCreated

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/v1/users", tags=["Users"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Sign up",
    description="Create a user and get its bearer token. The token is shown only here.",
    responses=problem_responses(ErrorCode.SIGNUP_DISABLED, ErrorCode.EMAIL_TAKEN),
)
def sign_up(ctx: Ctx, body: UserCreate) -> UserCreated:
    return service.sign_up(ctx, body)


@router.get(
    "/me",
    summary="Who am I",
    description="The calling user and the Business Centers it belongs to.",
    responses=problem_responses(ErrorCode.UNAUTHENTICATED),
)
def read_me(ctx: Ctx, user: CurrentUser) -> Me:
    return service.me(ctx, user)
