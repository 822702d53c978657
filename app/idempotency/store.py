"""Idempotency records: reserve a key, then keep the response for the retries."""

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from cryptography.fernet import Fernet
from sqlalchemy.exc import IntegrityError

from app.core.context import Runtime
from app.idempotency import repository
from app.idempotency.models import IdempotencyRecord


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status_code: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True, slots=True)
class Started:
    record_id: str


class InProgress:
    pass


class Mismatch:
    pass


Outcome = Started | StoredResponse | InProgress | Mismatch


@lru_cache
def _fernet(secret_key: str) -> Fernet:
    return Fernet(
        base64.urlsafe_b64encode(hashlib.sha256(b"idempotency:" + secret_key.encode()).digest())
    )


class IdempotencyStore:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._fernet = _fernet(runtime.settings.secret_key.get_secret_value())

    async def begin(self, caller: str, key: str, request_digest: str) -> Outcome:
        """Reserve the key for this caller's request, or say what its first use left. Expired
        records go on the way, this caller's and a batch of anyone's."""
        now = self._runtime.clock()
        expired_before = now - timedelta(seconds=self._runtime.settings.idempotency_key_ttl_seconds)
        try:
            async with self._runtime.database.unit_of_work(write=True) as session:
                await repository.sweep(session, expired_before)
                record = await repository.get(session, caller, key)
                if record is not None and record.created_at <= expired_before:
                    await repository.remove(session, record.id)
                    await session.flush()
                    record = None
                if record is None:
                    record = IdempotencyRecord(
                        caller=caller, key=key, request_digest=request_digest, created_at=now
                    )
                    session.add(record)
                    await session.flush()
                    return Started(record.id)
                if record.request_digest != request_digest:
                    return Mismatch()
                if record.status_code is None or record.response is None:
                    return InProgress()
                return self._decode(record.status_code, record.response)
        except IntegrityError:  # reserved by a concurrent request a moment ago
            return InProgress()

    async def complete(self, record_id: str, response: StoredResponse) -> None:
        payload = json.dumps(
            {
                "headers": response.headers,
                "body": base64.b64encode(response.body).decode(),
            }
        ).encode()
        async with self._runtime.database.unit_of_work(write=True) as session:
            await repository.complete(
                session, record_id, response.status_code, self._fernet.encrypt(payload)
            )

    async def release(self, record_id: str) -> None:
        """Forget a reservation whose request failed on our side, so a retry can run."""
        async with self._runtime.database.unit_of_work(write=True) as session:
            await repository.remove(session, record_id)

    def _decode(self, status_code: int, encrypted: bytes) -> StoredResponse:
        payload = json.loads(self._fernet.decrypt(encrypted))
        headers = [(name, value) for name, value in payload["headers"]]
        return StoredResponse(status_code, headers, base64.b64decode(payload["body"]))
