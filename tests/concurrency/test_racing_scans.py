"""Of racing scans of one QR code exactly one wins."""

from collections.abc import Callable

import httpx

from tests.concurrency.conftest import ROUNDS, Remote

RACERS = 8


def _scan(owner_token: str, code: str, decision: str) -> Callable[[Remote], httpx.Response]:
    return lambda remote: remote.call(
        "POST", "/v1/tiktok-app/qr-scans", owner_token, {"code": code, "decision": decision}
    )


def test_exactly_one_of_racing_scans_wins(remote: Remote) -> None:
    token = remote.ok(
        "POST", "/v1/users", body={"email": "racer@example.com", "display_name": "Racer"}
    )["token"]
    owners = [
        remote.ok(
            "POST",
            "/v1/tiktok-app/accounts",
            body={"username": f"racer_{i}", "display_name": "R"},
        )["owner_token"]
        for i in range(RACERS)
    ]
    for round_number in range(ROUNDS):
        # A BC per round keeps it under the race server's small account limit.
        bc = remote.ok("POST", "/v1/business-centers", token, {"name": f"Race {round_number}"})
        request = remote.ok(
            "POST",
            f"/v1/business-centers/{bc['id']}/access-requests",
            token,
            {"scope": "EXISTING_POSTS"},
        )
        code = request["qr_code_url"].rsplit("/", 1)[1]
        responses = remote.race([_scan(owner, code, "APPROVE") for owner in owners])

        statuses = sorted(response.status_code for response in responses)
        assert statuses == [200] + [409] * (RACERS - 1), [r.text for r in responses]
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {
            "QR_CODE_ALREADY_USED"
        }
        winner = next(r for r in responses if r.status_code == 200).json()
        final = remote.ok(
            "GET", f"/v1/business-centers/{bc['id']}/access-requests/{request['id']}", token
        )
        assert final["status"] == "AUTHORIZED"
        assert final["id"] == winner["access_request_id"]
