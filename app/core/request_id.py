"""`X-Request-ID` on every response (SPEC section 2)."""

import uuid

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_MAX_LENGTH = 200


def _acceptable(value: str) -> bool:
    return 0 < len(value) <= _MAX_LENGTH and all(" " <= c <= "~" for c in value)


def request_id_in(scope: Scope) -> str | None:
    """The id RequestIdMiddleware gave this request (None outside it)."""
    request_id = scope.get("state", {}).get("request_id")
    return request_id if isinstance(request_id, str) else None


def request_id_of(request: Request) -> str:
    return request_id_in(request.scope) or uuid.uuid4().hex


class RequestIdMiddleware:
    """Echo a client's printable request id verbatim; give every other request a fresh one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                candidate = value.decode("latin-1")
                request_id = candidate if _acceptable(candidate) else None
                break
        request_id = request_id or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_request_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_request_id)
