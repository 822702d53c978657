"""Sign-up and `GET /v1/users/me` (SPEC section 3), through HTTP and at service level."""

import base64
import hashlib
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.business_centers import service as bc_service
from app.business_centers.schemas import BusinessCenterCreate, MemberCreate
from app.core.context import Context, Runtime
from app.core.enums import BcRole
from app.core.errors import AppError, ErrorCode
from app.models import Base, User
from app.users import service
from app.users.principal import UserPrincipal
from app.users.schemas import UserCreate
from tests.conftest import Clock, MakeApp, SyncDatabase
from tests.factories import Api, expect, expect_problem, unique


def sign_up(client: TestClient, email: str, display_name: str = "Alice") -> Any:
    return client.post("/v1/users", json={"email": email, "display_name": display_name})


def new_email() -> str:
    return f"{unique('user')}@example.com"


def random_part(token: str) -> str:
    prefix, _, secret = token.partition("_")
    assert prefix == "bctu"
    return secret


# --- POST /v1/users -------------------------------------------------------------------------


def test_sign_up_returns_201_with_the_user_and_a_token(api: Api, clock: Clock) -> None:
    email = new_email()
    body = expect(sign_up(api.client, email, "Alice"), 201)
    assert set(body) == {"user", "token"}
    assert set(body["user"]) == {"id", "email", "display_name", "created_at"}
    assert body["user"]["email"] == email
    assert body["user"]["display_name"] == "Alice"
    assert isinstance(body["user"]["id"], str)
    assert body["user"]["id"]
    created_at = datetime.fromisoformat(body["user"]["created_at"])
    assert created_at.utcoffset() is not None
    assert created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert created_at == clock()


def test_sign_up_token_is_bctu_prefixed_and_carries_256_random_bits(api: Api) -> None:
    token = expect(sign_up(api.client, new_email()), 201)["token"]
    secret = random_part(token)
    assert len(secret) == 43
    raw = base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))
    assert len(raw) * 8 >= 128
    assert len(raw) == 32


def test_sign_up_gives_every_user_a_different_token(api: Api) -> None:
    tokens = {expect(sign_up(api.client, new_email()), 201)["token"] for _ in range(5)}
    assert len(tokens) == 5


def test_sign_up_token_authenticates_its_user(api: Api) -> None:
    body = expect(sign_up(api.client, new_email()), 201)
    me = expect(
        api.client.get("/v1/users/me", headers={"Authorization": f"Bearer {body['token']}"}), 200
    )
    assert me["id"] == body["user"]["id"]


def test_sign_up_stores_the_token_as_its_sha256_hex_digest(
    api: Api, database: SyncDatabase
) -> None:
    body = expect(sign_up(api.client, new_email()), 201)
    with database.engine.connect() as connection:
        row = (
            connection.execute(
                select(User.__table__).where(User.__table__.c.id == body["user"]["id"])
            )
            .mappings()
            .one()
        )
    assert row["token_digest"] == hashlib.sha256(body["token"].encode()).hexdigest()


def test_sign_up_token_is_in_no_column_of_the_users_table(api: Api, database: SyncDatabase) -> None:
    token = expect(sign_up(api.client, new_email()), 201)["token"]
    secret = random_part(token)
    with database.engine.connect() as connection:
        rows = connection.execute(select(User.__table__)).mappings().all()
    assert len(rows) == 1
    for column, value in rows[0].items():
        assert secret not in str(value), column


def test_sign_up_token_is_in_no_table_of_the_database(api: Api, database: SyncDatabase) -> None:
    bc = api.bc()  # a user, a BC, a member and audit events: more places a token could leak to
    secret = random_part(bc.admin.token)
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)).mappings():
                for column, value in row.items():
                    assert secret not in str(value), (table.name, column)


def test_sign_up_with_a_taken_email_is_email_taken(api: Api) -> None:
    email = new_email()
    expect(sign_up(api.client, email), 201)
    expect_problem(sign_up(api.client, email, "Someone Else"), 409, "EMAIL_TAKEN")


def test_sign_up_with_a_taken_email_in_other_letter_case_is_email_taken(api: Api) -> None:
    name = unique("casey")
    expect(sign_up(api.client, f"{name}@example.com"), 201)
    expect_problem(sign_up(api.client, f"{name.upper()}@Example.COM"), 409, "EMAIL_TAKEN")


def test_sign_up_refused_for_a_taken_email_leaves_one_user(
    api: Api, database: SyncDatabase
) -> None:
    email = new_email()
    expect(sign_up(api.client, email), 201)
    expect_problem(sign_up(api.client, email), 409, "EMAIL_TAKEN")
    with database.engine.connect() as connection:
        emails = connection.execute(select(User.__table__.c.email)).scalars().all()
    assert emails == [email]


def test_sign_up_when_disabled_is_signup_disabled(make_app: MakeApp) -> None:
    with TestClient(make_app(allow_signup=False)) as client:
        expect_problem(sign_up(client, new_email()), 403, "SIGNUP_DISABLED")


def test_sign_up_when_disabled_creates_no_user(make_app: MakeApp, api: Api) -> None:
    email = new_email()
    with TestClient(make_app(allow_signup=False)) as client:
        expect_problem(sign_up(client, email), 403, "SIGNUP_DISABLED")
    expect(sign_up(api.client, email), 201)  # the email was not taken by the refused sign-up


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "display_name": "Alice"}, "email"),
        ({"email": "alice@nodot", "display_name": "Alice"}, "email"),
        ({"email": "al ice@example.com", "display_name": "Alice"}, "email"),
        ({"email": "", "display_name": "Alice"}, "email"),
        ({"email": "a" * 243 + "@example.com", "display_name": "Alice"}, "email"),
        ({"email": 42, "display_name": "Alice"}, "email"),
        ({"display_name": "Alice"}, "email"),
        ({"email": "alice@example.com", "display_name": ""}, "display_name"),
        ({"email": "alice@example.com", "display_name": "   "}, "display_name"),
        ({"email": "alice@example.com", "display_name": "x" * 101}, "display_name"),
        ({"email": "alice@example.com"}, "display_name"),
        ({"email": "alice@example.com", "display_name": "Alice", "admin": True}, "admin"),
    ],
    ids=[
        "no-at",
        "no-dot-in-domain",
        "space",
        "empty-email",
        "email-too-long",
        "email-not-a-string",
        "email-missing",
        "empty-display-name",
        "blank-display-name",
        "display-name-too-long",
        "display-name-missing",
        "unknown-field",
    ],
)
def test_sign_up_with_an_invalid_body_is_validation_error(
    api: Api, body: dict[str, Any], field: str
) -> None:
    problem = expect_problem(api.client.post("/v1/users", json=body), 422, "VALIDATION_ERROR")
    assert ["body", field] in [error["loc"] for error in problem["errors"]]


@pytest.mark.parametrize(
    "body",
    [
        {"email": "a\x00b@example.com", "display_name": "Alice"},
        {"email": "nul@example.com", "display_name": "Ali\x00ce"},
    ],
    ids=["email", "display-name"],
)
def test_sign_up_with_a_nul_character_is_validation_error(
    app: FastAPI, body: dict[str, Any]
) -> None:
    with TestClient(app, raise_server_exceptions=False) as client:  # a 500 shows as a 500
        response = client.post("/v1/users", json=body)
    expect_problem(response, 422, "VALIDATION_ERROR")


def test_sign_up_accepts_a_display_name_of_100_characters(api: Api) -> None:
    body = expect(sign_up(api.client, new_email(), "x" * 100), 201)
    assert body["user"]["display_name"] == "x" * 100


def test_sign_up_with_unparseable_json_is_validation_error(api: Api) -> None:
    response = api.client.post(
        "/v1/users", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    expect_problem(response, 422, "VALIDATION_ERROR")


# --- GET /v1/users/me -----------------------------------------------------------------------


def test_me_returns_the_user_with_no_memberships(api: Api) -> None:
    body = expect(sign_up(api.client, new_email(), "Bea"), 201)
    me = expect(
        api.client.get("/v1/users/me", headers={"Authorization": f"Bearer {body['token']}"}), 200
    )
    assert me == {**body["user"], "memberships": []}


def test_me_lists_each_membership_with_bc_name_member_id_and_role(api: Api) -> None:
    user = api.user()
    own = api.bc(admin=user, name="Own BC")
    other = api.bc(name="Other BC")
    api.member(other, "STANDARD", user=user)
    me = expect(api.client.get("/v1/users/me", headers=user.headers), 200)
    by_bc = {m["business_center_id"]: m for m in me["memberships"]}
    assert by_bc == {
        own.id: {
            "business_center_id": own.id,
            "business_center_name": "Own BC",
            "member_id": own.member_ids[user.id],
            "role": "ADMIN",
        },
        other.id: {
            "business_center_id": other.id,
            "business_center_name": "Other BC",
            "member_id": other.member_ids[user.id],
            "role": "STANDARD",
        },
    }


def test_me_shows_a_role_change(api: Api) -> None:
    bc = api.bc()
    user = api.member(bc, "STANDARD")
    expect(
        api.client.patch(
            f"/v1/business-centers/{bc.id}/members/{bc.member_ids[user.id]}",
            json={"role": "ADMIN"},
            headers=bc.admin.headers,
        ),
        200,
    )
    me = expect(api.client.get("/v1/users/me", headers=user.headers), 200)
    assert [(m["business_center_id"], m["role"]) for m in me["memberships"]] == [(bc.id, "ADMIN")]


def test_me_without_a_token_is_unauthenticated(api: Api) -> None:
    expect_problem(api.client.get("/v1/users/me"), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "token",
    ["bctu_" + "A" * 43, "garbage", "bctu_", ""],
    ids=["unknown-token", "no-prefix", "prefix-only", "empty"],
)
def test_me_with_a_bad_token_is_unauthenticated(api: Api, token: str) -> None:
    response = api.client.get("/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    expect_problem(response, 401, "UNAUTHENTICATED")


def test_me_with_an_owner_token_is_unauthenticated(api: Api) -> None:
    owner = api.owner()
    expect_problem(api.client.get("/v1/users/me", headers=owner.headers), 401, "UNAUTHENTICATED")


# --- service level --------------------------------------------------------------------------


async def test_service_sign_up_stores_only_the_digest(ctx: Context) -> None:
    created = await service.sign_up(ctx, UserCreate(email=new_email(), display_name="Cy"))
    stored = (await ctx.session.scalars(select(User).where(User.id == created.user.id))).one()
    assert stored.token_digest == hashlib.sha256(created.token.encode()).hexdigest()
    assert created.token not in (stored.email, stored.display_name, stored.id)


async def test_service_sign_up_refuses_a_taken_email_in_any_case(ctx: Context) -> None:
    name = unique("dee")
    await service.sign_up(ctx, UserCreate(email=f"{name}@example.com", display_name="Dee"))
    with pytest.raises(AppError) as refused:
        await service.sign_up(
            ctx, UserCreate(email=f"{name.upper()}@EXAMPLE.com", display_name="D")
        )
    assert refused.value.code is ErrorCode.EMAIL_TAKEN


async def test_service_sign_up_refuses_when_signup_is_disabled(
    make_app: MakeApp, ctx: Context
) -> None:
    closed: Runtime = make_app(allow_signup=False).state.runtime
    closed_ctx = Context(session=ctx.session, runtime=closed)
    with pytest.raises(AppError) as refused:
        await service.sign_up(closed_ctx, UserCreate(email=new_email(), display_name="Eve"))
    assert refused.value.code is ErrorCode.SIGNUP_DISABLED
    assert (await ctx.session.scalars(select(User))).all() == []


async def test_service_me_lists_the_memberships(ctx: Context) -> None:
    created = await service.sign_up(ctx, UserCreate(email=new_email(), display_name="Fay"))
    user = UserPrincipal(id=created.user.id, email=created.user.email)
    bc = await bc_service.create(ctx, user, BusinessCenterCreate(name="Fay's BC"))
    me = await service.me(ctx, user)
    assert me.id == user.id
    assert len(me.memberships) == 1
    assert me.memberships[0].business_center_id == bc.id
    assert me.memberships[0].business_center_name == "Fay's BC"
    assert me.memberships[0].role is BcRole.ADMIN


async def test_service_me_shows_a_membership_added_by_another_admin(ctx: Context) -> None:
    admin_created = await service.sign_up(ctx, UserCreate(email=new_email(), display_name="Gil"))
    admin = UserPrincipal(id=admin_created.user.id, email=admin_created.user.email)
    joiner_created = await service.sign_up(ctx, UserCreate(email=new_email(), display_name="Hal"))
    joiner = UserPrincipal(id=joiner_created.user.id, email=joiner_created.user.email)
    bc = await bc_service.create(ctx, admin, BusinessCenterCreate(name="Gil's BC"))
    member = await bc_service.add_member(
        ctx, admin, bc.id, MemberCreate(email=joiner.email, role=BcRole.STANDARD)
    )
    memberships = (await service.me(ctx, joiner)).memberships
    assert [(m.business_center_id, m.member_id, m.role) for m in memberships] == [
        (bc.id, member.id, BcRole.STANDARD)
    ]
