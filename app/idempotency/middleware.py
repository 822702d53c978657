"""`Idempotency-Key` on POST: a retry with the same key and body gets the first response and
changes nothing; the same key with another request is 422.

Keys are scoped to the caller (its Authorization header) and kept for
IDEMPOTENCY_KEY_TTL_SECONDS. Responses of 429 and of 500 and above are not kept: they are
worth retrying, so the retry runs.
"""

import hashlib

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.body_limit import replay_once
from app.core.context import Runtime
from app.core.errors import ErrorCode
from app.core.problems import asgi_problem
from app.idempotency.store import (
    IdempotencyStore,
    InProgress,
    Mismatch,
    Started,
    StoredResponse,
)

HEADER = b"idempotency-key"
_KEPT_HEADERS = frozenset({"content-type", "location"})


# Without a token, the key alone guards the first response (which may hold a new token):
# it must be long enough to be random, such as a UUID.
MIN_ANONYMOUS_KEY_LENGTH = 32


def _acceptable(key: str, anonymous: bool) -> bool:
    shortest = MIN_ANONYMOUS_KEY_LENGTH if anonymous else 1
    return shortest <= len(key) <= 255 and all(" " < c <= "~" for c in key)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.store = IdempotencyStore(runtime)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if HEADER not in headers:
            await self.app(scope, receive, send)
            return
        key = headers[HEADER].decode("latin-1")
        if not _acceptable(key, anonymous=b"authorization" not in headers):
            problem = asgi_problem(
                scope,
                ErrorCode.VALIDATION_ERROR,
                "The request is not valid; see `errors`.",
                extra={
                    "errors": [
                        {
                            "loc": ["header", "Idempotency-Key"],
                            "msg": "1 to 255 printable ASCII characters, no spaces; "
                            "32 at least without a token (use a UUID)",
                        }
                    ]
                },
            )
            await problem(scope, receive, send)
            return

        body = await _read_body(receive)
        caller = hashlib.sha256(headers.get(b"authorization", b"")).hexdigest()
        request_digest = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        outcome = await to_thread.run_sync(self.store.begin, caller, key, request_digest)

        if isinstance(outcome, StoredResponse):
            await _replay(outcome, send)
        elif isinstance(outcome, Mismatch):
            problem = asgi_problem(
                scope,
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used with another request.",
                extra={
                    "errors": [
                        {
                            "loc": ["header", "Idempotency-Key"],
                            "msg": "already used with another request",
                        }
                    ]
                },
            )
            await problem(scope, receive, send)
        elif isinstance(outcome, InProgress):
            problem = asgi_problem(
                scope,
                ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still in progress; retry shortly.",
                headers={"Retry-After": "1"},
            )
            await problem(scope, receive, send)
        else:
            await self._first_use(scope, body, receive, send, outcome)

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
            await to_thread.run_sync(self.store.release, started.record_id)
            raise
        if status_code >= 500 or status_code == 429:  # worth retrying: keep nothing
            await to_thread.run_sync(self.store.release, started.record_id)
        else:
            stored = StoredResponse(status_code, kept_headers, b"".join(chunks))
            await to_thread.run_sync(self.store.complete, started.record_id, stored)


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
