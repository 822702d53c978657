from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.rate_limits.models import RateLimitCounter


async def count(session: AsyncSession, key: str, window_start: datetime) -> int:
    return (
        await session.scalar(
            select(RateLimitCounter.count).where(
                RateLimitCounter.key == key, RateLimitCounter.window_start == window_start
            )
        )
        or 0
    )


async def hit(session: AsyncSession, key: str, window_start: datetime) -> None:
    """Add one to the key's counter in this window, atomically on every backend."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(RateLimitCounter).values(key=key, window_start=window_start, count=1)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[RateLimitCounter.key, RateLimitCounter.window_start],
            set_={"count": RateLimitCounter.count + 1},
        )
    )
    # Past windows count for nothing: drop this key's.
    await session.execute(
        delete(RateLimitCounter).where(
            RateLimitCounter.key == key, RateLimitCounter.window_start < window_start
        )
    )
