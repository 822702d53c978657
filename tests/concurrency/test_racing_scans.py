"""Of racing scans of one QR code exactly one wins, against a multi-worker server."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import httpx
import pytest

from app.core.db import Database
from tests.conftest import TEST_SECRET_KEY
from tests.live_server import live_server

RACERS = 8
ROUNDS = 5


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[str]:
    with live_server({"DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET_KEY}) as url:
        yield url


def _post(
    client: httpx.Client, path: str, body: dict[str, object], token: str | None = None
) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


def test_exactly_one_of_racing_scans_wins(server: str, database: Database) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        admin = _post(client, "/v1/users", {"email": "racer@example.com", "display_name": "Racer"})
        token = str(admin["token"])
        bc = _post(client, "/v1/business-centers", {"name": "Race BC"}, token)
        owners = [
            str(
                _post(
                    client,
                    "/v1/tiktok-app/accounts",
                    {"username": f"racer_{i}", "display_name": "R"},
                )["owner_token"]
            )
            for i in range(RACERS)
        ]
        for _ in range(ROUNDS):
            request = _post(
                client,
                f"/v1/business-centers/{bc['id']}/access-requests",
                {"scope": "EXISTING_POSTS"},
                token,
            )
            code = str(request["qr_code_url"]).rsplit("/", 1)[1]
            barrier = Barrier(RACERS)

            def scan(
                owner_token: str, code: str = code, barrier: Barrier = barrier
            ) -> httpx.Response:
                with httpx.Client(base_url=server, timeout=30) as own_client:
                    barrier.wait()
                    return own_client.post(
                        "/v1/tiktok-app/qr-scans",
                        json={"code": code, "decision": "APPROVE"},
                        headers={"Authorization": f"Bearer {owner_token}"},
                    )

            with ThreadPoolExecutor(RACERS) as pool:
                responses = list(pool.map(scan, owners))

            statuses = sorted(response.status_code for response in responses)
            assert statuses == [200] + [409] * (RACERS - 1), [r.text for r in responses]
            assert {r.json()["code"] for r in responses if r.status_code == 409} == {
                "QR_CODE_ALREADY_USED"
            }
            winner = next(r for r in responses if r.status_code == 200).json()
            final = client.get(
                f"/v1/business-centers/{bc['id']}/access-requests/{request['id']}",
                headers={"Authorization": f"Bearer {token}"},
            ).json()
            assert final["status"] == "AUTHORIZED"
            assert final["id"] == winner["access_request_id"]
