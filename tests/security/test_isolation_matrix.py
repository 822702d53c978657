"""OWASP API1 (BOLA) and API5 (BFLA), generated from the app's own route table.

Every `/v1` route of the app is a row of the matrix. Each test builds the request for a row
from three tables kept here:

- `ACCESS`: who a route is for (public, any user, BC member, BC admin, TikTok account owner).
  A route in none of them (or in two) fails, so a new route cannot slip through unclassified.
- `PARAMETERS`: every path parameter and id query parameter a route may take, filled from the
  world below. A route with a parameter that is not in the table fails with a message naming it.
- `BODIES`: a valid body for every route that takes one (the control test proves it: the
  rightful caller gets a 2xx with it, so the refusals below are about access, not about a 422).

The world: Business Center A with an admin, a STANDARD member (assigned `POST` on A's TikTok
account, `OPERATOR` on A's ad account, and linked to that account), an ad account, a TikTok
account authorized to A with both scopes, a video, a LIVE, a pending access request, a Spark Ad,
an account link and a webhook (registered last, so the world holds no event waiting to be sent;
its host never resolves, so nothing is ever sent from these tests); and Business Center B, built
the same way, with nothing shared with A.

The world is built once per database through the API; its rows are then put back before each
test that asks for it, so every test starts from the very same world, fast. "Nothing changes"
compares every table's row count and a checksum of its rows, read in primary key order, before
and after the refused request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import Response
from sqlalchemy import Engine, select

from app.main import app as served_app
from app.models import Base
from tests.conftest import SyncDatabase
from tests.factories import Api, Bc, Content, Owner, User, code_of, expect, expect_problem, unique

# --- the route table -------------------------------------------------------------------------

Route = tuple[str, str]  # (method, path template)


@dataclass(frozen=True)
class RouteInfo:
    method: str
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[tuple[str, bool], ...]  # (name, required)
    has_body: bool

    @property
    def key(self) -> Route:
        return (self.method, self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def route_table(app: FastAPI) -> list[RouteInfo]:
    """Every `/v1` API route of `app`, one row per method, with its documented parameters."""
    spec = app.openapi()
    rows: list[RouteInfo] = []
    for context in iter_route_contexts(app.routes):
        path = context.path
        if not isinstance(context.original_route, APIRoute) or not path:
            continue
        if not path.startswith("/v1"):
            continue
        for method in sorted(context.methods or ()):
            if method == "HEAD":
                continue
            operation: dict[str, Any] = spec["paths"].get(path, {}).get(method.lower(), {})
            parameters = operation.get("parameters", [])
            rows.append(
                RouteInfo(
                    method=method,
                    path=path,
                    path_params=tuple(re.findall(r"{(\w+)", path)),
                    query_params=tuple(
                        (p["name"], bool(p.get("required")))
                        for p in parameters
                        if p["in"] == "query"
                    ),
                    # A route left out of the docs fails the table test below.
                    has_body="requestBody" in operation,
                )
            )
    return sorted(rows, key=lambda row: (row.path, row.method))


ROUTES = route_table(served_app)


class Access(StrEnum):
    PUBLIC = "public"
    ANY_USER = "any user"
    MEMBER = "BC member"
    ADMIN = "BC admin"
    OWNER = "TikTok account owner"


BC = "/v1/business-centers/{bc_id}"
ACCOUNT = f"{BC}/tiktok-accounts/{{tiktok_account_id}}"

# Outside `/v1` and public by design, so not in the matrix: GET /healthz and GET /readyz.
PUBLIC: frozenset[Route] = frozenset(
    {
        ("POST", "/v1/users"),
        ("POST", "/v1/tiktok-app/accounts"),
        ("GET", "/v1/qr/{code}"),
    }
)
ANY_USER: frozenset[Route] = frozenset(
    {
        ("GET", "/v1/users/me"),
        ("POST", "/v1/users/me/token"),
        ("POST", "/v1/business-centers"),
        ("GET", "/v1/identities"),
        ("GET", "/v1/spark-ads/eligibility"),
        ("POST", "/v1/spark-ads/eligibility/batch"),
        ("POST", "/v1/spark-ads"),
        ("GET", "/v1/spark-ads"),
        ("GET", "/v1/identities/{identity_id}/videos"),
    }
)
MEMBER: frozenset[Route] = frozenset(
    {
        ("GET", BC),
        ("GET", f"{BC}/members"),
        ("GET", f"{BC}/ad-accounts"),
        ("GET", f"{BC}/tiktok-accounts"),
        ("GET", ACCOUNT),
        ("GET", f"{ACCOUNT}/profile"),
        ("GET", f"{ACCOUNT}/videos"),
        ("GET", f"{ACCOUNT}/lives"),
    }
)
ADMIN: frozenset[Route] = frozenset(
    {
        ("POST", f"{BC}/members"),
        ("PATCH", f"{BC}/members/{{member_id}}"),
        ("DELETE", f"{BC}/members/{{member_id}}"),
        ("POST", f"{BC}/ad-accounts"),
        ("PUT", f"{BC}/ad-accounts/{{ad_account_id}}/members/{{member_id}}"),
        ("DELETE", f"{BC}/ad-accounts/{{ad_account_id}}/members/{{member_id}}"),
        ("POST", f"{BC}/access-requests"),
        ("GET", f"{BC}/access-requests"),
        ("GET", f"{BC}/access-requests/{{request_id}}"),
        ("GET", f"{BC}/access-requests/{{request_id}}/qr-code"),
        ("GET", f"{BC}/access-requests/{{request_id}}/qr-card"),
        ("POST", f"{BC}/access-requests/{{request_id}}/cancel"),
        ("DELETE", ACCOUNT),
        ("GET", f"{ACCOUNT}/assignments"),
        ("POST", f"{ACCOUNT}/assignments"),
        ("PUT", f"{ACCOUNT}/assignments/{{member_id}}"),
        ("DELETE", f"{ACCOUNT}/assignments/{{member_id}}"),
        ("GET", f"{BC}/audit-events"),
        ("POST", f"{BC}/webhooks"),
        ("GET", f"{BC}/webhooks"),
        ("DELETE", f"{BC}/webhooks/{{webhook_id}}"),
        ("GET", f"{BC}/webhooks/{{webhook_id}}/deliveries"),
    }
)
OWNER: frozenset[Route] = frozenset(
    {
        ("GET", "/v1/tiktok-app/me"),
        ("POST", "/v1/tiktok-app/me/token"),
        ("POST", "/v1/tiktok-app/videos"),
        ("PATCH", "/v1/tiktok-app/videos/{video_id}"),
        ("POST", "/v1/tiktok-app/lives"),
        ("POST", "/v1/tiktok-app/lives/{live_id}/end"),
        ("PUT", "/v1/tiktok-app/showcase"),
        ("POST", "/v1/tiktok-app/qr-scans"),
        ("GET", "/v1/tiktok-app/authorizations"),
        ("DELETE", "/v1/tiktok-app/authorizations/{authorization_id}"),
        ("POST", "/v1/tiktok-app/account-links"),
        ("GET", "/v1/tiktok-app/account-links"),
        ("DELETE", "/v1/tiktok-app/account-links/{user_id}"),
    }
)
ACCESS: dict[Access, frozenset[Route]] = {
    Access.PUBLIC: PUBLIC,
    Access.ANY_USER: ANY_USER,
    Access.MEMBER: MEMBER,
    Access.ADMIN: ADMIN,
    Access.OWNER: OWNER,
}
USER_ROUTES = (Access.ANY_USER, Access.MEMBER, Access.ADMIN)

# Routes where the id is a capability, not an object the caller must own: whoever holds a QR
# code may read its consent screen and any owner may scan it (the BC does not know in advance
# which account will approve). They are out of the BOLA rows on purpose.
CAPABILITIES: dict[Route, str] = {
    ("GET", "/v1/qr/{code}"): "the code is the capability (no auth)",
    ("POST", "/v1/tiktok-app/qr-scans"): "any owner who holds the code may decide on it",
}

# Every parameter name a route may take (path, or id in the query), filled from the world.
PARAMETERS = (
    "bc_id",
    "member_id",
    "ad_account_id",
    "request_id",
    "tiktok_account_id",
    "video_id",
    "live_id",
    "authorization_id",
    "user_id",
    "code",
    "spark_ad_id",
    "webhook_id",
    "identity_id",
    "identity_authorized_bc_id",
)
# Optional id query parameters left out on purpose, per route.
QUERY_OMITTED: dict[Route, frozenset[str]] = {
    # Exactly one of video_id and live_id: the row checks the video.
    ("GET", "/v1/spark-ads/eligibility"): frozenset({"live_id"}),
}
IDENTITY_VIDEOS: Route = ("GET", "/v1/identities/{identity_id}/videos")
# Required query parameters that are not ids, per route, with the value the row sends.
QUERY_VALUES: dict[Route, dict[str, str]] = {
    # The world's BC identity (`identity_authorized_bc_id` is the tenant's BC).
    IDENTITY_VIDEOS: {"identity_type": "BC_AUTH_TT"},
}


@dataclass(frozen=True)
class Side:
    """The values a request is built from: one BC's ids, and a user in no BC at all."""

    ids: Mapping[str, str]
    outsider_email: str


Body = Callable[[Side], dict[str, Any]]

BODIES: dict[Route, Body] = {
    ("POST", "/v1/users"): lambda s: {
        "email": f"{unique('signup')}@example.com",
        "display_name": "New User",
    },
    ("POST", "/v1/business-centers"): lambda s: {"name": "New BC"},
    ("POST", f"{BC}/members"): lambda s: {"email": s.outsider_email, "role": "STANDARD"},
    ("PATCH", f"{BC}/members/{{member_id}}"): lambda s: {"role": "ADMIN"},
    ("POST", f"{BC}/ad-accounts"): lambda s: {"name": "New ad account"},
    ("PUT", f"{BC}/ad-accounts/{{ad_account_id}}/members/{{member_id}}"): lambda s: {
        "role": "ADMIN"
    },
    ("POST", f"{BC}/access-requests"): lambda s: {"scope": "LIVE_VIDEOS"},
    ("POST", f"{ACCOUNT}/assignments"): lambda s: {
        "member_ids": [s.ids["member_id"]],
        "roles": ["POST", "LIVE"],
    },
    ("PUT", f"{ACCOUNT}/assignments/{{member_id}}"): lambda s: {"roles": ["POST", "LIVE"]},
    ("POST", "/v1/spark-ads/eligibility/batch"): lambda s: {
        "ad_account_id": s.ids["ad_account_id"],
        "checks": [
            {"tiktok_account_id": s.ids["tiktok_account_id"], "video_id": s.ids["video_id"]},
            {"tiktok_account_id": s.ids["tiktok_account_id"], "live_id": s.ids["live_id"]},
        ],
    },
    ("POST", "/v1/spark-ads"): lambda s: {
        "ad_account_id": s.ids["ad_account_id"],
        "tiktok_account_id": s.ids["tiktok_account_id"],
        "video_id": s.ids["video_id"],
        "name": "Matrix Spark Ad",
    },
    ("POST", "/v1/tiktok-app/accounts"): lambda s: {
        "username": unique("matrix_"),
        "display_name": "New Creator",
    },
    ("POST", "/v1/tiktok-app/videos"): lambda s: {
        "caption": "New video",
        "visibility": "PUBLIC",
        "ad_authorization": True,
    },
    ("PATCH", "/v1/tiktok-app/videos/{video_id}"): lambda s: {
        "visibility": "PRIVATE",
        "ad_authorization": False,
    },
    ("POST", "/v1/tiktok-app/lives"): lambda s: {"title": "New LIVE"},
    ("PUT", "/v1/tiktok-app/showcase"): lambda s: {
        "enabled": True,
        "source": "SELECTED_PRODUCTS",
        "shop_ids": ["shop_1"],
    },
    ("POST", "/v1/tiktok-app/qr-scans"): lambda s: {"code": s.ids["code"], "decision": "APPROVE"},
    ("POST", "/v1/tiktok-app/account-links"): lambda s: {"user_email": s.outsider_email},
    ("POST", f"{BC}/webhooks"): lambda s: {"url": "https://hooks-new.example.invalid/matrix"},
}


def access_of(route: RouteInfo) -> Access:
    found = [access for access, routes in ACCESS.items() if route.key in routes]
    if len(found) != 1:
        pytest.fail(
            f"route {route} is in {len(found)} of the access tables ({found}): put it in "
            "exactly one of PUBLIC, ANY_USER, MEMBER, ADMIN, OWNER in "
            "tests/security/test_isolation_matrix.py"
        )
    return found[0]


def _unknown(route: RouteInfo, parameter: str) -> str:
    return (
        f"route {route} has parameter {parameter!r} the isolation matrix does not know: add it "
        "to PARAMETERS (and to Tenant.ids) in tests/security/test_isolation_matrix.py"
    )


def _is_an_id(name: str) -> bool:
    return name.endswith("_id") or name == "code"


def id_query_params(route: RouteInfo) -> list[str]:
    """The query parameters sent with the request: every id, none of the optional filters."""
    omitted = QUERY_OMITTED.get(route.key, frozenset())
    return [name for name, _ in route.query_params if _is_an_id(name) and name not in omitted]


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    params: dict[str, str]
    body: dict[str, Any] | None


def call_for(route: RouteInfo, side: Side) -> Call:
    """The request for `route` with `side`'s values; fails on anything the matrix lacks."""
    values = QUERY_VALUES.get(route.key, {})
    for name, required in route.query_params:
        if required and not _is_an_id(name) and name not in values:
            pytest.fail(
                f"route {route} requires query parameter {name!r} the isolation matrix does not "
                "know: add it to tests/security/test_isolation_matrix.py"
            )
    url = route.path
    for name in [*route.path_params, *id_query_params(route)]:
        if name not in side.ids:
            pytest.fail(_unknown(route, name))
    for name in route.path_params:
        url = url.replace(f"{{{name}}}", side.ids[name])
    params = {**values, **{name: side.ids[name] for name in id_query_params(route)}}
    body = None
    if route.has_body:
        if route.key not in BODIES:
            pytest.fail(
                f"route {route} takes a body the isolation matrix cannot build: add a valid one "
                "to BODIES in tests/security/test_isolation_matrix.py"
            )
        body = BODIES[route.key](side)
    return Call(route.method, url, params, body)


def route_of(method: str, path: str) -> RouteInfo:
    for route in ROUTES:
        if route.key == (method, path):
            return route
    pytest.fail(f"the app has no route {method} {path}")


def send(api: Api, call: Call, headers: Mapping[str, str]) -> Response:
    response: Response = api.client.request(
        call.method, call.url, params=call.params, json=call.body, headers=dict(headers)
    )
    return response


_SENTINELS = Side(ids={name: f"<{name}>" for name in PARAMETERS}, outsider_email="x@y.z")


def _values(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _values(item)


def takes_an_id(route: RouteInfo) -> bool:
    """In its path, its query or its body (a body that carries one of the world's ids)."""
    if route.path_params or id_query_params(route):
        return True
    builder = BODIES.get(route.key)
    return builder is not None and any(
        value in _SENTINELS.ids.values() for value in _values(builder(_SENTINELS))
    )


def rows_with(*accesses: Access) -> list[Any]:
    """pytest params for the routes of the given accesses (unclassified routes included, so
    that they fail by name instead of being skipped)."""
    classified = set().union(*ACCESS.values())
    return [
        pytest.param(route, id=str(route))
        for route in ROUTES
        if route.key not in classified or any(route.key in ACCESS[a] for a in accesses)
    ]


# --- the world -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tenant:
    bc: Bc
    member: User  # STANDARD; POST on the account; OPERATOR on the ad account; linked
    member_id: str
    ad_account_id: str
    owner: Owner
    authorization_id: str
    video_id: str
    live_id: str
    pending_request_id: str
    spark_ad_id: str
    webhook_id: str
    codes: Mapping[str, str]  # access request id -> its QR code

    @property
    def admin(self) -> User:
        return self.bc.admin

    @property
    def ids(self) -> dict[str, str]:
        return {
            "bc_id": self.bc.id,
            "member_id": self.member_id,
            "ad_account_id": self.ad_account_id,
            "request_id": self.pending_request_id,
            "tiktok_account_id": self.owner.id,
            "video_id": self.video_id,
            "live_id": self.live_id,
            "authorization_id": self.authorization_id,
            "user_id": self.member.id,  # the user the account is linked to
            "code": self.codes[self.pending_request_id],
            "spark_ad_id": self.spark_ad_id,
            "webhook_id": self.webhook_id,
            # The BC identity of the account, which the member and the admin are assigned on.
            "identity_id": self.owner.id,
            "identity_authorized_bc_id": self.bc.id,
        }


@dataclass(frozen=True)
class World:
    a: Tenant
    b: Tenant
    outsider: User  # signed up, in no BC: a new member, a new account link

    def side(self, ids: Mapping[str, str]) -> Side:
        return Side(ids=ids, outsider_email=self.outsider.email)

    @property
    def codes(self) -> dict[str, str]:
        return {**self.a.codes, **self.b.codes}

    @property
    def tokens(self) -> set[str]:
        users = (self.a.admin, self.a.member, self.b.admin, self.b.member, self.outsider)
        return {user.token for user in users} | {self.a.owner.token, self.b.owner.token}

    def rightful_headers(self, access: Access) -> dict[str, str]:
        """A's caller that the route is for."""
        if access is Access.PUBLIC:
            return {}
        if access is Access.OWNER:
            return self.a.owner.headers
        return self.a.admin.headers


def _tenant(api: Api, content: Content, label: str) -> Tenant:
    bc = api.bc(name=f"Business Center {label}")
    member = api.member(bc)
    ad_account_id = content.ad_account(bc, f"Ad account {label}")
    content.ad_role(bc, ad_account_id, bc.admin, "ADMIN")
    content.ad_role(bc, ad_account_id, member, "OPERATOR")
    owner = api.owner(unique(f"creator_{label.lower()}_"))
    granted = [api.authorize(bc, owner, scope) for scope in ("EXISTING_POSTS", "LIVE_VIDEOS")]
    content.assign(bc, owner, [member], ["POST"])
    content.assign(bc, owner, [bc.admin], ["POST", "LIVE"])
    video_id = content.video(owner)
    live_id = content.live(owner)
    spark_ad = expect(
        api.client.post(
            "/v1/spark-ads",
            json={
                "ad_account_id": ad_account_id,
                "tiktok_account_id": owner.id,
                "video_id": video_id,
                "name": f"Spark Ad {label}",
            },
            headers=member.headers,
        ),
        201,
    )
    content.link(owner, member)
    pending = api.access_request(bc)
    authorizations = expect(
        api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
    )["items"]
    assert [item["business_center_id"] for item in authorizations] == [bc.id]
    # Last: no event after it, so no delivery is waiting when the world is saved.
    webhook = expect(
        api.client.post(
            f"/v1/business-centers/{bc.id}/webhooks",
            json={"url": f"https://hooks-{label.lower()}.example.invalid/matrix"},
            headers=bc.admin.headers,
        ),
        201,
    )
    return Tenant(
        bc=bc,
        member=member,
        member_id=bc.member_ids[member.id],
        ad_account_id=ad_account_id,
        owner=owner,
        authorization_id=authorizations[0]["id"],
        video_id=video_id,
        live_id=live_id,
        pending_request_id=pending["id"],
        spark_ad_id=spark_ad["id"],
        webhook_id=webhook["id"],
        codes={request["id"]: code_of(request) for request in [*granted, pending]},
    )


Rows = dict[str, list[dict[str, Any]]]


def read_rows(engine: Engine) -> Rows:
    """Every row of every table, in primary key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                dict(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in Base.metadata.sorted_tables
        }


# The world is built once per database through the API, then its rows are put back before each
# test that asks for it: every test starts from the very same world, and fast.
_WORLDS: dict[str, tuple[World, Rows]] = {}


def world_for(api: Api, database: SyncDatabase) -> World:
    engine = database.engine
    cached = _WORLDS.get(database.url)
    if cached is None:
        content = Content(api)
        world = World(
            a=_tenant(api, content, "A"), b=_tenant(api, content, "B"), outsider=api.user()
        )
        _WORLDS[database.url] = (world, read_rows(engine))
        return world
    world, rows = cached
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
    return world


@pytest.fixture
def world(api: Api, database: SyncDatabase) -> World:
    return world_for(api, database)


State = dict[str, tuple[int, str]]


def state(database: SyncDatabase) -> State:
    """Per table: the row count and a checksum of the rows."""
    return {
        name: (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        for name, rows in read_rows(database.engine).items()
    }


def assert_unchanged(before: State, database: SyncDatabase) -> None:
    after = state(database)
    changed = sorted(name for name in before if after[name] != before[name])
    assert not changed, f"the refused request changed these tables: {changed}"


def refused(api: Api, database: SyncDatabase, call: Call, headers: Mapping[str, str]) -> Response:
    """Send `call` and check that the database is exactly as before."""
    before = state(database)
    response = send(api, call, headers)
    assert_unchanged(before, database)
    return response


# --- the table itself ------------------------------------------------------------------------


def test_every_route_is_classified_and_every_parameter_and_body_is_known() -> None:
    problems = []
    keys = {route.key for route in ROUTES}
    for route in ROUTES:
        found = [access for access, routes in ACCESS.items() if route.key in routes]
        if len(found) != 1:
            problems.append(
                f"route {route} is in {len(found)} access tables ({found}): put it in exactly "
                "one of PUBLIC, ANY_USER, MEMBER, ADMIN, OWNER"
            )
        for name in route.path_params:
            if name not in PARAMETERS:
                problems.append(_unknown(route, name))
        for name, required in route.query_params:
            if _is_an_id(name) and name not in PARAMETERS:
                problems.append(_unknown(route, name))
            elif required and not _is_an_id(name) and name not in QUERY_VALUES.get(route.key, {}):
                problems.append(f"route {route} requires unknown query parameter {name!r}")
        if route.has_body and route.key not in BODIES:
            problems.append(f"route {route} takes a body: add a valid one to BODIES")
    for table_name, table in [*((a.name, r) for a, r in ACCESS.items()), ("BODIES", set(BODIES))]:
        for method, path in sorted(set(table) - keys):
            problems.append(f"{table_name} lists {method} {path}, which the app no longer has")
    assert not problems, "\n".join(problems)
    # The walk over the route tree found what the docs describe: the whole table.
    documented = {
        (method.upper(), path)
        for path, operations in served_app.openapi()["paths"].items()
        if path.startswith("/v1")
        for method in operations
    }
    assert keys == documented


def test_the_world_fills_every_parameter_and_shares_nothing_between_a_and_b(
    world: World,
) -> None:
    assert set(world.a.ids) == set(world.b.ids) == set(PARAMETERS)
    assert set(world.a.ids.values()).isdisjoint(world.b.ids.values())
    assert len(world.a.codes) == len(world.b.codes) == 3  # two approved, one pending


# --- control: the bodies are valid, the ids right -----------------------------------------


@pytest.mark.parametrize("route", rows_with(*Access))
def test_control_the_rightful_caller_of_a_gets_a_success(
    api: Api, world: World, route: RouteInfo
) -> None:
    """Without this, a 404 or 403 below could come from a bad body or a wrong id."""
    call = call_for(route, world.side(world.a.ids))
    response = send(api, call, world.rightful_headers(access_of(route)))
    assert 200 <= response.status_code < 300, (route, response.status_code, response.text)


# --- API1: another Business Center's principal ---------------------------------------------


def _bola_rows(*accesses: Access) -> list[Any]:
    return [
        row
        for row in rows_with(*accesses)
        if row.values[0].key not in CAPABILITIES and takes_an_id(row.values[0])
    ]


@pytest.mark.parametrize("route", _bola_rows(*USER_ROUTES))
def test_an_admin_of_another_bc_gets_404_on_a_ids_and_nothing_changes(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, world.b.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


def _one_foreign_id_rows() -> list[Any]:
    """(route, parameter): B's own BC with every id B's, except `parameter`, which is A's."""
    rows = []
    for row in _bola_rows(*USER_ROUTES):
        route: RouteInfo = row.values[0]
        if "bc_id" not in route.path_params:
            continue
        for name in [*route.path_params, *id_query_params(route)]:
            if name != "bc_id":
                rows.append(pytest.param(route, name, id=f"{route} with A's {name}"))
    return rows


@pytest.mark.parametrize(("route", "foreign"), _one_foreign_id_rows())
def test_an_admin_of_another_bc_gets_404_on_its_own_bc_with_one_id_of_a(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo, foreign: str
) -> None:
    """The classic BOLA: the parent is checked, a child id from another tenant slips through."""
    if foreign not in world.a.ids:
        pytest.fail(_unknown(route, foreign))
    ids = {**world.b.ids, foreign: world.a.ids[foreign]}
    response = refused(api, database, call_for(route, world.side(ids)), world.b.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("route", _bola_rows(Access.OWNER))
def test_another_owner_gets_404_on_a_owners_ids_and_nothing_changes(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, world.b.owner.headers)
    expect_problem(response, 404, "NOT_FOUND")


def test_owner_rows_cover_every_owner_route_with_an_id() -> None:
    """The four routes the brief names, at least: a route dropping out of the rows is a gap."""
    owner_rows = {row.values[0].key for row in _bola_rows(Access.OWNER)}
    assert owner_rows >= {
        ("PATCH", "/v1/tiktok-app/videos/{video_id}"),
        ("DELETE", "/v1/tiktok-app/authorizations/{authorization_id}"),
        ("DELETE", "/v1/tiktok-app/account-links/{user_id}"),
        ("POST", "/v1/tiktok-app/lives/{live_id}/end"),
    }


def test_a_spark_ad_on_its_own_ad_account_with_a_content_of_a_is_refused(
    api: Api, database: SyncDatabase, world: World
) -> None:
    """B's admin may make Spark Ads on B's ad account, but not with A's account or video."""
    b = world.b
    cases = [
        (
            {"tiktok_account_id": world.a.owner.id, "video_id": world.a.video_id},
            "TIKTOK_ACCOUNT_NOT_ASSIGNED",
        ),
        ({"tiktok_account_id": b.owner.id, "video_id": world.a.video_id}, "VIDEO_NOT_FOUND"),
    ]
    for content_ids, reason in cases:
        ids = {**b.ids, **content_ids}
        call = call_for(route_of("POST", "/v1/spark-ads"), world.side(ids))
        problem = expect_problem(refused(api, database, call, b.admin.headers), 403, reason)
        assert reason in problem["reasons"]
        eligibility = expect(
            api.client.get(
                "/v1/spark-ads/eligibility",
                params={"ad_account_id": b.ad_account_id, **content_ids},
                headers=b.admin.headers,
            ),
            200,
        )
        assert eligibility["allowed"] is False
        assert eligibility["reasons"] == problem["reasons"]


@pytest.mark.parametrize("who", ["admin", "member"])
@pytest.mark.parametrize(
    "identity",
    [
        {"identity_id": "a", "identity_authorized_bc_id": "a"},
        {"identity_id": "a", "identity_authorized_bc_id": "b"},
        {"identity_id": "b", "identity_authorized_bc_id": "a"},
        {"identity_id": "a", "identity_type": "TT_USER"},
    ],
    ids=["a-identity", "a-account-through-b", "b-account-through-a", "a-account-as-tt-user"],
)
def test_videos_of_an_identity_b_does_not_hold_are_404_on_its_own_ad_account(
    api: Api, database: SyncDatabase, world: World, who: str, identity: dict[str, str]
) -> None:
    """B's admin and B's member see B's ad account and hold B's identities (the member is also
    linked to B's account), but no identity of A's account, nor B's account through A's BC."""
    tenants = {"a": world.a, "b": world.b}
    ids = {
        **world.b.ids,
        "identity_id": tenants[identity["identity_id"]].owner.id,
        "identity_authorized_bc_id": tenants[identity.get("identity_authorized_bc_id", "b")].bc.id,
    }
    call = call_for(route_of(*IDENTITY_VIDEOS), world.side(ids))
    if identity.get("identity_type") == "TT_USER":
        call.params.update(identity_type="TT_USER")
        del call.params["identity_authorized_bc_id"]
    caller = world.b.admin if who == "admin" else world.b.member

    expect_problem(refused(api, database, call, caller.headers), 404, "NOT_FOUND")
    # B's own identity, on the same ad account, is listed.
    own = call_for(route_of(*IDENTITY_VIDEOS), world.side(world.b.ids))
    assert [item["id"] for item in expect(send(api, own, caller.headers), 200)["items"]] == [
        world.b.video_id
    ]


def test_a_batch_on_its_own_ad_account_with_content_of_a_tells_nothing_about_it(
    api: Api, database: SyncDatabase, world: World
) -> None:
    """Each item is the single check's answer; A's account is only not assigned, whatever its
    content is."""
    a, b = world.a, world.b
    checks = [
        {"tiktok_account_id": a.owner.id, "video_id": a.video_id},
        {"tiktok_account_id": a.owner.id, "live_id": a.live_id},
        {"tiktok_account_id": a.owner.id, "video_id": "00000000-0000-7000-8000-000000000000"},
        {"tiktok_account_id": b.owner.id, "video_id": a.video_id},
        {"tiktok_account_id": b.owner.id, "video_id": b.video_id},
    ]
    call = Call(
        "POST",
        "/v1/spark-ads/eligibility/batch",
        {},
        {"ad_account_id": b.ad_account_id, "checks": checks},
    )

    items = expect(refused(api, database, call, b.admin.headers), 200)["items"]

    nothing = {"allowed": False, "reasons": ["TIKTOK_ACCOUNT_NOT_ASSIGNED"], "via": []}
    answers = [{k: item[k] for k in ("allowed", "reasons", "via")} for item in items]
    assert answers[:3] == [nothing] * 3
    assert answers[3]["reasons"] == ["VIDEO_NOT_FOUND"]
    assert answers[4] == {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}
    for check, answer in zip(checks, answers, strict=True):
        single = api.client.get(
            "/v1/spark-ads/eligibility",
            params={"ad_account_id": b.ad_account_id, **check},
            headers=b.admin.headers,
        )
        assert expect(single, 200) == answer


def test_a_bulk_assignment_with_a_member_of_a_is_member_not_found(
    api: Api, database: SyncDatabase, world: World
) -> None:
    ids = {**world.b.ids, "member_id": world.a.member_id}
    call = call_for(route_of("POST", f"{ACCOUNT}/assignments"), world.side(ids))
    expect_problem(refused(api, database, call, world.b.admin.headers), 422, "MEMBER_NOT_FOUND")


# --- API5: function level ------------------------------------------------------------------


# Admin-only routes where the SPEC lets a STANDARD member get 404 instead of 403, because it
# may not see the resource. The world's member is assigned to the account and holds a role on
# the ad account, so it sees every resource these routes touch: none, today.
MEMBER_MAY_NOT_SEE: dict[Route, str] = {}


@pytest.mark.parametrize("route", rows_with(Access.ADMIN))
def test_a_standard_member_gets_403_on_every_admin_route_and_nothing_changes(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, world.a.member.headers)
    if route.key in MEMBER_MAY_NOT_SEE:
        expect_problem(response, 404, "NOT_FOUND")
    else:
        expect_problem(response, 403, "FORBIDDEN")


@pytest.mark.parametrize("route", rows_with(Access.OWNER))
def test_a_user_token_on_an_owner_route_is_401(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, world.a.admin.headers)
    expect_problem(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("route", rows_with(*USER_ROUTES))
def test_an_owner_token_on_a_user_route_is_401(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, world.a.owner.headers)
    expect_problem(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("route", rows_with(*USER_ROUTES, Access.OWNER))
def test_no_token_is_401_on_every_route_but_the_public_ones(
    api: Api, database: SyncDatabase, world: World, route: RouteInfo
) -> None:
    access_of(route)
    call = call_for(route, world.side(world.a.ids))
    response = refused(api, database, call, {})
    expect_problem(response, 401, "UNAUTHENTICATED")
