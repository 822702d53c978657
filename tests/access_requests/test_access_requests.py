"""Step 1: access requests and their QR codes (SPEC section 4), through HTTP and at service level.

The image renderer itself is unit-tested in `test_qr_images.py`; here the images are only checked
to be served, of the right type, to carry the request's URL and the card's texts.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
import zxingcpp
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from PIL import Image
from pydantic import SecretStr
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.access_requests.models import AccessRequest
from app.access_requests.service import effective_status, ensure_scannable
from app.audit.models import AuditEvent
from app.core.context import Runtime
from app.core.enums import AccessRequestStatus, Scope
from app.core.errors import AppError, ErrorCode
from app.core.security import QrCodes
from app.models import Base
from tests.conftest import TEST_SECRET_KEY, Clock, MakeApp, SyncDatabase
from tests.factories import Api, Bc, code_of, expect, expect_problem

BASE_URL = "http://testserver"
DEFAULT_TTL = 604_800
SVG_NS = "{http://www.w3.org/2000/svg}"
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
EXISTING_POSTS_PERMISSIONS = ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS"]
LIVE_VIDEOS_PERMISSIONS = ["PROFILE_INFO", "LIVE_VIDEOS"]
ADMIN_ROUTES = ["create", "list", "get", "qr-code", "qr-card", "cancel"]
REQUEST_ROUTES = ["get", "qr-code", "qr-card", "cancel"]


# --- helpers ----------------------------------------------------------------------------------


def requests_path(bc_id: str, request_id: str | None = None, action: str | None = None) -> str:
    path = f"/v1/business-centers/{bc_id}/access-requests"
    if request_id is not None:
        path += f"/{request_id}"
    if action is not None:
        path += f"/{action}"
    return path


def call_route(
    api: Api, route: str, bc_id: str, request_id: str, headers: dict[str, str]
) -> Response:
    """One of the six access-request routes, as `headers` calls it."""
    client = api.client
    response: Response
    if route == "create":
        response = client.post(requests_path(bc_id), json={"scope": "LIVE_VIDEOS"}, headers=headers)
    elif route == "list":
        response = client.get(requests_path(bc_id), headers=headers)
    elif route == "get":
        response = client.get(requests_path(bc_id, request_id), headers=headers)
    elif route == "cancel":
        response = client.post(requests_path(bc_id, request_id, "cancel"), headers=headers)
    else:
        response = client.get(requests_path(bc_id, request_id, route), headers=headers)
    return response


def read_request(api: Api, bc: Bc, request_id: str) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get(requests_path(bc.id, request_id), headers=bc.admin.headers), 200
    )
    return body


def list_requests(api: Api, bc: Bc, **params: str | int) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get(requests_path(bc.id), params=params, headers=bc.admin.headers), 200
    )
    return body


def list_ids(api: Api, bc: Bc, **params: str | int) -> list[str]:
    return [item["id"] for item in list_requests(api, bc, **params)["items"]]


def cancel(api: Api, bc: Bc, request_id: str) -> Response:
    response: Response = api.client.post(
        requests_path(bc.id, request_id, "cancel"), headers=bc.admin.headers
    )
    return response


def image(
    api: Api, bc: Bc, request_id: str, kind: str, image_format: str | None = None
) -> Response:
    params = {} if image_format is None else {"format": image_format}
    response: Response = api.client.get(
        requests_path(bc.id, request_id, kind), params=params, headers=bc.admin.headers
    )
    return response


def consent_screen(api: Api, access_request: dict[str, Any]) -> Response:
    response: Response = api.client.get(f"/v1/qr/{code_of(access_request)}")
    return response


def at(value: str) -> datetime:
    """An RFC 3339 time from a response body."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.utcoffset() == timedelta(0), value
    return parsed


def decode_png(content: bytes) -> list[str]:
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(BytesIO(content)))]


def parse_svg(content: bytes) -> ET.Element:
    root = ET.fromstring(content)  # noqa: S314 - the service's own output
    assert root.tag == f"{SVG_NS}svg"
    return root


def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG_NS}text")]


def audit_events(engine: Engine, bc_id: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.business_center_id == bc_id)
                .order_by(AuditEvent.id)
            )
        )


def all_stored_values(engine: Engine) -> Iterator[tuple[str, str, str]]:
    """(table, column, value as text) for every non-null value of every table."""
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()).mappings():
                for column, value in row.items():
                    if value is not None:
                        yield table.name, column, str(value)


@pytest.fixture
def api_with(make_app: MakeApp) -> Iterator[Callable[..., Api]]:
    """An `Api` on an app built with some settings changed (same database, same clock)."""
    with ExitStack() as stack:

        def build(**overrides: object) -> Api:
            return Api(stack.enter_context(TestClient(make_app(**overrides))))

        yield build


@pytest.fixture
def bc(api: Api) -> Bc:
    return api.bc(name="Acme Agency")


# --- create -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "permissions"),
    [("EXISTING_POSTS", EXISTING_POSTS_PERMISSIONS), ("LIVE_VIDEOS", LIVE_VIDEOS_PERMISSIONS)],
)
def test_create_returns_a_pending_request_with_the_scopes_permissions(
    api: Api, bc: Bc, clock: Clock, scope: str, permissions: list[str]
) -> None:
    body = expect(
        api.client.post(requests_path(bc.id), json={"scope": scope}, headers=bc.admin.headers),
        201,
    )
    assert set(body) == {
        "id",
        "business_center_id",
        "scope",
        "permissions",
        "status",
        "qr_code_url",
        "expires_at",
        "created_by_member_id",
        "created_at",
        "resolved_at",
        "tiktok_account_id",
    }
    assert body["business_center_id"] == bc.id
    assert body["scope"] == scope
    assert sorted(body["permissions"]) == sorted(permissions)
    assert body["status"] == "PENDING"
    assert body["created_by_member_id"] == bc.member_ids[bc.admin.id]
    assert at(body["created_at"]) == clock.now
    assert body["resolved_at"] is None
    assert body["tiktok_account_id"] is None


def test_expires_at_is_created_at_plus_the_default_ttl(api: Api, bc: Bc) -> None:
    body = api.access_request(bc)
    assert at(body["expires_at"]) - at(body["created_at"]) == timedelta(seconds=DEFAULT_TTL)


def test_expires_at_follows_qr_code_ttl_seconds(api_with: Callable[..., Api]) -> None:
    api = api_with(qr_code_ttl_seconds=60)
    body = api.access_request(api.bc())
    assert at(body["expires_at"]) - at(body["created_at"]) == timedelta(seconds=60)


def test_qr_code_url_is_under_public_base_url(api: Api, bc: Bc) -> None:
    body = api.access_request(bc)
    prefix = f"{BASE_URL}/v1/qr/"
    assert body["qr_code_url"].startswith(prefix)
    assert CODE_PATTERN.fullmatch(body["qr_code_url"].removeprefix(prefix))


def test_qr_code_url_follows_public_base_url(api_with: Callable[..., Api]) -> None:
    api = api_with(public_base_url="https://access.example.com/")
    body = api.access_request(api.bc())
    assert body["qr_code_url"] == f"https://access.example.com/v1/qr/{code_of(body)}"


def test_the_created_request_reads_back_the_same(api: Api, bc: Bc) -> None:
    created = api.access_request(bc, "LIVE_VIDEOS")
    assert read_request(api, bc, created["id"]) == created


@pytest.mark.parametrize("body", [{"scope": "EVERYTHING"}, {"scope": "live_videos"}, {}])
def test_create_with_an_unknown_or_missing_scope_is_422(
    api: Api, bc: Bc, body: dict[str, str]
) -> None:
    problem = expect_problem(
        api.client.post(requests_path(bc.id), json=body, headers=bc.admin.headers),
        422,
        "VALIDATION_ERROR",
    )
    assert problem["errors"]
    assert list_ids(api, bc) == []


def test_unparseable_json_is_422(api: Api, bc: Bc) -> None:
    response = api.client.post(
        requests_path(bc.id),
        content=b'{"scope": "EXISTING_POSTS"',
        headers=bc.admin.headers | {"Content-Type": "application/json"},
    )
    expect_problem(response, 422, "VALIDATION_ERROR")
    assert list_ids(api, bc) == []


# --- who may call -----------------------------------------------------------------------------


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_a_standard_member_gets_403_on_every_route(api: Api, bc: Bc, route: str) -> None:
    access_request = api.access_request(bc)
    standard = api.member(bc, "STANDARD")
    expect_problem(
        call_route(api, route, bc.id, access_request["id"], standard.headers), 403, "FORBIDDEN"
    )
    assert list_ids(api, bc) == [access_request["id"]]
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_a_non_member_gets_404_on_every_route(api: Api, bc: Bc, route: str) -> None:
    access_request = api.access_request(bc)
    stranger = api.user()
    expect_problem(
        call_route(api, route, bc.id, access_request["id"], stranger.headers), 404, "NOT_FOUND"
    )
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_no_token_gets_401_on_every_route(api: Api, bc: Bc, route: str) -> None:
    access_request = api.access_request(bc)
    expect_problem(call_route(api, route, bc.id, access_request["id"], {}), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_an_owner_token_is_not_a_user_token(api: Api, bc: Bc, route: str) -> None:
    access_request = api.access_request(bc)
    owner = api.owner()
    expect_problem(
        call_route(api, route, bc.id, access_request["id"], owner.headers), 401, "UNAUTHENTICATED"
    )


@pytest.mark.parametrize("route", REQUEST_ROUTES)
def test_an_unknown_request_id_is_404(api: Api, bc: Bc, route: str) -> None:
    api.access_request(bc)
    unknown = "0190f5d2-0000-7000-8000-000000000000"
    expect_problem(call_route(api, route, bc.id, unknown, bc.admin.headers), 404, "NOT_FOUND")


@pytest.mark.parametrize("route", REQUEST_ROUTES)
def test_a_request_of_another_bc_is_404_through_this_bcs_path(api: Api, route: str) -> None:
    bc_a, bc_b = api.bc(), api.bc()
    request_of_a = api.access_request(bc_a)
    expect_problem(
        call_route(api, route, bc_b.id, request_of_a["id"], bc_b.admin.headers), 404, "NOT_FOUND"
    )
    assert read_request(api, bc_a, request_of_a["id"])["status"] == "PENDING"


@pytest.fixture
def lenient(app: FastAPI) -> Iterator[Api]:
    """Like `api`, but a server error comes back as its 500 response instead of raising."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client)


@pytest.mark.parametrize("route", REQUEST_ROUTES)
@pytest.mark.parametrize("request_id", ["%00", "abc%00def", "x" * 1000, "not-an-id"])
def test_a_malformed_request_id_is_404(lenient: Api, route: str, request_id: str) -> None:
    bc = lenient.bc()
    lenient.access_request(bc)
    expect_problem(
        call_route(lenient, route, bc.id, request_id, bc.admin.headers), 404, "NOT_FOUND"
    )


@pytest.mark.parametrize("route", ADMIN_ROUTES)
@pytest.mark.parametrize("bc_id", ["%00", "x" * 1000])
def test_a_malformed_bc_id_is_404(lenient: Api, route: str, bc_id: str) -> None:
    bc = lenient.bc()
    access_request = lenient.access_request(bc)
    expect_problem(
        call_route(lenient, route, bc_id, access_request["id"], bc.admin.headers),
        404,
        "NOT_FOUND",
    )


def test_the_list_shows_only_this_bcs_requests(api: Api) -> None:
    bc_a, bc_b = api.bc(), api.bc()
    request_of_a = api.access_request(bc_a)
    request_of_b = api.access_request(bc_b)
    assert list_ids(api, bc_a) == [request_of_a["id"]]
    assert list_ids(api, bc_b) == [request_of_b["id"]]


def test_an_admin_added_later_sees_and_cancels_the_bcs_requests(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    second_admin = api.member(bc, "ADMIN")
    body = expect(
        api.client.post(
            requests_path(bc.id, access_request["id"], "cancel"), headers=second_admin.headers
        ),
        200,
    )
    assert body["status"] == "CANCELED"
    assert body["created_by_member_id"] == bc.member_ids[bc.admin.id]


# --- expiry, read without a background job -----------------------------------------------------


def test_a_request_is_still_pending_just_before_its_expiry(api: Api, bc: Bc, clock: Clock) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL - 1)
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"
    assert list_ids(api, bc, status="PENDING") == [access_request["id"]]


def test_a_pending_request_reads_expired_once_its_ttl_has_passed(
    api: Api, bc: Bc, clock: Clock
) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    body = read_request(api, bc, access_request["id"])
    assert body["status"] == "EXPIRED"
    assert body["resolved_at"] is None
    assert [item["status"] for item in list_requests(api, bc)["items"]] == ["EXPIRED"]


def test_the_status_filter_sees_expiry_at_once(api: Api, bc: Bc, clock: Clock) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    assert list_ids(api, bc, status="EXPIRED") == [access_request["id"]]
    assert list_ids(api, bc, status="PENDING") == []


def test_expiry_follows_a_short_ttl(api_with: Callable[..., Api], clock: Clock) -> None:
    api = api_with(qr_code_ttl_seconds=60)
    bc = api.bc()
    access_request = api.access_request(bc)
    clock.advance(59)
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"
    clock.advance(2)
    assert read_request(api, bc, access_request["id"])["status"] == "EXPIRED"


def test_the_consent_screen_shows_an_expired_request_as_expired(
    api: Api, bc: Bc, clock: Clock
) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    assert expect(consent_screen(api, access_request), 200)["status"] == "EXPIRED"


@pytest.mark.parametrize("kind", ["qr-code", "qr-card"])
def test_the_images_of_an_expired_request_are_410(
    api: Api, bc: Bc, clock: Clock, kind: str
) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    for image_format in ("png", "svg"):
        expect_problem(
            image(api, bc, access_request["id"], kind, image_format), 410, "QR_CODE_EXPIRED"
        )


@pytest.mark.parametrize("decision", ["APPROVE", "DECLINE"])
def test_scanning_an_expired_code_is_410_and_changes_nothing(
    api: Api, bc: Bc, clock: Clock, decision: str
) -> None:
    access_request = api.access_request(bc)
    owner = api.owner()
    clock.advance(DEFAULT_TTL + 1)
    expect_problem(api.scan(owner, access_request, decision), 410, "QR_CODE_EXPIRED")
    body = read_request(api, bc, access_request["id"])
    assert (body["status"], body["tiktok_account_id"], body["resolved_at"]) == (
        "EXPIRED",
        None,
        None,
    )
    authorizations = expect(
        api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
    )
    assert authorizations["items"] == []


def test_cancelling_an_expired_request_is_409(api: Api, bc: Bc, clock: Clock) -> None:
    access_request = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    expect_problem(cancel(api, bc, access_request["id"]), 409, "ACCESS_REQUEST_NOT_PENDING")
    assert read_request(api, bc, access_request["id"])["status"] == "EXPIRED"


def test_a_resolved_request_keeps_its_status_after_the_ttl(api: Api, bc: Bc, clock: Clock) -> None:
    authorized = api.authorize(bc, api.owner())
    canceled = api.access_request(bc)
    expect(cancel(api, bc, canceled["id"]), 200)
    clock.advance(DEFAULT_TTL + 1)
    assert read_request(api, bc, authorized["id"])["status"] == "AUTHORIZED"
    assert read_request(api, bc, canceled["id"])["status"] == "CANCELED"
    assert list_ids(api, bc, status="EXPIRED") == []


# --- list: status filter and pagination -------------------------------------------------------


@pytest.fixture
def one_of_each_status(api: Api, bc: Bc, clock: Clock) -> dict[str, str]:
    """One request in each status; status -> request id."""
    expired = api.access_request(bc)
    clock.advance(DEFAULT_TTL + 1)
    authorized = api.authorize(bc, api.owner())
    declined = api.access_request(bc)
    expect(api.scan(api.owner(), declined, "DECLINE"), 200)
    canceled = api.access_request(bc)
    expect(cancel(api, bc, canceled["id"]), 200)
    pending = api.access_request(bc, "LIVE_VIDEOS")
    return {
        "EXPIRED": expired["id"],
        "AUTHORIZED": authorized["id"],
        "DECLINED": declined["id"],
        "CANCELED": canceled["id"],
        "PENDING": pending["id"],
    }


@pytest.mark.parametrize("status", ["PENDING", "AUTHORIZED", "DECLINED", "EXPIRED", "CANCELED"])
def test_the_status_filter_finds_exactly_the_requests_in_that_status(
    api: Api, bc: Bc, one_of_each_status: dict[str, str], status: str
) -> None:
    items = list_requests(api, bc, status=status)["items"]
    assert [(item["id"], item["status"]) for item in items] == [
        (one_of_each_status[status], status)
    ]


def test_the_unfiltered_list_holds_every_status_newest_first(
    api: Api, bc: Bc, one_of_each_status: dict[str, str]
) -> None:
    body = list_requests(api, bc)
    assert [item["status"] for item in body["items"]] == [
        "PENDING",
        "CANCELED",
        "DECLINED",
        "AUTHORIZED",
        "EXPIRED",
    ]
    assert body["next_cursor"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"status": "DONE"},
        {"status": "pending"},
        {"limit": 0},
        {"limit": 101},
        {"limit": "many"},
        {"cursor": "not-a-cursor"},
    ],
)
def test_bad_list_parameters_are_422(api: Api, bc: Bc, params: dict[str, str | int]) -> None:
    expect_problem(
        api.client.get(requests_path(bc.id), params=params, headers=bc.admin.headers),
        422,
        "VALIDATION_ERROR",
    )


def test_the_list_pages_through_every_request_newest_first(api: Api, bc: Bc) -> None:
    created = [api.access_request(bc)["id"] for _ in range(5)]
    seen: list[list[str]] = []
    params: dict[str, str | int] = {"limit": 2}
    while True:
        body = list_requests(api, bc, **params)
        seen.append([item["id"] for item in body["items"]])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert [len(page) for page in seen] == [2, 2, 1]
    assert [request_id for page in seen for request_id in page] == created[::-1]


def test_a_page_that_ends_exactly_has_no_next_cursor(api: Api, bc: Bc) -> None:
    created = [api.access_request(bc)["id"] for _ in range(2)]
    body = list_requests(api, bc, limit=2)
    assert [item["id"] for item in body["items"]] == created[::-1]
    assert body["next_cursor"] is None


def test_the_default_page_size_is_20(api: Api, bc: Bc) -> None:
    created = [api.access_request(bc)["id"] for _ in range(21)]
    first = list_requests(api, bc)
    assert [item["id"] for item in first["items"]] == created[:0:-1]
    assert first["next_cursor"] is not None
    second = list_requests(api, bc, cursor=first["next_cursor"])
    assert [item["id"] for item in second["items"]] == [created[0]]
    assert second["next_cursor"] is None


def test_a_filtered_list_pages_through_its_matches_only(api: Api, bc: Bc) -> None:
    pending: list[str] = []
    for _ in range(3):
        pending.append(api.access_request(bc)["id"])
        expect(cancel(api, bc, api.access_request(bc)["id"]), 200)
    first = list_requests(api, bc, status="PENDING", limit=2)
    second = list_requests(api, bc, status="PENDING", limit=2, cursor=first["next_cursor"])
    assert [item["id"] for item in first["items"] + second["items"]] == pending[::-1]
    assert second["next_cursor"] is None


# --- the QR code and the QR card --------------------------------------------------------------


def test_the_qr_code_is_a_png_by_default_that_decodes_to_the_url(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    response = image(api, bc, access_request["id"], "qr-code")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert decode_png(response.content) == [access_request["qr_code_url"]]


def test_the_qr_code_as_png_on_request(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    response = image(api, bc, access_request["id"], "qr-code", "png")
    assert response.headers["content-type"] == "image/png"
    assert decode_png(response.content) == [access_request["qr_code_url"]]


def test_the_qr_code_as_svg_is_an_svg_document(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    response = image(api, bc, access_request["id"], "qr-code", "svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    parse_svg(response.content)


@pytest.mark.parametrize("kind", ["qr-code", "qr-card"])
@pytest.mark.parametrize("image_format", ["gif", "PNG ", "", "jpeg"])
def test_an_unknown_image_format_is_422(api: Api, bc: Bc, kind: str, image_format: str) -> None:
    access_request = api.access_request(bc)
    expect_problem(
        image(api, bc, access_request["id"], kind, image_format), 422, "VALIDATION_ERROR"
    )


def test_the_qr_card_png_decodes_to_the_url(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    response = image(api, bc, access_request["id"], "qr-card")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert decode_png(response.content) == [access_request["qr_code_url"]]


def test_the_qr_card_svg_names_the_bc_the_permissions_and_the_expiry(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    response = image(api, bc, access_request["id"], "qr-card", "svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    texts = svg_texts(parse_svg(response.content))
    card = "\n".join(texts)
    assert "Acme Agency" in card
    for permission in ("Profile info", "Ad-enabled posts", "Public videos"):
        assert permission in texts
    assert "LIVE videos" not in texts
    assert f"{at(access_request['expires_at']):%Y-%m-%d %H:%M} UTC" in card
    assert "Settings and privacy" in card


def test_the_qr_card_of_a_live_request_lists_its_permissions(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc, "LIVE_VIDEOS")
    texts = svg_texts(parse_svg(image(api, bc, access_request["id"], "qr-card", "svg").content))
    assert "Profile info" in texts
    assert "LIVE videos" in texts
    assert "Public videos" not in texts


@pytest.mark.parametrize("kind", ["qr-code", "qr-card"])
def test_the_images_of_a_canceled_request_are_410(api: Api, bc: Bc, kind: str) -> None:
    access_request = api.access_request(bc)
    expect(cancel(api, bc, access_request["id"]), 200)
    for image_format in ("png", "svg"):
        expect_problem(
            image(api, bc, access_request["id"], kind, image_format),
            410,
            "ACCESS_REQUEST_CANCELED",
        )


@pytest.mark.parametrize("kind", ["qr-code", "qr-card"])
@pytest.mark.parametrize("decision", ["APPROVE", "DECLINE"])
def test_the_images_of_a_scanned_request_are_409(
    api: Api, bc: Bc, kind: str, decision: str
) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(api.owner(), access_request, decision), 200)
    expect_problem(image(api, bc, access_request["id"], kind), 409, "QR_CODE_ALREADY_USED")


# --- cancel -----------------------------------------------------------------------------------


def test_cancel_returns_the_request_canceled_with_resolved_at(
    api: Api, bc: Bc, clock: Clock
) -> None:
    access_request = api.access_request(bc)
    clock.advance(30)
    body = expect(cancel(api, bc, access_request["id"]), 200)
    assert body["id"] == access_request["id"]
    assert body["status"] == "CANCELED"
    assert at(body["resolved_at"]) == clock.now
    assert body["tiktok_account_id"] is None
    assert read_request(api, bc, access_request["id"]) == body


def test_cancelling_twice_is_409(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    first = expect(cancel(api, bc, access_request["id"]), 200)
    expect_problem(cancel(api, bc, access_request["id"]), 409, "ACCESS_REQUEST_NOT_PENDING")
    assert read_request(api, bc, access_request["id"]) == first


@pytest.mark.parametrize(
    ("decision", "status"), [("APPROVE", "AUTHORIZED"), ("DECLINE", "DECLINED")]
)
def test_cancelling_a_scanned_request_is_409(api: Api, bc: Bc, decision: str, status: str) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(api.owner(), access_request, decision), 200)
    expect_problem(cancel(api, bc, access_request["id"]), 409, "ACCESS_REQUEST_NOT_PENDING")
    assert read_request(api, bc, access_request["id"])["status"] == status


@pytest.mark.parametrize("decision", ["APPROVE", "DECLINE"])
def test_scanning_a_canceled_code_is_410_and_changes_nothing(
    api: Api, bc: Bc, decision: str
) -> None:
    access_request = api.access_request(bc)
    canceled = expect(cancel(api, bc, access_request["id"]), 200)
    owner = api.owner()
    expect_problem(api.scan(owner, access_request, decision), 410, "ACCESS_REQUEST_CANCELED")
    assert read_request(api, bc, access_request["id"]) == canceled
    authorizations = expect(
        api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
    )
    assert authorizations["items"] == []


def test_the_consent_screen_shows_a_canceled_request_as_canceled(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    expect(cancel(api, bc, access_request["id"]), 200)
    assert expect(consent_screen(api, access_request), 200)["status"] == "CANCELED"


def test_cancel_writes_one_audit_event_by_the_admin(
    api: Api, bc: Bc, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    before = audit_events(database.engine, bc.id)
    expect(cancel(api, bc, access_request["id"]), 200)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert [(e.actor_type, e.actor_id, e.target_id) for e in new] == [
        ("USER", bc.admin.id, access_request["id"])
    ]


def test_create_writes_one_audit_event_by_the_admin(
    api: Api, bc: Bc, database: SyncDatabase
) -> None:
    before = audit_events(database.engine, bc.id)
    access_request = api.access_request(bc)
    new = audit_events(database.engine, bc.id)[len(before) :]
    assert [(e.actor_type, e.actor_id, e.target_id) for e in new] == [
        ("USER", bc.admin.id, access_request["id"])
    ]


@pytest.mark.parametrize("route", ["create", "cancel"])
def test_a_refused_change_writes_no_audit_event(
    api: Api, bc: Bc, database: SyncDatabase, route: str
) -> None:
    access_request = api.access_request(bc)
    expect(cancel(api, bc, access_request["id"]), 200)
    standard = api.member(bc, "STANDARD")
    before = audit_events(database.engine, bc.id)
    assert call_route(api, route, bc.id, access_request["id"], standard.headers).status_code == 403
    expect_problem(cancel(api, bc, access_request["id"]), 409, "ACCESS_REQUEST_NOT_PENDING")
    assert len(audit_events(database.engine, bc.id)) == len(before)


# --- the code is a secret ---------------------------------------------------------------------


def test_the_code_carries_256_bits(api: Api, bc: Bc) -> None:
    code = code_of(api.access_request(bc))
    assert CODE_PATTERN.fullmatch(code)
    assert len(base64.urlsafe_b64decode(code + "=")) * 8 == 256


def test_two_requests_get_different_codes(api: Api, bc: Bc) -> None:
    codes = {code_of(api.access_request(bc)) for _ in range(5)}
    codes.add(code_of(api.access_request(api.bc())))
    assert len(codes) == 6


def test_the_code_is_stable_for_a_request(api: Api, bc: Bc) -> None:
    access_request = api.access_request(bc)
    assert (
        read_request(api, bc, access_request["id"])["qr_code_url"] == access_request["qr_code_url"]
    )
    assert list_requests(api, bc)["items"][0]["qr_code_url"] == access_request["qr_code_url"]


def test_no_column_of_access_requests_holds_the_code(
    api: Api, bc: Bc, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    code = code_of(access_request)
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM access_requests")).mappings().all()
    assert [row["id"] for row in rows] == [access_request["id"]]
    for column, value in rows[0].items():
        assert code not in str(value), column
        assert code.rstrip("=") not in str(value), column


def test_no_table_holds_the_code(api: Api, bc: Bc, database: SyncDatabase) -> None:
    access_request = api.access_request(bc)
    expect(api.scan(api.owner(), api.access_request(bc)), 200)
    code = code_of(access_request)
    leaks = [(t, c) for t, c, value in all_stored_values(database.engine) if code in value]
    assert leaks == []


def test_a_code_made_under_another_secret_key_does_not_open_the_request(
    api: Api, bc: Bc, api_with: Callable[..., Api]
) -> None:
    access_request = api.access_request(bc)
    other = api_with(secret_key=SecretStr("another-secret-key-fedcba9876543210"))
    forged = read_request(other, bc, access_request["id"])
    assert forged["qr_code_url"] != access_request["qr_code_url"]
    expect_problem(consent_screen(api, forged), 404, "QR_CODE_NOT_FOUND")
    expect_problem(api.scan(api.owner(), forged), 404, "QR_CODE_NOT_FOUND")
    assert read_request(api, bc, access_request["id"])["status"] == "PENDING"


# --- the rules, at service level --------------------------------------------------------------

NOW = datetime.fromisoformat("2026-03-01T12:00:00+00:00")


def stored_request(status: AccessRequestStatus, expires_in: float) -> AccessRequest:
    return AccessRequest(
        id="0190f5d2-0000-7000-8000-000000000001",
        business_center_id="0190f5d2-0000-7000-8000-000000000002",
        scope=Scope.EXISTING_POSTS,
        status=status,
        code_digest="0" * 64,
        expires_at=NOW + timedelta(seconds=expires_in),
        created_by_member_id="0190f5d2-0000-7000-8000-000000000003",
        created_at=NOW - timedelta(seconds=DEFAULT_TTL),
    )


def test_a_pending_request_before_its_expiry_is_pending() -> None:
    assert effective_status(stored_request(AccessRequestStatus.PENDING, 1), NOW) == "PENDING"


def test_a_pending_request_past_its_expiry_is_expired() -> None:
    assert effective_status(stored_request(AccessRequestStatus.PENDING, -1), NOW) == "EXPIRED"


@pytest.mark.parametrize("status", ["AUTHORIZED", "DECLINED", "CANCELED"])
def test_a_final_status_outlives_the_expiry(status: str) -> None:
    access_request = stored_request(AccessRequestStatus(status), -1)
    assert effective_status(access_request, NOW) == status


def test_a_pending_request_is_scannable() -> None:
    ensure_scannable(stored_request(AccessRequestStatus.PENDING, 1), NOW)


@pytest.mark.parametrize(
    ("status", "expires_in", "code"),
    [
        ("PENDING", -1, ErrorCode.QR_CODE_EXPIRED),
        ("CANCELED", 1, ErrorCode.ACCESS_REQUEST_CANCELED),
        ("CANCELED", -1, ErrorCode.ACCESS_REQUEST_CANCELED),
        ("AUTHORIZED", 1, ErrorCode.QR_CODE_ALREADY_USED),
        ("DECLINED", 1, ErrorCode.QR_CODE_ALREADY_USED),
        ("AUTHORIZED", -1, ErrorCode.QR_CODE_ALREADY_USED),
    ],
)
def test_a_request_that_is_not_pending_is_not_scannable(
    status: str, expires_in: float, code: ErrorCode
) -> None:
    with pytest.raises(AppError) as raised:
        ensure_scannable(stored_request(AccessRequestStatus(status), expires_in), NOW)
    assert raised.value.code is code


def test_codes_are_derived_per_request_and_per_secret_key() -> None:
    qr_codes = QrCodes(TEST_SECRET_KEY, BASE_URL)
    first = qr_codes.code_for("0190f5d2-0000-7000-8000-000000000001")
    assert first == QrCodes(TEST_SECRET_KEY, BASE_URL + "/").code_for(
        "0190f5d2-0000-7000-8000-000000000001"
    )
    assert first != qr_codes.code_for("0190f5d2-0000-7000-8000-000000000002")
    assert first != QrCodes("another-key", BASE_URL).code_for(
        "0190f5d2-0000-7000-8000-000000000001"
    )
    assert QrCodes.is_well_formed(first)
    assert QrCodes.digest(first) != first


@pytest.mark.parametrize("code", ["abc", "a" * 42, "a" * 44, "a" * 42 + "=", "a" * 42 + "é"])
def test_malformed_codes_are_recognized(code: str) -> None:
    assert not QrCodes.is_well_formed(code)


def test_the_stored_digest_matches_only_the_issued_code(
    api: Api, bc: Bc, runtime: Runtime, database: SyncDatabase
) -> None:
    access_request = api.access_request(bc)
    with Session(database.engine) as session:
        stored = session.get(AccessRequest, access_request["id"])
        assert stored is not None
        assert stored.code_digest == runtime.qr_codes.digest(code_of(access_request))
        assert stored.code_digest != code_of(access_request)


# --- caching: ETag and If-None-Match ------------------------------------------------------


@pytest.mark.parametrize("image", ["qr-code", "qr-card"])
def test_an_image_is_revalidated_with_its_etag(api: Api, image: str) -> None:
    bc = api.bc()
    request = api.access_request(bc)
    path = f"/v1/business-centers/{bc.id}/access-requests/{request['id']}/{image}"
    first = api.client.get(path, headers=bc.admin.headers)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"

    again = api.client.get(path, headers={**bc.admin.headers, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag

    svg = api.client.get(f"{path}?format=svg", headers={**bc.admin.headers, "If-None-Match": etag})
    assert svg.status_code == 200
    assert svg.headers["etag"] != etag
    stale = api.client.get(path, headers={**bc.admin.headers, "If-None-Match": '"other"'})
    assert stale.status_code == 200
    assert stale.content == first.content


def test_a_cached_image_is_still_refused_once_the_request_is_not_pending(api: Api) -> None:
    bc = api.bc()
    request = api.access_request(bc)
    path = f"/v1/business-centers/{bc.id}/access-requests/{request['id']}"
    etag = api.client.get(f"{path}/qr-code", headers=bc.admin.headers).headers["etag"]
    expect(api.client.post(f"{path}/cancel", headers=bc.admin.headers), 200)
    expect_problem(
        api.client.get(f"{path}/qr-code", headers={**bc.admin.headers, "If-None-Match": etag}),
        410,
        "ACCESS_REQUEST_CANCELED",
    )


def test_another_request_has_another_etag(api: Api) -> None:
    bc = api.bc()
    tags = {
        api.client.get(
            f"/v1/business-centers/{bc.id}/access-requests/{api.access_request(bc)['id']}/qr-code",
            headers=bc.admin.headers,
        ).headers["etag"]
        for _ in range(2)
    }
    assert len(tags) == 2
