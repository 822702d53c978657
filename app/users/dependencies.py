from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import (
    credentials_token,
    digests_match,
    lookup_digest,
    unauthenticated,
    user_bearer,
)
from app.core.context import runtime_of
from app.core.db import Database
from app.core.security import TokenKind
from app.users import repository
from app.users.principal import UserPrincipal


async def user_of_token(database: Database, token: str) -> UserPrincipal | None:
    """The user this token belongs to now. It reads on a connection of its own, outside any
    unit of work (no session, no worker thread on SQLite): every user route asks it first."""
    digest = lookup_digest(token, TokenKind.USER)
    if digest is None:
        return None
    found = await repository.token_owner(database.fetch, digest)
    if found is None or not digests_match(found[2], digest):
        return None
    return UserPrincipal(id=found[0], email=found[1])


async def _current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(user_bearer)],
) -> UserPrincipal:
    user = await user_of_token(runtime_of(request).database, credentials_token(credentials))
    if user is None:
        raise unauthenticated()
    return user


CurrentUser = Annotated[UserPrincipal, Depends(_current_user)]
