"""Fixed-window limits on failed attempts, shared by every replica through the database.

A QR code carries 256 bits: nobody guesses one, so these limits defend the service's load and
tell a guesser to stop, and they never stand between a real code and its owner. Only a failure
is counted, and only a failure past the limit is refused (429): a known code is served whatever
its address or owner has failed before.

Each failure is its own short transaction, apart from the request's unit of work: it is counted
even though the request's own changes roll back.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.context import Runtime
from app.core.errors import AppError, ErrorCode
from app.rate_limits import repository


@dataclass(frozen=True, slots=True)
class Limit:
    key: str
    max_failures: int


def _window(runtime: Runtime) -> tuple[datetime, int]:
    """The current window's start and the seconds left in it."""
    window = runtime.settings.qr_failure_window_seconds
    now = int(runtime.clock().timestamp())
    start = now - now % window
    return datetime.fromtimestamp(start, UTC), start + window - now


async def count_failure(runtime: Runtime, limit: Limit) -> None:
    """Count one failure against the limit; 429 RATE_LIMITED (counting nothing) once the window
    already holds `max_failures` of them."""
    start, seconds_left = _window(runtime)
    async with runtime.database.unit_of_work(write=True) as session:
        if await repository.count(session, limit.key, start) >= limit.max_failures:
            raise AppError(
                ErrorCode.RATE_LIMITED,
                "Too many failed attempts; wait before trying again.",
                headers={"Retry-After": str(max(seconds_left, 1))},
            )
        await repository.hit(session, limit.key, start)
