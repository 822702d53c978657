"""`Idempotency-Key` on POST: a retry returns the first response and creates nothing."""

from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.core.context import Runtime
from app.models import BusinessCenter, IdempotencyRecord, TikTokAccount, User
from tests.conftest import Clock
from tests.factories import Api, expect, expect_problem


def _count(runtime: Runtime, model: Any) -> int:
    with runtime.database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_retry_returns_the_first_response_and_creates_nothing(api: Api, runtime: Runtime) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "create-bc-1"}
    first = api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers)
    retry = api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers)

    assert expect(first, 201) == expect(retry, 201)
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert retry.headers["x-request-id"] != first.headers["x-request-id"]
    assert _count(runtime, BusinessCenter) == 1


def test_the_same_key_with_another_body_is_422(api: Api, runtime: Runtime) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "create-bc-2"}
    expect(api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers), 201)
    problem = expect_problem(
        api.client.post("/v1/business-centers", json={"name": "Other"}, headers=headers),
        422,
        "IDEMPOTENCY_KEY_REUSED",
    )
    assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert _count(runtime, BusinessCenter) == 1


def test_the_same_key_on_another_path_is_422(api: Api) -> None:
    user = api.user()
    bc = api.bc(user)
    headers = {**user.headers, "Idempotency-Key": "same-key"}
    expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    expect_problem(
        api.client.post(
            f"/v1/business-centers/{bc.id}/ad-accounts", json={"name": "A"}, headers=headers
        ),
        422,
        "IDEMPOTENCY_KEY_REUSED",
    )


def test_keys_belong_to_their_caller(api: Api, runtime: Runtime) -> None:
    first, second = api.user(), api.user()
    for user in (first, second):
        expect(
            api.client.post(
                "/v1/business-centers",
                json={"name": "Acme"},
                headers={**user.headers, "Idempotency-Key": "shared-key"},
            ),
            201,
        )
    assert _count(runtime, BusinessCenter) == 2


def test_without_a_key_every_post_creates(api: Api, runtime: Runtime) -> None:
    user = api.user()
    for _ in range(2):
        expect(
            api.client.post("/v1/business-centers", json={"name": "A"}, headers=user.headers), 201
        )
    assert _count(runtime, BusinessCenter) == 2


def test_a_sign_up_retry_returns_the_same_working_token_and_stores_none_in_clear(
    api: Api, runtime: Runtime
) -> None:
    body = {"email": "retry@example.com", "display_name": "Retry"}
    headers = {"Idempotency-Key": "3f0b6c1e-5d1a-4f55-9a2e-6f1c9c1d2e7a"}
    first = expect(api.client.post("/v1/users", json=body, headers=headers), 201)
    retry = expect(api.client.post("/v1/users", json=body, headers=headers), 201)

    assert retry == first
    assert _count(runtime, User) == 1
    expect(
        api.client.get("/v1/users/me", headers={"Authorization": f"Bearer {first['token']}"}), 200
    )
    with runtime.database.engine.connect() as connection:
        stored = connection.execute(select(IdempotencyRecord.response)).scalar_one()
    assert stored is not None
    assert first["token"].encode() not in stored
    assert b"retry@example.com" not in stored


def test_an_account_creation_retry_creates_one_account(api: Api, runtime: Runtime) -> None:
    body = {"username": "retry.me", "display_name": "Retry"}
    headers = {"Idempotency-Key": "9b7d2c84-1f3e-4a6b-8c5d-0e2f4a6b8c1d"}
    first = expect(api.client.post("/v1/tiktok-app/accounts", json=body, headers=headers), 201)
    assert (
        expect(api.client.post("/v1/tiktok-app/accounts", json=body, headers=headers), 201) == first
    )
    assert _count(runtime, TikTokAccount) == 1


def test_a_refusal_is_replayed_too(api: Api) -> None:
    user = api.user()
    bc = api.bc()
    headers = {**user.headers, "Idempotency-Key": "refused-1"}
    path = f"/v1/business-centers/{bc.id}/ad-accounts"
    first = expect_problem(
        api.client.post(path, json={"name": "A"}, headers=headers), 404, "NOT_FOUND"
    )
    retry = api.client.post(path, json={"name": "A"}, headers=headers)
    assert retry.status_code == 404
    assert retry.json()["request_id"] == first["request_id"]


def test_a_key_expires_after_its_ttl(api: Api, clock: Clock, runtime: Runtime) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "expiring"}
    expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    clock.advance(runtime.settings.idempotency_key_ttl_seconds + 1)
    expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    assert _count(runtime, BusinessCenter) == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "tab\there", "é"])
def test_a_malformed_key_is_422(api: Api, key: str) -> None:
    user = api.user()
    response = api.client.post(
        "/v1/business-centers",
        json={"name": "A"},
        headers={**user.headers, "Idempotency-Key": key.encode()},
    )
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]


def test_a_key_in_progress_is_409(api: Api, runtime: Runtime) -> None:
    """A reservation whose request has not finished (here: left by hand) answers 409."""
    user = api.user()
    body = b'{"name": "A"}'
    headers = {**user.headers, "Idempotency-Key": "in-flight", "Content-Type": "application/json"}
    expect(api.client.post("/v1/business-centers", content=body, headers=headers), 201)
    with runtime.database.engine.begin() as connection:
        connection.execute(text("UPDATE idempotency_records SET status_code = NULL"))
    response = api.client.post("/v1/business-centers", content=body, headers=headers)
    expect_problem(response, 409, "IDEMPOTENCY_KEY_IN_USE")
    assert response.headers["retry-after"] == "1"


def test_without_a_token_a_short_key_is_refused(api: Api, runtime: Runtime) -> None:
    """The key is then all that guards the first response: it must be random enough."""
    response = api.client.post(
        "/v1/users",
        json={"email": "short@example.com", "display_name": "Short"},
        headers={"Idempotency-Key": "signup-alice"},
    )
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert "UUID" in problem["errors"][0]["msg"]
    assert _count(runtime, User) == 0
