import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import owner_bearer, token_digest_of, unauthenticated
from app.core.context import Ctx
from app.core.security import TokenKind
from app.tiktok_app import repository
from app.tiktok_app.principal import OwnerPrincipal


def _current_owner(
    ctx: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(owner_bearer)]
) -> OwnerPrincipal:
    digest = token_digest_of(credentials, TokenKind.OWNER)
    account = repository.by_owner_token_digest(ctx.session, digest)
    if account is None or not hmac.compare_digest(account.owner_token_digest, digest):
        raise unauthenticated()
    return OwnerPrincipal(tiktok_account_id=account.id)


CurrentOwner = Annotated[OwnerPrincipal, Depends(_current_owner)]
