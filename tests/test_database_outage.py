"""While the database is away the service says so (503), and it recovers by itself."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from tests.conftest import MakeApp
from tests.factories import expect, expect_problem
from tests.tcp_proxy import TcpProxy


@pytest.fixture
def proxy(database_url: str) -> Iterator[TcpProxy]:
    if not database_url.startswith("postgresql"):
        pytest.skip("an outage of a database server: PostgreSQL only")
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def client(make_app: MakeApp, database_url: str, proxy: TcpProxy) -> Iterator[TestClient]:
    through_proxy = make_url(database_url).set(host="127.0.0.1", port=proxy.port)
    app = make_app(database_url=through_proxy.render_as_string(hide_password=False))
    with TestClient(app) as test_client:
        yield test_client


def test_readyz_follows_the_database_without_a_restart(client: TestClient, proxy: TcpProxy) -> None:
    assert expect(client.get("/readyz"), 200) == {"status": "ready"}

    proxy.stop()
    problem = expect_problem(client.get("/readyz"), 503, "SERVICE_UNAVAILABLE")
    assert "127.0.0.1" not in problem["detail"]
    assert expect(client.get("/healthz"), 200) == {"status": "ok"}

    proxy.start()
    assert expect(client.get("/readyz"), 200) == {"status": "ready"}


def test_requests_during_an_outage_are_503_and_work_again_after(
    client: TestClient, proxy: TcpProxy
) -> None:
    user = {"email": "outage@example.com", "display_name": "Outage"}
    proxy.stop()
    response = client.post("/v1/users", json=user)
    expect_problem(response, 503, "SERVICE_UNAVAILABLE")
    assert response.headers["retry-after"] == "1"

    proxy.start()
    expect(client.post("/v1/users", json=user), 201)


def test_reads_outside_a_unit_of_work_are_503_too(client: TestClient, proxy: TcpProxy) -> None:
    """Authentication and eligibility read on a connection of their own (Database.fetch)."""
    token = expect(
        client.post("/v1/users", json={"email": "reader@example.com", "display_name": "R"}), 201
    )["token"]
    headers = {"Authorization": f"Bearer {token}"}
    eligibility = {"ad_account_id": "a", "tiktok_account_id": "t", "video_id": "v"}
    proxy.stop()
    expect_problem(client.get("/v1/users/me", headers=headers), 503, "SERVICE_UNAVAILABLE")
    expect_problem(
        client.get("/v1/spark-ads/eligibility", params=eligibility, headers=headers),
        503,
        "SERVICE_UNAVAILABLE",
    )

    proxy.start()
    assert expect(client.get("/v1/users/me", headers=headers), 200)["email"] == "reader@example.com"
    expect_problem(
        client.get("/v1/spark-ads/eligibility", params=eligibility, headers=headers),
        404,
        "NOT_FOUND",
    )
