"""Fixed-window limits on failed attempts, shared by every replica through the database.

Each check and each failure is its own short transaction, apart from the request's unit of
work: a failure is counted even though the request's own changes roll back.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.context import Runtime
from app.core.errors import AppError, ErrorCode
from app.rate_limits import repository


@dataclass(frozen=True, slots=True)
class Limit:
    keys: Sequence[str]
    max_failures: int


def _window_start(runtime: Runtime) -> tuple[datetime, int]:
    """The current window's start and the seconds left in it."""
    window = runtime.settings.qr_failure_window_seconds
    now = int(runtime.clock().timestamp())
    start = now - now % window
    return datetime.fromtimestamp(start, UTC), start + window - now


def ensure_allowed(runtime: Runtime, limits: Sequence[Limit]) -> None:
    start, seconds_left = _window_start(runtime)
    with runtime.database.session(write=False) as session:
        for limit in limits:
            if repository.highest_count(session, limit.keys, start) >= limit.max_failures:
                raise AppError(
                    ErrorCode.RATE_LIMITED,
                    "Too many failed attempts; wait before trying again.",
                    headers={"Retry-After": str(max(seconds_left, 1))},
                )


def record_failure(runtime: Runtime, limits: Sequence[Limit]) -> None:
    start, _ = _window_start(runtime)
    with runtime.database.session(write=True) as session:
        for limit in limits:
            for key in limit.keys:
                repository.hit(session, key, start)
