"""Who a request's `Authorization` header names now: the principal an idempotent response
belongs to. A response is kept for, and handed back to, a principal (a user or a TikTok
account), never to a header string: a token that has been rotated away names nobody."""

from app.core.auth import bearer_token
from app.core.db import Database
from app.tiktok_app.dependencies import owner_of_token
from app.users.dependencies import user_of_token


async def caller_of(database: Database, authorization: str) -> str | None:
    """`user:<id>` or `owner:<id>` for a token that authenticates now, else None."""
    token = bearer_token(authorization)
    if token is None:
        return None
    user = await user_of_token(database, token)
    if user is not None:
        return f"user:{user.id}"
    owner = await owner_of_token(database, token)
    if owner is not None:
        return f"owner:{owner.tiktok_account_id}"
    return None
