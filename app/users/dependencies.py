import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import token_digest_of, unauthenticated, user_bearer
from app.core.context import Ctx
from app.core.security import TokenKind
from app.users import repository
from app.users.principal import UserPrincipal


def _current_user(
    ctx: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(user_bearer)]
) -> UserPrincipal:
    digest = token_digest_of(credentials, TokenKind.USER)
    user = repository.get_by_token_digest(ctx.session, digest)
    # The index finds the row; the comparison that admits the caller takes constant time.
    if user is None or not hmac.compare_digest(user.token_digest, digest):
        raise unauthenticated()
    return UserPrincipal(id=user.id, email=user.email)


CurrentUser = Annotated[UserPrincipal, Depends(_current_user)]
