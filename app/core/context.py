"""What a request's service call works with: one session (one unit of work) and the runtime."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

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
    session: AsyncSession
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


async def _context(request: Request) -> Context:
    """The request's unit of work, opened (and committed before the response is sent) by its
    route (app/core/routing.py): a route that asks for a Ctx gets one."""
    session: AsyncSession = request.state.session
    return Context(session=session, runtime=runtime_of(request))


Ctx = Annotated[Context, Depends(_context)]
