"""The role table (SPEC sections 3, 4, 6 to 9): what a BC Admin and a Standard member may do.

One row per cell: an action, who does it, and the exact status (and problem code) it gets.
Every action has a cell for `ADMIN` and for `STANDARD`; a few actions add cells for a
Standard member holding only `POST`, and for the two account-link scenarios.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pytest
from httpx import Response

from tests.factories import Api, Bc, Content, Owner, User, expect, expect_problem


@dataclass
class Seed:
    """A BC with two authorized accounts (both scopes): `assigned` is assigned to every member
    below (the admin included), `unassigned` to nobody."""

    api: Api
    content: Content
    bc: Bc
    ad_account_id: str
    assigned: Owner
    unassigned: Owner
    actors: dict[str, User]
    outsider_ad_account_id: str
    spare: User  # a member the actions assign and give roles to
    pending_request_id: str

    def ad_account_of(self, actor: str) -> str:
        return self.outsider_ad_account_id if actor == "LINKED_OUTSIDER" else self.ad_account_id

    def account(self, which: str) -> Owner:
        return self.assigned if which == "assigned" else self.unassigned


@pytest.fixture
def seed(api: Api, content: Content) -> Seed:
    bc = api.bc()
    assigned, unassigned = api.owner(), api.owner()
    for owner in (assigned, unassigned):
        for scope in ("EXISTING_POSTS", "LIVE_VIDEOS"):
            api.authorize(bc, owner, scope)
        content.video(owner)
        content.live(owner)
    ad_account_id = content.ad_account(bc)
    standard, poster, linked_member, spare = (api.member(bc) for _ in range(4))
    content.ad_role(bc, ad_account_id, bc.admin, "ADMIN")
    for user in (standard, poster, linked_member):
        content.ad_role(bc, ad_account_id, user, "OPERATOR")
    content.assign(bc, assigned, [bc.admin, standard], ["POST", "LIVE"])
    content.assign(bc, assigned, [poster, linked_member], ["POST"])
    content.link(assigned, linked_member)
    outsider = api.user()  # scenario 1: linked, not in the BC, an ad account of its own
    own_bc = api.bc(admin=outsider)
    outsider_ad_account_id = content.ad_account(own_bc)
    content.ad_role(own_bc, outsider_ad_account_id, outsider, "OPERATOR")
    content.link(assigned, outsider)
    return Seed(
        api=api,
        content=content,
        bc=bc,
        ad_account_id=ad_account_id,
        assigned=assigned,
        unassigned=unassigned,
        actors={
            "ADMIN": bc.admin,
            "STANDARD": standard,
            "STANDARD_POST_ONLY": poster,
            "LINKED_MEMBER": linked_member,
            "LINKED_OUTSIDER": outsider,
        },
        outsider_ad_account_id=outsider_ad_account_id,
        spare=spare,
        pending_request_id=api.access_request(bc)["id"],
    )


# --- the actions ------------------------------------------------------------------------------

Action = Callable[[Seed, str], Response]


def send(seed: Seed, actor: str, method: str, path: str, body: Any = None) -> Response:
    """`actor` calls `method path` (relative to the BC unless it starts with /v1)."""
    url = path if path.startswith("/v1") else f"/v1/business-centers/{seed.bc.id}{path}"
    response: Response = seed.api.client.request(
        method, url, json=body, headers=seed.actors[actor].headers
    )
    return response


def request_access(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "POST", "/access-requests", {"scope": "EXISTING_POSTS"})


def cancel_request(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "POST", f"/access-requests/{seed.pending_request_id}/cancel")


def read_qr_code(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "GET", f"/access-requests/{seed.pending_request_id}/qr-code")


def list_tiktok_accounts(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "GET", "/tiktok-accounts")


def read(what: str, which: str) -> Action:
    """GET .../tiktok-accounts/{id}/{what} on the `assigned` or `unassigned` account."""

    def action(seed: Seed, actor: str) -> Response:
        return send(seed, actor, "GET", f"/tiktok-accounts/{seed.account(which).id}/{what}")

    return action


def read_videos_after_the_bc_revokes(seed: Seed, actor: str) -> Response:
    seed.content.revoke(seed.bc, seed.assigned)
    return read("videos", "assigned")(seed, actor)


def assign_members(which: str) -> Action:
    def action(seed: Seed, actor: str) -> Response:
        body = {"member_ids": [seed.bc.member_ids[seed.spare.id]], "roles": ["POST"]}
        return send(
            seed, actor, "POST", f"/tiktok-accounts/{seed.account(which).id}/assignments", body
        )

    return action


def end_authorization(which: str) -> Action:
    def action(seed: Seed, actor: str) -> Response:
        return send(seed, actor, "DELETE", f"/tiktok-accounts/{seed.account(which).id}")

    return action


def read_audit_log(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "GET", "/audit-events")


def create_ad_account(seed: Seed, actor: str) -> Response:
    return send(seed, actor, "POST", "/ad-accounts", {"name": "New ad account"})


def set_ad_account_role(seed: Seed, actor: str) -> Response:
    member_id = seed.bc.member_ids[seed.spare.id]
    path = f"/ad-accounts/{seed.ad_account_id}/members/{member_id}"
    return send(seed, actor, "PUT", path, {"role": "ANALYST"})


def make_spark_ad(which: str, live: bool = False) -> Action:
    """A Spark Ad with a video (or the active LIVE) of the `assigned` or `unassigned` account."""

    def action(seed: Seed, actor: str) -> Response:
        owner = seed.account(which)
        content = (
            {"live_id": seed.content.live(owner)}
            if live
            else {"video_id": seed.content.video(owner)}
        )
        body = {
            "ad_account_id": seed.ad_account_of(actor),
            "tiktok_account_id": owner.id,
            "name": "Spark",
            **content,
        }
        return send(seed, actor, "POST", "/v1/spark-ads", body)

    return action


def make_spark_ad_after_the_bc_revokes(seed: Seed, actor: str) -> Response:
    seed.content.revoke(seed.bc, seed.assigned)
    return make_spark_ad("assigned")(seed, actor)


def make_spark_ad_after_the_bc_removes_members(seed: Seed, actor: str) -> Response:
    for user in (seed.actors["STANDARD"], seed.actors["STANDARD_POST_ONLY"], seed.spare):
        member_id = seed.bc.member_ids[user.id]
        expect(send(seed, "ADMIN", "DELETE", f"/members/{member_id}"), 204)
    seed.content.revoke(seed.bc, seed.assigned)
    return make_spark_ad("assigned")(seed, actor)


ACTIONS: dict[str, Action] = {
    "request access": request_access,
    "cancel a request": cancel_request,
    "read the QR code": read_qr_code,
    "list TikTok accounts": list_tiktok_accounts,
    "read the profile of an assigned account": read("profile", "assigned"),
    "read the profile of an unassigned account": read("profile", "unassigned"),
    "read the videos of an assigned account": read("videos", "assigned"),
    "read the videos of an unassigned account": read("videos", "unassigned"),
    "read the lives of an assigned account": read("lives", "assigned"),
    "read the lives of an unassigned account": read("lives", "unassigned"),
    "read videos after the BC revokes": read_videos_after_the_bc_revokes,
    "assign members on an assigned account": assign_members("assigned"),
    "assign members on an unassigned account": assign_members("unassigned"),
    "end an assigned account's authorization": end_authorization("assigned"),
    "end an unassigned account's authorization": end_authorization("unassigned"),
    "read the audit log": read_audit_log,
    "create an ad account": create_ad_account,
    "set an ad-account role": set_ad_account_role,
    "make a Spark Ad with an assignment": make_spark_ad("assigned"),
    "make a LIVE Spark Ad with an assignment": make_spark_ad("assigned", live=True),
    "make a Spark Ad without an assignment": make_spark_ad("unassigned"),
    "make a Spark Ad after the BC revokes": make_spark_ad_after_the_bc_revokes,
    "make a Spark Ad after the BC removes members": make_spark_ad_after_the_bc_removes_members,
}


# --- the table --------------------------------------------------------------------------------


class Cell(NamedTuple):
    action: str
    actor: str
    status: int
    code: str | None = None  # the problem's code, for an error status
    shows: str | None = None  # the accounts listed ("assigned,unassigned"), or the ad's identity


ADMIN, STANDARD, POST_ONLY = "ADMIN", "STANDARD", "STANDARD_POST_ONLY"
LINKED_MEMBER, LINKED_OUTSIDER = "LINKED_MEMBER", "LINKED_OUTSIDER"
FORBIDDEN = (403, "FORBIDDEN")
NOT_FOUND = (404, "NOT_FOUND")
NOT_ASSIGNED = (403, "TIKTOK_ACCOUNT_NOT_ASSIGNED")
REVOKED_READ = (403, "AUTHORIZATION_REVOKED")

TABLE: list[Cell] = [
    Cell("request access", ADMIN, 201),
    Cell("request access", STANDARD, *FORBIDDEN),
    Cell("cancel a request", ADMIN, 200),
    Cell("cancel a request", STANDARD, *FORBIDDEN),
    Cell("read the QR code", ADMIN, 200),
    Cell("read the QR code", STANDARD, *FORBIDDEN),
    Cell("list TikTok accounts", ADMIN, 200, shows="assigned,unassigned"),
    Cell("list TikTok accounts", STANDARD, 200, shows="assigned"),
    Cell("read the profile of an assigned account", ADMIN, 200),
    Cell("read the profile of an assigned account", STANDARD, 200),
    Cell("read the profile of an unassigned account", ADMIN, 200),
    Cell("read the profile of an unassigned account", STANDARD, *NOT_FOUND),
    Cell("read the videos of an assigned account", ADMIN, 200),
    Cell("read the videos of an assigned account", STANDARD, 200),
    Cell("read the videos of an unassigned account", ADMIN, 200),
    Cell("read the videos of an unassigned account", STANDARD, *NOT_FOUND),
    Cell("read the lives of an assigned account", ADMIN, 200),
    Cell("read the lives of an assigned account", STANDARD, 200),
    Cell("read the lives of an assigned account", POST_ONLY, *FORBIDDEN),
    Cell("read the lives of an unassigned account", ADMIN, 200),
    Cell("read the lives of an unassigned account", STANDARD, *NOT_FOUND),
    Cell("read videos after the BC revokes", ADMIN, *REVOKED_READ),
    Cell("read videos after the BC revokes", STANDARD, *NOT_FOUND),
    Cell("assign members on an assigned account", ADMIN, 200),
    Cell("assign members on an assigned account", STANDARD, *FORBIDDEN),
    Cell("assign members on an unassigned account", ADMIN, 200),
    Cell("assign members on an unassigned account", STANDARD, *NOT_FOUND),
    Cell("end an assigned account's authorization", ADMIN, 204),
    Cell("end an assigned account's authorization", STANDARD, *FORBIDDEN),
    Cell("end an unassigned account's authorization", ADMIN, 204),
    Cell("end an unassigned account's authorization", STANDARD, *NOT_FOUND),
    Cell("read the audit log", ADMIN, 200),
    Cell("read the audit log", STANDARD, *FORBIDDEN),
    Cell("create an ad account", ADMIN, 201),
    Cell("create an ad account", STANDARD, *FORBIDDEN),
    Cell("set an ad-account role", ADMIN, 200),
    Cell("set an ad-account role", STANDARD, *FORBIDDEN),
    Cell("make a Spark Ad with an assignment", ADMIN, 201, shows="BC_AUTH_TT"),
    Cell("make a Spark Ad with an assignment", STANDARD, 201, shows="BC_AUTH_TT"),
    Cell("make a LIVE Spark Ad with an assignment", ADMIN, 201, shows="BC_AUTH_TT"),
    Cell("make a LIVE Spark Ad with an assignment", STANDARD, 201, shows="BC_AUTH_TT"),
    Cell("make a LIVE Spark Ad with an assignment", POST_ONLY, *NOT_ASSIGNED),
    Cell("make a Spark Ad without an assignment", ADMIN, *NOT_ASSIGNED),
    Cell("make a Spark Ad without an assignment", STANDARD, *NOT_ASSIGNED),
    # The two account-link scenarios: the link keeps its rights whatever the BC does.
    Cell("make a Spark Ad with an assignment", LINKED_MEMBER, 201, shows="BC_AUTH_TT"),
    Cell("make a Spark Ad with an assignment", LINKED_OUTSIDER, 201, shows="TT_USER"),
    Cell("make a LIVE Spark Ad with an assignment", LINKED_MEMBER, 201, shows="TT_USER"),
    Cell("make a Spark Ad after the BC revokes", ADMIN, 403, "AUTHORIZATION_REVOKED"),
    Cell("make a Spark Ad after the BC revokes", STANDARD, 403, "AUTHORIZATION_REVOKED"),
    Cell("make a Spark Ad after the BC revokes", LINKED_MEMBER, 201, shows="TT_USER"),
    Cell("make a Spark Ad after the BC revokes", LINKED_OUTSIDER, 201, shows="TT_USER"),
    Cell("make a Spark Ad after the BC removes members", ADMIN, 403, "AUTHORIZATION_REVOKED"),
    Cell("make a Spark Ad after the BC removes members", STANDARD, *NOT_FOUND),  # no longer sees
    Cell("make a Spark Ad after the BC removes members", LINKED_OUTSIDER, 201, shows="TT_USER"),
]


def _check_body(seed: Seed, cell: Cell, body: Any) -> None:
    if cell.action == "list TikTok accounts":
        assert cell.shows is not None
        expected = {seed.account(which).id for which in cell.shows.split(",")}
        assert {item["id"] for item in body["items"]} == expected
        assert len(body["items"]) == len(expected)
    elif cell.action.startswith("make a"):
        assert body["identity_type"] == cell.shows
        bc_id = seed.bc.id if cell.shows == "BC_AUTH_TT" else None
        assert body["identity_authorized_bc_id"] == bc_id
        assert body["status"] == "ACTIVE"


@pytest.mark.parametrize("cell", TABLE, ids=[f"{cell.actor}: {cell.action}" for cell in TABLE])
def test_role_table(seed: Seed, cell: Cell) -> None:
    response = ACTIONS[cell.action](seed, cell.actor)

    if cell.code is not None:
        expect_problem(response, cell.status, cell.code)
        return
    assert response.status_code == cell.status, (response.status_code, response.text)
    if cell.action == "read the QR code":
        assert response.headers["content-type"] == "image/png"
    elif response.content:
        _check_body(seed, cell, response.json())


def test_every_action_has_a_cell_for_admin_and_standard() -> None:
    cells = {(cell.action, cell.actor) for cell in TABLE}

    assert {action for action, _ in cells} == set(ACTIONS)
    for action in ACTIONS:
        assert (action, ADMIN) in cells, action
        assert (action, STANDARD) in cells, action


def test_every_cell_is_listed_once() -> None:
    assert len({(cell.action, cell.actor) for cell in TABLE}) == len(TABLE)
