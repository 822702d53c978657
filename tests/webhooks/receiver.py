"""A loopback HTTP receiver for webhook deliveries: a tiny `http.server` in a thread."""

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    status: int  # what the receiver answered


class Receiver:
    """Answers 500 to the first delivery of each event (by `X-Webhook-Id`) and 200 to the
    next ones, unless `statuses` says otherwise. `gate`, when set, holds every answer until
    it is opened."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.fail_first = True
        self.always: int | None = None  # answer this status to everything
        self.gate: threading.Event | None = None
        self.arrived = threading.Event()  # set when a request has come in, before the gate
        self._lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/tiktok-access?source=test"

    def _status_for(self, event_id: str) -> int:
        if self.always is not None:
            return self.always
        seen = sum(1 for r in self.received if r.headers.get("x-webhook-id") == event_id)
        return 500 if self.fail_first and seen == 0 else 200

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.arrived.set()
                if receiver.gate is not None:
                    receiver.gate.wait(timeout=30)
                headers = {name.lower(): value for name, value in self.headers.items()}
                with receiver._lock:
                    status = receiver._status_for(headers.get("x-webhook-id", ""))
                    receiver.received.append(Received(self.path, headers, body, status))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self.gate is not None:
            self.gate.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def of_event(self, event_id: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.headers.get("x-webhook-id") == event_id]

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.received)


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()


def wait_for(condition: Callable[[], T | None], timeout: float = 15.0, what: str = "") -> T:
    """Poll `condition` until it gives a truthy value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.02)
