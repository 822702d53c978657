"""The OpenAPI document: each operation's id, and the finishing touches every route shares."""

import re
from typing import Any

from fastapi.routing import APIRoute
from fastapi.utils import generate_unique_id

from app.core.errors import ErrorCode
from app.core.problems import PROBLEM_MEDIA_TYPE, problem_body

_PROBLEM_SCHEMA = {"$ref": "#/components/schemas/Problem"}
_BODY_METHODS = frozenset({"post", "put", "patch"})

IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Makes a retry safe: a retry with the same key and body gets the first "
    "response and changes nothing; the same key with another request is 422. A key belongs to "
    "the user or TikTok account whose token sent it, and is kept for 24 hours: a retry must "
    "authenticate as the same principal (a rotated-away token is 401). It needs a bearer token: "
    "on the anonymous sign-ups it is refused (422).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}


# --- operation ids (SPEC section 2) ------------------------------------------------------------

MAX_OPERATION_ID_LENGTH = 40
# The verbs an operation id may start with: what a client method does, read first.
OPERATION_VERBS = frozenset(
    {
        "add",
        "assign",
        "cancel",
        "check",
        "create",
        "delete",
        "end",
        "get",
        "link",
        "list",
        "remove",
        "revoke",
        "rotate",
        "scan",
        "set",
        "sign",
        "start",
        "unlink",
        "update",
    }
)
_OPERATION_ID = re.compile(r"(?P<verb>[a-z]+)(?:[A-Z][a-z0-9]*)*")


def operation_id(route: APIRoute) -> str:
    """The operationId of a route: its endpoint function's name in lowerCamelCase
    (`create_access_request` -> `createAccessRequest`). This is the one place that decides
    them (the app's `generate_unique_id_function`), so an id changes only when its function is
    renamed: name an endpoint as a client method should read, a verb of OPERATION_VERBS first.
    tests/test_openapi_contract.py holds every operation to SPEC section 2's rule
    (`is_operation_id`, and unique). Routes left out of the document keep FastAPI's id."""
    if not route.include_in_schema:
        return generate_unique_id(route)
    verb, *words = route.name.split("_")
    return verb + "".join(word.capitalize() for word in words)


def is_operation_id(value: str) -> bool:
    """SPEC section 2's rule for one operationId: lowerCamelCase, verb first, at most 40
    characters (and unique in the document)."""
    match = _OPERATION_ID.fullmatch(value)
    return (
        match is not None
        and match.group("verb") in OPERATION_VERBS
        and len(value) <= MAX_OPERATION_ID_LENGTH
    )


def _document(operation: dict[str, Any], code: ErrorCode) -> None:
    """Add `code` to the operation's problem responses, with an example."""
    response = operation["responses"].setdefault(
        str(code.status), {"description": f"`{code.name}`"}
    )
    content = response.setdefault("content", {})
    if "application/json" in content:  # error bodies are problem+json, which is what they are
        content.setdefault(PROBLEM_MEDIA_TYPE, {}).update(content.pop("application/json"))
    problem = content.setdefault(PROBLEM_MEDIA_TYPE, {})
    problem.setdefault("schema", _PROBLEM_SCHEMA)
    examples = problem.setdefault("examples", {})
    if code.name not in examples:
        value = problem_body(code, f"{code.title}.", "3f1c2b7e9a")
        if code.status == 422:
            value["errors"] = [{"loc": ["header", "Idempotency-Key"], "msg": "already used"}]
        examples[code.name] = {"summary": code.title, "value": value}
        if f"`{code.name}`" not in response["description"]:
            response["description"] += f" / `{code.name}`"


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            for status, response in list(operation.get("responses", {}).items()):
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content.setdefault(PROBLEM_MEDIA_TYPE, {}).update(
                        content.pop("application/json")
                    )
            if not path.startswith("/v1"):
                continue
            _document(operation, ErrorCode.SERVICE_UNAVAILABLE)
            if method in _BODY_METHODS:
                _document(operation, ErrorCode.PAYLOAD_TOO_LARGE)
            if method == "post":
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
                _document(operation, ErrorCode.IDEMPOTENCY_KEY_REUSED)
                _document(operation, ErrorCode.IDEMPOTENCY_KEY_IN_USE)
    return schema
