"""What the service shows to whom outside the API: the metrics, and which client address the
per-address limit believes."""

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tests.conftest import MakeApp
from tests.factories import expect_problem
from tests.live_server import live_server

UNKNOWN_CODE = "A" * 43
METRICS_TOKEN = "metrics-0123456789abcdef0123456789"


def test_metrics_answer_anyone_when_no_token_is_set(make_app: MakeApp) -> None:
    with TestClient(make_app()) as client:
        assert client.get("/metrics").status_code == 200


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {METRICS_TOKEN}"])
def test_with_a_metrics_token_a_scrape_without_it_is_401(
    make_app: MakeApp, authorization: str | None
) -> None:
    """Cross-tenant counts (pending and expired requests of every BC) are not for anyone."""
    headers = {"Authorization": authorization} if authorization else {}
    with TestClient(make_app(metrics_token=SecretStr(METRICS_TOKEN))) as client:
        response = client.get("/metrics", headers=headers)
        expect_problem(response, 401, "UNAUTHENTICATED")
        assert "access_requests_unresolved" not in response.text


def test_with_a_metrics_token_the_scraper_reads_the_metrics(make_app: MakeApp) -> None:
    with TestClient(make_app(metrics_token=SecretStr(METRICS_TOKEN))) as client:
        response = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert response.status_code == 200
        assert "access_requests_unresolved" in response.text


def _lookups(base_url: str, forwarded_for: str, count: int) -> list[int]:
    headers = {"X-Forwarded-For": forwarded_for}
    return [
        httpx.get(f"{base_url}/v1/qr/{UNKNOWN_CODE}", headers=headers).status_code
        for _ in range(count)
    ]


@pytest.mark.usefixtures("database")  # emptied afterwards: the counters go too
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(database_url: str) -> None:
    """The proxy (here the loopback) is in FORWARDED_ALLOW_IPS: X-Forwarded-For names the
    client, so one guesser's 429 is not every client's."""
    env = {
        "DATABASE_URL": database_url,
        "QR_FAILURES_PER_ADDRESS": "2",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    with live_server(env, workers=1) as base_url:
        assert _lookups(base_url, "203.0.113.7", 3) == [404, 404, 429]
        assert _lookups(base_url, "198.51.100.9", 1) == [404]


@pytest.mark.usefixtures("database")
def test_an_untrusted_peer_cannot_choose_its_address(database_url: str) -> None:
    """A peer outside FORWARDED_ALLOW_IPS is the client itself: a made-up X-Forwarded-For
    does not buy a guesser a fresh limit."""
    env = {
        "DATABASE_URL": database_url,
        "QR_FAILURES_PER_ADDRESS": "2",
        "FORWARDED_ALLOW_IPS": "10.255.255.1",
    }
    with live_server(env, workers=1) as base_url:
        assert _lookups(base_url, "203.0.113.8", 2) == [404, 404]
        assert _lookups(base_url, "198.51.100.10", 1) == [429]
