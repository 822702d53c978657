"""Which addresses a webhook may be sent to (`destinations.is_public`), checked against the IANA
IPv4 and IPv6 Special-Purpose Address Registries rather than Python's `is_global`, whose tables
miss or misplace some of their blocks (on Python 3.11, 192.0.0.8 and 192.88.99.1 are "global").
"""

import ipaddress
import socket
from typing import Any

import pytest

from app.webhooks.destinations import is_public
from app.webhooks.models import Webhook
from tests.conftest import SyncDatabase
from tests.factories import Api, expect_problem
from tests.webhooks.test_webhooks import count, hooks_path

# One address from every block that must not be contacted, by the block it stands for.
NOT_PUBLIC = {
    # IPv4
    "0.0.0.0/8 this network": "0.1.2.3",
    "0.0.0.0/32 this host": "0.0.0.0",  # noqa: S104 (an address, not a bind)
    "10.0.0.0/8 private": "10.1.2.3",
    "100.64.0.0/10 shared": "100.64.0.1",
    "127.0.0.0/8 loopback": "127.0.0.2",
    "169.254.0.0/16 link-local": "169.254.169.254",
    "172.16.0.0/12 private": "172.16.0.1",
    "192.0.0.0/24 IETF protocol assignments": "192.0.0.100",
    "192.0.0.0/29 service continuity": "192.0.0.1",
    "192.0.0.8/32 dummy": "192.0.0.8",
    "192.0.0.9/32 PCP anycast": "192.0.0.9",
    "192.0.0.10/32 TURN anycast": "192.0.0.10",
    "192.0.0.170/32 NAT64 discovery": "192.0.0.170",
    "192.0.0.171/32 DNS64 discovery": "192.0.0.171",
    "192.0.2.0/24 TEST-NET-1": "192.0.2.10",
    "192.88.99.0/24 6to4 relay anycast": "192.88.99.1",
    "192.88.99.2/32 6a44 relay anycast": "192.88.99.2",
    "192.168.0.0/16 private": "192.168.1.10",
    "198.18.0.0/15 benchmarking": "198.19.255.1",
    "198.51.100.0/24 TEST-NET-2": "198.51.100.7",
    "203.0.113.0/24 TEST-NET-3": "203.0.113.9",
    "224.0.0.0/4 multicast": "239.255.255.250",
    "240.0.0.0/4 reserved": "240.0.0.1",
    "255.255.255.255/32 limited broadcast": "255.255.255.255",
    # IPv6
    "::1/128 loopback": "::1",
    "::/128 unspecified": "::",
    "::ffff:0:0/96 mapped loopback": "::ffff:127.0.0.1",
    "::ffff:0:0/96 mapped 192.0.0.8": "::ffff:192.0.0.8",
    "64:ff9b::/96 NAT64 of a private address": "64:ff9b::a00:1",
    "64:ff9b::/96 NAT64 of 192.88.99.1": "64:ff9b::c058:6301",
    "64:ff9b:1::/48 local-use translation": "64:ff9b:1::808:808",
    "100::/64 discard-only": "100::1",
    "100:0:0:1::/64 dummy": "100:0:0:1::1",
    "2001::/23 IETF protocol assignments": "2001:1ff::1",
    "2001::/32 Teredo, of a public client": "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
    "2001:1::1/128 PCP anycast": "2001:1::1",
    "2001:2::/48 benchmarking": "2001:2::1",
    "2001:3::/32 AMT": "2001:3::1",
    "2001:10::/28 ORCHID": "2001:10::1",
    "2001:20::/28 ORCHIDv2": "2001:20::1",
    "2001:db8::/32 documentation": "2001:db8::1",
    "2002::/16 6to4 of a private address": "2002:a00:1::1",
    "2002::/16 6to4 of 192.88.99.1": "2002:c058:6301::1",
    "3fff::/20 documentation": "3fff::1",
    "5f00::/16 SRv6 SIDs": "5f00::1",
    "fc00::/7 unique local": "fd12:3456:789a::1",
    "fe80::/10 link-local": "fe80::1",
    "ff00::/8 multicast": "ff02::1",
    "ff0e::/16 global multicast": "ff0e::1",
}

PUBLIC = {
    "Google DNS": "8.8.8.8",
    "Cloudflare DNS": "1.1.1.1",
    "Cloudflare DNS, IPv6": "2606:4700:4700::1111",
    "IPv4-mapped public": "::ffff:8.8.8.8",
    "NAT64 of a public address": "64:ff9b::808:808",
    "6to4 of a public address": "2002:808:808::1",
}


@pytest.mark.parametrize("address", list(NOT_PUBLIC.values()), ids=list(NOT_PUBLIC))
def test_special_purpose_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", list(PUBLIC.values()), ids=list(PUBLIC))
def test_global_unicast_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


# --- over HTTP ---------------------------------------------------------------------------------

# Addresses Python 3.11's `is_global` takes for global, though IANA does not.
MISSED_BY_IS_GLOBAL = {
    "192.0.0.8 dummy address": "192.0.0.8",
    "192.88.99.1 6to4 relay anycast": "192.88.99.1",
}


def refused(api: Api, database: SyncDatabase, url: str) -> dict[str, Any]:
    bc = api.bc()
    response = api.client.post(hooks_path(bc), json={"url": url}, headers=bc.admin.headers)
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    assert [error["loc"] for error in problem["errors"]] == [["body", "url"]]
    assert count(database, Webhook) == 0
    return problem


@pytest.mark.parametrize(
    "address", list(MISSED_BY_IS_GLOBAL.values()), ids=list(MISSED_BY_IS_GLOBAL)
)
def test_a_special_purpose_ip_literal_is_422(
    api: Api, database: SyncDatabase, address: str
) -> None:
    problem = refused(api, database, f"https://{address}/hook")
    assert address in problem["errors"][0]["msg"]


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Names this test's resolver answers with one address; others go to the real resolver
    (the same stub as in test_webhooks.py, reduced to a single answer)."""
    answers: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            address = answers[host]
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(
    "address", list(MISSED_BY_IS_GLOBAL.values()), ids=list(MISSED_BY_IS_GLOBAL)
)
def test_a_name_that_resolves_to_a_special_purpose_address_is_422(
    api: Api, database: SyncDatabase, fake_dns: dict[str, str], address: str
) -> None:
    fake_dns["hooks.special.example"] = address
    problem = refused(api, database, "https://hooks.special.example/hook")
    assert address in problem["errors"][0]["msg"]
