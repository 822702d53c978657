"""Bearer-token plumbing shared by the user and owner principals."""

import hmac

from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.core.errors import AppError, ErrorCode
from app.core.security import TokenKind, token_digest

user_bearer = HTTPBearer(
    scheme_name="UserToken",
    description="A user's token, from `POST /v1/users` (starts with `bctu_`).",
    auto_error=False,
)
owner_bearer = HTTPBearer(
    scheme_name="OwnerToken",
    description="A TikTok account owner's token, from `POST /v1/tiktok-app/accounts` "
    "(starts with `bcto_`).",
    auto_error=False,
)

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


def credentials_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The bearer token of a request; 401 when there is none."""
    if credentials is None:
        raise unauthenticated()
    return credentials.credentials
