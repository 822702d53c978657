"""`Idempotency-Key` on POST: a retry with the same key and body gets the first response and
changes nothing; the same key with another request is 422.

A key belongs to a principal, not to a header: the caller is authenticated first, and a kept
response goes back only to a caller who authenticates as the same user or TikTok account at
the time of the retry. A token rotated away names nobody, so replaying the rotation with it is
a 401, like any other use of it; a token that names nobody stores nothing. Without a token
there is no principal to keep a response for, and the only anonymous POSTs (the sign-ups)
answer with a new secret: a key there is refused (422), never shared between anonymous callers.

Kept for IDEMPOTENCY_KEY_TTL_SECONDS, and swept by age on each keyed request. Not kept: 401
(not this route's kind of principal), 429 and 5xx (worth retrying, so the retry runs).

It runs around the whole app, so what it keeps is the response as sent, after the request's
unit of work has committed.
"""

import hashlib
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.auth import unauthenticated
from app.core.body_limit import replay_once
from app.core.context import Runtime
from app.core.errors import ErrorCode
from app.core.problems import (
    app_error_response,
    asgi_problem,
    database_unavailable_response,
    is_database_away,
)
from app.idempotency.callers import caller_of
from app.idempotency.store import (
    IdempotencyStore,
    InProgress,
    Mismatch,
    Started,
    StoredResponse,
)

HEADER = b"idempotency-key"
_KEPT_HEADERS = frozenset({"content-type", "location", "cache-control"})
_NOT_KEPT = frozenset({401, 429})


def _well_formed(key: str) -> bool:
    return 1 <= len(key) <= 255 and all(" " < c <= "~" for c in key)


def _key_problem(scope: Scope, code: ErrorCode, detail: str, msg: str, **kwargs: Any) -> ASGIApp:
    errors = [{"loc": ["header", "Idempotency-Key"], "msg": msg}]
    return asgi_problem(scope, code, detail, extra={"errors": errors}, **kwargs)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime
        self.store = IdempotencyStore(runtime)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if HEADER not in headers:
            await self.app(scope, receive, send)
            return
        respond = await self._keyed(scope, headers, receive, send)
        if respond is not None:
            await respond(scope, receive, send)

    async def _keyed(
        self, scope: Scope, headers: dict[bytes, bytes], receive: Receive, send: Send
    ) -> ASGIApp | None:
        """Serve a keyed POST; or return the problem to answer with instead."""
        key = headers[HEADER].decode("latin-1")
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        if not authorization.strip():
            return _key_problem(
                scope,
                ErrorCode.VALIDATION_ERROR,
                "An Idempotency-Key needs a bearer token.",
                "needs a bearer token: a key belongs to an authenticated caller",
            )
        if not _well_formed(key):
            return _key_problem(
                scope,
                ErrorCode.VALIDATION_ERROR,
                "The request is not valid; see `errors`.",
                "1 to 255 printable ASCII characters, no spaces",
            )
        try:
            caller = await caller_of(self.runtime.database, authorization)
            if caller is None:
                return app_error_response(Request(scope), unauthenticated())
            body = await _read_body(receive)
            request_digest = hashlib.sha256(
                b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
            ).hexdigest()
            outcome = await self.store.begin(caller, key, request_digest)
        except (DBAPIError, PoolTimeoutError) as error:
            if not is_database_away(error):
                raise
            return database_unavailable_response(Request(scope))

        if isinstance(outcome, StoredResponse):
            await _replay(outcome, send)
            return None
        if isinstance(outcome, Mismatch):
            return _key_problem(
                scope,
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used with another request.",
                "already used with another request",
            )
        if isinstance(outcome, InProgress):
            return asgi_problem(
                scope,
                ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still in progress; retry shortly.",
                headers={"Retry-After": "1"},
            )
        await self._first_use(scope, body, receive, send, outcome)
        return None

    async def _first_use(
        self, scope: Scope, body: bytes, receive: Receive, send: Send, started: Started
    ) -> None:
        status_code = 500
        kept_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def capturing_send(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                kept_headers.extend(
                    (name.decode("latin-1"), value.decode("latin-1"))
                    for name, value in message.get("headers", [])
                    if name.decode("latin-1").lower() in _KEPT_HEADERS
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_once(body, receive), capturing_send)
        except BaseException:
            await self.store.release(started.record_id)
            raise
        if status_code >= 500 or status_code in _NOT_KEPT:  # keep nothing
            await self.store.release(started.record_id)
        else:
            stored = StoredResponse(status_code, kept_headers, b"".join(chunks))
            await self.store.complete(started.record_id, stored)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _replay(response: StoredResponse, send: Send) -> None:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.headers
    ]
    headers += [
        (b"content-length", str(len(response.body)).encode()),
        (b"idempotent-replayed", b"true"),
    ]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
