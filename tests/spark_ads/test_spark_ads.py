"""Identities and Spark Ads (SPEC section 8): eligibility, creation, listing, identities, the
account link, and pausing when a right ends; through HTTP and at service level."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import anyio
import pytest
from httpx import Response
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.authorizations import repository as authorizations_repository
from app.authorizations import service as authorization_service
from app.core.context import Context, Runtime
from app.core.db import Database, fetch_in
from app.core.enums import IdentityType, Reason, SparkAdStatus, Via
from app.core.errors import AppError, ErrorCode
from app.core.pagination import PageRequest
from app.spark_ads import repository as spark_ads_repository
from app.spark_ads import service
from app.spark_ads.models import SparkAd
from app.spark_ads.schemas import EligibilityQuery, SparkAdCreate
from app.tiktok_app import service as tiktok_service
from app.tiktok_app.principal import OwnerPrincipal
from app.users.principal import UserPrincipal
from tests.conftest import SyncDatabase
from tests.factories import Api, Bc, Content, Owner, User, expect, expect_problem
from tests.lock_waits import wait_until_a_backend_waits_for

BOTH_SCOPES = ("EXISTING_POSTS", "LIVE_VIDEOS")
SPARK_AD_FIELDS = {
    "id",
    "ad_account_id",
    "identity_type",
    "identity_id",
    "identity_authorized_bc_id",
    "video_id",
    "live_id",
    "name",
    "status",
    "created_by_user_id",
    "created_at",
}


# --- the world the tests act in ---------------------------------------------------------------


def authorized_owner(api: Api, bc: Bc, scopes: tuple[str, ...] = BOTH_SCOPES) -> Owner:
    owner = api.owner()
    for scope in scopes:
        api.authorize(bc, owner, scope)
    return owner


@dataclass
class World:
    """A BC holding an account with both scopes, an ad account in it, and content.

    `operator` is a STANDARD member with OPERATOR on the ad account, assigned POST and LIVE.
    """

    api: Api
    content: Content
    bc: Bc
    owner: Owner
    ad_account_id: str
    operator: User
    video_id: str
    live_id: str

    def member(
        self,
        ad_role: str | None = "OPERATOR",
        roles: list[str] | None = None,
        bc: Bc | None = None,
        ad_account_id: str | None = None,
        owner: Owner | None = None,
        user: User | None = None,
    ) -> User:
        """A STANDARD member with `ad_role` on the ad account and `roles` on the account."""
        bc = bc or self.bc
        user = self.api.member(bc, user=user)
        if ad_role is not None:
            self.content.ad_role(bc, ad_account_id or self.ad_account_id, user, ad_role)
        if roles:
            self.content.assign(bc, owner or self.owner, [user], roles)
        return user

    def ask(self, user: User, **content: str) -> Ask:
        """`user` asking for this world's ad account and TikTok account (its video by default)."""
        return Ask(
            user, self.ad_account_id, self.owner.id, **(content or {"video_id": self.video_id})
        )


@pytest.fixture
def world(api: Api, content: Content) -> World:
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


@dataclass(frozen=True)
class Ask:
    """One question: may `user` use this video or LIVE of this account on this ad account?"""

    user: User
    ad_account_id: str
    tiktok_account_id: str
    video_id: str | None = None
    live_id: str | None = None

    def params(self) -> dict[str, str]:
        params = {"ad_account_id": self.ad_account_id, "tiktok_account_id": self.tiktok_account_id}
        if self.video_id is not None:
            params["video_id"] = self.video_id
        if self.live_id is not None:
            params["live_id"] = self.live_id
        return params

    def body(self, name: str = "Spark", identity_type: str | None = None) -> dict[str, str]:
        body = {**self.params(), "name": name}
        if identity_type is not None:
            body["identity_type"] = identity_type
        return body

    @property
    def principal(self) -> UserPrincipal:
        return UserPrincipal(id=self.user.id, email=self.user.email)

    def query(self) -> EligibilityQuery:
        return EligibilityQuery(
            ad_account_id=self.ad_account_id,
            tiktok_account_id=self.tiktok_account_id,
            video_id=self.video_id,
            live_id=self.live_id,
        )

    def create(
        self, name: str = "Spark", identity_type: IdentityType | None = None
    ) -> SparkAdCreate:
        return SparkAdCreate(
            ad_account_id=self.ad_account_id,
            tiktok_account_id=self.tiktok_account_id,
            video_id=self.video_id,
            live_id=self.live_id,
            name=name,
            identity_type=identity_type,
        )


def eligibility(api: Api, ask: Ask) -> Response:
    response: Response = api.client.get(
        "/v1/spark-ads/eligibility", params=ask.params(), headers=ask.user.headers
    )
    return response


def eligible(api: Api, ask: Ask) -> dict[str, Any]:
    body: dict[str, Any] = expect(eligibility(api, ask), 200)
    return body


def make_ad(api: Api, ask: Ask, name: str = "Spark", identity_type: str | None = None) -> Response:
    response: Response = api.client.post(
        "/v1/spark-ads", json=ask.body(name, identity_type), headers=ask.user.headers
    )
    return response


def made_ad(api: Api, ask: Ask, name: str = "Spark", identity_type: str | None = None) -> Any:
    return expect(make_ad(api, ask, name, identity_type), 201)


def spark_ads(api: Api, user: User, ad_account_id: str) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            "/v1/spark-ads", params={"ad_account_id": ad_account_id}, headers=user.headers
        ),
        200,
    )
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def statuses(api: Api, user: User, ad_account_id: str) -> dict[str, str]:
    """Spark Ad id -> status, as the next request sees them."""
    return {ad["id"]: ad["status"] for ad in spark_ads(api, user, ad_account_id)}


def identities(api: Api, user: User, ad_account_id: str) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            "/v1/identities", params={"ad_account_id": ad_account_id}, headers=user.headers
        ),
        200,
    )
    assert set(body) == {"items", "next_cursor"}
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def unlink(api: Api, owner: Owner, user: User) -> None:
    expect(api.client.delete(f"/v1/tiktok-app/account-links/{user.id}", headers=owner.headers), 204)


def bc_identity(owner: Owner, bc: Bc, *, video: bool, live: bool) -> dict[str, Any]:
    return {
        "identity_type": "BC_AUTH_TT",
        "identity_id": owner.id,
        "identity_authorized_bc_id": bc.id,
        "username": owner.username,
        "display_name": "Creator",
        "can_pull_video": video,
        "can_use_live_ads": live,
    }


def link_identity(owner: Owner, *, video: bool, live: bool) -> dict[str, Any]:
    return {
        "identity_type": "TT_USER",
        "identity_id": owner.id,
        "identity_authorized_bc_id": None,
        "username": owner.username,
        "display_name": "Creator",
        "can_pull_video": video,
        "can_use_live_ads": live,
    }


def by_identity(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identities in a fixed order (the SPEC does not fix theirs)."""
    return sorted(
        items,
        key=lambda i: (i["identity_type"], i["identity_id"], i["identity_authorized_bc_id"] or ""),
    )


# --- refusals: every reason, each on its own and several at once ------------------------------


def no_ad_role(w: World) -> Ask:
    """A BC admin (sees the ad account), assigned POST, without a role on the ad account."""
    w.content.assign(w.bc, w.owner, [w.bc.admin], ["POST"])
    return w.ask(w.bc.admin)


def analyst(w: World) -> Ask:
    return w.ask(w.member("ANALYST", ["POST"]))


def unassigned(w: World) -> Ask:
    return w.ask(w.member("OPERATOR"))


def unassigned_bc_admin(w: World) -> Ask:
    w.content.ad_role(w.bc, w.ad_account_id, w.bc.admin, "ADMIN")
    return w.ask(w.bc.admin)


def video_with_live_role_only(w: World) -> Ask:
    return w.ask(w.member("OPERATOR", ["LIVE"]))


def live_with_post_role_only(w: World) -> Ask:
    return w.ask(w.member("OPERATOR", ["POST"]), live_id=w.live_id)


def revoked_by_the_bc(w: World) -> Ask:
    w.content.revoke(w.bc, w.owner)
    return w.ask(w.operator)


def revoked_by_the_owner(w: World) -> Ask:
    w.content.owner_revokes(w.bc, w.owner)
    return w.ask(w.operator, live_id=w.live_id)


def video_without_existing_posts(w: World) -> Ask:
    """The BC holds only LIVE_VIDEOS, so its member can hold only LIVE."""
    owner = authorized_owner(w.api, w.bc, ("LIVE_VIDEOS",))
    user = w.member("OPERATOR", ["LIVE"], owner=owner)
    return Ask(user, w.ad_account_id, owner.id, video_id=w.content.video(owner))


def live_without_live_videos(w: World) -> Ask:
    owner = authorized_owner(w.api, w.bc, ("EXISTING_POSTS",))
    user = w.member("OPERATOR", ["POST"], owner=owner)
    return Ask(user, w.ad_account_id, owner.id, live_id=w.content.live(owner))


def revoked_without_existing_posts(w: World) -> Ask:
    owner = authorized_owner(w.api, w.bc, ("LIVE_VIDEOS",))
    user = w.member("OPERATOR", ["LIVE"], owner=owner)
    w.content.revoke(w.bc, owner)
    return Ask(user, w.ad_account_id, owner.id, video_id=w.content.video(owner))


def unknown_video(w: World) -> Ask:
    return w.ask(w.operator, video_id="no-such-video")


def another_accounts_video(w: World) -> Ask:
    other = w.api.owner()
    return w.ask(w.operator, video_id=w.content.video(other))


def friends_video(w: World) -> Ask:
    return w.ask(w.operator, video_id=w.content.video(w.owner, visibility="FRIENDS"))


def private_video(w: World) -> Ask:
    return w.ask(w.operator, video_id=w.content.video(w.owner, visibility="PRIVATE"))


def video_not_ad_authorized(w: World) -> Ask:
    return w.ask(w.operator, video_id=w.content.video(w.owner, ad_authorization=False))


def unknown_live(w: World) -> Ask:
    return w.ask(w.operator, live_id="no-such-live")


def another_accounts_live(w: World) -> Ask:
    return w.ask(w.operator, live_id=w.content.live(w.api.owner()))


def ended_live(w: World) -> Ask:
    return w.ask(w.operator, live_id=w.content.live(w.owner, ended=True))


def analyst_unassigned_private_not_ad_authorized(w: World) -> Ask:
    video_id = w.content.video(w.owner, visibility="PRIVATE", ad_authorization=False)
    return w.ask(w.member("ANALYST"), video_id=video_id)


def no_role_post_only_ended_live(w: World) -> Ask:
    """A BC admin without an ad-account role, assigned POST where the BC lacks LIVE_VIDEOS."""
    owner = authorized_owner(w.api, w.bc, ("EXISTING_POSTS",))
    w.content.assign(w.bc, owner, [w.bc.admin], ["POST"])
    return Ask(w.bc.admin, w.ad_account_id, owner.id, live_id=w.content.live(owner, ended=True))


ROLE = Reason.AD_ACCOUNT_ROLE_REQUIRED
NOT_ASSIGNED = Reason.TIKTOK_ACCOUNT_NOT_ASSIGNED
REVOKED = Reason.AUTHORIZATION_REVOKED
SCOPE = Reason.SCOPE_NOT_AUTHORIZED
BC = Via.BUSINESS_CENTER

# (scenario, the reasons in order, via)
REFUSALS: list[tuple[Callable[[World], Ask], list[Reason], list[Via]]] = [
    (no_ad_role, [ROLE], [BC]),
    (analyst, [ROLE], [BC]),
    (unassigned, [NOT_ASSIGNED], []),
    (unassigned_bc_admin, [NOT_ASSIGNED], []),
    (video_with_live_role_only, [NOT_ASSIGNED], []),
    (live_with_post_role_only, [NOT_ASSIGNED], []),
    (revoked_by_the_bc, [REVOKED], []),
    (revoked_by_the_owner, [REVOKED], []),
    (video_without_existing_posts, [NOT_ASSIGNED, SCOPE], []),
    (live_without_live_videos, [NOT_ASSIGNED, SCOPE], []),
    (revoked_without_existing_posts, [NOT_ASSIGNED, REVOKED, SCOPE], []),
    (unknown_video, [Reason.VIDEO_NOT_FOUND], [BC]),
    (another_accounts_video, [Reason.VIDEO_NOT_FOUND], [BC]),
    (friends_video, [Reason.VIDEO_NOT_PUBLIC], [BC]),
    (private_video, [Reason.VIDEO_NOT_PUBLIC], [BC]),
    (video_not_ad_authorized, [Reason.VIDEO_NOT_AD_AUTHORIZED], [BC]),
    (unknown_live, [Reason.LIVE_NOT_FOUND], [BC]),
    (another_accounts_live, [Reason.LIVE_NOT_FOUND], [BC]),
    (ended_live, [Reason.LIVE_NOT_ACTIVE], [BC]),
    (
        analyst_unassigned_private_not_ad_authorized,
        [ROLE, NOT_ASSIGNED, Reason.VIDEO_NOT_PUBLIC, Reason.VIDEO_NOT_AD_AUTHORIZED],
        [],
    ),
    (no_role_post_only_ended_live, [ROLE, NOT_ASSIGNED, SCOPE, Reason.LIVE_NOT_ACTIVE], []),
]
REFUSAL_IDS = [scenario.__name__ for scenario, _, _ in REFUSALS]


def test_the_refusal_table_produces_every_reason() -> None:
    assert {reason for _, reasons, _ in REFUSALS for reason in reasons} == set(Reason)


@pytest.mark.parametrize(("scenario", "reasons", "via"), REFUSALS, ids=REFUSAL_IDS)
def test_eligibility_reports_every_failing_check_over_http(
    world: World, scenario: Callable[[World], Ask], reasons: list[Reason], via: list[Via]
) -> None:
    ask = scenario(world)

    assert eligible(world.api, ask) == {"allowed": False, "reasons": reasons, "via": via}


@pytest.mark.parametrize(("scenario", "reasons", "via"), REFUSALS, ids=REFUSAL_IDS)
async def test_eligibility_reports_every_failing_check_at_service_level(
    world: World,
    ctx: Context,
    scenario: Callable[[World], Ask],
    reasons: list[Reason],
    via: list[Via],
) -> None:
    ask = scenario(world)

    result = await service.eligibility(ctx.runtime.database.fetch, ask.principal, ask.query())

    assert (result.allowed, result.reasons, result.via) == (False, reasons, via)


@pytest.mark.parametrize(("scenario", "reasons", "via"), REFUSALS, ids=REFUSAL_IDS)
def test_a_refused_spark_ad_is_403_with_the_first_reason_and_all_reasons(
    world: World, scenario: Callable[[World], Ask], reasons: list[Reason], via: list[Via]
) -> None:
    ask = scenario(world)

    problem = expect_problem(make_ad(world.api, ask), 403, reasons[0])

    assert problem["reasons"] == reasons
    assert spark_ads(world.api, world.bc.admin, world.ad_account_id) == []


@pytest.mark.parametrize(("scenario", "reasons", "via"), REFUSALS, ids=REFUSAL_IDS)
async def test_a_refused_spark_ad_raises_the_first_reason_at_service_level(
    world: World,
    ctx: Context,
    scenario: Callable[[World], Ask],
    reasons: list[Reason],
    via: list[Via],
) -> None:
    ask = scenario(world)

    with pytest.raises(AppError) as refused:
        await service.create(ctx, ask.principal, ask.create())

    assert refused.value.code is ErrorCode[reasons[0]]
    assert refused.value.status == 403
    assert refused.value.extra == {"reasons": reasons}


def test_a_refused_spark_ad_writes_no_audit_event(world: World) -> None:
    ask = analyst(world)
    before = audit_actions(world.api, world.bc)

    expect_problem(make_ad(world.api, ask), 403, "AD_ACCOUNT_ROLE_REQUIRED")

    assert audit_actions(world.api, world.bc) == before


# --- eligibility: allowed, visibility, validation ---------------------------------------------


@pytest.mark.parametrize("ad_role", ["OPERATOR", "ADMIN"])
def test_an_assigned_member_with_a_pulling_ad_role_is_allowed_through_the_bc(
    world: World, ad_role: str
) -> None:
    ask = world.ask(world.member(ad_role, ["POST"]))

    assert eligible(world.api, ask) == {
        "allowed": True,
        "reasons": [],
        "via": ["BUSINESS_CENTER"],
    }


async def test_an_assigned_member_is_allowed_at_service_level(world: World, ctx: Context) -> None:
    ask = world.ask(world.operator)

    result = await service.eligibility(ctx.runtime.database.fetch, ask.principal, ask.query())

    assert (result.allowed, result.reasons, result.via) == (True, [], [Via.BUSINESS_CENTER])


def test_an_active_live_is_allowed_with_the_live_role_and_scope(world: World) -> None:
    ask = world.ask(world.member("OPERATOR", ["LIVE"]), live_id=world.live_id)

    assert eligible(world.api, ask) == {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}


def test_a_bc_admin_is_allowed_once_assigned(world: World) -> None:
    ask = unassigned_bc_admin(world)
    assert eligible(world.api, ask)["reasons"] == ["TIKTOK_ACCOUNT_NOT_ASSIGNED"]

    world.content.assign(world.bc, world.owner, [world.bc.admin], ["POST"])

    assert eligible(world.api, ask) == {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}


def test_the_ad_account_may_be_in_another_bc_than_the_authorization(
    api: Api, content: Content
) -> None:
    ads_bc = api.bc()  # BC X holds the ad account
    user = api.member(ads_bc)
    ad_account_id = content.ad_account(ads_bc)
    content.ad_role(ads_bc, ad_account_id, user, "OPERATOR")
    creators_bc = api.bc()  # BC Y holds the TikTok account, assigned to the same user
    owner = authorized_owner(api, creators_bc, ("EXISTING_POSTS",))
    api.member(creators_bc, user=user)
    content.assign(creators_bc, owner, [user], ["POST"])
    ask = Ask(user, ad_account_id, owner.id, video_id=content.video(owner))

    assert eligible(api, ask) == {"allowed": True, "reasons": [], "via": ["BUSINESS_CENTER"]}
    ad = made_ad(api, ask)
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("BC_AUTH_TT", creators_bc.id)
    assert ad["ad_account_id"] == ad_account_id


def test_an_unknown_tiktok_account_is_only_not_assigned(world: World) -> None:
    ask = Ask(world.operator, world.ad_account_id, "no-such-account", video_id=world.video_id)

    assert eligible(world.api, ask) == {
        "allowed": False,
        "reasons": ["TIKTOK_ACCOUNT_NOT_ASSIGNED"],
        "via": [],
    }


def test_a_new_approval_after_revocation_does_not_bring_back_assignments(world: World) -> None:
    world.content.revoke(world.bc, world.owner)

    world.api.authorize(world.bc, world.owner, "EXISTING_POSTS")

    assert eligible(world.api, world.ask(world.operator))["reasons"] == [
        "TIKTOK_ACCOUNT_NOT_ASSIGNED"
    ]
    world.content.assign(world.bc, world.owner, [world.operator], ["POST"])
    assert eligible(world.api, world.ask(world.operator))["allowed"] is True


def test_a_bc_admin_without_an_ad_account_role_sees_the_ad_account(world: World) -> None:
    ask = world.ask(world.bc.admin)  # no ad-account role, no assignment

    assert eligible(world.api, ask) == {
        "allowed": False,
        "reasons": ["AD_ACCOUNT_ROLE_REQUIRED", "TIKTOK_ACCOUNT_NOT_ASSIGNED"],
        "via": [],
    }


def test_a_standard_member_without_a_role_on_the_ad_account_gets_404(world: World) -> None:
    ask = world.ask(world.member(None, ["POST"]))

    expect_problem(eligibility(world.api, ask), 404, "NOT_FOUND")


def test_a_user_outside_the_ad_accounts_bc_gets_404(world: World) -> None:
    other_bc = world.api.bc()
    ask = world.ask(other_bc.admin)

    expect_problem(eligibility(world.api, ask), 404, "NOT_FOUND")


def test_an_unknown_ad_account_is_404(world: World) -> None:
    ask = Ask(world.operator, "no-such-ad-account", world.owner.id, video_id=world.video_id)

    expect_problem(eligibility(world.api, ask), 404, "NOT_FOUND")


async def test_an_unseen_ad_account_is_not_found_at_service_level(
    world: World, ctx: Context
) -> None:
    ask = world.ask(world.api.user())

    with pytest.raises(AppError) as refused:
        await service.eligibility(ctx.runtime.database.fetch, ask.principal, ask.query())

    assert refused.value.code is ErrorCode.NOT_FOUND


@pytest.mark.parametrize(
    "content_params",
    [{}, {"video_id": "v", "live_id": "l"}],
    ids=["neither", "both"],
)
def test_eligibility_needs_exactly_one_of_video_and_live(
    world: World, content_params: dict[str, str]
) -> None:
    params = {
        "ad_account_id": world.ad_account_id,
        "tiktok_account_id": world.owner.id,
        **content_params,
    }

    response = world.api.client.get(
        "/v1/spark-ads/eligibility", params=params, headers=world.operator.headers
    )

    expect_problem(response, 422, "VALIDATION_ERROR")


def test_eligibility_without_a_token_is_401(world: World) -> None:
    response = world.api.client.get(
        "/v1/spark-ads/eligibility", params=world.ask(world.operator).params()
    )

    expect_problem(response, 401, "UNAUTHENTICATED")


# --- making Spark Ads -------------------------------------------------------------------------


def test_a_spark_ad_is_201_with_every_field(world: World) -> None:
    ad = made_ad(world.api, world.ask(world.operator), name="Summer sourdough")

    assert set(ad) == SPARK_AD_FIELDS
    created_at = datetime.fromisoformat(ad["created_at"].replace("Z", "+00:00"))
    assert created_at.utcoffset() == timedelta(0)
    assert ad == {
        "id": ad["id"],
        "ad_account_id": world.ad_account_id,
        "identity_type": "BC_AUTH_TT",
        "identity_id": world.owner.id,
        "identity_authorized_bc_id": world.bc.id,
        "video_id": world.video_id,
        "live_id": None,
        "name": "Summer sourdough",
        "status": "ACTIVE",
        "created_by_user_id": world.operator.id,
        "created_at": ad["created_at"],
    }


def test_a_live_spark_ad_uses_the_live_and_no_video(world: World) -> None:
    ad = made_ad(world.api, world.ask(world.operator, live_id=world.live_id))

    assert (ad["live_id"], ad["video_id"], ad["status"]) == (world.live_id, None, "ACTIVE")
    assert ad["identity_type"] == "BC_AUTH_TT"


async def test_a_spark_ad_is_made_at_service_level(world: World, ctx: Context) -> None:
    ask = world.ask(world.operator)

    ad = await service.create(ctx, ask.principal, ask.create(name="Service ad"))

    assert (ad.identity_type, ad.identity_authorized_bc_id, ad.status) == (
        IdentityType.BC_AUTH_TT,
        world.bc.id,
        SparkAdStatus.ACTIVE,
    )
    assert (ad.video_id, ad.created_by_user_id, ad.name) == (
        world.video_id,
        world.operator.id,
        "Service ad",
    )
    listed = await service.list_spark_ads(
        fetch_in(ctx.session), ask.principal, world.ad_account_id, PageRequest()
    )
    assert [item.id for item in listed.items] == [ad.id]


def test_a_spark_ad_writes_an_audit_event_in_the_ad_accounts_bc(world: World) -> None:
    ad = made_ad(world.api, world.ask(world.operator))

    (event,) = [e for e in audit_events(world.api, world.bc) if e["target_id"] == ad["id"]]
    assert (event["action"], event["actor_type"], event["actor_id"]) == (
        "spark_ad.created",
        "USER",
        world.operator.id,
    )


def test_without_identity_type_a_link_only_caller_gets_tt_user(world: World) -> None:
    user = world.member("OPERATOR")  # no assignment
    world.content.link(world.owner, user)

    ad = made_ad(world.api, world.ask(user))

    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("TT_USER", None)


def test_without_identity_type_a_caller_with_both_paths_gets_bc_auth_tt(world: World) -> None:
    world.content.link(world.owner, world.operator)

    ad = made_ad(world.api, world.ask(world.operator))

    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("BC_AUTH_TT", world.bc.id)


def test_explicit_tt_user_with_a_link_is_tt_user_even_when_the_bc_allows(world: World) -> None:
    world.content.link(world.owner, world.operator)

    ad = made_ad(world.api, world.ask(world.operator), identity_type="TT_USER")

    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("TT_USER", None)


def test_explicit_tt_user_without_a_link_is_403_even_when_the_bc_allows(world: World) -> None:
    problem = expect_problem(
        make_ad(world.api, world.ask(world.operator), identity_type="TT_USER"),
        403,
        "TIKTOK_ACCOUNT_NOT_ASSIGNED",
    )

    assert problem["reasons"] == ["TIKTOK_ACCOUNT_NOT_ASSIGNED"]


def test_explicit_bc_auth_tt_with_only_a_link_is_403(world: World) -> None:
    user = world.member("OPERATOR")
    world.content.link(world.owner, user)

    problem = expect_problem(
        make_ad(world.api, world.ask(user), identity_type="BC_AUTH_TT"),
        403,
        "TIKTOK_ACCOUNT_NOT_ASSIGNED",
    )

    assert problem["reasons"] == ["TIKTOK_ACCOUNT_NOT_ASSIGNED"]


async def test_explicit_tt_user_without_a_link_is_refused_at_service_level(
    world: World, ctx: Context
) -> None:
    ask = world.ask(world.operator)

    with pytest.raises(AppError) as refused:
        await service.create(ctx, ask.principal, ask.create(identity_type=IdentityType.TT_USER))

    assert refused.value.code is ErrorCode.TIKTOK_ACCOUNT_NOT_ASSIGNED


def test_a_spark_ad_on_an_unseen_ad_account_is_404(world: World) -> None:
    ask = world.ask(world.member(None, ["POST"]))

    expect_problem(make_ad(world.api, ask), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "change",
    [
        {"video_id": None, "live_id": None},
        {"live_id": "some-live"},
        {"name": ""},
        {"identity_type": "SOMEONE_ELSE"},
    ],
    ids=["no-content", "video-and-live", "empty-name", "unknown-identity-type"],
)
def test_a_malformed_spark_ad_is_422(world: World, change: dict[str, str | None]) -> None:
    body = {**world.ask(world.operator).body(), **change}
    body = {key: value for key, value in body.items() if value is not None}

    response = world.api.client.post("/v1/spark-ads", json=body, headers=world.operator.headers)

    expect_problem(response, 422, "VALIDATION_ERROR")


# --- listing Spark Ads ------------------------------------------------------------------------


def test_spark_ads_are_listed_newest_first(world: World) -> None:
    first = made_ad(world.api, world.ask(world.operator), name="first")
    second = made_ad(world.api, world.ask(world.operator, live_id=world.live_id), name="second")

    listed = spark_ads(world.api, world.operator, world.ad_account_id)

    assert listed == [second, first]


def test_spark_ads_are_paginated_with_a_cursor(world: World) -> None:
    ads = [made_ad(world.api, world.ask(world.operator), name=f"ad {n}") for n in range(3)]
    params: dict[str, str | int] = {"ad_account_id": world.ad_account_id, "limit": 2}

    first = expect(
        world.api.client.get("/v1/spark-ads", params=params, headers=world.operator.headers), 200
    )
    params["cursor"] = first["next_cursor"]
    second = expect(
        world.api.client.get("/v1/spark-ads", params=params, headers=world.operator.headers), 200
    )

    assert [a["id"] for a in first["items"]] == [ads[2]["id"], ads[1]["id"]]
    assert ([a["id"] for a in second["items"]], second["next_cursor"]) == ([ads[0]["id"]], None)


def test_anyone_who_sees_the_ad_account_lists_its_spark_ads(world: World) -> None:
    ad = made_ad(world.api, world.ask(world.operator))
    viewer = world.member("ANALYST")  # sees it, may not pull

    assert [a["id"] for a in spark_ads(world.api, viewer, world.ad_account_id)] == [ad["id"]]
    assert [a["id"] for a in spark_ads(world.api, world.bc.admin, world.ad_account_id)] == [
        ad["id"]
    ]


def test_identities_are_newest_right_first(world: World) -> None:
    user = world.member("OPERATOR")
    linked_first = authorized_owner(world.api, api_bc := world.api.bc())
    world.content.link(linked_first, user)
    world.api.member(api_bc, user=user)
    world.content.assign(world.bc, world.owner, [user], ["POST"])  # a right made later

    assert [
        (i["identity_type"], i["identity_id"])
        for i in identities(world.api, user, world.ad_account_id)
    ] == [("BC_AUTH_TT", world.owner.id), ("TT_USER", linked_first.id)]


@pytest.mark.parametrize("who", ["member-without-role", "outsider"])
def test_spark_ads_of_an_unseen_ad_account_are_404(world: World, who: str) -> None:
    user = world.member(None) if who == "member-without-role" else world.api.user()

    response = world.api.client.get(
        "/v1/spark-ads", params={"ad_account_id": world.ad_account_id}, headers=user.headers
    )

    expect_problem(response, 404, "NOT_FOUND")


# --- identities -------------------------------------------------------------------------------


def test_an_assigned_account_is_a_bc_identity_with_flags_from_roles(world: World) -> None:
    user = world.member("OPERATOR", ["POST"])

    assert identities(world.api, user, world.ad_account_id) == [
        bc_identity(world.owner, world.bc, video=True, live=False)
    ]


def test_both_roles_and_scopes_make_both_flags_true(world: World) -> None:
    assert identities(world.api, world.operator, world.ad_account_id) == [
        bc_identity(world.owner, world.bc, video=True, live=True)
    ]


def test_the_live_role_alone_allows_live_ads_only(world: World) -> None:
    user = world.member("OPERATOR", ["LIVE"])

    assert identities(world.api, user, world.ad_account_id) == [
        bc_identity(world.owner, world.bc, video=False, live=True)
    ]


def test_a_missing_scope_clears_its_flag(world: World) -> None:
    owner = authorized_owner(world.api, world.bc, ("EXISTING_POSTS",))
    user = world.member("OPERATOR", ["POST"], owner=owner)

    assert identities(world.api, user, world.ad_account_id) == [
        bc_identity(owner, world.bc, video=True, live=False)
    ]


@pytest.mark.parametrize("ad_role", ["ANALYST", None])
def test_without_a_pulling_ad_role_no_flag_is_set(world: World, ad_role: str | None) -> None:
    user = world.bc.admin if ad_role is None else world.member(ad_role, ["POST", "LIVE"])
    if ad_role is None:
        world.content.assign(world.bc, world.owner, [user], ["POST", "LIVE"])
    world.content.link(world.owner, user)

    assert by_identity(identities(world.api, user, world.ad_account_id)) == [
        bc_identity(world.owner, world.bc, video=False, live=False),
        link_identity(world.owner, video=False, live=False),
    ]


def test_a_linked_account_is_a_tt_user_identity(world: World) -> None:
    user = world.member("OPERATOR")
    world.content.link(world.owner, user)

    assert identities(world.api, user, world.ad_account_id) == [
        link_identity(world.owner, video=True, live=True)
    ]


def test_an_unassigned_bc_admin_holds_no_identity(world: World) -> None:
    world.content.ad_role(world.bc, world.ad_account_id, world.bc.admin, "ADMIN")

    assert identities(world.api, world.bc.admin, world.ad_account_id) == []


def test_a_bc_identity_disappears_when_the_authorization_ends(world: World) -> None:
    world.content.link(world.owner, world.operator)

    world.content.revoke(world.bc, world.owner)

    assert identities(world.api, world.operator, world.ad_account_id) == [
        link_identity(world.owner, video=True, live=True)
    ]


def test_an_identity_from_another_bc_names_that_bc(api: Api, content: Content) -> None:
    ads_bc = api.bc()
    ad_account_id = content.ad_account(ads_bc)
    user = api.member(ads_bc)
    content.ad_role(ads_bc, ad_account_id, user, "OPERATOR")
    creators_bc = api.bc()
    owner = authorized_owner(api, creators_bc)
    api.member(creators_bc, user=user)
    content.assign(creators_bc, owner, [user], ["POST", "LIVE"])

    assert identities(api, user, ad_account_id) == [
        bc_identity(owner, creators_bc, video=True, live=True)
    ]


@pytest.mark.parametrize("who", ["member-without-role", "outsider"])
def test_identities_of_an_unseen_ad_account_are_404(world: World, who: str) -> None:
    user = world.member(None, ["POST"]) if who == "member-without-role" else world.api.user()

    response = world.api.client.get(
        "/v1/identities", params={"ad_account_id": world.ad_account_id}, headers=user.headers
    )

    expect_problem(response, 404, "NOT_FOUND")


async def test_identities_at_service_level(world: World, ctx: Context) -> None:
    world.content.link(world.owner, world.operator)
    principal = UserPrincipal(id=world.operator.id, email=world.operator.email)

    page = await service.identities(ctx.runtime.database.fetch, principal, world.ad_account_id)

    assert sorted((i.identity_type, i.identity_authorized_bc_id or "") for i in page.items) == [
        (IdentityType.BC_AUTH_TT, world.bc.id),
        (IdentityType.TT_USER, ""),
    ]
    assert all(i.can_pull_video and i.can_use_live_ads for i in page.items)
    assert page.next_cursor is None


# --- the account link: scenarios 1 and 2 ------------------------------------------------------


@dataclass
class Outsider:
    """A TikTok For Business user linked to the account, not in the world's BC."""

    user: User
    bc: Bc
    ad_account_id: str

    def ask(self, world: World, **content: str) -> Ask:
        return Ask(
            self.user,
            self.ad_account_id,
            world.owner.id,
            **(content or {"video_id": world.video_id}),
        )


@pytest.fixture
def outsider(world: World) -> Outsider:
    user = world.api.user()
    own_bc = world.api.bc(admin=user)
    ad_account_id = world.content.ad_account(own_bc)
    world.content.ad_role(own_bc, ad_account_id, user, "OPERATOR")
    world.content.link(world.owner, user)
    return Outsider(user, own_bc, ad_account_id)


def test_scenario_1_a_linked_user_outside_the_bc_is_allowed_via_the_link(
    world: World, outsider: Outsider
) -> None:
    assert eligible(world.api, outsider.ask(world)) == {
        "allowed": True,
        "reasons": [],
        "via": ["ACCOUNT_LINK"],
    }
    ad = made_ad(world.api, outsider.ask(world))
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("TT_USER", None)


def test_scenario_1_the_link_survives_whatever_the_bc_does(
    world: World, outsider: Outsider
) -> None:
    ad = made_ad(world.api, outsider.ask(world))

    world.content.revoke(world.bc, world.owner)
    expect(
        world.api.client.delete(
            f"/v1/business-centers/{world.bc.id}/members/{world.bc.member_ids[world.operator.id]}",
            headers=world.bc.admin.headers,
        ),
        204,
    )

    assert eligible(world.api, outsider.ask(world)) == {
        "allowed": True,
        "reasons": [],
        "via": ["ACCOUNT_LINK"],
    }
    assert eligible(world.api, outsider.ask(world, live_id=world.live_id))["allowed"] is True
    assert statuses(world.api, outsider.user, outsider.ad_account_id) == {ad["id"]: "ACTIVE"}
    assert identities(world.api, outsider.user, outsider.ad_account_id) == [
        link_identity(world.owner, video=True, live=True)
    ]
    made_ad(world.api, outsider.ask(world, live_id=world.live_id))


def test_scenario_2_a_linked_assigned_member_has_both_paths(world: World) -> None:
    world.content.link(world.owner, world.operator)

    assert eligible(world.api, world.ask(world.operator)) == {
        "allowed": True,
        "reasons": [],
        "via": ["BUSINESS_CENTER", "ACCOUNT_LINK"],
    }


def test_scenario_2_after_the_bc_revokes_the_link_still_allows(world: World) -> None:
    world.content.link(world.owner, world.operator)

    world.content.revoke(world.bc, world.owner)

    assert eligible(world.api, world.ask(world.operator)) == {
        "allowed": True,
        "reasons": [],
        "via": ["ACCOUNT_LINK"],
    }
    ad = made_ad(world.api, world.ask(world.operator))
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("TT_USER", None)


def test_scenario_2_a_live_is_allowed_via_the_link_when_the_bc_lacks_live_videos(
    api: Api, content: Content
) -> None:
    bc = api.bc()
    owner = authorized_owner(api, bc, ("EXISTING_POSTS",))
    ad_account_id = content.ad_account(bc)
    user = api.member(bc)
    content.ad_role(bc, ad_account_id, user, "OPERATOR")
    content.assign(bc, owner, [user], ["POST"])
    content.link(owner, user)
    live = Ask(user, ad_account_id, owner.id, live_id=content.live(owner))
    video = Ask(user, ad_account_id, owner.id, video_id=content.video(owner))

    assert eligible(api, video)["via"] == ["BUSINESS_CENTER", "ACCOUNT_LINK"]
    assert eligible(api, live) == {"allowed": True, "reasons": [], "via": ["ACCOUNT_LINK"]}
    ad = made_ad(api, live)
    assert (ad["identity_type"], ad["identity_authorized_bc_id"]) == ("TT_USER", None)
    assert by_identity(identities(api, user, ad_account_id)) == [
        bc_identity(owner, bc, video=True, live=False),
        link_identity(owner, video=True, live=True),
    ]


async def test_scenario_2_at_service_level(world: World, ctx: Context) -> None:
    world.content.link(world.owner, world.operator)
    world.content.revoke(world.bc, world.owner)
    ask = world.ask(world.operator)

    result = await service.eligibility(ctx.runtime.database.fetch, ask.principal, ask.query())
    ad = await service.create(ctx, ask.principal, ask.create())

    assert (result.allowed, result.via) == (True, [Via.ACCOUNT_LINK])
    assert (ad.identity_type, ad.identity_authorized_bc_id) == (IdentityType.TT_USER, None)


# --- pausing when a right ends ----------------------------------------------------------------


@dataclass
class Ads:
    """Spark Ads on one TikTok account, each made through a different right."""

    through_bc: str  # BC_AUTH_TT through the world's BC
    through_link: str  # TT_USER by the operator
    through_other_bc: str  # BC_AUTH_TT through another BC's authorization of the account
    other_bc: Bc
    other_ad_account_id: str


@pytest.fixture
def ads(world: World) -> Ads:
    api, content, operator = world.api, world.content, world.operator
    content.link(world.owner, operator)
    through_bc = made_ad(api, world.ask(operator), name="through the BC")
    through_link = made_ad(
        api, world.ask(operator), name="through the link", identity_type="TT_USER"
    )
    other_bc = api.bc()
    for scope in BOTH_SCOPES:
        api.authorize(other_bc, world.owner, scope)
    other_ad_account_id = content.ad_account(other_bc)
    world.member(
        "OPERATOR",
        ["POST"],
        bc=other_bc,
        ad_account_id=other_ad_account_id,
        user=operator,
    )
    ask = Ask(operator, other_ad_account_id, world.owner.id, video_id=world.video_id)
    through_other_bc = made_ad(api, ask, name="through the other BC", identity_type="BC_AUTH_TT")
    assert through_bc["identity_authorized_bc_id"] == world.bc.id
    assert through_other_bc["identity_authorized_bc_id"] == other_bc.id
    return Ads(
        through_bc=through_bc["id"],
        through_link=through_link["id"],
        through_other_bc=through_other_bc["id"],
        other_bc=other_bc,
        other_ad_account_id=other_ad_account_id,
    )


def test_a_bc_ending_its_authorization_pauses_only_the_ads_made_through_it(
    world: World, ads: Ads
) -> None:
    world.content.revoke(world.bc, world.owner)

    assert statuses(world.api, world.operator, world.ad_account_id) == {
        ads.through_bc: "PAUSED",
        ads.through_link: "ACTIVE",
    }
    assert statuses(world.api, world.operator, ads.other_ad_account_id) == {
        ads.through_other_bc: "ACTIVE"
    }


def test_the_owner_ending_an_authorization_pauses_only_the_ads_made_through_it(
    world: World, ads: Ads
) -> None:
    world.content.owner_revokes(world.bc, world.owner)

    assert statuses(world.api, world.operator, world.ad_account_id) == {
        ads.through_bc: "PAUSED",
        ads.through_link: "ACTIVE",
    }
    assert statuses(world.api, world.operator, ads.other_ad_account_id) == {
        ads.through_other_bc: "ACTIVE"
    }


def test_the_other_bc_ending_its_authorization_pauses_only_its_own_ad(
    world: World, ads: Ads
) -> None:
    world.content.revoke(ads.other_bc, world.owner)

    assert statuses(world.api, world.operator, world.ad_account_id) == {
        ads.through_bc: "ACTIVE",
        ads.through_link: "ACTIVE",
    }
    assert statuses(world.api, world.operator, ads.other_ad_account_id) == {
        ads.through_other_bc: "PAUSED"
    }


def test_a_paused_ad_stays_paused_after_a_new_approval(world: World, ads: Ads) -> None:
    world.content.revoke(world.bc, world.owner)

    world.api.authorize(world.bc, world.owner, "EXISTING_POSTS")

    assert statuses(world.api, world.operator, world.ad_account_id)[ads.through_bc] == "PAUSED"


def test_pausing_writes_a_system_audit_event_in_the_ad_accounts_bc(world: World, ads: Ads) -> None:
    world.content.revoke(world.bc, world.owner)

    paused = [e for e in audit_events(world.api, world.bc) if e["action"] == "spark_ad.paused"]
    assert [(e["target_id"], e["actor_type"]) for e in paused] == [(ads.through_bc, "SYSTEM")]


def test_ending_a_link_pauses_only_the_tt_user_ads_its_user_made_for_that_account(
    world: World, ads: Ads
) -> None:
    api, content = world.api, world.content
    other_linked = world.member("OPERATOR")
    content.link(world.owner, other_linked)
    by_other_user = made_ad(api, world.ask(other_linked), name="other user's link")
    second_owner = api.owner()
    content.link(second_owner, world.operator)
    ask = Ask(
        world.operator, world.ad_account_id, second_owner.id, video_id=content.video(second_owner)
    )
    on_other_account = made_ad(api, ask, name="another account's link")

    unlink(api, world.owner, world.operator)

    assert statuses(api, world.operator, world.ad_account_id) == {
        ads.through_bc: "ACTIVE",
        ads.through_link: "PAUSED",
        by_other_user["id"]: "ACTIVE",
        on_other_account["id"]: "ACTIVE",
    }
    assert statuses(api, world.operator, ads.other_ad_account_id) == {
        ads.through_other_bc: "ACTIVE"
    }


def test_after_unlinking_the_user_can_no_longer_use_the_link(world: World, ads: Ads) -> None:
    unlink(world.api, world.owner, world.operator)

    problem = expect_problem(
        make_ad(world.api, world.ask(world.operator), identity_type="TT_USER"),
        403,
        "TIKTOK_ACCOUNT_NOT_ASSIGNED",
    )
    assert problem["reasons"] == ["TIKTOK_ACCOUNT_NOT_ASSIGNED"]
    assert eligible(world.api, world.ask(world.operator))["via"] == ["BUSINESS_CENTER"]


async def status_of(ctx: Context, *spark_ad_ids: str) -> list[SparkAdStatus]:
    rows = (
        await ctx.session.execute(
            select(SparkAd.id, SparkAd.status).where(SparkAd.id.in_(spark_ad_ids))
        )
    ).all()
    status: dict[str, SparkAdStatus] = dict(rows)
    return [status[spark_ad_id] for spark_ad_id in spark_ad_ids]


async def test_revoke_by_the_bc_pauses_at_service_level(
    world: World, ads: Ads, ctx: Context
) -> None:
    admin = UserPrincipal(id=world.bc.admin.id, email=world.bc.admin.email)

    await authorization_service.revoke_by_business_center(ctx, admin, world.bc.id, world.owner.id)

    assert await status_of(ctx, ads.through_bc, ads.through_link, ads.through_other_bc) == [
        SparkAdStatus.PAUSED,
        SparkAdStatus.ACTIVE,
        SparkAdStatus.ACTIVE,
    ]


async def test_revoke_by_the_owner_pauses_at_service_level(
    world: World, ads: Ads, ctx: Context
) -> None:
    listing = expect(
        world.api.client.get("/v1/tiktok-app/authorizations", headers=world.owner.headers), 200
    )
    (authorization_id,) = [
        i["id"] for i in listing["items"] if i["business_center_id"] == ads.other_bc.id
    ]

    await tiktok_service.revoke_authorization(ctx, OwnerPrincipal(world.owner.id), authorization_id)

    assert await status_of(ctx, ads.through_bc, ads.through_link, ads.through_other_bc) == [
        SparkAdStatus.ACTIVE,
        SparkAdStatus.ACTIVE,
        SparkAdStatus.PAUSED,
    ]


async def test_unlink_pauses_at_service_level(world: World, ads: Ads, ctx: Context) -> None:
    await tiktok_service.unlink_user(ctx, OwnerPrincipal(world.owner.id), world.operator.id)

    assert await status_of(ctx, ads.through_bc, ads.through_link, ads.through_other_bc) == [
        SparkAdStatus.ACTIVE,
        SparkAdStatus.PAUSED,
        SparkAdStatus.ACTIVE,
    ]


# --- audit helpers ----------------------------------------------------------------------------


def audit_events(api: Api, bc: Bc) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            f"/v1/business-centers/{bc.id}/audit-events",
            params={"limit": 100},
            headers=bc.admin.headers,
        ),
        200,
    )
    items: list[dict[str, Any]] = body["items"]
    return items


def audit_actions(api: Api, bc: Bc) -> list[str]:
    return [event["action"] for event in audit_events(api, bc)]


# --- an ending that races an ad ---------------------------------------------------------------

Work = Callable[[Context], Awaitable[object]]


@asynccontextmanager
async def own_unit_of_work(runtime: Runtime) -> AsyncIterator[Context]:
    """A unit of work of its own, on a `Database` made here: a connection belongs to the event
    loop that made it, so each loop (the test's, a racing thread's) gets its own."""
    database = Database(runtime.settings.database_url, runtime.settings.engine_options)
    try:
        async with database.unit_of_work(write=True) as session:
            yield Context(session=session, runtime=replace(runtime, database=database))
    finally:
        await database.dispose()


async def in_own_unit_of_work(runtime: Runtime, work: Work) -> None:
    async with own_unit_of_work(runtime) as ctx:
        await work(ctx)


def bc_revokes(world: World) -> Work:
    admin = UserPrincipal(id=world.bc.admin.id, email=world.bc.admin.email)
    return lambda ctx: authorization_service.revoke_by_business_center(
        ctx, admin, world.bc.id, world.owner.id
    )


async def test_an_ad_made_while_the_bc_revokes_ends_up_paused(
    world: World, runtime: Runtime, is_postgresql: bool, database: SyncDatabase
) -> None:
    ask = world.ask(world.operator)
    errors: list[BaseException] = []

    def revoke() -> None:
        """In a thread, on an event loop of its own: nothing it needs runs on the test's loop,
        which the waits below block."""
        try:
            anyio.run(in_own_unit_of_work, runtime, bc_revokes(world))
        except BaseException as error:  # reported by the test thread
            errors.append(error)

    revoker = threading.Thread(target=revoke)
    try:
        async with own_unit_of_work(runtime) as ctx:
            ad = await service.create(ctx, ask.principal, ask.create())
            revoker.start()
            if is_postgresql:  # the revocation is seen waiting for a lock the ad's work holds
                ad_backend = (
                    await ctx.session.execute(text("SELECT pg_backend_pid()"))
                ).scalar_one()
                wait_until_a_backend_waits_for(database.engine, ad_backend, revoker)
            else:
                # SQLite shows no lock waits: all that can be seen is that the revocation has
                # not finished while the ad's unit of work is open.
                revoker.join(timeout=0.5)
            assert revoker.is_alive()  # the revocation waits for the ad's unit of work
    finally:
        if revoker.ident is not None:
            revoker.join(timeout=15)

    assert not revoker.is_alive()
    assert errors == []
    assert statuses(world.api, world.operator, world.ad_account_id) == {ad.id: "PAUSED"}


async def test_a_revocation_committed_while_an_ad_is_checked_refuses_the_ad(
    world: World, runtime: Runtime, is_postgresql: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The revocation commits after the ad's checks read the authorization as ACTIVE and
    before the ad locks it: the lock must see REVOKED and refuse the ad."""
    if not is_postgresql:
        pytest.skip("SQLite runs one writer at a time: this interleaving cannot happen")
    share_lock = authorizations_repository.share_lock

    async def revoke_then_lock(session: AsyncSession, authorization_id: str) -> object:
        await in_own_unit_of_work(runtime, bc_revokes(world))  # committed before the lock
        return await share_lock(session, authorization_id)

    monkeypatch.setattr(authorizations_repository, "share_lock", revoke_then_lock)
    ask = world.ask(world.operator)

    with pytest.raises(AppError) as refused:
        async with own_unit_of_work(runtime) as ctx:
            await service.create(ctx, ask.principal, ask.create())

    assert refused.value.code is ErrorCode.AUTHORIZATION_REVOKED
    assert spark_ads(world.api, world.operator, world.ad_account_id) == []


async def test_an_unlink_committed_while_an_ad_is_checked_refuses_the_ad(
    world: World, runtime: Runtime, is_postgresql: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not is_postgresql:
        pytest.skip("SQLite runs one writer at a time: this interleaving cannot happen")
    user = world.member("OPERATOR")
    world.content.link(world.owner, user)
    link_exists = spark_ads_repository.link_exists

    async def unlink_then_check(
        session: AsyncSession, tiktok_account_id: str, user_id: str, *, lock: bool = False
    ) -> bool:
        if lock:  # committed before the lock
            await in_own_unit_of_work(
                runtime,
                lambda ctx: tiktok_service.unlink_user(
                    ctx, OwnerPrincipal(world.owner.id), user.id
                ),
            )
        return await link_exists(session, tiktok_account_id, user_id, lock=lock)

    monkeypatch.setattr(spark_ads_repository, "link_exists", unlink_then_check)
    ask = world.ask(user)

    with pytest.raises(AppError) as refused:
        async with own_unit_of_work(runtime) as ctx:
            await service.create(ctx, ask.principal, ask.create())

    assert refused.value.code is ErrorCode.TIKTOK_ACCOUNT_NOT_ASSIGNED
    assert spark_ads(world.api, world.operator, world.ad_account_id) == []
