"""An identity's videos (SPEC section 8, `GET /v1/identities/{identity_id}/videos`): the PUBLIC
videos of the account behind an identity the caller holds, newest first, each with what
eligibility says for it through that identity on that ad account."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from httpx import Response

from app.core.context import Context
from app.core.enums import IdentityType
from app.core.errors import AppError, ErrorCode
from app.core.pagination import encode_cursor
from app.spark_ads import service
from app.spark_ads.repository import _IDENTITY_VIDEOS_PAGE
from app.spark_ads.schemas import IdentityVideosQuery
from tests.factories import Api, Bc, Content, Owner, User, expect, expect_problem
from tests.spark_ads.test_eligibility_batch import CountingFetch
from tests.spark_ads.test_spark_ads import Ask, World, authorized_owner

VIDEO_FIELDS = {"id", "caption", "ad_authorization", "created_at", "can_pull", "reasons"}


@pytest.fixture
def world(api: Api, content: Content) -> World:
    """As in tests/spark_ads/test_spark_ads.py; the account's video is public and ad-authorized."""
    bc = api.bc()
    owner = authorized_owner(api, bc)
    ad_account_id = content.ad_account(bc)
    operator = api.member(bc)
    content.ad_role(bc, ad_account_id, operator, "OPERATOR")
    content.assign(bc, owner, [operator], ["POST", "LIVE"])
    return World(
        api=api,
        content=content,
        bc=bc,
        owner=owner,
        ad_account_id=ad_account_id,
        operator=operator,
        video_id=content.video(owner),
        live_id=content.live(owner),
    )


def bc_identity(bc: Bc) -> dict[str, str]:
    return {"identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": bc.id}


LINK_IDENTITY = {"identity_type": "TT_USER"}


def videos(
    api: Api,
    user: User,
    ad_account_id: str,
    identity_id: str,
    identity: Mapping[str, str],
    **params: str | int | bool,
) -> Response:
    response: Response = api.client.get(
        f"/v1/identities/{identity_id}/videos",
        params={"ad_account_id": ad_account_id, **identity, **params},
        headers=user.headers,
    )
    return response


def listed(
    api: Api,
    user: User,
    ad_account_id: str,
    owner: Owner,
    identity: Mapping[str, str],
    **params: str | int | bool,
) -> list[dict[str, Any]]:
    body = expect(videos(api, user, ad_account_id, owner.id, identity, **params), 200)
    assert set(body) == {"items", "next_cursor"}
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    assert all(set(item) == VIDEO_FIELDS for item in items)
    return items


def single(api: Api, ask: Ask, identity_type: str) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.get(
            "/v1/spark-ads/eligibility",
            params={**ask.params(), "identity_type": identity_type},
            headers=ask.user.headers,
        ),
        200,
    )
    return body


def assert_each_video_is_the_single_check(
    api: Api, user: User, ad_account_id: str, owner: Owner, items: list[dict[str, Any]], kind: str
) -> None:
    for item in items:
        answer = single(api, Ask(user, ad_account_id, owner.id, video_id=item["id"]), kind)
        assert (item["can_pull"], item["reasons"]) == (answer["allowed"], answer["reasons"])


@pytest.fixture
def shelf(world: World) -> list[str]:
    """The account's videos besides the world's, oldest first: public and ad-authorized,
    FRIENDS, public not ad-authorized, PRIVATE, public and ad-authorized."""
    new = world.content.video
    return [
        new(world.owner),
        new(world.owner, visibility="FRIENDS"),
        new(world.owner, ad_authorization=False),
        new(world.owner, visibility="PRIVATE"),
        new(world.owner),
    ]


# --- what is listed ---------------------------------------------------------------------------


def test_a_bc_identity_lists_the_public_videos_newest_first_with_eligibility(
    world: World, shelf: list[str]
) -> None:
    items = listed(
        world.api, world.operator, world.ad_account_id, world.owner, bc_identity(world.bc)
    )

    assert [item["id"] for item in items] == [shelf[4], shelf[2], shelf[0], world.video_id]
    assert [(item["can_pull"], item["reasons"]) for item in items] == [
        (True, []),
        (False, ["VIDEO_NOT_AD_AUTHORIZED"]),
        (True, []),
        (True, []),
    ]
    assert [item["ad_authorization"] for item in items] == [True, False, True, True]
    assert items[0]["caption"] == "A video"
    assert_each_video_is_the_single_check(
        world.api, world.operator, world.ad_account_id, world.owner, items, "BC_AUTH_TT"
    )


@pytest.mark.parametrize(("ad_enabled", "expected"), [(True, [4, 0]), (False, [2])])
def test_ad_enabled_filters_on_the_ad_authorization(
    world: World, shelf: list[str], ad_enabled: bool, expected: list[int]
) -> None:
    items = listed(
        world.api,
        world.operator,
        world.ad_account_id,
        world.owner,
        bc_identity(world.bc),
        ad_enabled=str(ad_enabled).lower(),
    )

    ids = [shelf[i] for i in expected] + ([world.video_id] if ad_enabled else [])
    assert [item["id"] for item in items] == ids


def test_the_videos_are_paginated_with_a_cursor(world: World, shelf: list[str]) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int | bool] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        body = expect(
            videos(
                world.api,
                world.operator,
                world.ad_account_id,
                world.owner.id,
                bc_identity(world.bc),
                **params,
            ),
            200,
        )
        assert len(body["items"]) <= 1
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == [shelf[4], shelf[2], shelf[0], world.video_id]


def test_a_linked_user_lists_through_its_tt_user_identity(api: Api, content: Content) -> None:
    """Scenario 1 of the SPEC: linked, in no BC of the account, OPERATOR on an ad account."""
    bc = api.bc()
    ad_account_id = content.ad_account(bc)
    user = api.member(bc)
    content.ad_role(bc, ad_account_id, user, "OPERATOR")
    owner = api.owner()
    content.link(owner, user)
    allowed = content.video(owner)
    off = content.video(owner, ad_authorization=False)
    content.video(owner, visibility="PRIVATE")

    items = listed(api, user, ad_account_id, owner, LINK_IDENTITY)

    assert [(item["id"], item["can_pull"], item["reasons"]) for item in items] == [
        (off, False, ["VIDEO_NOT_AD_AUTHORIZED"]),
        (allowed, True, []),
    ]
    assert_each_video_is_the_single_check(api, user, ad_account_id, owner, items, "TT_USER")


def test_a_member_with_both_identities_gets_each_ones_answer(world: World) -> None:
    """Assigned LIVE only through the BC, and linked: the BC identity cannot pull videos,
    the link can."""
    user = world.member("OPERATOR", ["LIVE"])
    world.content.link(world.owner, user)

    through_bc = listed(world.api, user, world.ad_account_id, world.owner, bc_identity(world.bc))
    through_link = listed(world.api, user, world.ad_account_id, world.owner, LINK_IDENTITY)

    assert [(i["can_pull"], i["reasons"]) for i in through_bc] == [
        (False, ["TIKTOK_ACCOUNT_NOT_ASSIGNED"])
    ]
    assert [(i["can_pull"], i["reasons"]) for i in through_link] == [(True, [])]
    for items, kind in ((through_bc, "BC_AUTH_TT"), (through_link, "TT_USER")):
        assert_each_video_is_the_single_check(
            world.api, user, world.ad_account_id, world.owner, items, kind
        )


@pytest.mark.parametrize("ad_role", ["ANALYST", None])
def test_without_a_pulling_ad_role_nothing_can_be_pulled(world: World, ad_role: str | None) -> None:
    """ANALYST on the ad account, or a BC admin (who sees it) without a role on it."""
    if ad_role is None:
        world.content.assign(world.bc, world.owner, [world.bc.admin], ["POST"])
        user = world.bc.admin
    else:
        user = world.member(ad_role, ["POST"])

    items = listed(world.api, user, world.ad_account_id, world.owner, bc_identity(world.bc))

    assert [(i["can_pull"], i["reasons"]) for i in items] == [(False, ["AD_ACCOUNT_ROLE_REQUIRED"])]


def test_an_identity_of_another_bc_than_the_ad_accounts(api: Api, content: Content) -> None:
    ads_bc = api.bc()
    user = api.member(ads_bc)
    ad_account_id = content.ad_account(ads_bc)
    content.ad_role(ads_bc, ad_account_id, user, "OPERATOR")
    creators_bc = api.bc()
    owner = authorized_owner(api, creators_bc, ("EXISTING_POSTS",))
    api.member(creators_bc, user=user)
    content.assign(creators_bc, owner, [user], ["POST"])
    video_id = content.video(owner)

    items = listed(api, user, ad_account_id, owner, bc_identity(creators_bc))

    assert [(i["id"], i["can_pull"]) for i in items] == [(video_id, True)]
    expect_problem(
        videos(api, user, ad_account_id, owner.id, bc_identity(ads_bc)), 404, "NOT_FOUND"
    )


def test_an_account_without_public_videos_lists_nothing(world: World) -> None:
    other = authorized_owner(world.api, world.bc, ("EXISTING_POSTS",))
    world.content.assign(world.bc, other, [world.operator], ["POST"])
    world.content.video(other, visibility="FRIENDS")

    assert (
        listed(world.api, world.operator, world.ad_account_id, other, bc_identity(world.bc)) == []
    )


def test_every_identity_that_identities_lists_lists_its_videos(world: World) -> None:
    user = world.member("OPERATOR", ["POST"])
    world.content.link(world.owner, user)
    identities = expect(
        world.api.client.get(
            "/v1/identities", params={"ad_account_id": world.ad_account_id}, headers=user.headers
        ),
        200,
    )["items"]
    assert len(identities) == 2

    for identity in identities:
        kind = {"identity_type": identity["identity_type"]}
        if identity["identity_authorized_bc_id"]:
            kind["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
        items = listed(world.api, user, world.ad_account_id, world.owner, kind)
        assert [i["can_pull"] for i in items] == [identity["can_pull_video"]]


# --- refusals ---------------------------------------------------------------------------------


def _unassigned(w: World) -> tuple[User, dict[str, str]]:
    return w.member("OPERATOR"), bc_identity(w.bc)


def _unassigned_bc_admin(w: World) -> tuple[User, dict[str, str]]:
    w.content.ad_role(w.bc, w.ad_account_id, w.bc.admin, "ADMIN")
    return w.bc.admin, bc_identity(w.bc)


def _revoked_by_the_bc(w: World) -> tuple[User, dict[str, str]]:
    w.content.revoke(w.bc, w.owner)
    return w.operator, bc_identity(w.bc)


def _revoked_by_the_owner(w: World) -> tuple[User, dict[str, str]]:
    w.content.owner_revokes(w.bc, w.owner)
    return w.operator, bc_identity(w.bc)


def _reapproved_without_assignment(w: World) -> tuple[User, dict[str, str]]:
    w.content.revoke(w.bc, w.owner)
    w.api.authorize(w.bc, w.owner, "EXISTING_POSTS")
    return w.operator, bc_identity(w.bc)


def _another_bc_of_the_caller(w: World) -> tuple[User, dict[str, str]]:
    """The caller admins another BC, which does not hold the account."""
    other = w.api.bc(admin=w.operator)
    return w.operator, bc_identity(other)


def _a_bc_the_caller_is_not_in(w: World) -> tuple[User, dict[str, str]]:
    other = w.api.bc()
    other_member = w.api.member(other)
    w.api.authorize(other, w.owner, "EXISTING_POSTS")
    w.content.assign(other, w.owner, [other_member], ["POST"])
    return w.operator, bc_identity(other)


def _tt_user_without_a_link(w: World) -> tuple[User, dict[str, str]]:
    return w.operator, LINK_IDENTITY


def _unlinked(w: World) -> tuple[User, dict[str, str]]:
    w.content.link(w.owner, w.operator)
    expect(
        w.api.client.delete(
            f"/v1/tiktok-app/account-links/{w.operator.id}", headers=w.owner.headers
        ),
        204,
    )
    return w.operator, LINK_IDENTITY


def _member_without_ad_role(w: World) -> tuple[User, dict[str, str]]:
    return w.member(None, ["POST"]), bc_identity(w.bc)


def _outsider(w: World) -> tuple[User, dict[str, str]]:
    user = w.api.user()
    w.content.link(w.owner, user)  # holds the identity, but does not see the ad account
    return user, LINK_IDENTITY


NOT_HELD: list[Callable[[World], tuple[User, dict[str, str]]]] = [
    _unassigned,
    _unassigned_bc_admin,
    _revoked_by_the_bc,
    _revoked_by_the_owner,
    _reapproved_without_assignment,
    _another_bc_of_the_caller,
    _a_bc_the_caller_is_not_in,
    _tt_user_without_a_link,
    _unlinked,
    _member_without_ad_role,
    _outsider,
]


@pytest.mark.parametrize("scenario", NOT_HELD, ids=[s.__name__.strip("_") for s in NOT_HELD])
def test_an_identity_not_held_or_an_ad_account_not_seen_is_404(
    world: World, scenario: Callable[[World], tuple[User, dict[str, str]]]
) -> None:
    user, identity = scenario(world)

    response = videos(world.api, user, world.ad_account_id, world.owner.id, identity)

    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("what", ["ad-account", "identity"])
def test_unknown_ids_are_404(world: World, what: str) -> None:
    ad_account_id = "no-such-ad-account" if what == "ad-account" else world.ad_account_id
    identity_id = "no-such-account" if what == "identity" else world.owner.id

    response = videos(world.api, world.operator, ad_account_id, identity_id, bc_identity(world.bc))

    expect_problem(response, 404, "NOT_FOUND")


def test_a_bc_identity_without_public_videos_is_403_scope_not_authorized(world: World) -> None:
    owner = authorized_owner(world.api, world.bc, ("LIVE_VIDEOS",))
    world.content.assign(world.bc, owner, [world.operator], ["LIVE"])
    world.content.video(owner)

    response = videos(
        world.api, world.operator, world.ad_account_id, owner.id, bc_identity(world.bc)
    )

    expect_problem(response, 403, "SCOPE_NOT_AUTHORIZED")
    # Through a link the same account lists its videos: a link brings every permission.
    world.content.link(owner, world.operator)
    assert len(listed(world.api, world.operator, world.ad_account_id, owner, LINK_IDENTITY)) == 1


def test_a_revocation_shows_in_the_very_next_page(world: World) -> None:
    assert listed(
        world.api, world.operator, world.ad_account_id, world.owner, bc_identity(world.bc)
    )

    world.content.revoke(world.bc, world.owner)

    response = videos(
        world.api, world.operator, world.ad_account_id, world.owner.id, bc_identity(world.bc)
    )
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"identity_type": "BC_AUTH_TT"},
        {"identity_type": "TT_USER", "identity_authorized_bc_id": "<bc>"},
        {"identity_type": "BC", "identity_authorized_bc_id": "<bc>"},
        {"identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": "<bc>", "ad_enabled": "maybe"},
        {"identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": "<bc>", "limit": 0},
        {"identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": "<bc>", "limit": 101},
        {"identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": "<bc>", "cursor": "nope"},
        {"identity_type": "TT_USER", "ad_account_id": None},
    ],
    ids=[
        "no-identity-type",
        "bc-identity-without-bc",
        "tt-user-with-a-bc",
        "unknown-identity-type",
        "bad-ad-enabled",
        "limit-0",
        "limit-101",
        "bad-cursor",
        "no-ad-account",
    ],
)
def test_malformed_queries_are_422(world: World, params: dict[str, str | int | None]) -> None:
    query = {"ad_account_id": world.ad_account_id, **params}
    query = {k: (world.bc.id if v == "<bc>" else v) for k, v in query.items() if v is not None}

    response = world.api.client.get(
        f"/v1/identities/{world.owner.id}/videos", params=query, headers=world.operator.headers
    )

    expect_problem(response, 422, "VALIDATION_ERROR")


def test_the_videos_without_a_token_are_401(world: World) -> None:
    response = world.api.client.get(
        f"/v1/identities/{world.owner.id}/videos",
        params={"ad_account_id": world.ad_account_id, **bc_identity(world.bc)},
    )

    expect_problem(response, 401, "UNAUTHENTICATED")


# --- at service level: one statement per page -------------------------------------------------


def _query(world: World, **changes: object) -> IdentityVideosQuery:
    return IdentityVideosQuery.model_validate(
        {
            "ad_account_id": world.ad_account_id,
            "identity_type": IdentityType.BC_AUTH_TT,
            "identity_authorized_bc_id": world.bc.id,
            **changes,
        }
    )


async def test_a_page_is_one_statement_at_service_level(
    world: World, shelf: list[str], ctx: Context
) -> None:
    fetch = CountingFetch(ctx.runtime.database.fetch)
    principal = world.ask(world.operator).principal

    first = await service.identity_videos(fetch, principal, world.owner.id, _query(world, limit=2))
    assert first.next_cursor is not None
    after = await service.identity_videos(
        fetch,
        principal,
        world.owner.id,
        _query(world, limit=2, cursor=encode_cursor(shelf[2])),
    )

    assert fetch.statements == [_IDENTITY_VIDEOS_PAGE.first, _IDENTITY_VIDEOS_PAGE.after]
    assert [video.id for video in first.items] == [shelf[4], shelf[2]]
    assert [(v.id, v.can_pull, v.reasons) for v in after.items] == [
        (shelf[0], True, []),
        (world.video_id, True, []),
    ]
    assert after.next_cursor is None


async def test_refusals_at_service_level(world: World, ctx: Context) -> None:
    principal = world.ask(world.operator).principal
    fetch = ctx.runtime.database.fetch
    outsider = world.ask(world.api.user()).principal
    live_only = authorized_owner(world.api, world.bc, ("LIVE_VIDEOS",))
    world.content.assign(world.bc, live_only, [world.operator], ["LIVE"])

    cases = [
        (outsider, world.owner.id, _query(world), ErrorCode.NOT_FOUND),
        (
            principal,
            world.owner.id,
            _query(world, identity_type="TT_USER", identity_authorized_bc_id=None),
            ErrorCode.NOT_FOUND,
        ),
        (principal, live_only.id, _query(world), ErrorCode.SCOPE_NOT_AUTHORIZED),
    ]
    for user, identity_id, query, code in cases:
        with pytest.raises(AppError) as refused:
            await service.identity_videos(fetch, user, identity_id, query)
        assert refused.value.code is code
