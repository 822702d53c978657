"""Routes that run in a unit of work: opened before the endpoint, committed before the response
is sent, rolled back on any error, and run again when they lose a race the database detected.
The model is polar's `AutoCommitAPIRoute` (server/polar/kit/routing.py)."""

import asyncio
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError

from app.core.context import SAFE_METHODS, _context, runtime_of

logger = logging.getLogger(__name__)

Handler = Callable[[Request], Coroutine[Any, Any, Response]]

# PostgreSQL: serialization_failure, deadlock_detected. SQLite: the busy timeout ran out.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def is_retryable(error: DBAPIError) -> bool:
    if getattr(error.orig, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)


def _asks_for_a_unit_of_work(dependant: Dependant) -> bool:
    return any(
        sub.call is _context or _asks_for_a_unit_of_work(sub) for sub in dependant.dependencies
    )


class UnitOfWorkRoute(APIRoute):
    """A route whose endpoint asks for a `Ctx` runs in a unit of work of its own. One that does
    not (the hot reads: `Database.fetch` only) opens none."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if not _asks_for_a_unit_of_work(self.dependant):
            return handler
        return _in_a_unit_of_work(handler, write=not (self.methods or set()) <= SAFE_METHODS)


def _in_a_unit_of_work(handler: Handler, *, write: bool) -> Handler:
    """Run the request in a unit of work; after a serialization failure or a deadlock run it
    again, a fresh unit of work from the start, up to DB_RETRY_ATTEMPTS times, with jittered
    backoff. The body is read once and cached by the request, so it is the same every time."""

    async def handler_in_a_unit_of_work(request: Request) -> Response:
        runtime = runtime_of(request)
        attempts = runtime.settings.db_retry_attempts
        for attempt in range(1, attempts + 1):
            try:
                async with runtime.database.unit_of_work(write=write) as session:
                    request.state.session = session
                    return await handler(request)
            except DBAPIError as error:
                if attempt == attempts or not is_retryable(error):
                    raise
                logger.warning("retrying after a lost database race (attempt %d)", attempt)
                await asyncio.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311
        raise AssertionError("unreachable")

    return handler_in_a_unit_of_work
