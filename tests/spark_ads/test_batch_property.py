"""A property of SPEC section 8's "many checks at once, and an identity's videos": for random
small worlds, every batch item is what the single eligibility check says for the same question,
and every video an identity lists carries what the single check says for it through that
identity. Also: the videos route answers for exactly the identities `GET /v1/identities` lists
(404 for any other), and lists exactly the account's PUBLIC videos, newest first.

A world: two Business Centers (the first holds the ad account), the caller's membership in each
(STANDARD or ADMIN in the first, maybe none in the second) and its role on the ad account; two
TikTok accounts, each authorized to each BC with some scopes (or not at all), the caller
assigned on it with some roles, the authorization maybe ended (by the BC or the owner) and maybe
approved again (without the old assignments, maybe with new ones); a colleague assigned on
everything; account links; videos of every visibility and ad authorization, active and ended
LIVEs; and questions about all of it, and about content of the wrong account or none. Each
world is built through the API, on whichever database the suite runs on; worlds share nothing,
so they are not emptied between examples. `PROPERTY_EXAMPLES=500` runs more of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from httpx import Response
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.factories import Api, Bc, Content, Owner, User, expect

BCS = 2
ACCOUNTS = 2
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))

# Weighted towards worlds where something is allowed: every other reason needs fewer things to
# line up.
BOTH = ("EXISTING_POSTS", "LIVE_VIDEOS")
SCOPES = [BOTH, BOTH, ("EXISTING_POSTS",), ("LIVE_VIDEOS",), ()]
ROLES = [("POST", "LIVE"), ("POST", "LIVE"), ("POST",), ("LIVE",), ()]
ROLE_NEEDS = {"POST": "EXISTING_POSTS", "LIVE": "LIVE_VIDEOS"}


@dataclass(frozen=True)
class Grant:
    """One BC's history with one TikTok account."""

    scopes: tuple[str, ...]  # granted one request at a time; () for never authorized
    roles: tuple[str, ...]  # the caller's assignment (if it is a member)
    end: str | None  # None, "BC" or "OWNER"
    again: tuple[str, ...]  # after an end: scopes approved anew (a new authorization)
    roles_again: tuple[str, ...]  # the caller's assignment on the new one


@dataclass(frozen=True)
class Check:
    account: int  # ACCOUNTS: an account that does not exist
    kind: str  # "video" or "live"
    own: bool  # content of the check's own account (else of any account)
    content: int  # an index into those videos (or LIVEs); -1: one that does not exist
    identity_type: str | None


@dataclass(frozen=True)
class Plan:
    memberships: tuple[str | None, ...]  # the caller's role in each BC
    ad_role: str | None
    grants: dict[tuple[int, int], Grant]  # (bc, account) -> its grant
    links: tuple[bool, ...]
    colleague: bool
    videos: tuple[tuple[tuple[str, bool], ...], ...]  # per account: (visibility, ad_authorization)
    lives: tuple[tuple[bool, ...], ...]  # per account: ended?
    checks: tuple[Check, ...]
    ad_enabled: bool | None


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    grants = {
        (bc, account): Grant(
            scopes=draw(st.sampled_from(SCOPES)),
            roles=draw(st.sampled_from(ROLES)),
            end=draw(st.sampled_from([None, None, None, "BC", "OWNER"])),
            again=draw(st.sampled_from(SCOPES)),
            roles_again=draw(st.sampled_from(ROLES)),
        )
        for bc in range(BCS)
        for account in range(ACCOUNTS)
    }
    video = st.tuples(
        st.sampled_from(["PUBLIC", "PUBLIC", "FRIENDS", "PRIVATE"]),
        st.sampled_from([True, True, False]),
    )
    check = st.builds(
        Check,
        account=st.integers(0, ACCOUNTS),
        kind=st.sampled_from(["video", "video", "live"]),
        own=st.sampled_from([True, True, False]),
        content=st.integers(-1, 5),
        identity_type=st.sampled_from([None, "BC_AUTH_TT", "TT_USER"]),
    )
    return Plan(
        # The caller is in the ad account's BC, so it sees the ad account (as an admin of its
        # BC, or with a role on it) but for a STANDARD member without a role: then every
        # answer is 404.
        memberships=(
            draw(st.sampled_from(["STANDARD", "ADMIN"])),
            draw(st.sampled_from([None, "STANDARD", "ADMIN"])),
        ),
        ad_role=draw(st.sampled_from(["OPERATOR", "ADMIN", "ANALYST", "OPERATOR", None])),
        grants=grants,
        links=tuple(draw(st.sampled_from([False, True, False])) for _ in range(ACCOUNTS)),
        colleague=draw(st.booleans()),
        videos=tuple(
            draw(st.lists(video, min_size=1, max_size=3).map(tuple)) for _ in range(ACCOUNTS)
        ),
        lives=tuple(draw(st.lists(st.booleans(), max_size=2).map(tuple)) for _ in range(ACCOUNTS)),
        checks=tuple(draw(st.lists(check, min_size=1, max_size=12))),
        ad_enabled=draw(st.sampled_from([None, True, False])),
    )


@dataclass
class Built:
    caller: User
    bcs: list[Bc]
    owners: list[Owner]
    ad_account_id: str
    videos: list[tuple[int, str, str, bool]] = field(default_factory=list)  # account, id, vis, ad
    lives: list[tuple[int, str]] = field(default_factory=list)  # account, id
    scopes: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # ACTIVE now


def _allowed(roles: tuple[str, ...], scopes: tuple[str, ...]) -> list[str]:
    return [role for role in roles if ROLE_NEEDS[role] in scopes]


def build(api: Api, content: Content, plan: Plan) -> Built:
    caller = api.user()
    bcs = [api.bc() for _ in range(BCS)]
    for bc, membership in zip(bcs, plan.memberships, strict=True):
        if membership is not None:
            api.member(bc, membership, user=caller)
    colleagues = [api.member(bc) for bc in bcs] if plan.colleague else []
    ad_account_id = content.ad_account(bcs[0])
    if plan.ad_role is not None and plan.memberships[0] is not None:
        content.ad_role(bcs[0], ad_account_id, caller, plan.ad_role)
    owners = [api.owner() for _ in range(ACCOUNTS)]
    built = Built(caller, bcs, owners, ad_account_id)

    def assign(b: int, a: int, roles: tuple[str, ...], scopes: tuple[str, ...]) -> None:
        allowed = _allowed(roles, scopes)
        if allowed and plan.memberships[b] is not None:
            content.assign(bcs[b], owners[a], [caller], allowed)
        if colleagues and _allowed(("POST", "LIVE"), scopes):
            content.assign(bcs[b], owners[a], [colleagues[b]], _allowed(("POST", "LIVE"), scopes))

    for (b, a), grant in plan.grants.items():
        if not grant.scopes:
            continue
        for scope in grant.scopes:
            api.authorize(bcs[b], owners[a], scope)
        assign(b, a, grant.roles, grant.scopes)
        built.scopes[b, a] = grant.scopes
        if grant.end is None:
            continue
        content.end(bcs[b], owners[a], grant.end)
        del built.scopes[b, a]
        if grant.again:
            for scope in grant.again:
                api.authorize(bcs[b], owners[a], scope)
            assign(b, a, grant.roles_again, grant.again)
            built.scopes[b, a] = grant.again
    for a, linked in enumerate(plan.links):
        if linked:
            content.link(owners[a], caller)
    for a, owner in enumerate(owners):
        for visibility, ad_authorization in plan.videos[a]:
            video_id = content.video(owner, visibility, ad_authorization)
            built.videos.append((a, video_id, visibility, ad_authorization))
        for ended in plan.lives[a]:
            built.lives.append((a, content.live(owner, ended=ended)))
    return built


NO_SUCH_ID = "00000000-0000-7000-8000-000000000000"  # well formed, matches nothing


def check_body(built: Built, check: Check) -> dict[str, str]:
    account = built.owners[check.account].id if check.account < ACCOUNTS else NO_SUCH_ID
    everything = built.videos if check.kind == "video" else built.lives
    contents = [c[1] for c in everything if c[0] == check.account or not check.own]
    content_id = NO_SUCH_ID
    if check.content >= 0 and contents:
        content_id = contents[check.content % len(contents)]
    body = {"tiktok_account_id": account, f"{check.kind}_id": content_id}
    if check.identity_type is not None:
        body["identity_type"] = check.identity_type
    return body


def single(api: Api, built: Built, check: dict[str, str]) -> Response:
    response: Response = api.client.get(
        "/v1/spark-ads/eligibility",
        params={"ad_account_id": built.ad_account_id, **check},
        headers=built.caller.headers,
    )
    return response


def as_item(check: dict[str, str], answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "tiktok_account_id": check["tiktok_account_id"],
        "video_id": check.get("video_id"),
        "live_id": check.get("live_id"),
        **answer,
    }


def assert_batch_is_the_single_checks(api: Api, built: Built, plan: Plan) -> None:
    checks = [check_body(built, check) for check in plan.checks]
    response = api.client.post(
        "/v1/spark-ads/eligibility/batch",
        json={"ad_account_id": built.ad_account_id, "checks": checks},
        headers=built.caller.headers,
    )
    answers = [single(api, built, check) for check in checks]
    assert {a.status_code for a in answers} == {response.status_code}
    event(f"batch: {response.status_code}")
    if response.status_code == 404:
        return
    assert response.status_code == 200, response.text
    expected = [as_item(c, a.json()) for c, a in zip(checks, answers, strict=True)]
    assert response.json() == {"items": expected, "next_cursor": None}
    for item in expected:
        event(f"batch item: {item['reasons']} via {item['via']}")


def identities_of(api: Api, built: Built) -> set[tuple[str, str, str | None]] | None:
    """(identity type, identity id, its BC) of every identity the caller holds; None when the
    caller does not see the ad account."""
    response = api.client.get(
        "/v1/identities",
        params={"ad_account_id": built.ad_account_id},
        headers=built.caller.headers,
    )
    if response.status_code == 404:
        return None
    return {
        (i["identity_type"], i["identity_id"], i["identity_authorized_bc_id"])
        for i in expect(response, 200)["items"]
    }


def assert_videos_are_the_single_checks(api: Api, built: Built, plan: Plan) -> None:
    held = identities_of(api, built)
    asked: list[tuple[str, int | None]] = [("BC_AUTH_TT", b) for b in range(BCS)]
    asked.append(("TT_USER", None))
    for a, owner in enumerate(built.owners):
        for identity_type, b in asked:
            bc_id = None if b is None else built.bcs[b].id
            params: dict[str, Any] = {
                "ad_account_id": built.ad_account_id,
                "identity_type": identity_type,
                "limit": 100,
            }
            if bc_id is not None:
                params["identity_authorized_bc_id"] = bc_id
            if plan.ad_enabled is not None:
                params["ad_enabled"] = str(plan.ad_enabled).lower()
            response = api.client.get(
                f"/v1/identities/{owner.id}/videos", params=params, headers=built.caller.headers
            )
            where = (a, identity_type, bc_id, response.text)
            event(f"videos of {identity_type}: {response.status_code}")
            if held is None or (identity_type, owner.id, bc_id) not in held:
                assert response.status_code == 404, where
                continue
            # A BC identity whose authorization lacks PUBLIC_VIDEOS (EXISTING_POSTS).
            if b is not None and "EXISTING_POSTS" not in built.scopes[b, a]:
                assert response.status_code == 403, where
                assert response.json()["code"] == "SCOPE_NOT_AUTHORIZED"
                continue
            items = expect(response, 200)["items"]
            public = [
                video_id
                for account, video_id, visibility, ad_authorization in built.videos
                if account == a
                and visibility == "PUBLIC"
                and plan.ad_enabled in (None, ad_authorization)
            ]
            assert [item["id"] for item in items] == list(reversed(public)), where
            for item in items:
                answer = expect(
                    single(
                        api,
                        built,
                        {
                            "tiktok_account_id": owner.id,
                            "video_id": item["id"],
                            "identity_type": identity_type,
                        },
                    ),
                    200,
                )
                assert (item["can_pull"], item["reasons"]) == (
                    answer["allowed"],
                    answer["reasons"],
                ), where
                event(f"listed video: {'can pull' if item['can_pull'] else 'cannot pull'}")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no `.hypothesis/` directory in the work tree
    derandomize=True,  # the same worlds on every run (and in CI): PROPERTY_EXAMPLES for more
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_batch_items_and_listed_videos_are_what_the_single_check_says(
    api: Api, content: Content, plan: Plan
) -> None:
    built = build(api, content, plan)

    assert_batch_is_the_single_checks(api, built, plan)
    assert_videos_are_the_single_checks(api, built, plan)
