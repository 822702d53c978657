"""SPEC section 2 through HTTP: request ids, problem bodies, tokens, validation, lists."""

import base64
import re
import secrets
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.conftest import Clock
from tests.factories import Api, Bc, User, expect, expect_problem, unique

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "request_id"}
PROBLEM_MEDIA_TYPE = "application/problem+json"
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
PRINTABLE_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))

# A request the test builds from the factories, then sends.
Call = Callable[[Api], Response]


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem with exactly the SPEC's members (and `errors` on a 422)."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    expected_keys = PROBLEM_KEYS | {"errors"} if status == 422 else PROBLEM_KEYS
    assert set(body) == expected_keys, body
    assert body["status"] == status
    assert UPPER_SNAKE.match(body["code"]), body["code"]
    for key in ("type", "title", "detail"):
        assert isinstance(body[key], str), body
        assert body[key], body
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def assert_validation_error(
    response: Response, loc: list[str | int] | None
) -> list[dict[str, Any]]:
    """A 422 VALIDATION_ERROR naming `loc` (if given), whose errors carry only `loc` and `msg`."""
    body = expect_problem(response, 422, "VALIDATION_ERROR")
    assert_problem(response, 422)
    errors: list[dict[str, Any]] = body["errors"]
    assert errors, body
    for error in errors:
        assert set(error) == {"loc", "msg"}, error  # no `input`, `ctx` or `url`
        assert isinstance(error["loc"], list), error
        assert isinstance(error["msg"], str), error
        assert error["msg"], error
    if loc is not None:
        assert loc in [error["loc"] for error in errors], errors
    return errors


def assert_fresh_request_id(response: Response, sent: bytes) -> str:
    request_id = response.headers["x-request-id"]
    assert request_id.encode("latin-1") != sent
    assert 1 <= len(request_id) <= 200
    assert all(c in PRINTABLE_ASCII for c in request_id), request_id
    return request_id


def unknown_id() -> str:
    return str(uuid.uuid4())


def cursor_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture
def user(api: Api) -> User:
    return api.user()


@pytest.fixture
def bc(api: Api) -> Bc:
    return api.bc()


def members_url(bc: Bc) -> str:
    return f"/v1/business-centers/{bc.id}/members"


# --- X-Request-ID ------------------------------------------------------------------------------

RESPONSES_OF_EVERY_KIND: dict[str, tuple[Call, int]] = {
    "success": (lambda api: api.client.get("/healthz"), 200),
    "created": (
        lambda api: api.client.post(
            "/v1/tiktok-app/accounts",
            json={"username": unique("creator_"), "display_name": "Creator"},
        ),
        201,
    ),
    "unauthenticated": (lambda api: api.client.get("/v1/users/me"), 401),
    "validation_error": (lambda api: api.client.post("/v1/users", json={}), 422),
    "unknown_route": (lambda api: api.client.get("/v1/no-such-thing"), 404),
    "unknown_resource": (
        lambda api: api.client.get(
            f"/v1/business-centers/{unknown_id()}", headers=api.user().headers
        ),
        404,
    ),
    "wrong_method": (lambda api: api.client.delete("/healthz"), 405),
}


@pytest.mark.parametrize(
    ("call", "status"), list(RESPONSES_OF_EVERY_KIND.values()), ids=list(RESPONSES_OF_EVERY_KIND)
)
def test_every_response_carries_a_request_id(api: Api, call: Call, status: int) -> None:
    response = call(api)
    assert response.status_code == status, response.text
    assert response.headers.get("x-request-id"), response.headers


def test_fresh_request_ids_differ_between_requests(client: TestClient) -> None:
    first = client.get("/healthz").headers["x-request-id"]
    second = client.get("/healthz").headers["x-request-id"]
    assert first != second


ACCEPTED_REQUEST_IDS = {
    "one_char": b"x",
    "two_hundred_chars": b"r" * 200,
    "uuid": b"0f6a2c4e-5b1d-4f7a-9c3e-2d8b6a1f0e97",
    "every_printable_ascii": PRINTABLE_ASCII.strip().encode(),
}


@pytest.mark.parametrize(
    "request_id", list(ACCEPTED_REQUEST_IDS.values()), ids=list(ACCEPTED_REQUEST_IDS)
)
def test_client_request_id_is_echoed_verbatim(api: Api, request_id: bytes) -> None:
    response = api.client.get("/healthz", headers={b"X-Request-ID": request_id})
    expect(response, 200)
    assert response.headers["x-request-id"].encode("latin-1") == request_id


@pytest.mark.parametrize(
    "request_id", list(ACCEPTED_REQUEST_IDS.values()), ids=list(ACCEPTED_REQUEST_IDS)
)
def test_client_request_id_is_the_problem_request_id(api: Api, request_id: bytes) -> None:
    response = api.client.get("/v1/users/me", headers={b"X-Request-ID": request_id})
    body = expect_problem(response, 401, "UNAUTHENTICATED")
    assert body["request_id"].encode("latin-1") == request_id


REJECTED_REQUEST_IDS = {
    "empty": b"",
    "two_hundred_and_one_chars": b"r" * 201,
    "tab": b"abc\tdef",
    "control_char": b"abc\x01def",
    "delete_char": b"abc\x7fdef",
    "latin1_byte": b"caf\xe9",
    "utf8_bytes": "café".encode(),
}


@pytest.mark.parametrize(
    "request_id", list(REJECTED_REQUEST_IDS.values()), ids=list(REJECTED_REQUEST_IDS)
)
def test_unacceptable_request_id_is_replaced_by_a_fresh_one(api: Api, request_id: bytes) -> None:
    response = api.client.get("/healthz", headers={b"X-Request-ID": request_id})
    expect(response, 200)
    assert_fresh_request_id(response, request_id)


@pytest.mark.parametrize(
    "request_id", list(REJECTED_REQUEST_IDS.values()), ids=list(REJECTED_REQUEST_IDS)
)
def test_replaced_request_id_is_the_problem_request_id(api: Api, request_id: bytes) -> None:
    response = api.client.get("/v1/users/me", headers={b"X-Request-ID": request_id})
    body = expect_problem(response, 401, "UNAUTHENTICATED")
    fresh = assert_fresh_request_id(response, request_id)
    assert body["request_id"] == fresh


# --- 401 UNAUTHENTICATED -----------------------------------------------------------------------

USER_ROUTE = "/v1/users/me"
OWNER_ROUTE = "/v1/tiktok-app/me"


def _basic(api: Api) -> dict[str, str]:
    user = api.user()
    credentials = base64.b64encode(f"{user.email}:{user.token}".encode()).decode()
    return {"Authorization": f"Basic {credentials}"}


UNAUTHENTICATED_CALLS: dict[str, tuple[str, Callable[[Api], dict[str, str]]]] = {
    "user_route_without_header": (USER_ROUTE, lambda api: {}),
    "owner_route_without_header": (OWNER_ROUTE, lambda api: {}),
    "basic_scheme": (USER_ROUTE, _basic),
    "bearer_without_token": (USER_ROUTE, lambda api: {"Authorization": "Bearer "}),
    "token_without_scheme": (USER_ROUTE, lambda api: {"Authorization": api.user().token}),
    "unknown_user_token": (
        USER_ROUTE,
        lambda api: {"Authorization": f"Bearer bctu_{secrets.token_urlsafe(32)}"},
    ),
    "unknown_owner_token": (
        OWNER_ROUTE,
        lambda api: {"Authorization": f"Bearer bcto_{secrets.token_urlsafe(32)}"},
    ),
    "unknown_unprefixed_token": (
        USER_ROUTE,
        lambda api: {"Authorization": f"Bearer {secrets.token_urlsafe(32)}"},
    ),
    "owner_token_on_user_route": (USER_ROUTE, lambda api: api.owner().headers),
    "user_token_on_owner_route": (OWNER_ROUTE, lambda api: api.user().headers),
}


@pytest.mark.parametrize(
    ("path", "headers_of"), list(UNAUTHENTICATED_CALLS.values()), ids=list(UNAUTHENTICATED_CALLS)
)
def test_bad_credentials_are_unauthenticated(
    api: Api, path: str, headers_of: Callable[[Api], dict[str, str]]
) -> None:
    response = api.client.get(path, headers=headers_of(api))
    expect_problem(response, 401, "UNAUTHENTICATED")
    assert_problem(response, 401)


def test_owner_token_cannot_write_on_a_user_route(api: Api) -> None:
    owner = api.owner()
    response = api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=owner.headers)
    expect_problem(response, 401, "UNAUTHENTICATED")


def test_user_token_cannot_write_on_an_owner_route(api: Api, user: User) -> None:
    response = api.client.post("/v1/tiktok-app/lives", json={"title": "Live"}, headers=user.headers)
    expect_problem(response, 401, "UNAUTHENTICATED")


def test_the_right_tokens_are_accepted(api: Api, user: User) -> None:
    """The counterpart of the 401s above: each token works on its own kind of route."""
    owner = api.owner()
    assert expect(api.client.get(USER_ROUTE, headers=user.headers), 200)["id"] == user.id
    assert expect(api.client.get(OWNER_ROUTE, headers=owner.headers), 200)["id"] == owner.id


# --- 404 and 405 -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/no-such-thing", "/v1/no-such-thing", "/v1/users/me/extra"])
def test_unknown_path_is_a_not_found_problem(api: Api, path: str) -> None:
    response = api.client.get(path)
    expect_problem(response, 404, "NOT_FOUND")
    assert_problem(response, 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/healthz", "GET"),
        ("PUT", "/v1/users", "POST"),
        ("DELETE", "/v1/users/me", "GET"),
        # Paths with several routes: `Allow` names them all, not the first one's method.
        ("DELETE", "/v1/business-centers/bc-1/members", "GET, POST"),
        ("PUT", "/v1/business-centers/bc-1/access-requests", "GET, POST"),
        ("DELETE", "/v1/spark-ads", "GET, POST"),
    ],
)
def test_wrong_method_is_a_405_problem(api: Api, method: str, path: str, allowed: str) -> None:
    response = api.client.request(method, path)
    assert_problem(response, 405)
    assert response.headers["allow"] == allowed


# --- Problem bodies ----------------------------------------------------------------------------


def _email_taken(api: Api) -> Response:
    user = api.user()
    response: Response = api.client.post(
        "/v1/users", json={"email": user.email, "display_name": "Again"}
    )
    return response


PROBLEMS: dict[str, tuple[Call, int]] = {
    "unauthenticated": (lambda api: api.client.get(USER_ROUTE), 401),
    "unknown_route": (lambda api: api.client.get("/v1/no-such-thing"), 404),
    "unknown_resource": RESPONSES_OF_EVERY_KIND["unknown_resource"],
    "wrong_method": (lambda api: api.client.delete("/healthz"), 405),
    "conflict": (_email_taken, 409),
    "validation_error": (lambda api: api.client.post("/v1/users", json={}), 422),
}


@pytest.mark.parametrize(("call", "status"), list(PROBLEMS.values()), ids=list(PROBLEMS))
def test_problem_has_exactly_the_spec_members(api: Api, call: Call, status: int) -> None:
    assert_problem(call(api), status)


def test_problem_type_is_distinct_per_code(api: Api) -> None:
    not_found = assert_problem(api.client.get("/v1/no-such-thing"), 404)
    unauthenticated = assert_problem(api.client.get(USER_ROUTE), 401)
    assert not_found["type"] != unauthenticated["type"]


# --- 422 VALIDATION_ERROR ----------------------------------------------------------------------


def test_unparseable_json_body_is_a_validation_error(api: Api) -> None:
    response = api.client.post(
        "/v1/users",
        content=b'{"email": "a@example.com", ',
        headers={"Content-Type": "application/json"},
    )
    errors = assert_validation_error(response, None)
    assert [error["loc"][0] for error in errors] == ["body"]


@pytest.mark.parametrize(
    "content",
    [b'{"email": "\xff\xfe"}', b"\x89PNG\r\n", b"[" * 50_000],
    ids=["not-utf-8", "binary", "nested-too-deep"],
)
def test_a_body_that_cannot_be_decoded_is_a_validation_error(api: Api, content: bytes) -> None:
    # Found by schema fuzzing: FastAPI answers these with a bare 400.
    response = api.client.post(
        "/v1/users", content=content, headers={"Content-Type": "application/json"}
    )
    assert assert_validation_error(response, ["body"]) == [
        {"loc": ["body"], "msg": "JSON decode error"}
    ]


def test_json_body_that_is_not_an_object_is_a_validation_error(api: Api) -> None:
    response = api.client.post("/v1/users", json=["a@example.com", "Alice"])
    assert_validation_error(response, ["body"])


def test_missing_body_field_is_a_validation_error(api: Api) -> None:
    response = api.client.post("/v1/users", json={"email": "missing@example.com"})
    assert_validation_error(response, ["body", "display_name"])


def test_unknown_body_field_is_a_validation_error(api: Api, user: User) -> None:
    response = api.client.post(
        "/v1/business-centers", json={"name": "Acme", "colour": "red"}, headers=user.headers
    )
    assert_validation_error(response, ["body", "colour"])
    assert expect(api.client.get(USER_ROUTE, headers=user.headers), 200)["memberships"] == []


def test_unknown_enum_value_in_a_body_is_a_validation_error(api: Api, bc: Bc) -> None:
    other = api.user()
    response = api.client.post(
        members_url(bc), json={"email": other.email, "role": "OWNER"}, headers=bc.admin.headers
    )
    assert_validation_error(response, ["body", "role"])


def test_lowercase_enum_value_in_a_body_is_a_validation_error(api: Api, bc: Bc) -> None:
    other = api.user()
    response = api.client.post(
        members_url(bc), json={"email": other.email, "role": "standard"}, headers=bc.admin.headers
    )
    assert_validation_error(response, ["body", "role"])


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-1", "1.5", ""])
def test_bad_limit_is_a_validation_error(api: Api, bc: Bc, limit: str) -> None:
    response = api.client.get(members_url(bc), params={"limit": limit}, headers=bc.admin.headers)
    assert_validation_error(response, ["query", "limit"])


@pytest.mark.parametrize("limit", [1, 100])
def test_limit_bounds_are_accepted(api: Api, bc: Bc, limit: int) -> None:
    body = expect(
        api.client.get(members_url(bc), params={"limit": limit}, headers=bc.admin.headers), 200
    )
    assert len(body["items"]) == 1


BAD_CURSORS = {
    "random_string": "not-a-cursor!",
    "base64_of_garbage": cursor_of(b"garbage that is no id"),
    "base64_of_binary": cursor_of(b"\xff\xfe\x00\x80garbage"),
    "base64_of_uuid_without_dashes": cursor_of(uuid.uuid4().hex.encode()),
    "very_long": "A" * 5000,
}


@pytest.mark.parametrize("cursor", list(BAD_CURSORS.values()), ids=list(BAD_CURSORS))
def test_bad_cursor_is_a_validation_error(api: Api, bc: Bc, cursor: str) -> None:
    response = api.client.get(members_url(bc), params={"cursor": cursor}, headers=bc.admin.headers)
    assert_validation_error(response, ["query", "cursor"])


def test_unknown_enum_value_in_a_query_is_a_validation_error(api: Api, bc: Bc) -> None:
    response = api.client.get(
        f"/v1/business-centers/{bc.id}/access-requests",
        params={"status": "NOPE"},
        headers=bc.admin.headers,
    )
    assert_validation_error(response, ["query", "status"])


def test_unknown_enum_value_in_an_owner_query_is_a_validation_error(api: Api) -> None:
    owner = api.owner()
    response = api.client.get(
        "/v1/tiktok-app/authorizations", params={"status": "NOPE"}, headers=owner.headers
    )
    assert_validation_error(response, ["query", "status"])


def test_validation_problem_never_echoes_the_input(api: Api, user: User) -> None:
    marker = "leak-marker-7f3a9c"
    response = api.client.post(
        "/v1/business-centers",
        json={"name": {"nested": marker}, "extra_field": marker},
        headers=user.headers,
    )
    errors = assert_validation_error(response, ["body", "name"])
    assert ["body", "extra_field"] in [error["loc"] for error in errors]
    assert all("input" not in error for error in errors)
    assert marker not in response.text


def test_bad_email_is_not_echoed_back(api: Api) -> None:
    marker = "secret-leak-4242@@"
    response = api.client.post("/v1/users", json={"email": marker, "display_name": "Al"})
    assert_validation_error(response, ["body", "email"])
    assert marker not in response.text


# --- Lists -------------------------------------------------------------------------------------


def _bc_list(suffix: str) -> Call:
    def call(api: Api) -> Response:
        bc = api.bc()
        response: Response = api.client.get(
            f"/v1/business-centers/{bc.id}/{suffix}", headers=bc.admin.headers
        )
        return response

    return call


def _owner_list(path: str) -> Call:
    def call(api: Api) -> Response:
        response: Response = api.client.get(path, headers=api.owner().headers)
        return response

    return call


LISTS: dict[str, Call] = {
    "members": _bc_list("members"),
    "ad_accounts": _bc_list("ad-accounts"),
    "access_requests": _bc_list("access-requests"),
    "owner_authorizations": _owner_list("/v1/tiktok-app/authorizations"),
}


@pytest.mark.parametrize("call", list(LISTS.values()), ids=list(LISTS))
def test_list_body_is_items_and_next_cursor(api: Api, call: Call) -> None:
    body = expect(call(api), 200)
    assert set(body) == {"items", "next_cursor"}
    assert isinstance(body["items"], list)
    assert body["next_cursor"] is None


def add_members(api: Api, bc: Bc, count: int, clock: Clock | None = None) -> list[str]:
    """Add `count` members; their member ids in creation order."""
    member_ids = []
    for _ in range(count):
        if clock is not None:
            clock.advance(1)
        user = api.member(bc)
        member_ids.append(bc.member_ids[user.id])
    return member_ids


def list_pages(api: Api, bc: Bc, limit: int | None = None) -> list[dict[str, Any]]:
    """Every page of the member list, following `next_cursor` to the end."""
    pages: list[dict[str, Any]] = []
    params: dict[str, str | int] = {} if limit is None else {"limit": limit}
    while True:
        page = expect(api.client.get(members_url(bc), params=params, headers=bc.admin.headers), 200)
        pages.append(page)
        if page["next_cursor"] is None:
            return pages
        assert len(pages) < 50, "the cursor does not move on"
        params = {**params, "cursor": page["next_cursor"]}


def test_default_limit_is_20(api: Api, bc: Bc) -> None:
    add_members(api, bc, 20)  # with the admin: 21
    pages = list_pages(api, bc)
    assert [len(page["items"]) for page in pages] == [20, 1]
    assert isinstance(pages[0]["next_cursor"], str)


def test_list_is_newest_first(api: Api, bc: Bc, clock: Clock) -> None:
    admin_member_id = bc.member_ids[bc.admin.id]
    created = [admin_member_id, *add_members(api, bc, 3, clock)]
    items = expect(api.client.get(members_url(bc), headers=bc.admin.headers), 200)["items"]
    assert [item["id"] for item in items] == created[::-1]
    created_ats = [item["created_at"] for item in items]
    assert created_ats == sorted(created_ats, reverse=True)
    assert len(set(created_ats)) == 4


def test_ties_in_creation_time_are_broken_by_creation_order(api: Api, bc: Bc) -> None:
    # The test clock stands still, so every member shares one created_at.
    created = [bc.member_ids[bc.admin.id], *add_members(api, bc, 4)]
    items = expect(api.client.get(members_url(bc), headers=bc.admin.headers), 200)["items"]
    assert len({item["created_at"] for item in items}) == 1
    assert [item["id"] for item in items] == created[::-1]


def test_paging_visits_each_item_once_in_a_stable_order(api: Api, bc: Bc) -> None:
    add_members(api, bc, 4)  # with the admin: 5
    whole = expect(
        api.client.get(members_url(bc), params={"limit": 100}, headers=bc.admin.headers), 200
    )
    assert whole["next_cursor"] is None
    pages = list_pages(api, bc, limit=2)
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert [page["next_cursor"] is None for page in pages] == [False, False, True]
    paged_ids = [item["id"] for page in pages for item in page["items"]]
    assert paged_ids == [item["id"] for item in whole["items"]]
    assert len(set(paged_ids)) == 5
    assert [item["id"] for page in list_pages(api, bc, limit=2) for item in page["items"]] == (
        paged_ids
    )


def test_cursor_pages_do_not_shift_when_new_items_arrive(api: Api, bc: Bc) -> None:
    created = [bc.member_ids[bc.admin.id], *add_members(api, bc, 3)]
    first = expect(
        api.client.get(members_url(bc), params={"limit": 2}, headers=bc.admin.headers), 200
    )
    add_members(api, bc, 2)  # newer than everything on the first page
    second = expect(
        api.client.get(
            members_url(bc),
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=bc.admin.headers,
        ),
        200,
    )
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert seen == created[::-1]
    assert second["next_cursor"] is None
