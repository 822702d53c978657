"""Business Centers, members and ad accounts (SPEC section 3), with their audit events.

HTTP tests check status codes and bodies on the real app and database; service-level
tests call `app.business_centers.service` with a `Context` to pin the rules down.
"""

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments.models import Assignment
from app.audit.models import AuditEvent
from app.authorizations.models import Authorization
from app.business_centers import service
from app.business_centers.models import AdAccountMember, Member
from app.business_centers.schemas import (
    AdAccountCreate,
    AdAccountRoleSet,
    BusinessCenterCreate,
    MemberCreate,
    MemberUpdate,
)
from app.core.context import Context
from app.core.db import fetch_in
from app.core.enums import (
    AdAccountRole,
    AssignmentRole,
    AuthorizationStatus,
    BcRole,
    Scope,
)
from app.core.errors import AppError, ErrorCode
from app.core.pagination import PageRequest
from app.tiktok_app.models import TikTokAccount
from app.users import service as users_service
from app.users.principal import UserPrincipal
from app.users.schemas import UserCreate
from tests.conftest import Clock, SyncDatabase
from tests.factories import Api, Bc, User, expect, expect_problem, unique

# --- helpers --------------------------------------------------------------------------------


def bc_url(bc_id: str, *rest: str) -> str:
    return "/".join(["/v1/business-centers", bc_id, *rest])


def members_of(api: Api, bc: Bc, caller: User | None = None) -> list[dict[str, Any]]:
    caller = caller or bc.admin
    items: list[dict[str, Any]] = expect(
        api.client.get(bc_url(bc.id, "members"), headers=caller.headers), 200
    )["items"]
    return items


def ad_account(api: Api, bc: Bc, name: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.post(
            bc_url(bc.id, "ad-accounts"),
            json={"name": name or unique("Ad account ")},
            headers=bc.admin.headers,
        ),
        201,
    )
    return body


def ad_accounts_seen_by(api: Api, bc: Bc, caller: User) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = expect(
        api.client.get(bc_url(bc.id, "ad-accounts"), headers=caller.headers), 200
    )["items"]
    return items


def set_role(api: Api, bc: Bc, ad_account_id: str, member_id: str, role: str) -> Any:
    return api.client.put(
        bc_url(bc.id, "ad-accounts", ad_account_id, "members", member_id),
        json={"role": role},
        headers=bc.admin.headers,
    )


@dataclass(frozen=True)
class Event:
    business_center_id: str
    actor_type: str
    actor_id: str | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]


def by_user(
    bc_id: str, user_id: str, action: str, target: tuple[str, str], detail: dict[str, Any]
) -> Event:
    """The event a user's change should write: `target` is (target_type, target_id)."""
    return Event(bc_id, "USER", user_id, action, target[0], target[1], detail)


ALL_EVENTS = select(AuditEvent).order_by(AuditEvent.id)


def audit_events(database: SyncDatabase) -> list[Event]:
    """Every row of `audit_events`, oldest first."""
    with database.session(write=False) as session:
        return as_events(session.scalars(ALL_EVENTS).all())


async def events_in(session: AsyncSession) -> list[Event]:
    """Every row of `audit_events` as a unit of work sees it, oldest first."""
    return as_events((await session.scalars(ALL_EVENTS)).all())


def as_events(rows: Sequence[AuditEvent]) -> list[Event]:
    return [
        Event(
            business_center_id=row.business_center_id,
            actor_type=row.actor_type.value,
            actor_id=row.actor_id,
            action=row.action,
            target_type=row.target_type,
            target_id=row.target_id,
            detail=dict(row.detail),
        )
        for row in rows
    ]


def count_rows(database: SyncDatabase, model: type[Any], **where: str) -> int:
    with database.session(write=False) as session:
        stmt = select(func.count()).select_from(model)
        for column, value in where.items():
            stmt = stmt.where(getattr(model, column) == value)
        return session.scalar(stmt) or 0


def authorization_of(database: SyncDatabase, bc: Bc) -> str:
    with database.session(write=False) as session:
        return session.scalars(
            select(Authorization.id).where(Authorization.business_center_id == bc.id)
        ).one()


def assign(database: SyncDatabase, authorization_id: str, member_id: str, clock: Clock) -> str:
    """An assignment row, written the way the assignments service would."""
    with database.session(write=True) as session:
        assignment = Assignment(
            authorization_id=authorization_id,
            member_id=member_id,
            roles=[AssignmentRole.POST],
            assigned_at=clock(),
        )
        session.add(assignment)
        session.flush()
        return assignment.id


# --- POST /v1/business-centers, GET /v1/business-centers/{bc_id} ----------------------------


def test_create_bc_returns_201_with_id_name_and_created_at(api: Api, clock: Clock) -> None:
    user = api.user()
    body = expect(
        api.client.post("/v1/business-centers", json={"name": "Acme"}, headers=user.headers), 201
    )
    assert set(body) == {"id", "name", "created_at"}
    assert body["name"] == "Acme"
    assert datetime.fromisoformat(body["created_at"]) == clock()


def test_create_bc_makes_the_caller_its_only_admin_in_the_members_list(api: Api) -> None:
    user = api.user(display_name="Founder")
    bc = api.bc(admin=user)
    [member] = members_of(api, bc)
    assert member["user_id"] == user.id
    assert member["email"] == user.email
    assert member["display_name"] == "Founder"
    assert member["role"] == "ADMIN"
    assert member["id"] == bc.member_ids[user.id]


def test_create_bc_shows_as_admin_membership_in_users_me(api: Api) -> None:
    user = api.user()
    body = expect(
        api.client.post("/v1/business-centers", json={"name": "Mine"}, headers=user.headers), 201
    )
    me = expect(api.client.get("/v1/users/me", headers=user.headers), 200)
    [membership] = me["memberships"]
    assert membership["business_center_id"] == body["id"]
    assert membership["business_center_name"] == "Mine"
    assert membership["role"] == "ADMIN"


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 201}, {"name": "Ok", "extra": 1}],
    ids=["missing", "empty", "blank", "too-long", "unknown-field"],
)
def test_create_bc_with_an_invalid_body_is_validation_error(api: Api, body: dict[str, Any]) -> None:
    user = api.user()
    response = api.client.post("/v1/business-centers", json=body, headers=user.headers)
    expect_problem(response, 422, "VALIDATION_ERROR")


def test_create_bc_without_a_token_is_unauthenticated(api: Api) -> None:
    response = api.client.post("/v1/business-centers", json={"name": "Acme"})
    expect_problem(response, 401, "UNAUTHENTICATED")


def test_admin_reads_its_bc(api: Api) -> None:
    bc = api.bc(name="Readable")
    body = expect(api.client.get(bc_url(bc.id), headers=bc.admin.headers), 200)
    assert body["id"] == bc.id
    assert body["name"] == "Readable"


def test_standard_member_reads_its_bc(api: Api) -> None:
    bc = api.bc(name="Shared")
    member = api.member(bc, "STANDARD")
    body = expect(api.client.get(bc_url(bc.id), headers=member.headers), 200)
    assert (body["id"], body["name"]) == (bc.id, "Shared")


def test_non_member_reading_a_bc_gets_not_found(api: Api) -> None:
    bc = api.bc()
    stranger = api.user()
    expect_problem(api.client.get(bc_url(bc.id), headers=stranger.headers), 404, "NOT_FOUND")


def test_reading_an_unknown_bc_is_not_found(api: Api) -> None:
    user = api.user()
    response = api.client.get(bc_url("0190a0a0-0000-7000-8000-000000000000"), headers=user.headers)
    expect_problem(response, 404, "NOT_FOUND")


# --- members: list and add ------------------------------------------------------------------


def test_members_list_is_newest_first(api: Api) -> None:
    bc = api.bc()
    first = api.member(bc, "STANDARD")
    second = api.member(bc, "ADMIN")
    listed = members_of(api, bc)
    assert [m["user_id"] for m in listed] == [second.id, first.id, bc.admin.id]
    assert [m["role"] for m in listed] == ["ADMIN", "STANDARD", "ADMIN"]


def test_members_list_pages_with_limit_and_cursor(api: Api) -> None:
    bc = api.bc()
    joined = api.member(bc, "STANDARD")
    url = bc_url(bc.id, "members")
    first = expect(api.client.get(url, params={"limit": 1}, headers=bc.admin.headers), 200)
    assert [m["user_id"] for m in first["items"]] == [joined.id]
    assert first["next_cursor"] is not None
    second = expect(
        api.client.get(
            url, params={"limit": 1, "cursor": first["next_cursor"]}, headers=bc.admin.headers
        ),
        200,
    )
    assert [m["user_id"] for m in second["items"]] == [bc.admin.id]
    assert second["next_cursor"] is None


def test_standard_member_lists_the_members(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    listed = members_of(api, bc, caller=member)
    assert {m["user_id"] for m in listed} == {bc.admin.id, member.id}


def test_non_member_listing_members_gets_not_found(api: Api) -> None:
    bc = api.bc()
    stranger = api.user()
    response = api.client.get(bc_url(bc.id, "members"), headers=stranger.headers)
    expect_problem(response, 404, "NOT_FOUND")


def test_admin_adds_a_member_and_gets_201_member(api: Api, clock: Clock) -> None:
    bc = api.bc()
    user = api.user(display_name="Newcomer")
    body = expect(
        api.client.post(
            bc_url(bc.id, "members"),
            json={"email": user.email, "role": "STANDARD"},
            headers=bc.admin.headers,
        ),
        201,
    )
    assert set(body) == {"id", "user_id", "email", "display_name", "role", "created_at"}
    assert body["user_id"] == user.id
    assert body["email"] == user.email
    assert body["display_name"] == "Newcomer"
    assert body["role"] == "STANDARD"
    assert datetime.fromisoformat(body["created_at"]) == clock()
    assert body in members_of(api, bc)


def test_admin_adds_a_member_as_admin(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "ADMIN")
    [added] = [m for m in members_of(api, bc) if m["user_id"] == user.id]
    assert added["role"] == "ADMIN"


def test_added_member_sees_the_bc_in_users_me(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    me = expect(api.client.get("/v1/users/me", headers=user.headers), 200)
    assert [(m["business_center_id"], m["member_id"], m["role"]) for m in me["memberships"]] == [
        (bc.id, bc.member_ids[user.id], "STANDARD")
    ]


def test_add_member_finds_the_user_whatever_the_email_case(api: Api) -> None:
    bc = api.bc()
    user = api.user()
    body = expect(
        api.client.post(
            bc_url(bc.id, "members"),
            json={"email": user.email.upper(), "role": "STANDARD"},
            headers=bc.admin.headers,
        ),
        201,
    )
    assert body["user_id"] == user.id


def test_adding_an_unknown_email_is_user_not_found(api: Api) -> None:
    bc = api.bc()
    response = api.client.post(
        bc_url(bc.id, "members"),
        json={"email": "nobody@example.com", "role": "STANDARD"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 404, "USER_NOT_FOUND")


def test_adding_an_existing_member_is_already_a_member(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    response = api.client.post(
        bc_url(bc.id, "members"),
        json={"email": user.email, "role": "ADMIN"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 409, "ALREADY_A_MEMBER")
    [kept] = [m for m in members_of(api, bc) if m["user_id"] == user.id]
    assert kept["role"] == "STANDARD"


def test_adding_the_admin_itself_is_already_a_member(api: Api) -> None:
    bc = api.bc()
    response = api.client.post(
        bc_url(bc.id, "members"),
        json={"email": bc.admin.email, "role": "STANDARD"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 409, "ALREADY_A_MEMBER")


def test_standard_member_adding_a_member_is_forbidden(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    newcomer = api.user()
    response = api.client.post(
        bc_url(bc.id, "members"),
        json={"email": newcomer.email, "role": "STANDARD"},
        headers=member.headers,
    )
    expect_problem(response, 403, "FORBIDDEN")
    assert newcomer.id not in {m["user_id"] for m in members_of(api, bc)}


def test_non_member_adding_a_member_gets_not_found(api: Api) -> None:
    bc = api.bc()
    stranger = api.user()
    response = api.client.post(
        bc_url(bc.id, "members"),
        json={"email": stranger.email, "role": "ADMIN"},
        headers=stranger.headers,
    )
    expect_problem(response, 404, "NOT_FOUND")
    assert stranger.id not in {m["user_id"] for m in members_of(api, bc)}


@pytest.mark.parametrize(
    "body",
    [
        {"email": "x@example.com", "role": "OWNER"},
        {"email": "x@example.com", "role": "admin"},
        {"email": "x@example.com"},
        {"email": "not-an-email", "role": "STANDARD"},
    ],
    ids=["unknown-role", "lowercase-role", "role-missing", "bad-email"],
)
def test_add_member_with_an_invalid_body_is_validation_error(
    api: Api, body: dict[str, Any]
) -> None:
    bc = api.bc()
    response = api.client.post(bc_url(bc.id, "members"), json=body, headers=bc.admin.headers)
    expect_problem(response, 422, "VALIDATION_ERROR")


# --- members: change role -------------------------------------------------------------------


def test_admin_promotes_a_standard_member_and_gets_200_member(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    member_id = bc.member_ids[user.id]
    body = expect(
        api.client.patch(
            bc_url(bc.id, "members", member_id), json={"role": "ADMIN"}, headers=bc.admin.headers
        ),
        200,
    )
    assert body["id"] == member_id
    assert body["user_id"] == user.id
    assert body["email"] == user.email
    assert body["role"] == "ADMIN"
    [listed] = [m for m in members_of(api, bc) if m["id"] == member_id]
    assert listed["role"] == "ADMIN"


def test_demoting_the_only_admin_is_last_admin(api: Api) -> None:
    bc = api.bc()
    api.member(bc, "STANDARD")
    admin_member_id = bc.member_ids[bc.admin.id]
    response = api.client.patch(
        bc_url(bc.id, "members", admin_member_id),
        json={"role": "STANDARD"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 409, "LAST_ADMIN")
    [admin] = [m for m in members_of(api, bc) if m["id"] == admin_member_id]
    assert admin["role"] == "ADMIN"


def test_with_two_admins_one_can_be_demoted(api: Api) -> None:
    bc = api.bc()
    second = api.member(bc, "ADMIN")
    body = expect(
        api.client.patch(
            bc_url(bc.id, "members", bc.member_ids[bc.admin.id]),
            json={"role": "STANDARD"},
            headers=second.headers,
        ),
        200,
    )
    assert body["role"] == "STANDARD"


def test_an_admin_can_demote_itself_when_another_admin_remains(api: Api) -> None:
    bc = api.bc()
    api.member(bc, "ADMIN")
    body = expect(
        api.client.patch(
            bc_url(bc.id, "members", bc.member_ids[bc.admin.id]),
            json={"role": "STANDARD"},
            headers=bc.admin.headers,
        ),
        200,
    )
    assert body["role"] == "STANDARD"
    response = api.client.post(
        bc_url(bc.id, "ad-accounts"), json={"name": "x"}, headers=bc.admin.headers
    )
    expect_problem(response, 403, "FORBIDDEN")


def test_after_one_of_two_admins_is_demoted_the_other_is_the_last_admin(api: Api) -> None:
    bc = api.bc()
    second = api.member(bc, "ADMIN")
    expect(
        api.client.patch(
            bc_url(bc.id, "members", bc.member_ids[bc.admin.id]),
            json={"role": "STANDARD"},
            headers=second.headers,
        ),
        200,
    )
    response = api.client.patch(
        bc_url(bc.id, "members", bc.member_ids[second.id]),
        json={"role": "STANDARD"},
        headers=second.headers,
    )
    expect_problem(response, 409, "LAST_ADMIN")


def test_setting_the_role_a_member_already_has_returns_200_unchanged(api: Api) -> None:
    bc = api.bc()
    body = expect(
        api.client.patch(
            bc_url(bc.id, "members", bc.member_ids[bc.admin.id]),
            json={"role": "ADMIN"},
            headers=bc.admin.headers,
        ),
        200,
    )
    assert body["role"] == "ADMIN"


def test_standard_member_changing_a_role_is_forbidden(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    response = api.client.patch(
        bc_url(bc.id, "members", bc.member_ids[member.id]),
        json={"role": "ADMIN"},
        headers=member.headers,
    )
    expect_problem(response, 403, "FORBIDDEN")
    [kept] = [m for m in members_of(api, bc) if m["user_id"] == member.id]
    assert kept["role"] == "STANDARD"


def test_changing_the_role_of_an_unknown_member_is_not_found(api: Api) -> None:
    bc = api.bc()
    response = api.client.patch(
        bc_url(bc.id, "members", "0190a0a0-0000-7000-8000-000000000000"),
        json={"role": "ADMIN"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 404, "NOT_FOUND")


def test_changing_a_role_to_an_unknown_value_is_validation_error(api: Api) -> None:
    bc = api.bc()
    response = api.client.patch(
        bc_url(bc.id, "members", bc.member_ids[bc.admin.id]),
        json={"role": "SUPERUSER"},
        headers=bc.admin.headers,
    )
    expect_problem(response, 422, "VALIDATION_ERROR")


# --- members: remove ------------------------------------------------------------------------


def test_admin_removes_a_member_with_204(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    response = api.client.delete(
        bc_url(bc.id, "members", bc.member_ids[user.id]), headers=bc.admin.headers
    )
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert [m["user_id"] for m in members_of(api, bc)] == [bc.admin.id]


def test_removed_member_no_longer_sees_the_bc(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    expect(
        api.client.delete(
            bc_url(bc.id, "members", bc.member_ids[user.id]), headers=bc.admin.headers
        ),
        204,
    )
    expect_problem(api.client.get(bc_url(bc.id), headers=user.headers), 404, "NOT_FOUND")
    me = expect(api.client.get("/v1/users/me", headers=user.headers), 200)
    assert me["memberships"] == []


def test_removing_the_last_admin_is_last_admin(api: Api) -> None:
    bc = api.bc()
    api.member(bc, "STANDARD")
    response = api.client.delete(
        bc_url(bc.id, "members", bc.member_ids[bc.admin.id]), headers=bc.admin.headers
    )
    expect_problem(response, 409, "LAST_ADMIN")
    assert bc.admin.id in {m["user_id"] for m in members_of(api, bc)}


def test_an_admin_can_remove_another_admin(api: Api) -> None:
    bc = api.bc()
    second = api.member(bc, "ADMIN")
    expect(
        api.client.delete(
            bc_url(bc.id, "members", bc.member_ids[bc.admin.id]), headers=second.headers
        ),
        204,
    )
    assert [m["user_id"] for m in members_of(api, bc, caller=second)] == [second.id]


def test_standard_member_removing_a_member_is_forbidden(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    other = api.member(bc, "STANDARD")
    response = api.client.delete(
        bc_url(bc.id, "members", bc.member_ids[other.id]), headers=member.headers
    )
    expect_problem(response, 403, "FORBIDDEN")
    assert other.id in {m["user_id"] for m in members_of(api, bc)}


def test_removing_an_unknown_member_is_not_found(api: Api) -> None:
    bc = api.bc()
    response = api.client.delete(
        bc_url(bc.id, "members", "0190a0a0-0000-7000-8000-000000000000"),
        headers=bc.admin.headers,
    )
    expect_problem(response, 404, "NOT_FOUND")


def test_removing_a_member_twice_is_not_found(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    url = bc_url(bc.id, "members", bc.member_ids[user.id])
    expect(api.client.delete(url, headers=bc.admin.headers), 204)
    expect_problem(api.client.delete(url, headers=bc.admin.headers), 404, "NOT_FOUND")


def test_removing_a_member_removes_its_ad_account_roles(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    member_id = bc.member_ids[user.id]
    first, second = ad_account(api, bc), ad_account(api, bc)
    expect(set_role(api, bc, first["id"], member_id, "OPERATOR"), 200)
    expect(set_role(api, bc, second["id"], member_id, "ANALYST"), 200)
    assert count_rows(database, AdAccountMember, member_id=member_id) == 2

    expect(api.client.delete(bc_url(bc.id, "members", member_id), headers=bc.admin.headers), 204)

    assert count_rows(database, AdAccountMember, member_id=member_id) == 0
    response = api.client.get(bc_url(bc.id, "ad-accounts"), headers=user.headers)
    expect_problem(response, 404, "NOT_FOUND")


def test_removing_a_member_keeps_the_ad_account_roles_of_others(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    leaving, staying = api.member(bc, "STANDARD"), api.member(bc, "STANDARD")
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], bc.member_ids[leaving.id], "OPERATOR"), 200)
    expect(set_role(api, bc, account["id"], bc.member_ids[staying.id], "ANALYST"), 200)
    expect(
        api.client.delete(
            bc_url(bc.id, "members", bc.member_ids[leaving.id]), headers=bc.admin.headers
        ),
        204,
    )
    assert [(a["id"], a["my_role"]) for a in ad_accounts_seen_by(api, bc, staying)] == [
        (account["id"], "ANALYST")
    ]
    assert count_rows(database, AdAccountMember, ad_account_id=account["id"]) == 1


def test_removing_a_member_removes_its_assignments(
    api: Api, clock: Clock, database: SyncDatabase
) -> None:
    bc = api.bc()
    leaving, staying = api.member(bc, "STANDARD"), api.member(bc, "STANDARD")
    api.authorize(bc, api.owner())
    authorization_id = authorization_of(database, bc)
    leaving_assignment = assign(database, authorization_id, bc.member_ids[leaving.id], clock)
    staying_assignment = assign(database, authorization_id, bc.member_ids[staying.id], clock)

    expect(
        api.client.delete(
            bc_url(bc.id, "members", bc.member_ids[leaving.id]), headers=bc.admin.headers
        ),
        204,
    )

    assert count_rows(database, Assignment, id=leaving_assignment) == 0
    assert count_rows(database, Assignment, member_id=bc.member_ids[leaving.id]) == 0
    assert count_rows(database, Assignment, id=staying_assignment) == 1


def test_two_admins_removing_each_other_at_once_leave_one_admin(api: Api) -> None:
    for _ in range(5):
        bc = api.bc()
        second = api.member(bc, "ADMIN")
        calls = [
            (bc_url(bc.id, "members", bc.member_ids[second.id]), bc.admin.headers),
            (bc_url(bc.id, "members", bc.member_ids[bc.admin.id]), second.headers),
        ]
        with ThreadPoolExecutor(max_workers=2) as pool:
            responses = list(
                pool.map(lambda call: api.client.delete(call[0], headers=call[1]), calls)
            )
        statuses = sorted(response.status_code for response in responses)
        assert statuses[0] == 204, [r.text for r in responses]
        assert statuses[1] in (404, 409), [r.text for r in responses]  # gone, or LAST_ADMIN
        admins = {
            m["user_id"]
            for caller in (bc.admin, second)
            for m in members_seen_if_member(api, bc, caller)
            if m["role"] == "ADMIN"
        }
        assert len(admins) == 1


def members_seen_if_member(api: Api, bc: Bc, caller: User) -> list[dict[str, Any]]:
    """The members list as `caller` sees it, or nothing if it is no longer a member."""
    response = api.client.get(bc_url(bc.id, "members"), headers=caller.headers)
    if response.status_code == 404:
        return []
    items: list[dict[str, Any]] = expect(response, 200)["items"]
    return items


# --- ad accounts ----------------------------------------------------------------------------


def test_admin_creates_an_ad_account_with_201(api: Api, clock: Clock) -> None:
    bc = api.bc()
    body = expect(
        api.client.post(
            bc_url(bc.id, "ad-accounts"), json={"name": "Summer"}, headers=bc.admin.headers
        ),
        201,
    )
    assert set(body) == {"id", "business_center_id", "name", "created_at"}
    assert body["business_center_id"] == bc.id
    assert body["name"] == "Summer"
    assert datetime.fromisoformat(body["created_at"]) == clock()


def test_standard_member_creating_an_ad_account_is_forbidden(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    response = api.client.post(
        bc_url(bc.id, "ad-accounts"), json={"name": "Nope"}, headers=member.headers
    )
    expect_problem(response, 403, "FORBIDDEN")
    assert ad_accounts_seen_by(api, bc, bc.admin) == []


@pytest.mark.parametrize(
    "body", [{}, {"name": ""}, {"name": "x" * 201}], ids=["missing", "empty", "too-long"]
)
def test_create_ad_account_with_an_invalid_body_is_validation_error(
    api: Api, body: dict[str, Any]
) -> None:
    bc = api.bc()
    response = api.client.post(bc_url(bc.id, "ad-accounts"), json=body, headers=bc.admin.headers)
    expect_problem(response, 422, "VALIDATION_ERROR")


def test_admin_lists_every_ad_account_with_its_own_role_or_null(api: Api) -> None:
    bc = api.bc()
    mine, other = ad_account(api, bc, "Mine"), ad_account(api, bc, "Not mine")
    expect(set_role(api, bc, mine["id"], bc.member_ids[bc.admin.id], "ADMIN"), 200)
    listed = ad_accounts_seen_by(api, bc, bc.admin)
    assert listed == [
        {**other, "my_role": None},
        {**mine, "my_role": "ADMIN"},
    ]


def test_admin_sees_ad_accounts_where_only_others_hold_roles(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], bc.member_ids[member.id], "OPERATOR"), 200)
    assert ad_accounts_seen_by(api, bc, bc.admin) == [{**account, "my_role": None}]


def test_standard_member_lists_only_the_ad_accounts_it_holds_a_role_on(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    operated, analysed = ad_account(api, bc, "Operated"), ad_account(api, bc, "Analysed")
    ad_account(api, bc, "Hidden")
    expect(set_role(api, bc, operated["id"], bc.member_ids[member.id], "OPERATOR"), 200)
    expect(set_role(api, bc, analysed["id"], bc.member_ids[member.id], "ANALYST"), 200)
    assert ad_accounts_seen_by(api, bc, member) == [
        {**analysed, "my_role": "ANALYST"},
        {**operated, "my_role": "OPERATOR"},
    ]


def test_standard_member_without_roles_lists_no_ad_accounts(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    ad_account(api, bc)
    body = expect(api.client.get(bc_url(bc.id, "ad-accounts"), headers=member.headers), 200)
    assert body == {"items": [], "next_cursor": None}


def test_ad_account_list_pages_with_limit_and_cursor(api: Api) -> None:
    bc = api.bc()
    older, newer = ad_account(api, bc), ad_account(api, bc)
    url = bc_url(bc.id, "ad-accounts")
    first = expect(api.client.get(url, params={"limit": 1}, headers=bc.admin.headers), 200)
    assert [a["id"] for a in first["items"]] == [newer["id"]]
    second = expect(
        api.client.get(
            url, params={"limit": 1, "cursor": first["next_cursor"]}, headers=bc.admin.headers
        ),
        200,
    )
    assert [a["id"] for a in second["items"]] == [older["id"]]
    assert second["next_cursor"] is None


def test_put_ad_account_role_returns_200_with_the_grant(api: Api) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    body = expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    assert body == {"ad_account_id": account["id"], "member_id": member_id, "role": "OPERATOR"}


def test_put_ad_account_role_again_changes_the_role(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    member_id = bc.member_ids[user.id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    body = expect(set_role(api, bc, account["id"], member_id, "ANALYST"), 200)
    assert body == {"ad_account_id": account["id"], "member_id": member_id, "role": "ANALYST"}
    assert [a["my_role"] for a in ad_accounts_seen_by(api, bc, user)] == ["ANALYST"]


def test_put_the_same_ad_account_role_again_returns_200(api: Api) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "ADMIN"), 200)
    body = expect(set_role(api, bc, account["id"], member_id, "ADMIN"), 200)
    assert body["role"] == "ADMIN"


def test_put_role_on_an_ad_account_of_another_bc_is_not_found(api: Api) -> None:
    bc, other = api.bc(), api.bc()
    foreign = ad_account(api, other)
    response = set_role(api, bc, foreign["id"], bc.member_ids[bc.admin.id], "ADMIN")
    expect_problem(response, 404, "NOT_FOUND")
    assert ad_accounts_seen_by(api, other, other.admin) == [{**foreign, "my_role": None}]


def test_put_role_for_a_member_of_another_bc_is_not_found(api: Api, database: SyncDatabase) -> None:
    bc, other = api.bc(), api.bc()
    account = ad_account(api, bc)
    response = set_role(api, bc, account["id"], other.member_ids[other.admin.id], "ADMIN")
    expect_problem(response, 404, "NOT_FOUND")
    assert count_rows(database, AdAccountMember, ad_account_id=account["id"]) == 0


def test_put_role_on_an_unknown_ad_account_is_not_found(api: Api) -> None:
    bc = api.bc()
    response = set_role(
        api, bc, "0190a0a0-0000-7000-8000-000000000000", bc.member_ids[bc.admin.id], "ADMIN"
    )
    expect_problem(response, 404, "NOT_FOUND")


def test_put_role_for_an_unknown_member_is_not_found(api: Api) -> None:
    bc = api.bc()
    account = ad_account(api, bc)
    response = set_role(api, bc, account["id"], "0190a0a0-0000-7000-8000-000000000000", "ADMIN")
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("role", ["OWNER", "operator", "STANDARD", ""])
def test_put_an_unknown_ad_account_role_is_validation_error(api: Api, role: str) -> None:
    bc = api.bc()
    account = ad_account(api, bc)
    response = set_role(api, bc, account["id"], bc.member_ids[bc.admin.id], role)
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert ["body", "role"] in [error["loc"] for error in problem["errors"]]


def test_standard_member_putting_an_ad_account_role_is_forbidden(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    account = ad_account(api, bc)
    response = api.client.put(
        bc_url(bc.id, "ad-accounts", account["id"], "members", bc.member_ids[member.id]),
        json={"role": "ADMIN"},
        headers=member.headers,
    )
    expect_problem(response, 403, "FORBIDDEN")
    assert count_rows(database, AdAccountMember, ad_account_id=account["id"]) == 0


def test_delete_ad_account_role_returns_204_and_a_second_delete_is_not_found(api: Api) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    url = bc_url(bc.id, "ad-accounts", account["id"], "members", member_id)
    response = api.client.delete(url, headers=bc.admin.headers)
    assert response.status_code == 204, response.text
    assert response.content == b""
    expect_problem(api.client.delete(url, headers=bc.admin.headers), 404, "NOT_FOUND")


def test_deleted_ad_account_role_hides_the_ad_account_from_a_standard_member(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], bc.member_ids[user.id], "OPERATOR"), 200)
    expect(
        api.client.delete(
            bc_url(bc.id, "ad-accounts", account["id"], "members", bc.member_ids[user.id]),
            headers=bc.admin.headers,
        ),
        204,
    )
    assert ad_accounts_seen_by(api, bc, user) == []


def test_standard_member_deleting_an_ad_account_role_is_forbidden(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    member = api.member(bc, "STANDARD")
    member_id = bc.member_ids[member.id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    response = api.client.delete(
        bc_url(bc.id, "ad-accounts", account["id"], "members", member_id), headers=member.headers
    )
    expect_problem(response, 403, "FORBIDDEN")
    assert count_rows(database, AdAccountMember, ad_account_id=account["id"]) == 1


# --- audit ----------------------------------------------------------------------------------


def test_creating_a_bc_records_its_creation_and_its_first_admin(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc(name="Audited")
    admin_member_id = bc.member_ids[bc.admin.id]
    assert audit_events(database) == [
        by_user(
            bc.id,
            bc.admin.id,
            "business_center.created",
            ("business_center", bc.id),
            {"name": "Audited"},
        ),
        by_user(
            bc.id,
            bc.admin.id,
            "member.added",
            ("member", admin_member_id),
            {"user_id": bc.admin.id, "role": "ADMIN"},
        ),
    ]


def test_adding_a_member_records_one_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    before = audit_events(database)
    user = api.member(bc, "STANDARD")
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "member.added",
            ("member", bc.member_ids[user.id]),
            {"user_id": user.id, "role": "STANDARD"},
        ),
    ]


def test_changing_a_role_records_one_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    before = audit_events(database)
    expect(
        api.client.patch(
            bc_url(bc.id, "members", member_id), json={"role": "ADMIN"}, headers=bc.admin.headers
        ),
        200,
    )
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "member.role_changed",
            ("member", member_id),
            {"from": "STANDARD", "to": "ADMIN"},
        ),
    ]


def test_setting_the_role_a_member_already_has_records_nothing(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    before = audit_events(database)
    expect(
        api.client.patch(
            bc_url(bc.id, "members", member_id),
            json={"role": "STANDARD"},
            headers=bc.admin.headers,
        ),
        200,
    )
    assert audit_events(database) == before


def test_removing_a_member_records_one_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    member_id = bc.member_ids[user.id]
    before = audit_events(database)
    expect(api.client.delete(bc_url(bc.id, "members", member_id), headers=bc.admin.headers), 204)
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "member.removed",
            ("member", member_id),
            {"user_id": user.id, "role": "STANDARD"},
        ),
    ]


def test_creating_an_ad_account_records_one_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    before = audit_events(database)
    account = ad_account(api, bc, "Logged")
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "ad_account.created",
            ("ad_account", account["id"]),
            {"name": "Logged"},
        ),
    ]


def test_setting_and_changing_an_ad_account_role_records_one_event_each(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    before = audit_events(database)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    expect(set_role(api, bc, account["id"], member_id, "ANALYST"), 200)
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "ad_account.role_set",
            ("ad_account", account["id"]),
            {"member_id": member_id, "role": "OPERATOR"},
        ),
        by_user(
            bc.id,
            bc.admin.id,
            "ad_account.role_set",
            ("ad_account", account["id"]),
            {"member_id": member_id, "role": "ANALYST"},
        ),
    ]


def test_putting_the_same_ad_account_role_again_records_nothing(
    api: Api, database: SyncDatabase
) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    before = audit_events(database)
    expect(set_role(api, bc, account["id"], member_id, "OPERATOR"), 200)
    assert audit_events(database) == before


def test_removing_an_ad_account_role_records_one_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    member_id = bc.member_ids[api.member(bc, "STANDARD").id]
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], member_id, "ANALYST"), 200)
    before = audit_events(database)
    expect(
        api.client.delete(
            bc_url(bc.id, "ad-accounts", account["id"], "members", member_id),
            headers=bc.admin.headers,
        ),
        204,
    )
    assert audit_events(database) == [
        *before,
        by_user(
            bc.id,
            bc.admin.id,
            "ad_account.role_removed",
            ("ad_account", account["id"]),
            {"member_id": member_id, "role": "ANALYST"},
        ),
    ]


@dataclass
class Refusal:
    """A BC with an admin, a standard member, an ad account and a role on it."""

    bc: Bc
    standard: User
    ad_account_id: str
    outsider: User


@pytest.fixture
def refusal(api: Api) -> Refusal:
    bc = api.bc()
    standard = api.member(bc, "STANDARD")
    account = ad_account(api, bc)
    expect(set_role(api, bc, account["id"], bc.member_ids[standard.id], "OPERATOR"), 200)
    return Refusal(bc=bc, standard=standard, ad_account_id=account["id"], outsider=api.user())


REFUSED_CHANGES: dict[str, tuple[str, str, str, str, int, str]] = {
    # name: (caller, method, path under the BC, body kind, status, code)
    "demote-last-admin": (
        "admin",
        "PATCH",
        "members/{admin_member}",
        "to_standard",
        409,
        "LAST_ADMIN",
    ),
    "remove-last-admin": ("admin", "DELETE", "members/{admin_member}", "none", 409, "LAST_ADMIN"),
    "add-existing-member": ("admin", "POST", "members", "add_standard", 409, "ALREADY_A_MEMBER"),
    "add-unknown-user": ("admin", "POST", "members", "add_unknown", 404, "USER_NOT_FOUND"),
    "standard-adds-member": ("standard", "POST", "members", "add_outsider", 403, "FORBIDDEN"),
    "standard-changes-role": (
        "standard",
        "PATCH",
        "members/{standard_member}",
        "to_admin",
        403,
        "FORBIDDEN",
    ),
    "standard-removes-member": (
        "standard",
        "DELETE",
        "members/{admin_member}",
        "none",
        403,
        "FORBIDDEN",
    ),
    "standard-creates-ad-account": ("standard", "POST", "ad-accounts", "name", 403, "FORBIDDEN"),
    "standard-puts-role": (
        "standard",
        "PUT",
        "ad-accounts/{ad_account}/members/{standard_member}",
        "to_admin",
        403,
        "FORBIDDEN",
    ),
    "standard-deletes-role": (
        "standard",
        "DELETE",
        "ad-accounts/{ad_account}/members/{standard_member}",
        "none",
        403,
        "FORBIDDEN",
    ),
}


@pytest.mark.parametrize(
    ("caller", "method", "path", "body_kind", "status", "code"),
    list(REFUSED_CHANGES.values()),
    ids=list(REFUSED_CHANGES),
)
def test_a_refused_change_records_no_event(
    api: Api,
    refusal: Refusal,
    caller: str,
    method: str,
    path: str,
    body_kind: str,
    status: int,
    code: str,
    database: SyncDatabase,
) -> None:
    bc = refusal.bc
    bodies: dict[str, dict[str, Any] | None] = {
        "none": None,
        "to_standard": {"role": "STANDARD"},
        "to_admin": {"role": "ADMIN"},
        "add_standard": {"email": refusal.standard.email, "role": "ADMIN"},
        "add_unknown": {"email": "nobody@example.com", "role": "STANDARD"},
        "add_outsider": {"email": refusal.outsider.email, "role": "ADMIN"},
        "name": {"name": "Refused"},
    }
    url = bc_url(
        bc.id,
        path.format(
            admin_member=bc.member_ids[bc.admin.id],
            standard_member=bc.member_ids[refusal.standard.id],
            ad_account=refusal.ad_account_id,
        ),
    )
    headers = (bc.admin if caller == "admin" else refusal.standard).headers
    before = audit_events(database)
    response = api.client.request(method, url, json=bodies[body_kind], headers=headers)
    expect_problem(response, status, code)
    assert audit_events(database) == before


# --- isolation between Business Centers -----------------------------------------------------


@dataclass
class TwoBcs:
    a: Bc
    b: Bc
    b_standard: User
    b_ad_account_id: str
    a_ad_account_id: str


@pytest.fixture
def two_bcs(api: Api) -> TwoBcs:
    a, b = api.bc(name="A"), api.bc(name="B")
    b_standard = api.member(b, "STANDARD")
    b_account = ad_account(api, b)
    expect(set_role(api, b, b_account["id"], b.member_ids[b_standard.id], "OPERATOR"), 200)
    return TwoBcs(
        a=a,
        b=b,
        b_standard=b_standard,
        b_ad_account_id=b_account["id"],
        a_ad_account_id=ad_account(api, a)["id"],
    )


B_ROUTES: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "read-bc": ("GET", "", None),
    "list-members": ("GET", "members", None),
    "add-member": ("POST", "members", {"email": "{a_admin_email}", "role": "ADMIN"}),
    "patch-member": ("PATCH", "members/{b_standard_member}", {"role": "ADMIN"}),
    "patch-admin": ("PATCH", "members/{b_admin_member}", {"role": "STANDARD"}),
    "delete-member": ("DELETE", "members/{b_standard_member}", None),
    "create-ad-account": ("POST", "ad-accounts", {"name": "Intruder"}),
    "list-ad-accounts": ("GET", "ad-accounts", None),
    "put-role": (
        "PUT",
        "ad-accounts/{b_ad_account}/members/{b_standard_member}",
        {"role": "ADMIN"},
    ),
    "delete-role": ("DELETE", "ad-accounts/{b_ad_account}/members/{b_standard_member}", None),
}


@pytest.mark.parametrize(("method", "path", "body"), list(B_ROUTES.values()), ids=list(B_ROUTES))
def test_admin_of_another_bc_gets_not_found_on_every_route(
    api: Api,
    two_bcs: TwoBcs,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    database: SyncDatabase,
) -> None:
    a, b = two_bcs.a, two_bcs.b
    names = {
        "a_admin_email": a.admin.email,
        "b_standard_member": b.member_ids[two_bcs.b_standard.id],
        "b_admin_member": b.member_ids[b.admin.id],
        "b_ad_account": two_bcs.b_ad_account_id,
    }
    if body is not None:
        body = {key: str(value).format(**names) for key, value in body.items()}
    before = audit_events(database)
    response = api.client.request(
        method, bc_url(b.id, path.format(**names)).rstrip("/"), json=body, headers=a.admin.headers
    )
    problem = expect_problem(response, 404, "NOT_FOUND")
    assert "errors" not in problem
    assert audit_events(database) == before


def test_admin_of_another_bc_leaves_its_members_and_roles_untouched(
    api: Api, two_bcs: TwoBcs
) -> None:
    a, b = two_bcs.a, two_bcs.b
    standard_member = b.member_ids[two_bcs.b_standard.id]
    for method, path, body in [
        ("PATCH", f"members/{standard_member}", {"role": "ADMIN"}),
        ("DELETE", f"members/{standard_member}", None),
        ("POST", "members", {"email": a.admin.email, "role": "ADMIN"}),
        ("DELETE", f"ad-accounts/{two_bcs.b_ad_account_id}/members/{standard_member}", None),
    ]:
        api.client.request(method, bc_url(b.id, path), json=body, headers=a.admin.headers)
    assert {(m["user_id"], m["role"]) for m in members_of(api, b)} == {
        (b.admin.id, "ADMIN"),
        (two_bcs.b_standard.id, "STANDARD"),
    }
    assert [(x["id"], x["my_role"]) for x in ad_accounts_seen_by(api, b, two_bcs.b_standard)] == [
        (two_bcs.b_ad_account_id, "OPERATOR")
    ]


def test_admin_patching_a_member_of_another_bc_through_its_own_bc_gets_not_found(
    api: Api, two_bcs: TwoBcs
) -> None:
    a, b = two_bcs.a, two_bcs.b
    response = api.client.patch(
        bc_url(a.id, "members", b.member_ids[two_bcs.b_standard.id]),
        json={"role": "ADMIN"},
        headers=a.admin.headers,
    )
    expect_problem(response, 404, "NOT_FOUND")


def test_admin_deleting_a_member_of_another_bc_through_its_own_bc_gets_not_found(
    api: Api, two_bcs: TwoBcs
) -> None:
    a, b = two_bcs.a, two_bcs.b
    response = api.client.delete(
        bc_url(a.id, "members", b.member_ids[two_bcs.b_standard.id]), headers=a.admin.headers
    )
    expect_problem(response, 404, "NOT_FOUND")
    assert two_bcs.b_standard.id in {m["user_id"] for m in members_of(api, b)}


def test_admin_deleting_a_role_of_another_bc_through_its_own_bc_gets_not_found(
    api: Api, two_bcs: TwoBcs, database: SyncDatabase
) -> None:
    a, b = two_bcs.a, two_bcs.b
    response = api.client.delete(
        bc_url(
            a.id,
            "ad-accounts",
            two_bcs.b_ad_account_id,
            "members",
            b.member_ids[two_bcs.b_standard.id],
        ),
        headers=a.admin.headers,
    )
    expect_problem(response, 404, "NOT_FOUND")
    assert count_rows(database, AdAccountMember, ad_account_id=two_bcs.b_ad_account_id) == 1


def test_ad_account_lists_hold_only_the_bc_own_ad_accounts(api: Api, two_bcs: TwoBcs) -> None:
    a, b = two_bcs.a, two_bcs.b
    assert [x["id"] for x in ad_accounts_seen_by(api, a, a.admin)] == [two_bcs.a_ad_account_id]
    assert [x["id"] for x in ad_accounts_seen_by(api, b, b.admin)] == [two_bcs.b_ad_account_id]


# --- malformed input never gets a 500 -------------------------------------------------------


@pytest.fixture
def lenient_client(app: FastAPI) -> Iterator[TestClient]:
    """A client that shows a server error as the 500 a real client would get."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


NUL_PATHS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "read-bc": ("GET", "\x00", None),
    "list-members": ("GET", "\x00/members", None),
    "patch-member": ("PATCH", "{bc}/members/\x00", {"role": "ADMIN"}),
    "delete-member": ("DELETE", "{bc}/members/\x00", None),
    "put-role": ("PUT", "{bc}/ad-accounts/\x00/members/\x00", {"role": "ADMIN"}),
    "delete-role": ("DELETE", "{bc}/ad-accounts/\x00/members/\x00", None),
}


@pytest.mark.parametrize(("method", "path", "body"), list(NUL_PATHS.values()), ids=list(NUL_PATHS))
def test_a_nul_character_in_a_path_id_is_not_found(
    lenient_client: TestClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    api = Api(lenient_client)
    bc = api.bc()
    url = "/v1/business-centers/" + path.format(bc=bc.id).replace("\x00", "%00")
    response = lenient_client.request(method, url, json=body, headers=bc.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


NUL_BODIES: dict[str, tuple[str, dict[str, Any]]] = {
    "bc-name": ("/v1/business-centers", {"name": "A\x00B"}),
    "member-email": ("{bc}/members", {"email": "a\x00b@example.com", "role": "ADMIN"}),
    "ad-account-name": ("{bc}/ad-accounts", {"name": "A\x00B"}),
}


@pytest.mark.parametrize(("path", "body"), list(NUL_BODIES.values()), ids=list(NUL_BODIES))
def test_a_nul_character_in_a_text_field_is_validation_error(
    lenient_client: TestClient, path: str, body: dict[str, Any]
) -> None:
    api = Api(lenient_client)
    bc = api.bc()
    url = path.format(bc=bc_url(bc.id))
    response = lenient_client.post(url, json=body, headers=bc.admin.headers)
    expect_problem(response, 422, "VALIDATION_ERROR")


# --- service level: the rules ---------------------------------------------------------------


@dataclass
class Scene:
    """A BC made through the services: its admin, a standard member, their member ids."""

    ctx: Context
    bc_id: str
    admin: UserPrincipal
    admin_member_id: str
    standard: UserPrincipal
    standard_member_id: str
    outsider: UserPrincipal

    async def events(self) -> list[Event]:
        return await events_in(self.ctx.session)


async def principal(ctx: Context, name: str) -> UserPrincipal:
    created = await users_service.sign_up(
        ctx, UserCreate(email=f"{unique(name)}@example.com", display_name=name)
    )
    return UserPrincipal(id=created.user.id, email=created.user.email)


@pytest.fixture
async def scene(ctx: Context) -> Scene:
    admin, standard, outsider = [await principal(ctx, n) for n in ("admin", "standard", "outsider")]
    bc = await service.create(ctx, admin, BusinessCenterCreate(name="Service BC"))
    member = await service.add_member(
        ctx, admin, bc.id, MemberCreate(email=standard.email, role=BcRole.STANDARD)
    )
    [admin_member] = [
        m
        for m in (
            await service.list_members(fetch_in(ctx.session), admin, bc.id, PageRequest())
        ).items
        if m.user_id == admin.id
    ]
    return Scene(
        ctx=ctx,
        bc_id=bc.id,
        admin=admin,
        admin_member_id=admin_member.id,
        standard=standard,
        standard_member_id=member.id,
        outsider=outsider,
    )


def refused(code: ErrorCode) -> "pytest.RaisesExc[AppError]":
    return pytest.raises(AppError, check=lambda error: error.code is code)


async def test_service_create_makes_the_caller_admin(scene: Scene) -> None:
    members = (
        await service.list_members(
            fetch_in(scene.ctx.session), scene.admin, scene.bc_id, PageRequest()
        )
    ).items
    assert {(m.user_id, m.role) for m in members} == {
        (scene.admin.id, BcRole.ADMIN),
        (scene.standard.id, BcRole.STANDARD),
    }


async def test_service_get_by_a_non_member_is_not_found(scene: Scene) -> None:
    with refused(ErrorCode.NOT_FOUND):
        await service.get(scene.ctx, scene.outsider, scene.bc_id)


async def test_service_standard_member_may_read_and_list(scene: Scene) -> None:
    assert (await service.get(scene.ctx, scene.standard, scene.bc_id)).name == "Service BC"
    members = (
        await service.list_members(
            fetch_in(scene.ctx.session), scene.standard, scene.bc_id, PageRequest()
        )
    ).items
    assert [m.id for m in members] == [scene.standard_member_id, scene.admin_member_id]


async def test_service_non_member_adding_is_not_found_before_forbidden(scene: Scene) -> None:
    with refused(ErrorCode.NOT_FOUND):
        await service.add_member(
            scene.ctx,
            scene.outsider,
            scene.bc_id,
            MemberCreate(email=scene.outsider.email, role=BcRole.ADMIN),
        )


async def test_service_standard_member_adding_is_forbidden_and_records_nothing(
    scene: Scene,
) -> None:
    before = await scene.events()
    with refused(ErrorCode.FORBIDDEN):
        await service.add_member(
            scene.ctx,
            scene.standard,
            scene.bc_id,
            MemberCreate(email=scene.outsider.email, role=BcRole.STANDARD),
        )
    assert await scene.events() == before


async def test_service_adding_an_existing_member_is_refused_and_records_nothing(
    scene: Scene,
) -> None:
    before = await scene.events()
    with refused(ErrorCode.ALREADY_A_MEMBER):
        await service.add_member(
            scene.ctx,
            scene.admin,
            scene.bc_id,
            MemberCreate(email=scene.standard.email, role=BcRole.ADMIN),
        )
    assert await scene.events() == before


async def test_service_adding_an_unknown_user_is_user_not_found(scene: Scene) -> None:
    with refused(ErrorCode.USER_NOT_FOUND):
        await service.add_member(
            scene.ctx,
            scene.admin,
            scene.bc_id,
            MemberCreate(email="ghost@example.com", role=BcRole.STANDARD),
        )


async def test_service_demoting_the_last_admin_is_refused_and_records_nothing(scene: Scene) -> None:
    before = await scene.events()
    with refused(ErrorCode.LAST_ADMIN):
        await service.update_member(
            scene.ctx,
            scene.admin,
            scene.bc_id,
            scene.admin_member_id,
            MemberUpdate(role=BcRole.STANDARD),
        )
    assert await scene.events() == before
    member = await scene.ctx.session.get(Member, scene.admin_member_id)
    assert member is not None
    assert member.role is BcRole.ADMIN


async def test_service_removing_the_last_admin_is_refused_and_records_nothing(scene: Scene) -> None:
    before = await scene.events()
    with refused(ErrorCode.LAST_ADMIN):
        await service.remove_member(scene.ctx, scene.admin, scene.bc_id, scene.admin_member_id)
    assert await scene.events() == before
    assert await scene.ctx.session.get(Member, scene.admin_member_id) is not None


async def test_service_a_second_admin_allows_the_first_to_be_demoted(scene: Scene) -> None:
    await service.update_member(
        scene.ctx,
        scene.admin,
        scene.bc_id,
        scene.standard_member_id,
        MemberUpdate(role=BcRole.ADMIN),
    )
    demoted = await service.update_member(
        scene.ctx,
        scene.standard,
        scene.bc_id,
        scene.admin_member_id,
        MemberUpdate(role=BcRole.STANDARD),
    )
    assert demoted.role is BcRole.STANDARD
    assert (await scene.events())[-1].action == "member.role_changed"


async def test_service_standard_member_changing_roles_is_forbidden(scene: Scene) -> None:
    with refused(ErrorCode.FORBIDDEN):
        await service.update_member(
            scene.ctx,
            scene.standard,
            scene.bc_id,
            scene.standard_member_id,
            MemberUpdate(role=BcRole.ADMIN),
        )


async def test_service_standard_member_creating_an_ad_account_is_forbidden(scene: Scene) -> None:
    with refused(ErrorCode.FORBIDDEN):
        await service.create_ad_account(
            scene.ctx, scene.standard, scene.bc_id, AdAccountCreate(name="No")
        )


async def test_service_standard_member_sees_only_ad_accounts_with_its_role(scene: Scene) -> None:
    ctx, bc_id = scene.ctx, scene.bc_id
    held = await service.create_ad_account(ctx, scene.admin, bc_id, AdAccountCreate(name="Held"))
    await service.create_ad_account(ctx, scene.admin, bc_id, AdAccountCreate(name="Other"))
    await service.set_ad_account_role(
        ctx,
        scene.admin,
        bc_id,
        held.id,
        scene.standard_member_id,
        AdAccountRoleSet(role=AdAccountRole.ANALYST),
    )
    seen = (await service.list_ad_accounts(ctx, scene.standard, bc_id, PageRequest())).items
    assert [(a.id, a.my_role) for a in seen] == [(held.id, AdAccountRole.ANALYST)]
    all_seen = (await service.list_ad_accounts(ctx, scene.admin, bc_id, PageRequest())).items
    assert [(a.name, a.my_role) for a in all_seen] == [("Other", None), ("Held", None)]


async def test_service_standard_member_setting_an_ad_account_role_is_forbidden(
    scene: Scene,
) -> None:
    account = await service.create_ad_account(
        scene.ctx, scene.admin, scene.bc_id, AdAccountCreate(name="Guarded")
    )
    with refused(ErrorCode.FORBIDDEN):
        await service.set_ad_account_role(
            scene.ctx,
            scene.standard,
            scene.bc_id,
            account.id,
            scene.standard_member_id,
            AdAccountRoleSet(role=AdAccountRole.ADMIN),
        )


async def test_service_removing_a_role_nobody_holds_is_not_found(scene: Scene) -> None:
    account = await service.create_ad_account(
        scene.ctx, scene.admin, scene.bc_id, AdAccountCreate(name="Empty")
    )
    with refused(ErrorCode.NOT_FOUND):
        await service.remove_ad_account_role(
            scene.ctx, scene.admin, scene.bc_id, account.id, scene.standard_member_id
        )


async def test_service_removing_a_member_deletes_its_roles_and_assignments(
    scene: Scene, clock: Clock
) -> None:
    ctx, session = scene.ctx, scene.ctx.session
    account = await service.create_ad_account(
        ctx, scene.admin, scene.bc_id, AdAccountCreate(name="A")
    )
    await service.set_ad_account_role(
        ctx,
        scene.admin,
        scene.bc_id,
        account.id,
        scene.standard_member_id,
        AdAccountRoleSet(role=AdAccountRole.OPERATOR),
    )
    tiktok_account = TikTokAccount(
        username=unique("creator_"),
        display_name="Creator",
        bio="",
        owner_token_digest=unique("digest-"),
        created_at=clock(),
    )
    session.add(tiktok_account)
    await session.flush()
    authorization = Authorization(
        business_center_id=scene.bc_id,
        tiktok_account_id=tiktok_account.id,
        scopes=[Scope.EXISTING_POSTS],
        status=AuthorizationStatus.ACTIVE,
        granted_at=clock(),
    )
    session.add(authorization)
    await session.flush()
    session.add(
        Assignment(
            authorization_id=authorization.id,
            member_id=scene.standard_member_id,
            roles=[AssignmentRole.POST],
            assigned_at=clock(),
        )
    )
    await session.flush()

    await service.remove_member(ctx, scene.admin, scene.bc_id, scene.standard_member_id)

    member_id = scene.standard_member_id
    assert (
        await session.scalar(
            select(func.count()).select_from(Assignment).where(Assignment.member_id == member_id)
        )
        == 0
    )
    assert (
        await session.scalar(
            select(func.count())
            .select_from(AdAccountMember)
            .where(AdAccountMember.member_id == member_id)
        )
        == 0
    )
    assert await session.scalar(select(func.count()).select_from(Authorization)) == 1
    assert (await scene.events())[-1] == by_user(
        scene.bc_id,
        scene.admin.id,
        "member.removed",
        ("member", member_id),
        {"user_id": scene.standard.id, "role": "STANDARD"},
    )


async def test_service_ad_account_and_member_must_be_of_the_same_bc(scene: Scene) -> None:
    ctx = scene.ctx
    other = await service.create(ctx, scene.outsider, BusinessCenterCreate(name="Other BC"))
    foreign = await service.create_ad_account(
        ctx, scene.outsider, other.id, AdAccountCreate(name="F")
    )
    with refused(ErrorCode.NOT_FOUND):
        await service.set_ad_account_role(
            ctx,
            scene.admin,
            scene.bc_id,
            foreign.id,
            scene.standard_member_id,
            AdAccountRoleSet(role=AdAccountRole.ADMIN),
        )
