"""The simulated TikTok app (SPEC section 5): accounts, content, the consent screen, scans,
the owner's authorizations, limits and account links; through HTTP and at service level."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.authorizations import service as authorization_service
from app.authorizations.models import Authorization
from app.core.context import Context
from app.core.enums import AuthorizationStatus, Scope
from app.core.errors import AppError, ErrorCode
from app.models import Base
from tests.conftest import Clock, MakeApp, SyncDatabase
from tests.factories import Api, Bc, Owner, code_of, expect, expect_problem, unique

DEFAULT_TTL = 604_800
ALL_PERMISSIONS = ["AD_ENABLED_POSTS", "LIVE_VIDEOS", "PROFILE_INFO", "PUBLIC_VIDEOS"]
EXISTING_POSTS_PERMISSIONS = ["AD_ENABLED_POSTS", "PROFILE_INFO", "PUBLIC_VIDEOS"]
LIVE_VIDEOS_PERMISSIONS = ["LIVE_VIDEOS", "PROFILE_INFO"]
UNKNOWN_CODE = "A" * 43


# --- helpers ----------------------------------------------------------------------------------


def at(value: str) -> datetime:
    """An RFC 3339 time from a response body."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.utcoffset() == timedelta(0), value
    return parsed


def create_account(api: Api, **body: Any) -> Response:
    body.setdefault("display_name", "Nora Bakes")
    response: Response = api.client.post("/v1/tiktok-app/accounts", json=body)
    return response


def read_request(api: Api, bc: Bc, request_id: str) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get(
            f"/v1/business-centers/{bc.id}/access-requests/{request_id}", headers=bc.admin.headers
        ),
        200,
    )
    return body


def cancel(api: Api, bc: Bc, request_id: str) -> Response:
    response: Response = api.client.post(
        f"/v1/business-centers/{bc.id}/access-requests/{request_id}/cancel",
        headers=bc.admin.headers,
    )
    return response


def authorizations(api: Api, owner: Owner, **params: str | int) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get("/v1/tiktok-app/authorizations", params=params, headers=owner.headers), 200
    )
    return body


def the_authorization(api: Api, owner: Owner, **params: str | int) -> dict[str, Any]:
    items: list[dict[str, Any]] = authorizations(api, owner, **params)["items"]
    assert len(items) == 1, items
    return items[0]


def revoke(api: Api, owner: Owner, authorization_id: str) -> Response:
    response: Response = api.client.delete(
        f"/v1/tiktok-app/authorizations/{authorization_id}", headers=owner.headers
    )
    return response


def create_video(api: Api, owner: Owner, **changes: Any) -> dict[str, Any]:
    body = {"caption": "Crumb shot", "visibility": "PUBLIC", "ad_authorization": True} | changes
    video: dict[str, Any] = expect(
        api.client.post("/v1/tiktok-app/videos", json=body, headers=owner.headers), 201
    )
    return video


def start_live(api: Api, owner: Owner, title: str = "Baking live") -> dict[str, Any]:
    live: dict[str, Any] = expect(
        api.client.post("/v1/tiktok-app/lives", json={"title": title}, headers=owner.headers), 201
    )
    return live


def audit_events(engine: Engine, bc_id: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.business_center_id == bc_id)
                .order_by(AuditEvent.id)
            )
        )


def actors(events: list[AuditEvent]) -> list[tuple[str, str | None]]:
    return [(event.actor_type, event.actor_id) for event in events]


def stored_authorizations(engine: Engine) -> list[Authorization]:
    with Session(engine) as session:
        return list(session.scalars(select(Authorization).order_by(Authorization.id)))


@pytest.fixture
def api_with(make_app: MakeApp) -> Iterator[Callable[..., Api]]:
    """An `Api` on an app built with some settings changed (same database, same clock)."""
    with ExitStack() as stack:

        def build(**overrides: object) -> Api:
            return Api(stack.enter_context(TestClient(make_app(**overrides))))

        yield build


@pytest.fixture
def lenient(app: FastAPI) -> Iterator[Api]:
    """Like `api`, but a server error comes back as its 500 response instead of raising."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client)


def race(client: TestClient, calls: list[Callable[[TestClient], Response]]) -> list[Response]:
    """Run `calls` at the same moment, each from its own thread, through `client` (open): the
    requests run side by side on its app's one event loop, as a server's do, each in a unit
    of work on a database connection of its own. The app's pool belongs to that loop: a
    request served on another loop (a TestClient that is not open) could not use it."""
    assert client.portal is not None, "the client must be open: its event loop serves the race"
    barrier = threading.Barrier(len(calls))
    responses: list[Response] = []

    def run(call: Callable[[TestClient], Response]) -> None:
        barrier.wait()
        responses.append(call(client))

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(responses) == len(calls)
    return responses


def scan_call(owner: Owner, access_request: dict[str, Any]) -> Callable[[TestClient], Response]:
    def call(client: TestClient) -> Response:
        response: Response = client.post(
            "/v1/tiktok-app/qr-scans",
            json={"code": code_of(access_request), "decision": "APPROVE"},
            headers=owner.headers,
        )
        return response

    return call


@pytest.fixture
def owner(api: Api) -> Owner:
    return api.owner()


@pytest.fixture
def bc(api: Api) -> Bc:
    return api.bc(name="Acme Agency")


# --- accounts ---------------------------------------------------------------------------------


def test_create_account_returns_the_account_and_an_owner_token(api: Api, clock: Clock) -> None:
    body = expect(
        create_account(api, username="nora.bakes", display_name="Nora Bakes", bio="Sourdough"), 201
    )
    assert set(body) == {"account", "owner_token"}
    account = body["account"]
    assert set(account) == {"id", "username", "display_name", "bio", "created_at"}
    assert (account["username"], account["display_name"], account["bio"]) == (
        "nora.bakes",
        "Nora Bakes",
        "Sourdough",
    )
    assert at(account["created_at"]) == clock.now
    assert body["owner_token"].startswith("bcto_")
    assert len(body["owner_token"]) >= len("bcto_") + 22  # at least 128 bits in base64


def test_the_bio_is_optional(api: Api) -> None:
    body = expect(create_account(api, username=unique("nobio_")), 201)
    assert body["account"]["bio"] == ""


def test_two_accounts_get_different_owner_tokens(api: Api) -> None:
    assert api.owner().token != api.owner().token


def test_the_owner_token_is_not_stored_in_plain_text(api: Api, database: SyncDatabase) -> None:
    token = expect(create_account(api, username=unique("secret_")), 201)["owner_token"]
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()).mappings():
                for column, value in row.items():
                    assert token not in str(value), (table.name, column)
                    assert token.removeprefix("bcto_") not in str(value), (table.name, column)


def test_the_username_is_taken_once(api: Api) -> None:
    expect(create_account(api, username="nora.bakes"), 201)
    expect_problem(create_account(api, username="nora.bakes"), 409, "USERNAME_TAKEN")


def test_the_username_is_taken_whatever_its_letter_case(api: Api) -> None:
    expect(create_account(api, username="Nora.Bakes"), 201)
    expect_problem(create_account(api, username="nora.BAKES"), 409, "USERNAME_TAKEN")


@pytest.mark.parametrize(
    "username",
    ["ab", "a" * 24, "nora.bakes", "nora_bakes_", "x.y.z", "_9", "A1", "12", ".dot_start", "a.b_"],
)
def test_valid_usernames_are_accepted(api: Api, username: str) -> None:
    assert expect(create_account(api, username=username), 201)["account"]["username"] == username


@pytest.mark.parametrize(
    "username",
    [
        "a",
        "",
        "a" * 25,
        "nora.",
        "nora..",
        ".",
        "no ra",
        "nora-bakes",
        "nora@bakes",
        "nora!",
        "nöra",
        "ノラ",
    ],
)
def test_invalid_usernames_are_422(api: Api, username: str) -> None:
    problem = expect_problem(create_account(api, username=username), 422, "VALIDATION_ERROR")
    assert any(error["loc"][-1] == "username" for error in problem["errors"])


@pytest.mark.parametrize(
    "body",
    [
        {"username": "nora_ok"},
        {"username": "nora_ok", "display_name": ""},
        {"username": "nora_ok", "display_name": "Nora", "extra": 1},
        {"username": 12, "display_name": "Nora"},
    ],
)
def test_bad_account_bodies_are_422(api: Api, body: dict[str, Any]) -> None:
    expect_problem(api.client.post("/v1/tiktok-app/accounts", json=body), 422, "VALIDATION_ERROR")


def test_me_returns_the_owners_account(api: Api) -> None:
    created = expect(create_account(api, username="me.test", display_name="Me", bio="Bio"), 201)
    headers = {"Authorization": f"Bearer {created['owner_token']}"}
    assert expect(api.client.get("/v1/tiktok-app/me", headers=headers), 200) == created["account"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer bcto_not-a-real-token"},
        {"Authorization": "Basic Zm9vOmJhcg=="},
        {"Authorization": "Bearer " + "x" * 500},
    ],
)
def test_me_without_a_valid_owner_token_is_401(api: Api, headers: dict[str, str]) -> None:
    expect_problem(api.client.get("/v1/tiktok-app/me", headers=headers), 401, "UNAUTHENTICATED")


def test_a_user_token_is_not_an_owner_token(api: Api) -> None:
    user = api.user()
    expect_problem(
        api.client.get("/v1/tiktok-app/me", headers=user.headers), 401, "UNAUTHENTICATED"
    )


def test_an_owner_token_is_not_a_user_token(api: Api, owner: Owner) -> None:
    expect_problem(api.client.get("/v1/users/me", headers=owner.headers), 401, "UNAUTHENTICATED")


# --- videos -----------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["PUBLIC", "FRIENDS", "PRIVATE"])
@pytest.mark.parametrize("ad_authorization", [True, False])
def test_create_video(
    api: Api, owner: Owner, clock: Clock, visibility: str, ad_authorization: bool
) -> None:
    video = create_video(
        api, owner, caption="Crumb shot", visibility=visibility, ad_authorization=ad_authorization
    )
    assert set(video) == {
        "id",
        "tiktok_account_id",
        "caption",
        "visibility",
        "ad_authorization",
        "created_at",
    }
    assert video["tiktok_account_id"] == owner.id
    assert (video["caption"], video["visibility"], video["ad_authorization"]) == (
        "Crumb shot",
        visibility,
        ad_authorization,
    )
    assert at(video["created_at"]) == clock.now


@pytest.mark.parametrize(
    "changes",
    [
        {"visibility": "EVERYONE"},
        {"visibility": "public"},
        {"ad_authorization": "maybe"},
        {"ad_authorization": 1},
        {"ad_authorization": "yes"},
        {"visibility": None},
    ],
)
def test_create_video_with_a_bad_field_is_422(
    api: Api, owner: Owner, changes: dict[str, Any]
) -> None:
    body = {"caption": "x", "visibility": "PUBLIC", "ad_authorization": True} | changes
    expect_problem(
        api.client.post("/v1/tiktok-app/videos", json=body, headers=owner.headers),
        422,
        "VALIDATION_ERROR",
    )


def test_create_video_needs_an_owner_token(api: Api) -> None:
    body = {"caption": "x", "visibility": "PUBLIC", "ad_authorization": True}
    expect_problem(api.client.post("/v1/tiktok-app/videos", json=body), 401, "UNAUTHENTICATED")


def patch_video(api: Api, owner: Owner, video_id: str, body: dict[str, Any]) -> Response:
    response: Response = api.client.patch(
        f"/v1/tiktok-app/videos/{video_id}", json=body, headers=owner.headers
    )
    return response


def test_patch_video_visibility_keeps_ad_authorization(api: Api, owner: Owner) -> None:
    video = create_video(api, owner, visibility="PUBLIC", ad_authorization=True)
    body = expect(patch_video(api, owner, video["id"], {"visibility": "PRIVATE"}), 200)
    assert body == video | {"visibility": "PRIVATE"}


def test_patch_video_ad_authorization_keeps_visibility(api: Api, owner: Owner) -> None:
    video = create_video(api, owner, visibility="FRIENDS", ad_authorization=True)
    body = expect(patch_video(api, owner, video["id"], {"ad_authorization": False}), 200)
    assert body == video | {"ad_authorization": False}


def test_patch_video_both_fields(api: Api, owner: Owner) -> None:
    video = create_video(api, owner, visibility="PRIVATE", ad_authorization=False)
    body = expect(
        patch_video(api, owner, video["id"], {"visibility": "PUBLIC", "ad_authorization": True}),
        200,
    )
    assert body == video | {"visibility": "PUBLIC", "ad_authorization": True}


def test_patch_video_with_an_empty_body_changes_nothing(api: Api, owner: Owner) -> None:
    video = create_video(api, owner)
    assert expect(patch_video(api, owner, video["id"], {}), 200) == video


def test_patch_video_with_an_unknown_visibility_is_422(api: Api, owner: Owner) -> None:
    video = create_video(api, owner, visibility="PUBLIC")
    expect_problem(
        patch_video(api, owner, video["id"], {"visibility": "SECRET"}), 422, "VALIDATION_ERROR"
    )
    expect_problem(
        patch_video(api, owner, video["id"], {"ad_authorization": 0}), 422, "VALIDATION_ERROR"
    )
    assert expect(patch_video(api, owner, video["id"], {}), 200)["visibility"] == "PUBLIC"


def test_patch_of_another_accounts_video_is_404(api: Api, owner: Owner) -> None:
    video = create_video(api, owner, visibility="PUBLIC")
    intruder = api.owner()
    expect_problem(
        patch_video(api, intruder, video["id"], {"visibility": "PRIVATE"}), 404, "NOT_FOUND"
    )
    assert expect(patch_video(api, owner, video["id"], {}), 200)["visibility"] == "PUBLIC"


def test_patch_of_an_unknown_video_is_404(api: Api, owner: Owner) -> None:
    expect_problem(
        patch_video(api, owner, "0190f5d2-0000-7000-8000-000000000000", {"visibility": "PUBLIC"}),
        404,
        "NOT_FOUND",
    )


# --- lives ------------------------------------------------------------------------------------


def test_start_live(api: Api, owner: Owner, clock: Clock) -> None:
    live = start_live(api, owner, "Baking live")
    assert set(live) == {"id", "tiktok_account_id", "title", "status", "started_at", "ended_at"}
    assert (live["tiktok_account_id"], live["title"], live["status"]) == (
        owner.id,
        "Baking live",
        "LIVE",
    )
    assert at(live["started_at"]) == clock.now
    assert live["ended_at"] is None


@pytest.mark.parametrize("body", [{}, {"title": ""}, {"title": "x" * 201}])
def test_start_live_with_a_bad_title_is_422(api: Api, owner: Owner, body: dict[str, Any]) -> None:
    expect_problem(
        api.client.post("/v1/tiktok-app/lives", json=body, headers=owner.headers),
        422,
        "VALIDATION_ERROR",
    )


def end_live(api: Api, owner: Owner, live_id: str) -> Response:
    response: Response = api.client.post(
        f"/v1/tiktok-app/lives/{live_id}/end", headers=owner.headers
    )
    return response


def test_end_live(api: Api, owner: Owner, clock: Clock) -> None:
    live = start_live(api, owner)
    clock.advance(600)
    ended = expect(end_live(api, owner, live["id"]), 200)
    assert ended == live | {"status": "ENDED", "ended_at": ended["ended_at"]}
    assert at(ended["ended_at"]) == at(live["started_at"]) + timedelta(seconds=600)


def test_ending_an_ended_live_keeps_its_end(api: Api, owner: Owner, clock: Clock) -> None:
    live = start_live(api, owner)
    first = expect(end_live(api, owner, live["id"]), 200)
    clock.advance(60)
    assert expect(end_live(api, owner, live["id"]), 200) == first


def test_ending_another_accounts_live_is_404(api: Api, owner: Owner) -> None:
    live = start_live(api, owner)
    expect_problem(end_live(api, api.owner(), live["id"]), 404, "NOT_FOUND")
    assert expect(end_live(api, owner, live["id"]), 200)["status"] == "ENDED"


def test_ending_an_unknown_live_is_404(api: Api, owner: Owner) -> None:
    expect_problem(end_live(api, owner, "0190f5d2-0000-7000-8000-000000000000"), 404, "NOT_FOUND")


# --- showcase ---------------------------------------------------------------------------------


def put_showcase(api: Api, owner: Owner, body: dict[str, Any]) -> Response:
    response: Response = api.client.put("/v1/tiktok-app/showcase", json=body, headers=owner.headers)
    return response


@pytest.mark.parametrize("source", ["ALL_SHOP_PRODUCTS", "SELECTED_PRODUCTS", "MULTIPLE_SHOPS"])
def test_put_showcase_with_each_source(api: Api, owner: Owner, source: str) -> None:
    body = {"enabled": True, "source": source, "shop_ids": ["shop_1", "shop_2"]}
    assert expect(put_showcase(api, owner, body), 200) == body


def test_put_showcase_replaces_the_previous_one(api: Api, owner: Owner) -> None:
    expect(
        put_showcase(
            api, owner, {"enabled": True, "source": "MULTIPLE_SHOPS", "shop_ids": ["a", "b"]}
        ),
        200,
    )
    body = {"enabled": False, "source": "ALL_SHOP_PRODUCTS", "shop_ids": []}
    assert expect(put_showcase(api, owner, body), 200) == body


@pytest.mark.parametrize(
    "body",
    [
        {"enabled": True, "source": "EVERY_SHOP", "shop_ids": []},
        {"enabled": True, "source": "all_shop_products", "shop_ids": []},
        {"enabled": True, "shop_ids": []},
        {"source": "ALL_SHOP_PRODUCTS", "shop_ids": []},
        {"enabled": True, "source": "ALL_SHOP_PRODUCTS", "shop_ids": "shop_1"},
        # A boolean is true or false, not a number or a string that looks like one.
        {"enabled": 0, "source": "ALL_SHOP_PRODUCTS", "shop_ids": []},
        {"enabled": "true", "source": "ALL_SHOP_PRODUCTS", "shop_ids": []},
    ],
)
def test_put_showcase_with_a_bad_body_is_422(api: Api, owner: Owner, body: dict[str, Any]) -> None:
    expect_problem(put_showcase(api, owner, body), 422, "VALIDATION_ERROR")


def test_put_showcase_needs_an_owner_token(api: Api) -> None:
    body = {"enabled": True, "source": "ALL_SHOP_PRODUCTS", "shop_ids": []}
    expect_problem(api.client.put("/v1/tiktok-app/showcase", json=body), 401, "UNAUTHENTICATED")


# --- the consent screen -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "permissions"),
    [("EXISTING_POSTS", EXISTING_POSTS_PERMISSIONS), ("LIVE_VIDEOS", LIVE_VIDEOS_PERMISSIONS)],
)
def test_the_consent_screen_shows_who_asks_for_what_until_when(
    api: Api, bc: Bc, scope: str, permissions: list[str]
) -> None:
    access_request = api.access_request(bc, scope)
    body = expect(api.client.get(f"/v1/qr/{code_of(access_request)}"), 200)
    assert set(body) == {"business_center", "scope", "permissions", "expires_at", "status"}
    assert body["business_center"] == {"id": bc.id, "name": "Acme Agency"}
    assert body["scope"] == scope
    assert sorted(body["permissions"]) == permissions
    assert at(body["expires_at"]) == at(access_request["expires_at"])
    assert body["status"] == "PENDING"


def test_the_consent_screen_needs_no_token_and_ignores_one(api: Api, bc: Bc, owner: Owner) -> None:
    access_request = api.access_request(bc)
    path = f"/v1/qr/{code_of(access_request)}"
    anonymous = expect(api.client.get(path), 200)
    assert expect(api.client.get(path, headers=owner.headers), 200) == anonymous
    assert expect(api.client.get(path, headers=api.user().headers), 200) == anonymous


def test_reading_the_consent_screen_does_not_use_the_code(api: Api, bc: Bc, owner: Owner) -> None:
    access_request = api.access_request(bc)
    for _ in range(3):
        expect(api.client.get(f"/v1/qr/{code_of(access_request)}"), 200)
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"
    assert expect(api.scan(owner, access_request), 200)["status"] == "AUTHORIZED"


@pytest.mark.parametrize(
    ("decision", "status"), [("APPROVE", "AUTHORIZED"), ("DECLINE", "DECLINED")]
)
def test_the_consent_screen_shows_the_decision(
    api: Api, bc: Bc, owner: Owner, decision: str, status: str
) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(owner, access_request, decision), 200)
    assert expect(api.client.get(f"/v1/qr/{code_of(access_request)}"), 200)["status"] == status


@pytest.mark.parametrize(
    "code",
    [
        UNKNOWN_CODE,
        "abc",
        "a" * 500,
        "%00",
        "%00" * 43,
        "%C3%A9" * 43,
        "A" * 42 + "=",
        "A" * 44,
        "A" * 42 + "%20",
        "A" * 42 + "!",
    ],
)
def test_an_unknown_or_malformed_code_is_404(api: Api, bc: Bc, code: str) -> None:
    api.access_request(bc)
    expect_problem(api.client.get(f"/v1/qr/{code}"), 404, "QR_CODE_NOT_FOUND")


def test_a_truncated_or_altered_real_code_is_404(api: Api, bc: Bc) -> None:
    code = code_of(api.access_request(bc))
    altered = code[:-1] + ("B" if code[-1] != "B" else "C")
    expect_problem(api.client.get(f"/v1/qr/{code[:-1]}"), 404, "QR_CODE_NOT_FOUND")
    expect_problem(api.client.get(f"/v1/qr/{altered}"), 404, "QR_CODE_NOT_FOUND")
    expect_problem(api.client.get(f"/v1/qr/{code.lower()}"), 404, "QR_CODE_NOT_FOUND")


# --- scans ------------------------------------------------------------------------------------


def test_approve_authorizes_the_request(api: Api, bc: Bc, owner: Owner, clock: Clock) -> None:
    access_request = api.access_request(bc)
    clock.advance(120)
    body = expect(api.scan(owner, access_request, "APPROVE"), 200)
    assert body == {
        "access_request_id": access_request["id"],
        "business_center_id": bc.id,
        "status": "AUTHORIZED",
    }
    stored = read_request(api, bc, access_request["id"])
    assert stored["status"] == "AUTHORIZED"
    assert stored["tiktok_account_id"] == owner.id
    assert at(stored["resolved_at"]) == clock.now


def test_approve_grants_the_bc_an_active_authorization(
    api: Api, bc: Bc, owner: Owner, clock: Clock
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    body = authorizations(api, owner)
    assert body["next_cursor"] is None
    [item] = body["items"]
    assert set(item) == {
        "id",
        "business_center_id",
        "business_center_name",
        "scopes",
        "permissions",
        "status",
        "granted_at",
    }
    assert item["business_center_id"] == bc.id
    assert item["business_center_name"] == "Acme Agency"
    assert item["scopes"] == ["EXISTING_POSTS"]
    assert sorted(item["permissions"]) == EXISTING_POSTS_PERMISSIONS
    assert item["status"] == "ACTIVE"
    assert at(item["granted_at"]) == clock.now


def test_decline_declines_the_request_and_grants_nothing(
    api: Api, bc: Bc, owner: Owner, clock: Clock
) -> None:
    access_request = api.access_request(bc)
    body = expect(api.scan(owner, access_request, "DECLINE"), 200)
    assert body == {
        "access_request_id": access_request["id"],
        "business_center_id": bc.id,
        "status": "DECLINED",
    }
    stored = read_request(api, bc, access_request["id"])
    assert stored["status"] == "DECLINED"
    assert at(stored["resolved_at"]) == clock.now
    assert authorizations(api, owner)["items"] == []


@pytest.mark.parametrize("first", ["APPROVE", "DECLINE"])
@pytest.mark.parametrize("second", ["APPROVE", "DECLINE"])
def test_a_second_scan_is_409(api: Api, bc: Bc, owner: Owner, first: str, second: str) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(owner, access_request, first), 200)
    resolved = read_request(api, bc, access_request["id"])
    expect_problem(api.scan(owner, access_request, second), 409, "QR_CODE_ALREADY_USED")
    assert read_request(api, bc, access_request["id"]) == resolved


def test_a_second_scan_by_another_owner_is_409(api: Api, bc: Bc, owner: Owner) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(owner, access_request), 200)
    other = api.owner()
    expect_problem(api.scan(other, access_request), 409, "QR_CODE_ALREADY_USED")
    assert read_request(api, bc, access_request["id"])["tiktok_account_id"] == owner.id
    assert authorizations(api, other)["items"] == []


@pytest.mark.parametrize("code", [UNKNOWN_CODE, "abc", "A" * 44, "A" * 42 + "!"])
def test_scanning_an_unknown_code_is_404(api: Api, bc: Bc, owner: Owner, code: str) -> None:
    api.access_request(bc)
    response = api.client.post(
        "/v1/tiktok-app/qr-scans", json={"code": code, "decision": "APPROVE"}, headers=owner.headers
    )
    expect_problem(response, 404, "QR_CODE_NOT_FOUND")


@pytest.mark.parametrize(
    "headers_of",
    [
        lambda api: {},
        lambda api: {"Authorization": "Bearer bcto_forged"},
        lambda api: api.user().headers,
    ],
    ids=["no-token", "bad-token", "user-token"],
)
def test_scanning_without_an_owner_token_is_401(
    api: Api, bc: Bc, headers_of: Callable[[Api], dict[str, str]]
) -> None:
    access_request = api.access_request(bc)
    response = api.client.post(
        "/v1/tiktok-app/qr-scans",
        json={"code": code_of(access_request), "decision": "APPROVE"},
        headers=headers_of(api),
    )
    expect_problem(response, 401, "UNAUTHENTICATED")
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"


@pytest.mark.parametrize(
    "body_of",
    [
        lambda code: {"code": code, "decision": "MAYBE"},
        lambda code: {"code": code, "decision": "approve"},
        lambda code: {"code": code},
        lambda code: {"decision": "APPROVE"},
        lambda code: {"code": "", "decision": "APPROVE"},
    ],
    ids=["unknown-decision", "lowercase-decision", "no-decision", "no-code", "empty-code"],
)
def test_a_bad_scan_body_is_422(
    api: Api, bc: Bc, owner: Owner, body_of: Callable[[str], dict[str, str]]
) -> None:
    access_request = api.access_request(bc)
    response = api.client.post(
        "/v1/tiktok-app/qr-scans", json=body_of(code_of(access_request)), headers=owner.headers
    )
    expect_problem(response, 422, "VALIDATION_ERROR")
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"


def test_of_racing_scans_exactly_one_wins(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    owners = [api.owner() for _ in range(6)]
    responses = race(api.client, [scan_call(owner, access_request) for owner in owners])
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409, 409, 409, 409, 409], [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            expect_problem(response, 409, "QR_CODE_ALREADY_USED")
    winner = read_request(api, bc, access_request["id"])["tiktok_account_id"]
    granted = [o for o in owners if authorizations(api, o)["items"]]
    assert [o.id for o in granted] == [winner]


def test_racing_approvals_of_both_scopes_make_one_widened_authorization(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    requests = [api.access_request(bc, "EXISTING_POSTS"), api.access_request(bc, "LIVE_VIDEOS")]
    responses = race(api.client, [scan_call(owner, r) for r in requests])
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    assert sorted(the_authorization(api, owner)["scopes"]) == ["EXISTING_POSTS", "LIVE_VIDEOS"]
    assert len(stored_authorizations(database.engine)) == 1


def test_racing_approvals_respect_max_bcs(
    api_with: Callable[..., Api], database: SyncDatabase
) -> None:
    api = api_with(max_bcs_per_tiktok_account=2)
    owner = api.owner()
    requests = [api.access_request(api.bc()) for _ in range(5)]
    responses = race(api.client, [scan_call(owner, r) for r in requests])
    assert sorted(r.status_code for r in responses) == [200, 200, 409, 409, 409]
    for response in responses:
        if response.status_code == 409:
            expect_problem(response, 409, "LIMIT_EXCEEDED")
    assert len(authorizations(api, owner)["items"]) == 2
    assert len(stored_authorizations(database.engine)) == 2


def test_racing_approvals_respect_max_tiktok_accounts(
    api_with: Callable[..., Api], database: SyncDatabase
) -> None:
    api = api_with(max_tiktok_accounts_per_bc=2)
    bc = api.bc()
    calls = [scan_call(api.owner(), api.access_request(bc)) for _ in range(5)]
    responses = race(api.client, calls)
    assert sorted(r.status_code for r in responses) == [200, 200, 409, 409, 409]
    assert len(stored_authorizations(database.engine)) == 2
    assert len(list_of(api, bc, status="AUTHORIZED")) == 2
    assert len(list_of(api, bc, status="PENDING")) == 3


def list_of(api: Api, bc: Bc, **params: str) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            f"/v1/business-centers/{bc.id}/access-requests", params=params, headers=bc.admin.headers
        ),
        200,
    )
    items: list[dict[str, Any]] = body["items"]
    return items


# --- authorizations: widening, revoking -------------------------------------------------------


def test_approving_the_other_scope_widens_the_active_authorization(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    first = the_authorization(api, owner)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    widened = the_authorization(api, owner)
    assert widened["id"] == first["id"]
    assert sorted(widened["scopes"]) == ["EXISTING_POSTS", "LIVE_VIDEOS"]
    assert sorted(widened["permissions"]) == ALL_PERMISSIONS
    assert widened["status"] == "ACTIVE"


def test_approving_the_same_scope_again_keeps_one_authorization(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "LIVE_VIDEOS")
    first = the_authorization(api, owner)
    second_request = api.authorize(bc, owner, "LIVE_VIDEOS")
    assert second_request["status"] == "AUTHORIZED"
    assert the_authorization(api, owner) == first
    assert first["scopes"] == ["LIVE_VIDEOS"]
    assert sorted(first["permissions"]) == LIVE_VIDEOS_PERMISSIONS


def test_each_bc_gets_its_own_authorization(api: Api, owner: Owner) -> None:
    bc_a, bc_b = api.bc(), api.bc()
    api.authorize(bc_a, owner, "EXISTING_POSTS")
    api.authorize(bc_b, owner, "LIVE_VIDEOS")
    items = authorizations(api, owner)["items"]
    assert [(i["business_center_id"], i["scopes"]) for i in items] == [
        (bc_b.id, ["LIVE_VIDEOS"]),
        (bc_a.id, ["EXISTING_POSTS"]),
    ]


def test_the_owner_sees_only_its_own_authorizations(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    assert authorizations(api, api.owner())["items"] == []
    assert authorizations(api, api.owner(), status="REVOKED")["items"] == []


def test_the_owners_authorizations_page(api: Api, owner: Owner) -> None:
    bcs = [api.bc() for _ in range(3)]
    for bc in bcs:
        api.authorize(bc, owner)
    first = authorizations(api, owner, limit=2)
    second = authorizations(api, owner, limit=2, cursor=first["next_cursor"])
    assert [i["business_center_id"] for i in first["items"] + second["items"]] == [
        bc.id for bc in reversed(bcs)
    ]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    "params", [{"status": "ENDED"}, {"status": "active"}, {"limit": 0}, {"cursor": "nope"}]
)
def test_bad_authorization_list_parameters_are_422(
    api: Api, owner: Owner, params: dict[str, str | int]
) -> None:
    expect_problem(
        api.client.get("/v1/tiktok-app/authorizations", params=params, headers=owner.headers),
        422,
        "VALIDATION_ERROR",
    )


def test_the_owner_revokes_an_authorization(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    active = the_authorization(api, owner)
    response = revoke(api, owner, active["id"])
    assert response.status_code == 204
    assert response.content == b""
    assert authorizations(api, owner)["items"] == []
    revoked = the_authorization(api, owner, status="REVOKED")
    assert revoked == active | {"status": "REVOKED"}


def test_revoking_records_revoked_by_owner(
    api: Api, bc: Bc, owner: Owner, clock: Clock, database: SyncDatabase
) -> None:
    api.authorize(bc, owner)
    active = the_authorization(api, owner)
    clock.advance(60)
    assert revoke(api, owner, active["id"]).status_code == 204
    [stored] = stored_authorizations(database.engine)
    assert (stored.id, stored.status, stored.revoked_by) == (active["id"], "REVOKED", "OWNER")
    assert stored.revoked_at == clock.now


def test_after_a_revocation_a_new_approval_starts_a_new_authorization(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    old = the_authorization(api, owner)
    assert revoke(api, owner, old["id"]).status_code == 204
    api.authorize(bc, owner, "LIVE_VIDEOS")
    new = the_authorization(api, owner)
    assert new["id"] != old["id"]
    assert new["scopes"] == ["LIVE_VIDEOS"]
    assert sorted(new["permissions"]) == LIVE_VIDEOS_PERMISSIONS
    assert new["status"] == "ACTIVE"
    assert the_authorization(api, owner, status="REVOKED") == old | {"status": "REVOKED"}


def test_revoking_twice_is_409(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    authorization = the_authorization(api, owner)
    assert revoke(api, owner, authorization["id"]).status_code == 204
    expect_problem(revoke(api, owner, authorization["id"]), 409, "AUTHORIZATION_REVOKED")


def test_another_owner_cannot_revoke_it(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    authorization = the_authorization(api, owner)
    expect_problem(revoke(api, api.owner(), authorization["id"]), 404, "NOT_FOUND")
    assert the_authorization(api, owner)["status"] == "ACTIVE"


def test_revoking_an_unknown_authorization_is_404(api: Api, owner: Owner) -> None:
    expect_problem(revoke(api, owner, "0190f5d2-0000-7000-8000-000000000000"), 404, "NOT_FOUND")


def test_revoking_needs_an_owner_token(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    authorization = the_authorization(api, owner)
    response = api.client.delete(
        f"/v1/tiktok-app/authorizations/{authorization['id']}", headers=bc.admin.headers
    )
    expect_problem(response, 401, "UNAUTHENTICATED")
    assert the_authorization(api, owner)["status"] == "ACTIVE"


# --- limits -----------------------------------------------------------------------------------


def test_a_tiktok_account_authorizes_at_most_max_bcs(
    api_with: Callable[..., Api], database: SyncDatabase
) -> None:
    api = api_with(max_bcs_per_tiktok_account=2)
    owner = api.owner()
    api.authorize(api.bc(), owner)
    api.authorize(api.bc(), owner)
    before = authorizations(api, owner)
    third_bc = api.bc()
    access_request = api.access_request(third_bc)
    events_before = audit_events(database.engine, third_bc.id)
    expect_problem(api.scan(owner, access_request), 409, "LIMIT_EXCEEDED")
    stored = read_request(api, third_bc, access_request["id"])
    assert (stored["status"], stored["tiktok_account_id"], stored["resolved_at"]) == (
        "PENDING",
        None,
        None,
    )
    assert authorizations(api, owner) == before
    assert len(stored_authorizations(database.engine)) == 2
    assert len(audit_events(database.engine, third_bc.id)) == len(events_before)


def test_only_active_authorizations_count_toward_max_bcs(api_with: Callable[..., Api]) -> None:
    api = api_with(max_bcs_per_tiktok_account=2)
    owner = api.owner()
    api.authorize(api.bc(), owner)
    api.authorize(api.bc(), owner)
    third_bc = api.bc()
    access_request = api.access_request(third_bc)
    expect_problem(api.scan(owner, access_request), 409, "LIMIT_EXCEEDED")
    oldest = authorizations(api, owner)["items"][-1]
    assert revoke(api, owner, oldest["id"]).status_code == 204
    assert expect(api.scan(owner, access_request), 200)["status"] == "AUTHORIZED"
    assert len(authorizations(api, owner)["items"]) == 2


def test_widening_is_not_blocked_by_max_bcs(api_with: Callable[..., Api]) -> None:
    api = api_with(max_bcs_per_tiktok_account=2)
    owner = api.owner()
    first_bc = api.bc()
    api.authorize(first_bc, owner, "EXISTING_POSTS")
    api.authorize(api.bc(), owner, "EXISTING_POSTS")
    assert api.authorize(first_bc, owner, "LIVE_VIDEOS")["status"] == "AUTHORIZED"
    assert api.authorize(first_bc, owner, "EXISTING_POSTS")["status"] == "AUTHORIZED"
    items = authorizations(api, owner)["items"]
    assert [sorted(i["scopes"]) for i in items if i["business_center_id"] == first_bc.id] == [
        ["EXISTING_POSTS", "LIVE_VIDEOS"]
    ]


def test_a_bc_holds_at_most_max_tiktok_accounts(
    api_with: Callable[..., Api], database: SyncDatabase
) -> None:
    api = api_with(max_tiktok_accounts_per_bc=2)
    bc = api.bc()
    api.authorize(bc, api.owner())
    api.authorize(bc, api.owner())
    third_owner = api.owner()
    access_request = api.access_request(bc)
    events_before = audit_events(database.engine, bc.id)
    expect_problem(api.scan(third_owner, access_request), 409, "LIMIT_EXCEEDED")
    stored = read_request(api, bc, access_request["id"])
    assert (stored["status"], stored["tiktok_account_id"], stored["resolved_at"]) == (
        "PENDING",
        None,
        None,
    )
    assert authorizations(api, third_owner)["items"] == []
    assert len(stored_authorizations(database.engine)) == 2
    assert len(audit_events(database.engine, bc.id)) == len(events_before)


def test_only_active_authorizations_count_toward_max_tiktok_accounts(
    api_with: Callable[..., Api],
) -> None:
    api = api_with(max_tiktok_accounts_per_bc=2)
    bc = api.bc()
    first_owner = api.owner()
    api.authorize(bc, first_owner)
    api.authorize(bc, api.owner())
    third_owner = api.owner()
    access_request = api.access_request(bc)
    expect_problem(api.scan(third_owner, access_request), 409, "LIMIT_EXCEEDED")
    assert revoke(api, first_owner, the_authorization(api, first_owner)["id"]).status_code == 204
    assert expect(api.scan(third_owner, access_request), 200)["status"] == "AUTHORIZED"
    assert the_authorization(api, third_owner)["business_center_id"] == bc.id


def test_widening_is_not_blocked_by_max_tiktok_accounts(api_with: Callable[..., Api]) -> None:
    api = api_with(max_tiktok_accounts_per_bc=2)
    bc = api.bc()
    first_owner = api.owner()
    api.authorize(bc, first_owner, "EXISTING_POSTS")
    api.authorize(bc, api.owner(), "EXISTING_POSTS")
    assert api.authorize(bc, first_owner, "LIVE_VIDEOS")["status"] == "AUTHORIZED"
    assert sorted(the_authorization(api, first_owner)["scopes"]) == [
        "EXISTING_POSTS",
        "LIVE_VIDEOS",
    ]


def test_declining_is_not_blocked_by_a_limit(api_with: Callable[..., Api]) -> None:
    api = api_with(max_bcs_per_tiktok_account=1)
    owner = api.owner()
    api.authorize(api.bc(), owner)
    access_request = api.access_request(api.bc())
    assert expect(api.scan(owner, access_request, "DECLINE"), 200)["status"] == "DECLINED"


# --- account links ----------------------------------------------------------------------------


def link(api: Api, owner: Owner, email: str) -> Response:
    response: Response = api.client.post(
        "/v1/tiktok-app/account-links", json={"user_email": email}, headers=owner.headers
    )
    return response


def links(api: Api, owner: Owner, **params: str | int) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get("/v1/tiktok-app/account-links", params=params, headers=owner.headers), 200
    )
    return body


def unlink(api: Api, owner: Owner, user_id: str) -> Response:
    response: Response = api.client.delete(
        f"/v1/tiktok-app/account-links/{user_id}", headers=owner.headers
    )
    return response


def test_link_a_user(api: Api, owner: Owner, clock: Clock) -> None:
    user = api.user()
    body = expect(link(api, owner, user.email), 201)
    assert body["tiktok_account_id"] == owner.id
    assert body["user_id"] == user.id
    assert body["user_email"] == user.email
    assert at(body["created_at"]) == clock.now


def test_link_finds_the_user_whatever_the_email_case(api: Api, owner: Owner) -> None:
    user = api.user()
    assert expect(link(api, owner, user.email.upper()), 201)["user_id"] == user.id


def test_list_links_newest_first(api: Api, owner: Owner) -> None:
    first, second = api.user(), api.user()
    expect(link(api, owner, first.email), 201)
    expect(link(api, owner, second.email), 201)
    api.owner()  # another account's links stay apart
    body = links(api, owner)
    assert [item["user_id"] for item in body["items"]] == [second.id, first.id]
    assert body["next_cursor"] is None


def test_links_are_per_account(api: Api, owner: Owner) -> None:
    user = api.user()
    other = api.owner()
    expect(link(api, owner, user.email), 201)
    expect(link(api, other, user.email), 201)
    assert [item["tiktok_account_id"] for item in links(api, other)["items"]] == [other.id]


def test_unlink_a_user(api: Api, owner: Owner) -> None:
    kept, dropped = api.user(), api.user()
    expect(link(api, owner, kept.email), 201)
    expect(link(api, owner, dropped.email), 201)
    response = unlink(api, owner, dropped.id)
    assert response.status_code == 204
    assert [item["user_id"] for item in links(api, owner)["items"]] == [kept.id]


def test_a_user_can_be_linked_again_after_unlinking(api: Api, owner: Owner) -> None:
    user = api.user()
    expect(link(api, owner, user.email), 201)
    assert unlink(api, owner, user.id).status_code == 204
    expect(link(api, owner, user.email), 201)


def test_linking_an_unknown_user_is_404(api: Api, owner: Owner) -> None:
    expect_problem(link(api, owner, "nobody@example.com"), 404, "USER_NOT_FOUND")
    assert links(api, owner)["items"] == []


def test_linking_twice_is_409(api: Api, owner: Owner) -> None:
    user = api.user()
    expect(link(api, owner, user.email), 201)
    expect_problem(link(api, owner, user.email), 409, "ALREADY_LINKED")
    assert len(links(api, owner)["items"]) == 1


def test_unlinking_an_unknown_link_is_404(api: Api, owner: Owner) -> None:
    user = api.user()
    expect_problem(unlink(api, owner, user.id), 404, "NOT_FOUND")
    expect_problem(unlink(api, owner, "0190f5d2-0000-7000-8000-000000000000"), 404, "NOT_FOUND")


def test_unlinking_another_accounts_link_is_404(api: Api, owner: Owner) -> None:
    user = api.user()
    expect(link(api, owner, user.email), 201)
    expect_problem(unlink(api, api.owner(), user.id), 404, "NOT_FOUND")
    assert [item["user_id"] for item in links(api, owner)["items"]] == [user.id]


@pytest.mark.parametrize("body", [{}, {"user_email": "not-an-email"}, {"email": "a@b.co"}])
def test_a_bad_link_body_is_422(api: Api, owner: Owner, body: dict[str, str]) -> None:
    expect_problem(
        api.client.post("/v1/tiktok-app/account-links", json=body, headers=owner.headers),
        422,
        "VALIDATION_ERROR",
    )


def test_account_links_need_an_owner_token(api: Api) -> None:
    user = api.user()
    expect_problem(
        api.client.post(
            "/v1/tiktok-app/account-links", json={"user_email": user.email}, headers=user.headers
        ),
        401,
        "UNAUTHENTICATED",
    )
    expect_problem(api.client.get("/v1/tiktok-app/account-links"), 401, "UNAUTHENTICATED")
    expect_problem(
        api.client.delete(f"/v1/tiktok-app/account-links/{user.id}"), 401, "UNAUTHENTICATED"
    )


# --- malformed input never gets a 500 -------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["%00", "abc%00def", "x" * 1000, "not-an-id"])
@pytest.mark.parametrize("route", ["patch-video", "end-live", "revoke", "unlink"])
def test_a_malformed_id_in_a_path_is_404(lenient: Api, route: str, bad_id: str) -> None:
    owner = lenient.owner()
    headers = owner.headers
    client = lenient.client
    if route == "patch-video":
        response = client.patch(f"/v1/tiktok-app/videos/{bad_id}", json={}, headers=headers)
    elif route == "end-live":
        response = client.post(f"/v1/tiktok-app/lives/{bad_id}/end", headers=headers)
    elif route == "revoke":
        response = client.delete(f"/v1/tiktok-app/authorizations/{bad_id}", headers=headers)
    else:
        response = client.delete(f"/v1/tiktok-app/account-links/{bad_id}", headers=headers)
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/tiktok-app/accounts", {"username": "nul_name", "display_name": "No\x00ra"}),
        ("/v1/tiktok-app/accounts", {"username": "nul_bio", "display_name": "N", "bio": "\x00"}),
        (
            "/v1/tiktok-app/videos",
            {"caption": "a\x00b", "visibility": "PUBLIC", "ad_authorization": True},
        ),
        ("/v1/tiktok-app/lives", {"title": "Live\x00"}),
        ("/v1/tiktok-app/account-links", {"user_email": "a\x00b@example.com"}),
    ],
    ids=["display-name", "bio", "caption", "title", "user-email"],
)
def test_a_nul_character_in_a_text_field_is_422(
    lenient: Api, path: str, body: dict[str, Any]
) -> None:
    owner = lenient.owner()
    response = lenient.client.post(path, json=body, headers=owner.headers)
    expect_problem(response, 422, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    "path",
    ["/v1/tiktok-app/accounts", "/v1/tiktok-app/videos", "/v1/tiktok-app/qr-scans"],
)
def test_unparseable_json_is_422(api: Api, owner: Owner, path: str) -> None:
    response = api.client.post(
        path,
        content=b'{"code": ',
        headers=owner.headers | {"Content-Type": "application/json"},
    )
    expect_problem(response, 422, "VALIDATION_ERROR")


# --- audit ------------------------------------------------------------------------------------


def test_approve_writes_audit_events_by_the_owner(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    before = audit_events(database.engine, bc.id)
    expect(api.scan(owner, access_request), 200)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert new
    assert set(actors(new)) == {("OWNER", owner.id)}
    assert access_request["id"] in {event.target_id for event in new}
    [authorization] = stored_authorizations(database.engine)
    assert authorization.id in {event.target_id for event in new}


def test_decline_writes_one_audit_event_by_the_owner(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    before = audit_events(database.engine, bc.id)
    expect(api.scan(owner, access_request, "DECLINE"), 200)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert [(e.actor_type, e.actor_id, e.target_id) for e in new] == [
        ("OWNER", owner.id, access_request["id"])
    ]


def test_widening_writes_audit_events_by_the_owner(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    access_request = api.access_request(bc, "LIVE_VIDEOS")
    before = audit_events(database.engine, bc.id)
    expect(api.scan(owner, access_request), 200)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert set(actors(new)) == {("OWNER", owner.id)}
    assert access_request["id"] in {event.target_id for event in new}


def test_cancel_writes_one_audit_event_by_the_user(
    api: Api, bc: Bc, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    before = audit_events(database.engine, bc.id)
    expect(cancel(api, bc, access_request["id"]), 200)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert [(e.actor_type, e.actor_id, e.target_id) for e in new] == [
        ("USER", bc.admin.id, access_request["id"])
    ]


def test_revoke_writes_one_audit_event_by_the_owner(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize(bc, owner)
    authorization = the_authorization(api, owner)
    before = audit_events(database.engine, bc.id)
    assert revoke(api, owner, authorization["id"]).status_code == 204
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert [(e.actor_type, e.actor_id, e.target_id) for e in new] == [
        ("OWNER", owner.id, authorization["id"])
    ]


def test_a_refused_revocation_writes_no_audit_event(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize(bc, owner)
    authorization = the_authorization(api, owner)
    assert revoke(api, owner, authorization["id"]).status_code == 204
    before = audit_events(database.engine, bc.id)
    expect_problem(revoke(api, owner, authorization["id"]), 409, "AUTHORIZATION_REVOKED")
    expect_problem(revoke(api, api.owner(), authorization["id"]), 404, "NOT_FOUND")
    assert len(audit_events(database.engine, bc.id)) == len(before)


@pytest.mark.parametrize("state", ["APPROVED", "DECLINED", "CANCELED", "EXPIRED"])
def test_a_refused_scan_writes_no_audit_event(
    api: Api, bc: Bc, owner: Owner, clock: Clock, database: SyncDatabase, state: str
) -> None:
    access_request = api.access_request(bc)
    if state == "APPROVED":
        expect(api.scan(owner, access_request, "APPROVE"), 200)
    elif state == "DECLINED":
        expect(api.scan(owner, access_request, "DECLINE"), 200)
    elif state == "CANCELED":
        expect(cancel(api, bc, access_request["id"]), 200)
    else:
        clock.advance(DEFAULT_TTL + 1)
    before = audit_events(database.engine, bc.id)
    for decision in ("APPROVE", "DECLINE"):
        assert api.scan(owner, access_request, decision).status_code in (409, 410)
    assert len(audit_events(database.engine, bc.id)) == len(before)


def test_owner_actions_on_other_bcs_stay_out_of_this_bcs_log(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    other_bc = api.bc()
    before = audit_events(database.engine, bc.id)
    api.authorize(other_bc, owner)
    assert revoke(api, owner, the_authorization(api, owner)["id"]).status_code == 204
    assert len(audit_events(database.engine, bc.id)) == len(before)
    assert ("OWNER", owner.id) in actors(audit_events(database.engine, other_bc.id))


# --- the grant rules, at service level --------------------------------------------------------


def limited(ctx: Context, **limits: int) -> Context:
    runtime = dataclasses.replace(
        ctx.runtime, settings=ctx.runtime.settings.model_copy(update=limits)
    )
    return Context(session=ctx.session, runtime=runtime)


async def test_grant_creates_then_widens_one_authorization(api: Api, bc: Bc, ctx: Context) -> None:
    owner = api.owner()
    actor = Actor.owner(owner.id)
    first = await authorization_service.grant(ctx, bc.id, owner.id, Scope.LIVE_VIDEOS, actor)
    again = await authorization_service.grant(ctx, bc.id, owner.id, Scope.EXISTING_POSTS, actor)
    assert again.id == first.id
    assert sorted(again.scopes) == [Scope.EXISTING_POSTS, Scope.LIVE_VIDEOS]
    assert again.status is AuthorizationStatus.ACTIVE


async def test_grant_past_max_bcs_raises_limit_exceeded(api: Api, ctx: Context) -> None:
    owner = api.owner()
    bcs = [api.bc() for _ in range(3)]
    actor = Actor.owner(owner.id)
    ctx = limited(ctx, max_bcs_per_tiktok_account=2)
    for bc in bcs[:2]:
        await authorization_service.grant(ctx, bc.id, owner.id, Scope.EXISTING_POSTS, actor)
    with pytest.raises(AppError) as raised:
        await authorization_service.grant(ctx, bcs[2].id, owner.id, Scope.EXISTING_POSTS, actor)
    assert raised.value.code is ErrorCode.LIMIT_EXCEEDED
    widened = await authorization_service.grant(ctx, bcs[0].id, owner.id, Scope.LIVE_VIDEOS, actor)
    assert sorted(widened.scopes) == [Scope.EXISTING_POSTS, Scope.LIVE_VIDEOS]


async def test_grant_past_max_tiktok_accounts_raises_limit_exceeded(
    api: Api, bc: Bc, ctx: Context
) -> None:
    owners = [api.owner() for _ in range(3)]
    ctx = limited(ctx, max_tiktok_accounts_per_bc=2)
    for owner in owners[:2]:
        await authorization_service.grant(
            ctx, bc.id, owner.id, Scope.EXISTING_POSTS, Actor.owner(owner.id)
        )
    with pytest.raises(AppError) as raised:
        await authorization_service.grant(
            ctx, bc.id, owners[2].id, Scope.EXISTING_POSTS, Actor.owner(owners[2].id)
        )
    assert raised.value.code is ErrorCode.LIMIT_EXCEEDED
