"""Bearer-token plumbing shared by the user and owner principals."""

import hmac
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from fastapi import Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase

from app.core.context import runtime_of
from app.core.db import Database
from app.core.errors import AppError, ErrorCode
from app.core.security import TokenKind, token_digest

# No token of ours is longer: a longer string is refused before it is hashed.
MAX_TOKEN_LENGTH = 200


def unauthenticated(detail: str = "A valid bearer token is required.") -> AppError:
    return AppError(
        ErrorCode.UNAUTHENTICATED, detail, headers={"WWW-Authenticate": 'Bearer realm="v1"'}
    )


def bearer_token(authorization: str) -> str | None:
    """The token of an `Authorization: Bearer <token>` header value, if it is one."""
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def lookup_digest(token: str, kind: TokenKind) -> str | None:
    """The digest to look a principal of `kind` up by; None for anything that is not a token of
    that kind (the two kinds are not interchangeable)."""
    if not token.startswith(f"{kind}_") or len(token) > MAX_TOKEN_LENGTH:
        return None
    return token_digest(token)


def digests_match(stored: str, presented: str) -> bool:
    """The index finds the row; the comparison that admits the caller takes constant time."""
    return hmac.compare_digest(stored, presented)


PrincipalT = TypeVar("PrincipalT")


class BearerPrincipal(SecurityBase, Generic[PrincipalT]):
    """The principal that a request's `Authorization: Bearer` token names now, or 401.

    One dependency does it all, the header read by `bearer_token` (as the idempotency
    middleware reads it) and the token looked up by `lookup`: a security scheme to FastAPI, so
    the OpenAPI document shows it as `scheme_name`, and one level of dependencies less to solve
    on every request than a bearer scheme under a principal dependency."""

    def __init__(
        self,
        *,
        scheme_name: str,
        description: str,
        lookup: Callable[[Database, str], Awaitable[PrincipalT | None]],
    ) -> None:
        self.model = HTTPBearerModel(description=description)
        self.scheme_name = scheme_name
        self._lookup = lookup

    async def __call__(self, request: Request) -> PrincipalT:
        token = bearer_token(request.headers.get("authorization", ""))
        if token is not None:
            principal = await self._lookup(runtime_of(request).database, token)
            if principal is not None:
                return principal
        raise unauthenticated()
