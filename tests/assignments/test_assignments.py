"""Step 2: assignments of BC members to an authorized TikTok account (SPEC section 7).

HTTP tests check status codes and bodies on the real app and database; service-level tests
call `app.assignments.service` with a `Context` to pin the same rules down. Service-level
tests build their actors over HTTP first and only then use `ctx`, whose write session would
otherwise hold the database while the app waits for it.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from typing import Any

import pytest
from httpx import Response
from pydantic import ValidationError
from sqlalchemy import Engine, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.assignments import service
from app.assignments.models import Assignment
from app.assignments.schemas import AssignmentsCreate, AssignmentUpdate
from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.authorizations import service as authorization_service
from app.business_centers import service as bc_service
from app.business_centers.models import Member
from app.core.context import Context
from app.core.db import fetch_in
from app.core.enums import AssignmentRole, AuthorizationStatus, Scope
from app.core.errors import AppError, ErrorCode
from app.core.ids import new_id
from app.core.pagination import PageRequest
from app.users.principal import UserPrincipal
from tests.conftest import Clock, SyncDatabase
from tests.factories import Api, Bc, Content, Owner, User, expect, expect_problem

ASSIGNMENT_FIELDS = {"member_id", "user_id", "email", "roles", "assigned_at"}
REVOKERS = ["BUSINESS_CENTER", "OWNER"]


# --- helpers --------------------------------------------------------------------------------


@pytest.fixture
def bc(api: Api) -> Bc:
    return api.bc()


@pytest.fixture
def owner(api: Api) -> Owner:
    return api.owner()


def accounts_url(bc: Bc, *rest: str) -> str:
    return "/".join([f"/v1/business-centers/{bc.id}/tiktok-accounts", *rest])


def url(bc: Bc, owner: Owner, *rest: str) -> str:
    return accounts_url(bc, owner.id, "assignments", *rest)


def member_id(bc: Bc, user: User) -> str:
    return bc.member_ids[user.id]


def post(
    api: Api, bc: Bc, owner: Owner, member_ids: list[str], roles: list[str], caller: User
) -> Response:
    response: Response = api.client.post(
        url(bc, owner), json={"member_ids": member_ids, "roles": roles}, headers=caller.headers
    )
    return response


def put(api: Api, bc: Bc, owner: Owner, member: str, roles: list[str], caller: User) -> Response:
    response: Response = api.client.put(
        url(bc, owner, member), json={"roles": roles}, headers=caller.headers
    )
    return response


def delete(api: Api, bc: Bc, owner: Owner, member: str, caller: User) -> Response:
    response: Response = api.client.delete(url(bc, owner, member), headers=caller.headers)
    return response


def assignments(api: Api, bc: Bc, owner: Owner) -> list[dict[str, Any]]:
    body = expect(api.client.get(url(bc, owner), headers=bc.admin.headers), 200)
    items: list[dict[str, Any]] = body["items"]
    return items


def roles_by_member(api: Api, bc: Bc, owner: Owner) -> dict[str, list[str]]:
    return {item["member_id"]: item["roles"] for item in assignments(api, bc, owner)}


def seen_by(api: Api, bc: Bc, caller: User) -> list[dict[str, Any]]:
    body = expect(api.client.get(accounts_url(bc), headers=caller.headers), 200)
    items: list[dict[str, Any]] = body["items"]
    return items


def audit_count(engine: Engine, bc: Bc, action: str) -> int:
    with Session(engine) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.business_center_id == bc.id, AuditEvent.action == action)
            )
            or 0
        )


def principal(user: User) -> UserPrincipal:
    return UserPrincipal(id=user.id, email=user.email)


async def refusal(call: Callable[[], Awaitable[object]]) -> AppError:
    with pytest.raises(AppError) as raised:
        await call()
    return raised.value


# --- POST: bulk assignment ------------------------------------------------------------------


def test_bulk_assignment_returns_the_resulting_assignments(
    api: Api, bc: Bc, owner: Owner, clock: Clock
) -> None:
    api.authorize(bc, owner)
    first, second = api.member(bc), api.member(bc)
    ids = [member_id(bc, first), member_id(bc, second)]
    body = expect(post(api, bc, owner, ids, ["POST"], bc.admin), 200)
    assert set(body) == {"items", "next_cursor"}
    assert body["next_cursor"] is None
    for item in body["items"]:
        assert set(item) == ASSIGNMENT_FIELDS
        assert datetime.fromisoformat(item["assigned_at"]) == clock.now
    assert [(i["member_id"], i["user_id"], i["email"], i["roles"]) for i in body["items"]] == [
        (ids[0], first.id, first.email, ["POST"]),
        (ids[1], second.id, second.email, ["POST"]),
    ]


def test_the_list_shows_every_assignment_of_the_account(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    first, second, unassigned = api.member(bc), api.member(bc), api.member(bc)
    content.assign(bc, owner, [first], ["POST"])
    content.assign(bc, owner, [second], ["LIVE"])
    body = expect(api.client.get(url(bc, owner), headers=bc.admin.headers), 200)
    assert body["next_cursor"] is None
    assert [(item["member_id"], item["email"], item["roles"]) for item in body["items"]] == [
        (member_id(bc, second), second.email, ["LIVE"]),
        (member_id(bc, first), first.email, ["POST"]),
    ]
    assert member_id(bc, unassigned) not in roles_by_member(api, bc, owner)


def test_the_list_is_empty_before_any_assignment(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    assert expect(api.client.get(url(bc, owner), headers=bc.admin.headers), 200) == {
        "items": [],
        "next_cursor": None,
    }


def test_assigned_members_see_the_account_with_their_roles(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["LIVE", "POST"])
    (item,) = seen_by(api, bc, member)
    assert (item["id"], item["my_roles"]) == (owner.id, ["POST", "LIVE"])


def test_assigning_again_replaces_the_roles(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    body = content.assign(bc, owner, [member], ["LIVE"])
    assert [item["roles"] for item in body["items"]] == [["LIVE"]]
    assert roles_by_member(api, bc, owner) == {member_id(bc, member): ["LIVE"]}
    assert seen_by(api, bc, member)[0]["my_roles"] == ["LIVE"]


def test_assigning_the_same_roles_twice_is_idempotent(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase, clock: Clock
) -> None:
    api.authorize(bc, owner)
    first, second = api.member(bc), api.member(bc)
    once = content.assign(bc, owner, [first, second], ["POST"])
    assert audit_count(database.engine, bc, "assignment.set") == 2
    clock.advance(60)
    twice = content.assign(bc, owner, [first, second], ["POST"])
    assert twice == once
    assert audit_count(database.engine, bc, "assignment.set") == 2


def test_roles_in_another_order_are_the_same_roles(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    once = content.assign(bc, owner, [member], ["LIVE", "POST"])
    twice = content.assign(bc, owner, [member], ["POST", "LIVE"])
    assert once == twice
    assert once["items"][0]["roles"] == ["POST", "LIVE"]
    assert audit_count(database.engine, bc, "assignment.set") == 1


def test_assigning_a_new_member_alongside_assigned_ones_writes_one_event(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize(bc, owner)
    old, new = api.member(bc), api.member(bc)
    content.assign(bc, owner, [old], ["POST"])
    body = content.assign(bc, owner, [old, new], ["POST"])
    assert [item["member_id"] for item in body["items"]] == [
        member_id(bc, old),
        member_id(bc, new),
    ]
    assert audit_count(database.engine, bc, "assignment.set") == 2


def test_an_admin_may_assign_itself(api: Api, content: Content, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    body = content.assign(bc, owner, [bc.admin], ["POST"])
    assert body["items"][0]["user_id"] == bc.admin.id


def test_admins_see_accounts_unassigned_but_with_empty_roles_until_assigned(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    second_admin = api.member(bc, "ADMIN")
    assert [(item["id"], item["my_roles"]) for item in seen_by(api, bc, bc.admin)] == [
        (owner.id, [])
    ]
    content.assign(bc, owner, [bc.admin], ["POST"])
    assert seen_by(api, bc, bc.admin)[0]["my_roles"] == ["POST"]
    assert seen_by(api, bc, second_admin)[0]["my_roles"] == []
    detail = expect(api.client.get(accounts_url(bc, owner.id), headers=bc.admin.headers), 200)
    assert detail["my_roles"] == ["POST"]


@pytest.mark.parametrize("stranger", ["other-bc-member", "random-id", "malformed-id"])
def test_one_member_not_in_this_bc_refuses_the_whole_call(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase, stranger: str
) -> None:
    api.authorize_both(bc, owner)
    kept, fresh = api.member(bc), api.member(bc)
    content.assign(bc, owner, [kept], ["POST"])
    if stranger == "other-bc-member":
        other = api.bc()
        outsider = member_id(other, api.member(other))
    else:
        outsider = new_id() if stranger == "random-id" else "nobody"
    events = audit_count(database.engine, bc, "assignment.set")
    ids = [member_id(bc, kept), member_id(bc, fresh), outsider]
    body = expect_problem(post(api, bc, owner, ids, ["LIVE"], bc.admin), 422, "MEMBER_NOT_FOUND")
    assert [error["loc"] for error in body["errors"]] == [["body", "member_ids", 2]]
    assert roles_by_member(api, bc, owner) == {member_id(bc, kept): ["POST"]}
    assert seen_by(api, bc, fresh) == []
    assert audit_count(database.engine, bc, "assignment.set") == events


def test_the_same_users_member_id_in_another_bc_is_member_not_found(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    other = api.bc(admin=bc.admin)  # the same user, a member of both: its other membership
    response = post(api, bc, owner, [member_id(other, bc.admin)], ["POST"], bc.admin)
    expect_problem(response, 422, "MEMBER_NOT_FOUND")
    assert assignments(api, bc, owner) == []


def test_duplicate_member_ids_are_a_validation_error(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    member = member_id(bc, api.member(bc))
    body = expect_problem(
        post(api, bc, owner, [member, member], ["POST"], bc.admin), 422, "VALIDATION_ERROR"
    )
    assert body["errors"]
    assert assignments(api, bc, owner) == []


@pytest.mark.parametrize("count", [0, 51])
def test_zero_or_more_than_fifty_member_ids_are_a_validation_error(
    api: Api, bc: Bc, owner: Owner, count: int
) -> None:
    api.authorize(bc, owner)
    ids = [new_id() for _ in range(count)]
    body = expect_problem(post(api, bc, owner, ids, ["POST"], bc.admin), 422, "VALIDATION_ERROR")
    assert body["errors"]


def test_fifty_members_are_assigned_in_one_call(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    ids = [member_id(bc, api.member(bc)) for _ in range(50)]
    body = expect(post(api, bc, owner, ids, ["POST"], bc.admin), 200)
    assert [item["member_id"] for item in body["items"]] == ids
    assert body["next_cursor"] is None


@pytest.mark.parametrize(
    "payload",
    [
        {"roles": []},
        {"roles": ["ADMIN"]},
        {"roles": ["post"]},
        {"roles": "POST"},
        {},
        {"roles": ["POST"], "extra": True},
    ],
    ids=["empty", "unknown", "lowercase", "not-a-list", "missing", "unknown-field"],
)
def test_bad_roles_are_a_validation_error(
    api: Api, bc: Bc, owner: Owner, payload: dict[str, Any]
) -> None:
    api.authorize(bc, owner)
    member = member_id(bc, api.member(bc))
    response = api.client.post(
        url(bc, owner), json={"member_ids": [member], **payload}, headers=bc.admin.headers
    )
    expect_problem(response, 422, "VALIDATION_ERROR")
    assert assignments(api, bc, owner) == []


@pytest.mark.parametrize(("scope", "role"), [("EXISTING_POSTS", "LIVE"), ("LIVE_VIDEOS", "POST")])
def test_a_role_outside_the_scopes_is_refused(
    api: Api, bc: Bc, owner: Owner, database: SyncDatabase, scope: str, role: str
) -> None:
    api.authorize(bc, owner, scope)
    member = member_id(bc, api.member(bc))
    expect_problem(post(api, bc, owner, [member], [role], bc.admin), 409, "ROLE_OUTSIDE_SCOPE")
    expect_problem(put(api, bc, owner, member, [role], bc.admin), 409, "ROLE_OUTSIDE_SCOPE")
    both = ["POST", "LIVE"]
    expect_problem(post(api, bc, owner, [member], both, bc.admin), 409, "ROLE_OUTSIDE_SCOPE")
    assert assignments(api, bc, owner) == []
    assert audit_count(database.engine, bc, "assignment.set") == 0


@pytest.mark.parametrize(("scope", "role"), [("EXISTING_POSTS", "POST"), ("LIVE_VIDEOS", "LIVE")])
def test_a_role_within_the_scope_is_accepted(
    api: Api, bc: Bc, owner: Owner, scope: str, role: str
) -> None:
    api.authorize(bc, owner, scope)
    member = member_id(bc, api.member(bc))
    body = expect(post(api, bc, owner, [member], [role], bc.admin), 200)
    assert body["items"][0]["roles"] == [role]


def test_after_widening_both_roles_work(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    member = member_id(bc, api.member(bc))
    both = ["POST", "LIVE"]
    expect_problem(post(api, bc, owner, [member], both, bc.admin), 409, "ROLE_OUTSIDE_SCOPE")
    api.authorize(bc, owner, "LIVE_VIDEOS")
    body = expect(post(api, bc, owner, [member], both, bc.admin), 200)
    assert body["items"][0]["roles"] == ["POST", "LIVE"]


# --- PUT and DELETE ---------------------------------------------------------------------------


def test_put_creates_an_assignment(api: Api, bc: Bc, owner: Owner, clock: Clock) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    body = expect(put(api, bc, owner, member_id(bc, member), ["POST"], bc.admin), 200)
    assert body == {
        "member_id": member_id(bc, member),
        "user_id": member.id,
        "email": member.email,
        "roles": ["POST"],
        "assigned_at": body["assigned_at"],
    }
    assert datetime.fromisoformat(body["assigned_at"]) == clock.now
    assert seen_by(api, bc, member)[0]["my_roles"] == ["POST"]


def test_put_replaces_the_roles(api: Api, content: Content, bc: Bc, owner: Owner) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    body = expect(put(api, bc, owner, member_id(bc, member), ["LIVE", "POST"], bc.admin), 200)
    assert body["roles"] == ["POST", "LIVE"]
    assert roles_by_member(api, bc, owner) == {member_id(bc, member): ["POST", "LIVE"]}


@pytest.mark.parametrize("stranger", ["other-bc-member", "random-id", "malformed-id"])
def test_put_for_a_member_not_in_this_bc_is_404(
    api: Api, bc: Bc, owner: Owner, stranger: str
) -> None:
    api.authorize(bc, owner)
    if stranger == "other-bc-member":
        other = api.bc()
        outsider = member_id(other, api.member(other))
    else:
        outsider = new_id() if stranger == "random-id" else "nobody"
    expect_problem(put(api, bc, owner, outsider, ["POST"], bc.admin), 404, "NOT_FOUND")
    assert assignments(api, bc, owner) == []


@pytest.mark.parametrize("roles", [[], ["ADMIN"]])
def test_put_with_bad_roles_is_a_validation_error(
    api: Api, bc: Bc, owner: Owner, roles: list[str]
) -> None:
    api.authorize(bc, owner)
    member = member_id(bc, api.member(bc))
    expect_problem(put(api, bc, owner, member, roles, bc.admin), 422, "VALIDATION_ERROR")


def test_delete_unassigns_and_a_second_delete_is_404(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase
) -> None:
    api.authorize(bc, owner)
    member, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [member, other], ["POST"])
    response = delete(api, bc, owner, member_id(bc, member), bc.admin)
    assert (response.status_code, response.content) == (204, b"")
    assert roles_by_member(api, bc, owner) == {member_id(bc, other): ["POST"]}
    assert audit_count(database.engine, bc, "assignment.removed") == 1
    expect_problem(delete(api, bc, owner, member_id(bc, member), bc.admin), 404, "NOT_FOUND")
    assert audit_count(database.engine, bc, "assignment.removed") == 1


def test_an_unassigned_member_loses_the_account_at_once(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST", "LIVE"])
    assert [item["id"] for item in seen_by(api, bc, member)] == [owner.id]
    expect(delete(api, bc, owner, member_id(bc, member), bc.admin), 204)
    assert seen_by(api, bc, member) == []
    for path in ["", "/profile", "/videos", "/lives"]:
        response = api.client.get(accounts_url(bc, owner.id) + path, headers=member.headers)
        expect_problem(response, 404, "NOT_FOUND")


def test_delete_for_an_unknown_or_unassigned_member_is_404(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    assigned, unassigned = api.member(bc), api.member(bc)
    content.assign(bc, owner, [assigned], ["POST"])
    for unknown in [new_id(), "nobody", member_id(bc, unassigned)]:
        expect_problem(delete(api, bc, owner, unknown, bc.admin), 404, "NOT_FOUND")
    assert roles_by_member(api, bc, owner) == {member_id(bc, assigned): ["POST"]}


# --- who may change assignments -------------------------------------------------------------


@pytest.mark.parametrize("revoker", REVOKERS)
def test_changes_on_a_revoked_authorization_are_refused(
    api: Api, content: Content, bc: Bc, owner: Owner, database: SyncDatabase, revoker: str
) -> None:
    api.authorize(bc, owner)
    assigned, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [assigned], ["POST"])
    content.end(bc, owner, revoker)
    events = audit_count(database.engine, bc, "assignment.set")
    ids = [member_id(bc, assigned), member_id(bc, other)]
    for response in [
        post(api, bc, owner, ids, ["POST"], bc.admin),
        put(api, bc, owner, member_id(bc, other), ["POST"], bc.admin),
        delete(api, bc, owner, member_id(bc, assigned), bc.admin),
    ]:
        expect_problem(response, 409, "AUTHORIZATION_REVOKED")
    assert audit_count(database.engine, bc, "assignment.set") == events
    assert audit_count(database.engine, bc, "assignment.removed") == 0


def test_a_standard_member_may_not_touch_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    mine, theirs = member_id(bc, member), member_id(bc, other)
    for response in [
        api.client.get(url(bc, owner), headers=member.headers),
        post(api, bc, owner, [theirs], ["POST"], member),
        put(api, bc, owner, theirs, ["POST"], member),
        delete(api, bc, owner, mine, member),
    ]:
        expect_problem(response, 403, "FORBIDDEN")
    assert roles_by_member(api, bc, owner) == {mine: ["POST"]}


def test_an_unassigned_standard_member_gets_404_on_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [other], ["POST"])
    theirs = member_id(bc, other)
    for response in [
        api.client.get(url(bc, owner), headers=member.headers),
        post(api, bc, owner, [member_id(bc, member)], ["POST"], member),
        put(api, bc, owner, member_id(bc, member), ["POST"], member),
        delete(api, bc, owner, theirs, member),
    ]:
        expect_problem(response, 404, "NOT_FOUND")
    assert roles_by_member(api, bc, owner) == {theirs: ["POST"]}


def test_another_bcs_admin_gets_404(api: Api, content: Content, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    other = api.bc()
    api.authorize(other, owner)
    mine = member_id(bc, member)
    for response in [
        api.client.get(url(bc, owner), headers=other.admin.headers),
        post(api, bc, owner, [mine], ["POST"], other.admin),
        put(api, bc, owner, mine, ["POST"], other.admin),
        delete(api, bc, owner, mine, other.admin),
    ]:
        expect_problem(response, 404, "NOT_FOUND")
    assert roles_by_member(api, bc, owner) == {mine: ["POST"]}


def test_assignments_of_an_account_not_authorized_to_the_bc_are_404(
    api: Api, bc: Bc, owner: Owner
) -> None:
    member = member_id(bc, api.member(bc))
    for response in [
        api.client.get(url(bc, owner), headers=bc.admin.headers),
        post(api, bc, owner, [member], ["POST"], bc.admin),
        put(api, bc, owner, member, ["POST"], bc.admin),
        delete(api, bc, owner, member, bc.admin),
    ]:
        expect_problem(response, 404, "NOT_FOUND")


def test_assignments_without_a_token_are_401(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    expect_problem(api.client.get(url(bc, owner)), 401, "UNAUTHENTICATED")


# --- after the authorization ends, and when a member leaves -----------------------------------


def test_a_new_authorization_after_revocation_starts_without_the_old_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    content.owner_revokes(bc, owner)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    (account,) = seen_by(api, bc, bc.admin)
    assert (account["authorization_status"], account["scopes"]) == ("ACTIVE", ["LIVE_VIDEOS"])
    assert assignments(api, bc, owner) == []
    assert seen_by(api, bc, member) == []
    response = api.client.get(accounts_url(bc, owner.id), headers=member.headers)
    expect_problem(response, 404, "NOT_FOUND")


def test_the_new_authorization_takes_only_roles_of_its_new_scope(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    content.revoke(bc, owner)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    mine = member_id(bc, member)
    expect_problem(post(api, bc, owner, [mine], ["POST"], bc.admin), 409, "ROLE_OUTSIDE_SCOPE")
    content.assign(bc, owner, [member], ["LIVE"])
    (account,) = seen_by(api, bc, member)
    assert (account["id"], account["my_roles"]) == (owner.id, ["LIVE"])
    assert roles_by_member(api, bc, owner) == {mine: ["LIVE"]}


def test_removing_a_member_from_the_bc_removes_its_assignments(
    api: Api, content: Content, bc: Bc, database: SyncDatabase
) -> None:
    first, second = api.owner(), api.owner()
    api.authorize(bc, first)
    api.authorize(bc, second)
    leaving, staying = api.member(bc), api.member(bc)
    content.assign(bc, first, [leaving, staying], ["POST"])
    content.assign(bc, second, [leaving], ["POST"])
    gone = member_id(bc, leaving)
    expect(
        api.client.delete(f"/v1/business-centers/{bc.id}/members/{gone}", headers=bc.admin.headers),
        204,
    )
    assert roles_by_member(api, bc, first) == {member_id(bc, staying): ["POST"]}
    assert assignments(api, bc, second) == []
    with Session(database.engine) as session:
        left = session.scalars(select(Assignment).where(Assignment.member_id == gone)).all()
    assert left == []
    api.member(bc, user=leaving)  # back in the BC: a new member, with nothing assigned
    assert seen_by(api, bc, leaving) == []


# --- the same rules at service level ----------------------------------------------------------


async def assignment_rows(session: AsyncSession, bc_id: str) -> dict[str, list[str]]:
    rows = await session.execute(
        select(Assignment.member_id, Assignment.roles)
        .join(Member, Member.id == Assignment.member_id)
        .where(Member.business_center_id == bc_id)
    )
    return {member: list(roles) for member, roles in rows}


async def set_events(session: AsyncSession, bc_id: str) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.business_center_id == bc_id, AuditEvent.action == "assignment.set")
        )
        or 0
    )


def create(member_ids: list[str], *roles: AssignmentRole) -> AssignmentsCreate:
    return AssignmentsCreate(member_ids=member_ids, roles=list(roles))


def update(*roles: AssignmentRole) -> AssignmentUpdate:
    return AssignmentUpdate(roles=list(roles))


POST, LIVE = AssignmentRole.POST, AssignmentRole.LIVE


async def test_service_assign_returns_every_members_assignment(
    api: Api, bc: Bc, owner: Owner, ctx: Context, clock: Clock
) -> None:
    api.authorize(bc, owner)
    first, second = api.member(bc), api.member(bc)
    ids = [member_id(bc, first), member_id(bc, second)]
    page = await service.assign(ctx, principal(bc.admin), bc.id, owner.id, create(ids, POST))
    assert page.next_cursor is None
    assert [(i.member_id, i.user_id, i.email, i.roles) for i in page.items] == [
        (ids[0], first.id, first.email, [POST]),
        (ids[1], second.id, second.email, [POST]),
    ]
    assert {item.assigned_at for item in page.items} == {clock.now}
    listed = await service.list_assignments(
        fetch_in(ctx.session), principal(bc.admin), bc.id, owner.id, PageRequest()
    )
    assert {item.member_id for item in listed.items} == set(ids)


async def test_service_assign_again_replaces_and_the_same_call_writes_nothing(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    ids = [member_id(bc, api.member(bc))]
    admin = principal(bc.admin)
    await service.assign(ctx, admin, bc.id, owner.id, create(ids, POST))
    replaced = await service.assign(ctx, admin, bc.id, owner.id, create(ids, LIVE))
    assert replaced.items[0].roles == [LIVE]
    assert await set_events(ctx.session, bc.id) == 2
    again = await service.assign(ctx, admin, bc.id, owner.id, create(ids, LIVE))
    assert again == replaced
    assert await set_events(ctx.session, bc.id) == 2
    assert await assignment_rows(ctx.session, bc.id) == {ids[0]: ["LIVE"]}


async def test_service_assign_is_all_or_nothing(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    kept, fresh = api.member(bc), api.member(bc)
    content.assign(bc, owner, [kept], ["POST"])
    other = api.bc()
    outsiders = [member_id(other, api.member(other)), new_id()]
    admin = principal(bc.admin)
    for outsider in outsiders:
        body = create([member_id(bc, fresh), member_id(bc, kept), outsider], POST)
        error = await refusal(partial(service.assign, ctx, admin, bc.id, owner.id, body))
        assert (error.code, error.status) == (ErrorCode.MEMBER_NOT_FOUND, 422)
        assert [e["loc"] for e in error.extra["errors"]] == [["body", "member_ids", 2]]
    assert await assignment_rows(ctx.session, bc.id) == {member_id(bc, kept): ["POST"]}
    assert await set_events(ctx.session, bc.id) == 1


def test_assignments_create_refuses_duplicate_and_out_of_range_member_ids() -> None:
    one = new_id()
    for member_ids in [[one, one], [], [new_id() for _ in range(51)]]:
        with pytest.raises(ValidationError):
            AssignmentsCreate(member_ids=member_ids, roles=[POST])
    assert len(create([new_id() for _ in range(50)], POST).member_ids) == 50


@pytest.mark.parametrize("roles", [[], ["ADMIN"], ["post"]])
def test_assignment_bodies_refuse_empty_or_unknown_roles(roles: list[str]) -> None:
    with pytest.raises(ValidationError):
        AssignmentsCreate.model_validate({"member_ids": [new_id()], "roles": roles})
    with pytest.raises(ValidationError):
        AssignmentUpdate.model_validate({"roles": roles})


def test_assignment_bodies_put_roles_in_spec_order() -> None:
    assert create([new_id()], LIVE, POST).roles == [POST, LIVE]
    assert update(LIVE, POST).roles == [POST, LIVE]


async def test_service_roles_outside_the_scopes_are_refused_until_widened(
    api: Api, bc: Bc, ctx: Context
) -> None:
    posts, lives = api.owner(), api.owner()
    api.authorize(bc, posts, "EXISTING_POSTS")
    api.authorize(bc, lives, "LIVE_VIDEOS")
    ids = [member_id(bc, api.member(bc))]
    admin = principal(bc.admin)
    for account, role in [(posts, LIVE), (lives, POST)]:
        calls: list[Callable[[], Awaitable[object]]] = [
            partial(service.assign, ctx, admin, bc.id, account.id, create(ids, role)),
            partial(service.update, ctx, admin, bc.id, account.id, ids[0], update(role)),
        ]
        for call in calls:
            error = await refusal(call)
            assert (error.code, error.status) == (ErrorCode.ROLE_OUTSIDE_SCOPE, 409)
    assert await assignment_rows(ctx.session, bc.id) == {}
    owner_actor = Actor.owner(posts.id)
    await authorization_service.grant(ctx, bc.id, posts.id, Scope.LIVE_VIDEOS, owner_actor)
    page = await service.assign(ctx, admin, bc.id, posts.id, create(ids, POST, LIVE))
    assert page.items[0].roles == [POST, LIVE]


async def test_service_update_creates_replaces_and_needs_a_member_of_the_bc(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    other = api.bc()
    outsider = member_id(other, api.member(other))
    mine, admin = member_id(bc, member), principal(bc.admin)
    created = await service.update(ctx, admin, bc.id, owner.id, mine, update(POST))
    assert (created.member_id, created.user_id, created.roles) == (mine, member.id, [POST])
    replaced = await service.update(ctx, admin, bc.id, owner.id, mine, update(LIVE))
    assert replaced.roles == [LIVE]
    for unknown in [outsider, new_id()]:
        error = await refusal(
            partial(service.update, ctx, admin, bc.id, owner.id, unknown, update(POST))
        )
        assert error.code is ErrorCode.NOT_FOUND
    assert await assignment_rows(ctx.session, bc.id) == {mine: ["LIVE"]}


async def test_service_remove_unassigns_at_once(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    admin, me, mine = principal(bc.admin), principal(member), member_id(bc, member)
    assert (await authorization_service.get_account(ctx, me, bc.id, owner.id)).my_roles == [POST]
    await service.remove(ctx, admin, bc.id, owner.id, mine)
    assert await assignment_rows(ctx.session, bc.id) == {}
    error = await refusal(lambda: authorization_service.get_account(ctx, me, bc.id, owner.id))
    assert error.code is ErrorCode.NOT_FOUND
    again = await refusal(lambda: service.remove(ctx, admin, bc.id, owner.id, mine))
    assert again.code is ErrorCode.NOT_FOUND


async def test_service_changes_on_a_revoked_authorization_are_refused(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    assigned, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [assigned], ["POST"])
    admin = principal(bc.admin)
    await authorization_service.revoke_by_business_center(ctx, admin, bc.id, owner.id)
    ids = [member_id(bc, assigned), member_id(bc, other)]
    for call in [
        lambda: service.assign(ctx, admin, bc.id, owner.id, create(ids, POST)),
        lambda: service.update(ctx, admin, bc.id, owner.id, ids[1], update(POST)),
        lambda: service.remove(ctx, admin, bc.id, owner.id, ids[0]),
    ]:
        error = await refusal(call)
        assert (error.code, error.status) == (ErrorCode.AUTHORIZATION_REVOKED, 409)
    assert await assignment_rows(ctx.session, bc.id) == {ids[0]: ["POST"]}


async def test_service_standard_members_and_other_bcs_may_not_touch_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member, other_member = api.member(bc), api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    other = api.bc()
    api.authorize(other, owner)
    mine, theirs = member_id(bc, member), member_id(bc, other_member)
    for caller, code in [
        (member, ErrorCode.FORBIDDEN),
        (other_member, ErrorCode.NOT_FOUND),
        (other.admin, ErrorCode.NOT_FOUND),
    ]:
        who = principal(caller)
        calls: list[Callable[[], Awaitable[object]]] = [
            partial(
                service.list_assignments, fetch_in(ctx.session), who, bc.id, owner.id, PageRequest()
            ),
            partial(service.assign, ctx, who, bc.id, owner.id, create([theirs], POST)),
            partial(service.update, ctx, who, bc.id, owner.id, theirs, update(POST)),
            partial(service.remove, ctx, who, bc.id, owner.id, mine),
        ]
        for call in calls:
            assert (await refusal(call)).code is code, caller
    assert await assignment_rows(ctx.session, bc.id) == {mine: ["POST"]}


async def test_service_new_authorization_after_revocation_has_no_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    admin, me = principal(bc.admin), principal(member)
    await authorization_service.revoke_by_business_center(ctx, admin, bc.id, owner.id)
    renewed = await authorization_service.grant(
        ctx, bc.id, owner.id, Scope.LIVE_VIDEOS, Actor.owner(owner.id)
    )
    assert (renewed.status, renewed.scopes) == (AuthorizationStatus.ACTIVE, [Scope.LIVE_VIDEOS])
    listed = await service.list_assignments(
        fetch_in(ctx.session), admin, bc.id, owner.id, PageRequest()
    )
    assert listed.items == []
    error = await refusal(lambda: authorization_service.get_account(ctx, me, bc.id, owner.id))
    assert error.code is ErrorCode.NOT_FOUND
    await service.assign(ctx, admin, bc.id, owner.id, create([member_id(bc, member)], LIVE))
    assert (await authorization_service.get_account(ctx, me, bc.id, owner.id)).my_roles == [LIVE]


async def test_service_removing_a_member_removes_its_assignments(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    leaving, staying = api.member(bc), api.member(bc)
    content.assign(bc, owner, [leaving, staying], ["POST"])
    admin = principal(bc.admin)
    await bc_service.remove_member(ctx, admin, bc.id, member_id(bc, leaving))
    listed = await service.list_assignments(
        fetch_in(ctx.session), admin, bc.id, owner.id, PageRequest()
    )
    assert [item.member_id for item in listed.items] == [member_id(bc, staying)]
    assert await assignment_rows(ctx.session, bc.id) == {member_id(bc, staying): ["POST"]}
