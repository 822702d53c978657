"""`Idempotency-Key` on POST: a retry returns the first response and creates nothing."""

from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.core.context import Runtime
from app.models import BusinessCenter, IdempotencyRecord, TikTokAccount, User
from tests.conftest import Clock, SyncDatabase
from tests.factories import Api, expect, expect_problem


def _count(database: SyncDatabase, model: Any) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_retry_returns_the_first_response_and_creates_nothing(
    api: Api, database: SyncDatabase
) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "create-bc-1"}
    first = api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers)
    retry = api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers)

    assert expect(first, 201) == expect(retry, 201)
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert retry.headers["x-request-id"] != first.headers["x-request-id"]
    assert _count(database, BusinessCenter) == 1


def test_the_same_key_with_another_body_is_422(api: Api, database: SyncDatabase) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "create-bc-2"}
    expect(api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=headers), 201)
    problem = expect_problem(
        api.client.post("/v1/business-centers", json={"name": "Other"}, headers=headers),
        422,
        "IDEMPOTENCY_KEY_REUSED",
    )
    assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert _count(database, BusinessCenter) == 1


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


def test_keys_belong_to_their_caller(api: Api, database: SyncDatabase) -> None:
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
    assert _count(database, BusinessCenter) == 2


def test_without_a_key_every_post_creates(api: Api, database: SyncDatabase) -> None:
    user = api.user()
    for _ in range(2):
        expect(
            api.client.post("/v1/business-centers", json={"name": "A"}, headers=user.headers), 201
        )
    assert _count(database, BusinessCenter) == 2


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/users", {"email": "anon@example.com", "display_name": "Anon"}),
        ("/v1/tiktok-app/accounts", {"username": "anon.creator", "display_name": "Anon"}),
    ],
)
@pytest.mark.parametrize("authorization", [None, "", "   "])
def test_an_anonymous_key_is_refused_and_creates_nothing(
    api: Api,
    path: str,
    body: dict[str, str],
    authorization: str | None,
    database: SyncDatabase,
) -> None:
    """Without a principal a key would be shared by every anonymous caller, and a sign-up's
    response holds a new token: no key, however long, and an empty header is no token."""
    headers = {"Idempotency-Key": "3f0b6c1e-5d1a-4f55-9a2e-6f1c9c1d2e7a"}
    if authorization is not None:
        headers["Authorization"] = authorization
    problem = expect_problem(
        api.client.post(path, json=body, headers=headers), 422, "VALIDATION_ERROR"
    )
    assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert "bearer token" in problem["errors"][0]["msg"]
    assert _count(database, User) + _count(database, TikTokAccount) == 0
    assert _count(database, IdempotencyRecord) == 0


def test_a_second_anonymous_caller_never_gets_the_first_ones_token(api: Api) -> None:
    """The review's attack: a key derived from a public body, sent by somebody else."""
    body = {"username": "public.profile", "display_name": "Public"}
    key = {"Idempotency-Key": "sha256-of-the-body-0123456789abcdef0123456789"}
    owner = expect(api.client.post("/v1/tiktok-app/accounts", json=body), 201)
    attempt = api.client.post("/v1/tiktok-app/accounts", json=body, headers=key)
    assert owner["owner_token"] not in attempt.text
    expect_problem(attempt, 422, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("path", "field", "who"),
    [("/v1/users/me/token", "token", "user"), ("/v1/tiktok-app/me/token", "owner_token", "owner")],
)
def test_replaying_a_rotation_with_the_old_token_is_401_and_reveals_nothing(
    api: Api, path: str, field: str, who: str, database: SyncDatabase
) -> None:
    """The review's attack: the victim rotates a leaked token with a key; the attacker, who
    holds the old token, replays the same POST with the same key."""
    principal = api.user() if who == "user" else api.owner()
    headers = {**principal.headers, "Idempotency-Key": "rotate-1"}
    new_token = expect(api.client.post(path, headers=headers), 200)[field]

    replay = api.client.post(path, headers=headers)
    expect_problem(replay, 401, "UNAUTHENTICATED")
    assert new_token not in replay.text
    assert "idempotent-replayed" not in replay.headers

    # The principal itself, with its new token, gets its own answer back; stored encrypted.
    own = {"Authorization": f"Bearer {new_token}", "Idempotency-Key": "rotate-1"}
    retry = api.client.post(path, headers=own)
    assert expect(retry, 200)[field] == new_token
    assert retry.headers["idempotent-replayed"] == "true"
    with database.engine.connect() as connection:
        stored = connection.execute(select(IdempotencyRecord.response)).scalar_one()
    assert stored is not None
    assert new_token.encode() not in stored


def test_a_stored_secret_goes_back_only_to_its_principal(api: Api) -> None:
    """A webhook's secret is shown once; a replay needs the same principal, now."""
    bc = api.bc()
    body = {"url": "https://93.184.216.34/hook"}  # a public address: no DNS needed
    headers = {**bc.admin.headers, "Idempotency-Key": "hook-1"}
    path = f"/v1/business-centers/{bc.id}/webhooks"
    secret = expect(api.client.post(path, json=body, headers=headers), 201)["secret"]
    rotated = expect(api.client.post("/v1/users/me/token", headers=bc.admin.headers), 200)["token"]

    stale = api.client.post(path, json=body, headers=headers)
    expect_problem(stale, 401, "UNAUTHENTICATED")
    assert secret not in stale.text
    fresh = {"Authorization": f"Bearer {rotated}", "Idempotency-Key": "hook-1"}
    assert expect(api.client.post(path, json=body, headers=fresh), 201)["secret"] == secret


def test_requests_that_do_not_authenticate_store_nothing(api: Api, database: SyncDatabase) -> None:
    """The review's flood: junk tokens with one key, on a POST path, with sign-up off or on."""
    for i in range(300):
        response = api.client.post(
            "/v1/business-centers",
            json={"name": "A"},
            headers={"Authorization": f"Bearer junk{i}", "Idempotency-Key": "flood"},
        )
        expect_problem(response, 401, "UNAUTHENTICATED")
    assert _count(database, IdempotencyRecord) == 0


def test_a_401_from_the_route_is_not_kept(api: Api, database: SyncDatabase) -> None:
    """A user token on an owner route names a principal, but not this route's kind."""
    user = api.user()
    response = api.client.post(
        "/v1/tiktok-app/videos",
        json={"caption": "x", "visibility": "PUBLIC", "ad_authorization": True},
        headers={**user.headers, "Idempotency-Key": "wrong-kind"},
    )
    expect_problem(response, 401, "UNAUTHENTICATED")
    assert _count(database, IdempotencyRecord) == 0


def test_expired_records_are_swept_by_time(
    api: Api, clock: Clock, runtime: Runtime, database: SyncDatabase
) -> None:
    """Records go by age, whoever writes next: the table holds at most a TTL's worth."""
    user, other = api.user(), api.user()
    for i in range(5):
        headers = {**user.headers, "Idempotency-Key": f"old-{i}"}
        expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    assert _count(database, IdempotencyRecord) == 5
    clock.advance(runtime.settings.idempotency_key_ttl_seconds + 1)
    headers = {**other.headers, "Idempotency-Key": "new"}
    expect(api.client.post("/v1/business-centers", json={"name": "B"}, headers=headers), 201)
    assert _count(database, IdempotencyRecord) == 1


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


def test_a_key_expires_after_its_ttl(
    api: Api, clock: Clock, runtime: Runtime, database: SyncDatabase
) -> None:
    user = api.user()
    headers = {**user.headers, "Idempotency-Key": "expiring"}
    expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    clock.advance(runtime.settings.idempotency_key_ttl_seconds + 1)
    expect(api.client.post("/v1/business-centers", json={"name": "A"}, headers=headers), 201)
    assert _count(database, BusinessCenter) == 2


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


def test_a_key_in_progress_is_409(api: Api, database: SyncDatabase) -> None:
    """A reservation whose request has not finished (here: left by hand) answers 409."""
    user = api.user()
    body = b'{"name": "A"}'
    headers = {**user.headers, "Idempotency-Key": "in-flight", "Content-Type": "application/json"}
    expect(api.client.post("/v1/business-centers", content=body, headers=headers), 201)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE idempotency_records SET status_code = NULL"))
    response = api.client.post("/v1/business-centers", content=body, headers=headers)
    expect_problem(response, 409, "IDEMPOTENCY_KEY_IN_USE")
    assert response.headers["retry-after"] == "1"
