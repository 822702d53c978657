"""Many eligibility checks at once (SPEC section 8, `POST /v1/spark-ads/eligibility/batch`):
each item is what the single check says, in the order given, from one statement."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from httpx import Response
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.context import Context
from app.core.db import Fetch, Row, Statement
from app.core.enums import IdentityType, Reason, Via
from app.core.errors import AppError, ErrorCode
from app.core.schemas import NO_SUCH_ID, lookup_id
from app.spark_ads import service
from app.spark_ads.repository import CheckIds, _batch_facts, _padded, batch_statement
from app.spark_ads.schemas import EligibilityBatchQuery, EligibilityCheck
from tests.factories import Api, Content, User, expect, expect_problem
from tests.spark_ads.test_spark_ads import (
    REFUSAL_IDS,
    REFUSALS,
    Ask,
    World,
    authorized_owner,
)

BATCH = "/v1/spark-ads/eligibility/batch"


@pytest.fixture
def world(api: Api, content: Content) -> World:
    """The world of tests/spark_ads/test_spark_ads.py: a BC holding an account with both
    scopes, an ad account, an OPERATOR assigned POST and LIVE, a video and a LIVE."""
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


def check_of(ask: Ask, identity_type: str | None = None) -> dict[str, str]:
    check = {"tiktok_account_id": ask.tiktok_account_id}
    if ask.video_id is not None:
        check["video_id"] = ask.video_id
    if ask.live_id is not None:
        check["live_id"] = ask.live_id
    if identity_type is not None:
        check["identity_type"] = identity_type
    return check


def batch(api: Api, user: User, ad_account_id: str, checks: list[dict[str, str]]) -> Response:
    response: Response = api.client.post(
        BATCH, json={"ad_account_id": ad_account_id, "checks": checks}, headers=user.headers
    )
    return response


def batch_items(
    api: Api, user: User, ad_account_id: str, checks: list[dict[str, str]]
) -> list[dict[str, Any]]:
    body = expect(batch(api, user, ad_account_id, checks), 200)
    assert set(body) == {"items", "next_cursor"}
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def single(api: Api, user: User, ad_account_id: str, check: Mapping[str, str]) -> dict[str, Any]:
    """What `GET /v1/spark-ads/eligibility` says for one check, as a batch item says it."""
    body: dict[str, Any] = expect(
        api.client.get(
            "/v1/spark-ads/eligibility",
            params={"ad_account_id": ad_account_id, **check},
            headers=user.headers,
        ),
        200,
    )
    return {
        "tiktok_account_id": check["tiktok_account_id"],
        "video_id": check.get("video_id"),
        "live_id": check.get("live_id"),
        **body,
    }


def assert_each_item_is_the_single_check(
    api: Api, user: User, ad_account_id: str, checks: list[dict[str, str]]
) -> list[dict[str, Any]]:
    items = batch_items(api, user, ad_account_id, checks)
    assert items == [single(api, user, ad_account_id, check) for check in checks]
    return items


# --- each item is the single check ------------------------------------------------------------


@pytest.mark.parametrize(("scenario", "reasons", "via"), REFUSALS, ids=REFUSAL_IDS)
def test_every_refusal_in_a_batch_is_what_the_single_check_says(
    world: World, scenario: Callable[[World], Ask], reasons: list[Reason], via: list[Via]
) -> None:
    """The scenario's question among others of the same caller: the world's video and LIVE,
    an unknown video, and the question again through each identity type."""
    ask = scenario(world)
    checks = [
        check_of(ask),
        check_of(Ask(ask.user, ask.ad_account_id, world.owner.id, video_id=world.video_id)),
        check_of(Ask(ask.user, ask.ad_account_id, world.owner.id, live_id=world.live_id)),
        check_of(Ask(ask.user, ask.ad_account_id, world.owner.id, video_id="no-such-video")),
        check_of(ask, "BC_AUTH_TT"),
        check_of(ask, "TT_USER"),
    ]

    items = assert_each_item_is_the_single_check(world.api, ask.user, ask.ad_account_id, checks)

    assert (items[0]["allowed"], items[0]["reasons"], items[0]["via"]) == (False, reasons, via)


def test_an_allowed_check_is_allowed_in_a_batch(world: World) -> None:
    items = batch_items(
        world.api, world.operator, world.ad_account_id, [check_of(world.ask(world.operator))]
    )

    assert items == [
        {
            "tiktok_account_id": world.owner.id,
            "video_id": world.video_id,
            "live_id": None,
            "allowed": True,
            "reasons": [],
            "via": ["BUSINESS_CENTER"],
        }
    ]


def test_items_come_in_the_order_given_with_repeats_and_several_accounts(
    world: World,
) -> None:
    """Two TikTok accounts (one the caller is not assigned on), videos and LIVEs of each, a
    video asked about on the other account, the same check twice."""
    other = authorized_owner(world.api, world.bc, ("EXISTING_POSTS",))
    other_video = world.content.video(other)
    private = world.content.video(world.owner, visibility="PRIVATE", ad_authorization=False)
    ended = world.content.live(world.owner, ended=True)
    mine, theirs = world.owner.id, other.id
    checks = [
        {"tiktok_account_id": mine, "video_id": world.video_id},
        {"tiktok_account_id": theirs, "video_id": other_video},
        {"tiktok_account_id": mine, "live_id": world.live_id},
        {"tiktok_account_id": mine, "video_id": other_video},  # not this account's
        {"tiktok_account_id": theirs, "video_id": world.video_id},
        {"tiktok_account_id": mine, "video_id": private},
        {"tiktok_account_id": mine, "live_id": ended},
        {"tiktok_account_id": mine, "video_id": world.video_id},  # again
        {"tiktok_account_id": "no-such-account", "live_id": world.live_id},
    ]

    items = assert_each_item_is_the_single_check(
        world.api, world.operator, world.ad_account_id, checks
    )

    assert [item["reasons"] for item in items] == [
        [],
        ["TIKTOK_ACCOUNT_NOT_ASSIGNED"],
        [],
        ["VIDEO_NOT_FOUND"],
        ["TIKTOK_ACCOUNT_NOT_ASSIGNED", "VIDEO_NOT_FOUND"],  # the caller's BC holds it
        ["VIDEO_NOT_PUBLIC", "VIDEO_NOT_AD_AUTHORIZED"],
        ["LIVE_NOT_ACTIVE"],
        [],
        ["TIKTOK_ACCOUNT_NOT_ASSIGNED"],
    ]


def test_each_check_may_name_its_identity_type(world: World) -> None:
    """A member assigned through the BC and linked: each path on its own, or either."""
    user = world.member("OPERATOR", ["POST"])
    world.content.link(world.owner, user)
    linked_only = world.api.owner()
    world.content.link(linked_only, user)
    ask = world.ask(user)
    link_ask = Ask(
        user, world.ad_account_id, linked_only.id, video_id=world.content.video(linked_only)
    )
    checks = [
        check_of(ask),
        check_of(ask, "BC_AUTH_TT"),
        check_of(ask, "TT_USER"),
        check_of(link_ask),
        check_of(link_ask, "BC_AUTH_TT"),
        check_of(link_ask, "TT_USER"),
    ]

    items = assert_each_item_is_the_single_check(world.api, user, world.ad_account_id, checks)

    assert [item["via"] for item in items] == [
        ["BUSINESS_CENTER", "ACCOUNT_LINK"],
        ["BUSINESS_CENTER"],
        ["ACCOUNT_LINK"],
        ["ACCOUNT_LINK"],
        [],
        ["ACCOUNT_LINK"],
    ]


def test_a_revocation_shows_in_the_very_next_batch(world: World) -> None:
    checks = [check_of(world.ask(world.operator)), check_of(world.ask(world.operator))]
    assert {
        i["allowed"] for i in batch_items(world.api, world.operator, world.ad_account_id, checks)
    } == {True}

    world.content.revoke(world.bc, world.owner)

    items = batch_items(world.api, world.operator, world.ad_account_id, checks)
    assert [item["reasons"] for item in items] == [["AUTHORIZATION_REVOKED"]] * 2


def test_a_hundred_checks_are_answered(world: World) -> None:
    videos = [world.content.video(world.owner, ad_authorization=n % 2 == 0) for n in range(10)]
    checks = [{"tiktok_account_id": world.owner.id, "video_id": videos[n % 10]} for n in range(100)]

    items = batch_items(world.api, world.operator, world.ad_account_id, checks)

    assert [item["video_id"] for item in items] == [check["video_id"] for check in checks]
    assert [item["allowed"] for item in items] == [n % 2 == 0 for n in range(100)]


# --- visibility and validation ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["member-without-role", "outsider", "unknown-ad-account"])
def test_a_batch_on_an_ad_account_the_caller_does_not_see_is_404(world: World, who: str) -> None:
    user = (
        world.operator
        if who == "unknown-ad-account"
        else (world.member(None, ["POST"]) if who == "member-without-role" else world.api.user())
    )
    ad_account_id = "no-such-ad-account" if who == "unknown-ad-account" else world.ad_account_id

    response = batch(world.api, user, ad_account_id, [check_of(world.ask(user))])

    expect_problem(response, 404, "NOT_FOUND")


def test_a_batch_without_a_token_is_401(world: World) -> None:
    response = world.api.client.post(
        BATCH,
        json={
            "ad_account_id": world.ad_account_id,
            "checks": [check_of(world.ask(world.operator))],
        },
    )

    expect_problem(response, 401, "UNAUTHENTICATED")


def _checks(world: World, n: int) -> list[dict[str, Any]]:
    return [check_of(world.ask(world.operator))] * n


@pytest.mark.parametrize(
    "body",
    [
        lambda w: {"ad_account_id": w.ad_account_id, "checks": []},
        lambda w: {"ad_account_id": w.ad_account_id, "checks": _checks(w, 101)},
        lambda w: {"ad_account_id": w.ad_account_id},
        lambda w: {"checks": _checks(w, 1)},
        lambda w: {
            "ad_account_id": w.ad_account_id,
            "checks": [{"tiktok_account_id": w.owner.id}],
        },
        lambda w: {
            "ad_account_id": w.ad_account_id,
            "checks": [
                *_checks(w, 3),
                {"tiktok_account_id": w.owner.id, "video_id": w.video_id, "live_id": w.live_id},
            ],
        },
        lambda w: {"ad_account_id": w.ad_account_id, "checks": [{"video_id": w.video_id}]},
        lambda w: {
            "ad_account_id": w.ad_account_id,
            "checks": [{**check_of(w.ask(w.operator)), "identity_type": "BC"}],
        },
        lambda w: {
            "ad_account_id": w.ad_account_id,
            "checks": [{**check_of(w.ask(w.operator)), "name": "Spark"}],
        },
        lambda w: {"ad_account_id": w.ad_account_id, "checks": _checks(w, 1), "limit": 5},
        lambda w: {"ad_account_id": w.ad_account_id, "checks": check_of(w.ask(w.operator))},
        lambda w: [check_of(w.ask(w.operator))],
    ],
    ids=[
        "no-check",
        "101-checks",
        "no-ad-account",
        "no-checks",
        "neither-video-nor-live",
        "both-video-and-live",
        "no-tiktok-account",
        "unknown-identity-type",
        "unknown-field-in-a-check",
        "unknown-field",
        "checks-not-a-list",
        "body-a-list",
    ],
)
def test_a_malformed_batch_is_422(world: World, body: Callable[[World], Any]) -> None:
    response = world.api.client.post(BATCH, json=body(world), headers=world.operator.headers)

    expect_problem(response, 422, "VALIDATION_ERROR")


def test_a_hundred_checks_is_the_most(world: World) -> None:
    response = batch(world.api, world.operator, world.ad_account_id, _checks(world, 100))

    assert len(expect(response, 200)["items"]) == 100


# --- at service level: one statement, whatever the number of checks ---------------------------


class CountingFetch:
    """A Fetch that counts the statements it runs."""

    def __init__(self, fetch: Fetch) -> None:
        self.fetch = fetch
        self.statements: list[Statement] = []

    async def __call__(self, statement: Statement, params: Mapping[str, object]) -> list[Row]:
        self.statements.append(statement)
        return await self.fetch(statement, params)


def _query(world: World, n: int) -> EligibilityBatchQuery:
    """n checks of the world's account: its video, its LIVE, a video that is not, in turn."""
    contents = [{"video_id": world.video_id}, {"live_id": world.live_id}, {"video_id": "nope"}]
    return EligibilityBatchQuery(
        ad_account_id=world.ad_account_id,
        checks=[
            EligibilityCheck.model_validate(
                {"tiktok_account_id": world.owner.id, **contents[i % 3]}
            )
            for i in range(n)
        ],
    )


@pytest.mark.parametrize("n", [1, 3, 64, 65, 100])
async def test_a_batch_is_one_statement_at_service_level(
    world: World, ctx: Context, n: int
) -> None:
    fetch = CountingFetch(ctx.runtime.database.fetch)
    principal = world.ask(world.operator).principal

    page = await service.eligibility_batch(fetch, principal, _query(world, n))

    # One account; its video, its LIVE and an unknown id: the distinct ids are bound.
    assert fetch.statements == [_batch_facts(1, _padded(min(n, 3)))]
    assert [item.reasons for item in page.items] == [
        [[], [], [Reason.VIDEO_NOT_FOUND]][i % 3] for i in range(n)
    ]
    assert page.next_cursor is None


async def test_an_unseen_ad_account_is_not_found_at_service_level(
    world: World, ctx: Context
) -> None:
    outsider = world.ask(world.api.user()).principal

    with pytest.raises(AppError) as refused:
        await service.eligibility_batch(ctx.runtime.database.fetch, outsider, _query(world, 2))

    assert refused.value.code is ErrorCode.NOT_FOUND


async def test_the_identity_type_of_each_check_counts_at_service_level(
    world: World, ctx: Context
) -> None:
    query = EligibilityBatchQuery(
        ad_account_id=world.ad_account_id,
        checks=[
            EligibilityCheck(
                tiktok_account_id=world.owner.id, video_id=world.video_id, identity_type=kind
            )
            for kind in (None, IdentityType.BC_AUTH_TT, IdentityType.TT_USER)
        ],
    )

    page = await service.eligibility_batch(
        ctx.runtime.database.fetch, world.ask(world.operator).principal, query
    )

    assert [(item.allowed, item.via) for item in page.items] == [
        (True, [Via.BUSINESS_CENTER]),
        (True, [Via.BUSINESS_CENTER]),
        (False, []),
    ]


def test_a_handful_of_statement_texts_serve_every_batch_size() -> None:
    sizes = {_padded(n) for n in range(1, 101)}

    assert sizes == {1, 2, 4, 8, 16, 32, 64, 128}
    assert all(_padded(n) >= n for n in range(1, 101))


def test_a_batch_binds_each_distinct_id_once() -> None:
    """100 videos of one account, each asked about twice and once more through a LIVE id."""
    videos = [f"v{n}" for n in range(50)]
    checks = [CheckIds("account", video, None) for video in videos * 2]
    checks.append(CheckIds("other", None, "live"))

    statement, params = batch_statement(checks)

    assert statement is _batch_facts(2, 64)
    assert set(statement.names) == {"user_id", "ad_account_id"} | set(params)
    assert [params[f"a{i}"] for i in range(2)] == ["account", "other"]
    assert [params[f"c{i}"] for i in range(51)] == [*videos, "live"]
    assert {params[f"c{i}"] for i in range(51, 64)} == {None}


_ID = "01a22a1a-7c37-7109-b215-d8c6f93469dd"  # as new_id() makes them (fixed: test ids)


@pytest.mark.parametrize(
    "value",
    [
        _ID,
        _ID.upper(),
        f"{{{_ID}}}",
        f"urn:uuid:{_ID}",
        _ID.replace("-", ""),
        _ID[:-1] + "\x00",
        _ID + "\n",
        _ID[:-1] + "é",
        "0" * 8 + "-0000-0000-0000-" + "0" * 12,
        "g" * 8 + "-0000-0000-0000-" + "0" * 12,
        "no-such-video",
        "",
    ],
)
def test_ids_are_looked_up_only_in_the_form_the_service_issues(value: str) -> None:
    """An id the service never issues matches nothing, in a batch as in the single check (both
    look ids up with `lookup_id`): the canonical text of a UUID, as uuid.UUID writes it."""
    assert lookup_id(value) == (value if _issued_form(value) else NO_SUCH_ID)


@settings(max_examples=300, database=None)
@given(
    value=st.one_of(
        st.uuids().map(str), st.text(alphabet="0123456789abcdefABCDEF-{}x", max_size=40)
    )
)
def test_the_id_pattern_agrees_with_uuid(value: str) -> None:
    assert lookup_id(value) == (value if _issued_form(value) else NO_SUCH_ID)


def _issued_form(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
