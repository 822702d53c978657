"""SPEC section 9: every change to a BC writes one event in its transaction; a refusal none."""

from typing import Any

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from tests.conftest import SyncDatabase
from tests.factories import Api, Bc, Content, Owner, User, code_of, expect, expect_problem


def _events(api: Api, bc: Bc, limit: int = 100) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            f"/v1/business-centers/{bc.id}/audit-events",
            params={"limit": limit},
            headers=bc.admin.headers,
        ),
        200,
    )
    items: list[dict[str, Any]] = body["items"]
    return items


def _count(database: SyncDatabase) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def _latest(api: Api, bc: Bc) -> dict[str, Any]:
    return _events(api, bc, limit=1)[0]


def test_event_has_the_spec_fields_and_is_newest_first(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc)
    events = _events(api, bc)
    assert set(events[0]) == {
        "id",
        "at",
        "actor_type",
        "actor_id",
        "action",
        "target_type",
        "target_id",
        "detail",
    }
    assert [event["action"] for event in events] == [
        "member.added",
        "member.added",
        "business_center.created",
    ]
    assert events[0]["actor_type"] == "USER"
    assert events[0]["actor_id"] == bc.admin.id
    assert events[0]["target_id"] == bc.member_ids[member.id]


@pytest.mark.parametrize(
    ("change", "action", "target_type"),
    [
        ("add_member", "member.added", "member"),
        ("change_role", "member.role_changed", "member"),
        ("remove_member", "member.removed", "member"),
        ("create_ad_account", "ad_account.created", "ad_account"),
        ("set_ad_role", "ad_account.role_set", "ad_account"),
        ("remove_ad_role", "ad_account.role_removed", "ad_account"),
        ("create_request", "access_request.created", "access_request"),
        ("cancel_request", "access_request.canceled", "access_request"),
        ("assign", "assignment.set", "assignment"),
        ("unassign", "assignment.removed", "assignment"),
        ("revoke", "authorization.revoked", "authorization"),
        ("spark_ad", "spark_ad.created", "spark_ad"),
    ],
)
def test_each_user_change_writes_exactly_one_event(
    api: Api,
    content: Content,
    change: str,
    action: str,
    target_type: str,
    database: SyncDatabase,
) -> None:
    bc = api.bc()
    member = api.member(bc)
    owner = api.owner()
    api.authorize(bc, owner)
    ad_account = content.ad_account(bc)
    content.ad_role(bc, ad_account, bc.admin, "ADMIN")
    content.assign(bc, owner, [bc.admin], ["POST"])
    video = content.video(owner)
    member_id = bc.member_ids[member.id]
    client, headers, base = api.client, bc.admin.headers, f"/v1/business-centers/{bc.id}"
    if change == "cancel_request":
        request = api.access_request(bc)
    elif change in {"remove_ad_role"}:
        content.ad_role(bc, ad_account, member)
    elif change == "unassign":
        content.assign(bc, owner, [member], ["POST"])
    before = _count(database)

    actions = {
        "add_member": lambda: client.post(
            f"{base}/members", json={"email": api.user().email, "role": "STANDARD"}, headers=headers
        ),
        "change_role": lambda: client.patch(
            f"{base}/members/{member_id}", json={"role": "ADMIN"}, headers=headers
        ),
        "remove_member": lambda: client.delete(f"{base}/members/{member_id}", headers=headers),
        "create_ad_account": lambda: client.post(
            f"{base}/ad-accounts", json={"name": "Another"}, headers=headers
        ),
        "set_ad_role": lambda: client.put(
            f"{base}/ad-accounts/{ad_account}/members/{member_id}",
            json={"role": "ANALYST"},
            headers=headers,
        ),
        "remove_ad_role": lambda: client.delete(
            f"{base}/ad-accounts/{ad_account}/members/{member_id}", headers=headers
        ),
        "create_request": lambda: client.post(
            f"{base}/access-requests", json={"scope": "LIVE_VIDEOS"}, headers=headers
        ),
        "cancel_request": lambda: client.post(
            f"{base}/access-requests/{request['id']}/cancel", headers=headers
        ),
        "assign": lambda: client.post(
            f"{base}/tiktok-accounts/{owner.id}/assignments",
            json={"member_ids": [member_id], "roles": ["POST"]},
            headers=headers,
        ),
        "unassign": lambda: client.delete(
            f"{base}/tiktok-accounts/{owner.id}/assignments/{member_id}", headers=headers
        ),
        "revoke": lambda: client.delete(f"{base}/tiktok-accounts/{owner.id}", headers=headers),
        "spark_ad": lambda: client.post(
            "/v1/spark-ads",
            json={
                "ad_account_id": ad_account,
                "tiktok_account_id": owner.id,
                "video_id": video,
                "name": "Ad",
            },
            headers=headers,
        ),
    }
    response = actions[change]()
    assert response.status_code < 300, response.text

    assert _count(database) == before + 1
    event = _latest(api, bc)
    assert (event["action"], event["target_type"]) == (action, target_type)
    assert (event["actor_type"], event["actor_id"]) == ("USER", bc.admin.id)


def test_owner_decisions_are_logged_in_the_bc_with_the_owner_as_actor(api: Api) -> None:
    bc = api.bc()
    owner = api.owner()
    declined = api.access_request(bc)
    expect(api.scan(owner, declined, "DECLINE"), 200)
    assert _latest(api, bc)["action"] == "access_request.declined"

    api.authorize(bc, owner)
    approved, granted = _events(api, bc)[:2]
    assert approved["action"] == "access_request.authorized"
    assert granted["action"] == "authorization.granted"
    for event in (approved, granted):
        assert (event["actor_type"], event["actor_id"]) == ("OWNER", owner.id)

    authorization = expect(
        api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
    )["items"][0]
    expect(
        api.client.delete(
            f"/v1/tiktok-app/authorizations/{authorization['id']}", headers=owner.headers
        ),
        204,
    )
    revoked = _latest(api, bc)
    assert revoked["action"] == "authorization.revoked"
    assert (revoked["actor_type"], revoked["actor_id"]) == ("OWNER", owner.id)
    assert revoked["detail"]["revoked_by"] == "OWNER"


def test_widening_an_authorization_is_logged(api: Api) -> None:
    bc = api.bc()
    owner = api.owner()
    api.authorize(bc, owner, "EXISTING_POSTS")
    api.authorize(bc, owner, "LIVE_VIDEOS")
    widened = _events(api, bc)[1]
    assert widened["action"] == "authorization.widened"
    assert widened["detail"]["scopes"] == ["EXISTING_POSTS", "LIVE_VIDEOS"]


def test_paused_spark_ads_are_logged_by_the_system(api: Api, content: Content) -> None:
    bc = api.bc()
    owner = api.owner()
    api.authorize(bc, owner)
    ad_account = content.ad_account(bc)
    content.ad_role(bc, ad_account, bc.admin, "ADMIN")
    content.assign(bc, owner, [bc.admin], ["POST"])
    spark_ad = expect(
        api.client.post(
            "/v1/spark-ads",
            json={
                "ad_account_id": ad_account,
                "tiktok_account_id": owner.id,
                "video_id": content.video(owner),
                "name": "Ad",
            },
            headers=bc.admin.headers,
        ),
        201,
    )
    content.revoke(bc, owner)
    paused, revoked = _events(api, bc)[:2]
    assert revoked["action"] == "authorization.revoked"
    assert (paused["action"], paused["target_id"]) == ("spark_ad.paused", spark_ad["id"])
    assert (paused["actor_type"], paused["actor_id"]) == ("SYSTEM", None)


def _refusals(api: Api, bc: Bc, owner: Owner, member: User) -> list[tuple[str, Any, int, str]]:
    base = f"/v1/business-centers/{bc.id}"
    admin_member = bc.member_ids[bc.admin.id]
    used = api.access_request(bc)
    expect(api.scan(owner, used), 200)
    return [
        (
            "last admin",
            lambda: api.client.patch(
                f"{base}/members/{admin_member}",
                json={"role": "STANDARD"},
                headers=bc.admin.headers,
            ),
            409,
            "LAST_ADMIN",
        ),
        (
            "already a member",
            lambda: api.client.post(
                f"{base}/members",
                json={"email": member.email, "role": "STANDARD"},
                headers=bc.admin.headers,
            ),
            409,
            "ALREADY_A_MEMBER",
        ),
        (
            "standard member",
            lambda: api.client.post(
                f"{base}/access-requests", json={"scope": "EXISTING_POSTS"}, headers=member.headers
            ),
            403,
            "FORBIDDEN",
        ),
        (
            "used code",
            lambda: api.client.post(
                "/v1/tiktok-app/qr-scans",
                json={"code": code_of(used), "decision": "APPROVE"},
                headers=owner.headers,
            ),
            409,
            "QR_CODE_ALREADY_USED",
        ),
        (
            "role outside scope",
            lambda: api.client.post(
                f"{base}/tiktok-accounts/{owner.id}/assignments",
                json={"member_ids": [bc.member_ids[member.id]], "roles": ["LIVE"]},
                headers=bc.admin.headers,
            ),
            409,
            "ROLE_OUTSIDE_SCOPE",
        ),
        (
            "member not found",
            lambda: api.client.post(
                f"{base}/tiktok-accounts/{owner.id}/assignments",
                json={"member_ids": [bc.member_ids[member.id], "0" * 36], "roles": ["POST"]},
                headers=bc.admin.headers,
            ),
            422,
            "MEMBER_NOT_FOUND",
        ),
    ]


def test_a_refused_change_writes_no_event(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()
    owner = api.owner()
    member = api.member(bc)
    for name, attempt, status, code in _refusals(api, bc, owner, member):
        before = _count(database)
        expect_problem(attempt(), status, code)
        assert _count(database) == before, name


def test_the_audit_log_is_admin_only_and_per_bc(api: Api) -> None:
    bc = api.bc()
    member = api.member(bc)
    other = api.bc()
    expect_problem(
        api.client.get(f"/v1/business-centers/{bc.id}/audit-events", headers=member.headers),
        403,
        "FORBIDDEN",
    )
    expect_problem(
        api.client.get(f"/v1/business-centers/{bc.id}/audit-events", headers=other.admin.headers),
        404,
        "NOT_FOUND",
    )
    assert all(
        event["action"] != "member.added" or event["actor_id"] == other.admin.id
        for event in _events(api, other)
    )
    assert len(_events(api, other)) == 2
