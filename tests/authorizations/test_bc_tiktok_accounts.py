"""TikTok accounts in a Business Center (SPEC section 6): listing, reading, revoking, content.

HTTP tests check status codes and bodies on the real app and database; service-level tests
call `app.authorizations.service` with a `Context` to pin the same rules down. Service-level
tests build their actors over HTTP first and only then use `ctx`, whose write session would
otherwise hold the database while the app waits for it.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from typing import Any

import pytest
from httpx import Response

from app.authorizations import service
from app.core.context import Context
from app.core.db import fetch_in
from app.core.enums import (
    AssignmentRole,
    AuthorizationStatus,
    LiveStatus,
    Permission,
    RevokedBy,
    Scope,
    ShowcaseSource,
    Visibility,
)
from app.core.errors import AppError, ErrorCode
from app.core.ids import new_id
from app.core.pagination import PageRequest
from app.tiktok_app import service as tiktok_app_service
from app.tiktok_app.principal import OwnerPrincipal
from app.users.principal import UserPrincipal
from tests.conftest import Clock
from tests.factories import Api, Bc, Content, Owner, User, expect, expect_problem

EXISTING_POSTS_PERMISSIONS = ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS"]
ALL_PERMISSIONS = ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS", "LIVE_VIDEOS"]
ITEM_FIELDS = {
    "id",
    "username",
    "display_name",
    "scopes",
    "permissions",
    "authorization_status",
    "authorized_at",
    "revoked_at",
    "revoked_by",
    "my_roles",
}
CONTENT = ["profile", "videos", "lives"]
REVOKERS = ["BUSINESS_CENTER", "OWNER"]


# --- helpers --------------------------------------------------------------------------------


@pytest.fixture
def bc(api: Api) -> Bc:
    return api.bc()


@pytest.fixture
def owner(api: Api) -> Owner:
    return api.owner()


def url(bc: Bc, *rest: str) -> str:
    return "/".join([f"/v1/business-centers/{bc.id}/tiktok-accounts", *rest])


def get(api: Api, path: str, caller: User) -> Response:
    response: Response = api.client.get(path, headers=caller.headers)
    return response


def listed(api: Api, bc: Bc, caller: User, status: str | None = None) -> list[dict[str, Any]]:
    params = {} if status is None else {"status": status}
    body = expect(api.client.get(url(bc), params=params, headers=caller.headers), 200)
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def read(api: Api, bc: Bc, owner: Owner, caller: User) -> dict[str, Any]:
    body: dict[str, Any] = expect(get(api, url(bc, owner.id), caller), 200)
    return body


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def principal(user: User) -> UserPrincipal:
    return UserPrincipal(id=user.id, email=user.email)


async def refusal(call: Callable[[], Awaitable[object]]) -> AppError:
    with pytest.raises(AppError) as raised:
        await call()
    return raised.value


# --- the list -------------------------------------------------------------------------------


def test_list_item_has_every_field_of_the_authorized_account(
    api: Api, bc: Bc, owner: Owner, clock: Clock
) -> None:
    api.authorize(bc, owner)
    (item,) = listed(api, bc, bc.admin)
    assert set(item) == ITEM_FIELDS
    assert item == {
        "id": owner.id,
        "username": owner.username,
        "display_name": "Creator",
        "scopes": ["EXISTING_POSTS"],
        "permissions": EXISTING_POSTS_PERMISSIONS,
        "authorization_status": "ACTIVE",
        "authorized_at": item["authorized_at"],
        "revoked_at": None,
        "revoked_by": None,
        "my_roles": [],
    }
    assert at(item["authorized_at"]) == clock.now


def test_widened_authorization_lists_both_scopes_and_all_permissions(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    (item,) = listed(api, bc, bc.admin)
    assert item["scopes"] == ["EXISTING_POSTS", "LIVE_VIDEOS"]
    assert item["permissions"] == ALL_PERMISSIONS


def test_admin_lists_every_authorized_account_newest_first_without_assignments(
    api: Api, bc: Bc
) -> None:
    first, second = api.owner(), api.owner()
    api.authorize(bc, first)
    api.authorize(bc, second, "LIVE_VIDEOS")
    items = listed(api, bc, bc.admin)
    assert [item["id"] for item in items] == [second.id, first.id]
    assert [item["my_roles"] for item in items] == [[], []]


def test_a_second_admin_sees_every_account_too(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    other_admin = api.member(bc, "ADMIN")
    assert [item["id"] for item in listed(api, bc, other_admin)] == [owner.id]


def test_admin_list_leaves_out_accounts_authorized_to_other_bcs(api: Api, bc: Bc) -> None:
    mine, theirs = api.owner(), api.owner()
    api.authorize(bc, mine)
    api.authorize(api.bc(), theirs)
    assert [item["id"] for item in listed(api, bc, bc.admin)] == [mine.id]


def test_standard_member_lists_only_the_accounts_assigned_to_it(
    api: Api, content: Content, bc: Bc
) -> None:
    assigned, unassigned = api.owner(), api.owner()
    api.authorize(bc, assigned)
    api.authorize(bc, unassigned)
    member = api.member(bc)
    content.assign(bc, assigned, [member], ["POST"])
    (item,) = listed(api, bc, member)
    assert item["id"] == assigned.id
    assert item["my_roles"] == ["POST"]


def test_standard_member_without_assignment_lists_nothing(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member, other = api.member(bc), api.member(bc)
    content.assign(bc, owner, [other], ["POST"])
    assert listed(api, bc, member) == []


def test_my_roles_are_the_callers_own(api: Api, content: Content, bc: Bc, owner: Owner) -> None:
    api.authorize_both(bc, owner)
    poster, streamer = api.member(bc), api.member(bc)
    content.assign(bc, owner, [poster], ["POST"])
    content.assign(bc, owner, [streamer], ["LIVE", "POST"])
    assert listed(api, bc, poster)[0]["my_roles"] == ["POST"]
    assert listed(api, bc, streamer)[0]["my_roles"] == ["POST", "LIVE"]
    assert listed(api, bc, bc.admin)[0]["my_roles"] == []


def test_active_is_the_default_status(api: Api, content: Content, bc: Bc) -> None:
    kept, ended = api.owner(), api.owner()
    api.authorize(bc, kept)
    api.authorize(bc, ended)
    content.revoke(bc, ended)
    assert [item["id"] for item in listed(api, bc, bc.admin)] == [kept.id]
    assert [item["id"] for item in listed(api, bc, bc.admin, "ACTIVE")] == [kept.id]


@pytest.mark.parametrize("revoker", REVOKERS)
def test_revoked_list_shows_the_admin_who_ended_it_and_when(
    api: Api, content: Content, bc: Bc, owner: Owner, clock: Clock, revoker: str
) -> None:
    api.authorize(bc, owner)
    granted_at = clock.now
    clock.advance(60)
    content.end(bc, owner, revoker)
    (item,) = listed(api, bc, bc.admin, "REVOKED")
    assert item["id"] == owner.id
    assert item["authorization_status"] == "REVOKED"
    assert item["revoked_by"] == revoker
    assert at(item["revoked_at"]) == clock.now
    assert at(item["authorized_at"]) == granted_at
    assert listed(api, bc, bc.admin) == []


def test_standard_member_sees_nothing_in_the_revoked_list(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    content.revoke(bc, owner)
    assert listed(api, bc, member, "REVOKED") == []
    assert listed(api, bc, member) == []


def test_revoked_then_reauthorized_account_appears_once_in_active_only(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    (item,) = listed(api, bc, bc.admin)
    assert item["id"] == owner.id
    assert item["authorization_status"] == "ACTIVE"
    assert item["scopes"] == ["LIVE_VIDEOS"]
    assert item["revoked_at"] is None
    assert listed(api, bc, bc.admin, "REVOKED") == []


def test_an_account_revoked_twice_is_listed_once_with_its_latest_authorization(
    api: Api, content: Content, bc: Bc, owner: Owner, clock: Clock
) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    clock.advance(60)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    clock.advance(60)
    content.owner_revokes(bc, owner)
    (item,) = listed(api, bc, bc.admin, "REVOKED")
    assert (item["id"], item["scopes"], item["revoked_by"]) == (owner.id, ["LIVE_VIDEOS"], "OWNER")
    assert at(item["revoked_at"]) == clock.now
    assert read(api, bc, owner, bc.admin) == item


@pytest.mark.parametrize("status", ["EXPIRED", "active", "", "PENDING"])
def test_unknown_status_is_a_validation_error(api: Api, bc: Bc, status: str) -> None:
    response = api.client.get(url(bc), params={"status": status}, headers=bc.admin.headers)
    body = expect_problem(response, 422, "VALIDATION_ERROR")
    assert body["errors"]


def test_list_pages_with_a_cursor(api: Api, bc: Bc) -> None:
    owners = [api.owner() for _ in range(3)]
    for owner in owners:
        api.authorize(bc, owner)
    first = expect(api.client.get(url(bc), params={"limit": 2}, headers=bc.admin.headers), 200)
    assert [item["id"] for item in first["items"]] == [owners[2].id, owners[1].id]
    assert first["next_cursor"] is not None
    second = expect(
        api.client.get(
            url(bc), params={"limit": 2, "cursor": first["next_cursor"]}, headers=bc.admin.headers
        ),
        200,
    )
    assert [item["id"] for item in second["items"]] == [owners[0].id]
    assert second["next_cursor"] is None


def test_list_of_a_bc_the_caller_is_not_in_is_404(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    expect_problem(get(api, url(bc), api.user()), 404, "NOT_FOUND")


def test_list_without_a_token_is_401(api: Api, bc: Bc) -> None:
    expect_problem(api.client.get(url(bc)), 401, "UNAUTHENTICATED")


# --- one account ----------------------------------------------------------------------------


def test_admin_reads_one_account_as_listed(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    assert read(api, bc, owner, bc.admin) == listed(api, bc, bc.admin)[0]


def test_assigned_standard_member_reads_one_account_with_its_roles(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    body = read(api, bc, owner, member)
    assert body["id"] == owner.id
    assert body["my_roles"] == ["POST"]
    assert body["authorization_status"] == "ACTIVE"


def test_unassigned_standard_member_reading_one_account_is_404(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    expect_problem(get(api, url(bc, owner.id), api.member(bc)), 404, "NOT_FOUND")


def test_account_authorized_only_to_another_bc_is_404(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(api.bc(), owner)
    expect_problem(get(api, url(bc, owner.id), bc.admin), 404, "NOT_FOUND")


def test_admin_of_another_bc_reading_this_bcs_account_is_404(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    other = api.bc()
    api.authorize(other, owner)
    expect_problem(get(api, url(bc, owner.id), other.admin), 404, "NOT_FOUND")


@pytest.mark.parametrize("account_id", ["unknown", "new-id"])
def test_unknown_account_is_404(api: Api, bc: Bc, account_id: str) -> None:
    account_id = new_id() if account_id == "new-id" else account_id
    expect_problem(get(api, f"{url(bc)}/{account_id}", bc.admin), 404, "NOT_FOUND")


def test_a_tiktok_account_that_never_authorized_is_404(api: Api, bc: Bc, owner: Owner) -> None:
    expect_problem(get(api, url(bc, owner.id), bc.admin), 404, "NOT_FOUND")


def test_admin_reads_a_revoked_account(api: Api, content: Content, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    body = read(api, bc, owner, bc.admin)
    assert body["authorization_status"] == "REVOKED"
    assert body["revoked_by"] == "BUSINESS_CENTER"


# --- revoking -------------------------------------------------------------------------------


def test_admin_revokes_an_account(api: Api, bc: Bc, owner: Owner, clock: Clock) -> None:
    api.authorize(bc, owner)
    clock.advance(30)
    response = api.client.delete(url(bc, owner.id), headers=bc.admin.headers)
    assert response.status_code == 204
    assert response.content == b""
    body = read(api, bc, owner, bc.admin)
    assert body["authorization_status"] == "REVOKED"
    assert body["revoked_by"] == "BUSINESS_CENTER"
    assert at(body["revoked_at"]) == clock.now


def test_bc_revocation_shows_in_the_owners_revoked_authorizations(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    items = expect(
        api.client.get(
            "/v1/tiktok-app/authorizations", params={"status": "REVOKED"}, headers=owner.headers
        ),
        200,
    )["items"]
    assert [(item["business_center_id"], item["status"]) for item in items] == [(bc.id, "REVOKED")]


def test_revoking_twice_is_409_authorization_revoked(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    response = api.client.delete(url(bc, owner.id), headers=bc.admin.headers)
    expect_problem(response, 409, "AUTHORIZATION_REVOKED")


def test_admin_revoking_after_the_owner_did_is_409(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    content.owner_revokes(bc, owner)
    response = api.client.delete(url(bc, owner.id), headers=bc.admin.headers)
    expect_problem(response, 409, "AUTHORIZATION_REVOKED")
    assert read(api, bc, owner, bc.admin)["revoked_by"] == "OWNER"


def test_assigned_standard_member_may_not_revoke(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    response = api.client.delete(url(bc, owner.id), headers=member.headers)
    expect_problem(response, 403, "FORBIDDEN")
    assert read(api, bc, owner, bc.admin)["authorization_status"] == "ACTIVE"


def test_unassigned_standard_member_revoking_is_404(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    response = api.client.delete(url(bc, owner.id), headers=api.member(bc).headers)
    expect_problem(response, 404, "NOT_FOUND")
    assert read(api, bc, owner, bc.admin)["authorization_status"] == "ACTIVE"


def test_admin_of_another_bc_revoking_is_404(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    other = api.bc()
    api.authorize(other, owner)
    response = api.client.delete(url(bc, owner.id), headers=other.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")
    assert read(api, bc, owner, bc.admin)["authorization_status"] == "ACTIVE"
    assert read(api, other, owner, other.admin)["authorization_status"] == "ACTIVE"


def test_revoking_an_unknown_account_is_404(api: Api, bc: Bc) -> None:
    response = api.client.delete(url(bc, new_id()), headers=bc.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


# --- content: profile -----------------------------------------------------------------------


def test_profile_has_username_display_name_bio_and_showcase_off_by_default(
    api: Api, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    assert expect(get(api, url(bc, owner.id, "profile"), bc.admin), 200) == {
        "username": owner.username,
        "display_name": "Creator",
        "bio": "Hello",
        "showcase": {"enabled": False, "source": "ALL_SHOP_PRODUCTS", "shop_ids": []},
    }


def test_profile_reflects_the_owners_product_showcase(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    showcase = {"enabled": True, "source": "SELECTED_PRODUCTS", "shop_ids": ["shop_1", "shop_2"]}
    expect(api.client.put("/v1/tiktok-app/showcase", json=showcase, headers=owner.headers), 200)
    profile = expect(get(api, url(bc, owner.id, "profile"), bc.admin), 200)
    assert profile["showcase"] == showcase


@pytest.mark.parametrize("scope", ["EXISTING_POSTS", "LIVE_VIDEOS"])
def test_either_scope_brings_profile_info(api: Api, bc: Bc, owner: Owner, scope: str) -> None:
    api.authorize(bc, owner, scope)
    body = expect(get(api, url(bc, owner.id, "profile"), bc.admin), 200)
    assert body["username"] == owner.username


@pytest.mark.parametrize("roles", [["POST"], ["LIVE"], ["POST", "LIVE"]])
def test_any_assigned_member_reads_the_profile(
    api: Api, content: Content, bc: Bc, owner: Owner, roles: list[str]
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], roles)
    body = expect(get(api, url(bc, owner.id, "profile"), member), 200)
    assert body["username"] == owner.username


# --- content: videos and lives --------------------------------------------------------------


def test_videos_are_the_public_ones_only_each_with_its_ad_authorization(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    enabled = content.video(owner, "PUBLIC", ad_authorization=True)
    content.video(owner, "FRIENDS")
    disabled = content.video(owner, "PUBLIC", ad_authorization=False)
    content.video(owner, "PRIVATE")
    items = expect(get(api, url(bc, owner.id, "videos"), bc.admin), 200)["items"]
    assert [(item["id"], item["ad_authorization"]) for item in items] == [
        (disabled, False),
        (enabled, True),
    ]
    assert {item["visibility"] for item in items} == {"PUBLIC"}
    assert {item["tiktok_account_id"] for item in items} == {owner.id}


def test_a_video_made_private_leaves_the_list(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner)
    video_id = content.video(owner)
    expect(
        api.client.patch(
            f"/v1/tiktok-app/videos/{video_id}",
            json={"visibility": "PRIVATE"},
            headers=owner.headers,
        ),
        200,
    )
    assert expect(get(api, url(bc, owner.id, "videos"), bc.admin), 200)["items"] == []


@pytest.mark.parametrize(("ad_enabled", "expected"), [("true", True), ("false", False)])
def test_videos_filter_on_ad_enabled(
    api: Api, content: Content, bc: Bc, owner: Owner, ad_enabled: str, expected: bool
) -> None:
    api.authorize(bc, owner)
    ids = {True: content.video(owner, ad_authorization=True)}
    ids[False] = content.video(owner, ad_authorization=False)
    content.video(owner, "PRIVATE", ad_authorization=expected)
    response = api.client.get(
        url(bc, owner.id, "videos"), params={"ad_enabled": ad_enabled}, headers=bc.admin.headers
    )
    assert [item["id"] for item in expect(response, 200)["items"]] == [ids[expected]]


def test_an_invalid_ad_enabled_is_a_validation_error(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner)
    response = api.client.get(
        url(bc, owner.id, "videos"), params={"ad_enabled": "maybe"}, headers=bc.admin.headers
    )
    expect_problem(response, 422, "VALIDATION_ERROR")


def test_lives_are_listed_active_and_ended(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize(bc, owner, "LIVE_VIDEOS")
    ended = content.live(owner, ended=True)
    active = content.live(owner)
    items = expect(get(api, url(bc, owner.id, "lives"), bc.admin), 200)["items"]
    assert [(item["id"], item["status"]) for item in items] == [(active, "LIVE"), (ended, "ENDED")]
    assert items[0]["ended_at"] is None
    assert items[1]["ended_at"] is not None


def test_admin_reads_all_content_allowed_by_both_scopes(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    video_id, live_id = content.video(owner), content.live(owner)
    assert expect(get(api, url(bc, owner.id, "profile"), bc.admin), 200)["bio"] == "Hello"
    videos = expect(get(api, url(bc, owner.id, "videos"), bc.admin), 200)["items"]
    lives = expect(get(api, url(bc, owner.id, "lives"), bc.admin), 200)["items"]
    assert [item["id"] for item in videos] == [video_id]
    assert [item["id"] for item in lives] == [live_id]


def test_member_with_post_reads_videos_but_not_lives(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    video_id = content.video(owner)
    content.live(owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    videos = expect(get(api, url(bc, owner.id, "videos"), member), 200)["items"]
    assert [item["id"] for item in videos] == [video_id]
    expect_problem(get(api, url(bc, owner.id, "lives"), member), 403, "FORBIDDEN")


def test_member_with_live_reads_lives_but_not_videos(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    content.video(owner)
    live_id = content.live(owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["LIVE"])
    lives = expect(get(api, url(bc, owner.id, "lives"), member), 200)["items"]
    assert [item["id"] for item in lives] == [live_id]
    expect_problem(get(api, url(bc, owner.id, "videos"), member), 403, "FORBIDDEN")


def test_member_with_both_roles_reads_videos_and_lives(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST", "LIVE"])
    assert expect(get(api, url(bc, owner.id, "videos"), member), 200) == {
        "items": [],
        "next_cursor": None,
    }
    assert expect(get(api, url(bc, owner.id, "lives"), member), 200)["items"] == []


@pytest.mark.parametrize(
    ("scope", "path"), [("EXISTING_POSTS", "lives"), ("LIVE_VIDEOS", "videos")]
)
def test_admin_reading_outside_the_bcs_scopes_is_scope_not_authorized(
    api: Api, bc: Bc, owner: Owner, scope: str, path: str
) -> None:
    api.authorize(bc, owner, scope)
    expect_problem(get(api, url(bc, owner.id, path), bc.admin), 403, "SCOPE_NOT_AUTHORIZED")


def test_widening_the_scope_opens_the_content(api: Api, bc: Bc, owner: Owner) -> None:
    api.authorize(bc, owner, "EXISTING_POSTS")
    expect_problem(get(api, url(bc, owner.id, "lives"), bc.admin), 403, "SCOPE_NOT_AUTHORIZED")
    api.authorize(bc, owner, "LIVE_VIDEOS")
    assert expect(get(api, url(bc, owner.id, "lives"), bc.admin), 200)["items"] == []


@pytest.mark.parametrize("path", CONTENT)
def test_unassigned_standard_member_reading_content_is_404(
    api: Api, bc: Bc, owner: Owner, path: str
) -> None:
    api.authorize_both(bc, owner)
    expect_problem(get(api, url(bc, owner.id, path), api.member(bc)), 404, "NOT_FOUND")


@pytest.mark.parametrize("path", CONTENT)
def test_content_of_another_bcs_account_is_404(api: Api, bc: Bc, owner: Owner, path: str) -> None:
    api.authorize_both(api.bc(), owner)
    expect_problem(get(api, url(bc, owner.id, path), bc.admin), 404, "NOT_FOUND")


@pytest.mark.parametrize("revoker", REVOKERS)
@pytest.mark.parametrize("path", CONTENT)
def test_admin_reading_content_after_revocation_is_authorization_revoked(
    api: Api, content: Content, bc: Bc, owner: Owner, path: str, revoker: str
) -> None:
    api.authorize_both(bc, owner)
    expect(get(api, url(bc, owner.id, path), bc.admin), 200)
    content.end(bc, owner, revoker)
    expect_problem(get(api, url(bc, owner.id, path), bc.admin), 403, "AUTHORIZATION_REVOKED")


@pytest.mark.parametrize("revoker", REVOKERS)
def test_standard_member_loses_everything_on_the_next_request_after_revocation(
    api: Api, content: Content, bc: Bc, owner: Owner, revoker: str
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST", "LIVE"])
    paths = [url(bc, owner.id), *(url(bc, owner.id, path) for path in CONTENT)]
    for path in paths:
        expect(get(api, path, member), 200)
    content.end(bc, owner, revoker)
    assert listed(api, bc, member) == []
    for path in paths:
        expect_problem(get(api, path, member), 404, "NOT_FOUND")


def test_owner_revocation_ends_only_that_bcs_access(
    api: Api, content: Content, bc: Bc, owner: Owner
) -> None:
    other = api.bc()
    api.authorize(bc, owner)
    api.authorize(other, owner)
    content.owner_revokes(bc, owner)
    assert read(api, bc, owner, bc.admin)["revoked_by"] == "OWNER"
    assert read(api, other, owner, other.admin)["authorization_status"] == "ACTIVE"
    expect(get(api, url(other, owner.id, "videos"), other.admin), 200)


# --- the same rules at service level ----------------------------------------------------------


async def test_service_admin_lists_every_account_with_empty_roles(
    api: Api, bc: Bc, ctx: Context
) -> None:
    first, second = api.owner(), api.owner()
    api.authorize(bc, first)
    api.authorize(bc, second, "LIVE_VIDEOS")
    page = await service.list_accounts(
        fetch_in(ctx.session), principal(bc.admin), bc.id, AuthorizationStatus.ACTIVE, PageRequest()
    )
    assert [(item.id, item.scopes, item.my_roles) for item in page.items] == [
        (second.id, [Scope.LIVE_VIDEOS], []),
        (first.id, [Scope.EXISTING_POSTS], []),
    ]
    assert page.items[1].permissions == [
        Permission.PROFILE_INFO,
        Permission.AD_ENABLED_POSTS,
        Permission.PUBLIC_VIDEOS,
    ]


async def test_service_standard_member_lists_only_its_assigned_accounts(
    api: Api, content: Content, bc: Bc, ctx: Context
) -> None:
    assigned, unassigned = api.owner(), api.owner()
    api.authorize(bc, assigned)
    api.authorize(bc, unassigned)
    member = api.member(bc)
    content.assign(bc, assigned, [member], ["POST"])
    page = await service.list_accounts(
        fetch_in(ctx.session), principal(member), bc.id, AuthorizationStatus.ACTIVE, PageRequest()
    )
    assert [(item.id, item.my_roles) for item in page.items] == [
        (assigned.id, [AssignmentRole.POST])
    ]


async def test_service_revoked_list_is_for_admins_only(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    content.owner_revokes(bc, owner)
    revoked = AuthorizationStatus.REVOKED
    (item,) = (
        await service.list_accounts(
            fetch_in(ctx.session), principal(bc.admin), bc.id, revoked, PageRequest()
        )
    ).items
    assert (item.id, item.authorization_status, item.revoked_by) == (
        owner.id,
        AuthorizationStatus.REVOKED,
        RevokedBy.OWNER,
    )
    assert item.revoked_at is not None
    assert (
        await service.list_accounts(
            fetch_in(ctx.session), principal(member), bc.id, revoked, PageRequest()
        )
    ).items == []


async def test_service_reauthorized_account_is_listed_once_as_active(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    content.revoke(bc, owner)
    api.authorize(bc, owner, "LIVE_VIDEOS")
    admin = principal(bc.admin)
    active = await service.list_accounts(
        fetch_in(ctx.session), admin, bc.id, AuthorizationStatus.ACTIVE, PageRequest()
    )
    revoked = await service.list_accounts(
        fetch_in(ctx.session), admin, bc.id, AuthorizationStatus.REVOKED, PageRequest()
    )
    assert [(item.id, item.scopes) for item in active.items] == [(owner.id, [Scope.LIVE_VIDEOS])]
    assert revoked.items == []


async def test_service_list_of_a_bc_the_caller_is_not_in_is_not_found(
    api: Api, bc: Bc, ctx: Context
) -> None:
    stranger = principal(api.user())
    error = await refusal(
        lambda: service.list_accounts(
            fetch_in(ctx.session), stranger, bc.id, AuthorizationStatus.ACTIVE, PageRequest()
        )
    )
    assert error.code is ErrorCode.NOT_FOUND


async def test_service_get_account_follows_the_same_visibility(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    assigned, unassigned = api.member(bc), api.member(bc)
    content.assign(bc, owner, [assigned], ["POST"])
    elsewhere = api.owner()
    api.authorize(api.bc(), elsewhere)
    assert (await service.get_account(ctx, principal(bc.admin), bc.id, owner.id)).my_roles == []
    mine = await service.get_account(ctx, principal(assigned), bc.id, owner.id)
    assert (mine.id, mine.my_roles) == (owner.id, [AssignmentRole.POST])
    for caller, account_id in [
        (unassigned, owner.id),
        (bc.admin, elsewhere.id),
        (bc.admin, new_id()),
    ]:
        error = await refusal(
            partial(service.get_account, ctx, principal(caller), bc.id, account_id)
        )
        assert error.code is ErrorCode.NOT_FOUND, (caller, account_id)


async def test_service_revoke_by_business_center_ends_the_authorization_once(
    api: Api, bc: Bc, owner: Owner, ctx: Context, clock: Clock
) -> None:
    api.authorize(bc, owner)
    clock.advance(5)
    admin = principal(bc.admin)
    await service.revoke_by_business_center(ctx, admin, bc.id, owner.id)
    account = await service.get_account(ctx, admin, bc.id, owner.id)
    assert account.authorization_status is AuthorizationStatus.REVOKED
    assert account.revoked_by is RevokedBy.BUSINESS_CENTER
    assert account.revoked_at == clock.now
    error = await refusal(lambda: service.revoke_by_business_center(ctx, admin, bc.id, owner.id))
    assert (error.code, error.status) == (ErrorCode.AUTHORIZATION_REVOKED, 409)


async def test_service_revoke_refuses_a_standard_member_and_another_bc(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    other = api.bc()
    forbidden = await refusal(
        lambda: service.revoke_by_business_center(ctx, principal(member), bc.id, owner.id)
    )
    hidden = await refusal(
        lambda: service.revoke_by_business_center(ctx, principal(other.admin), bc.id, owner.id)
    )
    assert (forbidden.code, hidden.code) == (ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)
    account = await service.get_account(ctx, principal(bc.admin), bc.id, owner.id)
    assert account.authorization_status is AuthorizationStatus.ACTIVE


async def test_service_owner_revocation_is_revoked_by_owner(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    the_owner = OwnerPrincipal(tiktok_account_id=owner.id)
    (authorization,) = (
        await tiktok_app_service.list_authorizations(
            ctx, the_owner, AuthorizationStatus.ACTIVE, PageRequest()
        )
    ).items
    await tiktok_app_service.revoke_authorization(ctx, the_owner, authorization.id)
    account = await service.get_account(ctx, principal(bc.admin), bc.id, owner.id)
    assert (account.authorization_status, account.revoked_by) == (
        AuthorizationStatus.REVOKED,
        RevokedBy.OWNER,
    )


async def test_service_profile_has_the_showcase_off_by_default(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner, "LIVE_VIDEOS")
    profile = await service.profile(ctx, principal(bc.admin), bc.id, owner.id)
    assert (profile.username, profile.display_name, profile.bio) == (
        owner.username,
        "Creator",
        "Hello",
    )
    assert (profile.showcase.enabled, profile.showcase.source, profile.showcase.shop_ids) == (
        False,
        ShowcaseSource.ALL_SHOP_PRODUCTS,
        [],
    )


async def test_service_profile_reflects_the_showcase(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST"])
    showcase = {"enabled": True, "source": "MULTIPLE_SHOPS", "shop_ids": ["a", "b"]}
    expect(api.client.put("/v1/tiktok-app/showcase", json=showcase, headers=owner.headers), 200)
    profile = await service.profile(ctx, principal(member), bc.id, owner.id)
    assert profile.showcase.model_dump(mode="json") == showcase


async def test_service_videos_are_public_only_and_filter_on_ad_enabled(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner)
    enabled = content.video(owner, ad_authorization=True)
    disabled = content.video(owner, ad_authorization=False)
    content.video(owner, "FRIENDS")
    content.video(owner, "PRIVATE", ad_authorization=False)
    admin = principal(bc.admin)

    async def ids(ad_enabled: bool | None) -> list[str]:
        page = await service.videos(ctx, admin, bc.id, owner.id, ad_enabled, PageRequest())
        assert {video.visibility for video in page.items} <= {Visibility.PUBLIC}
        return [video.id for video in page.items]

    assert await ids(None) == [disabled, enabled]
    assert await ids(True) == [enabled]
    assert await ids(False) == [disabled]


async def test_service_lives_are_active_and_ended(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize(bc, owner, "LIVE_VIDEOS")
    ended = content.live(owner, ended=True)
    active = content.live(owner)
    page = await service.lives(ctx, principal(bc.admin), bc.id, owner.id, PageRequest())
    assert [(live.id, live.status) for live in page.items] == [
        (active, LiveStatus.LIVE),
        (ended, LiveStatus.ENDED),
    ]


async def test_service_content_needs_the_matching_role_below_admin(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    poster, streamer = api.member(bc), api.member(bc)
    content.assign(bc, owner, [poster], ["POST"])
    content.assign(bc, owner, [streamer], ["LIVE"])
    page = PageRequest()
    await service.videos(ctx, principal(poster), bc.id, owner.id, None, page)
    await service.lives(ctx, principal(streamer), bc.id, owner.id, page)
    await service.profile(ctx, principal(poster), bc.id, owner.id)
    await service.profile(ctx, principal(streamer), bc.id, owner.id)
    no_lives = await refusal(lambda: service.lives(ctx, principal(poster), bc.id, owner.id, page))
    no_videos = await refusal(
        lambda: service.videos(ctx, principal(streamer), bc.id, owner.id, None, page)
    )
    assert (no_lives.code, no_videos.code) == (ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN)


async def test_service_content_outside_the_scopes_is_scope_not_authorized(
    api: Api, bc: Bc, ctx: Context
) -> None:
    posts_only, lives_only = api.owner(), api.owner()
    api.authorize(bc, posts_only, "EXISTING_POSTS")
    api.authorize(bc, lives_only, "LIVE_VIDEOS")
    admin, page = principal(bc.admin), PageRequest()
    no_lives = await refusal(lambda: service.lives(ctx, admin, bc.id, posts_only.id, page))
    no_videos = await refusal(lambda: service.videos(ctx, admin, bc.id, lives_only.id, None, page))
    assert (no_lives.code, no_lives.status) == (ErrorCode.SCOPE_NOT_AUTHORIZED, 403)
    assert (no_videos.code, no_videos.status) == (ErrorCode.SCOPE_NOT_AUTHORIZED, 403)


async def test_service_admin_reading_content_after_revocation_is_authorization_revoked(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    admin, page = principal(bc.admin), PageRequest()
    await service.revoke_by_business_center(ctx, admin, bc.id, owner.id)
    reads: list[Callable[[], Awaitable[object]]] = [
        lambda: service.profile(ctx, admin, bc.id, owner.id),
        lambda: service.videos(ctx, admin, bc.id, owner.id, None, page),
        lambda: service.lives(ctx, admin, bc.id, owner.id, page),
    ]
    for call in reads:
        error = await refusal(call)
        assert (error.code, error.status) == (ErrorCode.AUTHORIZATION_REVOKED, 403)


async def test_service_standard_member_sees_nothing_after_revocation(
    api: Api, content: Content, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    member = api.member(bc)
    content.assign(bc, owner, [member], ["POST", "LIVE"])
    me, page = principal(member), PageRequest()
    await service.revoke_by_business_center(ctx, principal(bc.admin), bc.id, owner.id)
    listed_now = await service.list_accounts(
        fetch_in(ctx.session), me, bc.id, AuthorizationStatus.ACTIVE, page
    )
    assert listed_now.items == []
    reads: list[Callable[[], Awaitable[object]]] = [
        lambda: service.get_account(ctx, me, bc.id, owner.id),
        lambda: service.profile(ctx, me, bc.id, owner.id),
        lambda: service.videos(ctx, me, bc.id, owner.id, None, page),
        lambda: service.lives(ctx, me, bc.id, owner.id, page),
    ]
    for call in reads:
        assert (await refusal(call)).code is ErrorCode.NOT_FOUND


async def test_service_content_of_an_account_the_member_cannot_see_is_not_found(
    api: Api, bc: Bc, owner: Owner, ctx: Context
) -> None:
    api.authorize_both(bc, owner)
    unassigned, page = principal(api.member(bc)), PageRequest()
    reads: list[Callable[[], Awaitable[object]]] = [
        lambda: service.profile(ctx, unassigned, bc.id, owner.id),
        lambda: service.videos(ctx, unassigned, bc.id, owner.id, None, page),
        lambda: service.lives(ctx, unassigned, bc.id, owner.id, page),
    ]
    for call in reads:
        assert (await refusal(call)).code is ErrorCode.NOT_FOUND
