from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.idempotency.models import IdempotencyRecord

# Rows one write removes at most: the table shrinks faster than one row per write grows it,
# and no single request pays for a long quiet period.
SWEEP_BATCH = 100


async def get(session: AsyncSession, caller: str, key: str) -> IdempotencyRecord | None:
    return (
        await session.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
            )
        )
    ).one_or_none()


async def complete(
    session: AsyncSession, record_id: str, status_code: int, response: bytes
) -> None:
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.id == record_id)
        .values(status_code=status_code, response=response)
    )


async def remove(session: AsyncSession, record_id: str) -> None:
    await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id))


async def sweep(session: AsyncSession, created_before: datetime) -> None:
    """Delete up to SWEEP_BATCH expired records, oldest first. Rows another writer is sweeping
    are skipped, not waited for (PostgreSQL; SQLite writers are serial)."""
    expired = (
        select(IdempotencyRecord.id)
        .where(IdempotencyRecord.created_at < created_before)
        .order_by(IdempotencyRecord.created_at)
        .limit(SWEEP_BATCH)
        .with_for_update(skip_locked=True)
    )
    await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id.in_(expired)))
