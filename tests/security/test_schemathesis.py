"""Schema fuzzing (OWASP API testing) by schemathesis: every route, authenticated.

Schemathesis reads the served app's OpenAPI document (what `/openapi.json` answers) and, for
every operation, sends to the app (ASGI, on the test database) the documented examples, the
boundary cases of each parameter and a bounded number of generated requests, valid and
invalid ones. Every answer must keep the documented contract: no 5xx, a status code the
operation documents, the documented content type, and a body that matches the documented
schema (so every error is a valid problem+json).

Each operation is one test with a small world seeded for it alone: a BC with the user as its
admin and a standard member, a TikTok account authorized for both scopes, a pending access
request, an ad account, a video, a LIVE and an account link. Generation does not depend on
that world, so the run is the same every time: for path and query parameters and body fields
that name an id, the generator picks *placeholders* (`world.bc`, `world.video`, ...) twice as
often as random values, and the test puts the world's real ids and current tokens in their
place just before sending. That way the fuzzer reaches the code behind the 404s, and a fuzzed
token rotation does not lock the rest of the run out.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from schemathesis import AuthContext, Case, HookContext, Response
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app import main as served
from app.core.config import Settings
from app.main import create_app
from tests.conftest import TEST_SECRET_KEY, SyncDatabase
from tests.factories import Api, Content, code_of, expect

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20_240_601,
        "generation": {
            "mode": "all",  # valid requests and invalid ones
            "max-examples": 25,  # per operation and mode, on top of the examples and boundaries
            "deterministic": True,
            "database": "none",  # no `.hypothesis/` directory in the work tree
        },
    }
)

USER_TOKEN = "world.user-token"
OWNER_TOKEN = "world.owner-token"

# Parameter and body field name -> placeholders for the world's real values of that name.
PLACEHOLDERS: dict[str, list[Any]] = {
    "bc_id": ["world.bc"],
    "member_id": ["world.admin-member", "world.standard-member"],
    "member_ids": [["world.standard-member"], ["world.admin-member", "world.standard-member"]],
    "ad_account_id": ["world.ad-account"],
    "request_id": ["world.pending-request"],
    "code": ["world.qr-code"],
    "tiktok_account_id": ["world.tiktok-account"],
    "video_id": ["world.video"],
    "live_id": ["world.live"],
    "authorization_id": ["world.authorization"],
    "user_id": ["world.linked-user"],
    "email": ["world.outsider-email"],
    "user_email": ["world.outsider-email", "world.standard-member-email"],
}

# The document of `uvicorn app.main:app`, read without starting that app (its lifespan would
# start a webhook sender on the default database); the requests go to the test app below.
schema = schemathesis.openapi.from_dict(served.app.openapi(), config=CONFIG)


def _placeholders_or_generated(values: Any) -> st.SearchStrategy[Any]:
    """Each field with placeholders: one of them two times in three, else the generated value."""
    if not isinstance(values, dict):
        return st.just(values)
    return st.fixed_dictionaries(
        {
            name: st.sampled_from([*PLACEHOLDERS[name], *PLACEHOLDERS[name], value])
            if name in PLACEHOLDERS
            else st.just(value)
            for name, value in values.items()
        }
    )


@schema.hook
def flatmap_path_parameters(context: HookContext, path_parameters: Any) -> st.SearchStrategy[Any]:
    return _placeholders_or_generated(path_parameters)


@schema.hook
def flatmap_query(context: HookContext, query: Any) -> st.SearchStrategy[Any]:
    return _placeholders_or_generated(query)


@schema.hook
def flatmap_body(context: HookContext, body: Any) -> st.SearchStrategy[Any]:
    return _placeholders_or_generated(body)


@schema.auth(refresh_interval=None)
class Tokens:
    """The user's token on the user routes, the owner's on the simulated TikTok app."""

    def get(self, case: Case[Any], context: AuthContext) -> str:
        return OWNER_TOKEN if case.operation.path.startswith("/v1/tiktok-app/") else USER_TOKEN

    def set(self, case: Case[Any], data: str, context: AuthContext) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


def _one_idempotency_key_per_request(case: Case[Any]) -> None:
    """Tie a valid generated `Idempotency-Key` to the request it comes with.

    Generation reuses keys across requests, and the same key with another request is 422
    `IDEMPOTENCY_KEY_REUSED` (tests/security/test_idempotency.py), which would hide what most
    POSTs do. With the request's digest appended the key stays valid, a repeated request is still
    a replay, and an invalid key stays invalid.
    """
    key = case.headers.get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key) <= 200 and all("!" <= c <= "~" for c in key):
        request = repr((case.path_parameters, case.query, case.body)).encode()
        case.headers["Idempotency-Key"] = f"{key}.{hashlib.sha256(request).hexdigest()[:16]}"


@dataclass
class World:
    real: dict[str, Any]  # placeholder -> the real value

    def resolve(self, value: Any) -> Any:
        if isinstance(value, str):
            for placeholder in (USER_TOKEN, OWNER_TOKEN):
                value = value.replace(placeholder, self.real[placeholder])
            return self.real.get(value, value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def put_into(self, case: Case[Any]) -> None:
        for values in (case.path_parameters, case.query, case.headers):
            for name, value in values.items():
                values[name] = self.resolve(value)
        if isinstance(case.body, dict | list | str):
            case.body = self.resolve(case.body)
        _one_idempotency_key_per_request(case)

    def note(self, case: Case[Any], response: Response) -> None:
        """A token rotation that went through replaces the token for the next requests."""
        if case.method.upper() != "POST" or response.status_code != 200:
            return
        if case.path == "/v1/users/me/token":
            self.real[USER_TOKEN] = response.json()["token"]
        elif case.path == "/v1/tiktok-app/me/token":
            self.real[OWNER_TOKEN] = response.json()["owner_token"]


@pytest.fixture(scope="module")
def app_settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key=SecretStr(TEST_SECRET_KEY),
        public_base_url="http://testserver",
        # Many unknown QR codes are sent here on purpose; their limits are tested elsewhere.
        qr_failures_per_owner=1_000_000,
        qr_failures_per_address=1_000_000,
        # The fuzzer registers webhooks with made-up URLs: nothing may be sent to them.
        webhooks_dispatcher=False,
    )


@pytest.fixture(scope="module")
def app(app_settings: Settings, database_url: str) -> Iterator[FastAPI]:
    """One app and database for the module; each operation still gets a world of its own.

    Schemathesis serves this app from its own event loop (and starts its lifespan there), so
    its pool belongs to that loop. Emptying every table after each operation (as `make_app`
    does) would double the run on PostgreSQL; the worlds share nothing, so they are emptied
    once, at the end.
    """
    yield create_app(app_settings)
    # The lifespan schemathesis started ends here: its pool closes on its own event loop.
    asgi.shutdown_lifespans()
    database = SyncDatabase(database_url)
    database.truncate_all()
    database.engine.dispose()


@pytest.fixture(scope="module")
def world_api(app_settings: Settings) -> Iterator[Api]:
    """The worlds are built through an app of their own on the same database, served by its
    TestClient's event loop: an app's pool may serve one event loop only, and schemathesis
    serves `app` from another one."""
    with TestClient(create_app(app_settings)) as client:
        yield Api(client)


@pytest.fixture
def world(world_api: Api) -> World:
    api, content = world_api, Content(world_api)
    bc = api.bc()
    admin = bc.admin
    member = api.member(bc)
    outsider = api.user()  # not a member: `POST .../members` can add them
    owner = api.owner()
    api.authorize(bc, owner, "EXISTING_POSTS")
    api.authorize(bc, owner, "LIVE_VIDEOS")
    pending = api.access_request(bc)
    ad_account = content.ad_account(bc)
    content.ad_role(bc, ad_account, admin, "ADMIN")
    content.ad_role(bc, ad_account, member, "OPERATOR")
    content.assign(bc, owner, [admin, member], ["POST", "LIVE"])
    video = content.video(owner)
    live = content.live(owner)
    content.link(owner, member)
    (authorization,) = expect(
        api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
    )["items"]
    return World(
        real={
            USER_TOKEN: admin.token,
            OWNER_TOKEN: owner.token,
            "world.bc": bc.id,
            "world.admin-member": bc.member_ids[admin.id],
            "world.standard-member": bc.member_ids[member.id],
            "world.ad-account": ad_account,
            "world.pending-request": pending["id"],
            "world.qr-code": code_of(pending),
            "world.tiktok-account": owner.id,
            "world.video": video,
            "world.live": live,
            "world.authorization": authorization["id"],
            "world.linked-user": member.id,
            "world.outsider-email": outsider.email,
            "world.standard-member-email": member.email,
        }
    )


@schema.parametrize()
# The world is seeded once per operation, on purpose: the examples of one operation share it.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_route_keeps_its_documented_contract(
    case: Case[Any], app: FastAPI, world: World
) -> None:
    world.put_into(case)
    response = case.call(app=app)
    world.note(case, response)
    case.validate_response(response, checks=CHECKS)
