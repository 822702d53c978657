"""Bearer-token plumbing shared by the user and owner principals."""

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


def unauthenticated(detail: str = "A valid bearer token is required.") -> AppError:
    return AppError(
        ErrorCode.UNAUTHENTICATED, detail, headers={"WWW-Authenticate": 'Bearer realm="v1"'}
    )


def token_digest_of(credentials: HTTPAuthorizationCredentials | None, kind: TokenKind) -> str:
    """The digest to look the principal up by; 401 for anything that is not a token of `kind`."""
    if credentials is None:
        raise unauthenticated()
    token = credentials.credentials
    if not token.startswith(f"{kind}_") or len(token) > 200:
        raise unauthenticated()
    return token_digest(token)
