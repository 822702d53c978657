"""RFC 9457 problem+json: the one shape of every error response."""

import logging
from collections import defaultdict
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from app.core.errors import AppError, ErrorCode
from app.core.request_id import REQUEST_ID_HEADER, request_id_of
from app.core.route_table import allowed_methods

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://bc-tiktok-access.dev/problems/"


class FieldError(BaseModel):
    loc: list[str | int] = Field(examples=[["body", "scope"]])
    msg: str = Field(examples=["Input should be 'EXISTING_POSTS' or 'LIVE_VIDEOS'"])


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str
    request_id: str
    errors: list[FieldError] | None = Field(
        default=None, description="Only on 422: what is wrong, and where."
    )


def problem_body(
    code: ErrorCode, detail: str, request_id: str, status: int | None = None
) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPE_BASE + code.name.lower().replace("_", "-"),
        "title": code.title,
        "status": status or code.status,
        "detail": detail,
        "code": code.name,
        "request_id": request_id,
    }


def problem_response(
    request: Request,
    code: ErrorCode,
    detail: str,
    *,
    status: int | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    request_id = request_id_of(request)
    body = problem_body(code, detail, request_id, status) | (extra or {})
    return JSONResponse(
        body,
        status_code=body["status"],
        media_type=PROBLEM_MEDIA_TYPE,
        headers={**(headers or {}), REQUEST_ID_HEADER: request_id},
    )


def asgi_problem(
    scope: Scope,
    code: ErrorCode,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem response for ASGI middleware, which has a scope but no Request."""
    return problem_response(Request(scope), code, detail, headers=headers, extra=extra)


_STATUS_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    406: ErrorCode.NOT_ACCEPTABLE,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
    429: ErrorCode.RATE_LIMITED,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    422: ErrorCode.VALIDATION_ERROR,
    503: ErrorCode.SERVICE_UNAVAILABLE,
}


def app_error_response(request: Request, error: AppError) -> JSONResponse:
    """An AppError as problem+json: what the app's handler answers, and middleware too."""
    return problem_response(
        request,
        error.code,
        error.detail,
        status=error.status,
        headers=error.headers,
        extra=error.extra,
    )


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return app_error_response(request, exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Never echo the input back: it may hold a token or personal data.
    errors = [{"loc": list(error["loc"]), "msg": error["msg"]} for error in exc.errors()]
    return problem_response(
        request,
        ErrorCode.VALIDATION_ERROR,
        "The request is not valid; see `errors`.",
        extra={"errors": errors},
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
        # FastAPI could not decode the JSON body at all (not UTF-8, or nested too deep): that is
        # unparseable JSON, a 422 like any other (SPEC section 2), not a bare 400.
        unparseable = {"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error"}
        return await _validation_error(request, RequestValidationError([unparseable]))
    code = _STATUS_CODES.get(exc.status_code, ErrorCode.INTERNAL_ERROR)
    detail = exc.detail if isinstance(exc.detail, str) else code.title
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # The router names only the methods of the first route that matched the path; `Allow`
        # must list every method the resource has (RFC 9110, section 15.5.6).
        headers["Allow"] = ", ".join(allowed_methods(request.scope)) or headers.get("Allow", "")
    return problem_response(request, code, detail, status=exc.status_code, headers=headers)


def database_unavailable_response(request: Request) -> JSONResponse:
    """The database is down, overloaded or timed out: worth a retry, never a 500."""
    return problem_response(
        request,
        ErrorCode.SERVICE_UNAVAILABLE,
        "The database is unavailable; try again shortly.",
        headers={"Retry-After": "1"},
    )


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unavailable: %s", type(exc).__name__)
    return database_unavailable_response(request)


def is_database_away(error: BaseException) -> bool:
    """The database is down, overloaded, timed out, or dropped the connection a statement ran
    on (a restart, a network cut): worth a retry. Any other database error is ours."""
    if isinstance(error, OperationalError | PoolTimeoutError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if is_database_away(exc):
        return await _database_unavailable(request, exc)
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", extra={"request_id": request_id_of(request)})
    return problem_response(request, ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeoutError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected_error)


def problem_responses(*codes: ErrorCode) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route: one entry per status, an example per code."""
    by_status: dict[int, list[ErrorCode]] = defaultdict(list)
    for code in (ErrorCode.VALIDATION_ERROR, *codes):
        by_status[code.status].append(code)
    responses: dict[int | str, dict[str, Any]] = {}
    for status, status_codes in sorted(by_status.items()):
        examples = {
            code.name: {
                "summary": code.title,
                "value": problem_body(code, f"{code.title}.", "3f1c2b7e9a", status)
                | (
                    {"errors": [{"loc": ["body", "name"], "msg": "Field required"}]}
                    if status == 422
                    else {}
                ),
            }
            for code in status_codes
        }
        responses[status] = {
            "model": Problem,
            "description": " / ".join(f"`{code.name}`" for code in status_codes),
            "content": {PROBLEM_MEDIA_TYPE: {"examples": examples}},
        }
    return responses
