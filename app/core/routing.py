"""Routes whose unit of work runs again when it loses a race the database detected."""

import asyncio
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError

from app.core.context import runtime_of

logger = logging.getLogger(__name__)

# PostgreSQL: serialization_failure, deadlock_detected. SQLite: the busy timeout ran out.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def is_retryable(error: DBAPIError) -> bool:
    if getattr(error.orig, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)


class UnitOfWorkRoute(APIRoute):
    """Run the whole request again (a fresh session, from the start) after a serialization
    failure or a deadlock, up to DB_RETRY_ATTEMPTS times, with jittered backoff. The body is
    read once and cached by the request, so it is the same on every attempt."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def retrying_handler(request: Request) -> Response:
            attempts = runtime_of(request).settings.db_retry_attempts
            for attempt in range(1, attempts + 1):
                try:
                    return await handler(request)
                except DBAPIError as error:
                    if attempt == attempts or not is_retryable(error):
                        raise
                    logger.warning("retrying after a lost database race (attempt %d)", attempt)
                    await asyncio.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311
            raise AssertionError("unreachable")

        return retrying_handler
