from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import (
    credentials_token,
    digests_match,
    lookup_digest,
    owner_bearer,
    unauthenticated,
)
from app.core.context import runtime_of
from app.core.db import Database
from app.core.security import TokenKind
from app.tiktok_app import repository
from app.tiktok_app.principal import OwnerPrincipal


async def owner_of_token(database: Database, token: str) -> OwnerPrincipal | None:
    """The TikTok account whose owner token this is now, read as a user's token is."""
    digest = lookup_digest(token, TokenKind.OWNER)
    if digest is None:
        return None
    found = await repository.owner_token_account(database.fetch, digest)
    if found is None or not digests_match(found[1], digest):
        return None
    return OwnerPrincipal(tiktok_account_id=found[0])


async def _current_owner(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(owner_bearer)],
) -> OwnerPrincipal:
    owner = await owner_of_token(runtime_of(request).database, credentials_token(credentials))
    if owner is None:
        raise unauthenticated()
    return owner


CurrentOwner = Annotated[OwnerPrincipal, Depends(_current_owner)]
