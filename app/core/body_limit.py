"""Refuse request bodies over MAX_REQUEST_BODY_BYTES with 413, before the app reads them."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import ErrorCode
from app.core.problems import asgi_problem


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            # No body, or one the server holds to its Content-Length: the header is enough.
            if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
                await self._too_large(scope)(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        # A chunked body says nothing of its size: read it (to the limit) before the app does.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._too_large(scope)(scope, receive, send)
                return
            more = message.get("more_body", False)
        await self.app(scope, replay_once(b"".join(chunks), receive), send)

    def _too_large(self, scope: Scope) -> ASGIApp:
        return asgi_problem(
            scope,
            ErrorCode.PAYLOAD_TOO_LARGE,
            f"Request bodies are limited to {self.max_bytes} bytes.",
        )


def replay_once(body: bytes, receive: Receive) -> Receive:
    """Hand the app a body already read, then the client's own messages (a disconnect).

    Answering every later call with the body again would spin whoever waits for the
    disconnect, such as a streamed file response.
    """
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
