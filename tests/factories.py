"""Actors in one line: users, Business Centers, members, TikTok accounts, requests, scans."""

import itertools
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_sequence)}"


def expect(response: Response, status: int) -> Any:
    """The JSON body of a response that must have `status` (the body is shown when it has not)."""
    assert response.status_code == status, (response.status_code, response.text)
    return response.json() if response.content else None


def expect_problem(response: Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["status"] == status
    assert body["request_id"] == response.headers["x-request-id"]
    return body


@dataclass
class User:
    id: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Owner:
    """A simulated TikTok account and its owner's token."""

    id: str
    username: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Bc:
    id: str
    admin: User
    member_ids: dict[str, str] = field(default_factory=dict)  # user id -> member id


@dataclass
class Api:
    client: TestClient

    def user(self, email: str | None = None, display_name: str = "Test User") -> User:
        email = email or f"{unique('user')}@example.com"
        body = expect(
            self.client.post("/v1/users", json={"email": email, "display_name": display_name}), 201
        )
        return User(id=body["user"]["id"], email=body["user"]["email"], token=body["token"])

    def bc(self, admin: User | None = None, name: str | None = None) -> Bc:
        admin = admin or self.user()
        body = expect(
            self.client.post(
                "/v1/business-centers", json={"name": name or unique("BC ")}, headers=admin.headers
            ),
            201,
        )
        bc = Bc(id=body["id"], admin=admin)
        me = expect(self.client.get("/v1/users/me", headers=admin.headers), 200)
        for membership in me["memberships"]:
            if membership["business_center_id"] == bc.id:
                bc.member_ids[admin.id] = membership["member_id"]
        return bc

    def member(self, bc: Bc, role: str = "STANDARD", user: User | None = None) -> User:
        user = user or self.user()
        body = expect(
            self.client.post(
                f"/v1/business-centers/{bc.id}/members",
                json={"email": user.email, "role": role},
                headers=bc.admin.headers,
            ),
            201,
        )
        bc.member_ids[user.id] = body["id"]
        return user

    def owner(self, username: str | None = None) -> Owner:
        username = username or unique("creator_")
        body = expect(
            self.client.post(
                "/v1/tiktok-app/accounts",
                json={"username": username, "display_name": "Creator", "bio": "Hello"},
            ),
            201,
        )
        return Owner(
            id=body["account"]["id"],
            username=body["account"]["username"],
            token=body["owner_token"],
        )

    def access_request(self, bc: Bc, scope: str = "EXISTING_POSTS") -> dict[str, Any]:
        body: dict[str, Any] = expect(
            self.client.post(
                f"/v1/business-centers/{bc.id}/access-requests",
                json={"scope": scope},
                headers=bc.admin.headers,
            ),
            201,
        )
        return body

    def scan(
        self, owner: Owner, access_request: dict[str, Any], decision: str = "APPROVE"
    ) -> Response:
        response: Response = self.client.post(
            "/v1/tiktok-app/qr-scans",
            json={"code": code_of(access_request), "decision": decision},
            headers=owner.headers,
        )
        return response

    def authorize(self, bc: Bc, owner: Owner, scope: str = "EXISTING_POSTS") -> dict[str, Any]:
        """Request access with `scope` and have the owner approve it; the request's final state."""
        access_request = self.access_request(bc, scope)
        expect(self.scan(owner, access_request), 200)
        body: dict[str, Any] = expect(
            self.client.get(
                f"/v1/business-centers/{bc.id}/access-requests/{access_request['id']}",
                headers=bc.admin.headers,
            ),
            200,
        )
        return body

    def authorize_both(self, bc: Bc, owner: Owner) -> None:
        """The BC holds the account with both scopes (one authorization, widened)."""
        self.authorize(bc, owner, "EXISTING_POSTS")
        self.authorize(bc, owner, "LIVE_VIDEOS")


def code_of(access_request: dict[str, Any]) -> str:
    url: str = access_request["qr_code_url"]
    return url.rsplit("/", 1)[1]


@dataclass
class Content:
    """Helpers for the content and rights that Spark Ads need, on top of `Api`."""

    api: Api

    @property
    def client(self) -> TestClient:
        return self.api.client

    def ad_account(self, bc: Bc, name: str = "Ad account") -> str:
        body = expect(
            self.client.post(
                f"/v1/business-centers/{bc.id}/ad-accounts",
                json={"name": name},
                headers=bc.admin.headers,
            ),
            201,
        )
        ad_account_id: str = body["id"]
        return ad_account_id

    def ad_role(self, bc: Bc, ad_account_id: str, user: User, role: str = "OPERATOR") -> None:
        expect(
            self.client.put(
                f"/v1/business-centers/{bc.id}/ad-accounts/{ad_account_id}/members/"
                f"{bc.member_ids[user.id]}",
                json={"role": role},
                headers=bc.admin.headers,
            ),
            200,
        )

    def video(self, owner: Owner, visibility: str = "PUBLIC", ad_authorization: bool = True) -> str:
        body = expect(
            self.client.post(
                "/v1/tiktok-app/videos",
                json={
                    "caption": "A video",
                    "visibility": visibility,
                    "ad_authorization": ad_authorization,
                },
                headers=owner.headers,
            ),
            201,
        )
        video_id: str = body["id"]
        return video_id

    def live(self, owner: Owner, ended: bool = False) -> str:
        body = expect(
            self.client.post("/v1/tiktok-app/lives", json={"title": "Live"}, headers=owner.headers),
            201,
        )
        live_id: str = body["id"]
        if ended:
            expect(
                self.client.post(f"/v1/tiktok-app/lives/{live_id}/end", headers=owner.headers), 200
            )
        return live_id

    def assign(self, bc: Bc, owner: Owner, users: list[User], roles: list[str]) -> Any:
        return expect(
            self.client.post(
                f"/v1/business-centers/{bc.id}/tiktok-accounts/{owner.id}/assignments",
                json={"member_ids": [bc.member_ids[user.id] for user in users], "roles": roles},
                headers=bc.admin.headers,
            ),
            200,
        )

    def link(self, owner: Owner, user: User) -> None:
        expect(
            self.client.post(
                "/v1/tiktok-app/account-links",
                json={"user_email": user.email},
                headers=owner.headers,
            ),
            201,
        )

    def revoke(self, bc: Bc, owner: Owner) -> None:
        expect(
            self.client.delete(
                f"/v1/business-centers/{bc.id}/tiktok-accounts/{owner.id}",
                headers=bc.admin.headers,
            ),
            204,
        )

    def owner_revokes(self, bc: Bc, owner: Owner) -> None:
        """The owner finds the BC's authorization in the TikTok app and ends it."""
        listing = expect(
            self.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200
        )
        (authorization,) = [i for i in listing["items"] if i["business_center_id"] == bc.id]
        expect(
            self.client.delete(
                f"/v1/tiktok-app/authorizations/{authorization['id']}", headers=owner.headers
            ),
            204,
        )

    def end(self, bc: Bc, owner: Owner, revoker: str) -> None:
        """The BC's access ends: `revoker` is OWNER (in the app) or BC (the admin removes it)."""
        if revoker == "OWNER":
            self.owner_revokes(bc, owner)
        else:
            self.revoke(bc, owner)
