"""The races of a multi-replica deployment, each against 4 worker processes, each repeated.

In every race exactly one outcome wins, the losers get the SPEC's 409 (or 410), and the
database never holds a state the SPEC forbids.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tests.concurrency.conftest import LIMIT, ROUNDS, Remote

_names = itertools.count()
Attempt = Callable[[Remote], httpx.Response]


@dataclass
class World:
    """Actors made on the live server."""

    remote: Remote

    def user(self) -> tuple[str, str]:
        n = next(_names)
        body = self.remote.ok(
            "POST", "/v1/users", body={"email": f"u{n}@race.example", "display_name": f"U{n}"}
        )
        return body["user"]["email"], body["token"]

    def bc(self, admin_token: str) -> str:
        bc_id: str = self.remote.ok(
            "POST", "/v1/business-centers", admin_token, {"name": f"BC {next(_names)}"}
        )["id"]
        return bc_id

    def member(self, bc_id: str, admin_token: str, email: str, role: str = "STANDARD") -> str:
        member_id: str = self.remote.ok(
            "POST",
            f"/v1/business-centers/{bc_id}/members",
            admin_token,
            {"email": email, "role": role},
        )["id"]
        return member_id

    def owner(self) -> tuple[str, str]:
        body = self.remote.ok(
            "POST",
            "/v1/tiktok-app/accounts",
            body={"username": f"owner_{next(_names)}", "display_name": "Owner"},
        )
        return body["account"]["id"], body["owner_token"]

    def request(self, bc_id: str, admin_token: str, scope: str = "EXISTING_POSTS") -> Any:
        return self.remote.ok(
            "POST", f"/v1/business-centers/{bc_id}/access-requests", admin_token, {"scope": scope}
        )

    def authorize(self, bc_id: str, admin_token: str, owner_token: str) -> None:
        self.remote.ok(
            "POST",
            "/v1/tiktok-app/qr-scans",
            owner_token,
            {"code": code(self.request(bc_id, admin_token)), "decision": "APPROVE"},
        )


def code(access_request: Any) -> str:
    return str(access_request["qr_code_url"]).rsplit("/", 1)[1]


def call(method: str, path: str, token: str, body: Any = None) -> Attempt:
    return lambda remote: remote.call(method, path, token, body)


def scan(owner_token: str, qr_code: str, decision: str = "APPROVE") -> Attempt:
    return call(
        "POST", "/v1/tiktok-app/qr-scans", owner_token, {"code": qr_code, "decision": decision}
    )


def outcome(responses: list[httpx.Response]) -> list[tuple[int, str | None]]:
    return [
        (r.status_code, r.json().get("code") if r.status_code >= 400 else None) for r in responses
    ]


def test_approve_decline_and_cancel_of_one_request(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    bc_id = world.bc(admin)
    _, approver = world.owner()
    _, decliner = world.owner()
    winners: set[str] = set()
    for _ in range(ROUNDS * 2):
        request = world.request(bc_id, admin)
        path = f"/v1/business-centers/{bc_id}/access-requests/{request['id']}"
        approve, decline, cancel = remote.race(
            [
                scan(approver, code(request), "APPROVE"),
                scan(decliner, code(request), "DECLINE"),
                call("POST", f"{path}/cancel", admin),
            ]
        )
        final = remote.ok("GET", path, admin)["status"]
        wins = [r for r in (approve, decline, cancel) if r.status_code == 200]
        assert len(wins) == 1, outcome([approve, decline, cancel])
        expected = {
            "AUTHORIZED": [
                (200, None),
                (409, "QR_CODE_ALREADY_USED"),
                (409, "ACCESS_REQUEST_NOT_PENDING"),
            ],
            "DECLINED": [
                (409, "QR_CODE_ALREADY_USED"),
                (200, None),
                (409, "ACCESS_REQUEST_NOT_PENDING"),
            ],
            "CANCELED": [
                (410, "ACCESS_REQUEST_CANCELED"),
                (410, "ACCESS_REQUEST_CANCELED"),
                (200, None),
            ],
        }[final]
        assert outcome([approve, decline, cancel]) == expected
        winners.add(final)
        # Only an approval leaves an authorization behind; a decline or a cancel none.
        accounts = remote.ok("GET", f"/v1/business-centers/{bc_id}/tiktok-accounts", admin)
        assert len(accounts["items"]) == (1 if "AUTHORIZED" in winners else 0)


def test_owner_revoke_against_admin_assign(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    for _ in range(ROUNDS):
        bc_id = world.bc(admin)
        email, member_token = world.user()
        member_id = world.member(bc_id, admin, email)
        account_id, owner = world.owner()
        world.authorize(bc_id, admin, owner)
        authorization_id = remote.ok("GET", "/v1/tiktok-app/authorizations", owner)["items"][0][
            "id"
        ]
        base = f"/v1/business-centers/{bc_id}/tiktok-accounts/{account_id}"
        revoke, assign = remote.race(
            [
                call("DELETE", f"/v1/tiktok-app/authorizations/{authorization_id}", owner),
                call(
                    "POST",
                    f"{base}/assignments",
                    admin,
                    {"member_ids": [member_id], "roles": ["POST"]},
                ),
            ]
        )
        assert revoke.status_code == 204
        assert outcome([assign]) in ([(200, None)], [(409, "AUTHORIZATION_REVOKED")])
        account = remote.ok("GET", base, admin)
        assert account["authorization_status"] == "REVOKED"
        if assign.status_code == 200:  # it came first: assigned before the revocation
            assert assign.json()["items"][0]["assigned_at"] <= account["revoked_at"]
        # Either way the member has nothing now.
        assert remote.call("GET", base, member_token).status_code == 404


def test_two_admins_assigning_the_same_members(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    bc_id = world.bc(admin)
    other_email, other_admin = world.user()
    world.member(bc_id, admin, other_email, "ADMIN")
    member_ids = [world.member(bc_id, admin, world.user()[0]) for _ in range(5)]
    account_id, owner = world.owner()
    world.authorize(bc_id, admin, owner)
    remote.ok(
        "POST",
        "/v1/tiktok-app/qr-scans",
        owner,
        {"code": code(world.request(bc_id, admin, "LIVE_VIDEOS")), "decision": "APPROVE"},
    )
    path = f"/v1/business-centers/{bc_id}/tiktok-accounts/{account_id}/assignments"
    for _ in range(ROUNDS):
        first, second = remote.race(
            [
                call("POST", path, admin, {"member_ids": member_ids, "roles": ["POST"]}),
                call(
                    "POST",
                    path,
                    other_admin,
                    {"member_ids": list(reversed(member_ids)), "roles": ["LIVE"]},
                ),
            ]
        )
        assert (first.status_code, second.status_code) == (200, 200)
        assignments = remote.ok("GET", f"{path}?limit=100", admin)["items"]
        # One row per member, and all of them from the same (the last) call: never a mix.
        assert sorted(a["member_id"] for a in assignments) == sorted(member_ids)
        assert len({tuple(a["roles"]) for a in assignments}) == 1


def _two_admins(world: World) -> tuple[str, tuple[str, str], tuple[str, str]]:
    """A BC with exactly two admins: (bc id, (token, member id) of each)."""
    _, first_admin = world.user()
    bc_id = world.bc(first_admin)
    second_email, second_admin = world.user()
    second_id = world.member(bc_id, first_admin, second_email, "ADMIN")
    me = world.remote.ok("GET", "/v1/users/me", first_admin)
    first_id = next(m["member_id"] for m in me["memberships"] if m["business_center_id"] == bc_id)
    return bc_id, (first_admin, first_id), (second_admin, second_id)


def _demote(token: str, members: str, member_id: str) -> Attempt:
    return call("PATCH", f"{members}/{member_id}", token, {"role": "STANDARD"})


def _admins_left(remote: Remote, members: str, tokens: tuple[str, str]) -> int:
    for token in tokens:
        response = remote.call("GET", members, token)
        if response.status_code == 200:
            return [m["role"] for m in response.json()["items"]].count("ADMIN")
    raise AssertionError("neither admin can read the members")


def test_the_last_two_admins_demoting_each_other_at_once(remote: Remote) -> None:
    world = World(remote)
    for _ in range(ROUNDS):
        bc_id, (first, first_id), (second, second_id) = _two_admins(world)
        members = f"/v1/business-centers/{bc_id}/members"
        responses = remote.race(
            [_demote(first, members, second_id), _demote(second, members, first_id)]
        )
        # The first to commit wins; the other is no longer an admin when its turn comes.
        assert sorted(outcome(responses)) == [(200, None), (403, "FORBIDDEN")]
        assert _admins_left(remote, members, (first, second)) == 1


def test_the_last_two_admins_stepping_down_at_once(remote: Remote) -> None:
    world = World(remote)
    for _ in range(ROUNDS):
        bc_id, (first, first_id), (second, second_id) = _two_admins(world)
        members = f"/v1/business-centers/{bc_id}/members"
        responses = remote.race(
            [_demote(first, members, first_id), _demote(second, members, second_id)]
        )
        assert sorted(outcome(responses)) == [(200, None), (409, "LAST_ADMIN")]
        assert _admins_left(remote, members, (first, second)) == 1


def test_the_account_limit_under_concurrent_approvals(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    bcs = [world.bc(admin) for _ in range(LIMIT + 5)]
    for _ in range(ROUNDS):
        _, owner = world.owner()
        codes = [code(world.request(bc_id, admin)) for bc_id in bcs]
        responses = remote.race([scan(owner, c) for c in codes])
        assert sorted(outcome(responses)) == sorted(
            [(200, None)] * LIMIT + [(409, "LIMIT_EXCEEDED")] * 5
        )
        active = remote.ok("GET", "/v1/tiktok-app/authorizations?limit=100", owner)["items"]
        assert len(active) == LIMIT
        # A refused approval changed nothing: its request is still pending.
        pending = [
            bc_id
            for bc_id in bcs
            if remote.ok(
                "GET", f"/v1/business-centers/{bc_id}/access-requests?status=PENDING", admin
            )["items"]
        ]
        assert len(pending) == 5
        for bc_id in pending:  # leave no pending request to the next round
            for request in remote.ok(
                "GET", f"/v1/business-centers/{bc_id}/access-requests?status=PENDING", admin
            )["items"]:
                remote.ok(
                    "POST",
                    f"/v1/business-centers/{bc_id}/access-requests/{request['id']}/cancel",
                    admin,
                )


def test_the_business_center_limit_under_concurrent_approvals(remote: Remote) -> None:
    world = World(remote)
    _, admin = world.user()
    for _ in range(ROUNDS):
        bc_id = world.bc(admin)
        owners = [world.owner()[1] for _ in range(LIMIT + 5)]
        codes = [code(world.request(bc_id, admin)) for _ in owners]
        responses = remote.race([scan(owner, c) for owner, c in zip(owners, codes, strict=True)])
        assert sorted(outcome(responses)) == sorted(
            [(200, None)] * LIMIT + [(409, "LIMIT_EXCEEDED")] * 5
        )
        accounts = remote.ok(
            "GET", f"/v1/business-centers/{bc_id}/tiktok-accounts?limit=100", admin
        )["items"]
        assert len(accounts) == LIMIT
