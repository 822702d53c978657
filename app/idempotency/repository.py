from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.idempotency.models import IdempotencyRecord

# Rows one write removes at most: the table shrinks faster than one row per write grows it,
# and no single request pays for a long quiet period.
SWEEP_BATCH = 100


def get(session: Session, caller: str, key: str) -> IdempotencyRecord | None:
    return session.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
        )
    ).one_or_none()


def complete(session: Session, record_id: str, status_code: int, response: bytes) -> None:
    session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.id == record_id)
        .values(status_code=status_code, response=response)
    )


def remove(session: Session, record_id: str) -> None:
    session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id))


def sweep(session: Session, created_before: datetime) -> None:
    """Delete up to SWEEP_BATCH expired records, oldest first. Rows another writer is sweeping
    are skipped, not waited for (PostgreSQL; SQLite writers are serial)."""
    expired = (
        select(IdempotencyRecord.id)
        .where(IdempotencyRecord.created_at < created_before)
        .order_by(IdempotencyRecord.created_at)
        .limit(SWEEP_BATCH)
        .with_for_update(skip_locked=True)
    )
    session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id.in_(expired)))
