from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.idempotency.models import IdempotencyRecord


def get(session: Session, caller_digest: str, key: str) -> IdempotencyRecord | None:
    return session.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.caller_digest == caller_digest, IdempotencyRecord.key == key
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
