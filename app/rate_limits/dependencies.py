"""Guards against guessing QR codes: failed lookups are limited per owner and per address."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from app.core.auth import owner_bearer
from app.core.context import runtime_of
from app.core.errors import AppError, ErrorCode
from app.core.security import token_digest
from app.rate_limits.service import Limit, ensure_allowed, record_failure


def _limits(request: Request, owner_token: str | None) -> list[Limit]:
    settings = runtime_of(request).settings
    address = request.client.host if request.client else "unknown"
    limits = [Limit([f"qr:address:{address}"], settings.qr_failures_per_address)]
    if owner_token is not None:
        # The token's digest stands for the owner: no database lookup before the guard.
        limits.append(
            Limit([f"qr:owner:{token_digest(owner_token)}"], settings.qr_failures_per_owner)
        )
    return limits


def _guard(limits: list[Limit], request: Request) -> Iterator[None]:
    runtime = runtime_of(request)
    ensure_allowed(runtime, limits)
    try:
        yield
    except AppError as error:
        # Only a code that matches nothing is a guess; used or expired codes were real.
        if error.code is ErrorCode.QR_CODE_NOT_FOUND:
            record_failure(runtime, limits)
        raise


def _scan_guard(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(owner_bearer)],
) -> Iterator[None]:
    yield from _guard(_limits(request, credentials.credentials if credentials else None), request)


def _consent_guard(request: Request) -> Iterator[None]:
    yield from _guard(_limits(request, None), request)


# Declared in a route's `dependencies`, so they are entered before (and left after) its unit
# of work: a failure is recorded once the request's own transaction has ended.
ScanGuard = Depends(_scan_guard, scope="function")
ConsentGuard = Depends(_consent_guard, scope="function")
