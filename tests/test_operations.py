"""Operations: structured JSON logs, Prometheus metrics, and a graceful shutdown.

The logs are read where they go, on stderr (pytest's `capsys` in process, a file for the real
server); the metrics through `GET /metrics`, as Prometheus reads them.
"""

import json
import logging
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError
from sqlalchemy import text

from app.audit.service import record as audit_record
from app.authorizations import service as authorization_service
from app.core import metrics
from app.core.config import Settings
from app.core.logging import StderrHandler, configure_logging
from app.health import service as health_service
from tests.conftest import TEST_SECRET_KEY, Clock, MakeApp, SyncDatabase
from tests.factories import Api, code_of, expect
from tests.live_server import uvicorn_server

QR_ROUTE = "/v1/qr/{code}"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


# --- helpers -----------------------------------------------------------------------------------


def json_lines(err: str) -> list[dict[str, Any]]:
    """Every line of `err`, each of which must be one JSON object."""
    lines = []
    for line in err.splitlines():
        if line.strip():
            entry = json.loads(line)
            assert isinstance(entry, dict), line
            lines.append(entry)
    return lines


def request_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["logger"] == "app.access"]


def scrape(client: TestClient | httpx.Client) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return parse_metrics(response.text)


def parse_metrics(exposition: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests_total(samples: Samples, method: str, route: str, status: int) -> float:
    return value(samples, "http_requests_total", method=method, route=route, status=str(status))


def resolved(samples: Samples, status: str) -> float:
    return value(samples, "access_requests_resolved_total", status=status)


# --- structured logs ---------------------------------------------------------------------------


def test_each_request_is_one_json_line_with_its_fields(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    bc = api.bc()
    capsys.readouterr()

    response = api.client.get(
        f"/v1/business-centers/{bc.id}/members",
        headers={**bc.admin.headers, "X-Request-ID": "ops-request-1"},
    )

    expect(response, 200)
    lines = json_lines(capsys.readouterr().err)  # nothing else on stderr: every line is JSON
    [line] = request_lines(lines)
    assert line["request_id"] == "ops-request-1" == response.headers["x-request-id"]
    assert line["method"] == "GET"
    assert line["route"] == "/v1/business-centers/{bc_id}/members"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert 0 <= line["duration_ms"] < 10_000
    assert line["level"] == "INFO"
    assert line["time"].endswith("Z")
    assert bc.id not in json.dumps(line)  # the template, not the path


def test_request_lines_carry_no_token_no_qr_code_and_no_query(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    bc, owner = api.bc(), api.owner()
    access_request = api.access_request(bc)
    code = code_of(access_request)
    capsys.readouterr()

    expect(api.client.get(f"/v1/qr/{code}", params={"token": bc.admin.token}), 200)
    expect(api.scan(owner, access_request), 200)
    api.client.get("/v1/users/me", headers={"Authorization": "Bearer bctu_not-a-real-token"})
    expect(api.client.get("/v1/users/me", headers=bc.admin.headers), 200)

    err = capsys.readouterr().err
    for secret in (code, bc.admin.token, owner.token, "bctu_not-a-real-token", "token="):
        assert secret not in err
    routes = [(line["route"], line["status"]) for line in request_lines(json_lines(err))]
    assert routes == [
        (QR_ROUTE, 200),
        ("/v1/tiktok-app/qr-scans", 200),
        ("/v1/users/me", 401),
        ("/v1/users/me", 200),
    ]


def test_responses_of_middleware_are_logged_with_their_route(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(qr_failures_per_address=1)
    with TestClient(app) as client:
        user = Api(client).user()
        capsys.readouterr()
        too_large = b'{"name": "' + b"x" * 70_000 + b'"}'
        assert client.post("/v1/users", content=too_large).status_code == 413
        assert client.post("/v1/users", headers={"Idempotency-Key": "anon"}).status_code == 422
        no_such_code = "A" * 43
        assert client.get(f"/v1/qr/{no_such_code}").status_code == 404
        assert client.get(f"/v1/qr/{no_such_code}").status_code == 429
        keyed = {**user.headers, "Idempotency-Key": str(uuid.uuid4())}
        first = client.post("/v1/business-centers", json={"name": "Once"}, headers=keyed)
        replay = client.post("/v1/business-centers", json={"name": "Once"}, headers=keyed)
        assert first.status_code == replay.status_code == 201  # the replay: by the middleware
        assert client.get("/no/such/path/123").status_code == 404

    err = capsys.readouterr().err
    assert [(line["route"], line["status"]) for line in request_lines(json_lines(err))] == [
        ("/v1/users", 413),
        ("/v1/users", 422),
        (QR_ROUTE, 404),
        (QR_ROUTE, 429),
        ("/v1/business-centers", 201),
        ("/v1/business-centers", 201),
        ("unmatched", 404),
    ]
    assert no_such_code not in err
    assert user.token not in err


def test_an_unhandled_error_is_a_json_record_with_the_request_id(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(*_: Any) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(health_service, "readiness_problem", failing)
    with TestClient(make_app(), raise_server_exceptions=False) as client:
        capsys.readouterr()
        response = client.get("/readyz", headers={"X-Request-ID": "ops-boom"})

    assert response.status_code == 500
    lines = json_lines(capsys.readouterr().err)
    [error] = [line for line in lines if line["level"] == "ERROR"]
    assert error["message"] == "unhandled error"
    assert error["logger"] == "app.core.problems"
    assert error["request_id"] == "ops-boom"
    assert "RuntimeError: injected failure" in error["exception"]
    [line] = request_lines(lines)
    assert (line["route"], line["status"], line["request_id"]) == ("/readyz", 500, "ops-boom")


def test_log_format_text_and_log_level(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    with TestClient(make_app(log_format="text")) as client:
        capsys.readouterr()
        client.get("/healthz", headers={"X-Request-ID": "ops-text"})
    [line] = [line for line in capsys.readouterr().err.splitlines() if "app.access" in line]
    assert not line.startswith("{")
    assert line.endswith(" ms")
    assert " INFO app.access [ops-text] GET /healthz 200 in " in line

    with TestClient(make_app(log_level="WARNING")) as client:
        capsys.readouterr()
        client.get("/healthz")
    assert "app.access" not in capsys.readouterr().err


def test_log_settings_are_read_case_insensitively_and_checked() -> None:
    settings = Settings(log_level="debug", log_format="TEXT")
    assert (settings.log_level, settings.log_format) == ("DEBUG", "text")
    assert (Settings().log_level, Settings().log_format) == ("INFO", "json")
    with pytest.raises(ValidationError):
        Settings(log_format="xml")


def test_caplog_still_sees_the_records(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    api.client.get("/healthz")
    [record] = [r for r in caplog.records if r.name == "app.access"]
    assert record.__dict__["route"] == "/healthz"
    assert record.__dict__["status"] == 200


# --- metrics -----------------------------------------------------------------------------------


def test_metrics_count_and_time_requests_by_route_template(api: Api) -> None:
    bc, owner = api.bc(), api.owner()
    code = code_of(api.access_request(bc))
    before = scrape(api.client)

    for _ in range(2):
        expect(api.client.get(f"/v1/qr/{code}"), 200)
    expect(api.client.get(f"/v1/business-centers/{bc.id}/members", headers=bc.admin.headers), 200)
    api.client.get(f"/v1/business-centers/{bc.id}/members")  # 401

    response = api.client.get("/metrics")
    after = parse_metrics(response.text)
    assert (
        requests_total(after, "GET", QR_ROUTE, 200) - requests_total(before, "GET", QR_ROUTE, 200)
        == 2
    )
    members = "/v1/business-centers/{bc_id}/members"
    for status in (200, 401):
        assert (
            requests_total(after, "GET", members, status)
            - requests_total(before, "GET", members, status)
            == 1
        )
    for name in ("http_request_duration_seconds_count", "http_request_duration_seconds_bucket"):
        labels = {"method": "GET", "route": QR_ROUTE}
        if name.endswith("_bucket"):
            labels["le"] = "+Inf"
        assert value(after, name, **labels) - value(before, name, **labels) == 2
    assert value(after, "http_request_duration_seconds_sum", method="GET", route=QR_ROUTE) > 0
    # Route templates only: no id, no code in any label.
    for secret in (code, bc.id, owner.id):
        assert secret not in response.text


def test_metrics_count_unknown_methods_as_other(api: Api) -> None:
    """A client picks the method: any it likes must not become a label value (or a kept child
    per value), or it could grow the metrics without bound."""
    bc = api.bc()
    members = "/v1/business-centers/{bc_id}/members"
    api.client.request("BREW", f"/v1/business-centers/{bc.id}/members")
    before = scrape(api.client)
    kept = len(metrics._request_metrics)

    for method in ("WHEN", "PROPFIND", "X-ANYTHING"):
        response = api.client.request(method, f"/v1/business-centers/{bc.id}/members")
        assert response.status_code == 405
    assert len(metrics._request_metrics) == kept

    after = scrape(api.client)
    assert (
        requests_total(after, "OTHER", members, 405) - requests_total(before, "OTHER", members, 405)
        == 3
    )
    methods = {dict(labels).get("method") for _, labels in after}
    assert methods.isdisjoint({"BREW", "WHEN", "PROPFIND"})


def test_metrics_is_outside_the_api_and_its_schema(client: TestClient) -> None:
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]
    assert client.post("/metrics").status_code == 405


def test_final_statuses_of_access_requests_are_counted_once_committed(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One client for the whole test: the app's pool belongs to its event loop, so a second
    # client on the same app (another loop) may not share it. The injected failure below must
    # come back as a 500, as a real client would see it.
    with TestClient(make_app(), raise_server_exceptions=False) as client:
        api = Api(client)
        bc, owner, other_owner = api.bc(), api.owner(), api.owner()
        approved, declined, canceled, failed = (api.access_request(bc) for _ in range(4))
        before = scrape(client)

        expect(api.scan(owner, approved), 200)
        expect(api.scan(owner, declined, "DECLINE"), 200)
        expect(
            client.post(
                f"/v1/business-centers/{bc.id}/access-requests/{canceled['id']}/cancel",
                headers=bc.admin.headers,
            ),
            200,
        )
        assert api.scan(owner, approved).status_code == 409  # already used: nothing new

        def failing_record(*args: Any, **kwargs: Any) -> None:
            if kwargs.get("action") == "authorization.granted":
                raise RuntimeError("injected")
            audit_record(*args, **kwargs)

        monkeypatch.setattr(authorization_service, "record", failing_record)
        # A new account's first approval: it fails and is rolled back.
        assert api.scan(other_owner, failed).status_code == 500
        monkeypatch.undo()

        after = scrape(client)
    for status in ("AUTHORIZED", "DECLINED", "CANCELED"):
        assert resolved(after, status) - resolved(before, status) == 1, status


def test_unresolved_access_requests_are_read_at_scrape_time(
    api: Api, clock: Clock, settings: Settings
) -> None:
    bc, owner = api.bc(), api.owner()
    api.access_request(bc)
    clock.advance(settings.qr_code_ttl_seconds + 1)  # the first one now reads as EXPIRED
    api.access_request(bc)
    expect(api.scan(owner, api.access_request(bc)), 200)

    samples = scrape(api.client)
    assert value(samples, "access_requests_unresolved", status="PENDING") == 1
    assert value(samples, "access_requests_unresolved", status="EXPIRED") == 1


# --- the real server: uvicorn, several workers -------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def log_lines(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The JSON lines of the log, and the others (uvicorn's supervisor, which never loads
        the app, keeps its own format)."""
        entries, others = [], []
        for line in self.log.read_text().splitlines():
            if line.startswith("{"):
                entries.append(json.loads(line))
            elif line.strip():
                others.append(line)
        return entries, others


@contextmanager
def running_server(env: dict[str, str], log: Path, workers: int = 2) -> Iterator[Server]:
    server_env = {
        "SECRET_KEY": TEST_SECRET_KEY,
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        **env,
    }
    with (
        log.open("w+b") as stderr,
        uvicorn_server(server_env, stderr, workers, ["--timeout-graceful-shutdown", "30"]) as (
            process,
            base_url,
        ),
    ):
        yield Server(process, base_url, log)


def _flow(client: httpx.Client) -> tuple[str, str, str]:
    """A user, a BC, an owner and an approved access request: (user token, owner token, code)."""
    suffix = uuid.uuid4().hex[:10]
    user = expect(
        client.post("/v1/users", json={"email": f"ops{suffix}@example.com", "display_name": "O"}),
        201,
    )
    user_headers = {"Authorization": f"Bearer {user['token']}"}
    bc = expect(
        client.post("/v1/business-centers", json={"name": "Ops"}, headers=user_headers), 201
    )
    owner = expect(
        client.post(
            "/v1/tiktok-app/accounts", json={"username": f"ops_{suffix}", "display_name": "O"}
        ),
        201,
    )
    access_request = expect(
        client.post(
            f"/v1/business-centers/{bc['id']}/access-requests",
            json={"scope": "EXISTING_POSTS"},
            headers=user_headers,
        ),
        201,
    )
    code = code_of(access_request)
    expect(client.get(f"/v1/qr/{code}", params={"token": user["token"]}), 200)
    expect(
        client.post(
            "/v1/tiktok-app/qr-scans",
            json={"code": code, "decision": "APPROVE"},
            headers={"Authorization": f"Bearer {owner['owner_token']}"},
        ),
        200,
    )
    return user["token"], owner["owner_token"], code


def test_workers_log_json_and_their_metrics_add_up(
    database_url: str, database: SyncDatabase, tmp_path: Path
) -> None:
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    env = {"DATABASE_URL": database_url, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    with running_server(env, tmp_path / "server.log") as server:
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            user_token, owner_token, code = _flow(client)

        def healthz(_: int) -> int:  # each on a new connection, so both workers get some
            return httpx.get(f"{server.base_url}/healthz", timeout=30).status_code

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(healthz, range(60))) == {200}
        scrapes = []
        for _ in range(4):
            with httpx.Client(base_url=server.base_url, timeout=30) as client:
                scrapes.append(scrape(client))

    for samples in scrapes:  # whichever worker answers, it adds up every worker's counts
        assert requests_total(samples, "GET", "/healthz", 200) == 60
        assert requests_total(samples, "GET", QR_ROUTE, 200) == 1
        assert resolved(samples, "AUTHORIZED") == 1
        assert value(samples, "http_request_duration_seconds_count", method="GET", route=QR_ROUTE)
    entries, others = server.log_lines()
    lines = request_lines(entries)
    assert len({line["pid"] for line in lines if line["route"] == "/healthz"}) == 2
    assert [line["status"] for line in lines if line["route"] == QR_ROUTE] == [200]
    assert all(line.startswith("INFO:") for line in others), others  # the supervisor's own
    log = server.log.read_text()
    for secret in (user_token, owner_token, code, "token="):
        assert secret not in log


@contextmanager
def write_lock(database: SyncDatabase, is_postgresql: bool) -> Iterator[None]:
    """Hold what a sign-up needs to write, so `POST /v1/users` waits until the block ends."""
    with database.engine.connect() as blocker:
        transaction = blocker.execution_options(write=True).begin()  # SQLite: BEGIN IMMEDIATE
        if is_postgresql:
            blocker.execute(text("LOCK TABLE users IN SHARE MODE"))  # reads pass, inserts wait
        try:
            yield
        finally:
            transaction.rollback()


def _wait_until_a_sign_up_waits(database: SyncDatabase, is_postgresql: bool) -> None:
    if not is_postgresql:
        # SQLite shows no lock waits: give the request time to reach its BEGIN. This is pacing,
        # not the proof: the proof that it was in flight at SIGTERM is the server's own log
        # line (_wait_until_the_server_waits_for_it); too short a pause fails the test.
        time.sleep(1)
        return
    deadline = time.monotonic() + 10
    with database.engine.connect() as connection:
        while not connection.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'users'::regclass"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).scalar_one():
            assert time.monotonic() < deadline, "the sign-up never waited for the lock"
            connection.rollback()
            time.sleep(0.05)


# What a uvicorn worker logs when a stop signal finds a request in flight (an idle connection is
# closed at once): it then waits for that request before it shuts the app down.
WAITING_FOR_REQUESTS = "Waiting for connections to close. (CTRL+C to force quit)"


def _wait_until_the_server_waits_for_it(server: Server) -> None:
    deadline = time.monotonic() + 10
    while WAITING_FOR_REQUESTS not in server.log.read_text():
        assert server.process.poll() is None, "the server stopped without waiting for a request"
        assert time.monotonic() < deadline, "the server never said it waits for a request"
        time.sleep(0.05)


def test_sigterm_lets_the_request_in_flight_finish(
    database_url: str, database: SyncDatabase, is_postgresql: bool, tmp_path: Path
) -> None:
    responses: list[httpx.Response] = []
    with running_server({"DATABASE_URL": database_url}, tmp_path / "server.log") as server:
        email = f"{uuid.uuid4().hex}@example.com"

        def sign_up() -> None:
            responses.append(
                httpx.post(
                    f"{server.base_url}/v1/users",
                    json={"email": email, "display_name": "Last one in"},
                    headers={"X-Request-ID": "in-flight"},
                    timeout=60,
                )
            )

        request = threading.Thread(target=sign_up)
        with write_lock(database, is_postgresql):
            request.start()
            _wait_until_a_sign_up_waits(database, is_postgresql)
            server.process.send_signal(signal.SIGTERM)
            _wait_until_the_server_waits_for_it(server)
            assert server.process.poll() is None  # waiting for the request in flight ...
            assert request.is_alive()
        request.join(timeout=30)  # ... which goes on once the lock is released
        assert not request.is_alive()
        exit_code = server.process.wait(timeout=30)

    assert [response.status_code for response in responses] == [201]
    assert responses[0].json()["user"]["email"] == email
    assert exit_code == 0
    entries, _ = server.log_lines()
    [served] = [line for line in entries if line.get("request_id") == "in-flight"]
    assert (served["route"], served["status"]) == ("/v1/users", 201)
    # In the worker that served it: SIGTERM came while it was in flight, and the app's shutdown
    # (which disposes of the database) ran once it was answered.
    worker = [line["message"] for line in entries if line["pid"] == served["pid"]]
    served_at = worker.index(served["message"])
    assert WAITING_FOR_REQUESTS in worker[:served_at]
    assert "Application shutdown complete." in worker[served_at:]
    assert not [line for line in entries if line["level"] in ("ERROR", "CRITICAL")]


def test_logging_is_configured_on_the_root_logger_once() -> None:
    root = logging.getLogger()
    configure_logging("INFO", "json")
    configure_logging("INFO", "json")
    assert len([h for h in root.handlers if isinstance(h, StderrHandler)]) == 1
    assert logging.getLogger("app").level == logging.INFO
    assert root.level == logging.WARNING  # other libraries: warnings and up
    assert logging.getLogger("uvicorn.access").disabled


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///./service.db",
        "postgresql://app:pw@db:5432/app",
        "postgresql+psycopg://app:pw@db:5432/app",
        "postgresql+asyncpg://app:pw@db:5432/app",
    ],
)
def test_database_urls_the_service_runs_on(url: str) -> None:
    assert Settings(database_url=url).database_url == url


@pytest.mark.parametrize(
    "url", ["mysql://root:hunter2@db/app", "postgresql+pg8000://u:hunter2@db/app", "hunter2 no url"]
)
def test_any_other_database_url_is_refused_without_showing_it(url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(database_url=url)

    assert "is not a database this service runs on" in str(refused.value)
    assert "hunter2" not in str(refused.value)
