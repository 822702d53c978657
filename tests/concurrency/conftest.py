"""Races against the service as it runs in production: uvicorn with 4 worker processes on the
suite's database, with small limits so the limit races are cheap to set up."""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Barrier
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET_KEY, SyncDatabase
from tests.live_server import live_server

LIMIT = 3  # MAX_BCS_PER_TIKTOK_ACCOUNT and MAX_TIKTOK_ACCOUNTS_PER_BC on the race server
ROUNDS = 5  # each race is run this many times, to catch a lost update


@pytest.fixture(scope="session")
def server(database_url: str) -> Iterator[str]:
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "MAX_BCS_PER_TIKTOK_ACCOUNT": str(LIMIT),
        "MAX_TIKTOK_ACCOUNTS_PER_BC": str(LIMIT),
    }
    with live_server(env, workers=4) as url:
        yield url


@dataclass
class Remote:
    """A client of the live server, with the few calls the races need."""

    base_url: str
    client: httpx.Client

    def call(
        self, method: str, path: str, token: str | None = None, body: Any = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.request(method, path, json=body, headers=headers)

    def ok(self, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
        response = self.call(method, path, token, body)
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    def race(self, attempts: list[Callable[["Remote"], httpx.Response]]) -> list[httpx.Response]:
        """Run the attempts at the same instant, each on its own connection."""
        barrier = Barrier(len(attempts))

        def run(attempt: Callable[[Remote], httpx.Response]) -> httpx.Response:
            with httpx.Client(base_url=self.base_url, timeout=60) as own:
                remote = Remote(self.base_url, own)
                barrier.wait()
                return attempt(remote)

        with ThreadPoolExecutor(len(attempts)) as pool:
            return list(pool.map(run, attempts))


@pytest.fixture
def remote(server: str, database: SyncDatabase) -> Iterator[Remote]:
    """The live server; `database` empties the tables after the test."""
    with httpx.Client(base_url=server, timeout=60) as client:
        yield Remote(server, client)
