import hmac
from functools import partial
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import token_digest_of, unauthenticated, user_bearer
from app.core.context import runtime_of
from app.core.security import TokenKind
from app.users import repository
from app.users.principal import UserPrincipal


async def _current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(user_bearer)],
) -> UserPrincipal:
    """Every user route asks this first, so it reads on a connection of its own, outside the
    request's unit of work (no session, no worker thread on SQLite)."""
    digest = token_digest_of(credentials, TokenKind.USER)
    found = await runtime_of(request).database.read(partial(repository.token_owner, digest=digest))
    # The index finds the row; the comparison that admits the caller takes constant time.
    if found is None or not hmac.compare_digest(found[2], digest):
        raise unauthenticated()
    return UserPrincipal(id=found[0], email=found[1])


CurrentUser = Annotated[UserPrincipal, Depends(_current_user)]
