"""A failure at any point of a multi-step change leaves the database as it was, and an
unexpected error tells the client nothing of the inside: no stack trace, no SQL, no secret."""

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.audit.service import record as audit_record
from app.authorizations import service as authorization_service
from app.models import AuditEvent, Authorization
from app.spark_ads import pausing
from tests.conftest import SyncDatabase
from tests.factories import Api, Content, expect, expect_problem


class InjectedError(RuntimeError):
    pass


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    # Show a server error as the 500 its client gets, rather than raising it in the test.
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _rows(database: SyncDatabase, model: Any) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def _fail_on(monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    """Fail the audit write of `action`: after the change's rows, before its event."""
    record = audit_record

    def failing_record(*args: Any, **kwargs: Any) -> None:
        if kwargs.get("action") == action:
            raise InjectedError("injected failure password=hunter2 SELECT * FROM users")
        record(*args, **kwargs)

    monkeypatch.setattr(authorization_service, "record", failing_record)


def test_a_failure_between_the_authorization_and_its_event_leaves_nothing(
    api: Api, monkeypatch: pytest.MonkeyPatch, database: SyncDatabase
) -> None:
    bc, owner = api.bc(), api.owner()
    access_request = api.access_request(bc)
    events = _rows(database, AuditEvent)
    _fail_on(monkeypatch, "authorization.granted")

    problem = expect_problem(api.scan(owner, access_request), 500, "INTERNAL_ERROR")

    assert _rows(database, Authorization) == 0
    assert _rows(database, AuditEvent) == events
    monkeypatch.undo()
    assert (
        expect(
            api.client.get(
                f"/v1/business-centers/{bc.id}/access-requests/{access_request['id']}",
                headers=bc.admin.headers,
            ),
            200,
        )["status"]
        == "PENDING"
    )
    # The client learns nothing of the inside.
    assert problem["detail"] == "Something went wrong on our side."
    for leak in ("Traceback", "InjectedError", "SELECT", "hunter2", ".py"):
        assert leak not in str(problem)


def test_a_failure_while_pausing_spark_ads_undoes_the_revocation(
    api: Api, content: Content, monkeypatch: pytest.MonkeyPatch, database: SyncDatabase
) -> None:
    bc, owner = api.bc(), api.owner()
    api.authorize(bc, owner)
    ad_account = content.ad_account(bc)
    content.ad_role(bc, ad_account, bc.admin, "ADMIN")
    content.assign(bc, owner, [bc.admin], ["POST"])
    expect(
        api.client.post(
            "/v1/spark-ads",
            json={
                "ad_account_id": ad_account,
                "tiktok_account_id": owner.id,
                "video_id": content.video(owner),
                "name": "Ad",
            },
            headers=bc.admin.headers,
        ),
        201,
    )
    events = _rows(database, AuditEvent)

    async def failing_pause(*_: Any) -> None:  # awaited where the real one is
        raise InjectedError("injected")

    monkeypatch.setattr(pausing, "pause_for_authorization", failing_pause)
    expect_problem(
        api.client.delete(
            f"/v1/business-centers/{bc.id}/tiktok-accounts/{owner.id}", headers=bc.admin.headers
        ),
        500,
        "INTERNAL_ERROR",
    )
    monkeypatch.undo()

    account = expect(
        api.client.get(
            f"/v1/business-centers/{bc.id}/tiktok-accounts/{owner.id}", headers=bc.admin.headers
        ),
        200,
    )
    assert account["authorization_status"] == "ACTIVE"
    spark_ads = expect(
        api.client.get(
            "/v1/spark-ads", params={"ad_account_id": ad_account}, headers=bc.admin.headers
        ),
        200,
    )["items"]
    assert [ad["status"] for ad in spark_ads] == ["ACTIVE"]
    assert _rows(database, AuditEvent) == events


def test_no_token_reaches_the_logs(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bc, owner = api.bc(), api.owner()
    member = api.member(bc)
    access_request = api.access_request(bc)
    rotated = expect(api.client.post("/v1/users/me/token", headers=member.headers), 200)["token"]
    api.client.get("/v1/users/me", headers={"Authorization": "Bearer bctu_not-a-real-token"})
    api.client.get("/v1/users/me", headers=member.headers)  # the rotated-away token
    _fail_on(monkeypatch, "authorization.granted")
    expect_problem(api.scan(owner, access_request), 500, "INTERNAL_ERROR")

    assert "unhandled error" in caplog.text  # the failure itself is logged ...
    for secret in (bc.admin.token, member.token, rotated, owner.token, "bctu_not-a-real-token"):
        assert secret not in caplog.text  # ... but no token is
    assert access_request["qr_code_url"].rsplit("/", 1)[1] not in caplog.text
