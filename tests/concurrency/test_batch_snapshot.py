"""A batch of eligibility checks reads one snapshot (SPEC section 8): against 4 worker
processes, batches of 100 checks keep coming while the authorization they all depend on is
ended, by the BC or by the owner, round after round. No batch may answer some checks as before
the revocation and others as after it, and a batch sent after the revocation returned sees it.
An identity's videos page, read at the same time, is likewise all before or all after."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tests.concurrency.conftest import ROUNDS, Remote
from tests.concurrency.test_races import World

VIDEOS = 20
CHECKS = 100
BEFORE = {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}
AFTER = {"allowed": False, "reasons": ["AUTHORIZATION_REVOKED"], "via": []}


@dataclass(frozen=True)
class Answer:
    sent: float  # time.monotonic() when the request was sent
    status: int
    body: Any


def _keep_asking(
    remote: Remote, ask: Callable[[httpx.Client], httpx.Response], stop: threading.Event
) -> tuple[threading.Thread, list[Answer]]:
    answers: list[Answer] = []

    def run() -> None:
        with httpx.Client(base_url=remote.base_url, timeout=60) as client:
            while not stop.is_set():
                sent = time.monotonic()
                response = ask(client)
                answers.append(Answer(sent, response.status_code, response.json()))

    thread = threading.Thread(target=run)
    thread.start()
    return thread, answers


def _wait_for(answers: list[list[Answer]], more_than: int) -> None:
    deadline = time.monotonic() + 30
    while sum(len(a) for a in answers) <= more_than:
        assert time.monotonic() < deadline, "the live server answers no batch"
        time.sleep(0.01)


def test_a_revocation_during_batches_is_in_every_item_or_in_none(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    bc_id = world.bc(admin)
    email, member = world.user()
    member_id = world.member(bc_id, admin, email)
    bc = f"/v1/business-centers/{bc_id}"
    ad_account_id = remote.ok("POST", f"{bc}/ad-accounts", admin, {"name": "Ads"})["id"]
    remote.ok(
        "PUT", f"{bc}/ad-accounts/{ad_account_id}/members/{member_id}", admin, {"role": "OPERATOR"}
    )
    account_id, owner = world.owner()
    videos = [
        remote.ok(
            "POST",
            "/v1/tiktok-app/videos",
            owner,
            {"caption": f"Video {n}", "visibility": "PUBLIC", "ad_authorization": True},
        )["id"]
        for n in range(VIDEOS)
    ]
    batch = {
        "ad_account_id": ad_account_id,
        "checks": [
            {"tiktok_account_id": account_id, "video_id": videos[n % VIDEOS]} for n in range(CHECKS)
        ],
    }
    headers = {"Authorization": f"Bearer {member}"}
    page_params = {
        "ad_account_id": ad_account_id,
        "identity_type": "BC_AUTH_TT",
        "identity_authorized_bc_id": bc_id,
        "limit": 100,
    }

    def ask_batch(client: httpx.Client) -> httpx.Response:
        return client.post("/v1/spark-ads/eligibility/batch", json=batch, headers=headers)

    def ask_page(client: httpx.Client) -> httpx.Response:
        return client.get(
            f"/v1/identities/{account_id}/videos", params=page_params, headers=headers
        )

    for round_ in range(ROUNDS):
        world.authorize(bc_id, admin, owner)
        remote.ok(
            "POST",
            f"{bc}/tiktok-accounts/{account_id}/assignments",
            admin,
            {"member_ids": [member_id], "roles": ["POST"]},
        )
        authorization_id = remote.ok("GET", "/v1/tiktok-app/authorizations", owner)["items"][0][
            "id"
        ]
        stop = threading.Event()
        askers = [_keep_asking(remote, ask_batch, stop) for _ in range(3)]
        askers.append(_keep_asking(remote, ask_page, stop))
        answers = [found for _, found in askers]
        try:
            _wait_for(answers, 8)
            if round_ % 2:
                remote.ok("DELETE", f"/v1/tiktok-app/authorizations/{authorization_id}", owner)
            else:
                remote.ok("DELETE", f"{bc}/tiktok-accounts/{account_id}", admin)
            revoked = time.monotonic()
            _wait_for(answers, sum(len(a) for a in answers) + 8)
        finally:
            stop.set()
            for thread, _ in askers:
                thread.join()

        batches = [a for found in answers[:-1] for a in found]
        for answer in batches:
            assert answer.status == 200, answer.body
            items = answer.body["items"]
            assert len(items) == CHECKS
            verdicts = [{k: item[k] for k in ("allowed", "reasons", "via")} for item in items]
            # One verdict for all: what the authorization was at one instant.
            assert verdicts in ([BEFORE] * CHECKS, [AFTER] * CHECKS), verdicts
            if answer.sent > revoked:  # sent after the revocation committed
                assert verdicts == [AFTER] * CHECKS
        assert any(a.body["items"][0]["allowed"] for a in batches)  # not vacuous: both sides
        assert any(a.sent > revoked for a in batches)
        for page in answers[-1]:
            if page.status == 404:  # the identity is gone
                continue
            assert page.status == 200, page.body
            assert [item["can_pull"] for item in page.body["items"]] == [True] * VIDEOS
            assert page.sent < revoked
