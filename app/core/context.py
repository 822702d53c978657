"""What a request's service call works with: one session (one unit of work) and the runtime."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.core.config import Settings
from app.core.db import Database, utcnow
from app.core.security import QrCodes

Clock = Callable[[], datetime]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Runtime:
    """Built once per app: settings and the long-lived objects made from them."""

    settings: Settings
    database: Database
    qr_codes: QrCodes
    clock: Clock = field(default=utcnow)


@dataclass(frozen=True, slots=True)
class Context:
    session: Session
    runtime: Runtime

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def qr_codes(self) -> QrCodes:
        return self.runtime.qr_codes

    def now(self) -> datetime:
        return self.runtime.clock()


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def _context(request: Request) -> Iterator[Context]:
    runtime = runtime_of(request)
    # Committed when the route returns, before the response is sent (scope="function"),
    # so a client's next request always sees this one's change.
    with runtime.database.session(write=request.method not in SAFE_METHODS) as session:
        yield Context(session=session, runtime=runtime)


Ctx = Annotated[Context, Depends(_context, scope="function")]
