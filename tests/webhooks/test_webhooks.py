"""Webhooks (issue 7, "Notify, don't make them poll"): registration, the URL rules, and the
delivery of signed events to a loopback receiver, with a retry after a failed first attempt.

The receiver is a tiny `http.server` on 127.0.0.1 (`receiver.py`), so the apps that send to it
run with the development setting WEBHOOKS_ALLOW_PRIVATE; the URL rules are tested without it.
"""

import asyncio
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.core.context import Context
from app.webhooks import events
from app.webhooks.models import Webhook, WebhookDelivery, WebhookEventType, WebhookOutbox
from app.webhooks.signing import SecretBox
from tests.conftest import TEST_SECRET_KEY, Clock, MakeApp, SyncDatabase
from tests.factories import Api, Bc, Owner, User, expect, expect_problem
from tests.webhooks.receiver import Received, Receiver, running_receiver, wait_for

# A sender that polls often and retries fast (0.1 s, 0.2 s...), for a receiver on the loopback.
FAST: dict[str, object] = {
    "webhooks_allow_private": True,
    "webhooks_poll_interval_seconds": 0.05,
    "webhooks_backoff_base_seconds": 0.1,
    "webhooks_timeout_seconds": 10,
}
QUIET_SECONDS = 0.6  # long enough for the sender to have sent anything it had


# --- helpers and fixtures ----------------------------------------------------------------------


def hooks_path(bc: Bc) -> str:
    return f"/v1/business-centers/{bc.id}/webhooks"


def register(api: Api, bc: Bc, url: str) -> dict[str, Any]:
    body: dict[str, Any] = expect(
        api.client.post(hooks_path(bc), json={"url": url}, headers=bc.admin.headers), 201
    )
    return body


def deliveries(api: Api, bc: Bc, webhook_id: str) -> list[dict[str, Any]]:
    body = expect(
        api.client.get(
            f"{hooks_path(bc)}/{webhook_id}/deliveries",
            params={"limit": 100},
            headers=bc.admin.headers,
        ),
        200,
    )
    items: list[dict[str, Any]] = body["items"]
    return items


def settled(api: Api, bc: Bc, webhook_id: str, events: int) -> list[dict[str, Any]]:
    """The deliveries once `events` events each reached a final outcome (oldest first)."""

    def final() -> list[dict[str, Any]] | None:
        items = deliveries(api, bc, webhook_id)
        done = [d for d in items if d["outcome"] in ("DELIVERED", "GAVE_UP")]
        return list(reversed(items)) if len(done) >= events else None

    return wait_for(final, what=f"{events} settled events")


def authorization_id(api: Api, owner: Owner) -> str:
    items = expect(api.client.get("/v1/tiktok-app/authorizations", headers=owner.headers), 200)
    authorization: str = items["items"][0]["id"]
    return authorization


def check_signature(received: Received, secret: str) -> None:
    timestamp = received.headers["x-webhook-timestamp"]
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + received.body, hashlib.sha256)
    assert hmac.compare_digest(received.headers["x-webhook-signature"], f"sha256={mac.hexdigest()}")
    assert abs(time.time() - int(timestamp)) < 60


def at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def count(database: SyncDatabase, model: Any) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


@pytest.fixture
def sender(make_app: MakeApp) -> Iterator[Api]:
    """The API of an app whose sender may deliver to the loopback receiver."""
    with TestClient(make_app(**FAST)) as client:
        yield Api(client)


# --- registration ------------------------------------------------------------------------------


def test_an_admin_registers_a_webhook_and_sees_its_secret_once(
    sender: Api, receiver: Receiver, clock: Clock, database: SyncDatabase
) -> None:
    bc = sender.bc()
    created = register(sender, bc, receiver.url)
    assert set(created) == {"id", "business_center_id", "url", "secret", "created_at"}
    assert created["business_center_id"] == bc.id
    assert created["url"] == receiver.url
    assert created["secret"].startswith("whsec_")
    assert len(created["secret"]) >= 40
    assert at(created["created_at"]) == clock.now

    listed = expect(sender.client.get(hooks_path(bc), headers=bc.admin.headers), 200)
    assert listed == {
        "items": [{key: value for key, value in created.items() if key != "secret"}],
        "next_cursor": None,
    }
    assert created["secret"] not in json.dumps(listed)

    # At rest the secret is encrypted under SECRET_KEY, and only that key opens it.
    with database.engine.connect() as connection:
        sealed = connection.execute(select(Webhook.secret_encrypted)).scalar_one()
    assert created["secret"].encode() not in sealed
    assert SecretBox(TEST_SECRET_KEY).open(sealed) == created["secret"]

    audit = expect(
        sender.client.get(f"/v1/business-centers/{bc.id}/audit-events", headers=bc.admin.headers),
        200,
    )["items"][0]
    assert (audit["action"], audit["target_id"]) == ("webhook.created", created["id"])


def test_each_webhook_gets_its_own_secret_and_the_list_is_newest_first(sender: Api) -> None:
    bc = sender.bc()
    first = register(sender, bc, "https://hooks.example.invalid/one")
    second = register(sender, bc, "https://hooks.example.invalid/two")
    assert first["secret"] != second["secret"]
    listed = expect(sender.client.get(hooks_path(bc), headers=bc.admin.headers), 200)["items"]
    assert [hook["id"] for hook in listed] == [second["id"], first["id"]]


def test_deleting_a_webhook_drops_it_with_its_deliveries(
    sender: Api, receiver: Receiver, database: SyncDatabase
) -> None:
    bc = sender.bc()
    hook = register(sender, bc, receiver.url)
    receiver.fail_first = False
    sender.authorize(bc, sender.owner())
    settled(sender, bc, hook["id"], events=1)

    response = sender.client.delete(f"{hooks_path(bc)}/{hook['id']}", headers=bc.admin.headers)
    assert response.status_code == 204
    assert response.content == b""
    assert expect(sender.client.get(hooks_path(bc), headers=bc.admin.headers), 200)["items"] == []
    expect_problem(
        sender.client.get(f"{hooks_path(bc)}/{hook['id']}/deliveries", headers=bc.admin.headers),
        404,
        "NOT_FOUND",
    )
    expect_problem(
        sender.client.delete(f"{hooks_path(bc)}/{hook['id']}", headers=bc.admin.headers),
        404,
        "NOT_FOUND",
    )
    assert count(database, WebhookDelivery) == 0
    audit = expect(
        sender.client.get(f"/v1/business-centers/{bc.id}/audit-events", headers=bc.admin.headers),
        200,
    )["items"][0]
    assert (audit["action"], audit["target_id"]) == ("webhook.deleted", hook["id"])

    # Later events go nowhere.
    before = len(receiver.snapshot())
    sender.authorize(bc, sender.owner())
    time.sleep(QUIET_SECONDS)
    assert len(receiver.snapshot()) == before
    assert count(database, WebhookOutbox) == 0


def test_a_bc_holds_a_limited_number_of_webhooks(make_app: MakeApp) -> None:
    with TestClient(make_app(max_webhooks_per_bc=2)) as client:
        api = Api(client)
        bc = api.bc()
        for n in range(2):
            register(api, bc, f"https://hooks.example.invalid/{n}")
        response = client.post(
            hooks_path(bc),
            json={"url": "https://hooks.example.invalid/3"},
            headers=bc.admin.headers,
        )
        expect_problem(response, 409, "LIMIT_EXCEEDED")


# --- admin only --------------------------------------------------------------------------------


@pytest.fixture
def bc_with_hook(api: Api) -> tuple[Bc, User, dict[str, Any]]:
    bc = api.bc()
    member = api.member(bc)
    hook = register(api, bc, "https://hooks.example.invalid/admin-only")
    return bc, member, hook


Call = Callable[[Bc, str], tuple[str, str, dict[str, Any] | None]]
CALLS: dict[str, Call] = {
    "register": lambda bc, hook_id: ("POST", hooks_path(bc), {"url": "https://h.example.invalid"}),
    "list": lambda bc, hook_id: ("GET", hooks_path(bc), None),
    "delete": lambda bc, hook_id: ("DELETE", f"{hooks_path(bc)}/{hook_id}", None),
    "deliveries": lambda bc, hook_id: ("GET", f"{hooks_path(bc)}/{hook_id}/deliveries", None),
}


@pytest.mark.parametrize("call", list(CALLS))
def test_a_standard_member_gets_403(
    api: Api, bc_with_hook: tuple[Bc, User, dict[str, Any]], call: str
) -> None:
    bc, member, hook = bc_with_hook
    method, path, body = CALLS[call](bc, hook["id"])
    response = api.client.request(method, path, json=body, headers=member.headers)
    expect_problem(response, 403, "FORBIDDEN")
    listed = expect(api.client.get(hooks_path(bc), headers=bc.admin.headers), 200)["items"]
    assert [item["id"] for item in listed] == [hook["id"]]


@pytest.mark.parametrize("call", list(CALLS))
def test_another_bcs_admin_gets_404(
    api: Api, bc_with_hook: tuple[Bc, User, dict[str, Any]], call: str
) -> None:
    bc, _, hook = bc_with_hook
    other = api.bc()
    method, path, body = CALLS[call](bc, hook["id"])
    response = api.client.request(method, path, json=body, headers=other.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("call", ["delete", "deliveries"])
def test_another_bcs_webhook_on_ones_own_bc_is_404(
    api: Api, bc_with_hook: tuple[Bc, User, dict[str, Any]], call: str
) -> None:
    _, _, hook = bc_with_hook
    other = api.bc()
    method, path, body = CALLS[call](other, hook["id"])
    response = api.client.request(method, path, json=body, headers=other.admin.headers)
    expect_problem(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("call", list(CALLS))
def test_no_token_is_401(
    api: Api, bc_with_hook: tuple[Bc, User, dict[str, Any]], call: str
) -> None:
    bc, _, hook = bc_with_hook
    method, path, body = CALLS[call](bc, hook["id"])
    expect_problem(api.client.request(method, path, json=body), 401, "UNAUTHENTICATED")


# --- the URL rules -----------------------------------------------------------------------------

REFUSED_URLS = {
    "plain http": "http://hooks.example.com/events",
    "another scheme": "ftp://hooks.example.com/events",
    "no host": "https:///events",
    "not a URL": "hooks.example.com/events",
    "credentials": "https://user:secret@hooks.example.com/events",
    "loopback": "https://127.0.0.1/events",
    "loopback with a port": "https://127.0.0.1:8443/events",
    "loopback, short form": "https://127.1/events",
    "loopback, as a number": "https://2130706433/events",
    "loopback, in hex": "https://0x7f000001/events",
    "private 10/8": "https://10.1.2.3/events",
    "private 172.16/12": "https://172.16.0.1/events",
    "private 192.168/16": "https://192.168.1.10/events",
    "link-local, the metadata service": "https://169.254.169.254/latest/meta-data/",
    "shared address space": "https://100.64.0.1/events",
    "unspecified": "https://0.0.0.0/events",
    "multicast": "https://224.0.0.1/events",
    "broadcast": "https://255.255.255.255/events",
    "documentation": "https://192.0.2.10/events",
    "IPv6 loopback": "https://[::1]/events",
    "IPv6 unspecified": "https://[::]/events",
    "IPv6 link-local": "https://[fe80::1]/events",
    "IPv6 unique local": "https://[fc00::1]/events",
    "IPv4-mapped loopback": "https://[::ffff:127.0.0.1]/events",
    "IPv4-mapped private": "https://[::ffff:10.0.0.1]/events",
    "NAT64 of a private address": "https://[64:ff9b::a00:1]/events",
    "6to4 of a private address": "https://[2002:a00:1::]/events",
    "localhost": "https://localhost/events",
    "LOCALHOST with a dot": "https://LOCALHOST./events",
    "a .localhost name": "https://api.localhost/events",
    "a broken IPv6 literal": "https://[::1/events",
    "a bad port": "https://hooks.example.com:99999/events",
}


@pytest.mark.parametrize("url", list(REFUSED_URLS.values()), ids=list(REFUSED_URLS))
def test_a_url_that_is_not_public_https_is_422(api: Api, database: SyncDatabase, url: str) -> None:
    bc = api.bc()
    response = api.client.post(hooks_path(bc), json={"url": url}, headers=bc.admin.headers)
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert [error["loc"] for error in problem["errors"]] == [["body", "url"]]
    assert count(database, Webhook) == 0


ACCEPTED_URLS = {
    "a public IPv4 address": "https://93.184.216.34/hooks",
    "a public IPv6 address": "https://[2606:4700:4700::1111]/hooks",
    "a port and a query": "https://93.184.216.34:8443/hooks?bc=acme",
    # Not resolvable yet: accepted, and every delivery resolves and checks it again.
    "a name that does not resolve": "https://hooks.example.invalid/hooks",
}


@pytest.mark.parametrize("url", list(ACCEPTED_URLS.values()), ids=list(ACCEPTED_URLS))
def test_a_public_https_url_is_accepted(api: Api, url: str) -> None:
    bc = api.bc()
    assert register(api, bc, url)["url"] == url


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names this test's resolver answers, one answer per lookup (the last one repeats);
    every other name goes to the real resolver."""
    answers: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            address = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "::1"])
def test_a_name_that_resolves_to_a_private_address_is_422(
    api: Api, fake_dns: dict[str, list[str]], address: str
) -> None:
    fake_dns["hooks.internal.example"] = [address]
    bc = api.bc()
    response = api.client.post(
        hooks_path(bc), json={"url": "https://hooks.internal.example/x"}, headers=bc.admin.headers
    )
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert address in problem["errors"][0]["msg"]


def test_the_development_setting_allows_http_and_loopback(make_app: MakeApp) -> None:
    with TestClient(make_app(webhooks_allow_private=True)) as client:
        api = Api(client)
        bc = api.bc()
        for url in ("http://127.0.0.1:8080/hooks", "http://localhost:8080/hooks"):
            register(api, bc, url)
        response = client.post(
            hooks_path(bc), json={"url": "ftp://127.0.0.1/hooks"}, headers=bc.admin.headers
        )
        expect_problem(response, 422, "VALIDATION_ERROR")


# --- delivery ------------------------------------------------------------------------------------


def test_an_approval_is_delivered_signed_and_retried_after_a_failed_first_attempt(
    sender: Api, receiver: Receiver, clock: Clock
) -> None:
    bc, owner = sender.bc(), sender.owner()
    hook = register(sender, bc, receiver.url)
    access_request = sender.access_request(bc)
    expect(sender.scan(owner, access_request), 200)

    first, second = settled(sender, bc, hook["id"], events=1)
    assert (first["attempt"], first["status_code"], first["error"], first["outcome"]) == (
        1,
        500,
        None,
        "WILL_RETRY",
    )
    assert (second["attempt"], second["status_code"], second["outcome"]) == (2, 200, "DELIVERED")
    # The retry waited for the backoff (0.1 s here).
    assert at(second["at"]) - at(first["at"]) >= timedelta(seconds=0.1)

    failed, accepted = receiver.snapshot()
    assert (failed.status, accepted.status) == (500, 200)
    assert failed.body == accepted.body  # every attempt sends the very same event
    for received in (failed, accepted):
        check_signature(received, hook["secret"])
        assert received.path == "/hooks/tiktok-access?source=test"
        assert received.headers["content-type"] == "application/json"
    event = json.loads(accepted.body)
    authorization = authorization_id(sender, owner)
    assert event == {
        "id": accepted.headers["x-webhook-id"],
        "type": "access_request.authorized",
        "occurred_at": event["occurred_at"],
        "business_center_id": bc.id,
        "data": {
            "access_request_id": access_request["id"],
            "status": "AUTHORIZED",
            "scope": "EXISTING_POSTS",
            "permissions": ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS"],
            "resolved_at": event["data"]["resolved_at"],
            "tiktok_account_id": owner.id,
            "authorization_id": authorization,
            "scopes": ["EXISTING_POSTS"],
        },
    }
    assert at(event["occurred_at"]) == at(event["data"]["resolved_at"]) == clock.now
    assert first["event_id"] == second["event_id"] == event["id"]
    assert first["event_type"] == "access_request.authorized"


def test_a_signature_under_another_secret_does_not_match(sender: Api, receiver: Receiver) -> None:
    bc = sender.bc()
    hook = register(sender, bc, receiver.url)
    other = register(sender, bc, "https://hooks.example.invalid/other")
    receiver.fail_first = False
    sender.authorize(bc, sender.owner())
    settled(sender, bc, hook["id"], events=1)
    [received] = receiver.snapshot()
    check_signature(received, hook["secret"])
    with pytest.raises(AssertionError):
        check_signature(received, other["secret"])
    tampered = Received(received.path, received.headers, received.body + b" ", received.status)
    with pytest.raises(AssertionError):
        check_signature(tampered, hook["secret"])


def test_a_decline_is_delivered(sender: Api, receiver: Receiver) -> None:
    bc, owner = sender.bc(), sender.owner()
    hook = register(sender, bc, receiver.url)
    access_request = sender.access_request(bc, "LIVE_VIDEOS")
    expect(sender.scan(owner, access_request, "DECLINE"), 200)
    settled(sender, bc, hook["id"], events=1)
    received = receiver.snapshot()[-1]
    check_signature(received, hook["secret"])
    event = json.loads(received.body)
    assert event["type"] == "access_request.declined"
    assert event["business_center_id"] == bc.id
    assert event["data"] | {"resolved_at": None} == {
        "access_request_id": access_request["id"],
        "status": "DECLINED",
        "scope": "LIVE_VIDEOS",
        "permissions": ["PROFILE_INFO", "LIVE_VIDEOS"],
        "resolved_at": None,
        # Like the access request itself, a decline does not name the account.
        "tiktok_account_id": None,
        "authorization_id": None,
        "scopes": None,
    }


def test_revocations_by_the_owner_and_by_the_bc_are_delivered(
    sender: Api, receiver: Receiver
) -> None:
    bc = sender.bc()
    hook = register(sender, bc, receiver.url)
    receiver.fail_first = False
    by_owner, by_bc = sender.owner(), sender.owner()
    sender.authorize(bc, by_owner)
    sender.authorize(bc, by_bc)
    owner_authorization = authorization_id(sender, by_owner)
    bc_authorization = authorization_id(sender, by_bc)
    response = sender.client.delete(
        f"/v1/tiktok-app/authorizations/{owner_authorization}", headers=by_owner.headers
    )
    assert response.status_code == 204
    response = sender.client.delete(
        f"/v1/business-centers/{bc.id}/tiktok-accounts/{by_bc.id}", headers=bc.admin.headers
    )
    assert response.status_code == 204

    settled(sender, bc, hook["id"], events=4)
    received = {}
    for item in receiver.snapshot():
        check_signature(item, hook["secret"])
        event = json.loads(item.body)
        received[(event["type"], event["data"]["tiktok_account_id"])] = event
    assert set(received) == {
        ("access_request.authorized", by_owner.id),
        ("access_request.authorized", by_bc.id),
        ("authorization.revoked", by_owner.id),
        ("authorization.revoked", by_bc.id),
    }
    revoked_by_owner = received[("authorization.revoked", by_owner.id)]["data"]
    revoked_by_bc = received[("authorization.revoked", by_bc.id)]["data"]
    assert revoked_by_owner["authorization_id"] == owner_authorization
    assert revoked_by_owner["revoked_by"] == "OWNER"
    assert revoked_by_bc["authorization_id"] == bc_authorization
    assert revoked_by_bc["revoked_by"] == "BUSINESS_CENTER"
    assert revoked_by_bc["scopes"] == ["EXISTING_POSTS"]
    assert revoked_by_bc["revoked_at"] is not None


def test_every_webhook_of_the_bc_gets_the_event_and_other_bcs_get_nothing(
    sender: Api, database: SyncDatabase
) -> None:
    with running_receiver() as first, running_receiver() as second, running_receiver() as other:
        for receiver in (first, second, other):
            receiver.fail_first = False
        bc, other_bc = sender.bc(), sender.bc()
        hooks = [register(sender, bc, first.url), register(sender, bc, second.url)]
        register(sender, other_bc, other.url)
        sender.authorize(bc, sender.owner())
        for hook in hooks:
            settled(sender, bc, hook["id"], events=1)
        [to_first], [to_second] = first.snapshot(), second.snapshot()
        assert to_first.body == to_second.body
        check_signature(to_first, hooks[0]["secret"])
        check_signature(to_second, hooks[1]["secret"])
        time.sleep(QUIET_SECONDS)
        assert other.snapshot() == []


def test_the_request_does_not_wait_for_the_delivery(make_app: MakeApp, receiver: Receiver) -> None:
    """The receiver holds its answer: the scan has answered while the delivery is in flight."""
    receiver.fail_first = False
    receiver.gate = threading.Event()
    with TestClient(make_app(**{**FAST, "webhooks_timeout_seconds": 30})) as client:
        api = Api(client)
        bc, owner = api.bc(), api.owner()
        hook = register(api, bc, receiver.url)
        expect(api.scan(owner, api.access_request(bc)), 200)
        assert receiver.arrived.wait(timeout=15)
        assert deliveries(api, bc, hook["id"]) == []  # still waiting for the receiver
        receiver.gate.set()
        [delivery] = settled(api, bc, hook["id"], events=1)
        assert delivery["outcome"] == "DELIVERED"


def test_it_gives_up_after_the_last_attempt(make_app: MakeApp, database: SyncDatabase) -> None:
    # A port nothing listens on: every attempt is refused.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with TestClient(make_app(**FAST, webhooks_max_attempts=3)) as client:
        api = Api(client)
        bc = api.bc()
        hook = register(api, bc, f"http://127.0.0.1:{closed_port}/hooks")
        api.authorize(bc, api.owner())
        attempts = settled(api, bc, hook["id"], events=1)
    assert [(d["attempt"], d["status_code"], d["outcome"]) for d in attempts] == [
        (1, None, "WILL_RETRY"),
        (2, None, "WILL_RETRY"),
        (3, None, "GAVE_UP"),
    ]
    assert all(d["error"] == "connection refused" for d in attempts)
    # 0.1 s, then 0.2 s.
    assert at(attempts[2]["at"]) - at(attempts[1]["at"]) >= timedelta(seconds=0.2)
    assert count(database, WebhookOutbox) == 0


def test_a_non_2xx_answer_is_a_failure(
    make_app: MakeApp, receiver: Receiver, database: SyncDatabase
) -> None:
    receiver.always = 302  # redirects are not followed
    with TestClient(make_app(**FAST, webhooks_max_attempts=2)) as client:
        api = Api(client)
        bc = api.bc()
        hook = register(api, bc, receiver.url)
        api.authorize(bc, api.owner())
        attempts = settled(api, bc, hook["id"], events=1)
    assert [(d["status_code"], d["outcome"]) for d in attempts] == [
        (302, "WILL_RETRY"),
        (302, "GAVE_UP"),
    ]


# --- a refused change sends nothing ---------------------------------------------------------------


class InjectedError(RuntimeError):
    pass


def test_a_change_that_fails_after_its_event_was_written_sends_nothing(
    make_app: MakeApp,
    receiver: Receiver,
    database: SyncDatabase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The outbox row is in the change's transaction: when the change rolls back, so does it."""
    real = events.access_request_resolved

    async def write_then_fail(*args: Any, **kwargs: Any) -> None:
        await real(*args, **kwargs)
        raise InjectedError("after the event was written")

    with TestClient(make_app(**FAST), raise_server_exceptions=False) as client:
        api = Api(client)
        bc, owner = api.bc(), api.owner()
        hook = register(api, bc, receiver.url)
        access_request = api.access_request(bc)
        monkeypatch.setattr(events, "access_request_resolved", write_then_fail)
        expect_problem(api.scan(owner, access_request), 500, "INTERNAL_ERROR")
        time.sleep(QUIET_SECONDS)
        assert receiver.snapshot() == []
        assert deliveries(api, bc, hook["id"]) == []
        assert count(database, WebhookOutbox) == 0
        status = expect(
            client.get(
                f"/v1/business-centers/{bc.id}/access-requests/{access_request['id']}",
                headers=bc.admin.headers,
            ),
            200,
        )["status"]
        assert status == "PENDING"


def test_refused_scans_and_revocations_send_nothing(
    make_app: MakeApp, receiver: Receiver, database: SyncDatabase
) -> None:
    receiver.fail_first = False
    with TestClient(make_app(**FAST, max_tiktok_accounts_per_bc=1)) as client:
        api = Api(client)
        bc, owner = api.bc(), api.owner()
        hook = register(api, bc, receiver.url)
        access_request = api.access_request(bc)
        expect(api.scan(owner, access_request), 200)
        settled(api, bc, hook["id"], events=1)
        assert len(receiver.snapshot()) == 1

        # The same code again, a second account past the BC's limit, a second revocation.
        expect_problem(api.scan(owner, access_request), 409, "QR_CODE_ALREADY_USED")
        expect_problem(api.scan(api.owner(), api.access_request(bc)), 409, "LIMIT_EXCEEDED")
        revoke = f"/v1/business-centers/{bc.id}/tiktok-accounts/{owner.id}"
        assert client.delete(revoke, headers=bc.admin.headers).status_code == 204
        settled(api, bc, hook["id"], events=2)
        expect_problem(
            client.delete(revoke, headers=bc.admin.headers), 409, "AUTHORIZATION_REVOKED"
        )
        time.sleep(QUIET_SECONDS)
        types = [json.loads(item.body)["type"] for item in receiver.snapshot()]
        assert types == ["access_request.authorized", "authorization.revoked"]
        assert count(database, WebhookOutbox) == 0


# --- the sender's own rules ----------------------------------------------------------------------


def test_the_host_is_checked_again_at_delivery(
    make_app: MakeApp, receiver: Receiver, database: SyncDatabase
) -> None:
    """Registered while the development setting was on; sent by an app without it."""
    with TestClient(make_app(webhooks_allow_private=True, webhooks_dispatcher=False)) as client:
        api = Api(client)
        bc = api.bc()
        hook = register(api, bc, receiver.url)
    strict = {**FAST, "webhooks_allow_private": False, "webhooks_max_attempts": 1}
    with TestClient(make_app(**strict)) as client:
        api = Api(client)
        api.authorize(bc, api.owner())
        [attempt] = settled(api, bc, hook["id"], events=1)
    assert (attempt["status_code"], attempt["outcome"]) == (None, "GAVE_UP")
    assert attempt["error"].startswith("refused: must be an https URL")
    assert receiver.snapshot() == []


def test_a_name_that_rebinds_to_loopback_after_registration_is_not_contacted(
    make_app: MakeApp, receiver: Receiver, fake_dns: dict[str, list[str]]
) -> None:
    """DNS rebinding: the name resolved to a public address at registration, to the loopback
    at delivery. The sender resolves, checks, and refuses before connecting."""
    fake_dns["rebind.example"] = ["93.184.216.34", "127.0.0.1"]
    settings = {**FAST, "webhooks_allow_private": False, "webhooks_max_attempts": 1}
    with TestClient(make_app(**settings)) as client:
        api = Api(client)
        bc = api.bc()
        hook = register(api, bc, f"https://rebind.example:{receiver.port}/hooks")
        api.authorize(bc, api.owner())
        [attempt] = settled(api, bc, hook["id"], events=1)
    assert attempt["outcome"] == "GAVE_UP"
    assert attempt["error"].startswith("refused:")
    assert "127.0.0.1" in attempt["error"]
    assert receiver.snapshot() == []


def test_the_sender_connects_to_the_address_it_checked(
    sender: Api, receiver: Receiver, fake_dns: dict[str, list[str]]
) -> None:
    """The connection goes to the resolved address; the name is in the Host header."""
    fake_dns["hooks.test"] = ["127.0.0.1"]
    receiver.fail_first = False
    bc = sender.bc()
    hook = register(sender, bc, f"http://hooks.test:{receiver.port}/named")
    sender.authorize(bc, sender.owner())
    settled(sender, bc, hook["id"], events=1)
    [received] = receiver.snapshot()
    assert received.headers["host"] == f"hooks.test:{receiver.port}"
    assert received.path == "/named"


def test_two_senders_on_one_database_send_each_event_once(
    make_app: MakeApp, receiver: Receiver, database: SyncDatabase
) -> None:
    """Two processes' worth of senders: each claims its rows, none sends another's."""
    receiver.fail_first = False
    with TestClient(make_app(**FAST)) as one, TestClient(make_app(**FAST)) as two:
        api = Api(one)
        bc = api.bc()
        hook = register(api, bc, receiver.url)
        for n in range(6):
            Api(one if n % 2 else two).authorize(bc, api.owner())
        settled(api, bc, hook["id"], events=6)
        time.sleep(QUIET_SECONDS)
    ids = [item.headers["x-webhook-id"] for item in receiver.snapshot()]
    assert len(ids) == len(set(ids)) == 6
    assert count(database, WebhookDelivery) == 6


def sender_tasks(client: TestClient) -> list[asyncio.Task[Any]]:
    """The tasks named "webhook-..." on the loop that serves `client`'s app."""

    def on_the_loop() -> list[asyncio.Task[Any]]:
        return [t for t in asyncio.all_tasks() if t.get_name().startswith("webhook-")]

    assert client.portal is not None  # the client is open
    return client.portal.call(on_the_loop)


def test_the_sender_stops_with_the_app(make_app: MakeApp) -> None:
    app = make_app(**FAST)
    with TestClient(app) as client:
        dispatcher = app.state.webhook_dispatcher
        assert dispatcher is not None
        assert dispatcher.running
        [task] = sender_tasks(client)
        assert task.get_name() == "webhook-dispatcher"
        assert not task.done()
    assert task.done()
    assert not task.cancelled()  # it ended by itself when asked to stop, not cut off
    assert task.exception() is None
    assert not dispatcher.running


def test_the_sender_can_be_turned_off(make_app: MakeApp) -> None:
    app = make_app(webhooks_dispatcher=False)
    with TestClient(app) as client:
        assert app.state.webhook_dispatcher is None
        assert sender_tasks(client) == []


# --- service level -----------------------------------------------------------------------------


async def test_an_event_is_one_outbox_row_per_webhook_of_its_bc(api: Api, ctx: Context) -> None:
    bc, quiet_bc = api.bc(), api.bc()
    for n in range(3):
        register(api, bc, f"https://hooks.example.invalid/{n}")
    await events.emit(ctx, bc.id, WebhookEventType.AUTHORIZATION_REVOKED, {"n": 1})
    await events.emit(ctx, quiet_bc.id, WebhookEventType.AUTHORIZATION_REVOKED, {"n": 2})
    rows = list(await ctx.session.scalars(select(WebhookOutbox)))
    assert len(rows) == 3
    assert len({row.webhook_id for row in rows}) == 3
    assert len({(row.event_id, row.payload) for row in rows}) == 1
    payload = json.loads(rows[0].payload)
    assert payload["business_center_id"] == bc.id
    assert payload["data"] == {"n": 1}
