"""OWASP API3 (BOPLA): what a caller may write, and what a response may show.

Writes: a body with an unknown or read-only field is 422 `VALIDATION_ERROR` and changes
nothing, whether the field names something the server owns (`role`, `status`, `id`, a token)
or is just made up (`is_admin`, added to every body route of the app's route table).

Reads: no response carries a token (but the caller's own new one, where one is issued), a
stored digest, a key named like a digest, or another access request's QR code; and the
eligibility check tells nothing about content the caller has no right to.
The world, the route table and the request builder are the isolation matrix's
(`test_isolation_matrix.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from httpx import Response
from sqlalchemy import select

from app.core.context import Runtime
from app.models import Base
from tests.conftest import SyncDatabase
from tests.factories import Api, Content, expect, expect_problem
from tests.security.test_isolation_matrix import (
    ACCOUNT,
    BC,
    ROUTES,
    Access,
    Route,
    RouteInfo,
    World,
    access_of,
    call_for,
    refused,
    route_of,
    rows_with,
    send,
    world_for,
)

BASE_URL = "http://testserver"  # PUBLIC_BASE_URL in the test settings
TOKEN_SHAPE = re.compile(r"bct[uo]_[A-Za-z0-9_-]{16,}")
QR_URL = re.compile(r"/v1/qr/([A-Za-z0-9_-]{43})")

# The responses that hand the caller a new token of its own, and the field that holds it.
ISSUES_A_TOKEN: dict[Route, tuple[str, ...]] = {
    ("POST", "/v1/users"): ("token",),
    ("POST", "/v1/users/me/token"): ("token",),
    ("POST", "/v1/tiktok-app/accounts"): ("owner_token",),
    ("POST", "/v1/tiktok-app/me/token"): ("owner_token",),
}


@pytest.fixture
def world(api: Api, database: SyncDatabase) -> World:
    return world_for(api, database)


def _assert_rejected_field(response: Response, field: str) -> None:
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert ["body", field] in [error["loc"] for error in problem["errors"]], problem


# --- writes: read-only and unknown fields ----------------------------------------------------

Value = Callable[[World], Any]

# (route, field, a value for it): each field is the server's to set, never the caller's.
READ_ONLY_FIELDS: list[tuple[Route, str, Value]] = [
    (("POST", "/v1/users"), "role", lambda w: "ADMIN"),
    (("POST", "/v1/users"), "id", lambda w: w.a.admin.id),
    (("POST", "/v1/users"), "created_at", lambda w: "2020-01-01T00:00:00Z"),
    (("POST", "/v1/users"), "token", lambda w: "bctu_chosen-by-the-caller-0123456789"),
    (("POST", f"{BC}/access-requests"), "status", lambda w: "AUTHORIZED"),
    (("POST", f"{BC}/ad-accounts"), "business_center_id", lambda w: w.b.bc.id),
    (("POST", "/v1/tiktok-app/videos"), "tiktok_account_id", lambda w: w.b.owner.id),
    (("POST", "/v1/tiktok-app/videos"), "status", lambda w: "PUBLISHED"),
    (("PATCH", "/v1/tiktok-app/videos/{video_id}"), "tiktok_account_id", lambda w: w.b.owner.id),
    (("PATCH", "/v1/tiktok-app/videos/{video_id}"), "status", lambda w: "PUBLISHED"),
    (("POST", "/v1/spark-ads"), "status", lambda w: "ACTIVE"),
    (("POST", "/v1/spark-ads"), "created_by_user_id", lambda w: w.b.admin.id),
    (("POST", "/v1/tiktok-app/accounts"), "owner_token", lambda w: "bcto_chosen-0123456789"),
    (("POST", f"{ACCOUNT}/assignments"), "assigned_at", lambda w: "2020-01-01T00:00:00Z"),
    (("POST", "/v1/business-centers"), "id", lambda w: w.a.bc.id),
]


@pytest.mark.parametrize(
    ("route_key", "field", "value"),
    [
        pytest.param(route, field, value, id=f"{field} on {route[0]} {route[1]}")
        for route, field, value in READ_ONLY_FIELDS
    ],
)
def test_a_read_only_field_in_a_body_is_422_and_changes_nothing(
    api: Api, database: SyncDatabase, world: World, route_key: Route, field: str, value: Value
) -> None:
    route = route_of(*route_key)
    call = call_for(route, world.side(world.a.ids))
    assert call.body is not None
    call = replace(call, body={**call.body, field: value(world)})
    response = refused(api, database, call, world.rightful_headers(access_of(route)))
    _assert_rejected_field(response, field)


def _body_rows() -> list[Any]:
    return [
        row
        for row in rows_with(*Access)
        if row.values[0].has_body and row.values[0].method in ("POST", "PUT", "PATCH")
    ]


@pytest.mark.parametrize("route", _body_rows())
def test_an_unknown_field_is_422_on_every_body_route_and_changes_nothing(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    """The body is the one the control test proves valid; only `is_admin` is added."""
    call = call_for(route, world.side(world.a.ids))
    assert call.body is not None
    call = replace(call, body={**call.body, "is_admin": True})
    response = refused(api, database, call, world.rightful_headers(access_of(route)))
    _assert_rejected_field(response, "is_admin")


def test_the_unknown_field_rows_cover_every_body_route() -> None:
    keys = {row.values[0].key for row in _body_rows()}
    assert keys >= {route for route, _, _ in READ_ONLY_FIELDS}
    assert len(keys) == sum(1 for route in ROUTES if route.has_body)


# --- reads: what a response may show -------------------------------------------------------


def _digests(database: SyncDatabase) -> set[str]:
    """Every stored value of a column named like a digest (token, owner token, QR code...)."""
    values: set[str] = set()
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if "digest" in column.name:
                    values.update(
                        value
                        for value in connection.execute(select(column)).scalars()
                        if isinstance(value, str) and value
                    )
    return values


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


def _text(response: Response) -> str:
    """The body as text; images too (an SVG's texts, or a PNG's raw bytes)."""
    if response.headers.get("content-type", "").startswith("image/png"):
        return response.content.decode("latin-1")
    return response.text


def _json(response: Response) -> Any:
    content_type = response.headers.get("content-type", "")
    return response.json() if "json" in content_type and response.content else None


def _code_of(runtime: Runtime, world: World, request_id: str) -> str:
    """The code the request was issued with; for one made during the test, the app's own."""
    return world.codes.get(request_id) or runtime.qr_codes.code_for(request_id)


def leaks(
    runtime: Runtime,
    world: World,
    route: RouteInfo,
    ids: dict[str, str],
    response: Response,
    *,
    digests: set[str],
    own_new_token: bool = False,
) -> list[str]:
    """What `response` shows that it should not, one line each."""
    found: list[str] = []
    text = _text(response)
    body = _json(response)
    where = f"{route} -> {response.status_code}"

    tokens_shown = set(TOKEN_SHAPE.findall(text))
    if own_new_token:
        # Exactly one token, in the documented field, and a new one.
        fields = ISSUES_A_TOKEN[route.key]
        issued = {o[f] for o in _objects(body) for f in fields if isinstance(o.get(f), str)}
        if len(issued) != 1 or tokens_shown != issued:
            found.append(f"{where}: tokens {sorted(tokens_shown)}, issued {sorted(issued)}")
        tokens_shown -= issued
    for token in tokens_shown | {t for t in world.tokens if t in text}:
        found.append(f"{where}: shows a token {token[:12]}...")
    for digest in digests:
        if digest in text:
            found.append(f"{where}: shows the stored digest {digest[:12]}...")
    for obj in _objects(body):
        for key in obj:
            if "digest" in key.lower():
                found.append(f"{where}: has a key {key!r}")

    # QR codes: an access request shows its own, and no response shows another's.
    allowed: set[str] = set()
    if "request_id" in route.path_params:
        allowed.add(_code_of(runtime, world, ids["request_id"]))
    if "code" in route.path_params:
        allowed.add(ids["code"])
    for obj in _objects(body):
        if "qr_code_url" in obj:
            own = _code_of(runtime, world, obj["id"])
            if obj["qr_code_url"] != f"{BASE_URL}/v1/qr/{own}":
                found.append(f"{where}: request {obj['id']} has {obj['qr_code_url']}")
            allowed.add(own)
    codes = set(world.codes.values()) | set(QR_URL.findall(text))
    for code in codes - allowed:
        if code in text:
            found.append(f"{where}: shows the QR code of another request ({code[:8]}...)")
    return found


CRAWLERS: dict[str, Callable[[World], dict[str, str]]] = {
    "A's admin": lambda w: w.a.admin.headers,
    "A's member": lambda w: w.a.member.headers,
    "A's owner": lambda w: w.a.owner.headers,
    "anonymous": lambda w: {},
}
GETS = [route for route in ROUTES if route.method == "GET"]
LIVES = f"GET {ACCOUNT}/lives"


def _gets_of(*accesses: Access) -> set[str]:
    return {str(route) for route in GETS if access_of(route) in accesses}


@pytest.mark.parametrize("crawler", list(CRAWLERS))
def test_no_get_response_shows_a_token_a_digest_or_another_requests_qr_code(
    api: Api, runtime: Runtime, database: SyncDatabase, world: World, crawler: str
) -> None:
    headers = CRAWLERS[crawler](world)
    digests = _digests(database)
    assert len(digests) >= 13  # 5 user tokens, 2 owner tokens, 6 QR codes: not vacuous
    problems: list[str] = []
    answered: dict[str, int] = {}
    access_requests_seen = 0
    for route in GETS:
        ids = world.a.ids
        response = send(api, call_for(route, world.side(ids)), headers)
        assert response.status_code < 500, (route, response.text)
        answered[str(route)] = response.status_code
        problems += leaks(runtime, world, route, ids, response, digests=digests)
        access_requests_seen += sum(1 for o in _objects(_json(response)) if "qr_code_url" in o)
    assert not problems, "\n".join(problems)

    # The crawl read what each caller may read, so the checks above were not vacuous.
    ok = {route for route, status in answered.items() if status == 200}
    expected_ok = {
        "A's admin": _gets_of(Access.PUBLIC, Access.ANY_USER, Access.MEMBER, Access.ADMIN),
        "A's member": _gets_of(Access.PUBLIC, Access.ANY_USER, Access.MEMBER) - {LIVES},
        "A's owner": _gets_of(Access.PUBLIC, Access.OWNER),
        "anonymous": _gets_of(Access.PUBLIC),
    }[crawler]
    assert ok == expected_ok
    # A's three requests in the list, and the pending one read by id.
    assert access_requests_seen == (4 if crawler == "A's admin" else 0)


@pytest.mark.parametrize("route", rows_with(*Access))
def test_no_response_of_any_route_shows_a_token_but_the_callers_new_one(
    api: Api, runtime: Runtime, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    """The rightful caller on every route, writes included: the sign-up, account creation
    and rotation responses show exactly one token, the caller's new one."""
    ids = world.a.ids
    response = send(api, call_for(route, world.side(ids)), world.rightful_headers(access_of(route)))
    assert 200 <= response.status_code < 300, (route, response.text)
    problems = leaks(
        runtime,
        world,
        route,
        ids,
        response,
        digests=_digests(database),  # read after the call: a new token's digest counts too
        own_new_token=route.key in ISSUES_A_TOKEN,
    )
    assert not problems, "\n".join(problems)


NO_SUCH_CONTENT = "00000000-0000-7000-8000-000000000000"  # well formed, matches nothing


def test_eligibility_tells_nothing_about_content_the_caller_has_no_right_to(
    api: Api, world: World
) -> None:
    """B's admin holds no right at all to A's TikTok account (no BC path, no link). Asking about
    A's public video, A's private and not ad-authorized video, and a video that does not exist
    must give the same answer; likewise an active LIVE, an ended one and none."""
    a, b = world.a, world.b
    content = Content(api)
    private_video = content.video(a.owner, visibility="PRIVATE", ad_authorization=False)
    ended_live = content.live(a.owner, ended=True)

    def ask(**content_id: str) -> Any:
        params = {"ad_account_id": b.ad_account_id, "tiktok_account_id": a.owner.id, **content_id}
        return expect(
            api.client.get("/v1/spark-ads/eligibility", params=params, headers=b.admin.headers),
            200,
        )

    nothing = {"allowed": False, "reasons": ["TIKTOK_ACCOUNT_NOT_ASSIGNED"], "via": []}
    assert ask(video_id=a.video_id) == nothing
    assert ask(video_id=private_video) == nothing
    assert ask(video_id=NO_SUCH_CONTENT) == nothing
    assert ask(live_id=a.live_id) == nothing
    assert ask(live_id=ended_live) == nothing
    assert ask(live_id=NO_SUCH_CONTENT) == nothing
