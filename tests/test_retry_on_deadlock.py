"""A request that PostgreSQL picks as a deadlock's victim runs again and succeeds."""

import logging
import threading

import pytest
from sqlalchemy import text

from tests.conftest import SyncDatabase
from tests.factories import Api, expect
from tests.lock_waits import wait_until_a_backend_waits_for


def test_a_deadlocked_scan_is_retried(
    api: Api, database: SyncDatabase, is_postgresql: bool, caplog: pytest.LogCaptureFixture
) -> None:
    if not is_postgresql:
        pytest.skip("SQLite runs one writer at a time: no deadlocks")
    bc = api.bc()
    owner = api.owner()
    access_request = api.access_request(bc)
    responses = []

    with database.engine.connect() as blocker:
        transaction = blocker.begin()
        # The scan locks its access request, then the BC; we hold the BC first ...
        blocker.execute(text("SET LOCAL deadlock_timeout = '10s'"))  # so the scan is the victim
        blocker_pid = blocker.execute(text("SELECT pg_backend_pid()")).scalar_one()
        blocker.execute(
            text("SELECT id FROM business_centers WHERE id = :id FOR UPDATE"), {"id": bc.id}
        )
        with caplog.at_level(logging.WARNING, logger="app.core.routing"):
            scan = threading.Thread(
                target=lambda: responses.append(api.scan(owner, access_request))
            )
            scan.start()
            # ... and, once the scan waits for the BC, ask for its access request: a deadlock.
            wait_until_a_backend_waits_for(database.engine, blocker_pid, scan)
            blocker.execute(
                text("SELECT id FROM access_requests WHERE id = :id FOR UPDATE"),
                {"id": access_request["id"]},
            )
            transaction.rollback()
            scan.join(timeout=30)

    assert expect(responses[0], 200)["status"] == "AUTHORIZED"
    assert "retrying after a lost database race" in caplog.text
