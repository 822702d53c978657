"""Structured logs on stderr: one line per request, and every other record in the same format.

`LOG_FORMAT=json` (the default) writes one JSON object per line, `text` a line for a human;
`LOG_LEVEL` (default INFO) is the level of the service's own loggers (`app.*`); other libraries
log from WARNING up. `configure_logging` runs once per app, when it is built. On the root
logger it only ever replaces its own handler, so handlers that others added there (pytest's
caplog) keep receiving every record; uvicorn's loggers are sent through it too.

A request's line carries what is needed to find and measure it and nothing a secret could hide
in: the route *template* (`/v1/qr/{code}`, never the path with the code in it), no query string,
no header, no body.
"""

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


LogLevel = Annotated[
    Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], BeforeValidator(_upper)
]
LogFormat = Annotated[Literal["json", "text"], BeforeValidator(_lower)]

# The id of the request being served, for records logged while serving it.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

access_logger = logging.getLogger("app.access")

# What every LogRecord has; anything else on a record came from `extra=` and goes in the line.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's copy of the message with terminal colours
}


def _request_id(record: logging.LogRecord) -> str | None:
    request_id = getattr(record, "request_id", None)
    return request_id if isinstance(request_id, str) else current_request_id.get()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, pid, request_id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        request_id = _request_id(record)
        if request_id is not None:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`2025-01-01 12:00:00,000 INFO app.access [request id] GET /v1/users/me 200 in 3.1 ms`."""

    def format(self, record: logging.LogRecord) -> str:
        line = (
            f"{self.formatTime(record)} {record.levelname} {record.name} "
            f"[{_request_id(record) or '-'}] {record.getMessage()}"
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is at the time (pytest swaps it for every test)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = sys.stderr
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)


def configure_logging(level: str, log_format: str) -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.addHandler(handler)
    # LOG_LEVEL is the service's own; other libraries only get through from WARNING up (httpx,
    # for one, logs every URL it calls at INFO, query string included).
    logging.getLogger("app").setLevel(level)
    root.setLevel(max(logging.WARNING, logging.getLevelNamesMapping()[level]))
    # uvicorn's own lines (start, shutdown) go the same way, so the stream is all one format.
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    # uvicorn's access log prints the raw path and query string, where a QR code or a token
    # may be: the request log below replaces it.
    uvicorn_access = logging.getLogger("uvicorn.access")
    uvicorn_access.handlers.clear()
    uvicorn_access.propagate = False
    uvicorn_access.disabled = True


# --- the request log ---------------------------------------------------------------------------


def log_request(method: str, route: str, status: int, seconds: float) -> None:
    """The request's line, once it is answered (app/core/telemetry.py times it): method, route
    template, status and duration; the request id comes from `current_request_id`."""
    if not access_logger.isEnabledFor(logging.INFO):
        return
    duration_ms = round(seconds * 1000, 2)
    access_logger.info(
        "%s %s %d in %.1f ms",
        method,
        route,
        status,
        duration_ms,
        extra={"method": method, "route": route, "status": status, "duration_ms": duration_ms},
    )
