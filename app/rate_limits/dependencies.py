"""Guards against guessing QR codes: failed lookups are limited per owner and per address.

An owner who scans is authenticated, so it is limited by its TikTok account (a new token does
not reset it) and never by its address: behind a proxy or a carrier's NAT, owners share one.
The consent screen has no principal, so it is limited by the client's address, which uvicorn
takes from `X-Forwarded-For` only when the peer is in FORWARDED_ALLOW_IPS.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, Request

from app.core.context import runtime_of
from app.core.errors import AppError, ErrorCode
from app.rate_limits.service import Limit, count_failure
from app.tiktok_app.dependencies import CurrentOwner


@asynccontextmanager
async def _counting_failures(request: Request, limit: Limit) -> AsyncIterator[None]:
    try:
        yield
    except AppError as error:
        # Only a code that matches nothing is a guess; used or expired codes were real.
        if error.code is ErrorCode.QR_CODE_NOT_FOUND:
            await count_failure(runtime_of(request), limit)  # 429 once past the limit
        raise


async def _scan_guard(request: Request, owner: CurrentOwner) -> AsyncIterator[None]:
    per_owner = runtime_of(request).settings.qr_failures_per_owner
    async with _counting_failures(request, Limit(f"qr:owner:{owner.tiktok_account_id}", per_owner)):
        yield


async def _consent_guard(request: Request) -> AsyncIterator[None]:
    address = request.client.host if request.client else "unknown"
    per_address = runtime_of(request).settings.qr_failures_per_address
    async with _counting_failures(request, Limit(f"qr:address:{address}", per_address)):
        yield


# Declared in a route's `dependencies`, so they are entered before (and left after) its unit
# of work: a failure is counted once the request's own transaction has ended.
ScanGuard = Depends(_scan_guard, scope="function")
ConsentGuard = Depends(_consent_guard, scope="function")
