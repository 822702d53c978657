from sqlalchemy.exc import IntegrityError

from app.core.context import Context
from app.core.errors import AppError, ErrorCode
from app.core.security import TokenKind, new_token, token_digest
from app.users import repository
from app.users.models import User
from app.users.principal import UserPrincipal
from app.users.schemas import Me, Membership, NewToken, UserCreate, UserCreated, UserRead


async def sign_up(ctx: Context, body: UserCreate) -> UserCreated:
    if not ctx.settings.allow_signup:
        raise AppError(ErrorCode.SIGNUP_DISABLED, "Sign-up is disabled on this service.")
    email_taken = AppError(ErrorCode.EMAIL_TAKEN, "A user with this email already exists.")
    if await repository.get_by_email(ctx.session, body.email) is not None:
        raise email_taken
    token = new_token(TokenKind.USER)
    user = User(
        email=body.email,
        display_name=body.display_name,
        token_digest=token_digest(token),
        created_at=ctx.now(),
    )
    ctx.session.add(user)
    try:
        await ctx.session.flush()
    except IntegrityError:  # a concurrent sign-up took the email first
        raise email_taken from None
    return UserCreated(user=UserRead.model_validate(user), token=token)


async def rotate_token(ctx: Context, principal: UserPrincipal) -> NewToken:
    """A fresh token; the one used to ask stops working when this commits."""
    user = await repository.get(ctx.session, principal.id)
    assert user is not None  # authenticated in this same unit of work
    token = new_token(TokenKind.USER)
    user.token_digest = token_digest(token)
    await ctx.session.flush()
    return NewToken(token=token)


async def me(ctx: Context, principal: UserPrincipal) -> Me:
    user = await repository.get(ctx.session, principal.id)
    assert user is not None  # authenticated in this same unit of work
    memberships = [
        Membership(
            business_center_id=bc.id,
            business_center_name=bc.name,
            member_id=member.id,
            role=member.role,
        )
        for member, bc in await repository.memberships(ctx.session, user.id)
    ]
    return Me(**UserRead.model_validate(user).model_dump(), memberships=memberships)
