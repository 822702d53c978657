"""Where a webhook may send: the rules that keep it from being turned against internal networks.

A URL must be `https`, name a host, carry no credentials, and the host must not be, or resolve
to, a loopback, private, link-local, shared, multicast, reserved or otherwise non-global
address (IPv4 or IPv6, including IPv4 addresses inside IPv6 ones). The host is checked when
the webhook is registered, and resolved and checked again before every delivery, which then
connects to the very address it checked: a DNS answer that changes in between (rebinding)
is never used.

`allow_private` (the WEBHOOKS_ALLOW_PRIVATE development setting) lifts the address rules and
allows plain `http` too.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


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
    """True only for a global unicast address, whatever it embeds."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
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
