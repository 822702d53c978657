from fastapi import APIRouter, status

from app.core.context import Ctx
from app.core.errors import ErrorCode
from app.core.problems import problem_responses
from app.core.routing import UnitOfWorkRoute
from app.users import service
from app.users.dependencies import CurrentUser
from app.users.schemas import Me, NewToken, UserCreate, UserCreated

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/v1/users", tags=["Users"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Sign up",
    description="Create a user and get its bearer token. The token is shown only here.",
    responses=problem_responses(ErrorCode.SIGNUP_DISABLED, ErrorCode.EMAIL_TAKEN),
)
async def sign_up(ctx: Ctx, body: UserCreate) -> UserCreated:
    return await service.sign_up(ctx, body)


@router.post(
    "/me/token",
    summary="Rotate my token",
    description="Issues a new bearer token; the one used for this call stops working at once.",
    responses=problem_responses(ErrorCode.UNAUTHENTICATED),
)
async def rotate_user_token(ctx: Ctx, user: CurrentUser) -> NewToken:
    return await service.rotate_token(ctx, user)


@router.get(
    "/me",
    summary="Who am I",
    description="The calling user and the Business Centers it belongs to.",
    responses=problem_responses(ErrorCode.UNAUTHENTICATED),
)
async def get_me(ctx: Ctx, user: CurrentUser) -> Me:
    return await service.me(ctx, user)
