"""Which network addresses a fetch may reach: public unicast ones only.

The standard library's ``is_global`` knows the special-purpose registries, but not every way an
internal IPv4 address can hide inside an IPv6 one, and it counts a few ranges as global that
lead inside: multicast, site-local fec0::/10, local-use NAT64 64:ff9b:1::/48, and the deprecated
IPv4-compatible ::/96. An address that wraps an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64)
is public only if what it wraps is.
"""

from __future__ import annotations

import ipaddress

__all__ = ["is_public"]

_IP = ipaddress.IPv4Address | ipaddress.IPv6Address

_INTERNAL = tuple(
    ipaddress.ip_network(n)
    for n in (
        "100.64.0.0/10",  # carrier-grade NAT, home of some cloud metadata; is_global knows it too
        "::/96",  # IPv4-compatible IPv6, deprecated: no public host has one
        "fec0::/10",  # site-local, deprecated but still routed inside some networks
        "64:ff9b:1::/48",  # local-use NAT64
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _wrapped(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, by each of the standard embeddings."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)  # the relay server and the client behind its NAT
    if ip in _NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def _public(ip: _IP) -> bool:
    if ip.is_multicast or not ip.is_global:
        return False
    return not any(ip.version == net.version and ip in net for net in _INTERNAL)


def is_public(address: str) -> bool:
    """Whether ``address`` (an IPv4 or IPv6 literal, zone allowed) is a public unicast one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        wrapped = _wrapped(ip)
        if wrapped:
            # a mapped address is judged by what it maps; the others must also be global themselves
            return all(_public(v4) for v4 in wrapped) and (
                ip.ipv4_mapped is not None or _public(ip)
            )
    return _public(ip)
