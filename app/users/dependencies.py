from typing import Annotated

from fastapi import Depends

from app.core.auth import BearerPrincipal, digests_match, lookup_digest
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


current_user = BearerPrincipal(
    scheme_name="UserToken",
    description="A user's token, from `POST /v1/users` (starts with `bctu_`).",
    lookup=user_of_token,
)
CurrentUser = Annotated[UserPrincipal, Depends(current_user)]
