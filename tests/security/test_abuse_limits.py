"""Resource limits and abuse limits: body size, failed QR lookups, token rotation, secrets."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from pydantic import SecretStr, ValidationError

from app.core.config import DEVELOPMENT_SECRET_KEY, Settings
from tests.conftest import Clock, MakeApp
from tests.factories import Api, code_of, expect, expect_problem

UNKNOWN_CODE = "A" * 43


def _scan(client: TestClient, owner_token: str, code: str = UNKNOWN_CODE) -> int:
    response: Response = client.post(
        "/v1/tiktok-app/qr-scans",
        json={"code": code, "decision": "APPROVE"},
        headers={"Authorization": f"Bearer {owner_token}"},
    )
    status: int = response.status_code
    return status


def test_a_body_over_the_limit_is_413_and_creates_nothing(make_app: MakeApp) -> None:
    with TestClient(make_app(max_request_body_bytes=2048)) as client:
        user = Api(client).user()
        response = client.post(
            "/v1/business-centers", json={"name": "x" * 4096}, headers=user.headers
        )
        expect_problem(response, 413, "PAYLOAD_TOO_LARGE")
        assert expect(client.get("/v1/users/me", headers=user.headers), 200)["memberships"] == []


def test_a_chunked_body_over_the_limit_is_413(make_app: MakeApp) -> None:
    with TestClient(make_app(max_request_body_bytes=2048)) as client:
        user = Api(client).user()

        def chunks() -> Iterator[bytes]:
            yield b'{"name": "'
            for _ in range(10):
                yield b"x" * 512
            yield b'"}'

        response = client.post(
            "/v1/business-centers",
            content=chunks(),
            headers={**user.headers, "Content-Type": "application/json"},
        )
        expect_problem(response, 413, "PAYLOAD_TOO_LARGE")


def test_a_body_under_the_limit_is_served(make_app: MakeApp) -> None:
    with TestClient(make_app(max_request_body_bytes=2048)) as client:
        user = Api(client).user()
        expect(
            client.post("/v1/business-centers", json={"name": "x" * 200}, headers=user.headers),
            201,
        )


def test_failed_scans_are_limited_per_owner(make_app: MakeApp, clock: Clock) -> None:
    app = make_app(qr_failures_per_owner=3, qr_failures_per_address=100)
    with TestClient(app) as client:
        api = Api(client)
        owner, other = api.owner(), api.owner()
        assert [_scan(client, owner.token) for _ in range(3)] == [404, 404, 404]
        response = client.post(
            "/v1/tiktok-app/qr-scans",
            json={"code": UNKNOWN_CODE, "decision": "APPROVE"},
            headers=owner.headers,
        )
        expect_problem(response, 429, "RATE_LIMITED")
        assert 1 <= int(response.headers["retry-after"]) <= 900
        # Another owner is not held back.
        assert _scan(client, other.token) == 404
        # The next window starts afresh.
        clock.advance(900)
        assert _scan(client, owner.token) == 404


def test_an_owner_past_the_limit_still_scans_a_real_code(make_app: MakeApp) -> None:
    """Codes carry 256 bits: the limit answers the guesses, never a real code."""
    with TestClient(make_app(qr_failures_per_owner=2)) as client:
        api = Api(client)
        owner, bc = api.owner(), api.bc()
        assert [_scan(client, owner.token) for _ in range(3)] == [404, 404, 429]
        expect(api.scan(owner, api.access_request(bc)), 200)
        assert _scan(client, owner.token) == 429


def test_a_new_token_does_not_reset_the_owners_limit(make_app: MakeApp) -> None:
    with TestClient(make_app(qr_failures_per_owner=2)) as client:
        owner = Api(client).owner()
        assert [_scan(client, owner.token) for _ in range(2)] == [404, 404]
        rotated = expect(client.post("/v1/tiktok-app/me/token", headers=owner.headers), 200)
        assert _scan(client, rotated["owner_token"]) == 429


def test_failed_lookups_are_limited_per_address(make_app: MakeApp) -> None:
    with TestClient(make_app(qr_failures_per_address=3)) as client:
        assert [client.get(f"/v1/qr/{UNKNOWN_CODE}").status_code for _ in range(3)] == [404] * 3
        response = client.get(f"/v1/qr/{UNKNOWN_CODE}")
        expect_problem(response, 429, "RATE_LIMITED")
        assert 1 <= int(response.headers["retry-after"]) <= 900


def test_a_guesser_behind_an_address_does_not_lock_out_its_owners(make_app: MakeApp) -> None:
    """The review's attack: 51 bad lookups from one address (a proxy every owner shares), then
    a real owner at that address reads its consent screen and approves."""
    with TestClient(make_app()) as client:  # the default limits
        api = Api(client)
        bc, owner = api.bc(), api.owner()
        real = api.access_request(bc)
        statuses = [client.get(f"/v1/qr/{UNKNOWN_CODE}").status_code for _ in range(51)]
        assert statuses == [404] * 50 + [429]

        expect(client.get(f"/v1/qr/{code_of(real)}"), 200)
        expect(api.scan(owner, real), 200)
        # ...and the guesser is still told to stop.
        expect_problem(client.get(f"/v1/qr/{UNKNOWN_CODE}"), 429, "RATE_LIMITED")


def test_used_expired_and_canceled_codes_are_not_guesses(make_app: MakeApp) -> None:
    with TestClient(make_app(qr_failures_per_owner=2, qr_failures_per_address=2)) as client:
        api = Api(client)
        bc, owner = api.bc(), api.owner()
        used = api.access_request(bc)
        expect(api.scan(owner, used), 200)
        for _ in range(4):
            expect_problem(api.scan(owner, used), 409, "QR_CODE_ALREADY_USED")


def test_the_limit_holds_across_replicas(make_app: MakeApp) -> None:
    """Two apps on one database stand for two replicas: failures add up across them."""
    settings = {"qr_failures_per_owner": 2, "qr_failures_per_address": 100}
    with TestClient(make_app(**settings)) as first, TestClient(make_app(**settings)) as second:
        owner = Api(first).owner()
        assert _scan(first, owner.token) == 404
        assert _scan(second, owner.token) == 404
        assert _scan(first, owner.token) == 429
        assert _scan(second, owner.token) == 429


def test_a_rotated_user_token_stops_at_once(api: Api) -> None:
    user = api.user()
    new_token = expect(api.client.post("/v1/users/me/token", headers=user.headers), 200)["token"]
    assert new_token.startswith("bctu_")
    assert new_token != user.token
    expect_problem(api.client.get("/v1/users/me", headers=user.headers), 401, "UNAUTHENTICATED")
    me = expect(
        api.client.get("/v1/users/me", headers={"Authorization": f"Bearer {new_token}"}), 200
    )
    assert me["id"] == user.id


def test_a_rotated_owner_token_stops_at_once(api: Api) -> None:
    owner = api.owner()
    new_token = expect(api.client.post("/v1/tiktok-app/me/token", headers=owner.headers), 200)[
        "owner_token"
    ]
    assert new_token.startswith("bcto_")
    assert new_token != owner.token
    expect_problem(
        api.client.get("/v1/tiktok-app/me", headers=owner.headers), 401, "UNAUTHENTICATED"
    )
    expect(
        api.client.get("/v1/tiktok-app/me", headers={"Authorization": f"Bearer {new_token}"}), 200
    )


@pytest.mark.parametrize("secret", [DEVELOPMENT_SECRET_KEY, "short"])
def test_production_refuses_to_start_without_a_real_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production", secret_key=SecretStr(secret))


def test_production_starts_with_a_real_secret() -> None:
    settings = Settings(environment="production", secret_key=SecretStr("s" * 32))
    assert not settings.uses_development_secret
