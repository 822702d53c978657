from typing import Annotated

from fastapi import Depends

from app.core.auth import BearerPrincipal, digests_match, lookup_digest
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


current_owner = BearerPrincipal(
    scheme_name="OwnerToken",
    description="A TikTok account owner's token, from `POST /v1/tiktok-app/accounts` "
    "(starts with `bcto_`).",
    lookup=owner_of_token,
)
CurrentOwner = Annotated[OwnerPrincipal, Depends(current_owner)]
