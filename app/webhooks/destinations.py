"""Where a webhook may send: the rules that keep it from being turned against internal networks.

A URL must be `https`, name a host, carry no credentials, and the host must not be, or resolve
to, a loopback, private, link-local, shared, multicast, reserved or otherwise non-global
address (IPv4 or IPv6, including IPv4 addresses inside IPv6 ones). What is non-global is
written out below from the IANA IPv4 and IPv6 Special-Purpose Address Registries (plus
multicast), and that table decides on its own: Python's `is_global`, whose tables miss or
misplace some of those blocks depending on the version, is only an extra condition.

The host is checked when the webhook is registered, and resolved and checked again before every
delivery, which then connects to the very address it checked: a DNS answer that changes in
between (rebinding) is never used.

`allow_private` (the WEBHOOKS_ALLOW_PRIVATE development setting) lifts the address rules and
allows plain `http` too.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# Never contacted: the blocks of the IANA IPv4 Special-Purpose Address Registry whose "Globally
# Reachable" is False or N/A, and multicast. The blocks IANA marks globally reachable are
# public here too (AS112 192.31.196.0/24 and 192.175.48.0/24, AMT 192.52.193.0/24), except
# inside 192.0.0.0/24: see there.
_IPV4_NOT_PUBLIC: tuple[ipaddress.IPv4Network, ...] = tuple(
    ipaddress.IPv4Network(block)
    for block in (
        "0.0.0.0/8",  # "this network", RFC 791 section 3.2 (0.0.0.0/32: RFC 1122)
        "10.0.0.0/8",  # private use, RFC 1918
        "100.64.0.0/10",  # shared address space (carrier-grade NAT), RFC 6598
        "127.0.0.0/8",  # loopback, RFC 1122
        "169.254.0.0/16",  # link local (cloud metadata services), RFC 3927
        "172.16.0.0/12",  # private use, RFC 1918
        # IETF protocol assignments, RFC 6890: 192.0.0.0/29 service continuity (RFC 7335),
        # 192.0.0.8/32 dummy (RFC 7600), 192.0.0.170-171 NAT64/DNS64 discovery (RFC 8880) are
        # not globally reachable. 192.0.0.9/32 (PCP anycast, RFC 7723) and 192.0.0.10/32 (TURN
        # anycast, RFC 8155) are, per IANA, but they are anycast service addresses no webhook
        # receiver lives on: refusing the whole /24 is the safe choice, and covers blocks yet
        # to be assigned in it.
        "192.0.0.0/24",
        "192.0.2.0/24",  # documentation (TEST-NET-1), RFC 5737
        # deprecated 6to4 relay anycast, RFC 7526 (and 192.88.99.2/32 6a44 relay, RFC 6751)
        "192.88.99.0/24",
        "192.168.0.0/16",  # private use, RFC 1918
        "198.18.0.0/15",  # benchmarking, RFC 2544
        "198.51.100.0/24",  # documentation (TEST-NET-2), RFC 5737
        "203.0.113.0/24",  # documentation (TEST-NET-3), RFC 5737
        "224.0.0.0/4",  # multicast, RFC 5771 (IANA IPv4 Multicast Address Space Registry)
        "240.0.0.0/4",  # reserved, RFC 1112 section 4
        "255.255.255.255/32",  # limited broadcast, RFC 919 section 7 and RFC 8190
    )
)

# Never contacted: the same for the IANA IPv6 Special-Purpose Address Registry, and multicast.
# Three blocks stand for an IPv4 address and are judged by it instead (`_embedded_ipv4`):
# ::ffff:0:0/96 IPv4-mapped (RFC 4291), 64:ff9b::/96 NAT64 well-known prefix (RFC 6052) and
# 2002::/16 6to4 (RFC 3056). 2620:4f:8000::/48 (AS112, RFC 7534) is globally reachable.
_IPV6_NOT_PUBLIC: tuple[ipaddress.IPv6Network, ...] = tuple(
    ipaddress.IPv6Network(block)
    for block in (
        "::1/128",  # loopback, RFC 4291
        "::/128",  # unspecified, RFC 4291
        "64:ff9b:1::/48",  # local-use IPv4/IPv6 translation, RFC 8215
        "100::/64",  # discard-only, RFC 6666
        "100:0:0:1::/64",  # dummy IPv6 prefix, RFC 9780
        # IETF protocol assignments, RFC 2928: Teredo 2001::/32 (RFC 4380, refused whatever
        # IPv4 client it names), benchmarking 2001:2::/48 (RFC 5180), ORCHID 2001:10::/28
        # (RFC 4843) are not globally reachable. Its exceptions (PCP, TURN and DNS-SD SRP
        # anycast 2001:1::1-3, AMT 2001:3::/32, AS112 2001:4:112::/48, ORCHIDv2 2001:20::/28,
        # DRIP DETs 2001:30::/28) are protocol addresses and identifiers, not webhook
        # receivers: the whole /23 is refused, to be safe.
        "2001::/23",
        "2001:db8::/32",  # documentation, RFC 3849
        "3fff::/20",  # documentation, RFC 9637
        "5f00::/16",  # segment routing (SRv6) SIDs, RFC 9602
        "fc00::/7",  # unique local, RFC 4193
        "fe80::/10",  # link-local unicast, RFC 4291
        "ff00::/8",  # multicast, RFC 4291 section 2.7
    )
)


class DestinationError(ValueError):
    """A URL or an address the service will not send to; the message says why."""


@dataclass(frozen=True, slots=True)
class Destination:
    scheme: str
    host: str  # as in the URL, without brackets; IDNA-encoded
    port: int
    target: str  # the path and query sent in the request line


def _ip_literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IpAddress) -> bool:
    """True only for a global unicast address, whatever it embeds: never for one in the
    blocks above (or embedding one of them), and otherwise only if `is_global` agrees."""
    if isinstance(address, ipaddress.IPv6Address):
        if any(address in block for block in _IPV6_NOT_PUBLIC):
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
    elif any(address in block for block in _IPV4_NOT_PUBLIC):
        return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def parse(url: str, *, allow_private: bool) -> Destination:
    """The URL's parts, or DestinationError. Checks the form only, not where the host points."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise DestinationError("not a valid URL") from None
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise DestinationError("must be an https URL")
    if parts.username is not None or parts.password is not None:
        raise DestinationError("must not carry credentials (user:password@)")
    if parts.fragment:
        raise DestinationError("must not have a fragment (#...)")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise DestinationError("must name a host")
    if _ip_literal(host) is None:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise DestinationError("the host name is not valid") from None
        if len(host) > 253:
            raise DestinationError("the host name is too long")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return Destination(
        scheme=parts.scheme,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        target=target,
    )


def _refused(address: IpAddress) -> DestinationError:
    return DestinationError(
        f"the host is or resolves to a non-public address ({address}): loopback, private, "
        "link-local and reserved addresses are not allowed"
    )


def check_host_name(destination: Destination) -> None:
    """Names that always mean this machine (RFC 6761), refused without asking DNS."""
    host = destination.host.lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise DestinationError("the host is this machine (localhost): not allowed")


def resolve(destination: Destination) -> list[IpAddress]:
    """Every address the host stands for, in the resolver's order; OSError if none."""
    literal = _ip_literal(destination.host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(
        destination.host, destination.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    addresses: list[IpAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OSError("the host name resolves to no address")
    return addresses


def check_addresses(addresses: list[IpAddress]) -> None:
    """Every address must be public: one bad answer among good ones refuses them all."""
    for address in addresses:
        if not is_public(address):
            raise _refused(address)


def validate_for_registration(url: str, *, allow_private: bool) -> Destination:
    """The checks at registration. A name that does not resolve yet is accepted: every
    delivery resolves it again and checks what it gets."""
    destination = parse(url, allow_private=allow_private)
    if allow_private:
        return destination
    check_host_name(destination)
    try:
        addresses = resolve(destination)
    except (OSError, UnicodeError):
        return destination
    check_addresses(addresses)
    return destination


def for_delivery(url: str, *, allow_private: bool) -> tuple[Destination, list[IpAddress]]:
    """At delivery: parse with today's settings, resolve now and check, so that the connection
    goes to an address that was checked. Raises DestinationError (refused) or OSError (the
    host does not resolve)."""
    destination = parse(url, allow_private=allow_private)
    if not allow_private:
        check_host_name(destination)
    try:
        addresses = resolve(destination)
    except UnicodeError:
        raise OSError("the host name cannot be resolved") from None
    if not allow_private:
        check_addresses(addresses)
    return destination, addresses
