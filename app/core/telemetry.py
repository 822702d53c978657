"""What every request leaves behind once it is answered: its log line (`app.core.logging`) and
its count and duration (`app.core.metrics`), timed once, by one pure ASGI middleware just inside
the request-id middleware. So it also covers what the middlewares after it answer on their own
(413, 422, a replay), and it sets the request id for every record logged while the request is
served."""

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.logging import current_request_id, log_request
from app.core.metrics import observe_request
from app.core.request_id import request_id_in
from app.core.route_table import route_template


class RequestTelemetryMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = current_request_id.set(request_id_in(scope))
        started = time.perf_counter()
        status = 500  # what the client gets if an exception escapes before a response starts

        async def send_and_watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_watch)
        finally:
            seconds = time.perf_counter() - started
            method, route = scope["method"], route_template(scope)
            log_request(method, route, status, seconds)
            observe_request(method, route, status, seconds)
            current_request_id.reset(token)
